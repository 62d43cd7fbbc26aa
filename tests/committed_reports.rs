//! The committed reports under `reports/` are what the shipped scenarios
//! produce with their own settings, byte for byte: every file of the folder
//! (summary files, charts, `index.md`), nothing missing and nothing extra.
//! Regenerate a stale one with `cargo run --release -- run scenarios/<file>.toml`.
//! The committed analyses (sensitivity analyses of a scenario and of its
//! difference with the counterfactual, an optimisation, a calibration, a
//! comparison and the French run report) are checked the same way by
//! running their commands into a temporary folder.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::tree;
use esante::Scenario;
use esante::analysis::run::Run;
use esante::engine::{self, Silent};
use esante::report::text::Lang;
use esante::report::{CALIBRATE_DIR, Format, OPTIMIZE_DIR, SENSITIVITY_DIR, against_dir};

#[test]
fn committed_reports_are_fresh() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let s = Scenario::load(path).unwrap();
        let st = engine::run(&s, s.simulation, &Silent);
        let run = Run {
            scenario: &s,
            stats: &st,
        };
        let dir = format!("reports/{}", s.name);
        let regenerate = format!(
            "regenerate it with `cargo run --release -- run {}`",
            path.display()
        );
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{dir} is missing: {regenerate}"))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            // The committed analyses and translations are checked below.
            .filter(|n| {
                ![SENSITIVITY_DIR, OPTIMIZE_DIR, CALIBRATE_DIR, FRENCH].contains(&n.as_str())
                    && !n.starts_with(&against_dir(""))
            })
            .collect();
        let doc = esante::report::run::document(&run, &Format::ALL, Lang::En.locale()).unwrap();
        let manifest = doc.manifest();
        let files: Vec<&esante::report::Artifact> =
            doc.artifacts.iter().chain([&manifest]).collect();
        let expected: BTreeSet<String> = files.iter().map(|a| a.name.clone()).collect();
        assert_eq!(
            on_disk, expected,
            "{dir} does not hold exactly the report's files: {regenerate}"
        );
        for a in files {
            let file = format!("{dir}/{}", a.name);
            let committed = std::fs::read(&file).unwrap();
            assert!(committed == a.bytes, "{file} is stale: {regenerate}");
            checked += 1;
        }
    }
    // Three shipped scenarios: summary.csv, summary.json, scenario.toml,
    // six charts in two formats, index.md and the manifest each.
    assert_eq!(checked, 3 * 17);
}

/// The folder of a French report inside the English one.
const FRENCH: &str = "fr";

/// The committed analyses: the command's arguments and the folder it writes
/// by default.
const ANALYSES: &[(&[&str], &str)] = &[
    (
        &["run", "scenarios/acceleration-2021.toml", "--lang", "fr"],
        "reports/acceleration-2021/fr",
    ),
    (
        &["sensitivity", "scenarios/acceleration-2021.toml"],
        "reports/acceleration-2021/sensitivity",
    ),
    (
        &[
            "sensitivity",
            "scenarios/acceleration-2021.toml",
            "--against",
            "scenarios/no-program.toml",
        ],
        "reports/acceleration-2021/sensitivity-against-no-program",
    ),
    (
        &["optimize", "scenarios/acceleration-2021.toml"],
        "reports/acceleration-2021/optimize",
    ),
    (
        &[
            "calibrate",
            "scenarios/acceleration-2021.toml",
            "--draws",
            "1000000",
        ],
        "reports/acceleration-2021/calibrated",
    ),
    (
        &[
            "compare",
            "scenarios/no-program.toml",
            "scenarios/acceleration-2021.toml",
            "scenarios/acceleration-2022-revised.toml",
        ],
        "reports/compare-no-program-vs-acceleration-2021-vs-acceleration-2022-revised",
    ),
];

#[test]
fn committed_analyses_are_fresh() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, (args, dir)) in ANALYSES.iter().enumerate() {
        let out = tmp.path().join(i.to_string());
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_esante"))
            .args(*args)
            .arg("--quiet")
            .arg("--out")
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "esante {args:?} failed");
        let regenerate = format!(
            "regenerate it with `cargo run --release -- {}`",
            args.join(" ")
        );
        let (fresh, committed) = (tree(&out), tree(Path::new(dir)));
        assert_eq!(
            fresh.keys().collect::<Vec<_>>(),
            committed.keys().collect::<Vec<_>>(),
            "{dir} does not hold exactly the analysis' files: {regenerate}"
        );
        for (name, bytes) in &fresh {
            assert!(
                committed[name] == *bytes,
                "{dir}/{name} is stale: {regenerate}"
            );
        }
    }
}

#[test]
fn reports_holds_only_committed_reports() {
    let scenarios: BTreeSet<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| Scenario::load(&p).unwrap().name)
        .collect();
    for e in std::fs::read_dir("reports").unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // an interrupted write's temporary folder, ignored by git
        }
        let known = scenarios.contains(&name)
            || ANALYSES
                .iter()
                .any(|(_, d)| *d == format!("reports/{name}"));
        assert!(
            known,
            "reports/{name} is not produced by a shipped scenario or analysis"
        );
    }
}
