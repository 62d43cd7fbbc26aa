//! `summary.json`: the statistics of `summary.csv` with the run's provenance and
//! the targets' probabilities.

use serde::Serialize;

use crate::analysis::run::{Row, Run};
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION};
use crate::scenario::Bound;

#[derive(Serialize)]
struct Doc<'a> {
    esante_version: &'a str,
    scenario: ScenarioInfo<'a>,
    run: RunInfo,
    metrics: Vec<MetricStats<'a>>,
    targets: Vec<TargetResult<'a>>,
}

#[derive(Serialize)]
struct MetricStats<'a> {
    metric: &'a str,
    unit: &'a str,
    years: Vec<Row>,
}

#[derive(Serialize)]
struct TargetResult<'a> {
    label: &'a str,
    metric: &'a str,
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    at_least: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at_most: Option<f64>,
    probability: f64,
    /// Monte Carlo standard error of the probability, sqrt(p (1 - p) / draws).
    std_error: f64,
}

/// `summary.json`: the statistics of `summary.csv` with provenance and the
/// targets' probabilities.
pub fn summary_json(run: &Run<'_>) -> String {
    {
        let s = run.scenario;
        let st = run.stats;
        let ix = &s.metrics;
        let doc = Doc {
            esante_version: VERSION,
            scenario: ScenarioInfo::of(s),
            run: RunInfo::of(st.settings),
            metrics: ix
                .iter()
                .map(|(m, metric)| MetricStats {
                    metric: &metric.name,
                    unit: &metric.unit,
                    years: run.rows(m),
                })
                .collect(),
            targets: run
                .targets()
                .map(|(t, p)| TargetResult {
                    label: &t.label,
                    metric: s.metric_name(t.metric),
                    year: t.year,
                    at_least: matches!(t.bound, Bound::AtLeast(_)).then(|| t.bound.level()),
                    at_most: matches!(t.bound, Bound::AtMost(_)).then(|| t.bound.level()),
                    probability: p.value,
                    std_error: p.std_error,
                })
                .collect(),
        };
        let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
        out.push('\n');
        out
    }
}
