//! Diagnostics of importance-sampling weights, for weighting Monte Carlo draws by
//! the likelihood of observations.
//!
//! - [`Tail`]: the largest weights (`tail_len(n) + 1` of them, `O(sqrt n)`
//!   memory), mergeable in any order and grouping with an identical result, and
//!   the Pareto k-hat diagnostic computed from them ([`Tail::khat`]).
//! - [`WeightSums`]: count, sum, sum of squares and largest weight, for Kish's
//!   effective sample size ([`WeightSums::ess`]) and the share of the largest
//!   weight.
//!
//! k-hat is the PSIS diagnostic of Vehtari, Simpson, Gelman, Yao & Gabry (2024),
//! "Pareto smoothed importance sampling", JMLR 25(72), with relative efficiency
//! `r_eff = 1` (independent draws): a generalized Pareto distribution is fitted
//! to the exceedances of the [`tail_len`] largest weights over the next one.
//! Below 0.5 the weights have finite variance and the plain importance-sampling
//! estimate converges quickly; above 0.7 it is unreliable whatever the number of
//! draws. Weights are expected finite and non-negative; k-hat does not depend
//! on their scale (up to rounding), so unnormalised likelihoods are fine.

use std::cmp::Ordering;

use crate::math;

/// The PSIS tail size `M = ceil(min(0.2 n, 3 sqrt(n)))` for `n` draws
/// (Vehtari et al. 2024, with `r_eff = 1`), computed in integers: the least
/// `M >= n / 5` or the least `M` with `M^2 >= 9 n`, whichever is smaller.
pub fn tail_len(draws: u64) -> usize {
    let n = u128::from(draws);
    let fifth = n.div_ceil(5);
    let s = (9 * n).isqrt();
    let root = if s * s == 9 * n { s } else { s + 1 };
    usize::try_from(fifth.min(root)).unwrap_or(usize::MAX)
}

/// The largest importance weights of a run: the [`tail_len`]`(n)` that k-hat is
/// fitted to, and one more for the threshold.
///
/// Invariant, after every call: `largest` holds the `min(keep, seen)` largest
/// weights seen so far in the order of [`f64::total_cmp`], sorted descending.
/// Values equal in that order are bit-identical, so the kept values, and
/// everything computed from them, are the same whatever the order and grouping
/// of [`push_slice`](Tail::push_slice) and [`merge`](Tail::merge) calls.
#[derive(Debug, Clone, PartialEq)]
pub struct Tail {
    keep: usize,
    largest: Vec<f64>,
}

impl Tail {
    /// An empty tail for a run of `draws` draws in all (every part of the run
    /// that is merged later must be created with the same total).
    pub fn new(draws: u64) -> Tail {
        let keep = tail_len(draws).saturating_add(1);
        Tail {
            keep,
            largest: Vec::new(),
        }
    }

    /// How many weights are kept: [`tail_len`] of the draws, plus one.
    pub fn keep(&self) -> usize {
        self.keep
    }

    /// The kept weights, largest first.
    pub fn largest(&self) -> &[f64] {
        &self.largest
    }

    /// Adds weights. Once `keep` weights are held, a weight not above the
    /// smallest of them is skipped with one comparison; the others are
    /// collected and the buffer is sorted and cut back to `keep` whenever it
    /// reaches twice that, so memory stays below `2 keep` values.
    pub fn push_slice(&mut self, ws: &[f64]) {
        let mut floor = self.floor();
        let mut dirty = false;
        for &w in ws {
            if floor.is_some_and(|f| w.total_cmp(&f) != Ordering::Greater) {
                continue;
            }
            self.largest.push(w);
            dirty = true;
            if self.largest.len() >= 2 * self.keep {
                self.compact();
                dirty = false;
                floor = self.floor();
            }
        }
        if dirty {
            self.compact();
        }
    }

    /// Multiplies every kept weight by `factor` (above 0, so the order
    /// stays): see [`SeriesStats::rescale`](crate::stats::SeriesStats::rescale).
    pub fn rescale(&mut self, factor: f64) {
        for w in &mut self.largest {
            *w *= factor;
        }
    }

