//! `market-distribution`: histogram of the total market in the last year,
//! from the run's distribution sketch, with P5, median, P95 and the targets
//! marked and the targets' probabilities in the legend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::run::Run;
use crate::report::chart::{
    Axes, Chart, ChartError, Header, INK, LegendEntry, Scale, Swatch, TARGET, cartesian, nice_step,
    padded_range, series_colour, text_style,
};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::{Bound, Metric};

/// Bins of the histogram, about.
const BINS: f64 = 40.0;

/// A vertical marker on the histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Short text at the top of the line.
    pub tag: String,
    /// Position, M EUR.
    pub value: f64,
    /// Colour.
    pub colour: RGBColor,
    /// Dashed rather than solid.
    pub dashed: bool,
}

/// The data of the `market-distribution` chart.
#[derive(Debug, Clone)]
pub struct DistributionChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// Bin edges, M EUR.
    pub edges: Vec<f64>,
    /// Share of draws in each bin.
    pub shares: Vec<f64>,
    /// P5, median, P95 and target lines.
    pub markers: Vec<Marker>,
}

impl DistributionChart {
    /// The chart of a run.
    pub fn new(run: &Run<'_>, l: &'static Locale) -> DistributionChart {
        let ix = &run.scenario.metrics;
        let t = ix.years() - 1;
        let year = ix.year(t);
        let series = ix.series(Metric::Total, t);
        let s = run.stats.get(series);
        let row = run.row(series);
        let q = s.percentiles(&[0.005, 0.995]);
        let targets: Vec<_> = run
            .targets()
            .filter(|(tg, _)| tg.metric == Metric::Total && tg.year == year)
            .collect();
        let (mut lo, mut hi) = (q[0], q[1]);
        for (tg, _) in &targets {
            lo = lo.min(tg.bound.level());
            hi = hi.max(tg.bound.level());
        }
        if (hi - lo).is_nan() || hi - lo <= 1e-9 * hi.abs().max(1.0) {
            let (a, b) = padded_range(lo, hi, false, 0.0);
            lo = a;
            hi = b;
        }
        let step = nice_step((hi - lo) / BINS);
        let first = (lo / step).floor() * step;
        let n = (((hi - first) / step).ceil() as usize).max(1);
        let edges: Vec<f64> = (0..=n).map(|i| first + step * i as f64).collect();
        // Shares of the draws (of their weight, when calibrated).
        let draws = if s.moments.weight > 0.0 {
            s.moments.weight
        } else {
            1.0
        };
        let shares: Vec<f64> = s.histogram(&edges).iter().map(|c| c / draws).collect();
        let outside = (1.0 - shares.iter().sum::<f64>()).max(0.0);

        let bars = series_colour(0);
        let target_colour = TARGET;
        let mut legend = vec![LegendEntry::new(l.charts.share_per_bin, bars, Swatch::Bar)];
        let mut markers = Vec::new();
        let tags = l.charts.marker_tags;
        for (tag, v, dashed) in [
            (tags[0], row.p5, true),
            (tags[1], row.p50, false),
            (tags[2], row.p95, true),
        ] {
            markers.push(Marker {
                tag: tag.into(),
                value: v,
                colour: INK,
                dashed,
            });
            let label = (l.charts.marker_value)(tag, &l.number(v));
            legend.push(LegendEntry::new(
                label,
                INK,
                if dashed { Swatch::Dashed } else { Swatch::Line },
            ));
        }
        for (tg, p) in &targets {
            let sign = match tg.bound {
                Bound::AtLeast(_) => "≥",
                Bound::AtMost(_) => "≤",
            };
            markers.push(Marker {
                tag: tags[3].into(),
                value: tg.bound.level(),
                colour: target_colour,
                dashed: false,
            });
            legend.push(LegendEntry::new(
                (l.charts.distribution_target)(
                    &tg.label,
                    sign,
                    &l.number(tg.bound.level()),
                    &l.percent(p.value),
                ),
                target_colour,
                Swatch::Line,
            ));
        }
        if outside >= 0.0005 {
            legend.push(LegendEntry::new(
                (l.charts.beyond_axis)(&l.percent(outside)),
                crate::report::chart::GRID,
                Swatch::Bar,
            ));
        }
        DistributionChart {
            header: Header {
                locale: l,
                title: (l.charts.distribution_title)(
                    year,
                    &l.thousands(run.stats.settings.draws as f64, 0),
                ),
                subtitle: run.scenario.title.clone(),
                legend,
                provenance: Provenance::of(run.scenario, run.stats.settings).line(l),
            },
            edges,
            shares,
            markers,
        }
    }
}

impl Chart for DistributionChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let x0 = self.edges[0];
        let x1 = self.edges[self.edges.len() - 1];
        let top = self.shares.iter().copied().fold(0.0, f64::max);
        // Room above the bars for the markers' tags.
        let y = (
            0.0,
            if top > 0.8 {
                1.0
            } else {
                (top * 1.25).max(0.01)
            },
        );
        let mut chart = cartesian(
            &plot,
            &Axes {
                locale: self.header.locale,
                caption: None,
                x: (x0, x1),
                y,
                x_desc: self.header.locale.charts.total_market_axis,
                y_desc: self.header.locale.charts.share_of_draws,
                x_scale: Scale::Number,
                y_scale: Scale::Percent,
                compact: false,
            },
        )?;
        let bars = series_colour(0);
        chart.draw_series(
            self.edges
                .windows(2)
                .zip(&self.shares)
                .map(|(e, &v)| Rectangle::new([(e[0], 0.0), (e[1], v)], bars.mix(0.75).filled())),
        )?;
        // Thin white gaps between bars.
        chart.draw_series(
            self.edges
                .windows(2)
                .zip(&self.shares)
                .map(|(e, &v)| Rectangle::new([(e[0], 0.0), (e[1], v)], WHITE.stroke_width(1))),
        )?;
        let tag = text_style(13.0, INK, false).pos(Pos::new(HPos::Left, VPos::Top));
        for (i, m) in self.markers.iter().enumerate() {
            let pts = [(m.value, 0.0), (m.value, y.1)];
            if m.dashed {
                chart.draw_series(DashedLineSeries::new(pts, 7, 4, m.colour.stroke_width(2)))?;
            } else {
                chart.draw_series(LineSeries::new(pts, m.colour.stroke_width(2)))?;
            }
            // Stagger the tags so that close markers stay readable.
            let dy = 4 + 16 * (i as i32 % 3);
            chart.draw_series(std::iter::once(
                EmptyElement::at((m.value, y.1))
                    + Text::new(m.tag.clone(), (5, dy), tag.clone().color(&m.colour)),
            ))?;
        }
        Ok(())
    }
}
