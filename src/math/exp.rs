//! `e^x` and `2^x` with plain multiplications, additions and one division,
//! so that a slice of lanes vectorises (the engine calls them for every draw:
//! lognormal parameters, an axis' effect in every year).
//!
//! The method is fdlibm's `exp` (Sun Microsystems, 1993; also in musl until
//! 2017): `x = k ln 2 + r` with `|r| <= ln 2 / 2` (Cody and Waite's two-part
//! `ln 2`, so `r` is nearly exact), `e^r` from a rational function of `r`
//! with a degree-5 Remez polynomial in `r^2`, error below 1 ulp, then `2^k`
//! put straight into the exponent bits. `2^x` is the same with `k` the
//! nearest integer and `r = (x - k) ln 2`. Two changes make the in-range path
//! branch-free: `k` is rounded by adding and subtracting `1.5 * 2^52`
//! (round to nearest, the same on every CPU), and `2^k` is built from the
//! bits of that sum. Arguments whose result would overflow, be subnormal or
//! that are not numbers take a scalar path; [`exp`] and [`exp_lanes`] give
//! the same bits for every input.

use std::f64::consts::{LN_2 as LN2, LOG2_E};

/// `1.5 * 2^52`: adding it rounds a double of magnitude below `2^51` to an
/// integer, held in the low bits of the sum.
const SHIFTER: f64 = 6_755_399_441_055_744.0;
/// `ln 2` in two parts: the high part has 32 significant bits, so `k *
/// LN2_HI` is exact for every `k` used here.
const LN2_HI: f64 = 0.693_147_180_369_123_8;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
// fdlibm's Remez coefficients of `R(r^2) ~ r (e^r + 1) / (e^r - 1)`: the
// doubles of its decimal literals (see `constants_are_fdlibms`).
const P1: f64 = 0.166_666_666_666_666_02;
const P2: f64 = -0.002_777_777_777_701_559_3;
const P3: f64 = 6.613_756_321_437_934e-5;
const P4: f64 = -1.653_390_220_546_525_2e-6;
const P5: f64 = 4.138_136_797_057_238_5e-8;

/// `exp` takes the branch-free path on `[EXP_MIN, EXP_MAX]` (`k` from -1021
/// to 1022, so `2^k` and the result are normal doubles).
const EXP_MIN: f64 = -707.0;
const EXP_MAX: f64 = 708.0;
/// `exp2` takes the branch-free path on `[EXP2_MIN, EXP2_MAX]`.
const EXP2_MIN: f64 = -1021.0;
const EXP2_MAX: f64 = 1022.0;

/// Lanes handled per check of the range (on the stack).
const CHUNK: usize = 64;

/// `e^r` for `|r| <= ln 2 / 2 + tiny`, given `r = hi - lo` in two parts.
#[inline(always)]
fn kernel(r: f64, hi: f64, lo: f64) -> f64 {
    let t = r * r;
    let c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    1.0 - ((lo - (r * c) / (2.0 - c)) - hi)
}

/// `2^k` from `s = k + SHIFTER` (`k` from -1022 to 1023).
#[inline(always)]
fn pow2(s: f64) -> f64 {
    f64::from_bits(s.to_bits().wrapping_add(1023) << 52)
}

/// `(k + SHIFTER, e^r)` with `x = k ln 2 + r`.
#[inline(always)]
fn split_exp(x: f64) -> (f64, f64) {
    let s = x * LOG2_E + SHIFTER;
    let k = s - SHIFTER;
    let hi = x - k * LN2_HI;
    let lo = k * LN2_LO;
    (s, kernel(hi - lo, hi, lo))
}

/// `(k + SHIFTER, 2^(x - k))` with `k` the integer nearest `x`.
#[inline(always)]
fn split_exp2(x: f64) -> (f64, f64) {
    let s = x + SHIFTER;
    let r = (x - (s - SHIFTER)) * LN2;
    (s, kernel(r, r, 0.0))
}

/// `e^x` on the branch-free range.
#[inline(always)]
fn exp_in_range(x: f64) -> f64 {
    let (s, y) = split_exp(x);
    y * pow2(s)
}

