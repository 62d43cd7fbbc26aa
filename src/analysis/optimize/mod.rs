//! `esante optimize`: the split of the envelope over the free axes that
//! maximises a statistic of the objective, under uncertainty.
//!
//! Sample average approximation with common random numbers: every split is
//! evaluated on the same draws ([`evaluate`]), so differences between splits
//! carry no sampling noise. The search evaluates the grid of the simplex
//! ([`grid`]), refines the best splits below the grid step (`refine.rs`),
//! then re-evaluates the current split and a shortlist on independent draws
//! (other stream domains): the winner on one set of draws is optimistically
//! biased, the out-of-sample figures are not. The robust frontier and the
//! marginal returns of one more M EUR per axis come from the same passes.
//!
//! [`optimize_calibrated`] runs the same search on the calibrated projection:
//! every statistic weighs each draw by the likelihood of the scenario's
//! observed figures (importance weighting, as `esante calibrate`), on the
//! search's draws and on the independent ones alike.
//!
//! ```
//! use esante::analysis::optimize::{self, Settings};
//! use esante::scenario::optimize::{Objective, Spec, Statistic};
//! let s = esante::Scenario::load("scenarios/acceleration-2021.toml".as_ref())?;
//! let spec = Spec {
//!     objective: Some(Objective {
//!         metric: s.metrics.find("adoption.esms").unwrap(),
//!         name: "adoption.esms".into(),
//!         years: (2027, 2027),
//!         statistic: Statistic::Mean,
//!     }),
//!     step: Some(0.25),
//!     ..Spec::default()
//! };
//! let settings = Settings {
//!     problem: spec.resolve(&s)?,
//!     run: esante::sampling::RunSettings { draws: 500, ..s.simulation },
//! };
//! let o = optimize::optimize(&s, &settings, &esante::engine::Silent)?;
//! assert!(o.best.in_sample.value >= o.current.in_sample.value);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod evaluate;
pub mod grid;
mod refine;

use std::collections::HashMap;

use crate::analysis::run::Row;
use crate::engine::{Job, Observer, Weighting, WeightingError};
use crate::model::Model;
use crate::sampling::{Domains, RunSettings};
use crate::scenario::Scenario;
use crate::scenario::optimize::{Problem, Statistic};
use crate::scenario::plan::BudgetError;
use crate::stats::SeriesStats;
use evaluate::{Evaluate, Evaluated};

/// Streams of the out-of-sample draws: independent of the run's.
pub const CHECK_DOMAINS: Domains<'static> = (
    "esante/optimize-check/param/v1",
    "esante/optimize-check/lhs-permutation/v1",
);
/// Splits evaluated per pass over the draws (bounds the memory).
pub const BATCH: usize = 1024;
/// Grid splits refined below the grid step.
pub const STARTS: usize = 3;
/// Best splits re-evaluated out of sample (besides the robust one).
pub const SHORTLIST: usize = 10;
/// A robust split's mean is within this share of the best mean.
pub const ROBUST_WITHIN: f64 = 0.01;
/// The refinement stops below this step, as a share of the envelope: its
/// last step is at most twice this, 0.5% of the envelope.
pub const REFINE_TO: f64 = 0.0025;

/// What to optimise and the draws to do it with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The problem, resolved.
    pub problem: Problem,
    /// Draws, seed and sampling of the in-sample and the out-of-sample sets.
    pub run: RunSettings,
}

/// Statistics of the objective over a set of draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The statistic maximised.
    pub value: f64,
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
    /// Percentiles 5, 10, 50, 90 and 95.
    pub p5: f64,
    /// 10th percentile: the downside statistic of the frontier.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Summary {
    fn of(s: &SeriesStats, share: f64, statistic: Statistic) -> Summary {
        let r = Row::of(0, s);
        let value = match statistic {
            Statistic::Mean => r.mean,
            Statistic::Percentile(_) if s.moments.n == 0 => f64::NAN,
            Statistic::Percentile(p) => s.percentiles(&[f64::from(p) / 100.0])[0],
            Statistic::Prob(_) => share,
        };
        Summary {
            value,
            mean: r.mean,
            sd: r.sd,
            p5: r.p5,
            p10: r.p10,
            p50: r.p50,
            p90: r.p90,
            p95: r.p95,
        }
    }

    /// Whether this is a better objective than `o`: a higher statistic, then
    /// a higher mean (NaN is worst).
    pub fn beats(&self, o: &Summary) -> bool {
        let key = |s: &Summary| (nan_low(s.value), nan_low(s.mean));
        key(self) > key(o)
    }
}

