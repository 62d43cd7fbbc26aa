//! What sensitivity analysis feeds the estimators from a scenario: Saltelli
//! base matrices, the per-draw samples of the real run, and the model as a
//! function of the uncertain parameters. Both evaluate the model through the
//! engine's draw loop with a visitor that keeps one metric.

use ndarray::{Array2, ArrayView1, ArrayView2, s};

use crate::engine::{Block, Job, Observer, Visit, Visitor};
use crate::sampling::{Domains, RUN_DOMAINS, RunSettings, Sampler};
use crate::scenario::{Correlation, Metric, Scenario, Series};

/// Stream domains of base matrix `A`: the run's own (docs/model.md section
/// 7), so an uncorrelated parameter's row of `A` is the run's first `N` draws
/// (under `lhs`, the run's design for `N` draws).
pub const A_DOMAINS: Domains<'static> = RUN_DOMAINS;
/// Stream domains of base matrix `B`: distinct from every other stream, so `B`
/// is independent of `A` and of the run.
pub const B_DOMAINS: Domains<'static> = ("esante/sobol-b/v1", "esante/sobol-b-lhs-permutation/v1");

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
/// uncertain parameters with the seed and sampling method of `settings` (its
/// draw count is not used).
///
/// Every parameter is sampled from its own marginal, independently of the
/// others (copula groups are ignored, see
/// [`BaseMatrices::ignored_correlations`]). `A` uses the streams of the run
/// ([`A_DOMAINS`]), `B` distinct streams ([`B_DOMAINS`]). Under `mc` a value is
/// the quantile of the stream uniform of its draw; under `lhs` each matrix is
/// its own Latin hypercube of `n` strata (independent permutations). The result
/// is a pure function of (scenario parameters, seed, n, sampling).
pub fn base_matrices(scenario: &Scenario, settings: RunSettings, n: usize) -> BaseMatrices {
    BaseMatrices {
        a: independent_sample(scenario, n, settings, A_DOMAINS),
        b: independent_sample(scenario, n, settings, B_DOMAINS),
        ignored_correlations: scenario.correlations.clone(),
    }
}

/// `k x n` independent marginal samples from streams keyed by `domains`
/// (uniforms, LHS permutation): the run's sampler without copula groups.
fn independent_sample(
    scenario: &Scenario,
    n: usize,
    settings: RunSettings,
    domains: Domains<'_>,
) -> Array2<f64> {
    let paths: Vec<String> = scenario.uncertain.iter().map(|u| u.path.clone()).collect();
    let dists: Vec<_> = scenario.uncertain.iter().map(|u| u.dist.clone()).collect();
    let sampler = Sampler::with_domains(
        &paths,
        &dists,
        &[],
        settings.seed,
        n as u64,
        settings.sampling,
        domains,
    );
    let mut out = Array2::<f64>::zeros((paths.len(), n));
    sampler.fill(0, out.view_mut());
    out
}

/// A pass that keeps one metric in every year of every draw of each job,
/// and optionally the draws' parameters.
struct Keep {
    /// Per job: the metric's series, by year index.
    series: Vec<Vec<Series>>,
    params: bool,
}

impl Keep {
    /// Keeps `metric` of each `(scenario, metric)` job.
    fn new(jobs: &[(&Scenario, Metric)], params: bool) -> Keep {
        Keep {
            series: jobs
                .iter()
                .map(|&(s, m)| (0..s.years()).map(|t| s.metrics.series(m, t)).collect())
                .collect(),
            params,
        }
    }
}

/// Per leaf and job: the kept columns of its blocks, in draw order.
struct Kept<'a> {
    of: &'a Keep,
    params: Vec<Vec<Array2<f64>>>,
    values: Vec<Vec<Array2<f64>>>,
}

