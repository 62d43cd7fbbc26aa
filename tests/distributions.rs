//! Samples of every distribution, through the engine's sampler under both
//! sampling methods, against statrs' CDFs (Kolmogorov-Smirnov), plus Latin
//! hypercube stratification and the Gaussian copula's achieved rank correlation.

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

use esante::dist::{Dist, Distribution};
use esante::sampling::{CopulaGroup, Sampler, Sampling};
use ndarray::Array2;
use statrs::distribution::{Beta, ContinuousCDF, LogNormal, Normal, Triangular, Uniform};

const N: usize = 20_000;

/// Draws `n` values of one parameter through the sampler, in uneven chunks so
/// that random access into the streams is exercised too.
fn sample(dist: &Distribution, sampling: Sampling, seed: u64, n: usize) -> Vec<f64> {
    let s = Sampler::new(
        &["x.y".to_string()],
        std::slice::from_ref(dist),
        &[],
        seed,
        n as u64,
        sampling,
    );
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    let mut chunk = 700;
    while start < n {
        let m = chunk.min(n - start);
        let mut a = Array2::zeros((1, m));
        s.fill(start as u64, a.view_mut());
        out.extend(a.iter());
        start += m;
        chunk = if chunk == 700 { 1300 } else { 700 };
    }
    out
}

/// Kolmogorov-Smirnov statistic of `xs` against `cdf`.
fn ks(xs: &[f64], cdf: impl Fn(f64) -> f64) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len() as f64;
    v.iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
        })
        .fold(0.0, f64::max)
}

/// Monte Carlo: the KS statistic stays below the 0.1% critical value
/// 1.95 / sqrt(n). Latin hypercube: one draw per stratum makes the empirical CDF
/// within 1/n of the true one everywhere.
fn check(name: &str, dist: Dist, cdf: impl Fn(f64) -> f64 + Copy) {
    let d = Distribution::new(dist).unwrap();
    for (seed, sampling) in [(1, Sampling::Mc), (2, Sampling::Mc), (3, Sampling::Lhs)] {
        let xs = sample(&d, sampling, seed, N);
        let stat = ks(&xs, cdf);
        let limit = match sampling {
            Sampling::Mc => 1.95 / (N as f64).sqrt(),
            Sampling::Lhs => 1.0 / N as f64 + 1e-7,
        };
        assert!(
            stat < limit,
            "{name} {sampling}: KS {stat:.5} >= {limit:.5}"
        );
    }
}

#[test]
fn uniform() {
    let u = Uniform::new(-2.0, 5.0).unwrap();
    check(
        "uniform",
        Dist::Uniform {
            min: -2.0,
            max: 5.0,
        },
        |x| u.cdf(x),
    );
}

#[test]
fn normal() {
    let n = Normal::new(3.0, 0.5).unwrap();
    check(
        "normal",
        Dist::Normal {
            mean: 3.0,
            sd: 0.5,
            min: None,
            max: None,
        },
        |x| n.cdf(x),
    );
}

#[test]
fn truncated_normal_both_sides_and_upper_tail() {
    let n = Normal::new(0.4, 0.3).unwrap();
    let (a, b) = (0.0, 1.0);
    let z = n.cdf(b) - n.cdf(a);
    check(
        "truncated normal",
        Dist::Normal {
            mean: 0.4,
            sd: 0.3,
            min: Some(a),
            max: Some(b),
        },
        |x| (n.cdf(x) - n.cdf(a)) / z,
    );
    // Truncated far in the upper tail: the mirrored form keeps precision.
    let s = Normal::new(0.0, 1.0).unwrap();
    let tail = s.sf(3.0);
    check(
        "upper-tail normal",
        Dist::Normal {
            mean: 0.0,
            sd: 1.0,
            min: Some(3.0),
            max: None,
        },
        |x| 1.0 - s.sf(x) / tail,
    );
}

#[test]
fn lognormal_from_percentiles_hits_them() {
    let spec = Dist::lognormal_from_p5_p95(0.002, 0.05).unwrap();
    let Dist::LogNormal { mu, sigma } = spec else {
        unreachable!()
    };
    let ln = LogNormal::new(mu, sigma).unwrap();
    assert!((ln.inverse_cdf(0.05) - 0.002).abs() < 1e-12);
    assert!((ln.inverse_cdf(0.95) - 0.05).abs() < 1e-12);
    check("lognormal p5/p95", spec, |x| ln.cdf(x));
}

