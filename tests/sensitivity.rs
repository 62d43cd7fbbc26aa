//! Sensitivity analysis against outside truth: the Ishigami function's analytic
//! Sobol indices, a product of independent uniforms through a real scenario,
//! and thread-count invariance. Tolerances are multiples of standard errors.
//! Rank correlations are in `sensitivity_rank.rs`.

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

use std::f64::consts::PI;
use std::path::Path;

use esante::Scenario;
use esante::analysis::sensitivity::rank::spearman;
use esante::analysis::sensitivity::sobol::{OutputStatus, SobolOptions, SobolResult, saltelli};
use esante::analysis::sensitivity::{
    self, MetricModel, base_matrices, find_metric, scenario_draws, sobol_scenario,
};
use esante::engine::Silent;
use esante::sampling::Sampling;
use ndarray::{Array2, ArrayView2};

/// The metric named `name` of `s`.
fn metric(s: &Scenario, name: &str) -> esante::scenario::Metric {
    find_metric(s, name).unwrap()
}

fn load(text: &str) -> Scenario {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.toml");
    std::fs::write(&p, text).unwrap();
    Scenario::load(Path::new(&p)).unwrap()
}

// ---------------------------------------------------------------------------
// Ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1, x ~ U(-π, π)³.

const A: f64 = 7.0;
const B: f64 = 0.1;

/// Analytic (S1, ST) of the Ishigami function (Sobol' & Levitan 1999; Saltelli
/// et al. 2008, p. 179): V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = b²π⁸ (1/18 − 1/50).
fn ishigami_truth() -> [(f64, f64); 3] {
    let pi4 = PI.powi(4);
    let pi8 = PI.powi(8);
    let v = A * A / 8.0 + B * pi4 / 5.0 + B * B * pi8 / 18.0 + 0.5;
    let v1 = 0.5 * (1.0 + B * pi4 / 5.0).powi(2);
    let v2 = A * A / 8.0;
    let v13 = B * B * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
    [(v1 / v, (v1 + v13) / v), (v2 / v, v2 / v), (0.0, v13 / v)]
}

/// The Ishigami function of unit inputs (each mapped to U(-π, π)).
fn ishigami(x: ArrayView2<'_, f64>) -> Array2<f64> {
    let m = x.ncols();
    Array2::from_shape_fn((1, m), |(_, j)| {
        let [x1, x2, x3] = [0, 1, 2].map(|i| -PI + 2.0 * PI * x[[i, j]]);
        x1.sin() + A * x2.sin().powi(2) + B * x3.powi(4) * x1.sin()
    })
}

/// A scenario whose three uncertain parameters are U(0, 1) (their paths key
/// the streams of the base matrices).
const UNIT3: &str = r#"
[scenario]
name = "unit3"
start_year = 2020
end_year = 2020
[axes.a]
budget = 0
execution = { dist = "uniform", min = 0, max = 1 }
leverage = { dist = "uniform", min = 0, max = 1 }
half_saturation = 1
[segments.s]
population = 1
initial_adoption = { dist = "uniform", min = 0, max = 1 }
p = 0
q = 0
ceiling = 1
value_per_adopter = 0
"#;

fn ishigami_sobol(n: usize, sampling: Sampling, seed: u64) -> SobolResult {
    let mut s = load(UNIT3);
    s.simulation.sampling = sampling;
    s.simulation.seed = seed;
    assert_eq!(s.uncertain.len(), 3);
    let base = base_matrices(&s, s.simulation, n);
    let options = SobolOptions {
        seed,
        ..Default::default()
    };
    saltelli(base.a.view(), base.b.view(), 1, ishigami, &options)
}

