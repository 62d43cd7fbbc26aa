//! Merging one file of an `extends` chain into what it inherits.
//!
//! A table written under a `[header]` or through dotted keys
//! (`lift.q.training = 0.3`) merges key by key. Every other value replaces
//! the inherited one as a whole: a number, a string, an array (arrays of
//! tables such as `[[targets]]` included), an inline table
//! (`schedule = { from = 2022, amounts = [...] }`) and a distribution table
//! (a table with a `dist` key, however it is written). So a child can switch
//! a schedule from `to` to `amounts`, or a parameter from one distribution
//! kind to another, without keeping the parent's other keys.

use std::collections::HashSet;

use toml::de::{DeTable, DeValue};

/// The key paths of the inline tables (`key = { ... }`) of one file, outside
/// arrays (an array replaces as a whole, whatever it holds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineTables(HashSet<Vec<String>>);

impl InlineTables {
    /// The inline tables of a file's text; none when the text is not TOML
    /// (its syntax error is reported before any merge).
    pub fn of(text: &str) -> InlineTables {
        let mut found = HashSet::new();
        if let Ok(doc) = DeTable::parse(text) {
            collect(text, doc.get_ref(), &mut Vec::new(), &mut found);
        }
        InlineTables(found)
    }

    /// Whether the table at `path` is written inline.
    pub fn contains(&self, path: &[String]) -> bool {
        self.0.contains(path)
    }
}

/// Adds the paths of the inline tables under `table` (at `path`) to `found`.
/// The parser does not say how a table was written, but its span does: an
/// inline table's value starts at its `{` (a `[header]` table's span starts
/// at `[`, a dotted-key table's at its key, and a bare key cannot hold `{`).
fn collect(text: &str, table: &DeTable, path: &mut Vec<String>, found: &mut HashSet<Vec<String>>) {
    for (key, value) in table.iter() {
        let DeValue::Table(inner) = value.get_ref() else {
            continue;
        };
        path.push(key.get_ref().to_string());
        if text
            .get(value.span().start..)
            .is_some_and(|t| t.starts_with('{'))
        {
            found.insert(path.clone());
        } else {
            collect(text, inner, path, found);
        }
        path.pop();
    }
}

/// Merges `over`, one file's table whose inline tables are `inline`, into
/// `base`, what the file inherits (see the module documentation).
pub fn merge(base: &mut toml::Table, over: toml::Table, inline: &InlineTables) {
    merge_at(base, over, inline, &mut Vec::new());
}

fn merge_at(
    base: &mut toml::Table,
    over: toml::Table,
    inline: &InlineTables,
    path: &mut Vec<String>,
) {
    for (k, v) in over {
        path.push(k.clone());
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o))
                if !o.contains_key("dist") && !inline.contains(path) =>
            {
                merge_at(b, o, inline, path)
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(parent: &str, child: &str) -> toml::Table {
        let mut a: toml::Table = parent.parse().unwrap();
        merge(&mut a, child.parse().unwrap(), &InlineTables::of(child));
        a
    }

    fn table(text: &str) -> toml::Table {
        text.parse().unwrap()
    }

    #[test]
    fn tables_merge_key_by_key_and_arrays_replace() {
        let a = merged(
            "x = 1\narr = [1, 2]\n[t]\na = 1\nb = 2\n",
            "arr = [3]\n[t]\nb = 3\nc = 4\n",
        );
        assert_eq!(a, table("x = 1\narr = [3]\n[t]\na = 1\nb = 3\nc = 4\n"));
    }

    #[test]
    fn inline_tables_are_found_by_their_brace() {
        let text = "[a]\ns = { from = 1, to = 2 }\nlift.q = { t = 1 }\nlift.p.t = 2\n\
                    [a.d]\nx = { per = { y = 1 } }\n[[arr]]\nn = { z = 1 }\n\
                    [\"{b\"]\n\"{c\".d = 1\n";
        let found = InlineTables::of(text);
        let has = |p: &[&str]| found.contains(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!(has(&["a", "s"]));
        assert!(has(&["a", "lift", "q"]));
        assert!(has(&["a", "d", "x"]));
        // Headers, dotted keys, what an inline table holds, arrays and
        // quoted keys holding a brace are not inline tables.
        for p in [
            &["a"][..],
            &["a", "lift"],
            &["a", "lift", "p"],
            &["a", "d"],
            &["a", "d", "x", "per"],
            &["arr"],
            &["{b"],
            &["{b", "{c"],
        ] {
            assert!(!has(p), "{p:?}");
        }
        assert_eq!(InlineTables::of("a = {"), InlineTables::default());
    }

    #[test]
    fn an_inline_table_replaces_the_inherited_value_as_a_whole() {
        let parent = "[axes.t]\nbudget = 10\nschedule = { from = 2022, to = 2026 }\n\
                      lift.q = { a = 1, b = 2 }\n";
        let child = "[axes.t]\nschedule = { from = 2022, amounts = [1, 2] }\nlift.q = { c = 3 }\n";
        assert_eq!(
            merged(parent, child),
            table(
                "[axes.t]\nbudget = 10\nschedule = { from = 2022, amounts = [1, 2] }\n\
                 lift.q = { c = 3 }\n"
            )
        );
        // A header or dotted keys merge into the inherited table.
        let child = "[axes.t.schedule]\nto = 2024\n[axes.t.lift.q]\nc = 3\n";
        assert_eq!(
            merged(parent, child),
            table(
                "[axes.t]\nbudget = 10\nschedule = { from = 2022, to = 2024 }\n\
                 lift.q = { a = 1, b = 2, c = 3 }\n"
            )
        );
        let child = "[axes.t]\nlift.q.c = 3\n";
        assert_eq!(
            merged(parent, child)["axes"]["t"]["lift"]["q"],
            table("a = 1\nb = 2\nc = 3\n").into()
        );
    }

    #[test]
    fn a_distribution_table_replaces_however_it_is_written() {
        let parent = "[s]\np = { dist = \"uniform\", min = 0, max = 1 }\n";
        let child = "[s.p]\ndist = \"lognormal\"\np5 = 1\np95 = 2\n";
        assert_eq!(
            merged(parent, child),
            table("[s]\np = { dist = \"lognormal\", p5 = 1, p95 = 2 }\n")
        );
    }
}
