//! `esante run --precision`: where the rounds stop, against the closed-form
//! standard errors of a metric that is a normal parameter times constants;
//! that a stopped run has the bits of a plain run of its draws; that the
//! stop does not depend on the thread count; the limit; bad flags.

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use esante::analysis::convergence::schedule;
use esante::analysis::run::Z975;
use predicates::prelude::*;
use serde_json::Value;
use statrs::distribution::{Continuous, ContinuousCDF, Normal};

const MU: f64 = 0.3;
const SIGMA: f64 = 0.05;

/// One year, no target: the tracked output is `market.total` in 2021,
/// `1000 * initial_adoption * 1000 / 1e6`, a normal(MU, SIGMA) times 1.
fn scenario(dir: &Path) -> PathBuf {
    common::write(
        dir,
        "normal.toml",
        &format!(
            r#"
[scenario]
name = "normal"
start_year = 2021
end_year = 2021
[simulation]
draws = 1000
seed = 5
[axes.a]
budget = 0
half_saturation = 5
[segments.x]
population = 1000
initial_adoption = {{ dist = "normal", mean = {MU}, sd = {SIGMA}, min = 0, max = 1 }}
p = 0.01
q = 0.4
ceiling = 0.95
value_per_adopter = 1000
"#
        ),
    )
}

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

