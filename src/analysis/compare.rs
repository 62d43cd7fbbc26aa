//! Paired comparison of scenarios with common random numbers.
//!
//! Every scenario is run with the same seed, draws and sampling, block by block
//! in lockstep. Draw `i` of two scenarios uses the same uniform number for every
//! parameter path they share (docs/model.md section 7), so the difference
//! `ALT - BASE` of a metric in draw `i` isolates what the change does: the
//! noise of the shared inputs cancels. The differences are summarised per draw
//! with the same mergeable statistics as a run, so memory does not grow with
//! the number of draws.
//!
//! The differences are a visitor of the engine's draw loop, run in the same
//! pass as each scenario's statistics; the results do not depend on the
//! number of threads.
//!
//! ```
//! use esante::{Scenario, analysis::compare::compare, engine::Silent};
//! let base = Scenario::load("scenarios/no-program.toml".as_ref())?;
//! let alt = Scenario::load("scenarios/acceleration-2021.toml".as_ref())?;
//! let settings = esante::sampling::RunSettings { draws: 2000, ..base.simulation };
//! let cmp = compare(&base, std::slice::from_ref(&alt), settings, &Silent)?;
//! let a = &cmp.alts[0];
//! let k = a.shared.iter().position(|s| s.metric.name == "market.total").unwrap();
//! let row = cmp.row(0, k);
//! assert!(row.diff_p5 <= row.diff_p50 && row.diff_p50 <= row.diff_p95);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::baseline::{Mismatch, mismatches};
use crate::engine::{
    self, BLOCK, Block, Job, Observer, RunStats, Statistics, Visit, Visitor, Weighting,
};
use crate::sampling::RunSettings;
use crate::scenario::{Economics, Metric, MetricInfo, Scenario, Series};
use crate::stats::{BlockWeights, SeriesStats};

use serde::Serialize;

/// A metric and year present in both the base and an alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// The metric, as the base names it.
    pub id: Metric,
    /// Its name, unit and kind, as in the base.
    pub metric: MetricInfo,
    /// Calendar year.
    pub year: i32,
    /// The series in the base run.
    pub base: Series,
    /// The series in the alternative run.
    pub alt: Series,
}

/// Draw-by-draw differences between one alternative and the base.
#[derive(Debug, Clone)]
pub struct AltComparison {
    /// The shared metrics and years, in the base's metric order then by year.
    pub shared: Vec<Shared>,
    /// Per shared series: statistics of `ALT - BASE` over the draws.
    pub diff: Vec<SeriesStats>,
    /// Per shared series: number of draws where `ALT > BASE` (their total
    /// weight in a calibrated comparison).
    pub alt_higher: Vec<f64>,
    /// First and last calendar year both scenarios simulate.
    pub window: (i32, i32),
    /// Per draw: extra cumulative executed public spending at the end of the
    /// window (sum over axes of `spending.*`), M EUR; with `[economics]` its
    /// present value (of `pv.spending.*`), M EUR of the base year.
    pub extra_spending: SeriesStats,
    /// Per draw: extra domestic market summed over the years of the window,
    /// M EUR; with `[economics]` each year's difference discounted by its
    /// factor before the sum (a present value, M EUR of the base year).
    pub extra_market: SeriesStats,
    /// Per draw: `extra_market / extra_spending`, M EUR of market per extra
    /// public M EUR. Draws without extra spending give no ratio and are counted
    /// in [`SeriesStats::non_finite`].
    pub market_per_meur: SeriesStats,
    /// What differs from the base besides the programme.
    pub mismatches: Vec<Mismatch>,
}

impl AltComparison {
    /// The shared `market.domestic` series in the window's first year when
    /// its difference is not exactly 0 in every draw: the scenarios differ
    /// before the programme could have had an effect.
    pub fn start_gap(&self) -> Option<usize> {
        self.shared
            .iter()
            .position(|s| s.id == Metric::Domestic && s.year == self.window.0)
            .filter(|&k| {
                let d = &self.diff[k];
                d.moments.n > 0 && (d.min != 0.0 || d.max != 0.0)
            })
    }