    /// Adds the weights kept by another part of the same run.
    ///
    /// # Panics
    /// If the two were created for different numbers of draws.
    pub fn merge(&mut self, other: Tail) {
        assert_eq!(self.keep, other.keep, "tails of runs of different sizes");
        self.push_slice(&other.largest);
    }

    /// The Pareto k-hat diagnostic of PSIS, heavy tails positive (the negative
    /// of Zhang & Stephens' `k`), as computed by ArviZ's `psislw` and loo's
    /// `psis` with `r_eff = 1`.
    ///
    /// The threshold `u` is the `(M + 1)`-th largest weight, `M =`
    /// [`tail_len`]`(n)`; the exceedances `w - u` of the `M` largest weights
    /// that are above `u` are fitted by a generalized Pareto distribution with
    /// the empirical-Bayes estimator of Zhang & Stephens (2009), `30 +
    /// floor(sqrt(M))` grid points and the weakly informative prior of PSIS
    /// (worth 10 observations at `k = 0.5`).
    ///
    /// Returns [`f64::INFINITY`] (unreliable, as the references do) when 4 or
    /// fewer weights exceed the threshold, or when fewer than `M + 1` weights
    /// were pushed (a single draw, or fewer draws than declared); NaN when a
    /// kept weight is NaN or infinite. When the `M + 1` largest weights are
    /// all equal (equal weights, the best case) the tail is flat and bounded,
    /// the limit of a generalized Pareto shape going to minus infinity: it
    /// returns [`f64::NEG_INFINITY`] where the references give up with
    /// infinity.
    pub fn khat(&self) -> f64 {
        if self.largest.len() < self.keep {
            return f64::INFINITY;
        }
        if self.largest.iter().any(|w| !w.is_finite()) {
            return f64::NAN;
        }
        let m = self.keep - 1;
        let u = self.largest[m];
        if self.largest[0] == u {
            return f64::NEG_INFINITY;
        }
        // Ascending: the kept values are sorted descending.
        let x: Vec<f64> = self.largest[..m]
            .iter()
            .rev()
            .filter(|&&w| w > u)
            .map(|&w| w - u)
            .collect();
        if x.len() <= 4 {
            return f64::INFINITY;
        }
        gpd_shape(&x)
    }

    /// The smallest kept weight, once `keep` are held.
    fn floor(&self) -> Option<f64> {
        (self.largest.len() >= self.keep).then(|| self.largest[self.keep - 1])
    }

    /// Restores the invariant: sorts descending (the stable sort merges the
    /// already sorted prefix with the new run) and keeps the `keep` largest.
    fn compact(&mut self) {
        self.largest.sort_by(|a, b| b.total_cmp(a));
        self.largest.truncate(self.keep);
    }
}

/// The shape of a generalized Pareto distribution fitted to positive values
/// sorted ascending (at least 5): Zhang & Stephens' (2009) empirical-Bayes
/// estimate with the prior on `k` used by PSIS (the `gpdfit` of Vehtari's
/// psis.py, ArviZ's `_gpdfit`, loo's `gpdfit`), heavy tails positive.
fn gpd_shape(x: &[f64]) -> f64 {
    let n = x.len();
    let nf = n as f64;
    let grid = 30 + n.isqrt();
    let x_max = x[n - 1];
    // x at floor(n/4 + 1/2), 1-based: the first quartile.
    let x_quarter = x[(n + 2) / 4 - 1];
    let mean_log1p = |b: f64| x.iter().map(|&xi| math::ln_1p(-b * xi)).sum::<f64>() / nf;
    // The grid of b = -k / sigma (Zhang & Stephens' theta), all below 1 / x_max.
    let b: Vec<f64> = (1..=grid)
        .map(|j| {
            let t = 1.0 - (grid as f64 / (j as f64 - 0.5)).sqrt();
            t / (3.0 * x_quarter) + 1.0 / x_max
        })
        .collect();
    // Profile log-likelihood at each b, k at its maximum for that b.
    let l: Vec<f64> = b
        .iter()
        .map(|&bj| {
            let k = mean_log1p(bj);
            nf * (math::ln(-(bj / k)) - k - 1.0)
        })
        .collect();
    // Posterior weights of the grid points, negligible ones (and NaN) dropped.
    let w: Vec<f64> = l
        .iter()
        .map(|&lj| 1.0 / l.iter().map(|&li| math::exp(li - lj)).sum::<f64>())
        .collect();
    let cut = 10.0 * f64::EPSILON;
    let total: f64 = w.iter().filter(|&&wj| wj >= cut).sum();
    let b_post: f64 = b
        .iter()
        .zip(&w)
        .filter(|&(_, &wj)| wj >= cut)
        .map(|(&bj, &wj)| bj * (wj / total))
        .sum();
    let k = mean_log1p(b_post);
    // Prior: as if 10 more observations had k = 0.5.
    (nf * k + 10.0 * 0.5) / (nf + 10.0)
}

