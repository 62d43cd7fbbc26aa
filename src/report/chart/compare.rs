//! Charts of a comparison report (`esante compare`): `market` (overlaid fans
//! of the total market, one colour per scenario), `adoption` (one panel per
//! adoption share of the base, fans of every scenario that has it),
//! `difference-<alt>` (fan of the draw-by-draw difference `ALT - BASE` of the
//! total and domestic markets) and `market-per-meur` (extra domestic market
//! per extra public M EUR, one bar per alternative).
//!
//! Scenario `i` (the base first) has colour [`scenario_colour`]`(i)` in every
//! chart.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Chart, ChartError, Fan, FanPlot, Figure, Format, Header, INK, INNER_ALPHA, LegendEntry, MUTED,
    OUTER_ALPHA, Provenance, RowAxes, Scale, Swatch, draw_fan_plot, draw_whisker, format_number,
    grid, grid_size, metric_rows, padded_range, render_files, row_plot, row_y, series_colour,
    text_style,
};
use crate::analysis::compare::{AltComparison, Comparison};
use crate::report::Run;
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
pub fn provenance(cmp: &Comparison, scenarios: &[Scenario]) -> String {
    let names: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
    Provenance::shared_run(&names, &cmp.settings).line()
}

/// The subtitle naming the scenarios: the base's title, then the
/// alternatives'.
fn subtitle(scenarios: &[Scenario]) -> String {
    let alts: Vec<&str> = scenarios[1..].iter().map(|s| s.title.as_str()).collect();
    format!(
        "Base: {}. {}: {}.",
        scenarios[0].title,
        if alts.len() == 1 {
            "Alternative"
        } else {
            "Alternatives"
        },
        alts.join("; ")
    )
}

/// A legend label for scenario `i`.
fn scenario_label(scenarios: &[Scenario], i: usize) -> String {
    if i == 0 {
        format!("{} (base)", scenarios[0].name)
    } else {
        scenarios[i].name.clone()
    }
}

/// The fan of `metric` in scenario `i`, if the scenario has it.
fn scenario_fan(cmp: &Comparison, scenarios: &[Scenario], i: usize, metric: &str) -> Option<Fan> {
    let run = Run {
        scenario: &scenarios[i],
        stats: &cmp.runs[i],
    };
    let rows = metric_rows(&run, scenarios[i].metrics.find(metric)?);
    let mut fan = Fan::from_rows(scenario_label(scenarios, i), scenario_colour(i), &rows);
    fan.dash = scenario_dash(i);
    Some(fan)
}

/// Legend of overlaid fans: one median line per fan, then the bands in grey.
fn overlay_legend(fans: &[Fan], inner_bands: bool) -> Vec<LegendEntry> {
    let mut v: Vec<LegendEntry> = fans
        .iter()
        .map(|f| {
            let swatch = if f.dash.is_some() {
                Swatch::Dashed
            } else {
                Swatch::Line
            };
            LegendEntry::new(format!("{}: median", f.label), f.colour, swatch)
        })
        .collect();
    if inner_bands {
        v.push(LegendEntry::new(
            "P25–P75",
            MUTED,
            Swatch::Band(OUTER_ALPHA + INNER_ALPHA),
        ));
    }
    v.push(LegendEntry::new(
        "P5–P95 of the draws",
        MUTED,
        Swatch::Band(OUTER_ALPHA),
    ));
    v
}

/// Whether overlaid fans keep their P25-P75 band: readable up to two fans.
fn inner_bands(fans: usize) -> bool {
    fans <= 2
}

// ---------------------------------------------------------------------------
// market

/// The data of the comparison's `market` chart.
#[derive(Debug, Clone)]
pub struct CompareMarketChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One fan of `market.total` per scenario, the base first.
    pub fans: Vec<Fan>,
}

impl CompareMarketChart {
    /// The chart of a comparison of `scenarios` (base first).
    pub fn new(cmp: &Comparison, scenarios: &[Scenario]) -> CompareMarketChart {
        let fans: Vec<Fan> = (0..scenarios.len())
            .filter_map(|i| scenario_fan(cmp, scenarios, i, "market.total"))
            .collect();
        CompareMarketChart {
            header: Header {
                title: "Total digital-health market per year, by scenario (M EUR)".into(),
                subtitle: subtitle(scenarios),
                legend: overlay_legend(&fans, inner_bands(fans.len())),
                provenance: provenance(cmp, scenarios),
            },
            fans,
        }
    }
}

impl Chart for CompareMarketChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        draw_fan_plot(
            &plot,
            &FanPlot {
                caption: None,
                y_desc: "M EUR per year",
                y_scale: Scale::Number,
                y_range: None,
                include_zero: true,
                fans: &self.fans,
                inner_bands: inner_bands(self.fans.len()),
                lines: &[],
                refs: &[],
                compact: false,
            },
        )
    }
}

