//! The charts of an optimisation report: the robust frontier (`frontier`),
//! the allocations (`allocation`), the gain of the best split over the
//! current one (`gain`) and the marginal returns (`marginal`).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::optimize::{Choice, Optimization};
use crate::report::chart::*;
use crate::report::provenance::Provenance;
use crate::report::text::Locale;
use crate::scenario::Scenario;

/// Colours of the current, best and robust splits.
const CHOICE_COLOURS: [RGBColor; 3] = [MUTED, PALETTE[0], PALETTE[2]];

fn header(
    title: &str,
    legend: Vec<LegendEntry>,
    o: &Optimization,
    s: &Scenario,
    l: &'static Locale,
) -> Header {
    Header {
        locale: l,
        title: title.into(),
        subtitle: s.title.clone(),
        legend,
        provenance: Provenance::of(s, o.settings.run).line(l),
    }
}

/// How the objective's axis reads: a percentage for a share.
fn value_scale(o: &Optimization, s: &Scenario) -> Scale {
    if o.settings.problem.objective.is_share(&s.metrics) {
        Scale::Percent
    } else {
        Scale::Number
    }
}

fn choices(o: &Optimization) -> [&Choice; 3] {
    [&o.current, &o.best, &o.robust]
}

/// `frontier`: mean against P10 of every split, the Pareto set, and the
/// current, best and robust splits.
#[derive(Debug, Clone)]
pub struct FrontierChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// (mean, P10) of every split off the frontier.
    pub points: Vec<(f64, f64)>,
    /// (mean, P10) of the Pareto set, by mean.
    pub pareto: Vec<(f64, f64)>,
    /// (mean, P10) of the current, best and robust splits (search draws).
    pub marked: [(f64, f64); 3],
    /// Axis labels.
    pub axes: [String; 2],
    /// How values read.
    pub scale: Scale,
}

impl FrontierChart {
    /// The chart of `o`.
    pub fn new(o: &Optimization, s: &Scenario, l: &'static Locale) -> FrontierChart {
        let w = &l.optimize;
        let finite = |m: f64, p: f64| m.is_finite() && p.is_finite();
        let mut pareto: Vec<(f64, f64)> = o
            .candidates
            .iter()
            .filter(|c| c.pareto && finite(c.summary.mean, c.summary.p10))
            .map(|c| (c.summary.mean, c.summary.p10))
            .collect();
        pareto.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Splits that would fall on the same pixel as an earlier one are
        // drawn once: thousands of splits, the same picture, a small file.
        let others: Vec<(f64, f64)> = o
            .candidates
            .iter()
            .filter(|c| !c.pareto && finite(c.summary.mean, c.summary.p10))
            .map(|c| (c.summary.mean, c.summary.p10))
            .collect();
        let span = |f: fn(&(f64, f64)) -> f64| {
            others
                .iter()
                .map(f)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(v), b.max(v))
                })
        };
        let (x, y) = (span(|p| p.0), span(|p| p.1));
        let pixel = |v: f64, (lo, hi): (f64, f64), n: f64| {
            if hi > lo {
                ((v - lo) / (hi - lo) * n).round() as i64
            } else {
                0
            }
        };
        let mut drawn = std::collections::HashSet::new();
        let points = others
            .into_iter()
            .filter(|&(m, p)| drawn.insert((pixel(m, x, 900.0), pixel(p, y, 500.0))))
            .collect();
        let mut legend = vec![
            LegendEntry::new(w.frontier_legend[0], GRID, Swatch::Bar),
            LegendEntry::new(w.frontier_legend[1], PALETTE[3], Swatch::Line),
        ];
        for (name, colour) in w.names.iter().zip(CHOICE_COLOURS) {
            legend.push(LegendEntry::new(*name, colour, Swatch::Bar));
        }
        let unit = &(l.unit)(&s.metrics.info(o.settings.problem.objective.metric).unit);
        FrontierChart {
            header: header(w.frontier_title, legend, o, s, l),
            points,
            pareto,
            marked: choices(o).map(|c| (c.in_sample.mean, c.in_sample.p10)),
            axes: (w.frontier_axes)(unit),
            scale: value_scale(o, s),
        }
    }
}

