//! `parameters.csv` and `calibration.json`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::calibrate::{Calibration, Diagnostics, MAX_KHAT, MIN_ESS};
use crate::analysis::compare::Spread;
use crate::report::CsvNumber;
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION};
use crate::scenario::Scenario;

/// The exact header of `parameters.csv`.
pub const PARAMETERS_HEADER: &str = "parameter,prior_mean,prior_sd,prior_p5,prior_p50,prior_p95,\
     posterior_mean,posterior_sd,posterior_p5,posterior_p50,posterior_p95";

/// `parameters.csv`: one row per uncertain parameter, the ones the
/// observations moved most first.
pub fn parameters_csv(c: &Calibration) -> String {
    let mut out = format!("{PARAMETERS_HEADER}\n");
    for p in &c.parameters {
        let _ = write!(out, "{}", p.path);
        for s in [&p.prior, &p.posterior] {
            for v in [s.mean, s.sd, s.p5, s.p50, s.p95] {
                let _ = write!(out, ",{}", CsvNumber(v));
            }
        }
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct Doc<'a> {
    esante_version: &'a str,
    scenario: ScenarioInfo<'a>,
    run: RunInfo,
    #[serde(flatten)]
    diagnostics: Diagnostics,
    /// Whether the posterior rests on enough draws.
    reliable: bool,
    min_ess: f64,
    max_khat: f64,
    observations: Vec<ObservationInfo<'a>>,
    parameters: Vec<ParameterInfo<'a>>,
}

#[derive(Serialize)]
struct ObservationInfo<'a> {
    metric: &'a str,
    year: i32,
    value: f64,
    sd: f64,
    source: &'a str,
}

#[derive(Serialize)]
struct ParameterInfo<'a> {
    parameter: &'a str,
    prior: Moments5,
    posterior: Moments5,
    /// How far the mean moved, in prior standard deviations.
    shift_sd: f64,
}

/// Mean, sd and P5/P50/P95 of a parameter.
#[derive(Serialize)]
struct Moments5 {
    mean: f64,
    sd: f64,
    p5: f64,
    p50: f64,
    p95: f64,
}

impl Moments5 {
    fn of(s: &Spread) -> Self {
        Moments5 {
            mean: s.mean,
            sd: s.sd,
            p5: s.p5,
            p50: s.p50,
            p95: s.p95,
        }
    }
}

/// `calibration.json`: provenance, the weights' diagnostics, the
/// observations and the per-parameter table.
pub fn calibration_json(c: &Calibration, s: &Scenario) -> String {
    let d = c.diagnostics();
    let doc = Doc {
        esante_version: VERSION,
        scenario: ScenarioInfo::of(s),
        run: RunInfo::of(c.posterior.settings),
        diagnostics: d,
        reliable: d.reliable(),
        min_ess: MIN_ESS,
        max_khat: MAX_KHAT,
        observations: s
            .observed
            .iter()
            .map(|o| ObservationInfo {
                metric: s.metric_name(o.metric),
                year: o.year,
                value: o.value,
                sd: o.sd,
                source: &o.source,
            })
            .collect(),
        parameters: c
            .parameters
            .iter()
            .map(|p| ParameterInfo {
                parameter: &p.path,
                prior: Moments5::of(&p.prior),
                posterior: Moments5::of(&p.posterior),
                shift_sd: p.shift,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    out.push('\n');
    out
}
