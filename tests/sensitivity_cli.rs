//! `esante sensitivity`: the contract files, defaults, warnings and errors.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn writes_tornado_and_sobol_files_in_the_default_folder() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::env::current_dir()
        .unwrap()
        .join("scenarios/acceleration-2021.toml");
    esante()
        .current_dir(dir.path())
        .args([
            "sensitivity",
            "--draws",
            "1000",
            "--resamples",
            "100",
            "--quiet",
        ])
        .arg(&scenario)
        .assert()
        .success()
        .stdout("")
        // The shipped scenario has correlations: Sobol says it ignores them.
        .stderr(predicate::str::contains(
            "Sobol indices assume independent inputs",
        ));
    let out = dir.path().join("reports/acceleration-2021/sensitivity");
    let s = esante::Scenario::load(&scenario).unwrap();
    let k = s.uncertain.len();

    let tornado = read(&out.join("tornado.csv"));
    let mut lines = tornado.lines();
    assert_eq!(
        lines.next().unwrap(),
        "parameter,metric,year,spearman,low_decile_mean,high_decile_mean"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), k);
    let width = |r: &Vec<&str>| (r[5].parse::<f64>().unwrap() - r[4].parse::<f64>().unwrap()).abs();
    assert!(rows.windows(2).all(|w| width(&w[0]) >= width(&w[1])));
    assert!(
        rows.iter()
            .all(|r| r[1] == "market.total" && r[2] == "2030")
    );

    let sobol = read(&out.join("sobol.csv"));
    let mut lines = sobol.lines();
    assert_eq!(
        lines.next().unwrap(),
        "parameter,metric,year,S1,S1_low,S1_high,ST,ST_low,ST_high"
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').skip(3).map(|x| x.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), k);
    for r in &rows {
        // Interval brackets the estimate, for S1 and ST.
        assert!(r[1] <= r[0] && r[0] <= r[2], "{r:?}");
        assert!(r[4] <= r[3] && r[3] <= r[5], "{r:?}");
    }
    assert!(rows.windows(2).all(|w| w[0][3] >= w[1][3]), "sorted by ST");
    // Every year of the horizon for the heatmap.
    assert_eq!(
        read(&out.join("sobol-years.csv")).lines().count(),
        1 + k * 10
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("sensitivity.json"))).unwrap();
    assert_eq!(json["sobol"]["ignores_correlations"], true);
    assert_eq!(json["sobol"]["model_runs"], (k + 2) * 1000);
    assert!(read(&out.join("index.md")).contains("## Variance-based (Sobol) indices"));
}

#[test]
fn outputs_do_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let files = |threads: &str| {
        let out = dir.path().join(threads);
        esante()
            .args(["sensitivity", "scenarios/acceleration-2021.toml", "--quiet"])
            .args(["--draws", "700", "--resamples", "50", "--sampling", "lhs"])
            .args([
                "--metric",
                "adoption.esms",
                "--year",
                "2027",
                "--threads",
                threads,
            ])
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        [
            "tornado.csv",
            "sobol.csv",
            "sobol-years.csv",
            "sensitivity.json",
            "index.md",
        ]
        .map(|f| read(&out.join(f)))
    };
    assert_eq!(files("1"), files("2"));
}

#[test]
fn rank_only_writes_no_sobol_files() {
    let dir = tempfile::tempdir().unwrap();
    esante()
        .args([
            "sensitivity",
            "scenarios/no-program.toml",
            "--method",
            "rank",
            "--quiet",
        ])
        .arg("--out")
        .arg(dir.path().join("s"))
        .assert()
        .success()
        .stderr("");
    assert!(dir.path().join("s/tornado.csv").exists());
    assert!(!dir.path().join("s/sobol.csv").exists());
}

#[test]
fn bad_metric_or_year_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    esante()
        .args([
            "sensitivity",
            "scenarios/no-program.toml",
            "--metric",
            "market.totl",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown metric `market.totl`"))
        .stderr(predicate::str::contains("market.total"));
    esante()
        .args(["sensitivity", "scenarios/no-program.toml", "--year", "2019"])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "outside the scenario's horizon 2021-2030",
        ));
    assert!(!out.exists());
}
