//! The yearly equations of docs/model.md section 4, evaluated for a block of
//! draws at once (structure of arrays: one lane per draw). Values are emitted by
//! metric meaning ([`Metric`]); the scenario's [`MetricIndex`] places them.
//!
//! With `[economics]` the present values are running sums, one whole-lane
//! pass per year beside the value they discount (docs/model.md section 4);
//! without it nothing of them runs.

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
    /// With `[economics]`: the discount factor of each year of the horizon.
    discount: Option<Vec<f64>>,
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
    n: usize,
    axis: Vec<AxisLanes>,
    /// Per axis: its effect level in every year, year-major (`t * n + j`).
    effects: Vec<Vec<f64>>,
    seg: Vec<SegLanes>,
    domestic: Vec<f64>,
    /// Present values of the domestic and the total market (with
    /// `[economics]`).
    pv_domestic: Vec<f64>,
    pv_total: Vec<f64>,
    export_ratio: Vec<f64>,
    lift_export: Vec<Vec<f64>>,
    tmp: Vec<f64>,
    lift: [Vec<f64>; 3],
}

#[derive(Debug, Default)]
struct AxisLanes {
    exec: Vec<f64>,
    gain: Vec<f64>,
    keep: Vec<f64>,
    /// `-1 / half_saturation`: the effect is `1 - 2^(stock * rate)`.
    decay: Vec<f64>,
    stock: Vec<f64>,
    spent: Vec<f64>,
    /// Present value of the spending (with `[economics]`).
    pv_spent: Vec<f64>,
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
    initial: Vec<f64>,
    growth: Vec<f64>,
    adoption: Vec<f64>,
    lift_p: Vec<Vec<f64>>,
    lift_q: Vec<Vec<f64>>,
    lift_ceiling: Vec<Vec<f64>>,
}

/// Receives a metric's lanes for one year: `emit(series, values)`.
pub type Emit<'a> = &'a mut dyn FnMut(Series, &[f64]);

/// Which segments [`Model::step_segments`] steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segments {
    /// Every segment, and the market totals.
    All,
    /// One segment (by index) and nothing else.
    Only(usize),
}

impl Segments {
    /// Whether segment `si` is stepped.
    pub fn includes(self, si: usize) -> bool {
        self == Segments::All || self == Segments::Only(si)
    }
}

/// Fills `out` with the lanes of a parameter: a constant, or a row of samples.
#[inline]
fn lanes(p: Param, samples: &ArrayView2<'_, f64>, out: &mut Vec<f64>, n: usize) {
    out.clear();
    match p {
        Param::Fixed(v) => out.resize(n, v),
        Param::Uncertain(k) => match samples.row(k).as_slice() {
            Some(row) => out.extend_from_slice(&row[..n]),
            None => out.extend(samples.row(k).iter().take(n)),
        },
    }
}

/// `acc[j] = 1 + sum over lifts of lift[j] * effect of its axis[j]`, in lift
/// order: the factor a segment's coefficient is multiplied by in year `t`.
#[inline(always)]
fn lift_factor(acc: &mut [f64], lifts: &[Lift], bufs: &[Vec<f64>], effects: &[&[f64]], t: usize) {
    let n = acc.len();
    acc.fill(1.0);
    for ((a, _), b) in lifts.iter().zip(bufs) {
        let e = &effects[*a][t * n..(t + 1) * n];
        for ((s, b), e) in acc.iter_mut().zip(&b[..n]).zip(e) {
            *s += b * e;
        }
    }
}

