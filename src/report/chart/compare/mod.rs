//! Charts of a comparison report (`esante compare`): `market` (overlaid fans
//! of the total market, one colour per scenario), `adoption` (one panel per
//! adoption share of the base, fans of every scenario that has it),
//! `difference-<alt>` (fan of the draw-by-draw difference `ALT - BASE` of the
//! total and domestic markets) and `market-per-meur` (extra domestic market
//! per extra public M EUR, one bar per alternative).
//!
//! Scenario `i` (the base first) has colour [`scenario_colour`]`(i)` in every
//! chart.

mod adoption;
mod difference;
mod market;
mod ratio;

pub use adoption::CompareAdoptionChart;
pub use difference::DifferenceChart;
pub use market::CompareMarketChart;
pub use ratio::MarketPerMeurChart;

use plotters::prelude::*;

use crate::analysis::compare::Comparison;
use crate::analysis::run::Run;
use crate::report::Artifact;
use crate::report::chart::{
    ChartError, Fan, Figure, Format, INNER_ALPHA, LegendEntry, MUTED, OUTER_ALPHA, Swatch,
    render_files, series_colour,
};
use crate::report::provenance::Provenance;
use crate::report::text::{FigureText, Locale};
use crate::scenario::Scenario;

/// The colour of scenario `i` of a comparison (0 is the base).
pub fn scenario_colour(i: usize) -> RGBColor {
    series_colour(i)
}

/// The dash pattern of scenario `i`'s median: solid for the base, dashed
/// (a different pattern each) for the alternatives, so that medians that
/// coincide stay visible.
pub fn scenario_dash(i: usize) -> Option<(u32, u32)> {
    const DASHES: [(u32, u32); 4] = [(12, 6), (4, 5), (18, 5), (7, 3)];
    (i > 0).then(|| DASHES[(i - 1) % DASHES.len()])
}

/// The provenance line of a comparison: every scenario, the shared seed,
/// draws and sampling.
pub fn provenance(cmp: &Comparison, scenarios: &[Scenario], l: &Locale) -> String {
    let names: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
    Provenance::shared_run(&names, cmp.settings, l).line(l)
}

/// The subtitle naming the scenarios: the base's title, then the
/// alternatives'.
pub(super) fn subtitle(scenarios: &[Scenario], l: &Locale) -> String {
    let alts: Vec<&str> = scenarios[1..].iter().map(|s| s.title.as_str()).collect();
    (l.compare.subtitle)(&scenarios[0].title, &alts)
}

/// A legend label for scenario `i`.
pub(super) fn scenario_label(scenarios: &[Scenario], i: usize, l: &Locale) -> String {
    if i == 0 {
        (l.compare.base_label)(&scenarios[0].name)
    } else {
        scenarios[i].name.clone()
    }
}

/// The fan of `metric` in scenario `i`, if the scenario has it.
pub(super) fn scenario_fan(
    cmp: &Comparison,
    scenarios: &[Scenario],
    i: usize,
    metric: &str,
    l: &Locale,
) -> Option<Fan> {
    let run = Run {
        scenario: &scenarios[i],
        stats: &cmp.runs[i],
    };
    let rows = run.rows(scenarios[i].metrics.find(metric)?);
    let mut fan = Fan::from_rows(scenario_label(scenarios, i, l), scenario_colour(i), &rows);
    fan.dash = scenario_dash(i);
    Some(fan)
}

/// Legend of overlaid fans: one median line per fan, then the bands in grey.
pub(super) fn overlay_legend(fans: &[Fan], inner_bands: bool, l: &Locale) -> Vec<LegendEntry> {
    let mut v: Vec<LegendEntry> = fans
        .iter()
        .map(|f| {
            let swatch = if f.dash.is_some() {
                Swatch::Dashed
            } else {
                Swatch::Line
            };
            LegendEntry::new((l.charts.median_of)(&f.label), f.colour, swatch)
        })
        .collect();
    if inner_bands {
        v.push(LegendEntry::new(
            l.compare.band_p25_p75,
            MUTED,
            Swatch::Band(OUTER_ALPHA + INNER_ALPHA),
        ));
    }
    v.push(LegendEntry::new(
        l.compare.band_p5_p95,
        MUTED,
        Swatch::Band(OUTER_ALPHA),
    ));
    v
}

/// Whether overlaid fans keep their P25-P75 band: readable up to two fans.
pub(super) fn inner_bands(fans: usize) -> bool {
    fans <= 2
}

/// The file stem of alternative `a`'s difference chart: `difference-<name>`,
/// with the alternative's position appended when two alternatives share a
/// name.
pub fn difference_stem(scenarios: &[Scenario], a: usize) -> String {
    let name = &scenarios[a + 1].name;
    if scenarios[1..].iter().filter(|s| &s.name == name).count() > 1 {
        format!("difference-{name}-{}", a + 1)
    } else {
        format!("difference-{name}")
    }
}

/// The charts of a comparison report, in the order `index.md` shows them.
pub fn figures(cmp: &Comparison, scenarios: &[Scenario], l: &Locale) -> Vec<Figure> {
    let t = &l.compare;
    let figure = |stem: &str, f: &FigureText| Figure::new(stem, f.heading, f.caption);
    let mut v = vec![
        figure("market", &t.figures[0]),
        figure("adoption", &t.figures[1]),
    ];
    for a in 0..cmp.alts.len() {
        let (alt, base) = (&scenarios[a + 1].name, &scenarios[0].name);
        v.push(Figure::new(
            difference_stem(scenarios, a),
            (t.difference_heading)(alt, base),
            (t.difference_caption)(alt, base),
        ));
    }
    v.push(figure("market-per-meur", &t.figures[2]));
    v
}

/// Renders every chart of a comparison in each of `formats`.
pub fn chart_files(
    cmp: &Comparison,
    scenarios: &[Scenario],
    formats: &[Format],
    l: &'static Locale,
) -> Result<Vec<Artifact>, ChartError> {
    let mut out = Vec::new();
    out.extend(render_files(
        "market",
        &CompareMarketChart::new(cmp, scenarios, l),
        formats,
    )?);
    out.extend(render_files(
        "adoption",
        &CompareAdoptionChart::new(cmp, scenarios, l),
        formats,
    )?);
    for a in 0..cmp.alts.len() {
        out.extend(render_files(
            &difference_stem(scenarios, a),
            &DifferenceChart::new(cmp, scenarios, a, l),
            formats,
        )?);
    }
    out.extend(render_files(
        "market-per-meur",
        &MarketPerMeurChart::new(cmp, scenarios, l),
        formats,
    )?);
    Ok(out)
}
