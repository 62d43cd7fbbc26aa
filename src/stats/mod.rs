//! Mergeable streaming statistics with memory independent of the number of draws.
//!
//! - [`Moments`]: count, mean and sum of squared deviations, combined with
//!   Chan et al.'s parallel form of Welford's update (exact up to rounding).
//! - [`Sketch`]: a log-linear histogram of the values' IEEE-754 bit patterns
//!   (the HdrHistogram idea): the exponent and the top [`SUB_BITS`] mantissa bits
//!   select the bucket, so a bucket spans at most `2^-8` (0.39%) of its lower
//!   bound. Bucket counts are integers, so merging is exact and order-free.
//! - [`SeriesStats`]: both, plus exact min and max, for one metric in one year.
//! - [`importance`]: diagnostics of importance-sampling weights (PSIS k-hat, ESS).
//!
//! A calibrated run weights each draw (importance weights): the moments then
//! sum weights instead of counts and the sketch's buckets hold weights, so the
//! same type summarises a posterior.
//!
//! Percentiles use the linear-interpolation definition (Hyndman & Fan type 7,
//! numpy's default) over the order statistics. An order statistic is estimated
//! inside its bucket by spreading the bucket's values evenly over its width, then
//! clamped to `[min, max]`; it stays in the same bucket as the true value, so
//! the error is below 0.39% of it, and so is the error of the interpolation
//! between two of them (for values of one sign). Memory per metric and year is
//! bounded by the values' dynamic range (256 buckets per power of two, at most
//! 2^96), never by the number of draws.

pub mod exact;
pub mod importance;
mod moments;
mod pair;
pub mod serial;
mod sketch;
mod sums;
mod weights;

pub use moments::Moments;
pub use sketch::{SUB_BITS, Sketch};
use sums::Scan;
pub use weights::BlockWeights;

/// The percentiles reported for every metric and year, in output order.
pub const PERCENTILES: [(&str, f64); 7] = [
    ("p5", 0.05),
    ("p10", 0.10),
    ("p25", 0.25),
    ("p50", 0.50),
    ("p75", 0.75),
    ("p90", 0.90),
    ("p95", 0.95),
];

/// Everything kept about one metric in one year.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SeriesStats {
    /// Count, mean, squared deviations.
    pub moments: Moments,
    /// Smallest value.
    #[serde(with = "serial::float")]
    pub min: f64,
    /// Largest value.
    #[serde(with = "serial::float")]
    pub max: f64,
    /// Distribution sketch for percentiles.
    pub sketch: Sketch,
    /// Values that were NaN or infinite (overflow); kept out of everything else.
    pub non_finite: u64,
}

impl Default for SeriesStats {
    fn default() -> Self {
        SeriesStats {
            moments: Moments::default(),
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            sketch: Sketch::default(),
            non_finite: 0,
        }
    }
}

impl SeriesStats {
    /// Adds a batch of values (the draws of one block). Non-finite values
    /// (overflow) are counted in `non_finite` and kept out of the rest.
    pub fn add_slice(&mut self, xs: &[f64]) {
        if xs.is_empty() {
            return;
        }
        let scan = Scan::of(xs);
        let (lo, hi) = (scan.lo, scan.hi);
        if !self.moments.add_batch(xs, scan) {
            let finite: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
            self.non_finite += (xs.len() - finite.len()) as u64;
            return self.add_slice(&finite);
        }
        self.min = self.min.min(lo);
        self.max = self.max.max(hi);
        self.sketch.add_slice(xs, lo, hi);
    }

    /// Statistics of weighted values: [`SeriesStats::add_weighted`] feeds them.
    pub fn weighted() -> SeriesStats {
        SeriesStats {
            sketch: Sketch::weighted(),
            ..SeriesStats::default()
        }
    }

