//! The backtest of a run: each observed figure (`[[observed]]`) against the
//! projection's distribution of its metric in its year.

use serde::Serialize;

use crate::analysis::run::Run;
use crate::scenario::Observation;

/// Below this share of the projection, or above one minus it, an observation
/// is a miss.
pub const MISS_TAIL: f64 = 0.05;

/// Where an observation falls in the projected distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Below the projection's 5th percentile: the projection ran high.
    BelowP5,
    /// Between the 5th and 95th percentiles.
    Within,
    /// Above the 95th percentile: the projection ran low.
    AboveP95,
}

/// One observation against the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct Check<'a> {
    /// The observation.
    pub observed: &'a Observation,
    /// The projection's 5th percentile of the metric in that year.
    pub p5: f64,
    /// Its median.
    pub p50: f64,
    /// Its 95th percentile.
    pub p95: f64,
    /// Share of the projection below the observed value (its percentile, in
    /// `[0, 1]`; 0.5 is dead centre).
    pub percentile: f64,
    /// Inside the P5-P95 band or not.
    pub verdict: Verdict,
}

/// Every observation of the run's scenario against its projection, in
/// scenario order (weighted percentiles when the run is calibrated).
pub fn backtest<'a>(run: &Run<'a>) -> Vec<Check<'a>> {
    run.scenario
        .observed
        .iter()
        .map(|o| {
            let r = run.row(o.series);
            let percentile = run.stats.get(o.series).share_below(o.value);
            let verdict = if percentile < MISS_TAIL {
                Verdict::BelowP5
            } else if percentile > 1.0 - MISS_TAIL {
                Verdict::AboveP95
            } else {
                Verdict::Within
            };
            Check {
                observed: o,
                p5: r.p5,
                p50: r.p50,
                p95: r.p95,
                percentile,
                verdict,
            }
        })
        .collect()
}
