//! `[[targets]]`: a metric of the scenario, a year of the horizon and one
//! bound.

use super::checker::{Checker, short_list};
use super::header::Horizon;
use super::header::MAX_LABEL;
use crate::scenario::error::closest;
use crate::scenario::metrics::{Metric, MetricIndex};
use crate::scenario::raw::RawTarget;
use crate::scenario::{Bound, Target};
use crate::shown::Shown;

/// Every complete target, in file order; `metrics` is the scenario's metrics.
pub(super) fn check_targets(
    c: &mut Checker,
    raw: &[RawTarget],
    metrics: &MetricIndex,
    h: &Horizon,
) -> Vec<Target> {
    let mut targets = Vec::new();
    for (i, t) in raw.iter().enumerate() {
        let p = format!("targets[{i}]");
        let metric = check_metric(c, &p, t.metric.as_deref(), metrics);
        let year = check_year(c, format!("{p}.year"), t.year, h);
        let bound = check_bound(c, &p, t);
        c.text(&format!("{p}.label"), t.label.as_ref(), MAX_LABEL, false);
        // Without a valid horizon the year has no series (its error is reported).
        let series = metric
            .as_ref()
            .zip(year)
            .and_then(|((m, _), y)| metrics.series_in(*m, y));
        if let (Some((metric, name)), Some(year), Some(bound), Some(series)) =
            (metric, year, bound, series)
        {
            let label = t.label.clone().unwrap_or_else(|| {
                let op = if matches!(bound, Bound::AtLeast(_)) {
                    ">="
                } else {
                    "<="
                };
                format!("{name} {op} {} in {year}", bound.level())
            });
            targets.push(Target {
                metric,
                year,
                series,
                bound,
                label,
            });
        }
    }
    targets
}

/// `metric`: the name of one of the scenario's metrics, with that name.
pub(super) fn check_metric(
    c: &mut Checker,
    p: &str,
    m: Option<&str>,
    metrics: &MetricIndex,
) -> Option<(Metric, String)> {
    let Some(m) = m else {
        c.issue(
            format!("{p}.metric"),
            "missing required key (a metric name such as `market.total`)",
        );
        return None;
    };
    if let Some(id) = metrics.find(m) {
        return Some((id, m.to_string()));
    }
    let names: Vec<&str> = metrics.names().collect();
    let mut help = format!(
        "metrics of this scenario: {}",
        short_list(names.iter().copied())
    );
    if let Some(cl) = closest(m, names.iter().copied()) {
        help = format!("did you mean `{cl}`? {help}");
    }
    if m.starts_with("pv.") && !metrics.has_present_values() {
        help = "present values (`pv.*`) are metrics only when the scenario has an \
                [economics] table (e.g. `discount_rate = 0.025`)"
            .to_string();
    }
    c.issue_help(format!("{p}.metric"), format!("unknown metric `{m}`"), help);
    None
}

/// A year of the horizon at key `key` (not checked without a valid
/// horizon).
pub(super) fn check_year(
    c: &mut Checker,
    key: String,
    year: Option<i64>,
    h: &Horizon,
) -> Option<i32> {
    match year {
        None => {
            c.issue(key, "missing required key (a year of the horizon)");
            None
        }
        Some(y) if h.ok && !h.contains(y) => {
            c.issue(
                key,
                format!(
                    "must be within the horizon, {} to {}, got {y}",
                    h.start, h.end
                ),
            );
            None
        }
        Some(y) => Some(y as i32),
    }
}

/// Exactly one of `at_least` and `at_most`, a finite number.
fn check_bound(c: &mut Checker, p: &str, t: &RawTarget) -> Option<Bound> {
    match (t.at_least, t.at_most) {
        (Some(v), None) if v.is_finite() => Some(Bound::AtLeast(v)),
        (None, Some(v)) if v.is_finite() => Some(Bound::AtMost(v)),
        (Some(v), None) | (None, Some(v)) => {
            let key = if t.at_least.is_some() {
                "at_least"
            } else {
                "at_most"
            };
            c.issue(
                format!("{p}.{key}"),
                format!("must be a finite number, got {}", Shown(v)),
            );
            None
        }
        _ => {
            c.issue(p, "a target needs exactly one of `at_least` or `at_most`");
            None
        }
    }
}
