//! Exact sums of doubles, so that statistics merge the same bits in any
//! grouping: a run split into shards, merged in any order, gives the bits
//! of the run in one piece.
//!
//! [`ExactSum`] holds the sum of the values added as an integer multiple of
//! a fixed unit (`2^-1074` for values, `2^-2148` for squares: every double,
//! and every square of one, is a whole number of these units), in 32-bit
//! digits with room for carries (a superaccumulator in the manner of Neal,
//! "Fast exact summation using small and large superaccumulators", 2015).
//! Adding and merging are integer additions, so they are associative and
//! commutative; the sum is rounded once, when read. Only the digits a
//! series' magnitudes use are stored.
//!
//! The `xsum`, `fsum` and `accurate` crates sum exactly but can neither merge
//! two partial sums exactly nor expose their state for a shard file, which
//! is what this type is for.

use serde::{Deserialize, Serialize};

/// Bits per digit.
const DIGIT: u32 = 32;
const MASK: u64 = (1 << DIGIT) - 1;
/// Additions between carry propagations: each adds less than `2^32` to a
/// digit, so an `i64` digit cannot overflow before `2^31` of them.
const CARRY_EVERY: u32 = 1 << 30;

/// What an [`ExactSum`] adds: doubles, or squares of doubles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Doubles: the unit is `2^-1074`, the smallest subnormal.
    Values,
    /// Squares of doubles (added exactly by [`ExactSum::add_square`]): the
    /// unit is `2^-2148`.
    Squares,
}

impl Unit {
    /// The exponent of the unit.
    fn exponent(self) -> i64 {
        match self {
            Unit::Values => -1074,
            Unit::Squares => -2148,
        }
    }
}

/// The exact sum of the doubles (or squares) added (see the module docs).
///
/// Its value is `sum(digits[i] * 2^(32 * (first + i))) * unit`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExactSum {
    unit: Unit,
    /// Index of the lowest stored digit.
    first: i64,
    /// Signed digits, lowest first; after [`ExactSum::carry`] all but the
    /// last are in `[0, 2^32)`.
    digits: Vec<i64>,
    /// Additions since the last carry propagation.
    pending: u32,
}

impl PartialEq for ExactSum {
    /// The same unit and the same sum, however it is stored.
    fn eq(&self, o: &ExactSum) -> bool {
        let (mut a, mut b) = (self.clone(), o.clone());
        a.carry();
        b.carry();
        let trim = |s: &ExactSum| -> (i64, Vec<i64>) {
            let lo = s
                .digits
                .iter()
                .position(|&d| d != 0)
                .unwrap_or(s.digits.len());
            (s.first + lo as i64, s.digits[lo..].to_vec())
        };
        self.unit == o.unit && trim(&a) == trim(&b)
    }
}

impl ExactSum {
    /// An empty sum (0) of values or squares.
    pub fn new(unit: Unit) -> ExactSum {
        ExactSum {
            unit,
            first: 0,
            digits: Vec::new(),
            pending: 0,
        }
    }

    /// Checks a sum read from a file: the expected unit, digits within
    /// bounds (so that adding and merging cannot overflow).
    pub fn check(&self, unit: Unit) -> Result<(), String> {
        let limit = 1i64 << 62;
        if self.unit != unit {
            return Err(format!(
                "a sum of {:?} where {unit:?} were expected",
                self.unit
            ));
        }
        if self.pending >= CARRY_EVERY
            || self.digits.len() > 200
            || !(-100..=100).contains(&self.first)
            || self.digits.iter().any(|d| !(-limit..limit).contains(d))
        {
            return Err("an exact sum out of bounds".into());
        }
        Ok(())
    }

    /// Whether nothing but zeros was added.
    pub fn is_zero(&self) -> bool {
        self.digits.iter().all(|&d| d == 0)
    }

    /// Adds `x` exactly.
    ///
    /// # Panics
    /// If `x` is not finite (callers keep non-finite values out), or on a
    /// sum of squares.
    pub fn add(&mut self, x: f64) {
        assert_eq!(self.unit, Unit::Values, "a sum of squares adds squares");
        let (negative, mantissa, exponent) = decompose(x);
        self.add_bits(negative, u128::from(mantissa), exponent);
    }

