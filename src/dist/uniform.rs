//! The `uniform` kind: uniform on `[min, max]`, and [`unit_open`], the map
//! from random bits to a uniform in (0, 1) that every sampled value starts from.

use super::kind::{BuildError, Keys};
use super::{Dist, DistError, finite};
use crate::shown::Shown;

/// Maps 64 random bits to a uniform in the open interval (0, 1): the top 52 bits
/// plus one half, over 2^52, so the values run from 2^-53 to 1 - 2^-53 (both
/// exact in `f64`), 0 and 1 never occur and every quantile function is finite.
#[inline]
pub fn unit_open(bits: u64) -> f64 {
    ((bits >> 12) as f64 + 0.5) * (1.0 / (1u64 << 52) as f64)
}

/// `uniform`: `min` and `max` required.
pub(super) fn from_keys(k: &Keys<'_>) -> Result<Dist, BuildError> {
    Ok(Dist::Uniform {
        min: k.need("min")?,
        max: k.need("max")?,
    })
}

/// Uniform on `[min, min + width]`.
#[derive(Debug, Clone)]
pub(super) struct Uniform {
    pub(super) min: f64,
    pub(super) width: f64,
}

impl Uniform {
    /// Checks `min < max`, both finite.
    pub(super) fn new(min: f64, max: f64) -> Result<Uniform, DistError> {
        finite("min", min)?;
        finite("max", max)?;
        if !(min < max) {
            return Err(DistError(format!(
                "uniform needs min < max, got min = {}, max = {}",
                Shown(min),
                Shown(max)
            )));
        }
        Ok(Uniform {
            min,
            width: max - min,
        })
    }

    /// The value below which a share `u` of the mass lies.
    #[inline]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        self.min + u * self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_open_never_hits_the_ends() {
        assert!(unit_open(0) > 0.0);
        assert!(unit_open(u64::MAX) < 1.0);
    }
}
