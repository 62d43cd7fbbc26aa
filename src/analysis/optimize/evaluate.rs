//! Evaluating many splits on the same draws: a visitor of the draw loop
//! that reads each block's sampled parameters once and re-steps the model
//! for every split (common random numbers).
//!
//! Within a block, the axes are stepped once per distinct budget the splits
//! use (not once per split), the axes outside the split once, and the
//! segments once per split, only as far as the objective needs: its last
//! year, and its segment alone unless it is a market total. The split
//! holding the scenario's own budgets steps exactly the arithmetic of
//! `esante run`, so its statistics are the run's, bit for bit.
//!
//! On the calibrated projection (a [`Weighting`]), every statistic weighs
//! each draw by the likelihood of the scenario's observed figures, as
//! stepped with the scenario's own budgets: what was observed happened under
//! the programme as it was funded, whatever split is evaluated.

use ndarray::ArrayView2;

use crate::engine::{self, Block, Job, Observer, Visit, Visitor, Weighting, WeightingError};
use crate::model::{Emit, Model, Segments, Workspace};
use crate::scenario::optimize::{Problem, Statistic};
use crate::scenario::plan::BudgetError;
use crate::scenario::{Bound, Metric, Scenario, Series};
use crate::stats::importance::WeightSums;
use crate::stats::{BlockWeights, SeriesStats};

/// Where the objective's values come from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// An axis metric of this axis.
    Axis(usize),
    /// Segment metrics, stepping these segments.
    Segments(Segments),
}

/// The statistics of each split over a pass of draws.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// Per split: the objective's statistics.
    pub stats: Vec<SeriesStats>,
    /// Per split: draws meeting the bound of a `prob` statistic (their
    /// weight on the calibrated projection; 0 for other statistics).
    pub hits: Vec<f64>,
    /// Per split, when paired: the statistics of the per-draw difference
    /// with the first split.
    pub diffs: Vec<SeriesStats>,
    /// Per split, when paired: draws (their weight) where the split does
    /// strictly better than the first split.
    pub better: Vec<f64>,
    /// The number of draws of the pass (their total weight when weighted).
    pub total: f64,
    /// On the calibrated projection: the weights' sums.
    pub weights: Option<WeightSums>,
}

impl Evaluated {
    /// `mass` (hits, or draws doing better) as a share of the draws;
    /// undefined without draws.
    pub fn share(&self, mass: f64) -> f64 {
        if self.total > 0.0 {
            mass / self.total
        } else {
            f64::NAN
        }
    }
}

/// A pass evaluating `splits` (budgets of the free axes, M EUR).
pub struct Evaluate<'a> {
    model: &'a Model,
    /// The bound of a `prob` statistic.
    bound: Option<Bound>,
    /// Per axis of the scenario: its position among the free axes.
    free_pos: Vec<Option<usize>>,
    /// Per free axis: the plans of the distinct budgets the splits use.
    plans: Vec<Vec<Vec<f64>>>,
    /// Per split: the plan index of each free axis.
    choice: Vec<Vec<usize>>,
    metric: usize,
    first: usize,
    last: usize,
    source: Source,
    paired: bool,
}