/// `2^x` on the branch-free range.
#[inline(always)]
fn exp2_in_range(x: f64) -> f64 {
    let (s, y) = split_exp2(x);
    y * pow2(s)
}

/// `y * 2^k` for `k = s - SHIFTER` out of the normal range, in two steps so
/// that neither power of two overflows; a subnormal result is rounded once.
#[cold]
fn scale_far(s: f64, y: f64) -> f64 {
    let k = s - SHIFTER;
    if k > 0.0 {
        y * pow2(s - 1.0) * 2.0
    } else {
        y * pow2(s + 1000.0) * pow2(SHIFTER - 1000.0)
    }
}

/// `e^x`: within 1 ulp, the same bits on every CPU.
#[inline]
pub fn exp(x: f64) -> f64 {
    if (EXP_MIN..=EXP_MAX).contains(&x) {
        exp_in_range(x)
    } else {
        exp_far(x)
    }
}

#[cold]
fn exp_far(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 709.782_712_893_384 {
        f64::INFINITY
    } else if x < -745.133_219_101_941_2 {
        0.0
    } else {
        let (s, y) = split_exp(x);
        scale_far(s, y)
    }
}

/// `2^x`: within 1 ulp (exact at integers), the same bits on every CPU.
#[inline]
pub fn exp2(x: f64) -> f64 {
    if (EXP2_MIN..=EXP2_MAX).contains(&x) {
        exp2_in_range(x)
    } else {
        exp2_far(x)
    }
}

#[cold]
fn exp2_far(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x >= 1024.0 {
        f64::INFINITY
    } else if x <= -1075.0 {
        0.0
    } else {
        let (s, y) = split_exp2(x);
        scale_far(s, y)
    }
}

/// Maps every lane of `v` with `f`, vectorised where every lane of a chunk
/// is in `range`, with `scalar` for the chunks that are not.
#[inline(always)]
fn lanes(v: &mut [f64], range: (f64, f64), fast: impl Fn(f64) -> f64, scalar: impl Fn(f64) -> f64) {
    for chunk in v.chunks_mut(CHUNK) {
        // `!(x >= lo && x <= hi)` also catches NaN.
        let (far, zero) = chunk.iter().fold((false, true), |(far, zero), &x| {
            (far | !((x >= range.0) & (x <= range.1)), zero & (x == 0.0))
        });
        if zero {
            // e^0 = 2^0 = 1 exactly (an effect stock still 0, before a lag).
            chunk.fill(1.0);
        } else if far {
            chunk.iter_mut().for_each(|x| *x = scalar(*x));
        } else {
            chunk.iter_mut().for_each(|x| *x = fast(*x));
        }
    }
}

/// [`exp`] of every lane of `v`, in place: the same bits, vectorised.
pub fn exp_lanes(v: &mut [f64]) {
    super::wide::wide(
        #[inline(always)]
        || lanes(v, (EXP_MIN, EXP_MAX), exp_in_range, exp),
    );
}

