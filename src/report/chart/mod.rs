//! Charts of the reports, drawn with `plotters` to PNG and SVG.
//!
//! A chart is composed once, generically over the drawing backend (the
//! [`Chart`] trait), and rendered to PNG bytes (an in-memory RGB bitmap
//! encoded with fixed settings) or to an SVG string. Text is drawn with the
//! DejaVu Sans font embedded in the binary: no system font and no fontconfig
//! are needed, and the same input gives the same bytes on any machine.
//!
//! The toolkit is data-driven and independent of any command: rendering and
//! fonts (`render`), the colour-blind-safe palette (`palette`), axis scales
//! (`scale`), the frame with title, legend and provenance line (`frame`),
//! Cartesian and row plots (`axes`) and fan charts of percentile bands
//! (`fan`). The charts themselves are grouped by command: [`run`],
//! `compare`, `sensitivity`; each file builds its data from a result and
//! a [`crate::report::text::Locale`] and draws it with the toolkit.

mod axes;
pub(crate) mod calibrate;
#[cfg(test)]
mod checks;
pub(crate) mod compare;
mod fan;
mod frame;
pub(crate) mod optimize;
mod palette;
mod render;
pub mod run;
mod scale;
pub(crate) mod sensitivity;
#[cfg(test)]
mod tests;

use std::fmt;
use std::io;

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;

pub(crate) use axes::*;
pub(crate) use fan::*;
pub(crate) use frame::*;
pub(crate) use palette::*;
pub(crate) use render::*;
pub(crate) use scale::*;

/// An image format of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// Something drawable on any plotters backend: compose once, render to PNG
/// and SVG. (A trait rather than a closure, since a closure cannot be generic
/// over the backend.)
pub trait Chart {
    /// Pixel size (width, height); 1000 x 600 unless the chart needs more room.
    fn size(&self) -> (u32, u32) {
        SIZE
    }
    /// Draws the whole chart on `area`, which covers the image.
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError>;
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

/// The format `index.md` embeds among those written: SVG when written, else
/// PNG; `None` when no chart is written.
pub fn embed_format(formats: &[Format]) -> Option<Format> {
    if formats.contains(&Format::Svg) {
        Some(Format::Svg)
    } else {
        formats.first().copied()
    }
}
