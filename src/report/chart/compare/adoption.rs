//! The comparison's `adoption` chart: one panel per segment of the base.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::*;
use crate::analysis::compare::Comparison;
use crate::report::chart::*;
use crate::report::text::Locale;
use crate::scenario::Scenario;

/// One adoption share: a fan per scenario that has it.
#[derive(Debug, Clone)]
pub struct AdoptionPanel {
    /// The base segment's label.
    pub caption: String,
    /// Fans, base first.
    pub fans: Vec<Fan>,
}

/// The data of the comparison's `adoption` chart.
#[derive(Debug, Clone)]
pub struct CompareAdoptionChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// One panel per segment of the base.
    pub panels: Vec<AdoptionPanel>,
}

impl CompareAdoptionChart {
    /// The chart of a comparison of `scenarios` (base first).
    pub fn new(
        cmp: &Comparison,
        scenarios: &[Scenario],
        l: &'static Locale,
    ) -> CompareAdoptionChart {
        let panels: Vec<AdoptionPanel> = scenarios[0]
            .segments
            .iter()
            .map(|seg| AdoptionPanel {
                caption: seg.label.clone(),
                fans: (0..scenarios.len())
                    .filter_map(|i| {
                        scenario_fan(cmp, scenarios, i, &format!("adoption.{}", seg.id), l)
                    })
                    .collect(),
            })
            .collect();
        // The legend names every scenario present in some panel, base first.
        let shown: Vec<Fan> = (0..scenarios.len())
            .filter_map(|i| {
                let label = scenario_label(scenarios, i, l);
                panels
                    .iter()
                    .flat_map(|p| &p.fans)
                    .find(|f| f.label == label)
                    .cloned()
            })
            .collect();
        let most = panels.iter().map(|p| p.fans.len()).max().unwrap_or(0);
        CompareAdoptionChart {
            header: Header {
                locale: l,
                title: l.compare.adoption_title.into(),
                subtitle: subtitle(scenarios, l),
                legend: overlay_legend(&shown, inner_bands(most), l),
                provenance: provenance(cmp, scenarios, l),
            },
            panels,
        }
    }
}

impl Chart for CompareAdoptionChart {
    fn size(&self) -> (u32, u32) {
        let (w, h) = grid_size(self.panels.len(), 2);
        (w, h + 20)
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
                    fans: &p.fans,
                    inner_bands: inner_bands(p.fans.len()),
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
