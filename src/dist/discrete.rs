//! The `discrete` kind: a finite set of values with non-negative weights,
//! sampled by a search in the cumulative weights.

use super::kind::{BuildError, Keys};
use super::{Dist, DistError, finite};
use crate::shown::Shown;

/// `discrete`: `values` required; `weights` optional (equal weights).
pub(super) fn from_keys(k: &Keys<'_>) -> Result<Dist, BuildError> {
    let values = k.need_list("values")?;
    let weights = k
        .list("weights")
        .map_or_else(|| vec![1.0; values.len()], <[f64]>::to_vec);
    Ok(Dist::Discrete {
        values: values.to_vec(),
        weights,
    })
}

/// Values sorted ascending with their cumulative probabilities (the last is 1).
#[derive(Debug, Clone)]
pub(super) struct Discrete {
    pub(super) values: Vec<f64>,
    cum: Vec<f64>,
}

impl Discrete {
    /// Checks one finite weight `>= 0` per finite value and a positive sum.
    pub(super) fn new(values: &[f64], weights: &[f64]) -> Result<Discrete, DistError> {
        let err = |m: String| Err(DistError(m));
        if values.is_empty() {
            return err("discrete needs at least one value".into());
        }
        if values.len() != weights.len() {
            return err(format!(
                "discrete needs one weight per value: {} values, {} weights",
                values.len(),
                weights.len()
            ));
        }
        for &v in values {
            finite("values", v)?;
        }
        for &w in weights {
            finite("weights", w)?;
            if w < 0.0 {
                return err(format!("discrete weights must be >= 0, got {}", Shown(w)));
            }
        }
        let total: f64 = weights.iter().sum();
        if !(total > 0.0) {
            return err("discrete weights must have a positive sum".into());
        }
        // Sort by value so the quantile function is monotone (needed by
        // LHS strata and the copula); equal values simply add up.
        let mut pairs: Vec<(f64, f64)> = values
            .iter()
            .copied()
            .zip(weights.iter().copied())
            .collect();
        pairs.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut acc = 0.0;
        let mut cum = Vec::with_capacity(pairs.len());
        for &(_, w) in &pairs {
            acc += w;
            cum.push(acc / total);
        }
        *cum.last_mut().expect("non-empty") = 1.0;
        Ok(Discrete {
            values: pairs.iter().map(|p| p.0).collect(),
            cum,
        })
    }

    /// The value below which a share `u` of the mass lies.
    #[inline]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        let i = self
            .cum
            .partition_point(|&c| c < u)
            .min(self.values.len() - 1);
        self.values[i]
    }

    /// The probability-weighted mean of the values.
    pub(super) fn mean(&self) -> f64 {
        let mut prev = 0.0;
        let mut m = 0.0;
        for (v, c) in self.values.iter().zip(&self.cum) {
            m += v * (c - prev);
            prev = *c;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use crate::dist::{Dist, Distribution};

    #[test]
    fn discrete_quantile_is_sorted_and_weighted() {
        let d = Distribution::new(Dist::Discrete {
            values: vec![3.0, 1.0, 2.0],
            weights: vec![1.0, 1.0, 2.0],
        })
        .unwrap();
        assert_eq!(d.quantile(0.2), 1.0);
        assert_eq!(d.quantile(0.26), 2.0);
        assert_eq!(d.quantile(0.74), 2.0);
        assert_eq!(d.quantile(0.76), 3.0);
        assert!((d.mean() - 2.0).abs() < 1e-12);
    }
}