fn nan_low(x: f64) -> f64 {
    if x.is_nan() { f64::NEG_INFINITY } else { x }
}

/// The per-draw difference between a split and the current split.
#[derive(Debug, Clone, PartialEq)]
pub struct Paired {
    /// Mean difference.
    pub mean: f64,
    /// 5th percentile of the difference.
    pub p5: f64,
    /// 95th percentile of the difference.
    pub p95: f64,
    /// Share of draws where the split does strictly better.
    pub prob_better: f64,
    /// Every statistic of the difference (for its chart).
    pub stats: SeriesStats,
}

impl Paired {
    fn of(s: &SeriesStats, prob_better: f64) -> Paired {
        let r = Row::of(0, s);
        Paired {
            mean: r.mean,
            p5: r.p5,
            p95: r.p95,
            prob_better,
            stats: s.clone(),
        }
    }
}

/// A split on the envelope, with its in-sample statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Budget of each free axis, M EUR.
    pub budgets: Vec<f64>,
    /// In-sample statistics of the objective.
    pub summary: Summary,
    /// On the robust frontier: no other split has both a higher mean and a
    /// higher P10.
    pub pareto: bool,
}

/// A split the report discusses, checked on both sets of draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Budget of each free axis, M EUR.
    pub budgets: Vec<f64>,
    /// Statistics on the draws the search used.
    pub in_sample: Summary,
    /// Statistics on independent draws.
    pub out_of_sample: Summary,
    /// Difference with the current split, on the search's draws.
    pub gain_in_sample: Paired,
    /// Difference with the current split, on independent draws.
    pub gain_out_of_sample: Paired,
}

/// The result of a search.
#[derive(Debug, Clone)]
pub struct Optimization {
    /// What was optimised.
    pub settings: Settings,
    /// Every split evaluated on the envelope, best first.
    pub candidates: Vec<Candidate>,
    /// How many of them the grid gave.
    pub grid: usize,
    /// The scenario's own budgets.
    pub current: Choice,
    /// The split with the best statistic.
    pub best: Choice,
    /// The highest P10 among the splits whose mean is within
    /// [`ROBUST_WITHIN`] of the best mean.
    pub robust: Choice,
    /// The best splits, re-evaluated on independent draws (best first).
    pub shortlist: Vec<Choice>,
    /// The statistic gained per extra M EUR in each free axis, at the
    /// current split.
    pub marginal_current: Vec<f64>,
    /// The same at the best split.
    pub marginal_best: Vec<f64>,
    /// Model evaluations (splits times draws) over every pass.
    pub evaluations: u64,
    /// On the calibrated projection: what the weights are worth.
    pub calibrated: Option<Effective>,
}

/// Kish's effective sample sizes of the weighted draws of a calibrated
/// search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effective {
    /// On the search's draws.
    pub in_sample: f64,
    /// On the independent draws.
    pub out_of_sample: f64,
}

