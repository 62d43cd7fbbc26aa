//! The optimisation report: `candidates.csv`, `optimize.json`, the charts
//! of `report::chart::optimize` and `index.md`; the tables `esante
//! optimize` prints.

mod data;
mod page;

pub use data::candidates_header;
pub use page::{index_md, marginal_table, objective_words, splits_table, statistic_words};

use std::collections::BTreeMap;

use crate::analysis::optimize::Optimization;
use crate::report::chart::optimize::{BarsChart, FrontierChart, GainChart};
use crate::report::chart::{ChartError, Figure, Format, embed_format, render_files};
use crate::report::text::Locale;
use crate::report::{Artifact, Document, ReportKind};
use crate::scenario::Scenario;

/// The figures of the page, by file stem.
fn figures(l: &Locale) -> BTreeMap<&'static str, Figure> {
    let w = &l.optimize;
    [
        ("frontier", w.frontier_figure),
        ("allocation", w.allocation_figure),
        ("gain", w.gain_figure),
        ("marginal", w.marginal_figure),
    ]
    .into_iter()
    .map(|(stem, f)| (stem, Figure::new(stem, f.heading, f.caption)))
    .collect()
}

/// Every file of the optimisation: `candidates.csv`, `optimize.json`, the
/// charts in each of `formats`, and `index.md`, which embeds them.
pub fn document(
    o: &Optimization,
    s: &Scenario,
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    let mut out = vec![
        Artifact::new("candidates.csv", data::candidates_csv(o, s)),
        Artifact::new("optimize.json", data::optimize_json(o, s)),
    ];
    out.extend(render_files(
        "allocation",
        &BarsChart::allocation(o, s, l),
        formats,
    )?);
    out.extend(render_files(
        "frontier",
        &FrontierChart::new(o, s, l),
        formats,
    )?);
    out.extend(render_files("gain", &GainChart::new(o, s, l), formats)?);
    out.extend(render_files(
        "marginal",
        &BarsChart::marginal(o, s, l),
        formats,
    )?);
    out.push(Artifact::new(
        "index.md",
        index_md(o, s, embed_format(formats), l),
    ));
    Ok(Document {
        kind: ReportKind::Optimization,
        artifacts: out,
    })
}
