//! Count, weight, mean and squared deviations. Unweighted values merge
//! exactly (the same bits in any grouping); weighted ones in the draw
//! loop's fixed order.

use serde::{Deserialize, Serialize};

use super::exact::{ExactSum, Unit};
use super::pair::Pair;
use super::serial::float;
use super::sums::{Scan, sum4, sum4_pairs};
use super::weights::BlockWeights;

/// Count, total weight, mean and sum of squared deviations from the mean.
///
/// Unweighted values are kept as exact sums of per-batch quantities (see
/// [`Moments::of`]), so merging is associative and commutative to the bit:
/// a run cut into shards and merged in any order has the moments of the
/// run in one piece. Weighted values (importance weights) give the
/// weighted mean and the reliability-weighted variance, merged with Chan
/// et al.'s update in the order of the calls. Unweighted, `weight` and
/// `weight_sq` equal the count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    /// Number of values.
    pub n: u64,
    /// Sum of the weights (the count when unweighted).
    pub weight: f64,
    /// Sum of the squared weights (the count when unweighted).
    pub weight_sq: f64,
    form: Form,
}

/// How the moments are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Form {
    /// Unweighted: exact sums.
    Exact(Sums),
    /// Weighted: running mean and squared deviations.
    Weighted {
        #[serde(with = "float")]
        mean: f64,
        #[serde(with = "float")]
        m2: f64,
    },
}

impl Default for Form {
    fn default() -> Self {
        Form::Exact(Sums::default())
    }
}

/// The exact sums behind unweighted moments. Each batch (a block of draws)
/// of `k` values with float sum `s` and squared deviations `d` about `s / k`
/// adds `s` to `sum`, `d` to `deviations` and `s^2` to the squares of
/// batches of size `k`; then
/// `m2 = deviations + sum_k squares_k / k - sum^2 / n` (the between-batch
/// part of the squared deviations), evaluated once, with about 106 bits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sums {
    sum: ExactSum,
    deviations: ExactSum,
    /// Per batch size, ascending: the sum of the squared batch sums.
    squares: Vec<(u64, ExactSum)>,
    #[serde(with = "float")]
    min: f64,
    #[serde(with = "float")]
    max: f64,
}

