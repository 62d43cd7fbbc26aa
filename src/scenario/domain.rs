//! What values a scenario's keys may take: the [`Domain`] of each kind of
//! parameter and the limits of the format (horizon, lag, text lengths).
//!
//! Validation ([`super::validate`]) enforces them and the JSON Schema
//! ([`super::schema`]) states them from the same constants, so an editor
//! flags a fixed value out of range exactly where `esante check` would.

use std::fmt;

use serde_json::{Map, Value, json};

/// Longest horizon accepted, in years.
pub const MAX_YEARS: i64 = 200;
/// Largest `lag` accepted, in years.
pub const MAX_LAG: i64 = 100;
/// Earliest calendar year a scenario may name (years have four digits).
pub const FIRST_YEAR: i64 = 1000;
/// Latest calendar year a scenario may name.
pub const LAST_YEAR: i64 = 9999;
/// Longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 10_000;
/// Longest label or unit, in characters.
pub const MAX_LABEL: usize = 100;
/// Largest `[optimize] step`, as a share of the envelope.
pub const MAX_STEP: f64 = 0.5;
/// Longest scenario name or id of an axis, segment or deliverable, in bytes.
pub const MAX_ID: usize = 64;

/// What a scenario name matches: 1 to [`MAX_ID`] of `a-z 0-9 -`.
pub const NAME_PATTERN: &str = "^[a-z0-9-]{1,64}$";
/// What an id of an axis, a segment or a deliverable matches: 1 to
/// [`MAX_ID`] of `a-z 0-9 - _`.
pub const ID_PATTERN: &str = "^[a-z0-9_-]{1,64}$";

/// Whether `s` is a valid scenario name ([`NAME_PATTERN`]).
pub fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `s` is a valid id of an axis, a segment or a deliverable
/// ([`ID_PATTERN`]).
pub fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The set of values a parameter may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Domain {
    lo: f64,
    lo_open: bool,
    hi: f64,
    hi_open: bool,
}

impl Domain {
    /// `[0, 1]`: shares.
    pub const UNIT: Domain = Domain::new(0.0, false, 1.0, false);
    /// `[0, 1)`: depreciation.
    pub const UNIT_OPEN_TOP: Domain = Domain::new(0.0, false, 1.0, true);
    /// `(0, 1]`: ceilings.
    pub const UNIT_OPEN_BOTTOM: Domain = Domain::new(0.0, true, 1.0, false);
    /// `>= 0`.
    pub const NON_NEGATIVE: Domain = Domain::new(0.0, false, f64::INFINITY, true);
    /// `> 0`.
    pub const POSITIVE: Domain = Domain::new(0.0, true, f64::INFINITY, true);
    /// `> -1`: growth rates.
    pub const ABOVE_MINUS_ONE: Domain = Domain::new(-1.0, true, f64::INFINITY, true);

    const fn new(lo: f64, lo_open: bool, hi: f64, hi_open: bool) -> Domain {
        Domain {
            lo,
            lo_open,
            hi,
            hi_open,
        }
    }

    /// Whether `x` belongs to the domain.
    pub fn contains(&self, x: f64) -> bool {
        let lo_ok = if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        };
        let hi_ok = if self.hi_open {
            x < self.hi
        } else {
            x <= self.hi
        };
        lo_ok && hi_ok
    }

    /// Whether a support `[lo, hi]` (`(lo, hi]` when `open_lo`) lies inside.
    pub fn fits(&self, lo: f64, hi: f64, open_lo: bool) -> bool {
        let lo_ok = self.lo == f64::NEG_INFINITY
            || lo > self.lo
            || (lo == self.lo && (!self.lo_open || open_lo));
        let hi_ok = self.hi == f64::INFINITY || hi < self.hi || (hi == self.hi && !self.hi_open);
        lo_ok && hi_ok
    }

    /// Whether the domain has a finite upper end.
    pub fn bounded_above(&self) -> bool {
        self.hi.is_finite()
    }

    /// The JSON Schema keywords of a number in the domain (draft-07:
    /// `minimum`, `exclusiveMinimum`, `maximum`, `exclusiveMaximum`).
    pub fn number_schema(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("type".into(), json!("number"));
        if self.lo.is_finite() {
            let key = if self.lo_open {
                "exclusiveMinimum"
            } else {
                "minimum"
            };
            m.insert(key.into(), json!(self.lo));
        }
        if self.hi.is_finite() {
            let key = if self.hi_open {
                "exclusiveMaximum"
            } else {
                "maximum"
            };
            m.insert(key.into(), json!(self.hi));
        }
        m
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.hi.is_infinite() {
            write!(f, "{} {}", if self.lo_open { ">" } else { ">=" }, self.lo)
        } else {
            write!(
                f,
                "{}{}, {}{}",
                if self.lo_open { "(" } else { "[" },
                self.lo,
                self.hi,
                if self.hi_open { ")" } else { "]" }
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_state_the_longest_id() {
        let count = format!("{{1,{MAX_ID}}}$");
        assert!(NAME_PATTERN.ends_with(&count), "{NAME_PATTERN}");
        assert!(ID_PATTERN.ends_with(&count), "{ID_PATTERN}");
    }

    #[test]
    fn number_schema_states_open_and_closed_ends() {
        let s = Domain::UNIT_OPEN_BOTTOM.number_schema();
        assert_eq!(s["exclusiveMinimum"], json!(0.0));
        assert_eq!(s["maximum"], json!(1.0));
        assert!(!s.contains_key("minimum") && !s.contains_key("exclusiveMaximum"));
        let s = Domain::ABOVE_MINUS_ONE.number_schema();
        assert_eq!(s["exclusiveMinimum"], json!(-1.0));
        assert!(!s.contains_key("maximum") && !s.contains_key("exclusiveMaximum"));
    }
}
