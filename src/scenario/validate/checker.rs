//! What every section's checks share: the [`Checker`] that collects issues
//! and uncertain parameters, the check of a *param* key (a number or a
//! distribution table, within its [`Domain`]) and of lift tables.

use crate::shown::Shown;

use indexmap::IndexMap;

use crate::dist::{self, BuildError, Dist, Distribution, Keys, Kind, Value};
pub use crate::scenario::domain::{Domain, valid_id};
pub(super) use crate::scenario::error::short_list;
use crate::scenario::error::{Issue, closest};
use crate::scenario::raw::{RawDist, RawParam};
use crate::scenario::{Lift, Param, Uncertain};

/// Collects issues and uncertain parameters while the scenario is checked.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) issues: Vec<Issue>,
    pub(super) uncertain: Vec<Uncertain>,
    pub(super) fixed: Vec<String>,
}

impl Checker {
    /// Reports a problem at a key path.
    pub(super) fn issue(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.issues.push(Issue::new(path, msg));
    }

    /// Checks a text the reports show (a title, label, unit or description):
    /// at most `max` characters, no control characters, and one line unless
    /// `lines` is true. Returns it unchanged (the problem is reported).
    pub(super) fn text(&mut self, path: &str, text: Option<&String>, max: usize, lines: bool) {
        let Some(t) = text else { return };
        let n = t.chars().count();
        if n > max {
            self.issue(path, format!("at most {max} characters, got {n}"));
        }
        if !lines && t.contains(['\n', '\r']) {
            self.issue(path, "must be one line (no line break)");
        } else if let Some(c) = t
            .chars()
            .find(|c| c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))
        {
            self.issue(
                path,
                format!(
                    "contains the control character U+{:04X}; remove it",
                    u32::from(c)
                ),
            );
        }
    }

    /// Reports a problem at a key path, with a suggestion.
    pub(super) fn issue_help(
        &mut self,
        path: impl Into<String>,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.issues.push(Issue::new(path, msg).help(help));
    }

    /// A *param* key: fixed number or distribution, checked against its domain.
    pub(super) fn param(
        &mut self,
        path: &str,
        raw: Option<&RawParam>,
        default: Option<f64>,
        domain: Domain,
    ) -> Param {
        let raw = match (raw, default) {
            (Some(r), _) => r,
            (None, Some(d)) => return Param::Fixed(d),
            (None, None) => {
                self.issue_help(
                    path,
                    format!("missing required key (a number {domain}, or a distribution table)"),
                    format!("add `{} = ...`", path.rsplit('.').next().unwrap_or(path)),
                );
                return Param::Fixed(f64::NAN);
            }
        };
        match raw {
            RawParam::Fixed(v) => {
                if !v.is_finite() {
                    self.issue(path, format!("must be a finite number, got {}", Shown(*v)));
                } else if !domain.contains(*v) {
                    self.issue(path, format!("must be {domain}, got {}", Shown(*v)));
                }
                self.fixed.push(path.to_string());
                Param::Fixed(*v)
            }
            RawParam::Dist(d) => match self.distribution(path, d, domain) {
                Some(dist) => {
                    self.uncertain.push(Uncertain {
                        path: path.to_string(),
                        dist,
                    });
                    Param::Uncertain(self.uncertain.len() - 1)
                }
                None => Param::Fixed(f64::NAN),
            },
        }
    }

    /// A distribution table made ready to sample, whose support lies in `domain`.
    fn distribution(&mut self, path: &str, d: &RawDist, domain: Domain) -> Option<Distribution> {
        let spec = self.dist(path, d)?;
        let dist = match Distribution::new(spec) {
            Ok(dist) => dist,
            Err(e) => {
                self.issue(path, e.0);
                return None;
            }
        };
        let (lo, hi) = dist.support();
        if !domain.fits(lo, hi, dist.open_below()) {
            let support = if dist.open_below() {
                format!("({lo}, {hi})")
            } else {
                format!("[{lo}, {hi}]")
            };
            let hint = (dist.kind().fit_hint)(&domain.to_string(), domain.bounded_above());
            self.issue_help(
                path,
                format!(
                    "{} can take values outside the allowed range: its support is \
                     {support}, this parameter must be {domain}",
                    dist.spec()
                ),
                hint,
            );
            return None;
        }
        Some(dist)
    }

    /// A distribution table: a known kind, only its keys, its required keys,
    /// finite numbers (the kinds and their keys are [`dist::KINDS`]).
    fn dist(&mut self, path: &str, d: &RawDist) -> Option<Dist> {
        let names = || dist::kind_names().collect::<Vec<_>>().join(", ");
        let Some(name) = d.dist.as_deref() else {
            self.issue_help(
                path,
                "distribution table without `dist`",
                format!("add `dist = \"...\"`, one of {}", names()),
            );
            return None;
        };
        let Some(kind) = dist::kind(name) else {
            let mut help = format!("allowed: {}", names());
            let alias = dist::kind_of_alias(name).map(|k| k.name);
            if let Some(c) = alias.or_else(|| closest(name, dist::kind_names())) {
                help = format!("did you mean `{c}`? {help}");
            }
            self.issue_help(
                format!("{path}.dist"),
                format!("unknown distribution `{name}`"),
                help,
            );
            return None;
        };
        let entries = d.entries();
        let ok = self.keys_of(path, kind, &entries);
        let keys = Keys::new(&entries);
        let built = match kind.required.iter().find(|k| !keys.has(k)) {
            Some(missing) => Err(BuildError::Missing(missing)),
            None => (kind.build)(&keys),
        };
        let spec = match built {
            Ok(spec) => Some(spec),
            Err(BuildError::Missing(key)) => {
                self.issue(path, format!("a {name} distribution needs `{key}`"));
                None
            }
            Err(BuildError::Invalid(e)) => {
                self.issue(path, e.0);
                None
            }
            Err(BuildError::Conflict { message, help }) => {
                self.issue_help(path, message, help);
                None
            }
        };
        if ok { spec } else { None }
    }

    /// Whether every key is one of the kind's and every number is finite
    /// (each problem is reported).
    fn keys_of(&mut self, path: &str, kind: &Kind, entries: &[(&str, Value<'_>)]) -> bool {
        let name = kind.name;
        let mut ok = true;
        for (key, _) in entries {
            if !kind.accepts(key) {
                let allowed = kind.keys().collect::<Vec<_>>().join(", ");
                self.issue_help(
                    format!("{path}.{key}"),
                    format!("`{key}` is not a parameter of a {name} distribution"),
                    format!("a {name} takes {allowed}"),
                );
                ok = false;
            }
        }
        for (key, v) in entries {
            if let Value::Number(v) = v
                && !v.is_finite()
            {
                self.issue(
                    format!("{path}.{key}"),
                    format!("must be a finite number, got {}", Shown(*v)),
                );
                ok = false;
            }
        }
        ok
    }

    /// Lift coefficients by axis id, each a *param* `>= 0` of a known axis.
    pub(super) fn lifts(
        &mut self,
        path: &str,
        raw: &IndexMap<String, RawParam>,
        axes: &[String],
    ) -> Vec<Lift> {
        let mut out = Vec::new();
        for (axis, v) in raw {
            let p = format!("{path}.{axis}");
            match axes.iter().position(|a| a == axis) {
                Some(i) => out.push((i, self.param(&p, Some(v), None, Domain::NON_NEGATIVE))),
                None => {
                    let mut help = if axes.is_empty() {
                        "the scenario has no axes".to_string()
                    } else {
                        format!("axes of this scenario: {}", axes.join(", "))
                    };
                    if let Some(c) = closest(axis, axes.iter().map(String::as_str)) {
                        help = format!("did you mean `{c}`? {help}");
                    }
                    self.issue_help(p, format!("lift names unknown axis `{axis}`"), help);
                }
            }
        }
        out
    }
}

/// `id` as one step of a key path: bare when TOML allows it, else quoted
/// (`segments."a.b"`), so the loader locates the key an issue is about.
pub(super) fn path_key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare || id.contains('"') {
        id.to_string()
    } else {
        format!("\"{id}\"")
    }
}
