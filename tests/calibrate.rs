//! Calibration by importance weighting against closed forms: the conjugate
//! normal case (a normal prior on a parameter that a metric equals, one
//! observation with normal error), the effective sample size's expectation,
//! and an unobserved independent parameter that keeps its prior.

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

mod common;

use esante::analysis::calibrate::calibrate;
use esante::engine::Silent;
use esante::sampling::RunSettings;
use statrs::distribution::{ContinuousCDF, Normal};

const DRAWS: u64 = 20_000;
/// Prior of `segments.x.initial_adoption` (= `adoption.x` in 2021), truncated
/// to [0, 1]: six sd away, which moves its moments by less than 1e-8.
const MU0: f64 = 0.3;
const TAU: f64 = 0.05;
/// The observation and its error.
const Y: f64 = 0.35;
const SIGMA: f64 = 0.04;

/// The conjugate scenario, with its observation when `observed`.
fn scenario(observed: bool) -> esante::Scenario {
    let obs = if observed {
        format!(
            "[[observed]]\nmetric = \"adoption.x\"\nyear = 2021\nvalue = {Y}\nsd = {SIGMA}\nsource = \"a test\""
        )
    } else {
        String::new()
    };
    common::load(&format!(
        r#"
[scenario]
name = "conjugate"
start_year = 2021
end_year = 2023
[simulation]
draws = {DRAWS}
seed = 7
sampling = "mc"
[axes.a]
budget = 10
schedule = {{ from = 2022, to = 2023 }}
half_saturation = 5
[segments.x]
population = 1000
initial_adoption = {{ dist = "normal", mean = {MU0}, sd = {TAU}, min = 0, max = 1 }}
p = {{ dist = "lognormal", p5 = 0.002, p95 = 0.05 }}
q = 0.4
ceiling = 0.95
value_per_adopter = 1000
{obs}
"#
    ))
}

/// The conjugate scenario calibrated with its own draws.
fn calibrated() -> (esante::Scenario, esante::analysis::calibrate::Calibration) {
    let s = scenario(true);
    let settings = RunSettings {
        draws: DRAWS,
        ..s.simulation
    };
    let cal = calibrate(&s, settings, &Silent).unwrap();
    (s, cal)
}

/// `E[w^k]` for `w = exp(-(x - Y)^2 / (2 SIGMA^2))`, `x ~ N(MU0, TAU^2)`.
fn moment(k: f64) -> f64 {
    let s2 = SIGMA * SIGMA / k + TAU * TAU;
    (SIGMA / k.sqrt()) / s2.sqrt() * (-(Y - MU0).powi(2) / (2.0 * s2)).exp()
}

#[test]
fn conjugate_normal_posterior_matches_the_closed_form() {
    let (s, cal) = calibrated();
    let d = cal.diagnostics();

    // Closed form: precisions add, the mean is precision-weighted.
    let prec = 1.0 / (TAU * TAU) + 1.0 / (SIGMA * SIGMA);
    let sd = prec.recip().sqrt();
    let mean = (MU0 / (TAU * TAU) + Y / (SIGMA * SIGMA)) / prec;

    // The expected ESS / n is E[w]^2 / E[w^2]; its Monte Carlo sd by the
    // delta method from the moments of (w, w^2).
    let (m1, m2, m3, m4) = (moment(1.0), moment(2.0), moment(3.0), moment(4.0));
    let g = m1 * m1 / m2;
    let (g1, g2) = (2.0 * m1 / m2, -m1 * m1 / (m2 * m2));
    let var = g1 * g1 * (m2 - m1 * m1) + 2.0 * g1 * g2 * (m3 - m1 * m2) + g2 * g2 * (m4 - m2 * m2);
    let ess_se = (var / DRAWS as f64).sqrt() * DRAWS as f64;
    let ess_want = g * DRAWS as f64;
    assert!(
        (d.ess - ess_want).abs() <= 4.0 * ess_se,
        "ESS {} vs {ess_want} (se {ess_se})",
        d.ess
    );

    // The observed parameter: mean within 4 standard errors sd / sqrt(ESS);
    // the sd's standard error is about sd / sqrt(2 ESS).
    let x = cal
        .parameters
        .iter()
        .find(|p| p.path == "segments.x.initial_adoption")
        .unwrap();
    let se = sd / d.ess.sqrt();
    assert!(
        (x.posterior.mean - mean).abs() <= 4.0 * se,
        "{x:?} vs {mean}"
    );
    assert!(
        (x.posterior.sd - sd).abs() <= 4.0 * sd / (2.0 * d.ess).sqrt(),
        "{} vs {sd}",
        x.posterior.sd
    );
    // Posterior percentiles against the normal quantiles: Monte Carlo error
    // (a quantile's sd is sqrt(p (1 - p) / ESS) / density) plus the sketch's
    // 0.39%.
    let post = Normal::new(mean, sd).unwrap();
    for (p, got) in [
        (0.05, x.posterior.p5),
        (0.5, x.posterior.p50),
        (0.95, x.posterior.p95),
    ] {
        let want = post.inverse_cdf(p);
        let z = (want - mean) / sd;
        let density = (-0.5 * z * z).exp() / (sd * (2.0 * std::f64::consts::PI).sqrt());
        let tol = 4.0 * (p * (1.0 - p) / d.ess).sqrt() / density + want.abs() / 256.0;
        assert!((got - want).abs() <= tol, "p{p}: {got} vs {want} ± {tol}");
    }
    // It moved most, and it is the metric: the summary row agrees.
    assert_eq!(cal.parameters[0].path, "segments.x.initial_adoption");
    let series = s.observed[0].series;
    let row = esante::analysis::run::Row::of(2021, cal.posterior.get(series));
    assert!((row.mean - x.posterior.mean).abs() < 1e-12);
    assert!((row.sd - x.posterior.sd).abs() < 1e-12);
    // The prior is the unweighted run.
    let prior = cal.prior.get(series);
    assert!((prior.moments.mean() - MU0).abs() <= 4.0 * TAU / (DRAWS as f64).sqrt());
    assert!(d.reliable(), "{d:?}");
}

#[test]
fn an_unobserved_independent_parameter_keeps_its_prior() {
    let (_, cal) = calibrated();
    let d = cal.diagnostics();
    let p = cal
        .parameters
        .iter()
        .find(|p| p.path == "segments.x.p")
        .unwrap();
    // The weighted mean of an independent parameter differs from the
    // unweighted one by Monte Carlo error only: sd / sqrt(ESS) bounds it.
    let se = p.prior.sd / d.ess.sqrt();
    assert!(
        (p.posterior.mean - p.prior.mean).abs() <= 4.0 * se,
        "{p:?} (se {se})"
    );
    assert!((p.posterior.sd / p.prior.sd - 1.0).abs() <= 4.0 / (2.0 * d.ess).sqrt());
}

#[test]
fn calibration_does_not_depend_on_threads() {
    let s = scenario(true);
    let settings = RunSettings {
        draws: 5000,
        ..s.simulation
    };
    let on = |threads| common::on_threads(threads, || calibrate(&s, settings, &Silent).unwrap());
    let (a, b) = (on(1), on(3));
    assert_eq!(a.posterior.series, b.posterior.series);
    assert_eq!(a.posterior.weights, b.posterior.weights);
    assert_eq!(a.parameters, b.parameters);
}

#[test]
fn a_scenario_without_observations_cannot_be_calibrated() {
    let s = scenario(false);
    let err = calibrate(&s, s.simulation, &Silent).unwrap_err();
    assert_eq!(err, esante::engine::WeightingError::NoObservation);
}
