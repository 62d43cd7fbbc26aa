//! Charts of a report, drawn with `plotters` to PNG and SVG.
//!
//! A chart is composed once, generically over the drawing backend (the
//! [`Chart`] trait), and [`render`]ed to PNG bytes (an in-memory RGB bitmap
//! encoded with fixed settings) or to an SVG string. Text is drawn with the
//! DejaVu Sans font embedded in the binary ([`register_fonts`]): no system font
//! and no fontconfig are needed, and the same input gives the same bytes on any
//! machine.
//!
//! This module holds the shared, data-driven pieces, independent of a run: the
//! output [`Format`], the colour-blind-safe palette ([`series_colour`],
//! [`axis_colour`], [`segment_colour`]), number formatting for ticks and
//! labels ([`format_number`], [`tick_formatter`]), the chart [`Frame`] (title,
//! subtitle, legend, [`Provenance`] line), styled Cartesian axes ([`cartesian`])
//! and fan charts of percentile bands ([`Fan`], [`FanPlot`], [`draw_fan_plot`]),
//! which overlay any number of fans and accept negative values. One file per
//! report chart builds its data from a [`Run`] and draws it with these pieces.

pub mod adoption;
pub mod compare;
pub mod deliverables;
pub mod distribution;
pub mod effects;
pub mod funding;
pub mod heatmap;
pub mod market;
pub mod sobol;
pub mod tornado;

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::OnceLock;

use plotters::backend::{BitMapBackend, RGBPixel, SVGBackend};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Export, Row, Run, VERSION};
use super::terminal::thousands;
use crate::sampling::RunSettings;
use crate::scenario::Metric;

/// Default size of a chart in pixels (width, height); SVG uses the same units.
pub const SIZE: (u32, u32) = (1000, 600);

/// The font family every text uses; [`register_fonts`] maps it to the
/// embedded DejaVu Sans. SVG files name this generic family, so viewers use
/// their own sans-serif font.
pub const FONT: &str = "sans-serif";

/// DejaVu Sans (regular), embedded; licence in `assets/fonts/LICENSE-DejaVu.txt`.
pub static FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, embedded; licence in `assets/fonts/LICENSE-DejaVu.txt`.
pub static FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Near-black for text, totals and reference lines.
pub const INK: RGBColor = RGBColor(34, 34, 34);
/// Grey for secondary text (subtitles, provenance, captions).
pub const MUTED: RGBColor = RGBColor(100, 100, 100);
/// Light grey of the grid lines.
pub const GRID: RGBColor = RGBColor(225, 225, 225);

/// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
/// stays distinguishable under the common colour-vision deficiencies, without
/// its black (see [`INK`]) and with yellow last (weak on white).
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(240, 228, 66),  // yellow
];

/// The `i`-th colour of the palette (cycling).
pub fn series_colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// The colour of the scenario's `i`-th axis, the same in every chart.
pub fn axis_colour(i: usize) -> RGBColor {
    series_colour(i)
}

/// The colour of the scenario's `i`-th segment, the same in every chart.
pub fn segment_colour(i: usize) -> RGBColor {
    series_colour(i)
}

/// An image format of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Portable Network Graphics, a bitmap.
    Png,
    /// Scalable Vector Graphics, text that web views render.
    Svg,
}

impl Format {
    /// Every format, in the order reports write them.
    pub const ALL: [Format; 2] = [Format::Png, Format::Svg];

    /// File extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "png" => Ok(Format::Png),
            "svg" => Ok(Format::Svg),
            other => Err(format!("unknown format `{other}`: use png or svg")),
        }
    }
}

