//! The frame around a chart's plot: title, subtitle, legend and provenance
//! line, and the text helpers (styles, fitting, wrapping) they use.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::palette::{INK, MUTED};
use crate::report::text::Locale;

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    /// A solid line.
    Line,
    /// A dashed line.
    Dashed,
    /// A filled band with this opacity.
    Band(f64),
    /// A solid bar.
    Bar,
    /// A grey box with diagonal hatching: a value that is not defined.
    Hatched,
    /// A dot with a vertical error bar: an observed value.
    Point,
    /// A short thick segment with a diamond: a target at its year.
    Target,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// Text.
    pub label: String,
    /// Colour of the swatch.
    pub colour: RGBColor,
    /// Shape of the swatch.
    pub swatch: Swatch,
}

impl LegendEntry {
    /// A new entry.
    pub fn new(label: impl Into<String>, colour: RGBColor, swatch: Swatch) -> LegendEntry {
        LegendEntry {
            label: label.into(),
            colour,
            swatch,
        }
    }
}

/// The parts around a chart's plot: a bold title, a subtitle (the scenario
/// title), a legend flowing in rows under them, and the provenance line at
/// the bottom.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// What the chart shows.
    pub title: &'a str,
    /// Usually the scenario title.
    pub subtitle: &'a str,
    /// Legend entries, drawn left to right.
    pub legend: &'a [LegendEntry],
    /// The provenance line.
    pub provenance: &'a str,
}

/// A chart's own title, subtitle, legend and provenance line: what every
/// chart keeps, drawn by [`Header::draw`] through [`draw_frame`].
#[derive(Debug, Clone)]
pub struct Header {
    /// What the chart shows.
    pub title: String,
    /// Usually the scenario title.
    pub subtitle: String,
    /// Legend entries, drawn left to right.
    pub legend: Vec<LegendEntry>,
    /// The provenance line.
    pub provenance: String,
    /// The words and numbers of the chart.
    pub locale: &'static Locale,
}

impl Header {
    /// Draws the frame on `area` and returns the area left for the plot.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<DrawingArea<DB, Shift>, ChartError> {
        draw_frame(
            area,
            &Frame {
                title: &self.title,
                subtitle: &self.subtitle,
                legend: &self.legend,
                provenance: &self.provenance,
            },
        )
    }
}

/// Text style of `size` pixels in `colour`, anchored at its top-left corner.
pub fn text_style(size: f64, colour: RGBColor, bold: bool) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::SansSerif, size, style)
        .color(&colour)
        .pos(Pos::new(HPos::Left, VPos::Top))
}

/// `text` cut with an ellipsis so that it fits `width` pixels in `style`.
pub fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: u32,
) -> Result<String, ChartError> {
    if area.estimate_text_size(text, style)?.0 <= width {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let s: String = chars[..mid].iter().collect::<String>() + "…";
        if area.estimate_text_size(&s, style)?.0 <= width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Ok(chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…")
}

/// `text` broken at spaces into at most `max_lines` lines that fit `width`
/// pixels in `style`; the last line is cut with an ellipsis if needed.
pub fn wrap_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: u32,
    max_lines: usize,
) -> Result<Vec<String>, ChartError> {
    let mut lines: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while words.peek().is_some() {
        if lines.len() + 1 == max_lines.max(1) {
            let rest: Vec<&str> = words.collect();
            lines.push(fit_text(area, &rest.join(" "), style, width)?);
            break;
        }
        let mut line = String::new();
        while let Some(&w) = words.peek() {
            let candidate = if line.is_empty() {
                w.to_string()
            } else {
                format!("{line} {w}")
            };
            if line.is_empty() || area.estimate_text_size(&candidate, style)?.0 <= width {
                line = candidate;
                words.next();
            } else {
                break;
            }
        }
        lines.push(fit_text(area, &line, style, width)?);
    }
    Ok(lines)
}

const PAD: i32 = 16;
const TITLE_PX: f64 = 22.0;
const SUBTITLE_PX: f64 = 15.0;
const LEGEND_PX: f64 = 14.0;
const SMALL_PX: f64 = 12.0;
pub(crate) const LABEL_PX: f64 = 14.0;
pub(crate) const DESC_PX: f64 = 15.0;

/// Draws the frame on the whole `area` (filling it white) and returns the
/// area left for the plot.
pub fn draw_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame<'_>,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let inner = w.saturating_sub(2 * PAD as u32);
    let mut y = 12;
    let title = text_style(TITLE_PX, INK, true);
    let t = fit_text(area, frame.title, &title, inner)?;
    area.draw_text(&t, &title, (PAD, y))?;
    y += 30;
    if !frame.subtitle.is_empty() {
        // A long subtitle (several scenario titles) wraps to two lines.
        let sub = text_style(SUBTITLE_PX, MUTED, false);
        for t in wrap_text(area, frame.subtitle, &sub, inner, 2)? {
            area.draw_text(&t, &sub, (PAD, y))?;
            y += 20;
        }
        y += 4;
    }
    if !frame.legend.is_empty() {
        y += 4;
        y = draw_legend(area, frame.legend, (PAD, y), inner)?;
    }
    let small = text_style(SMALL_PX, MUTED, false);
    let p = fit_text(area, frame.provenance, &small, inner)?;
    area.draw_text(&p, &small, (PAD, h as i32 - 20))?;
    Ok(area.margin(y + 10, 26, 6, PAD))
}

