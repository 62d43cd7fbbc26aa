//! Monte Carlo standard errors against their closed forms: a metric that
//! equals a normal parameter, whose sample mean has standard error
//! `sigma / sqrt(n)` and whose sample `p`-quantile has the asymptotic
//! standard error `sqrt(p (1 - p) / n) / phi(z_p)` (normal density `phi`).

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

mod common;

use esante::analysis::run::{Precision, Run};
use esante::engine::{self, Silent};
use esante::sampling::RunSettings;
use statrs::distribution::{Continuous, ContinuousCDF, Normal};

const DRAWS: u64 = 400_000;
const MU: f64 = 0.3;
const SIGMA: f64 = 0.05;

fn precision() -> Precision {
    let s = common::load(&format!(
        r#"
[scenario]
name = "precision"
start_year = 2021
end_year = 2022
[simulation]
draws = {DRAWS}
seed = 11
[axes.a]
budget = 10
schedule = {{ from = 2021, to = 2022 }}
half_saturation = 5
[segments.x]
population = 1000
initial_adoption = {{ dist = "normal", mean = {MU}, sd = {SIGMA}, min = 0, max = 1 }}
p = 0.01
q = 0.4
ceiling = 0.95
value_per_adopter = 1000
"#
    ));
    let stats = engine::run(&s, s.simulation, &Silent);
    let run = Run {
        scenario: &s,
        stats: &stats,
    };
    // adoption.x in the first year is initial_adoption itself.
    let m = s.metrics.find("adoption.x").unwrap();
    run.precision(s.metrics.series(m, 0))
}

#[test]
fn standard_errors_match_the_closed_forms() {
    let e = precision();
    let n = DRAWS as f64;
    // The mean's: the sample sd is within 0.2% of sigma at this n.
    let mean = SIGMA / n.sqrt();
    assert!((e.mean / mean - 1.0).abs() < 0.01, "{} vs {mean}", e.mean);
    // A percentile's comes from an interval between order statistics
    // `2 * 1.96 * sqrt(n p (1 - p))` ranks apart: its relative error is
    // about one over the square root of that spacing (2.7% at the median,
    // 4.1% at P5 and P95 here). Four of those.
    let z = Normal::new(0.0, 1.0).unwrap();
    for (p, got) in [(0.05, e.p5), (0.5, e.p50), (0.95, e.p95), (0.25, e.p25)] {
        let want = (p * (1.0 - p) / n).sqrt() / z.pdf(z.inverse_cdf(p)) * SIGMA;
        let ranks = 2.0 * 1.96 * (n * p * (1.0 - p)).sqrt();
        let tol = 4.0 / ranks.sqrt();
        assert!(
            (got / want - 1.0).abs() < tol,
            "p = {p}: {got} vs {want} (tolerance {tol})"
        );
    }
}

#[test]
fn standard_errors_shrink_as_one_over_the_root_of_the_draws() {
    // The same run at a quarter of the draws: every error about doubles.
    let big = precision();
    let s = common::load(
        "[scenario]\nname = \"p\"\nstart_year = 2021\nend_year = 2021\n\
         [simulation]\ndraws = 100000\nseed = 11\n\
         [axes.a]\nbudget = 1\nschedule = { from = 2021, to = 2021 }\nhalf_saturation = 5\n\
         [segments.x]\npopulation = 10\n\
         initial_adoption = { dist = \"normal\", mean = 0.3, sd = 0.05, min = 0, max = 1 }\n\
         p = 0.01\nq = 0.4\nceiling = 0.95\nvalue_per_adopter = 1\n",
    );
    let settings = RunSettings { ..s.simulation };
    let stats = engine::run(&s, settings, &Silent);
    let run = Run {
        scenario: &s,
        stats: &stats,
    };
    let m = s.metrics.find("adoption.x").unwrap();
    let small = run.precision(s.metrics.series(m, 0));
    assert!((small.mean / big.mean - 2.0).abs() < 0.02);
    // Each median error has a 3 to 6% relative error of its own.
    assert!((small.p50 / big.p50 - 2.0).abs() < 2.0 * 4.0 * 0.06);
}
