//! The `beta` kind: Beta(alpha, beta) rescaled to `[min, max]`, and the
//! tabulated beta quantile that `beta` and `pert` sample through.
//!
//! The beta quantile has no closed form; [`BetaTable`] tabulates it once
//! (exact nodes from the inverse regularised incomplete beta function) on a
//! grid in normal-score space and interpolates with a monotone cubic Hermite
//! spline, which keeps sampling at a few nanoseconds while matching the exact
//! quantile to about 1e-9.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

use crate::math::beta::{beta_reg_given, ln_beta};
use crate::math::{exp, ln};
use crate::shown::Shown;

use super::kind::{BuildError, Keys};
use super::normal::{norm_cdf, norm_pdf, norm_quantile, norm_quantiles};
use super::{Dist, DistError, finite};

/// `beta`: `alpha` and `beta` required; `min` and `max` optional (0 and 1).
pub(super) fn from_keys(k: &Keys<'_>) -> Result<Dist, BuildError> {
    Ok(Dist::Beta {
        alpha: k.need("alpha")?,
        beta: k.need("beta")?,
        min: k.number("min").unwrap_or(0.0),
        max: k.number("max").unwrap_or(1.0),
    })
}

/// A beta quantile table rescaled to `[min, min + width]`. The table is
/// built the first time it is needed (validating a scenario does not need
/// it), or ahead of sampling by [`ScaledBeta::prepare`], and shared by the
/// clones.
#[derive(Debug, Clone)]
pub(super) struct ScaledBeta {
    pub(super) min: f64,
    pub(super) width: f64,
    alpha: f64,
    beta: f64,
    table: Arc<OnceLock<BetaTable>>,
}

impl ScaledBeta {
    /// Checks finite shapes in `[0.001, 10000]` and `min < max` (tiny shapes
    /// make the incomplete beta function take minutes to invert).
    pub(super) fn new(alpha: f64, beta: f64, min: f64, max: f64) -> Result<ScaledBeta, DistError> {
        for (n, v) in [("alpha", alpha), ("beta", beta), ("min", min), ("max", max)] {
            finite(n, v)?;
        }
        if !(alpha > 0.0 && beta > 0.0) {
            return Err(DistError(format!(
                "beta needs alpha > 0 and beta > 0, got alpha = {}, beta = {}",
                Shown(alpha),
                Shown(beta)
            )));
        }
        if !(alpha >= 1e-3 && beta >= 1e-3) {
            return Err(DistError(format!(
                "beta shapes below 0.001 are not supported (alpha = {}, beta = {}): \
                 such a beta puts nearly all its mass at its ends; use a discrete distribution",
                Shown(alpha),
                Shown(beta)
            )));
        }
        if !(alpha <= 1e4 && beta <= 1e4) {
            return Err(DistError(format!(
                "beta shapes above 10000 are not supported (alpha = {}, \
                 beta = {}); use a normal instead",
                Shown(alpha),
                Shown(beta)
            )));
        }
        if !(min < max) {
            return Err(DistError(format!(
                "beta needs min < max, got min = {}, max = {}",
                Shown(min),
                Shown(max)
            )));
        }
        Ok(ScaledBeta::unchecked(alpha, beta, min, max))
    }

    /// Tabulates shapes the caller has checked. Distributions of the same
    /// shapes share one table (a PERT and a beta often do), built once.
    pub(super) fn unchecked(alpha: f64, beta: f64, min: f64, max: f64) -> ScaledBeta {
        ScaledBeta {
            min,
            width: max - min,
            alpha,
            beta,
            table: shared_table(alpha, beta),
        }
    }

    /// The table, built on first use (the same bits whoever builds it).
    #[inline]
    fn table(&self) -> &BetaTable {
        self.table
            .get_or_init(|| BetaTable::new(self.alpha, self.beta))
    }

    /// Builds the table now if it is not built yet.
    pub(super) fn prepare(&self) {
        self.table();
    }

    /// The value below which a share `u` of the mass lies.
    #[inline]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        self.min + self.width * self.table().quantile(u)
    }

    /// [`ScaledBeta::quantile`] of every lane of `v`, in place.
    pub(super) fn quantiles(&self, v: &mut [f64], scratch: &mut Vec<f64>) {
        norm_quantiles(v, scratch);
        let table = self.table();
        for x in v.iter_mut() {
            *x = self.min + self.width * table.at_score(*x);
        }
    }
}