#[test]
fn ishigami_indices_match_the_closed_form() {
    let truth = ishigami_truth();
    // The rounded published values, as a check on the closed form itself.
    let published = [(0.3139, 0.5576), (0.4424, 0.4424), (0.0, 0.2437)];
    for (t, p) in truth.iter().zip(published) {
        assert!((t.0 - p.0).abs() < 5e-5 && (t.1 - p.1).abs() < 5e-5);
    }
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let r = ishigami_sobol(1 << 13, sampling, 42);
        let out = &r.outputs[0];
        assert_eq!(out.status, OutputStatus::Ok);
        assert_eq!((out.used, out.excluded), (1 << 13, 0));
        for (i, &(s1, st)) in truth.iter().enumerate() {
            let got = r.get(0, i);
            for (what, e, want) in [("S1", got.s1, s1), ("ST", got.st, st)] {
                assert!(
                    e.se > 0.0 && e.se < 0.05,
                    "{sampling} x{}: {what} se {}",
                    i + 1,
                    e.se
                );
                assert!(
                    (e.value - want).abs() <= 4.0 * e.se,
                    "{sampling} x{} {what}: {} vs {want} (se {})",
                    i + 1,
                    e.value,
                    e.se
                );
                assert!(e.low < e.value && e.value < e.high, "{what} interval");
                // A 95% percentile interval is about ±1.96 se wide.
                let half = (e.high - e.low) / 2.0;
                assert!(
                    (half / (1.96 * e.se) - 1.0).abs() < 0.25,
                    "{what}: half-width {half} vs se {}",
                    e.se
                );
            }
        }
    }
}

#[test]
fn ishigami_intervals_shrink_as_one_over_root_n() {
    // Quadrupling N halves the standard error. A bootstrap interval's width has
    // its own relative sampling error, a few percent at these sizes (the
    // estimators' terms have kurtosis well under 100: sqrt(κ / 4N) < 0.06 at
    // N = 4096), so each ratio must lie within 25% of 2 and their mean within 10%.
    let small = ishigami_sobol(1 << 12, Sampling::Mc, 7);
    let large = ishigami_sobol(1 << 14, Sampling::Mc, 7);
    let mut ratios = Vec::new();
    for i in 0..3 {
        let (a, b) = (small.get(0, i), large.get(0, i));
        for (x, y) in [(a.s1, b.s1), (a.st, b.st)] {
            ratios.push((x.high - x.low) / (y.high - y.low));
        }
    }
    for r in &ratios {
        assert!((1.5..=2.5).contains(r), "width ratios {ratios:?}");
    }
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    assert!((mean - 2.0).abs() < 0.2, "mean ratio {mean} ({ratios:?})");
}

#[test]
fn bootstrap_standard_errors_match_replications() {
    // The spread of the estimates over independent replications (other seeds)
    // is the true standard error; the bootstrap's must agree, and its 95%
    // intervals must cover the analytic value 95% of the time. The replicate sd
    // has relative standard error sqrt((κ − 1) / (4 (reps − 1))), κ the
    // estimates' kurtosis (large for the x3 terms, which carry x3⁸); the mean
    // bootstrap se is averaged over the replications and much steadier.
    let reps = 200;
    let n = 2048;
    let truth = ishigami_truth();
    let runs: Vec<SobolResult> = (0..reps)
        .map(|r| {
            let mut s = load(UNIT3);
            s.simulation.seed = 1000 + r as u64;
            let base = base_matrices(&s, s.simulation, n);
            let options = SobolOptions {
                seed: s.simulation.seed,
                resamples: 400,
                ..Default::default()
            };
            saltelli(base.a.view(), base.b.view(), 1, ishigami, &options)
        })
        .collect();
    let pick = |x: &SobolResult, i: usize, total: bool| {
        let g = x.get(0, i);
        if total { g.st } else { g.s1 }
    };
    for (i, &(s1, st)) in truth.iter().enumerate() {
        for (total, want) in [(false, s1), (true, st)] {
            let what = format!("x{} {}", i + 1, if total { "ST" } else { "S1" });
            let vals: Vec<f64> = runs.iter().map(|x| pick(x, i, total).value).collect();
            let m = vals.iter().sum::<f64>() / reps as f64;
            let m2 = vals.iter().map(|v| (v - m).powi(2)).sum::<f64>() / reps as f64;
            let m4 = vals.iter().map(|v| (v - m).powi(4)).sum::<f64>() / reps as f64;
            let kurtosis = m4 / (m2 * m2);
            let sd = (m2 * reps as f64 / (reps - 1) as f64).sqrt();
            let rel = ((kurtosis - 1.0) / (4.0 * (reps - 1) as f64)).sqrt();
            let boot = runs.iter().map(|x| pick(x, i, total).se).sum::<f64>() / reps as f64;
            assert!(
                (boot / sd - 1.0).abs() < 4.0 * rel,
                "{what}: bootstrap se {boot} vs replicate sd {sd} (κ {kurtosis})"
            );
            let covered = runs
                .iter()
                .filter(|x| {
                    let e = pick(x, i, total);
                    e.low <= want && want <= e.high
                })
                .count() as f64
                / reps as f64;
            let se = (0.95f64 * 0.05 / reps as f64).sqrt();
            assert!(
                (covered - 0.95).abs() < 4.0 * se,
                "{what}: coverage {covered}"
            );
        }
    }
}

