//! Probability distributions for uncertain parameters, sampled by inversion.
//!
//! Every distribution is sampled through its quantile function (inverse CDF):
//! one uniform number `u` in (0, 1) gives one value. This is what makes the
//! engine's random numbers composable: Latin hypercube strata, the Gaussian
//! copula for correlations and common random numbers between scenarios all act
//! on `u`, and the distribution only maps it to a value.
//!
//! | kind | parameters | quantile |
//! |---|---|---|
//! | uniform | `min < max` | closed form |
//! | normal | `sd > 0`, optional truncation `[min, max]` | `Φ⁻¹`, tail-stable truncation |
//! | lognormal | `mu`, `sigma > 0` (from `p5, p95` or `mean, sd`) | `exp(mu + sigma Φ⁻¹(u))` |
//! | triangular | `min <= mode <= max`, `min < max` | closed form |
//! | pert | as triangular | Beta-PERT (λ = 4), beta quantile table |
//! | beta | `alpha, beta > 0`, rescaled to `[min, max]` | beta quantile table |
//! | discrete | values, weights `>= 0` | cumulative search |
//!
//! Each kind lives in its own file (its quantile state and its constructor
//! from a scenario's keys) and has one row in [`KINDS`]: the name written in
//! files, the keys it accepts, the constructor and its domain. Scenario
//! validation reads that table, so a new kind is one file, one row and its
//! [`Dist`] variant.
//!
//! The beta quantile has no closed form; [`Distribution::new`] tabulates it once
//! (exact nodes of the inverse regularised incomplete beta function, by
//! a bracketed Newton solve of [`crate::math::beta::beta_reg`]) on a grid in normal-score space and
//! interpolates with a monotone cubic Hermite spline, which keeps sampling at a
//! few nanoseconds while matching the exact quantile to about 1e-9.
//!
//! # Example
//!
//! ```
//! use esante::dist::{Dist, Distribution};
//! let d = Distribution::new(Dist::Pert { min: 0.0, mode: 2.0, max: 10.0 }).unwrap();
//! assert_eq!(d.quantile(0.5), d.quantile(0.5)); // pure function of u
//! assert!((d.mean() - 3.0).abs() < 1e-12); // (min + 4 mode + max) / 6
//! ```

// `!(a < b)` is deliberate throughout: it is also true when a value is NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

mod beta;
mod discrete;
pub mod kind;
mod lognormal;
pub mod normal;
mod pert;
pub mod schema;
mod triangular;
mod uniform;

use crate::shown::Shown;
use std::fmt;

pub use kind::{BuildError, Keys, Kind, Value};
pub use normal::{Z95, norm_cdf, norm_quantile};
pub use uniform::unit_open;

use beta::ScaledBeta;
use discrete::Discrete;
use lognormal::LogNormal;
use normal::TruncatedNormal;
use triangular::Triangular;
use uniform::Uniform;

/// Every distribution kind a scenario can name, in the order messages list them.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "uniform",
        required: &["min", "max"],
        optional: &[],
        aliases: &[],
        build: uniform::from_keys,
        support: "[min, max]",
        fit_hint: kind::keep_bounds_within,
    },
    Kind {
        name: "normal",
        required: &["mean", "sd"],
        optional: &["min", "max"],
        aliases: &["gaussian", "gauss"],
        build: normal::from_keys,
        support: "the real line, or [min, max] when truncated",
        fit_hint: normal::fit_hint,
    },
    Kind {
        name: "lognormal",
        required: &[],
        optional: &["p5", "p95", "mean", "sd"],
        aliases: &["log-normal", "log_normal"],
        build: lognormal::from_keys,
        support: "(0, inf)",
        fit_hint: lognormal::fit_hint,
    },
    Kind {
        name: "triangular",
        required: &["min", "mode", "max"],
        optional: &[],
        aliases: &["triangle"],
        build: triangular::from_keys,
        support: "[min, max]",
        fit_hint: kind::keep_bounds_within,
    },
    Kind {
        name: "pert",
        required: &["min", "mode", "max"],
        optional: &[],
        aliases: &["betapert", "beta-pert", "beta_pert"],
        build: pert::from_keys,
        support: "[min, max]",
        fit_hint: kind::keep_bounds_within,
    },
    Kind {
        name: "beta",
        required: &["alpha", "beta"],
        optional: &["min", "max"],
        aliases: &[],
        build: beta::from_keys,
        support: "[min, max], [0, 1] by default",
        fit_hint: kind::keep_bounds_within,
    },
    Kind {
        name: "discrete",
        required: &["values"],
        optional: &["weights"],
        aliases: &["categorical"],
        build: discrete::from_keys,
        support: "the listed values",
        fit_hint: kind::keep_bounds_within,
    },
];

