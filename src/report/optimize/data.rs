//! The data files of an optimisation report: `candidates.csv` and
//! `optimize.json`.

use std::fmt::Write as _;

use indexmap::IndexMap;
use serde::Serialize;

use crate::analysis::optimize::{CHECK_DOMAINS, Choice, Optimization, Paired, Summary};
use crate::report::CsvNumber;
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION};
use crate::scenario::optimize::Statistic;
use crate::scenario::{Bound, Scenario};

/// The header of `candidates.csv`: `candidate,`, the free axes, then the
/// statistics.
pub fn candidates_header(o: &Optimization, s: &Scenario) -> String {
    let axes: Vec<&str> = o
        .settings
        .problem
        .free
        .iter()
        .map(|&a| s.axes[a].id.as_str())
        .collect();
    format!(
        "candidate,{},mean,sd,p5,p10,p50,p90,p95,pareto",
        axes.join(",")
    )
}

/// `candidates.csv`: every split evaluated on the envelope, best first.
pub(super) fn candidates_csv(o: &Optimization, s: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", candidates_header(o, s));
    for (i, c) in o.candidates.iter().enumerate() {
        let _ = write!(out, "{}", i + 1);
        for b in &c.budgets {
            let _ = write!(out, ",{}", CsvNumber(*b));
        }
        let m = &c.summary;
        let _ = writeln!(
            out,
            ",{},{},{},{},{},{},{},{}",
            CsvNumber(m.mean),
            CsvNumber(m.sd),
            CsvNumber(m.p5),
            CsvNumber(m.p10),
            CsvNumber(m.p50),
            CsvNumber(m.p90),
            CsvNumber(m.p95),
            c.pareto
        );
    }
    out
}

// JSON has no NaN: undefined values are null.
fn f(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

#[derive(Serialize)]
struct SummaryDoc {
    value: Option<f64>,
    mean: Option<f64>,
    sd: Option<f64>,
    p5: Option<f64>,
    p10: Option<f64>,
    p50: Option<f64>,
    p90: Option<f64>,
    p95: Option<f64>,
}

impl SummaryDoc {
    fn of(m: &Summary) -> SummaryDoc {
        SummaryDoc {
            value: f(m.value),
            mean: f(m.mean),
            sd: f(m.sd),
            p5: f(m.p5),
            p10: f(m.p10),
            p50: f(m.p50),
            p90: f(m.p90),
            p95: f(m.p95),
        }
    }
}

#[derive(Serialize)]
struct PairedDoc {
    mean: Option<f64>,
    p5: Option<f64>,
    p95: Option<f64>,
    prob_better: Option<f64>,
}

impl PairedDoc {
    fn of(p: &Paired) -> PairedDoc {
        PairedDoc {
            mean: f(p.mean),
            p5: f(p.p5),
            p95: f(p.p95),
            prob_better: f(p.prob_better),
        }
    }
}

#[derive(Serialize)]
struct ChoiceDoc<'a> {
    allocation: IndexMap<&'a str, f64>,
    in_sample: SummaryDoc,
    out_of_sample: SummaryDoc,
    gain_in_sample: PairedDoc,
    gain_out_of_sample: PairedDoc,
}

/// `optimize.json`: provenance, the problem and every result.
pub(super) fn optimize_json(o: &Optimization, s: &Scenario) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        esante_version: &'a str,
        scenario: ScenarioInfo<'a>,
        run: RunInfo,
        out_of_sample_streams: &'a str,
        objective: ObjectiveDoc<'a>,
        envelope: f64,
        axes: Vec<&'a str>,
        grid_step: f64,
        bounds: BoundsDoc<'a>,
        grid_splits: usize,
        evaluated_splits: usize,
        model_evaluations: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        calibrated: Option<CalibratedDoc>,
        current: ChoiceDoc<'a>,
        best: ChoiceDoc<'a>,
        robust: ChoiceDoc<'a>,
        shortlist: Vec<ChoiceDoc<'a>>,
        marginal_returns: MarginalDoc<'a>,
    }
    #[derive(Serialize)]
    struct ObjectiveDoc<'a> {
        metric: &'a str,
        unit: &'a str,
        years: [i32; 2],
        statistic: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        at_least: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        at_most: Option<f64>,
    }
    #[derive(Serialize)]
    struct CalibratedDoc {
        effective_sample_size_in_sample: f64,
        effective_sample_size_out_of_sample: f64,
    }
    #[derive(Serialize)]
    struct BoundsDoc<'a> {
        min: IndexMap<&'a str, f64>,
        max: IndexMap<&'a str, Option<f64>>,
    }
    #[derive(Serialize)]
    struct MarginalDoc<'a> {
        current: IndexMap<&'a str, Option<f64>>,
        best: IndexMap<&'a str, Option<f64>>,
    }
    let p = &o.settings.problem;
    let ids: Vec<&str> = p.free.iter().map(|&a| s.axes[a].id.as_str()).collect();
    let by_axis =
        |v: &[f64]| -> IndexMap<&str, f64> { ids.iter().copied().zip(v.iter().copied()).collect() };
    let by_axis_opt = |v: &[f64]| -> IndexMap<&str, Option<f64>> {
        ids.iter().copied().zip(v.iter().map(|x| f(*x))).collect()
    };
    let choice = |c: &Choice| ChoiceDoc {
        allocation: by_axis(&c.budgets),
        in_sample: SummaryDoc::of(&c.in_sample),
        out_of_sample: SummaryDoc::of(&c.out_of_sample),
        gain_in_sample: PairedDoc::of(&c.gain_in_sample),
        gain_out_of_sample: PairedDoc::of(&c.gain_out_of_sample),
    };
    let obj = &p.objective;
    let (at_least, at_most) = match obj.statistic {
        Statistic::Prob(Bound::AtLeast(v)) => (Some(v), None),
        Statistic::Prob(Bound::AtMost(v)) => (None, Some(v)),
        _ => (None, None),
    };
    let doc = Doc {
        esante_version: VERSION,
        scenario: ScenarioInfo::of(s),
        run: RunInfo::of(o.settings.run),
        out_of_sample_streams: CHECK_DOMAINS.0,
        objective: ObjectiveDoc {
            metric: &obj.name,
            unit: &s.metrics.info(obj.metric).unit,
            years: [obj.years.0, obj.years.1],
            statistic: obj.statistic.name(),
            at_least,
            at_most,
        },
        envelope: p.envelope,
        axes: ids.clone(),
        grid_step: 1.0 / p.parts as f64,
        bounds: BoundsDoc {
            min: by_axis(&p.min),
            max: by_axis_opt(&p.max),
        },
        grid_splits: o.grid,
        evaluated_splits: o.candidates.len(),
        model_evaluations: o.evaluations,
        calibrated: o.calibrated.map(|e| CalibratedDoc {
            effective_sample_size_in_sample: e.in_sample,
            effective_sample_size_out_of_sample: e.out_of_sample,
        }),
        current: choice(&o.current),
        best: choice(&o.best),
        robust: choice(&o.robust),
        shortlist: o.shortlist.iter().map(choice).collect(),
        marginal_returns: MarginalDoc {
            current: by_axis_opt(&o.marginal_current),
            best: by_axis_opt(&o.marginal_best),
        },
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    out.push('\n');
    out
}