/// Why a search cannot run.
#[derive(Debug, thiserror::Error)]
pub enum OptimizeError {
    /// Too many grid splits.
    #[error("the grid has {count} splits, more than {max}: use a larger --step or fewer --axes")]
    GridTooLarge {
        /// Splits the grid would have.
        count: u64,
        /// The most accepted.
        max: u64,
    },
    /// A split an axis' schedule cannot take.
    #[error(transparent)]
    Budget(#[from] BudgetError),
    /// The draws cannot be weighted by observed figures.
    #[error(transparent)]
    Weighting(#[from] WeightingError),
}

/// The number of grid splits of `p`, or an error when there are more than
/// [`grid::MAX_GRID`].
pub fn check_grid(p: &Problem) -> Result<u64, OptimizeError> {
    let count = grid::count(p);
    if count > grid::MAX_GRID {
        return Err(OptimizeError::GridTooLarge {
            count,
            max: grid::MAX_GRID,
        });
    }
    Ok(count)
}

/// Estimated peak memory of a search (bytes) on `threads` threads: the
/// statistics of a batch of splits and the axes' effect levels in every
/// live accumulator, and the table of every split evaluated.
pub fn memory_bytes(scenario: &Scenario, settings: &Settings, threads: usize) -> u64 {
    let p = &settings.problem;
    let k = p.free.len() as u64;
    // A sketch of one objective spans a few octaves: 16 KiB is generous.
    let per_split = 16 * 1024 + 256;
    let levels = (p.parts as u64 + 1).saturating_mul(k);
    let cache = levels
        .saturating_mul(scenario.years() as u64)
        .saturating_mul(crate::engine::BLOCK as u64 * 8 * 2);
    let leaf = (BATCH as u64)
        .saturating_mul(per_split)
        .saturating_add(cache);
    // The reduction keeps about one accumulator per level of its tree and thread.
    let live = (threads as u64).saturating_mul(8);
    let table = grid::count(p).saturating_mul(k * 8 + 160);
    leaf.saturating_mul(live).saturating_add(table)
}

/// A set of draws: its job and, on the calibrated projection, its weights.
struct Draws<'a> {
    job: Job<'a>,
    weighting: Option<Weighting>,
}

impl<'a> Draws<'a> {
    /// The draws of `job`, weighted by its observations when `calibrated`.
    fn new(job: Job<'a>, calibrated: bool) -> Result<Draws<'a>, OptimizeError> {
        let weighting = if calibrated {
            Some(Weighting::new(std::slice::from_ref(&job), 0)?)
        } else {
            None
        };
        Ok(Draws { job, weighting })
    }
}

/// Passes over the draws, counting the work for the progress bar.
struct Passes<'a> {
    scenario: &'a Scenario,
    model: Model,
    problem: &'a Problem,
    observer: &'a dyn Observer,
    draws: u64,
    total: std::cell::Cell<u64>,
    evaluations: std::cell::Cell<u64>,
}

/// Counts each block's draws once per split of the pass.
struct Scaled<'a>(&'a dyn Observer, u64);

impl Observer for Scaled<'_> {
    fn advance(&self, done: u64) {
        self.0.advance(done * self.1);
    }
}

impl<'a> Passes<'a> {
    fn new(
        scenario: &'a Scenario,
        settings: &'a Settings,
        observer: &'a dyn Observer,
    ) -> Passes<'a> {
        Passes {
            scenario,
            model: Model::new(scenario),
            problem: &settings.problem,
            observer,
            draws: settings.run.draws,
            total: std::cell::Cell::new(0),
            evaluations: std::cell::Cell::new(0),
        }
    }

    /// Announces `splits` more model runs per draw to the observer.
    fn plan(&self, splits: usize) {
        let more = self.draws.saturating_mul(splits as u64);
        self.total.set(self.total.get().saturating_add(more));
        self.observer.start(self.total.get());
    }

    /// Evaluates `splits` on `draws`.
    fn eval(
        &self,
        draws: &Draws<'_>,
        splits: &[Vec<f64>],
        paired: bool,
    ) -> Result<Evaluated, OptimizeError> {
        let visit = Evaluate::new(self.scenario, &self.model, self.problem, splits, paired)?;
        let n = splits.len() as u64;
        self.evaluations.set(
            self.evaluations
                .get()
                .saturating_add(self.draws.saturating_mul(n)),
        );
        let w = draws.weighting.as_ref();
        Ok(visit.run(&draws.job, w, &Scaled(self.observer, n))?)
    }

    /// In-sample summaries of `splits`, in batches.
    fn summaries(
        &self,
        draws: &Draws<'_>,
        splits: &[Vec<f64>],
    ) -> Result<Vec<Summary>, OptimizeError> {
        let mut out = Vec::with_capacity(splits.len());
        for batch in splits.chunks(BATCH) {
            let e = self.eval(draws, batch, false)?;
            let st = self.problem.objective.statistic;
            out.extend(
                e.stats
                    .iter()
                    .zip(&e.hits)
                    .map(|(s, &h)| Summary::of(s, e.share(h), st)),
            );
        }
        Ok(out)
    }
}