impl<'a> Evaluate<'a> {
    /// A pass over `splits`; with `paired`, differences are taken against
    /// the first split.
    pub fn new(
        scenario: &Scenario,
        model: &'a Model,
        problem: &'a Problem,
        splits: &[Vec<f64>],
        paired: bool,
    ) -> Result<Evaluate<'a>, BudgetError> {
        let mut free_pos = vec![None; scenario.axes.len()];
        for (k, &a) in problem.free.iter().enumerate() {
            free_pos[a] = Some(k);
        }
        let mut budgets: Vec<Vec<u64>> = vec![Vec::new(); problem.free.len()];
        let mut plans: Vec<Vec<Vec<f64>>> = vec![Vec::new(); problem.free.len()];
        let mut choice = Vec::with_capacity(splits.len());
        for split in splits {
            let mut c = Vec::with_capacity(split.len());
            for (k, &b) in split.iter().enumerate() {
                let i = match budgets[k].iter().position(|&x| x == b.to_bits()) {
                    Some(i) => i,
                    None => {
                        let axis = &scenario.axes[problem.free[k]];
                        let plan = axis.rebudget(b, scenario.start_year, scenario.end_year)?.1;
                        budgets[k].push(b.to_bits());
                        plans[k].push(plan.yearly);
                        plans[k].len() - 1
                    }
                };
                c.push(i);
            }
            choice.push(c);
        }
        let o = &problem.objective;
        let ix = &scenario.metrics;
        let year = |y: i32| {
            ix.year_index(y)
                .expect("objective years are in the horizon")
        };
        let source = match o.metric {
            Metric::Spending(a)
            | Metric::Effect(a)
            | Metric::Deliverable(a, _)
            | Metric::PvSpending(a) => Source::Axis(a),
            Metric::Adoption(s) | Metric::Adopters(s) | Metric::Market(s) => {
                Source::Segments(Segments::Only(s))
            }
            Metric::Domestic
            | Metric::Export
            | Metric::Total
            | Metric::PvDomestic
            | Metric::PvTotal => Source::Segments(Segments::All),
        };
        Ok(Evaluate {
            model,
            bound: match o.statistic {
                Statistic::Prob(b) => Some(b),
                _ => None,
            },
            free_pos,
            plans,
            choice,
            metric: ix.index(o.metric),
            first: year(o.years.0),
            last: year(o.years.1),
            source,
            paired,
        })
    }

    /// Runs the pass over the draws of `job` (which only samples), each
    /// draw weighted by `weighting` when given (made for `job`); an error
    /// when no draw can be weighted.
    pub fn run(
        &self,
        job: &Job<'_>,
        weighting: Option<&Weighting>,
        observer: &dyn Observer,
    ) -> Result<Evaluated, WeightingError> {
        let acc = match weighting {
            None => job.run(self, observer),
            Some(w) => engine::run_weighted(std::slice::from_ref(job), w, self, observer)?,
        };
        Ok(Evaluated {
            stats: acc.stats,
            hits: acc.hits,
            diffs: acc.diffs,
            better: acc.better,
            total: acc.total,
            weights: weighting.map(|_| acc.sums),
        })
    }

    /// Adds `values` of `series` to the objective's lanes `obj` when the
    /// series is the objective's metric in one of its years.
    fn collect(&self, series: Series, values: &[f64], obj: &mut [f64]) {
        let (m, t) = self.model.metrics().split(series);
        if m != self.metric || t < self.first || t > self.last {
            return;
        }
        if t == self.first {
            obj.copy_from_slice(values);
        } else {
            for (o, v) in obj.iter_mut().zip(values) {
                *o += v;
            }
        }
    }
}

/// The partial result of a range of draws, and its buffers.
pub struct EvalAcc<'v> {
    of: &'v Evaluate<'v>,
    ws: Workspace,
    /// Per axis outside the split: effect levels, year-major.
    fixed: Vec<Vec<f64>>,
    /// Per free axis and plan: effect levels, year-major.
    cache: Vec<Vec<Vec<f64>>>,
    /// Per free axis and plan: the objective, when it is that axis' metric.
    axis_obj: Vec<Vec<Vec<f64>>>,
    obj: Vec<f64>,
    /// The objective, when it is the metric of an axis outside the split.
    fixed_obj: Vec<f64>,
    reference: Vec<f64>,
    diff: Vec<f64>,
    stats: Vec<SeriesStats>,
    hits: Vec<f64>,
    diffs: Vec<SeriesStats>,
    better: Vec<f64>,
    total: f64,
    /// The current block's weights (empty when unweighted).
    weights: BlockWeights,
    sums: WeightSums,
}

