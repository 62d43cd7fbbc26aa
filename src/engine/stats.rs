//! The statistics of a run as a visitor of the draw loop: every metric in
//! every year ([`SeriesStats`]) and the draws meeting each target; in a
//! weighted pass, weighted statistics and the weights' diagnostics.

use super::{Block, Job, Visit, Visitor};
use crate::sampling::RunSettings;
use crate::scenario::{Bound, Series};
use crate::stats::importance::{Tail, WeightSums};
use crate::stats::{BlockWeights, SeriesStats};

/// Statistics of every metric in every year of one run, and target hit counts.
#[derive(Debug, Clone)]
pub struct RunStats {
    /// Per series (see [`crate::scenario::MetricIndex::series`]).
    pub series: Vec<SeriesStats>,
    /// Per target: number of draws meeting it (their total weight in a
    /// weighted run).
    pub target_hits: Vec<f64>,
    /// The settings of the run.
    pub settings: RunSettings,
    /// In a weighted (calibrated) run: the weights' sums and largest values.
    pub weights: Option<Importance>,
}

/// The importance weights of a run's draws, summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct Importance {
    /// Count, sum, sum of squares and largest weight.
    pub sums: WeightSums,
    /// The largest weights, for the Pareto tail diagnostic.
    pub tail: Tail,
}

impl Importance {
    /// No weight yet, for a run of `draws` draws.
    pub fn new(draws: u64) -> Importance {
        Importance {
            sums: WeightSums::default(),
            tail: Tail::new(draws),
        }
    }

    /// Adds a block's weights.
    pub fn add(&mut self, weights: &[f64]) {
        self.sums.add_slice(weights);
        self.tail.push_slice(weights);
    }

    /// Adds a later part of the run.
    pub fn merge(&mut self, o: Importance) {
        self.sums.merge(&o.sums);
        self.tail.merge(o.tail);
    }
}

impl RunStats {
    /// The total weight of the draws: the number of draws when unweighted.
    pub fn total_weight(&self) -> f64 {
        self.weights
            .as_ref()
            .map_or(self.settings.draws as f64, |w| w.sums.sum)
    }

    /// The effective number of draws: Kish's effective sample size when
    /// weighted, the number of draws otherwise.
    pub fn effective_draws(&self) -> f64 {
        self.weights
            .as_ref()
            .map_or(self.settings.draws as f64, |w| w.sums.ess())
    }

    /// Adds the statistics of other draws of the same unweighted run, which
    /// then counts `draws` draws. Merges are exact: the bits do not depend
    /// on how the draws were split.
    pub fn add(&mut self, o: &RunStats, draws: u64) {
        assert!(
            self.weights.is_none() && o.weights.is_none(),
            "only unweighted statistics add up"
        );
        assert_eq!(self.series.len(), o.series.len(), "the same run's series");
        for (a, b) in self.series.iter_mut().zip(&o.series) {
            a.merge(b);
        }
        for (a, b) in self.target_hits.iter_mut().zip(&o.target_hits) {
            *a += b;
        }
        self.settings.draws = draws;
    }

    /// Statistics of one series.
    pub fn get(&self, s: Series) -> &SeriesStats {
        &self.series[s.0]
    }

    /// Series where some draws overflowed to a non-finite value, with how
    /// many. Such values are left out of the statistics.
    pub fn non_finite(&self) -> impl Iterator<Item = (Series, u64)> + '_ {
        self.series
            .iter()
            .enumerate()
            .filter(|(_, s)| s.non_finite > 0)
            .map(|(i, s)| (Series(i), s.non_finite))
    }
}

/// The statistics visitor of one job among those run together.
#[derive(Debug, Clone)]
pub struct Statistics {
    job: usize,
    n_series: usize,
    settings: RunSettings,
    /// For each series, the targets it decides: (target index, bound).
    target_of: Vec<Vec<(usize, Bound)>>,
    n_targets: usize,
    /// Whether the draws' weights (in a weighted pass) apply.
    weighted: bool,
    /// Per series, whether it is summarised (all when `None`).
    tracked: Option<Vec<bool>>,
}

