//! A comparison's `difference-<alt>` chart: the draw-by-draw difference.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::*;
use crate::analysis::compare::{AltComparison, Comparison};
use crate::report::chart::*;
use crate::report::text::Locale;
use crate::scenario::{Metric, Scenario};

/// One metric's difference fan.
#[derive(Debug, Clone)]
pub struct DifferencePanel {
    /// What the panel shows.
    pub caption: String,
    /// Percentiles of `ALT - BASE` per year.
    pub fan: Fan,
}

/// The data of a `difference-<alt>` chart.
#[derive(Debug, Clone)]
pub struct DifferenceChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// The total market, then the domestic market.
    pub panels: Vec<DifferencePanel>,
}

/// The fan of the draw-by-draw difference of `metric` over the shared years.
pub fn difference_fan(
    alt: &AltComparison,
    metric: Metric,
    label: impl Into<String>,
    colour: RGBColor,
) -> Fan {
    let mut fan = Fan {
        label: label.into(),
        colour,
        years: Vec::new(),
        p5: Vec::new(),
        p25: Vec::new(),
        p50: Vec::new(),
        p75: Vec::new(),
        p95: Vec::new(),
        dash: None,
    };
    for (sh, d) in alt.shared.iter().zip(&alt.diff) {
        if sh.id != metric {
            continue;
        }
        let q = d.percentiles(&[0.05, 0.25, 0.5, 0.75, 0.95]);
        fan.years.push(sh.year);
        fan.p5.push(q[0]);
        fan.p25.push(q[1]);
        fan.p50.push(q[2]);
        fan.p75.push(q[3]);
        fan.p95.push(q[4]);
    }
    fan
}

impl DifferenceChart {
    /// The chart of alternative `a` (0-based among the alternatives).
    pub fn new(
        cmp: &Comparison,
        scenarios: &[Scenario],
        a: usize,
        l: &'static Locale,
    ) -> DifferenceChart {
        let alt = &cmp.alts[a];
        let colour = scenario_colour(a + 1);
        let t = &l.compare;
        let label = (t.difference_label)(&scenarios[a + 1].name, &scenarios[0].name);
        let panels: Vec<DifferencePanel> = [Metric::Total, Metric::Domestic]
            .into_iter()
            .zip(t.difference_panels)
            .map(|(m, caption)| DifferencePanel {
                caption: caption.into(),
                fan: difference_fan(alt, m, label.clone(), colour),
            })
            .filter(|p| !p.fan.years.is_empty())
            .collect();
        let mut legend = vec![LegendEntry::new(
            (t.median_difference)(&label),
            colour,
            Swatch::Line,
        )];
        legend.push(LegendEntry::new(
            t.band_p25_p75,
            colour,
            Swatch::Band(OUTER_ALPHA + INNER_ALPHA),
        ));
        legend.push(LegendEntry::new(
            t.band_p5_p95,
            colour,
            Swatch::Band(OUTER_ALPHA),
        ));
        legend.push(LegendEntry::new(t.zero_line, MUTED, Swatch::Line));
        DifferenceChart {
            header: Header {
                locale: l,
                title: t.difference_title.into(),
                subtitle: (t.difference_subtitle)(&scenarios[a + 1].title, &scenarios[0].title),
                legend,
                provenance: provenance(cmp, scenarios, l),
            },
            panels,
        }
    }
}

impl Chart for DifferenceChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        for (cell, p) in grid(&plot, self.panels.len()).iter().zip(&self.panels) {
            let (mut lo, mut hi) = p.fan.value_range();
            if lo == 0.0 && hi == 0.0 {
                // No difference in any draw: centre the zero line.
                (lo, hi) = (-1.0, 1.0);
            }
            (lo, hi) = padded_range(lo, hi, true, 0.08);
            // Keep the zero line off the frame: a little room on both sides.
            let room = 0.05 * (hi - lo);
            if lo >= 0.0 {
                lo = -room;
            }
            if hi <= 0.0 {
                hi = room;
            }
            draw_fan_plot(
                cell,
                &FanPlot {
                    horizon: None,
                    locale: self.header.locale,
                    caption: Some(&p.caption),
                    y_desc: self.header.locale.compare.difference_axis,
                    y_scale: Scale::Number,
                    y_range: Some((lo, hi)),
                    include_zero: true,
                    fans: std::slice::from_ref(&p.fan),
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