#[test]
fn sobol_is_thread_count_independent() {
    let s = load(UNIT3);
    let base = base_matrices(&s, s.simulation, 3000); // not a multiple of the batch size
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let options = SobolOptions {
                resamples: 230, // not a multiple of the chunk size
                ..Default::default()
            };
            saltelli(base.a.view(), base.b.view(), 1, ishigami, &options)
        })
    };
    let (one, two, three) = (run(1), run(2), run(3));
    // Debug prints every f64 exactly (shortest round trip), NaN included.
    assert_eq!(format!("{one:?}"), format!("{two:?}"));
    assert_eq!(format!("{one:?}"), format!("{three:?}"));
}

// ---------------------------------------------------------------------------
// A product of two independent uniforms through the real model.

/// `market.s = population · 0.5 · value_per_adopter / 1e6` every year (p = q = 0,
/// no growth); `axes.a.execution` does not reach the market.
const PRODUCT: &str = r#"
[scenario]
name = "product"
start_year = 2020
end_year = 2022
[simulation]
seed = 11
[axes.a]
budget = 10
schedule = { from = 2020, to = 2020 }
execution = { dist = "uniform", min = 0.2, max = 1 }
half_saturation = 5
[segments.s]
population = { dist = "uniform", min = 1000, max = 3000 }
initial_adoption = 0.5
p = 0
q = 0
ceiling = 1
value_per_adopter = { dist = "uniform", min = 100, max = 500 }
"#;

#[test]
fn product_of_uniforms_matches_analytic_indices() {
    let s = load(PRODUCT);
    let paths: Vec<&str> = s.uncertain.iter().map(|u| u.path.as_str()).collect();
    let pop = paths
        .iter()
        .position(|p| *p == "segments.s.population")
        .unwrap();
    let val = paths
        .iter()
        .position(|p| *p == "segments.s.value_per_adopter")
        .unwrap();
    let exe = paths.iter().position(|p| *p == "axes.a.execution").unwrap();
    // Y = c X1 X2: V1 = Var X1 (E X2)², V2 = Var X2 (E X1)², V12 = Var X1 Var X2.
    let (m1, var1) = (2000.0, 2000.0f64.powi(2) / 12.0);
    let (m2, var2) = (300.0, 400.0f64.powi(2) / 12.0);
    let (v1, v2, v12) = (var1 * m2 * m2, var2 * m1 * m1, var1 * var2);
    let v = v1 + v2 + v12;
    let want = [(pop, v1 / v, (v1 + v12) / v), (val, v2 / v, (v2 + v12) / v)];
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let mut s = s.clone();
        s.simulation.sampling = sampling;
        let options = SobolOptions {
            seed: s.simulation.seed,
            ..Default::default()
        };
        let r = sobol_scenario(
            &s,
            s.simulation,
            metric(&s, "market.s"),
            1 << 13,
            &options,
            &Silent,
        );
        assert_eq!(r.years, vec![2020, 2021, 2022]);
        assert!(r.ignored_correlations.is_empty());
        for t in 0..3 {
            let out = &r.result.outputs[t];
            assert_eq!(out.status, OutputStatus::Ok);
            // Variance of c X1 X2 with c = 0.5e-6.
            let want_v = v * 0.25e-12;
            assert!(
                (out.variance / want_v - 1.0).abs() < 0.05,
                "V {} vs {want_v}",
                out.variance
            );
            for &(i, s1, st) in &want {
                let got = r.result.get(t, i);
                assert!(
                    (got.s1.value - s1).abs() <= 4.0 * got.s1.se,
                    "{sampling} {} S1 {} vs {s1} (se {})",
                    paths[i],
                    got.s1.value,
                    got.s1.se
                );
                assert!(
                    (got.st.value - st).abs() <= 4.0 * got.st.se,
                    "{sampling} {} ST {} vs {st} (se {})",
                    paths[i],
                    got.st.value,
                    got.st.se
                );
            }
            // A parameter the metric ignores: f(AB_i) = f(A) exactly.
            let none = r.result.get(t, exe);
            assert_eq!((none.s1.value, none.st.value), (0.0, 0.0));
            assert_eq!((none.st.low, none.st.high, none.st.se), (0.0, 0.0, 0.0));
        }
        // The market does not change over the years (p = q = 0, no growth).
        assert_eq!(
            format!("{:?}", r.result.outputs[0]),
            format!("{:?}", r.result.outputs[2])
        );
    }
}

