//! The `[optimize]` table (docs/model.md, "Allocation"): what `esante
//! optimize` maximises and over which splits of the envelope. [`Spec`] holds
//! what a file or the command line gives, each setting checked alone;
//! [`Spec::resolve`] checks them together against the scenario and gives the
//! [`Problem`] the search solves.

use super::{Bound, Metric, MetricIndex, Scenario};
use crate::scenario::error::closest;

pub use super::domain::MAX_STEP;
/// Default grid step, as a share of the envelope.
pub const DEFAULT_STEP: f64 = 0.05;

/// Which statistic of the objective's distribution over the draws is
/// maximised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Statistic {
    /// The mean.
    Mean,
    /// A percentile, 1 to 99.
    Percentile(u8),
    /// The probability that the objective meets a bound.
    Prob(Bound),
}

impl Statistic {
    /// The statistic as a scenario file writes it: `mean`, `p10`, `prob`.
    pub fn name(&self) -> String {
        match self {
            Statistic::Mean => "mean".into(),
            Statistic::Percentile(p) => format!("p{p}"),
            Statistic::Prob(_) => "prob".into(),
        }
    }
}

/// A statistic's name without its level: `mean`, `pNN` or `prob`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatisticKind {
    /// `mean`.
    Mean,
    /// `pNN`, 1 to 99.
    Percentile(u8),
    /// `prob`: needs `at_least` or `at_most`.
    Prob,
}

/// Reads `mean`, `p1`..`p99` or `prob`.
pub fn parse_statistic(s: &str) -> Result<StatisticKind, String> {
    let allowed = "allowed: `mean`, a percentile `p1` to `p99` (e.g. `p10`), or `prob` with `at_least` or `at_most`";
    match s {
        "mean" => Ok(StatisticKind::Mean),
        "prob" => Ok(StatisticKind::Prob),
        _ => match s.strip_prefix('p').and_then(|d| d.parse::<u8>().ok()) {
            Some(p) if (1..=99).contains(&p) && !s[1..].starts_with('0') => {
                Ok(StatisticKind::Percentile(p))
            }
            _ => Err(format!("unknown statistic `{s}`; {allowed}")),
        },
    }
}

/// The statistic of `kind` with its level: `prob` needs exactly one of
/// `at_least` and `at_most`, the others none. The error names the key
/// (`.at_least`, or `` for the objective itself) and says why.
pub fn statistic_of(
    kind: StatisticKind,
    at_least: Option<f64>,
    at_most: Option<f64>,
) -> Result<Statistic, (&'static str, String)> {
    match (kind, at_least, at_most) {
        (StatisticKind::Prob, Some(v), None) if v.is_finite() => {
            Ok(Statistic::Prob(Bound::AtLeast(v)))
        }
        (StatisticKind::Prob, None, Some(v)) if v.is_finite() => {
            Ok(Statistic::Prob(Bound::AtMost(v)))
        }
        (StatisticKind::Prob, Some(v), None) => {
            Err((".at_least", format!("must be a finite number, got {v}")))
        }
        (StatisticKind::Prob, None, Some(v)) => {
            Err((".at_most", format!("must be a finite number, got {v}")))
        }
        (StatisticKind::Prob, _, _) => Err((
            "",
            "statistic `prob` needs exactly one of `at_least` or `at_most`".into(),
        )),
        (_, Some(_), _) => Err((
            ".at_least",
            "only with statistic = \"prob\" (the probability of reaching a level)".into(),
        )),
        (_, _, Some(_)) => Err((
            ".at_most",
            "only with statistic = \"prob\" (the probability of staying below a level)".into(),
        )),
        (StatisticKind::Mean, None, None) => Ok(Statistic::Mean),
        (StatisticKind::Percentile(p), None, None) => Ok(Statistic::Percentile(p)),
    }
}

/// The quantity maximised: a statistic of one metric in one year, or of its
/// sum over consecutive years.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// The metric.
    pub metric: Metric,
    /// Its name.
    pub name: String,
    /// First and last calendar year summed (the same year for one year).
    pub years: (i32, i32),
    /// What is maximised.
    pub statistic: Statistic,
}

