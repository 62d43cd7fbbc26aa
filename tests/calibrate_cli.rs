//! `esante calibrate` and `--calibrated` from the command line: equal weights
//! reproduce `esante run` exactly, a posterior carried by one draw is refused
//! as a result, every file of the calibrated report is the same bytes on any
//! thread count, and `compare --calibrated` weighs the common draws.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

/// A small scenario with uncertain parameters, a target and one observation
/// of `adoption.x` in 2023 with the given `sd`.
fn scenario(sd: &str) -> String {
    format!(
        r#"
[scenario]
name = "observed"
start_year = 2021
end_year = 2027
[simulation]
draws = 3000
seed = 11
[axes.a]
budget = 40
schedule = {{ from = 2022, to = 2024 }}
execution = {{ dist = "pert", min = 0.5, mode = 0.8, max = 1 }}
half_saturation = {{ dist = "lognormal", p5 = 10, p95 = 60 }}
[segments.x]
population = 1000
initial_adoption = {{ dist = "uniform", min = 0.05, max = 0.3 }}
p = {{ dist = "lognormal", p5 = 0.002, p95 = 0.05 }}
q = {{ dist = "lognormal", p5 = 0.2, p95 = 0.8 }}
ceiling = {{ dist = "uniform", min = 0.6, max = 1 }}
value_per_adopter = 1000
lift.q = {{ a = {{ dist = "triangular", min = 0, mode = 0.2, max = 0.5 }} }}
[[targets]]
metric = "adoption.x"
year = 2027
at_least = 0.6
[[observed]]
metric = "adoption.x"
year = 2023
value = 0.35
sd = {sd}
source = "a test"
"#
    )
}

/// `esante calibrate SCENARIO --out OUT` (SVG charts only), to be asserted.
fn calibrate(scenario: &Path, out: &Path) -> assert_cmd::assert::Assert {
    esante()
        .args(["calibrate", "--quiet", "--format", "svg", "--out"])
        .arg(out)
        .arg(scenario)
        .assert()
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every file under `dir`, as (relative path, bytes), sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walk(dir) {
        let rel = e.strip_prefix(dir).unwrap().display().to_string();
        out.push((rel, read(&e)));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn equal_weights_reproduce_the_run_exactly() {
    // An enormous sd makes every draw's log-likelihood exactly 0, so every
    // weight is exactly 1: the posterior is the run.
    let dir = tempfile::tempdir().unwrap();
    let s = common::write(dir.path(), "s.toml", &scenario("1e300"));
    let (run, cal) = (dir.path().join("run"), dir.path().join("cal"));
    esante()
        .args(["run", "--quiet", "--format", "svg", "--out"])
        .arg(&run)
        .arg(&s)
        .assert()
        .success();
    calibrate(&s, &cal)
        .success()
        .stderr(predicate::str::contains("warning").not());
    assert_eq!(
        String::from_utf8(read(&cal.join("summary.csv"))).unwrap(),
        String::from_utf8(read(&run.join("summary.csv"))).unwrap()
    );
    let json = |p: &Path| -> serde_json::Value { serde_json::from_slice(&read(p)).unwrap() };
    let (r, c) = (
        json(&run.join("summary.json")),
        json(&cal.join("summary.json")),
    );
    assert_eq!(r["targets"], c["targets"]);
    assert_eq!(r["backtest"], c["backtest"]);
    let d = json(&cal.join("calibration.json"));
    assert_eq!(d["ess"], 3000.0);
    assert_eq!(d["max_weight"].as_f64().unwrap(), 1.0 / 3000.0);
    // Every parameter's posterior is its prior.
    let params = String::from_utf8(read(&cal.join("parameters.csv"))).unwrap();
    for row in params.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells[1..6], cells[6..11], "{row}");
    }
}

#[test]
fn a_posterior_carried_by_one_draw_is_flagged() {
    // An sd far below the spacing of the draws near the observed value: one
    // draw takes nearly all the weight.
    let dir = tempfile::tempdir().unwrap();
    let s = common::write(dir.path(), "s.toml", &scenario("1e-7"));
    let cal = dir.path().join("cal");
    calibrate(&s, &cal)
        .success()
        .stderr(predicate::str::contains(
            "warning: The posterior rests on too few draws (effective sample size 1,",
        ));
    let d: serde_json::Value =
        serde_json::from_slice(&read(&cal.join("calibration.json"))).unwrap();
    let ess = d["ess"].as_f64().unwrap();
    assert!((1.0..1.01).contains(&ess), "ESS {ess}");
    assert!(d["max_weight"].as_f64().unwrap() > 0.99, "{d}");
    assert_eq!(d["reliable"], false);
    // ESS grows in proportion to the draws: 1,000 needs about 1000 times more.
    let need = d["draws_for_min_ess"].as_u64().unwrap();
    assert!((2_900_000..=3_000_000).contains(&need), "{need}");
    let page = String::from_utf8(read(&cal.join("index.md"))).unwrap();
    assert!(
        page.contains("**The posterior rests on too few draws**"),
        "{page}"
    );
}

