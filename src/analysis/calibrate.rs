//! Calibration: the Monte Carlo conditioned on the scenario's observed
//! figures by importance weighting.
//!
//! Each draw of the prior (the scenario's distributions) gets the weight
//! `exp(loglik - max)` of its values at the observations (independent normal
//! errors, [`crate::engine::Likelihood`]), and every statistic becomes a
//! weighted statistic of the same draws: the posterior. One pass computes the
//! prior and posterior statistics of every series and every uncertain
//! parameter together (the maximum is a running shift, see
//! [`crate::engine::Weighting`]). Memory
//! does not depend on the number of draws and results do not depend on the
//! thread count.
//!
//! Importance weighting is only as good as the overlap between prior and
//! posterior: [`Diagnostics`] gives Kish's effective sample size and the
//! Pareto k-hat of the weights' tail (Vehtari et al. 2024), and
//! [`Diagnostics::reliable`] says whether the posterior rests on enough draws.

use ndarray::ArrayView2;
use serde::Serialize;

use super::compare::Spread;
use super::run::Run;
use crate::engine::{
    self, Block, Job, Observer, RunStats, Statistics, Visit, Visitor, Weighting, WeightingError,
};
use crate::sampling::RunSettings;
use crate::scenario::{Metric, Scenario, Series};
use crate::stats::{BlockWeights, SeriesStats};

/// The smallest effective sample size a posterior should rest on.
pub const MIN_ESS: f64 = 1000.0;
/// Above this Pareto k-hat, importance-sampling estimates are unreliable
/// (Vehtari et al. 2024, section 3).
pub const MAX_KHAT: f64 = 0.7;

/// How one uncertain parameter moved.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterShift {
    /// Index in [`Scenario::uncertain`].
    pub index: usize,
    /// The parameter's path.
    pub path: String,
    /// Its distribution over the draws (the prior).
    pub prior: Spread,
    /// Its weighted distribution (the posterior).
    pub posterior: Spread,
    /// The prior's full statistics (for its histogram).
    pub prior_stats: SeriesStats,
    /// The posterior's full statistics.
    pub posterior_stats: SeriesStats,
    /// The move of the mean in prior standard deviations,
    /// `|posterior mean - prior mean| / prior sd` (0 for a parameter the
    /// prior does not spread).
    pub shift: f64,
}

/// The weights' diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Diagnostics {
    /// Number of draws.
    pub draws: u64,
    /// Kish's effective sample size `(sum w)^2 / sum w^2`.
    pub ess: f64,
    /// The largest weight's share of the total.
    pub max_weight: f64,
    /// Pareto-smoothed importance sampling's k-hat of the weights' tail:
    /// minus infinity (`null` in JSON) when the largest weights are all
    /// equal, infinity when too few weights stand out to fit a tail (see
    /// [`crate::stats::importance::Tail::khat`]).
    pub khat: f64,
    /// Draws that would bring the effective sample size to [`MIN_ESS`]
    /// (it grows in proportion to the draws).
    pub draws_for_min_ess: u64,
}

impl Diagnostics {
    /// Whether the posterior rests on enough draws: effective sample size at
    /// least [`MIN_ESS`] and k-hat at most [`MAX_KHAT`].
    pub fn reliable(&self) -> bool {
        self.ess >= MIN_ESS && self.khat <= MAX_KHAT
    }
}

/// The result of [`calibrate`].
#[derive(Debug, Clone)]
pub struct Calibration {
    /// The run before calibration (every draw counts the same), for the
    /// series a calibration shows beside the posterior ([`prior_shows`]);
    /// the other series are empty.
    pub prior: RunStats,
    /// The weighted run.
    pub posterior: RunStats,
    /// Every uncertain parameter, the ones the observations moved most first.
    pub parameters: Vec<ParameterShift>,
}

impl Calibration {
    /// The prior and the posterior as runs of `scenario` (the calibrated
    /// scenario).
    pub fn runs<'a>(&'a self, scenario: &'a Scenario) -> (Run<'a>, Run<'a>) {
        let run = |stats| Run { scenario, stats };
        (run(&self.prior), run(&self.posterior))
    }

    /// The weights' diagnostics.
    pub fn diagnostics(&self) -> Diagnostics {
        let w = self
            .posterior
            .weights
            .as_ref()
            .expect("a calibration is weighted");
        Diagnostics {
            draws: w.sums.draws,
            ess: w.sums.ess(),
            max_weight: w.sums.max_share(),
            khat: w.tail.khat(),
            draws_for_min_ess: w.sums.draws_for_ess(MIN_ESS),
        }
    }
}

