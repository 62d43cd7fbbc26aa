//! The `triangular` kind: triangular on `[min, max]` with a mode, sampled by
//! its closed-form quantile.

use super::kind::{BuildError, Keys};
use super::{Dist, DistError};
use crate::shown::Shown;

/// `triangular`: `min`, `mode` and `max` required.
pub(super) fn from_keys(k: &Keys<'_>) -> Result<Dist, BuildError> {
    Ok(Dist::Triangular {
        min: k.need("min")?,
        mode: k.need("mode")?,
        max: k.need("max")?,
    })
}

/// Finite `min <= mode <= max` with `min < max`, shared by `triangular` and `pert`.
pub(super) fn check_min_mode_max(
    kind: &str,
    min: f64,
    mode: f64,
    max: f64,
) -> Result<(), DistError> {
    for (n, v) in [("min", min), ("mode", mode), ("max", max)] {
        if !v.is_finite() {
            return Err(DistError(format!(
                "`{n}` must be a finite number, got {}",
                Shown(v)
            )));
        }
    }
    if !(min < max && min <= mode && mode <= max) {
        return Err(DistError(format!(
            "{kind} needs min <= mode <= max and min < max, got min = {}, \
             mode = {}, max = {}",
            Shown(min),
            Shown(mode),
            Shown(max)
        )));
    }
    Ok(())
}

/// Triangular on `[min, max]`; `fc` is the CDF at the mode.
#[derive(Debug, Clone)]
pub(super) struct Triangular {
    pub(super) min: f64,
    pub(super) max: f64,
    width: f64,
    fc: f64,
}

impl Triangular {
    /// Checks the bounds and the mode.
    pub(super) fn new(min: f64, mode: f64, max: f64) -> Result<Triangular, DistError> {
        check_min_mode_max("triangular", min, mode, max)?;
        Ok(Triangular {
            min,
            max,
            width: max - min,
            fc: (mode - min) / (max - min),
        })
    }

    /// The value below which a share `u` of the mass lies.
    #[inline]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        let (min, max, width, fc) = (self.min, self.max, self.width, self.fc);
        if u < fc {
            min + (u * width * width * fc).sqrt()
        } else {
            max - ((1.0 - u) * width * width * (1.0 - fc)).sqrt()
        }
    }
}