#[test]
fn every_file_of_the_calibrated_report_is_the_same_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let s = common::write(dir.path(), "s.toml", &scenario("0.03"));
    let on = |threads: &str| {
        let out = dir.path().join(format!("t{threads}"));
        esante()
            .args(["calibrate", "--quiet", "--threads", threads])
            .args(["--draws", "20000", "--sampling", "lhs", "--out"])
            .arg(&out)
            .arg(&s)
            .assert()
            .success();
        files(&out)
    };
    let (one, three) = (on("1"), on("3"));
    let names: Vec<&str> = one.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "summary.csv",
        "summary.json",
        "parameters.csv",
        "calibration.json",
        "index.md",
    ] {
        assert!(names.contains(&want), "{names:?}");
    }
    assert!(names.iter().any(|n| n.ends_with(".png")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".svg")), "{names:?}");
    for ((a, x), (b, y)) in one.iter().zip(&three) {
        assert_eq!(a, b);
        assert!(x == y, "{a} differs between 1 and 3 threads");
    }
    assert_eq!(one.len(), three.len());
}

#[test]
fn compare_calibrated_weighs_the_common_draws_by_the_first_observed_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let base = common::write(dir.path(), "base.toml", &scenario("0.03"));
    let alt = common::write(
        dir.path(),
        "alt.toml",
        "[scenario]\nname = \"more\"\nextends = \"base.toml\"\n[axes.a]\nbudget = 80\n",
    );
    let out = dir.path().join("cmp");
    esante()
        .args([
            "compare",
            "--quiet",
            "--format",
            "svg",
            "--calibrated",
            "--out",
        ])
        .arg(&out)
        .arg(&base)
        .arg(&alt)
        .assert()
        .success();
    let j: serde_json::Value = serde_json::from_slice(&read(&out.join("comparison.json"))).unwrap();
    let text = j.to_string();
    assert!(text.contains("calibrated"), "{text}");
    let page = String::from_utf8(read(&out.join("index.md"))).unwrap();
    assert!(page.contains("observed"), "{page}");
    // Without observations anywhere, --calibrated is a usage error.
    let unobserved = |name: &str| {
        common::write(
            dir.path(),
            &format!("{name}.toml"),
            &format!("observed = []\n[scenario]\nname = \"{name}\"\nextends = \"base.toml\"\n"),
        )
    };
    esante()
        .args(["compare", "--quiet", "--calibrated", "--out"])
        .arg(dir.path().join("cmp2"))
        .arg(unobserved("none"))
        .arg(unobserved("nothing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("[[observed]]"));
    assert!(!dir.path().join("cmp2").exists());
}

#[test]
fn optimize_calibrated_judges_splits_on_the_calibrated_projection() {
    let dir = tempfile::tempdir().unwrap();
    let on = |threads: &str| {
        let out = dir.path().join(format!("o{threads}"));
        esante()
            .args([
                "optimize",
                "scenarios/acceleration-2021.toml",
                "--calibrated",
            ])
            .args([
                "--draws", "3000", "--step", "0.25", "--quiet", "--format", "svg",
            ])
            .args(["--threads", threads, "--out"])
            .arg(&out)
            .assert()
            .success();
        files(&out)
    };
    let (one, three) = (on("1"), on("3"));
    assert!(one == three, "the report depends on the thread count");
    let file = |name: &str| {
        let (_, bytes) = one.iter().find(|(n, _)| n == name).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let j: serde_json::Value = serde_json::from_str(&file("optimize.json")).unwrap();
    let ess = j["calibrated"]["effective_sample_size_in_sample"]
        .as_f64()
        .unwrap();
    assert!(ess > 1.0 && ess < 3000.0, "{ess}");
    assert!(j["calibrated"]["effective_sample_size_out_of_sample"].is_number());
    assert!(file("index.md").contains("**Calibrated**"));

    // Without observations, --calibrated is a usage error; nothing is written.
    let text = scenario("0.03");
    let unobserved = &text[..text.find("[[observed]]").unwrap()];
    let s = common::write(dir.path(), "s.toml", unobserved);
    let out = dir.path().join("none");
    esante()
        .args([
            "optimize",
            "--calibrated",
            "--objective",
            "adoption.x@2027",
            "--out",
        ])
        .arg(&out)
        .arg(&s)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no [[observed]] figures"));
    assert!(!out.exists());
}
