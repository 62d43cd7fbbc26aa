//! The budget-and-schedule plan of an axis: how much public money it plans to
//! spend in each simulated year (docs/model.md section 2), and re-budgeting a
//! validated scenario ([`Scenario::with_budgets`]).
//!
//! ```
//! use esante::scenario::plan::{Schedule, yearly_plan};
//! let flat = Schedule::Flat { from: 2022, to: 2025 };
//! let plan = yearly_plan(Some(&flat), 100.0, 2021, 2026)?;
//! assert_eq!(plan.yearly, vec![0.0, 25.0, 25.0, 25.0, 25.0, 0.0]);
//! assert_eq!(plan.years, Some((2022, 2025)));
//! # Ok::<(), esante::scenario::plan::PlanError>(())
//! ```

use super::{Axis, Scenario};

/// When an axis spends its budget, as the scenario file gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    /// `{ from, to }`: the budget spread evenly over the years `from..=to`.
    Flat {
        /// First year of spending.
        from: i32,
        /// Last year of spending.
        to: i32,
    },
    /// `{ from, amounts }`: one amount (M EUR) per year from `from` on; the
    /// budget is their sum.
    Amounts {
        /// First year of spending.
        from: i32,
        /// Yearly amounts, M EUR.
        amounts: Vec<f64>,
    },
}

impl Schedule {
    /// First and last year of spending.
    pub fn years(&self) -> (i32, i32) {
        match self {
            Schedule::Flat { from, to } => (*from, *to),
            Schedule::Amounts { from, amounts } => (*from, from + amounts.len() as i32 - 1),
        }
    }
}

/// An axis' planned spending.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The budget, M EUR: as given for a flat schedule, the sum of the
    /// amounts for an explicit one.
    pub budget: f64,
    /// Planned spending in each year of the horizon, M EUR.
    pub yearly: Vec<f64>,
    /// First and last year of the schedule, when there is one.
    pub years: Option<(i32, i32)>,
}

/// Why a budget and a schedule make no plan.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// The horizon ends before it starts.
    #[error("the horizon {start} to {end} is empty")]
    EmptyHorizon {
        /// First year.
        start: i32,
        /// Last year.
        end: i32,
    },
    /// A budget below 0 or not a number.
    #[error("a budget must be a finite number >= 0 (M EUR), got {0}")]
    Budget(f64),
    /// Money without a schedule to spend it.
    #[error("a budget of {0} M EUR needs a schedule")]
    NoSchedule(f64),
    /// Schedule years outside the horizon, or `to` before `from`.
    #[error("the schedule {from} to {to} is not within the horizon {start} to {end}")]
    Years {
        /// First year of the schedule.
        from: i32,
        /// Last year of the schedule.
        to: i32,
        /// First year of the horizon.
        start: i32,
        /// Last year of the horizon.
        end: i32,
    },
    /// An explicit amount below 0 or not a number.
    #[error("amounts must be finite numbers >= 0, got {0}")]
    Amount(f64),
    /// An explicit schedule whose amounts do not add up to the budget.
    #[error("budget {budget} does not match the sum of schedule amounts {sum}")]
    Mismatch {
        /// The budget given.
        budget: f64,
        /// The sum of the amounts.
        sum: f64,
    },
}

/// The yearly plan of an axis over the horizon `start..=end` from its budget
/// (M EUR) and schedule, by the rules of scenario files: a flat schedule
/// spreads the budget evenly over its years; explicit amounts are the plan
/// and must add up to the budget (to 1e-9, relative); no schedule plans
/// nothing and allows only a budget of 0.
pub fn yearly_plan(
    schedule: Option<&Schedule>,
    budget: f64,
    start: i32,
    end: i32,
) -> Result<Plan, PlanError> {
    if end < start {
        return Err(PlanError::EmptyHorizon { start, end });
    }
    if !budget.is_finite() || budget < 0.0 {
        return Err(PlanError::Budget(budget));
    }
    let mut yearly = vec![0.0; (end - start + 1) as usize];
    let Some(schedule) = schedule else {
        return if budget > 0.0 {
            Err(PlanError::NoSchedule(budget))
        } else {
            Ok(Plan {
                budget,
                yearly,
                years: None,
            })
        };
    };
    let (from, to) = schedule.years();
    if from < start || to > end || to < from {
        return Err(PlanError::Years {
            from,
            to,
            start,
            end,
        });
    }
    let t0 = (from - start) as usize;
    let budget = match schedule {
        Schedule::Flat { .. } => {
            let n = (to - from + 1) as usize;
            for v in yearly.iter_mut().skip(t0).take(n) {
                *v = budget / n as f64;
            }
            budget
        }
        Schedule::Amounts { amounts, .. } => {
            if let Some(bad) = amounts.iter().find(|v| !v.is_finite() || **v < 0.0) {
                return Err(PlanError::Amount(*bad));
            }
            let sum: f64 = amounts.iter().sum();
            if (budget - sum).abs() > 1e-9 * budget.abs().max(1.0) {
                return Err(PlanError::Mismatch { budget, sum });
            }
            for (v, amt) in yearly.iter_mut().skip(t0).zip(amounts) {
                *v = *amt;
            }
            sum
        }
    };
    Ok(Plan {
        budget,
        yearly,
        years: Some((from, to)),
    })
}