/// Parses a comma-separated list such as `png,svg` into distinct formats in
/// [`Format::ALL`] order. An empty list or an unknown name is an error.
pub fn parse_formats(s: &str) -> Result<Vec<Format>, String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        out.push(part.parse::<Format>()?);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Why a chart could not be made.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ChartError {
    /// The embedded font could not be loaded.
    #[error("cannot load the embedded font {0}")]
    Font(&'static str),
    /// Drawing failed (layout, text or backend).
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> ChartError {
        ChartError::Draw(e.to_string())
    }
}

impl From<ChartError> for io::Error {
    fn from(e: ChartError) -> io::Error {
        io::Error::other(e)
    }
}

/// Registers the embedded DejaVu Sans (regular and bold) as [`FONT`] with
/// plotters, once per process; later calls return the first result.
pub fn register_fonts() -> Result<(), ChartError> {
    static DONE: OnceLock<Result<(), &'static str>> = OnceLock::new();
    let r = DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_REGULAR)
            .map_err(|_| "DejaVuSans.ttf")?;
        plotters::style::register_font(FONT, FontStyle::Bold, FONT_BOLD)
            .map_err(|_| "DejaVuSans-Bold.ttf")
    });
    r.map_err(ChartError::Font)
}

/// Something drawable on any plotters backend: compose once, render to PNG
/// and SVG. (A trait rather than a closure, since a closure cannot be generic
/// over the backend.)
pub trait Chart {
    /// Pixel size (width, height); [`SIZE`] unless the chart needs more room.
    fn size(&self) -> (u32, u32) {
        SIZE
    }
    /// Draws the whole chart on `area`, which covers the image.
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError>;
}

/// Renders `chart` at its own [`Chart::size`] to the bytes of a file of `format`.
pub fn render<C: Chart + ?Sized>(chart: &C, format: Format) -> Result<Vec<u8>, ChartError> {
    render_at(chart, format, chart.size())
}

/// A chart of an analysis report (comparison, sensitivity) as `index.md`
/// shows it: a heading, one line on how to read it, and the image.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File name without extension.
    pub stem: String,
    /// Heading above the chart.
    pub heading: String,
    /// One line on how to read the chart.
    pub caption: String,
}

impl Figure {
    /// A new figure.
    pub fn new(
        stem: impl Into<String>,
        heading: impl Into<String>,
        caption: impl Into<String>,
    ) -> Figure {
        Figure {
            stem: stem.into(),
            heading: heading.into(),
            caption: caption.into(),
        }
    }

    /// The Markdown of the figure under a heading of `level` (`###`), with the
    /// image in `embed` format.
    pub fn markdown(&self, level: usize, embed: Format) -> String {
        format!(
            "{} {}\n\n{}\n\n![{}]({}.{})\n",
            "#".repeat(level),
            self.heading,
            self.caption,
            self.heading,
            self.stem,
            embed.extension()
        )
    }
}

/// Renders `chart` in each of `formats` to report files named
/// `<stem>.<extension>`, in `formats` order.
pub fn render_files<C: Chart + ?Sized>(
    stem: &str,
    chart: &C,
    formats: &[Format],
) -> Result<Vec<(String, Vec<u8>)>, ChartError> {
    formats
        .iter()
        .map(|&f| Ok((format!("{stem}.{}", f.extension()), render(chart, f)?)))
        .collect()
}

/// The format `index.md` embeds among those written: SVG when written, else
/// PNG; `None` when no chart is written.
pub fn embed_format(formats: &[Format]) -> Option<Format> {
    if formats.contains(&Format::Svg) {
        Some(Format::Svg)
    } else {
        formats.first().copied()
    }
}

/// Renders `chart` at `size` pixels to the bytes of a file of `format`. The
/// output depends only on the chart's data: PNGs are encoded with fixed
/// settings and no metadata, SVGs hold no ids or timestamps.
pub fn render_at<C: Chart + ?Sized>(
    chart: &C,
    format: Format,
    (w, h): (u32, u32),
) -> Result<Vec<u8>, ChartError> {
    register_fonts()?;
    match format {
        Format::Png => {
            let mut buf = vec![255u8; w as usize * h as usize * 3];
            {
                let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut buf, (w, h))
                    .map_err(|e| ChartError::Draw(e.to_string()))?;
                let root = backend.into_drawing_area();
                chart.draw(&root)?;
                root.present()?;
            }
            encode_png(&buf, w, h)
        }
        Format::Svg => {
            let mut s = String::new();
            {
                let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
                chart.draw(&root)?;
                root.present()?;
            }
            Ok(s.into_bytes())
        }
    }
}

