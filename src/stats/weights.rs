//! The importance weights of a batch of values (a block's draws), with the
//! sums every series of the block shares, computed once per block.

use super::sums::sum4;

/// Importance weights of a batch (finite, at least 0) and what every series
/// of the batch shares: their sum and sum of squares, and whether they are
/// all positive or all exactly 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockWeights {
    ws: Vec<f64>,
    sum: f64,
    sum_sq: f64,
    positive: bool,
    unit: bool,
}

impl BlockWeights {
    /// The weights `ws`.
    pub fn new(ws: &[f64]) -> BlockWeights {
        let mut b = BlockWeights::default();
        b.set(ws);
        b
    }

    /// Replaces the weights by `ws` (reusing the buffer).
    pub fn set(&mut self, ws: &[f64]) {
        self.ws.clear();
        self.ws.extend_from_slice(ws);
        self.sum = sum4(ws, |w| w);
        self.sum_sq = sum4(ws, |w| w * w);
        self.positive = ws.iter().all(|&w| w > 0.0);
        self.unit = ws.iter().all(|&w| w == 1.0);
    }

    /// The weights.
    pub fn as_slice(&self) -> &[f64] {
        &self.ws
    }

    /// Number of weights.
    pub fn len(&self) -> usize {
        self.ws.len()
    }

    /// Whether there is no weight (no block yet, or an unweighted pass).
    pub fn is_empty(&self) -> bool {
        self.ws.is_empty()
    }

    /// Sum of the weights (four interleaved accumulators).
    pub fn sum(&self) -> f64 {
        self.sum
    }

    /// Sum of the squared weights.
    pub fn sum_sq(&self) -> f64 {
        self.sum_sq
    }

    /// Whether every weight is above 0.
    pub fn all_positive(&self) -> bool {
        self.positive
    }

    /// How many of `xs` (the block's values) satisfy `holds`: their total
    /// weight, or their number when there is no weight (an unweighted pass).
    pub fn mass(&self, xs: &[f64], holds: impl Fn(f64) -> bool) -> f64 {
        if self.ws.is_empty() {
            xs.iter().filter(|&&x| holds(x)).count() as f64
        } else {
            xs.iter()
                .zip(&self.ws)
                .filter(|(x, _)| holds(**x))
                .map(|(_, w)| w)
                .sum()
        }
    }

    /// Whether every weight is exactly 1 (no weight at all).
    pub fn all_one(&self) -> bool {
        self.unit
    }
}
