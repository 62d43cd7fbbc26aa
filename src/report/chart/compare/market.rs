//! The comparison's `market` chart: overlaid fans of the total market.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::*;
use crate::analysis::compare::Comparison;
use crate::report::chart::*;
use crate::report::text::Locale;
use crate::scenario::Scenario;

/// The data of the comparison's `market` chart.
#[derive(Debug, Clone)]
pub struct CompareMarketChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One fan of `market.total` per scenario, the base first.
    pub fans: Vec<Fan>,
}

impl CompareMarketChart {
    /// The chart of a comparison of `scenarios` (base first).
    pub fn new(cmp: &Comparison, scenarios: &[Scenario], l: &'static Locale) -> CompareMarketChart {
        let fans: Vec<Fan> = (0..scenarios.len())
            .filter_map(|i| scenario_fan(cmp, scenarios, i, "market.total", l))
            .collect();
        CompareMarketChart {
            header: Header {
                locale: l,
                title: l.compare.market_title.into(),
                subtitle: subtitle(scenarios, l),
                legend: overlay_legend(&fans, inner_bands(fans.len()), l),
                provenance: provenance(cmp, scenarios, l),
            },
            fans,
        }
    }
}

impl Chart for CompareMarketChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        draw_fan_plot(
            &plot,
            &FanPlot {
                horizon: None,
                locale: self.header.locale,
                caption: None,
                y_desc: self.header.locale.charts.meur_per_year,
                y_scale: Scale::Number,
                y_range: None,
                include_zero: true,
                fans: &self.fans,
                inner_bands: inner_bands(self.fans.len()),
                lines: &[],
                targets: &[],
                points: &[],
                compact: false,
            },
        )
    }
}
