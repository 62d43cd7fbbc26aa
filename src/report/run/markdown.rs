//! `index.md`: the report page. Scenario, provenance, inputs, key results,
//! targets and every chart with a line on how to read it; made to render in a
//! git web view (GitHub-flavoured tables, SVG images beside it). Every word
//! and number comes from the locale.

use std::fmt::Write as _;

use super::control::control_section;
use super::inputs::inputs_section;
use crate::analysis::backtest::{Check, Verdict, backtest};
use crate::analysis::convergence::Convergence;
use crate::analysis::run::Run;
use crate::report::chart::Format;
use crate::report::chart::run::ChartKind;
use crate::report::escape;
use crate::report::provenance::{VERSION, regenerate_command};
use crate::report::table::header;
use crate::report::text::Locale;
use crate::sampling::{GENERATOR, RunSettings, Sampling};
use crate::scenario::{Bound, Metric, Scenario};

/// The metrics of the key results, in page order, with their row label and
/// unit: the three market totals, the total market's present value (with
/// `[economics]`), then each segment's adoption.
pub(crate) fn key_metrics(s: &Scenario, l: &Locale) -> Vec<(Metric, String, &'static str)> {
    let t = &l.run;
    let market = [Metric::Total, Metric::Domestic, Metric::Export]
        .into_iter()
        .zip(t.market_rows)
        .map(|(m, label)| (m, label.to_string(), t.market_unit));
    let pv = s
        .metrics
        .has_present_values()
        .then(|| (Metric::PvTotal, t.pv_total_row.to_string(), t.pv_unit));
    let adoption = s.segments.iter().enumerate().map(|(i, g)| {
        (
            Metric::Adoption(i),
            (t.adoption_row)(&g.label),
            t.adoption_unit,
        )
    });
    market.chain(pv).chain(adoption).collect()
}

/// The provenance section: scenario, hash, horizon, draws, seed, sampling,
/// generator, version.
pub(crate) fn provenance_table(o: &mut String, s: &Scenario, sim: RunSettings, l: &Locale) {
    let t = &l.run;
    let _ = writeln!(o, "## {}\n", t.provenance);
    let _ = writeln!(o, "| | |\n|---|---|");
    let rows = [
        format!("`{}`", s.name),
        format!("`{}`", s.hash),
        (t.horizon)(s.start_year, s.end_year, s.years()),
        l.thousands(sim.draws as f64, 0),
        sim.seed.to_string(),
        sim.sampling.to_string(),
        GENERATOR.to_string(),
        VERSION.to_string(),
    ];
    for (label, value) in t.provenance_rows.iter().zip(rows) {
        let _ = writeln!(o, "| {label} | {value} |");
    }
    if !s.overrides.is_empty() {
        let set: Vec<String> = s
            .overrides
            .iter()
            .map(|v| format!("--set {}", escape::inline(v)))
            .collect();
        let _ = writeln!(o, "| {} | {} |", t.overrides_row, set.join("<br>"));
    }
    if let Some(e) = s.economics {
        let value = (t.discount_value)(&l.rate(e.discount_rate), e.base_year);
        let _ = writeln!(o, "| {} | {value} |", t.discount_row);
    }
}

