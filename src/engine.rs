//! The Monte Carlo engine: draws in fixed blocks, statistics merged in a fixed
//! order, parallel with rayon.
//!
//! Draws are cut into blocks of [`BLOCK`] draws. A block fills its parameter
//! samples (see [`crate::sampling`]), steps the model for all its draws at once
//! and folds every metric's values into [`SeriesStats`]. Blocks are grouped into
//! at most [`MAX_LEAVES`] leaves whose boundaries depend only on the number of
//! draws; leaves are combined pairwise along a fixed binary tree with
//! `rayon::join`. Every floating-point merge therefore happens in the same order
//! whatever the number of threads, so results are byte-identical on 1 or 64
//! threads, and memory holds a few summaries per thread, never the draws.

use std::ops::Range;

use ndarray::Array2;

use crate::model::{Metric, Model, Workspace, metric_catalogue};
use crate::sampling::Sampler;
use crate::scenario::{Scenario, Simulation};
use crate::stats::SeriesStats;

/// Draws per block: the unit of sampling and of statistics updates.
pub const BLOCK: usize = 1024;
/// Upper bound on the number of leaves of the reduction tree.
pub const MAX_LEAVES: usize = 64;

/// Receives progress from the engine. Default methods do nothing.
pub trait Observer: Sync {
    /// Called once before the first draw with the total number of draws.
    fn start(&self, _draws: u64) {}
    /// Called after each block with the number of draws it completed.
    fn advance(&self, _draws: u64) {}
    /// Called once after the last draw.
    fn finish(&self) {}
}

/// An observer that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Observer for Silent {}

/// Statistics of every metric in every year, and target hit counts.
#[derive(Debug, Clone)]
pub struct RunStats {
    /// The metrics, in output order.
    pub metrics: Vec<Metric>,
    /// Calendar years.
    pub years: Vec<i32>,
    /// `series[m * years.len() + t]`: metric `m` in year `t`.
    pub series: Vec<SeriesStats>,
    /// Per target: number of draws meeting it.
    pub target_hits: Vec<u64>,
    /// The settings of the run.
    pub simulation: Simulation,
}

impl RunStats {
    /// Statistics of metric `m` in year index `t`.
    pub fn get(&self, m: usize, t: usize) -> &SeriesStats {
        &self.series[m * self.years.len() + t]
    }

    /// Index of a metric by name.
    pub fn metric_index(&self, name: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m.name == name)
    }

    /// Metrics and years where some draws overflowed to a non-finite value,
    /// with how many: `(metric, year, count)`. Such values are left out of the
    /// statistics.
    pub fn non_finite(&self) -> Vec<(&str, i32, u64)> {
        let t_len = self.years.len();
        self.series
            .iter()
            .enumerate()
            .filter(|(_, s)| s.non_finite > 0)
            .map(|(i, s)| {
                (
                    self.metrics[i / t_len].name.as_str(),
                    self.years[i % t_len],
                    s.non_finite,
                )
            })
            .collect()
    }

    /// Probability of each target (share of draws meeting it).
    pub fn target_probabilities(&self) -> Vec<f64> {
        let n = self.simulation.draws as f64;
        self.target_hits.iter().map(|&h| h as f64 / n).collect()
    }
}

/// Partial results of a range of draws.
#[derive(Debug, Clone)]
pub(crate) struct Partial {
    pub(crate) series: Vec<SeriesStats>,
    pub(crate) hits: Vec<u64>,
}

impl Partial {
    pub(crate) fn merge(&mut self, o: Partial) {
        for (a, b) in self.series.iter_mut().zip(&o.series) {
            a.merge(b);
        }
        for (a, b) in self.hits.iter_mut().zip(&o.hits) {
            *a += b;
        }
    }
}

/// Everything one scenario's run needs, prepared once: the model, the sampler
/// and which targets each series decides.
pub(crate) struct Job {
    pub(crate) model: Model,
    pub(crate) sampler: Sampler,
    pub(crate) metrics: Vec<Metric>,
    pub(crate) n_params: usize,
    pub(crate) years: usize,
    /// For each series index, the targets it decides: (target index, bound).
    target_of: Vec<Vec<(usize, crate::scenario::Bound)>>,
    n_targets: usize,
}

