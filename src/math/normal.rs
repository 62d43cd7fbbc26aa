//! The standard normal functions: `Φ` (from an erfc accurate to an ulp),
//! `Φ⁻¹` (Wichura's AS241, about 1e-16 relative) and `φ`.
//!
//! [`norm_quantiles`] maps a whole slice: the central branch
//! (`|u - 1/2| <= 0.425`, 85% of the draws) is a ratio of two polynomials
//! computed for every lane without a branch, so the compiler vectorises it;
//! the tails' lanes are then gathered and mapped the same way, with a
//! branch-free logarithm ([`super::ln_normal`]), and put back. It gives the
//! same bits as [`norm_quantile`] lane by lane.

use std::f64::consts::{FRAC_1_SQRT_2, PI};

/// Standard normal CDF `Φ(z) = erfc(-z / √2) / 2`, accurate in both tails.
#[inline]
pub fn norm_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z * FRAC_1_SQRT_2)
}

/// Standard normal density `φ(z)`.
#[inline]
pub fn norm_pdf(z: f64) -> f64 {
    super::exp(-0.5 * z * z) / (2.0 * PI).sqrt()
}

/// Standard normal quantile `Φ⁻¹(u)` for `u` in (0, 1); ±∞ at 0 and 1, NaN
/// outside.
#[inline]
pub fn norm_quantile(u: f64) -> f64 {
    if is_central(u) { central(u) } else { tail(u) }
}

/// `Φ⁻¹` of every lane of `v`, in place: the same values as
/// [`norm_quantile`], with the central branch vectorised. `scratch` keeps the
/// uniforms for the tail pass (its length is set here).
pub fn norm_quantiles(v: &mut [f64], scratch: &mut Vec<f64>) {
    super::wide::wide(
        #[inline(always)]
        || quantile_lanes(v, scratch),
    );
}

/// [`norm_quantiles`], for [`super::wide::wide`] to compile for the CPU.
#[inline(always)]
fn quantile_lanes(v: &mut [f64], scratch: &mut Vec<f64>) {
    scratch.clear();
    scratch.extend_from_slice(v);
    for x in v.iter_mut() {
        *x = central(*x);
    }
    // The tails: their lanes gathered into short arrays, mapped there
    // (vectorised too), and put back.
    const CHUNK: usize = 256;
    let mut lane = [0u16; CHUNK];
    let mut u = [0.0f64; CHUNK];
    let mut z = [0.0f64; CHUNK];
    for (c, us) in scratch.chunks(CHUNK).enumerate() {
        let mut m = 0;
        for (i, &ui) in us.iter().enumerate() {
            lane[m] = i as u16;
            m += usize::from(!is_central(ui));
        }
        for (x, &i) in u[..m].iter_mut().zip(&lane[..m]) {
            *x = us[usize::from(i)];
        }
        tails(&u[..m], &mut z[..m]);
        for (&x, &i) in z[..m].iter().zip(&lane[..m]) {
            v[c * CHUNK + usize::from(i)] = x;
        }
    }
}

/// [`tail`] of every `u` (each outside the central branch) into `z`: the
/// lower branch (`√(-ln p) <= 5`, every `p` above about 1.4e-11) for every
/// lane without a branch, then [`tail`] itself for the lanes it does not
/// cover (far tails, 0, 1, outside `[0, 1]`, NaN). Inlined into
/// [`quantile_lanes`], so that [`crate::math::wide::wide`] compiles it for
/// the CPU too.
#[inline(always)]
fn tails(u: &[f64], z: &mut [f64]) {
    // `√(-ln p)`, valid for the lanes the lower branch covers: `p` normal
    // (where `ln_normal` is `ln`) and the result at most 5.
    let lower = |p: f64| {
        let r = (-super::ln_normal(p)).sqrt();
        (r, p >= f64::MIN_POSITIVE && r <= 5.0)
    };
    let mut far = false;
    for (z, &u) in z.iter_mut().zip(u) {
        let (r, covered) = lower(tail_p(u));
        far |= !covered;
        let r = r - 1.6;
        let v = horner(&C, r) / horner(&D, r);
        *z = if u < 0.5 { -v } else { v };
    }
    if far {
        for (z, &u) in z.iter_mut().zip(u) {
            if !lower(tail_p(u)).1 {
                *z = tail(u);
            }
        }
    }
}