/// Encodes an RGB buffer as PNG with fixed settings (8-bit RGB, balanced
/// compression, adaptive filtering, no text or time chunks).
pub fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let enc_err = |e: png::EncodingError| ChartError::Encode(e.to_string());
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Balanced);
        enc.set_filter(png::Filter::Adaptive);
        let mut writer = enc.write_header().map_err(enc_err)?;
        writer.write_image_data(rgb).map_err(enc_err)?;
        writer.finish().map_err(enc_err)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Numbers

/// How values on an axis read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Plain numbers with thousands separators.
    Number,
    /// Shares in [0, 1] shown as percentages.
    Percent,
    /// Calendar years: integers, no separator; fractional ticks stay blank.
    Year,
}

/// A number for labels and tables: thousands separators, and decimals by
/// magnitude (0 from 100 up, 1 from 10, 2 from 1, else 3 significant digits),
/// trailing zeros dropped (`10`, not `10.0`).
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let a = x.abs();
    let d = if a >= 100.0 || a == 0.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        (2 - a.log10().floor() as i32).clamp(3, 8) as usize
    };
    let s = thousands(x, d);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A share in [0, 1] as a percentage with one decimal, e.g. `34.3%`.
pub fn format_percent(share: f64) -> String {
    format!("{}%", thousands(100.0 * share, 1))
}

/// Decimals needed to tell ticks apart on an axis spanning `span`.
pub fn tick_decimals(span: f64) -> usize {
    if !(span.is_finite() && span > 0.0) {
        return 0;
    }
    // Ticks are about span / 10 apart.
    let step = span / 10.0;
    if step >= 1.0 {
        0
    } else {
        ((-step.log10()).ceil() as usize).min(8)
    }
}

/// A tick label formatter for an axis over `lo..hi`: thousands separators and
/// just enough decimals, never scientific notation. For [`Scale::Percent`] the
/// values are shares and read `25%`.
pub fn tick_formatter(lo: f64, hi: f64, scale: Scale) -> impl Fn(&f64) -> String {
    let span = hi - lo;
    move |&v: &f64| match scale {
        Scale::Number => thousands(v, tick_decimals(span)),
        Scale::Percent => format!("{}%", thousands(100.0 * v, tick_decimals(100.0 * span))),
        Scale::Year => {
            if (v - v.round()).abs() < 1e-6 {
                format!("{:.0}", v)
            } else {
                String::new()
            }
        }
    }
}

/// `lo..hi` widened by `pad` (a share of the span) on both sides; a zero span
/// becomes a visible one, and `include_zero` pulls the range to 0. A range
/// that starts at zero (and has no negative values) stays at zero.
pub fn padded_range(lo: f64, hi: f64, include_zero: bool, pad: f64) -> (f64, f64) {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        let d = (hi.abs() * 0.1).max(1.0);
        return (if lo == 0.0 { 0.0 } else { lo - d }, hi + d);
    }
    let d = (hi - lo) * pad;
    let new_lo = if lo >= 0.0 && lo - d < 0.0 {
        0.0
    } else {
        lo - d
    };
    (new_lo, hi + d)
}

/// Rows and columns of a grid of `n` small multiples (at most 3 columns).
pub fn grid_shape(n: usize) -> (usize, usize) {
    let cols = match n {
        0 | 1 => 1,
        2 | 4 => 2,
        _ => 3,
    };
    (n.max(1).div_ceil(cols), cols)
}

// ---------------------------------------------------------------------------
// Provenance

