//! `sobol` (sensitivity report): for the chosen year, the first-order (S1)
//! and total (ST) Sobol indices of the parameters with the largest ST, as
//! paired horizontal bars with their bootstrap intervals as error bars.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::sensitivity::sobol::{Estimate, OutputStatus};
use crate::analysis::sensitivity::{Analysis, sobol_order};
use crate::report::chart::{
    Chart, ChartError, Header, INK, LegendEntry, RowAxes, Scale, Swatch, draw_whisker,
    padded_range, row_plot, row_y, series_colour, span,
};
use crate::report::provenance::{Counted, Provenance, Subject};
use crate::report::text::Locale;

/// Parameters shown at most.
pub const TOP: usize = 15;

/// Colour of the first-order bars.
pub fn s1_colour() -> RGBColor {
    series_colour(1)
}

/// Colour of the total-index bars.
pub fn st_colour() -> RGBColor {
    series_colour(0)
}

/// One parameter's indices.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolBar {
    /// Parameter path.
    pub label: String,
    /// First-order index with its interval.
    pub s1: Estimate,
    /// Total index with its interval.
    pub st: Estimate,
}

/// The data of the `sobol` chart.
#[derive(Debug, Clone)]
pub struct SobolChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// The parameters with the largest ST, largest first.
    pub bars: Vec<SobolBar>,
}

impl SobolChart {
    /// The chart of an analysis, or `None` without the Sobol method or when
    /// the metric does not vary (or is not finite) in the chosen year.
    pub fn new(
        analysis: &Analysis,
        subject: &Subject<'_>,
        l: &'static Locale,
    ) -> Option<SobolChart> {
        let s = analysis.sobol.as_ref()?;
        let t = analysis.t;
        if s.result.outputs[t].status != OutputStatus::Ok {
            return None;
        }
        let bars: Vec<SobolBar> = sobol_order(s, t)
            .into_iter()
            .map(|i| {
                let x = s.result.get(t, i);
                SobolBar {
                    label: s.params[i].clone(),
                    s1: x.s1,
                    st: x.st,
                }
            })
            .filter(|b| b.st.value.is_finite())
            .take(TOP)
            .collect();
        if bars.is_empty() {
            return None;
        }
        let st = &analysis.settings;
        let conf = s.result.options.confidence;
        let w = &l.sensitivity;
        let intervals = if s.result.options.resamples > 0 {
            (w.sobol_interval)(&l.percent_with(conf, 0))
        } else {
            w.sobol_no_interval.into()
        };
        let mut sim = st.run;
        sim.draws = s.result.evaluations() as u64;
        Some(SobolChart {
            header: Header {
                locale: l,
                title: (w.sobol_title)(&subject.metric(&st.metric, l), st.year),
                subtitle: (w.sobol_subtitle)(
                    &subject.title(l),
                    &l.thousands(s.result.n as f64, 0),
                    s.result.options.resamples,
                ),
                legend: vec![
                    LegendEntry::new(w.sobol_legend[0], s1_colour(), Swatch::Bar),
                    LegendEntry::new(w.sobol_legend[1], st_colour(), Swatch::Bar),
                    LegendEntry::new(intervals, INK, Swatch::Line),
                ],
                provenance: Provenance {
                    counted: Counted::ModelRuns,
                    ..subject.provenance(sim)
                }
                .line(l),
            },
            bars,
        })
    }
}

impl Chart for SobolChart {
    fn size(&self) -> (u32, u32) {
        (1000, 250 + 40 * self.bars.len().max(4) as u32)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let r = span(
            self.bars
                .iter()
                .flat_map(|b| [b.s1, b.st])
                .flat_map(|e| [e.value, e.low, e.high]),
        );
        let (lo, hi) = padded_range(r.start.min(0.0), r.end.max(0.0), true, 0.04);
        let labels: Vec<String> = self.bars.iter().map(|b| b.label.clone()).collect();
        let mut chart = row_plot(
            &plot,
            &RowAxes {
                locale: self.header.locale,
                labels: &labels,
                x: (lo, hi),
                x_desc: self.header.locale.sensitivity.sobol_axis,
                x_scale: Scale::Number,
                grid: true,
            },
        )?;
        let n = self.bars.len();
        for (i, b) in self.bars.iter().enumerate() {
            let y = row_y(i, n);
            // S1 in the upper half of the row, ST in the lower half.
            for (e, colour, yc) in [(b.s1, s1_colour(), y + 0.19), (b.st, st_colour(), y - 0.19)] {
                if !e.value.is_finite() {
                    continue;
                }
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, yc - 0.16), (e.value, yc + 0.16)],
                    colour.mix(0.85).filled(),
                )))?;
                draw_whisker(&mut chart, (e.low, e.high), yc, 8, INK)?;
            }
        }
        if lo < 0.0 {
            chart.draw_series(LineSeries::new(
                [(0.0, 0.0), (0.0, n as f64)],
                crate::report::chart::MUTED.stroke_width(1),
            ))?;
        }
        Ok(())
    }
}