    /// Adds a batch of values with their importance weights (the same
    /// length). Values of weight 0 count in `moments.n` only; min and max
    /// are over the values of positive weight. Weights that are all 1 add
    /// exactly what [`SeriesStats::add_slice`] adds.
    pub fn add_weighted(&mut self, xs: &[f64], w: &BlockWeights) {
        if xs.is_empty() {
            return;
        }
        if w.all_one() {
            // Weights that are all 1 are no weights: exactly an unweighted
            // batch, in a sketch that stays weighted for the later batches.
            self.sketch.make_weighted();
            return self.add_slice(xs);
        }
        let scan = Scan::weighted(xs, w.as_slice());
        let (lo, hi) = (scan.lo, scan.hi);
        let constant = lo == hi && xs.iter().all(|&x| x == lo);
        let m = if constant {
            Moments::weighted_from(xs.len() as u64, w.sum(), w.sum_sq(), lo, 0.0)
        } else {
            Moments::weighted_scanned(xs, w, scan)
        };
        if !m.mean().is_finite() || !m.m2().is_finite() {
            // Overflow or NaN somewhere in the batch: keep the finite values only.
            let (fx, fw): (Vec<f64>, Vec<f64>) = xs
                .iter()
                .zip(w.as_slice())
                .filter(|(x, _)| x.is_finite())
                .map(|(&x, &w)| (x, w))
                .unzip();
            if fx.len() < xs.len() {
                self.non_finite += (xs.len() - fx.len()) as u64;
                self.add_weighted(&fx, &BlockWeights::new(&fw));
                return;
            }
        }
        self.moments.merge(&m);
        if w.all_positive() {
            self.min = self.min.min(lo);
            self.max = self.max.max(hi);
        } else {
            for (&x, &wt) in xs.iter().zip(w.as_slice()) {
                if wt > 0.0 {
                    self.min = self.min.min(x);
                    self.max = self.max.max(x);
                }
            }
        }
        if constant && w.all_positive() {
            self.sketch.add_constant_weight(lo, w.sum());
        } else {
            self.sketch.add_weighted(xs, w, lo, hi);
        }
    }

    /// Multiplies the weight of every value seen by `factor` (above 0): the
    /// draw loop lowers the weights of earlier draws when a later one is
    /// more likely (a running log-sum-exp shift). Means and percentiles do
    /// not change; counts are not weights and must not be rescaled.
    ///
    /// # Panics
    /// If the statistics count unweighted values.
    pub fn rescale(&mut self, factor: f64) {
        if factor == 1.0 || self.moments.n == 0 {
            return;
        }
        self.moments.rescale(factor);
        self.sketch.rescale(factor);
    }

    /// Adds a block's values: weighted by `w`, or unweighted when `w` is
    /// empty (a pass without weights).
    pub fn add_block(&mut self, xs: &[f64], w: &BlockWeights) {
        if w.is_empty() {
            self.add_slice(xs);
        } else {
            self.add_weighted(xs, w);
        }
    }

    /// Whether the values carry importance weights.
    pub fn is_weighted(&self) -> bool {
        self.sketch.is_weighted()
    }

    /// Share of the values (of their weight, when weighted) below `x`,
    /// estimated from the sketch: exact outside `[min, max]`, otherwise off
    /// by at most the share of values within 0.39% of `x`.
    pub fn share_below(&self, x: f64) -> f64 {
        if self.moments.n == 0 || x.is_nan() {
            f64::NAN
        } else if x <= self.min {
            0.0
        } else if x > self.max {
            1.0
        } else {
            self.sketch.share_below(x)
        }
    }

    /// Checks statistics read from a file (a shard of a run): unweighted,
    /// internally consistent, and `values` values in all, finite or not.
    pub fn check_unweighted(&self, values: u64) -> Result<(), String> {
        self.moments.check_exact()?;
        self.sketch.check_counts(self.moments.n)?;
        if self.moments.n.checked_add(self.non_finite) != Some(values) {
            return Err(format!(
                "{} values where the shard has {values} draws",
                self.moments.n + self.non_finite
            ));
        }
        let extremes = (self.min, self.max);
        if self.moments.extremes() != Some(extremes) {
            return Err("extremes that differ from the moments'".into());
        }
        Ok(())
    }

    /// Adds everything another summary saw.
    pub fn merge(&mut self, o: &SeriesStats) {
        self.moments.merge(&o.moments);
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
        self.sketch.merge(&o.sketch);
        self.non_finite += o.non_finite;
    }

    /// Percentiles at the given probabilities in `[0, 1]` (type 7), each within
    /// 0.39% of the exact sample percentile. Weighted values: the values below
    /// which those shares of the weight lie, within 0.39% likewise.
    pub fn percentiles(&self, probs: &[f64]) -> Vec<f64> {
        let n = self.moments.n;
        if n == 0 || self.moments.weight.is_nan() || self.moments.weight <= 0.0 {
            return vec![f64::NAN; probs.len()];
        }
        if !self.sketch.counts_alike() {
            return self.weighted_percentiles(probs);
        }
        let mut ranks: Vec<u64> = Vec::with_capacity(2 * probs.len());
        let plan: Vec<(u64, u64, f64)> = probs
            .iter()
            .map(|&p| {
                let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
                let lo = h.floor() as u64;
                let hi = (lo + 1).min(n - 1);
                (lo, hi, h - lo as f64)
            })
            .collect();
        for &(lo, hi, _) in &plan {
            ranks.push(lo);
            ranks.push(hi);
        }
        ranks.sort_unstable();
        ranks.dedup();
        let est = self.sketch.order_stats(&ranks);
        let value = |r: u64| -> f64 {
            if r == 0 {
                return self.min;
            }
            if r == n - 1 {
                return self.max;
            }
            let i = ranks.binary_search(&r).expect("rank was requested");
            est[i].clamp(self.min, self.max)
        };
        plan.iter()
            .map(|&(lo, hi, frac)| {
                let (a, b) = (value(lo), value(hi));
                if frac == 0.0 { a } else { a + frac * (b - a) }
            })
            .collect()
    }
}