impl Objective {
    /// Whether its values are shares in [0, 1]: a share metric in one year
    /// (a sum over years is not).
    pub fn is_share(&self, metrics: &MetricIndex) -> bool {
        metrics.info(self.metric).kind.is_share() && self.years.0 == self.years.1
    }
}

/// The settings of `[optimize]` (or of the flags), each checked alone;
/// `None` or empty where not given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spec {
    /// What to maximise.
    pub objective: Option<Objective>,
    /// M EUR to split; default the sum of the free axes' budgets.
    pub envelope: Option<f64>,
    /// The free axes, by index; default every axis with a schedule.
    pub axes: Option<Vec<usize>>,
    /// Grid step as a share of the envelope, in (0, 0.5].
    pub step: Option<f64>,
    /// Least budget of some axes, M EUR.
    pub min: Vec<(usize, f64)>,
    /// Largest budget of some axes, M EUR.
    pub max: Vec<(usize, f64)>,
}

impl Spec {
    /// `other`'s settings where it has them, this one's elsewhere (bounds
    /// merge axis by axis).
    pub fn overridden_by(&self, other: &Spec) -> Spec {
        let merge = |a: &[(usize, f64)], b: &[(usize, f64)]| {
            let mut out: Vec<(usize, f64)> = a
                .iter()
                .filter(|(i, _)| !b.iter().any(|(j, _)| j == i))
                .copied()
                .collect();
            out.extend_from_slice(b);
            out
        };
        Spec {
            objective: other.objective.clone().or_else(|| self.objective.clone()),
            envelope: other.envelope.or(self.envelope),
            axes: other.axes.clone().or_else(|| self.axes.clone()),
            step: other.step.or(self.step),
            min: merge(&self.min, &other.min),
            max: merge(&self.max, &other.max),
        }
    }

    /// Checks the settings together against `s` and fills in the defaults.
    pub fn resolve(&self, s: &Scenario) -> Result<Problem, SpecError> {
        let free: Vec<usize> = match &self.axes {
            Some(a) => a.clone(),
            None => (0..s.axes.len())
                .filter(|&i| s.axes[i].schedule.is_some())
                .collect(),
        };
        if free.is_empty() {
            return Err(SpecError::NoAxes);
        }
        if let Some(&i) = free.iter().find(|&&i| !s.axes[i].has_shape()) {
            return Err(SpecError::NoSchedule(s.axes[i].id.clone()));
        }
        let bound = |list: &[(usize, f64)], key: &'static str, default: f64| {
            let mut out = vec![default; free.len()];
            for &(a, v) in list {
                match free.iter().position(|&f| f == a) {
                    Some(k) => out[k] = v,
                    None => {
                        return Err(SpecError::NotFree {
                            key,
                            axis: s.axes[a].id.clone(),
                        });
                    }
                }
            }
            Ok(out)
        };
        let min = bound(&self.min, "min", 0.0)?;
        let max = bound(&self.max, "max", f64::INFINITY)?;
        for (k, &a) in free.iter().enumerate() {
            if min[k] > max[k] {
                return Err(SpecError::MinAboveMax {
                    axis: s.axes[a].id.clone(),
                    min: min[k],
                    max: max[k],
                });
            }
        }
        let current: f64 = free.iter().map(|&a| s.axes[a].budget).sum();
        let envelope = self.envelope.unwrap_or(current);
        if envelope.is_nan() || envelope <= 0.0 {
            return Err(SpecError::NoEnvelope);
        }
        let (lo, hi): (f64, f64) = (min.iter().sum(), max.iter().sum());
        if lo > envelope * (1.0 + 1e-12) {
            return Err(SpecError::MinimumsAbove { sum: lo, envelope });
        }
        if hi < envelope * (1.0 - 1e-12) {
            return Err(SpecError::MaximumsBelow { sum: hi, envelope });
        }
        let step = self.step.unwrap_or(DEFAULT_STEP);
        // Last: the file may leave the objective to a flag.
        let objective = self.objective.clone().ok_or(SpecError::NoObjective)?;
        Ok(Problem {
            objective,
            envelope,
            free,
            parts: (1.0 / step - 1e-9).ceil().max(2.0) as usize,
            min,
            max,
        })
    }
}

