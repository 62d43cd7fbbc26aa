//! Rank sensitivity: Spearman correlations and tornado bars from per-draw
//! samples.
//!
//! For each parameter `X` and the metric `Y` over the same draws:
//!
//! * **Spearman ρ** is the Pearson correlation of the ranks of `X` and `Y`, ties
//!   receiving their average rank (so discrete parameters are handled exactly;
//!   no tie correction beyond that is needed). A constant `X` or `Y` has no rank
//!   variation and gives NaN.
//! * **Decile means**: the draws are ordered by `X`, ties by draw index (a fixed
//!   order unrelated to `Y`, so a tie group cut by a decile boundary contributes
//!   an unbiased subset). With `m = max(1, ⌊n/10⌋)`, the low decile is the first
//!   `m` draws of that order and the high decile the last `m`; the bar runs
//!   between the mean of `Y` over each.
//!
//! Draws whose metric value is not finite are left out (counted in
//! [`Tornado::excluded`]).

use ndarray::{ArrayView1, ArrayView2};

/// Average ranks (1-based) of `x`; ties share the mean of their positions.
/// Values are ordered by [`f64::total_cmp`].
pub fn average_ranks(x: &[f64]) -> Vec<f64> {
    let order = sorted_order(x);
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && x[order[j]].total_cmp(&x[order[i]]).is_eq() {
            j += 1;
        }
        // Positions i..j (0-based) share rank ((i + 1) + j) / 2.
        let r = (i + 1 + j) as f64 / 2.0;
        for &o in &order[i..j] {
            ranks[o] = r;
        }
        i = j;
    }
    ranks
}

/// Indices of `x` in ascending order of value, ties by index.
fn sorted_order(x: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    order
}

/// Pearson correlation (NaN when either side is constant or `n < 2`).
fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if x.len() < 2 {
        return f64::NAN;
    }
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx > 0.0 && syy > 0.0 {
        sxy / (sxx * syy).sqrt()
    } else {
        f64::NAN
    }
}

/// Spearman rank correlation of `x` and `y` (average ranks for ties; NaN when
/// either is constant).
///
/// # Panics
///
/// If the lengths differ.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len(), "spearman: lengths differ");
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Mean of `y` over the lowest and the highest decile of `x` (see the module
/// docs for the order and the decile size). NaN for empty input.
///
/// # Panics
///
/// If the lengths differ.
pub fn decile_means(x: &[f64], y: &[f64]) -> (f64, f64) {
    assert_eq!(x.len(), y.len(), "decile_means: lengths differ");
    let n = x.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let order = sorted_order(x);
    let m = (n / 10).max(1);
    let mean = |idx: &[usize]| idx.iter().map(|&j| y[j]).sum::<f64>() / idx.len() as f64;
    (mean(&order[..m]), mean(&order[n - m..]))
}

/// One tornado bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankRow {
    /// Index of the parameter (row of the parameter matrix).
    pub param: usize,
    /// Spearman rank correlation with the metric.
    pub spearman: f64,
    /// Mean of the metric over the parameter's lowest decile.
    pub low_decile_mean: f64,
    /// Mean of the metric over the parameter's highest decile.
    pub high_decile_mean: f64,
}

impl RankRow {
    /// Bar width `|high − low|` (the sort key).
    pub fn width(&self) -> f64 {
        (self.high_decile_mean - self.low_decile_mean).abs()
    }
}

/// Rank sensitivity of one metric to every parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// One row per parameter, widest bar first (NaN widths last, ties by
    /// parameter index).
    pub rows: Vec<RankRow>,
    /// Draws used.
    pub used: usize,
    /// Draws left out because the metric was not finite.
    pub excluded: usize,
}

/// Spearman correlations and decile means of `metric` (one value per draw)
/// against each row of `params` (`k x N`: parameters x draws), sorted by bar
/// width.
///
/// # Panics
///
/// If `params.ncols() != metric.len()`.
pub fn tornado(params: ArrayView2<'_, f64>, metric: ArrayView1<'_, f64>) -> Tornado {
    assert_eq!(params.ncols(), metric.len(), "tornado: draw counts differ");
    let keep: Vec<usize> = (0..metric.len())
        .filter(|&j| metric[j].is_finite())
        .collect();
    let y: Vec<f64> = keep.iter().map(|&j| metric[j]).collect();
    let y_ranks = average_ranks(&y);
    let mut rows: Vec<RankRow> = params
        .rows()
        .into_iter()
        .enumerate()
        .map(|(param, row)| {
            let x: Vec<f64> = keep.iter().map(|&j| row[j]).collect();
            let (low, high) = decile_means(&x, &y);
            RankRow {
                param,
                spearman: pearson(&average_ranks(&x), &y_ranks),
                low_decile_mean: low,
                high_decile_mean: high,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let (wa, wb) = (a.width(), b.width());
        match (wa.is_nan(), wb.is_nan()) {
            (false, false) => wb.total_cmp(&wa),
            (wan, wbn) => wan.cmp(&wbn),
        }
        .then(a.param.cmp(&b.param))
    });
    Tornado {
        used: keep.len(),
        excluded: metric.len() - keep.len(),
        rows,
    }
}