#[test]
fn lognormal_from_mean_sd_has_them() {
    let spec = Dist::lognormal_from_mean_sd(100.0, 40.0).unwrap();
    let Dist::LogNormal { mu, sigma } = spec else {
        unreachable!()
    };
    let ln = LogNormal::new(mu, sigma).unwrap();
    check("lognormal mean/sd", spec.clone(), |x| ln.cdf(x));
    // Sample mean within 4 standard errors (sd / sqrt n) of the stated mean.
    let xs = sample(&Distribution::new(spec).unwrap(), Sampling::Mc, 9, N);
    let mean = xs.iter().sum::<f64>() / N as f64;
    assert!(
        (mean - 100.0).abs() < 4.0 * 40.0 / (N as f64).sqrt(),
        "mean {mean}"
    );
}

#[test]
fn triangular() {
    let t = Triangular::new(1.0, 10.0, 3.0).unwrap();
    check(
        "triangular",
        Dist::Triangular {
            min: 1.0,
            mode: 3.0,
            max: 10.0,
        },
        |x| t.cdf(x),
    );
}

#[test]
fn pert_is_the_lambda_4_beta() {
    // alpha = 1 + 4 (0.8 - 0.5) / 0.5 = 3.4, beta = 1 + 4 (1 - 0.8) / 0.5 = 2.6
    let b = Beta::new(3.4, 2.6).unwrap();
    check(
        "pert",
        Dist::Pert {
            min: 0.5,
            mode: 0.8,
            max: 1.0,
        },
        |x| b.cdf((x - 0.5) / 0.5),
    );
    // A mode at a bound: alpha = 1, beta = 5.
    let b = Beta::new(1.0, 5.0).unwrap();
    check(
        "pert at min",
        Dist::Pert {
            min: 0.0,
            mode: 0.0,
            max: 2.0,
        },
        |x| b.cdf(x / 2.0),
    );
}

#[test]
fn beta_rescaled_and_u_shaped() {
    let b = Beta::new(2.0, 5.0).unwrap();
    check(
        "beta on [10, 20]",
        Dist::Beta {
            alpha: 2.0,
            beta: 5.0,
            min: 10.0,
            max: 20.0,
        },
        |x| b.cdf((x - 10.0) / 10.0),
    );
    let b = Beta::new(0.5, 0.5).unwrap();
    check(
        "beta(0.5, 0.5)",
        Dist::Beta {
            alpha: 0.5,
            beta: 0.5,
            min: 0.0,
            max: 1.0,
        },
        |x| b.cdf(x),
    );
}

#[test]
fn discrete_frequencies_match_weights() {
    let d = Distribution::new(Dist::Discrete {
        values: vec![30.0, 10.0, 20.0],
        weights: vec![1.0, 2.0, 7.0],
    })
    .unwrap();
    for (seed, sampling) in [(4, Sampling::Mc), (5, Sampling::Lhs)] {
        let xs = sample(&d, sampling, seed, N);
        for (v, p) in [(10.0, 0.2), (20.0, 0.7), (30.0, 0.1)] {
            let f = xs.iter().filter(|&&x| x == v).count() as f64 / N as f64;
            // Binomial standard error; LHS is exact to one draw.
            let se: f64 = (p * (1.0 - p) / N as f64).sqrt();
            let tol = match sampling {
                Sampling::Mc => 4.0 * se,
                Sampling::Lhs => 1.5 / N as f64,
            };
            assert!((f - p).abs() < tol, "{sampling} value {v}: {f} vs {p}");
        }
    }
}

#[test]
fn lhs_puts_exactly_one_draw_in_each_stratum() {
    let u = Distribution::new(Dist::Uniform { min: 0.0, max: 1.0 }).unwrap();
    for n in [1usize, 2, 7, 1000, 1024, 4097, 10_000] {
        for seed in [1, 99] {
            let xs = sample(&u, Sampling::Lhs, seed, n);
            let mut seen = vec![false; n];
            for x in xs {
                let k = (x * n as f64) as usize;
                assert!(!seen[k], "n={n} seed={seed}: stratum {k} twice");
                seen[k] = true;
            }
        }
    }
}