/// The row of [`KINDS`] named `name`, as written in files.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The kind that `alias` is another name for (`gaussian` -> `normal`).
pub fn kind_of_alias(alias: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.aliases.contains(&alias))
}

/// The names of every kind, in table order.
pub fn kind_names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.name)
}

/// Fails with the file format's message unless `v` is finite.
fn finite(name: &str, v: f64) -> Result<(), DistError> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(DistError(format!(
            "`{name}` must be a finite number, got {}",
            Shown(v)
        )))
    }
}

/// What a distribution is, as written in a scenario (docs/model.md section 3).
///
/// This is the description; [`Distribution`] is the validated, ready-to-sample form.
#[derive(Debug, Clone, PartialEq)]
pub enum Dist {
    /// Uniform on `[min, max]`.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound, `> min`.
        max: f64,
    },
    /// Normal with mean and standard deviation, optionally conditioned on `[min, max]`.
    Normal {
        /// Mean of the untruncated normal.
        mean: f64,
        /// Standard deviation of the untruncated normal, `> 0`.
        sd: f64,
        /// Optional lower truncation bound.
        min: Option<f64>,
        /// Optional upper truncation bound.
        max: Option<f64>,
    },
    /// Lognormal: `ln X ~ Normal(mu, sigma)`.
    LogNormal {
        /// Mean of `ln X`.
        mu: f64,
        /// Standard deviation of `ln X`, `> 0`.
        sigma: f64,
    },
    /// Triangular on `[min, max]` with the given mode.
    Triangular {
        /// Lower bound.
        min: f64,
        /// Most likely value, in `[min, max]`.
        mode: f64,
        /// Upper bound, `> min`.
        max: f64,
    },
    /// Beta-PERT with λ = 4: a beta distribution on `[min, max]` with
    /// `alpha = 1 + 4 (mode - min) / (max - min)`, `beta = 1 + 4 (max - mode) / (max - min)`.
    Pert {
        /// Lower bound.
        min: f64,
        /// Most likely value, in `[min, max]`.
        mode: f64,
        /// Upper bound, `> min`.
        max: f64,
    },
    /// Beta(alpha, beta) rescaled from `[0, 1]` to `[min, max]`.
    Beta {
        /// First shape parameter, `> 0`.
        alpha: f64,
        /// Second shape parameter, `> 0`.
        beta: f64,
        /// Lower bound of the support (0 for the standard beta).
        min: f64,
        /// Upper bound of the support (1 for the standard beta).
        max: f64,
    },
    /// A finite set of values with non-negative weights.
    Discrete {
        /// The values.
        values: Vec<f64>,
        /// One weight per value, `>= 0`, positive sum.
        weights: Vec<f64>,
    },
}

impl Dist {
    /// The short kind name used in scenario files (`"uniform"`, `"pert"`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Dist::Uniform { .. } => "uniform",
            Dist::Normal { .. } => "normal",
            Dist::LogNormal { .. } => "lognormal",
            Dist::Triangular { .. } => "triangular",
            Dist::Pert { .. } => "pert",
            Dist::Beta { .. } => "beta",
            Dist::Discrete { .. } => "discrete",
        }
    }
}

impl fmt::Display for Dist {
    /// A compact, human form such as `pert(0.5, 0.8, 0.95)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dist::Uniform { min, max } => write!(f, "uniform({min}, {max})"),
            Dist::Normal { mean, sd, min, max } => {
                write!(f, "normal(mean {mean}, sd {sd}")?;
                if min.is_some() || max.is_some() {
                    let lo = min.map_or("-inf".into(), |v| v.to_string());
                    let hi = max.map_or("inf".into(), |v| v.to_string());
                    write!(f, ", in [{lo}, {hi}]")?;
                }
                write!(f, ")")
            }
            Dist::LogNormal { mu, sigma } => {
                let (p5, p95) = lognormal_p5_p95(*mu, *sigma);
                write!(f, "lognormal(p5 {}, p95 {})", sig(p5), sig(p95))
            }
            Dist::Triangular { min, mode, max } => write!(f, "triangular({min}, {mode}, {max})"),
            Dist::Pert { min, mode, max } => write!(f, "pert({min}, {mode}, {max})"),
            Dist::Beta {
                alpha,
                beta,
                min,
                max,
            } => {
                write!(f, "beta({alpha}, {beta})")?;
                if *min != 0.0 || *max != 1.0 {
                    write!(f, " on [{min}, {max}]")?;
                }
                Ok(())
            }
            Dist::Discrete { values, weights } => {
                write!(f, "discrete(")?;
                for (i, (v, w)) in values.iter().zip(weights).enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{v}: {w}")?;
                }
                write!(f, ")")
            }
        }
    }
}

