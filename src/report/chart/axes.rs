//! Styled plots: Cartesian axes over years or values, and row plots with
//! one labelled row per category (bars, heatmaps).

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::frame::{DESC_PX, LABEL_PX, text_style, wrap_text};
use super::palette::{GRID, INK, MUTED};
use super::scale::{Scale, tick_formatter};
use crate::report::text::Locale;

/// The axes of one plot, in data units.
#[derive(Debug, Clone)]
pub struct Axes<'a> {
    /// A caption above the plot (a panel's name in small multiples), or none.
    pub caption: Option<&'a str>,
    /// Horizontal range.
    pub x: (f64, f64),
    /// Vertical range.
    pub y: (f64, f64),
    /// Horizontal axis label, with its unit.
    pub x_desc: &'a str,
    /// Vertical axis label, with its unit.
    pub y_desc: &'a str,
    /// How horizontal ticks read.
    pub x_scale: Scale,
    /// How vertical ticks read.
    pub y_scale: Scale,
    /// Smaller label areas, for small multiples.
    pub compact: bool,
    /// How tick labels read.
    pub locale: &'static Locale,
}

/// The plotters chart context [`cartesian`] returns.
pub type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Builds a styled Cartesian plot on `area` (grid, ticks with thousands
/// separators, axis labels) and returns it for drawing series.
pub fn cartesian<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    axes: &Axes<'_>,
) -> Result<Plot<'a, DB>, ChartError> {
    let (x0, x1) = axes.x;
    let (y0, y1) = axes.y;
    // A caption wraps to at most two lines, centred above the plot.
    let mut area = area.clone();
    if let Some(c) = axes.caption {
        let style = text_style(DESC_PX, INK, true).pos(Pos::new(HPos::Center, VPos::Top));
        let (w, _) = area.dim_in_pixel();
        let lines = wrap_text(&area, c, &style, w.saturating_sub(20), 2)?;
        // Small multiples always reserve two lines, so the plots of one row
        // align whether or not their captions wrap; a one-line caption sits on
        // the lower line, next to its plot.
        let rows = if axes.compact { 2 } else { lines.len() };
        let skip = rows - lines.len().min(rows);
        for (i, l) in lines.iter().enumerate() {
            area.draw_text(l, &style, (w as i32 / 2, 4 + 18 * (skip + i) as i32))?;
        }
        area = area.margin(8 + 18 * rows as i32, 0, 0, 0);
    }
    let mut b = ChartBuilder::on(&area);
    b.margin(8)
        .margin_right(if axes.compact { 12 } else { 20 })
        .x_label_area_size(if axes.compact { 34 } else { 46 })
        .y_label_area_size(y_label_width(y0, y1, axes));
    let mut chart = b.build_cartesian_2d(x0..x1, y0..y1)?;
    let xf = tick_formatter(x0, x1, axes.x_scale, axes.locale);
    let yf = tick_formatter(y0, y1, axes.y_scale, axes.locale);
    let label = text_style(LABEL_PX, INK, false);
    let desc = text_style(DESC_PX, INK, false);
    let x_labels = match axes.x_scale {
        Scale::Year => ((x1 - x0).round() as usize + 1).clamp(2, if axes.compact { 6 } else { 12 }),
        _ => {
            if axes.compact {
                5
            } else {
                10
            }
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED)
        .x_labels(x_labels)
        .y_labels(if axes.compact { 5 } else { 8 })
        .x_label_formatter(&xf)
        .y_label_formatter(&yf)
        .label_style(label)
        .axis_desc_style(desc)
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .draw()?;
    Ok(chart)
}

/// Pixels for the vertical tick labels and the axis label.
fn y_label_width(lo: f64, hi: f64, axes: &Axes<'_>) -> u32 {
    let (scale, compact) = (axes.y_scale, axes.compact);
    let f = tick_formatter(lo, hi, scale, axes.locale);
    let longest = [lo, hi, (lo + hi) / 2.0]
        .iter()
        .map(|v| f(v).chars().count())
        .max()
        .unwrap_or(3) as u32;
    let base = if compact { 34 } else { 40 };
    base + 9 * longest
}

// ---------------------------------------------------------------------------
// Row plots: one labelled row per category (bars, heatmaps)

/// The axes of a plot with one labelled row per category, top to bottom
/// (horizontal bars, heatmap rows), and a numeric or year axis across.
#[derive(Debug, Clone)]
pub struct RowAxes<'a> {
    /// Row labels, top first; the label column is as wide as the longest
    /// (up to [`MAX_LABEL_SHARE`] of the width, beyond which labels lose their
    /// leading characters, see [`fit_text_left`]).
    pub labels: &'a [String],
    /// Horizontal range.
    pub x: (f64, f64),
    /// Horizontal axis label, with its unit.
    pub x_desc: &'a str,
    /// How horizontal ticks read.
    pub x_scale: Scale,
    /// Vertical grid lines at the ticks (off for heatmaps).
    pub grid: bool,
    /// How tick labels read.
    pub locale: &'static Locale,
}

/// Largest share of the width the row labels may take.
pub const MAX_LABEL_SHARE: f64 = 0.45;

