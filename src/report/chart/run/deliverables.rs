//! `deliverables`: cumulative deliverables of the axes (trainees, projects,
//! ...), one panel per deliverable since their scales differ.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::run::Run;
use crate::report::chart::{
    Chart, ChartError, Fan, FanPlot, Header, INK, Scale, axis_colour, draw_fan_plot, fan_legend,
    grid, grid_size,
};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Metric;

/// The data of the `deliverables` chart.
#[derive(Debug, Clone)]
pub struct DeliverablesChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One panel per deliverable: caption (the deliverable's name and its
    /// axis' label) and fan (in its axis' colour).
    pub panels: Vec<(String, Fan)>,
}

impl DeliverablesChart {
    /// The chart of a run (no panels when the scenario has no deliverables).
    pub fn new(run: &Run<'_>, l: &'static Locale) -> DeliverablesChart {
        let mut panels = Vec::new();
        for (i, a) in run.scenario.axes.iter().enumerate() {
            for (k, d) in a.deliverables.iter().enumerate() {
                let rows = run.rows(Metric::Deliverable(i, k));
                let caption = (l.charts.deliverable_panel)(&d.name, &a.label);
                panels.push((
                    caption.clone(),
                    Fan::from_rows(caption, axis_colour(i), &rows),
                ));
            }
        }
        let neutral = Fan::from_rows(l.charts.deliverables, INK, &[]);
        DeliverablesChart {
            header: Header {
                locale: l,
                title: l.charts.deliverables_title.into(),
                subtitle: run.scenario.title.clone(),
                legend: fan_legend(&neutral, true, l),
                provenance: Provenance::of(run.scenario, run.stats.settings).line(l),
            },
            panels,
        }
    }
}

impl Chart for DeliverablesChart {
    fn size(&self) -> (u32, u32) {
        grid_size(self.panels.len(), 1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        for (cell, (caption, fan)) in grid(&plot, self.panels.len()).iter().zip(&self.panels) {
            draw_fan_plot(
                cell,
                &FanPlot {
                    horizon: None,
                    locale: self.header.locale,
                    caption: Some(caption),
                    y_desc: self.header.locale.charts.units,
                    y_scale: Scale::Number,
                    y_range: None,
                    include_zero: true,
                    fans: std::slice::from_ref(fan),
                    inner_bands: true,
                    lines: &[],
                    targets: &[],
                    points: &[],
                    compact: true,
                },
            )?;
        }
        Ok(())
    }
}
