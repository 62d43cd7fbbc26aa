//! Unevaluated sums of two doubles (double-double arithmetic, about 106
//! bits), for reading exact sums without losing what cancels. Plain
//! additions and multiplications only (Dekker's and Knuth's error-free
//! transformations), so the results are the same on every CPU.

/// `hi + lo` with `|lo| <= ulp(hi) / 2`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Pair {
    hi: f64,
    lo: f64,
}

impl From<(f64, f64)> for Pair {
    fn from((hi, lo): (f64, f64)) -> Pair {
        let (hi, lo) = two_sum(hi, lo);
        Pair { hi, lo }
    }
}

impl Pair {
    /// The nearest double.
    pub(super) fn value(self) -> f64 {
        self.hi + self.lo
    }

    pub(super) fn neg(self) -> Pair {
        Pair {
            hi: -self.hi,
            lo: -self.lo,
        }
    }

    pub(super) fn add(self, o: Pair) -> Pair {
        let (s, e) = two_sum(self.hi, o.hi);
        let (t, f) = two_sum(self.lo, o.lo);
        let (s, e) = fast_two_sum(s, e + t);
        let (hi, lo) = fast_two_sum(s, e + f);
        Pair { hi, lo }
    }

    pub(super) fn mul(self, o: Pair) -> Pair {
        let (p, e) = two_product(self.hi, o.hi);
        let (hi, lo) = fast_two_sum(p, e + (self.hi * o.lo + self.lo * o.hi));
        Pair { hi, lo }
    }

    /// Divided by a double.
    pub(super) fn div(self, d: f64) -> Pair {
        let q1 = self.hi / d;
        let (p, e) = two_product(q1, d);
        let q2 = ((self.hi - p) - e + self.lo) / d;
        let (hi, lo) = fast_two_sum(q1, q2);
        Pair { hi, lo }
    }
}

/// `a + b` and its rounding error (Knuth).
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `a + b` and its rounding error, for `|a| >= |b|` (Dekker).
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// `a` as two halves of 26 bits (Veltkamp).
fn split(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a;
    let hi = c - (c - a);
    (hi, a - hi)
}

/// `a * b` and its rounding error (Dekker), without a fused multiply-add.
fn two_product(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_keep_what_doubles_lose() {
        let e = f64::EPSILON;
        let one = Pair::from((1.0, 0.0));
        let tiny = Pair::from((e * e, 0.0));
        // (1 + e^2) - 1 = e^2, lost in doubles.
        assert_eq!(one.add(tiny).add(one.neg()).value(), e * e);
        // (1 + e)^2 = 1 + 2e + e^2 exactly.
        let x = Pair::from((1.0 + e, 0.0));
        let sq = x.mul(x);
        assert_eq!((sq.hi, sq.lo), (1.0 + 2.0 * e, e * e));
        // 1 / 3 to about 106 bits: 3 * (1/3) - 1 is below 1e-31.
        let third = one.div(3.0);
        assert!(
            third
                .mul(Pair::from((3.0, 0.0)))
                .add(one.neg())
                .value()
                .abs()
                < 1e-31
        );
    }
}
