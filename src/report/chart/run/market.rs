//! `market`: fan chart of the total market per year, with the domestic and
//! export medians and the market targets as reference lines.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{median_line, observed_points};
use crate::analysis::run::Run;
use crate::report::chart::{
    Chart, ChartError, Fan, FanPlot, Header, INK, LegendEntry, Line, MUTED, Point, RefLine, Scale,
    Swatch, draw_fan_plot, fan_legend, series_colour,
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
/// Colour of target lines.
const TARGET: usize = 3;

/// The data of the `market` chart.
#[derive(Debug, Clone)]
pub struct MarketChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// Percentiles of `market.total`.
    pub total: Fan,
    /// Medians of `market.domestic` and `market.export`.
    pub lines: Vec<Line>,
    /// Targets on `market.total`.
    pub refs: Vec<RefLine>,
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
            lines.push(Line {
                label: label.into(),
                colour: series_colour(c),
                years: rows.iter().map(|r| r.year).collect(),
                values: rows.iter().map(|r| r.p50).collect(),
                dashed: false,
            });
            legend.push(LegendEntry::new(label, series_colour(c), Swatch::Line));
        }
        let mut refs = Vec::new();
        for (t, p) in run.targets() {
            if t.metric != Metric::Total {
                continue;
            }
            refs.push(RefLine {
                label: (l.charts.target_line)(&t.label, &l.number(t.bound.level())),
                value: t.bound.level(),
                colour: series_colour(TARGET),
            });
            legend.push(LegendEntry::new(
                (l.charts.target_probability)(t.year, &l.percent(p.value)),
                series_colour(TARGET),
                Swatch::Dashed,
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
            refs,
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
                locale: self.header.locale,
                caption: None,
                y_desc: self.header.locale.charts.meur_per_year,
                y_scale: Scale::Number,
                y_range: None,
                include_zero: true,
                fans: std::slice::from_ref(&self.total),
                inner_bands: true,
                lines: &self.lines,
                refs: &self.refs,
                points: &self.points,
                compact: false,
            },
        )
    }
}