/// Sums of the weights of a run, for the effective sample size.
///
/// Merged in a fixed order (the engine's fixed tree of blocks), the sums are
/// reproducible; another order may change them by rounding.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WeightSums {
    /// Number of weights.
    pub draws: u64,
    /// Sum of the weights.
    pub sum: f64,
    /// Sum of the squared weights.
    pub sum_sq: f64,
    /// Largest weight (0 before any; weights are non-negative).
    pub max: f64,
}

impl WeightSums {
    /// Adds weights, in slice order.
    pub fn add_slice(&mut self, ws: &[f64]) {
        for &w in ws {
            self.sum += w;
            self.sum_sq += w * w;
            self.max = self.max.max(w);
        }
        self.draws += ws.len() as u64;
    }

    /// Multiplies every weight seen by `factor`.
    pub fn rescale(&mut self, factor: f64) {
        self.sum *= factor;
        self.sum_sq *= factor * factor;
        self.max *= factor;
    }

    /// Adds the sums of another part of the run.
    pub fn merge(&mut self, o: &WeightSums) {
        self.draws += o.draws;
        self.sum += o.sum;
        self.sum_sq += o.sum_sq;
        self.max = self.max.max(o.max);
    }

    /// Kish's effective sample size `(sum w)^2 / sum w^2`: `n` for equal
    /// weights, 1 when one weight carries everything; 0 when all weights are 0.
    pub fn ess(&self) -> f64 {
        if self.sum_sq == 0.0 {
            return 0.0;
        }
        self.sum * self.sum / self.sum_sq
    }

    /// The largest weight's share of the total; NaN when all weights are 0.
    pub fn max_share(&self) -> f64 {
        if self.sum == 0.0 {
            return f64::NAN;
        }
        self.max / self.sum
    }

    /// Draws needed for an effective sample size of `target`, assuming it
    /// grows in proportion to the draws: `ceil(draws * target / ess)`.
    /// [`u64::MAX`] when the effective sample size is 0.
    pub fn draws_for_ess(&self, target: f64) -> u64 {
        let ess = self.ess();
        if ess == 0.0 {
            return u64::MAX;
        }
        // `as` saturates: huge ratios give u64::MAX.
        (self.draws as f64 * target / ess).ceil() as u64
    }
}

