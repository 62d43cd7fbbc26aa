//! A finished run and the numbers derived from it: the statistics row of a
//! series (mean, sd, min, percentiles, max), the Monte Carlo standard
//! errors of its mean and percentiles, and each target's probability with
//! its Monte Carlo standard error.

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

/// How precisely the draws pin down a series' statistics: the Monte Carlo
/// standard error of its mean and of each reported percentile
/// ([`PERCENTILES`]), in the metric's unit.
///
/// The mean's is `sd / sqrt(n)`. A percentile's comes from the
/// distribution-free 95% interval of the `p`-quantile between two order
/// statistics, those of ranks `n (p -/+ 1.96 sqrt(p (1 - p) / n))` (the
/// binomial count of draws below the quantile, in its normal
/// approximation), read from the percentile sketch: the interval's width
/// divided by `2 * 1.96`. Weighted (calibrated) statistics use Kish's
/// effective sample size for `n`. Both treat the draws as independent:
/// under Latin hypercube sampling they overstate the error (LHS estimates
/// are at least as precise as plain Monte Carlo ones).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Precision {
    /// Standard error of the mean.
    pub mean: f64,
    /// Standard error of P5.
    pub p5: f64,
    /// Standard error of P10.
    pub p10: f64,
    /// Standard error of P25.
    pub p25: f64,
    /// Standard error of the median.
    pub p50: f64,
    /// Standard error of P75.
    pub p75: f64,
    /// Standard error of P90.
    pub p90: f64,
    /// Standard error of P95.
    pub p95: f64,
}

/// The standard normal quantile of 97.5% (1.96): a 95% interval is this
/// many standard errors either side.
pub const Z975: f64 = 1.959_963_984_540_054;

impl Precision {
    /// The standard errors of one series' statistics (NaN without values).
    pub fn of(s: &SeriesStats) -> Precision {
        let m = &s.moments;
        // Kish's effective sample size: n when every weight is 1.
        let n = if m.weight_sq > 0.0 {
            m.weight * m.weight / m.weight_sq
        } else {
            f64::NAN
        };
        let mut probs = Vec::with_capacity(2 * PERCENTILES.len());
        for &(_, p) in &PERCENTILES {
            let half = Z975 * (p * (1.0 - p) / n).sqrt();
            probs.push((p - half).max(0.0));
            probs.push((p + half).min(1.0));
        }
        let q = s.percentiles(&probs);
        let se: Vec<f64> = q
            .chunks_exact(2)
            .map(|b| (b[1] - b[0]) / (2.0 * Z975))
            .collect();
        Precision {
            mean: m.sd() / n.sqrt(),
            p5: se[0],
            p10: se[1],
            p25: se[2],
            p50: se[3],
            p75: se[4],
            p90: se[5],
            p95: se[6],
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

    /// Half-width of the 95% interval, [`Z975`] standard errors.
    pub fn margin95(&self) -> f64 {
        Z975 * self.std_error
    }
}

impl Run<'_> {
    /// The statistics row of a series.
    pub fn row(&self, s: Series) -> Row {
        let (_, year) = self.scenario.metrics.locate(s);
        Row::of(year, self.stats.get(s))
    }

    /// The Monte Carlo standard errors of a series' statistics.
    pub fn precision(&self, s: Series) -> Precision {
        Precision::of(self.stats.get(s))
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
