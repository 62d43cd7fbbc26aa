//! `[[observed]]`: a metric of the scenario, a year of the horizon, the
//! observed value, its error (`sd` or `rel_sd`) and its source.

use super::checker::Checker;
use super::header::{Horizon, MAX_DESCRIPTION};
use super::targets::{check_metric, check_year};
use crate::scenario::Observation;
use crate::scenario::metrics::MetricIndex;
use crate::scenario::raw::RawObserved;
use crate::shown::Shown;

/// Every complete observation, in file order.
pub(super) fn check_observed(
    c: &mut Checker,
    raw: &[RawObserved],
    metrics: &MetricIndex,
    h: &Horizon,
) -> Vec<Observation> {
    let mut out = Vec::new();
    for (i, o) in raw.iter().enumerate() {
        let p = format!("observed[{i}]");
        let metric = check_metric(c, &p, o.metric.as_deref(), metrics);
        let year = check_year(c, format!("{p}.year"), o.year, h);
        let value = match o.value {
            None => {
                c.issue(
                    format!("{p}.value"),
                    "missing required key (the observed value, in the metric's unit)",
                );
                None
            }
            Some(v) if !v.is_finite() => {
                c.issue(
                    format!("{p}.value"),
                    format!("must be a finite number, got {}", Shown(v)),
                );
                None
            }
            Some(v) => Some(v),
        };
        let sd = check_error(c, &p, o, value);
        match &o.source {
            None => c.issue(
                format!("{p}.source"),
                "missing required key (where the figure comes from: publisher, date, figure)",
            ),
            Some(s) if s.trim().is_empty() => c.issue(
                format!("{p}.source"),
                "must not be empty (where the figure comes from: publisher, date, figure)",
            ),
            Some(_) => c.text(
                &format!("{p}.source"),
                o.source.as_ref(),
                MAX_DESCRIPTION,
                false,
            ),
        }
        let series = metric
            .as_ref()
            .zip(year)
            .and_then(|((m, _), y)| metrics.series_in(*m, y));
        if let (Some((metric, _)), Some(year), Some(value), Some(sd), Some(series), Some(source)) =
            (metric, year, value, sd, series, &o.source)
        {
            out.push(Observation {
                metric,
                year,
                series,
                value,
                sd,
                source: source.clone(),
            });
        }
    }
    out
}

/// Exactly one of `sd` and `rel_sd`, positive and finite; the error as a
/// standard deviation in the metric's unit (`rel_sd` times the value).
fn check_error(c: &mut Checker, p: &str, o: &RawObserved, value: Option<f64>) -> Option<f64> {
    let positive = |c: &mut Checker, key: &str, v: f64| {
        if v.is_finite() && v > 0.0 {
            true
        } else {
            c.issue(
                format!("{p}.{key}"),
                format!("must be a positive finite number, got {}", Shown(v)),
            );
            false
        }
    };
    match (o.sd, o.rel_sd) {
        (Some(sd), None) => positive(c, "sd", sd).then_some(sd),
        (None, Some(rel)) => {
            if !positive(c, "rel_sd", rel) {
                return None;
            }
            let v = value?;
            let sd = rel * v.abs();
            if sd > 0.0 && sd.is_finite() {
                return Some(sd);
            }
            let why = if v == 0.0 {
                "an observation of 0 needs `sd`"
            } else if sd == 0.0 {
                "the value is too small for a relative error; give `sd`"
            } else {
                "the error is beyond the largest number; give `sd`"
            };
            c.issue(
                format!("{p}.rel_sd"),
                format!(
                    "gives an error of {} for the value {}: {why}",
                    Shown(sd),
                    Shown(v)
                ),
            );
            None
        }
        (Some(_), Some(_)) => {
            c.issue(
                p,
                "give exactly one of `sd` (in the metric's unit) or `rel_sd` (a share of the value), not both",
            );
            None
        }
        (None, None) => {
            c.issue(
                p,
                "an observation needs its error: `sd` (in the metric's unit) or `rel_sd` (a share of the value)",
            );
            None
        }
    }
}
