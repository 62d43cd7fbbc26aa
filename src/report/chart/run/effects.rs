//! `effects`: the effect level of each axis per year (0-100%), median and
//! P5-P95 band; an axis whose effect is 0 every year (no money) is left out,
//! and a note says when no axis has any effect.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::run::Run;
use crate::report::chart::{
    Chart, ChartError, Fan, FanPlot, Header, LegendEntry, MUTED, OUTER_ALPHA, Scale, Swatch,
    axis_colour, draw_fan_plot, draw_note,
};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Metric;

/// The data of the `effects` chart.
#[derive(Debug, Clone)]
pub struct EffectsChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One fan per axis with an effect, in scenario order (in the axis'
    /// colour).
    pub fans: Vec<Fan>,
    /// The first and last simulated years.
    pub horizon: (i32, i32),
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
            .filter(|f| !f.is_zero())
            .collect();
        let mut legend: Vec<LegendEntry> = fans
            .iter()
            .map(|f| LegendEntry::new(&f.label, f.colour, Swatch::Line))
            .collect();
        if !fans.is_empty() {
            legend.push(LegendEntry::new(
                l.charts.effects_band,
                MUTED,
                Swatch::Band(OUTER_ALPHA * 2.0),
            ));
        }
        EffectsChart {
            header: Header {
                locale: l,
                title: l.charts.effects_title.into(),
                subtitle: run.scenario.title.clone(),
                legend,
                provenance: Provenance::of(run.scenario, run.stats.settings).line(l),
            },
            fans,
            horizon: (run.scenario.start_year, run.scenario.end_year),
        }
    }
}

impl Chart for EffectsChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        draw_fan_plot(
            &plot,
            &FanPlot {
                horizon: Some(self.horizon),
                locale: self.header.locale,
                caption: None,
                y_desc: self.header.locale.charts.effect_level,
                y_scale: Scale::Percent,
                y_range: Some((0.0, 1.0)),
                include_zero: true,
                fans: &self.fans,
                inner_bands: false,
                lines: &[],
                targets: &[],
                points: &[],
                compact: false,
            },
        )?;
        if self.fans.is_empty() {
            draw_note(&plot, self.header.locale.charts.no_effect)?;
        }
        Ok(())
    }
}
