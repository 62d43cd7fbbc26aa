//! Precision control (`esante run --precision 1%`): draw in rounds until
//! the tracked outputs are known well enough, as @RISK's convergence
//! monitoring and Crystal Ball's precision control do.
//!
//! The tracked outputs are the targets' metrics in their years, or
//! `market.total` in the last year when the scenario sets no target. For
//! each, the mean, P5, the median and P95 must have a 95% Monte Carlo
//! interval whose half-width (the `±` of the report, [`Z975`] standard
//! errors of [`Precision`]) is at most the asked share of the statistic's
//! value.
//!
//! Rounds double the draws: the first has the run's draws rounded up to
//! whole blocks, each next one twice the total, the last one cut at the
//! largest number of draws allowed. The check happens only between rounds,
//! at block boundaries, so where a run stops depends on the scenario, the
//! seed, the sampling, the first draws, the precision and the limit, never
//! on the thread count. Under Monte Carlo sampling a round adds new draws
//! to the earlier ones (a draw's values depend only on its index): a run
//! that stops at `n` draws has the bits of a plain run of `n` draws. A Latin
//! hypercube of `n` draws is not part of one of `2n`, so under LHS each
//! round is a new hypercube of the round's total and only the last one is
//! kept (about twice the work); its intervals are those of independent
//! draws, which overstate the error of LHS estimates, so the stop is
//! conservative.

use crate::analysis::run::{Precision, Row, Z975};
use crate::engine::{BLOCK, Job, Observer, RunStats, run_blocks};
use crate::sampling::{RunSettings, Sampling};
use crate::scenario::{Metric, Scenario, Series};

/// What a precision-controlled run aims at.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Goal {
    /// The largest half-width of a 95% interval, in percent of the value
    /// (`1` for `--precision 1%`).
    pub percent: f64,
    /// The largest number of draws.
    pub max_draws: u64,
}

impl Goal {
    /// The largest half-width as a share of the value.
    pub fn share(&self) -> f64 {
        self.percent / 100.0
    }
}

/// A statistic that precision control checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Statistic {
    /// The mean.
    Mean,
    /// The 5th percentile.
    P5,
    /// The median.
    P50,
    /// The 95th percentile.
    P95,
}

impl Statistic {
    /// Every checked statistic, in report order.
    pub const ALL: [Statistic; 4] = [
        Statistic::Mean,
        Statistic::P5,
        Statistic::P50,
        Statistic::P95,
    ];

    /// The statistic's value and its standard error.
    fn of(self, row: &Row, se: &Precision) -> (f64, f64) {
        match self {
            Statistic::Mean => (row.mean, se.mean),
            Statistic::P5 => (row.p5, se.p5),
            Statistic::P50 => (row.p50, se.p50),
            Statistic::P95 => (row.p95, se.p95),
        }
    }
}

/// One tracked statistic after a round.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Check {
    /// The metric's series (metric and year).
    #[serde(skip)]
    pub series: Series,
    /// Which statistic.
    pub statistic: Statistic,
    /// Its value.
    pub value: f64,
    /// The half-width of its 95% interval, in the metric's unit.
    pub half_width: f64,
}

impl Check {
    /// The half-width as a share of the value's magnitude (0 when both are
    /// 0, infinite when only the value is, NaN without values).
    pub fn relative(&self) -> f64 {
        if self.half_width == 0.0 {
            0.0
        } else {
            self.half_width / self.value.abs()
        }
    }

    /// Whether the statistic is known within `share` of its value.
    pub fn met(&self, share: f64) -> bool {
        self.relative() <= share
    }
}

/// One round: the draws so far and the widest relative half-width.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Round {
    /// Draws after the round.
    pub draws: u64,
    /// The largest relative half-width among the tracked statistics.
    pub widest: f64,
}

/// Why the rounds stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// Every tracked statistic met the goal.
    Met,
    /// The largest number of draws was reached first.
    MaxDraws,
}

/// How a precision-controlled run went.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Convergence {
    /// The goal.
    pub goal: Goal,
    /// The draws the first round asked for (the run's `--draws`).
    pub first_draws: u64,
    /// Every round, in order.
    pub rounds: Vec<Round>,
    /// Why it stopped.
    pub stop: Stop,
    /// The tracked statistics after the last round.
    pub checks: Vec<Check>,
}

impl Convergence {
    /// The draws used: those of the last round.
    pub fn draws(&self) -> u64 {
        self.rounds.last().map_or(0, |r| r.draws)
    }

