//! `tornado` (sensitivity report): one horizontal bar per parameter, widest
//! first, from the metric's mean over the draws where the parameter is in its
//! lowest decile to the mean where it is in its highest, around a vertical
//! line at the mean over all draws. The part of a bar on the lowest-decile
//! side is vermillion and the part on the highest-decile side blue (the
//! convention of spreadsheet risk tools), so a bar whose blue part points left
//! is a parameter that lowers the metric; Spearman's rho is printed beside
//! each bar.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::sensitivity::Analysis;
use crate::report::chart::{
    Chart, ChartError, Header, INK, LegendEntry, RowAxes, Scale, Swatch, padded_range, row_plot,
    row_y, span, text_style,
};
use crate::report::provenance::Subject;
use crate::report::text::Locale;
use crate::scenario::MetricKind;

/// Bars shown at most.
pub const TOP: usize = 15;
/// Colour of the highest-decile side of a bar (blue).
pub const HIGH: RGBColor = crate::report::chart::PALETTE[0];
/// Colour of the lowest-decile side of a bar (vermillion).
pub const LOW: RGBColor = crate::report::chart::PALETTE[3];

/// One parameter's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// Parameter path.
    pub label: String,
    /// Spearman's rho.
    pub spearman: f64,
    /// Mean of the metric over the lowest decile of the parameter.
    pub low: f64,
    /// Mean of the metric over the highest decile.
    pub high: f64,
}

/// The data of the `tornado` chart.
#[derive(Debug, Clone)]
pub struct TornadoChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// The widest bars with a defined correlation, widest first.
    pub bars: Vec<TornadoBar>,
    /// Mean of the metric over all draws.
    pub mean: f64,
    /// How values read.
    pub scale: Scale,
    /// Horizontal axis label.
    pub x_desc: String,
}

/// How values of a metric of `kind` read on an axis.
pub fn metric_scale(kind: MetricKind) -> Scale {
    match kind {
        MetricKind::Adoption | MetricKind::Effect => Scale::Percent,
        _ => Scale::Number,
    }
}

/// A value of a metric read on `scale`, for labels.
pub fn metric_value(v: f64, scale: Scale, l: &Locale) -> String {
    match scale {
        Scale::Percent => l.percent(v),
        _ => l.number(v),
    }
}

/// Spearman's rho as printed beside a bar, e.g. `ρ = −0.04`.
pub fn rho_text(rho: f64, l: &Locale) -> String {
    // No "−0.00": a correlation that rounds to zero has no sign.
    let rho = if rho.abs() < 0.005 { 0.0 } else { rho };
    (l.sensitivity.rho)(&l.fixed(rho, 2))
}

impl TornadoChart {
    /// The chart of an analysis, or `None` without a rank method or without a
    /// defined bar (a metric that does not vary).
    pub fn new(
        analysis: &Analysis,
        subject: &Subject<'_>,
        l: &'static Locale,
    ) -> Option<TornadoChart> {
        let (t, mean) = analysis.tornado.as_ref()?;
        let bars: Vec<TornadoBar> = t
            .rows
            .iter()
            .filter(|r| {
                r.spearman.is_finite()
                    && r.low_decile_mean.is_finite()
                    && r.high_decile_mean.is_finite()
            })
            .take(TOP)
            .map(|r| TornadoBar {
                label: analysis.params[r.param].clone(),
                spearman: r.spearman,
                low: r.low_decile_mean,
                high: r.high_decile_mean,
            })
            .collect();
        if bars.is_empty() {
            return None;
        }
        let st = &analysis.settings;
        let scale = metric_scale(analysis.metric.kind);
        let unit = if scale == Scale::Percent {
            "%".to_string()
        } else {
            (l.unit)(&analysis.metric.unit)
        };
        let w = &l.sensitivity;
        let label = subject.metric(&st.metric, l);
        let legend = vec![
            LegendEntry::new(w.tornado_sides[0], LOW, Swatch::Bar),
            LegendEntry::new(w.tornado_sides[1], HIGH, Swatch::Bar),
            LegendEntry::new(
                (w.tornado_mean)(&metric_value(*mean, scale, l)),
                INK,
                Swatch::Line,
            ),
        ];
        Some(TornadoChart {
            header: Header {
                locale: l,
                title: (w.tornado_title)(&label, st.year),
                subtitle: subject.title(l),
                legend,
                provenance: subject.provenance(st.run).line(l),
            },
            bars,
            mean: *mean,
            scale,
            x_desc: (w.tornado_axis)(&label, st.year, &unit),
        })
    }
}

impl Chart for TornadoChart {
    fn size(&self) -> (u32, u32) {
        (1000, 230 + 32 * self.bars.len().max(4) as u32)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let r = span(
            self.bars
                .iter()
                .flat_map(|b| [b.low, b.high])
                .chain([self.mean]),
        );
        let (lo, hi) = padded_range(r.start, r.end, false, 0.04);
        // Room on the right for the rho labels.
        let x = (lo, hi + 0.12 * (hi - lo));
        let labels: Vec<String> = self.bars.iter().map(|b| b.label.clone()).collect();
        let mut chart = row_plot(
            &plot,
            &RowAxes {
                locale: self.header.locale,
                labels: &labels,
                x,
                x_desc: &self.x_desc,
                x_scale: self.scale,
                grid: true,
            },
        )?;
        let n = self.bars.len();
        // Each bar is split where the overall mean crosses it: the side of the
        // lowest decile in one colour, the side of the highest in the other.
        chart.draw_series(self.bars.iter().enumerate().flat_map(|(i, b)| {
            let y = row_y(i, n);
            let m = self.mean.clamp(b.low.min(b.high), b.low.max(b.high));
            [(b.low, LOW), (b.high, HIGH)].map(|(end, colour)| {
                Rectangle::new(
                    [(end.min(m), y - 0.32), (end.max(m), y + 0.32)],
                    colour.mix(0.85).filled(),
                )
            })
        }))?;
        chart.draw_series(LineSeries::new(
            [(self.mean, 0.0), (self.mean, n as f64)],
            INK.stroke_width(2),
        ))?;
        let tag = text_style(13.0, INK, false).pos(Pos::new(HPos::Left, VPos::Center));
        chart.draw_series(self.bars.iter().enumerate().map(|(i, b)| {
            // Right of the bar, and right of the mean line when the bar ends
            // left of it.
            EmptyElement::at((b.low.max(b.high).max(self.mean), row_y(i, n)))
                + Text::new(
                    rho_text(b.spearman, self.header.locale),
                    (6, 0),
                    tag.clone(),
                )
        }))?;
        Ok(())
    }
}
