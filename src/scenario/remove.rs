//! `[scenario] remove`: the inherited entries a file of an `extends` chain
//! takes away before its own values are merged.
//!
//! An entry is named by its key path, as in error messages: an axis
//! (`axes.deployment`), a segment (`segments.esms`), a deliverable
//! (`axes.training.deliverables.lawyers`), a lift
//! (`segments.hospitals.lift.q.deployment`, `market.lift.export_ratio.deployment`),
//! the `[optimize]` table or one of its bounds (`optimize.min.training`), the
//! `[economics]` table (`economics`), or
//! an element of an array of tables by its index from 0 (`targets[1]`,
//! `correlations[0]`, `observed[2]`, indices of the inherited array). Naming
//! anything else, anything not inherited, or the same entry twice is an
//! error; so is removing an element of an array the file itself sets (its
//! own array replaces the inherited one whole).

use super::error::{Issue, closest, short_list};

/// One step of a key path: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A table key.
    Key(String),
    /// An index in an array, from 0.
    Index(usize),
}

/// One entry of a file's `remove` list, checked and applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// The file that lists it: its index in the chain, most derived first.
    pub file: usize,
    /// Its index in the file's `remove` array.
    pub entry: usize,
    /// The key path as written.
    pub text: String,
    /// The key path's steps.
    pub parts: Vec<Part>,
}

impl Removal {
    /// The id the entry removes when others may refer to it by name (an
    /// axis, a segment, a deliverable); `None` for the rest.
    pub fn named_id(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Key(t), Part::Key(id)] if t == "axes" || t == "segments" => Some(id),
            [_, _, Part::Key(d), Part::Key(id)] if d == "deliverables" => Some(id),
            _ => None,
        }
    }
}

/// The arrays of tables whose elements can be removed by index.
pub const ARRAYS: [&str; 3] = ["targets", "correlations", "observed"];

/// What `remove` accepts, for help lines.
const ALLOWED: &str = "remove takes an axis `axes.<id>`, a segment `segments.<id>`, a \
    deliverable `axes.<id>.deliverables.<name>`, a lift `segments.<id>.lift.<p|q|ceiling>.<axis>` \
    or `market.lift.export_ratio.<axis>`, `optimize` or one of its bounds `optimize.<min|max>.<axis>`, \
    `economics`, or an element `targets[i]`, `correlations[i]` or `observed[i]` (i counted from 0); to change \
    a value instead, set it in this file";

/// Checks the `remove` list of one file against `inherited` (the merge of
/// its parents, from `parent`, named in messages) and `own` (the file's own
/// table), and takes the entries away from `inherited`. Returns the
/// removals in list order, or the problems, one per bad entry (paths
/// `scenario.remove[i]`).
pub fn apply(
    inherited: &mut toml::Table,
    own: &toml::Table,
    list: &[String],
    file: usize,
    parent: &str,
) -> Result<Vec<Removal>, Vec<Issue>> {
    let mut done: Vec<Removal> = Vec::new();
    let mut issues = Vec::new();
    for (entry, text) in list.iter().enumerate() {
        let at = format!("scenario.remove[{entry}]");
        let checked = check(inherited, own, text, parent).and_then(|parts| {
            match done.iter().find(|r| r.parts == parts) {
                Some(r) => Err(Issue::new(
                    &at,
                    format!(
                        "`{text}` is already removed by scenario.remove[{}]",
                        r.entry
                    ),
                )
                .help("list each entry once")),
                None => Ok(parts),
            }
        });
        match checked {
            Ok(parts) => done.push(Removal {
                file,
                entry,
                text: text.clone(),
                parts,
            }),
            Err(mut issue) => {
                issue.path = at;
                issues.push(issue);
            }
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    // Elements of an array go last first, so the indices of the others hold.
    let mut order: Vec<&Removal> = done.iter().collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.parts.last().and_then(index)));
    for r in order {
        take(inherited, &r.parts);
    }
    Ok(done)
}