impl Chart for FrontierChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let all = self
            .points
            .iter()
            .chain(&self.pareto)
            .chain(self.marked.iter())
            .filter(|(m, p)| m.is_finite() && p.is_finite());
        let (mut x, mut y) = (
            (f64::INFINITY, f64::NEG_INFINITY),
            (f64::INFINITY, f64::NEG_INFINITY),
        );
        for &(m, p) in all {
            x = (x.0.min(m), x.1.max(m));
            y = (y.0.min(p), y.1.max(p));
        }
        let mut chart = cartesian(
            &plot,
            &Axes {
                caption: None,
                x: padded_range(x.0, x.1, false, 0.05),
                y: padded_range(y.0, y.1, false, 0.05),
                x_desc: &self.axes[0],
                y_desc: &self.axes[1],
                x_scale: self.scale,
                y_scale: self.scale,
                compact: false,
                locale: self.header.locale,
            },
        )?;
        chart.draw_series(
            self.points
                .iter()
                .map(|&p| Circle::new(p, 2, RGBColor(190, 190, 190).filled())),
        )?;
        chart.draw_series(LineSeries::new(
            self.pareto.iter().copied(),
            PALETTE[3].stroke_width(2),
        ))?;
        chart.draw_series(
            self.pareto
                .iter()
                .map(|&p| Circle::new(p, 3, PALETTE[3].filled())),
        )?;
        for (&p, colour) in self.marked.iter().zip(CHOICE_COLOURS).rev() {
            if p.0.is_finite() && p.1.is_finite() {
                chart.draw_series(std::iter::once(Circle::new(p, 7, colour.stroke_width(3))))?;
            }
        }
        Ok(())
    }
}

/// Rows of bars: one row per free axis, one bar per series in each row.
#[derive(Debug, Clone)]
pub struct BarsChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// The free axes' labels.
    pub rows: Vec<String>,
    /// Per series: its colour and one value per row.
    pub series: Vec<(RGBColor, Vec<f64>)>,
    /// Horizontal axis label.
    pub x_desc: String,
}

impl BarsChart {
    /// `allocation`: M EUR per axis in the current, best and robust splits.
    pub fn allocation(o: &Optimization, s: &Scenario, l: &'static Locale) -> BarsChart {
        let w = &l.optimize;
        let legend = w
            .names
            .iter()
            .zip(CHOICE_COLOURS)
            .map(|(n, c)| LegendEntry::new(*n, c, Swatch::Bar))
            .collect();
        BarsChart {
            header: header(w.allocation_title, legend, o, s, l),
            rows: axis_labels(o, s),
            series: choices(o)
                .iter()
                .zip(CHOICE_COLOURS)
                .map(|(c, colour)| (colour, c.budgets.clone()))
                .collect(),
            x_desc: w.allocation_axis.into(),
        }
    }

    /// `marginal`: the objective gained per extra M EUR in each axis, at the
    /// current and at the best split.
    pub fn marginal(o: &Optimization, s: &Scenario, l: &'static Locale) -> BarsChart {
        let w = &l.optimize;
        let colours = [CHOICE_COLOURS[0], CHOICE_COLOURS[1]];
        let legend = w
            .marginal_legend
            .iter()
            .zip(colours)
            .map(|(n, c)| LegendEntry::new(*n, c, Swatch::Bar))
            .collect();
        BarsChart {
            header: header(w.marginal_title, legend, o, s, l),
            rows: axis_labels(o, s),
            series: vec![
                (colours[0], o.marginal_current.clone()),
                (colours[1], o.marginal_best.clone()),
            ],
            x_desc: w.marginal_axis.into(),
        }
    }
}

/// The free axes' labels, in order.
fn axis_labels(o: &Optimization, s: &Scenario) -> Vec<String> {
    o.settings
        .problem
        .free
        .iter()
        .map(|&a| s.axes[a].label.clone())
        .collect()
}

