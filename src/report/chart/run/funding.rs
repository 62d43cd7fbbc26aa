//! `funding`: planned public spending per year, stacked by axis, with the
//! executed spending (planned x the median execution share of each axis);
//! the legend leaves out axes that plan nothing, and the executed line when
//! nothing is planned.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::run::Run;
use crate::report::chart::{
    Axes, Chart, ChartError, Header, INK, LegendEntry, Scale, Swatch, all_zero, axis_colour,
    cartesian, draw_note, padded_range, with_room, year_range,
};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Param;

/// The data of the `funding` chart.
#[derive(Debug, Clone)]
pub struct FundingChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// Calendar years.
    pub years: Vec<i32>,
    /// Per axis: label, colour and planned spending per year (M EUR).
    pub planned: Vec<(String, RGBColor, Vec<f64>)>,
    /// Executed spending per year, sum over axes of planned x median execution.
    pub executed: Vec<f64>,
}

impl FundingChart {
    /// The chart of a run.
    pub fn new(run: &Run<'_>, l: &'static Locale) -> FundingChart {
        let s = run.scenario;
        let years = s.year_list();
        let mut executed = vec![0.0; years.len()];
        let mut planned = Vec::new();
        let mut legend = Vec::new();
        for (i, a) in s.axes.iter().enumerate() {
            // Planned amounts are fixed, so the median of planned x execution
            // is planned x the median of execution.
            let median_execution = match a.execution {
                Param::Fixed(v) => v,
                Param::Uncertain(k) => s.uncertain[k].dist.median(),
            };
            for (e, p) in executed.iter_mut().zip(&a.plan) {
                *e += p * median_execution;
            }
            planned.push((a.label.clone(), axis_colour(i), a.plan.clone()));
            if !all_zero(&a.plan) {
                legend.push(LegendEntry::new(&a.label, axis_colour(i), Swatch::Bar));
            }
        }
        if !all_zero(&executed) {
            legend.push(LegendEntry::new(
                l.charts.executed_median,
                INK,
                Swatch::Line,
            ));
        }
        FundingChart {
            header: Header {
                locale: l,
                title: l.charts.funding_title.into(),
                subtitle: s.title.clone(),
                legend,
                provenance: Provenance::of(run.scenario, run.stats.settings).line(l),
            },
            years,
            planned,
            executed,
        }
    }
}

impl Chart for FundingChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let totals: Vec<f64> = (0..self.years.len())
            .map(|t| self.planned.iter().map(|p| p.2[t]).sum())
            .collect();
        let top = totals.iter().copied().fold(0.0, f64::max);
        let mut chart = cartesian(
            &plot,
            &Axes {
                locale: self.header.locale,
                caption: None,
                x: year_range(&self.years),
                // The executed line is drawn unless it is 0 every year.
                y: with_room(
                    padded_range(0.0, top, true, 0.08),
                    self.executed
                        .iter()
                        .copied()
                        .filter(|_| !all_zero(&self.executed)),
                ),
                x_desc: self.header.locale.charts.year,
                y_desc: self.header.locale.charts.meur_per_year,
                x_scale: Scale::Year,
                y_scale: Scale::Number,
                compact: false,
            },
        )?;
        for (t, &year) in self.years.iter().enumerate() {
            let x = year as f64;
            let mut base = 0.0;
            for (_, colour, plan) in &self.planned {
                let v = plan[t];
                if v > 0.0 {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(x - 0.35, base), (x + 0.35, base + v)],
                        colour.filled(),
                    )))?;
                    base += v;
                }
            }
        }
        let pts: Vec<(f64, f64)> = self
            .years
            .iter()
            .zip(&self.executed)
            .map(|(&y, &v)| (y as f64, v))
            .collect();
        if !all_zero(&self.executed) {
            chart.draw_series(LineSeries::new(pts.clone(), INK.stroke_width(2)))?;
            chart.draw_series(pts.iter().map(|&p| Circle::new(p, 4, INK.filled())))?;
        }
        if top <= 0.0 {
            draw_note(&plot, self.header.locale.charts.no_spending)?;
        }
        Ok(())
    }
}