    /// Adds `x * x` exactly (no rounding, no overflow).
    ///
    /// # Panics
    /// If `x` is not finite, or on a sum of values.
    pub fn add_square(&mut self, x: f64) {
        assert_eq!(self.unit, Unit::Squares, "a sum of values adds values");
        let (_, mantissa, exponent) = decompose(x);
        let m = u128::from(mantissa);
        self.add_bits(false, m * m, 2 * exponent);
    }

    /// Adds `k * x` exactly.
    ///
    /// # Panics
    /// As [`ExactSum::add`].
    pub fn add_multiple(&mut self, x: f64, k: u64) {
        assert_eq!(self.unit, Unit::Values, "a sum of squares adds squares");
        let (negative, mantissa, exponent) = decompose(x);
        self.add_bits(negative, u128::from(mantissa) * u128::from(k), exponent);
    }

    /// Adds `k * x * x` exactly.
    ///
    /// # Panics
    /// As [`ExactSum::add_square`].
    pub fn add_square_multiple(&mut self, x: f64, k: u64) {
        assert_eq!(self.unit, Unit::Squares, "a sum of values adds values");
        let (_, mantissa, exponent) = decompose(x);
        let m = u128::from(mantissa);
        // m^2 has up to 106 bits, k up to 64: in two products of 128 bits.
        let square = m * m;
        let (low, high) = (square & u128::from(u64::MAX), square >> 64);
        self.add_bits(false, low * u128::from(k), 2 * exponent);
        self.add_bits(false, high * u128::from(k), 2 * exponent + 64);
    }

    /// Adds `±magnitude * 2^exponent`.
    fn add_bits(&mut self, negative: bool, magnitude: u128, exponent: i64) {
        if magnitude == 0 {
            return;
        }
        // Trailing zeros off: a multiple of the unit then starts at or above it.
        let zeros = magnitude.trailing_zeros();
        let (magnitude, exponent) = (magnitude >> zeros, exponent + i64::from(zeros));
        let bit = exponent - self.unit.exponent();
        assert!(bit >= 0, "an exact sum holds multiples of its unit");
        let digit = bit.div_euclid(i64::from(DIGIT));
        let offset = bit.rem_euclid(i64::from(DIGIT)) as u32;
        // The magnitude in digits: the low one shifted by `offset`.
        let mut chunks = [0u64; 6];
        let low = ((magnitude as u64) & (MASK >> offset)) << offset;
        chunks[0] = low;
        let mut rest = magnitude >> (DIGIT - offset);
        let mut len = 1;
        while rest != 0 {
            chunks[len] = (rest as u64) & MASK;
            rest >>= DIGIT;
            len += 1;
        }
        self.reserve(digit, digit + len as i64 - 1);
        let at = (digit - self.first) as usize;
        for (k, &c) in chunks[..len].iter().enumerate() {
            let c = c as i64;
            self.digits[at + k] += if negative { -c } else { c };
        }
        self.pending += 1;
        if self.pending >= CARRY_EVERY {
            self.carry();
        }
    }

    /// Makes room for digits `lo..=hi` (and one above, for carries).
    fn reserve(&mut self, lo: i64, hi: i64) {
        if self.digits.is_empty() {
            self.first = lo;
            self.digits.resize((hi - lo + 2) as usize, 0);
            return;
        }
        if lo < self.first {
            let grow = (self.first - lo) as usize;
            self.digits.splice(0..0, std::iter::repeat_n(0, grow));
            self.first = lo;
        }
        let top = self.first + self.digits.len() as i64 - 1;
        if hi + 1 > top {
            self.digits
                .resize(self.digits.len() + (hi + 1 - top) as usize, 0);
        }
    }

