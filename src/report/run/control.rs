//! The precision-control section of a `--precision` run's `index.md`: the
//! goal, the draws used and why the rounds stopped, the tracked statistics
//! and the rounds.

use std::fmt::Write as _;

use crate::analysis::convergence::{Convergence, Statistic, Stop};
use crate::report::table::header;
use crate::report::text::Locale;
use crate::scenario::Scenario;

/// The goal of `c` as a percentage, with as many decimals as it was given
/// (`1%`, `0.5%`).
pub fn goal_text(c: &Convergence, l: &Locale) -> String {
    let given = c.goal.percent.to_string();
    let decimals = given.split_once('.').map_or(0, |(_, d)| d.len().min(4));
    l.percent_with(c.goal.share(), decimals)
}

/// A half-width as a share of its value, as a percentage with two
/// decimals.
pub fn share_text(share: f64, l: &Locale) -> String {
    l.percent_with(share, 2)
}

/// Writes the section of `c` into `o` (`lhs`: under Latin hypercube
/// sampling).
pub(crate) fn control_section(
    o: &mut String,
    s: &Scenario,
    c: &Convergence,
    lhs: bool,
    l: &Locale,
) {
    let t = &l.control;
    let _ = writeln!(o, "\n## {}\n", t.heading);
    let summary = (t.summary)(
        &goal_text(c, l),
        &l.thousands(c.draws() as f64, 0),
        c.rounds.len(),
        c.stop == Stop::Met,
        &l.thousands(c.goal.max_draws as f64, 0),
    );
    let _ = writeln!(o, "{summary}\n");
    let _ = writeln!(o, "{}\n", (t.note)(lhs));
    header(
        o,
        &t.columns,
        &["---", "--:", "---", "--:", "--:", "--:", "---"],
    );
    for k in &c.checks {
        let (m, year) = s.metrics.locate(k.series);
        let share = s.metrics.info(m).kind.is_share();
        let statistic = match k.statistic {
            Statistic::Mean => t.statistics[0],
            Statistic::P5 => t.statistics[1],
            Statistic::P50 => t.statistics[2],
            Statistic::P95 => t.statistics[3],
        };
        let met = t.met[usize::from(!k.met(c.goal.share()))];
        let _ = writeln!(
            o,
            "| `{}` | {year} | {statistic} | {} | {} | {} | {met} |",
            s.metric_name(m),
            l.metric_value(share, k.value),
            l.std_error(share, k.half_width),
            share_text(k.relative(), l),
        );
    }
    let _ = writeln!(o);
    header(o, &t.rounds_columns, &["--:", "--:"]);
    for r in &c.rounds {
        let _ = writeln!(
            o,
            "| {} | {} |",
            l.thousands(r.draws as f64, 0),
            share_text(r.widest, l)
        );
    }
}
