//! The files of a comparison report: `comparison.csv`, `comparison.json` and
//! the tables of `index.md`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::compare::{Comparison, DiffRow, Spread};
use crate::report::chart::{self, ChartError, Format};
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION, short_hex};
use crate::report::terminal::thousands;
use crate::report::text::Locale;
use crate::report::{Artifact, Document, ReportKind};
use crate::scenario::{MetricKind, Scenario};

/// The exact header of `comparison.csv`.
pub const CSV_HEADER: &str = "scenario,metric,year,base_mean,alt_mean,diff_mean,diff_sd,\
                              diff_p5,diff_p50,diff_p95,prob_alt_higher";

impl Comparison {
    /// `comparison.csv`: one row per alternative, shared metric and year.
    pub fn csv(&self, scenarios: &[Scenario]) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{CSV_HEADER}");
        for (a, alt) in self.alts.iter().enumerate() {
            for (k, sh) in alt.shared.iter().enumerate() {
                let r = self.row(a, k);
                let _ = writeln!(
                    o,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    scenarios[a + 1].name,
                    sh.metric.name,
                    r.year,
                    r.base_mean,
                    r.alt_mean,
                    r.diff_mean,
                    r.diff_sd,
                    r.diff_p5,
                    r.diff_p50,
                    r.diff_p95,
                    r.prob_alt_higher
                );
            }
        }
        o
    }

    /// `comparison.json`: the rows of the CSV grouped by alternative and
    /// metric, with provenance and the return on extra public spending.
    pub fn json(&self, scenarios: &[Scenario]) -> String {
        #[derive(Serialize)]
        struct Doc<'a> {
            esante_version: &'a str,
            run: RunInfo,
            base: ScenarioInfo<'a>,
            alternatives: Vec<Alt<'a>>,
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
        let sim = self.settings;
        let alternatives = self
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
                    last.years.push(self.row(a, k));
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
        };
        let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
        out.push('\n');
        out
    }

    /// The tables of the comparison's `index.md` (charts are added by the
    /// caller): per alternative, the differences at the end of the shared
    /// years for the market and each adoption share, and the return on extra
    /// public spending.
    pub fn markdown_tables(&self, scenarios: &[Scenario]) -> String {
        let mut o = String::new();
        let base = &scenarios[0];
        for (a, alt) in self.alts.iter().enumerate() {
            let s = &scenarios[a + 1];
            let year = alt.window.1;
            let _ = writeln!(o, "## {} vs {}\n", s.title, base.title);
            let _ = writeln!(
                o,
                "Draw-by-draw difference ALT - BASE in {year} (ALT = `{}`, BASE = `{}`).\n",
                s.name, base.name
            );
            let _ = writeln!(
                o,
                "| metric | base mean | alt mean | diff P5 | diff P50 | diff P95 | P(alt > base) |"
            );
            let _ = writeln!(o, "|---|---:|---:|---:|---:|---:|---:|");
            for (k, sh) in alt.shared.iter().enumerate() {
                let key = sh.metric.kind == MetricKind::Adoption
                    || matches!(
                        sh.metric.name.as_str(),
                        "market.domestic" | "market.export" | "market.total"
                    );
                if !key || sh.year != year {
                    continue;
                }
                let r = self.row(a, k);
                let f = |v: f64| fmt_value(sh.metric.kind, v);
                let _ = writeln!(
                    o,
                    "| `{}` ({}) | {} | {} | {} | {} | {} | {:.1}% |",
                    sh.metric.name,
                    unit_label(sh.metric.kind, &sh.metric.unit),
                    f(r.base_mean),
                    f(r.alt_mean),
                    f(r.diff_p5),
                    f(r.diff_p50),
                    f(r.diff_p95),
                    100.0 * r.prob_alt_higher
                );
            }
            let sp = Spread::of(&alt.extra_spending);
            let mk = Spread::of(&alt.extra_market);
            let _ = writeln!(o);
            let _ = writeln!(
                o,
                "Over {}-{}: extra executed public spending {} M EUR (P5-P95 {} to {}), \
                 extra domestic market {} M EUR (P5-P95 {} to {}), medians.",
                alt.window.0,
                alt.window.1,
                thousands(sp.p50, 1),
                thousands(sp.p5, 1),
                thousands(sp.p95, 1),
                thousands(mk.p50, 0),
                thousands(mk.p5, 0),
                thousands(mk.p95, 0),
            );
            let r = Spread::of(&alt.market_per_meur);
            if alt.market_per_meur.moments.n == 0 {
                let _ = writeln!(
                    o,
                    "The alternative spends no extra public money: no market per extra M EUR.\n"
                );
            } else {
                let _ = writeln!(
                    o,
                    "Extra domestic market per extra public M EUR: **{:.2}** (P5-P95 {:.2} to {:.2}).\n",
                    r.p50, r.p5, r.p95
                );
            }
        }
        o
    }
}

