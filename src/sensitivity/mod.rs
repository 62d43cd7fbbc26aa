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
//! Unlike [`crate::engine::run`], sensitivity analysis stores per-draw values:
//! the rank method keeps `(k + T) x N` doubles (k uncertain parameters, T
//! years), Sobol about `N x T x (2k + 3)` (see [`sobol`]).
//!
//! ```no_run
//! use esante::sensitivity::{self, sobol::SobolOptions};
//! let scenario = esante::Scenario::load("scenarios/acceleration-2021.toml".as_ref())?;
//! let horizon = scenario.years() - 1;
//! // Tornado on the run's own draws.
//! let draws = sensitivity::scenario_draws(&scenario, "market.total")?;
//! let bars = sensitivity::rank::tornado(draws.params.view(), draws.metric.row(horizon));
//! // Sobol indices of every year.
//! let options = SobolOptions { seed: scenario.simulation.seed, ..Default::default() };
//! let sobol = sensitivity::sobol_scenario(&scenario, "market.total", 4096, &options)?;
//! let top = &bars.rows[0];
//! println!("{}: rho = {:.2}, ST = {:.2}", scenario.uncertain[top.param].path,
//!     top.spearman, sobol.result.get(horizon, top.param).st.value);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod design;
pub mod rank;
pub mod report;
pub mod sobol;

pub use design::{
    BaseMatrices, Draws, MetricModel, UnknownMetric, base_matrices, metric_index, scenario_draws,
};

use crate::scenario::{Correlation, Scenario};
use sobol::{SobolOptions, SobolResult};

/// Recommended base sample size `N` for [`sobol_scenario`]: `(k + 2) N` model
/// evaluations, about 467,000 for the 55 parameters of `acceleration-2021`
/// (0.6 to 1.3 s with 1000 bootstrap resamples on 2 cores, 140 MB peak;
/// bootstrap standard errors of the largest indices about 0.01).
pub const DEFAULT_SOBOL_N: usize = 8192;

/// Sobol indices of one metric of a scenario, every year.
#[derive(Debug, Clone)]
pub struct ScenarioSobol {
    /// The metric.
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

/// Sobol indices of metric `metric` for every year and every uncertain
/// parameter, from [`base_matrices`] of size `n` (scenario seed and sampling)
/// and [`sobol::saltelli`]. `options.seed` seeds the bootstrap.
pub fn sobol_scenario(
    scenario: &Scenario,
    metric: &str,
    n: usize,
    options: &SobolOptions,
) -> Result<ScenarioSobol, UnknownMetric> {
    let model = MetricModel::new(scenario, metric)?;
    let base = base_matrices(scenario, n);
    let result = sobol::saltelli(
        base.a.view(),
        base.b.view(),
        model.years(),
        |x| model.eval(x),
        options,
    );
    Ok(ScenarioSobol {
        metric: metric.to_string(),
        years: scenario.year_list(),
        params: scenario.uncertain.iter().map(|u| u.path.clone()).collect(),
        result,
        ignored_correlations: base.ignored_correlations,
    })
}
