//! Rank correlations against outside truth: hand-computed ranks and Spearman
//! coefficients, the closed-form Spearman correlation of a bivariate normal
//! (`6/π asin(r/2)`), decile means of known functions, and the tornado order.

use std::f64::consts::PI;

use esante::analysis::sensitivity::rank::{average_ranks, decile_means, spearman, tornado};
use esante::dist::norm_quantile;
use esante::sampling::StreamKey;
use ndarray::{Array1, Array2};

#[test]
fn ranks_and_spearman_on_hand_examples() {
    assert_eq!(
        average_ranks(&[3.0, 1.0, 2.0, 1.0]),
        vec![4.0, 1.5, 3.0, 1.5]
    );
    assert_eq!(average_ranks(&[5.0; 3]), vec![2.0; 3]);
    // Ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4 → 4.5 / sqrt(4.5 · 5) = 3 / sqrt(10)
    // (scipy.stats.spearmanr gives 0.9486832980505138).
    let r = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]);
    assert!((r - 3.0 / 10f64.sqrt()).abs() < 1e-15, "{r}");
    assert_eq!(spearman(&[1.0, 2.0, 3.0], &[9.0, 4.0, 1.0]), -1.0);
    assert!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_nan());
    // Ties at the decile boundary: n = 20, m = 2; the three smallest x (draws 5,
    // 9, 12) tie, so the low decile is draws 5 and 9 (lower index first); the
    // three largest tie too (draws 0, 3, 17), so the high decile is 3 and 17.
    let mut x = vec![5.0; 20];
    let y: Vec<f64> = (0..20).map(|j| j as f64).collect();
    for j in [5, 9, 12] {
        x[j] = 1.0;
    }
    for j in [0, 3, 17] {
        x[j] = 9.0;
    }
    assert_eq!(decile_means(&x, &y), (7.0, 10.0));
}

/// Uniforms of a test stream.
fn uniforms(name: &str, n: usize) -> Vec<f64> {
    let mut u = vec![0.0; n];
    StreamKey::new("esante/test", 1, name).fill_uniforms(0, &mut u);
    u
}

#[test]
fn spearman_of_a_bivariate_normal() {
    // For a bivariate normal with Pearson r, Spearman's rho is (6/π) asin(r/2)
    // (Pearson 1907). Standard error: var(atanh rs) ≈ 1.06 / (n − 3) (Fieller,
    // Hartley & Pearson 1957), so se(rs) ≈ (1 − rs²) sqrt(1.06 / (n − 3)).
    let n = 20_000;
    let z1: Vec<f64> = uniforms("z1", n).into_iter().map(norm_quantile).collect();
    let z2: Vec<f64> = uniforms("z2", n).into_iter().map(norm_quantile).collect();
    for r in [-0.7, 0.0, 0.3, 0.9] {
        let y: Vec<f64> = z1
            .iter()
            .zip(&z2)
            .map(|(a, b)| r * a + (1.0f64 - r * r).sqrt() * b)
            .collect();
        let want = 6.0 / PI * (r / 2.0f64).asin();
        let se = (1.0 - want * want) * (1.06 / (n - 3) as f64).sqrt();
        let got = spearman(&z1, &y);
        assert!(
            (got - want).abs() < 4.0 * se,
            "r={r}: {got} vs {want} (se {se})"
        );
    }
}

#[test]
fn decile_means_of_the_identity() {
    // Y = X on an exact grid: the lowest tenth of (j + 0.5)/n has mean 0.05.
    let n = 10_000;
    let mut x: Vec<f64> = (0..n).map(|j| (j as f64 + 0.5) / n as f64).collect();
    x.reverse();
    let (low, high) = decile_means(&x, &x);
    assert!((low - 0.05).abs() < 1e-12 && (high - 0.95).abs() < 1e-12);
    // X ~ U(0, 1) drawn: the low decile is the uniforms below ~0.1, mean 0.05
    // with sd 0.1/sqrt(12) over 1000 draws, plus the boundary's own error
    // (sd sqrt(0.09 / n)/2): se ≈ 0.0018.
    let x = uniforms("x", n);
    let (low, high) = decile_means(&x, &x);
    let se = (0.1 / 12f64.sqrt() / 1000f64.sqrt()).hypot((0.09 / n as f64).sqrt() / 2.0);
    assert!((low - 0.05).abs() < 4.0 * se, "{low}");
    assert!((high - 0.95).abs() < 4.0 * se, "{high}");
}

#[test]
fn tornado_orders_by_bar_width() {
    let n = 5000;
    let x1 = uniforms("t1", n);
    let x2 = uniforms("t2", n);
    let x3: Vec<f64> = uniforms("t3", n)
        .iter()
        .map(|u| (u * 3.0).floor())
        .collect();
    let noise = uniforms("t4", n);
    // Y = -x1 + 3 x2 + 0 x3 + noise/10, with a non-finite draw left out.
    let mut y: Vec<f64> = (0..n)
        .map(|j| -x1[j] + 3.0 * x2[j] + 0.1 * noise[j])
        .collect();
    y[17] = f64::NAN;
    let params = Array2::from_shape_fn((3, n), |(i, j)| [&x1, &x2, &x3][i][j]);
    let t = tornado(params.view(), Array1::from(y).view());
    assert_eq!((t.used, t.excluded), (n - 1, 1));
    let order: Vec<usize> = t.rows.iter().map(|r| r.param).collect();
    assert_eq!(order, vec![1, 0, 2]);
    let (r1, r0) = (t.rows[0], t.rows[1]);
    assert!(r1.spearman > 0.9 && r0.spearman < -0.2);
    assert!(r1.high_decile_mean > r1.low_decile_mean);
    assert!(r0.high_decile_mean < r0.low_decile_mean);
    // Var(Y) = 10/12: E[Y | x2 in top decile] − E[Y | bottom] ≈ 3 · 0.9.
    assert!((r1.width() - 2.7).abs() < 0.1, "{}", r1.width());
}