/// [`exp2`] of every lane of `v`, in place: the same bits, vectorised.
pub fn exp2_lanes(v: &mut [f64]) {
    super::wide::wide(
        #[inline(always)]
        || lanes(v, (EXP2_MIN, EXP2_MAX), exp2_in_range, exp2),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    #[test]
    fn wide_lanes_are_the_baseline_lanes() {
        // `exp_lanes` runs compiled for AVX2 where the CPU has it; `lanes`
        // called here is compiled for baseline x86-64 (SSE2).
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        let v: Vec<f64> = (0..10_000)
            .map(|_| rng.random_range(-760.0..720.0))
            .collect();
        let (mut a, mut b) = (v.clone(), v.clone());
        exp_lanes(&mut a);
        lanes(&mut b, (EXP_MIN, EXP_MAX), exp_in_range, exp);
        assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
        let (mut a, mut b) = (v.clone(), v);
        exp2_lanes(&mut a);
        lanes(&mut b, (EXP2_MIN, EXP2_MAX), exp2_in_range, exp2);
        assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
    }

    /// Distance in units in the last place (same sign, finite).
    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    fn uniform(lo: f64, hi: f64, n: usize, seed: u64) -> Vec<f64> {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        (0..n)
            .map(|_| lo + (hi - lo) * rng.random::<f64>())
            .collect()
    }

    #[test]
    fn exp_is_within_one_ulp_of_musl() {
        // musl's exp (the libm crate) is itself below 1 ulp of the true
        // value; two functions within 1 ulp differ by at most 2, and nearly
        // always agree.
        for (lo, hi) in [
            (-1.0, 1.0),
            (-50.0, 50.0),
            (-707.0, 709.7),
            (-745.0, -707.0),
        ] {
            let xs = uniform(lo, hi, 200_000, 7);
            let mut same = 0;
            for &x in &xs {
                let (a, b) = (exp(x), libm::exp(x));
                let tol = if b < f64::MIN_POSITIVE { 1 } else { 2 };
                assert!(ulps(a, b) <= tol, "exp({x}) = {a} vs {b}");
                same += usize::from(a == b);
            }
            assert!(
                same as f64 > 0.99 * xs.len() as f64,
                "{same} on [{lo}, {hi}]"
            );
        }
    }

    #[test]
    fn exp2_is_within_one_ulp_of_musl_and_exact_at_integers() {
        for (lo, hi) in [
            (-1.0, 1.0),
            (-60.0, 0.0),
            (-1021.0, 1023.9),
            (-1074.0, -1021.0),
        ] {
            let xs = uniform(lo, hi, 200_000, 11);
            for &x in &xs {
                let (a, b) = (exp2(x), libm::exp2(x));
                let tol = if b < f64::MIN_POSITIVE { 1 } else { 2 };
                assert!(ulps(a, b) <= tol, "exp2({x}) = {a} vs {b}");
            }
        }
        for k in -1074..=1023 {
            let want = libm::ldexp(1.0, k);
            assert_eq!(exp2(k as f64), want, "2^{k}");
        }
    }

    #[test]
    fn constants_are_fdlibms() {
        // The bit patterns printed in fdlibm's e_exp.c.
        let bits = [
            (LN2_HI, 0x3fe6_2e42_fee0_0000),
            (LN2_LO, 0x3dea_39ef_3579_3c76),
            (LOG2_E, 0x3ff7_1547_652b_82fe),
            (P1, 0x3fc5_5555_5555_553e),
            (P2, 0xbf66_c16c_16be_bd93),
            (P3, 0x3f11_566a_af25_de2c),
            (P4, 0xbebb_bd41_c5d2_6bf1),
            (P5, 0x3e66_3769_72be_a4d0),
        ];
        for (x, b) in bits {
            assert_eq!(x.to_bits(), b, "{x}");
        }
    }

    #[test]
    fn edges() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-0.0), 1.0);
        assert!(ulps(exp(1.0), std::f64::consts::E) <= 1);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp2(1024.0), f64::INFINITY);
        assert_eq!(exp2(-1076.0), 0.0);
        assert_eq!(exp2(f64::NEG_INFINITY), 0.0);
        assert!(exp2(f64::NAN).is_nan());
        // The largest finite results.
        assert_eq!(exp(709.78), libm::exp(709.78));
        assert_eq!(exp2(1023.99), libm::exp2(1023.99));
    }

    #[test]
    fn lanes_give_the_scalar_bits() {
        let mut xs = uniform(-800.0, 800.0, 5000, 3);
        xs.extend(uniform(-3.0, 3.0, 5000, 4));
        xs.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0]);
        for (lanes, scalar) in [
            (exp_lanes as fn(&mut [f64]), exp as fn(f64) -> f64),
            (exp2_lanes, exp2),
        ] {
            let mut v = xs.clone();
            lanes(&mut v);
            for (x, y) in xs.iter().zip(&v) {
                assert_eq!(y.to_bits(), scalar(*x).to_bits(), "at {x}");
            }
        }
    }
}
