//! Reading scenario files: TOML syntax, the serde mirror, `extends` chains and
//! locating a key path in the file that defines it.

use crate::shown::Shown;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::error::{Diagnostic, Issue, ScenarioError, closest};
use super::raw::RawScenario;

/// Longest `extends` chain accepted (a guard against runaway chains).
const MAX_CHAIN: usize = 32;

/// One file of an `extends` chain, kept for error locations.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given (relative paths stay relative, for short messages).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// A scenario file with its `extends` chain resolved and merged.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The merged file, typed.
    pub raw: RawScenario,
    /// The merged file as a TOML table (what the scenario hash is computed from).
    pub merged: toml::Table,
    /// The chain, most derived file first.
    pub files: Vec<SourceFile>,
}

impl Loaded {
    /// Turns path-level issues into located diagnostics.
    pub fn locate(&self, issues: Vec<Issue>) -> ScenarioError {
        ScenarioError {
            diagnostics: issues.into_iter().map(|i| locate(&self.files, i)).collect(),
        }
    }
}

/// Reads `path` and every file it `extends`, merges them and deserializes the result.
pub fn load(path: &Path) -> Result<Loaded, ScenarioError> {
    let mut files: Vec<SourceFile> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut tables: Vec<toml::Table> = Vec::new();
    // The next file to read, and the index of the file whose `extends` named it.
    let mut next = Some((path.to_path_buf(), None::<usize>));
    while let Some((file, via)) = next.take() {
        let text = match super::read::read_text(&file, via.is_some()) {
            Ok(t) => t,
            Err(msg) => {
                return Err(match via {
                    Some(child) => locate(
                        &files[child..],
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
        files.push(SourceFile {
            path: file.clone(),
            text,
        });
        tables.push(table);
        if let Some(parent) = raw.scenario.and_then(|s| s.extends) {
            let dir = file.parent().unwrap_or(Path::new(""));
            next = Some((dir.join(parent), Some(files.len() - 1)));
        }
    }

    // Merge from the root parent down to the file itself.
    let mut merged = toml::Table::new();
    for table in tables.into_iter().rev() {
        if let Some(toml::Value::Table(s)) = merged.get_mut("scenario") {
            s.remove("name");
        }
        merge(&mut merged, table);
    }
    if let Some(toml::Value::Table(s)) = merged.get_mut("scenario") {
        s.remove("extends");
    }
    let raw =
        serde_path_to_error::deserialize::<_, RawScenario>(toml::Value::Table(merged.clone()))
            .map_err(|e| {
                let path = e.path().to_string();
                ScenarioError::from(locate(
                    &files,
                    Issue::new(path, e.inner().message().to_string()),
                ))
            })?;
    Ok(Loaded { raw, merged, files })
}

/// A resolved scenario (one table, no `extends`) from its text; `origin`
/// names it in messages.
pub fn from_text(origin: &Path, text: &str) -> Result<Loaded, ScenarioError> {
    let raw = parse_one(origin, text)?;
    let merged: toml::Table = text.parse().map_err(|e| toml_error(origin, text, &e))?;
    if raw.scenario.as_ref().is_some_and(|s| s.extends.is_some()) {
        return Err(Diagnostic::file(origin, "a resolved scenario has no `extends`").into());
    }
    Ok(Loaded {
        raw,
        merged,
        files: vec![SourceFile {
            path: origin.to_path_buf(),
            text: text.to_string(),
        }],
    })
}

/// Tables merge key by key; any other value (arrays included) replaces. A
/// distribution table (one with a `dist` key) is a parameter's value, so it
/// replaces too: a child can change a parameter's kind without inheriting the
/// parent's `min` or `max`.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) if !o.contains_key("dist") => {
                merge(b, o)
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
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

/// One step of a key path.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The steps of a key path such as `segments."a.b".lift[0]`: keys between
/// dots (a quoted key may hold dots) and array indices in brackets.
fn steps(path: &str) -> Vec<Step<'_>> {
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

/// Finds the file and span that define `issue.path`: the most derived file that
/// holds the whole path, else the deepest partial match.
fn locate(files: &[SourceFile], issue: Issue) -> Diagnostic {
    let want = steps(&issue.path);
    let mut best: Option<(usize, usize, std::ops::Range<usize>)> = None;
    // `name` is never inherited: it belongs to the file itself.
    let files = if issue.path == "scenario.name" {
        &files[..1]
    } else {
        files
    };
    for (fi, f) in files.iter().enumerate() {
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
    let mut d = Diagnostic {
        file: file.path.clone(),
        location: None,
        path: (!issue.path.is_empty()).then_some(issue.path),
        message: issue.message,
        help: issue.help,
        snippet: None,
        notes: Vec::new(),
    };
    if let Some(span) = span {
        d = d.at(&file.text, span);
    }
    // A value found in a parent is checked in the scenario its children make:
    // name each child that inherits it, at its `extends` line.
    for child in files[..fi].iter().rev() {
        let at = extends_location(child)
            .map(|(l, c)| format!(":{l}:{c}"))
            .unwrap_or_default();
        d.notes.push(format!(
            "inherited by {}{at} through `extends`; the problem may come from a value that file sets",
            child.path.display()
        ));
    }
    d
}

/// Line and column of the `extends` value of a file.
fn extends_location(f: &SourceFile) -> Option<(usize, usize)> {
    let doc = DeTable::parse(&f.text).ok()?;
    let (_, scenario) = doc
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "scenario")?;
    let (_, v) = scenario
        .get_ref()
        .as_table()?
        .iter()
        .find(|(k, _)| k.get_ref() == "extends")?;
    let d = Diagnostic::file(&f.path, "").at(&f.text, v.span());
    d.location.map(|l| (l.line, l.column))
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
    fn serde_unknown_field_becomes_a_suggestion() {
        let (m, h, k) =
            explain_serde("unknown field `budgt`, expected one of `label`, `budget`, `schedule`");
        assert_eq!(m, "unknown key `budgt`");
        assert_eq!(k.as_deref(), Some("budgt"));
        assert!(h.unwrap().starts_with("did you mean `budget`?"));
    }

    #[test]
    fn merge_tables_key_by_key_arrays_replace() {
        let mut a: toml::Table = "x = 1\narr = [1, 2]\n[t]\na = 1\nb = 2\n".parse().unwrap();
        let b: toml::Table = "arr = [3]\n[t]\nb = 3\nc = 4\n".parse().unwrap();
        merge(&mut a, b);
        let want: toml::Table = "x = 1\narr = [3]\n[t]\na = 1\nb = 3\nc = 4\n"
            .parse()
            .unwrap();
        assert_eq!(a, want);
    }
}
