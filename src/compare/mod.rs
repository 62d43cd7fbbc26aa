//! Paired comparison of scenarios with common random numbers.
//!
//! Every scenario is run with the same seed, draws and sampling, block by block
//! in lockstep. Draw `i` of two scenarios uses the same uniform number for every
//! parameter path they share (MODEL.md section 7), so the difference
//! `ALT - BASE` of a metric in draw `i` isolates what the change does: the
//! noise of the shared inputs cancels. The differences are summarised per draw
//! with the same mergeable statistics as a run, so memory does not grow with
//! the number of draws.
//!
//! The results do not depend on the number of threads (see
//! [`crate::engine::fold_blocks`]).

pub mod files;

use std::ops::Range;

use crate::engine::{self, Job, Observer, Partial, RunStats};
use crate::model::{Metric, MetricKind, Workspace};
use crate::scenario::{Scenario, Simulation};
use crate::stats::SeriesStats;

/// A metric and year present in both the base and an alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// The metric (name, unit, kind), as in the base.
    pub metric: Metric,
    /// Calendar year.
    pub year: i32,
    /// Series index in the base run (`metric * years + t`).
    pub base: usize,
    /// Series index in the alternative run.
    pub alt: usize,
}

/// Draw-by-draw differences between one alternative and the base.
#[derive(Debug, Clone)]
pub struct AltComparison {
    /// The shared metrics and years, in the base's metric order then by year.
    pub shared: Vec<Shared>,
    /// Per shared series: statistics of `ALT - BASE` over the draws.
    pub diff: Vec<SeriesStats>,
    /// Per shared series: number of draws where `ALT > BASE`.
    pub alt_higher: Vec<u64>,
    /// First and last calendar year both scenarios simulate.
    pub window: (i32, i32),
    /// Per draw: extra cumulative executed public spending at the end of the
    /// window (sum over axes of `spending.*`), M EUR.
    pub extra_spending: SeriesStats,
    /// Per draw: extra domestic market summed over the years of the window,
    /// M EUR.
    pub extra_market: SeriesStats,
    /// Per draw: `extra_market / extra_spending`, M EUR of market per extra
    /// public M EUR. Draws without extra spending give no ratio and are counted
    /// in [`SeriesStats::non_finite`].
    pub market_per_meur: SeriesStats,
}

impl AltComparison {
    /// Share of draws where `ALT > BASE` for shared series `k`.
    pub fn prob_alt_higher(&self, k: usize, draws: u64) -> f64 {
        self.alt_higher[k] as f64 / draws as f64
    }
}

/// The result of [`compare`].
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The settings every scenario was run with.
    pub simulation: Simulation,
    /// One run per scenario: the base first, then the alternatives in order.
    pub runs: Vec<RunStats>,
    /// One entry per alternative.
    pub alts: Vec<AltComparison>,
}

/// Why scenarios cannot be compared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// The horizons do not overlap.
    #[error(
        "{alt} ({alt_from}-{alt_to}) and the base {base} ({base_from}-{base_to}) share no year; \
         a comparison needs overlapping horizons"
    )]
    NoSharedYear {
        /// The base's name.
        base: String,
        /// Its first year.
        base_from: i32,
        /// Its last year.
        base_to: i32,
        /// The alternative's name.
        alt: String,
        /// Its first year.
        alt_from: i32,
        /// Its last year.
        alt_to: i32,
    },
}

/// Per-alternative bookkeeping prepared once.
struct Plan {
    shared: Vec<Shared>,
    window: (i32, i32),
    /// Series indices of every `spending.*` at the window's last year, per run
    /// (base, alt).
    spend_last: (Vec<usize>, Vec<usize>),
    /// Series indices of `market.domestic` over the window, per run.
    domestic: (Vec<usize>, Vec<usize>),
}

