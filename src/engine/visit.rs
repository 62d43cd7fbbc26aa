//! What the draw loop hands out: per block, each job's sampled parameters and
//! every series' values, to a [`Visitor`]; a [`Visit`] makes one visitor per
//! leaf of the reduction tree and merges them in a fixed order.
//!
//! Statistics, the draws export, paired differences and the sensitivity
//! designs are all visitors of the same loop ([`super::Jobs::run`]); several
//! run in one pass as a tuple or a `Vec`.

use ndarray::ArrayView2;

use crate::scenario::Series;

/// A block of consecutive draws: the first draw and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Index of the first draw.
    pub start: u64,
    /// Number of draws (at most [`super::BLOCK`]).
    pub n: usize,
}

/// Receives one leaf's blocks, in draw order. Within a block, the draws'
/// importance weights come first (calibrated passes only), then each job's
/// parameters, then its values; [`Visitor::end`] closes the block once every
/// job has been stepped.
pub trait Visitor {
    /// The importance weights of the block's draws (`weights.len() ==
    /// block.n`), before anything else of the block; only in a weighted pass
    /// (see [`super::Weighting`]).
    fn weights(&mut self, _block: Block, _weights: &[f64]) {}
    /// Multiplies every weight handed out so far by `factor` (in `(0, 1)`):
    /// a later block holds a more likely draw, whose weight is 1 from now on
    /// (see [`super::Weighting`]); also before two parts of a weighted pass
    /// merge. A visitor that keeps anything weighted must implement it.
    fn rescale(&mut self, _factor: f64) {}
    /// The parameters of job `job` for the block: uncertain parameters x
    /// draws (`params.ncols() == block.n`).
    fn params(&mut self, _job: usize, _block: Block, _params: ArrayView2<'_, f64>) {}
    /// The values of one series of job `job` for the block's draws.
    fn values(&mut self, job: usize, block: Block, series: Series, values: &[f64]);
    /// After every job's values of the block.
    fn end(&mut self, _block: Block) {}
}

/// A pass over the draws: makes the visitor of each leaf and merges them.
///
/// `merge(a, b)` always receives the earlier draws as `a`, along a tree fixed
/// by the number of draws, so results do not depend on threads.
pub trait Visit: Sync {
    /// The visitor (and partial result) of a range of draws.
    type Acc<'a>: Visitor + Send
    where
        Self: 'a;
    /// An empty visitor for a new leaf.
    fn leaf(&self) -> Self::Acc<'_>;
    /// Adds the later partial result `b` to `a`.
    fn merge<'a>(&'a self, a: &mut Self::Acc<'a>, b: Self::Acc<'a>);
    /// Whether the loop steps the jobs' models and hands out their values
    /// (a visitor that only reads the sampled parameters says no).
    fn steps_model(&self) -> bool {
        true
    }
}

impl<A: Visitor, B: Visitor> Visitor for (A, B) {
    fn weights(&mut self, block: Block, weights: &[f64]) {
        self.0.weights(block, weights);
        self.1.weights(block, weights);
    }
    fn rescale(&mut self, factor: f64) {
        self.0.rescale(factor);
        self.1.rescale(factor);
    }
    fn params(&mut self, job: usize, block: Block, params: ArrayView2<'_, f64>) {
        self.0.params(job, block, params);
        self.1.params(job, block, params);
    }
    fn values(&mut self, job: usize, block: Block, series: Series, values: &[f64]) {
        self.0.values(job, block, series, values);
        self.1.values(job, block, series, values);
    }
    fn end(&mut self, block: Block) {
        self.0.end(block);
        self.1.end(block);
    }
}

impl<A: Visit, B: Visit> Visit for (A, B) {
    type Acc<'a>
        = (A::Acc<'a>, B::Acc<'a>)
    where
        Self: 'a;
    fn leaf(&self) -> Self::Acc<'_> {
        (self.0.leaf(), self.1.leaf())
    }
    fn merge<'a>(&'a self, a: &mut Self::Acc<'a>, b: Self::Acc<'a>) {
        self.0.merge(&mut a.0, b.0);
        self.1.merge(&mut a.1, b.1);
    }
    fn steps_model(&self) -> bool {
        self.0.steps_model() || self.1.steps_model()
    }
}

impl<A: Visitor> Visitor for Vec<A> {
    fn weights(&mut self, block: Block, weights: &[f64]) {
        for v in self {
            v.weights(block, weights);
        }
    }
    fn rescale(&mut self, factor: f64) {
        for v in self {
            v.rescale(factor);
        }
    }
    fn params(&mut self, job: usize, block: Block, params: ArrayView2<'_, f64>) {
        for v in self {
            v.params(job, block, params);
        }
    }
    fn values(&mut self, job: usize, block: Block, series: Series, values: &[f64]) {
        for v in self {
            v.values(job, block, series, values);
        }
    }
    fn end(&mut self, block: Block) {
        for v in self {
            v.end(block);
        }
    }
}

impl<A: Visit> Visit for Vec<A> {
    type Acc<'a>
        = Vec<A::Acc<'a>>
    where
        Self: 'a;
    fn leaf(&self) -> Self::Acc<'_> {
        self.iter().map(Visit::leaf).collect()
    }
    fn merge<'a>(&'a self, a: &mut Self::Acc<'a>, b: Self::Acc<'a>) {
        for ((v, x), y) in self.iter().zip(a.iter_mut()).zip(b) {
            v.merge(x, y);
        }
    }
    fn steps_model(&self) -> bool {
        self.iter().any(Visit::steps_model)
    }
}
