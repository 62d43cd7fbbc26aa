//! What sensitivity analysis feeds the estimators from a scenario: Saltelli
//! base matrices, per-draw samples of the real run, and the model as a function
//! of the uncertain parameters.

use ndarray::{Array2, ArrayView1, ArrayView2, s};
use rayon::prelude::*;

use crate::engine::{BLOCK, Job, block_span};
use crate::model::{Model, Workspace, metric_catalogue};
use crate::sampling::{Domains, RUN_DOMAINS, Sampler, Sampling};
use crate::scenario::{Correlation, Scenario};

/// Stream domains of base matrix `A`: the run's own (MODEL.md section 7), so an
/// uncorrelated parameter's row of `A` is the run's first `N` draws (under
/// `lhs`, the run's design for `N` draws).
pub const A_DOMAINS: Domains<'static> = RUN_DOMAINS;
/// Stream domains of base matrix `B`: distinct from every other stream, so `B`
/// is independent of `A` and of the run.
pub const B_DOMAINS: Domains<'static> = ("esante/sobol-b/v1", "esante/sobol-b-lhs-permutation/v1");

/// A metric the scenario does not have.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("unknown metric `{name}`; the scenario's metrics are: {}", available.join(", "))]
pub struct UnknownMetric {
    /// The name asked for.
    pub name: String,
    /// Every metric of the scenario, in output order.
    pub available: Vec<String>,
}

/// Index of metric `name` in the scenario's [`metric_catalogue`].
pub fn metric_index(scenario: &Scenario, name: &str) -> Result<usize, UnknownMetric> {
    let metrics = metric_catalogue(&scenario.axes, &scenario.segments);
    metrics
        .iter()
        .position(|m| m.name == name)
        .ok_or_else(|| UnknownMetric {
            name: name.to_string(),
            available: metrics.into_iter().map(|m| m.name).collect(),
        })
}

/// Independent base matrices `A` and `B` for Saltelli sampling.
#[derive(Debug, Clone)]
pub struct BaseMatrices {
    /// `k x N`: one row per uncertain parameter (in [`Scenario::uncertain`]
    /// order), one column per base draw.
    pub a: Array2<f64>,
    /// `k x N`, independent of `a`.
    pub b: Array2<f64>,
    /// The scenario's declared correlations, which the base matrices ignore
    /// (Sobol indices assume independent inputs). Not empty: the caller should
    /// warn that the indices describe the uncorrelated model.
    pub ignored_correlations: Vec<Correlation>,
}

/// Samples the base matrices `A` and `B` (`k x n` each) of a scenario's
/// uncertain parameters with the scenario's seed and sampling method
/// ([`Scenario::simulation`]; the draw count there is not used).
///
/// Every parameter is sampled from its own marginal, independently of the
/// others (copula groups are ignored, see
/// [`BaseMatrices::ignored_correlations`]). `A` uses the streams of the run
/// ([`A_DOMAINS`]), `B` distinct streams ([`B_DOMAINS`]). Under `mc` a value is
/// the quantile of the stream uniform of its draw; under `lhs` each matrix is
/// its own Latin hypercube of `n` strata (independent permutations). The result
/// is a pure function of (scenario parameters, seed, n, sampling).
pub fn base_matrices(scenario: &Scenario, n: usize) -> BaseMatrices {
    let sim = scenario.simulation;
    BaseMatrices {
        a: independent_sample(scenario, n, sim.seed, sim.sampling, A_DOMAINS),
        b: independent_sample(scenario, n, sim.seed, sim.sampling, B_DOMAINS),
        ignored_correlations: scenario.correlations.clone(),
    }
}

/// `k x n` independent marginal samples from streams keyed by `domains`
/// (uniforms, LHS permutation): the run's sampler without copula groups.
fn independent_sample(
    scenario: &Scenario,
    n: usize,
    seed: u64,
    sampling: Sampling,
    domains: Domains<'_>,
) -> Array2<f64> {
    let paths: Vec<String> = scenario.uncertain.iter().map(|u| u.path.clone()).collect();
    let dists: Vec<_> = scenario.uncertain.iter().map(|u| u.dist.clone()).collect();
    let sampler = Sampler::with_domains(&paths, &dists, &[], seed, n as u64, sampling, domains);
    let mut out = Array2::<f64>::zeros((paths.len(), n));
    sampler.fill(0, out.view_mut());
    out
}