/// The index of a step, if it is one.
fn index(p: &Part) -> Option<usize> {
    match p {
        Part::Index(i) => Some(*i),
        Part::Key(_) => None,
    }
}

/// The steps of one entry, or why it cannot be removed (path left empty).
fn check(
    inherited: &toml::Table,
    own: &toml::Table,
    text: &str,
    parent: &str,
) -> Result<Vec<Part>, Issue> {
    let Some(parts) = parse_path(text) else {
        return Err(Issue::new("", format!("`{text}` is not a key path")).help(ALLOWED));
    };
    if !removable(&parts) {
        return Err(Issue::new(
            "",
            format!("`{text}` cannot be removed: `remove` takes whole entries"),
        )
        .help(ALLOWED));
    }
    if let [Part::Key(array), Part::Index(_)] = parts.as_slice()
        && own.contains_key(array)
    {
        return Err(Issue::new(
            "",
            format!(
                "`{text}` cannot be removed: this file's own `[[{array}]]` replace every \
                 inherited one"
            ),
        )
        .help(format!(
            "keep the {array} you want in this file's `[[{array}]]`, or drop them from this \
             file to remove inherited ones one by one"
        )));
    }
    find(inherited, &parts, text, parent)?;
    Ok(parts)
}

/// The steps of a key path: keys (bare, `[A-Za-z0-9_-]+`, or in double
/// quotes) joined by dots, each optionally followed by indices `[i]`.
pub(super) fn parse_path(text: &str) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"')?;
            parts.push(Part::Key(quoted[..end].to_string()));
            rest = &quoted[end + 1..];
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            if end == 0 {
                return None;
            }
            parts.push(Part::Key(rest[..end].to_string()));
            rest = &rest[end..];
        }
        while let Some(inside) = rest.strip_prefix('[') {
            let end = inside.find(']')?;
            let digits = &inside[..end];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            parts.push(Part::Index(digits.parse().ok()?));
            rest = &inside[end + 1..];
        }
        match rest.strip_prefix('.') {
            Some(next) => rest = next,
            None if rest.is_empty() => return Some(parts),
            None => return None,
        }
    }
}

/// Whether `parts` names a whole entry (see the module documentation).
fn removable(parts: &[Part]) -> bool {
    let keys: Option<Vec<&str>> = parts
        .iter()
        .map(|p| match p {
            Part::Key(k) => Some(k.as_str()),
            Part::Index(_) => None,
        })
        .collect();
    match (keys.as_deref(), parts) {
        (Some(["axes" | "segments", _]), _) => true,
        (Some(["axes", _, "deliverables", _]), _) => true,
        (Some(["segments", _, "lift", "p" | "q" | "ceiling", _]), _) => true,
        (Some(["market", "lift", "export_ratio", _]), _) => true,
        (Some(["optimize" | "economics"]), _) => true,
        (Some(["optimize", "min" | "max", _]), _) => true,
        (None, [Part::Key(array), Part::Index(_)]) => ARRAYS.contains(&array.as_str()),
        _ => false,
    }
}

/// Checks that `parts` is in `inherited`; else says what is there.
fn find(inherited: &toml::Table, parts: &[Part], text: &str, parent: &str) -> Result<(), Issue> {
    let mut here: Option<&toml::Table> = Some(inherited);
    let mut array: Option<&Vec<toml::Value>> = None;
    for (depth, part) in parts.iter().enumerate() {
        let next = match (part, here, array) {
            (Part::Key(k), Some(t), _) => t.get(k.as_str()),
            (Part::Index(i), _, Some(a)) => a.get(*i),
            _ => None,
        };
        let Some(value) = next else {
            return Err(missing(parts, depth, here, array, text, parent));
        };
        here = value.as_table();
        array = value.as_array();
    }
    Ok(())
}