#[cfg(test)]
// Reference values in tests may use the system's functions.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rand_distr::{Distribution, Normal};

    /// Pushes `ws` in chunks of the given sizes (cycled) into separate tails.
    fn parts(ws: &[f64], draws: u64, sizes: &[usize]) -> Vec<Tail> {
        let mut out = Vec::new();
        let (mut at, mut i) = (0, 0);
        while at < ws.len() {
            let end = (at + sizes[i % sizes.len()]).min(ws.len());
            let mut t = Tail::new(draws);
            t.push_slice(&ws[at..end]);
            out.push(t);
            at = end;
            i += 1;
        }
        out
    }

    /// The tail of `ws` built four ways (one push, chunks merged left to
    /// right, right to left, and as a balanced tree); asserts all are equal,
    /// with bit-identical k-hat, and returns it.
    fn tail_all_ways(ws: &[f64]) -> Tail {
        let draws = ws.len() as u64;
        let mut one = Tail::new(draws);
        one.push_slice(ws);

        let mut left = Tail::new(draws);
        for p in parts(ws, draws, &[1000]) {
            left.merge(p);
        }

        let mut right = Tail::new(draws);
        for p in parts(ws, draws, &[7, 3001, 1, 250, 0, 64])
            .into_iter()
            .rev()
        {
            right.merge(p);
        }

        let mut level = parts(ws, draws, &[333, 1]);
        while level.len() > 1 {
            let mut next = Vec::new();
            let mut it = level.into_iter();
            while let Some(mut a) = it.next() {
                if let Some(b) = it.next() {
                    a.merge(b);
                }
                next.push(a);
            }
            level = next;
        }
        let tree = level.pop().unwrap();

        for t in [&left, &right, &tree] {
            assert_eq!(t, &one);
            assert_eq!(t.khat().to_bits(), one.khat().to_bits());
        }
        assert_eq!(one.largest().len(), one.keep());
        one
    }

    /// A shuffled sample of a generalized Pareto distribution (sigma 1).
    fn gpd_sample(k: f64, n: usize, seed: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..n)
            .map(|_| {
                let u: f64 = rng.random();
                ((1.0 - u).powf(-k) - 1.0) / k
            })
            .collect()
    }

    #[test]
    fn tail_len_follows_the_paper() {
        for n in 1..100_000u64 {
            let x = n as f64;
            let want = (0.2 * x).min(3.0 * x.sqrt()).ceil() as usize;
            assert_eq!(tail_len(n), want, "n = {n}");
        }
        assert_eq!(tail_len(0), 0);
        assert_eq!(tail_len(100), 20);
        assert_eq!(tail_len(20_000), 425);
        assert_eq!(tail_len(1_000_000), 3000);
        assert_eq!(tail_len(u64::MAX), 12_884_901_888);
    }

    #[test]
    fn khat_recovers_the_shape_of_a_generalized_pareto_sample() {
        // n = 20,000 draws: M = 425 exceedances, which follow a GPD with the
        // same k (threshold stability). The asymptotic sd of the ML estimate of
        // k is (1 + k) / sqrt(M): 0.073 for k = 0.5, 0.092 for k = 0.9; the
        // prior (10 pseudo-observations at 0.5) moves k = 0.9 by only
        // -0.4 * 10 / 435 = -0.009. Tolerance: 4 sd.
        let n = 20_000;
        let m = tail_len(n as u64) as f64;
        for (k, seed) in [(0.5, 11), (0.9, 12)] {
            let khat = tail_all_ways(&gpd_sample(k, n, seed)).khat();
            let tol = 4.0 * (1.0 + k) / m.sqrt();
            assert!((khat - k).abs() < tol, "k = {k}: k-hat {khat}, tol {tol}");
        }
    }

    #[test]
    fn khat_separates_light_and_heavy_tails() {
        let n = 20_000;
        let mut rng = ChaCha8Rng::seed_from_u64(13);
        let normal = Normal::new(0.0, 1.0).unwrap();
        let z: Vec<f64> = (0..n).map(|_| normal.sample(&mut rng)).collect();
        // Bounded weights (at most 1): a short tail, k < 0 (-1.64 here).
        let light: Vec<f64> = z.iter().map(|z| (-z * z / 2.0).exp()).collect();
        let k_light = tail_all_ways(&light).khat();
        assert!(k_light < 0.5, "k-hat {k_light}");
        // Lognormal with sigma 3: every moment is finite, but at this n the
        // tail behaves like k near 1 (1.07 with this seed).
        let heavy: Vec<f64> = z.iter().map(|z| (3.0 * z).exp()).collect();
        let k_heavy = tail_all_ways(&heavy).khat();
        assert!(k_heavy > 0.7, "k-hat {k_heavy}");
    }

    #[test]
    fn khat_matches_the_reference_implementation() {
        // Weights 1 / sqrt(1 - u_i), u_i = ((7 i mod 100) + 0.5) / 100, for
        // i = 0..100 (a Pareto tail with k = 0.5, shuffled; every operation is
        // correctly rounded, so Rust and numpy see the same bits). M = 20.
        // Reference, with numpy (ArviZ 0.23.4's `psislw(np.log(w), reff=1)`
        // gives 0.49196002019884755, from log weights):
        //
        // import numpy as np
        // w = 1 / np.sqrt(1 - ((7 * np.arange(100)) % 100 + 0.5) / 100)
        // d = np.sort(w)[::-1]; u = d[20]
        // x = np.sort(d[:20][d[:20] > u] - u)
        // n = len(x); m = 30 + int(np.sqrt(n))
        // b = 1 / x[-1] + (1 - np.sqrt(m / (np.arange(1, m + 1) - 0.5))) / (3 * x[int(n / 4 + 0.5) - 1])
        // k = np.log1p(-b[:, None] * x).mean(axis=1)
        // L = n * (np.log(-b / k) - k - 1)
        // wt = 1 / np.exp(L[None, :] - L[:, None]).sum(axis=1)
        // keep = wt >= 10 * np.finfo(float).eps
        // wt = wt[keep] / wt[keep].sum()
        // kh = np.log1p(-(b[keep] * wt).sum() * x).mean()
        // print(repr((n * kh + 5) / (n + 10)))  # 0.49196002019884744
        let w: Vec<f64> = (0..100u32)
            .map(|i| 1.0 / (1.0 - (f64::from(7 * i % 100) + 0.5) / 100.0).sqrt())
            .collect();
        let mut t = Tail::new(100);
        t.push_slice(&w);
        assert_eq!(t.keep(), 21);
        let khat = t.khat();
        assert!((khat - 0.49196002019884744).abs() < 1e-12, "k-hat {khat}");
    }

    #[test]
    fn khat_is_scale_free_up_to_rounding() {
        let ws = gpd_sample(0.7, 5000, 14);
        let a = tail_all_ways(&ws).khat();
        let scaled: Vec<f64> = ws.iter().map(|w| w * 1e-200).collect();
        let b = tail_all_ways(&scaled).khat();
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    #[test]
    fn merge_order_does_not_matter_even_with_ties() {
        // Few distinct values: the kept set is full of ties at the threshold.
        let mut rng = ChaCha8Rng::seed_from_u64(15);
        let ws: Vec<f64> = (0..30_000)
            .map(|_| f64::from(rng.random_range(0..40u32)).powi(3))
            .collect();
        let t = tail_all_ways(&ws);
        let mut sorted = ws.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        assert_eq!(t.largest(), &sorted[..t.keep()]);

        // Continuous values, several shuffles of the same multiset.
        let mut ws = gpd_sample(0.6, 20_000, 16);
        let reference = tail_all_ways(&ws);
        for seed in 0..3 {
            let mut rng = ChaCha8Rng::seed_from_u64(100 + seed);
            for i in (1..ws.len()).rev() {
                ws.swap(i, rng.random_range(0..=i));
            }
            let t = tail_all_ways(&ws);
            assert_eq!(t, reference);
            assert_eq!(t.khat().to_bits(), reference.khat().to_bits());
        }
    }

    #[test]
    fn memory_stays_bounded() {
        let ws = gpd_sample(0.5, 100_000, 17);
        let mut t = Tail::new(ws.len() as u64);
        for c in ws.chunks(997) {
            t.push_slice(c);
            assert!(t.largest.capacity() <= 4 * t.keep());
        }
        assert_eq!(t.largest().len(), t.keep());
        // Increasing weights: every one is a candidate, the worst case.
        let mut t = Tail::new(100_000);
        let rising: Vec<f64> = (0..100_000).map(f64::from).collect();
        t.push_slice(&rising);
        assert!(t.largest.capacity() <= 4 * t.keep());
        assert_eq!(t.largest()[0], 99_999.0);
        assert_eq!(t.largest()[t.keep() - 1], (100_000 - t.keep()) as f64);
    }

    #[test]
    fn khat_without_a_fitted_tail() {
        // One draw: no threshold.
        let mut t = Tail::new(1);
        t.push_slice(&[1.0]);
        assert_eq!(t.khat(), f64::INFINITY);
        // Equal weights: a flat, bounded tail (the references say infinity).
        let mut t = Tail::new(1000);
        t.push_slice(&[0.25; 1000]);
        assert_eq!(t.khat(), f64::NEG_INFINITY);
        // Four weights above the rest: too few to fit.
        let mut ws = vec![1.0; 1000];
        ws[..4].copy_from_slice(&[2.0, 3.0, 4.0, 5.0]);
        let mut t = Tail::new(1000);
        t.push_slice(&ws);
        assert_eq!(t.khat(), f64::INFINITY);
        // Five: a finite estimate.
        ws[4] = 6.0;
        let mut t = Tail::new(1000);
        t.push_slice(&ws);
        assert!(t.khat().is_finite());
        // Fewer draws pushed than declared.
        let mut t = Tail::new(1000);
        t.push_slice(&ws[..50]);
        assert_eq!(t.khat(), f64::INFINITY);
        // A NaN weight.
        let mut t = Tail::new(1000);
        ws[500] = f64::NAN;
        t.push_slice(&ws);
        assert!(t.khat().is_nan());
    }

    #[test]
    #[should_panic(expected = "different sizes")]
    fn merging_tails_of_different_runs_panics() {
        Tail::new(1000).merge(Tail::new(2000));
    }

    #[test]
    fn weight_sums() {
        // Equal weights (2.5 and its square are exact, so are the sums).
        let mut s = WeightSums::default();
        s.add_slice(&[2.5; 1000]);
        assert_eq!(s.ess(), 1000.0);
        assert_eq!(s.max_share(), 1.0 / 1000.0);
        assert_eq!(s.draws_for_ess(1000.0), 1000);

        // One weight carries everything.
        let mut ws = vec![0.0; 500];
        ws[0] = 1.0;
        let mut s = WeightSums::default();
        s.add_slice(&ws);
        assert_eq!((s.draws, s.ess(), s.max_share()), (500, 1.0, 1.0));
        assert_eq!(s.draws_for_ess(10.0), 5000);

        // Halves 1, 0 and 3, 1 merged: sum 5, sum of squares 11, ESS 25 / 11.
        let (mut a, mut b) = (WeightSums::default(), WeightSums::default());
        a.add_slice(&[1.0, 0.0]);
        b.add_slice(&[3.0, 1.0]);
        a.merge(&b);
        let want = WeightSums {
            draws: 4,
            sum: 5.0,
            sum_sq: 11.0,
            max: 3.0,
        };
        assert_eq!(a, want);
        assert_eq!(a.ess(), 25.0 / 11.0);
        assert_eq!(a.max_share(), 0.6);

        // draws_for_ess = ceil(draws * target / ess): ESS 100 / 0.5 = 200 of
        // 1000 draws, so 5 draws per effective draw.
        let s = WeightSums {
            draws: 1000,
            sum: 10.0,
            sum_sq: 0.5,
            max: 1.0,
        };
        assert_eq!(s.ess(), 200.0);
        assert_eq!(s.draws_for_ess(200.0), 1000);
        assert_eq!(s.draws_for_ess(1000.0), 5000);
        assert_eq!(s.draws_for_ess(1000.1), 5001);
        assert_eq!(s.draws_for_ess(100.0), 500);

        // No weight at all.
        let s = WeightSums::default();
        assert_eq!(s.ess(), 0.0);
        assert!(s.max_share().is_nan());
        assert_eq!(s.draws_for_ess(100.0), u64::MAX);
    }
}
