//! Count, weight, mean and squared deviations, merged exactly in a fixed order.

use super::sums::sum4;
use super::weights::BlockWeights;

/// Count, total weight, mean and sum of squared deviations from the mean.
///
/// Unweighted values have weight 1 each, so `weight` and `weight_sq` equal
/// the count exactly and every formula reduces to the unweighted one, bit for
/// bit. Weighted values (importance weights) give the weighted mean and the
/// reliability-weighted variance.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    /// Number of values.
    pub n: u64,
    /// Running mean (weighted by the values' weights).
    pub mean: f64,
    /// Sum of weighted squared deviations from the mean.
    pub m2: f64,
    /// Sum of the weights (the count when unweighted).
    pub weight: f64,
    /// Sum of the squared weights (the count when unweighted).
    pub weight_sq: f64,
}

impl Moments {
    /// Moments of a slice (two passes: mean, then squared deviations), with
    /// four interleaved accumulators (a fixed order, so results are reproducible).
    pub fn of(xs: &[f64]) -> Moments {
        if xs.is_empty() {
            return Moments::default();
        }
        let n = xs.len() as f64;
        let mean = sum4(xs, |x| x) / n;
        let m2 = sum4(xs, |x| (x - mean) * (x - mean));
        Moments {
            n: xs.len() as u64,
            mean,
            m2,
            weight: n,
            weight_sq: n,
        }
    }

    /// Moments of `xs` weighted by `w` (same length), two passes like [`Moments::of`]. When every weight is 0 the
    /// values count but carry no weight: mean and `m2` are 0.
    pub fn weighted(xs: &[f64], w: &BlockWeights) -> Moments {
        debug_assert_eq!(xs.len(), w.len());
        let ws = w.as_slice();
        let (weight, weight_sq) = (w.sum(), w.sum_sq());
        let (mean, m2) = if weight > 0.0 {
            let mean = sum4_pairs(xs, ws, |x, w| w * x) / weight;
            (mean, sum4_pairs(xs, ws, |x, w| w * (x - mean) * (x - mean)))
        } else {
            (0.0, 0.0)
        };
        Moments {
            n: xs.len() as u64,
            mean,
            m2,
            weight,
            weight_sq,
        }
    }

    /// Adds one value of weight 1 (Welford).
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        self.weight += 1.0;
        self.weight_sq += 1.0;
        let d = x - self.mean;
        self.mean += d / self.weight;
        self.m2 += d * (x - self.mean);
    }

    /// Combines with the moments of another set (Chan, Golub & LeVeque 1979,
    /// with weights in place of counts).
    pub fn merge(&mut self, o: &Moments) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 || self.weight == 0.0 {
            let n = self.n;
            *self = *o;
            self.n += n;
            return;
        }
        if o.weight > 0.0 {
            let w = self.weight + o.weight;
            let d = o.mean - self.mean;
            self.mean += d * o.weight / w;
            self.m2 += o.m2 + d * d * self.weight * o.weight / w;
            self.weight = w;
            self.weight_sq += o.weight_sq;
        }
        self.n += o.n;
    }

    /// Sample standard deviation: `n - 1` denominator when unweighted, the
    /// reliability-weights form `m2 / (W - W2 / W)` when weighted (the same
    /// for equal weights). NaN (undefined) for fewer than two values or when
    /// one value carries all the weight.
    pub fn sd(&self) -> f64 {
        let dof = self.weight - self.weight_sq / self.weight;
        if self.n < 2 || dof.is_nan() || dof <= 0.0 {
            f64::NAN
        } else {
            (self.m2.max(0.0) / dof).sqrt()
        }
    }
}

/// Sum of `f(x, w)` over pairs of `xs` and `ws`, four accumulators.
#[inline]
fn sum4_pairs(xs: &[f64], ws: &[f64], f: impl Fn(f64, f64) -> f64) -> f64 {
    let mut acc = [0.0; 4];
    let n = xs.len().min(ws.len());
    let (xs, ws) = (&xs[..n], &ws[..n]);
    let mut i = 0;
    while i + 4 <= n {
        for k in 0..4 {
            acc[k] += f(xs[i + k], ws[i + k]);
        }
        i += 4;
    }
    let mut tail = 0.0;
    for k in i..n {
        tail += f(xs[k], ws[k]);
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}
