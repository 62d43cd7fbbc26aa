//! The CPU-independent special functions (`esante::math`) against
//! high-precision references (mpmath at 50 digits), closed forms and statrs.

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

use esante::math::beta::{beta_reg, ln_beta};
use esante::math::normal::{norm_cdf, norm_pdf, norm_quantile, norm_quantiles};
use esante::math::{ln, ln_normal};

#[path = "math/reference.rs"]
mod reference;

use reference::{BETA_REG, CDF, QUANTILES};

const EPS: f64 = f64::EPSILON;

/// `|got - want| / |want|` (absolute when `want` is 0).
fn rel(got: f64, want: f64) -> f64 {
    if want == 0.0 {
        got.abs()
    } else {
        ((got - want) / want).abs()
    }
}

#[test]
fn quantile_matches_high_precision_values() {
    let mut worst = 0.0_f64;
    for &(u, z) in QUANTILES {
        let e = rel(norm_quantile(u), z) / EPS;
        worst = worst.max(e);
        assert!(
            e <= 4.0,
            "Φ⁻¹({u:e}) = {} vs {z}: {e:.1} ulp",
            norm_quantile(u)
        );
    }
    eprintln!("Φ⁻¹: worst {worst:.2} ulp (relative)");
}

#[test]
fn cdf_matches_high_precision_values() {
    // erfc is within an ulp; rounding z / √2 costs up to z² / 2 ulp more in
    // the tails (Φ's condition number there is about z²).
    let mut worst = 0.0_f64;
    for &(z, p) in CDF {
        let e = rel(norm_cdf(z), p) / EPS / (1.0 + z * z);
        worst = worst.max(e);
        assert!(
            e <= 2.0,
            "Φ({z}) = {} vs {p}: {e:.2} (1 + z²) ulp",
            norm_cdf(z)
        );
    }
    eprintln!("Φ: worst {worst:.2} (1 + z²) ulp");
}

/// The gap between `u > 0` and the next double.
fn ulp(u: f64) -> f64 {
    f64::from_bits(u.to_bits() + 1) - u
}

/// A dense grid of `u` over (0, 1): uniform steps and both tails down to
/// 1e-300, in logarithmic steps.
fn grid() -> Vec<f64> {
    let n = 200_000;
    let mut u: Vec<f64> = (1..n).map(|i| i as f64 / n as f64).collect();
    for k in 0..30_000 {
        let t = 10f64.powf(-1.0 - k as f64 * 1e-2);
        u.extend([t, 1.0 - t]);
    }
    u.retain(|&v| v > 0.0 && v < 1.0);
    u
}

#[test]
fn round_trip_is_exact_to_the_spacing_of_z() {
    // Φ(Φ⁻¹(u)) can only come back to u within the gap between doubles z,
    // which is about z² ulp of u in the lower tail.
    let mut worst = 0.0_f64;
    for u in grid() {
        let z = norm_quantile(u);
        let back = norm_cdf(z);
        let e = (back - u).abs() / ulp(u) / (1.0 + z * z);
        worst = worst.max(e);
        assert!(e <= 6.0, "Φ(Φ⁻¹({u:e})) = {back:e}: {e:.2}");
    }
    eprintln!("round trip: worst {worst:.2} (1 + z²) ulp of min(u, 1 - u)");
}

#[test]
fn quantile_over_a_slice_is_the_scalar_quantile() {
    let mut u = grid();
    // Subnormal tails, and the edges of the lower tail branch (p = e^-25).
    let edge = (-25.0_f64).exp();
    u.extend([1e-310, 5e-324, edge, edge * (1.0 + EPS), edge * (1.0 - EPS)]);
    let mut v = u.clone();
    v.extend([0.0, 1.0, f64::NAN, -1.0, 2.0]);
    let mut scratch = Vec::new();
    norm_quantiles(&mut v, &mut scratch);
    for (&ui, &zi) in u.iter().zip(&v) {
        assert_eq!(zi.to_bits(), norm_quantile(ui).to_bits(), "u = {ui:e}");
    }
    let n = v.len();
    assert_eq!(v[n - 5], f64::NEG_INFINITY);
    assert_eq!(v[n - 4], f64::INFINITY);
    assert!(v[n - 3..].iter().all(|z| z.is_nan()));
}

#[test]
fn branch_free_logarithm_is_the_logarithm() {
    // Every binade of the normal doubles, 2,000 mantissas each (a fixed
    // pseudo-random walk), and the values next to 1 and to sqrt(2)/2.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut xs = vec![
        1.0,
        1.0 + EPS,
        1.0 - EPS / 2.0,
        0.5_f64.sqrt(),
        2.0_f64.sqrt(),
    ];
    for e in 1..2047_u64 {
        for _ in 0..2000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            xs.push(f64::from_bits((e << 52) | (state >> 12)));
        }
    }
    for x in xs {
        assert_eq!(ln_normal(x).to_bits(), ln(x).to_bits(), "ln({x:e})");
    }
}

