//! The comparison's `market-per-meur` chart: extra market per extra public M EUR.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::*;
use crate::analysis::compare::Comparison;
use crate::report::chart::*;
use crate::report::text::Locale;
use crate::scenario::{Economics, Scenario};

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
    /// The compared scenarios' `[economics]`: the ratios are then of
    /// present values.
    pub economics: Option<Economics>,
}

impl MarketPerMeurChart {
    /// The chart of a comparison of `scenarios` (base first).
    pub fn new(cmp: &Comparison, scenarios: &[Scenario], l: &'static Locale) -> MarketPerMeurChart {
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
                locale: l,
                title: l.compare.ratio_title.into(),
                subtitle: subtitle(scenarios, l),
                legend: vec![
                    LegendEntry::new(l.compare.ratio_legend[0], MUTED, Swatch::Bar),
                    LegendEntry::new(l.compare.ratio_legend[1], INK, Swatch::Line),
                    LegendEntry::new(l.compare.ratio_legend[2], MUTED, Swatch::Dashed),
                ],
                provenance: provenance(cmp, scenarios, l),
            },
            bars,
            economics: cmp.economics,
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
        let t = &self.header.locale.compare;
        let one =
            (windows.iter().all(|w| *w == windows[0]) && !windows.is_empty()).then(|| windows[0]);
        let l = self.header.locale;
        let x_desc = match (one, self.economics) {
            (Some((from, to)), None) => (t.ratio_axis)(from, to),
            (None, None) => t.ratio_axis_mixed.to_string(),
            (Some((from, to)), Some(e)) => {
                (t.ratio_axis_pv)(from, to, &l.rate(e.discount_rate), e.base_year)
            }
            (None, Some(e)) => (t.ratio_axis_mixed_pv)(&l.rate(e.discount_rate), e.base_year),
        };
        let mut chart = row_plot(
            &plot,
            &RowAxes {
                locale: self.header.locale,
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
            let l = self.header.locale;
            match b.quantiles {
                Some([p5, p50, p95]) => {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(0.0, y - 0.28), (p50, y + 0.28)],
                        b.colour.mix(0.8).filled(),
                    )))?;
                    draw_whisker(&mut chart, (p5, p95), y, 14, INK)?;
                    let [m, lo, hi] = [p50, p5, p95].map(|v| l.number(v));
                    let mut text = (l.compare.ratio_numbers)(&m, &lo, &hi);
                    if b.undefined_draws > 0 {
                        text += &(l.compare.ratio_left_out)(&l.number(b.undefined_draws as f64));
                    }
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((p95.max(p50), y)) + Text::new(text, (12, 0), tag.clone()),
                    ))?;
                }
                None => {
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((x.0, y))
                            + Text::new(
                                l.compare.ratio_undefined.to_string(),
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