#[test]
fn constant_and_non_finite_outputs_do_not_panic() {
    let s = load(PRODUCT);
    let base = base_matrices(&s, s.simulation, 500);
    // adoption.s stays at 0.5: no variance to apportion.
    let model = MetricModel::new(&s, metric(&s, "adoption.s"));
    let r = saltelli(
        base.a.view(),
        base.b.view(),
        model.years(),
        |x| model.eval(x, &Silent),
        &SobolOptions::default(),
    );
    for out in &r.outputs {
        assert_eq!(out.status, OutputStatus::Constant);
        assert!(
            out.params
                .iter()
                .all(|p| p.s1.value.is_nan() && p.st.high.is_nan())
        );
    }
    // A model that fails (NaN) on some columns: those rows are left out.
    let u = load(UNIT3);
    let base = base_matrices(&u, u.simulation, 2000);
    let holes = |x: ArrayView2<'_, f64>| {
        let mut y = ishigami(x);
        for j in 0..x.ncols() {
            if x[[2, j]] > 0.9 {
                y[[0, j]] = f64::NAN;
            }
        }
        y
    };
    let r = saltelli(
        base.a.view(),
        base.b.view(),
        1,
        holes,
        &SobolOptions::default(),
    );
    let out = &r.outputs[0];
    assert_eq!(out.status, OutputStatus::Ok);
    // A row is lost when x3 > 0.9 in A, in B (then also in AB_3): P = 1 − 0.9².
    let lost = out.excluded as f64 / 2000.0;
    assert!(
        (lost - 0.19).abs() < 4.0 * (0.19f64 * 0.81 / 2000.0).sqrt(),
        "{lost}"
    );
    assert_eq!(out.used + out.excluded, 2000);
    assert!(
        out.params
            .iter()
            .all(|p| p.s1.value.is_finite() && p.st.se.is_finite())
    );
    // Nothing usable at all.
    let r = saltelli(
        base.a.view(),
        base.b.view(),
        2,
        |x| Array2::from_elem((2, x.ncols()), f64::INFINITY),
        &SobolOptions {
            resamples: 0,
            ..Default::default()
        },
    );
    assert!(
        r.outputs
            .iter()
            .all(|o| o.status == OutputStatus::TooFewRows)
    );
}

// ---------------------------------------------------------------------------
// Base matrices and draws from scenarios.

const CORRELATED: &str = r#"
[scenario]
name = "correlated"
start_year = 2020
end_year = 2024
[simulation]
draws = 3000
seed = 5
[axes.a]
budget = 50
schedule = { from = 2020, to = 2022 }
execution = { dist = "pert", min = 0.5, mode = 0.8, max = 1 }
half_saturation = { dist = "lognormal", p5 = 10, p95 = 60 }
[segments.x]
population = 1000
initial_adoption = { dist = "beta", alpha = 2, beta = 8 }
p = { dist = "lognormal", p5 = 0.002, p95 = 0.05 }
q = { dist = "lognormal", p5 = 0.2, p95 = 0.8 }
ceiling = { dist = "uniform", min = 0.6, max = 1 }
value_per_adopter = 1000
lift.q = { a = { dist = "triangular", min = 0, mode = 0.2, max = 0.5 } }
[segments.y]
population = 500
initial_adoption = 0.2
p = 0.01
q = { dist = "lognormal", p5 = 0.2, p95 = 0.8 }
ceiling = 0.9
value_per_adopter = { dist = "discrete", values = [300, 500, 700] }
[[correlations]]
a = "segments.x.q"
b = "segments.y.q"
rho = 0.8
"#;

