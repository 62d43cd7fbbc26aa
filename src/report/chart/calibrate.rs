//! The calibration report's own chart: `parameters`, the prior and the
//! posterior of the parameters the observations moved most, as histograms
//! (small multiples). The adoption and market charts are the run's, with
//! the prior's median added.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    Axes, Chart, ChartError, Header, LegendEntry, MUTED, Scale, Swatch, cartesian, grid, grid_size,
    nice_step, padded_range, series_colour,
};
use crate::analysis::calibrate::{Calibration, ParameterShift};
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Scenario;
use crate::stats::SeriesStats;

/// Most parameters shown.
pub const MAX_PANELS: usize = 6;
/// Bins per panel, about.
const BINS: f64 = 30.0;

/// One parameter's panel.
#[derive(Debug, Clone)]
pub struct Panel {
    /// The parameter's path.
    pub caption: String,
    /// Bin edges, ascending.
    pub edges: Vec<f64>,
    /// Prior share of the draws per bin.
    pub prior: Vec<f64>,
    /// Posterior share of the weight per bin.
    pub posterior: Vec<f64>,
}

/// The data of the `parameters` chart.
#[derive(Debug, Clone)]
pub struct ParametersChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One panel per parameter, the one that moved most first.
    pub panels: Vec<Panel>,
}

/// Shares of `s`'s values (weight) per bin between `edges`.
fn shares(s: &SeriesStats, edges: &[f64]) -> Vec<f64> {
    let total = if s.moments.weight > 0.0 {
        s.moments.weight
    } else {
        1.0
    };
    s.histogram(edges).iter().map(|c| c / total).collect()
}

impl Panel {
    fn new(p: &ParameterShift) -> Panel {
        let q = p.prior_stats.percentiles(&[0.005, 0.995]);
        let r = p.posterior_stats.percentiles(&[0.005, 0.995]);
        let (lo, hi) = padded_range(q[0].min(r[0]), q[1].max(r[1]), false, 0.0);
        let step = nice_step((hi - lo) / BINS);
        let first = (lo / step).floor() * step;
        let n = (((hi - first) / step).ceil() as usize).max(1);
        let edges: Vec<f64> = (0..=n).map(|i| first + step * i as f64).collect();
        Panel {
            caption: p.path.clone(),
            prior: shares(&p.prior_stats, &edges),
            posterior: shares(&p.posterior_stats, &edges),
            edges,
        }
    }
}

impl ParametersChart {
    /// The chart of a calibration: the parameters that moved, at most
    /// [`MAX_PANELS`].
    pub fn new(c: &Calibration, s: &Scenario, l: &'static Locale) -> ParametersChart {
        let t = &l.calibrate;
        let panels = c
            .parameters
            .iter()
            .filter(|p| p.prior.sd > 0.0)
            .take(MAX_PANELS)
            .map(Panel::new)
            .collect();
        ParametersChart {
            header: Header {
                locale: l,
                title: t.parameters_title.into(),
                subtitle: s.title.clone(),
                legend: vec![
                    LegendEntry::new(t.prior, MUTED, Swatch::Bar),
                    LegendEntry::new(t.posterior, series_colour(0), Swatch::Bar),
                ],
                provenance: Provenance::of(s, c.posterior.settings).line(l),
            },
            panels,
        }
    }
}

impl Chart for ParametersChart {
    fn size(&self) -> (u32, u32) {
        grid_size(self.panels.len().max(1), 1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let t = &self.header.locale.calibrate;
        for (cell, p) in grid(&plot, self.panels.len()).iter().zip(&self.panels) {
            let top = p
                .prior
                .iter()
                .chain(&p.posterior)
                .copied()
                .fold(0.0, f64::max);
            let mut chart = cartesian(
                cell,
                &Axes {
                    locale: self.header.locale,
                    caption: Some(&p.caption),
                    x: (p.edges[0], p.edges[p.edges.len() - 1]),
                    y: (0.0, (top * 1.1).max(0.01)),
                    x_desc: t.value,
                    y_desc: t.share,
                    x_scale: Scale::Number,
                    y_scale: Scale::Percent,
                    compact: true,
                },
            )?;
            let bars = |shares: &[f64], colour: RGBAColor| {
                p.edges
                    .windows(2)
                    .zip(shares)
                    .map(move |(e, &v)| Rectangle::new([(e[0], 0.0), (e[1], v)], colour.filled()))
                    .collect::<Vec<_>>()
            };
            chart.draw_series(bars(&p.prior, MUTED.mix(0.45)))?;
            chart.draw_series(bars(&p.posterior, series_colour(0).mix(0.55)))?;
        }
        Ok(())
    }
}