impl Job {
    /// Prepares a scenario with its [`Scenario::simulation`] settings.
    pub(crate) fn new(scenario: &Scenario) -> Job {
        let sim = scenario.simulation;
        let metrics = metric_catalogue(&scenario.axes, &scenario.segments);
        let model = Model::new(scenario);
        debug_assert_eq!(model.n_metrics(), metrics.len());
        let years = scenario.years();
        let paths: Vec<String> = scenario.uncertain.iter().map(|u| u.path.clone()).collect();
        let dists: Vec<_> = scenario.uncertain.iter().map(|u| u.dist.clone()).collect();
        let sampler = Sampler::new(
            &paths,
            &dists,
            &scenario.copula_groups,
            sim.seed,
            sim.draws,
            sim.sampling,
        );
        let mut target_of = vec![Vec::new(); metrics.len() * years];
        for (i, t) in scenario.targets.iter().enumerate() {
            let m = metrics
                .iter()
                .position(|x| x.name == t.metric)
                .expect("validated metric");
            let ti = (t.year - scenario.start_year) as usize;
            target_of[m * years + ti].push((i, t.bound));
        }
        Job {
            model,
            sampler,
            metrics,
            n_params: paths.len(),
            years,
            target_of,
            n_targets: scenario.targets.len(),
        }
    }

    /// An empty partial result for this job.
    pub(crate) fn partial(&self) -> Partial {
        Partial {
            series: vec![SeriesStats::default(); self.metrics.len() * self.years],
            hits: vec![0; self.n_targets],
        }
    }

    /// A parameter matrix for one block.
    pub(crate) fn samples(&self) -> Array2<f64> {
        Array2::<f64>::zeros((self.n_params, BLOCK))
    }

    /// Samples and steps the `n` draws from `start`, folds them into `part`
    /// and hands every metric's values to `also(series index, values)`.
    pub(crate) fn block(
        &self,
        start: u64,
        n: usize,
        samples: &mut Array2<f64>,
        ws: &mut Workspace,
        part: &mut Partial,
        mut also: impl FnMut(usize, &[f64]),
    ) {
        let Partial { series, hits } = part;
        self.eval(start, n, samples, ws, |idx, values| {
            series[idx].add_slice(values);
            for &(ti, bound) in &self.target_of[idx] {
                hits[ti] += values.iter().filter(|&&x| bound.holds(x)).count() as u64;
            }
            also(idx, values);
        });
    }

    /// Samples and steps the `n` draws from `start` (parameters left in
    /// `samples`) and hands every metric's values to `emit(series index,
    /// values)`, without statistics.
    pub(crate) fn eval(
        &self,
        start: u64,
        n: usize,
        samples: &mut Array2<f64>,
        ws: &mut Workspace,
        mut emit: impl FnMut(usize, &[f64]),
    ) {
        let mut view = samples.slice_mut(ndarray::s![.., ..n]);
        self.sampler.fill(start, view.view_mut());
        let years = self.years;
        self.model.run_block(view.view(), n, ws, |m, t, values| {
            emit(m * years + t, values)
        });
    }
}

/// Runs a scenario with its [`Scenario::simulation`] settings on the current
/// rayon pool.
pub fn run(scenario: &Scenario, observer: &dyn Observer) -> RunStats {
    let sim = scenario.simulation;
    let job = Job::new(scenario);
    observer.start(sim.draws);
    let total = fold_blocks(
        sim.draws,
        &|blocks: Range<usize>| {
            let mut part = job.partial();
            let mut samples = job.samples();
            let mut ws = Workspace::default();
            for b in blocks {
                let (start, n) = block_span(b, sim.draws);
                job.block(start, n, &mut samples, &mut ws, &mut part, |_, _| {});
                observer.advance(n as u64);
            }
            part
        },
        &|a: &mut Partial, b| a.merge(b),
    );
    observer.finish();
    RunStats {
        metrics: job.metrics,
        years: scenario.year_list(),
        series: total.series,
        target_hits: total.hits,
        simulation: sim,
    }
}

/// First draw and number of draws of block `b` of a run of `draws` draws.
pub fn block_span(b: usize, draws: u64) -> (u64, usize) {
    let start = (b * BLOCK) as u64;
    (start, (draws - start).min(BLOCK as u64) as usize)
}

