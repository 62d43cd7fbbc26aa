//! A finished run and the numbers derived from it: the statistics row of a
//! series (mean, sd, min, percentiles, max) and each target's probability
//! with its Monte Carlo standard error.

use crate::engine::RunStats;
use crate::scenario::{Metric, Scenario, Series, Target};
use crate::stats::{PERCENTILES, SeriesStats};

/// A finished run: the scenario and its statistics.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The scenario that was run.
    pub scenario: &'a Scenario,
    /// What the engine computed.
    pub stats: &'a RunStats,
}

/// One statistics row: a metric in a year (docs/model.md section 6).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// Calendar year.
    pub year: i32,
    /// Mean over draws.
    pub mean: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// Smallest value.
    pub min: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest value.
    pub max: f64,
}

impl Row {
    /// The row of one series' statistics in `year`.
    pub fn of(year: i32, s: &SeriesStats) -> Row {
        if s.moments.n == 0 {
            // No finite value: every statistic is undefined.
            let u = f64::NAN;
            return Row {
                year,
                mean: u,
                sd: u,
                min: u,
                p5: u,
                p10: u,
                p25: u,
                p50: u,
                p75: u,
                p90: u,
                p95: u,
                max: u,
            };
        }
        let probs: Vec<f64> = PERCENTILES.iter().map(|p| p.1).collect();
        let q = s.percentiles(&probs);
        Row {
            year,
            mean: s.moments.mean(),
            sd: s.moments.sd(),
            min: s.min,
            p5: q[0],
            p10: q[1],
            p25: q[2],
            p50: q[3],
            p75: q[4],
            p90: q[5],
            p95: q[6],
            max: s.max,
        }
    }
}

/// A share of draws and its Monte Carlo standard error `sqrt(p (1 - p) / n)`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Probability {
    /// The share of draws.
    pub value: f64,
    /// Its standard error.
    pub std_error: f64,
}

impl Probability {
    /// `hits` out of `draws`.
    pub fn of(hits: u64, draws: u64) -> Probability {
        Probability::weighted(hits as f64, draws as f64, draws as f64)
    }

    /// A share `hits / total` of the draws' weight (of their number when
    /// unweighted), with the standard error of `effective` independent draws
    /// (Kish's effective sample size when weighted).
    pub fn weighted(hits: f64, total: f64, effective: f64) -> Probability {
        let p = hits / total;
        Probability {
            value: p,
            std_error: (p * (1.0 - p) / effective).sqrt(),
        }
    }

    /// Half-width of the 95% interval, `1.96` standard errors.
    pub fn margin95(&self) -> f64 {
        1.96 * self.std_error
    }
}

impl Run<'_> {
    /// The statistics row of a series.
    pub fn row(&self, s: Series) -> Row {
        let (_, year) = self.scenario.metrics.locate(s);
        Row::of(year, self.stats.get(s))
    }

    /// The rows of a metric over every year.
    pub fn rows(&self, m: Metric) -> Vec<Row> {
        let ix = &self.scenario.metrics;
        (0..ix.years()).map(|t| self.row(ix.series(m, t))).collect()
    }

    /// Every target with its probability, in scenario order.
    pub fn targets(&self) -> impl Iterator<Item = (&Target, Probability)> + '_ {
        let (total, effective) = (self.stats.total_weight(), self.stats.effective_draws());
        self.scenario
            .targets
            .iter()
            .zip(&self.stats.target_hits)
            .map(move |(t, &h)| (t, Probability::weighted(h, total, effective)))
    }
}