/// Where a chart's numbers come from, printed small under every chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Scenario name.
    pub scenario: String,
    /// Scenario hash (`sha256:...`).
    pub hash: String,
    /// Seed of the run.
    pub seed: u64,
    /// Number of draws.
    pub draws: u64,
    /// What `draws` counts: `draws`, or `model runs` for a Sobol analysis.
    pub counted: &'static str,
    /// Sampling method (`mc`, `lhs`).
    pub sampling: String,
    /// esante version.
    pub version: String,
}

impl Provenance {
    /// The provenance of a finished run.
    pub fn of(run: &Run<'_>) -> Provenance {
        let sim = run.stats.settings;
        Provenance {
            scenario: run.scenario.name.clone(),
            hash: run.scenario.hash.clone(),
            seed: sim.seed,
            draws: sim.draws,
            counted: "draws",
            sampling: sim.sampling.as_str().to_string(),
            version: VERSION.to_string(),
        }
    }

    /// The provenance of an analysis of `scenario` with the settings `sim`
    /// (e.g. a sensitivity analysis, whose draws differ from the scenario's).
    pub fn analysis(
        scenario: &crate::scenario::Scenario,
        sim: &RunSettings,
    ) -> Provenance {
        Provenance {
            scenario: scenario.name.clone(),
            hash: scenario.hash.clone(),
            seed: sim.seed,
            draws: sim.draws,
            counted: "draws",
            sampling: sim.sampling.as_str().to_string(),
            version: VERSION.to_string(),
        }
    }

    /// The provenance of scenarios run together with the same seed, draws and
    /// sampling (a comparison): `scenario` names them all, base first, and
    /// there is no single hash.
    pub fn shared_run(names: &[&str], sim: &RunSettings) -> Provenance {
        Provenance {
            scenario: names.join(" vs "),
            hash: String::new(),
            seed: sim.seed,
            draws: sim.draws,
            counted: "draws",
            sampling: sim.sampling.as_str().to_string(),
            version: VERSION.to_string(),
        }
    }

    /// The hash cut to its first 12 hex digits, e.g. `sha256:3f2a0c...`.
    pub fn short_hash(&self) -> &str {
        let end = self
            .hash
            .char_indices()
            .nth("sha256:".len() + 12)
            .map_or(self.hash.len(), |(i, _)| i);
        &self.hash[..end]
    }

    /// One line: scenario, short hash (when there is one), seed, draws,
    /// sampling, version.
    pub fn line(&self) -> String {
        let hash = if self.hash.is_empty() {
            String::new()
        } else {
            format!(" · {}", self.short_hash())
        };
        format!(
            "{}{hash} · seed {} · {} {} · {} sampling · esante {}",
            self.scenario,
            self.seed,
            thousands(self.draws as f64, 0),
            self.counted,
            self.sampling,
            self.version
        )
    }
}

// ---------------------------------------------------------------------------
// Frame: title, subtitle, legend, provenance

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
    /// The [`Provenance::line`].
    pub provenance: &'a str,
}

/// A chart's own title, subtitle, legend and provenance line: what every
/// chart keeps, drawn by [`Header::draw`] through [`draw_frame`].
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// What the chart shows.
    pub title: String,
    /// Usually the scenario title.
    pub subtitle: String,
    /// Legend entries, drawn left to right.
    pub legend: Vec<LegendEntry>,
    /// The [`Provenance::line`].
    pub provenance: String,
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
const LABEL_PX: f64 = 14.0;
const DESC_PX: f64 = 15.0;

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

