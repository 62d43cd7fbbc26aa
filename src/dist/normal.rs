//! The standard normal functions every other kind builds on (`Φ`, `Φ⁻¹`, `φ`)
//! and the `normal` kind: a normal, optionally truncated to `[min, max]`, with
//! a quantile that stays accurate far in the tails.

use crate::shown::Shown;

use super::kind::{BuildError, Keys};
use super::{Dist, DistError, finite};

/// z-score of the 95th percentile of the standard normal, used by the
/// `lognormal { p5, p95 }` form (docs/model.md section 3).
pub const Z95: f64 = 1.644_853_626_951_472_2;

pub use crate::math::normal::{norm_cdf, norm_quantile};
pub(crate) use crate::math::normal::{norm_pdf, norm_quantiles};

/// `normal`: `mean` and `sd` required, `min` and `max` optional truncation bounds.
pub(super) fn from_keys(k: &Keys<'_>) -> Result<Dist, BuildError> {
    Ok(Dist::Normal {
        mean: k.need("mean")?,
        sd: k.need("sd")?,
        min: k.number("min"),
        max: k.number("max"),
    })
}

/// What to suggest when a normal can leave a parameter's allowed range.
pub(super) fn fit_hint(range: &str, bounded_above: bool) -> String {
    if bounded_above {
        format!("truncate it with min and max inside {range}, or use beta, pert or uniform")
    } else {
        "truncate it with `min`, or use a lognormal".to_string()
    }
}

/// A normal conditioned on `[min, max]`, in the lower orientation:
/// `x = loc + scale * Φ⁻¹(lo + u (hi - lo))`. For a truncation in the upper
/// tail the problem is mirrored (`scale < 0`, `u -> 1 - u`) so the
/// probabilities stay small and keep full precision.
#[derive(Debug, Clone)]
pub(super) struct TruncatedNormal {
    loc: f64,
    scale: f64,
    lo: f64,
    span: f64,
    mirror: bool,
    pub(super) min: f64,
    pub(super) max: f64,
}

impl TruncatedNormal {
    /// Checks `sd > 0` and that the truncation keeps some probability.
    pub(super) fn new(
        mean: f64,
        sd: f64,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Result<TruncatedNormal, DistError> {
        finite("mean", mean)?;
        finite("sd", sd)?;
        if !(sd > 0.0) {
            return Err(DistError(format!(
                "normal needs sd > 0, got sd = {}",
                Shown(sd)
            )));
        }
        let lo_x = min.unwrap_or(f64::NEG_INFINITY);
        let hi_x = max.unwrap_or(f64::INFINITY);
        if let Some(v) = min {
            finite("min", v)?;
        }
        if let Some(v) = max {
            finite("max", v)?;
        }
        if !(lo_x < hi_x) {
            return Err(DistError(format!(
                "normal truncation needs min < max, got min = {}, max = {}",
                Shown(lo_x),
                Shown(hi_x)
            )));
        }
        let (a, b) = ((lo_x - mean) / sd, (hi_x - mean) / sd);
        // Work in the tail where probabilities are small: mirror when the
        // interval lies mostly above the mean.
        let mirror = a + b > 0.0;
        let (a, b, loc, scale) = if mirror {
            (-b, -a, mean, -sd)
        } else {
            (a, b, mean, sd)
        };
        let (lo, hi) = (norm_cdf(a), norm_cdf(b));
        let span = hi - lo;
        if !(span > 1e-12) {
            return Err(DistError(format!(
                "normal truncation [{}, {}] holds almost none of \
                 normal(mean {}, sd {}) (probability {span:.3e}); \
                 move the bounds or the mean",
                Shown(lo_x),
                Shown(hi_x),
                Shown(mean),
                Shown(sd)
            )));
        }
        Ok(TruncatedNormal {
            loc,
            scale,
            lo,
            span,
            mirror,
            min: lo_x,
            max: hi_x,
        })
    }

    /// The value below which a share `u` of the mass lies.
    #[inline]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        let v = if self.mirror { 1.0 - u } else { u };
        let x = self.loc + self.scale * norm_quantile(self.lo + v * self.span);
        x.clamp(self.min, self.max)
    }

    /// [`TruncatedNormal::quantile`] of every lane of `v`, in place.
    pub(super) fn quantiles(&self, v: &mut [f64], scratch: &mut Vec<f64>) {
        for u in v.iter_mut() {
            let w = if self.mirror { 1.0 - *u } else { *u };
            *u = self.lo + w * self.span;
        }
        norm_quantiles(v, scratch);
        for x in v.iter_mut() {
            *x = (self.loc + self.scale * *x).clamp(self.min, self.max);
        }
    }

    /// The mean of the truncated normal built from `mean` and `sd`.
    pub(super) fn mean(&self, mean: f64, sd: f64) -> f64 {
        let (a, b) = ((self.min - mean) / sd, (self.max - mean) / sd);
        let z = norm_cdf(b) - norm_cdf(a);
        mean + sd * (norm_pdf(a) - norm_pdf(b)) / z
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::Distribution;

    #[test]
    fn truncated_normal_far_tail_is_stable() {
        let d = Distribution::new(Dist::Normal {
            mean: 0.0,
            sd: 1.0,
            min: Some(6.0),
            max: None,
        })
        .unwrap();
        // P(X > 6) = 9.87e-10: the naive Φ(6) + u (1 - Φ(6)) would lose all digits.
        let median = d.quantile(0.5);
        // Median of the tail beyond 6: -Φ⁻¹(sf(6) / 2) = 6.111565061813437
        // (Python: sf = 0.5 erfc(6 / sqrt 2), -NormalDist().inv_cdf(sf / 2)).
        assert!(
            (median - 6.111_565_061_813_437).abs() < 1e-8,
            "median {median}"
        );
        for u in [1e-9, 0.5, 1.0 - 1e-9] {
            let x = d.quantile(u);
            assert!((6.0..20.0).contains(&x), "u={u} x={x}");
        }
        assert!(d.quantile(0.1) < d.quantile(0.9));
    }
}