/// Runs `leaf` on consecutive ranges of blocks (of [`BLOCK`] draws) covering
/// `draws` draws and combines the results with `merge` along a fixed binary
/// tree, in parallel on the current rayon pool.
///
/// Leaf boundaries depend only on `draws` (at most [`MAX_LEAVES`] leaves) and
/// `merge(a, b)` always receives the earlier range as `a`, so the result does
/// not depend on the number of threads.
pub fn fold_blocks<P, L, M>(draws: u64, leaf: &L, merge: &M) -> P
where
    P: Send,
    L: Fn(Range<usize>) -> P + Sync,
    M: Fn(&mut P, P) + Sync,
{
    let n_blocks = (draws as usize).div_ceil(BLOCK).max(1);
    let per_leaf = n_blocks.div_ceil(MAX_LEAVES).max(1);
    let n_leaves = n_blocks.div_ceil(per_leaf);
    reduce(0..n_leaves, per_leaf, n_blocks, leaf, merge)
}

/// Combines leaves `leaves` along the fixed binary tree.
fn reduce<P, L, M>(leaves: Range<usize>, per_leaf: usize, n_blocks: usize, leaf: &L, merge: &M) -> P
where
    P: Send,
    L: Fn(Range<usize>) -> P + Sync,
    M: Fn(&mut P, P) + Sync,
{
    if leaves.len() == 1 {
        let first = leaves.start * per_leaf;
        return leaf(first..(first + per_leaf).min(n_blocks));
    }
    let mid = leaves.start + leaves.len() / 2;
    let (mut a, b) = rayon::join(
        || reduce(leaves.start..mid, per_leaf, n_blocks, leaf, merge),
        || reduce(mid..leaves.end, per_leaf, n_blocks, leaf, merge),
    );
    merge(&mut a, b);
    a
}

/// Writes one CSV row per draw: the draw index, every uncertain parameter's
/// sampled value (columns named by parameter path) and every metric at the
/// horizon (columns named `<metric>@<end_year>`), in draw order.
///
/// Blocks are evaluated in parallel a chunk at a time and written in order, so
/// memory stays bounded and the file does not depend on the number of
/// threads. Values are written in Rust's shortest round-trip form.
pub fn export_draws(
    scenario: &Scenario,
    out: &mut dyn std::io::Write,
    observer: &dyn Observer,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    use std::fmt::Write as _;

    let sim = scenario.simulation;
    let job = Job::new(scenario);
    let horizon = job.years - 1;
    let mut header = String::from("draw");
    for u in &scenario.uncertain {
        header.push(',');
        header.push_str(&u.path);
    }
    for m in &job.metrics {
        let _ = write!(header, ",{}@{}", m.name, scenario.end_year);
    }
    writeln!(out, "{header}")?;
    let n_blocks = (sim.draws as usize).div_ceil(BLOCK);
    const CHUNK: usize = 16;
    observer.start(sim.draws);
    for first in (0..n_blocks).step_by(CHUNK) {
        let texts: Vec<String> = (first..(first + CHUNK).min(n_blocks))
            .into_par_iter()
            .map(|b| {
                let (start, n) = block_span(b, sim.draws);
                let mut samples = job.samples();
                let mut ws = Workspace::default();
                let n_metrics = job.metrics.len();
                let mut at_horizon = vec![0.0; n_metrics * n];
                job.eval(start, n, &mut samples, &mut ws, |idx, v| {
                    if idx % job.years == horizon {
                        let m = idx / job.years;
                        at_horizon[m * n..(m + 1) * n].copy_from_slice(v);
                    }
                });
                let mut s = String::with_capacity(n * 16 * (job.n_params + n_metrics + 1));
                for i in 0..n {
                    let _ = write!(s, "{}", start + i as u64);
                    for k in 0..job.n_params {
                        let _ = write!(s, ",{}", samples[[k, i]]);
                    }
                    for m in 0..n_metrics {
                        let _ = write!(s, ",{}", at_horizon[m * n + i]);
                    }
                    s.push('\n');
                }
                observer.advance(n as u64);
                s
            })
            .collect();
        for t in texts {
            out.write_all(t.as_bytes())?;
        }
    }
    observer.finish();
    Ok(())
}