/// Every split evaluated on the envelope with its in-sample summary, in
/// the order evaluated, and where each is by its budgets (bit for bit).
#[derive(Default)]
struct Table {
    all: Vec<(Vec<f64>, Summary)>,
    index: HashMap<Vec<u64>, usize>,
}

impl Table {
    fn key(split: &[f64]) -> Vec<u64> {
        split.iter().map(|b| b.to_bits()).collect()
    }

    /// Adds an evaluated split.
    fn add(&mut self, split: Vec<f64>, summary: Summary) {
        self.index.insert(Table::key(&split), self.all.len());
        self.all.push((split, summary));
    }

    /// The position of `split`, if it was evaluated.
    fn find(&self, split: &[f64]) -> Option<usize> {
        self.index.get(&Table::key(split)).copied()
    }
}

/// Runs the whole search on the current rayon pool.
pub fn optimize(
    scenario: &Scenario,
    settings: &Settings,
    observer: &dyn Observer,
) -> Result<Optimization, OptimizeError> {
    search(scenario, settings, false, observer)
}

/// [`optimize`] on the calibrated projection: every draw, of the search and
/// of the out-of-sample check, weighted by the likelihood of the scenario's
/// observed figures as stepped with the scenario's own budgets (what was
/// observed happened under the programme as funded).
pub fn optimize_calibrated(
    scenario: &Scenario,
    settings: &Settings,
    observer: &dyn Observer,
) -> Result<Optimization, OptimizeError> {
    search(scenario, settings, true, observer)
}

fn search(
    scenario: &Scenario,
    settings: &Settings,
    calibrated: bool,
    observer: &dyn Observer,
) -> Result<Optimization, OptimizeError> {
    let p = &settings.problem;
    check_grid(p)?;
    let passes = Passes::new(scenario, settings, observer);
    let job = Draws::new(Job::new(scenario, settings.run), calibrated)?;
    let splits = grid_splits(p);
    passes.plan(splits.len() + 3 * (p.free.len() * p.free.len().saturating_sub(1)));
    let grid = passes.summaries(&job, &splits)?;
    finish(&passes, &job, settings, calibrated, splits, grid)
}

/// The splits of the search's grid, in the order they are evaluated (one
/// feasible split when the bounds miss every grid point).
pub fn grid_splits(p: &Problem) -> Vec<Vec<f64>> {
    let mut splits = grid::splits(p);
    if splits.is_empty() {
        splits.push(grid::feasible(p));
    }
    splits
}

/// The in-sample summaries of the grid splits `range` of [`grid_splits`]:
/// the part of the search `esante optimize --shard` spreads over machines.
/// A split's summary depends only on the split and the draws, never on
/// which other splits are evaluated with it.
pub fn grid_summaries(
    scenario: &Scenario,
    settings: &Settings,
    calibrated: bool,
    range: std::ops::Range<usize>,
    observer: &dyn Observer,
) -> Result<Vec<Summary>, OptimizeError> {
    check_grid(&settings.problem)?;
    let passes = Passes::new(scenario, settings, observer);
    let job = Draws::new(Job::new(scenario, settings.run), calibrated)?;
    let splits = grid_splits(&settings.problem);
    let part = splits.get(range).unwrap_or_default();
    passes.plan(part.len());
    let out = passes.summaries(&job, part)?;
    observer.finish();
    Ok(out)
}

