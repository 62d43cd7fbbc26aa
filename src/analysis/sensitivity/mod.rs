//! Sensitivity analysis: which uncertain parameters drive a metric.
//!
//! Two methods, for one metric (default `market.total`) of a scenario:
//!
//! * **Rank / tornado** ([`rank`]): on the draws of the real run (the engine's
//!   sampler, correlations included, so it describes the joint sample the
//!   report summarises), the Spearman rank correlation of each parameter with
//!   the metric, and the mean of the metric over the draws where the parameter
//!   is in its lowest and in its highest decile. [`scenario_draws`] produces the
//!   draws; [`rank::tornado`] the bars of one year.
//! * **Sobol / variance based** ([`sobol`]): first-order (`S1`, the share of the
//!   metric's variance explained by the parameter alone) and total (`ST`, its
//!   share including every interaction) indices, estimated by Saltelli sampling
//!   with the Saltelli-2010 and Jansen estimators and bootstrap intervals, for
//!   every year at once. [`sobol::saltelli`] is generic over the model (it is
//!   validated on the Ishigami function); [`base_matrices`] and [`MetricModel`]
//!   connect it to a scenario, and [`sobol_scenario`] does both.
//!
//! Sobol indices assume independent inputs: the base matrices sample every
//! marginal independently and ignore `[[correlations]]`
//! ([`ScenarioSobol::ignored_correlations`] lists them so the caller can warn).
//! The rank method keeps them.
//!
//! Both methods evaluate the model through the engine's draw loop (with a
//! visitor that keeps one metric) and report progress to one observer.
//! Unlike [`crate::engine::run`], sensitivity analysis stores per-draw values:
//! the rank method keeps `(k + T) x N` doubles (k uncertain parameters, T
//! years), Sobol about `N x T x (2k + 3)` (see [`sobol`]).
//!
//! ```
//! use esante::analysis::sensitivity::{Method, Settings, analyse};
//! use esante::engine::Silent;
//! let scenario = esante::Scenario::load("scenarios/no-program.toml".as_ref())?;
//! let settings = Settings {
//!     metric: "market.total".into(),
//!     year: scenario.end_year,
//!     method: Method::All,
//!     run: esante::sampling::RunSettings { draws: 500, ..scenario.simulation },
//!     sobol_n: 256,
//!     resamples: 50,
//! };
//! let analysis = analyse(&scenario, settings, &Silent)?;
//! let (tornado, _mean) = analysis.tornado.as_ref().unwrap();
//! let top = &tornado.rows[0];
//! println!("{}: rho = {:.2}", analysis.params[top.param], top.spearman);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod design;
pub mod difference;
pub mod rank;
pub mod sobol;

pub use design::{BaseMatrices, Draws, MetricModel, base_matrices, scenario_draws};

use crate::engine::Observer;
use crate::sampling::RunSettings;
use crate::scenario::{Correlation, Metric, MetricInfo, Scenario};
use rank::Tornado;
use sobol::{OutputStatus, SobolOptions, SobolResult};

/// Recommended base sample size `N` of the Sobol method: `(k + 2) N` model
/// evaluations, about 467,000 for the 55 parameters of `acceleration-2021`
/// (0.6 to 1.3 s with 1000 bootstrap resamples on 2 cores, 140 MB peak;
/// bootstrap standard errors of the largest indices about 0.01).
pub const DEFAULT_SOBOL_N: usize = 8192;

/// A metric the scenario does not have.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("unknown metric `{name}`; the scenario's metrics are: {}", available.join(", "))]
pub struct UnknownMetric {
    /// The name asked for.
    pub name: String,
    /// Every metric of the scenario, in output order.
    pub available: Vec<String>,
}

/// The metric of `scenario` named `name`.
pub fn find_metric(scenario: &Scenario, name: &str) -> Result<Metric, UnknownMetric> {
    scenario.metrics.find(name).ok_or_else(|| UnknownMetric {
        name: name.to_string(),
        available: scenario.metrics.names().map(String::from).collect(),
    })
}

/// Sobol indices of one metric of a scenario, every year.
#[derive(Debug, Clone)]
pub struct ScenarioSobol {
    /// The metric's name.
    pub metric: String,
    /// Calendar years: output `t` of [`ScenarioSobol::result`] is `years[t]`.
    pub years: Vec<i32>,
    /// Parameter paths: parameter `i` of the result is `params[i]`.
    pub params: Vec<String>,
    /// Indices, one output per year.
    pub result: SobolResult,
    /// Declared correlations the estimate ignored (warn when not empty).
    pub ignored_correlations: Vec<Correlation>,
}