// ---------------------------------------------------------------------------
// Cartesian axes

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
        .y_label_area_size(y_label_width(y0, y1, axes.y_scale, axes.compact));
    let mut chart = b.build_cartesian_2d(x0..x1, y0..y1)?;
    let xf = tick_formatter(x0, x1, axes.x_scale);
    let yf = tick_formatter(y0, y1, axes.y_scale);
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
fn y_label_width(lo: f64, hi: f64, scale: Scale, compact: bool) -> u32 {
    let f = tick_formatter(lo, hi, scale);
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
    let mut b = ChartBuilder::on(area);
    b.margin(8)
        .margin_right(20)
        .y_label_area_size(widest + 14)
        .x_label_area_size(46);
    let mut chart = b.build_cartesian_2d(x0..x1, 0.0..n as f64)?;
    let xf = tick_formatter(x0, x1, axes.x_scale);
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
        .label_style(text_style(LABEL_PX, INK, false))
        .axis_desc_style(text_style(DESC_PX, INK, false))
        .x_desc(axes.x_desc);
    if !axes.grid {
        mesh.disable_x_mesh();
    }
    mesh.draw()?;
    let style = label.pos(Pos::new(HPos::Right, VPos::Center));
    chart.draw_series(texts.into_iter().enumerate().map(|(i, t)| {
        EmptyElement::at((x0, row_y(i, n))) + Text::new(t, (-8, 0), style.clone())
    }))?;
    Ok(chart)
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

// ---------------------------------------------------------------------------
// Fan charts

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

/// A horizontal reference line at a level (a target), labelled on the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    /// Text written above the line's left end.
    pub label: String,
    /// Level, in data units.
    pub value: f64,
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
    /// Horizontal reference lines.
    pub refs: &'a [RefLine],
    /// Smaller label areas, for small multiples.
    pub compact: bool,
}

/// Legend entries describing a fan: its median, then its bands.
pub fn fan_legend(fan: &Fan, inner_bands: bool) -> Vec<LegendEntry> {
    let mut v = vec![LegendEntry::new(
        format!("{}: median", fan.label),
        fan.colour,
        Swatch::Line,
    )];
    if inner_bands {
        v.push(LegendEntry::new(
            "P25–P75 (middle half of the draws)",
            fan.colour,
            Swatch::Band(OUTER_ALPHA + INNER_ALPHA),
        ));
    }
    v.push(LegendEntry::new(
        "P5–P95 (90% of the draws)",
        fan.colour,
        Swatch::Band(OUTER_ALPHA),
    ));
    v
}

/// Draws a [`FanPlot`] on `area`. Bands are polygons between percentiles
/// (boxes half a year wide when there is a single year), lighter when more
/// than two fans overlay; a grey line marks 0 when the range spans both signs.
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
    let x = if years.is_empty() {
        (0.0, 1.0)
    } else {
        year_range(&[ymin, ymax])
    };
    let y = plot.y_range.unwrap_or_else(|| {
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
        for r in plot.refs {
            lo = lo.min(r.value);
            hi = hi.max(r.value);
        }
        padded_range(lo, hi, plot.include_zero, 0.08)
    });
    let mut chart = cartesian(
        area,
        &Axes {
            caption: plot.caption,
            x,
            y,
            x_desc: "year",
            y_desc: plot.y_desc,
            x_scale: Scale::Year,
            y_scale: plot.y_scale,
            compact: plot.compact,
        },
    )?;
    if y.0 < 0.0 && y.1 > 0.0 {
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
    let label = text_style(13.0, INK, false).pos(Pos::new(HPos::Left, VPos::Bottom));
    for r in plot.refs {
        chart.draw_series(DashedLineSeries::new(
            [(x.0, r.value), (x.1, r.value)],
            8,
            5,
            r.colour.stroke_width(2),
        ))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((x.0, r.value)) + Text::new(r.label.clone(), (6, -4), label.clone()),
        ))?;
    }
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

// ---------------------------------------------------------------------------
// Report charts

/// The charts of a report, in the order `index.md` shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// `market`: fan chart of the total market with domestic and export medians.
    Market,
    /// `adoption`: adoption share per segment, small multiples.
    Adoption,
    /// `funding`: planned spending per year stacked by axis, executed median.
    Funding,
    /// `effects`: effect level per axis.
    Effects,
    /// `market-distribution`: histogram of the total market at the horizon.
    MarketDistribution,
    /// `deliverables`: cumulative deliverables (only when the scenario has any).
    Deliverables,
}

