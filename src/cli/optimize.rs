//! `esante optimize`'s flags as a [`Spec`] over the scenario's `[optimize]`
//! table: each flag checked alone by the rules of the file's keys, then the
//! settings together, an error naming the flag (or the key) at fault.

use esante::Scenario;
use esante::scenario::optimize::{
    Objective, Problem, Spec, StatisticKind, check_money, check_step, find_axis, parse_statistic,
    statistic_of,
};

use super::UsageError;
use super::lowargs::OptimizeArgs;

fn usage(flag: &str, msg: impl std::fmt::Display) -> anyhow::Error {
    UsageError(format!("{flag}: {msg}")).into()
}

/// The problem the flags and the scenario's `[optimize]` table pose.
pub fn problem(s: &Scenario, a: &OptimizeArgs) -> anyhow::Result<Problem> {
    let file = s.optimize.clone().unwrap_or_default();
    let ids: Vec<&str> = s.axes.iter().map(|x| x.id.as_str()).collect();
    let mut flags = Spec::default();
    let stat_flags = a.statistic.is_some() || a.at_least.is_some() || a.at_most.is_some();
    if a.objective.is_some() || stat_flags {
        let (metric, name, years) = match &a.objective {
            Some(text) => objective(s, text)?,
            None => {
                let o = file.objective.as_ref().ok_or_else(|| {
                    usage(
                        "--statistic",
                        "there is no objective to apply it to: give --objective METRIC@YEAR",
                    )
                })?;
                (o.metric, o.name.clone(), o.years)
            }
        };
        let statistic = if stat_flags {
            let kind = match a.statistic.as_deref() {
                Some(t) => parse_statistic(t).map_err(|e| usage("--statistic", e))?,
                None if a.at_least.is_some() || a.at_most.is_some() => StatisticKind::Prob,
                None => StatisticKind::Mean,
            };
            statistic_of(kind, a.at_least, a.at_most).map_err(|(key, e)| {
                let flag = match key {
                    ".at_least" => "--at-least",
                    ".at_most" => "--at-most",
                    _ => "--statistic",
                };
                usage(
                    flag,
                    e.replace("`at_least`", "--at-least")
                        .replace("`at_most`", "--at-most"),
                )
            })?
        } else {
            file.objective
                .as_ref()
                .map_or(esante::scenario::optimize::Statistic::Mean, |o| o.statistic)
        };
        flags.objective = Some(Objective {
            metric,
            name,
            years,
            statistic,
        });
    }
    if let Some(v) = a.envelope {
        let v = check_money(v).map_err(|e| usage("--envelope", e))?;
        if v <= 0.0 {
            return Err(usage("--envelope", "must be above 0 M EUR"));
        }
        flags.envelope = Some(v);
    }
    if let Some(v) = a.step {
        flags.step = Some(check_step(v).map_err(|e| usage("--step", e))?);
    }
    if let Some(list) = &a.axes {
        let mut free = Vec::new();
        for id in list {
            let k = find_axis(&ids, id.trim()).map_err(|e| usage("--axes", e))?;
            if free.contains(&k) {
                return Err(usage("--axes", format!("axis `{id}` is listed twice")));
            }
            free.push(k);
        }
        flags.axes = Some(free);
    }
    flags.min = bounds("--min", &a.min, &ids)?;
    flags.max = bounds("--max", &a.max, &ids)?;
    let spec = file.overridden_by(&flags);
    spec.resolve(s).map_err(|e| {
        let key = e.key();
        let from_flag = match key {
            "objective" => flags.objective.is_some(),
            "envelope" => flags.envelope.is_some(),
            "axes" => flags.axes.is_some(),
            "min" => !flags.min.is_empty(),
            "max" => !flags.max.is_empty(),
            _ => false,
        };
        if from_flag || s.optimize.is_none() {
            usage(&format!("--{key}"), e)
        } else {
            let file = s.files.first().map(|f| f.display().to_string());
            UsageError(format!(
                "{} [optimize] {key}: {e}",
                file.unwrap_or_default()
            ))
            .into()
        }
    })
}

/// `METRIC@YEAR` or `METRIC@FIRST..LAST`.
fn objective(
    s: &Scenario,
    text: &str,
) -> anyhow::Result<(esante::scenario::Metric, String, (i32, i32))> {
    let flag = "--objective";
    let (name, years) = text.rsplit_once('@').ok_or_else(|| {
        usage(
            flag,
            format!("expected METRIC@YEAR or METRIC@FIRST..LAST, got `{text}`"),
        )
    })?;
    let metric = s.metrics.find(name).ok_or_else(|| {
        let names: Vec<&str> = s.metrics.names().collect();
        let mut msg = format!("unknown metric `{name}`");
        if let Some(c) = esante::scenario::error::closest(name, names.iter().copied()) {
            msg.push_str(&format!("; did you mean `{c}`?"));
        }
        usage(flag, msg)
    })?;
    let year = |y: &str| -> anyhow::Result<i32> {
        let v: i32 = y
            .trim()
            .parse()
            .map_err(|_| usage(flag, format!("`{y}` is not a calendar year")))?;
        if v < s.start_year || v > s.end_year {
            return Err(usage(
                flag,
                format!(
                    "the year must be within the horizon, {} to {}, got {v}",
                    s.start_year, s.end_year
                ),
            ));
        }
        Ok(v)
    };
    let years = match years.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            if a > b {
                return Err(usage(
                    flag,
                    format!("the first year must not be after the last, got {a}..{b}"),
                ));
            }
            (a, b)
        }
        None => {
            let y = year(years)?;
            (y, y)
        }
    };
    Ok((metric, name.to_string(), years))
}

/// `AXIS=MEUR` values of a repeatable flag.
fn bounds(flag: &str, values: &[String], ids: &[&str]) -> anyhow::Result<Vec<(usize, f64)>> {
    let mut out: Vec<(usize, f64)> = Vec::new();
    for v in values {
        let (id, m) = v
            .split_once('=')
            .ok_or_else(|| usage(flag, format!("expected AXIS=MEUR, got `{v}`")))?;
        let k = find_axis(ids, id.trim()).map_err(|e| usage(flag, e))?;
        let m: f64 = m
            .trim()
            .parse()
            .map_err(|_| usage(flag, format!("`{m}` is not a number of M EUR")))?;
        let m = check_money(m).map_err(|e| usage(flag, e))?;
        out.retain(|(a, _)| *a != k);
        out.push((k, m));
    }
    Ok(out)
}