/// Sobol indices of `metric` for every year and every uncertain parameter,
/// from [`base_matrices`] of size `n` (seed and sampling of `settings`) and
/// [`sobol::saltelli`]. `options.seed` seeds the bootstrap; every model run
/// is reported to `observer`.
pub fn sobol_scenario(
    scenario: &Scenario,
    settings: RunSettings,
    metric: Metric,
    n: usize,
    options: &SobolOptions,
    observer: &dyn Observer,
) -> ScenarioSobol {
    let model = MetricModel::new(scenario, metric);
    let base = base_matrices(scenario, settings, n);
    let result = sobol::saltelli(
        base.a.view(),
        base.b.view(),
        model.years(),
        |x| model.eval(x, observer),
        options,
    );
    ScenarioSobol {
        metric: scenario.metrics.info(metric).name.clone(),
        years: scenario.year_list(),
        params: scenario.uncertain.iter().map(|u| u.path.clone()).collect(),
        result,
        ignored_correlations: base.ignored_correlations,
    }
}

/// Which methods to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Spearman rank correlations and decile means (tornado).
    Rank,
    /// Variance-based Sobol indices (Saltelli sampling).
    Sobol,
    /// Both.
    All,
}

impl Method {
    /// Whether the rank method runs.
    pub fn rank(self) -> bool {
        matches!(self, Method::Rank | Method::All)
    }
    /// Whether the Sobol method runs.
    pub fn sobol(self) -> bool {
        matches!(self, Method::Sobol | Method::All)
    }
}

/// What to analyse and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The metric, e.g. `market.total`.
    pub metric: String,
    /// The calendar year of the tornado and of the Sobol table.
    pub year: i32,
    /// Which methods.
    pub method: Method,
    /// Seed, sampling, and the draws of the rank method.
    pub run: RunSettings,
    /// Base sample size `N` of the Sobol method (`(k + 2) N` model runs).
    pub sobol_n: usize,
    /// Bootstrap resamples of the Sobol intervals.
    pub resamples: usize,
}

impl Settings {
    /// The peak memory of the analysis of `scenario` on `threads` threads, in
    /// bytes (saturating; see [`crate::engine::memory`]): the larger of the
    /// rank method (every draw's parameters and metric kept for ranking) and
    /// the Sobol method (base matrices, `(k + 2) N` outputs per year, the
    /// per-row estimator terms and the bootstrap table).
    pub fn memory_bytes(&self, scenario: &Scenario, threads: usize) -> u64 {
        let k = scenario.uncertain.len() as u64;
        let years = scenario.years() as u64;
        let engine = crate::engine::memory::run_bytes(&[scenario], 0, threads);
        memory(self, k + years, k, years, threads).saturating_add(engine)
    }
}

/// The memory the methods of `settings` hold besides the engine's: the rank
/// method `rank_rows` doubles per draw, the Sobol method its base matrices,
/// `(k + 2) N` outputs per year, the per-row estimator terms and the
/// bootstrap table for `k` inputs.
fn memory(settings: &Settings, rank_rows: u64, k: u64, years: u64, threads: usize) -> u64 {
    let rank = if settings.method.rank() {
        settings.run.draws.saturating_mul(8 * (rank_rows + 8))
    } else {
        0
    };
    let sobol = if settings.method.sobol() {
        let n = settings.sobol_n as u64;
        let per_row = 2 * k + (k + 2) * years + years * (2 * k + 3) + (2 * k + 3) + threads as u64;
        n.saturating_mul(8 * per_row)
            .saturating_add((settings.resamples as u64).saturating_mul(16 * k + 64))
    } else {
        0
    };
    rank.max(sobol)
}

/// Why an analysis cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    /// The metric does not exist.
    #[error(transparent)]
    UnknownMetric(#[from] UnknownMetric),
    /// The year is outside the horizon.
    #[error("year {year} is outside the scenario's horizon {from}-{to}")]
    YearOutside {
        /// The year asked for.
        year: i32,
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// Nothing is uncertain.
    #[error("the scenario has no uncertain parameter: there is nothing to analyse")]
    NothingUncertain,
    /// Too few draws for deciles or variances.
    #[error("{what} must be at least {min}, got {got}")]
    TooFew {
        /// Which count.
        what: &'static str,
        /// The smallest allowed.
        min: u64,
        /// What was given.
        got: u64,
    },
}

/// The results of a sensitivity analysis of one metric.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The settings used.
    pub settings: Settings,
    /// The metric's name, unit and kind.
    pub metric: MetricInfo,
    /// Year index of [`Settings::year`].
    pub t: usize,
    /// Parameter paths, in [`Scenario::uncertain`] order.
    pub params: Vec<String>,
    /// The rank method's results in the chosen year, with the metric's mean
    /// over the draws.
    pub tornado: Option<(Tornado, f64)>,
    /// The Sobol indices of every year (intervals for the chosen year only).
    pub sobol: Option<ScenarioSobol>,
}

