//! The run charts read from their SVG: twelve axes and segments in twelve
//! colours, targets marked at their year only, deliverable panels titled by
//! the axis' label, a median at 0 clear of the frame, and no legend entry
//! for a series that is 0 every year.

use std::collections::BTreeSet;

use super::ChartKind;
use crate::Scenario;
use crate::analysis::run::Run;
use crate::engine::{self, RunStats, Silent};
use crate::report::chart::{CATEGORIES, Format, TARGET};
use crate::report::text::EN;

/// A scenario from its text (written to a temporary file) and a short run
/// of it.
fn run(text: &str) -> (Scenario, RunStats) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let s = Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let settings = crate::sampling::RunSettings {
        draws: 200,
        ..s.simulation
    };
    let st = engine::run(&s, settings, &Silent);
    (s, st)
}

/// One chart of a run, as SVG text.
fn svg((s, st): &(Scenario, RunStats), kind: ChartKind) -> String {
    let run = Run {
        scenario: s,
        stats: st,
    };
    String::from_utf8(kind.render(&run, Format::Svg, &EN).unwrap()).unwrap()
}

/// A polyline of an SVG: stroke colour, width and points.
struct Polyline {
    stroke: String,
    width: String,
    points: Vec<(f64, f64)>,
}

fn polylines(svg: &str) -> Vec<Polyline> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| Polyline {
            stroke: n.attribute("stroke").unwrap_or("").to_string(),
            width: n.attribute("stroke-width").unwrap_or("").to_string(),
            points: n
                .attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect(),
        })
        .collect()
}

/// The text elements of an SVG: text and position.
fn texts(svg: &str) -> Vec<(String, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let at = |a: &str| n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0);
            (n.text().unwrap_or("").trim().to_string(), at("x"), at("y"))
        })
        .collect()
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// A scenario with `axes` funded axes and `segments` segments, every
/// segment lifted by every axis.
fn many(axes: usize, segments: usize) -> String {
    let mut t = String::from(
        "[scenario]\nname = \"many\"\nstart_year = 2021\nend_year = 2026\n\
         [market]\nexport_ratio = 0.1\n",
    );
    let lifts: Vec<String> = (0..axes).map(|a| format!("a{a} = 0.1")).collect();
    for a in 0..axes {
        t += &format!(
            "[axes.a{a}]\nlabel = \"Axis {a}\"\nbudget = {}\nschedule = {{ from = 2022, to = 2024 }}\n\
             half_saturation = {{ dist = \"uniform\", min = 5, max = 50 }}\n",
            10 + a
        );
    }
    for s in 0..segments {
        t += &format!(
            "[segments.s{s}]\nlabel = \"Segment {s}\"\npopulation = 1000\n\
             initial_adoption = 0.1\np = 0.02\nq = {{ dist = \"uniform\", min = 0.2, max = 0.5 }}\n\
             ceiling = 0.9\nvalue_per_adopter = 1000\nlift.q = {{ {} }}\n",
            lifts.join(", ")
        );
    }
    t
}

/// The stroke colours of the medians (3-pixel lines of several points).
fn median_colours(svg: &str) -> BTreeSet<String> {
    polylines(svg)
        .into_iter()
        .filter(|p| p.width == "3" && p.points.len() > 2)
        .map(|p| p.stroke)
        .collect()
}

#[test]
fn twelve_axes_and_twelve_segments_get_twelve_colours() {
    let r = run(&many(12, 12));
    let all: BTreeSet<String> = CATEGORIES.iter().map(|&c| hex(c)).collect();
    assert_eq!(all.len(), 12);
    assert_eq!(median_colours(&svg(&r, ChartKind::Effects)), all);
    assert_eq!(median_colours(&svg(&r, ChartKind::Adoption)), all);
    // The funding bars: one fill per axis.
    let doc = svg(&r, ChartKind::Funding);
    let fills: BTreeSet<String> = roxmltree::Document::parse(&doc)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("fill").map(str::to_string))
        .filter(|f| all.contains(f))
        .collect();
    assert_eq!(fills, all);
}