/// The 5th and 95th percentiles of a lognormal with `ln X ~ Normal(mu,
/// sigma)`, as displays describe it.
pub fn lognormal_p5_p95(mu: f64, sigma: f64) -> (f64, f64) {
    (
        crate::math::exp(mu - Z95 * sigma),
        crate::math::exp(mu + Z95 * sigma),
    )
}

/// Four significant digits, for display only (`40.00`, `0.01250`); as
/// `x.to_string()` for 0 and non-finite values.
pub fn sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return x.to_string();
    }
    let digits = (3 - crate::math::log10(x.abs()).floor() as i32).max(0) as usize;
    format!("{x:.digits$}")
}

/// Why a distribution's parameters are invalid; the message says what is allowed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DistError(pub String);

/// A validated distribution, ready to sample by inversion.
#[derive(Debug, Clone)]
pub struct Distribution {
    spec: Dist,
    inv: Inverse,
}

/// Precomputed state of the quantile function, one variant per shape of
/// quantile (`pert` and `beta` share the beta table).
#[derive(Debug, Clone)]
enum Inverse {
    Uniform(Uniform),
    Normal(TruncatedNormal),
    LogNormal(LogNormal),
    Triangular(Triangular),
    Beta(ScaledBeta),
    Discrete(Discrete),
}

impl Distribution {
    /// Checks the parameters and precomputes what sampling needs.
    pub fn new(spec: Dist) -> Result<Distribution, DistError> {
        let inv = match &spec {
            &Dist::Uniform { min, max } => Inverse::Uniform(Uniform::new(min, max)?),
            &Dist::Normal { mean, sd, min, max } => {
                Inverse::Normal(TruncatedNormal::new(mean, sd, min, max)?)
            }
            &Dist::LogNormal { mu, sigma } => Inverse::LogNormal(LogNormal::new(mu, sigma)?),
            &Dist::Triangular { min, mode, max } => {
                Inverse::Triangular(Triangular::new(min, mode, max)?)
            }
            &Dist::Pert { min, mode, max } => Inverse::Beta(pert::new(min, mode, max)?),
            &Dist::Beta {
                alpha,
                beta,
                min,
                max,
            } => Inverse::Beta(ScaledBeta::new(alpha, beta, min, max)?),
            Dist::Discrete { values, weights } => {
                Inverse::Discrete(Discrete::new(values, weights)?)
            }
        };
        Ok(Distribution { spec, inv })
    }

    /// Computes now what sampling will need and is built on first use (the
    /// beta and PERT quantile tables, tens of milliseconds each), so that a
    /// caller can build them in parallel before sampling.
    pub fn prepare(&self) {
        if let Inverse::Beta(d) = &self.inv {
            d.prepare();
        }
    }

    /// The description this distribution was built from.
    pub fn spec(&self) -> &Dist {
        &self.spec
    }

