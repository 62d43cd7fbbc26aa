//! Fan charts: percentile bands around a median over the years, overlaid
//! lines, targets marked at their year, and grids of small multiples.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::axes::{Axes, Plot, cartesian, year_range};
use super::frame::{LegendEntry, Swatch, text_style};
use super::palette::{INK, MUTED};
use super::scale::{Scale, grid_shape, padded_range, with_room};
use crate::analysis::run::Row;
use crate::report::text::Locale;
use std::ops::Range;

/// Percentiles of one quantity over the years: a fan of bands around a median.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// Legend label.
    pub label: String,
    /// Colour of the median line and bands.
    pub colour: RGBColor,
    /// Calendar years, ascending.
    pub years: Vec<i32>,
    /// 5th percentile per year.
    pub p5: Vec<f64>,
    /// 25th percentile per year.
    pub p25: Vec<f64>,
    /// Median per year.
    pub p50: Vec<f64>,
    /// 75th percentile per year.
    pub p75: Vec<f64>,
    /// 95th percentile per year.
    pub p95: Vec<f64>,
    /// Dash pattern of the median line (dash and gap in pixels), to tell
    /// overlaid fans apart; `None` draws it solid.
    pub dash: Option<(u32, u32)>,
}

impl Fan {
    /// A fan from statistics rows (one per year).
    pub fn from_rows(label: impl Into<String>, colour: RGBColor, rows: &[Row]) -> Fan {
        let col = |f: fn(&Row) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
        Fan {
            label: label.into(),
            colour,
            years: rows.iter().map(|r| r.year).collect(),
            p5: col(|r| r.p5),
            p25: col(|r| r.p25),
            p50: col(|r| r.p50),
            p75: col(|r| r.p75),
            p95: col(|r| r.p95),
            dash: None,
        }
    }

    /// Smallest and largest value shown (P5 and P95 over the years).
    pub fn value_range(&self) -> (f64, f64) {
        let lo = self
            .p5
            .iter()
            .chain(&self.p50)
            .copied()
            .fold(f64::INFINITY, f64::min);
        let hi = self
            .p95
            .iter()
            .chain(&self.p50)
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    }

    /// Whether every percentile is 0 in every year: a series with nothing
    /// to show, left out of charts and legends.
    pub fn is_zero(&self) -> bool {
        [&self.p5, &self.p25, &self.p50, &self.p75, &self.p95]
            .iter()
            .all(|v| all_zero(v))
    }
}

/// Whether every value is 0 (an empty series included).
pub fn all_zero(values: &[f64]) -> bool {
    values.iter().all(|&v| v == 0.0)
}

/// A plain line over the years (e.g. a median without bands).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Legend label.
    pub label: String,
    /// Colour.
    pub colour: RGBColor,
    /// Calendar years, ascending.
    pub years: Vec<i32>,
    /// One value per year.
    pub values: Vec<f64>,
    /// Dashed rather than solid.
    pub dashed: bool,
}

/// A target: a level in a year, marked at that year only (a short thick
/// segment across the year with a diamond on it) and labelled beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetMark {
    /// Text written above the mark.
    pub label: String,
    /// Calendar year.
    pub year: i32,
    /// Level, in data units.
    pub value: f64,
    /// Colour.
    pub colour: RGBColor,
}

/// Half the width of a target's mark, in years.
pub const TARGET_HALF_WIDTH: f64 = 0.35;

/// An observed value in a year with its error bar (an `[[observed]]` figure
/// and +/- 2 sd).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Calendar year.
    pub year: i32,
    /// The value.
    pub value: f64,
    /// Lower end of the error bar.
    pub lo: f64,
    /// Upper end of the error bar.
    pub hi: f64,
    /// Colour.
    pub colour: RGBColor,
}

/// Opacity of the P5-P95 band.
pub const OUTER_ALPHA: f64 = 0.18;
/// Opacity of the P25-P75 band (drawn over the outer one).
pub const INNER_ALPHA: f64 = 0.30;

/// A plot of fans, lines and reference lines over the years.
#[derive(Debug, Clone)]
pub struct FanPlot<'a> {
    /// Caption above the plot (for small multiples).
    pub caption: Option<&'a str>,
    /// First and last years of the horizontal axis; by default those of the
    /// fans and lines.
    pub horizon: Option<(i32, i32)>,
    /// Vertical axis label with its unit.
    pub y_desc: &'a str,
    /// How vertical ticks read.
    pub y_scale: Scale,
    /// A fixed vertical range; by default P5..P95 of every fan, padded.
    pub y_range: Option<(f64, f64)>,
    /// Whether the default vertical range includes 0.
    pub include_zero: bool,
    /// Fans, drawn in order (later ones on top).
    pub fans: &'a [Fan],
    /// Whether to draw the P25-P75 band as well as P5-P95.
    pub inner_bands: bool,
    /// Extra lines.
    pub lines: &'a [Line],
    /// Targets, marked at their years.
    pub targets: &'a [TargetMark],
    /// Observed values with their error bars, drawn on top.
    pub points: &'a [Point],
    /// Smaller label areas, for small multiples.
    pub compact: bool,
    /// How tick labels read.
    pub locale: &'static Locale,
}

