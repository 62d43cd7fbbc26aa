//! The inputs section of a run's `index.md`: every assumption that shapes
//! the results (axes, deliverables, segments, market values, lifts,
//! correlations), as the run read it.

use std::fmt::Write as _;

use crate::report::escape;
use crate::report::table::header;
use crate::report::terminal::param_text;
use crate::report::text::Locale;
use crate::scenario::{Lift, Param, Scenario};

/// A parameter for a table cell: a fixed number with thousands separators
/// from 1,000 up, or its distribution.
fn param(s: &Scenario, p: Param, l: &Locale) -> String {
    match p {
        Param::Fixed(v) if v.abs() >= 1000.0 => l.number(v),
        _ => param_text(s, p, l),
    }
}

/// Writes the inputs section of `s` into `o`.
pub(crate) fn inputs_section(o: &mut String, s: &Scenario, l: &Locale) {
    let t = &l.inputs;
    let _ = writeln!(o, "## {}\n", t.heading);
    let _ = writeln!(o, "{}\n", t.note);
    axes(o, s, l);
    deliverables(o, s, l);
    segments(o, s, l);
    market(o, s, l);
    lifts(o, s, l);
    correlations(o, s, l);
}

fn axes(o: &mut String, s: &Scenario, l: &Locale) {
    let t = &l.inputs;
    let _ = writeln!(o, "### {}\n", t.axes);
    header(
        o,
        &t.axes_columns,
        &["---", "--:", "---", "---", "---", "--:", "---", "---"],
    );
    for a in &s.axes {
        let years = a
            .schedule_years
            .map_or(t.no_schedule.to_string(), |(f, t)| format!("{f}–{t}"));
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            escape::inline(&a.label),
            l.number(a.budget),
            years,
            param(s, a.execution, l),
            param(s, a.leverage, l),
            a.lag,
            param(s, a.depreciation, l),
            param(s, a.half_saturation, l),
        );
    }
}

fn deliverables(o: &mut String, s: &Scenario, l: &Locale) {
    let t = &l.inputs;
    if s.axes.iter().all(|a| a.deliverables.is_empty()) {
        return;
    }
    let _ = writeln!(o, "\n### {}\n", t.deliverables);
    header(o, &t.deliverables_columns, &["---", "---", "---"]);
    for a in &s.axes {
        for d in &a.deliverables {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                escape::inline(&a.label),
                escape::inline(&d.name),
                param(s, d.per_meur, l),
            );
        }
    }
}

fn segments(o: &mut String, s: &Scenario, l: &Locale) {
    let t = &l.inputs;
    let _ = writeln!(o, "\n### {}\n", t.segments);
    header(o, &t.segments_columns, &["---"; 7]);
    for g in &s.segments {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape::inline(&g.label),
            param(s, g.population, l),
            escape::inline(&g.unit),
            param(s, g.initial_adoption, l),
            param(s, g.p, l),
            param(s, g.q, l),
            param(s, g.ceiling, l),
        );
    }
}

fn market(o: &mut String, s: &Scenario, l: &Locale) {
    let t = &l.inputs;
    let _ = writeln!(o, "\n### {}\n", t.market);
    let _ = writeln!(o, "{}\n", t.market_note);
    header(o, &t.market_columns, &["---"; 3]);
    for g in &s.segments {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            escape::inline(&g.label),
            param(s, g.value_per_adopter, l),
            param(s, g.value_growth, l),
        );
    }
    let ratio = param(s, s.market.export_ratio, l);
    let _ = writeln!(o, "\n{}", (t.export_ratio)(&ratio));
}

fn lifts(o: &mut String, s: &Scenario, l: &Locale) {
    let t = &l.inputs;
    let _ = writeln!(o, "\n### {}\n", t.lifts);
    let mut rows: Vec<(String, &[Lift])> = Vec::new();
    for g in &s.segments {
        for (name, lifts) in [("p", &g.lift_p), ("q", &g.lift_q)] {
            rows.push(((t.lifted)(name, &g.label), lifts));
        }
        let ceiling = t.segments_columns[6];
        rows.push(((t.lifted)(ceiling, &g.label), &g.lift_ceiling));
    }
    rows.push((t.lifted_export.to_string(), &s.market.lift_export));
    if rows.iter().all(|(_, lifts)| lifts.is_empty()) {
        let _ = writeln!(o, "{}", t.no_lift);
        return;
    }
    let _ = writeln!(o, "{}\n", t.lifts_note);
    header(o, &t.lifts_columns, &["---"; 3]);
    for (lifted, lifts) in rows {
        // In axis order, as the model sums them: the order of a file's
        // keys (which its resolved text may change) shows nowhere.
        let mut lifts = lifts.to_vec();
        lifts.sort_by_key(|&(axis, _)| axis);
        for (axis, p) in lifts {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                escape::inline(&lifted),
                escape::inline(&s.axes[axis].label),
                param(s, p, l),
            );
        }
    }
}

fn correlations(o: &mut String, s: &Scenario, l: &Locale) {
    let t = &l.inputs;
    if s.correlations.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n### {}\n", t.correlations);
    let _ = writeln!(o, "{}\n", t.correlations_note);
    header(o, &t.correlations_columns, &["---", "---", "--:"]);
    for c in &s.correlations {
        let _ = writeln!(
            o,
            "| `{}` | `{}` | {} |",
            s.uncertain[c.a].path,
            s.uncertain[c.b].path,
            l.thousands(c.rho, 2),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::text::EN;
    use std::path::Path;

    fn section(path: &str) -> (Scenario, String) {
        let s = Scenario::load(Path::new(path)).unwrap();
        let mut o = String::new();
        inputs_section(&mut o, &s, &EN);
        (s, o)
    }

    /// The rows of the table under `heading`.
    fn rows<'a>(page: &'a str, heading: &str) -> Vec<&'a str> {
        let start = page.find(&format!("### {heading}\n")).unwrap();
        page[start..]
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .collect()
    }

    #[test]
    fn every_assumption_has_a_row() {
        let (s, page) = section("scenarios/acceleration-2021.toml");
        let lifts: usize = s
            .segments
            .iter()
            .map(|g| g.lift_p.len() + g.lift_q.len() + g.lift_ceiling.len())
            .sum::<usize>()
            + s.market.lift_export.len();
        assert!(lifts > 10);
        assert_eq!(rows(&page, "Programme lifts").len(), lifts);
        assert_eq!(rows(&page, "Axes").len(), s.axes.len());
        assert_eq!(rows(&page, "Market").len(), s.segments.len());
        let deliverables: usize = s.axes.iter().map(|a| a.deliverables.len()).sum();
        assert_eq!(rows(&page, "Deliverables").len(), deliverables);
        let correlations = rows(&page, "Correlations");
        assert_eq!(correlations.len(), s.correlations.len());
        assert!(correlations[0].contains("`segments.practitioners.q`"));
        assert!(page.contains("Exports as a share of the domestic market: lognormal("));
        // Each axis' depreciation, fixed or uncertain, is in its row.
        assert!(rows(&page, "Axes")[3].contains("| 1 | 0.1 |"), "{page}");
    }

    #[test]
    fn a_scenario_without_lifts_says_so() {
        let (s, page) = section("tests/scenarios/one-year.toml");
        assert!(s.segments.iter().all(|g| g.lift_q.is_empty()));
        assert!(s.market.lift_export.is_empty());
        assert!(page.contains(EN.inputs.no_lift));
        assert!(!page.contains(EN.inputs.lifts_note));
    }
}
