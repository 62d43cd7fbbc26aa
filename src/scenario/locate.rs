//! Locating a problem of the merged scenario in the file that defines it:
//! the most derived file of the `extends` chain that holds the key path,
//! with the children that inherit it and the `remove` entries that bear on
//! it as notes.

use std::path::PathBuf;

use toml::de::{DeTable, DeValue};

use super::error::{Diagnostic, Issue};
use super::remove::{Part, Removal};

/// One file of an `extends` chain, kept for error locations.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given (relative paths stay relative, for short messages).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Where the elements of an inherited array of tables come from, once
/// `remove` has taken some away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The array's key (`targets`).
    pub array: String,
    /// The file that set the array (its index in the chain, most derived
    /// first).
    pub file: usize,
    /// For each element of the merged array, its index in that file.
    pub indices: Vec<usize>,
}

/// What the `remove` lists of a chain took away, so that a problem of the
/// merged scenario is located where it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// Every entry removed, the root parent's first.
    pub removals: Vec<Removal>,
    /// The origin of each array of tables of the merged scenario.
    pub origins: Vec<Origin>,
}

/// One step of a key path.
#[derive(Debug, PartialEq)]
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

impl Step<'_> {
    fn is(&self, part: &Part) -> bool {
        match (self, part) {
            (Step::Key(a), Part::Key(b)) => a == b,
            (Step::Index(a), Part::Index(b)) => a == b,
            _ => false,
        }
    }
}