/// `text` cut from the left with a leading ellipsis so that it fits `width`
/// pixels in `style`: the end of a parameter path (its most specific part)
/// stays readable.
pub fn fit_text_left<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: u32,
) -> Result<String, ChartError> {
    if area.estimate_text_size(text, style)?.0 <= width {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    for start in 1..chars.len() {
        let s: String = std::iter::once('…')
            .chain(chars[start..].iter().copied())
            .collect();
        if area.estimate_text_size(&s, style)?.0 <= width {
            return Ok(s);
        }
    }
    Ok("…".into())
}

/// The vertical coordinate of the centre of row `i` of `n` (row 0 on top) in
/// a [`row_plot`], whose vertical range is `0..n`.
pub fn row_y(i: usize, n: usize) -> f64 {
    n as f64 - i as f64 - 0.5
}

/// Builds a plot with one row per label (vertical range `0..n`, row `i`
/// centred on [`row_y`]), the labels right-aligned in a column sized from the
/// text, and a styled horizontal axis; returns it for drawing.
pub fn row_plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    axes: &RowAxes<'_>,
) -> Result<Plot<'a, DB>, ChartError> {
    let (w, _) = area.dim_in_pixel();
    let label = text_style(LABEL_PX, INK, false);
    let max_w = (w as f64 * MAX_LABEL_SHARE) as u32;
    let mut texts = Vec::with_capacity(axes.labels.len());
    let mut widest = 0;
    for l in axes.labels {
        let t = fit_text_left(area, l, &label, max_w)?;
        widest = widest.max(area.estimate_text_size(&t, &label)?.0);
        texts.push(t);
    }
    let n = axes.labels.len().max(1);
    let (x0, x1) = axes.x;
    // The axis caption may be wider than the plot beside a wide label
    // column: it is drawn here, within the whole width, on two lines if need be.
    let desc = text_style(DESC_PX, INK, false).pos(Pos::new(HPos::Center, VPos::Top));
    let caption = wrap_text(
        area,
        axes.x_desc,
        &desc,
        w.saturating_sub(2 * EDGE as u32),
        2,
    )?;
    let mut b = ChartBuilder::on(area);
    b.margin(8)
        .margin_right(20)
        .y_label_area_size(widest + 14)
        .x_label_area_size(28 + 20 * caption.len() as u32);
    let mut chart = b.build_cartesian_2d(x0..x1, 0.0..n as f64)?;
    let xf = tick_formatter(x0, x1, axes.x_scale, axes.locale);
    let x_labels = match axes.x_scale {
        Scale::Year => ((x1 - x0).round() as usize + 1).clamp(2, 12),
        _ => 10,
    };
    let mut mesh = chart.configure_mesh();
    mesh.disable_y_mesh()
        .bold_line_style(if axes.grid {
            GRID.to_rgba()
        } else {
            TRANSPARENT
        })
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED)
        .x_labels(x_labels)
        .y_labels(0)
        .x_label_formatter(&xf)
        .label_style(text_style(LABEL_PX, INK, false));
    if !axes.grid {
        mesh.disable_x_mesh();
    }
    mesh.draw()?;
    draw_x_caption(area, &chart, &caption, &desc)?;
    let style = label.pos(Pos::new(HPos::Right, VPos::Center));
    chart.draw_series(texts.into_iter().enumerate().map(|(i, t)| {
        EmptyElement::at((x0, row_y(i, n))) + Text::new(t, (-8, 0), style.clone())
    }))?;
    Ok(chart)
}

/// Closest a caption comes to the sides of its area, in pixels.
const EDGE: i32 = 8;

/// Draws `lines` (an axis caption) under the plot of `chart`, centred on the
/// plot but moved sideways as far as needed to stay within `area`.
fn draw_x_caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<'_, DB>,
    lines: &[String],
    style: &TextStyle,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (base_x, _) = area.get_base_pixel();
    let (xs, _) = chart.plotting_area().get_pixel_range();
    let centre = (xs.start + xs.end) / 2 - base_x;
    for (i, line) in lines.iter().enumerate() {
        let half = area.estimate_text_size(line, style)?.0 as i32 / 2;
        let x = centre.min(w as i32 - EDGE - half).max(EDGE + half);
        let y = h as i32 - 8 - 20 * (lines.len() - i) as i32;
        area.draw_text(line, style, (x, y))?;
    }
    Ok(())
}

/// A horizontal error bar from `lo` to `hi` at height `y`, with end caps
/// `cap` pixels tall; skipped when a bound is not finite.
pub fn draw_whisker<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    (lo, hi): (f64, f64),
    y: f64,
    cap: i32,
    colour: RGBColor,
) -> Result<(), ChartError> {
    if !(lo.is_finite() && hi.is_finite()) {
        return Ok(());
    }
    let style = colour.stroke_width(2);
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(lo, y), (hi, y)],
        style,
    )))?;
    for x in [lo, hi] {
        chart.draw_series(std::iter::once(
            EmptyElement::at((x, y)) + PathElement::new(vec![(0, -cap / 2), (0, cap / 2)], style),
        ))?;
    }
    Ok(())
}

/// The horizontal range of a plot over `years`, half a year beyond each end.
pub fn year_range(years: &[i32]) -> (f64, f64) {
    let first = years.first().copied().unwrap_or(0) as f64;
    let last = years.last().copied().unwrap_or(0) as f64;
    (first - 0.5, last + 0.5)
}