fn run(scenario: &Path, out: &Path, extra: &[&str]) {
    esante()
        .arg("run")
        .arg(scenario)
        .args(["--format", "svg", "--quiet", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

fn json(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// The closed-form relative half-width of the 95% interval of the mean and
/// of the `p`-quantile of normal(MU, SIGMA) with `n` draws: the widest of
/// the four checked statistics.
fn widest_closed_form(n: f64) -> f64 {
    let z = Normal::standard();
    let mean = Z975 * SIGMA / n.sqrt() / MU;
    [0.05, 0.5, 0.95]
        .iter()
        .map(|&p| {
            let zp = z.inverse_cdf(p);
            let se = SIGMA * (p * (1.0 - p) / n).sqrt() / z.pdf(zp);
            Z975 * se / (MU + SIGMA * zp)
        })
        .fold(mean, f64::max)
}

#[test]
fn rounds_double_from_whole_blocks_up_to_the_limit() {
    assert_eq!(schedule(1000, 10_000), vec![1024, 2048, 4096, 8192, 10_000]);
    assert_eq!(schedule(1024, 4096), vec![1024, 2048, 4096]);
    assert_eq!(schedule(5000, 3000), vec![3000]);
    assert_eq!(schedule(1, 1), vec![1]);
}

#[test]
fn the_run_stops_at_the_first_round_the_closed_form_allows() {
    // The goal sits between the widest closed-form half-width at 8,192
    // draws and at 16,384 (about 19% from each): the rounds must stop at
    // 16,384, not before nor after.
    let (at8k, at16k) = (widest_closed_form(8192.0), widest_closed_form(16384.0));
    let goal = (at8k * at16k).sqrt();
    assert!(at8k > 1.15 * goal && at16k < goal / 1.15);
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(dir.path());
    let out = dir.path().join("r");
    let percent = format!("{:.4}%", 100.0 * goal);
    run(&path, &out, &["--precision", &percent]);
    let j = json(&out);
    let c = &j["precision_control"];
    assert_eq!(c["stop"], "met");
    assert_eq!(c["draws"], 16_384);
    assert_eq!(j["run"]["draws"], 16_384);
    let rounds: Vec<u64> = c["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["draws"].as_u64().unwrap())
        .collect();
    assert_eq!(rounds, [1024, 2048, 4096, 8192, 16_384]);
    // Each round's widest half-width is near its closed form (the
    // percentile's interval is read from the sketch: within 10%).
    for r in c["rounds"].as_array().unwrap() {
        let n = r["draws"].as_f64().unwrap();
        let (got, want) = (r["widest"].as_f64().unwrap(), widest_closed_form(n));
        assert!((got / want - 1.0).abs() < 0.1, "{n}: {got} vs {want}");
    }
    // The mean's half-width is exactly 1.96 sd / sqrt(n) of the run's sd.
    let tracked = c["tracked"].as_array().unwrap();
    assert_eq!(tracked.len(), 4);
    let mean = &tracked[0];
    assert_eq!(mean["statistic"], "mean");
    assert_eq!(mean["metric"], "market.total");
    let total = j["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "market.total")
        .unwrap();
    let sd = total["years"][0]["sd"].as_f64().unwrap();
    let hw = mean["half_width"].as_f64().unwrap();
    assert!((hw / (Z975 * sd / 16_384f64.sqrt()) - 1.0).abs() < 1e-12);
    assert!(tracked.iter().all(|t| t["met"] == true));
    let page = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(
        page.contains("reached after 16,384 draws (5 rounds)"),
        "{page}"
    );
}

#[test]
fn a_stopped_run_has_the_bits_of_a_plain_run_of_its_draws() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(dir.path());
    for sampling in ["mc", "lhs"] {
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        let s = ["--sampling", sampling];
        run(&path, &a, &[&s[..], &["--precision", "1%"]].concat());
        let draws = json(&a)["run"]["draws"].as_u64().unwrap();
        assert!(draws > 1024, "{sampling}: {draws}");
        run(
            &path,
            &b,
            &[&s[..], &["--draws", &draws.to_string()]].concat(),
        );
        for f in ["summary.csv", "market.svg", "adoption.svg"] {
            assert!(read(&a.join(f)) == read(&b.join(f)), "{sampling}: {f}");
        }
        assert_eq!(json(&a)["metrics"], json(&b)["metrics"], "{sampling}");
        assert!(json(&b).get("precision_control").is_none());
        std::fs::remove_dir_all(&a).unwrap();
        std::fs::remove_dir_all(&b).unwrap();
    }
}

#[test]
fn where_a_run_stops_does_not_depend_on_threads_and_its_page_regenerates_it() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let flags = ["--precision", "2%", "--max-draws", "100000"];
    run(
        Path::new("tests/scenarios/small.toml"),
        &a,
        &[&flags[..], &["--threads", "1"]].concat(),
    );
    run(
        Path::new("tests/scenarios/small.toml"),
        &b,
        &[&flags[..], &["--threads", "2"]].concat(),
    );
    let files = |d: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&a), files(&b));
    for f in files(&a) {
        assert!(read(&a.join(&f)) == read(&b.join(&f)), "{f:?}");
    }
    // Targets are tracked: each target's metric, four statistics each.
    let j = json(&a);
    let targets = j["targets"].as_array().unwrap().len();
    assert!(targets > 0);
    assert_eq!(
        j["precision_control"]["tracked"].as_array().unwrap().len() % 4,
        0
    );
    let page = std::fs::read_to_string(a.join("index.md")).unwrap();
    assert!(
        page.contains("--precision 2% --max-draws 100000"),
        "the regenerate command keeps the goal: {page}"
    );
}

#[test]
fn the_limit_stops_a_run_that_cannot_reach_its_goal() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(dir.path());
    let out = dir.path().join("r");
    esante()
        .arg("run")
        .arg(&path)
        .args([
            "--precision",
            "0.01%",
            "--max-draws",
            "5000",
            "--format",
            "svg",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the precision of ±0.01% was not reached within 5,000 draws",
        ));
    let c = &json(&out)["precision_control"];
    assert_eq!(c["stop"], "max_draws");
    assert_eq!(c["draws"], 5000);
    assert!(
        c["tracked"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["met"] == false)
    );
    let page = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(page.contains("**not reached** within the limit of 5,000 draws"));
}

#[test]
fn bad_precision_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(dir.path());
    for (flags, want) in [
        (&["--precision", "1"][..], "has no % sign"),
        (&["--precision", "0%"], "above 0% and below 100%"),
        (&["--precision", "100%"], "above 0% and below 100%"),
        (&["--precision", "nan%"], "above 0% and below 100%"),
        (&["--max-draws", "5000"], "--precision"),
        (&["--precision", "1%", "--max-draws", "0"], "max-draws"),
        (
            &["--precision", "1%", "--shard", "0/2"],
            "cannot be used with",
        ),
        (
            &["--precision", "1%", "--export-draws", "d.csv"],
            "cannot be used with",
        ),
    ] {
        esante()
            .arg("run")
            .arg(&path)
            .args(flags)
            .current_dir(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want));
    }
    assert!(!dir.path().join("reports").exists());
    assert!(!dir.path().join("d.csv").exists());
}