    /// Share of draws (of their weight) where `ALT > BASE` for shared
    /// series `k`, out of `total` draws (or weight).
    pub fn prob_alt_higher(&self, k: usize, total: f64) -> f64 {
        self.alt_higher[k] / total
    }
}

/// The result of [`compare`].
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The settings every scenario was run with.
    pub settings: RunSettings,
    /// One run per scenario: the base first, then the alternatives in order.
    pub runs: Vec<RunStats>,
    /// One entry per alternative.
    pub alts: Vec<AltComparison>,
    /// In a calibrated comparison: the index (0 the base) of the scenario
    /// whose observed figures weight the draws.
    pub calibrated_on: Option<usize>,
    /// The `[economics]` table every compared scenario has (they must
    /// agree): the extra spending and market, and their ratio, are then
    /// present values.
    pub economics: Option<Economics>,
}

/// Why scenarios cannot be compared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// `--calibrated`, but no scenario has observed figures.
    #[error(
        "--calibrated weights the draws by observed figures, but none of the compared \
         scenarios has [[observed]]"
    )]
    NoObservation,
    /// `--calibrated`, but no draw can be weighted.
    #[error("{0}")]
    Weighting(#[from] engine::WeightingError),
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
    /// The scenarios discount differently: their present values do not
    /// add up.
    #[error(
        "{alt} has {alt_economics} but the base {base} has {base_economics}; the return on \
         extra public money is compared in present values, which need the same discount \
         rate and base year: give every compared scenario the same [economics] table (or \
         none), with `base_year` set when their start years differ"
    )]
    Economics {
        /// The base's name.
        base: String,
        /// The base's discounting, in words.
        base_economics: String,
        /// The alternative's name.
        alt: String,
        /// The alternative's discounting, in words.
        alt_economics: String,
    },
}

/// A scenario's discounting for [`CompareError::Economics`].
fn economics_text(e: Option<Economics>) -> String {
    match e {
        None => "no [economics] table".into(),
        Some(e) => format!(
            "a discount rate of {} from base year {}",
            e.discount_rate, e.base_year
        ),
    }
}

/// The `[economics]` every scenario shares, or why they do not.
fn shared_economics(base: &Scenario, alts: &[Scenario]) -> Result<Option<Economics>, CompareError> {
    for alt in alts {
        if alt.economics != base.economics {
            return Err(CompareError::Economics {
                base: base.name.clone(),
                base_economics: economics_text(base.economics),
                alt: alt.name.clone(),
                alt_economics: economics_text(alt.economics),
            });
        }
    }
    Ok(base.economics)
}

/// Per-alternative bookkeeping prepared once.
struct Plan {
    shared: Vec<Shared>,
    window: (i32, i32),
    /// Every `spending.*` (`pv.spending.*` with `[economics]`) at the
    /// window's last year, paired by axis (base, alt): an axis in one
    /// scenario only has `None` in the other.
    spend_last: Vec<(Option<Series>, Option<Series>)>,
    /// `market.domestic` over the window, per run.
    domestic: (Vec<Series>, Vec<Series>),
    /// With `[economics]`: the discount factor of each year of the window.
    discount: Option<Vec<f64>>,
}

