//! The `pert` kind: Beta-PERT with λ = 4, a beta distribution on
//! `[min, max]` whose shapes follow from the mode; sampled through the beta
//! quantile table.

use super::beta::ScaledBeta;
use super::kind::{BuildError, Keys};
use super::triangular::check_min_mode_max;
use super::{Dist, DistError};

/// `pert`: `min`, `mode` and `max` required.
pub(super) fn from_keys(k: &Keys<'_>) -> Result<Dist, BuildError> {
    Ok(Dist::Pert {
        min: k.need("min")?,
        mode: k.need("mode")?,
        max: k.need("max")?,
    })
}

/// The beta on `[min, max]` with `alpha = 1 + 4 (mode - min) / (max - min)`
/// and `beta = 1 + 4 (max - mode) / (max - min)`.
pub(super) fn new(min: f64, mode: f64, max: f64) -> Result<ScaledBeta, DistError> {
    check_min_mode_max("pert", min, mode, max)?;
    let alpha = 1.0 + 4.0 * (mode - min) / (max - min);
    let beta = 1.0 + 4.0 * (max - mode) / (max - min);
    Ok(ScaledBeta::unchecked(alpha, beta, min, max))
}
