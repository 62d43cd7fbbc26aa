//! The data files of a sensitivity report: `tornado.csv`, `sobol.csv`,
//! `sobol-years.csv` and `sensitivity.json`.

use std::fmt::Write as _;

use serde::Serialize;

use super::{SOBOL_HEADER, SOBOL_YEARS_HEADER, TORNADO_HEADER};
use crate::analysis::sensitivity::{Analysis, Method, sobol_order};
use crate::report::CsvNumber;
use crate::report::provenance::Subject;
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION};
use crate::report::text::Locale;

/// `tornado.csv`: one row per parameter, widest bar first.
pub(super) fn tornado_csv(a: &Analysis) -> Option<String> {
    let (t, _) = a.tornado.as_ref()?;
    let mut o = String::new();
    let _ = writeln!(o, "{TORNADO_HEADER}");
    for r in &t.rows {
        let _ = writeln!(
            o,
            "{},{},{},{},{},{}",
            a.params[r.param],
            a.settings.metric,
            a.settings.year,
            CsvNumber(r.spearman),
            CsvNumber(r.low_decile_mean),
            CsvNumber(r.high_decile_mean)
        );
    }
    Some(o)
}

/// `sobol.csv`: indices with intervals in the chosen year, largest total
/// index first.
pub(super) fn sobol_csv(a: &Analysis) -> Option<String> {
    let s = a.sobol.as_ref()?;
    let mut o = String::new();
    let _ = writeln!(o, "{SOBOL_HEADER}");
    for i in sobol_order(s, a.t) {
        let x = s.result.get(a.t, i);
        let _ = writeln!(
            o,
            "{},{},{},{},{},{},{},{},{}",
            s.params[i],
            s.metric,
            a.settings.year,
            CsvNumber(x.s1.value),
            CsvNumber(x.s1.low),
            CsvNumber(x.s1.high),
            CsvNumber(x.st.value),
            CsvNumber(x.st.low),
            CsvNumber(x.st.high)
        );
    }
    Some(o)
}

/// `sobol-years.csv`: point estimates for every year (the heatmap's data),
/// in the same parameter order as `sobol.csv`.
pub(super) fn sobol_years_csv(a: &Analysis) -> Option<String> {
    let s = a.sobol.as_ref()?;
    let mut o = String::new();
    let _ = writeln!(o, "{SOBOL_YEARS_HEADER}");
    for i in sobol_order(s, a.t) {
        for (t, y) in s.years.iter().enumerate() {
            let x = s.result.get(t, i);
            let _ = writeln!(
                o,
                "{},{},{y},{},{}",
                s.params[i],
                s.metric,
                CsvNumber(x.s1.value),
                CsvNumber(x.st.value)
            );
        }
    }
    Some(o)
}

/// `sensitivity.json`: provenance, settings and every result.
pub(super) fn sensitivity_json(a: &Analysis, subject: &Subject<'_>, l: &Locale) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        esante_version: &'a str,
        scenario: ScenarioInfo<'a>,
        /// With `--against`: BASE; every value is then of `ALT - BASE`.
        #[serde(skip_serializing_if = "Option::is_none")]
        against: Option<ScenarioInfo<'a>>,
        /// With `--against`: each input and which scenarios draw it.
        #[serde(skip_serializing_if = "Option::is_none")]
        inputs: Option<Vec<InputDoc<'a>>>,
        run: RunInfo,
        metric: &'a str,
        unit: &'a str,
        year: i32,
        method: Method,
        warnings: Vec<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        rank: Option<RankDoc<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        sobol: Option<SobolDoc<'a>>,
    }
    #[derive(Serialize)]
    struct InputDoc<'a> {
        parameter: &'a str,
        in_alt: bool,
        in_base: bool,
    }
    #[derive(Serialize)]
    struct RankDoc<'a> {
        draws: u64,
        draws_used: usize,
        metric_mean: f64,
        parameters: Vec<RankParam<'a>>,
    }
    #[derive(Serialize)]
    struct RankParam<'a> {
        parameter: &'a str,
        spearman: Option<f64>,
        low_decile_mean: Option<f64>,
        high_decile_mean: Option<f64>,
    }
    #[derive(Serialize)]
    struct SobolDoc<'a> {
        base_sample: usize,
        model_runs: usize,
        bootstrap_resamples: usize,
        confidence: f64,
        ignores_correlations: bool,
        years: &'a [i32],
        parameters: Vec<SobolParam<'a>>,
    }
    #[derive(Serialize)]
    struct SobolParam<'a> {
        parameter: &'a str,
        #[serde(rename = "S1")]
        s1: Option<f64>,
        #[serde(rename = "S1_low")]
        s1_low: Option<f64>,
        #[serde(rename = "S1_high")]
        s1_high: Option<f64>,
        #[serde(rename = "ST")]
        st: Option<f64>,
        #[serde(rename = "ST_low")]
        st_low: Option<f64>,
        #[serde(rename = "ST_high")]
        st_high: Option<f64>,
        /// Point estimates for every year of `years`.
        #[serde(rename = "S1_by_year")]
        s1_by_year: Vec<Option<f64>>,
        #[serde(rename = "ST_by_year")]
        st_by_year: Vec<Option<f64>>,
    }
    // JSON has no NaN: undefined values are null.
    let f = |x: f64| x.is_finite().then_some(x);
    let sim = a.settings.run;
    let doc = Doc {
        esante_version: VERSION,
        scenario: ScenarioInfo::of(subject.scenario()),
        against: subject.base().map(ScenarioInfo::of),
        inputs: match subject {
            Subject::Levels(_) => None,
            Subject::Difference { inputs, .. } => Some(
                inputs
                    .iter()
                    .map(|x| InputDoc {
                        parameter: &x.name,
                        in_alt: x.alt.is_some(),
                        in_base: x.base.is_some(),
                    })
                    .collect(),
            ),
        },
        run: RunInfo::without_draws(sim),
        metric: &a.settings.metric,
        unit: &a.metric.unit,
        year: a.settings.year,
        method: a.settings.method,
        warnings: super::warnings(a, subject, l),
        rank: a.tornado.as_ref().map(|(t, mean)| RankDoc {
            draws: sim.draws,
            draws_used: t.used,
            metric_mean: *mean,
            parameters: t
                .rows
                .iter()
                .map(|r| RankParam {
                    parameter: &a.params[r.param],
                    spearman: f(r.spearman),
                    low_decile_mean: f(r.low_decile_mean),
                    high_decile_mean: f(r.high_decile_mean),
                })
                .collect(),
        }),
        sobol: a.sobol.as_ref().map(|s| SobolDoc {
            base_sample: s.result.n,
            model_runs: s.result.evaluations(),
            bootstrap_resamples: s.result.options.resamples,
            confidence: s.result.options.confidence,
            ignores_correlations: !s.ignored_correlations.is_empty(),
            years: &s.years,
            parameters: sobol_order(s, a.t)
                .into_iter()
                .map(|i| {
                    let x = s.result.get(a.t, i);
                    SobolParam {
                        parameter: &s.params[i],
                        s1: f(x.s1.value),
                        s1_low: f(x.s1.low),
                        s1_high: f(x.s1.high),
                        st: f(x.st.value),
                        st_low: f(x.st.low),
                        st_high: f(x.st.high),
                        s1_by_year: (0..s.years.len())
                            .map(|t| f(s.result.get(t, i).s1.value))
                            .collect(),
                        st_by_year: (0..s.years.len())
                            .map(|t| f(s.result.get(t, i).st.value))
                            .collect(),
                    }
                })
                .collect(),
        }),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    out.push('\n');
    out
}
