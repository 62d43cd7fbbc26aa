//! French reports: the page of a small scenario matches its golden file;
//! `--lang fr` and `[report] lang = "fr"` give the same report, byte for
//! byte; the data files do not depend on the language; a French report goes
//! by default beside the English one, never over it; and every French page
//! keeps the French typography (no English decimal point, a narrow no-break
//! space before `:` `;` `?` `!` `%`).

mod common;

use std::path::Path;

use assert_cmd::Command;

use common::tree;
use esante::Scenario;
use esante::analysis::run::Run;
use esante::engine::{self, Silent};
use esante::report::Format;
use esante::report::provenance::VERSION;
use esante::report::text::Lang;

const SMALL: &str = "tests/scenarios/small.toml";

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

/// `esante run scenario --quiet --out out extra...`.
fn run(scenario: &Path, out: &Path, extra: &[&str]) {
    esante()
        .arg("run")
        .arg(scenario)
        .args(["--quiet", "--format", "svg", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .success()
        .stdout("");
}

/// `small.toml` with a `[report]` table asking for `lang`, in `dir`.
fn small_in(dir: &Path, lang: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(SMALL).unwrap();
    let path = dir.join("small.toml");
    std::fs::write(&path, format!("{text}\n[report]\nlang = \"{lang}\"\n")).unwrap();
    path
}

/// `index.md` of tests/scenarios/small.toml in French at its own seed,
/// compared with the golden file. After an intended change, regenerate it
/// with `UPDATE_GOLDEN=1 cargo test --release --test french` and review the
/// diff.
#[test]
fn french_index_md_matches_the_golden_file() {
    let s = Scenario::load(SMALL.as_ref()).unwrap();
    let st = engine::run(&s, s.simulation, &Silent);
    let run = Run {
        scenario: &s,
        stats: &st,
    };
    let doc = esante::report::run::document(&run, &[Format::Svg], Lang::Fr.locale()).unwrap();
    let page = String::from_utf8(doc.get("index.md").unwrap().bytes.clone()).unwrap();
    let golden = Path::new("tests/golden/small-index.fr.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, &page).unwrap();
    }
    let want = std::fs::read_to_string(golden).expect("tests/golden/small-index.fr.md");
    assert!(
        page == want,
        "index.md differs from {}; if intended, regenerate it with UPDATE_GOLDEN=1",
        golden.display()
    );
    let n = '\u{202f}';
    for part in [
        "## Résultats clés".to_string(),
        "| graine | 7 |".to_string(),
        format!("| tirages | 2{n}000 |"),
        "| Training | 30 |".to_string(),
        "pert(0,6\u{202f}; 0,85\u{202f}; 1)".to_string(),
        "| Market reaches 25 M EUR | `market.total` | 2025 |".to_string(),
        "--sampling mc --lang fr`".to_string(),
        "![Marché](market.svg)".to_string(),
        "![Marché à l'horizon](market-distribution.svg)".to_string(),
    ] {
        assert!(page.contains(&part), "index.md lacks {part:?}");
    }
    assert_french(&page, &s, "index.md");
}

#[test]
fn the_flag_and_the_scenario_table_give_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let by_table = small_in(dir.path(), "fr");
    let (flag, table) = (dir.path().join("flag"), dir.path().join("table"));
    run(SMALL.as_ref(), &flag, &["--lang", "fr"]);
    run(&by_table, &table, &[]);
    let (a, b) = (tree(&flag), tree(&table));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs");
    }
    // The hash leaves `[report]` out: one scenario, one hash in every language.
    let plain = Scenario::load(SMALL.as_ref()).unwrap();
    let french = Scenario::load(&by_table).unwrap();
    assert_eq!(plain.hash, french.hash);
    assert_eq!(french.lang, Lang::Fr);

    // The flag wins over the table, and the page says so to regenerate it.
    let en = dir.path().join("en");
    let en_override = dir.path().join("en-override");
    run(SMALL.as_ref(), &en, &[]);
    run(&by_table, &en_override, &["--lang", "en"]);
    let page = |d: &Path| std::fs::read_to_string(d.join("index.md")).unwrap();
    assert!(page(&en).contains("## Key results"));
    assert!(!page(&en).contains("--lang"));
    assert_eq!(
        page(&en_override),
        page(&en).replace("--sampling mc`", "--sampling mc --lang en`")
    );
}

#[test]
fn data_files_do_not_depend_on_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let (en, fr) = (dir.path().join("en"), dir.path().join("fr"));
    run(SMALL.as_ref(), &en, &[]);
    run(SMALL.as_ref(), &fr, &["--lang", "fr"]);
    for file in ["summary.csv", "summary.json"] {
        let (a, b) = (
            std::fs::read(en.join(file)).unwrap(),
            std::fs::read(fr.join(file)).unwrap(),
        );
        assert!(a == b, "{file} differs between en and fr");
    }
    let page = std::fs::read_to_string(fr.join("index.md")).unwrap();
    assert!(page.contains("## Résultats clés"));
}

