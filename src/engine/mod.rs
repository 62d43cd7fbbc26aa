//! The Monte Carlo engine: **one** draw loop, in fixed blocks, handing every
//! block to visitors, parallel with rayon and independent of the thread count.
//!
//! Draws are cut into blocks of [`BLOCK`] draws. For each block and each job
//! (a scenario compiled with its [`RunSettings`]), the loop fills the
//! parameters (sampled, see [`crate::sampling`], or given, for designed
//! experiments), steps the model for all the block's draws at once, and hands
//! the parameters and every metric's values to a [`Visitor`]. Blocks are
//! grouped into at most [`MAX_LEAVES`] leaves (of at least
//! [`MIN_LEAF_BLOCKS`] blocks) whose boundaries depend only on the number of
//! draws; each leaf has its own visitor, and leaves are merged
//! pairwise along a fixed binary tree with `rayon::join`. Every floating-point
//! merge happens in the same order whatever the number of threads, so results
//! are byte-identical on 1 or 64 threads. Statistics ([`Statistics`]), the
//! draws export ([`ExportDraws`]), paired differences, sensitivity designs are
//! visitors; long jobs report progress to an [`Observer`].
//!
//! ```
//! use esante::engine::{self, Silent};
//! let s = esante::Scenario::load("scenarios/no-program.toml".as_ref())?;
//! let settings = esante::sampling::RunSettings { draws: 2000, ..s.simulation };
//! let stats = engine::run(&s, settings, &Silent);
//! let total = s.metrics.find("market.total").unwrap();
//! let last = stats.get(s.metrics.series(total, s.years() - 1));
//! assert_eq!(last.moments.n, 2000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod export;
pub mod memory;
mod observer;
mod shard;
mod stats;
mod visit;
mod weights;

use std::ops::Range;

use ndarray::{Array2, ArrayView2, ArrayViewMut2, s};

pub use export::ExportDraws;
pub use observer::{Observer, Silent};
pub use shard::{Shard, ShardError};
pub use stats::{Importance, RunStats, Statistics};
pub use visit::{Block, Visit, Visitor};
pub use weights::{Likelihood, Weighting, WeightingError};

use weights::Shift;

use crate::model::{Model, Workspace};
use crate::sampling::{Domains, RUN_DOMAINS, RunSettings, Sampler};
use crate::scenario::Scenario;

/// Draws per block: the unit of sampling and of statistics updates.
pub const BLOCK: usize = 1024;
/// Upper bound on the number of leaves of the reduction tree.
pub const MAX_LEAVES: usize = 64;
/// Fewest blocks in a leaf (but the last): each leaf starts its visitor
/// afresh and is merged into the others, which for the statistics of a
/// scenario of several hundred series costs about a block of draws. A
/// default run of 10,000 draws is then two leaves, not ten.
pub const MIN_LEAF_BLOCKS: usize = 5;

/// A scenario prepared for a run with given settings: its compiled model and
/// the sampler of its uncertain parameters.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Draws, seed and sampling.
    pub settings: RunSettings,
    model: Model,
    sampler: Sampler,
}

impl<'a> Job<'a> {
    /// Compiles `scenario` and prepares the streams of its parameters for
    /// `settings`.
    pub fn new(scenario: &'a Scenario, settings: RunSettings) -> Job<'a> {
        Job::with_domains(scenario, settings, RUN_DOMAINS)
    }

    /// A job whose parameters come from the streams of `domains` instead of
    /// the run's: draws independent of the run's (for an out-of-sample
    /// check).
    pub fn with_domains(
        scenario: &'a Scenario,
        settings: RunSettings,
        domains: Domains<'_>,
    ) -> Job<'a> {
        let paths: Vec<String> = scenario.uncertain.iter().map(|u| u.path.clone()).collect();
        let dists: Vec<_> = scenario.uncertain.iter().map(|u| u.dist.clone()).collect();
        let sampler = Sampler::with_domains(
            &paths,
            &dists,
            &scenario.copula_groups,
            settings.seed,
            settings.draws,
            settings.sampling,
            domains,
        );
        Job {
            scenario,
            settings,
            model: Model::new(scenario),
            sampler,
        }
    }

