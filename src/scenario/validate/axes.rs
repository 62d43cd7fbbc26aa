//! `[axes.<id>]`: funding axes, their money plan, effect parameters and
//! deliverables.

use indexmap::IndexMap;

use super::MAX_LAG;
use super::checker::{Checker, Domain, path_key, valid_id};
use super::header::Horizon;
use super::header::MAX_LABEL;
use super::schedule::check_schedule;
use crate::scenario::plan::{Schedule, yearly_plan};
use crate::scenario::raw::{RawAxis, RawDeliverable};
use crate::scenario::{Axis, Deliverable};

/// Every axis, in file order.
pub(super) fn check_axes(
    c: &mut Checker,
    raw: &IndexMap<String, RawAxis>,
    h: &Horizon,
) -> Vec<Axis> {
    raw.iter().map(|(id, a)| check_axis(c, id, a, h)).collect()
}

/// One axis: a valid id, its plan, lag, effect parameters and deliverables.
fn check_axis(c: &mut Checker, id: &str, a: &RawAxis, h: &Horizon) -> Axis {
    let p = format!("axes.{}", path_key(id));
    if !valid_id(id) {
        c.issue(
            &p,
            format!("`{id}` is not a valid axis id: use lowercase letters, digits, '-' and '_'"),
        );
    }
    let money = plan_money(c, &p, a, h);
    let lag = check_lag(c, &p, a.lag);
    let execution = c.param(
        &format!("{p}.execution"),
        a.execution.as_ref(),
        Some(1.0),
        Domain::UNIT,
    );
    let leverage = c.param(
        &format!("{p}.leverage"),
        a.leverage.as_ref(),
        Some(0.0),
        Domain::NON_NEGATIVE,
    );
    let depreciation = c.param(
        &format!("{p}.depreciation"),
        a.depreciation.as_ref(),
        Some(0.0),
        Domain::UNIT_OPEN_TOP,
    );
    let half_saturation = c.param(
        &format!("{p}.half_saturation"),
        a.half_saturation.as_ref(),
        None,
        Domain::POSITIVE,
    );
    let deliverables = a
        .deliverables
        .iter()
        .map(|(name, d)| check_deliverable(c, &p, name, d))
        .collect();
    c.text(&format!("{p}.label"), a.label.as_ref(), MAX_LABEL, false);
    Axis {
        id: id.to_string(),
        label: a.label.clone().unwrap_or_else(|| id.to_string()),
        budget: money.budget,
        plan: money.yearly,
        schedule_years: money.years,
        schedule: money.schedule,
        execution,
        leverage,
        lag,
        depreciation,
        half_saturation,
        deliverables,
    }
}

/// An axis' money: its plan and the schedule it comes from.
struct Money {
    budget: f64,
    yearly: Vec<f64>,
    years: Option<(i32, i32)>,
    schedule: Option<Schedule>,
}

/// Budget, schedule and yearly plan of an axis (nothing planned when they
/// are invalid: the problem is reported).
fn plan_money(c: &mut Checker, p: &str, a: &RawAxis, h: &Horizon) -> Money {
    let none = || Money {
        budget: 0.0,
        yearly: vec![0.0; h.years()],
        years: None,
        schedule: None,
    };
    let Some((budget, schedule)) = check_schedule(c, p, a, h) else {
        return none();
    };
    match yearly_plan(schedule.as_ref(), budget, h.start, h.end) {
        Ok(plan) => Money {
            budget: plan.budget,
            yearly: plan.yearly,
            years: plan.years,
            schedule,
        },
        // The checks above follow the plan's rules; this only guards them.
        Err(e) => {
            c.issue(format!("{p}.schedule"), e.to_string());
            none()
        }
    }
}

/// `lag`: whole years in `0..=MAX_LAG` (0 when absent).
fn check_lag(c: &mut Checker, p: &str, lag: Option<i64>) -> usize {
    match lag {
        None => 0,
        Some(l) if !(0..=MAX_LAG).contains(&l) => {
            c.issue(
                format!("{p}.lag"),
                format!("must be a whole number of years from 0 to {MAX_LAG}, got {l}"),
            );
            0
        }
        Some(l) => l as usize,
    }
}

/// `deliverables.<name>`: a valid name and units per M EUR `>= 0`.
fn check_deliverable(c: &mut Checker, p: &str, name: &str, d: &RawDeliverable) -> Deliverable {
    let dp = format!("{p}.deliverables.{name}");
    if !valid_id(name) {
        c.issue(
            &dp,
            format!(
                "`{name}` is not a valid deliverable name: use lowercase letters, digits, '-' and '_'"
            ),
        );
    }
    let per_meur = c.param(
        &format!("{dp}.per_meur"),
        d.per_meur.as_ref(),
        None,
        Domain::NON_NEGATIVE,
    );
    Deliverable {
        name: name.to_string(),
        per_meur,
    }
}