// ---------------------------------------------------------------------------
// adoption

/// One adoption share: a fan per scenario that has it.
#[derive(Debug, Clone)]
pub struct AdoptionPanel {
    /// The base segment's label.
    pub caption: String,
    /// Fans, base first.
    pub fans: Vec<Fan>,
}

/// The data of the comparison's `adoption` chart.
#[derive(Debug, Clone)]
pub struct CompareAdoptionChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One panel per segment of the base.
    pub panels: Vec<AdoptionPanel>,
}

impl CompareAdoptionChart {
    /// The chart of a comparison of `scenarios` (base first).
    pub fn new(cmp: &Comparison, scenarios: &[Scenario]) -> CompareAdoptionChart {
        let panels: Vec<AdoptionPanel> = scenarios[0]
            .segments
            .iter()
            .map(|seg| AdoptionPanel {
                caption: seg.label.clone(),
                fans: (0..scenarios.len())
                    .filter_map(|i| {
                        scenario_fan(cmp, scenarios, i, &format!("adoption.{}", seg.id))
                    })
                    .collect(),
            })
            .collect();
        // The legend names every scenario present in some panel, base first.
        let shown: Vec<Fan> = (0..scenarios.len())
            .filter_map(|i| {
                let label = scenario_label(scenarios, i);
                panels
                    .iter()
                    .flat_map(|p| &p.fans)
                    .find(|f| f.label == label)
                    .cloned()
            })
            .collect();
        let most = panels.iter().map(|p| p.fans.len()).max().unwrap_or(0);
        CompareAdoptionChart {
            header: Header {
                title: "Adopted share by segment, by scenario".into(),
                subtitle: subtitle(scenarios),
                legend: overlay_legend(&shown, inner_bands(most)),
                provenance: provenance(cmp, scenarios),
            },
            panels,
        }
    }
}