fn plan(
    base: &Scenario,
    bm: &[Metric],
    alt: &Scenario,
    am: &[Metric],
) -> Result<Plan, CompareError> {
    let from = base.start_year.max(alt.start_year);
    let to = base.end_year.min(alt.end_year);
    if from > to {
        return Err(CompareError::NoSharedYear {
            base: base.name.clone(),
            base_from: base.start_year,
            base_to: base.end_year,
            alt: alt.name.clone(),
            alt_from: alt.start_year,
            alt_to: alt.end_year,
        });
    }
    let (bt, at) = (base.years(), alt.years());
    let bidx = |m: usize, y: i32| m * bt + (y - base.start_year) as usize;
    let aidx = |m: usize, y: i32| m * at + (y - alt.start_year) as usize;
    let mut shared = Vec::new();
    for (mb, metric) in bm.iter().enumerate() {
        let Some(ma) = am.iter().position(|x| x.name == metric.name) else {
            continue;
        };
        for y in from..=to {
            shared.push(Shared {
                metric: metric.clone(),
                year: y,
                base: bidx(mb, y),
                alt: aidx(ma, y),
            });
        }
    }
    let spend = |ms: &[Metric], idx: &dyn Fn(usize, i32) -> usize| -> Vec<usize> {
        ms.iter()
            .enumerate()
            .filter(|(_, m)| m.kind == MetricKind::Spending)
            .map(|(i, _)| idx(i, to))
            .collect()
    };
    let domestic = |ms: &[Metric], idx: &dyn Fn(usize, i32) -> usize| -> Vec<usize> {
        let m = ms
            .iter()
            .position(|m| m.name == "market.domestic")
            .expect("every scenario has market.domestic");
        (from..=to).map(|y| idx(m, y)).collect()
    };
    Ok(Plan {
        shared,
        window: (from, to),
        spend_last: (spend(bm, &bidx), spend(am, &aidx)),
        domestic: (domestic(bm, &bidx), domestic(am, &aidx)),
    })
}

/// Partial results of a range of draws for one alternative.
#[derive(Debug, Clone)]
struct AltPartial {
    diff: Vec<SeriesStats>,
    higher: Vec<u64>,
    extra_spending: SeriesStats,
    extra_market: SeriesStats,
    ratio: SeriesStats,
}

impl AltPartial {
    fn new(n: usize) -> AltPartial {
        AltPartial {
            diff: vec![SeriesStats::default(); n],
            higher: vec![0; n],
            extra_spending: SeriesStats::default(),
            extra_market: SeriesStats::default(),
            ratio: SeriesStats::default(),
        }
    }

    fn merge(&mut self, o: AltPartial) {
        for (a, b) in self.diff.iter_mut().zip(&o.diff) {
            a.merge(b);
        }
        for (a, b) in self.higher.iter_mut().zip(&o.higher) {
            *a += b;
        }
        self.extra_spending.merge(&o.extra_spending);
        self.extra_market.merge(&o.extra_market);
        self.ratio.merge(&o.ratio);
    }
}