    /// Propagates carries: every digit but the last in `[0, 2^32)`.
    fn carry(&mut self) {
        self.pending = 0;
        let mut carry = 0i64;
        for d in self.digits.iter_mut() {
            let v = *d + carry;
            carry = v >> DIGIT;
            *d = v & MASK as i64;
        }
        if carry != 0 {
            self.digits.push(carry);
        }
        // The last digit holds the sign: drop zeros, fold a top -1 down.
        while let Some(&top) = self.digits.last() {
            let n = self.digits.len();
            if top == 0 {
                self.digits.pop();
            } else if top == -1 && n >= 2 {
                self.digits.pop();
                self.digits[n - 2] -= 1 << DIGIT;
            } else {
                break;
            }
        }
    }

    /// Adds everything another sum of the same unit holds.
    ///
    /// # Panics
    /// If the units differ.
    pub fn merge(&mut self, o: &ExactSum) {
        assert_eq!(self.unit, o.unit, "sums of different units");
        if o.digits.is_empty() {
            return;
        }
        let o_top = o.first + o.digits.len() as i64 - 1;
        self.reserve(o.first, o_top);
        let at = (o.first - self.first) as usize;
        for (k, &d) in o.digits.iter().enumerate() {
            self.digits[at + k] += d;
        }
        // Each digit grew by less than 2^32 (plus a sign digit): carry now,
        // so that the bound on pending additions keeps holding.
        self.carry();
    }

    /// The sum times `2^-shift`, rounded once to the nearest double (ties
    /// to even); `inf` beyond the largest double.
    pub fn to_f64_scaled(&self, shift: i64) -> f64 {
        let (negative, s) = self.magnitude();
        let Some(top_bit) = s.top_bit() else {
            return 0.0;
        };
        // Value = (integer over the digits) * 2^(unit + 32 * first - shift).
        let scale = s.unit.exponent() + i64::from(DIGIT) * s.first - shift;
        // Keep 53 bits, or fewer where the result is subnormal.
        let lowest_kept = (top_bit - 52).max(-1074 - scale);
        let bit_at = |b: i64| -> u64 {
            if b < 0 {
                return 0;
            }
            let (d, o) = ((b / i64::from(DIGIT)) as usize, b % i64::from(DIGIT));
            s.digits.get(d).map_or(0, |&v| ((v as u64) >> o) & 1)
        };
        let mut mantissa: u64 = 0;
        for b in (lowest_kept.max(0)..=top_bit).rev() {
            mantissa = (mantissa << 1) | bit_at(b);
        }
        if lowest_kept < 0 {
            mantissa <<= -lowest_kept;
        }
        // Round to nearest, ties to even, on the bits below `lowest_kept`.
        let guard = bit_at(lowest_kept - 1) == 1;
        let sticky = guard && {
            // Any bit below the guard bit: whole digits, then part of one.
            let below = (lowest_kept - 1).max(0);
            let (d, o) = (
                (below / i64::from(DIGIT)) as usize,
                below % i64::from(DIGIT),
            );
            s.digits[..d.min(s.digits.len())].iter().any(|&v| v != 0)
                || s.digits
                    .get(d)
                    .is_some_and(|&v| (v as u64) & ((1 << o) - 1) != 0)
        };
        if guard && (sticky || mantissa & 1 == 1) {
            mantissa += 1;
        }
        let magnitude = scale_by_power_of_two(mantissa as f64, lowest_kept + scale);
        if negative { -magnitude } else { magnitude }
    }

    /// The sign, and the absolute value with every digit in `[0, 2^32)`.
    fn magnitude(&self) -> (bool, ExactSum) {
        let mut s = self.clone();
        s.carry();
        let negative = s.digits.last().is_some_and(|&d| d < 0);
        if negative {
            for d in s.digits.iter_mut() {
                *d = -*d;
            }
            s.carry();
        }
        (negative, s)
    }

    /// The highest set bit of a magnitude's digits (bit 0 is the lowest
    /// bit of the lowest digit), `None` for 0.
    fn top_bit(&self) -> Option<i64> {
        let top = self.digits.iter().rposition(|&d| d != 0)?;
        let lead = (self.digits[top] as u64).leading_zeros();
        Some(top as i64 * i64::from(DIGIT) + 63 - i64::from(lead))
    }

    /// The sum rounded once to the nearest double.
    pub fn to_f64(&self) -> f64 {
        self.to_f64_scaled(0)
    }

