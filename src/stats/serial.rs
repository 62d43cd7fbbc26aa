//! How statistics are written to a shard file: doubles as JSON numbers
//! (shortest round-trip form), except the non-finite ones JSON lacks, which
//! are written as the strings `"inf"`, `"-inf"` and `"NaN"`.

use serde::{Deserialize, Deserializer, Serializer};

/// `#[serde(with = "float")]` for a double that may be non-finite.
pub mod float {
    use super::*;

    /// Writes `x`.
    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        if x.is_finite() {
            s.serialize_f64(*x)
        } else if x.is_nan() {
            s.serialize_str("NaN")
        } else if *x > 0.0 {
            s.serialize_str("inf")
        } else {
            s.serialize_str("-inf")
        }
    }

    /// Reads a double written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Number(f64),
            Text(String),
        }
        match Either::deserialize(d)? {
            Either::Number(x) => Ok(x),
            Either::Text(t) => match t.as_str() {
                "inf" => Ok(f64::INFINITY),
                "-inf" => Ok(f64::NEG_INFINITY),
                "NaN" => Ok(f64::NAN),
                _ => Err(serde::de::Error::custom(format!(
                    "expected a number, \"inf\", \"-inf\" or \"NaN\", got {t:?}"
                ))),
            },
        }
    }
}
