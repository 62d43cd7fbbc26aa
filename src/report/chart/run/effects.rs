//! `effects`: the effect level of each axis per year (0-100%), median and
//! P5-P95 band.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::run::Run;
use crate::report::chart::{
    Chart, ChartError, Fan, FanPlot, Header, LegendEntry, MUTED, OUTER_ALPHA, Scale, Swatch,
    axis_colour, draw_fan_plot,
};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Metric;

/// The data of the `effects` chart.
#[derive(Debug, Clone)]
pub struct EffectsChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One fan per axis, in scenario order.
    pub fans: Vec<Fan>,
}

impl EffectsChart {
    /// The chart of a run.
    pub fn new(run: &Run<'_>, l: &'static Locale) -> EffectsChart {
        let fans: Vec<Fan> = run
            .scenario
            .axes
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let rows = run.rows(Metric::Effect(i));
                Fan::from_rows(&a.label, axis_colour(i), &rows)
            })
            .collect();
        let mut legend: Vec<LegendEntry> = fans
            .iter()
            .map(|f| LegendEntry::new(&f.label, f.colour, Swatch::Line))
            .collect();
        legend.push(LegendEntry::new(
            l.charts.effects_band,
            MUTED,
            Swatch::Band(OUTER_ALPHA * 2.0),
        ));
        EffectsChart {
            header: Header {
                locale: l,
                title: l.charts.effects_title.into(),
                subtitle: run.scenario.title.clone(),
                legend,
                provenance: Provenance::of(run.scenario, run.stats.settings).line(l),
            },
            fans,
        }
    }
}

impl Chart for EffectsChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        draw_fan_plot(
            &plot,
            &FanPlot {
                locale: self.header.locale,
                caption: None,
                y_desc: self.header.locale.charts.effect_level,
                y_scale: Scale::Percent,
                y_range: Some((0.0, 1.0)),
                include_zero: true,
                fans: &self.fans,
                inner_bands: false,
                lines: &[],
                refs: &[],
                points: &[],
                compact: false,
            },
        )
    }
}
