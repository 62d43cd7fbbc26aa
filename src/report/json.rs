//! `summary.json`: the statistics of `summary.csv` with the run's provenance and
//! the targets' probabilities.

use std::io::{self, Write};

use serde::Serialize;

use super::{Export, Row, Run, VERSION};
use crate::sampling::GENERATOR;
use crate::scenario::Bound;

/// Writes `summary.json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SummaryJson;

#[derive(Serialize)]
struct Doc<'a> {
    esante_version: &'a str,
    scenario: ScenarioInfo<'a>,
    run: RunInfo<'a>,
    metrics: Vec<MetricStats<'a>>,
    targets: Vec<TargetResult<'a>>,
}

#[derive(Serialize)]
struct ScenarioInfo<'a> {
    name: &'a str,
    title: &'a str,
    hash: &'a str,
    start_year: i32,
    end_year: i32,
}

#[derive(Serialize)]
struct RunInfo<'a> {
    seed: u64,
    draws: u64,
    sampling: &'a str,
    generator: &'a str,
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

impl Export for SummaryJson {
    fn file_name(&self) -> &'static str {
        "summary.json"
    }

    fn write(&self, run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        let s = run.scenario;
        let st = run.stats;
        let ix = &s.metrics;
        let doc = Doc {
            esante_version: VERSION,
            scenario: ScenarioInfo {
                name: &s.name,
                title: &s.title,
                hash: &s.hash,
                start_year: s.start_year,
                end_year: s.end_year,
            },
            run: RunInfo {
                seed: st.settings.seed,
                draws: st.settings.draws,
                sampling: st.settings.sampling.as_str(),
                generator: GENERATOR,
            },
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
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