#[test]
fn lhs_parameters_are_not_rank_correlated() {
    let u = Distribution::new(Dist::Uniform { min: 0.0, max: 1.0 }).unwrap();
    let paths = ["a".to_string(), "b".to_string()];
    let s = Sampler::new(&paths, &[u.clone(), u], &[], 7, N as u64, Sampling::Lhs);
    let mut a = Array2::zeros((2, N));
    s.fill(0, a.view_mut());
    let r = spearman(a.row(0).as_slice().unwrap(), a.row(1).as_slice().unwrap());
    // Null standard error of a rank correlation: 1 / sqrt(n - 1).
    assert!(r.abs() < 4.0 / ((N - 1) as f64).sqrt(), "rho {r}");
}

fn ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
    let mut r = vec![0.0; x.len()];
    for (k, &i) in idx.iter().enumerate() {
        r[i] = k as f64;
    }
    r
}

fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    let m = (n - 1.0) / 2.0;
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - m) * (b - m)).sum();
    let var: f64 = rx.iter().map(|a| (a - m) * (a - m)).sum();
    cov / var
}

#[test]
fn copula_achieves_the_target_spearman() {
    // Three parameters with different marginals: the copula acts on ranks only.
    let d = [
        Distribution::new(Dist::lognormal_from_p5_p95(0.2, 0.8).unwrap()).unwrap(),
        Distribution::new(Dist::Pert {
            min: 0.0,
            mode: 0.3,
            max: 1.0,
        })
        .unwrap(),
        Distribution::new(Dist::Uniform { min: 5.0, max: 6.0 }).unwrap(),
    ];
    let rho = [(0, 1, 0.6), (1, 2, -0.3), (0, 2, 0.0)];
    // Normal-score correlation 2 sin(pi rho / 6) and its Cholesky factor.
    let mut r = nalgebra::Matrix3::<f64>::identity();
    for &(i, j, s) in &rho {
        let v = 2.0 * (std::f64::consts::PI * s / 6.0).sin();
        r[(i, j)] = v;
        r[(j, i)] = v;
    }
    let l = r.cholesky().unwrap().l();
    let group = CopulaGroup {
        members: vec![0, 1, 2],
        chol: (0..3)
            .map(|i| (0..=i).map(|j| l[(i, j)]).collect())
            .collect(),
    };
    let paths: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    for (seed, sampling) in [(11, Sampling::Mc), (12, Sampling::Lhs)] {
        let s = Sampler::new(
            &paths,
            &d,
            std::slice::from_ref(&group),
            seed,
            N as u64,
            sampling,
        );
        let mut a = Array2::zeros((3, N));
        s.fill(0, a.view_mut());
        for &(i, j, target) in &rho {
            let got = spearman(a.row(i).as_slice().unwrap(), a.row(j).as_slice().unwrap());
            // Fisher-z standard error sqrt(1.06 / (n - 3)), mapped back by (1 - rho^2).
            let se = (1.0 - target * target) * (1.06 / (N as f64 - 3.0)).sqrt();
            assert!(
                (got - target).abs() < 4.0 * se,
                "{sampling} ({i},{j}): {got} vs {target}"
            );
        }
        // The marginals are untouched by the copula.
        let ln = LogNormal::new(
            0.5 * (0.2f64.ln() + 0.8f64.ln()),
            (0.8f64.ln() - 0.2f64.ln()) / (2.0 * 1.6448536269514722),
        )
        .unwrap();
        let stat = ks(a.row(0).as_slice().unwrap(), |x| ln.cdf(x));
        assert!(stat < 1.95 / (N as f64).sqrt(), "{sampling}: KS {stat}");
    }
}

#[test]
fn streams_do_not_depend_on_other_parameters() {
    // Common random numbers: parameter "b" draws the same values whether or not
    // "a" exists, and whatever its position.
    let u = Distribution::new(Dist::Uniform { min: 0.0, max: 1.0 }).unwrap();
    let alone = Sampler::new(
        &["b".into()],
        std::slice::from_ref(&u),
        &[],
        5,
        3000,
        Sampling::Lhs,
    );
    let with = Sampler::new(
        &["a".into(), "b".into()],
        &[u.clone(), u],
        &[],
        5,
        3000,
        Sampling::Lhs,
    );
    let mut x = Array2::zeros((1, 3000));
    let mut y = Array2::zeros((2, 3000));
    alone.fill(0, x.view_mut());
    with.fill(0, y.view_mut());
    assert_eq!(x.row(0), y.row(1));
}
