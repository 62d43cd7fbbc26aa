//! What a row of the [`KINDS`](super::KINDS) table is: a distribution kind as
//! written in scenario files, the keys its table accepts and how those keys
//! become a [`Dist`].

use super::{Dist, DistError};

/// One distribution kind: a row of [`KINDS`](super::KINDS).
///
/// A scenario's distribution table `{ dist = "<name>", key = value, ... }`
/// is checked against the row: every key must be in [`Kind::required`] or
/// [`Kind::optional`], the required ones must all be there, and
/// [`Kind::build`] turns the values into a [`Dist`].
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// The name written after `dist =` (and returned by [`Dist::kind`]).
    pub name: &'static str,
    /// Keys the table must give, in the order messages list them.
    pub required: &'static [&'static str],
    /// Keys the table may give, listed after the required ones.
    pub optional: &'static [&'static str],
    /// Other names people write for this kind, suggested as a correction.
    pub aliases: &'static [&'static str],
    /// The description from the table's keys. It runs once every required
    /// key is present; it may still refuse the values (or, for a kind with
    /// alternative sets of keys, ask for a missing one).
    pub build: fn(&Keys<'_>) -> Result<Dist, BuildError>,
    /// Where the values lie, in words (the kind's domain).
    pub support: &'static str,
    /// What to suggest when the kind's support reaches outside the range
    /// allowed for a parameter: given that range as written and whether it
    /// is bounded above.
    pub fit_hint: fn(range: &str, bounded_above: bool) -> String,
}

impl Kind {
    /// Every key the table accepts: the required ones, then the optional ones.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> {
        self.required.iter().chain(self.optional).copied()
    }

    /// Whether `key` is one of [`Kind::keys`].
    pub fn accepts(&self, key: &str) -> bool {
        self.keys().any(|k| k == key)
    }
}

/// The hint of most kinds when their bounds leave a parameter's range.
pub(super) fn keep_bounds_within(range: &str, _bounded_above: bool) -> String {
    format!("keep its bounds within the allowed range ({range})")
}

/// A value in a distribution table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// A number, e.g. `min = 0.2`.
    Number(f64),
    /// A list of numbers, e.g. `values = [1, 2, 3]`.
    List(&'a [f64]),
}

/// The keys given in one distribution table (every key but `dist`), in the
/// order the file format lists them.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a> {
    entries: &'a [(&'a str, Value<'a>)],
}

impl<'a> Keys<'a> {
    /// The keys of a table, as `(key, value)` pairs.
    pub fn new(entries: &'a [(&'a str, Value<'a>)]) -> Keys<'a> {
        Keys { entries }
    }

    /// Every `(key, value)` pair, in order.
    pub fn entries(&self) -> &'a [(&'a str, Value<'a>)] {
        self.entries
    }

    /// The value at `key`, of either type.
    fn get(&self, key: &str) -> Option<Value<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    /// Whether the table gives `key`.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The number at `key`, when the table gives one.
    pub fn number(&self, key: &str) -> Option<f64> {
        match self.get(key) {
            Some(Value::Number(v)) => Some(v),
            _ => None,
        }
    }

    /// The list at `key`, when the table gives one.
    pub fn list(&self, key: &str) -> Option<&'a [f64]> {
        match self.get(key) {
            Some(Value::List(v)) => Some(v),
            _ => None,
        }
    }

    /// The number at `key`, or [`BuildError::Missing`].
    pub fn need(&self, key: &'static str) -> Result<f64, BuildError> {
        self.number(key).ok_or(BuildError::Missing(key))
    }

    /// The list at `key`, or [`BuildError::Missing`].
    pub fn need_list(&self, key: &'static str) -> Result<&'a [f64], BuildError> {
        self.list(key).ok_or(BuildError::Missing(key))
    }
}

/// Why a kind's keys do not make a [`Dist`].
#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// A key the description needs is absent.
    Missing(&'static str),
    /// The values are out of range; the message says what is allowed.
    Invalid(DistError),
    /// Keys that exclude each other were given together.
    Conflict {
        /// What is wrong.
        message: &'static str,
        /// How to fix it.
        help: &'static str,
    },
}

impl From<DistError> for BuildError {
    fn from(e: DistError) -> BuildError {
        BuildError::Invalid(e)
    }
}
