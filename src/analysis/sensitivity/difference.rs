//! Sensitivity of a difference: which uncertain inputs drive `ALT - BASE`,
//! the effect of a change (a programme against its counterfactual) rather
//! than the level of one scenario.
//!
//! Both scenarios are evaluated on the same draws with common random numbers,
//! exactly as `esante compare` runs them (the engine's lockstep loop,
//! [`crate::engine::run_together`]; streams keyed by parameter path), and the
//! analysed output is the per-draw difference of one metric, every year.
//!
//! # Inputs
//!
//! The inputs are the union of both scenarios' uncertain parameters, by path
//! ([`pair_inputs`]):
//!
//! * a path uncertain in both scenarios is **one input**: under common random
//!   numbers the same uniform drives it in both. When its distributions
//!   differ, that uniform goes through each scenario's own quantile function
//!   (still one input, as in the run);
//! * a path uncertain in one scenario only is an input too (fixed in the
//!   other, or absent);
//! * the exception: a path that both scenarios have but correlate
//!   differently (`[[correlations]]` tying it to other parameters in one and
//!   not the same way in the other) is drawn from different random numbers in
//!   each, so it is **two inputs**, `path [alt]` and `path [base]` (with the
//!   scenario names).
//!
//! # Methods
//!
//! * **Rank**: the draws of the lockstep run (correlations included): each
//!   input's value (the ALT value when ALT has the parameter, which orders the
//!   draws as the shared uniform does) against the difference.
//! * **Sobol**: base matrices of the inputs' uniforms (streams of the run for
//!   `A`, independent ones for `B`, as [`super::base_matrices`]; the BASE side of
//!   a split input has a stream of its own), each scenario's parameters its
//!   quantiles of them, the model the difference of the two scenarios'
//!   [`MetricModel`]s. The ALT rows of `A` are the matrix
//!   [`super::base_matrices`] gives ALT alone. Correlations are ignored, as for
//!   levels.
//!
//! A parameter that moves both scenarios alike adds nothing to the
//! difference, however much it moves the levels: its indices for the
//! difference are near 0.

use ndarray::{Array2, ArrayView2};

use super::design::{A_DOMAINS, B_DOMAINS, draws_together};
use super::sobol::{self, SobolOptions};
use super::{Analysis, MetricModel, ScenarioSobol, Settings, SettingsError, find_metric, rank};
use crate::dist::Distribution;
use crate::engine::{Job, Observer};
use crate::sampling::{Domains, RunSettings, Sampler};
use crate::scenario::{Correlation, Metric, Scenario};

/// One input of a difference analysis: an uncertain parameter of ALT, of
/// BASE, or of both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// What reports call it: the parameter's path, or `path [name]` for
    /// each side of a parameter the scenarios correlate differently.
    pub name: String,
    /// Its index in ALT's [`Scenario::uncertain`], if ALT draws it.
    pub alt: Option<usize>,
    /// Its index in BASE's [`Scenario::uncertain`], if BASE draws it.
    pub base: Option<usize>,
    /// The parameter's path.
    pub path: String,
    /// Whether the parameter is one of the two inputs of a path the
    /// scenarios draw from different random numbers.
    pub split: bool,
}

impl Input {
    /// Whether both scenarios draw it (one shared draw per row).
    pub fn shared(&self) -> bool {
        self.alt.is_some() && self.base.is_some()
    }

    /// The key of its Sobol streams: the path (so ALT's rows of the Sobol
    /// matrices are those of ALT's own analysis), or the name for the BASE
    /// side of a split parameter, drawn independently of the ALT side.
    pub fn stream(&self) -> &str {
        if self.split && self.alt.is_none() {
            &self.name
        } else {
            &self.path
        }
    }
}

/// Why a difference cannot be analysed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DifferenceError {
    /// The horizons differ.
    #[error(
        "`{alt}` simulates {alt_from}-{alt_to} and `{base}` {base_from}-{base_to}: the \
         difference of two scenarios is analysed year by year, so both must have the same \
         start_year and end_year"
    )]
    Horizons {
        /// ALT's name.
        alt: String,
        /// ALT's first year.
        alt_from: i32,
        /// ALT's last year.
        alt_to: i32,
        /// BASE's name.
        base: String,
        /// BASE's first year.
        base_from: i32,
        /// BASE's last year.
        base_to: i32,
    },
    /// The metric is missing in one scenario.
    #[error("`{scenario}`: {source}")]
    Metric {
        /// The scenario that lacks it.
        scenario: String,
        /// The metric and what the scenario has.
        source: super::UnknownMetric,
    },
    /// Anything a single-scenario analysis would refuse too.
    #[error(transparent)]
    Settings(#[from] SettingsError),
}

