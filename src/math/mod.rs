//! Transcendental functions whose results do not depend on the CPU.
//!
//! `f64::exp`, `ln`, `powf`, `sin`... call the system's C library, and glibc
//! picks among FMA, AVX2 and SSE2 variants of `exp`, `exp2`, `log`, `pow` and
//! `sin` by CPU at run time: the variants round differently in the last bit, so
//! the same scenario gave different last digits on different machines. Every
//! number that reaches an output goes through this module instead: the
//! elementary functions come from the `libm` crate (a pure-Rust port of musl's
//! libm, plain IEEE arithmetic; its `arch` feature, which another dependency
//! turns on, only swaps in the hardware `sqrt` and `fma`, both exactly
//! rounded) and
//! the special functions are written here with plus, minus, times, divide and
//! square root, which IEEE 754 rounds exactly the same on every CPU (Rust never
//! fuses a multiply and an add on its own).
//!
//! - [`exp`](mod@exp): `e^x` and `2^x`, also over a slice of lanes
//!   (vectorised).
//! - [`normal`]: `Φ`, `Φ⁻¹` (Wichura's AS241, over a slice of lanes) and `φ`.
//! - [`beta`]: `ln B(a, b)` and the regularised incomplete beta function.
//! - [`wide`](mod@wide): the lane kernels compiled for AVX2 when the CPU
//!   has it, with the same bits.

pub mod beta;
pub mod exp;
pub mod normal;
pub mod wide;

pub use exp::{exp, exp_lanes, exp2, exp2_lanes};

/// The natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// [`ln`] of a positive, normal, finite `x` (the same bits), without a
/// branch so a loop over lanes vectorises: musl's (fdlibm's) `log` with its
/// cases for zero, negatives, subnormals, infinities and NaN left out. Any
/// other `x` gives garbage; callers check the range.
#[inline(always)]
pub fn ln_normal(x: f64) -> f64 {
    // fdlibm's constants, by their bits.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
    const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
    const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
    const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
    const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
    const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
    const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);
    let ui = x.to_bits();
    // Reduce x into [sqrt(2)/2, sqrt(2)]: x = 2^k (1 + f).
    let hx = (ui >> 32) + (0x3ff00000 - 0x3fe6a09e);
    let k = ((hx >> 20) as i64 - 0x3ff) as f64;
    let hx = (hx & 0x000fffff) + 0x3fe6a09e;
    let f = f64::from_bits((hx << 32) | (ui & 0xffffffff)) - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    s * (hfsq + r) + k * LN2_LO - hfsq + f + k * LN2_HI
}

/// `ln(1 + x)`, accurate for small `x`.
#[inline]
pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}

/// The base-10 logarithm.
#[inline]
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}

/// `x^y`.
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// The sine (radians).
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

/// `ln Γ(x)` for `x > 0`.
#[inline]
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}