#[test]
fn normal_functions_agree_with_statrs() {
    use statrs::distribution::{Continuous, ContinuousCDF, Normal};
    let n = Normal::standard();
    let mut worst = (0.0_f64, 0.0_f64, 0.0_f64);
    for i in 0..=20_000 {
        let z = -6.0 + 12.0 * i as f64 / 20_000.0;
        worst.0 = worst.0.max(rel(norm_cdf(z), n.cdf(z)));
        worst.1 = worst.1.max(rel(norm_pdf(z), n.pdf(z)));
    }
    for i in 1..20_000 {
        let u = i as f64 / 20_000.0;
        worst.2 = worst.2.max(rel(norm_quantile(u), n.inverse_cdf(u)));
    }
    eprintln!(
        "against statrs on |z| <= 6: Φ {:.1e}, φ {:.1e}, Φ⁻¹ {:.1e}",
        worst.0, worst.1, worst.2
    );
    // statrs' own erfc is off by up to 2.5e-11 near z = -0.7 (1e-10
    // relative); the references above are the real check.
    assert!(
        worst.0 < 2e-10 && worst.1 < 1e-15 && worst.2 < 1e-10,
        "{worst:?}"
    );
}

#[test]
fn incomplete_beta_has_its_closed_forms() {
    for i in 0..=1000 {
        let x = i as f64 / 1000.0;
        assert!(rel(beta_reg(1.0, 1.0, x), x) <= 1e-14, "Beta(1, 1) at {x}");
        for a in [0.3, 2.0, 7.5, 40.0] {
            let want = x.powf(a);
            assert!(
                (beta_reg(a, 1.0, x) - want).abs() <= 1e-14 * want.max(1e-300) + 1e-300
                    || rel(beta_reg(a, 1.0, x), want) < 1e-13,
                "Beta({a}, 1) at {x}"
            );
            let want = 1.0 - (1.0 - x).powf(a);
            assert!(
                (beta_reg(1.0, a, x) - want).abs() <= 1e-14,
                "Beta(1, {a}) at {x}"
            );
        }
    }
    assert_eq!(beta_reg(2.0, 3.0, 0.0), 0.0);
    assert_eq!(beta_reg(2.0, 3.0, 1.0), 1.0);
    assert!(beta_reg(0.0, 3.0, 0.5).is_nan() && beta_reg(2.0, 3.0, 1.5).is_nan());
    // B(a, b) = Γ(a) Γ(b) / Γ(a + b): B(2, 3) = 1/12, B(1/2, 1/2) = π.
    assert!(rel(ln_beta(2.0, 3.0), (1.0f64 / 12.0).ln()) < 1e-15);
    assert!(rel(ln_beta(0.5, 0.5), std::f64::consts::PI.ln()) < 1e-15);
}

#[test]
fn incomplete_beta_agrees_with_statrs() {
    use statrs::function::beta::{checked_beta_reg, ln_beta as statrs_ln_beta};
    let mut worst = (0.0_f64, 0.0_f64);
    for &a in &[0.3, 0.5, 1.0, 1.7, 2.0, 4.0, 5.0, 12.0, 30.0, 100.0] {
        for &b in &[0.3, 0.5, 1.0, 2.0, 3.5, 5.0, 12.0, 30.0, 100.0] {
            worst.0 = worst.0.max((ln_beta(a, b) - statrs_ln_beta(a, b)).abs());
            for i in 1..1000 {
                let x = i as f64 / 1000.0;
                let want = checked_beta_reg(a, b, x).unwrap();
                let got = beta_reg(a, b, x);
                let err = (got - want).abs() / want.min(1.0 - want).max(1e-300);
                if want > 1e-300 && want < 1.0 {
                    worst.1 = worst.1.max(err);
                }
                assert!(
                    (got - want).abs() <= 1e-12 * want.min(1.0 - want) + 2e-13,
                    "I_{x}({a}, {b}) = {got:e}, statrs {want:e}"
                );
            }
        }
    }
    eprintln!(
        "against statrs: ln B {:.1e} absolute, I_x {:.1e} relative to min(I, 1 - I)",
        worst.0, worst.1
    );
}

#[test]
fn incomplete_beta_matches_high_precision_values() {
    // statrs itself is off by up to 1e-13 (its ln Γ); these are the real check.
    // Shapes from 0.001 to 10,000 (those a scenario may use): the prefactor
    // x^a (1-x)^b / B(a, b) comes from logarithms of size up to ~1e5 for the
    // largest shapes, which bounds the relative accuracy there.
    let mut worst = (0.0_f64, 0.0_f64);
    for &(a, b, x, want) in BETA_REG {
        let got = beta_reg(a, b, x);
        let small = want.min(1.0 - want);
        worst.0 = worst.0.max((got - want).abs());
        worst.1 = worst.1.max((got - want).abs() / small);
        // ln Γ(a + b) has about (a + b) ln(a + b) ulp of absolute error.
        let n = (a + b).max(1.0);
        assert!(
            (got - want).abs() <= 1e-12 * small + 5e-14 + 4.0 * EPS * n * n.ln(),
            "I_x({a}, {b}) at x = {x}: {got:e}, want {want:e}"
        );
    }
    eprintln!(
        "I_x: worst {:.1e} absolute, {:.1e} relative to min(I, 1 - I)",
        worst.0, worst.1
    );
}
