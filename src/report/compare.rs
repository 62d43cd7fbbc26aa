//! The comparison report: `comparison.csv`, `comparison.json`, the charts of
//! `report::chart::compare` and `index.md`, and what `esante
//! compare` prints; every word from the locale.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::baseline::Mismatch;
use crate::analysis::compare::{Comparison, DiffRow, Shared, Spread};
use crate::report::chart::{self, ChartError, Format};
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION, short_hex};
use crate::report::text::Locale;
use crate::report::{Artifact, CsvNumber, Document, ReportKind, escape, terminal};
use crate::scenario::{Metric, Scenario};

/// The exact header of `comparison.csv`.
pub const CSV_HEADER: &str = "scenario,metric,year,base_mean,alt_mean,diff_mean,diff_sd,\
                              diff_p5,diff_p50,diff_p95,prob_alt_higher";

/// Every file of a comparison report: `comparison.csv`, `comparison.json`,
/// the charts in each of `formats` and `index.md`, which embeds them.
/// `scenarios` is the base then the alternatives, as compared.
pub fn document(
    cmp: &Comparison,
    scenarios: &[Scenario],
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    let mut artifacts = vec![
        Artifact::new("comparison.csv", comparison_csv(cmp, scenarios)),
        Artifact::new("comparison.json", comparison_json(cmp, scenarios)),
    ];
    artifacts.extend(chart::compare::chart_files(cmp, scenarios, formats, l)?);
    let page = index_md(cmp, scenarios, chart::embed_format(formats), l);
    artifacts.push(Artifact::new("index.md", page));
    Ok(Document {
        kind: ReportKind::Comparison,
        artifacts,
    })
}

/// `comparison.csv`: one row per alternative, shared metric and year.
fn comparison_csv(cmp: &Comparison, scenarios: &[Scenario]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{CSV_HEADER}");
    for (a, alt) in cmp.alts.iter().enumerate() {
        for (k, sh) in alt.shared.iter().enumerate() {
            let r = cmp.row(a, k);
            let _ = writeln!(
                o,
                "{},{},{},{},{},{},{},{},{},{},{}",
                scenarios[a + 1].name,
                sh.metric.name,
                r.year,
                CsvNumber(r.base_mean),
                CsvNumber(r.alt_mean),
                CsvNumber(r.diff_mean),
                CsvNumber(r.diff_sd),
                CsvNumber(r.diff_p5),
                CsvNumber(r.diff_p50),
                CsvNumber(r.diff_p95),
                CsvNumber(r.prob_alt_higher)
            );
        }
    }
    o
}

/// `comparison.json`: the rows of the CSV grouped by alternative and
/// metric, with provenance and the return on extra public spending.
fn comparison_json(cmp: &Comparison, scenarios: &[Scenario]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        esante_version: &'a str,
        run: RunInfo,
        base: ScenarioInfo<'a>,
        alternatives: Vec<Alt<'a>>,
        /// In a calibrated comparison: whose observed figures weight the
        /// draws, and the weights' effective sample size.
        #[serde(skip_serializing_if = "Option::is_none")]
        calibrated_on: Option<Calibrated<'a>>,
    }
    #[derive(Serialize)]
    struct Calibrated<'a> {
        scenario: &'a str,
        effective_sample_size: f64,
    }
    #[derive(Serialize)]
    struct Alt<'a> {
        scenario: ScenarioInfo<'a>,
        shared_years: [i32; 2],
        extra_spending: Spread,
        extra_domestic_market: Spread,
        market_per_extra_meur: Spread,
        metrics: Vec<MetricRows<'a>>,
    }
    #[derive(Serialize)]
    struct MetricRows<'a> {
        metric: &'a str,
        unit: &'a str,
        years: Vec<DiffRow>,
    }
    let sim = cmp.settings;
    let alternatives = cmp
        .alts
        .iter()
        .enumerate()
        .map(|(a, alt)| {
            let mut metrics: Vec<MetricRows<'_>> = Vec::new();
            for (k, sh) in alt.shared.iter().enumerate() {
                if metrics.last().is_none_or(|m| m.metric != sh.metric.name) {
                    metrics.push(MetricRows {
                        metric: &sh.metric.name,
                        unit: &sh.metric.unit,
                        years: Vec::new(),
                    });
                }
                let last = metrics.last_mut().expect("pushed above");
                last.years.push(cmp.row(a, k));
            }
            Alt {
                scenario: ScenarioInfo::of(&scenarios[a + 1]),
                shared_years: [alt.window.0, alt.window.1],
                extra_spending: Spread::of(&alt.extra_spending),
                extra_domestic_market: Spread::of(&alt.extra_market),
                market_per_extra_meur: Spread::of(&alt.market_per_meur),
                metrics,
            }
        })
        .collect();
    let doc = Doc {
        esante_version: VERSION,
        run: RunInfo::of(sim),
        base: ScenarioInfo::of(&scenarios[0]),
        alternatives,
        calibrated_on: cmp.calibrated_on.map(|i| Calibrated {
            scenario: &scenarios[i].name,
            effective_sample_size: cmp.runs[i].effective_draws(),
        }),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    out.push('\n');
    out
}

