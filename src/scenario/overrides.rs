//! `--set PATH=VALUE`: values given on the command line that replace or add
//! one key of the scenario, applied to the merged scenario after `extends`
//! (and its `remove` lists) and before validation, so they reach the
//! scenario's hash and every check. A problem with a value set this way is
//! located at its flag (`--set #2: ...`) as a file's is at its line.

use super::error::{Diagnostic, Issue, ScenarioError};
use super::remove::{Part, parse_path, show};

/// One `--set` flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// Its position among the flags, from 1.
    pub flag: usize,
    /// The key path's steps.
    parts: Vec<Part>,
    /// The value.
    value: toml::Value,
    /// As it reads in provenance and in the command that regenerates a
    /// report: `path=value`, the value in TOML.
    pub text: String,
}

/// The `--set` flags of a command, in order (later flags win).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides(pub Vec<Override>);

/// What a `--set` value may be, for messages.
const ALLOWED: &str = "write PATH=VALUE with a dotted key path (`segments.hospitals.q`, \
    `targets[0].at_least`) and a TOML value: a number (0.5), true or false, a word or a \
    quoted string (lhs, \"lhs\"), an array ([10, 20]) or an inline table ({ dist = \"pert\", \
    min = 0.3, mode = 0.5, max = 0.7 })";

impl Overrides {
    /// Parses the flags' texts (`PATH=VALUE`), in order.
    pub fn parse(flags: &[String]) -> Result<Overrides, ScenarioError> {
        flags
            .iter()
            .enumerate()
            .map(|(i, f)| Override::parse(i + 1, f))
            .collect::<Result<Vec<_>, _>>()
            .map(Overrides)
    }

    /// The flags as they read in provenance (`path=value`).
    pub fn texts(&self) -> Vec<String> {
        self.0.iter().map(|o| o.text.clone()).collect()
    }

    /// Sets every flag's value in `merged`, in order.
    pub(super) fn apply(&self, merged: &mut toml::Table) -> Result<(), ScenarioError> {
        for o in &self.0 {
            o.apply(merged)?;
        }
        Ok(())
    }

    /// The flag that set the key `path` of an issue, or a key inside it or
    /// around it (the last such flag): the issue is located there.
    pub(super) fn locate(&self, issue: &Issue) -> Option<Diagnostic> {
        let steps = parse_path(&issue.path)?;
        let o = self.0.iter().rev().find(|o| {
            let n = o.parts.len().min(steps.len());
            n >= 2.min(o.parts.len()) && o.parts[..n] == steps[..n]
        })?;
        let mut d = Diagnostic::flag(o.flag, issue.message.clone());
        d.path = Some(issue.path.clone());
        d.help = issue.help.clone();
        Some(d)
    }
}

impl Overrides {
    /// A note for an issue located in a file whose message names a key that
    /// a flag set (a correlation of a parameter a flag made fixed).
    pub(super) fn note(&self, issue: &Issue) -> Option<String> {
        self.0.iter().rev().find_map(|o| {
            let path = show(&o.parts);
            issue
                .message
                .contains(&format!("`{path}`"))
                .then(|| format!("`{path}` is set on the command line by --set #{}", o.flag))
        })
    }
}

impl Override {
    /// Parses flag number `flag` (from 1), `PATH=VALUE`.
    pub fn parse(flag: usize, text: &str) -> Result<Override, ScenarioError> {
        let error = |msg: String| ScenarioError::from(Diagnostic::flag(flag, msg).help(ALLOWED));
        let Some((path, value)) = text.split_once('=') else {
            return Err(error(format!("`{text}` has no `=`")));
        };
        let (path, value) = (path.trim(), value.trim());
        let parts = parse_path(path).ok_or_else(|| error(format!("`{path}` is not a key path")))?;
        if value.is_empty() {
            return Err(error(format!("no value after `{path}=`")));
        }
        let value = parse_value(value).map_err(|e| error(format!("`{value}`: {e}")))?;
        let text = format!("{}={value}", show(&parts));
        Ok(Override {
            flag,
            parts,
            value,
            text,
        })
    }

    /// Sets the value in `table`: intermediate tables are made when
    /// missing; an array element must exist.
    fn apply(&self, table: &mut toml::Table) -> Result<(), ScenarioError> {
        let mut here = toml::Value::Table(std::mem::take(table));
        let result = self.set(&mut here);
        if let toml::Value::Table(t) = here {
            *table = t;
        }
        result
    }

