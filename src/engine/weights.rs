//! Importance weights of the draws from a scenario's observations
//! (`[[observed]]`): the likelihood of each draw, the first pass that finds
//! its maximum, and the settings a weighted pass of the loop needs.
//!
//! Each observation is the metric's value in its year plus an independent
//! normal error of standard deviation `sd`, so a draw whose value is `y` has
//! the log-likelihood `-0.5 * sum(((y - value) / sd)^2)` (constants dropped:
//! they cancel when the weights are normalised). A draw's weight is
//! `exp(loglik - max)`, with `max` the largest log-likelihood over the run's
//! draws, found by a first pass (log-sum-exp: the best draw has weight 1, no
//! weight overflows). Both passes are pure functions of the draws' indices,
//! so weights do not depend on threads.

use super::{Block, Job, Observer, Visit, Visitor, run_together};
use crate::scenario::{Scenario, Series};

/// The observations of a scenario as a log-likelihood of a draw's values.
#[derive(Debug, Clone)]
pub struct Likelihood {
    /// Per series: `(value, 1 / sd)` of its observations.
    by_series: Vec<Vec<(f64, f64)>>,
}

impl Likelihood {
    /// The likelihood of `scenario`'s observations (none: every draw has
    /// log-likelihood 0).
    pub fn new(scenario: &Scenario) -> Likelihood {
        let mut by_series = vec![Vec::new(); scenario.metrics.n_series()];
        for o in &scenario.observed {
            by_series[o.series.0].push((o.value, 1.0 / o.sd));
        }
        Likelihood { by_series }
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

    /// Whether `series` is observed.
    pub fn observes(&self, series: Series) -> bool {
        !self.by_series[series.0].is_empty()
    }
}

/// What a weighted pass of the loop needs: which job's values carry the
/// observations, their likelihood and the log-likelihood that gets weight 1.
#[derive(Debug, Clone)]
pub struct Weighting {
    /// Index, among the jobs run together, of the job whose draws the
    /// observations weigh.
    pub job: usize,
    /// The observations.
    pub likelihood: Likelihood,
    /// The largest log-likelihood over the draws (weight `exp(ll - shift)`).
    pub shift: f64,
}

/// Why draws cannot be weighted.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightingError {
    /// The scenario has no `[[observed]]`.
    NoObservation,
    /// Every draw has a non-finite observed metric: no draw can explain the
    /// observations.
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
                "no draw gives the observed metrics a finite value, so no draw can be weighted"
            ),
        }
    }
}

impl std::error::Error for WeightingError {}

impl Weighting {
    /// Weights for the draws of `jobs[job]` (all jobs share the draws): runs
    /// the first pass, which steps that job's model once, to find the largest
    /// log-likelihood. Reports each block to `observer.advance`.
    pub fn prepare(
        jobs: &[Job<'_>],
        job: usize,
        observer: &dyn Observer,
    ) -> Result<Weighting, WeightingError> {
        let scenario = jobs[job].scenario;
        if scenario.observed.is_empty() {
            return Err(WeightingError::NoObservation);
        }
        let likelihood = Likelihood::new(scenario);
        let pass = MaxLogLik {
            job: 0,
            likelihood: &likelihood,
        };
        let best = run_together(std::slice::from_ref(&jobs[job]), &pass, observer).max;
        if !best.is_finite() {
            return Err(WeightingError::Impossible);
        }
        Ok(Weighting {
            job,
            likelihood,
            shift: best,
        })
    }

    /// The weights of a block's draws from their log-likelihoods (in place).
    pub(super) fn to_weights(&self, loglik: &mut [f64]) {
        for l in loglik {
            *l = (*l - self.shift).exp();
        }
    }
}

/// The first pass: the largest log-likelihood over the draws.
struct MaxLogLik<'l> {
    job: usize,
    likelihood: &'l Likelihood,
}

struct MaxAcc<'l> {
    of: &'l MaxLogLik<'l>,
    loglik: Vec<f64>,
    max: f64,
}

impl Visitor for MaxAcc<'_> {
    fn values(&mut self, job: usize, block: Block, series: Series, values: &[f64]) {
        if job == self.of.job && self.of.likelihood.observes(series) {
            self.loglik.resize(block.n, 0.0);
            self.of.likelihood.add(series, values, &mut self.loglik);
        }
    }

    fn end(&mut self, _: Block) {
        for l in self.loglik.drain(..) {
            // NaN never happens (non-finite terms are -inf); -inf is skipped.
            if l > self.max {
                self.max = l;
            }
        }
    }
}

impl<'l> Visit for MaxLogLik<'l> {
    type Acc<'a>
        = MaxAcc<'a>
    where
        Self: 'a;

    fn leaf(&self) -> MaxAcc<'_> {
        MaxAcc {
            of: self,
            loglik: Vec::new(),
            max: f64::NEG_INFINITY,
        }
    }

    fn merge<'a>(&'a self, a: &mut MaxAcc<'a>, b: MaxAcc<'a>) {
        a.max = a.max.max(b.max);
    }
}