/// Whether a shared metric is in the page's table: the market totals, the
/// total market's present value (with `[economics]`) and each adoption
/// share.
fn in_table(sh: &Shared) -> bool {
    matches!(
        sh.id,
        Metric::Adoption(_) | Metric::Domestic | Metric::Export | Metric::Total | Metric::PvTotal
    )
}

/// A metric value for a table: percentages for shares, thousands separators
/// otherwise.
fn value(sh: &Shared, v: f64, l: &Locale) -> String {
    if sh.metric.kind.is_share() {
        l.percent(v)
    } else {
        l.thousands(v, 0)
    }
}

/// Per alternative, what makes its differences more than the programme's
/// effect: segments or parameters that differ from the base, and a domestic
/// market that already differs in the first shared year. Empty when the
/// comparison is clean.
pub fn warnings(cmp: &Comparison, scenarios: &[Scenario], l: &Locale) -> Vec<Vec<String>> {
    let t = &l.compare;
    let (base, alts) = scenarios.split_first().expect("a base scenario");
    cmp.alts
        .iter()
        .zip(alts)
        .enumerate()
        .map(|(a, (alt, s))| {
            let mut items: Vec<String> = alt
                .mismatches
                .iter()
                .map(|m| match m {
                    Mismatch::Segment { id, in_alt } => {
                        let only = if *in_alt { &s.name } else { &base.name };
                        (t.mismatch_segment)(id, only)
                    }
                    Mismatch::Parameter {
                        path,
                        base: b,
                        alt: x,
                    } => (t.mismatch_parameter)(
                        path,
                        &terminal::param_text(base, *b, l),
                        &terminal::param_text(s, *x, l),
                    ),
                    Mismatch::StartYear { base, alt } => (t.mismatch_start)(*base, *alt),
                })
                .collect();
            if let Some(k) = alt.start_gap() {
                let r = cmp.row(a, k);
                let [mean, p5, p95] = [r.diff_mean, r.diff_p5, r.diff_p95].map(|v| l.number(v));
                items.push((t.start_gap)(alt.window.0, &mean, &p5, &p95));
            }
            if items.is_empty() {
                return items;
            }
            let mut out = vec![(t.mismatch_intro)(&s.name, &base.name)];
            out.extend(items);
            out
        })
        .collect()
}

/// Median, P5 and P95 with `decimals` decimals and thousands separators.
fn spread3(s: &Spread, decimals: usize, l: &Locale) -> [String; 3] {
    [s.p50, s.p5, s.p95].map(|v| l.thousands(v, decimals))
}

/// The tables of the page: per alternative, the differences at the end of
/// the shared years for the market and each adoption share, and the return
/// on extra public spending.
fn tables(cmp: &Comparison, scenarios: &[Scenario], l: &Locale) -> String {
    let t = &l.compare;
    let mut o = String::new();
    let base = &scenarios[0];
    let warned = warnings(cmp, scenarios, l);
    for (a, alt) in cmp.alts.iter().enumerate() {
        let s = &scenarios[a + 1];
        let year = alt.window.1;
        let _ = writeln!(
            o,
            "## {}\n",
            (t.versus)(&escape::inline(&s.title), &escape::inline(&base.title))
        );
        if let Some((intro, items)) = warned[a].split_first() {
            let c = l.colon;
            let _ = writeln!(o, "> **{}**{c} {intro}{c}", t.warning);
            for item in items {
                let _ = writeln!(o, "> - {item}");
            }
            let _ = writeln!(o);
        }
        let _ = writeln!(o, "{}\n", (t.difference_in)(year, &s.name, &base.name));
        let _ = writeln!(o, "| {} |", t.diff_columns.join(" | "));
        let _ = writeln!(o, "|---|---:|---:|---:|---:|---:|---:|");
        for (k, sh) in alt.shared.iter().enumerate() {
            if !in_table(sh) || sh.year != year {
                continue;
            }
            let r = cmp.row(a, k);
            let unit = if sh.metric.kind.is_share() {
                t.share_unit.to_string()
            } else {
                (l.unit)(&sh.metric.unit)
            };
            let f = |v: f64| value(sh, v, l);
            let _ = writeln!(
                o,
                "| `{}` ({unit}) | {} | {} | {} | {} | {} | {} |",
                sh.metric.name,
                f(r.base_mean),
                f(r.alt_mean),
                f(r.diff_p5),
                f(r.diff_p50),
                f(r.diff_p95),
                l.percent(r.prob_alt_higher)
            );
        }
        let spend = spread3(&Spread::of(&alt.extra_spending), 1, l);
        let market = spread3(&Spread::of(&alt.extra_market), 0, l);
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            (t.extras)(
                alt.window.0,
                alt.window.1,
                spend.each_ref().map(String::as_str),
                market.each_ref().map(String::as_str)
            )
        );
        if alt.market_per_meur.moments.n == 0 {
            let _ = writeln!(o, "{}\n", t.no_extra_spending);
        } else {
            let r = Spread::of(&alt.market_per_meur);
            let [p50, p5, p95] = [r.p50, r.p5, r.p95].map(|v| l.fixed(v, 2));
            let _ = writeln!(o, "{}\n", (t.per_meur)(&p50, &p5, &p95));
        }
        if let Some(e) = cmp.economics {
            let rate = l.rate(e.discount_rate);
            let _ = writeln!(o, "{}\n", (t.present_values)(&rate, e.base_year));
        }
    }
    o
}