impl SeriesStats {
    /// Weighted percentiles (see [`SeriesStats::percentiles`]), 0 and 1 at
    /// the smallest and largest value.
    fn weighted_percentiles(&self, probs: &[f64]) -> Vec<f64> {
        let mut order: Vec<usize> = (0..probs.len()).collect();
        order.sort_by(|&a, &b| probs[a].total_cmp(&probs[b]));
        let sorted: Vec<f64> = order.iter().map(|&i| probs[i].clamp(0.0, 1.0)).collect();
        let q = self.sketch.weighted_quantiles(&sorted);
        let mut out = vec![f64::NAN; probs.len()];
        for (k, &i) in order.iter().enumerate() {
            out[i] = match sorted[k] {
                0.0 => self.min,
                1.0 => self.max,
                _ => q[k].clamp(self.min, self.max),
            };
        }
        out
    }

    /// Estimated number of values in each bin between consecutive `edges`
    /// (ascending; bins are `[e_i, e_i+1)`, the last one closed). The values
    /// of a sketch bucket are taken as evenly spread over its width, clipped
    /// to `[min, max]`, so a bin's count is off by at most the values of the
    /// two buckets that straddle its edges (each bucket spans 0.39% of its
    /// value). Values outside the edges are not counted. Counts are
    /// fractional; over edges covering `[min, max]` they sum to the count.
    /// Weighted values count with their weight.
    pub fn histogram(&self, edges: &[f64]) -> Vec<f64> {
        let nb = edges.len().saturating_sub(1);
        let mut out = vec![0.0; nb];
        if nb == 0 || self.moments.n == 0 {
            return out;
        }
        let (first, last) = (edges[0], edges[nb]);
        // Index of the bin holding x, if any.
        let bin_of = |x: f64| -> Option<usize> {
            if x < first || x > last {
                return None;
            }
            let i = edges.partition_point(|&e| e <= x);
            Some(i.saturating_sub(1).min(nb - 1))
        };
        for (start, end, c) in self.sketch.buckets() {
            let (a, b) = (start.max(self.min), end.min(self.max));
            if a >= b {
                // A point (the zero bucket, or a bucket clipped to one value).
                if let Some(i) = bin_of(a.min(self.max).max(self.min)) {
                    out[i] += c;
                }
                continue;
            }
            let mut i = edges.partition_point(|&e| e <= a).saturating_sub(1);
            while i < nb && edges[i] < b {
                let lo = a.max(edges[i]);
                let hi = b.min(edges[i + 1]);
                if hi > lo {
                    out[i] += c * (hi - lo) / (b - a);
                }
                i += 1;
            }
        }
        out
    }
}