/// The search from the summaries of every grid split (in the order of
/// [`grid_splits`], as the shards of `esante optimize --shard` computed
/// them): the same result as [`optimize`] (or [`optimize_calibrated`]).
pub fn resume(
    scenario: &Scenario,
    settings: &Settings,
    calibrated: bool,
    grid: Vec<Summary>,
    observer: &dyn Observer,
) -> Result<Optimization, OptimizeError> {
    let p = &settings.problem;
    check_grid(p)?;
    let splits = grid_splits(p);
    assert_eq!(splits.len(), grid.len(), "a summary per grid split");
    let passes = Passes::new(scenario, settings, observer);
    passes
        .evaluations
        .set(settings.run.draws.saturating_mul(grid.len() as u64));
    let job = Draws::new(Job::new(scenario, settings.run), calibrated)?;
    passes.plan(3 * (p.free.len() * p.free.len().saturating_sub(1)));
    finish(&passes, &job, settings, calibrated, splits, grid)
}

/// Everything after the grid: refinement, the current split, the
/// shortlist on independent draws, the frontier and marginal returns.
fn finish(
    passes: &Passes<'_>,
    job: &Draws<'_>,
    settings: &Settings,
    calibrated: bool,
    splits: Vec<Vec<f64>>,
    summaries: Vec<Summary>,
) -> Result<Optimization, OptimizeError> {
    let (scenario, observer, p) = (passes.scenario, passes.observer, &settings.problem);
    let check = Job::with_domains(scenario, settings.run, CHECK_DOMAINS);
    let check = Draws::new(check, calibrated)?;
    let grid_len = splits.len();
    let mut table = Table::default();
    for (s, m) in splits.into_iter().zip(summaries) {
        table.add(s, m);
    }

    // 2. Refinement of the best grid splits below the grid step.
    let mut order: Vec<usize> = (0..table.all.len()).collect();
    sort_best_first(&mut order, &table.all);
    let starts: Vec<usize> = order.iter().take(STARTS).copied().collect();
    refine::refine(p, &starts, &mut table, |batch| {
        passes.plan(batch.len());
        passes.summaries(job, batch)
    })?;

    // 3. The current split among the candidates when it spends the envelope.
    let current: Vec<f64> = p.free.iter().map(|&a| scenario.axes[a].budget).collect();
    let on_envelope = (current.iter().sum::<f64>() - p.envelope).abs() <= 1e-9 * p.envelope
        && current
            .iter()
            .enumerate()
            .all(|(k, &b)| grid::within(p, k, b));
    if on_envelope && table.find(&current).is_none() {
        passes.plan(1);
        let m = passes.summaries(job, std::slice::from_ref(&current))?;
        table.add(current.clone(), m[0]);
    }

    // 4. Best, frontier, robust.
    let all = table.all;
    let mut order: Vec<usize> = (0..all.len()).collect();
    sort_best_first(&mut order, &all);
    let pareto = pareto(&all);
    let best = order[0];
    let best_mean = all
        .iter()
        .map(|(_, m)| nan_low(m.mean))
        .fold(f64::NEG_INFINITY, f64::max);
    let floor = best_mean - ROBUST_WITHIN * best_mean.abs();
    let robust = order
        .iter()
        .copied()
        .filter(|&i| all[i].1.mean >= floor)
        .fold(None, |acc: Option<usize>, i| match acc {
            Some(j) if nan_low(all[j].1.p10) >= nan_low(all[i].1.p10) => Some(j),
            _ => Some(i),
        })
        .unwrap_or(best);

    // 5. The current split, the shortlist (best first) and the robust split
    //    on both sets of draws.
    let mut picks: Vec<usize> = order.iter().take(SHORTLIST).copied().collect();
    let shortlisted = picks.len();
    if !picks.contains(&robust) {
        picks.push(robust);
    }
    let mut check_splits = vec![current.clone()];
    check_splits.extend(picks.iter().map(|&i| all[i].0.clone()));
    passes.plan(2 * check_splits.len());
    let inside = passes.eval(job, &check_splits, true)?;
    let outside = passes.eval(&check, &check_splits, true)?;
    let st = p.objective.statistic;
    let choice = |c: usize| Choice {
        budgets: check_splits[c].clone(),
        in_sample: Summary::of(&inside.stats[c], inside.share(inside.hits[c]), st),
        out_of_sample: Summary::of(&outside.stats[c], outside.share(outside.hits[c]), st),
        gain_in_sample: Paired::of(&inside.diffs[c], inside.share(inside.better[c])),
        gain_out_of_sample: Paired::of(&outside.diffs[c], outside.share(outside.better[c])),
    };
    let calibrated = match (&inside.weights, &outside.weights) {
        (Some(a), Some(b)) => Some(Effective {
            in_sample: a.ess(),
            out_of_sample: b.ess(),
        }),
        _ => None,
    };
    let shortlist: Vec<Choice> = (1..=shortlisted).map(choice).collect();
    let robust_choice = choice(1 + picks.iter().position(|&i| i == robust).expect("picked"));

    // 6. Marginal returns at the current and the best split.
    let probes = [&current, &all[best].0];
    let mut marginal_splits = Vec::new();
    for x in probes {
        for k in 0..p.free.len() {
            let lo = (x[k] - 0.5).max(0.0);
            for b in [lo, lo + 1.0] {
                let mut y = x.clone();
                y[k] = b;
                marginal_splits.push(y);
            }
        }
    }
    passes.plan(marginal_splits.len());
    let m = passes.summaries(job, &marginal_splits)?;
    let n = p.free.len();
    let slope = |probe: usize| -> Vec<f64> {
        (0..n)
            .map(|k| {
                let i = 2 * (probe * n + k);
                m[i + 1].value - m[i].value
            })
            .collect()
    };
    let (marginal_current, marginal_best) = (slope(0), slope(1));

    let candidates = order
        .iter()
        .map(|&i| Candidate {
            budgets: all[i].0.clone(),
            summary: all[i].1,
            pareto: pareto[i],
        })
        .collect();
    observer.finish();
    Ok(Optimization {
        settings: settings.clone(),
        candidates,
        grid: grid_len,
        current: choice(0),
        best: choice(1),
        robust: robust_choice,
        shortlist,
        marginal_current,
        marginal_best,
        evaluations: passes.evaluations.get(),
        calibrated,
    })
}