/// The table of the shapes `(alpha, beta)` that live distributions use, or
/// a new one: a table depends on its shapes alone, so sharing it only saves
/// building it again.
fn shared_table(alpha: f64, beta: f64) -> Arc<OnceLock<BetaTable>> {
    type Tables = BTreeMap<(u64, u64), Weak<OnceLock<BetaTable>>>;
    static TABLES: Mutex<Tables> = Mutex::new(BTreeMap::new());
    // A poisoned lock still holds a usable map of weak references.
    let mut tables = TABLES.lock().unwrap_or_else(PoisonError::into_inner);
    let key = (alpha.to_bits(), beta.to_bits());
    if let Some(table) = tables.get(&key).and_then(Weak::upgrade) {
        return table;
    }
    tables.retain(|_, t| t.strong_count() > 0);
    let table = Arc::new(OnceLock::new());
    tables.insert(key, Arc::downgrade(&table));
    table
}

/// Half-width of the normal-score grid: covers every `u` the engine produces
/// (the smallest is 2^-54, whose score is about -8.3).
const TABLE_Z: f64 = 8.5;
/// Number of grid intervals.
const TABLE_N: usize = 2048;

/// The quantile of Beta(alpha, beta) on [0, 1], tabulated against the normal
/// score `z = Φ⁻¹(u)` and interpolated by a monotone cubic Hermite spline.
///
/// In normal-score space the beta quantile is smooth over the whole range,
/// including the tails, so a fixed grid is accurate everywhere; monotone
/// interpolation keeps every value between exact neighbouring nodes.
#[derive(Debug, Clone)]
struct BetaTable {
    x: Vec<f64>,
    slope: Vec<f64>,
}

impl BetaTable {
    /// Tabulates the quantile on the grid and limits the slopes.
    fn new(alpha: f64, beta: f64) -> BetaTable {
        let dz = 2.0 * TABLE_Z / TABLE_N as f64;
        let ln_b = ln_beta(alpha, beta);
        let mut x = Vec::with_capacity(TABLE_N + 1);
        let mut slope = Vec::with_capacity(TABLE_N + 1);
        let mut prev = 0.0;
        for k in 0..=TABLE_N {
            let z = -TABLE_Z + k as f64 * dz;
            // Never below the previous node: where the incomplete beta
            // function is flat to double precision (alpha = 30, beta = 1
            // near 1) the fallback can land a hair lower, and the table
            // must stay monotone for the interpolation's bounds.
            // Newton starts from the Taylor step of the nodes before (their
            // exact slopes): a few ulps off, so two or three steps finish.
            let seed = match slope[..] {
                [.., before, last] => Some(prev + last + 0.5 * (last - before)),
                [last] => Some(prev + last),
                [] => None,
            };
            let xk = beta_quantile(alpha, beta, z, prev, seed, ln_b).max(prev);
            prev = xk;
            // dx/dz = φ(z) / f(x): exact derivative of the tabulated function.
            let ln_pdf = (alpha - 1.0) * ln(xk) + (beta - 1.0) * ln(1.0 - xk) - ln_b;
            let d = norm_pdf(z) / exp(ln_pdf) * dz;
            x.push(xk);
            slope.push(d);
        }
        // Fritsch-Carlson: limit the slopes so each piece stays monotone.
        for k in 0..TABLE_N {
            let secant = x[k + 1] - x[k];
            if secant <= 0.0 {
                slope[k] = 0.0;
                slope[k + 1] = 0.0;
                continue;
            }
            for s in [k, k + 1] {
                if !slope[s].is_finite() || slope[s] < 0.0 {
                    slope[s] = secant;
                }
            }
            let (a, b) = (slope[k] / secant, slope[k + 1] / secant);
            let r = a * a + b * b;
            if r > 9.0 {
                let t = 3.0 / r.sqrt();
                slope[k] = t * a * secant;
                slope[k + 1] = t * b * secant;
            }
        }
        BetaTable { x, slope }
    }

    /// The value below which a share `u` of the mass lies.
    #[inline]
    fn quantile(&self, u: f64) -> f64 {
        self.at_score(norm_quantile(u))
    }

    /// The tabulated quantile at normal score `z`.
    #[inline]
    fn at_score(&self, z: f64) -> f64 {
        let s = (z + TABLE_Z) * (TABLE_N as f64 / (2.0 * TABLE_Z));
        if !(s > 0.0) {
            return self.x[0];
        }
        if s >= TABLE_N as f64 {
            return self.x[TABLE_N];
        }
        let k = s as usize;
        let t = s - k as f64;
        let (x0, x1, m0, m1) = (self.x[k], self.x[k + 1], self.slope[k], self.slope[k + 1]);
        let t2 = t * t;
        let t3 = t2 * t;
        let v = (2.0 * t3 - 3.0 * t2 + 1.0) * x0
            + (t3 - 2.0 * t2 + t) * m0
            + (-2.0 * t3 + 3.0 * t2) * x1
            + (t3 - t2) * m1;
        v.clamp(x0, x1)
    }
}