fn plan(base: &Scenario, alt: &Scenario) -> Result<Plan, CompareError> {
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
    let (bm, am) = (&base.metrics, &alt.metrics);
    let mut shared = Vec::new();
    for (m, info) in bm.iter() {
        let Some(ma) = am.find(&info.name) else {
            continue;
        };
        for y in from..=to {
            shared.push(Shared {
                id: m,
                metric: info.clone(),
                year: y,
                base: bm.series_in(m, y).expect("year in the base's horizon"),
                alt: am
                    .series_in(ma, y)
                    .expect("year in the alternative's horizon"),
            });
        }
    }
    let spending = |s: &Scenario, name: &str| -> Option<Series> {
        let m = s.metrics.find(name)?;
        s.metrics.series_in(m, to)
    };
    // The scenarios share `[economics]` (checked before): present values
    // with it, plain sums without.
    let discounted = base.economics.is_some();
    let spending_names = |s: &Scenario| -> Vec<String> {
        s.metrics
            .iter()
            .filter(|(m, _)| {
                matches!(
                    (m, discounted),
                    (Metric::Spending(_), false) | (Metric::PvSpending(_), true)
                )
            })
            .map(|(_, i)| i.name.clone())
            .collect()
    };
    // The same axis in both is paired, so equal spending differs by exactly 0.
    let mut names = spending_names(base);
    names.extend(
        spending_names(alt)
            .into_iter()
            .filter(|n| base.metrics.find(n).is_none()),
    );
    let spend_last = names
        .iter()
        .map(|n| (spending(base, n), spending(alt, n)))
        .collect();
    let domestic = |s: &Scenario| -> Vec<Series> {
        let m = Metric::Domestic;
        (from..=to)
            .map(|y| s.metrics.series_in(m, y).expect("year in the horizon"))
            .collect()
    };
    Ok(Plan {
        shared,
        window: (from, to),
        spend_last,
        domestic: (domestic(base), domestic(alt)),
        discount: base
            .economics
            .map(|e| e.factors(from, (to - from + 1) as usize)),
    })
}

/// Partial results of a range of draws for one alternative.
#[derive(Debug, Clone)]
struct AltPartial {
    diff: Vec<SeriesStats>,
    higher: Vec<f64>,
    extra_spending: SeriesStats,
    extra_market: SeriesStats,
    ratio: SeriesStats,
}

impl AltPartial {
    fn new(n: usize) -> AltPartial {
        AltPartial {
            diff: vec![SeriesStats::default(); n],
            higher: vec![0.0; n],
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

    /// Multiplies every weight seen by `factor` (see [`Visitor::rescale`]).
    fn rescale(&mut self, factor: f64) {
        for s in &mut self.diff {
            s.rescale(factor);
        }
        for h in &mut self.higher {
            *h *= factor;
        }
        for s in [
            &mut self.extra_spending,
            &mut self.extra_market,
            &mut self.ratio,
        ] {
            s.rescale(factor);
        }
    }
}

/// The paired differences as a visitor of the draw loop: job 0 is the base,
/// job `a + 1` alternative `a`.
struct Differences {
    plans: Vec<Plan>,
    /// Series of each job.
    n_series: Vec<usize>,
}

/// Per leaf: each job's values of the current block, and the partial
/// differences of each alternative.
struct DiffAcc<'a> {
    of: &'a Differences,
    bufs: Vec<Vec<f64>>,
    alts: Vec<AltPartial>,
    d: Vec<f64>,
    spend: Vec<f64>,
    market: Vec<f64>,
    /// The block's weights, in a calibrated comparison (empty otherwise).
    weights: BlockWeights,
}

/// The values of series `s` among the `n` draws of a block in `buf`.
fn lanes(buf: &[f64], s: Series, n: usize) -> &[f64] {
    let start = s.0 * BLOCK;
    &buf[start..start + n]
}

impl Visitor for DiffAcc<'_> {
    fn weights(&mut self, _: Block, weights: &[f64]) {
        self.weights.set(weights);
    }

    fn rescale(&mut self, factor: f64) {
        for p in &mut self.alts {
            p.rescale(factor);
        }
    }

    fn values(&mut self, job: usize, block: Block, series: Series, values: &[f64]) {
        let start = series.0 * BLOCK;
        self.bufs[job][start..start + block.n].copy_from_slice(values);
    }