/// The page of `run`, embedding `charts` in format `embed`; with `control`,
/// it says how a `--precision` run's rounds went.
pub fn index_md(
    run: &Run<'_>,
    control: Option<&Convergence>,
    charts: &[ChartKind],
    embed: Format,
    l: &Locale,
) -> String {
    let t = &l.run;
    let s = run.scenario;
    let ix = &s.metrics;
    let sim = run.stats.settings;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", escape::inline(&s.title));
    if let Some(d) = &s.description {
        let _ = writeln!(o, "{}\n", escape::paragraphs(d.trim()));
    }
    let _ = writeln!(o, "{}\n", (t.intro)(l, sim.draws, s.start_year, s.end_year));
    provenance_table(&mut o, s, sim, l);
    let _ = writeln!(
        o,
        "\n{}\n",
        (t.regenerate)(&regenerate_command("run", s, sim, control, l))
    );

    inputs_section(&mut o, s, l);

    let t_end = ix.years() - 1;
    let mut cols = vec![t_end / 2, t_end];
    cols.dedup();
    let _ = writeln!(o, "\n## {}\n", t.key_results);
    let mut head = format!("| {} | {} |", t.key_columns[0], t.key_columns[1]);
    let mut rule = "|---|---|".to_string();
    for &c in &cols {
        for name in (t.key_year_columns)(ix.year(c)) {
            let _ = write!(head, " {name} |");
        }
        rule.push_str("--:|--:|--:|");
    }
    let _ = writeln!(o, "{head}\n{rule}");
    for (m, label, unit) in key_metrics(s, l) {
        let info = ix.info(m);
        let f = |v: f64| l.metric_value(info.kind.is_share(), v);
        let _ = write!(
            o,
            "| {} (`{}`) | {unit} |",
            escape::inline(&label),
            info.name
        );
        for &c in &cols {
            let r = run.row(ix.series(m, c));
            let _ = write!(o, " {} | {} | {} |", f(r.p5), f(r.p50), f(r.p95));
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "\n## {}\n", t.precision);
    let draws = l.thousands(run.stats.settings.draws as f64, 0);
    let lhs = run.stats.settings.sampling == Sampling::Lhs;
    let _ = writeln!(o, "{}\n", (t.precision_note)(&draws, lhs));
    let mut head = format!("| {} | {} |", t.key_columns[0], t.key_columns[1]);
    for name in (t.precision_columns)(ix.year(t_end)) {
        let _ = write!(head, " {name} |");
    }
    let _ = writeln!(o, "{head}\n|---|---|--:|--:|--:|--:|--:|");
    for (m, label, unit) in key_metrics(s, l) {
        let info = ix.info(m);
        let share = info.kind.is_share();
        let f = |v: f64| l.std_error(share, v);
        let series = ix.series(m, t_end);
        let (r, e) = (run.row(series), run.precision(series));
        let _ = writeln!(
            o,
            "| {} (`{}`) | {unit} | {} | {} | {} | {} | {} |",
            escape::inline(&label),
            info.name,
            l.metric_value(share, r.mean),
            f(e.mean),
            f(e.p5),
            f(e.p50),
            f(e.p95)
        );
    }

    if let Some(c) = control {
        control_section(&mut o, s, c, lhs, l);
    }

    let _ = writeln!(o, "\n## {}\n", t.targets);
    if s.targets.is_empty() {
        let _ = writeln!(o, "{}", t.no_target);
    } else {
        let _ = writeln!(o, "{}\n", t.targets_note);
        header(
            &mut o,
            &t.targets_columns,
            &["---", "---", "--:", "--:", "--:", "--:"],
        );
        for (tg, p) in run.targets() {
            let lvl = l.metric_value(ix.info(tg.metric).kind.is_share(), tg.bound.level());
            let sign = match tg.bound {
                Bound::AtLeast(_) => "≥",
                Bound::AtMost(_) => "≤",
            };
            let _ = writeln!(
                o,
                "| {} | `{}` | {} | {sign} {lvl} | {} | {} |",
                escape::inline(&tg.label),
                s.metric_name(tg.metric),
                tg.year,
                l.percent(p.value),
                l.percent(p.margin95())
            );
        }
    }

    let checks = backtest(run);
    if !checks.is_empty() {
        let _ = writeln!(o, "\n## {}\n", t.backtest);
        backtest_table(&mut o, s, &checks, l);
    }

    let _ = writeln!(o, "\n## {}", t.charts);
    for k in charts {
        let f = k.text(l);
        let _ = writeln!(o, "\n### {}\n", f.heading);
        let _ = writeln!(o, "{}\n", f.caption);
        let _ = writeln!(o, "![{}]({})", f.heading, k.file_name(embed));
    }
    let _ = writeln!(o, "\n{}", t.data_files);
    o
}

/// The backtest section's body: a note, a one-line summary and the table of
/// each observation against the projection.
pub(crate) fn backtest_table(o: &mut String, s: &Scenario, checks: &[Check<'_>], l: &Locale) {
    let t = &l.run;
    let within = checks
        .iter()
        .filter(|c| c.verdict == Verdict::Within)
        .count();
    let _ = writeln!(o, "{}\n", t.backtest_note);
    let _ = writeln!(o, "{}\n", (t.backtest_summary)(checks.len(), within));
    header(
        o,
        &t.backtest_columns,
        &[
            "---", "--:", "--:", "--:", "--:", "--:", "--:", "---", "---",
        ],
    );
    for c in checks {
        let ob = c.observed;
        let f = |v: f64| l.metric_value(s.metrics.info(ob.metric).kind.is_share(), v);
        let verdict = match c.verdict {
            Verdict::BelowP5 => t.verdicts[0],
            Verdict::Within => t.verdicts[1],
            Verdict::AboveP95 => t.verdicts[2],
        };
        let _ = writeln!(
            o,
            "| `{}` | {} | {} ± {} | {} | {} | {} | {} | {verdict} | {} |",
            s.metric_name(ob.metric),
            ob.year,
            f(ob.value),
            f(ob.sd),
            f(c.p5),
            f(c.p50),
            f(c.p95),
            l.percent(c.percentile),
            escape::inline(&ob.source),
        );
    }
}
