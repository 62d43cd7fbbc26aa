//! The `esante` command line: summary files, reproducibility, safe writing.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const SCENARIO: &str = "scenarios/acceleration-2021.toml";

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

fn run_to(out: &Path, extra: &[&str]) {
    esante()
        .args(["run", SCENARIO, "--draws", "3000", "--quiet", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn summary_csv_has_the_contract_header_and_every_metric_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    run_to(&out, &[]);
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("metric,year,mean,sd,min,p5,p10,p25,p50,p75,p90,p95,max")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 13));
    // 10 years per metric, every metric of docs/model.md section 5 present.
    assert_eq!(rows.len() % 10, 0);
    for m in [
        "spending.training",
        "effect.deployment",
        "adoption.hospitals",
        "adopters.patients",
        "market.esms",
        "market.total",
    ] {
        assert_eq!(rows.iter().filter(|r| r[0] == m).count(), 10, "{m}");
    }
    // Percentiles are ordered within min..max.
    for r in &rows {
        let v: Vec<f64> = r[2..].iter().map(|x| x.parse().unwrap()).collect();
        let (min, ps, max) = (v[2], &v[3..10], v[10]);
        assert!(ps.windows(2).all(|w| w[0] <= w[1]), "{r:?}");
        assert!(min <= ps[0] && ps[6] <= max, "{r:?}");
    }
}

