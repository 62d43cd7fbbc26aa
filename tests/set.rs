//! `--set PATH=VALUE`: a value given on the command line acts like the same
//! value written in the file, is recorded in the report (provenance, hash,
//! the command that regenerates it), applies to every scenario of a
//! comparison, and a bad one is an input error that names its flag.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const SCENARIO: &str = "tests/scenarios/small.toml";

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

fn run(scenario: &Path, out: &Path, extra: &[&str]) {
    esante()
        .arg("run")
        .arg(scenario)
        .args(["--draws", "2000", "--format", "svg", "--quiet", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_value_set_on_the_command_line_acts_like_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = read(Path::new(SCENARIO));
    assert!(text.contains("q = 0.4\n"));
    let edited = dir.path().join("edited.toml");
    std::fs::write(&edited, text.replacen("q = 0.4\n", "q = 0.55\n", 1)).unwrap();
    let (set, file, plain) = (
        dir.path().join("set"),
        dir.path().join("file"),
        dir.path().join("plain"),
    );
    run(
        Path::new(SCENARIO),
        &set,
        &["--set", "segments.clinics.q=0.55"],
    );
    run(&edited, &file, &[]);
    run(Path::new(SCENARIO), &plain, &[]);
    // The same numbers as the edited file, and not those of the file as it is.
    assert_eq!(
        read(&set.join("summary.csv")),
        read(&file.join("summary.csv"))
    );
    assert_ne!(
        read(&set.join("summary.csv")),
        read(&plain.join("summary.csv"))
    );
    // The same resolved scenario, hence the same hash; recorded as set.
    let json = |d: &Path| -> serde_json::Value {
        serde_json::from_str(&read(&d.join("summary.json"))).unwrap()
    };
    let (s, f, p) = (json(&set), json(&file), json(&plain));
    assert_eq!(s["scenario"]["hash"], f["scenario"]["hash"]);
    assert_ne!(s["scenario"]["hash"], p["scenario"]["hash"]);
    assert_eq!(s["scenario"]["overrides"][0], "segments.clinics.q=0.55");
    assert!(f["scenario"].get("overrides").is_none());
    let page = read(&set.join("index.md"));
    assert!(page.contains("| set on the command line | --set segments.clinics.q=0.55 |"));
}

#[test]
fn the_regenerate_line_rebuilds_the_same_bytes_from_the_report_folder_alone() {
    // The page's own command, run by a shell in the report folder (on its
    // `scenario.toml`, the resolved scenario), gives the same report: every
    // file, the scenario file and the manifest included.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let dist = r#"segments.clinics.q={ dist = "pert", min = 0.3, mode = 0.5, max = 0.7 }"#;
    run(
        Path::new(SCENARIO),
        &a,
        &["--set", dist, "--set", "scenario.title=\"It's a test\""],
    );
    let page = read(&a.join("index.md"));
    let start = page.find("`esante run scenario.toml").unwrap() + 1;
    let end = start + page[start..].find('`').unwrap();
    let command = page[start..end].replacen("esante", "", 1);
    assert!(command.contains("--set 'segments.clinics.q="), "{command}");
    let resolved = read(&a.join("scenario.toml"));
    assert!(resolved.contains(&command[1..]), "{resolved}");
    let bin = assert_cmd::cargo::cargo_bin("esante");
    let status = std::process::Command::new("sh")
        .current_dir(&a)
        .arg("-c")
        .arg(format!(
            "'{}' {command} --format svg --quiet --out '{}'",
            bin.display(),
            b.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let files = |d: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    assert_eq!(files(&a), files(&b));
    assert!(files(&a).len() > 5);
    for f in files(&a) {
        assert_eq!(read(&a.join(&f)), read(&b.join(&f)), "{f:?}");
    }
}

#[test]
fn compare_sets_every_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    esante()
        .args(["compare", SCENARIO, SCENARIO, "--draws", "1000", "--quiet"])
        .args([
            "--format",
            "svg",
            "--set",
            "segments.clinics.ceiling=0.8",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let json = read(&out.join("comparison.json"));
    assert_eq!(
        json.matches("segments.clinics.ceiling=0.8").count(),
        2,
        "{json}"
    );
}

#[test]
fn a_bad_value_names_its_flag_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "segments.clinics.q=-1",
            "--set #2: segments.clinics.q: must be >= 0",
        ),
        (
            "segments.clinics.qq=1",
            "--set #2: segments.clinics.qq: unknown field `qq`",
        ),
        (
            "segments.clinics.q",
            "--set #2: `segments.clinics.q` has no `=`",
        ),
        (
            "segments.clinics.q={ dist = ",
            "--set #2: `{ dist =`: not a TOML value",
        ),
        (
            "segments.clinics.q.x=1",
            "--set #2: segments.clinics.q.x: `segments.clinics.q` is a number",
        ),
        (
            "targets[7].at_least=1",
            "--set #2: targets[7].at_least: `targets` has",
        ),
    ];
    let commands: [&[&str]; 5] = [
        &["run", SCENARIO],
        &["compare", SCENARIO, SCENARIO],
        &["sensitivity", SCENARIO],
        &["optimize", SCENARIO],
        &["calibrate", SCENARIO],
    ];
    for (value, message) in cases {
        for command in commands {
            esante()
                .args(command)
                .args(["--set", "simulation.draws=100", "--set", value, "--out"])
                .arg(dir.path().join("never"))
                .assert()
                .code(2)
                .stderr(predicate::str::contains(message))
                .stderr(predicate::str::contains("panicked").not());
        }
    }
    assert!(!dir.path().join("never").exists());
}
