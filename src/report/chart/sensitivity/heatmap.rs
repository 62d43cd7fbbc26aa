//! `sobol-heatmap` (sensitivity report): the total Sobol index ST of the most
//! influential parameters (rows) in every year (columns), on a sequential,
//! colour-blind-safe scale (viridis) from 0 to 1 with a colour bar; years
//! where the metric does not vary have no index and are hatched grey.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::sensitivity::Analysis;
use crate::report::chart::{
    Chart, ChartError, GRID, Header, INK, LegendEntry, MUTED, RowAxes, Scale, Swatch, row_plot,
    row_y, text_style, year_range,
};
use crate::report::provenance::{Counted, Provenance, Subject};
use crate::report::text::Locale;

/// Parameters shown at most.
pub const TOP: usize = 20;

/// Control points of the viridis colour map (matplotlib's, at 0, 1/8, ...,
/// 1): perceptually uniform, readable in grey and under the common
/// colour-vision deficiencies.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
];

/// The viridis colour of `v` in [0, 1] (clamped), linearly interpolated
/// between the control points.
pub fn viridis(v: f64) -> RGBColor {
    let v = if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = v * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |p: u8, q: u8| (p as f64 + f * (q as f64 - p as f64)).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Text colour that reads on a cell of `c`: white on dark, ink on light.
fn text_on(c: RGBColor) -> RGBColor {
    let l = 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
    if l < 140.0 { WHITE } else { INK }
}

/// Fill of cells without an index.
const UNDEFINED: RGBColor = RGBColor(238, 238, 238);

/// The data of the `sobol-heatmap` chart.
#[derive(Debug, Clone)]
pub struct HeatmapChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// Calendar years (columns).
    pub years: Vec<i32>,
    /// Parameter paths (rows), top first.
    pub rows: Vec<String>,
    /// `values[row][column]`: ST, NaN when not defined.
    pub values: Vec<Vec<f64>>,
}

impl HeatmapChart {
    /// The chart of an analysis, or `None` without the Sobol method or when
    /// no year has indices. Rows: the [`TOP`] parameters by largest ST over
    /// the years, ordered by ST in the chosen year (then by that largest ST).
    pub fn new(
        analysis: &Analysis,
        subject: &Subject<'_>,
        l: &'static Locale,
    ) -> Option<HeatmapChart> {
        let s = analysis.sobol.as_ref()?;
        let years = s.years.clone();
        let st = |t: usize, i: usize| s.result.get(t, i).st.value;
        let max_st = |i: usize| {
            (0..years.len())
                .map(|t| st(t, i))
                .filter(|v| v.is_finite())
                .fold(f64::NAN, f64::max)
        };
        let mut idx: Vec<usize> = (0..s.params.len())
            .filter(|&i| max_st(i).is_finite())
            .collect();
        if idx.is_empty() {
            return None;
        }
        // Largest first, NaN last, then file order.
        let desc = |x: f64, y: f64| match (x.is_nan(), y.is_nan()) {
            (false, false) => y.total_cmp(&x),
            (a, b) => a.cmp(&b),
        };
        idx.sort_by(|&a, &b| desc(max_st(a), max_st(b)).then(a.cmp(&b)));
        idx.truncate(TOP);
        let t = analysis.t;
        idx.sort_by(|&a, &b| {
            desc(st(t, a), st(t, b))
                .then(desc(max_st(a), max_st(b)))
                .then(a.cmp(&b))
        });
        let values: Vec<Vec<f64>> = idx
            .iter()
            .map(|&i| (0..years.len()).map(|t| st(t, i)).collect())
            .collect();
        let any_nan = values.iter().flatten().any(|v| !v.is_finite());
        let mut legend = Vec::new();
        if any_nan {
            legend.push(LegendEntry::new(
                (l.sensitivity.heatmap_undefined)(&subject.metric(&analysis.settings.metric, l)),
                UNDEFINED,
                Swatch::Hatched,
            ));
        }
        let mut sim = analysis.settings.run;
        sim.draws = s.result.evaluations() as u64;
        Some(HeatmapChart {
            header: Header {
                locale: l,
                title: (l.sensitivity.heatmap_title)(&subject.metric(&s.metric, l)),
                subtitle: (l.sensitivity.heatmap_subtitle)(
                    &subject.title(l),
                    idx.len(),
                    analysis.settings.year,
                ),
                legend,
                provenance: Provenance {
                    counted: Counted::ModelRuns,
                    ..subject.provenance(sim)
                }
                .line(l),
            },
            years,
            rows: idx.iter().map(|&i| s.params[i].clone()).collect(),
            values,
        })
    }
}