/// The inputs of the difference `alt - base` run with `settings`, ALT's
/// parameters first in its order, then BASE's own (see the module docs).
pub fn pair_inputs(alt: &Scenario, base: &Scenario, settings: RunSettings) -> Vec<Input> {
    let base_index = |path: &str| base.uncertain.iter().position(|u| u.path == path);
    let grouped = |s: &Scenario, k: usize| s.copula_groups.iter().any(|g| g.members.contains(&k));
    // Only a correlated parameter can be drawn differently: compare the
    // uniforms of the first draws (a pure function of the structure).
    let probe = settings.draws.min(64) as usize;
    let uniforms = |s: &Scenario| {
        let mut u = Array2::<f64>::zeros((s.uncertain.len(), probe));
        Job::new(s, settings).uniforms(0, u.view_mut());
        u
    };
    let correlated = alt
        .uncertain
        .iter()
        .enumerate()
        .any(|(i, u)| base_index(&u.path).is_some_and(|j| grouped(alt, i) || grouped(base, j)));
    let (ua, ub) = if correlated {
        (uniforms(alt), uniforms(base))
    } else {
        (Array2::zeros((0, 0)), Array2::zeros((0, 0)))
    };
    let mut inputs = Vec::new();
    for (i, u) in alt.uncertain.iter().enumerate() {
        let j = base_index(&u.path);
        let split =
            j.is_some_and(|j| (grouped(alt, i) || grouped(base, j)) && ua.row(i) != ub.row(j));
        if split {
            for (name, alt, base) in [(&alt.name, Some(i), None), (&base.name, None, j)] {
                inputs.push(Input {
                    name: format!("{} [{name}]", u.path),
                    alt,
                    base,
                    path: u.path.clone(),
                    split: true,
                });
            }
        } else {
            inputs.push(Input {
                name: u.path.clone(),
                alt: Some(i),
                base: j,
                path: u.path.clone(),
                split: false,
            });
        }
    }
    for (j, u) in base.uncertain.iter().enumerate() {
        if !inputs.iter().any(|x| x.base == Some(j)) {
            inputs.push(Input {
                name: u.path.clone(),
                alt: None,
                base: Some(j),
                path: u.path.clone(),
                split: false,
            });
        }
    }
    inputs
}

/// The result of [`analyse_difference`].
#[derive(Debug, Clone)]
pub struct Difference {
    /// The analysis of `ALT - BASE`: its parameters are the inputs' names,
    /// its metric ALT's (the same name in BASE), every value a difference.
    pub analysis: Analysis,
    /// The inputs, in the order of [`Analysis::params`].
    pub inputs: Vec<Input>,
}

/// The peak memory of the analysis of `alt - base` on `threads` threads, in
/// bytes (saturating): the rank method keeps both scenarios' parameters and
/// metric for every draw, the Sobol method one matrix row per input.
pub fn memory_bytes(settings: &Settings, alt: &Scenario, base: &Scenario, threads: usize) -> u64 {
    // At most one input per parameter of either scenario.
    let k = (alt.uncertain.len() + base.uncertain.len()) as u64;
    let years = alt.years() as u64;
    let engine = crate::engine::memory::run_bytes(&[alt, base], 0, threads);
    // Rank: both scenarios' parameters, the inputs, and the metric of ALT,
    // BASE and their difference.
    super::memory(settings, 2 * k + 3 * years, k, years, threads).saturating_add(engine)
}

/// Checks that `alt - base` of `settings.metric` can be analysed, and
/// returns the metric in each and the year's index.
fn check(
    alt: &Scenario,
    base: &Scenario,
    settings: &Settings,
) -> Result<(Metric, Metric, usize), DifferenceError> {
    if (alt.start_year, alt.end_year) != (base.start_year, base.end_year) {
        return Err(DifferenceError::Horizons {
            alt: alt.name.clone(),
            alt_from: alt.start_year,
            alt_to: alt.end_year,
            base: base.name.clone(),
            base_from: base.start_year,
            base_to: base.end_year,
        });
    }
    let metric_of = |s: &Scenario| {
        find_metric(s, &settings.metric).map_err(|source| DifferenceError::Metric {
            scenario: s.name.clone(),
            source,
        })
    };
    let (ma, mb) = (metric_of(alt)?, metric_of(base)?);
    let t = super::check_settings(alt, settings)?;
    Ok((ma, mb, t))
}