/// Why the settings of `[optimize]` and the flags make no problem to solve.
/// [`SpecError::key`] names the setting at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SpecError {
    /// Nothing to maximise.
    #[error(
        "no objective: give `objective = {{ metric = \"...\", year = ... }}` in [optimize] or --objective METRIC@YEAR"
    )]
    NoObjective,
    /// No free axis.
    #[error("no axis to split the envelope over: list at least one axis with a schedule")]
    NoAxes,
    /// A free axis without a schedule to shape its spending.
    #[error(
        "axis `{0}` has no schedule to spread a budget over; give it a `schedule` or leave it out of `axes`"
    )]
    NoSchedule(String),
    /// A bound on an axis that is not free.
    #[error("axis `{axis}` is not one of the free axes; bound only the axes being split")]
    NotFree {
        /// `min` or `max`.
        key: &'static str,
        /// Axis id.
        axis: String,
    },
    /// A least budget above the largest.
    #[error("axis `{axis}`: the minimum {min} M EUR is above the maximum {max} M EUR")]
    MinAboveMax {
        /// Axis id.
        axis: String,
        /// Least budget.
        min: f64,
        /// Largest budget.
        max: f64,
    },
    /// An envelope that is not positive (the free axes have no money).
    #[error(
        "the envelope must be above 0 M EUR (by default it is the free axes' budgets, which add up to 0): give `envelope` in [optimize] or --envelope"
    )]
    NoEnvelope,
    /// Minimums adding up to more than the envelope.
    #[error(
        "the minimums add up to {sum} M EUR, above the envelope of {envelope} M EUR: no split can meet them"
    )]
    MinimumsAbove {
        /// Sum of the minimums.
        sum: f64,
        /// The envelope.
        envelope: f64,
    },
    /// Maximums adding up to less than the envelope.
    #[error(
        "the maximums add up to {sum} M EUR, below the envelope of {envelope} M EUR: no split can spend it"
    )]
    MaximumsBelow {
        /// Sum of the maximums.
        sum: f64,
        /// The envelope.
        envelope: f64,
    },
}

impl SpecError {
    /// The setting at fault (a key of `[optimize]`; flags are named alike).
    pub fn key(&self) -> &'static str {
        match self {
            SpecError::NoObjective => "objective",
            SpecError::NoAxes | SpecError::NoSchedule(_) => "axes",
            SpecError::NotFree { key, .. } => key,
            SpecError::MinAboveMax { .. } | SpecError::MinimumsAbove { .. } => "min",
            SpecError::MaximumsBelow { .. } => "max",
            SpecError::NoEnvelope => "envelope",
        }
    }
}

/// What the search solves: maximise the objective over the splits of the
/// envelope between the free axes within their bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What to maximise.
    pub objective: Objective,
    /// M EUR to split.
    pub envelope: f64,
    /// The free axes, by index into the scenario's axes.
    pub free: Vec<usize>,
    /// The grid divides the envelope into this many equal parts (the
    /// smallest count whose part is at most the step asked for).
    pub parts: usize,
    /// Least budget of each free axis, M EUR (0 when not given).
    pub min: Vec<f64>,
    /// Largest budget of each free axis, M EUR (infinite when not given).
    pub max: Vec<f64>,
}

/// The grid step in (0, 0.5], or why not.
pub fn check_step(step: f64) -> Result<f64, String> {
    if step > 0.0 && step <= MAX_STEP {
        Ok(step)
    } else {
        Err(format!(
            "must be a share of the envelope above 0 and at most {MAX_STEP}, got {step}"
        ))
    }
}

/// A budget bound or envelope: a finite number of M EUR, at least 0.
pub fn check_money(v: f64) -> Result<f64, String> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!(
            "must be a finite number of M EUR, at least 0, got {v}"
        ))
    }
}

/// The index of axis `id` among the scenario's axis ids, or a message
/// listing them.
pub fn find_axis(ids: &[&str], id: &str) -> Result<usize, String> {
    ids.iter().position(|a| *a == id).ok_or_else(|| {
        let mut msg = format!("unknown axis `{id}`");
        if let Some(c) = closest(id, ids.iter().copied()) {
            msg.push_str(&format!("; did you mean `{c}`?"));
        }
        msg.push_str(&format!("; axes of this scenario: {}", ids.join(", ")));
        msg
    })
}