impl Statistics {
    /// Statistics of `job`, which is job number `index` of the loop.
    pub fn new(job: &Job<'_>, index: usize) -> Statistics {
        let s = job.scenario;
        let mut target_of = vec![Vec::new(); s.metrics.n_series()];
        for (i, t) in s.targets.iter().enumerate() {
            target_of[t.series.0].push((i, t.bound));
        }
        Statistics {
            job: index,
            n_series: s.metrics.n_series(),
            settings: job.settings,
            target_of,
            n_targets: s.targets.len(),
            weighted: true,
            tracked: None,
        }
    }

    /// The same statistics for the series `keep` selects only (and the
    /// targets'); the others stay empty (no value), which saves their cost.
    pub fn only(self, keep: impl Fn(Series) -> bool) -> Statistics {
        let mut tracked: Vec<bool> = (0..self.n_series).map(|i| keep(Series(i))).collect();
        for (i, t) in self.target_of.iter().enumerate() {
            tracked[i] |= !t.is_empty();
        }
        Statistics {
            tracked: Some(tracked),
            ..self
        }
    }

    /// Statistics of `job` that count every draw the same even in a
    /// weighted pass (the prior beside a calibration's posterior).
    pub fn unweighted(job: &Job<'_>, index: usize) -> Statistics {
        Statistics {
            weighted: false,
            ..Statistics::new(job, index)
        }
    }

    /// The finished statistics.
    pub fn finish(&self, acc: StatsAcc<'_>) -> RunStats {
        RunStats {
            series: acc.series,
            target_hits: acc.hits,
            settings: self.settings,
            weights: acc.weights,
        }
    }
}

/// Partial statistics of a range of draws.
#[derive(Debug, Clone)]
pub struct StatsAcc<'a> {
    of: &'a Statistics,
    series: Vec<SeriesStats>,
    hits: Vec<f64>,
    weights: Option<Importance>,
    /// The current block's weights, in a weighted pass (empty otherwise).
    block_weights: BlockWeights,
}

impl Visitor for StatsAcc<'_> {
    fn weights(&mut self, _: Block, weights: &[f64]) {
        if !self.of.weighted {
            return;
        }
        self.weights
            .get_or_insert_with(|| Importance::new(self.of.settings.draws))
            .add(weights);
        self.block_weights.set(weights);
    }

    fn rescale(&mut self, factor: f64) {
        let Some(w) = &mut self.weights else {
            return;
        };
        w.sums.rescale(factor);
        w.tail.rescale(factor);
        for s in &mut self.series {
            s.rescale(factor);
        }
        for h in &mut self.hits {
            *h *= factor;
        }
    }

    fn values(&mut self, job: usize, _: Block, series: Series, values: &[f64]) {
        if job != self.of.job || self.of.tracked.as_ref().is_some_and(|t| !t[series.0]) {
            return;
        }
        let ws = &self.block_weights;
        self.series[series.0].add_block(values, ws);
        for &(ti, bound) in &self.of.target_of[series.0] {
            self.hits[ti] += ws.mass(values, |x| bound.holds(x));
        }
    }
}

impl Visit for Statistics {
    type Acc<'a> = StatsAcc<'a>;

    fn leaf(&self) -> StatsAcc<'_> {
        StatsAcc {
            of: self,
            series: vec![SeriesStats::default(); self.n_series],
            hits: vec![0.0; self.n_targets],
            weights: None,
            block_weights: BlockWeights::default(),
        }
    }

    fn merge<'a>(&'a self, a: &mut StatsAcc<'a>, b: StatsAcc<'a>) {
        for (x, y) in a.series.iter_mut().zip(&b.series) {
            x.merge(y);
        }
        for (x, y) in a.hits.iter_mut().zip(&b.hits) {
            *x += y;
        }
        match (&mut a.weights, b.weights) {
            (Some(x), Some(y)) => x.merge(y),
            (None, y) => a.weights = y,
            (Some(_), None) => {}
        }
    }
}