/// Sorts indices of `all` best first: by [`Summary::beats`], then by the
/// budgets (lexicographic), so the order is total and reproducible.
fn sort_best_first(order: &mut [usize], all: &[(Vec<f64>, Summary)]) {
    order.sort_by(|&a, &b| {
        let (x, y) = (&all[a], &all[b]);
        if x.1.beats(&y.1) {
            std::cmp::Ordering::Less
        } else if y.1.beats(&x.1) {
            std::cmp::Ordering::Greater
        } else {
            x.0.iter()
                .zip(&y.0)
                .map(|(u, v)| u.total_cmp(v))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        }
    });
}

/// Whether each split is on the frontier of mean and P10: no other split
/// has both a strictly higher mean and a strictly higher P10.
pub fn pareto(all: &[(Vec<f64>, Summary)]) -> Vec<bool> {
    let mut by_mean: Vec<usize> = (0..all.len()).collect();
    by_mean.sort_by(|&a, &b| nan_low(all[b].1.mean).total_cmp(&nan_low(all[a].1.mean)));
    let mut out = vec![false; all.len()];
    let mut best_p10_above = f64::NEG_INFINITY;
    let mut i = 0;
    while i < by_mean.len() {
        // A group of equal means: compared with the strictly higher means only.
        let mean = nan_low(all[by_mean[i]].1.mean);
        let mut j = i;
        while j < by_mean.len() && nan_low(all[by_mean[j]].1.mean) == mean {
            j += 1;
        }
        let mut group_max = f64::NEG_INFINITY;
        for &c in &by_mean[i..j] {
            let p10 = nan_low(all[c].1.p10);
            out[c] = !all[c].1.mean.is_nan() && p10 >= best_p10_above;
            group_max = group_max.max(p10);
        }
        best_p10_above = best_p10_above.max(group_max);
        i = j;
    }
    out
}
