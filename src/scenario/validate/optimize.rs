//! `[optimize]`: each key alone here (the rules of
//! [`crate::scenario::optimize`]); the keys together once the scenario is
//! built ([`check_problem`]).

use indexmap::IndexMap;

use super::checker::Checker;
use super::header::Horizon;
use super::targets::{check_metric, check_year};
use crate::scenario::Scenario;
use crate::scenario::metrics::MetricIndex;
use crate::scenario::optimize::{
    Objective, Spec, SpecError, StatisticKind, check_money, check_step, find_axis, parse_statistic,
    statistic_of,
};
use crate::scenario::raw::{RawObjective, RawOptimize};

/// The settings of `[optimize]` that are valid alone; `axis_ids` are the
/// scenario's axes.
pub(super) fn check_optimize(
    c: &mut Checker,
    raw: Option<&RawOptimize>,
    axis_ids: &[&str],
    metrics: &MetricIndex,
    h: &Horizon,
) -> Option<Spec> {
    let raw = raw?;
    let mut spec = Spec {
        objective: raw
            .objective
            .as_ref()
            .and_then(|o| check_objective(c, o, metrics, h)),
        envelope: raw.envelope.and_then(|v| {
            check_money(v)
                .and_then(|v| {
                    if v > 0.0 {
                        Ok(v)
                    } else {
                        Err("must be above 0 M EUR".into())
                    }
                })
                .map_err(|e| c.issue("optimize.envelope", e))
                .ok()
        }),
        step: raw
            .step
            .and_then(|v| check_step(v).map_err(|e| c.issue("optimize.step", e)).ok()),
        ..Spec::default()
    };
    if let Some(axes) = &raw.axes {
        let mut free = Vec::new();
        for (i, id) in axes.iter().enumerate() {
            let key = format!("optimize.axes[{i}]");
            match find_axis(axis_ids, id) {
                Ok(a) if free.contains(&a) => c.issue(key, format!("axis `{id}` is listed twice")),
                Ok(a) => free.push(a),
                Err(e) => c.issue(key, e),
            }
        }
        spec.axes = Some(free);
    }
    spec.min = check_bounds(c, "min", raw.min.as_ref(), axis_ids);
    spec.max = check_bounds(c, "max", raw.max.as_ref(), axis_ids);
    Some(spec)
}

/// `min` or `max`: axis ids to M EUR.
fn check_bounds(
    c: &mut Checker,
    key: &str,
    raw: Option<&IndexMap<String, f64>>,
    axis_ids: &[&str],
) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    for (id, &v) in raw.into_iter().flatten() {
        let path = format!("optimize.{key}.{id}");
        match (find_axis(axis_ids, id), check_money(v)) {
            (Ok(a), Ok(v)) => out.push((a, v)),
            (Err(e), _) | (_, Err(e)) => c.issue(path, e),
        }
    }
    out
}

/// `objective = { metric, year | years, statistic, at_least | at_most }`.
fn check_objective(
    c: &mut Checker,
    o: &RawObjective,
    metrics: &MetricIndex,
    h: &Horizon,
) -> Option<Objective> {
    let p = "optimize.objective";
    let metric = check_metric(c, p, o.metric.as_deref(), metrics);
    let years = match (o.year, &o.years) {
        (Some(y), None) => check_year(c, format!("{p}.year"), Some(y), h).map(|y| (y, y)),
        (None, Some(ys)) if ys.len() == 2 => {
            let a = check_year(c, format!("{p}.years[0]"), Some(ys[0]), h);
            let b = check_year(c, format!("{p}.years[1]"), Some(ys[1]), h);
            match (a, b) {
                (Some(a), Some(b)) if a <= b => Some((a, b)),
                (Some(a), Some(b)) => {
                    c.issue(
                        format!("{p}.years"),
                        format!("the first year must not be after the last, got [{a}, {b}]"),
                    );
                    None
                }
                _ => None,
            }
        }
        (None, Some(ys)) => {
            c.issue(
                format!("{p}.years"),
                format!(
                    "must be [first, last], two calendar years, got {} values",
                    ys.len()
                ),
            );
            None
        }
        (Some(_), Some(_)) => {
            c.issue(p, "give `year` or `years`, not both");
            None
        }
        (None, None) => {
            c.issue(
                p,
                "missing `year` (a year of the horizon) or `years = [first, last]` (a sum over years)",
            );
            None
        }
    };
    let kind = match o.statistic.as_deref().map(parse_statistic) {
        None => Some(StatisticKind::Mean),
        Some(Ok(k)) => Some(k),
        Some(Err(e)) => {
            c.issue(format!("{p}.statistic"), e);
            None
        }
    };
    let statistic = kind.and_then(|k| match statistic_of(k, o.at_least, o.at_most) {
        Ok(s) => Some(s),
        Err((key, e)) => {
            c.issue(format!("{p}{key}"), e);
            None
        }
    });
    let ((metric, name), years, statistic) = (metric?, years?, statistic?);
    Some(Objective {
        metric,
        name,
        years,
        statistic,
    })
}

/// The keys of `[optimize]` together, once the scenario is built: an error
/// at the key at fault, except what a flag of `esante optimize` may still
/// give (an objective, an envelope when the free axes have no money, as in
/// a counterfactual that extends a funded scenario).
pub(super) fn check_problem(s: &Scenario) -> Option<(String, String)> {
    let spec = s.optimize.as_ref()?;
    match spec.resolve(s) {
        // A flag may give what is missing; `optimize` itself reports it.
        Ok(_) | Err(SpecError::NoObjective) => None,
        Err(SpecError::NoEnvelope) if spec.envelope.is_none() => None,
        Err(e) => Some((format!("optimize.{}", e.key()), e.to_string())),
    }
}
