//! `index.md`: the report page. Scenario, provenance, inputs, key results,
//! targets and every chart with a line on how to read it; made to render in a
//! git web view (GitHub-flavoured tables, SVG images beside it).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::chart::{ChartKind, Format, format_number, format_percent};
use super::{Export, Run, VERSION};
use super::terminal::{param_text, thousands};
use crate::sampling::GENERATOR;
use crate::scenario::{Bound, Metric};

/// Writes `index.md`.
#[derive(Debug, Clone)]
pub struct IndexMd {
    /// The charts written beside it, in the order to show them.
    pub charts: Vec<ChartKind>,
    /// The image format to embed (SVG when it was written).
    pub embed: Format,
}

/// A parameter for a table cell: a fixed number with thousands separators
/// from 1,000 up, or its distribution.
fn param(s: &crate::scenario::Scenario, p: crate::scenario::Param) -> String {
    match p {
        crate::scenario::Param::Fixed(v) if v.abs() >= 1000.0 => format_number(v),
        _ => cell(&param_text(s, p)),
    }
}

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

impl IndexMd {
    /// The page as text.
    pub fn text(&self, run: &Run<'_>) -> String {
        let s = run.scenario;
        let ix = &s.metrics;
        let sim = run.stats.settings;
        let mut o = String::new();
        let _ = writeln!(o, "# {}\n", s.title);
        if let Some(d) = &s.description {
            let _ = writeln!(o, "{}\n", d.trim());
        }
        let _ = writeln!(
            o,
            "Report of an `esante` run: {} Monte Carlo draws of the yearly model from {} to {}. \
             Percentiles (P5, P25, median, P75, P95) are over the draws; a band from P5 to P95 \
             holds 90% of them.\n",
            thousands(sim.draws as f64, 0),
            s.start_year,
            s.end_year
        );
        let _ = writeln!(o, "## Provenance\n");
        let _ = writeln!(o, "| | |\n|---|---|");
        let _ = writeln!(o, "| scenario | `{}` |", s.name);
        let _ = writeln!(o, "| scenario hash | `{}` |", s.hash);
        let _ = writeln!(
            o,
            "| horizon | {}–{} ({} year{}) |",
            s.start_year,
            s.end_year,
            s.years(),
            if s.years() == 1 { "" } else { "s" }
        );
        let _ = writeln!(o, "| draws | {} |", thousands(sim.draws as f64, 0));
        let _ = writeln!(o, "| seed | {} |", sim.seed);
        let _ = writeln!(o, "| sampling | {} |", sim.sampling);
        let _ = writeln!(o, "| random generator | {GENERATOR} |");
        let _ = writeln!(o, "| esante version | {VERSION} |");
        let _ = writeln!(
            o,
            "\nRegenerate with `esante run SCENARIO.toml --seed {} --draws {} --sampling {}`: \
             the same inputs give the same bytes.\n",
            sim.seed, sim.draws, sim.sampling
        );

        let _ = writeln!(o, "## Inputs\n");
        let _ = writeln!(
            o,
            "Fixed numbers are shown as they are; uncertain ones as their distribution.\n"
        );
        let _ = writeln!(o, "### Axes\n");
        let _ = writeln!(
            o,
            "| axis | budget (M EUR) | years | execution | leverage | lag (years) | half-saturation (M EUR) |"
        );
        let _ = writeln!(o, "|---|--:|---|---|---|--:|---|");
        for a in &s.axes {
            let years = a
                .schedule_years
                .map_or("none".to_string(), |(f, t)| format!("{f}–{t}"));
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(&a.label),
                format_number(a.budget),
                years,
                param(s, a.execution),
                param(s, a.leverage),
                a.lag,
                param(s, a.half_saturation),
            );
        }
        let _ = writeln!(o, "\n### Segments\n");
        let _ = writeln!(
            o,
            "| segment | population | unit | initial adoption | p | q | ceiling |"
        );
        let _ = writeln!(o, "|---|---|---|---|---|---|---|");
        for g in &s.segments {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(&g.label),
                param(s, g.population),
                cell(&g.unit),
                param(s, g.initial_adoption),
                param(s, g.p),
                param(s, g.q),
                param(s, g.ceiling),
            );
        }

        let t_end = ix.years() - 1;
        let t_mid = t_end / 2;
        let mut cols = vec![t_mid, t_end];
        cols.dedup();
        let _ = writeln!(o, "\n## Key results\n");
        let mut head = "| metric | unit |".to_string();
        let mut rule = "|---|---|".to_string();
        for &t in &cols {
            let y = ix.year(t);
            let _ = write!(head, " P5 {y} | median {y} | P95 {y} |");
            rule.push_str("--:|--:|--:|");
        }
        let _ = writeln!(o, "{head}\n{rule}");
        let mut rows: Vec<(Metric, String, String, bool)> = [
            (Metric::Total, "total"),
            (Metric::Domestic, "domestic"),
            (Metric::Export, "export"),
        ]
        .iter()
        .map(|&(m, k)| (m, format!("Market, {k}"), "M EUR/year".to_string(), false))
        .collect();
        for (i, g) in s.segments.iter().enumerate() {
            rows.push((
                Metric::Adoption(i),
                format!("Adoption, {}", g.label),
                "% adopted".into(),
                true,
            ));
        }
        for (m, label, unit, pct) in rows {
            let metric = &ix.info(m).name;
            let f = |v: f64| {
                if pct {
                    format_percent(v)
                } else {
                    format_number(v)
                }
            };
            let _ = write!(o, "| {} (`{metric}`) | {unit} |", cell(&label));
            for &t in &cols {
                let r = run.row(ix.series(m, t));
                let _ = write!(o, " {} | {} | {} |", f(r.p5), f(r.p50), f(r.p95));
            }
            let _ = writeln!(o);
        }

        let _ = writeln!(o, "\n## Targets\n");
        if s.targets.is_empty() {
            let _ = writeln!(o, "The scenario sets no target.");
        } else {
            let _ = writeln!(
                o,
                "Probability that a metric reaches a level: the share of draws that do, with \
                 its 95% Monte Carlo margin.\n"
            );
            let _ = writeln!(o, "| target | metric | year | level | probability | ± |");
            let _ = writeln!(o, "|---|---|--:|--:|--:|--:|");
            for (t, p) in run.targets() {
                let pct = ix.info(t.metric).kind.is_share();
                let lvl = if pct {
                    format_percent(t.bound.level())
                } else {
                    format_number(t.bound.level())
                };
                let sign = match t.bound {
                    Bound::AtLeast(_) => "≥",
                    Bound::AtMost(_) => "≤",
                };
                let _ = writeln!(
                    o,
                    "| {} | `{}` | {} | {sign} {lvl} | {} | {} |",
                    cell(&t.label),
                    s.metric_name(t.metric),
                    t.year,
                    format_percent(p.value),
                    format_percent(p.margin95())
                );
            }
        }

        let _ = writeln!(o, "\n## Charts");
        for k in &self.charts {
            let _ = writeln!(o, "\n### {}\n", k.heading());
            let _ = writeln!(o, "{}\n", k.caption());
            let _ = writeln!(o, "![{}]({})", k.heading(), k.file_name(self.embed));
        }
        let _ = writeln!(
            o,
            "\nThe data of every metric in every year: [`summary.csv`](summary.csv), \
             [`summary.json`](summary.json)."
        );
        o
    }
}

impl Export for IndexMd {
    fn file_name(&self) -> &'static str {
        "index.md"
    }

    fn write(&self, run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.text(run).as_bytes())
    }
}