impl Chart for BarsChart {
    fn size(&self) -> (u32, u32) {
        (
            1000,
            240 + 26 * (self.rows.len() * self.series.len()).max(2) as u32,
        )
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let values = self
            .series
            .iter()
            .flat_map(|(_, v)| v)
            .filter(|v| v.is_finite());
        let (lo, hi) = values.fold((0.0f64, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
        let hi = if lo == hi { lo + 1.0 } else { hi };
        let x = padded_range(lo, hi, true, 0.04);
        let x = (x.0, x.0 + (x.1 - x.0) / 0.85);
        let mut chart = row_plot(
            &plot,
            &RowAxes {
                locale: self.header.locale,
                labels: &self.rows,
                x,
                x_desc: &self.x_desc,
                x_scale: Scale::Number,
                grid: true,
            },
        )?;
        let n = self.rows.len();
        let k = self.series.len() as f64;
        let height = 0.8 / k;
        let tag = text_style(13.0, INK, false).pos(Pos::new(HPos::Left, VPos::Center));
        let l = self.header.locale;
        for (i, _) in self.rows.iter().enumerate() {
            let top = row_y(i, n) + 0.4;
            for (j, (colour, v)) in self.series.iter().enumerate() {
                let y1 = top - height * j as f64;
                let y0 = y1 - height * 0.9;
                let value = v[i];
                if !value.is_finite() {
                    continue;
                }
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0), (value, y1)],
                    colour.mix(0.85).filled(),
                )))?;
                chart.draw_series(std::iter::once(
                    EmptyElement::at((value.max(0.0), (y0 + y1) / 2.0))
                        + Text::new(l.number(value), (6, 0), tag.clone()),
                ))?;
            }
        }
        Ok(())
    }
}

/// `gain`: the distribution of the best split's objective minus the current
/// split's, draw by draw, on independent draws.
#[derive(Debug, Clone)]
pub struct GainChart {
    /// Title, subtitle, legend and provenance line.
    pub header: Header,
    /// Bin edges.
    pub edges: Vec<f64>,
    /// Share of draws in each bin.
    pub shares: Vec<f64>,
    /// Axis labels.
    pub axes: [String; 2],
    /// How values read.
    pub scale: Scale,
}

impl GainChart {
    /// The chart of `o`.
    pub fn new(o: &Optimization, s: &Scenario, l: &'static Locale) -> GainChart {
        let w = &l.optimize;
        let d = &o.best.gain_out_of_sample.stats;
        let q = d.percentiles(&[0.005, 0.995]);
        let (mut lo, mut hi) = (q[0].min(0.0), q[1].max(0.0));
        let flat = (hi - lo).partial_cmp(&(1e-12 * hi.abs().max(1e-12)));
        if flat != Some(std::cmp::Ordering::Greater) {
            (lo, hi) = (lo - 1.0, hi + 1.0);
        }
        let step = nice_step((hi - lo) / 40.0);
        let first = (lo / step).floor() * step;
        let bins = (((hi - first) / step).ceil() as usize).clamp(1, 400);
        let edges: Vec<f64> = (0..=bins).map(|i| first + step * i as f64).collect();
        // Shares of the draws (of their weight, when calibrated).
        let draws = if d.moments.weight > 0.0 {
            d.moments.weight
        } else {
            1.0
        };
        let shares = d.histogram(&edges).iter().map(|c| c / draws).collect();
        let unit = &(l.unit)(&s.metrics.info(o.settings.problem.objective.metric).unit);
        let legend = vec![LegendEntry::new(w.names[1], CHOICE_COLOURS[1], Swatch::Bar)];
        GainChart {
            header: header(w.gain_title, legend, o, s, l),
            edges,
            shares,
            axes: [(w.gain_axis)(unit), w.gain_share.into()],
            scale: value_scale(o, s),
        }
    }
}

impl Chart for GainChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = self.header.draw(area)?;
        let top = self.shares.iter().fold(0.0f64, |a, &b| a.max(b));
        let x = (self.edges[0], self.edges[self.edges.len() - 1]);
        let mut chart = cartesian(
            &plot,
            &Axes {
                caption: None,
                x,
                y: (0.0, if top > 0.0 { top * 1.1 } else { 1.0 }),
                x_desc: &self.axes[0],
                y_desc: &self.axes[1],
                x_scale: self.scale,
                y_scale: Scale::Percent,
                compact: false,
                locale: self.header.locale,
            },
        )?;
        chart.draw_series(self.shares.iter().enumerate().map(|(i, &s)| {
            Rectangle::new(
                [(self.edges[i], 0.0), (self.edges[i + 1], s)],
                CHOICE_COLOURS[1].mix(0.8).filled(),
            )
        }))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, if top > 0.0 { top * 1.1 } else { 1.0 })],
            INK.stroke_width(2),
        )))?;
        Ok(())
    }
}