/// Runs the analysis on the current rayon pool, reporting every model run to
/// `observer`.
pub fn analyse(
    scenario: &Scenario,
    settings: Settings,
    observer: &dyn Observer,
) -> Result<Analysis, SettingsError> {
    let metric = find_metric(scenario, &settings.metric)?;
    let t = check_settings(scenario, &settings)?;
    if scenario.uncertain.is_empty() {
        return Err(SettingsError::NothingUncertain);
    }
    let run = settings.run;
    let mut total = 0;
    if settings.method.rank() {
        total += run.draws;
    }
    if settings.method.sobol() {
        total += ((scenario.uncertain.len() + 2) as u64).saturating_mul(settings.sobol_n as u64);
    }
    observer.start(total);
    let tornado = settings.method.rank().then(|| {
        let draws = scenario_draws(scenario, run, metric, observer);
        let row = draws.metric.row(t);
        let finite: Vec<f64> = row.iter().copied().filter(|x| x.is_finite()).collect();
        let mean = finite.iter().sum::<f64>() / finite.len().max(1) as f64;
        (rank::tornado(draws.params.view(), row), mean)
    });
    let sobol = settings.method.sobol().then(|| {
        let options = sobol::SobolOptions {
            resamples: settings.resamples,
            seed: run.seed,
            bootstrap_output: Some(t),
            ..Default::default()
        };
        sobol_scenario(scenario, run, metric, settings.sobol_n, &options, observer)
    });
    observer.finish();
    Ok(Analysis {
        metric: scenario.metrics.info(metric).clone(),
        t,
        params: scenario.uncertain.iter().map(|u| u.path.clone()).collect(),
        tornado,
        sobol,
        settings,
    })
}

/// Checks the year and the sample sizes of `settings` against `scenario`'s
/// horizon; the year's index.
fn check_settings(scenario: &Scenario, settings: &Settings) -> Result<usize, SettingsError> {
    let Some(t) = scenario.metrics.year_index(settings.year) else {
        return Err(SettingsError::YearOutside {
            year: settings.year,
            from: scenario.start_year,
            to: scenario.end_year,
        });
    };
    if settings.method.rank() && settings.run.draws < 20 {
        return Err(SettingsError::TooFew {
            what: "--draws (the rank method needs two draws per decile)",
            min: 20,
            got: settings.run.draws,
        });
    }
    if settings.method.sobol() && settings.sobol_n < 2 {
        return Err(SettingsError::TooFew {
            what: "the Sobol base sample size",
            min: 2,
            got: settings.sobol_n as u64,
        });
    }
    Ok(t)
}

/// Parameter order of the Sobol table: by total index in the chosen year,
/// largest first (undefined indices last, then file order).
pub fn sobol_order(s: &ScenarioSobol, t: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..s.params.len()).collect();
    let st = |i: usize| s.result.get(t, i).st.value;
    idx.sort_by(|&a, &b| {
        let (x, y) = (st(a), st(b));
        match (x.is_nan(), y.is_nan()) {
            (false, false) => y.total_cmp(&x),
            (a_nan, b_nan) => a_nan.cmp(&b_nan),
        }
        .then(a.cmp(&b))
    });
    idx
}

/// Something the reader of an analysis must know: results that rest on
/// assumptions or leave draws out.
#[derive(Debug, Clone, PartialEq)]
pub enum Caveat {
    /// Sobol indices ignore these declared correlations: (path a, path b, rho).
    IgnoredCorrelations(Vec<(String, String, f64)>),
    /// Sobol: base rows left out because a value was not finite.
    SobolExcluded {
        /// Rows left out.
        excluded: usize,
        /// Base sample size.
        n: usize,
    },
    /// Sobol: the metric is the same in every draw in the year.
    SobolConstant,
    /// Sobol: the metric is not finite in the year.
    SobolNotFinite,
    /// Rank method: draws left out because the metric was not finite.
    RankExcluded(usize),
}

impl Analysis {
    /// What a careful user must know: ignored correlations, left-out draws,
    /// undefined indices.
    pub fn caveats(&self) -> Vec<Caveat> {
        let mut w = Vec::new();
        if let Some(s) = &self.sobol {
            if !s.ignored_correlations.is_empty() {
                w.push(Caveat::IgnoredCorrelations(
                    s.ignored_correlations
                        .iter()
                        .map(|c| (self.params[c.a].clone(), self.params[c.b].clone(), c.rho))
                        .collect(),
                ));
            }
            let out = &s.result.outputs[self.t];
            match out.status {
                OutputStatus::Ok if out.excluded > 0 => w.push(Caveat::SobolExcluded {
                    excluded: out.excluded,
                    n: s.result.n,
                }),
                OutputStatus::Ok => {}
                OutputStatus::Constant => w.push(Caveat::SobolConstant),
                OutputStatus::TooFewRows => w.push(Caveat::SobolNotFinite),
            }
        }
        if let Some((t, _)) = &self.tornado
            && t.excluded > 0
        {
            w.push(Caveat::RankExcluded(t.excluded));
        }
        w
    }
}