/// Legend entries describing a fan: its median, then its bands.
pub fn fan_legend(fan: &Fan, inner_bands: bool, l: &Locale) -> Vec<LegendEntry> {
    let mut v = vec![LegendEntry::new(
        (l.charts.median_of)(&fan.label),
        fan.colour,
        Swatch::Line,
    )];
    if inner_bands {
        v.push(LegendEntry::new(
            l.charts.band_p25_p75,
            fan.colour,
            Swatch::Band(OUTER_ALPHA + INNER_ALPHA),
        ));
    }
    v.push(LegendEntry::new(
        l.charts.band_p5_p95,
        fan.colour,
        Swatch::Band(OUTER_ALPHA),
    ));
    v
}

/// Draws a [`FanPlot`] on `area`. Bands are polygons between percentiles
/// (boxes half a year wide when there is a single year), lighter when more
/// than two fans overlay; a grey line marks 0 when the range spans both
/// signs; a line along an end of the range gets room so the frame does not
/// cut it in half.
pub fn draw_fan_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &FanPlot<'_>,
) -> Result<(), ChartError> {
    let years: Vec<i32> = plot
        .fans
        .iter()
        .flat_map(|f| f.years.iter())
        .chain(plot.lines.iter().flat_map(|l| l.years.iter()))
        .copied()
        .collect();
    let (ymin, ymax) = years
        .iter()
        .fold((i32::MAX, i32::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    let x = match plot.horizon {
        Some((first, last)) => year_range(&[first, last]),
        None if years.is_empty() => (0.0, 1.0),
        None => year_range(&[ymin, ymax]),
    };
    let base = plot.y_range.unwrap_or_else(|| {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for f in plot.fans {
            let (a, b) = f.value_range();
            lo = lo.min(a);
            hi = hi.max(b);
        }
        for l in plot.lines {
            for &v in &l.values {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        for t in plot.targets {
            lo = lo.min(t.value);
            hi = hi.max(t.value);
        }
        for p in plot.points {
            // A bar whose end overflows still shows its point.
            for v in [p.lo, p.value, p.hi].into_iter().filter(|v| v.is_finite()) {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        padded_range(lo, hi, plot.include_zero, 0.08)
    });
    // What is drawn as a line or a mark (bands are fills: a cut edge shows).
    let drawn = plot
        .fans
        .iter()
        .flat_map(|f| f.p50.iter())
        .chain(plot.lines.iter().flat_map(|l| l.values.iter()))
        .copied()
        .chain(plot.targets.iter().map(|t| t.value))
        .chain(plot.points.iter().map(|p| p.value));
    let y = with_room(base, drawn);
    let mut chart = cartesian(
        area,
        &Axes {
            caption: plot.caption,
            x,
            y,
            x_desc: plot.locale.charts.year,
            y_desc: plot.y_desc,
            x_scale: Scale::Year,
            y_scale: plot.y_scale,
            compact: plot.compact,
            locale: plot.locale,
        },
    )?;
    if base.0 < 0.0 && base.1 > 0.0 {
        chart.draw_series(LineSeries::new(
            [(x.0, 0.0), (x.1, 0.0)],
            MUTED.stroke_width(1),
        ))?;
    }
    // Overlaid fans get lighter bands so that every one stays visible.
    let outer = if plot.fans.len() > 2 {
        OUTER_ALPHA * 0.6
    } else {
        OUTER_ALPHA
    };
    for f in plot.fans {
        draw_band(&mut chart, &f.years, &f.p5, &f.p95, f.colour.mix(outer))?;
        if plot.inner_bands {
            draw_band(
                &mut chart,
                &f.years,
                &f.p25,
                &f.p75,
                f.colour.mix(INNER_ALPHA),
            )?;
        }
    }
    for l in plot.lines {
        draw_values(
            &mut chart,
            &l.years,
            &l.values,
            l.colour,
            2,
            l.dashed.then_some((9, 5)),
        )?;
    }
    // Medians last: they are what the chart is about.
    for f in plot.fans {
        draw_values(&mut chart, &f.years, &f.p50, f.colour, 3, f.dash)?;
    }
    for p in plot.points {
        let x = p.year as f64;
        let style = p.colour.stroke_width(2);
        chart.draw_series(LineSeries::new([(x, p.lo), (x, p.hi)], style))?;
        for v in [p.lo, p.hi] {
            chart.draw_series(LineSeries::new([(x - 0.12, v), (x + 0.12, v)], style))?;
        }
        chart.draw_series(std::iter::once(Circle::new(
            (x, p.value),
            4,
            p.colour.filled(),
        )))?;
    }
    for t in plot.targets {
        draw_target(&mut chart, t)?;
    }
    Ok(())
}

/// A target's mark at its year, its label above it: from the mark's left
/// end rightwards when it fits on the plot, else ending at the mark's right
/// end (and never starting left of the plot).
fn draw_target<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    t: &TargetMark,
) -> Result<(), ChartError> {
    let year = t.year as f64;
    let (left, right) = (year - TARGET_HALF_WIDTH, year + TARGET_HALF_WIDTH);
    chart.draw_series(LineSeries::new(
        [(left, t.value), (right, t.value)],
        t.colour.stroke_width(3),
    ))?;
    chart.draw_series(std::iter::once(
        EmptyElement::at((year, t.value))
            + Polygon::new(vec![(0, -6), (6, 0), (0, 6), (-6, 0)], t.colour.filled()),
    ))?;
    let style = text_style(13.0, INK, false).pos(Pos::new(HPos::Left, VPos::Bottom));
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let width = chart
        .plotting_area()
        .estimate_text_size(&t.label, &style)?
        .0 as i32;
    let (from, _) = chart.backend_coord(&(left, t.value));
    let (to, _) = chart.backend_coord(&(right, t.value));
    let start = if from + width <= plot_x.end {
        from
    } else {
        (to - width).max(plot_x.start)
    };
    chart.draw_series(std::iter::once(
        EmptyElement::at((left, t.value)) + Text::new(t.label.clone(), (start - from, -8), style),
    ))?;
    Ok(())
}

/// A filled band between `lo` and `hi` over `years`.
fn draw_band<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    years: &[i32],
    lo: &[f64],
    hi: &[f64],
    colour: RGBAColor,
) -> Result<(), ChartError> {
    if years.len() == 1 {
        let x = years[0] as f64;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.25, lo[0]), (x + 0.25, hi[0])],
            colour.filled(),
        )))?;
        return Ok(());
    }
    let pts: Vec<(f64, f64)> = years
        .iter()
        .zip(hi)
        .map(|(&y, &v)| (y as f64, v))
        .chain(years.iter().zip(lo).rev().map(|(&y, &v)| (y as f64, v)))
        .collect();
    chart.draw_series(std::iter::once(Polygon::new(pts, colour.filled())))?;
    Ok(())
}