/// Writes `note` in the middle of `area`, in grey: what a plot says when it
/// has nothing to draw.
pub fn draw_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    note: &str,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    area.draw_text(
        note,
        &text_style(16.0, MUTED, false).pos(Pos::new(HPos::Center, VPos::Center)),
        (w as i32 / 2, h as i32 / 2),
    )?;
    Ok(())
}

/// Draws legend entries flowing left to right from `at`, wrapping within
/// `width` pixels; returns the y below the last row.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    at: (i32, i32),
    width: u32,
) -> Result<i32, ChartError> {
    const SW: i32 = 26; // swatch width
    const ROW: i32 = 22;
    let style = text_style(LEGEND_PX, INK, false);
    let (x0, mut y) = at;
    let right = x0 + width as i32;
    let mut x = x0;
    for e in entries {
        let max_text = (width as i32 - SW - 8).max(40) as u32;
        let label = fit_text(area, &e.label, &style, max_text)?;
        let tw = area.estimate_text_size(&label, &style)?.0 as i32;
        let need = SW + 6 + tw;
        if x > x0 && x + need > right {
            x = x0;
            y += ROW;
        }
        let cy = y + 6;
        match e.swatch {
            Swatch::Line => {
                area.draw(&PathElement::new(
                    vec![(x, cy), (x + SW, cy)],
                    e.colour.stroke_width(3),
                ))?;
            }
            Swatch::Dashed => {
                for k in 0..3 {
                    let a = x + k * 10;
                    area.draw(&PathElement::new(
                        vec![(a, cy), (a + 6, cy)],
                        e.colour.stroke_width(2),
                    ))?;
                }
            }
            Swatch::Band(alpha) => {
                area.draw(&Rectangle::new(
                    [(x, cy - 6), (x + SW, cy + 6)],
                    e.colour.mix(alpha).filled(),
                ))?;
            }
            Swatch::Bar => {
                area.draw(&Rectangle::new(
                    [(x + 4, cy - 6), (x + SW - 4, cy + 6)],
                    e.colour.filled(),
                ))?;
            }
            Swatch::Target => {
                area.draw(&PathElement::new(
                    vec![(x + 4, cy), (x + SW - 4, cy)],
                    e.colour.stroke_width(3),
                ))?;
                let mx = x + SW / 2;
                area.draw(&Polygon::new(
                    vec![(mx, cy - 6), (mx + 6, cy), (mx, cy + 6), (mx - 6, cy)],
                    e.colour.filled(),
                ))?;
            }
            Swatch::Point => {
                let mx = x + SW / 2;
                area.draw(&PathElement::new(
                    vec![(mx, cy - 7), (mx, cy + 7)],
                    e.colour.stroke_width(2),
                ))?;
                area.draw(&Circle::new((mx, cy), 4, e.colour.filled()))?;
            }
            Swatch::Hatched => {
                let (x0, y0, x1, y1) = (x + 4, cy - 6, x + SW - 4, cy + 6);
                area.draw(&Rectangle::new([(x0, y0), (x1, y1)], e.colour.filled()))?;
                for k in (0..(x1 - x0 + y1 - y0)).step_by(5) {
                    // Lines of slope -1 through (x0 + k, y0), clipped to the box.
                    let (ax, ay) = ((x0 + k).min(x1), y0 + (x0 + k - x1).max(0));
                    let (bx, by) = (x0 + (k - (y1 - y0)).max(0), (y0 + k).min(y1));
                    area.draw(&PathElement::new(
                        vec![(ax, ay), (bx, by)],
                        MUTED.stroke_width(1),
                    ))?;
                }
                area.draw(&Rectangle::new([(x0, y0), (x1, y1)], MUTED.stroke_width(1)))?;
            }
        }
        area.draw_text(&label, &style, (x + SW + 6, y))?;
        x += need + 22;
    }
    Ok(y + ROW)
}
