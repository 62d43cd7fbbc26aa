//! The page of a calibration report (`index.md`); every word from the
//! locale.

use std::fmt::Write as _;

use super::CHARTS;
use crate::analysis::backtest::backtest;
use crate::analysis::calibrate::Calibration;
use crate::report::chart::Format;
use crate::report::escape;
use crate::report::provenance::regenerate_command;
use crate::report::run::markdown::{backtest_table, key_metrics, provenance_table};
use crate::report::table::header;
use crate::report::text::Locale;
use crate::scenario::Scenario;

/// The page of calibration `c` of `s`, embedding the charts in `embed`
/// (none when no chart is written).
pub fn index_md(c: &Calibration, s: &Scenario, embed: Option<Format>, l: &Locale) -> String {
    let t = &l.calibrate;
    let sim = c.posterior.settings;
    let d = c.diagnostics();
    let (prior, posterior) = c.runs(s);
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", escape::inline(&(t.title)(&s.title)));
    let _ = writeln!(o, "{}\n", (t.intro)(l, sim.draws, s.observed.len()));
    provenance_table(&mut o, s, sim, l);
    let _ = writeln!(
        o,
        "\n{}\n",
        (t.regenerate)(&regenerate_command("calibrate", s, sim, None, l))
    );

    let _ = writeln!(o, "## {}\n", t.reliability);
    let _ = writeln!(o, "| | |\n|---|--:|");
    let cells = [
        l.thousands(d.draws as f64, 0),
        l.thousands(d.ess, 0),
        l.percent(d.max_weight),
        l.thousands(d.khat, 2),
    ];
    for (label, v) in t.reliability_rows.iter().zip(cells) {
        let _ = writeln!(o, "| {label} | {v} |");
    }
    let _ = writeln!(o, "\n{}\n", t.reliability_note);
    if d.reliable() {
        let _ = writeln!(o, "{}\n", (t.reliable)(&l.thousands(d.ess, 0)));
    } else {
        let _ = writeln!(
            o,
            "{}\n",
            (t.unreliable)(
                &l.thousands(d.ess, 0),
                &l.thousands(d.khat, 2),
                &d.draws_for_min_ess.to_string()
            )
        );
    }

    for (heading, run) in [
        (t.backtest_prior, &prior),
        (t.backtest_posterior, &posterior),
    ] {
        let _ = writeln!(o, "## {heading}\n");
        backtest_table(&mut o, s, &backtest(run), l);
        o.push('\n');
    }

    let ix = &s.metrics;
    let last = ix.years() - 1;
    let _ = writeln!(o, "## {}\n", t.moved);
    let _ = writeln!(o, "{}\n", (t.moved_note)(ix.year(last)));
    header(
        &mut o,
        &t.moved_columns,
        &["---", "---", "--:", "--:", "--:", "--:", "--:", "--:"],
    );
    for (m, label, unit) in key_metrics(s, l) {
        let info = ix.info(m);
        let f = |v: f64| l.metric_value(info.kind.is_share(), v);
        let series = ix.series(m, last);
        let (a, b) = (prior.row(series), posterior.row(series));
        let _ = writeln!(
            o,
            "| {} (`{}`) | {unit} | {} | {} | {} | {} | {} | {} |",
            escape::inline(&label),
            info.name,
            f(a.p5),
            f(a.p50),
            f(a.p95),
            f(b.p5),
            f(b.p50),
            f(b.p95)
        );
    }

    let _ = writeln!(o, "\n## {}\n", t.parameters);
    let _ = writeln!(o, "{}\n", t.parameters_note);
    header(&mut o, &t.parameters_columns, &["---", "---", "---", "--:"]);
    let spread = |x: &crate::analysis::compare::Spread| {
        format!(
            "{} [{} – {}]",
            l.number(x.mean),
            l.number(x.p5),
            l.number(x.p95)
        )
    };
    for p in c.parameters.iter().take(10) {
        let _ = writeln!(
            o,
            "| `{}` | {} | {} | {} |",
            p.path,
            spread(&p.prior),
            spread(&p.posterior),
            (t.shift)(&l.thousands(p.shift, 2))
        );
    }

    if let Some(embed) = embed {
        let _ = writeln!(o, "\n## {}", l.run.charts);
        for (stem, f) in CHARTS.iter().zip(&t.figures) {
            let _ = writeln!(o, "\n### {}\n", f.heading);
            let _ = writeln!(o, "{}\n", f.caption);
            let _ = writeln!(o, "![{}]({stem}.{})", f.heading, embed.extension());
        }
    }
    let _ = writeln!(o, "\n{}", t.data_files);
    o
}