    /// The widest relative half-width after the last round.
    pub fn widest(&self) -> f64 {
        self.rounds.last().map_or(f64::NAN, |r| r.widest)
    }
}

/// The series precision control tracks: each target's metric in its year
/// (once each, in scenario order), or `market.total` in the last year.
pub fn tracked(s: &Scenario) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    for t in &s.targets {
        if !out.contains(&t.series) {
            out.push(t.series);
        }
    }
    if out.is_empty() {
        out.push(s.metrics.series(Metric::Total, s.metrics.years() - 1));
    }
    out
}

/// The tracked statistics of `stats`.
pub fn checks(s: &Scenario, stats: &RunStats) -> Vec<Check> {
    let mut out = Vec::new();
    for series in tracked(s) {
        let (_, year) = s.metrics.locate(series);
        let row = Row::of(year, stats.get(series));
        let se = Precision::of(stats.get(series));
        for statistic in Statistic::ALL {
            let (value, se) = statistic.of(&row, &se);
            out.push(Check {
                series,
                statistic,
                value,
                half_width: Z975 * se,
            });
        }
    }
    out
}

/// The total draws of each round: the first draws rounded up to whole
/// blocks, then doubling, the last cut at `max_draws`.
pub fn schedule(first_draws: u64, max_draws: u64) -> Vec<u64> {
    let block = BLOCK as u64;
    let mut totals = vec![first_draws.div_ceil(block).max(1) * block];
    while totals[totals.len() - 1] < max_draws {
        let next = totals[totals.len() - 1].saturating_mul(2);
        totals.push(next);
    }
    let last = totals.len() - 1;
    totals[last] = totals[last].min(max_draws);
    totals.dedup();
    totals
}

/// Runs `scenario` from `settings.draws` draws in doubling rounds until the
/// tracked statistics meet `goal` (see the module). Returns the statistics
/// of the draws used, with `settings.draws` set to their number, and how the
/// rounds went. `on_round` hears of every round as it ends.
pub fn run_to_precision(
    scenario: &Scenario,
    settings: RunSettings,
    goal: Goal,
    observer: &dyn Observer,
    on_round: &dyn Fn(&Round),
) -> (RunStats, Convergence) {
    let totals = schedule(settings.draws, goal.max_draws);
    let mut rounds = Vec::new();
    let mut stats: Option<RunStats> = None;
    // One job for every Monte Carlo round (its tables are built once; the
    // last round ends at most at `max_draws`); a new hypercube for every
    // LHS round.
    let mc_job = (settings.sampling == Sampling::Mc).then(|| {
        Job::new(
            scenario,
            RunSettings {
                draws: goal.max_draws,
                ..settings
            },
        )
    });
    let mut done = 0u64;
    for &total in &totals {
        match &mc_job {
            Some(job) => {
                let blocks = (done as usize / BLOCK)..(total as usize).div_ceil(BLOCK);
                observer.start(total - done);
                let part = run_blocks(job, blocks, observer);
                match &mut stats {
                    Some(s) => s.add(&part, total),
                    None => {
                        let mut s = part;
                        s.settings.draws = total;
                        stats = Some(s);
                    }
                }
            }
            None => {
                let job = Job::new(
                    scenario,
                    RunSettings {
                        draws: total,
                        ..settings
                    },
                );
                observer.start(total);
                stats = Some(run_blocks(
                    &job,
                    0..(total as usize).div_ceil(BLOCK),
                    observer,
                ));
            }
        }
        observer.finish();
        done = total;
        let now = checks(scenario, stats.as_ref().expect("a round ran"));
        let widest = now
            .iter()
            .map(Check::relative)
            .fold(0.0, |a: f64, b| if b.is_nan() || b > a { b } else { a });
        let round = Round {
            draws: total,
            widest,
        };
        on_round(&round);
        rounds.push(round);
        if now.iter().all(|c| c.met(goal.share())) {
            let c = Convergence {
                goal,
                first_draws: settings.draws,
                rounds,
                stop: Stop::Met,
                checks: now,
            };
            return (stats.expect("a round ran"), c);
        }
    }
    let stats = stats.expect("at least one round");
    let checks = checks(scenario, &stats);
    let c = Convergence {
        goal,
        first_draws: settings.draws,
        rounds,
        stop: Stop::MaxDraws,
        checks,
    };
    (stats, c)
}
