//! `esante optimize` from the command line: the report's files, their
//! independence from the thread count, and bad settings (in the file or in
//! a flag) refused with exit 2 and a message naming the key or the flag.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

const SCENARIO: &str = "scenarios/acceleration-2021.toml";

/// Every file of a folder, by name.
fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_report_has_its_files_and_does_not_depend_on_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let mut runs = Vec::new();
    for threads in ["1", "3"] {
        let out = tmp.path().join(threads);
        esante()
            .args([
                "optimize",
                SCENARIO,
                "--draws",
                "700",
                "--step",
                "0.25",
                "--threads",
                threads,
                "--quiet",
            ])
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        runs.push(files(&out));
    }
    assert_eq!(runs[0], runs[1]);
    let names: Vec<&str> = runs[0].iter().map(|(n, _)| n.as_str()).collect();
    for f in [
        "candidates.csv",
        "optimize.json",
        "index.md",
        "manifest.sha256",
        "frontier.png",
        "frontier.svg",
        "allocation.png",
        "allocation.svg",
        "gain.png",
        "gain.svg",
        "marginal.png",
        "marginal.svg",
    ] {
        assert!(names.contains(&f), "{f} missing from {names:?}");
    }
    let csv = String::from_utf8(
        runs[0]
            .iter()
            .find(|(n, _)| n == "candidates.csv")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        "candidate,training,research,maturation,experimentation,deployment,mean,sd,p5,p10,p50,p90,p95,pareto"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &runs[0]
            .iter()
            .find(|(n, _)| n == "optimize.json")
            .unwrap()
            .1,
    )
    .unwrap();
    for k in ["current", "best", "robust"] {
        let c = &json[k];
        assert!(c["allocation"]["training"].is_number(), "{k}");
        assert!(c["out_of_sample"]["mean"].is_number(), "{k}");
        assert!(c["gain_out_of_sample"]["prob_better"].is_number(), "{k}");
    }
    assert!(json["marginal_returns"]["best"]["deployment"].is_number());
    assert_eq!(json["objective"]["metric"], "adoption.esms");
}

#[test]
fn flags_override_the_file_and_bad_flags_name_themselves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let fails = |args: &[&str], says: &str| {
        esante()
            .arg("optimize")
            .arg(SCENARIO)
            .args(args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    };
    fails(
        &["--objective", "adoption.esm@2027"],
        "--objective: unknown metric `adoption.esm`; did you mean `adoption.esms`?",
    );
    fails(
        &["--objective", "adoption.esms@2045"],
        "within the horizon, 2021 to 2030, got 2045",
    );
    fails(&["--objective", "adoption.esms"], "expected METRIC@YEAR");
    fails(
        &["--step", "0"],
        "--step: must be a share of the envelope above 0 and at most 0.5",
    );
    fails(&["--step", "0.6"], "--step");
    fails(
        &["--axes", "training,training"],
        "--axes: axis `training` is listed twice",
    );
    fails(&["--axes", "trainng"], "did you mean `training`?");
    fails(
        &["--min", "deployment=400", "--min", "training=200"],
        "--min: the minimums add up to 600 M EUR, above the envelope of 545 M EUR",
    );
    fails(
        &[
            "--envelope",
            "100",
            "--max",
            "training=10",
            "--max",
            "research=10",
            "--max",
            "maturation=10",
            "--max",
            "experimentation=10",
            "--max",
            "deployment=10",
        ],
        "--max: the maximums add up to 50 M EUR, below the envelope of 100 M EUR",
    );
    fails(
        &["--min", "training=x"],
        "--min: `x` is not a number of M EUR",
    );
    fails(&["--min", "training"], "--min: expected AXIS=MEUR");
    fails(
        &["--max", "training=5", "--min", "training=10"],
        "the minimum 10 M EUR is above the maximum 5 M EUR",
    );
    fails(
        &["--statistic", "prob"],
        "needs exactly one of --at-least or --at-most",
    );
    fails(&["--statistic", "p0"], "unknown statistic `p0`");
    fails(
        &["--at-least", "0.5", "--statistic", "mean"],
        "--at-least: only with statistic",
    );
    fails(&["--envelope", "0"], "--envelope: must be above 0 M EUR");
    fails(
        &["--step", "0.001", "--draws", "10"],
        "more than 300000: use a larger --step or fewer --axes",
    );
    assert!(!out.exists(), "nothing is written on bad input");
}

#[test]
fn bad_optimize_tables_are_located_in_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(SCENARIO).unwrap();
    let base = base.split("[optimize]").next().unwrap().to_string();
    let cases: &[(&str, &str)] = &[
        (
            "objective = { metric = \"adoption.esms\", year = 2040 }",
            "optimize.objective.year",
        ),
        (
            "objective = { metric = \"adoption.esms\", year = 2027, statistic = \"prob\" }",
            "needs exactly one of `at_least` or `at_most`",
        ),
        (
            "objective = { metric = \"adoption.esms\", years = [2028, 2025] }",
            "the first year must not be after the last",
        ),
        (
            "objective = { metric = \"nope\", year = 2027 }",
            "unknown metric `nope`",
        ),
        ("step = 0.75", "optimize.step"),
        ("axes = [\"training\", \"bogus\"]", "optimize.axes[1]"),
        (
            "min = { deployment = 600 }",
            "the minimums add up to 600 M EUR",
        ),
        ("max = { training = -1 }", "optimize.max.training"),
        ("colour = \"red\"", "colour"),
    ];
    for (i, (table, says)) in cases.iter().enumerate() {
        let p = common::write(
            tmp.path(),
            &format!("s{i}.toml"),
            &format!("{base}[optimize]\n{table}\n"),
        );
        let line = base.lines().count() + 2;
        esante()
            .arg("check")
            .arg(&p)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*says))
            .stderr(predicate::str::contains(format!(":{line}:")));
    }
}

#[test]
fn a_free_axis_without_money_needs_a_schedule() {
    let tmp = tempfile::tempdir().unwrap();
    let p = common::write(
        tmp.path(),
        "s.toml",
        r#"
[scenario]
name = "idle"
start_year = 2021
end_year = 2025
[axes.a]
budget = 10
schedule = { from = 2022, to = 2023 }
half_saturation = 10
[axes.idle]
budget = 0
half_saturation = 10
[segments.s]
population = 100
initial_adoption = 0.1
p = 0.01
q = 0.3
ceiling = 0.9
value_per_adopter = 1000
lift.p = { a = 0.5, idle = 0.5 }
"#,
    );
    esante()
        .args([
            "optimize",
            "--objective",
            "adoption.s@2025",
            "--axes",
            "a,idle",
        ])
        .arg(&p)
        .arg("--out")
        .arg(tmp.path().join("o"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("axis `idle` has no schedule"));
    // Without --axes, the free axes are those with a schedule.
    esante()
        .args([
            "optimize",
            "--objective",
            "adoption.s@2025",
            "--quiet",
            "--draws",
            "100",
        ])
        .arg(&p)
        .arg("--out")
        .arg(tmp.path().join("o"))
        .assert()
        .success();
}
