//! The yearly equations of docs/model.md section 4, evaluated for a block of
//! draws at once (structure of arrays: one lane per draw). Values are emitted by
//! metric meaning ([`Metric`]); the scenario's [`MetricIndex`] places them.

// Lane loops index several arrays by draw `j`; an index reads best there.
#![allow(clippy::needless_range_loop)]

use ndarray::ArrayView2;

use crate::scenario::{Lift, Metric, MetricIndex, Param, Scenario, Series};

/// The compiled model: the scenario's structure with parameters as lane sources.
#[derive(Debug, Clone)]
pub struct Model {
    years: usize,
    axes: Vec<AxisM>,
    segments: Vec<SegmentM>,
    export_ratio: Param,
    lift_export: Vec<Lift>,
    metrics: MetricIndex,
}

#[derive(Debug, Clone)]
struct AxisM {
    plan: Vec<f64>,
    lag: usize,
    execution: Param,
    leverage: Param,
    depreciation: Param,
    half_saturation: Param,
    deliverables: Vec<Param>,
}

#[derive(Debug, Clone)]
struct SegmentM {
    population: Param,
    initial_adoption: Param,
    p: Param,
    q: Param,
    ceiling: Param,
    value_per_adopter: Param,
    value_growth: Param,
    lift_p: Vec<Lift>,
    lift_q: Vec<Lift>,
    lift_ceiling: Vec<Lift>,
}

/// Reusable per-block buffers (one lane per draw), so evaluating a block
/// allocates nothing once warm.
#[derive(Debug, Default)]
pub struct Workspace {
    axis: Vec<AxisLanes>,
    seg: Vec<SegLanes>,
    domestic: Vec<f64>,
    export_ratio: Vec<f64>,
    lift_export: Vec<Vec<f64>>,
    tmp: Vec<f64>,
}

#[derive(Debug, Default)]
struct AxisLanes {
    exec: Vec<f64>,
    gain: Vec<f64>,
    keep: Vec<f64>,
    half: Vec<f64>,
    stock: Vec<f64>,
    effect: Vec<f64>,
    spent: Vec<f64>,
    per_meur: Vec<Vec<f64>>,
}

#[derive(Debug, Default)]
struct SegLanes {
    pop: Vec<f64>,
    p: Vec<f64>,
    q: Vec<f64>,
    ceiling: Vec<f64>,
    value: Vec<f64>,
    rate: Vec<f64>,
    growth: Vec<f64>,
    adoption: Vec<f64>,
    lift_p: Vec<Vec<f64>>,
    lift_q: Vec<Vec<f64>>,
    lift_ceiling: Vec<Vec<f64>>,
}

/// Fills `out` with the lanes of a parameter: a constant, or a row of samples.
#[inline]
fn lanes(p: Param, samples: &ArrayView2<'_, f64>, out: &mut Vec<f64>, n: usize) {
    out.clear();
    match p {
        Param::Fixed(v) => out.resize(n, v),
        Param::Uncertain(k) => out.extend(samples.row(k).iter().take(n)),
    }
}

impl Model {
    /// Compiles a validated scenario.
    pub fn new(s: &Scenario) -> Model {
        let axes: Vec<AxisM> = s
            .axes
            .iter()
            .map(|a| AxisM {
                plan: a.plan.clone(),
                lag: a.lag,
                execution: a.execution,
                leverage: a.leverage,
                depreciation: a.depreciation,
                half_saturation: a.half_saturation,
                deliverables: a.deliverables.iter().map(|d| d.per_meur).collect(),
            })
            .collect();
        let segments: Vec<SegmentM> = s
            .segments
            .iter()
            .map(|g| SegmentM {
                population: g.population,
                initial_adoption: g.initial_adoption,
                p: g.p,
                q: g.q,
                ceiling: g.ceiling,
                value_per_adopter: g.value_per_adopter,
                value_growth: g.value_growth,
                lift_p: g.lift_p.clone(),
                lift_q: g.lift_q.clone(),
                lift_ceiling: g.lift_ceiling.clone(),
            })
            .collect();
        Model {
            years: s.years(),
            axes,
            segments,
            export_ratio: s.market.export_ratio,
            lift_export: s.market.lift_export.clone(),
            metrics: s.metrics.clone(),
        }
    }

