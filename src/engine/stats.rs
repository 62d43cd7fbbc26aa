//! The statistics of a run as a visitor of the draw loop: every metric in
//! every year ([`SeriesStats`]) and the draws meeting each target.

use super::{Block, Job, Visit, Visitor};
use crate::sampling::RunSettings;
use crate::scenario::{Bound, Series};
use crate::stats::SeriesStats;

/// Statistics of every metric in every year of one run, and target hit counts.
#[derive(Debug, Clone)]
pub struct RunStats {
    /// Per series (see [`crate::scenario::MetricIndex::series`]).
    pub series: Vec<SeriesStats>,
    /// Per target: number of draws meeting it.
    pub target_hits: Vec<u64>,
    /// The settings of the run.
    pub settings: RunSettings,
}

impl RunStats {
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
        }
    }

    /// The finished statistics.
    pub fn finish(&self, acc: StatsAcc<'_>) -> RunStats {
        RunStats {
            series: acc.series,
            target_hits: acc.hits,
            settings: self.settings,
        }
    }
}

/// Partial statistics of a range of draws.
#[derive(Debug, Clone)]
pub struct StatsAcc<'a> {
    of: &'a Statistics,
    series: Vec<SeriesStats>,
    hits: Vec<u64>,
}

impl Visitor for StatsAcc<'_> {
    fn values(&mut self, job: usize, _: Block, series: Series, values: &[f64]) {
        if job != self.of.job {
            return;
        }
        self.series[series.0].add_slice(values);
        for &(ti, bound) in &self.of.target_of[series.0] {
            self.hits[ti] += values.iter().filter(|&&x| bound.holds(x)).count() as u64;
        }
    }
}

impl Visit for Statistics {
    type Acc<'a> = StatsAcc<'a>;

    fn leaf(&self) -> StatsAcc<'_> {
        StatsAcc {
            of: self,
            series: vec![SeriesStats::default(); self.n_series],
            hits: vec![0; self.n_targets],
        }
    }

    fn merge<'a>(&'a self, a: &mut StatsAcc<'a>, b: StatsAcc<'a>) {
        for (x, y) in a.series.iter_mut().zip(&b.series) {
            x.merge(y);
        }
        for (x, y) in a.hits.iter_mut().zip(&b.hits) {
            *x += y;
        }
    }
}