/// A line through `values` over `years` (a short tick for a single year).
fn draw_values<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    years: &[i32],
    values: &[f64],
    colour: RGBColor,
    width: u32,
    dash: Option<(u32, u32)>,
) -> Result<(), ChartError> {
    let pts: Vec<(f64, f64)> = if years.len() == 1 {
        let x = years[0] as f64;
        vec![(x - 0.3, values[0]), (x + 0.3, values[0])]
    } else {
        years
            .iter()
            .zip(values)
            .map(|(&y, &v)| (y as f64, v))
            .collect()
    };
    if let Some((d, g)) = dash {
        chart.draw_series(DashedLineSeries::new(pts, d, g, colour.stroke_width(width)))?;
    } else {
        chart.draw_series(LineSeries::new(pts, colour.stroke_width(width)))?;
    }
    Ok(())
}

/// Splits `area` into a grid for `n` small multiples (see [`grid_shape`]);
/// returns the first `n` cells.
pub fn grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    n: usize,
) -> Vec<DrawingArea<DB, Shift>> {
    let mut cells = area.split_evenly(grid_shape(n));
    cells.truncate(n);
    cells
}

/// Pixel size of a grid of `n` small multiples: 1000 wide, 300 per row plus
/// room for the frame.
pub fn grid_size(n: usize, legend_rows: u32) -> (u32, u32) {
    let (rows, _) = grid_shape(n);
    (1000, 130 + 22 * legend_rows + 290 * rows as u32)
}

/// A horizontal range covering `values` (for charts not over years).
pub fn span(values: impl IntoIterator<Item = f64>) -> Range<f64> {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if lo > hi { 0.0..1.0 } else { lo..hi }
}