impl ChartKind {
    /// Every kind, in report order.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Market,
        ChartKind::Adoption,
        ChartKind::Funding,
        ChartKind::Effects,
        ChartKind::MarketDistribution,
        ChartKind::Deliverables,
    ];

    /// File name without extension.
    pub fn stem(self) -> &'static str {
        match self {
            ChartKind::Market => "market",
            ChartKind::Adoption => "adoption",
            ChartKind::Funding => "funding",
            ChartKind::Effects => "effects",
            ChartKind::MarketDistribution => "market-distribution",
            ChartKind::Deliverables => "deliverables",
        }
    }

    /// File name in the report folder for `format`.
    pub fn file_name(self, format: Format) -> &'static str {
        use ChartKind::*;
        use Format::*;
        match (self, format) {
            (Market, Png) => "market.png",
            (Market, Svg) => "market.svg",
            (Adoption, Png) => "adoption.png",
            (Adoption, Svg) => "adoption.svg",
            (Funding, Png) => "funding.png",
            (Funding, Svg) => "funding.svg",
            (Effects, Png) => "effects.png",
            (Effects, Svg) => "effects.svg",
            (MarketDistribution, Png) => "market-distribution.png",
            (MarketDistribution, Svg) => "market-distribution.svg",
            (Deliverables, Png) => "deliverables.png",
            (Deliverables, Svg) => "deliverables.svg",
        }
    }

    /// A heading for the report page.
    pub fn heading(self) -> &'static str {
        match self {
            ChartKind::Market => "Market",
            ChartKind::Adoption => "Adoption by segment",
            ChartKind::Funding => "Public funding",
            ChartKind::Effects => "Programme effects",
            ChartKind::MarketDistribution => "Market at the horizon",
            ChartKind::Deliverables => "Deliverables",
        }
    }

    /// One line on how to read the chart.
    pub fn caption(self) -> &'static str {
        match self {
            ChartKind::Market => {
                "Total market per year: the line is the median over draws, the dark band holds \
                 the middle 50% of draws (P25-P75), the light band 90% (P5-P95); the domestic \
                 and export lines are their own medians; dashed lines are targets."
            }
            ChartKind::Adoption => {
                "Share of each segment that has adopted, per year: median line, P25-P75 and \
                 P5-P95 bands over draws."
            }
            ChartKind::Funding => {
                "Planned public spending per year, stacked by axis; the black line is the \
                 executed spending (sum of the axes' medians: planned x execution)."
            }
            ChartKind::Effects => {
                "Effect level of each axis (0% = no effect, 100% = full effect): median line \
                 and P5-P95 band over draws."
            }
            ChartKind::MarketDistribution => {
                "How the draws spread out for the total market in the last year: bar height is \
                 the share of draws per bin; vertical lines mark P5, the median, P95 and targets."
            }
            ChartKind::Deliverables => {
                "Cumulative deliverables of the axes per year: median line, P25-P75 and P5-P95 \
                 bands over draws."
            }
        }
    }

    /// Whether the run has something to show in this chart.
    pub fn applies(self, run: &Run<'_>) -> bool {
        match self {
            ChartKind::Deliverables => run.scenario.axes.iter().any(|a| !a.deliverables.is_empty()),
            _ => true,
        }
    }

    /// Renders this chart of `run` to a file of `format`.
    pub fn render(self, run: &Run<'_>, format: Format) -> Result<Vec<u8>, ChartError> {
        match self {
            ChartKind::Market => render(&market::MarketChart::new(run), format),
            ChartKind::Adoption => render(&adoption::AdoptionChart::new(run), format),
            ChartKind::Funding => render(&funding::FundingChart::new(run), format),
            ChartKind::Effects => render(&effects::EffectsChart::new(run), format),
            ChartKind::MarketDistribution => {
                render(&distribution::DistributionChart::new(run), format)
            }
            ChartKind::Deliverables => render(&deliverables::DeliverablesChart::new(run), format),
        }
    }
}

/// The charts that apply to `run`, in report order.
pub fn chart_kinds(run: &Run<'_>) -> Vec<ChartKind> {
    ChartKind::ALL
        .into_iter()
        .filter(|k| k.applies(run))
        .collect()
}

