//! Reading scenario files: TOML syntax, the serde mirror and `extends`
//! chains, merged ([`super::merge`]) after each file's `remove` list
//! ([`super::remove`]); problems are located by [`super::locate`].

use crate::shown::Shown;
use std::path::{Path, PathBuf};

use super::error::{Diagnostic, Issue, ScenarioError, closest};
pub use super::locate::SourceFile;
use super::locate::{Origin, Removed, locate};
use super::merge::{InlineTables, merge};
use super::overrides::Overrides;
use super::raw::RawScenario;
use super::remove::{self, ARRAYS, Part};

/// Longest `extends` chain accepted (a guard against runaway chains).
const MAX_CHAIN: usize = 32;

/// A scenario file with its `extends` chain resolved and merged.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The merged file, typed.
    pub raw: RawScenario,
    /// The merged file as a TOML table (what the scenario hash is computed from).
    pub merged: toml::Table,
    /// The chain, most derived file first.
    pub files: Vec<SourceFile>,
    /// What the files' `remove` lists took away.
    pub removed: Removed,
    /// The command line's `--set` values, applied after the merge.
    pub overrides: Overrides,
}

impl Loaded {
    /// Turns path-level issues into located diagnostics.
    pub fn locate(&self, issues: Vec<Issue>) -> ScenarioError {
        ScenarioError {
            diagnostics: issues
                .into_iter()
                .map(|i| {
                    if let Some(d) = self.overrides.locate(&i) {
                        return d;
                    }
                    let note = self.overrides.note(&i);
                    let mut d = locate(&self.files, &self.removed, i);
                    d.notes.extend(note);
                    d
                })
                .collect(),
        }
    }
}

/// One file of a chain as read, before merging.
struct Read {
    /// Its table.
    table: toml::Table,
    /// Its inline tables, which replace rather than merge.
    inline: InlineTables,
    /// Its `remove` list, if it has one.
    remove: Option<Vec<String>>,
}

/// Reads `path` and every file it `extends`, merges them and deserializes the result.
pub fn load(path: &Path) -> Result<Loaded, ScenarioError> {
    load_with(path, &Overrides::default())
}

/// [`load`], with the `--set` values `overrides` applied to the merged
/// scenario before it is deserialized.
pub fn load_with(path: &Path, overrides: &Overrides) -> Result<Loaded, ScenarioError> {
    let mut files: Vec<SourceFile> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut read: Vec<Read> = Vec::new();
    let unlocated = Removed::default();
    // The next file to read, and the index of the file whose `extends` named it.
    let mut next = Some((path.to_path_buf(), None::<usize>));
    while let Some((file, via)) = next.take() {
        let text = match super::read::read_text(&file, via.is_some()) {
            Ok(t) => t,
            Err(msg) => {
                return Err(match via {
                    Some(child) => locate(
                        &files[child..],
                        &unlocated,
                        Issue::new("scenario.extends", msg)
                            .help("`extends` is a path relative to the file that contains it"),
                    ),
                    None => Diagnostic::file(&file, msg),
                }
                .into());
            }
        };
        let canonical = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if let Some(first) = seen.iter().position(|p| *p == canonical) {
            let cycle: Vec<String> = files[first..]
                .iter()
                .map(|f| f.path.display().to_string())
                .chain([file.display().to_string()])
                .collect();
            let last = files.len() - 1;
            return Err(locate(
                &files[last..],
                &unlocated,
                Issue::new(
                    "scenario.extends",
                    format!("`extends` makes a cycle: {}", cycle.join(" -> ")),
                )
                .help("a scenario may extend a chain of parents, but never itself"),
            )
            .into());
        }
        if files.len() >= MAX_CHAIN {
            return Err(Diagnostic::file(
                &file,
                format!("`extends` chain longer than {MAX_CHAIN} files"),
            )
            .into());
        }
        let raw = parse_one(&file, &text)?;
        let table: toml::Table = text.parse().map_err(|e| toml_error(&file, &text, &e))?;
        seen.push(canonical);
        let header = raw.scenario.unwrap_or_default();
        read.push(Read {
            table,
            inline: InlineTables::of(&text),
            remove: header.remove,
        });
        files.push(SourceFile {
            path: file.clone(),
            text,
        });
        if let Some(parent) = header.extends {
            let dir = file.parent().unwrap_or(Path::new(""));
            next = Some((dir.join(parent), Some(files.len() - 1)));
        }
    }
    let (mut merged, removed) = merge_chain(&files, read)?;
    overrides.apply(&mut merged)?;
    let raw =
        serde_path_to_error::deserialize::<_, RawScenario>(toml::Value::Table(merged.clone()))
            .map_err(|e| {
                let issue = Issue::new(e.path().to_string(), e.inner().message().to_string());
                ScenarioError::from(
                    overrides
                        .locate(&issue)
                        .unwrap_or_else(|| locate(&files, &removed, issue)),
                )
            })?;
    Ok(Loaded {
        raw,
        merged,
        files,
        removed,
        overrides: overrides.clone(),
    })
}