impl Chart for CompareAdoptionChart {
    fn size(&self) -> (u32, u32) {
        let (w, h) = grid_size(self.panels.len(), 2);
        (w, h + 20)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        for (cell, p) in grid(&plot, self.panels.len()).iter().zip(&self.panels) {
            draw_fan_plot(
                cell,
                &FanPlot {
                    caption: Some(&p.caption),
                    y_desc: "adopted share",
                    y_scale: Scale::Percent,
                    y_range: Some((0.0, 1.0)),
                    include_zero: true,
                    fans: &p.fans,
                    inner_bands: inner_bands(p.fans.len()),
                    lines: &[],
                    refs: &[],
                    compact: true,
                },
            )?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// difference-<alt>

/// One metric's difference fan.
#[derive(Debug, Clone)]
pub struct DifferencePanel {
    /// What the panel shows.
    pub caption: String,
    /// Percentiles of `ALT - BASE` per year.
    pub fan: Fan,
}

/// The data of a `difference-<alt>` chart.
#[derive(Debug, Clone)]
pub struct DifferenceChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// The total market, then the domestic market.
    pub panels: Vec<DifferencePanel>,
}

/// The fan of the draw-by-draw difference of `metric` over the shared years.
pub fn difference_fan(
    alt: &AltComparison,
    metric: &str,
    label: impl Into<String>,
    colour: RGBColor,
) -> Fan {
    let mut fan = Fan {
        label: label.into(),
        colour,
        years: Vec::new(),
        p5: Vec::new(),
        p25: Vec::new(),
        p50: Vec::new(),
        p75: Vec::new(),
        p95: Vec::new(),
        dash: None,
    };
    for (sh, d) in alt.shared.iter().zip(&alt.diff) {
        if sh.metric.name != metric {
            continue;
        }
        let q = d.percentiles(&[0.05, 0.25, 0.5, 0.75, 0.95]);
        fan.years.push(sh.year);
        fan.p5.push(q[0]);
        fan.p25.push(q[1]);
        fan.p50.push(q[2]);
        fan.p75.push(q[3]);
        fan.p95.push(q[4]);
    }
    fan
}

impl DifferenceChart {
    /// The chart of alternative `a` (0-based among the alternatives).
    pub fn new(cmp: &Comparison, scenarios: &[Scenario], a: usize) -> DifferenceChart {
        let alt = &cmp.alts[a];
        let colour = scenario_colour(a + 1);
        let label = format!("{} − {}", scenarios[a + 1].name, scenarios[0].name);
        let panels: Vec<DifferencePanel> = [
            ("market.total", "Total market"),
            ("market.domestic", "Domestic market"),
        ]
        .into_iter()
        .map(|(m, caption)| DifferencePanel {
            caption: caption.into(),
            fan: difference_fan(alt, m, label.clone(), colour),
        })
        .filter(|p| !p.fan.years.is_empty())
        .collect();
        let mut legend = vec![LegendEntry::new(
            format!("{label}: median difference"),
            colour,
            Swatch::Line,
        )];
        legend.push(LegendEntry::new(
            "P25–P75",
            colour,
            Swatch::Band(OUTER_ALPHA + INNER_ALPHA),
        ));
        legend.push(LegendEntry::new(
            "P5–P95 of the draws",
            colour,
            Swatch::Band(OUTER_ALPHA),
        ));
        legend.push(LegendEntry::new("0: no difference", MUTED, Swatch::Line));
        DifferenceChart {
            header: Header {
                title: "Market difference, alternative − base, draw by draw (M EUR per year)"
                    .into(),
                subtitle: format!("{}  minus  {}", scenarios[a + 1].title, scenarios[0].title),
                legend,
                provenance: provenance(cmp, scenarios),
            },
            panels,
        }
    }
}

impl Chart for DifferenceChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        for (cell, p) in grid(&plot, self.panels.len()).iter().zip(&self.panels) {
            let (mut lo, mut hi) = p.fan.value_range();
            if lo == 0.0 && hi == 0.0 {
                // No difference in any draw: centre the zero line.
                (lo, hi) = (-1.0, 1.0);
            }
            (lo, hi) = padded_range(lo, hi, true, 0.08);
            // Keep the zero line off the frame: a little room on both sides.
            let room = 0.05 * (hi - lo);
            if lo >= 0.0 {
                lo = -room;
            }
            if hi <= 0.0 {
                hi = room;
            }
            draw_fan_plot(
                cell,
                &FanPlot {
                    caption: Some(&p.caption),
                    y_desc: "ALT − BASE, M EUR per year",
                    y_scale: Scale::Number,
                    y_range: Some((lo, hi)),
                    include_zero: true,
                    fans: std::slice::from_ref(&p.fan),
                    inner_bands: true,
                    lines: &[],
                    refs: &[],
                    compact: true,
                },
            )?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// market-per-meur

/// One alternative's ratio.
#[derive(Debug, Clone, PartialEq)]
pub struct RatioBar {
    /// Row label (the alternative's name).
    pub label: String,
    /// Colour of the alternative.
    pub colour: RGBColor,
    /// P5, median and P95 over the draws with extra spending; `None` when no
    /// draw has any (the ratio is not defined).
    pub quantiles: Option<[f64; 3]>,
    /// Draws without extra spending (no ratio).
    pub undefined_draws: u64,
    /// First and last shared year.
    pub window: (i32, i32),
}

/// The data of the `market-per-meur` chart.
#[derive(Debug, Clone)]
pub struct MarketPerMeurChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One bar per alternative.
    pub bars: Vec<RatioBar>,
}

impl MarketPerMeurChart {
    /// The chart of a comparison of `scenarios` (base first).
    pub fn new(cmp: &Comparison, scenarios: &[Scenario]) -> MarketPerMeurChart {
        let bars = cmp
            .alts
            .iter()
            .enumerate()
            .map(|(a, alt)| {
                let r = &alt.market_per_meur;
                let q = r.percentiles(&[0.05, 0.5, 0.95]);
                RatioBar {
                    label: scenarios[a + 1].name.clone(),
                    colour: scenario_colour(a + 1),
                    quantiles: (r.moments.n > 0).then_some([q[0], q[1], q[2]]),
                    undefined_draws: r.non_finite,
                    window: alt.window,
                }
            })
            .collect();
        MarketPerMeurChart {
            header: Header {
                title: "Extra domestic market per extra public M EUR, vs the base".into(),
                subtitle: subtitle(scenarios),
                legend: vec![
                    LegendEntry::new("median over the draws", MUTED, Swatch::Bar),
                    LegendEntry::new(
                        "P5–P95 of the draws (numbers: median, P5 to P95)",
                        INK,
                        Swatch::Line,
                    ),
                    LegendEntry::new(
                        "1: one M EUR of market per public M EUR",
                        MUTED,
                        Swatch::Dashed,
                    ),
                ],
                provenance: provenance(cmp, scenarios),
            },
            bars,
        }
    }
}

impl Chart for MarketPerMeurChart {
    fn size(&self) -> (u32, u32) {
        (1000, 260 + 70 * self.bars.len().max(1) as u32)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let values = self
            .bars
            .iter()
            .filter_map(|b| b.quantiles)
            .flatten()
            .filter(|v| v.is_finite());
        let (lo, hi) = values.fold((0.0f64, 1.0f64), |(a, b), v| (a.min(v), b.max(v)));
        let (x0, x1) = padded_range(lo, hi, true, 0.04);
        // The right quarter holds the numbers written beside the whiskers.
        let x = (x0, x0 + (x1 - x0) / 0.72);
        let labels: Vec<String> = self.bars.iter().map(|b| b.label.clone()).collect();
        let windows: Vec<(i32, i32)> = self.bars.iter().map(|b| b.window).collect();
        let x_desc = if windows.iter().all(|w| *w == windows[0]) && !windows.is_empty() {
            format!(
                "M EUR of extra domestic market ({}-{}, summed) per extra public M EUR",
                windows[0].0, windows[0].1
            )
        } else {
            "M EUR of extra domestic market (shared years, summed) per extra public M EUR".into()
        };
        let mut chart = row_plot(
            &plot,
            &RowAxes {
                labels: &labels,
                x,
                x_desc: &x_desc,
                x_scale: Scale::Number,
                grid: true,
            },
        )?;
        let n = self.bars.len();
        if x.0 < 1.0 && 1.0 < x.1 {
            chart.draw_series(DashedLineSeries::new(
                [(1.0, 0.0), (1.0, n as f64)],
                7,
                5,
                MUTED.stroke_width(2),
            ))?;
        }
        let tag = text_style(14.0, INK, false).pos(Pos::new(HPos::Left, VPos::Center));
        let note = text_style(14.0, MUTED, false).pos(Pos::new(HPos::Left, VPos::Center));
        for (i, b) in self.bars.iter().enumerate() {
            let y = row_y(i, n);
            match b.quantiles {
                Some([p5, p50, p95]) => {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(0.0, y - 0.28), (p50, y + 0.28)],
                        b.colour.mix(0.8).filled(),
                    )))?;
                    draw_whisker(&mut chart, (p5, p95), y, 14, INK)?;
                    let mut text = format!(
                        "{} ({} to {})",
                        format_number(p50),
                        format_number(p5),
                        format_number(p95)
                    );
                    if b.undefined_draws > 0 {
                        text += &format!(
                            "; {} draws without extra spending left out",
                            format_number(b.undefined_draws as f64)
                        );
                    }
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((p95.max(p50), y)) + Text::new(text, (12, 0), tag.clone()),
                    ))?;
                }
                None => {
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((x.0, y))
                            + Text::new(
                                "no extra public spending: the ratio is not defined".to_string(),
                                (10, 0),
                                note.clone(),
                            ),
                    ))?;
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Report files

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
pub fn figures(cmp: &Comparison, scenarios: &[Scenario]) -> Vec<Figure> {
    let mut v = vec![
        Figure::new(
            "market",
            "Total market by scenario",
            "Total market per year in each scenario (one colour each): the line is the median \
             over the draws, the light band holds 90% of the draws (P5-P95; with two scenarios \
             the darker band holds the middle half); the draws share their random numbers, so \
             the gap between the lines is the effect of the change.",
        ),
        Figure::new(
            "adoption",
            "Adoption by segment and scenario",
            "Adopted share of each segment of the base, per year, one colour per scenario: \
             median line and P5-P95 band over the draws.",
        ),
    ];
    for a in 0..cmp.alts.len() {
        let s = &scenarios[a + 1];
        v.push(Figure::new(
            difference_stem(scenarios, a),
            format!("Difference: {} − {}", s.name, scenarios[0].name),
            format!(
                "Draw-by-draw difference `{}` minus `{}` in the total (left) and domestic \
                 (right) market per year: median line, P25-P75 and P5-P95 bands; above the \
                 grey zero line the alternative does better.",
                s.name, scenarios[0].name
            ),
        ));
    }
    v.push(Figure::new(
        "market-per-meur",
        "Market per extra public M EUR",
        "For each alternative, extra domestic market over the shared years per extra M EUR of \
         public spending, draw by draw: the bar is the median, the whisker P5-P95; right of the \
         dashed line at 1 the market gains more than the state spends.",
    ));
    v
}

/// Renders every chart of a comparison in each of `formats`.
pub fn chart_files(
    cmp: &Comparison,
    scenarios: &[Scenario],
    formats: &[Format],
) -> Result<Vec<(String, Vec<u8>)>, ChartError> {
    let mut out = Vec::new();
    out.extend(render_files(
        "market",
        &CompareMarketChart::new(cmp, scenarios),
        formats,
    )?);
    out.extend(render_files(
        "adoption",
        &CompareAdoptionChart::new(cmp, scenarios),
        formats,
    )?);
    for a in 0..cmp.alts.len() {
        out.extend(render_files(
            &difference_stem(scenarios, a),
            &DifferenceChart::new(cmp, scenarios, a),
            formats,
        )?);
    }
    out.extend(render_files(
        "market-per-meur",
        &MarketPerMeurChart::new(cmp, scenarios),
        formats,
    )?);
    Ok(out)
}