    /// The row of [`KINDS`] this distribution is of.
    pub fn kind(&self) -> &'static Kind {
        kind(self.spec.kind()).expect("every Dist variant has a row in KINDS")
    }

    /// The quantile function: the value below which a share `u` of the mass lies.
    ///
    /// `u` must lie in the open interval (0, 1); the engine's uniforms always do.
    #[inline]
    pub fn quantile(&self, u: f64) -> f64 {
        match &self.inv {
            Inverse::Uniform(d) => d.quantile(u),
            Inverse::Normal(d) => d.quantile(u),
            Inverse::LogNormal(d) => d.quantile(u),
            Inverse::Triangular(d) => d.quantile(u),
            Inverse::Beta(d) => d.quantile(u),
            Inverse::Discrete(d) => d.quantile(u),
        }
    }

    /// [`Distribution::quantile`] of every lane of `v`, in place, bit for
    /// bit; the normal quantile under the normal, lognormal, beta and PERT
    /// kinds runs over the whole slice at once (see [`crate::math::normal`]).
    /// `scratch` is working memory, reused between calls.
    pub fn quantiles(&self, v: &mut [f64], scratch: &mut Vec<f64>) {
        match &self.inv {
            Inverse::Normal(d) => d.quantiles(v, scratch),
            Inverse::LogNormal(d) => d.quantiles(v, scratch),
            Inverse::Beta(d) => d.quantiles(v, scratch),
            _ => {
                for u in v.iter_mut() {
                    *u = self.quantile(*u);
                }
            }
        }
    }

    /// The smallest and largest value the distribution can take (may be infinite).
    pub fn support(&self) -> (f64, f64) {
        match &self.inv {
            Inverse::Uniform(d) => (d.min, d.min + d.width),
            Inverse::Normal(d) => (d.min, d.max),
            Inverse::LogNormal(_) => (0.0, f64::INFINITY),
            Inverse::Triangular(d) => (d.min, d.max),
            Inverse::Beta(d) => (d.min, d.min + d.width),
            Inverse::Discrete(d) => (d.values[0], d.values[d.values.len() - 1]),
        }
    }

    /// Whether the support excludes its lower end point (lognormal: `(0, inf)`).
    pub fn open_below(&self) -> bool {
        matches!(self.inv, Inverse::LogNormal(_))
    }

    /// The mean of the distribution (exact; numerical for the truncated normal).
    pub fn mean(&self) -> f64 {
        match (&self.spec, &self.inv) {
            (Dist::Uniform { min, max }, _) => 0.5 * (min + max),
            (Dist::Normal { mean, sd, .. }, Inverse::Normal(d)) => d.mean(*mean, *sd),
            (Dist::LogNormal { mu, sigma }, _) => crate::math::exp(mu + 0.5 * sigma * sigma),
            (Dist::Triangular { min, mode, max }, _) => (min + mode + max) / 3.0,
            (Dist::Pert { min, mode, max }, _) => (min + 4.0 * mode + max) / 6.0,
            (
                Dist::Beta {
                    alpha,
                    beta,
                    min,
                    max,
                },
                _,
            ) => min + (max - min) * alpha / (alpha + beta),
            (_, Inverse::Discrete(d)) => d.mean(),
            _ => unreachable!("spec and inverse are built together"),
        }
    }

    /// The median (the quantile at 0.5).
    pub fn median(&self) -> f64 {
        self.quantile(0.5)
    }
}

impl rand::distr::Distribution<f64> for Distribution {
    /// Samples by inversion of a uniform in (0, 1) drawn from `rng`.
    fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.quantile(unit_open(rng.next_u64()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_parameters() {
        assert!(Distribution::new(Dist::Uniform { min: 1.0, max: 1.0 }).is_err());
        assert!(
            Distribution::new(Dist::Triangular {
                min: 0.0,
                mode: 2.0,
                max: 1.0
            })
            .is_err()
        );
        assert!(
            Distribution::new(Dist::Discrete {
                values: vec![1.0],
                weights: vec![0.0]
            })
            .is_err()
        );
        assert!(Dist::lognormal_from_p5_p95(2.0, 1.0).is_err());
        assert!(
            Distribution::new(Dist::Normal {
                mean: 0.0,
                sd: 1.0,
                min: Some(50.0),
                max: Some(60.0)
            })
            .is_err()
        );
    }

    /// One valid table per kind, with its required keys only.
    fn required_only(k: &Kind) -> Vec<(&'static str, Value<'static>)> {
        k.required
            .iter()
            .map(|&key| {
                let v = match key {
                    "values" => Value::List(&[1.0, 2.0]),
                    "min" => Value::Number(0.0),
                    "max" => Value::Number(2.0),
                    _ => Value::Number(1.0),
                };
                (key, v)
            })
            .collect()
    }

    #[test]
    fn every_row_builds_its_own_kind_from_its_keys() {
        for k in KINDS {
            let mut entries = required_only(k);
            if k.name == "lognormal" {
                entries = vec![("p5", Value::Number(1.0)), ("p95", Value::Number(2.0))];
            }
            let spec = (k.build)(&Keys::new(&entries)).expect(k.name);
            assert_eq!(spec.kind(), k.name);
            let d = Distribution::new(spec).expect(k.name);
            assert_eq!(d.kind().name, k.name);
            assert!(!k.support.is_empty());
            // A required key left out is asked for by name.
            for (i, key) in k.required.iter().enumerate() {
                let mut fewer = entries.clone();
                fewer.remove(i);
                let err = (k.build)(&Keys::new(&fewer)).unwrap_err();
                assert_eq!(err, BuildError::Missing(key), "{}", k.name);
            }
        }
    }

    #[test]
    fn names_and_aliases_are_unique() {
        let mut all: Vec<&str> = KINDS
            .iter()
            .flat_map(|k| std::iter::once(k.name).chain(k.aliases.iter().copied()))
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert_eq!(kind_of_alias("gaussian").map(|k| k.name), Some("normal"));
        assert_eq!(kind("pert").map(|k| k.name), Some("pert"));
    }
}