#[test]
fn summary_json_records_provenance_and_targets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    run_to(&out, &["--seed", "7", "--sampling", "lhs"]);
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(j["scenario"]["name"], "acceleration-2021");
    assert!(
        j["scenario"]["hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    assert_eq!(j["run"]["seed"], 7);
    assert_eq!(j["run"]["draws"], 3000);
    assert_eq!(j["run"]["sampling"], "lhs");
    assert_eq!(j["esante_version"], env!("CARGO_PKG_VERSION"));
    let targets = j["targets"].as_array().unwrap();
    assert!(!targets.is_empty());
    for t in targets {
        let p = t["probability"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
        // A probability is a count of draws.
        assert!((p * 3000.0 - (p * 3000.0).round()).abs() < 1e-9);
    }
    let total = j["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "market.total")
        .unwrap();
    assert_eq!(total["unit"], "M EUR/year");
    assert_eq!(total["years"].as_array().unwrap().len(), 10);
}

#[test]
fn outputs_are_byte_identical_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run_to(&a, &["--threads", "1"]);
    run_to(&b, &["--threads", "2"]);
    let names = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let files = names(&a);
    assert_eq!(files, names(&b));
    // Six charts in two formats, summary.csv, summary.json, scenario.toml,
    // index.md and the manifest.
    assert_eq!(files.len(), 17, "{files:?}");
    for f in &files {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_report_folder_has_charts_and_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    run_to(&out, &[]);
    for stem in [
        "market",
        "adoption",
        "funding",
        "effects",
        "market-distribution",
        "deliverables",
    ] {
        for ext in ["png", "svg"] {
            let f = out.join(format!("{stem}.{ext}"));
            assert!(f.is_file(), "{} is missing", f.display());
        }
        let page = std::fs::read_to_string(out.join("index.md")).unwrap();
        assert!(page.contains(&format!("]({stem}.svg)")), "{stem}");
    }
}

#[test]
fn format_chooses_the_chart_files() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("svg");
    run_to(&svg, &["--format", "svg"]);
    assert!(svg.join("market.svg").is_file() && !svg.join("market.png").exists());
    let png = dir.path().join("png");
    run_to(&png, &["--format", "png"]);
    assert!(png.join("market.png").is_file() && !png.join("market.svg").exists());
    // With PNGs only, the page embeds the PNGs.
    let page = std::fs::read_to_string(png.join("index.md")).unwrap();
    assert!(page.contains("](market.png)") && !page.contains(".svg)"));
    esante()
        .args(["run", SCENARIO, "--draws", "100", "--format", "png,jpg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("jpg"));
}

#[test]
fn run_prints_key_results_at_the_horizon() {
    let dir = tempfile::tempdir().unwrap();
    esante()
        .args(["run", SCENARIO, "--draws", "2000", "--out"])
        .arg(dir.path().join("r"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Results in 2030")
                .and(predicate::str::contains("market.total (M EUR)"))
                .and(predicate::str::contains("adoption.patients"))
                .and(predicate::str::contains("Targets:")),
        );
}

#[test]
fn a_failed_run_leaves_the_previous_report_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    run_to(&out, &[]);
    let before = std::fs::read(out.join("summary.csv")).unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[scenario]\nname = \"acceleration-2021\"\nstart_year = 2021\n",
    )
    .unwrap();
    esante()
        .args(["run"])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(out.join("summary.csv")).unwrap(), before);
    // Replacing a report leaves no temporary folders behind.
    run_to(&out, &["--seed", "9"]);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_ne!(std::fs::read(out.join("summary.csv")).unwrap(), before);
}

#[test]
fn default_report_folder_is_reports_name() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::fs::canonicalize(SCENARIO).unwrap();
    esante()
        .current_dir(dir.path())
        .args(["run", "--quiet", "--draws", "1000"])
        .arg(&scenario)
        .assert()
        .success();
    assert!(
        dir.path()
            .join("reports/acceleration-2021/summary.csv")
            .exists()
    );
}

#[test]
fn check_describes_a_valid_scenario() {
    esante()
        .args(["check", "scenarios/no-program.toml"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("horizon       2021-2030 (10 years)")
                .and(predicate::str::contains(
                    "extends scenarios/acceleration-2021.toml",
                ))
                .and(predicate::str::contains("correlations  3"))
                .and(predicate::str::contains("valid")),
        );
}

#[test]
fn usage_errors_exit_2() {
    esante()
        .args(["run", SCENARIO, "--draws", "0"])
        .assert()
        .code(2);
    esante()
        .args(["run", SCENARIO, "--sampling", "sobol"])
        .assert()
        .code(2);
    esante()
        .args(["run", "no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read scenario file"));
}

#[test]
fn export_draws_writes_every_draw_consistent_with_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (out, draws) = (dir.path().join("r"), dir.path().join("draws.csv"));
    let export = |threads: &str| {
        esante()
            .args([
                "run",
                SCENARIO,
                "--draws",
                "3001",
                "--sampling",
                "lhs",
                "--quiet",
            ])
            .args(["--threads", threads, "--out"])
            .arg(&out)
            .arg("--export-draws")
            .arg(&draws)
            .assert()
            .success();
        std::fs::read_to_string(&draws).unwrap()
    };
    let text = export("1");
    assert_eq!(text, export("2"), "the file depends on the thread count");
    let scenario = esante::Scenario::load(Path::new(SCENARIO)).unwrap();
    let metrics: Vec<_> = scenario.metrics.iter().map(|(_, i)| i.clone()).collect();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut want = vec!["draw".to_string()];
    want.extend(scenario.uncertain.iter().map(|u| u.path.clone()));
    want.extend(metrics.iter().map(|m| format!("{}@2030", m.name)));
    assert_eq!(header, want);
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 3001);
    assert!(rows.iter().enumerate().all(|(i, r)| r[0] == i as f64));
    // Latin hypercube: each parameter has exactly one draw per stratum of its CDF.
    let k = 1 + scenario
        .uncertain
        .iter()
        .position(|u| u.path == "segments.esms.population")
        .unwrap();
    // uniform(30000, 45000)
    let mut strata: Vec<usize> = rows
        .iter()
        .map(|r| ((r[k] - 30000.0) / 15000.0 * 3001.0).floor() as usize)
        .collect();
    strata.sort_unstable();
    assert_eq!(strata, (0..3001).collect::<Vec<_>>());
    // The horizon column of market.total agrees with summary.csv.
    let col = header
        .iter()
        .position(|h| *h == "market.total@2030")
        .unwrap();
    let values: Vec<f64> = rows.iter().map(|r| r[col]).collect();
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let row: Vec<f64> = summary
        .lines()
        .find(|l| l.starts_with("market.total,2030,"))
        .unwrap()
        .split(',')
        .skip(2)
        .map(|x| x.parse().unwrap())
        .collect();
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    assert!(
        (mean - row[0]).abs() <= 1e-9 * row[0],
        "{mean} vs {}",
        row[0]
    );
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert_eq!((min, max), (row[2], row[10]));
}