/// Pixels of the colour bar strip at the right.
const BAR_STRIP: u32 = 110;

impl Chart for HeatmapChart {
    fn size(&self) -> (u32, u32) {
        (1000, 230 + 28 * self.rows.len().max(6) as u32)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let (w, _) = plot.dim_in_pixel();
        let (main, strip) = plot.split_horizontally(w.saturating_sub(BAR_STRIP));
        let x = year_range(&self.years);
        let mut chart = row_plot(
            &main,
            &RowAxes {
                locale: self.header.locale,
                labels: &self.rows,
                x,
                x_desc: self.header.locale.charts.year,
                x_scale: Scale::Year,
                grid: false,
            },
        )?;
        let n = self.rows.len();
        // Cell size in pixels decides whether values are printed.
        let (pw, ph) = chart.plotting_area().dim_in_pixel();
        let cell_w = pw as f64 / (x.1 - x.0);
        let cell_h = ph as f64 / n as f64;
        let print = cell_w >= 38.0 && cell_h >= 16.0;
        let font = (cell_h * 0.5).clamp(10.0, 13.0);
        for (i, row) in self.values.iter().enumerate() {
            let y = row_y(i, n);
            let (y0, y1) = (y - 0.5, y + 0.5);
            for (&year, &v) in self.years.iter().zip(row) {
                let (x0, x1) = (year as f64 - 0.5, year as f64 + 0.5);
                if v.is_finite() {
                    let c = viridis(v);
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(x0, y0), (x1, y1)],
                        c.filled(),
                    )))?;
                    if print {
                        let style = text_style(font, text_on(c), false)
                            .pos(Pos::new(HPos::Center, VPos::Center));
                        chart.draw_series(std::iter::once(Text::new(
                            self.header.locale.fixed(v, 2),
                            (year as f64, y),
                            style,
                        )))?;
                    }
                } else {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(x0, y0), (x1, y1)],
                        UNDEFINED.filled(),
                    )))?;
                    // Hatching: lines x' + y' = s in cell units, clipped.
                    chart.draw_series((1..8).map(|k| {
                        let s = k as f64 * 0.25;
                        let a = ((s - 1.0).max(0.0), s.min(1.0));
                        let b = (s.min(1.0), (s - 1.0).max(0.0));
                        PathElement::new(
                            vec![(x0 + a.0, y0 + a.1), (x0 + b.0, y0 + b.1)],
                            MUTED.stroke_width(1),
                        )
                    }))?;
                }
                // Thin white separators between cells.
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, y0), (x1, y1)],
                    WHITE.stroke_width(1),
                )))?;
            }
        }
        draw_colour_bar(&strip, self.header.locale)
    }
}

/// The colour bar: the scale from 0 (bottom) to 1 (top) with ticks.
fn draw_colour_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    l: &Locale,
) -> Result<(), ChartError> {
    let mut b = ChartBuilder::on(area);
    b.margin(8)
        .margin_left(14)
        .margin_right(6)
        .x_label_area_size(46)
        .right_y_label_area_size(44);
    let mut bar = b.build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    let steps = 100;
    bar.draw_series((0..steps).map(|k| {
        let (a, b) = (k as f64 / steps as f64, (k + 1) as f64 / steps as f64);
        Rectangle::new([(0.0, a), (1.0, b)], viridis((a + b) / 2.0).filled())
    }))?;
    let fmt = |v: &f64| l.fixed(*v, 1);
    bar.configure_mesh()
        .disable_mesh()
        .axis_style(MUTED)
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&fmt)
        .label_style(text_style(13.0, INK, false))
        .axis_desc_style(text_style(14.0, INK, false))
        .y_desc(l.sensitivity.heatmap_bar)
        .draw()?;
    bar.draw_series(std::iter::once(Rectangle::new(
        [(0.0, 0.0), (1.0, 1.0)],
        GRID.stroke_width(1),
    )))?;
    Ok(())
}
