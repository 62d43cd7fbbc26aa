//! The `lognormal` kind: `ln X ~ Normal(mu, sigma)`, written in files either
//! by its 5th and 95th percentiles or by the mean and standard deviation of
//! the variable itself.

use super::kind::{BuildError, Keys};
use super::normal::{Z95, norm_quantile, norm_quantiles};
use super::{Dist, DistError, finite};
use crate::math;
use crate::shown::Shown;

impl Dist {
    /// A lognormal whose 5th and 95th percentiles are `p5` and `p95`.
    pub fn lognormal_from_p5_p95(p5: f64, p95: f64) -> Result<Dist, DistError> {
        if !(p5 > 0.0 && p95 > p5) {
            return Err(DistError(format!(
                "lognormal needs 0 < p5 < p95, got p5 = {}, p95 = {}",
                Shown(p5),
                Shown(p95)
            )));
        }
        let (l5, l95) = (math::ln(p5), math::ln(p95));
        Ok(Dist::LogNormal {
            mu: 0.5 * (l5 + l95),
            sigma: (l95 - l5) / (2.0 * Z95),
        })
    }

    /// A lognormal with the given mean and standard deviation of the variable itself.
    pub fn lognormal_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, DistError> {
        if !(mean > 0.0 && sd > 0.0) {
            return Err(DistError(format!(
                "lognormal needs mean > 0 and sd > 0, got mean = {}, sd = {}",
                Shown(mean),
                Shown(sd)
            )));
        }
        let s2 = math::ln(1.0 + (sd / mean).powi(2));
        Ok(Dist::LogNormal {
            mu: math::ln(mean) - 0.5 * s2,
            sigma: s2.sqrt(),
        })
    }
}

/// `lognormal`: either `p5, p95` or `mean, sd` (all four keys optional, one
/// pair required); the percentile form when neither pair is started.
pub(super) fn from_keys(k: &Keys<'_>) -> Result<Dist, BuildError> {
    let by_pct = k.has("p5") || k.has("p95");
    let by_moments = k.has("mean") || k.has("sd");
    if by_pct && by_moments {
        Err(BuildError::Conflict {
            message: "a lognormal is given either by `p5, p95` or by `mean, sd`, not both",
            help: "keep one pair",
        })
    } else if by_moments {
        let (mean, sd) = (k.need("mean")?, k.need("sd")?);
        Ok(Dist::lognormal_from_mean_sd(mean, sd)?)
    } else {
        let (p5, p95) = (k.need("p5")?, k.need("p95")?);
        Ok(Dist::lognormal_from_p5_p95(p5, p95)?)
    }
}

/// What to suggest when a lognormal can leave a parameter's allowed range.
pub(super) fn fit_hint(_range: &str, _bounded_above: bool) -> String {
    "use beta, pert or a truncated normal".to_string()
}

/// `exp(mu + sigma Φ⁻¹(u))`.
#[derive(Debug, Clone)]
pub(super) struct LogNormal {
    mu: f64,
    sigma: f64,
}

impl LogNormal {
    /// Checks `sigma > 0`, both finite.
    pub(super) fn new(mu: f64, sigma: f64) -> Result<LogNormal, DistError> {
        finite("mu", mu)?;
        finite("sigma", sigma)?;
        if !(sigma > 0.0) {
            return Err(DistError(format!(
                "lognormal needs sigma > 0, got {}",
                Shown(sigma)
            )));
        }
        Ok(LogNormal { mu, sigma })
    }

    /// The value below which a share `u` of the mass lies.
    #[inline]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        math::exp(self.mu + self.sigma * norm_quantile(u))
    }

    /// [`LogNormal::quantile`] of every lane of `v`, in place.
    pub(super) fn quantiles(&self, v: &mut [f64], scratch: &mut Vec<f64>) {
        norm_quantiles(v, scratch);
        for x in v.iter_mut() {
            *x = self.mu + self.sigma * *x;
        }
        math::exp_lanes(v);
    }
}
