//! Report files: one module per format behind the small [`Export`] trait, and
//! a writer that builds the report folder beside its destination and renames it
//! into place only when every file is written.
//!
//! A report folder holds `summary.csv`, `summary.json`, the [`chart`]s (each as
//! PNG and/or SVG) and the report page `index.md` ([`IndexMd`]).

pub mod chart;
pub mod compare;
mod csv;
mod folder;
mod json;
mod markdown;
pub mod sensitivity;
pub mod terminal;

use std::io::{self, Write};
use std::path::Path;

pub use csv::SummaryCsv;
pub use folder::write_files;
pub use json::SummaryJson;
pub use markdown::IndexMd;

pub use crate::analysis::run::{Row, Run};

/// The version of esante, recorded in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A report file format.
pub trait Export {
    /// File name inside the report folder.
    fn file_name(&self) -> &'static str;
    /// Writes the file's bytes.
    fn write(&self, run: &Run<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The summary files every run writes (MODEL.md section 6).
pub fn summary_exports() -> Vec<Box<dyn Export>> {
    vec![Box::new(SummaryCsv), Box::new(SummaryJson)]
}

/// Every file of a report folder: the summary files, each chart that applies
/// to the run in each of `formats`, and `index.md`, which embeds the SVG charts
/// (or the PNGs when no SVG is written).
pub fn report_exports(run: &Run<'_>, formats: &[chart::Format]) -> Vec<Box<dyn Export>> {
    let mut v = summary_exports();
    let kinds = chart::chart_kinds(run);
    for &kind in &kinds {
        for &format in formats {
            v.push(Box::new(chart::ChartFile { kind, format }));
        }
    }
    let embed = if formats.contains(&chart::Format::Svg) || formats.is_empty() {
        chart::Format::Svg
    } else {
        chart::Format::Png
    };
    let charts = if formats.is_empty() {
        Vec::new()
    } else {
        kinds
    };
    v.push(Box::new(IndexMd { charts, embed }));
    v
}

/// The first 12 hex digits of a `sha256:` hash, without the prefix.
pub fn short_hex(hash: &str) -> &str {
    let h = hash.strip_prefix("sha256:").unwrap_or(hash);
    &h[..h.len().min(12)]
}

/// The subfolder of a run's report where `esante sensitivity` writes by
/// default; a new run of the scenario carries it over.
pub const SENSITIVITY_DIR: &str = "sensitivity";

/// Writes `exports` into the folder `dir`, atomically: files go to a temporary
/// folder beside `dir`, which replaces `dir` only once everything is written. A
/// failed run leaves any previous report untouched (see [`write_files`]).
///
/// An existing `dir` is replaced only if it is empty or holds an earlier report
/// (a `summary.json`): a mistyped `--out` never deletes an unrelated folder. A
/// `sensitivity/` analysis inside the previous report is kept.
pub fn write_folder(dir: &Path, run: &Run<'_>, exports: &[Box<dyn Export>]) -> io::Result<()> {
    let files = exports
        .iter()
        .map(|e| {
            let mut bytes = Vec::new();
            e.write(run, &mut bytes)?;
            Ok((e.file_name().to_string(), bytes))
        })
        .collect::<io::Result<Vec<_>>>()?;
    write_files(dir, &["summary.json"], &[SENSITIVITY_DIR], &files)
}