/// Merges the files of a chain (most derived first) from the root parent
/// down: each file's `remove` list takes entries away from what it
/// inherits, then its own values merge in. `name` is never inherited;
/// `extends` and `remove` are not kept.
fn merge_chain(
    files: &[SourceFile],
    read: Vec<Read>,
) -> Result<(toml::Table, Removed), ScenarioError> {
    let mut merged = toml::Table::new();
    let mut removed = Removed::default();
    for (fi, mut file) in read.into_iter().enumerate().rev() {
        if let Some(toml::Value::Table(s)) = merged.get_mut("scenario") {
            s.remove("name");
        }
        if let Some(toml::Value::Table(s)) = file.table.get_mut("scenario") {
            s.remove("remove");
        }
        if let Some(list) = &file.remove {
            let one = &files[fi..=fi];
            let Some(parent) = files.get(fi + 1) else {
                return Err(locate(
                    one,
                    &removed,
                    Issue::new(
                        "scenario.remove",
                        "`remove` takes away what a parent scenario gives, and this file has no `extends`",
                    )
                    .help("add `extends = \"parent.toml\"` to [scenario], or delete `remove`"),
                )
                .into());
            };
            let parent = parent.path.display().to_string();
            match remove::apply(&mut merged, &file.table, list, fi, &parent) {
                Ok(done) => {
                    renumber(&mut removed.origins, &done);
                    removed.removals.extend(done);
                }
                Err(issues) => {
                    return Err(ScenarioError {
                        diagnostics: issues
                            .into_iter()
                            .map(|i| locate(one, &Removed::default(), i))
                            .collect(),
                    });
                }
            }
        }
        for array in ARRAYS {
            if let Some(toml::Value::Array(a)) = file.table.get(array) {
                removed.origins.retain(|o| o.array != array);
                removed.origins.push(Origin {
                    array: array.to_string(),
                    file: fi,
                    indices: (0..a.len()).collect(),
                });
            }
        }
        merge(&mut merged, file.table, &file.inline);
    }
    if let Some(toml::Value::Table(s)) = merged.get_mut("scenario") {
        s.remove("extends");
    }
    Ok((merged, removed))
}

/// Drops the elements `done` removed from the origins of the arrays.
fn renumber(origins: &mut [Origin], done: &[remove::Removal]) {
    let mut gone: Vec<(&str, usize)> = done
        .iter()
        .filter_map(|r| match r.parts.as_slice() {
            [Part::Key(array), Part::Index(i)] => Some((array.as_str(), *i)),
            _ => None,
        })
        .collect();
    // Last first, so the indices of the others hold.
    gone.sort_by_key(|&(_, i)| std::cmp::Reverse(i));
    for (array, i) in gone {
        if let Some(o) = origins.iter_mut().find(|o| o.array == array)
            && i < o.indices.len()
        {
            o.indices.remove(i);
        }
    }
}

