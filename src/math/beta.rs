//! `ln B(a, b)` and the regularised incomplete beta function `I_x(a, b)`,
//! which the beta and PERT quantile tables are solved from.

/// `ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b)` for `a, b > 0`.
pub fn ln_beta(a: f64, b: f64) -> f64 {
    super::ln_gamma(a) + super::ln_gamma(b) - super::ln_gamma(a + b)
}

/// The regularised incomplete beta function `I_x(a, b)`: the CDF of
/// Beta(a, b) at `x`. NaN unless `a > 0`, `b > 0` and `x` is in `[0, 1]`.
///
/// The continued fraction of Numerical Recipes (section 6.4), evaluated by
/// the modified Lentz method on the side of `(a + 1) / (a + b + 2)` where it
/// converges fast, with the symmetry `I_x(a, b) = 1 - I_{1-x}(b, a)` on the
/// other.
pub fn beta_reg(a: f64, b: f64, x: f64) -> f64 {
    beta_reg_given(a, b, x, ln_beta(a, b))
}

/// [`beta_reg`] given `ln_b = ln_beta(a, b)` (the same bits), for callers
/// that evaluate it at many `x`.
pub fn beta_reg_given(a: f64, b: f64, x: f64, ln_b: f64) -> f64 {
    if !(a > 0.0 && b > 0.0 && (0.0..=1.0).contains(&x)) {
        return f64::NAN;
    }
    if x == 0.0 || x == 1.0 {
        return x;
    }
    // x^a (1 - x)^b / B(a, b), in logarithms; ln(1 - x) as ln_1p(-x) keeps
    // the digits of a small x.
    let ln_front = a * super::ln(x) + b * super::ln_1p(-x) - ln_b;
    let front = super::exp(ln_front);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * continued_fraction(a, b, x) / a
    } else {
        1.0 - front * continued_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of `I_x(a, b)` (modified Lentz), to full
/// precision or after [`MAX_TERMS`] terms.
fn continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let nonzero = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / nonzero(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_TERMS {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        // Even step.
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / nonzero(1.0 + aa * d);
        c = nonzero(1.0 + aa / c);
        h *= d * c;
        // Odd step.
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / nonzero(1.0 + aa * d);
        c = nonzero(1.0 + aa / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

/// Terms of the continued fraction at most: it needs about `√max(a, b)`
/// of them, and shapes go up to 10,000.
const MAX_TERMS: u32 = 2000;
