//! Presentation: every command's result becomes one [`Document`], a list of
//! [`Artifact`]s (CSV, JSON, markdown, charts) that one atomic folder writer
//! puts in place ([`Document::write`]).
//!
//! Words and numbers come from a [`text::Locale`]; where a report's numbers
//! come from is decided once in [`provenance`]; charts are composed with the
//! toolkit of [`chart`] and grouped by command. Each command has its module:
//! [`run`], [`compare`], [`sensitivity`], [`optimize`], [`calibrate`];
//! [`terminal`] is what the commands
//! print.
//!
//! ```
//! use esante::{Scenario, analysis::run::Run, engine, report};
//! let scenario = Scenario::load("scenarios/no-program.toml".as_ref())?;
//! let settings = esante::sampling::RunSettings { draws: 1000, ..scenario.simulation };
//! let stats = engine::run(&scenario, settings, &engine::Silent);
//! let run = Run { scenario: &scenario, stats: &stats };
//! let doc = report::run::document(&run, &[report::Format::Svg], report::text::Lang::En.locale())?;
//! assert!(doc.artifacts.iter().any(|a| a.name == "summary.csv"));
//! let dir = tempfile::tempdir()?;
//! doc.write(&dir.path().join("no-program"))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod calibrate;
pub mod chart;
pub mod compare;
pub mod escape;
mod folder;
pub mod optimize;
pub mod provenance;
pub mod run;
pub mod sensitivity;
mod table;
pub mod terminal;
pub mod text;

use std::path::Path;

pub use chart::{ChartError, Format};
pub use folder::{FolderError, MANIFEST};

/// A number in a CSV file: Rust's shortest round-trip form, and an empty
/// field when the value is undefined (NaN or infinite), as `null` is in JSON.
#[derive(Debug, Clone, Copy)]
pub struct CsvNumber(pub f64);

impl std::fmt::Display for CsvNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_finite() {
            write!(f, "{}", self.0)
        } else {
            Ok(())
        }
    }
}

/// One file of a report: its path inside the folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path inside the report folder, e.g. `summary.csv`.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Artifact {
    /// An artifact named `name` with `bytes`.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Artifact {
        Artifact {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// Which command made a report: decides the file that marks its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// `esante run`: `summary.json`.
    Run,
    /// `esante compare`: `comparison.json`.
    Comparison,
    /// `esante sensitivity`: `sensitivity.json`.
    Sensitivity,
    /// `esante optimize`: `optimize.json`.
    Optimization,
    /// `esante calibrate`: `calibration.json`.
    Calibration,
}

/// The subfolder of a run's report where `esante sensitivity` writes by
/// default; a new run of the scenario leaves it alone.
pub const SENSITIVITY_DIR: &str = "sensitivity";
/// The subfolder of a run's report where `esante sensitivity --against
/// BASE` writes by default: `sensitivity-against-<base>`; a new run of the
/// scenario leaves it alone.
pub fn against_dir(base: &str) -> String {
    format!("{SENSITIVITY_DIR}-against-{base}")
}
/// The subfolder of a run's report where `esante optimize` writes by
/// default; a new run of the scenario leaves it alone.
pub const OPTIMIZE_DIR: &str = "optimize";
/// The subfolder of a run's report where `esante calibrate` writes by
/// default; a new run of the scenario leaves it alone.
pub const CALIBRATE_DIR: &str = "calibrated";

impl ReportKind {
    /// The file that marks a folder as a report of this kind.
    pub fn marker(self) -> &'static str {
        match self {
            ReportKind::Run => "summary.json",
            ReportKind::Comparison => "comparison.json",
            ReportKind::Sensitivity => "sensitivity.json",
            ReportKind::Optimization => "optimize.json",
            ReportKind::Calibration => "calibration.json",
        }
    }
}

/// A finished report: what made it and its files, in writing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Which command made it.
    pub kind: ReportKind,
    /// Every file.
    pub artifacts: Vec<Artifact>,
}

impl Document {
    /// Writes the report folder `dir` with its [`MANIFEST`]: every file is
    /// staged first, so a failed run leaves any previous report untouched.
    ///
    /// An existing `dir` must be empty or an earlier report of the same kind
    /// (its marker file); only the files its manifest lists are replaced or
    /// removed, so files the user added (notes, analysis subfolders) stay.
    /// A file the new report would write but esante did not write is a
    /// refusal ([`FolderError::is_refusal`]), before anything is written.
    pub fn write(&self, dir: &Path) -> Result<(), FolderError> {
        folder::write_files(dir, self.kind.marker(), &self.artifacts)
    }

    /// The manifest [`Document::write`] adds: the SHA-256 and name of every
    /// artifact.
    pub fn manifest(&self) -> Artifact {
        folder::manifest(&self.artifacts)
    }

    /// The artifact named `name`, if the report has it.
    pub fn get(&self, name: &str) -> Option<&Artifact> {
        self.artifacts.iter().find(|a| a.name == name)
    }
}