/// Exact Beta(alpha, beta) quantile at normal score `z`, at least `from`
/// (the quantile of a lower score): Newton's method on the regularised
/// incomplete beta function from `seed` (when it lies above `from` and
/// below 1), kept inside a shrinking bracket (a bisection step whenever
/// Newton would leave it), so it always ends; checked against the CDF and
/// refined by bisection when it misses. (statrs' `inv_beta_reg` can loop
/// forever on a NaN, so it is not used.)
fn beta_quantile(alpha: f64, beta: f64, z: f64, from: f64, seed: Option<f64>, ln_b: f64) -> f64 {
    let u = norm_cdf(z);
    let tolerance = 1e-12_f64.max(u.min(1.0 - u) * 1e-9);
    let (guess, residual) = newton_quantile(alpha, beta, u, from, seed, ln_b);
    if residual.is_some_and(|r| r.abs() <= 0.5 * tolerance) {
        // Converged: the guess is within a few ulps of the last point
        // checked, whose residual is far inside the tolerance.
        return guess;
    }
    let ok = |x: f64| {
        x.is_finite()
            && (0.0..=1.0).contains(&x)
            && (beta_cdf(alpha, beta, x, ln_b) - u).abs() <= tolerance
    };
    if ok(guess) {
        return guess;
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if beta_cdf(alpha, beta, mid, ln_b) < u {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The regularised incomplete beta function `I_x(alpha, beta)`, given
/// `ln_b = ln B(alpha, beta)`; NaN outside its domain.
fn beta_cdf(alpha: f64, beta: f64, x: f64, ln_b: f64) -> f64 {
    beta_reg_given(alpha, beta, x, ln_b)
}

/// Newton's method for `I_x(alpha, beta) = u` in the bracket `[from, 1]`,
/// from `seed` when it lies inside, else from `from` (checked to be below
/// the root) or the mean; at most 100 steps. With the result, `I_x - u` at
/// the last point evaluated when the steps converged (a step of a few ulps
/// from it, or the root itself), `None` otherwise. (A seed's bracket is not
/// checked: if the root lies below `from`, the steps end against `from`
/// and the caller's check finds the miss.)
fn newton_quantile(
    alpha: f64,
    beta: f64,
    u: f64,
    from: f64,
    seed: Option<f64>,
    ln_b: f64,
) -> (f64, Option<f64>) {
    let (mut lo, mut hi) = (if from > 0.0 { from.min(1.0) } else { 0.0 }, 1.0_f64);
    let mut x = match seed {
        Some(s) if s > lo && s < hi => s,
        _ => {
            let at_lo = beta_cdf(alpha, beta, lo, ln_b);
            if at_lo.is_nan() || at_lo >= u {
                lo = 0.0;
            }
            if lo > 0.0 { lo } else { alpha / (alpha + beta) }
        }
    };
    for _ in 0..100 {
        let f = beta_cdf(alpha, beta, x, ln_b) - u;
        if f == 0.0 {
            return (x, Some(f));
        }
        if !f.is_finite() {
            return (x, None);
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let ln_pdf = (alpha - 1.0) * ln(x) + (beta - 1.0) * ln(1.0 - x) - ln_b;
        let mut next = x - f / exp(ln_pdf);
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        if (next - x).abs() <= 4.0 * f64::EPSILON * x.abs() {
            return (next, Some(f));
        }
        if hi - lo <= f64::EPSILON * hi {
            return (next, None);
        }
        x = next;
    }
    (x, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Beta, ContinuousCDF};

    #[test]
    fn beta_table_matches_exact_quantile() {
        for &(a, b) in &[
            (0.5, 0.5),
            (2.0, 5.0),
            (1.0, 1.0),
            (0.3, 3.0),
            (30.0, 2.0),
            (1.0, 5.0),
        ] {
            let exact = Beta::new(a, b).unwrap();
            let t = BetaTable::new(a, b);
            for i in 1..2000 {
                let u = i as f64 / 2000.0;
                let want = exact.inverse_cdf(u);
                let got = t.quantile(u);
                // Compare in probability space: the CDF of our value must be u.
                let err = (exact.cdf(got) - u).abs();
                assert!(
                    err < 1e-7,
                    "beta({a},{b}) u={u}: got {got}, want {want}, cdf err {err}"
                );
            }
        }
    }
}