    fn end(&mut self, block: Block) {
        let n = block.n;
        let DiffAcc {
            of,
            bufs,
            alts,
            d,
            spend,
            market,
            weights,
        } = self;
        let w = (!weights.is_empty()).then(|| weights.as_slice());
        for (a, (plan, part)) in of.plans.iter().zip(alts.iter_mut()).enumerate() {
            let (bb, ab) = (&bufs[0], &bufs[a + 1]);
            for (k, sh) in plan.shared.iter().enumerate() {
                let (bv, av) = (lanes(bb, sh.base, n), lanes(ab, sh.alt, n));
                let mut higher = 0.0;
                for i in 0..n {
                    d[i] = av[i] - bv[i];
                    if av[i] > bv[i] {
                        higher += w.map_or(1.0, |w| w[i]);
                    }
                }
                part.diff[k].add_block(&d[..n], weights);
                part.higher[k] += higher;
            }
            spend[..n].fill(0.0);
            for &(bs, as_) in &plan.spend_last {
                let bv = bs.map(|s| lanes(bb, s, n));
                let av = as_.map(|s| lanes(ab, s, n));
                for (i, o) in spend[..n].iter_mut().enumerate() {
                    *o += av.map_or(0.0, |v| v[i]) - bv.map_or(0.0, |v| v[i]);
                }
            }
            // Year by year, so years where nothing changed add exactly zero.
            market[..n].fill(0.0);
            let years = plan.domestic.0.iter().zip(&plan.domestic.1);
            for (y, (&bs, &as_)) in years.enumerate() {
                let (bv, av) = (lanes(bb, bs, n), lanes(ab, as_, n));
                match &plan.discount {
                    None => {
                        for i in 0..n {
                            market[i] += av[i] - bv[i];
                        }
                    }
                    Some(factors) => {
                        let f = factors[y];
                        for i in 0..n {
                            market[i] += (av[i] - bv[i]) * f;
                        }
                    }
                }
            }
            part.extra_spending.add_block(&spend[..n], weights);
            part.extra_market.add_block(&market[..n], weights);
            for i in 0..n {
                // 0/0 and x/0 are not finite: such draws bought nothing extra.
                d[i] = market[i] / spend[i];
            }
            part.ratio.add_block(&d[..n], weights);
        }
    }
}

impl Visit for Differences {
    type Acc<'a> = DiffAcc<'a>;

    fn leaf(&self) -> DiffAcc<'_> {
        DiffAcc {
            of: self,
            bufs: self
                .n_series
                .iter()
                .map(|&s| vec![0.0; s * BLOCK])
                .collect(),
            alts: self
                .plans
                .iter()
                .map(|p| AltPartial::new(p.shared.len()))
                .collect(),
            d: vec![0.0; BLOCK],
            spend: vec![0.0; BLOCK],
            market: vec![0.0; BLOCK],
            weights: BlockWeights::default(),
        }
    }

    fn merge<'a>(&'a self, a: &mut DiffAcc<'a>, b: DiffAcc<'a>) {
        for (x, y) in a.alts.iter_mut().zip(b.alts) {
            x.merge(y);
        }
    }
}

/// Runs the base and every alternative with `settings` (each scenario's own
/// `[simulation]` is not used) and summarises, per alternative, the
/// draw-by-draw differences `ALT - BASE` of every metric and year they share.
pub fn compare(
    base: &Scenario,
    alts: &[Scenario],
    settings: RunSettings,
    observer: &dyn Observer,
) -> Result<Comparison, CompareError> {
    compare_with(base, alts, settings, false, observer)
}

/// [`compare`] on the calibrated projection: every draw (common to all the
/// scenarios) is weighted by the likelihood of the observed figures of the
/// first scenario, base first, that has any, as stepped by that scenario.
/// Counterfactuals usually carry no observations (what was observed happened
/// under the actual policy); the weights carry over to them through the
/// parameters the scenarios share.
pub fn compare_calibrated(
    base: &Scenario,
    alts: &[Scenario],
    settings: RunSettings,
    observer: &dyn Observer,
) -> Result<Comparison, CompareError> {
    compare_with(base, alts, settings, true, observer)
}