/// A resolved scenario (one table, no `extends`) from its text; `origin`
/// names it in messages.
pub fn from_text(origin: &Path, text: &str) -> Result<Loaded, ScenarioError> {
    let raw = parse_one(origin, text)?;
    let merged: toml::Table = text.parse().map_err(|e| toml_error(origin, text, &e))?;
    if let Some(key) = raw.scenario.as_ref().and_then(|s| {
        s.extends
            .as_ref()
            .map(|_| "extends")
            .or(s.remove.as_ref().map(|_| "remove"))
    }) {
        return Err(Diagnostic::file(origin, format!("a resolved scenario has no `{key}`")).into());
    }
    Ok(Loaded {
        raw,
        merged,
        files: vec![SourceFile {
            path: origin.to_path_buf(),
            text: text.to_string(),
        }],
        removed: Removed::default(),
        overrides: Overrides::default(),
    })
}

/// Checks one file's syntax and shape, with exact positions.
fn parse_one(file: &Path, text: &str) -> Result<RawScenario, ScenarioError> {
    let de = toml::de::Deserializer::parse(text).map_err(|e| toml_error(file, text, &e))?;
    serde_path_to_error::deserialize::<_, RawScenario>(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (message, help, key) = explain_serde(inner.message());
        // serde_path_to_error's path already ends with an unknown key.
        let path = match key {
            Some(k) if path == "." || path.is_empty() => k,
            _ => path,
        };
        let mut d = Diagnostic {
            file: file.to_path_buf(),
            location: None,
            path: (!path.is_empty() && path != ".").then_some(path),
            message,
            help,
            snippet: None,
            notes: Vec::new(),
        };
        if let Some(span) = inner.span() {
            if d.message.ends_with("got a table") && looks_like_date(&text[span.clone()]) {
                d.message = d.message.replace("got a table", "got a date or time");
                d.help =
                    Some("write a number here (a year is a plain integer, such as 2024)".into());
            }
            d = d.at(text, span);
        }
        ScenarioError::from(d)
    })
}

/// A TOML syntax error, located. An inline table left open on an earlier
/// line is named at its `{`, where the mistake is, rather than where the
/// parser gave up.
fn toml_error(file: &Path, text: &str, e: &toml::de::Error) -> ScenarioError {
    let mut d = Diagnostic::file(file, format!("invalid TOML: {}", e.message().trim()));
    if let Some(span) = e.span() {
        match open_inline_table(&text[..span.start.min(text.len())]) {
            Some(brace) => {
                d = Diagnostic::file(
                    file,
                    "invalid TOML: this inline table is not closed on its line",
                )
                .at(text, brace..brace + 1);
                d.help = Some(
                    "an inline table `{ key = value, ... }` ends with `}` on the line it starts"
                        .into(),
                );
            }
            None => d = d.at(text, span),
        }
    }
    d.into()
}

/// The offset of a `{` in `before` (the text before a syntax error) that
/// is still open on a later line, outside strings and comments.
fn open_inline_table(before: &str) -> Option<usize> {
    const QUOTES: [&str; 4] = ["\"\"\"", "'''", "\"", "'"];
    let mut open: Vec<usize> = Vec::new();
    let mut quote: Option<&str> = None;
    let mut i = 0;
    while i < before.len() {
        let rest = &before[i..];
        let step = if let Some(q) = quote {
            if q.starts_with('"') && rest.starts_with('\\') {
                2
            } else if rest.starts_with(q) {
                quote = None;
                q.len()
            } else {
                1
            }
        } else if let Some(q) = QUOTES.into_iter().find(|q| rest.starts_with(q)) {
            quote = Some(q);
            q.len()
        } else {
            match rest.as_bytes()[0] {
                b'#' => rest.find('\n').unwrap_or(rest.len()),
                b'{' => {
                    open.push(i);
                    1
                }
                b'}' => {
                    open.pop();
                    1
                }
                _ => 1,
            }
        };
        i += step;
        // Stay on a character boundary.
        while !before.is_char_boundary(i.min(before.len())) {
            i += 1;
        }
    }
    let brace = *open.first()?;
    before[brace..].contains('\n').then_some(brace)
}