    /// The uniforms behind the parameters of draws `start .. start +
    /// out.ncols()` (see [`Sampler::fill_uniforms`]): what common random
    /// numbers share between two jobs.
    pub fn uniforms(&self, start: u64, out: ArrayViewMut2<'_, f64>) {
        self.sampler.fill_uniforms(start, out);
    }

    /// Runs the draws of this job through `visit` (see [`run_together`]).
    pub fn run<'v, V: Visit>(&self, visit: &'v V, observer: &dyn Observer) -> V::Acc<'v> {
        run_together(std::slice::from_ref(self), visit, observer)
    }

    /// Evaluates the model at given parameter values instead of sampled ones:
    /// column `j` of `params` (uncertain parameters x draws, in
    /// [`Scenario::uncertain`] order) is draw `j`. The same loop as
    /// [`Job::run`], for designed experiments such as Sobol's matrices.
    pub fn evaluate<'v, V: Visit>(
        &self,
        params: ArrayView2<'_, f64>,
        visit: &'v V,
        observer: &dyn Observer,
    ) -> V::Acc<'v> {
        assert_eq!(
            params.nrows(),
            self.scenario.uncertain.len(),
            "one row per parameter"
        );
        let draws = params.ncols() as u64;
        drive(
            &[&self.model],
            draws,
            all_blocks(draws),
            &|_, start, mut out: ArrayViewMut2<'_, f64>| {
                let n = out.ncols();
                let s = start as usize;
                out.assign(&params.slice(s![.., s..s + n]));
            },
            &[self.scenario.uncertain.len()],
            None,
            visit,
            observer,
        )
        .0
    }
}

/// The draw loop over several jobs in lockstep: block by block, every job
/// samples and steps the same draws (common random numbers, since streams are
/// keyed by parameter path), then the visitor closes the block. Every job must
/// have the same number of draws. Runs on the current rayon pool; reports each
/// block to `observer.advance` (the caller calls `start` and `finish`).
pub fn run_together<'v, V: Visit>(
    jobs: &[Job<'_>],
    visit: &'v V,
    observer: &dyn Observer,
) -> V::Acc<'v> {
    let blocks = all_blocks(jobs.first().map_or(0, |j| j.settings.draws));
    drive_jobs(jobs, None, blocks, visit, observer).0
}

/// [`run_together`] with every draw weighted by the likelihood of the
/// observations in `weighting`, in one pass (see [`Weighting`]): visitors
/// get each block's weights before its parameters and values, and
/// [`Visitor::rescale`] when a more likely draw comes. An error when no draw
/// has a finite likelihood.
pub fn run_weighted<'v, V: Visit>(
    jobs: &[Job<'_>],
    weighting: &Weighting,
    visit: &'v V,
    observer: &dyn Observer,
) -> Result<V::Acc<'v>, WeightingError> {
    assert!(
        weighting.job < jobs.len(),
        "the weighted job is one of the jobs"
    );
    let blocks = all_blocks(jobs.first().map_or(0, |j| j.settings.draws));
    let (acc, shift) = drive_jobs(jobs, Some(weighting), blocks, visit, observer);
    if shift.0.is_finite() {
        Ok(acc)
    } else {
        Err(WeightingError::Impossible)
    }
}

fn drive_jobs<'v, V: Visit>(
    jobs: &[Job<'_>],
    weighting: Option<&Weighting>,
    blocks: Range<usize>,
    visit: &'v V,
    observer: &dyn Observer,
) -> (V::Acc<'v>, Shift) {
    let draws = jobs.first().map_or(0, |j| j.settings.draws);
    assert!(
        jobs.iter().all(|j| j.settings.draws == draws),
        "jobs run together share their draws"
    );
    let models: Vec<&Model> = jobs.iter().map(|j| &j.model).collect();
    let rows: Vec<usize> = jobs.iter().map(|j| j.scenario.uncertain.len()).collect();
    drive(
        &models,
        draws,
        blocks,
        &|j, start, out| jobs[j].sampler.fill(start, out),
        &rows,
        weighting,
        visit,
        observer,
    )
}

/// Runs a scenario with `settings` on the current rayon pool and returns the
/// statistics of every metric in every year and the targets' hit counts.
pub fn run(scenario: &Scenario, settings: RunSettings, observer: &dyn Observer) -> RunStats {
    run_shard(scenario, settings, Shard::WHOLE, observer)
}

