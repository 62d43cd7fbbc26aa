//! `market`: fan chart of the total market per year, with the domestic and
//! export medians (each left out when it is 0 every year) and the market
//! targets marked at their years.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{median_line, observed_points};
use crate::analysis::run::Run;
use crate::report::chart::{
    Chart, ChartError, Fan, FanPlot, Header, INK, LegendEntry, Line, MUTED, Point, Scale, Swatch,
    TARGET, TargetMark, all_zero, draw_fan_plot, fan_legend, series_colour,
};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Metric;

/// Colour of the total market fan.
const TOTAL: usize = 0;
/// Colour of the domestic median.
const DOMESTIC: usize = 1;
/// Colour of the export median.
const EXPORT: usize = 2;

/// The data of the `market` chart.
#[derive(Debug, Clone)]
pub struct MarketChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// Percentiles of `market.total`.
    pub total: Fan,
    /// Medians of `market.domestic` and `market.export`, those not 0 every
    /// year.
    pub lines: Vec<Line>,
    /// Targets on `market.total`.
    pub targets: Vec<TargetMark>,
    /// Observed figures of the three market metrics.
    pub points: Vec<Point>,
}

impl MarketChart {
    /// The chart of a run.
    pub fn new(run: &Run<'_>, l: &'static Locale) -> MarketChart {
        let rows = run.rows(Metric::Total);
        let total = Fan::from_rows(l.charts.total_market, series_colour(TOTAL), &rows);
        let mut legend = fan_legend(&total, true, l);
        let mut lines = Vec::new();
        for (m, label, c) in [
            (Metric::Domestic, l.charts.domestic_median, DOMESTIC),
            (Metric::Export, l.charts.export_median, EXPORT),
        ] {
            let rows = run.rows(m);
            if all_zero(&rows.iter().map(|r| r.p50).collect::<Vec<f64>>()) {
                continue;
            }
            lines.push(Line {
                label: label.into(),
                colour: series_colour(c),
                years: rows.iter().map(|r| r.year).collect(),
                values: rows.iter().map(|r| r.p50).collect(),
                dashed: false,
            });
            legend.push(LegendEntry::new(label, series_colour(c), Swatch::Line));
        }
        let mut targets = Vec::new();
        for (t, p) in run.targets() {
            if t.metric != Metric::Total {
                continue;
            }
            targets.push(TargetMark {
                label: (l.charts.target_line)(&t.label, &l.number(t.bound.level())),
                year: t.year,
                value: t.bound.level(),
                colour: TARGET,
            });
            legend.push(LegendEntry::new(
                (l.charts.target_probability)(t.year, &l.percent(p.value)),
                TARGET,
                Swatch::Target,
            ));
        }
        let points: Vec<Point> = [Metric::Total, Metric::Domestic, Metric::Export]
            .into_iter()
            .flat_map(|m| observed_points(run, m))
            .collect();
        if !points.is_empty() {
            legend.push(LegendEntry::new(l.charts.observed, INK, Swatch::Point));
        }
        MarketChart {
            header: Header {
                locale: l,
                title: l.charts.market_title.into(),
                subtitle: run.scenario.title.clone(),
                legend,
                provenance: Provenance::of(run.scenario, run.stats.settings).line(l),
            },
            total,
            lines,
            targets,
            points,
        }
    }

    /// Adds the prior's median of the total (the run before calibration).
    pub fn with_prior(mut self, prior: &Run<'_>) -> MarketChart {
        let l = self.header.locale;
        self.lines.push(median_line(prior, Metric::Total, l));
        self.header.legend.push(LegendEntry::new(
            l.charts.prior_median,
            MUTED,
            Swatch::Dashed,
        ));
        self
    }
}

impl Chart for MarketChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        draw_fan_plot(
            &plot,
            &FanPlot {
                horizon: None,
                locale: self.header.locale,
                caption: None,
                y_desc: self.header.locale.charts.meur_per_year,
                y_scale: Scale::Number,
                y_range: None,
                include_zero: true,
                fans: std::slice::from_ref(&self.total),
                inner_bands: true,
                lines: &self.lines,
                targets: &self.targets,
                points: &self.points,
                compact: false,
            },
        )
    }
}