/// Why a scenario cannot be re-budgeted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BudgetError {
    /// No axis at this index.
    #[error("the scenario has no axis #{0}")]
    NoAxis(usize),
    /// The axis' schedule gives no shape to spread the new budget with.
    #[error("axis `{axis}` has no schedule to spread a budget of {budget} M EUR over")]
    NoShape {
        /// Axis id.
        axis: String,
        /// The budget asked for.
        budget: f64,
    },
    /// The new plan is invalid.
    #[error("axis `{axis}`: {error}")]
    Plan {
        /// Axis id.
        axis: String,
        /// Why.
        error: PlanError,
    },
}

impl Scenario {
    /// The same scenario with new budgets (M EUR) for some axes, given by
    /// index: each schedule keeps its shape. A flat schedule spreads the new
    /// budget evenly over its years (also when the old budget was 0);
    /// explicit amounts are scaled by new / old. An axis without a schedule,
    /// or whose amounts are all 0, can only keep a budget of 0.
    ///
    /// [`Scenario::resolved`] is updated (the axis' `budget`, and
    /// `schedule.amounts` when the file gives amounts) and
    /// [`Scenario::hash`] recomputed from it, so the result is the scenario
    /// a file with these budgets would give.
    pub fn with_budgets(&self, budgets: &[(usize, f64)]) -> Result<Scenario, BudgetError> {
        let mut s = self.clone();
        for &(i, budget) in budgets {
            let axis = s.axes.get(i).ok_or(BudgetError::NoAxis(i))?;
            let (schedule, plan) = axis.rebudget(budget, s.start_year, s.end_year)?;
            rewrite_budget(&mut s.resolved, &axis.id, budget, schedule.as_ref());
            let axis = &mut s.axes[i];
            axis.budget = plan.budget;
            axis.plan = plan.yearly;
            axis.schedule_years = plan.years;
            axis.schedule = schedule;
        }
        s.hash = super::canonical_hash(&s.resolved);
        Ok(s)
    }
}

impl Axis {
    /// Whether its schedule gives a shape to spread any budget with: a flat
    /// schedule, or explicit amounts that are not all 0.
    pub fn has_shape(&self) -> bool {
        match &self.schedule {
            Some(Schedule::Flat { .. }) => true,
            Some(Schedule::Amounts { .. }) => self.budget > 0.0,
            None => false,
        }
    }

    /// This axis' schedule and plan with a new budget (M EUR) over the
    /// horizon `start..=end`, by the rules of [`Scenario::with_budgets`]; the
    /// axis' own budget gives back its own plan, bit for bit.
    pub fn rebudget(
        &self,
        budget: f64,
        start: i32,
        end: i32,
    ) -> Result<(Option<Schedule>, Plan), BudgetError> {
        let fail = |error| BudgetError::Plan {
            axis: self.id.clone(),
            error,
        };
        if !budget.is_finite() || budget < 0.0 {
            return Err(fail(PlanError::Budget(budget)));
        }
        let no_shape = || BudgetError::NoShape {
            axis: self.id.clone(),
            budget,
        };
        let schedule = match &self.schedule {
            Some(Schedule::Amounts { from, amounts }) if budget != self.budget => {
                if !self.has_shape() {
                    return Err(no_shape());
                }
                let factor = budget / self.budget;
                let amounts = amounts.iter().map(|a| a * factor).collect();
                Some(Schedule::Amounts {
                    from: *from,
                    amounts,
                })
            }
            None if budget > 0.0 => return Err(no_shape()),
            other => other.clone(),
        };
        let plan_budget = match &schedule {
            Some(Schedule::Amounts { amounts, .. }) => amounts.iter().sum(),
            _ => budget,
        };
        let plan = yearly_plan(schedule.as_ref(), plan_budget, start, end).map_err(fail)?;
        Ok((schedule, plan))
    }
}

