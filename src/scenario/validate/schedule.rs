//! An axis' `budget` and `schedule` keys, checked by the rules of
//! [`yearly_plan`](crate::scenario::plan::yearly_plan), with a message for
//! each way they can be wrong.

use super::checker::Checker;
use super::header::Horizon;
use crate::scenario::plan::Schedule;
use crate::scenario::raw::{RawAxis, RawSchedule};
use crate::shown::Shown;

/// The budget (M EUR) and schedule of axis `p`, when both are valid and the
/// horizon is known; every problem is reported.
pub(super) fn check_schedule(
    c: &mut Checker,
    p: &str,
    a: &RawAxis,
    h: &Horizon,
) -> Option<(f64, Option<Schedule>)> {
    if let Some(b) = a.budget
        && (!b.is_finite() || b < 0.0)
    {
        c.issue(
            format!("{p}.budget"),
            format!("must be a finite number >= 0 (M EUR), got {}", Shown(b)),
        );
        return None;
    }
    let Some(s) = &a.schedule else {
        return no_schedule(c, p, a.budget).filter(|_| h.ok);
    };
    let sp = format!("{p}.schedule");
    let Some(from) = s.from else {
        c.issue(
            format!("{sp}.from"),
            "missing required key (the first year of spending)",
        );
        return None;
    };
    if !h.ok {
        // The horizon's own error is reported; years cannot be checked against it.
        return None;
    }
    if !h.contains(from) {
        c.issue(
            format!("{sp}.from"),
            format!(
                "must be within the horizon, {} to {}, got {from}",
                h.start, h.end
            ),
        );
        return None;
    }
    match (s.to, &s.amounts) {
        (Some(_), Some(_)) => {
            c.issue_help(
                &sp,
                "give either `to` (flat) or `amounts` (explicit), not both",
                "remove one of them",
            );
            None
        }
        (None, None) => {
            c.issue_help(
                &sp,
                "a schedule needs `to` or `amounts`",
                "e.g. `{ from = 2022, to = 2026 }`",
            );
            None
        }
        (Some(to), None) => flat(c, p, a.budget, from, to, h),
        (None, Some(_)) => amounts(c, p, a.budget, s, from, h),
    }
}

/// An axis without a schedule: it must say `budget = 0`.
fn no_schedule(c: &mut Checker, p: &str, budget: Option<f64>) -> Option<(f64, Option<Schedule>)> {
    match budget {
        None => {
            c.issue_help(
                format!("{p}.budget"),
                "missing required key (M EUR of public money; 0 for an axis without money)",
                "add `budget = ...` and a `schedule`",
            );
            None
        }
        Some(b) if b > 0.0 => {
            c.issue_help(
                format!("{p}.schedule"),
                format!("a budget of {b} M EUR needs a schedule"),
                "add `schedule = { from = YEAR, to = YEAR }` or `schedule = { from = YEAR, amounts = [...] }`",
            );
            None
        }
        Some(b) => Some((b, None)),
    }
}

/// `{ from, to }`: years within the horizon, in order, and a budget to spread.
fn flat(
    c: &mut Checker,
    p: &str,
    budget: Option<f64>,
    from: i64,
    to: i64,
    h: &Horizon,
) -> Option<(f64, Option<Schedule>)> {
    let sp = format!("{p}.schedule");
    if to < from {
        c.issue(
            format!("{sp}.to"),
            format!("must be >= from ({from}), got {to}"),
        );
        return None;
    }
    if !h.contains(to) {
        c.issue(
            format!("{sp}.to"),
            format!(
                "must be within the horizon, {} to {}, got {to}",
                h.start, h.end
            ),
        );
        return None;
    }
    let Some(budget) = budget else {
        c.issue_help(
            format!("{p}.budget"),
            "missing required key: a flat schedule spreads `budget` over its years",
            "add `budget = ...`, or give `amounts` instead of `to`",
        );
        return None;
    };
    let (from, to) = (from as i32, to as i32);
    Some((budget, Some(Schedule::Flat { from, to })))
}

/// `{ from, amounts }`: at least one amount, all within the horizon, finite
/// and `>= 0`, adding up to the budget when one is given.
fn amounts(
    c: &mut Checker,
    p: &str,
    budget: Option<f64>,
    s: &RawSchedule,
    from: i64,
    h: &Horizon,
) -> Option<(f64, Option<Schedule>)> {
    let sp = format!("{p}.schedule");
    let amounts = s.amounts.as_deref().unwrap_or_default();
    if amounts.is_empty() {
        c.issue(
            format!("{sp}.amounts"),
            "must list at least one yearly amount",
        );
        return None;
    }
    let last = from + amounts.len() as i64 - 1;
    if !h.contains(last) {
        c.issue(
            format!("{sp}.amounts"),
            format!(
                "{} amounts from {from} run to {last}, past the horizon's end {}",
                amounts.len(),
                h.end
            ),
        );
        return None;
    }
    if let Some(bad) = amounts.iter().find(|v| !v.is_finite() || **v < 0.0) {
        c.issue(
            format!("{sp}.amounts"),
            format!("amounts must be finite numbers >= 0, got {}", Shown(*bad)),
        );
        return None;
    }
    let sum: f64 = amounts.iter().sum();
    if let Some(b) = budget
        && (b - sum).abs() > 1e-9 * b.abs().max(1.0)
    {
        c.issue_help(
            format!("{p}.budget"),
            format!("budget {b} does not match the sum of schedule amounts {sum}"),
            "make them agree, or omit `budget` (it is then the sum of the amounts)",
        );
        return None;
    }
    let schedule = Schedule::Amounts {
        from: from as i32,
        amounts: amounts.to_vec(),
    };
    Some((sum, Some(schedule)))
}