impl Default for Sums {
    fn default() -> Self {
        Sums {
            sum: ExactSum::new(Unit::Values),
            deviations: ExactSum::new(Unit::Values),
            squares: Vec::new(),
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl Sums {
    /// The sum of squared batch sums of batches of `k` values.
    fn squares_of(&mut self, k: u64) -> &mut ExactSum {
        let i = match self.squares.binary_search_by_key(&k, |(size, _)| *size) {
            Ok(i) => i,
            Err(i) => {
                self.squares.insert(i, (k, ExactSum::new(Unit::Squares)));
                i
            }
        };
        &mut self.squares[i].1
    }

    /// Adds a batch of values `xs` scanned as `scan`; `false`, adding
    /// nothing, when a value is not finite.
    fn add_batch(&mut self, xs: &[f64], scan: Scan) -> bool {
        let Scan { sum: s, lo, hi } = scan;
        let k = xs.len() as u64;
        // The extremes leave NaN out but the sum does not: equal finite
        // extremes and a sum that is not NaN mean every value is `lo`.
        if lo == hi && lo.is_finite() && !s.is_nan() {
            // k copies of one value: k batches of one, exactly.
            self.sum.add_multiple(lo, k);
            self.squares_of(1).add_square_multiple(lo, k);
        } else {
            let mean = s / k as f64;
            let d = sum4(xs, |x| (x - mean) * (x - mean));
            if s.is_finite() && d.is_finite() {
                // No NaN or infinity: either would have reached s or d.
                self.sum.add(s);
                self.deviations.add(d);
                self.squares_of(k).add_square(s);
            } else if xs.iter().any(|x| !x.is_finite()) {
                return false;
            } else {
                // Finite values whose sums overflow: one by one, exactly.
                for &x in xs {
                    self.sum.add(x);
                    self.squares_of(1).add_square(x);
                }
            }
        }
        self.min = self.min.min(lo);
        self.max = self.max.max(hi);
        true
    }

    fn merge(&mut self, o: &Sums) {
        self.sum.merge(&o.sum);
        self.deviations.merge(&o.deviations);
        for (k, q) in &o.squares {
            self.squares_of(*k).merge(q);
        }
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
    }

    /// The scale `2^h` of the sums (so that `sum / 2^h` is about 1), to read
    /// them without overflow.
    fn scale(&self) -> i64 {
        let halves = std::iter::once(&self.deviations)
            .chain(self.squares.iter().map(|(_, q)| q))
            .filter_map(|q| q.exponent())
            .map(|e| e.div_euclid(2));
        self.sum
            .exponent()
            .into_iter()
            .chain(halves)
            .max()
            .unwrap_or(0)
    }

    /// Mean of `n` values.
    fn mean(&self, n: u64) -> f64 {
        if self.min == self.max {
            return self.min;
        }
        let h = self.scale();
        let s = Pair::from(self.sum.to_pair_scaled(h));
        times_power_of_two(s.div(n as f64).value(), h)
    }

    /// Squared deviations of `n` values, times `2^-2h` with `h` from
    /// [`Sums::scale`] (returned too), so that huge values do not overflow.
    fn m2_scaled(&self, n: u64) -> (f64, i64) {
        let h = self.scale();
        if self.min == self.max {
            return (0.0, h);
        }
        let s = Pair::from(self.sum.to_pair_scaled(h));
        let mut m2 = Pair::from(self.deviations.to_pair_scaled(2 * h));
        for (k, q) in &self.squares {
            m2 = m2.add(Pair::from(q.to_pair_scaled(2 * h)).div(*k as f64));
        }
        m2 = m2.add(s.mul(s).div(n as f64).neg());
        (m2.value().max(0.0), h)
    }
}

impl Moments {
    /// Moments of a batch of values (a block of draws): the float sum and
    /// squared deviations of the batch (in a fixed order), kept in exact
    /// sums with those of the other batches. Non-finite values are left out
    /// (and out of `n`).
    pub fn of(xs: &[f64]) -> Moments {
        let mut m = Moments::default();
        if !m.add_batch(xs, Scan::of(xs)) {
            let finite: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
            m.add_batch(&finite, Scan::of(&finite));
        }
        m
    }

    /// Adds a batch of values `xs` scanned as `scan`, straight into the
    /// exact sums of unweighted moments (no intermediate moments on the hot
    /// path); `false`, adding nothing, when a value is not finite.
    pub(super) fn add_batch(&mut self, xs: &[f64], scan: Scan) -> bool {
        if xs.is_empty() {
            return true;
        }
        let k = xs.len() as u64;
        if let Form::Exact(s) = &mut self.form {
            if !s.add_batch(xs, scan) {
                return false;
            }
            self.n += k;
            self.weight += k as f64;
            self.weight_sq += k as f64;
            return true;
        }
        // Weighted moments met a batch of unit weights: merged as one.
        let mut batch = Moments::default();
        if !batch.add_batch(xs, scan) {
            return false;
        }
        self.merge(&batch);
        true
    }

    /// Moments of `xs` weighted by `w` (same length), two passes. When every
    /// weight is 0 the values count but carry no weight: mean and squared
    /// deviations are 0.
    pub fn weighted(xs: &[f64], w: &BlockWeights) -> Moments {
        Moments::weighted_scanned(xs, w, Scan::weighted(xs, w.as_slice()))
    }

    /// [`Moments::weighted`] given the batch's [`Scan::weighted`] (its
    /// first pass).
    pub(super) fn weighted_scanned(xs: &[f64], w: &BlockWeights, scan: Scan) -> Moments {
        debug_assert_eq!(xs.len(), w.len());
        let ws = w.as_slice();
        let (weight, weight_sq) = (w.sum(), w.sum_sq());
        let (mean, m2) = if weight > 0.0 {
            let mean = scan.sum / weight;
            (mean, sum4_pairs(xs, ws, |x, w| w * (x - mean) * (x - mean)))
        } else {
            (0.0, 0.0)
        };
        Moments::weighted_from(xs.len() as u64, weight, weight_sq, mean, m2)
    }

    /// Weighted moments from their parts.
    pub(super) fn weighted_from(
        n: u64,
        weight: f64,
        weight_sq: f64,
        mean: f64,
        m2: f64,
    ) -> Moments {
        Moments {
            n,
            weight,
            weight_sq,
            form: Form::Weighted { mean, m2 },
        }
    }

    /// Adds one value of weight 1.
    pub fn push(&mut self, x: f64) {
        self.merge(&Moments::of(&[x]));
    }

    /// The mean (weighted by the values' weights); 0 without values.
    pub fn mean(&self) -> f64 {
        match &self.form {
            _ if self.n == 0 => 0.0,
            Form::Exact(s) => s.mean(self.n),
            Form::Weighted { mean, .. } => *mean,
        }
    }

    /// The sum of (weighted) squared deviations from the mean.
    pub fn m2(&self) -> f64 {
        match &self.form {
            _ if self.n == 0 => 0.0,
            Form::Exact(s) => {
                let (m2, h) = s.m2_scaled(self.n);
                times_power_of_two(times_power_of_two(m2, h), h)
            }
            Form::Weighted { m2, .. } => *m2,
        }
    }

    /// Checks moments read from a file: exact (unweighted) sums within
    /// bounds, extremes in order.
    pub fn check_exact(&self) -> Result<(), String> {
        let Form::Exact(s) = &self.form else {
            return Err("weighted moments in an unweighted run".into());
        };
        if self.weight != self.n as f64 || self.weight_sq != self.n as f64 {
            return Err("weights of an unweighted run differ from the count".into());
        }
        s.sum.check(Unit::Values)?;
        s.deviations.check(Unit::Values)?;
        let mut last = 0;
        for (k, q) in &s.squares {
            if *k <= last {
                return Err("batch sizes out of order".into());
            }
            last = *k;
            q.check(Unit::Squares)?;
        }
        let ordered = s.min <= s.max && s.min.is_finite() && s.max.is_finite();
        if (self.n > 0) != ordered {
            return Err("extremes that do not match the count".into());
        }
        Ok(())
    }

    /// The smallest and largest values of unweighted moments (infinite
    /// when empty; `None` when weighted).
    pub fn extremes(&self) -> Option<(f64, f64)> {
        match &self.form {
            Form::Exact(s) => Some((s.min, s.max)),
            Form::Weighted { .. } => None,
        }
    }

    /// Whether the moments are kept exactly (unweighted values only).
    pub fn is_exact(&self) -> bool {
        matches!(self.form, Form::Exact(_))
    }

    /// The same moments as running weighted ones (a weighted pass that met
    /// unit weights first, before weights that differ).
    fn make_weighted(&mut self) {
        if let Form::Exact(_) = self.form {
            self.form = Form::Weighted {
                mean: self.mean(),
                m2: self.m2(),
            };
        }
    }

    /// Combines with the moments of another set: exact sums add; weighted
    /// moments follow Chan, Golub & LeVeque (1979), weights for counts.
    pub fn merge(&mut self, o: &Moments) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 || self.weight == 0.0 {
            let n = self.n;
            *self = o.clone();
            self.n += n;
            return;
        }
        if let (Form::Exact(a), Form::Exact(b)) = (&mut self.form, &o.form) {
            a.merge(b);
            self.n += o.n;
            self.weight += o.weight;
            self.weight_sq += o.weight_sq;
            return;
        }
        self.make_weighted();
        let (o_mean, o_m2) = (o.mean(), o.m2());
        if o.weight > 0.0 {
            let Form::Weighted { mean, m2 } = &mut self.form else {
                unreachable!("made weighted above")
            };
            let w = self.weight + o.weight;
            let d = o_mean - *mean;
            *mean += d * o.weight / w;
            *m2 += o_m2 + d * d * self.weight * o.weight / w;
            self.weight = w;
            self.weight_sq += o.weight_sq;
        }
        self.n += o.n;
    }

    /// Multiplies every weight by `factor` (see
    /// [`super::SeriesStats::rescale`]); the moments become weighted ones.
    pub fn rescale(&mut self, factor: f64) {
        self.make_weighted();
        self.weight *= factor;
        self.weight_sq *= factor * factor;
        if let Form::Weighted { m2, .. } = &mut self.form {
            *m2 *= factor;
        }
    }

    /// Sample standard deviation: `n - 1` denominator when unweighted, the
    /// reliability-weights form `m2 / (W - W2 / W)` when weighted (the same
    /// for equal weights). NaN (undefined) for fewer than two values or when
    /// one value carries all the weight.
    pub fn sd(&self) -> f64 {
        let dof = self.weight - self.weight_sq / self.weight;
        if self.n < 2 || dof.is_nan() || dof <= 0.0 {
            return f64::NAN;
        }
        match &self.form {
            Form::Exact(s) => {
                let (m2, h) = s.m2_scaled(self.n);
                times_power_of_two((m2 / dof).sqrt(), h)
            }
            Form::Weighted { m2, .. } => (m2.max(0.0) / dof).sqrt(),
        }
    }
}

/// `x * 2^h`, in two exact steps, so that a result within the range of
/// doubles is reached even when `2^h` alone is not (`h` up to about 2046).
fn times_power_of_two(x: f64, h: i64) -> f64 {
    let h = h.clamp(-2200, 2200) as i32;
    x * 2f64.powi(h / 2) * 2f64.powi(h - h / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two-pass moments with exactly rounded sums (`fsum`, Shewchuk).
    fn reference(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let mean = fsum::FSum::with_all(xs.iter()).value() / n;
        let m2 = fsum::FSum::with_all(xs.iter().map(|x| (x - mean) * (x - mean))).value();
        (mean, m2)
    }

    #[test]
    fn moments_match_a_two_pass_reference_in_any_grouping() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for case in 0..50 {
            let n = 2 + case * 37;
            let offset = [0.0, 1e6, -3.5, 1e-9][case % 4];
            let xs: Vec<f64> = (0..n).map(|_| offset + rng.random::<f64>()).collect();
            let (mean, m2) = reference(&xs);
            let mut whole = Moments::default();
            for c in xs.chunks(64) {
                whole.merge(&Moments::of(c));
            }
            assert!(
                (whole.mean() - mean).abs() <= 1e-15 * mean.abs().max(1.0),
                "case {case}"
            );
            // Batch sums are rounded once each: an error of about eps * |mean|
            // in each batch mean, so eps * |mean| / sd relative in m2.
            let sd = (m2 / (n - 1) as f64).sqrt();
            let tol = 64.0 * f64::EPSILON * (1.0 + mean.abs() / sd);
            assert!(
                (whole.m2() - m2).abs() <= tol * m2,
                "case {case}: {} vs {m2}",
                whole.m2()
            );
            // The same batches merged in another grouping: the same bits.
            let parts: Vec<Moments> = xs.chunks(64).map(Moments::of).collect();
            let mut reversed = Moments::default();
            for p in parts.iter().rev() {
                reversed.merge(p);
            }
            let mut halves = [Moments::default(), Moments::default()];
            for (i, p) in parts.iter().enumerate() {
                halves[i % 2].merge(p);
            }
            let [mut even, odd] = halves;
            even.merge(&odd);
            for other in [&reversed, &even] {
                assert_eq!(other.mean().to_bits(), whole.mean().to_bits());
                assert_eq!(other.sd().to_bits(), whole.sd().to_bits());
            }
        }
    }

    #[test]
    fn constant_values_have_their_value_as_mean_and_no_spread() {
        let mut m = Moments::default();
        for _ in 0..3 {
            m.merge(&Moments::of(&[0.1; 1000]));
        }
        assert_eq!(m.mean(), 0.1);
        assert_eq!(m.m2(), 0.0);
        assert_eq!(m.sd(), 0.0);
        // A NaN among equal values is not one of them: it is left out.
        let with_nan = Moments::of(&[2.5, f64::NAN, 2.5, 2.5]);
        assert_eq!((with_nan.n, with_nan.mean()), (3, 2.5));
        // Copies whose float sum overflows are still copies of one value.
        let huge = Moments::of(&[f64::MAX; 3]);
        assert_eq!((huge.n, huge.mean(), huge.m2()), (3, f64::MAX, 0.0));
    }

    #[test]
    fn huge_values_keep_a_finite_spread() {
        let xs = [1e300, 1.5e300, 2e300, 1.2e300];
        let m = Moments::of(&xs);
        let mean = 1.425e300;
        assert!((m.mean() - mean).abs() <= 1e-15 * mean);
        // sd of (1, 1.5, 2, 1.2) = 0.4349329450... times 1e300.
        let sd = 0.434_932_945_023_329_6e300;
        assert!((m.sd() - sd).abs() <= 1e-14 * sd, "{}", m.sd());
        assert_eq!(m.m2(), f64::INFINITY);
        // Sums beyond the largest double, a mean within it.
        let big = Moments::of(&[f64::MAX, f64::MAX, f64::MAX / 2.0, f64::MAX / 2.0]);
        assert_eq!(big.mean(), f64::MAX * 0.75);
    }

    #[test]
    fn weighted_moments_take_over_from_exact_ones() {
        let mut m = Moments::of(&[1.0, 2.0, 3.0]);
        let w = BlockWeights::new(&[2.0, 2.0]);
        m.merge(&Moments::weighted(&[4.0, 5.0], &w));
        assert!(!m.is_exact());
        // Weights 1, 1, 1, 2, 2: mean (1 + 2 + 3 + 8 + 10) / 7.
        assert!((m.mean() - 24.0 / 7.0).abs() < 1e-15);
    }
}