/// A metric value for a table: percentage points for shares, thousands
/// separators otherwise.
fn fmt_value(kind: MetricKind, v: f64) -> String {
    match kind {
        MetricKind::Adoption | MetricKind::Effect => format!("{:.1}%", 100.0 * v),
        _ => thousands(v, 0),
    }
}

/// The unit shown beside a metric.
fn unit_label(kind: MetricKind, unit: &str) -> String {
    match kind {
        MetricKind::Adoption | MetricKind::Effect => "%, diff in points".into(),
        _ => unit.to_string(),
    }
}

/// Every file of a comparison report: `comparison.csv`, `comparison.json`,
/// the charts in each of `formats` (see [`chart::compare`]) and `index.md`,
/// which embeds them. `scenarios` is the base then the alternatives, as given
/// to [`super::compare`].
pub fn document(
    cmp: &Comparison,
    scenarios: &[Scenario],
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    let mut artifacts = vec![
        Artifact::new("comparison.csv", cmp.csv(scenarios)),
        Artifact::new("comparison.json", cmp.json(scenarios)),
    ];
    artifacts.extend(chart::compare::chart_files(cmp, scenarios, formats, l)?);
    artifacts.push(Artifact::new(
        "index.md",
        index_md(cmp, scenarios, chart::embed_format(formats)),
    ));
    Ok(Document {
        kind: ReportKind::Comparison,
        artifacts,
    })
}

/// The comparison's `index.md`, embedding the charts in format `embed` (no
/// charts when `None`).
pub fn index_md(cmp: &Comparison, scenarios: &[Scenario], embed: Option<Format>) -> String {
    let mut o = String::new();
    let base = &scenarios[0];
    let names: Vec<String> = scenarios[1..]
        .iter()
        .map(|s| format!("`{}`", s.name))
        .collect();
    let _ = writeln!(o, "# Comparison: {} vs `{}`\n", names.join(", "), base.name);
    let sim = cmp.settings;
    let _ = writeln!(
        o,
        "Every scenario ran with the same {} draws (seed {}, {} sampling, esante {VERSION}): \
         draw *i* of each scenario uses the same random numbers for every parameter they \
         share, so the differences below show what the change does, not sampling noise.\n",
        thousands(sim.draws as f64, 0),
        sim.seed,
        sim.sampling
    );
    let _ = writeln!(o, "| role | scenario | title | years | hash |");
    let _ = writeln!(o, "|---|---|---|---|---|");
    for (i, s) in scenarios.iter().enumerate() {
        let _ = writeln!(
            o,
            "| {} | `{}` | {} | {}-{} | `{}` |",
            if i == 0 { "base" } else { "alternative" },
            s.name,
            s.title,
            s.start_year,
            s.end_year,
            short_hex(&s.hash)
        );
    }
    let _ = writeln!(o);
    o.push_str(&cmp.markdown_tables(scenarios));
    if let Some(embed) = embed {
        let _ = writeln!(o, "## Charts\n");
        for f in chart::compare::figures(cmp, scenarios) {
            let _ = writeln!(o, "{}", f.markdown(3, embed));
        }
    }
    let _ = writeln!(
        o,
        "Every shared metric and year is in `comparison.csv` (one row per alternative, metric \
         and year) and `comparison.json`."
    );
    o
}

/// What `esante compare` prints: per alternative, the difference in total
/// market at the end of the shared years and the market per extra M EUR.
pub fn terminal_text(cmp: &Comparison, scenarios: &[Scenario]) -> String {
    let mut o = String::new();
    let sim = cmp.settings;
    let _ = writeln!(
        o,
        "Base {}: {} draws, seed {}, {} sampling.",
        scenarios[0].name, sim.draws, sim.seed, sim.sampling
    );
    for (a, alt) in cmp.alts.iter().enumerate() {
        let year = alt.window.1;
        let Some(k) = alt
            .shared
            .iter()
            .position(|s| s.metric.name == "market.total" && s.year == year)
        else {
            continue;
        };
        let r = cmp.row(a, k);
        let _ = writeln!(
            o,
            "  {}: market.total in {year}, ALT - BASE: P5 {} / P50 {} / P95 {} M EUR, \
             P(alt > base) {:.1}%",
            scenarios[a + 1].name,
            thousands(r.diff_p5, 0),
            thousands(r.diff_p50, 0),
            thousands(r.diff_p95, 0),
            100.0 * r.prob_alt_higher
        );
        if alt.market_per_meur.moments.n > 0 {
            let s = Spread::of(&alt.market_per_meur);
            let _ = writeln!(
                o,
                "    extra domestic market per extra public M EUR: {:.2} (P5-P95 {:.2} to {:.2})",
                s.p50, s.p5, s.p95
            );
        }
    }
    o
}