/// One metric of a scenario, every year, as a function of the uncertain
/// parameters: the adapter that lets [`super::sobol::saltelli`] drive the model.
#[derive(Debug, Clone)]
pub struct MetricModel {
    model: Model,
    metric: usize,
}

impl MetricModel {
    /// Compiles the scenario's model for metric `metric` (e.g. `market.total`).
    pub fn new(scenario: &Scenario, metric: &str) -> Result<MetricModel, UnknownMetric> {
        Ok(MetricModel {
            metric: metric_index(scenario, metric)?,
            model: Model::new(scenario),
        })
    }

    /// Number of outputs: one per simulated year.
    pub fn years(&self) -> usize {
        self.model.years()
    }

    /// The metric of every year for each column of `params` (`k x m`, rows in
    /// [`Scenario::uncertain`] order): a `years x m` array. Runs the model in
    /// blocks of [`BLOCK`] columns with one reused workspace.
    pub fn eval(&self, params: ArrayView2<'_, f64>) -> Array2<f64> {
        let m = params.ncols();
        let mut out = Array2::<f64>::zeros((self.years(), m));
        let mut ws = Workspace::default();
        for start in (0..m).step_by(BLOCK) {
            let end = (start + BLOCK).min(m);
            let block = params.slice(s![.., start..end]);
            self.model
                .run_block(block, end - start, &mut ws, |metric, t, values| {
                    if metric == self.metric {
                        out.slice_mut(s![t, start..end])
                            .iter_mut()
                            .zip(values)
                            .for_each(|(o, v)| *o = *v);
                    }
                });
        }
        out
    }
}

/// Per-draw values of a scenario's real run: the parameters and one metric.
#[derive(Debug, Clone)]
pub struct Draws {
    /// `k x N`: the uncertain parameters of every draw ([`Scenario::uncertain`]
    /// order).
    pub params: Array2<f64>,
    /// `T x N`: the metric in every year of every draw.
    pub metric: Array2<f64>,
}

/// The draws of the run [`crate::engine::run`] would make (same sampler, with
/// correlations, same seed, draw count and sampling from
/// [`Scenario::simulation`]), keeping the parameters and metric `metric` of
/// every draw. Unlike `run`, this stores the draws: `(k + T) x N` doubles.
/// Parallel over fixed blocks of [`BLOCK`] draws; the result does not depend on
/// the number of threads.
pub fn scenario_draws(scenario: &Scenario, metric: &str) -> Result<Draws, UnknownMetric> {
    let m = metric_index(scenario, metric)?;
    let job = Job::new(scenario);
    let sim = scenario.simulation;
    let (k, n, years) = (job.n_params, sim.draws as usize, job.years);
    let blocks: Vec<(Array2<f64>, Array2<f64>)> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map(|b| {
            let (start, len) = block_span(b, sim.draws);
            let mut p = job.samples();
            let mut y = Array2::<f64>::zeros((years, len));
            job.eval(start, len, &mut p, &mut Workspace::default(), |idx, v| {
                if idx / years == m {
                    y.row_mut(idx % years).assign(&ArrayView1::from(v));
                }
            });
            (p.slice_move(s![.., ..len]), y)
        })
        .collect();
    let mut params = Array2::<f64>::zeros((k, n));
    let mut values = Array2::<f64>::zeros((years, n));
    for (b, (p, y)) in blocks.into_iter().enumerate() {
        let cols = b * BLOCK..b * BLOCK + p.ncols();
        params.slice_mut(s![.., cols.clone()]).assign(&p);
        values.slice_mut(s![.., cols]).assign(&y);
    }
    Ok(Draws {
        params,
        metric: values,
    })
}