/// The share `shard` of a run of `scenario` with `settings`: the statistics
/// of its blocks of draws only. Statistics merge exactly, so merging the
/// shards `0/N` to `N-1/N` in any order gives the bits of [`run`].
pub fn run_shard(
    scenario: &Scenario,
    settings: RunSettings,
    shard: Shard,
    observer: &dyn Observer,
) -> RunStats {
    let job = Job::new(scenario, settings);
    let stats = Statistics::new(&job, 0);
    let blocks = shard.blocks(n_blocks(settings.draws));
    observer.start(shard.draws(settings.draws));
    let (acc, _) = drive_jobs(std::slice::from_ref(&job), None, blocks, &stats, observer);
    observer.finish();
    stats.finish(acc)
}

/// The statistics of the blocks `blocks` of `job`'s draws only (each of
/// [`BLOCK`] draws, the last one cut at the job's draw count). Under Monte
/// Carlo sampling a draw's values depend on its index alone, not on the
/// job's draw count, so the blocks of a run of many draws can be evaluated
/// in rounds: [`RunStats::add`] of consecutive rounds gives the bits of
/// [`run`] of them all.
pub fn run_blocks(job: &Job<'_>, blocks: Range<usize>, observer: &dyn Observer) -> RunStats {
    let stats = Statistics::new(job, 0);
    let (acc, _) = drive_jobs(std::slice::from_ref(job), None, blocks, &stats, observer);
    stats.finish(acc)
}