/// The problem of a path whose step `depth` is not inherited: the keys of
/// `table` or the elements of `array` are what is there.
fn missing(
    parts: &[Part],
    depth: usize,
    table: Option<&toml::Table>,
    array: Option<&Vec<toml::Value>>,
    text: &str,
    parent: &str,
) -> Issue {
    let prefix = &parts[..=depth];
    let shown = show(prefix);
    let whole = if shown == text {
        String::new()
    } else {
        format!(" (the start of `{text}`)")
    };
    match (parts, array) {
        ([Part::Key(name), Part::Index(_)], Some(a)) if !a.is_empty() => Issue::new(
            "",
            format!(
                "cannot remove `{text}`: the scenario inherited from {parent} has {}",
                match a.len() {
                    1 => format!("one element in `[[{name}]]`, `{name}[0]`"),
                    n => format!(
                        "{n} elements in `[[{name}]]`, `{name}[0]` to `{name}[{}]`",
                        n - 1
                    ),
                }
            ),
        )
        .help(format!(
            "inherited {name}: {}",
            a.iter()
                .enumerate()
                .map(|(i, v)| describe(name, i, v))
                .collect::<Vec<_>>()
                .join("; ")
        )),
        ([Part::Key(name), Part::Index(_)], _) => Issue::new(
            "",
            format!("cannot remove `{text}`: the scenario inherited from {parent} has no {name}"),
        ),
        _ => {
            let keys: Vec<&str> = table
                .map(|t| t.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let last = match prefix.last() {
                Some(Part::Key(k)) => k.as_str(),
                _ => "",
            };
            let mut help = if keys.is_empty() {
                format!(
                    "nothing is inherited under `{}`",
                    show(&prefix[..prefix.len() - 1])
                )
            } else {
                format!(
                    "inherited {}: {}",
                    level(&prefix[..prefix.len() - 1]),
                    short_list(keys.iter().copied())
                )
            };
            if let Some(c) = closest(last, keys.iter().copied()) {
                help = format!("did you mean `{c}`? {help}");
            }
            Issue::new(
                "",
                format!(
                    "cannot remove `{text}`: the scenario inherited from {parent} has no \
                     `{shown}`{whole}"
                ),
            )
            .help(help)
        }
    }
}

/// What the keys under `prefix` are, in a help line (`axes`, `lifts of q of
/// segment hospitals`, ...).
fn level(prefix: &[Part]) -> String {
    let keys: Vec<&str> = prefix
        .iter()
        .map(|p| match p {
            Part::Key(k) => k.as_str(),
            Part::Index(_) => "",
        })
        .collect();
    match keys.as_slice() {
        [] => "tables".into(),
        ["axes"] => "axes".into(),
        ["segments"] => "segments".into(),
        ["axes", a] => format!("keys of axis `{a}`"),
        ["axes", a, "deliverables"] => format!("deliverables of axis `{a}`"),
        ["segments", s] => format!("keys of segment `{s}`"),
        ["segments", s, "lift"] => format!("lifts of segment `{s}`"),
        ["segments", s, "lift", c] => format!("axes lifting {c} of segment `{s}`"),
        ["market", "lift", "export_ratio"] => "axes lifting the export ratio".into(),
        ["optimize", b] => format!("axes with a bound in `optimize.{b}`"),
        _ => format!("keys under `{}`", show(prefix)),
    }
}

/// One inherited element of an array, for a help line: its index and what
/// identifies it.
fn describe(array: &str, i: usize, v: &toml::Value) -> String {
    let s = |k: &str| {
        v.get(k)
            .map(|x| x.as_str().map_or(x.to_string(), str::to_string))
    };
    let what = match array {
        "correlations" => [s("a"), s("b")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ~ "),
        _ => match s("label") {
            Some(label) => label,
            None => [s("metric"), s("year")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" in "),
        },
    };
    if what.is_empty() {
        format!("`{array}[{i}]`")
    } else {
        format!("`{array}[{i}]` ({what})")
    }
}

/// A key path written back: keys joined by dots (quoted when not bare),
/// indices in brackets.
pub fn show(parts: &[Part]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                let bare = !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if bare {
                    out.push_str(k);
                } else {
                    out.push_str(&format!("\"{k}\""));
                }
            }
            Part::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Takes the entry at `parts` (checked to exist) out of `table`, keeping the
/// order of what remains.
fn take(table: &mut toml::Table, parts: &[Part]) {
    let Some((last, path)) = parts.split_last() else {
        return;
    };
    let mut value: Option<&mut toml::Value> = None;
    let mut root = Some(table);
    for p in path {
        let next = match (p, root.take(), value.take()) {
            (Part::Key(k), Some(t), _) => t.get_mut(k.as_str()),
            (Part::Key(k), None, Some(toml::Value::Table(t))) => t.get_mut(k.as_str()),
            (Part::Index(i), None, Some(toml::Value::Array(a))) => a.get_mut(*i),
            _ => None,
        };
        let Some(next) = next else { return };
        value = Some(next);
    }
    match (last, root, value) {
        (Part::Key(k), Some(t), _) | (Part::Key(k), None, Some(toml::Value::Table(t))) => {
            t.remove(k.as_str());
        }
        (Part::Index(i), None, Some(toml::Value::Array(a))) if *i < a.len() => {
            a.remove(*i);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARENT: &str = "[axes.training]\nbudget = 1\ndeliverables.lawyers = { per_meur = 2 }\n\
        [axes.deployment]\nbudget = 2\n[segments.esms]\np = 1\n\
        [segments.hospitals]\nlift.q = { deployment = 0.1, training = 0.2 }\n\
        [market]\nlift.export_ratio = { deployment = 1 }\n\
        [optimize]\nmin = { training = 1 }\n\
        [economics]\ndiscount_rate = 0.025\n\
        [[targets]]\nmetric = \"market.total\"\nyear = 2030\n\
        [[targets]]\nmetric = \"adoption.esms\"\nyear = 2028\nlabel = \"ESMS\"\n\
        [[targets]]\nmetric = \"market.export\"\nyear = 2030\n";

    fn run(list: &[&str], own: &str) -> (toml::Table, Result<Vec<Removal>, Vec<Issue>>) {
        let mut t: toml::Table = PARENT.parse().unwrap();
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        let r = apply(&mut t, &own.parse().unwrap(), &list, 0, "base.toml");
        (t, r)
    }

    fn issues(list: &[&str], own: &str) -> Vec<Issue> {
        run(list, own).1.unwrap_err()
    }

    #[test]
    fn paths_parse_strictly() {
        use Part::*;
        let k = |s: &str| Key(s.to_string());
        assert_eq!(
            parse_path("axes.training"),
            Some(vec![k("axes"), k("training")])
        );
        assert_eq!(
            parse_path("targets[12]"),
            Some(vec![k("targets"), Index(12)])
        );
        assert_eq!(
            parse_path("segments.\"a.b\".p"),
            Some(vec![k("segments"), k("a.b"), k("p")])
        );
        for bad in [
            "",
            ".",
            "axes.",
            "axes..x",
            "axes x",
            "targets[]",
            "targets[-1]",
            "targets[1",
            "\"a",
            "a]",
        ] {
            assert_eq!(parse_path(bad), None, "{bad:?}");
        }
        assert_eq!(
            show(&parse_path("segments.\"a.b\".q[2]").unwrap()),
            "segments.\"a.b\".q[2]"
        );
    }

    #[test]
    fn whole_entries_are_removed_in_order() {
        let (t, r) = run(
            &[
                "axes.deployment",
                "segments.hospitals.lift.q.deployment",
                "market.lift.export_ratio.deployment",
                "targets[0]",
                "targets[2]",
                "axes.training.deliverables.lawyers",
                "optimize.min.training",
            ],
            "",
        );
        assert_eq!(r.unwrap().len(), 7);
        let axes: Vec<&String> = t["axes"].as_table().unwrap().keys().collect();
        assert_eq!(axes, ["training"]);
        assert!(
            t["axes"]["training"]["deliverables"]
                .as_table()
                .unwrap()
                .is_empty()
        );
        let lifts: Vec<&String> = t["segments"]["hospitals"]["lift"]["q"]
            .as_table()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(lifts, ["training"]);
        let targets = t["targets"].as_array().unwrap();
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0]["label"].as_str(), Some("ESMS"));
        let (t, r) = run(&["segments.esms", "optimize", "economics"], "");
        assert!(r.is_ok());
        let segments: Vec<&String> = t["segments"].as_table().unwrap().keys().collect();
        assert_eq!(segments, ["hospitals"]);
        assert!(!t.contains_key("optimize"));
        assert!(!t.contains_key("economics"));
        // One key of it is not an entry: set it instead.
        assert!(!issues(&["economics.discount_rate"], "").is_empty());
    }

    #[test]
    fn what_is_not_inherited_is_named_with_what_is() {
        let i = issues(&["axes.deploymnt"], "");
        assert_eq!(i[0].path, "scenario.remove[0]");
        assert_eq!(
            i[0].message,
            "cannot remove `axes.deploymnt`: the scenario inherited from base.toml has no `axes.deploymnt`"
        );
        assert_eq!(
            i[0].help.as_deref(),
            Some("did you mean `deployment`? inherited axes: training, deployment")
        );
        let i = issues(&["segments.hospitals.lift.p.training"], "");
        assert!(i[0].message.ends_with("has no `segments.hospitals.lift.p` (the start of `segments.hospitals.lift.p.training`)"), "{}", i[0].message);
        assert_eq!(
            i[0].help.as_deref(),
            Some("inherited lifts of segment `hospitals`: q")
        );
        let i = issues(&["targets[3]"], "");
        assert!(
            i[0].message
                .ends_with("has 3 elements in `[[targets]]`, `targets[0]` to `targets[2]`"),
            "{}",
            i[0].message
        );
        assert_eq!(
            i[0].help.as_deref(),
            Some(
                "inherited targets: `targets[0]` (market.total in 2030); `targets[1]` (ESMS); `targets[2]` (market.export in 2030)"
            )
        );
        let i = issues(&["observed[0]"], "");
        assert!(
            i[0].message.ends_with("has no observed"),
            "{}",
            i[0].message
        );
    }

    #[test]
    fn other_paths_duplicates_and_own_arrays_are_refused() {
        let i = issues(
            &[
                "axes.training.budget",
                "axes..x",
                "scenario.name",
                "targets",
            ],
            "",
        );
        assert_eq!(i.len(), 4);
        assert!(i[0].message.contains("`remove` takes whole entries"));
        assert!(
            i[0].help
                .as_deref()
                .unwrap()
                .contains("an axis `axes.<id>`")
        );
        assert_eq!(i[1].message, "`axes..x` is not a key path");
        assert_eq!(i[1].path, "scenario.remove[1]");
        let i = issues(&["axes.training", "axes.\"training\""], "");
        assert_eq!(i.len(), 1);
        assert_eq!(i[0].path, "scenario.remove[1]");
        assert_eq!(
            i[0].message,
            "`axes.\"training\"` is already removed by scenario.remove[0]"
        );
        let i = issues(&["targets[0]"], "[[targets]]\nmetric = \"x\"\n");
        assert!(
            i[0].message
                .contains("this file's own `[[targets]]` replace every inherited one")
        );
    }

    #[test]
    fn named_ids() {
        let r = |s: &str| Removal {
            file: 0,
            entry: 0,
            text: s.into(),
            parts: parse_path(s).unwrap(),
        };
        assert_eq!(r("axes.x").named_id(), Some("x"));
        assert_eq!(r("segments.y").named_id(), Some("y"));
        assert_eq!(r("axes.x.deliverables.z").named_id(), Some("z"));
        assert_eq!(r("targets[0]").named_id(), None);
        assert_eq!(r("segments.s.lift.q.x").named_id(), None);
    }
}