    /// The sum times `2^-shift` as an unevaluated pair `hi + lo` (about 106
    /// bits): `hi` the nearest double, `lo` the nearest double to the rest.
    pub fn to_pair_scaled(&self, shift: i64) -> (f64, f64) {
        let hi = self.to_f64_scaled(shift);
        if !hi.is_finite() || hi == 0.0 {
            return (hi, 0.0);
        }
        // The rest: the sum minus hi * 2^shift, exactly.
        let mut rest = self.clone();
        let (negative, mantissa, exponent) = decompose(hi);
        rest.add_bits(!negative, u128::from(mantissa), exponent + shift);
        (hi, rest.to_f64_scaled(shift))
    }

    /// The exponent `e` with the sum's magnitude in `[2^e, 2^(e+1))`, or
    /// `None` for 0 (to choose a scale before reading the sum).
    pub fn exponent(&self) -> Option<i64> {
        let (_, s) = self.magnitude();
        Some(s.top_bit()? + s.unit.exponent() + i64::from(DIGIT) * s.first)
    }
}

/// `x` as `(negative, mantissa, exponent)` with `|x| = mantissa * 2^exponent`
/// and `exponent >= -1074`.
///
/// # Panics
/// If `x` is not finite.
fn decompose(x: f64) -> (bool, u64, i64) {
    assert!(x.is_finite(), "an exact sum takes finite values, got {x}");
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (negative, fraction, -1074)
    } else {
        (negative, fraction | (1 << 52), biased - 1075)
    }
}