/// The probability in the tail of `u`: `u` below 1/2, `1 - u` above.
#[inline(always)]
fn tail_p(u: f64) -> f64 {
    if u < 0.5 { u } else { 1.0 - u }
}

/// Whether `u` takes AS241's central branch.
#[inline(always)]
fn is_central(u: f64) -> bool {
    (u - 0.5).abs() <= 0.425
}

/// AS241's central branch, `|u - 1/2| <= 0.425` (finite garbage elsewhere).
#[inline(always)]
fn central(u: f64) -> f64 {
    let q = u - 0.5;
    let r = 0.180625 - q * q;
    q * horner(&A, r) / horner(&B, r)
}

/// AS241's tails, `|u - 1/2| > 0.425`: rational functions of `√(-ln p)`,
/// `p = min(u, 1 - u)`.
#[cold]
fn tail(u: f64) -> f64 {
    if !(u > 0.0 && u < 1.0) {
        return if u == 0.0 {
            f64::NEG_INFINITY
        } else if u == 1.0 {
            f64::INFINITY
        } else {
            f64::NAN
        };
    }
    let p = tail_p(u);
    let r = (-super::ln(p)).sqrt();
    let z = if r <= 5.0 {
        let r = r - 1.6;
        horner(&C, r) / horner(&D, r)
    } else {
        let r = r - 5.0;
        horner(&E, r) / horner(&F, r)
    };
    if u < 0.5 { -z } else { z }
}

/// `c[0] + c[1] x + ... + c[7] x^7` by Horner's rule.
#[inline(always)]
fn horner(c: &[f64; 8], x: f64) -> f64 {
    let mut s = c[7];
    for &ck in c[..7].iter().rev() {
        s = s * x + ck;
    }
    s
}

// Wichura (1988), Algorithm AS 241, PPND16: coefficients, lowest degree first.
/// Central numerator.
const A: [f64; 8] = [
    3.3871328727963665,
    133.14166789178438,
    1971.5909503065513,
    13731.69376550946,
    45921.95393154987,
    67265.7709270087,
    33430.57558358813,
    2509.0809287301227,
];
/// Central denominator.
const B: [f64; 8] = [
    1.0,
    42.31333070160091,
    687.1870074920579,
    5394.196021424751,
    21213.794301586597,
    39307.89580009271,
    28729.085735721943,
    5226.495278852854,
];
/// Near tail (`√(-ln p) <= 5`) numerator.
const C: [f64; 8] = [
    1.4234371107496835,
    4.630337846156546,
    5.769497221460691,
    3.6478483247632045,
    1.2704582524523684,
    0.2417807251774506,
    0.022723844989269184,
    0.0007745450142783414,
];
/// Near tail denominator.
const D: [f64; 8] = [
    1.0,
    2.053191626637759,
    1.6763848301838038,
    0.6897673349851,
    0.14810397642748008,
    0.015198666563616457,
    0.0005475938084995345,
    1.0507500716444169e-09,
];
/// Far tail (`√(-ln p) > 5`, `p < 1.4e-11`) numerator.
const E: [f64; 8] = [
    6.657904643501103,
    5.463784911164114,
    1.7848265399172913,
    0.29656057182850487,
    0.026532189526576124,
    0.0012426609473880784,
    2.7115555687434876e-05,
    2.0103343992922881e-07,
];
/// Far tail denominator.
const F: [f64; 8] = [
    1.0,
    0.599832206555888,
    0.1369298809227358,
    0.014875361290850615,
    0.0007868691311456133,
    1.8463183175100548e-05,
    1.421511758316446e-07,
    2.0442631033899397e-15,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_lanes_are_the_baseline_lanes() {
        // `norm_quantiles` runs compiled for AVX2 where the CPU has it;
        // `quantile_lanes` called here is compiled for baseline x86-64.
        let mut u: Vec<f64> = (1..100_000).map(|i| f64::from(i) / 100_000.0).collect();
        u.extend((1..300).flat_map(|k| {
            let t = 10f64.powi(-k);
            [t, 1.0 - t]
        }));
        u.extend([0.0, 1.0, f64::NAN, -1.0, 2.0, 5e-324]);
        let (mut a, mut b) = (u.clone(), u);
        let mut scratch = Vec::new();
        norm_quantiles(&mut a, &mut scratch);
        quantile_lanes(&mut b, &mut scratch);
        assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
    }
}