/// Calibrates `scenario` on its observations with `settings`: one pass over
/// the draws, reported to `observer` (which the caller starts for `draws`
/// and finishes).
pub fn calibrate(
    scenario: &Scenario,
    settings: RunSettings,
    observer: &dyn Observer,
) -> Result<Calibration, WeightingError> {
    let jobs = [Job::new(scenario, settings)];
    let weighting = Weighting::new(&jobs, 0)?;
    let visit = (
        (
            Statistics::unweighted(&jobs[0], 0).only(|s| prior_shows(scenario, s)),
            Statistics::new(&jobs[0], 0),
        ),
        Parameters {
            k: scenario.uncertain.len(),
        },
    );
    let ((prior, posterior), params) = engine::run_weighted(&jobs, &weighting, &visit, observer)?;
    let ((ps, qs), _) = &visit;
    let mut parameters: Vec<ParameterShift> = scenario
        .uncertain
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let prior = Spread::of(&params.prior[i]);
            let posterior = Spread::of(&params.posterior[i]);
            let shift = if prior.sd > 0.0 {
                (posterior.mean - prior.mean).abs() / prior.sd
            } else {
                0.0
            };
            ParameterShift {
                index: i,
                path: u.path.clone(),
                prior,
                posterior,
                prior_stats: params.prior[i].clone(),
                posterior_stats: params.posterior[i].clone(),
                shift,
            }
        })
        .collect();
    parameters.sort_by(|a, b| b.shift.total_cmp(&a.shift).then(a.index.cmp(&b.index)));
    Ok(Calibration {
        prior: ps.finish(prior),
        posterior: qs.finish(posterior),
        parameters,
    })
}

/// Whether the prior of `series` is kept beside the posterior: the observed
/// series (the backtest before calibration), every year of the adoption and
/// total market metrics (their fans show the prior's median) and the last
/// year of the market metrics and of the total market's present value (the
/// table of what moved). Nothing else: the
/// prior's statistics add to the cost of a calibration.
pub fn prior_shows(scenario: &Scenario, series: Series) -> bool {
    let (metric, year) = scenario.metrics.locate(series);
    let last = year == scenario.end_year;
    match metric {
        Metric::Adoption(_) | Metric::Total => true,
        Metric::Domestic | Metric::Export | Metric::PvTotal => last,
        _ => scenario.observed.iter().any(|o| o.series == series),
    }
}

/// The prior and posterior of every uncertain parameter of job 0, as a
/// visitor of a weighted pass.
struct Parameters {
    k: usize,
}

/// Partial prior and posterior statistics of the parameters.
struct ParamAcc {
    prior: Vec<SeriesStats>,
    posterior: Vec<SeriesStats>,
    weights: BlockWeights,
    row: Vec<f64>,
}

impl Visitor for ParamAcc {
    fn weights(&mut self, _: Block, weights: &[f64]) {
        self.weights.set(weights);
    }

    fn rescale(&mut self, factor: f64) {
        for s in &mut self.posterior {
            s.rescale(factor);
        }
    }

    fn params(&mut self, job: usize, _: Block, params: ArrayView2<'_, f64>) {
        if job != 0 {
            return;
        }
        for (i, r) in params.rows().into_iter().enumerate() {
            let row = match r.as_slice() {
                Some(row) => row,
                None => {
                    self.row.clear();
                    self.row.extend(r.iter().copied());
                    &self.row
                }
            };
            self.prior[i].add_slice(row);
            self.posterior[i].add_weighted(row, &self.weights);
        }
    }

    fn values(&mut self, _: usize, _: Block, _: Series, _: &[f64]) {}
}

impl Visit for Parameters {
    type Acc<'a> = ParamAcc;

    fn leaf(&self) -> ParamAcc {
        ParamAcc {
            prior: vec![SeriesStats::default(); self.k],
            posterior: vec![SeriesStats::weighted(); self.k],
            weights: BlockWeights::default(),
            row: Vec::new(),
        }
    }

    fn merge(&self, a: &mut ParamAcc, b: ParamAcc) {
        for (x, y) in a.prior.iter_mut().zip(&b.prior) {
            x.merge(y);
        }
        for (x, y) in a.posterior.iter_mut().zip(&b.posterior) {
            x.merge(y);
        }
    }
}