    /// Steps the yearly model for the `n` draws whose parameters are the columns
    /// of `samples` (rows: uncertain parameters), and hands every metric's lanes
    /// to `emit(series, values)` for each year.
    pub fn run_block(
        &self,
        samples: ArrayView2<'_, f64>,
        n: usize,
        ws: &mut Workspace,
        mut emit: impl FnMut(Series, &[f64]),
    ) {
        let ix = &self.metrics;
        let n_axes = self.axes.len();
        let n_seg = self.segments.len();
        ws.axis.resize_with(n_axes, AxisLanes::default);
        ws.seg.resize_with(n_seg, SegLanes::default);

        // Per-draw constants.
        for (a, l) in self.axes.iter().zip(ws.axis.iter_mut()) {
            lanes(a.execution, &samples, &mut l.exec, n);
            lanes(a.leverage, &samples, &mut l.gain, n);
            // gain = execution * (1 + leverage): effective M EUR per planned M EUR.
            for (g, e) in l.gain.iter_mut().zip(&l.exec) {
                *g = e * (1.0 + *g);
            }
            lanes(a.depreciation, &samples, &mut l.keep, n);
            for k in l.keep.iter_mut() {
                *k = 1.0 - *k;
            }
            lanes(a.half_saturation, &samples, &mut l.half, n);
            l.stock.clear();
            l.stock.resize(n, 0.0);
            l.spent.clear();
            l.spent.resize(n, 0.0);
            l.effect.clear();
            l.effect.resize(n, 0.0);
            l.per_meur.resize_with(a.deliverables.len(), Vec::new);
            for (d, buf) in a.deliverables.iter().zip(l.per_meur.iter_mut()) {
                lanes(*d, &samples, buf, n);
            }
        }
        for (g, l) in self.segments.iter().zip(ws.seg.iter_mut()) {
            lanes(g.population, &samples, &mut l.pop, n);
            lanes(g.p, &samples, &mut l.p, n);
            lanes(g.q, &samples, &mut l.q, n);
            lanes(g.ceiling, &samples, &mut l.ceiling, n);
            lanes(g.value_per_adopter, &samples, &mut l.value, n);
            // value carries pop * value_per_adopter / 1e6 (M EUR per unit of
            // adopted share); growth is the running factor (1 + value_growth)^t.
            for (v, p) in l.value.iter_mut().zip(&l.pop) {
                *v *= p / 1e6;
            }
            lanes(g.value_growth, &samples, &mut l.rate, n);
            l.growth.clear();
            l.growth.resize(n, 1.0);
            lanes(g.initial_adoption, &samples, &mut l.adoption, n);
            for (lifts, bufs) in [
                (&g.lift_p, &mut l.lift_p),
                (&g.lift_q, &mut l.lift_q),
                (&g.lift_ceiling, &mut l.lift_ceiling),
            ] {
                bufs.resize_with(lifts.len(), Vec::new);
                for ((_, p), buf) in lifts.iter().zip(bufs.iter_mut()) {
                    lanes(*p, &samples, buf, n);
                }
            }
        }
        lanes(self.export_ratio, &samples, &mut ws.export_ratio, n);
        ws.lift_export.resize_with(self.lift_export.len(), Vec::new);
        for ((_, p), buf) in self.lift_export.iter().zip(ws.lift_export.iter_mut()) {
            lanes(*p, &samples, buf, n);
        }
        ws.domestic.resize(n, 0.0);
        ws.tmp.resize(n, 0.0);

        for t in 0..self.years {
            // Axes: spending, effect stock, effect level, deliverables.
            for (ai, (a, l)) in self.axes.iter().zip(ws.axis.iter_mut()).enumerate() {
                let s = a.plan[t];
                let s_lag = if t >= a.lag { a.plan[t - a.lag] } else { 0.0 };
                for j in 0..n {
                    l.stock[j] = l.keep[j] * l.stock[j] + s_lag * l.gain[j];
                    l.effect[j] = 1.0 - (-l.stock[j] / l.half[j]).exp2();
                    l.spent[j] += s * l.exec[j];
                }
                emit(ix.series(Metric::Spending(ai), t), &l.spent[..n]);
                emit(ix.series(Metric::Effect(ai), t), &l.effect[..n]);
                for (k, per) in l.per_meur.iter().enumerate() {
                    for j in 0..n {
                        ws.tmp[j] = per[j] * l.spent[j];
                    }
                    emit(ix.series(Metric::Deliverable(ai, k), t), &ws.tmp[..n]);
                }
            }
            // Segments: Bass diffusion with program lifts, then the market.
            ws.domestic[..n].fill(0.0);
            for (si, (g, l)) in self.segments.iter().zip(ws.seg.iter_mut()).enumerate() {
                if t > 0 {
                    let axes = &ws.axis;
                    for j in 0..n {
                        let lift = |ls: &[Lift], bufs: &[Vec<f64>]| -> f64 {
                            let mut s = 1.0;
                            for ((a, _), b) in ls.iter().zip(bufs) {
                                s += b[j] * axes[*a].effect[j];
                            }
                            s
                        };
                        let p = l.p[j] * lift(&g.lift_p, &l.lift_p);
                        let q = l.q[j] * lift(&g.lift_q, &l.lift_q);
                        let m = (l.ceiling[j] * lift(&g.lift_ceiling, &l.lift_ceiling)).min(1.0);
                        let a = l.adoption[j];
                        let h = (p + q * a / m).min(1.0);
                        l.adoption[j] = a + h * (m - a).max(0.0);
                    }
                    for (f, r) in l.growth.iter_mut().zip(&l.rate) {
                        *f *= 1.0 + r;
                    }
                }
                emit(ix.series(Metric::Adoption(si), t), &l.adoption[..n]);
                for j in 0..n {
                    ws.tmp[j] = l.pop[j] * l.adoption[j];
                }
                emit(ix.series(Metric::Adopters(si), t), &ws.tmp[..n]);
                for j in 0..n {
                    let m = l.value[j] * l.adoption[j] * l.growth[j];
                    ws.tmp[j] = m;
                    ws.domestic[j] += m;
                }
                emit(ix.series(Metric::Market(si), t), &ws.tmp[..n]);
            }
            emit(ix.series(Metric::Domestic, t), &ws.domestic[..n]);
            // Exports.
            for j in 0..n {
                let mut lift = 1.0;
                for ((a, _), b) in self.lift_export.iter().zip(&ws.lift_export) {
                    lift += b[j] * ws.axis[*a].effect[j];
                }
                ws.tmp[j] = ws.domestic[j] * ws.export_ratio[j] * lift;
            }
            emit(ix.series(Metric::Export, t), &ws.tmp[..n]);
            for j in 0..n {
                ws.tmp[j] += ws.domestic[j];
            }
            emit(ix.series(Metric::Total, t), &ws.tmp[..n]);
        }
    }
}