/// The comparison's `index.md`, embedding the charts in format `embed` (no
/// charts when `None`).
pub fn index_md(
    cmp: &Comparison,
    scenarios: &[Scenario],
    embed: Option<Format>,
    l: &Locale,
) -> String {
    let t = &l.compare;
    let mut o = String::new();
    let base = &scenarios[0];
    let names: Vec<String> = scenarios[1..]
        .iter()
        .map(|s| format!("`{}`", s.name))
        .collect();
    let _ = writeln!(o, "# {}\n", (t.title)(&names.join(", "), &base.name));
    let sim = cmp.settings;
    let draws = l.thousands(sim.draws as f64, 0);
    let intro = (t.intro)(&draws, sim.seed, sim.sampling.as_str(), VERSION);
    let _ = writeln!(o, "{intro}\n");
    if let Some(i) = cmp.calibrated_on {
        let ess = l.thousands(cmp.runs[i].effective_draws(), 0);
        let _ = writeln!(o, "{}\n", (t.calibrated)(&scenarios[i].name, &ess));
    }
    let _ = writeln!(o, "| {} |", t.scenario_columns.join(" | "));
    let _ = writeln!(o, "|---|---|---|---|---|");
    for (i, s) in scenarios.iter().enumerate() {
        let _ = writeln!(
            o,
            "| {} | `{}` | {} | {}-{} | `{}` |",
            t.roles[usize::from(i > 0)],
            s.name,
            escape::inline(&s.title),
            s.start_year,
            s.end_year,
            short_hex(&s.hash)
        );
    }
    let _ = writeln!(o);
    o.push_str(&tables(cmp, scenarios, l));
    if let Some(embed) = embed {
        let _ = writeln!(o, "## {}\n", t.charts);
        for f in chart::compare::figures(cmp, scenarios, l) {
            let _ = writeln!(o, "{}", f.markdown(3, embed));
        }
    }
    let _ = writeln!(o, "{}", t.data_files);
    o
}

/// What `esante compare` prints: per alternative, the difference in total
/// market at the end of the shared years and the market per extra M EUR.
pub fn terminal_text(cmp: &Comparison, scenarios: &[Scenario], l: &Locale) -> String {
    let t = &l.compare;
    let mut o = String::new();
    let sim = cmp.settings;
    let base = (t.terminal_base)(
        &scenarios[0].name,
        sim.draws,
        sim.seed,
        sim.sampling.as_str(),
    );
    let _ = writeln!(o, "{base}");
    for (a, alt) in cmp.alts.iter().enumerate() {
        let year = alt.window.1;
        let Some(k) = alt
            .shared
            .iter()
            .position(|s| s.id == Metric::Total && s.year == year)
        else {
            continue;
        };
        let r = cmp.row(a, k);
        let q = [r.diff_p5, r.diff_p50, r.diff_p95].map(|v| l.thousands(v, 0));
        let line = (t.terminal_alt)(
            &scenarios[a + 1].name,
            year,
            q.each_ref().map(String::as_str),
            &l.percent(r.prob_alt_higher),
        );
        let _ = writeln!(o, "{line}");
        if alt.market_per_meur.moments.n > 0 {
            let s = Spread::of(&alt.market_per_meur);
            let [p50, p5, p95] = [s.p50, s.p5, s.p95].map(|v| l.fixed(v, 2));
            let _ = writeln!(o, "{}", (t.terminal_per_meur)(&p50, &p5, &p95));
            if let Some(e) = cmp.economics {
                let rate = l.rate(e.discount_rate);
                let _ = writeln!(o, "{}", (t.terminal_present_values)(&rate, e.base_year));
            }
        }
    }
    o
}
