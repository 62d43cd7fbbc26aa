//! `adoption`: one panel per segment (small multiples) with the adopted share
//! per year, 0-100%, and the adoption targets marked at their years.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{median_line, observed_points};
use crate::analysis::run::Run;
use crate::report::chart::{
    Chart, ChartError, Fan, FanPlot, Header, INK, LegendEntry, Line, MUTED, Point, Scale, Swatch,
    TARGET, TargetMark, draw_fan_plot, fan_legend, grid, grid_size, segment_colour,
};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Metric;

/// One segment's panel.
#[derive(Debug, Clone)]
pub struct Panel {
    /// Segment label.
    pub caption: String,
    /// Percentiles of `adoption.<segment>`.
    pub fan: Fan,
    /// Targets on this segment's adoption.
    pub targets: Vec<TargetMark>,
    /// Observed figures of this segment's adoption.
    pub points: Vec<Point>,
    /// The prior's median, on a calibrated run's chart.
    pub lines: Vec<Line>,
}

/// The data of the `adoption` chart.
#[derive(Debug, Clone)]
pub struct AdoptionChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One panel per segment, in scenario order.
    pub panels: Vec<Panel>,
}

impl AdoptionChart {
    /// The chart of a run.
    pub fn new(run: &Run<'_>, l: &'static Locale) -> AdoptionChart {
        let panels = run
            .scenario
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let metric = Metric::Adoption(i);
                let rows = run.rows(metric);
                let targets = run
                    .targets()
                    .filter(|(t, _)| t.metric == metric)
                    .map(|(t, p)| TargetMark {
                        label: (l.charts.adoption_target)(
                            t.year,
                            &l.percent(t.bound.level()),
                            &l.percent(p.value),
                        ),
                        year: t.year,
                        value: t.bound.level(),
                        colour: TARGET,
                    })
                    .collect();
                Panel {
                    caption: s.label.clone(),
                    fan: Fan::from_rows(&s.label, segment_colour(i), &rows),
                    targets,
                    points: observed_points(run, metric),
                    lines: Vec::new(),
                }
            })
            .collect();
        let neutral = Fan::from_rows(l.charts.adoption, INK, &[]);
        let mut legend = fan_legend(&neutral, true, l);
        if run
            .scenario
            .targets
            .iter()
            .any(|t| matches!(t.metric, Metric::Adoption(_)))
        {
            legend.push(LegendEntry::new(l.charts.target, TARGET, Swatch::Target));
        }
        if run
            .scenario
            .observed
            .iter()
            .any(|o| matches!(o.metric, Metric::Adoption(_)))
        {
            legend.push(LegendEntry::new(l.charts.observed, INK, Swatch::Point));
        }
        AdoptionChart {
            header: Header {
                locale: l,
                title: l.charts.adoption_title.into(),
                subtitle: run.scenario.title.clone(),
                legend,
                provenance: Provenance::of(run.scenario, run.stats.settings).line(l),
            },
            panels,
        }
    }

    /// Adds the prior's median (the run before calibration) to each panel.
    pub fn with_prior(mut self, prior: &Run<'_>) -> AdoptionChart {
        for (i, p) in self.panels.iter_mut().enumerate() {
            p.lines
                .push(median_line(prior, Metric::Adoption(i), self.header.locale));
        }
        self.header.legend.push(LegendEntry::new(
            self.header.locale.charts.prior_median,
            MUTED,
            Swatch::Dashed,
        ));
        self
    }
}

impl Chart for AdoptionChart {
    fn size(&self) -> (u32, u32) {
        grid_size(self.panels.len(), 1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        for (cell, p) in grid(&plot, self.panels.len()).iter().zip(&self.panels) {
            draw_fan_plot(
                cell,
                &FanPlot {
                    horizon: None,
                    locale: self.header.locale,
                    caption: Some(&p.caption),
                    y_desc: self.header.locale.charts.adopted_share,
                    y_scale: Scale::Percent,
                    y_range: Some((0.0, 1.0)),
                    include_zero: true,
                    fans: std::slice::from_ref(&p.fan),
                    inner_bands: true,
                    lines: &p.lines,
                    targets: &p.targets,
                    points: &p.points,
                    compact: true,
                },
            )?;
        }
        Ok(())
    }
}
