//! The sensitivity report: `tornado.csv`, `sobol.csv`, `sobol-years.csv`,
//! `sensitivity.json`, the charts of `report::chart::sensitivity`
//! and `index.md`; the tables `esante sensitivity` prints; the sentences of
//! the analysis' caveats.

mod data;
mod page;

pub use crate::report::provenance::Subject;
pub use page::{index_md, sobol_table, tornado_table};

use std::collections::BTreeMap;

use crate::analysis::sensitivity::{Analysis, Caveat};
use crate::report::chart::sensitivity::heatmap::HeatmapChart;
use crate::report::chart::sensitivity::sobol::SobolChart;
use crate::report::chart::sensitivity::tornado::TornadoChart;
use crate::report::chart::{Chart, ChartError, Figure, Format, embed_format, render_files};
use crate::report::text::Locale;
use crate::report::{Artifact, Document, ReportKind};

/// The exact header of `tornado.csv`.
pub const TORNADO_HEADER: &str = "parameter,metric,year,spearman,low_decile_mean,high_decile_mean";
/// The exact header of `sobol.csv`.
pub const SOBOL_HEADER: &str = "parameter,metric,year,S1,S1_low,S1_high,ST,ST_low,ST_high";
/// The header of `sobol-years.csv` (point estimates for every year).
pub const SOBOL_YEARS_HEADER: &str = "parameter,metric,year,S1,ST";

/// The sentences a careful user must read: ignored correlations, left-out
/// draws, undefined indices (printed as warnings, and on the page).
pub fn warnings(a: &Analysis, subject: &Subject<'_>, l: &Locale) -> Vec<String> {
    let w = &l.sensitivity;
    let (metric, year) = (&subject.metric(&a.settings.metric, l), a.settings.year);
    a.caveats()
        .iter()
        .map(|c| match c {
            Caveat::IgnoredCorrelations(pairs) => {
                let pairs: Vec<String> = pairs
                    .iter()
                    .map(|(x, y, rho)| (w.correlation)(x, y, *rho))
                    .collect();
                (w.ignored_correlations)(pairs.len(), &pairs.join(l.semicolon))
            }
            Caveat::SobolExcluded { excluded, n } => (w.sobol_excluded)(*excluded, *n),
            Caveat::SobolConstant => (w.sobol_constant)(metric, year),
            Caveat::SobolNotFinite => (w.sobol_not_finite)(metric, year),
            Caveat::RankExcluded(n) => (w.rank_excluded)(*n),
        })
        .collect()
}

/// The charts that have something to show, by file stem, as the page shows
/// them.
fn figures(
    a: &Analysis,
    subject: &Subject<'_>,
    l: &'static Locale,
) -> BTreeMap<&'static str, Figure> {
    let w = &l.sensitivity;
    let mut out = BTreeMap::new();
    if TornadoChart::new(a, subject, l).is_some() {
        let f = w.tornado_figure;
        out.insert("tornado", Figure::new("tornado", f.heading, f.caption));
    }
    if SobolChart::new(a, subject, l).is_some() {
        let heading = (w.sobol_figure_heading)(a.settings.year);
        out.insert(
            "sobol",
            Figure::new("sobol", heading, w.sobol_figure_caption),
        );
    }
    if HeatmapChart::new(a, subject, l).is_some() {
        let f = w.heatmap_figure;
        out.insert(
            "sobol-heatmap",
            Figure::new("sobol-heatmap", f.heading, f.caption),
        );
    }
    out
}

/// Renders `chart`, when there is one, in each of `formats`.
fn chart_files<C: Chart>(
    stem: &str,
    chart: Option<C>,
    formats: &[Format],
) -> Result<Vec<Artifact>, ChartError> {
    chart.map_or(Ok(Vec::new()), |c| render_files(stem, &c, formats))
}

/// Every file of the analysis of `subject` (a scenario's levels or the
/// difference of two): the CSV files, `sensitivity.json`, the charts
/// that have something to show (`tornado`, `sobol`, `sobol-heatmap`) in each
/// of `formats`, and `index.md`, which embeds them.
pub fn document(
    a: &Analysis,
    subject: &Subject<'_>,
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    let mut out = Vec::new();
    let csv = [
        ("tornado.csv", data::tornado_csv(a)),
        ("sobol.csv", data::sobol_csv(a)),
        ("sobol-years.csv", data::sobol_years_csv(a)),
    ];
    for (name, text) in csv {
        out.extend(text.map(|t| Artifact::new(name, t)));
    }
    out.push(Artifact::new(
        "sensitivity.json",
        data::sensitivity_json(a, subject, l),
    ));
    out.extend(chart_files(
        "tornado",
        TornadoChart::new(a, subject, l),
        formats,
    )?);
    out.extend(chart_files(
        "sobol",
        SobolChart::new(a, subject, l),
        formats,
    )?);
    out.extend(chart_files(
        "sobol-heatmap",
        HeatmapChart::new(a, subject, l),
        formats,
    )?);
    out.push(Artifact::new(
        "index.md",
        index_md(a, subject, embed_format(formats), l),
    ));
    Ok(Document {
        kind: ReportKind::Sensitivity,
        artifacts: out,
    })
}