#[test]
fn base_matrices_are_independent_and_a_is_the_runs_own_sample() {
    let s = load(CORRELATED);
    let idx = |p: &str| s.uncertain.iter().position(|u| u.path == p).unwrap();
    let (qx, qy, exe) = (
        idx("segments.x.q"),
        idx("segments.y.q"),
        idx("axes.a.execution"),
    );
    let n = 3000;
    let base = base_matrices(&s, s.simulation, n);
    assert_eq!(base.ignored_correlations.len(), 1, "the caller must warn");
    let draws = scenario_draws(&s, s.simulation, metric(&s, "market.total"), &Silent);
    // An uncorrelated parameter's row of A is the run's draws (mc).
    assert_eq!(base.a.row(exe), draws.params.row(exe));
    assert_ne!(base.b.row(exe), draws.params.row(exe));
    // The run keeps the correlation; A and B drop it. Under independence the
    // Spearman correlation has standard error 1/sqrt(n - 1).
    let se = 1.0 / ((n - 1) as f64).sqrt();
    let rho = |m: &Array2<f64>| spearman(&m.row(qx).to_vec(), &m.row(qy).to_vec());
    assert!(
        (rho(&draws.params) - 0.8).abs() < 0.05,
        "{}",
        rho(&draws.params)
    );
    assert!(rho(&base.a).abs() < 4.0 * se, "A: {}", rho(&base.a));
    assert!(rho(&base.b).abs() < 4.0 * se, "B: {}", rho(&base.b));
    let ab = spearman(&base.a.row(exe).to_vec(), &base.b.row(exe).to_vec());
    assert!(ab.abs() < 4.0 * se, "A vs B: {ab}");
    // The draws' metric is what the engine summarises.
    let stats = esante::engine::run(&s, s.simulation, &Silent);
    let m = metric(&s, "market.total");
    for t in 0..s.years() {
        let mean = draws.metric.row(t).sum() / n as f64;
        let want = stats.get(s.metrics.series(m, t)).moments.mean();
        assert!((mean - want).abs() <= 1e-9 * want.abs(), "{mean} vs {want}");
    }
}

#[test]
fn lhs_base_matrices_fill_every_stratum_once() {
    let mut s = load(UNIT3);
    s.simulation.sampling = Sampling::Lhs;
    let n = 1000;
    let base = base_matrices(&s, s.simulation, n);
    for m in [&base.a, &base.b] {
        for row in m.rows() {
            let mut seen = vec![false; n];
            for &v in row {
                let k = (v * n as f64) as usize;
                assert!(!seen[k], "stratum {k} twice");
                seen[k] = true;
            }
        }
    }
    assert_ne!(base.a, base.b);
}

#[test]
fn draws_are_thread_count_independent() {
    let mut s = load(CORRELATED);
    s.simulation.draws = 2500;
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                let d = scenario_draws(&s, s.simulation, metric(&s, "adoption.x"), &Silent);
                let base = base_matrices(&s, s.simulation, 1500);
                (d.params, d.metric, base.a, base.b)
            })
    };
    assert_eq!(run(1), run(2));
    assert!(sensitivity::find_metric(&s, "market.nope").is_err());
}

#[test]
fn bootstrapping_one_output_gives_that_outputs_intervals_exactly() {
    let s = load(UNIT3);
    let base = base_matrices(&s, s.simulation, 2000);
    // Two outputs: Ishigami and its square.
    let two = |x: ArrayView2<'_, f64>| {
        let y = ishigami(x);
        let mut out = Array2::zeros((2, x.ncols()));
        for j in 0..x.ncols() {
            out[[0, j]] = y[[0, j]];
            out[[1, j]] = y[[0, j]] * y[[0, j]];
        }
        out
    };
    let opts = |only| SobolOptions {
        resamples: 300,
        bootstrap_output: only,
        ..Default::default()
    };
    let all = saltelli(base.a.view(), base.b.view(), 2, two, &opts(None));
    let second = saltelli(base.a.view(), base.b.view(), 2, two, &opts(Some(1)));
    for i in 0..3 {
        assert_eq!(all.get(1, i), second.get(1, i));
        // The other output keeps its point estimates, without an interval.
        let (a, b) = (all.get(0, i), second.get(0, i));
        assert_eq!((a.s1.value, a.st.value), (b.s1.value, b.st.value));
        assert!(b.s1.low.is_nan() && b.st.high.is_nan() && b.st.se.is_nan());
        assert!(a.s1.low.is_finite());
    }
}