/// Analyses the per-draw difference `alt - base` of `settings.metric`
/// (see the module docs), on the current rayon pool, reporting every model
/// run of either scenario to `observer`.
pub fn analyse_difference(
    alt: &Scenario,
    base: &Scenario,
    settings: Settings,
    observer: &dyn Observer,
) -> Result<Difference, DifferenceError> {
    let (ma, mb, t) = check(alt, base, &settings)?;
    let inputs = pair_inputs(alt, base, settings.run);
    if inputs.is_empty() {
        return Err(SettingsError::NothingUncertain.into());
    }
    let run = settings.run;
    let mut total = 0;
    if settings.method.rank() {
        total += 2 * run.draws;
    }
    if settings.method.sobol() {
        total += ((inputs.len() + 2) as u64).saturating_mul(2 * settings.sobol_n as u64);
    }
    observer.start(total);
    let tornado = settings.method.rank().then(|| {
        let draws = draws_together(&[(alt, ma), (base, mb)], run, observer);
        let (a, b) = (&draws[0], &draws[1]);
        let diff = &a.metric - &b.metric;
        let mut x = Array2::<f64>::zeros((inputs.len(), a.params.ncols()));
        for (mut row, input) in x.rows_mut().into_iter().zip(&inputs) {
            match (input.alt, input.base) {
                (Some(i), _) => row.assign(&a.params.row(i)),
                (None, Some(j)) => row.assign(&b.params.row(j)),
                (None, None) => unreachable!("an input belongs to a scenario"),
            }
        }
        let row = diff.row(t);
        let finite: Vec<f64> = row.iter().copied().filter(|x| x.is_finite()).collect();
        let mean = finite.iter().sum::<f64>() / finite.len().max(1) as f64;
        (rank::tornado(x.view(), row), mean)
    });
    let sobol = settings.method.sobol().then(|| {
        let options = SobolOptions {
            resamples: settings.resamples,
            seed: run.seed,
            bootstrap_output: Some(t),
            ..Default::default()
        };
        sobol_difference(
            alt,
            base,
            (ma, mb),
            &inputs,
            run,
            settings.sobol_n,
            &options,
            observer,
        )
    });
    observer.finish();
    let analysis = Analysis {
        metric: alt.metrics.info(ma).clone(),
        t,
        params: inputs.iter().map(|x| x.name.clone()).collect(),
        tornado,
        sobol,
        settings,
    };
    Ok(Difference { analysis, inputs })
}

/// Sobol indices of `alt - base` for every year (see the module docs).
#[allow(clippy::too_many_arguments)]
fn sobol_difference(
    alt: &Scenario,
    base: &Scenario,
    (ma, mb): (Metric, Metric),
    inputs: &[Input],
    settings: RunSettings,
    n: usize,
    options: &SobolOptions,
    observer: &dyn Observer,
) -> ScenarioSobol {
    let dists: Vec<Distribution> = inputs
        .iter()
        .map(|x| match (x.alt, x.base) {
            (Some(i), _) => alt.uncertain[i].dist.clone(),
            (None, Some(j)) => base.uncertain[j].dist.clone(),
            (None, None) => unreachable!("an input belongs to a scenario"),
        })
        .collect();
    let a = input_uniforms(inputs, &dists, settings, n, A_DOMAINS);
    let b = input_uniforms(inputs, &dists, settings, n, B_DOMAINS);
    let side = |s: &Scenario, of: fn(&Input) -> Option<usize>| -> Vec<usize> {
        (0..s.uncertain.len())
            .map(|k| {
                inputs
                    .iter()
                    .position(|x| of(x) == Some(k))
                    .expect("every parameter is an input")
            })
            .collect()
    };
    let (alt_rows, base_rows) = (side(alt, |x| x.alt), side(base, |x| x.base));
    let (model_alt, model_base) = (MetricModel::new(alt, ma), MetricModel::new(base, mb));
    let result = sobol::saltelli(
        a.view(),
        b.view(),
        model_alt.years(),
        |u| {
            let ya = model_alt.eval(quantiles(alt, &alt_rows, u).view(), observer);
            let yb = model_base.eval(quantiles(base, &base_rows, u).view(), observer);
            ya - yb
        },
        options,
    );
    let mut ignored: Vec<Correlation> = Vec::new();
    for (s, rows) in [(alt, &alt_rows), (base, &base_rows)] {
        for c in &s.correlations {
            let c = Correlation {
                a: rows[c.a],
                b: rows[c.b],
                rho: c.rho,
            };
            if !ignored.contains(&c) {
                ignored.push(c);
            }
        }
    }
    ScenarioSobol {
        metric: alt.metrics.info(ma).name.clone(),
        years: alt.year_list(),
        params: inputs.iter().map(|x| x.name.clone()).collect(),
        result,
        ignored_correlations: ignored,
    }
}

/// `inputs x n` independent uniforms, each input's from its stream under
/// `domains` (as [`super::base_matrices`] draws a scenario's, before the
/// quantiles).
fn input_uniforms(
    inputs: &[Input],
    dists: &[Distribution],
    settings: RunSettings,
    n: usize,
    domains: Domains<'_>,
) -> Array2<f64> {
    let streams: Vec<String> = inputs.iter().map(|x| x.stream().to_string()).collect();
    let sampler = Sampler::with_domains(
        &streams,
        dists,
        &[],
        settings.seed,
        n as u64,
        settings.sampling,
        domains,
    );
    let mut out = Array2::<f64>::zeros((inputs.len(), n));
    sampler.fill_uniforms(0, out.view_mut());
    out
}

/// The parameters of `s` (`k x m`) for the input uniforms `u`: parameter
/// `k` is its quantile of row `rows[k]`.
fn quantiles(s: &Scenario, rows: &[usize], u: ArrayView2<'_, f64>) -> Array2<f64> {
    let mut out = Array2::<f64>::zeros((rows.len(), u.ncols()));
    let mut scratch = Vec::new();
    for (k, &r) in rows.iter().enumerate() {
        let mut row = out.row_mut(k);
        row.assign(&u.row(r));
        let row = row.as_slice_mut().expect("rows are contiguous");
        s.uncertain[k].dist.quantiles(row, &mut scratch);
    }
    out
}