/// Runs the base and every alternative with the settings `sim` (each
/// scenario's own `[simulation]` is ignored) and summarises, per alternative,
/// the draw-by-draw differences `ALT - BASE` of every metric and year they
/// share.
pub fn compare(
    base: &Scenario,
    alts: &[Scenario],
    sim: Simulation,
    observer: &dyn Observer,
) -> Result<Comparison, CompareError> {
    let scenarios: Vec<Scenario> = std::iter::once(base)
        .chain(alts)
        .map(|s| {
            let mut s = s.clone();
            s.simulation = sim;
            s
        })
        .collect();
    let jobs: Vec<Job> = scenarios.iter().map(Job::new).collect();
    let plans: Vec<Plan> = scenarios[1..]
        .iter()
        .zip(&jobs[1..])
        .map(|(alt, job)| plan(&scenarios[0], &jobs[0].metrics, alt, &job.metrics))
        .collect::<Result<_, _>>()?;

    observer.start(sim.draws * jobs.len() as u64);
    let leaf = |blocks: Range<usize>| {
        let mut parts: Vec<Partial> = jobs.iter().map(Job::partial).collect();
        let mut alt_parts: Vec<AltPartial> = plans
            .iter()
            .map(|p| AltPartial::new(p.shared.len()))
            .collect();
        let mut samples: Vec<_> = jobs.iter().map(Job::samples).collect();
        let mut wss: Vec<Workspace> = jobs.iter().map(|_| Workspace::default()).collect();
        let mut bufs: Vec<Vec<f64>> = jobs
            .iter()
            .map(|j| vec![0.0; j.metrics.len() * j.years * engine::BLOCK])
            .collect();
        let mut d = vec![0.0; engine::BLOCK];
        let mut spend = vec![0.0; engine::BLOCK];
        let mut market = vec![0.0; engine::BLOCK];
        for b in blocks {
            let (start, n) = engine::block_span(b, sim.draws);
            for (j, job) in jobs.iter().enumerate() {
                let buf = &mut bufs[j];
                job.block(
                    start,
                    n,
                    &mut samples[j],
                    &mut wss[j],
                    &mut parts[j],
                    |idx, v| buf[idx * engine::BLOCK..idx * engine::BLOCK + n].copy_from_slice(v),
                );
            }
            fn lanes(buf: &[f64], idx: usize, n: usize) -> &[f64] {
                let s = idx * engine::BLOCK;
                &buf[s..s + n]
            }
            for (a, (plan, part)) in plans.iter().zip(&mut alt_parts).enumerate() {
                let (bb, ab) = (&bufs[0], &bufs[a + 1]);
                for (k, sh) in plan.shared.iter().enumerate() {
                    let (bv, av) = (lanes(bb, sh.base, n), lanes(ab, sh.alt, n));
                    let mut higher = 0;
                    for i in 0..n {
                        d[i] = av[i] - bv[i];
                        higher += u64::from(av[i] > bv[i]);
                    }
                    part.diff[k].add_slice(&d[..n]);
                    part.higher[k] += higher;
                }
                let totals = |out: &mut [f64], bi: &[usize], ai: &[usize]| {
                    out[..n].fill(0.0);
                    for &i in ai {
                        for (o, x) in out.iter_mut().zip(lanes(ab, i, n)) {
                            *o += x;
                        }
                    }
                    for &i in bi {
                        for (o, x) in out.iter_mut().zip(lanes(bb, i, n)) {
                            *o -= x;
                        }
                    }
                };
                totals(&mut spend, &plan.spend_last.0, &plan.spend_last.1);
                // Year by year, so years where nothing changed add exactly zero.
                market[..n].fill(0.0);
                for (&bi, &ai) in plan.domestic.0.iter().zip(&plan.domestic.1) {
                    let (bv, av) = (lanes(bb, bi, n), lanes(ab, ai, n));
                    for i in 0..n {
                        market[i] += av[i] - bv[i];
                    }
                }
                part.extra_spending.add_slice(&spend[..n]);
                part.extra_market.add_slice(&market[..n]);
                for i in 0..n {
                    // 0/0 and x/0 are not finite: such draws bought nothing extra.
                    d[i] = market[i] / spend[i];
                }
                part.ratio.add_slice(&d[..n]);
            }
            observer.advance((n * jobs.len()) as u64);
        }
        (parts, alt_parts)
    };
    let merge = |a: &mut (Vec<Partial>, Vec<AltPartial>), b: (Vec<Partial>, Vec<AltPartial>)| {
        for (x, y) in a.0.iter_mut().zip(b.0) {
            x.merge(y);
        }
        for (x, y) in a.1.iter_mut().zip(b.1) {
            x.merge(y);
        }
    };
    let (parts, alt_parts) = engine::fold_blocks(sim.draws, &leaf, &merge);
    observer.finish();

    let runs = jobs
        .into_iter()
        .zip(parts)
        .zip(&scenarios)
        .map(|((job, part), s)| RunStats {
            metrics: job.metrics,
            years: s.year_list(),
            series: part.series,
            target_hits: part.hits,
            simulation: sim,
        })
        .collect();
    let alts = plans
        .into_iter()
        .zip(alt_parts)
        .map(|(p, a)| AltComparison {
            shared: p.shared,
            diff: a.diff,
            alt_higher: a.higher,
            window: p.window,
            extra_spending: a.extra_spending,
            extra_market: a.extra_market,
            market_per_meur: a.ratio,
        })
        .collect();
    Ok(Comparison {
        simulation: sim,
        runs,
        alts,
    })
}
