//! Importance weights of the draws from a scenario's observations
//! (`[[observed]]`): the likelihood of each draw, and the running shift that
//! keeps the weights in range in one pass.
//!
//! Each observation is the metric's value in its year plus an independent
//! normal error of standard deviation `sd`, so a draw whose value is `y` has
//! the log-likelihood `-0.5 * sum(((y - value) / sd)^2)` (constants dropped:
//! they cancel when the weights are normalised). A draw's weight is
//! `exp(loglik - shift)`, where the shift is the largest log-likelihood seen
//! so far (log-sum-exp: the best draw has weight 1, no weight overflows, and
//! the likely draws never underflow). When a later block holds a more likely
//! draw, the weights already accumulated are multiplied by
//! `exp(old shift - new shift)` ([`super::Visitor::rescale`]); two parts of
//! the run are brought to the larger of their shifts before they merge. At
//! the end every weight is relative to the largest log-likelihood of the
//! run. The parts and their merges follow the fixed tree of the draw loop, so
//! weights do not depend on threads.

use ndarray::ArrayView2;

use super::Job;
use crate::model::{Model, Workspace};
use crate::scenario::{Metric, Scenario, Series};

/// The observations of a scenario as a log-likelihood of a draw's values.
#[derive(Debug, Clone)]
pub struct Likelihood {
    /// Per series: `(value, 1 / sd)` of its observations.
    by_series: Vec<Vec<(f64, f64)>>,
    /// Whether an axis metric (spending, effect, deliverable) is observed.
    axes: bool,
    /// Years of the segments and the market to step for the observations:
    /// one past the last observed year (0 when none is observed).
    years: usize,
}

impl Likelihood {
    /// The likelihood of `scenario`'s observations (none: every draw has
    /// log-likelihood 0).
    pub fn new(scenario: &Scenario) -> Likelihood {
        let ix = &scenario.metrics;
        let mut by_series = vec![Vec::new(); ix.n_series()];
        let (mut axes, mut years) = (false, 0);
        for o in &scenario.observed {
            by_series[o.series.0].push((o.value, 1.0 / o.sd));
            let (metric, t) = ix.split(o.series);
            match ix.metric(metric) {
                Metric::Spending(_)
                | Metric::Effect(_)
                | Metric::Deliverable(..)
                | Metric::PvSpending(_) => axes = true,
                _ => years = years.max(t + 1),
            }
        }
        Likelihood {
            by_series,
            axes,
            years,
        }
    }

    /// Adds the log-likelihood terms of `series`' values to each draw's
    /// `loglik`. A non-finite value makes the draw impossible (`-inf`).
    #[inline]
    pub fn add(&self, series: Series, values: &[f64], loglik: &mut [f64]) {
        for &(v, inv_sd) in &self.by_series[series.0] {
            for (l, &y) in loglik.iter_mut().zip(values) {
                let z = (y - v) * inv_sd;
                *l += if z.is_finite() {
                    -0.5 * z * z
                } else {
                    f64::NEG_INFINITY
                };
            }
        }
    }
}

/// What a weighted pass of the loop needs: which job's values carry the
/// observations, and their likelihood.
#[derive(Debug, Clone)]
pub struct Weighting {
    /// Index, among the jobs run together, of the job whose draws the
    /// observations weigh.
    pub job: usize,
    /// The observations.
    pub likelihood: Likelihood,
}

impl Weighting {
    /// The log-likelihood of every draw of a block of the weighted job (the
    /// `n` draws whose parameters are the columns of `params`), into
    /// `loglik`. Steps the block's effects into `ws` and only the years of
    /// the segments that the observations need, so that
    /// `Model::emit_block` can then hand out the whole block without
    /// stepping the effects again, and without keeping any value.
    pub fn loglik(
        &self,
        model: &Model,
        params: ArrayView2<'_, f64>,
        ws: &mut Workspace,
        loglik: &mut Vec<f64>,
    ) {
        let lik = &self.likelihood;
        loglik.clear();
        loglik.resize(params.ncols(), 0.0);
        model.step_effects(params, params.ncols(), ws);
        let add = |series, values: &[f64]| lik.add(series, values, loglik);
        model.emit_block(ws, lik.axes, lik.years, add);
    }
}

/// Why draws cannot be weighted.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightingError {
    /// The scenario has no `[[observed]]`.
    NoObservation,
    /// Every draw has a likelihood of 0 in double precision (an observed
    /// metric not finite, or absurdly far from its observation in units of
    /// its sd): no draw can explain the observations.
    Impossible,
}

impl std::fmt::Display for WeightingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WeightingError::NoObservation => write!(
                f,
                "the scenario has no [[observed]] figures to calibrate on; add at least one \
                 (metric, year, value, sd or rel_sd, source)"
            ),
            WeightingError::Impossible => write!(
                f,
                "no draw can explain the observations: in every draw an observed metric is \
                 not finite or lies more than 1e154 times its error (sd) from the observed \
                 value, so every likelihood is 0 in double precision; check the observed \
                 values and their units, and that no sd or rel_sd is far too small"
            ),
        }
    }
}

impl std::error::Error for WeightingError {}

impl Weighting {
    /// Weights for the draws of `jobs[job]` (all jobs share the draws) from
    /// its scenario's observations.
    pub fn new(jobs: &[Job<'_>], job: usize) -> Result<Weighting, WeightingError> {
        let scenario = jobs[job].scenario;
        if scenario.observed.is_empty() {
            return Err(WeightingError::NoObservation);
        }
        Ok(Weighting {
            job,
            likelihood: Likelihood::new(scenario),
        })
    }
}

/// The log-likelihood that gets weight 1 in a part of the run: the largest
/// seen so far, `-inf` before any finite one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Shift(pub(super) f64);

impl Default for Shift {
    fn default() -> Self {
        Shift(f64::NEG_INFINITY)
    }
}

impl Shift {
    /// Raises the shift to `to` if it is higher, returning the factor by
    /// which the weights accumulated so far must be multiplied (`None` when
    /// they stay as they are).
    pub(super) fn raise(&mut self, to: f64) -> Option<f64> {
        if to <= self.0 {
            return None;
        }
        let old = std::mem::replace(&mut self.0, to);
        // Nothing with a positive weight was seen under an infinite shift.
        old.is_finite().then(|| crate::math::exp(old - to))
    }

    /// The weights of a block from its log-likelihoods (in place), under a
    /// shift at least their maximum; an impossible draw weighs 0.
    pub(super) fn to_weights(self, loglik: &mut [f64]) {
        for l in loglik {
            *l = if *l == f64::NEG_INFINITY {
                0.0
            } else {
                crate::math::exp(*l - self.0)
            };
        }
    }
}
