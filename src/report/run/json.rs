//! `summary.json`: the statistics of `summary.csv` with the run's provenance and
//! the targets' probabilities.

use serde::Serialize;

use crate::analysis::backtest::{Verdict, backtest};
use crate::analysis::convergence::{Convergence, Round, Statistic, Stop};
use crate::analysis::run::{Precision, Row, Run};
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION};
use crate::scenario::{Bound, Scenario};

#[derive(Serialize)]
struct Doc<'a> {
    esante_version: &'a str,
    scenario: ScenarioInfo<'a>,
    run: RunInfo,
    metrics: Vec<MetricStats<'a>>,
    targets: Vec<TargetResult<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    backtest: Vec<BacktestRow<'a>>,
    /// In a calibrated run: the statistics are weighted by the observations.
    #[serde(skip_serializing_if = "Option::is_none")]
    calibrated: Option<Weighted>,
    /// In a run with `--precision`: how the rounds went.
    #[serde(skip_serializing_if = "Option::is_none")]
    precision_control: Option<Control<'a>>,
}

/// A precision-controlled run: its goal, rounds, stop and the tracked
/// statistics after the last round.
#[derive(Serialize)]
struct Control<'a> {
    precision_percent: f64,
    max_draws: u64,
    first_draws: u64,
    draws: u64,
    stop: Stop,
    rounds: &'a [Round],
    tracked: Vec<Tracked<'a>>,
}

/// A tracked statistic after the last round.
#[derive(Serialize)]
struct Tracked<'a> {
    metric: &'a str,
    year: i32,
    statistic: Statistic,
    value: f64,
    /// Half-width of the 95% interval, in the metric's unit.
    half_width: f64,
    /// The half-width as a share of the value.
    relative: f64,
    met: bool,
}

impl<'a> Control<'a> {
    fn of(s: &'a Scenario, c: &'a Convergence) -> Control<'a> {
        Control {
            precision_percent: c.goal.percent,
            max_draws: c.goal.max_draws,
            first_draws: c.first_draws,
            draws: c.draws(),
            stop: c.stop,
            rounds: &c.rounds,
            tracked: c
                .checks
                .iter()
                .map(|k| {
                    let (m, year) = s.metrics.locate(k.series);
                    Tracked {
                        metric: s.metric_name(m),
                        year,
                        statistic: k.statistic,
                        value: k.value,
                        half_width: k.half_width,
                        relative: k.relative(),
                        met: k.met(c.goal.share()),
                    }
                })
                .collect(),
        }
    }
}

/// What weighted statistics rest on (`calibration.json` has the rest).
#[derive(Serialize)]
struct Weighted {
    /// Kish's effective sample size of the weights.
    effective_sample_size: f64,
    /// Pareto k-hat of the weights' tail.
    khat: f64,
}

/// An observation against the projection.
#[derive(Serialize)]
struct BacktestRow<'a> {
    metric: &'a str,
    year: i32,
    observed: f64,
    sd: f64,
    source: &'a str,
    p5: f64,
    p50: f64,
    p95: f64,
    /// Share of the projection below the observed value.
    percentile: f64,
    verdict: Verdict,
}

#[derive(Serialize)]
struct MetricStats<'a> {
    metric: &'a str,
    unit: &'a str,
    years: Vec<YearStats>,
}

/// A year of a metric: the row of `summary.csv` and the Monte Carlo
/// standard errors of its mean and percentiles.
#[derive(Serialize)]
struct YearStats {
    #[serde(flatten)]
    row: Row,
    mcse: Precision,
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
/// targets' probabilities; with `control`, how a `--precision` run's rounds
/// went.
pub fn summary_json(run: &Run<'_>, control: Option<&Convergence>) -> String {
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
                    years: (0..ix.years())
                        .map(|t| YearStats {
                            row: run.row(ix.series(m, t)),
                            mcse: run.precision(ix.series(m, t)),
                        })
                        .collect(),
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
            backtest: backtest(run)
                .into_iter()
                .map(|c| BacktestRow {
                    metric: s.metric_name(c.observed.metric),
                    year: c.observed.year,
                    observed: c.observed.value,
                    sd: c.observed.sd,
                    source: &c.observed.source,
                    p5: c.p5,
                    p50: c.p50,
                    p95: c.p95,
                    percentile: c.percentile,
                    verdict: c.verdict,
                })
                .collect(),
            calibrated: st.weights.as_ref().map(|w| Weighted {
                effective_sample_size: w.sums.ess(),
                khat: w.tail.khat(),
            }),
            precision_control: control.map(|c| Control::of(s, c)),
        };
        let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
        out.push('\n');
        out
    }
}