impl Visitor for Kept<'_> {
    fn params(&mut self, job: usize, block: Block, params: ArrayView2<'_, f64>) {
        if self.of.params {
            self.params[job].push(params.to_owned());
        }
        self.values[job].push(Array2::zeros((self.of.series[job].len(), block.n)));
    }

    fn values(&mut self, job: usize, _: Block, series: Series, values: &[f64]) {
        if let Some(t) = self.of.series[job].iter().position(|&s| s == series) {
            let last = self.values[job].last_mut().expect("params come first");
            last.row_mut(t).assign(&ArrayView1::from(values));
        }
    }
}

impl Visit for Keep {
    type Acc<'a> = Kept<'a>;

    fn leaf(&self) -> Kept<'_> {
        let jobs = self.series.len();
        Kept {
            of: self,
            params: vec![Vec::new(); jobs],
            values: vec![Vec::new(); jobs],
        }
    }

    fn merge<'a>(&'a self, a: &mut Kept<'a>, b: Kept<'a>) {
        for (x, y) in a.params.iter_mut().zip(b.params) {
            x.extend(y);
        }
        for (x, y) in a.values.iter_mut().zip(b.values) {
            x.extend(y);
        }
    }
}

/// Side by side, in order: `rows x (sum of columns)`.
fn concat(blocks: Vec<Array2<f64>>, rows: usize) -> Array2<f64> {
    let n: usize = blocks.iter().map(|b| b.ncols()).sum();
    let mut out = Array2::<f64>::zeros((rows, n));
    let mut at = 0;
    for b in blocks {
        out.slice_mut(s![.., at..at + b.ncols()]).assign(&b);
        at += b.ncols();
    }
    out
}

/// One metric of a scenario, every year, as a function of the uncertain
/// parameters: the adapter that lets [`super::sobol::saltelli`] drive the model
/// through the engine's loop ([`Job::evaluate`]).
#[derive(Debug, Clone)]
pub struct MetricModel<'a> {
    job: Job<'a>,
    metric: Metric,
}

impl<'a> MetricModel<'a> {
    /// The model of `scenario` for `metric` (e.g. `market.total`).
    pub fn new(scenario: &'a Scenario, metric: Metric) -> MetricModel<'a> {
        MetricModel {
            job: Job::new(scenario, RunSettings::default()),
            metric,
        }
    }

    /// Number of outputs: one per simulated year.
    pub fn years(&self) -> usize {
        self.job.scenario.years()
    }

    /// The metric of every year for each column of `params` (`k x m`, rows in
    /// [`Scenario::uncertain`] order): a `years x m` array. Reports each block
    /// of model runs to `observer`.
    pub fn eval(&self, params: ArrayView2<'_, f64>, observer: &dyn Observer) -> Array2<f64> {
        let visit = Keep::new(&[(self.job.scenario, self.metric)], false);
        let mut kept = self.job.evaluate(params, &visit, observer);
        concat(kept.values.swap_remove(0), self.years())
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

/// The draws of the run [`crate::engine::run`] would make with `settings`
/// (same sampler, with correlations), keeping the parameters and `metric` of
/// every draw. Unlike a run, this stores the draws: `(k + T) x N` doubles.
/// The result does not depend on the number of threads.
pub fn scenario_draws(
    scenario: &Scenario,
    settings: RunSettings,
    metric: Metric,
    observer: &dyn Observer,
) -> Draws {
    draws_together(&[(scenario, metric)], settings, observer).swap_remove(0)
}

/// [`scenario_draws`] of several scenarios run together with `settings`,
/// draw by draw with common random numbers (as `esante compare` runs them),
/// each keeping its own metric: one [`Draws`] per `(scenario, metric)`.
pub fn draws_together(
    jobs: &[(&Scenario, Metric)],
    settings: RunSettings,
    observer: &dyn Observer,
) -> Vec<Draws> {
    let runs: Vec<Job> = jobs.iter().map(|&(s, _)| Job::new(s, settings)).collect();
    let visit = Keep::new(jobs, true);
    let kept = crate::engine::run_together(&runs, &visit, observer);
    kept.params
        .into_iter()
        .zip(kept.values)
        .zip(jobs)
        .map(|((params, values), &(s, _))| Draws {
            params: concat(params, s.uncertain.len()),
            metric: concat(values, s.years()),
        })
        .collect()
}
