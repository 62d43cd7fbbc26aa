//! The run report: `summary.csv`, `summary.json` (docs/model.md section 6),
//! the charts of [`crate::report::chart::run`] and the page `index.md`.

mod control;
mod csv;
mod inputs;
mod json;
pub(crate) mod markdown;

pub use control::{goal_text, share_text};
pub use csv::{HEADER, summary_csv};
pub use json::summary_json;
pub use markdown::index_md;

use super::chart::{self, ChartError, Format};
use super::provenance::{regenerate_command, scenario_file};
use super::text::Locale;
use super::{Artifact, Document, ReportKind};
use crate::analysis::convergence::Convergence;
use crate::analysis::run::Run;

/// Every file of a run's report folder: the summary files, the resolved
/// scenario, each chart that applies to the run in each of `formats`, and
/// `index.md`, which embeds the SVG charts (or the PNGs when no SVG is
/// written).
pub fn document(
    run: &Run<'_>,
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    document_of(run, None, formats, l)
}

/// [`document`] of a run with `--precision`: the files also say how its
/// rounds went (`control`).
pub fn controlled_document(
    run: &Run<'_>,
    control: &Convergence,
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    document_of(run, Some(control), formats, l)
}

fn document_of(
    run: &Run<'_>,
    control: Option<&Convergence>,
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    let charts = if formats.is_empty() {
        Vec::new()
    } else {
        chart::run::chart_kinds(run)
    };
    let embed = chart::embed_format(formats).unwrap_or(Format::Svg);
    // The text files while the charts render (each file's bytes are its own).
    let data = || {
        let command = regenerate_command("run", run.scenario, run.stats.settings, control, l);
        [
            Artifact::new("summary.csv", summary_csv(run)),
            Artifact::new("summary.json", summary_json(run, control)),
            scenario_file(run.scenario, &command, l),
        ]
    };
    let page = || Artifact::new("index.md", index_md(run, control, &charts, embed, l));
    let ((data, page), files) = rayon::join(
        || rayon::join(data, page),
        || chart::run::artifacts(run, formats, l),
    );
    let mut artifacts = Vec::from(data);
    artifacts.extend(files?);
    artifacts.push(page);
    Ok(Document {
        kind: ReportKind::Run,
        artifacts,
    })
}