/// Rewrites serde's messages in the scenario's terms. Returns the message, a
/// help line and, for unknown keys, the key itself.
fn explain_serde(msg: &str) -> (String, Option<String>, Option<String>) {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default().to_string();
        let allowed: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let mut help = format!("allowed keys here: {}", allowed.join(", "));
        if let Some(c) = closest(&key, allowed.iter().copied()) {
            help = format!("did you mean `{c}`? {help}");
        }
        if allowed.is_empty() {
            help = "this table takes no keys".into();
        }
        return (format!("unknown key `{key}`"), Some(help), Some(key));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        // serde speaks Rust; say it in TOML terms.
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let want = match want {
            "f64" => "a number",
            "i64" | "u64" => "an integer",
            "a string" => "a string in quotes",
            w if w.starts_with("struct ") || w == "a map" => "a table",
            w if w.starts_with("a sequence") => "an array",
            w => w,
        };
        if let Some(int) = got
            .strip_prefix("integer `")
            .and_then(|r| r.strip_suffix("` as i128"))
        {
            return out_of_range(int);
        }
        if let Some(num) = got
            .strip_prefix("floating point `")
            .and_then(|r| r.strip_suffix('`'))
        {
            let shown = num
                .parse::<f64>()
                .map_or(num.to_string(), |x| Shown(x).as_float());
            return (
                format!("wrong type: expected {want}, got the number `{shown}`"),
                None,
                None,
            );
        }
        let got = got
            .replace("floating point", "the number")
            .replace("integer", "the integer")
            .replace("map", "a table")
            .replace("sequence", "an array");
        return (
            format!("wrong type: expected {want}, got {got}"),
            None,
            None,
        );
    }
    if let Some(int) = msg
        .strip_prefix("invalid value: integer `")
        .and_then(|r| r.split_once('`'))
        .map(|(i, _)| i)
    {
        return out_of_range(int);
    }
    (msg.to_string(), None, None)
}

/// An integer beyond what a key accepts (TOML integers are 64-bit signed).
fn out_of_range(int: &str) -> (String, Option<String>, Option<String>) {
    (
        format!(
            "the integer {int} is out of range: TOML integers are from {} to {}",
            i64::MIN,
            i64::MAX
        ),
        None,
        None,
    )
}

/// Whether a TOML value's text is a date or time (`2024-01-01`, `12:00:00`).
fn looks_like_date(text: &str) -> bool {
    let t = text.trim().as_bytes();
    let digits =
        |r: std::ops::Range<usize>| t.get(r).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    (digits(0..4) && t.get(4) == Some(&b'-') && digits(5..7))
        || (digits(0..2) && t.get(2) == Some(&b':') && digits(3..5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_inline_table_is_found_at_its_brace() {
        let text = "a = 1\ns = { from = 2022, to = 2026\nb = 2\n";
        assert_eq!(
            open_inline_table(&text[..text.find("b =").unwrap()]),
            Some(10)
        );
        // Closed, on one line, in a string or a comment: nothing open.
        assert_eq!(open_inline_table("s = { a = 1 }\nb = 2"), None);
        assert_eq!(open_inline_table("s = { a = 1"), None);
        assert_eq!(open_inline_table("s = \"{\"\nb = 2"), None);
        assert_eq!(open_inline_table("s = \"\\\"{\"\nb = 2"), None);
        assert_eq!(open_inline_table("s = '{ é'\nb = 2"), None);
        assert_eq!(open_inline_table("# {\nb = 2"), None);
        assert_eq!(open_inline_table("s = \"\"\"\n{\n\"\"\"\nb"), None);
    }

    #[test]
    fn serde_unknown_field_becomes_a_suggestion() {
        let (m, h, k) =
            explain_serde("unknown field `budgt`, expected one of `label`, `budget`, `schedule`");
        assert_eq!(m, "unknown key `budgt`");
        assert_eq!(k.as_deref(), Some("budgt"));
        assert!(h.unwrap().starts_with("did you mean `budget`?"));
    }
}