/// Exact sample percentile (type 7) of sorted values; for tests and checks.
pub fn exact_percentile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
// Reference values in tests may use the system's functions.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use rand::{Rng, RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rand_distr::{Distribution, LogNormal, Normal};

    fn check(values: &[f64], chunks: usize) {
        let mut parts: Vec<SeriesStats> = Vec::new();
        for c in values.chunks(values.len().div_ceil(chunks)) {
            let mut s = SeriesStats::default();
            s.add_slice(c);
            parts.push(s);
        }
        let mut s = SeriesStats::default();
        for p in &parts {
            s.merge(p);
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let probs: Vec<f64> = (0..=100).map(|i| i as f64 / 100.0).collect();
        let got = s.percentiles(&probs);
        for (p, g) in probs.iter().zip(got) {
            let want = exact_percentile(&sorted, *p);
            let tol = want.abs() / 256.0 + 1e-300;
            assert!((g - want).abs() <= tol, "p={p}: {g} vs {want}");
        }
        let m = Moments::of(values);
        assert!((s.moments.mean() - m.mean()).abs() <= 1e-12 * m.mean().abs().max(1.0));
        assert!((s.moments.sd() - m.sd()).abs() <= 1e-10 * m.sd().max(1e-300));
        assert_eq!(s.min, sorted[0]);
        assert_eq!(s.max, sorted[sorted.len() - 1]);
    }

    #[test]
    fn percentiles_within_bucket_error() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let ln = LogNormal::new(3.0, 2.0).unwrap();
        let v: Vec<f64> = (0..20_001).map(|_| ln.sample(&mut rng)).collect();
        check(&v, 7);
        let nrm = Normal::new(-5.0, 3.0).unwrap();
        let v: Vec<f64> = (0..10_000).map(|_| nrm.sample(&mut rng)).collect();
        check(&v, 3);
        let v: Vec<f64> = (0..999).map(|_| (rng.next_u32() % 4) as f64).collect();
        check(&v, 5);
        check(&[7.25; 50], 2);
    }

    #[test]
    fn merge_order_does_not_matter_for_the_sketch() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let v: Vec<f64> = (0..5000).map(|_| rng.random::<f64>() * 1e6).collect();
        let (a, b) = v.split_at(1234);
        let mut x = Sketch::default();
        let mut y = Sketch::default();
        a.iter().for_each(|&t| x.add(t));
        b.iter().for_each(|&t| y.add(t));
        let mut xy = x.clone();
        xy.merge(&y);
        let mut yx = y.clone();
        yx.merge(&x);
        assert_eq!(
            xy.order_stats(&[0, 10, 4999]),
            yx.order_stats(&[0, 10, 4999])
        );
    }

    /// Checks `SeriesStats::histogram` against exact bin counts. A bin's error
    /// is bounded by the values of the buckets straddling its two edges, i.e.
    /// the values within 2^-7 of each edge (relative).
    fn check_histogram(values: &[f64], edges: &[f64]) {
        let mut s = SeriesStats::default();
        for c in values.chunks(1024) {
            s.add_slice(c);
        }
        let got = s.histogram(edges);
        let near = |e: f64| {
            values
                .iter()
                .filter(|&&x| (x - e).abs() <= e.abs() / 128.0)
                .count() as f64
        };
        let mut inside = 0.0;
        for i in 0..edges.len() - 1 {
            let last = i == edges.len() - 2;
            let exact = values
                .iter()
                .filter(|&&x| x >= edges[i] && (x < edges[i + 1] || (last && x == edges[i + 1])))
                .count() as f64;
            inside += exact;
            let tol = near(edges[i]) + near(edges[i + 1]) + 1e-9;
            assert!(
                (got[i] - exact).abs() <= tol,
                "bin {i} [{}, {}): {} vs {exact} (tol {tol})",
                edges[i],
                edges[i + 1],
                got[i]
            );
        }
        let total: f64 = got.iter().sum();
        let tol = near(edges[0]) + near(edges[edges.len() - 1]) + 1e-6;
        assert!((total - inside).abs() <= tol, "{total} vs {inside}");
    }

    #[test]
    fn histogram_from_the_sketch_matches_exact_counts() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let ln = LogNormal::new(9.0, 0.4).unwrap();
        let v: Vec<f64> = (0..50_000).map(|_| ln.sample(&mut rng)).collect();
        let edges: Vec<f64> = (0..=40).map(|i| 2_000.0 + 500.0 * i as f64).collect();
        check_histogram(&v, &edges);
        let nrm = Normal::new(-1.0, 3.0).unwrap();
        let v: Vec<f64> = (0..20_000).map(|_| nrm.sample(&mut rng)).collect();
        let edges: Vec<f64> = (0..=24).map(|i| -13.0 + i as f64).collect();
        check_histogram(&v, &edges);
        // Edges covering [min, max]: every value is counted.
        let mut s = SeriesStats::default();
        s.add_slice(&v);
        let all: f64 = s.histogram(&[s.min, 0.0, s.max]).iter().sum();
        assert!((all - v.len() as f64).abs() < 1e-6, "{all}");
    }

    #[test]
    fn histogram_of_a_constant_is_one_bin() {
        let mut s = SeriesStats::default();
        s.add_slice(&[42.5; 300]);
        assert_eq!(
            s.histogram(&[40.0, 42.0, 43.0, 45.0]),
            vec![0.0, 300.0, 0.0]
        );
        let mut z = SeriesStats::default();
        z.add_slice(&[0.0; 10]);
        assert_eq!(z.histogram(&[-1.0, 0.0, 1.0]), vec![0.0, 10.0]);
        assert_eq!(z.histogram(&[1.0, 2.0]), vec![0.0]);
    }

    /// The exact weighted quantile: the smallest value whose cumulative
    /// weight (values sorted ascending) reaches `p` times the total.
    fn exact_weighted(pairs: &[(f64, f64)], p: f64) -> f64 {
        let total: f64 = pairs.iter().map(|x| x.1).sum();
        let mut cum = 0.0;
        for &(x, w) in pairs {
            cum += w;
            if cum >= p * total {
                return x;
            }
        }
        pairs[pairs.len() - 1].0
    }

    #[test]
    fn weighted_percentiles_match_exact_weighted_quantiles() {
        // Values of one sign and of both, weights spread over six orders of
        // magnitude (as importance weights are), fed in blocks and merged.
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let ln = LogNormal::new(5.0, 1.0).unwrap();
        let nrm = Normal::new(-2.0, 5.0).unwrap();
        let wd: Normal<f64> = Normal::new(0.0, 3.0).unwrap();
        for values in [
            (0..30_000)
                .map(|_| ln.sample(&mut rng))
                .collect::<Vec<f64>>(),
            (0..30_000).map(|_| nrm.sample(&mut rng)).collect(),
        ] {
            let ws: Vec<f64> = values
                .iter()
                .map(|_| (-0.5 * wd.sample(&mut rng).powi(2)).exp())
                .collect();
            let mut s = SeriesStats::weighted();
            for (x, w) in values.chunks(1024).zip(ws.chunks(1024)) {
                let mut part = SeriesStats::weighted();
                part.add_weighted(x, &BlockWeights::new(w));
                s.merge(&part);
            }
            let mut pairs: Vec<(f64, f64)> =
                values.iter().copied().zip(ws.iter().copied()).collect();
            pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let probs: Vec<f64> = (1..100).map(|i| i as f64 / 100.0).collect();
            for (p, got) in probs.iter().zip(s.percentiles(&probs)) {
                let want = exact_weighted(&pairs, *p);
                // The estimate lies in the bucket of the exact quantile, or on
                // the edge of the next one: 2^-8 of its magnitude, twice.
                let tol = want.abs() / 128.0;
                assert!((got - want).abs() <= tol, "p={p}: {got} vs {want}");
            }
            // The weighted mean.
            let w: f64 = ws.iter().sum();
            let mean = pairs.iter().map(|(x, w)| x * w).sum::<f64>() / w;
            assert!((s.moments.mean() - mean).abs() <= 1e-12 * mean.abs().max(1.0));
            assert!(s.is_weighted() && !s.sketch.counts_alike());
        }
    }

    #[test]
    fn unit_weights_are_no_weights() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let ln = LogNormal::new(1.0, 0.7).unwrap();
        let v: Vec<f64> = (0..5000).map(|_| ln.sample(&mut rng)).collect();
        let (mut a, mut b) = (SeriesStats::default(), SeriesStats::weighted());
        for c in v.chunks(1024) {
            a.add_slice(c);
            b.add_weighted(c, &BlockWeights::new(&vec![1.0; c.len()]));
        }
        let probs: Vec<f64> = PERCENTILES.iter().map(|p| p.1).collect();
        assert_eq!(a.percentiles(&probs), b.percentiles(&probs));
        assert_eq!(a.moments, b.moments);
        assert!(b.sketch.counts_alike());
        // One weight that is not 1 makes them weights, also in statistics
        // that started empty and unweighted.
        b.add_weighted(&[3.0], &BlockWeights::new(&[0.5]));
        assert!(!b.sketch.counts_alike());
        let mut c = SeriesStats::default();
        c.add_weighted(&v[..10], &BlockWeights::new(&[1.0; 10]));
        c.add_weighted(&v[10..12], &BlockWeights::new(&[0.5, 0.25]));
        assert!(c.is_weighted() && !c.sketch.counts_alike());
        assert_eq!(c.moments.weight, 10.75);
    }

    #[test]
    fn welford_push_matches_two_pass() {
        let v = [1.0, 2.0, 4.0, 8.0, 16.5];
        let mut m = Moments::default();
        v.iter().for_each(|&x| m.push(x));
        let t = Moments::of(&v);
        assert!((m.mean() - t.mean()).abs() < 1e-14 && (m.sd() - t.sd()).abs() < 1e-12);
        // sample sd of 1, 2, 4, 8, 16.5 (Python statistics.stdev) = 6.300793600809346
        assert!((t.sd() - 6.300_793_600_809_346).abs() < 1e-12);
    }
}