/// A chart file of the report folder.
#[derive(Debug, Clone, Copy)]
pub struct ChartFile {
    /// Which chart.
    pub kind: ChartKind,
    /// Which format.
    pub format: Format,
}

impl Export for ChartFile {
    fn file_name(&self) -> &'static str {
        self.kind.file_name(self.format)
    }

    fn write(&self, run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        let bytes = self.kind.render(run, self.format)?;
        out.write_all(&bytes)
    }
}

/// The rows of metric `m` over all years.
pub fn metric_rows(run: &Run<'_>, m: Metric) -> Vec<Row> {
    run.rows(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_as_a_comma_list() {
        assert_eq!(parse_formats("png,svg").unwrap(), Format::ALL.to_vec());
        assert_eq!(parse_formats("svg, png,svg").unwrap(), Format::ALL.to_vec());
        assert_eq!(parse_formats("SVG").unwrap(), vec![Format::Svg]);
        assert!(parse_formats("png,jpg").is_err());
        assert!(parse_formats("").is_err());
    }

    #[test]
    fn ticks_never_use_scientific_notation() {
        let f = tick_formatter(0.0, 25_000.0, Scale::Number);
        assert_eq!(f(&20_000.0), "20,000");
        assert_eq!(f(&1e6), "1,000,000");
        let f = tick_formatter(0.0, 0.5, Scale::Number);
        assert_eq!(f(&0.25), "0.25");
        let f = tick_formatter(0.0, 1.0, Scale::Percent);
        assert_eq!(f(&0.4), "40%");
        let f = tick_formatter(2020.5, 2030.5, Scale::Year);
        assert_eq!(f(&2024.0), "2024");
        assert_eq!(f(&2024.5), "");
        let f = tick_formatter(-3000.0, 3000.0, Scale::Number);
        assert_eq!(f(&-2000.0), "-2,000");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(format_number(15_234.7), "15,235");
        assert_eq!(format_number(12.34), "12.3");
        assert_eq!(format_number(0.0123), "0.0123");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(10.0), "10");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_percent(0.3434), "34.3%");
    }

    #[test]
    fn ranges_are_padded_and_never_empty() {
        assert_eq!(padded_range(0.0, 100.0, true, 0.1), (0.0, 110.0));
        let (lo, hi) = padded_range(-50.0, 50.0, false, 0.1);
        assert!(lo < -50.0 && hi > 50.0);
        let (lo, hi) = padded_range(5.0, 5.0, false, 0.1);
        assert!(lo < 5.0 && hi > 5.0);
        let (lo, hi) = padded_range(0.0, 0.0, true, 0.1);
        assert!(lo == 0.0 && hi > 0.0);
        let (lo, _) = padded_range(10.0, 100.0, false, 0.1);
        assert!((lo - 1.0).abs() < 1e-9);
    }

    #[test]
    fn palette_is_okabe_ito_and_consistent() {
        assert_eq!(axis_colour(0), RGBColor(0, 114, 178));
        assert_eq!(segment_colour(2), axis_colour(2));
        assert_eq!(series_colour(7), series_colour(0));
    }

    #[test]
    fn provenance_line_has_every_field() {
        let p = Provenance {
            scenario: "s".into(),
            hash: "sha256:0123456789abcdef0123".into(),
            seed: 7,
            draws: 10_000,
            counted: "draws",
            sampling: "lhs".into(),
            version: "0.1.0".into(),
        };
        assert_eq!(
            p.line(),
            "s · sha256:0123456789ab · seed 7 · 10,000 draws · lhs sampling · esante 0.1.0"
        );
    }

    #[test]
    fn grid_shapes() {
        assert_eq!(grid_shape(1), (1, 1));
        assert_eq!(grid_shape(2), (1, 2));
        assert_eq!(grid_shape(4), (2, 2));
        assert_eq!(grid_shape(5), (2, 3));
        assert_eq!(grid_shape(7), (3, 3));
    }
}