/// The loop itself: fills each job's parameters for a block with
/// `fill(job, start, out)`, steps its model and hands everything to the leaf's
/// visitor. With a `weighting`, the weighted job's effects and observed
/// years are stepped first (see [`Weighting::loglik`]), and the block's
/// weights handed out before the rest; each part of the run returns its
/// [`Shift`] (`-inf` when unweighted).
#[allow(clippy::too_many_arguments)]
fn drive<'v, V, F>(
    models: &[&Model],
    draws: u64,
    blocks: Range<usize>,
    fill: &F,
    rows: &[usize],
    weighting: Option<&Weighting>,
    visit: &'v V,
    observer: &dyn Observer,
) -> (V::Acc<'v>, Shift)
where
    V: Visit,
    F: Fn(usize, u64, ArrayViewMut2<'_, f64>) + Sync,
{
    let step = visit.steps_model();
    let leaf = |blocks: Range<usize>| {
        let mut acc = visit.leaf();
        let mut samples: Vec<Array2<f64>> =
            rows.iter().map(|&k| Array2::zeros((k, BLOCK))).collect();
        let mut ws: Vec<Workspace> = models.iter().map(|_| Workspace::default()).collect();
        let mut loglik = Vec::new();
        let mut shift = Shift::default();
        for b in blocks {
            let (start, n) = block_span(b, draws);
            let block = Block { start, n };
            if let Some(w) = weighting {
                // Every job's parameters first: the weights come before them.
                for (j, m) in samples.iter_mut().enumerate() {
                    fill(j, start, m.slice_mut(s![.., ..n]));
                }
                let view = samples[w.job].slice(s![.., ..n]);
                w.loglik(models[w.job], view, &mut ws[w.job], &mut loglik);
                let top = loglik.iter().fold(f64::NEG_INFINITY, |m, &l| m.max(l));
                if let Some(factor) = shift.raise(top) {
                    acc.rescale(factor);
                }
                shift.to_weights(&mut loglik);
                acc.weights(block, &loglik);
            }
            for (j, model) in models.iter().enumerate() {
                if weighting.is_none() {
                    fill(j, start, samples[j].slice_mut(s![.., ..n]));
                }
                let view = samples[j].slice(s![.., ..n]);
                acc.params(j, block, view);
                if !step {
                    continue;
                }
                let emit = |series, values: &[f64]| acc.values(j, block, series, values);
                match weighting {
                    // Its effects are stepped: only what follows remains.
                    Some(w) if j == w.job => {
                        model.emit_block(&mut ws[j], true, model.years(), emit)
                    }
                    _ => model.run_block(view, n, &mut ws[j], emit),
                }
            }
            acc.end(block);
            observer.advance((n * models.len()) as u64);
        }
        (acc, shift)
    };
    let merge = |a: &mut (V::Acc<'v>, Shift), (mut b, sb): (V::Acc<'v>, Shift)| {
        // Both parts to the larger shift, then one sum.
        let top = a.1.0.max(sb.0);
        if let Some(factor) = a.1.raise(top) {
            a.0.rescale(factor);
        }
        if let Some(factor) = { sb }.raise(top) {
            b.rescale(factor);
        }
        visit.merge(&mut a.0, b);
    };
    fold_blocks(blocks, &leaf, &merge)
}

/// First draw and number of draws of block `b` of a run of `draws` draws.
pub(crate) fn block_span(b: usize, draws: u64) -> (u64, usize) {
    let start = (b * BLOCK) as u64;
    (start, (draws - start).min(BLOCK as u64) as usize)
}

/// Number of blocks of a run of `draws` draws (at least one).
fn n_blocks(draws: u64) -> usize {
    (draws as usize).div_ceil(BLOCK).max(1)
}

/// Every block of a run of `draws` draws.
fn all_blocks(draws: u64) -> Range<usize> {
    0..n_blocks(draws)
}

/// Runs `leaf` on consecutive ranges of `blocks` (of [`BLOCK`] draws) and
/// combines the results with `merge` along a fixed binary tree, in parallel
/// on the current rayon pool.
///
/// Leaf boundaries depend only on `blocks` (at most [`MAX_LEAVES`] leaves
/// of at least [`MIN_LEAF_BLOCKS`] blocks)
/// and `merge(a, b)` always receives the earlier range as `a`, so the result
/// does not depend on the number of threads. (Unweighted statistics merge
/// exactly, so for them the tree does not matter at all: see [`Shard`].)
fn fold_blocks<P, L, M>(blocks: Range<usize>, leaf: &L, merge: &M) -> P
where
    P: Send,
    L: Fn(Range<usize>) -> P + Sync,
    M: Fn(&mut P, P) + Sync,
{
    let per_leaf = blocks.len().div_ceil(MAX_LEAVES).max(MIN_LEAF_BLOCKS);
    let n_leaves = blocks.len().div_ceil(per_leaf).max(1);
    reduce(0..n_leaves, per_leaf, &blocks, leaf, merge)
}

/// Combines leaves `leaves` (of `per_leaf` blocks from the start of
/// `blocks`) along the fixed binary tree.
fn reduce<P, L, M>(
    leaves: Range<usize>,
    per_leaf: usize,
    blocks: &Range<usize>,
    leaf: &L,
    merge: &M,
) -> P
where
    P: Send,
    L: Fn(Range<usize>) -> P + Sync,
    M: Fn(&mut P, P) + Sync,
{
    if leaves.len() == 1 {
        let first = (blocks.start + leaves.start * per_leaf).min(blocks.end);
        return leaf(first..(first + per_leaf).min(blocks.end));
    }
    let mid = leaves.start + leaves.len() / 2;
    let (mut a, b) = rayon::join(
        || reduce(leaves.start..mid, per_leaf, blocks, leaf, merge),
        || reduce(mid..leaves.end, per_leaf, blocks, leaf, merge),
    );
    merge(&mut a, b);
    a
}

#[cfg(test)]
// Reference values in tests may use the system's functions.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use crate::scenario::Series;

    /// Keeps every value of every series and every parameter, in draw order.
    struct Everything;

    struct All {
        params: Vec<Vec<f64>>,
        values: Vec<(u64, Series, Vec<f64>)>,
    }

    impl Visitor for All {
        fn params(&mut self, _: usize, _: Block, params: ArrayView2<'_, f64>) {
            self.params
                .extend(params.columns().into_iter().map(|c| c.to_vec()));
        }
        fn values(&mut self, _: usize, block: Block, series: Series, values: &[f64]) {
            self.values.push((block.start, series, values.to_vec()));
        }
    }

    impl Visit for Everything {
        type Acc<'a> = All;
        fn leaf(&self) -> All {
            All {
                params: Vec::new(),
                values: Vec::new(),
            }
        }
        fn merge(&self, a: &mut All, b: All) {
            a.params.extend(b.params);
            a.values.extend(b.values);
        }
    }

    /// Keeps the values of some series, in draw order.
    struct These(Vec<Series>);

    struct Picked<'a> {
        keep: &'a [Series],
        got: Vec<(u64, Series, Vec<f64>)>,
    }

    impl Visit for These {
        type Acc<'a> = Picked<'a>;
        fn leaf(&self) -> Picked<'_> {
            Picked {
                keep: &self.0,
                got: Vec::new(),
            }
        }
        fn merge<'a>(&'a self, a: &mut Picked<'a>, b: Picked<'a>) {
            a.got.extend(b.got);
        }
    }

    impl Visitor for Picked<'_> {
        fn values(&mut self, _: usize, block: Block, series: Series, values: &[f64]) {
            if self.keep.contains(&series) {
                self.got.push((block.start, series, values.to_vec()));
            }
        }
    }

    fn scenario() -> Scenario {
        Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap()
    }

    #[test]
    fn given_parameters_reproduce_the_sampled_draws() {
        // The same loop, fed the parameters it sampled, steps the same values.
        let s = scenario();
        let settings = RunSettings {
            draws: 2500,
            ..s.simulation
        };
        let job = Job::new(&s, settings);
        let sampled = job.run(&Everything, &Silent);
        let k = s.uncertain.len();
        let mut params = Array2::<f64>::zeros((k, 2500));
        for (j, col) in sampled.params.iter().enumerate() {
            for (i, v) in col.iter().enumerate() {
                params[[i, j]] = *v;
            }
        }
        let given = job.evaluate(params.view(), &Everything, &Silent);
        assert_eq!(sampled.values, given.values);
        assert_eq!(sampled.values.len(), 3 * s.metrics.n_series());
    }

    #[test]
    fn one_weighted_pass_equals_weights_against_the_global_maximum() {
        // The running shift and its rescaling give the weights relative to
        // the run's largest log-likelihood, up to rounding. 150 blocks: two
        // or three per leaf, so shifts rise within leaves and across merges.
        let s = scenario();
        let n = 150 * BLOCK;
        let settings = RunSettings {
            draws: n as u64,
            ..s.simulation
        };
        let jobs = [Job::new(&s, settings)];
        let w = Weighting::new(&jobs, 0).unwrap();
        let total_market = s.metrics.find("market.total").unwrap();
        let series = s.metrics.series(total_market, s.years() - 1);
        let mut kept: Vec<Series> = s.observed.iter().map(|o| o.series).collect();
        kept.push(series);
        let visit = (Statistics::new(&jobs[0], 0), These(kept));
        let (stats, all) = run_weighted(&jobs, &w, &visit, &Silent).unwrap();
        let stats = visit.0.finish(stats);
        // The reference: every draw's log-likelihood from its stored values.
        let mut loglik = vec![0.0; n];
        for (start, series, values) in &all.got {
            let at = *start as usize;
            w.likelihood
                .add(*series, values, &mut loglik[at..at + values.len()]);
        }
        let top = loglik.iter().fold(f64::NEG_INFINITY, |m, &l| m.max(l));
        let weights: Vec<f64> = loglik.iter().map(|l| (l - top).exp()).collect();
        let total: f64 = weights.iter().sum();
        let sums = &stats.weights.as_ref().unwrap().sums;
        assert_eq!(sums.max, 1.0);
        assert!(
            (sums.sum / total - 1.0).abs() < 1e-12,
            "{} vs {total}",
            sums.sum
        );
        let mut x = vec![0.0; n];
        for (start, sr, values) in &all.got {
            if *sr == series {
                let at = *start as usize;
                x[at..at + values.len()].copy_from_slice(values);
            }
        }
        let mean = x.iter().zip(&weights).map(|(x, w)| x * w).sum::<f64>() / total;
        let got = stats.get(series).moments.mean();
        assert!((got / mean - 1.0).abs() < 1e-12, "{got} vs {mean}");
        assert!(
            sums.ess() < 0.5 * n as f64,
            "the observations weigh: {}",
            sums.ess()
        );
    }

    #[test]
    fn the_loop_does_not_depend_on_threads() {
        let s = scenario();
        let settings = RunSettings {
            draws: 5000,
            ..s.simulation
        };
        let on = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| run(&s, settings, &Silent))
        };
        let (one, three) = (on(1), on(3));
        assert_eq!(one.series, three.series);
        assert_eq!(one.target_hits, three.target_hits);
    }
}