#[test]
fn a_french_report_goes_beside_the_english_one() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::fs::canonicalize(SMALL).unwrap();
    let at = |args: &[&str]| {
        esante()
            .current_dir(dir.path())
            .arg("run")
            .arg(&scenario)
            .args(["--quiet", "--format", "svg"])
            .args(args)
            .assert()
            .success();
    };
    at(&["--lang", "fr"]);
    let (en, fr) = (
        dir.path().join("reports/small"),
        dir.path().join("reports/small/fr"),
    );
    assert!(fr.join("index.md").is_file());
    assert!(!en.join("index.md").exists());
    let french = tree(&fr);
    at(&[]);
    assert!(en.join("index.md").is_file());
    assert_eq!(
        tree(&fr),
        french,
        "the English run touched the French report"
    );
}

/// The scenario's own words (titles, labels, units, sources): they are in
/// the scenario's language, not the report's.
fn user_text(s: &Scenario) -> Vec<String> {
    let mut words = vec![s.title.clone(), s.description.clone().unwrap_or_default()];
    words.extend(s.axes.iter().map(|a| a.label.clone()));
    words.extend(
        s.segments
            .iter()
            .flat_map(|g| [g.label.clone(), g.unit.clone()]),
    );
    words.extend(s.targets.iter().map(|t| t.label.clone()));
    words.extend(s.observed.iter().map(|o| o.source.clone()));
    words.retain(|w| !w.is_empty());
    // Longest first, so that a label inside a title goes with the title.
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
}

/// Asserts that `page`, once code spans and the scenario's own words are
/// taken out, has no English decimal point, a narrow no-break space before
/// every `:` `;` `?` `!` `%` that ends a word, and none of a few English
/// words.
fn assert_french(page: &str, s: &Scenario, what: &str) {
    let mut text = page.replace(VERSION, "");
    for w in user_text(s) {
        // Markdown escapes `|` in table cells.
        text = text.replace(&w.replace('|', "\\|"), "").replace(&w, "");
    }
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("|-") {
            continue; // a table's alignment row
        }
        let mut prose = String::new();
        for (k, part) in line.split('`').enumerate() {
            if k % 2 == 0 {
                prose.push_str(part);
                prose.push(' ');
            }
        }
        let chars: Vec<char> = prose.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            let at = || format!("{what}, line {}: {line}", i + 1);
            if matches!(c, ':' | ';' | '?' | '!' | '%') {
                let ends_word = chars.get(k + 1).is_none_or(|n| n.is_whitespace());
                if ends_word && c != '%' || c == '%' && k > 0 && chars[k - 1].is_ascii_digit() {
                    assert!(
                        k > 0 && chars[k - 1] == '\u{202f}',
                        "no U+202F before {c:?}: {}",
                        at()
                    );
                }
                if c == '%' && k > 1 && chars[k - 1] == ' ' && chars[k - 2].is_ascii_digit() {
                    panic!("a plain space before %: {}", at());
                }
            }
            if c == '.' && k > 0 && k + 1 < chars.len() {
                let (a, b) = (chars[k - 1], chars[k + 1]);
                assert!(
                    !(a.is_ascii_digit() && b.is_ascii_digit()),
                    "an English decimal point: {}",
                    at()
                );
            }
        }
        for english in [
            " the ", " to ", " draws", " of the ", " median", "Warning", " and ",
        ] {
            assert!(!prose.contains(english), "English {english:?} in {}", what);
        }
    }
}

/// Every report of every command in French: run, compare, sensitivity,
/// optimize and calibrate, on the shipped scenarios with few draws.
#[test]
fn every_french_page_keeps_the_french_typography() {
    let dir = tempfile::tempdir().unwrap();
    let a21 = "scenarios/acceleration-2021.toml";
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("run", &[a21], &["--draws", "2000"]),
        (
            "compare",
            &["scenarios/no-program.toml", a21],
            &["--draws", "2000"],
        ),
        ("sensitivity", &[a21], &["--draws", "500"]),
        ("optimize", &[a21], &["--draws", "200", "--step", "0.25"]),
        ("calibrate", &[a21], &["--draws", "5000"]),
    ];
    for (command, scenarios, extra) in cases {
        let out = dir.path().join(command);
        esante()
            .arg(command)
            .args(*scenarios)
            .args(*extra)
            .args(["--quiet", "--format", "svg", "--lang", "fr", "--out"])
            .arg(&out)
            .assert()
            .success();
        let mut page = std::fs::read_to_string(out.join("index.md")).unwrap();
        // Take out the other scenarios' words first.
        for p in &scenarios[..scenarios.len() - 1] {
            let other = Scenario::load(p.as_ref()).unwrap();
            for w in user_text(&other) {
                page = page.replace(&w, "");
            }
        }
        let s = Scenario::load(scenarios[scenarios.len() - 1].as_ref()).unwrap();
        assert_french(&page, &s, command);
    }
}