    fn set(&self, root: &mut toml::Value) -> Result<(), ScenarioError> {
        let mut at = root;
        for (i, part) in self.parts.iter().enumerate() {
            let last = i + 1 == self.parts.len();
            let so_far = show(&self.parts[..i]);
            let fail = |what: String| {
                let mut d = Diagnostic::flag(self.flag, what);
                d.path = Some(show(&self.parts));
                ScenarioError::from(d)
            };
            at = match (part, at) {
                (Part::Key(k), toml::Value::Table(t)) => {
                    if last {
                        t.insert(k.clone(), self.value.clone());
                        return Ok(());
                    }
                    t.entry(k.clone())
                        .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                }
                (Part::Index(j), toml::Value::Array(a)) => {
                    let len = a.len();
                    let Some(element) = a.get_mut(*j) else {
                        return Err(fail(format!(
                            "`{so_far}` has {len} element(s) (indices 0 to {}), so there is no [{j}]; \
                             --set changes existing elements of an array",
                            len.saturating_sub(1)
                        )));
                    };
                    if last {
                        *element = self.value.clone();
                        return Ok(());
                    }
                    element
                }
                (Part::Key(k), other) => {
                    let hint = match other {
                        toml::Value::Array(_) => format!(" (an array: write `{so_far}[i].{k}`)"),
                        _ => String::new(),
                    };
                    return Err(fail(format!(
                        "`{so_far}` is {}, not a table, so it has no key `{k}`{hint}",
                        kind(other)
                    )));
                }
                (Part::Index(j), other) => {
                    return Err(fail(format!(
                        "`{so_far}` is {}, not an array, so it has no [{j}]",
                        kind(other)
                    )));
                }
            };
        }
        Ok(())
    }
}

/// A TOML value written on the command line; a bare word that is not one
/// (`lhs`) is a string.
fn parse_value(text: &str) -> Result<toml::Value, String> {
    match format!("v = {text}").parse::<toml::Table>() {
        Ok(mut t) => Ok(t.remove("v").expect("the key just written")),
        Err(e) => {
            let word = text.starts_with(|c: char| c.is_ascii_alphabetic())
                && text
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            if word {
                Ok(toml::Value::String(text.to_string()))
            } else {
                Err(format!(
                    "not a TOML value ({})",
                    e.message().trim_end_matches('.').to_lowercase()
                ))
            }
        }
    }
}

/// What a value is, for messages.
fn kind(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) | toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        text.parse().unwrap()
    }

    #[test]
    fn a_value_replaces_or_adds_a_key() {
        let mut t = table("[axes.a]\nbudget = 10\n[[targets]]\nat_least = 1\n");
        let o = Overrides::parse(&[
            "axes.a.budget=20".into(),
            "axes.b.budget = 5".into(),
            "targets[0].at_least=2.5".into(),
            "simulation.sampling=lhs".into(),
            "segments.x.q={ dist = \"pert\", min = 0.3, mode = 0.5, max = 0.7 }".into(),
        ])
        .unwrap();
        o.apply(&mut t).unwrap();
        assert_eq!(t["axes"]["a"]["budget"].as_integer(), Some(20));
        assert_eq!(t["axes"]["b"]["budget"].as_integer(), Some(5));
        assert_eq!(t["targets"][0]["at_least"].as_float(), Some(2.5));
        assert_eq!(t["simulation"]["sampling"].as_str(), Some("lhs"));
        assert_eq!(t["segments"]["x"]["q"]["mode"].as_float(), Some(0.5));
        assert_eq!(
            o.texts()[4],
            "segments.x.q={ dist = \"pert\", min = 0.3, mode = 0.5, max = 0.7 }"
        );
    }

    #[test]
    fn bad_flags_name_the_flag() {
        let bad = |f: &str| Override::parse(3, f).unwrap_err().to_string();
        assert!(
            bad("axes.a.budget").starts_with("--set #3: "),
            "{}",
            bad("axes.a.budget")
        );
        assert!(bad("axes..a=1").contains("not a key path"));
        assert!(bad("axes.a.budget=").contains("no value"));
        assert!(bad("axes.a.budget={ dist = ").contains("not a TOML value"));
        assert!(bad("simulation.draws=99999999999999999999").contains("not a TOML value"));
        let o = Override::parse(2, "axes.a.budget.x=1").unwrap();
        let err = o.apply(&mut table("[axes.a]\nbudget = 10\n")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("--set #2: axes.a.budget.x: "), "{msg}");
        assert!(msg.contains("is a number, not a table"), "{msg}");
        let o = Override::parse(1, "targets[4].at_least=1").unwrap();
        let msg = o
            .apply(&mut table("[[targets]]\nat_least = 1\n"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("has 1 element(s)"), "{msg}");
    }
}
