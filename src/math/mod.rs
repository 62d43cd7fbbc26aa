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

pub mod beta;
pub mod exp;
pub mod normal;

pub use exp::{exp, exp_lanes, exp2, exp2_lanes};

/// The natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
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