/// The steps of a key path such as `segments."a.b".lift[0]`: keys between
/// dots (a quoted key may hold dots) and array indices in brackets.
pub(super) fn steps(path: &str) -> Vec<Step<'_>> {
    // The text up to `end` (or all of it) and what follows `end`.
    fn until(s: &str, end: char) -> (&str, &str) {
        s.split_once(end).unwrap_or((s, ""))
    }
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(c) = rest.chars().next() {
        match c {
            '.' => rest = &rest[1..],
            '"' => {
                let (key, tail) = until(&rest[1..], '"');
                out.push(Step::Key(key));
                rest = tail;
            }
            '[' => {
                let (idx, tail) = until(&rest[1..], ']');
                if let Ok(i) = idx.parse() {
                    out.push(Step::Index(i));
                }
                rest = tail;
            }
            _ => {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                out.push(Step::Key(&rest[..end]));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The path of `issue` in the file that holds it: an element of an array
/// some of whose elements were removed has another index there. Returns
/// the path and, when it differs, the note that says so.
fn written_path(issue_path: &str, removed: &Removed) -> (String, Option<String>) {
    let renumbered = removed.origins.iter().find_map(|o| {
        let rest = issue_path.strip_prefix(&o.array)?.strip_prefix('[')?;
        let (index, tail) = rest.split_once(']')?;
        let merged: usize = index.parse().ok()?;
        let written = *o.indices.get(merged)?;
        (written != merged).then_some((o, merged, written, tail))
    });
    match renumbered {
        Some((o, merged, written, tail)) => (
            format!("{}[{written}]{tail}", o.array),
            Some(format!(
                "`{0}[{written}]` of this file is `{0}[{merged}]` of the scenario, once \
                 `remove` has taken earlier elements away",
                o.array
            )),
        ),
        None => (issue_path.to_string(), None),
    }
}

/// Finds the file and span that define `issue.path`: the most derived file
/// that holds the whole path, else the deepest partial match. A file's
/// entry that a more derived file removed does not count.
pub fn locate(files: &[SourceFile], removed: &Removed, issue: Issue) -> Diagnostic {
    let (path, renumbered) = written_path(&issue.path, removed);
    let want = steps(&path);
    let mut best: Option<(usize, usize, std::ops::Range<usize>)> = None;
    // `name` is never inherited: it belongs to the file itself.
    let files = if issue.path == "scenario.name" {
        &files[..1]
    } else {
        files
    };
    for (fi, f) in files.iter().enumerate() {
        let taken_away = removed.removals.iter().any(|r| {
            r.file < fi
                && r.parts.len() <= want.len()
                && r.parts.iter().zip(&want).all(|(p, s)| s.is(p))
        });
        if taken_away {
            continue;
        }
        let Ok(doc) = DeTable::parse(&f.text) else {
            continue;
        };
        let mut span = None;
        let mut depth = 0;
        let mut through_array = false;
        let mut table: Option<&DeTable> = Some(doc.get_ref());
        let mut value: Option<&DeValue> = None;
        for step in &want {
            let found = match (step, table, value) {
                (Step::Key(k), Some(t), _) => t
                    .iter()
                    .find(|(key, _)| key.get_ref() == k)
                    .map(|(key, v)| (key.span(), v)),
                (Step::Index(i), _, Some(DeValue::Array(a))) => a.get(*i).map(|v| (v.span(), v)),
                _ => None,
            };
            let Some((key_span, v)) = found else { break };
            depth += 1;
            // Point at the value of a leaf, at the key of a table.
            span = Some(if v.get_ref().is_table() {
                key_span
            } else {
                v.span()
            });
            value = Some(v.get_ref());
            table = v.get_ref().as_table();
            through_array |= v.get_ref().is_array();
        }
        if let Some(s) = span
            && best.as_ref().is_none_or(|b| depth > b.1)
        {
            best = Some((fi, depth, s));
        }
        // A whole match, or an array: arrays replace, so parents' copies are moot.
        if (depth == want.len() && !want.is_empty()) || through_array {
            break;
        }
    }
    let (fi, span) = best.map_or((0, None), |(fi, _, s)| (fi, Some(s)));
    let file = &files[fi];
    let shown_path = if renumbered.is_some() {
        path
    } else {
        issue.path.clone()
    };
    let mut d = Diagnostic {
        file: file.path.clone(),
        location: None,
        path: (!shown_path.is_empty()).then_some(shown_path),
        message: issue.message.clone(),
        help: issue.help.clone(),
        snippet: None,
        notes: Vec::new(),
    };
    if let Some(span) = span {
        d = d.at(&file.text, span);
    }
    d.notes.extend(renumbered);
    // A value found in a parent is checked in the scenario its children make:
    // name each child that inherits it, at its `extends` line.
    for child in files[..fi].iter().rev() {
        let at = value_location(child, &[Step::Key("scenario"), Step::Key("extends")])
            .map(|(l, c)| format!(":{l}:{c}"))
            .unwrap_or_default();
        d.notes.push(format!(
            "inherited by {}{at} through `extends`; the problem may come from a value that file sets",
            child.path.display()
        ));
    }
    // An entry taken away that the problem names: say where it was removed.
    for r in removed.removals.iter().filter(|r| names(&issue, r)) {
        let Some(f) = files.get(r.file) else { continue };
        let at = value_location(
            f,
            &[
                Step::Key("scenario"),
                Step::Key("remove"),
                Step::Index(r.entry),
            ],
        )
        .map(|(l, c)| format!(":{l}:{c}"))
        .unwrap_or_default();
        d.notes.push(format!(
            "`{}` is removed by {}{at} (scenario.remove[{}])",
            r.text,
            f.path.display(),
            r.entry
        ));
    }
    d
}

/// Whether `issue` names what `r` removed (an axis, segment or deliverable
/// id), as a step of its key path or of a `quoted` key path in its message.
fn names(issue: &Issue, r: &Removal) -> bool {
    let Some(id) = r.named_id() else {
        return false;
    };
    let in_path = |p: &str| steps(p).contains(&Step::Key(id));
    in_path(&issue.path) || issue.message.split('`').skip(1).step_by(2).any(in_path)
}

/// Line and column of the value at `path` in a file.
fn value_location(f: &SourceFile, path: &[Step]) -> Option<(usize, usize)> {
    let doc = DeTable::parse(&f.text).ok()?;
    let mut table = Some(doc.get_ref());
    let mut value: Option<&DeValue> = None;
    let mut span = None;
    for step in path {
        let v = match (step, table, value) {
            (Step::Key(k), Some(t), _) => t.iter().find(|(key, _)| key.get_ref() == k)?.1,
            (Step::Index(i), _, Some(DeValue::Array(a))) => a.get(*i)?,
            _ => return None,
        };
        span = Some(v.span());
        value = Some(v.get_ref());
        table = v.get_ref().as_table();
    }
    let d = Diagnostic::file(&f.path, "").at(&f.text, span?);
    d.location.map(|l| (l.line, l.column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_steps() {
        assert_eq!(
            steps("targets[2].year"),
            vec![Step::Key("targets"), Step::Index(2), Step::Key("year")]
        );
        assert_eq!(steps("a.b"), vec![Step::Key("a"), Step::Key("b")]);
        assert_eq!(
            steps("segments.\"a.b\".p[1]"),
            vec![
                Step::Key("segments"),
                Step::Key("a.b"),
                Step::Key("p"),
                Step::Index(1)
            ]
        );
    }

    #[test]
    fn an_element_after_removed_ones_is_found_at_its_written_index() {
        let removed = Removed {
            removals: Vec::new(),
            origins: vec![Origin {
                array: "targets".into(),
                file: 1,
                indices: vec![1, 2],
            }],
        };
        let (path, note) = written_path("targets[1].year", &removed);
        assert_eq!(path, "targets[2].year");
        assert!(
            note.unwrap()
                .starts_with("`targets[2]` of this file is `targets[1]`")
        );
        assert_eq!(written_path("targets[5]", &removed).0, "targets[5]");
        assert_eq!(
            written_path("observed[0]", &removed),
            ("observed[0]".into(), None)
        );
    }
}