/// Lifts in the order of their axes: a lift factor is a floating-point sum,
/// so its terms are added in an order that does not depend on how the file
/// lists them (the scenario's hash does not see that order either, and its
/// resolved text, written back as TOML, may list them differently).
fn by_axis(lifts: &[Lift]) -> Vec<Lift> {
    let mut v = lifts.to_vec();
    v.sort_by_key(|(axis, _)| *axis);
    v
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
                lift_p: by_axis(&g.lift_p),
                lift_q: by_axis(&g.lift_q),
                lift_ceiling: by_axis(&g.lift_ceiling),
            })
            .collect();
        Model {
            years: s.years(),
            axes,
            segments,
            export_ratio: s.market.export_ratio,
            lift_export: by_axis(&s.market.lift_export),
            metrics: s.metrics.clone(),
            discount: s.economics.map(|e| e.factors(s.start_year, s.years())),
        }
    }

    /// The scenario's metrics, which place the values handed out.
    pub fn metrics(&self) -> &MetricIndex {
        &self.metrics
    }

    /// Number of years of the horizon.
    pub fn years(&self) -> usize {
        self.years
    }

    /// The planned spending of axis `axis` in each year, M EUR.
    pub fn plan(&self, axis: usize) -> &[f64] {
        &self.axes[axis].plan
    }

    /// Steps the yearly model for the `n` draws whose parameters are the columns
    /// of `samples` (rows: uncertain parameters), and hands every metric's lanes
    /// to `emit(series, values)` for each year.
    pub fn run_block(
        &self,
        samples: ArrayView2<'_, f64>,
        n: usize,
        ws: &mut Workspace,
        emit: impl FnMut(Series, &[f64]),
    ) {
        self.step_effects(samples, n, ws);
        self.emit_block(ws, true, self.years, emit);
    }

    /// The first half of [`Model::run_block`]: loads the block and steps
    /// every axis' effect levels into `ws`, handing out nothing.
    pub fn step_effects(&self, samples: ArrayView2<'_, f64>, n: usize, ws: &mut Workspace) {
        self.load(samples, n, ws);
        let mut effects = std::mem::take(&mut ws.effects);
        effects.resize_with(self.axes.len(), Vec::new);
        for (ai, out) in effects.iter_mut().enumerate() {
            self.step_axis(ai, &self.axes[ai].plan, ws, out, None);
        }
        ws.effects = effects;
    }

    /// The second half of [`Model::run_block`], after
    /// [`Model::step_effects`]: hands out the axes' metrics (when `axes`)
    /// and steps the segments and the market over the first `years` years,
    /// handing out theirs. It can be called again on the same block (the
    /// segments restart from their initial adoption): a weighted pass first
    /// reads the observed years, then everything.
    pub fn emit_block(
        &self,
        ws: &mut Workspace,
        axes: bool,
        years: usize,
        mut emit: impl FnMut(Series, &[f64]),
    ) {
        let effects = std::mem::take(&mut ws.effects);
        if axes {
            for (ai, e) in effects.iter().enumerate() {
                self.emit_axis(ai, &self.axes[ai].plan, ws, e, &mut emit);
            }
        }
        let views: Vec<&[f64]> = effects.iter().map(Vec::as_slice).collect();
        self.step_segments(&views, years, Segments::All, ws, emit);
        ws.effects = effects;
    }

    /// Reads the per-draw constants of a block into `ws`: the `n` draws
    /// whose parameters are the columns of `samples`.
    pub fn load(&self, samples: ArrayView2<'_, f64>, n: usize, ws: &mut Workspace) {
        ws.n = n;
        ws.axis.resize_with(self.axes.len(), AxisLanes::default);
        ws.seg.resize_with(self.segments.len(), SegLanes::default);
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
            lanes(a.half_saturation, &samples, &mut l.decay, n);
            for d in l.decay.iter_mut() {
                *d = -1.0 / *d;
            }
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
            lanes(g.initial_adoption, &samples, &mut l.initial, n);
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
        for l in &mut ws.lift {
            l.resize(n, 0.0);
        }
    }

    /// Steps axis `axis` of the loaded block over every year with planned
    /// spending `plan` (M EUR per year; the scenario's is [`Model::plan`]):
    /// writes its effect level in every year to `effects` (year-major,
    /// `t * n + j`) and, given `emit`, hands out its metrics too
    /// ([`Model::emit_axis`]).
    pub fn step_axis(
        &self,
        axis: usize,
        plan: &[f64],
        ws: &mut Workspace,
        effects: &mut Vec<f64>,
        emit: Option<Emit<'_>>,
    ) {
        let (n, a) = (ws.n, &self.axes[axis]);
        let l = &mut ws.axis[axis];
        l.stock.clear();
        l.stock.resize(n, 0.0);
        effects.resize(self.years * n, 0.0);
        for t in 0..self.years {
            let s_lag = if t >= a.lag { plan[t - a.lag] } else { 0.0 };
            let effect = &mut effects[t * n..(t + 1) * n];
            let lanes = l.stock[..n]
                .iter_mut()
                .zip(effect.iter_mut())
                .zip(l.keep[..n].iter().zip(&l.gain[..n]))
                .zip(&l.decay[..n]);
            for (((stock, e), (keep, gain)), decay) in lanes {
                *stock = keep * *stock + s_lag * gain;
                *e = *stock * decay;
            }
            crate::math::exp2_lanes(effect);
            for e in effect.iter_mut() {
                *e = 1.0 - *e;
            }
        }
        if let Some(emit) = emit {
            self.emit_axis(axis, plan, ws, effects, emit);
        }
    }

    /// Hands out the spending, effect and deliverables metrics of axis
    /// `axis` of the loaded block in every year, given its planned spending
    /// `plan` and the effect levels `effects` that [`Model::step_axis`]
    /// wrote for it.
    pub fn emit_axis(
        &self,
        axis: usize,
        plan: &[f64],
        ws: &mut Workspace,
        effects: &[f64],
        emit: Emit<'_>,
    ) {
        let (n, ix) = (ws.n, &self.metrics);
        let l = &mut ws.axis[axis];
        l.spent.clear();
        l.spent.resize(n, 0.0);
        if self.discount.is_some() {
            l.pv_spent.clear();
            l.pv_spent.resize(n, 0.0);
        }
        for t in 0..self.years {
            let s = plan[t];
            for (spent, exec) in l.spent[..n].iter_mut().zip(&l.exec[..n]) {
                *spent += s * exec;
            }
            emit(ix.series(Metric::Spending(axis), t), &l.spent[..n]);
            if let Some(discount) = &self.discount {
                // The year's executed spending, `s * exec` as added above,
                // discounted: with a rate of 0 exactly `spending`.
                let d = discount[t];
                for (pv, exec) in l.pv_spent[..n].iter_mut().zip(&l.exec[..n]) {
                    *pv += s * exec * d;
                }
                emit(ix.series(Metric::PvSpending(axis), t), &l.pv_spent[..n]);
            }
            emit(
                ix.series(Metric::Effect(axis), t),
                &effects[t * n..(t + 1) * n],
            );
            for (k, per) in l.per_meur.iter().enumerate() {
                for ((x, p), spent) in ws.tmp[..n].iter_mut().zip(&per[..n]).zip(&l.spent[..n]) {
                    *x = p * spent;
                }
                emit(ix.series(Metric::Deliverable(axis, k), t), &ws.tmp[..n]);
            }
        }
    }

    /// Steps the segments of the loaded block (Bass diffusion with programme
    /// lifts, then the market) over the first `years` years, given every
    /// axis' effect levels (as [`Model::step_axis`] writes them), and hands
    /// out their metrics. `which` limits the work to one segment when the
    /// market totals are not needed.
    pub fn step_segments(
        &self,
        effects: &[&[f64]],
        years: usize,
        which: Segments,
        ws: &mut Workspace,
        emit: impl FnMut(Series, &[f64]),
    ) {
        crate::math::wide::wide(
            #[inline(always)]
            || self.step_segments_lanes(effects, years, which, ws, emit),
        );
    }

    /// [`Model::step_segments`], for [`crate::math::wide::wide`] to compile
    /// for the CPU.
    #[inline(always)]
    fn step_segments_lanes(
        &self,
        effects: &[&[f64]],
        years: usize,
        which: Segments,
        ws: &mut Workspace,
        mut emit: impl FnMut(Series, &[f64]),
    ) {
        let (n, ix) = (ws.n, &self.metrics);
        for (si, l) in ws.seg.iter_mut().enumerate() {
            if which.includes(si) {
                l.adoption.clear();
                l.adoption.extend_from_slice(&l.initial[..n]);
                l.growth.clear();
                l.growth.resize(n, 1.0);
            }
        }
        if which == Segments::All && self.discount.is_some() {
            for pv in [&mut ws.pv_domestic, &mut ws.pv_total] {
                pv.clear();
                pv.resize(n, 0.0);
            }
        }
        let [lp, lq, lm] = &mut ws.lift;
        for t in 0..years {
            ws.domestic[..n].fill(0.0);
            for (si, (g, l)) in self.segments.iter().zip(ws.seg.iter_mut()).enumerate() {
                if !which.includes(si) {
                    continue;
                }
                if t > 0 {
                    lift_factor(&mut lp[..n], &g.lift_p, &l.lift_p, effects, t);
                    lift_factor(&mut lq[..n], &g.lift_q, &l.lift_q, effects, t);
                    lift_factor(&mut lm[..n], &g.lift_ceiling, &l.lift_ceiling, effects, t);
                    // Slices of equal length: the loop runs without bounds checks.
                    let (cp, cq, cm) = (&l.p[..n], &l.q[..n], &l.ceiling[..n]);
                    let (fp, fq, fm) = (&lp[..n], &lq[..n], &lm[..n]);
                    let adoption = &mut l.adoption[..n];
                    for j in 0..n {
                        let p = cp[j] * fp[j];
                        let q = cq[j] * fq[j];
                        let m = (cm[j] * fm[j]).min(1.0);
                        let a = adoption[j];
                        let h = (p + q * a / m).min(1.0);
                        adoption[j] = a + h * (m - a).max(0.0);
                    }
                    for (f, r) in l.growth.iter_mut().zip(&l.rate) {
                        *f *= 1.0 + r;
                    }
                }
                let adoption = &l.adoption[..n];
                let tmp = &mut ws.tmp[..n];
                emit(ix.series(Metric::Adoption(si), t), adoption);
                for ((x, p), a) in tmp.iter_mut().zip(&l.pop[..n]).zip(adoption) {
                    *x = p * a;
                }
                emit(ix.series(Metric::Adopters(si), t), tmp);
                let domestic = &mut ws.domestic[..n];
                for (((x, d), (v, a)), g) in tmp
                    .iter_mut()
                    .zip(domestic.iter_mut())
                    .zip(l.value[..n].iter().zip(adoption))
                    .zip(&l.growth[..n])
                {
                    let m = v * a * g;
                    *x = m;
                    *d += m;
                }
                emit(ix.series(Metric::Market(si), t), &ws.tmp[..n]);
            }
            if which != Segments::All {
                continue;
            }
            emit(ix.series(Metric::Domestic, t), &ws.domestic[..n]);
            // Exports.
            lift_factor(&mut lp[..n], &self.lift_export, &ws.lift_export, effects, t);
            for j in 0..n {
                ws.tmp[j] = ws.domestic[j] * ws.export_ratio[j] * lp[j];
            }
            emit(ix.series(Metric::Export, t), &ws.tmp[..n]);
            for j in 0..n {
                ws.tmp[j] += ws.domestic[j];
            }
            emit(ix.series(Metric::Total, t), &ws.tmp[..n]);
            if let Some(discount) = &self.discount {
                let d = discount[t];
                let lanes = ws.pv_domestic[..n]
                    .iter_mut()
                    .zip(&mut ws.pv_total[..n])
                    .zip(ws.domestic[..n].iter().zip(&ws.tmp[..n]));
                for ((pd, pt), (dom, tot)) in lanes {
                    *pd += dom * d;
                    *pt += tot * d;
                }
                emit(ix.series(Metric::PvDomestic, t), &ws.pv_domestic[..n]);
                emit(ix.series(Metric::PvTotal, t), &ws.pv_total[..n]);
            }
        }
    }
}