fn compare_with(
    base: &Scenario,
    alts: &[Scenario],
    settings: RunSettings,
    calibrated: bool,
    observer: &dyn Observer,
) -> Result<Comparison, CompareError> {
    let economics = shared_economics(base, alts)?;
    let scenarios: Vec<&Scenario> = std::iter::once(base).chain(alts).collect();
    let jobs: Vec<Job> = scenarios.iter().map(|s| Job::new(s, settings)).collect();
    let plans = alts
        .iter()
        .map(|alt| plan(base, alt))
        .collect::<Result<Vec<_>, _>>()?;
    let stats: Vec<Statistics> = jobs
        .iter()
        .enumerate()
        .map(|(i, j)| Statistics::new(j, i))
        .collect();
    let diffs = Differences {
        plans,
        n_series: scenarios.iter().map(|s| s.metrics.n_series()).collect(),
    };
    let visit = (stats, diffs);
    let calibrated_on = if calibrated {
        let on = scenarios
            .iter()
            .position(|s| !s.observed.is_empty())
            .ok_or(CompareError::NoObservation)?;
        Some(on)
    } else {
        None
    };
    observer.start(settings.draws * jobs.len() as u64);
    let result = match calibrated_on {
        None => Ok(engine::run_together(&jobs, &visit, observer)),
        Some(on) => Weighting::new(&jobs, on)
            .and_then(|w| engine::run_weighted(&jobs, &w, &visit, observer)),
    };
    observer.finish();
    let (parts, alt_parts) = result?;
    let (stats, diffs) = &visit;
    let runs = stats.iter().zip(parts).map(|(s, p)| s.finish(p)).collect();
    let alts = diffs
        .plans
        .iter()
        .zip(alt_parts.alts)
        .zip(alts)
        .map(|((p, a), alt)| AltComparison {
            shared: p.shared.clone(),
            diff: a.diff,
            alt_higher: a.higher,
            window: p.window,
            extra_spending: a.extra_spending,
            extra_market: a.extra_market,
            market_per_meur: a.ratio,
            mismatches: mismatches(base, alt),
        })
        .collect();
    Ok(Comparison {
        settings,
        runs,
        alts,
        calibrated_on,
        economics,
    })
}

/// One row of `comparison.csv`: an alternative, a metric and a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffRow {
    /// Calendar year.
    pub year: i32,
    /// Mean of the metric in the base.
    pub base_mean: f64,
    /// Mean of the metric in the alternative.
    pub alt_mean: f64,
    /// Mean of the draw-by-draw difference `ALT - BASE`.
    pub diff_mean: f64,
    /// Sample standard deviation of the difference.
    pub diff_sd: f64,
    /// 5th percentile of the difference.
    pub diff_p5: f64,
    /// Median of the difference.
    pub diff_p50: f64,
    /// 95th percentile of the difference.
    pub diff_p95: f64,
    /// Share of draws where `ALT > BASE`.
    pub prob_alt_higher: f64,
}

/// Mean, spread and P5/P50/P95 of a per-draw quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// Mean over the draws where it is defined.
    pub mean: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Draws where it is not defined (e.g. a ratio without extra spending).
    pub undefined_draws: u64,
}

impl Spread {
    /// Summarises `s`.
    pub fn of(s: &SeriesStats) -> Spread {
        let q = s.percentiles(&[0.05, 0.5, 0.95]);
        Spread {
            mean: if s.moments.n > 0 {
                s.moments.mean()
            } else {
                f64::NAN
            },
            sd: s.moments.sd(),
            p5: q[0],
            p50: q[1],
            p95: q[2],
            undefined_draws: s.non_finite,
        }
    }
}

impl Comparison {
    /// Row `k` of alternative `a` (see [`AltComparison::shared`]).
    pub fn row(&self, a: usize, k: usize) -> DiffRow {
        let alt = &self.alts[a];
        let sh = &alt.shared[k];
        let d = &alt.diff[k];
        let q = d.percentiles(&[0.05, 0.5, 0.95]);
        DiffRow {
            year: sh.year,
            base_mean: self.runs[0].get(sh.base).moments.mean(),
            alt_mean: self.runs[a + 1].get(sh.alt).moments.mean(),
            diff_mean: d.moments.mean(),
            diff_sd: d.moments.sd(),
            diff_p5: q[0],
            diff_p50: q[1],
            diff_p95: q[2],
            prob_alt_higher: alt.prob_alt_higher(k, self.runs[0].total_weight()),
        }
    }
}