impl Visitor for EvalAcc<'_> {
    fn weights(&mut self, _: Block, weights: &[f64]) {
        self.weights.set(weights);
        self.sums.add_slice(weights);
    }

    fn rescale(&mut self, factor: f64) {
        for s in self.stats.iter_mut().chain(&mut self.diffs) {
            s.rescale(factor);
        }
        for x in self.hits.iter_mut().chain(&mut self.better) {
            *x *= factor;
        }
        self.total *= factor;
        self.sums.rescale(factor);
    }

    fn params(&mut self, _job: usize, block: Block, params: ArrayView2<'_, f64>) {
        let e = self.of;
        let n = block.n;
        self.total += if self.weights.is_empty() {
            n as f64
        } else {
            self.weights.as_slice().iter().sum::<f64>()
        };
        let model = e.model;
        model.load(params, n, &mut self.ws);
        self.obj.resize(n, 0.0);
        self.fixed_obj.resize(n, 0.0);
        let fixed_obj = &mut self.fixed_obj;
        // Axes outside the split, once; each distinct budget of a free axis, once.
        for (a, pos) in e.free_pos.iter().enumerate() {
            let wants = matches!(e.source, Source::Axis(x) if x == a);
            match pos {
                None => {
                    let mut collect = |s: Series, v: &[f64]| e.collect(s, v, fixed_obj);
                    let emit: Option<Emit<'_>> = if wants { Some(&mut collect) } else { None };
                    model.step_axis(a, model.plan(a), &mut self.ws, &mut self.fixed[a], emit);
                }
                Some(k) => {
                    for (p, plan) in e.plans[*k].iter().enumerate() {
                        let out = &mut self.axis_obj[*k][p];
                        out.resize(n, 0.0);
                        let mut collect = |s: Series, v: &[f64]| e.collect(s, v, out);
                        let emit: Option<Emit<'_>> = if wants { Some(&mut collect) } else { None };
                        model.step_axis(a, plan, &mut self.ws, &mut self.cache[*k][p], emit);
                    }
                }
            }
        }
        // One list of effect levels per block, refilled for each split.
        let mut effects: Vec<&[f64]> = Vec::with_capacity(e.free_pos.len());
        for (c, choice) in e.choice.iter().enumerate() {
            match e.source {
                Source::Axis(a) => match e.free_pos[a] {
                    Some(k) => self.obj.copy_from_slice(&self.axis_obj[k][choice[k]][..n]),
                    None => self.obj.copy_from_slice(&self.fixed_obj),
                },
                Source::Segments(which) => {
                    effects.clear();
                    effects.extend(e.free_pos.iter().enumerate().map(|(a, pos)| match pos {
                        Some(k) => self.cache[*k][choice[*k]].as_slice(),
                        None => self.fixed[a].as_slice(),
                    }));
                    let obj = &mut self.obj;
                    model.step_segments(&effects, e.last + 1, which, &mut self.ws, |s, v| {
                        e.collect(s, v, obj)
                    });
                }
            }
            let ws = &self.weights;
            self.stats[c].add_block(&self.obj, ws);
            if let Some(b) = e.bound {
                self.hits[c] += ws.mass(&self.obj, |x| b.holds(x));
            }
            if e.paired {
                if c == 0 {
                    self.reference.clear();
                    self.reference.extend_from_slice(&self.obj);
                }
                self.diff.clear();
                self.diff
                    .extend(self.obj.iter().zip(&self.reference).map(|(x, r)| x - r));
                self.diffs[c].add_block(&self.diff, ws);
                self.better[c] += ws.mass(&self.diff, |d| d > 0.0);
            }
        }
    }

    fn values(&mut self, _: usize, _: Block, _: Series, _: &[f64]) {}
}

impl Visit for Evaluate<'_> {
    type Acc<'v>
        = EvalAcc<'v>
    where
        Self: 'v;

    fn leaf(&self) -> EvalAcc<'_> {
        let splits = self.choice.len();
        let paired = if self.paired { splits } else { 0 };
        EvalAcc {
            of: self,
            ws: Workspace::default(),
            fixed: vec![Vec::new(); self.free_pos.len()],
            cache: self
                .plans
                .iter()
                .map(|p| vec![Vec::new(); p.len()])
                .collect(),
            axis_obj: self
                .plans
                .iter()
                .map(|p| vec![Vec::new(); p.len()])
                .collect(),
            obj: Vec::new(),
            fixed_obj: Vec::new(),
            reference: Vec::new(),
            diff: Vec::new(),
            stats: vec![SeriesStats::default(); splits],
            hits: vec![0.0; splits],
            diffs: vec![SeriesStats::default(); paired],
            better: vec![0.0; paired],
            total: 0.0,
            weights: BlockWeights::default(),
            sums: WeightSums::default(),
        }
    }

    fn merge<'v>(&'v self, a: &mut EvalAcc<'v>, b: EvalAcc<'v>) {
        for (x, y) in a.stats.iter_mut().zip(&b.stats) {
            x.merge(y);
        }
        for (x, y) in a.diffs.iter_mut().zip(&b.diffs) {
            x.merge(y);
        }
        for (x, y) in a.hits.iter_mut().zip(&b.hits) {
            *x += y;
        }
        for (x, y) in a.better.iter_mut().zip(&b.better) {
            *x += y;
        }
        a.total += b.total;
        a.sums.merge(&b.sums);
    }

    fn steps_model(&self) -> bool {
        false
    }
}