/// `m * 2^e` for a whole number `1 <= m <= 2^53` and `e >= -1074` whose
/// result is representable (or beyond the largest double: infinity),
/// exactly, in steps whose intermediate results stay normal.
fn scale_by_power_of_two(m: f64, e: i64) -> f64 {
    let pow = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    if e < -1022 {
        // m * 2^-1022 is normal; the second step lands on the result.
        return m * pow(-1022) * pow(e + 1022);
    }
    let mut x = m;
    let mut e = e;
    while e > 1023 {
        x *= pow(1023);
        e -= 1023;
        if x.is_infinite() {
            return x;
        }
    }
    x * pow(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum_of(xs: &[f64]) -> ExactSum {
        let mut s = ExactSum::new(Unit::Values);
        for &x in xs {
            s.add(x);
        }
        s
    }

    #[test]
    fn small_sums_are_exact() {
        assert_eq!(sum_of(&[]).to_f64(), 0.0);
        assert_eq!(sum_of(&[1.0, 2.0, 3.0]).to_f64(), 6.0);
        assert_eq!(sum_of(&[1e100, 1.0, -1e100]).to_f64(), 1.0);
        assert_eq!(sum_of(&[0.1; 10]).to_f64(), 1.0);
        assert_eq!(sum_of(&[-2.5, 0.5]).to_f64(), -2.0);
        assert_eq!(sum_of(&[5e-324, 5e-324]).to_f64(), 1e-323);
        assert_eq!(sum_of(&[f64::MAX, f64::MAX]).to_f64(), f64::INFINITY);
        assert_eq!(sum_of(&[f64::MAX, f64::MAX, -f64::MAX]).to_f64(), f64::MAX);
        assert_eq!(sum_of(&[-0.0]).to_f64(), 0.0);
    }

    #[test]
    fn rounding_is_to_nearest_even() {
        // 1 + 2^-53 is a tie: rounds to 1 (even); 1 + 2^-53 + 2^-105 rounds up.
        let e = f64::EPSILON;
        assert_eq!(sum_of(&[1.0, e / 2.0]).to_f64(), 1.0);
        assert_eq!(sum_of(&[1.0, e / 2.0, e * e]).to_f64(), 1.0 + e);
        assert_eq!(sum_of(&[1.0 + e, e / 2.0]).to_f64(), 1.0 + 2.0 * e);
        assert_eq!(sum_of(&[-1.0, -e / 2.0]).to_f64(), -1.0);
    }

    #[test]
    fn squares_are_exact() {
        let mut s = ExactSum::new(Unit::Squares);
        for x in [3.0, -4.0, 1e200, 5e-324] {
            s.add_square(x);
        }
        // 1e200^2 overflows a double; scaled down it does not.
        assert_eq!(s.to_f64(), f64::INFINITY);
        let want = 1e200_f64 * 1e200 / 2f64.powi(1000) / 2f64.powi(1000);
        let got = s.to_f64_scaled(2000);
        assert!((got - want).abs() <= want * 1e-15, "{got} vs {want}");
        let mut t = ExactSum::new(Unit::Squares);
        t.add_square(3.0);
        t.add_square(-4.0);
        assert_eq!(t.to_f64(), 25.0);
        // (1 + 2^-52)^2 = 1 + 2^-51 + 2^-104: the pair keeps the last term.
        let mut u = ExactSum::new(Unit::Squares);
        u.add_square(1.0 + f64::EPSILON);
        assert_eq!(
            u.to_pair_scaled(0),
            (1.0 + 2.0 * f64::EPSILON, f64::EPSILON * f64::EPSILON)
        );
    }

    /// Against `fsum` (Shewchuk's exactly rounded sum, an independent
    /// implementation) on sums spanning many magnitudes, in every grouping.
    #[test]
    fn any_grouping_gives_the_exactly_rounded_sum() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for case in 0..300 {
            let n = 1 + case % 97;
            let xs: Vec<f64> = (0..n)
                .map(|_| {
                    let m: f64 = rng.random::<f64>() - 0.5;
                    let e = rng.random_range(-60..60);
                    m * 2f64.powi(e)
                })
                .collect();
            let want = fsum::FSum::with_all(xs.iter()).value();
            let whole = sum_of(&xs);
            assert_eq!(whole.to_f64(), want, "case {case}");
            // Split anywhere, merge either way round: the same sum.
            let cut = case % n;
            let (mut a, b) = (sum_of(&xs[..cut]), sum_of(&xs[cut..]));
            let mut b2 = b.clone();
            b2.merge(&a);
            a.merge(&b);
            assert_eq!(a.to_f64(), want);
            assert_eq!(b2.to_f64(), want);
            let (hi, lo) = whole.to_pair_scaled(0);
            assert_eq!(hi, want);
            assert!(lo.abs() <= hi.abs() * f64::EPSILON);
        }
    }

    #[test]
    fn multiples_are_exact() {
        let mut s = ExactSum::new(Unit::Values);
        s.add_multiple(0.1, 1000);
        assert_eq!(s, sum_of(&[0.1; 1000]));
        s.add_multiple(-0.1, 1000);
        assert!(s.is_zero());
        let mut q = ExactSum::new(Unit::Squares);
        q.add_square_multiple(0.1, u64::MAX);
        let mut r = ExactSum::new(Unit::Squares);
        for _ in 0..3 {
            r.add_square(0.1);
        }
        let mut three = ExactSum::new(Unit::Squares);
        three.add_square_multiple(0.1, 3);
        assert_eq!(three, r);
        let want = 0.1 * 0.1 * u64::MAX as f64;
        assert!((q.to_f64() - want).abs() <= want * 1e-15);
    }

    #[test]
    fn exponent_of_the_sum() {
        assert_eq!(sum_of(&[]).exponent(), None);
        assert_eq!(sum_of(&[1.0]).exponent(), Some(0));
        assert_eq!(sum_of(&[3.0]).exponent(), Some(1));
        assert_eq!(sum_of(&[-0.25]).exponent(), Some(-2));
        assert_eq!(sum_of(&[f64::MAX, f64::MAX]).exponent(), Some(1024));
        let mut s = ExactSum::new(Unit::Squares);
        s.add_square(1e-300);
        assert_eq!(s.exponent(), Some(-1994));
    }

    #[test]
    fn many_additions_carry_without_overflow() {
        let mut s = ExactSum::new(Unit::Values);
        s.pending = CARRY_EVERY - 3;
        for _ in 0..10 {
            s.add(4294967295.0);
        }
        assert_eq!(s.to_f64(), 42949672950.0);
    }
}
