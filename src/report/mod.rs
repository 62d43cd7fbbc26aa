//! Report files: one module per format behind the small [`Export`] trait, and
//! a writer that builds the report folder beside its destination and renames it
//! into place only when every file is written.
//!
//! A report folder holds `summary.csv`, `summary.json`, the [`chart`]s (each as
//! PNG and/or SVG) and the report page `index.md` ([`IndexMd`]).

pub mod chart;
mod csv;
mod folder;
mod json;
mod markdown;

use std::io::{self, Write};
use std::path::Path;

pub use csv::SummaryCsv;
pub use folder::write_files;
pub use json::SummaryJson;
pub use markdown::IndexMd;

use crate::engine::RunStats;
use crate::scenario::Scenario;
use crate::stats::PERCENTILES;

/// The version of esante, recorded in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A finished run: the scenario and its statistics.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The scenario that was run.
    pub scenario: &'a Scenario,
    /// What the engine computed.
    pub stats: &'a RunStats,
}

/// One statistics row: a metric in a year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// Calendar year.
    pub year: i32,
    /// Mean over draws.
    pub mean: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// Smallest value.
    pub min: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest value.
    pub max: f64,
}

impl Run<'_> {
    /// The statistics row of metric `m` in year index `t`.
    pub fn row(&self, m: usize, t: usize) -> Row {
        let s = self.stats.get(m, t);
        let probs: Vec<f64> = PERCENTILES.iter().map(|p| p.1).collect();
        let q = s.percentiles(&probs);
        Row {
            year: self.stats.years[t],
            mean: s.moments.mean,
            sd: s.moments.sd(),
            min: s.min,
            p5: q[0],
            p10: q[1],
            p25: q[2],
            p50: q[3],
            p75: q[4],
            p90: q[5],
            p95: q[6],
            max: s.max,
        }
    }
}

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

/// Writes `exports` into the folder `dir`, atomically: files go to a temporary
/// folder beside `dir`, which replaces `dir` only once everything is written. A
/// failed run leaves any previous report untouched.
///
/// An existing `dir` is replaced only if it is empty or holds an earlier report
/// (a `summary.json`): a mistyped `--out` never deletes an unrelated folder.
pub fn write_folder(dir: &Path, run: &Run<'_>, exports: &[Box<dyn Export>]) -> io::Result<()> {
    if dir.exists() {
        let is_report = dir.join("summary.json").is_file();
        let is_empty = dir.is_dir() && std::fs::read_dir(dir)?.next().is_none();
        if !is_report && !is_empty {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} exists and is not an esante report folder (no summary.json); \
                     choose another --out or remove it",
                    dir.display()
                ),
            ));
        }
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{base}.tmp-"))
        .tempdir_in(&parent)?;
    for e in exports {
        let mut f = io::BufWriter::new(std::fs::File::create(tmp.path().join(e.file_name()))?);
        e.write(run, &mut f)?;
        f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    replace_dir(tmp, dir, &parent, &base)
}

/// Moves the finished temporary folder to `dir`, keeping the old one until the
/// new one is in place.
fn replace_dir(tmp: tempfile::TempDir, dir: &Path, parent: &Path, base: &str) -> io::Result<()> {
    if dir.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{base}.old-"))
            .tempdir_in(parent)?;
        let old_path = old.path().join("report");
        std::fs::rename(dir, &old_path)?;
        if let Err(e) = std::fs::rename(tmp.path(), dir) {
            std::fs::rename(&old_path, dir)?;
            return Err(e);
        }
        let _ = tmp.keep();
        drop(old); // removes the previous report
    } else {
        std::fs::rename(tmp.path(), dir)?;
        let _ = tmp.keep();
    }
    Ok(())
}