/// Writes an axis' new budget (and amounts) into the resolved scenario table.
fn rewrite_budget(resolved: &mut toml::Table, id: &str, budget: f64, schedule: Option<&Schedule>) {
    let Some(toml::Value::Table(axis)) = resolved
        .get_mut("axes")
        .and_then(|a| a.as_table_mut())
        .and_then(|a| a.get_mut(id))
    else {
        return;
    };
    if let Some(old) = axis.get_mut("budget") {
        *old = number_like(old, budget);
    }
    if let (Some(Schedule::Amounts { amounts, .. }), Some(toml::Value::Table(written))) =
        (schedule, axis.get_mut("schedule"))
        && let Some(toml::Value::Array(old)) = written.get_mut("amounts")
    {
        for (o, a) in old.iter_mut().zip(amounts) {
            *o = number_like(o, *a);
        }
    }
}

/// `v` as a TOML value of the same type as `old` where it can be: an
/// integer stays an integer while the value is whole, so an unchanged value
/// is written back unchanged.
fn number_like(old: &toml::Value, v: f64) -> toml::Value {
    match old {
        toml::Value::Integer(_) if v.fract() == 0.0 && v.abs() < 9.0e15 => {
            toml::Value::Integer(v as i64)
        }
        _ => toml::Value::Float(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Axes: 0 flat, 1 amounts with a budget, 2 amounts without one, 3 no
    /// money, 4 a flat schedule with budget 0, 5 amounts all 0.
    const TEXT: &str = r#"
[scenario]
name = "budgets"
start_year = 2021
end_year = 2028
[axes.flat]
budget = 10
schedule = { from = 2022, to = 2026 }
half_saturation = 20
[axes.explicit]
budget = 6
schedule = { from = 2023, amounts = [1, 2, 3] }
half_saturation = 20
[axes.sum]
schedule = { from = 2021, amounts = [1.5, 2.5] }
half_saturation = 20
[axes.none]
budget = 0
half_saturation = 20
[axes.idle]
budget = 0.0
schedule = { from = 2024, to = 2025 }
half_saturation = 20
[axes.zeros]
schedule = { from = 2024, amounts = [0, 0] }
half_saturation = 20
[segments.s]
population = 100
initial_adoption = 0.1
p = 0.01
q = 0.3
ceiling = 0.9
value_per_adopter = 1
"#;

    fn load(text: &str) -> Scenario {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, text).unwrap();
        Scenario::load(&path).unwrap()
    }

    /// Every axis' plan.
    fn plans(s: &Scenario) -> Vec<Plan> {
        let plan = |a: &crate::scenario::Axis| Plan {
            budget: a.budget,
            yearly: a.plan.clone(),
            years: a.schedule_years,
        };
        s.axes.iter().map(plan).collect()
    }

    #[test]
    fn same_budgets_keep_hash_plan_and_table() {
        let s = load(TEXT);
        let same: Vec<(usize, f64)> = s.axes.iter().map(|a| a.budget).enumerate().collect();
        let r = s.with_budgets(&same).unwrap();
        assert_eq!(r.hash, s.hash);
        assert_eq!(r.resolved, s.resolved);
        assert_eq!(plans(&r), plans(&s));
        assert_eq!(s.hash, crate::scenario::canonical_hash(&s.resolved));
    }

    #[test]
    fn new_budgets_scale_the_plan_and_change_the_hash() {
        let s = load(TEXT);
        let r = s
            .with_budgets(&[(0, 25.0), (1, 9.0), (2, 1.0), (4, 3.0)])
            .unwrap();
        assert_ne!(r.hash, s.hash);
        assert_eq!(r.hash, crate::scenario::canonical_hash(&r.resolved));
        for (i, want) in [(0, 25.0), (1, 9.0), (2, 1.0), (4, 3.0)] {
            let sum: f64 = r.axes[i].plan.iter().sum();
            assert!((sum - want).abs() < 1e-12 * want, "axis {i}: {sum}");
            assert!((r.axes[i].budget - want).abs() < 1e-12 * want);
            assert_eq!(r.axes[i].schedule_years, s.axes[i].schedule_years);
        }
        // Shapes are kept: flat stays flat, amounts are scaled.
        assert_eq!(r.axes[0].plan, [0.0, 5.0, 5.0, 5.0, 5.0, 5.0, 0.0, 0.0]);
        let scaled: Vec<f64> = s.axes[1].plan.iter().map(|v| v * 1.5).collect();
        assert_eq!(r.axes[1].plan, scaled);
        assert_eq!(r.axes[2].plan[..2], [0.375, 0.625]);
        // A flat schedule with no money spreads the new budget over its years.
        assert_eq!(r.axes[4].plan, [0.0, 0.0, 0.0, 1.5, 1.5, 0.0, 0.0, 0.0]);
        // Untouched axes are unchanged.
        assert_eq!(plans(&r)[3], plans(&s)[3]);
        assert_eq!(plans(&r)[5], plans(&s)[5]);
    }

    #[test]
    fn rebudgeted_scenario_is_the_one_its_file_would_give() {
        let s = load(TEXT);
        let r = s.with_budgets(&[(0, 20.0), (1, 12.0), (4, 4.0)]).unwrap();
        let text = TEXT
            .replace("budget = 10\n", "budget = 20\n")
            .replace(
                "budget = 6\nschedule = { from = 2023, amounts = [1, 2, 3] }",
                "budget = 12\nschedule = { from = 2023, amounts = [2, 4, 6] }",
            )
            .replace("budget = 0.0\n", "budget = 4.0\n");
        let f = load(&text);
        assert_eq!(r.hash, f.hash);
        assert_eq!(r.resolved, f.resolved);
        assert_eq!(plans(&r), plans(&f));
    }

    #[test]
    fn budgets_without_a_shape_are_refused() {
        let s = load(TEXT);
        let no_shape = |i: usize| {
            matches!(
                s.with_budgets(&[(i, 1.0)]),
                Err(BudgetError::NoShape { .. })
            )
        };
        assert!(no_shape(3), "no schedule");
        assert!(no_shape(5), "amounts all 0");
        assert!(s.with_budgets(&[(3, 0.0), (5, 0.0)]).is_ok());
        assert_eq!(
            s.with_budgets(&[(6, 1.0)]).unwrap_err(),
            BudgetError::NoAxis(6)
        );
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                s.with_budgets(&[(0, bad)]),
                Err(BudgetError::Plan {
                    error: PlanError::Budget(_),
                    ..
                })
            ));
        }
    }

    #[test]
    fn yearly_plan_follows_the_file_rules() {
        let flat = Schedule::Flat {
            from: 2022,
            to: 2023,
        };
        let p = yearly_plan(Some(&flat), 3.0, 2021, 2023).unwrap();
        assert_eq!(p.yearly, [0.0, 1.5, 1.5]);
        assert_eq!(p.budget, 3.0);
        let amounts = Schedule::Amounts {
            from: 2021,
            amounts: vec![1.0, 2.0],
        };
        let p = yearly_plan(Some(&amounts), 3.0, 2021, 2023).unwrap();
        assert_eq!(
            (p.yearly, p.years),
            (vec![1.0, 2.0, 0.0], Some((2021, 2022)))
        );
        assert_eq!(
            yearly_plan(Some(&amounts), 4.0, 2021, 2023),
            Err(PlanError::Mismatch {
                budget: 4.0,
                sum: 3.0
            })
        );
        assert_eq!(
            yearly_plan(None, 1.0, 2021, 2023),
            Err(PlanError::NoSchedule(1.0))
        );
        assert_eq!(yearly_plan(None, 0.0, 2021, 2023).unwrap().yearly, [0.0; 3]);
        assert!(matches!(
            yearly_plan(Some(&flat), 1.0, 2023, 2030),
            Err(PlanError::Years { .. })
        ));
        assert!(matches!(
            yearly_plan(Some(&flat), 1.0, 2023, 2021),
            Err(PlanError::EmptyHorizon { .. })
        ));
    }
}
