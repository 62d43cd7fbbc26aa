//! Presentation: every command's result becomes one [`Document`], a list of
//! [`Artifact`]s (CSV, JSON, markdown, charts) that one atomic folder writer
//! puts in place ([`Document::write`]).
//!
//! Words and numbers come from a [`text::Locale`]; where a report's numbers
//! come from is decided once in [`provenance`]; charts are composed with the
//! toolkit of [`chart`] and grouped by command. Each command has its module:
//! [`run`], [`compare`], [`sensitivity`]; [`terminal`] is what the commands
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

pub mod chart;
pub mod compare;
mod folder;
pub mod provenance;
pub mod run;
pub mod sensitivity;
pub mod terminal;
pub mod text;

use std::io;
use std::path::Path;

pub use chart::{ChartError, Format};

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

/// Which command made a report: decides the file that marks its folder and
/// the analysis subfolders a new report of the same folder keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// `esante run`: `summary.json`; keeps `sensitivity/`.
    Run,
    /// `esante compare`: `comparison.json`.
    Comparison,
    /// `esante sensitivity`: `sensitivity.json`.
    Sensitivity,
}

/// The subfolder of a run's report where `esante sensitivity` writes by
/// default; a new run of the scenario carries it over.
pub const SENSITIVITY_DIR: &str = "sensitivity";

impl ReportKind {
    /// The file that marks a folder as a report of this kind.
    pub fn marker(self) -> &'static str {
        match self {
            ReportKind::Run => "summary.json",
            ReportKind::Comparison => "comparison.json",
            ReportKind::Sensitivity => "sensitivity.json",
        }
    }

    /// Subfolders of an earlier report that a new one keeps.
    pub fn keeps(self) -> &'static [&'static str] {
        match self {
            ReportKind::Run => &[SENSITIVITY_DIR],
            ReportKind::Comparison | ReportKind::Sensitivity => &[],
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
    /// Writes the report folder `dir` atomically: files go to a temporary
    /// folder beside `dir`, which replaces `dir` only once everything is
    /// written, so a failed run leaves any previous report untouched.
    ///
    /// An existing `dir` is replaced only if it is empty or holds an earlier
    /// report of the same kind (its marker file), so a mistyped `--out`
    /// never deletes an unrelated folder. The analysis subfolders of an
    /// earlier report are kept ([`ReportKind::keeps`]).
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        folder::write_files(
            dir,
            &[self.kind.marker()],
            self.kind.keeps(),
            &self.artifacts,
        )
    }

    /// The artifact named `name`, if the report has it.
    pub fn get(&self, name: &str) -> Option<&Artifact> {
        self.artifacts.iter().find(|a| a.name == name)
    }
}
