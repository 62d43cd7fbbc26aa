//! The charts of a run report, one file each, and their registry: which
//! charts a run has, in the order `index.md` shows them.

mod adoption;
pub(crate) use adoption::AdoptionChart;
pub(crate) use market::MarketChart;
mod deliverables;
mod distribution;
mod effects;
mod funding;
mod market;
#[cfg(test)]
mod tests;

use super::render::render;
use super::{INK, Line, MUTED, Point};
use crate::analysis::run::Run;
use crate::report::Artifact;
use crate::report::chart::{ChartError, Format};
use crate::report::text::{FigureText, Locale};
use crate::scenario::Metric;

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
    pub fn file_name(self, format: Format) -> String {
        format!("{}.{}", self.stem(), format.extension())
    }

    /// The heading and caption of the chart on the report page.
    pub fn text(self, l: &Locale) -> FigureText {
        let i = ChartKind::ALL
            .iter()
            .position(|&k| k == self)
            .expect("every kind is listed");
        l.run.figures[i]
    }

    /// Whether the run has something to show in this chart.
    pub fn applies(self, run: &Run<'_>) -> bool {
        match self {
            ChartKind::Deliverables => run.scenario.axes.iter().any(|a| !a.deliverables.is_empty()),
            _ => true,
        }
    }

    /// Renders this chart of `run` to a file of `format`.
    pub fn render(
        self,
        run: &Run<'_>,
        format: Format,
        l: &'static Locale,
    ) -> Result<Vec<u8>, ChartError> {
        match self {
            ChartKind::Market => render(&market::MarketChart::new(run, l), format),
            ChartKind::Adoption => render(&adoption::AdoptionChart::new(run, l), format),
            ChartKind::Funding => render(&funding::FundingChart::new(run, l), format),
            ChartKind::Effects => render(&effects::EffectsChart::new(run, l), format),
            ChartKind::MarketDistribution => {
                render(&distribution::DistributionChart::new(run, l), format)
            }
            ChartKind::Deliverables => {
                render(&deliverables::DeliverablesChart::new(run, l), format)
            }
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

/// Every chart of `run` in each of `formats`, chart by chart; the files are
/// rendered in parallel on the current rayon pool (each file's bytes do not
/// depend on it) and listed in report order.
pub fn artifacts(
    run: &Run<'_>,
    formats: &[Format],
    l: &'static Locale,
) -> Result<Vec<Artifact>, ChartError> {
    use rayon::prelude::*;
    let files: Vec<(ChartKind, Format)> = chart_kinds(run)
        .into_iter()
        .flat_map(|k| formats.iter().map(move |&f| (k, f)))
        .collect();
    files
        .into_par_iter()
        .map(|(kind, f)| Ok(Artifact::new(kind.file_name(f), kind.render(run, f, l)?)))
        .collect()
}

/// The observed figures of `metric` as points with +/- 2 sd bars.
fn observed_points(run: &Run<'_>, metric: Metric) -> Vec<Point> {
    run.scenario
        .observed
        .iter()
        .filter(|o| o.metric == metric)
        .map(|o| Point {
            year: o.year,
            value: o.value,
            lo: o.value - 2.0 * o.sd,
            hi: o.value + 2.0 * o.sd,
            colour: INK,
        })
        .collect()
}

/// The median of `metric` over the years of `prior`, dashed and muted: the
/// run before calibration beside a calibrated fan.
fn median_line(prior: &Run<'_>, metric: Metric, l: &Locale) -> Line {
    let rows = prior.rows(metric);
    Line {
        label: l.charts.prior_median.into(),
        colour: MUTED,
        years: rows.iter().map(|r| r.year).collect(),
        values: rows.iter().map(|r| r.p50).collect(),
        dashed: true,
    }
}