#[test]
fn a_new_run_keeps_the_sensitivity_analysis_inside_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    run_to(&out, &["--format", "svg"]);
    esante()
        .args([
            "sensitivity",
            SCENARIO,
            "--method",
            "rank",
            "--draws",
            "500",
            "--quiet",
        ])
        .arg("--out")
        .arg(out.join("sensitivity"))
        .assert()
        .success();
    let tornado = std::fs::read(out.join("sensitivity/tornado.csv")).unwrap();
    run_to(&out, &["--format", "svg", "--seed", "9"]);
    assert_eq!(
        std::fs::read(out.join("sensitivity/tornado.csv")).unwrap(),
        tornado
    );
    assert!(out.join("summary.json").exists());
}

#[test]
fn overflowing_scenarios_are_refused_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.toml");
    // 1e12 adopters x 1e305 EUR would overflow f64 in every draw.
    std::fs::write(
        &huge,
        "[scenario]\nname = \"huge\"\nstart_year = 2020\nend_year = 2021\n[simulation]\n\
         draws = 100\n[segments.s]\npopulation = 1e12\n\
         initial_adoption = { dist = \"uniform\", min = 0.1, max = 0.9 }\np = 0.01\nq = 0.3\n\
         ceiling = 1\nvalue_per_adopter = 1e305\n",
    )
    .unwrap();
    let message = "huge.toml:13:21: segments.s.value_per_adopter: `market.s` can reach infinity";
    for args in [
        &["check"][..],
        &["run", "--out", "r"],
        &["compare", "--out", "c"],
    ] {
        let mut cmd = esante();
        cmd.current_dir(dir.path()).args(args).arg(&huge);
        if args[0] == "compare" {
            cmd.arg(&huge);
        }
        cmd.assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    assert!(!dir.path().join("r").exists() && !dir.path().join("c").exists());
}

#[test]
fn completions_are_scripts_each_shell_reads() {
    // Each script names every subcommand; bash and zsh parse it (when the
    // shell is installed), fish's is checked by its own markers.
    let script = |shell: &str| {
        let out = esante().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        String::from_utf8(out.stdout).unwrap()
    };
    let (bash, zsh, fish) = (script("bash"), script("zsh"), script("fish"));
    assert!(bash.contains("complete -F _esante"), "{bash}");
    assert!(zsh.starts_with("#compdef esante"), "{zsh}");
    assert!(fish.contains("complete -c esante"), "{fish}");
    for sub in [
        "run",
        "compare",
        "sensitivity",
        "optimize",
        "calibrate",
        "merge",
        "check",
    ] {
        for s in [&bash, &zsh, &fish] {
            assert!(s.contains(sub), "{sub} missing");
        }
    }
    assert!(bash.contains("--draws") && fish.contains("draws"));
    for (shell, text) in [("bash", &bash), ("zsh", &zsh)] {
        let Ok(mut child) = std::process::Command::new(shell)
            .arg("-n")
            .stdin(std::process::Stdio::piped())
            .spawn()
        else {
            continue; // not installed
        };
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "{shell} -n refuses it");
    }
    esante()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: bash, zsh, fish"));
}

#[test]
fn a_report_reruns_from_its_own_scenario_file() {
    // A report folder holds `scenario.toml`, the resolved scenario (its
    // `extends` chain merged): copied alone elsewhere, it gives the same
    // report. Its keys come in another order than the file's (a lift given
    // as a distribution table is written after the plain ones): neither the
    // numbers nor the page may depend on that order.
    let dir = tempfile::tempdir().unwrap();
    for name in ["acceleration-2021", "acceleration-2022-revised"] {
        let path = format!("scenarios/{name}.toml");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        let resolved = dir.path().join(format!("{name}.toml"));
        for (scenario, out) in [(Path::new(&path), &a), (resolved.as_path(), &b)] {
            if out == &b {
                std::fs::copy(a.join("scenario.toml"), &resolved).unwrap();
            }
            esante()
                .arg("run")
                .arg(scenario)
                .args(["--draws", "2000", "--format", "svg", "--quiet", "--out"])
                .arg(out)
                .assert()
                .success();
        }
        for f in [
            "summary.csv",
            "summary.json",
            "index.md",
            "adoption.svg",
            "scenario.toml",
        ] {
            let read = |d: &Path| std::fs::read(d.join(f)).unwrap();
            assert!(read(&a) == read(&b), "{name}: {f} differs");
        }
        std::fs::remove_dir_all(&a).unwrap();
        std::fs::remove_dir_all(&b).unwrap();
    }
}