#[test]
fn a_series_that_is_zero_every_year_has_no_legend_entry() {
    let text = "[scenario]\nname = \"zero\"\nstart_year = 2021\nend_year = 2026\n\
        [axes.funded]\nlabel = \"Funded axis\"\nbudget = 30\nschedule = { from = 2022, to = 2024 }\n\
        half_saturation = 10\n\
        [axes.idle]\nlabel = \"Idle axis\"\nbudget = 0\nhalf_saturation = 10\n\
        [segments.s]\npopulation = 1000\ninitial_adoption = 0.1\np = 0.02\nq = 0.3\n\
        ceiling = 0.9\nvalue_per_adopter = 1000\nlift.q = { funded = 0.2, idle = 0.2 }\n";
    let r = run(text);
    let has = |svg: &str, t: &str| texts(svg).iter().any(|(x, _, _)| x == t);
    for kind in [ChartKind::Effects, ChartKind::Funding] {
        let doc = svg(&r, kind);
        assert!(has(&doc, "Funded axis"), "{kind:?}");
        assert!(!has(&doc, "Idle axis"), "{kind:?}");
    }
    // No `export_ratio`: exports are 0 every year.
    let market = svg(&r, ChartKind::Market);
    assert!(has(&market, EN.charts.domestic_median));
    assert!(!has(&market, EN.charts.export_median));

    // Nothing funded: no axis, no band and no executed line in the legends,
    // a note instead.
    let r = run(&text.replace("budget = 30", "budget = 0"));
    let effects = svg(&r, ChartKind::Effects);
    assert!(!has(&effects, "Funded axis") && !has(&effects, EN.charts.effects_band));
    assert!(has(&effects, EN.charts.no_effect));
    assert!(median_colours(&effects).is_empty());
    let funding = svg(&r, ChartKind::Funding);
    assert!(!has(&funding, EN.charts.executed_median));
    assert!(has(&funding, EN.charts.no_spending));
}

#[test]
fn targets_are_marked_at_their_year_only() {
    let mut text = many(1, 1);
    text += "[[targets]]\nmetric = \"market.total\"\nyear = 2024\nat_least = 1\n\
             [[targets]]\nmetric = \"adoption.s0\"\nyear = 2026\nat_least = 0.5\n";
    let r = run(&text);
    for (kind, year) in [(ChartKind::Market, 2024), (ChartKind::Adoption, 2026)] {
        let doc = svg(&r, kind);
        // Pixels per year, from the first and last year ticks.
        let ticks: Vec<(f64, f64)> = texts(&doc)
            .into_iter()
            .filter_map(|(t, x, _)| t.parse::<i32>().ok().map(|y| (f64::from(y), x)))
            .filter(|&(y, _)| (2021.0..=2026.0).contains(&y))
            .collect();
        let ((y0, x0), (y1, x1)) = (ticks[0], ticks[ticks.len() - 1]);
        let per_year = (x1 - x0) / (y1 - y0);
        let at = x0 + (f64::from(year) - y0) * per_year;
        let target = polylines(&doc)
            .into_iter()
            .filter(|p| p.stroke == hex(TARGET))
            .collect::<Vec<_>>();
        let mark = target
            .iter()
            .find(|p| {
                p.width == "3" && p.points.len() == 2 && p.points[0].0 <= at && at <= p.points[1].0
            })
            .unwrap_or_else(|| panic!("{kind:?}: no mark at {year} (x = {at})"));
        let y = mark.points[0].1;
        // Everything drawn in the target's colour at its level lies within
        // half a year of the target's year.
        let xs: Vec<f64> = target
            .iter()
            .filter(|p| p.points.iter().all(|&(_, py)| py == y))
            .flat_map(|p| p.points.iter().map(|&(x, _)| x))
            .collect();
        let (lo, hi) = xs
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        assert!(hi - lo > 0.5 * per_year, "{kind:?}: mark {lo}..{hi}");
        assert!(
            lo >= at - 0.5 * per_year && hi <= at + 0.5 * per_year,
            "{kind:?}: target drawn from {lo} to {hi}, its year at {at} (+/- {})",
            0.5 * per_year
        );
    }
}

#[test]
fn deliverable_panels_are_titled_by_the_axis_label() {
    let text = many(1, 1).replace(
        "[axes.a0]\nlabel = \"Axis 0\"",
        "[axes.a0]\nlabel = \"Formation\"\ndeliverables.students = { per_meur = 100 }",
    );
    let doc = svg(&run(&text), ChartKind::Deliverables);
    let all: Vec<String> = texts(&doc).into_iter().map(|t| t.0).collect();
    assert!(all.contains(&"Students (Formation)".to_string()), "{all:?}");
    assert!(!all.iter().any(|t| t.contains("(a0)")), "{all:?}");
}

#[test]
fn a_median_at_zero_is_clear_of_the_frame() {
    // The axis spends from 2022: its effect is 0 in 2021 and 2022.
    let doc = svg(&run(&many(1, 1)), ChartKind::Effects);
    let lines = polylines(&doc);
    let median = lines
        .iter()
        .find(|p| p.width == "3" && p.points.len() > 2)
        .expect("a median");
    let zero = median.points[0].1;
    // The vertical axis: the longest vertical line; the plot ends at its
    // bottom.
    let (_, bottom) = lines
        .iter()
        .filter(|p| p.points.len() == 2 && p.points[0].0 == p.points[1].0)
        .map(|p| {
            let (a, b) = (p.points[0].1, p.points[1].1);
            ((a - b).abs(), a.max(b))
        })
        .fold(
            (0.0, f64::NAN),
            |best, l| if l.0 > best.0 { l } else { best },
        );
    assert!(
        bottom - zero >= 2.0,
        "the median at 0 (y = {zero}) is cut by the frame (y = {bottom})"
    );
}
