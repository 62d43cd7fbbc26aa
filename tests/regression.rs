//! Hostile inputs and misuse, one test per class of defect (in the style of
//! ripgrep's `tests/regression.rs`): nothing panics, no number is silently
//! wrong, and scenario text is data, not markup. Files (what esante reads
//! and writes) are in `tests/regression_files.rs`.

mod common;
#[path = "common/regression.rs"]
mod fixture;

use std::path::Path;
use std::process::Stdio;

use fixture::*;
use predicates::prelude::*;

// ---------------------------------------------------------------------------
// 2. No panic, no abort, for any input or flag.

#[test]
fn a_closed_pipe_on_stdout_exits_quietly() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    for args in [
        vec!["check"],
        vec!["run", "--out", "r"],
        vec!["compare", "--out", "c"],
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_esante"));
        cmd.current_dir(d.path()).args(&args).arg(&s);
        if args[0] == "compare" {
            cmd.arg(&s);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away at once
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_disk_on_stdout_or_stderr_is_an_error_not_a_panic() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_esante"))
        .arg("check")
        .arg(&s)
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No space left"));
    // An error message that cannot be printed still gives its exit code.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_esante"))
        .args(["check", "no/such/file.toml"])
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[test]
fn settings_that_need_too_much_memory_are_refused_before_starting() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let shipped = Path::new("scenarios/acceleration-2021.toml");
    let cases: [(&Path, &[&str]); 3] = [
        (&s, &["--method", "rank", "--draws", "1000000000000"]),
        (
            &s,
            &["--method", "sobol", "--draws", "18446744073709551615"],
        ),
        // 55 parameters: a bootstrap table of 10^8 resamples is about 90 GB.
        (shipped, &["--method", "sobol", "--resamples", "100000000"]),
    ];
    for (scenario, flags) in cases {
        esante()
            .arg("sensitivity")
            .arg(scenario)
            .args(["--quiet", "--out"])
            .arg(d.path().join("x"))
            .args(flags)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("--max-memory").and(predicate::str::contains("needs")),
            );
    }
    // The limit can be lowered (and raised) by the flag.
    run(&s, &d.path().join("r"), &["--max-memory", "1K"])
        .code(2)
        .stderr(predicate::str::contains("above the limit of 1.0 KiB"));
    assert!(!d.path().join("x").exists() && !d.path().join("r").exists());
}

#[test]
fn thousands_of_threads_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    run(&s, &d.path().join("r"), &["--threads", "65535"])
        .code(2)
        .stderr(predicate::str::contains("1..=1024"));
}

// ---------------------------------------------------------------------------
// 4. No silently wrong numbers.

#[test]
fn metrics_that_could_overflow_are_refused_naming_the_parameter() {
    let d = tempfile::tempdir().unwrap();
    let cases = [
        (
            "budget = 10",
            "budget = 1e308",
            "axes.a.budget: `spending.a` can reach",
        ),
        (
            "population = 1000",
            "population = 1e300",
            "segments.s.population: `adopters.s` can reach",
        ),
        (
            "value_per_adopter = 100",
            "value_per_adopter = { dist = \"lognormal\", p5 = 1, p95 = 1e60 }",
            "segments.s.value_per_adopter: `market.s` can reach",
        ),
        (
            "end_year = 2023",
            "end_year = 2220\nvalue_growth = 3",
            "segments.s.value_growth",
        ),
    ];
    for (from, to, want) in cases {
        let text = small_with(&[(from, to)]).replace("value_growth = 3\n", "");
        let text = if to.contains("value_growth") {
            text.replace("lift.p.a", "value_growth = 3\nlift.p.a")
        } else {
            text
        };
        let p = write(d.path(), "s.toml", &text);
        check_refuses(&p, &[want, "above the 1e100"]);
    }
}

#[test]
fn undefined_statistics_are_empty_and_null_never_zero() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let out = d.path().join("r");
    run(&s, &out, &["--draws", "1"]).success();
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let row = csv.lines().nth(1).unwrap();
    // metric,year,mean,sd,...: the sd of one draw is undefined.
    assert_eq!(row.split(',').nth(3), Some(""), "{row}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert!(json["metrics"][0]["years"][0]["sd"].is_null());
}

#[test]
fn a_start_above_every_reachable_ceiling_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &small_with(&[("initial_adoption = 0.1", "initial_adoption = 0.95")]),
    );
    check_refuses(&p, &["segments.s.initial_adoption: starts at 0.95 or more"]);
}

#[test]
fn a_start_above_the_ceiling_in_some_draws_is_warned_with_its_share() {
    let d = tempfile::tempdir().unwrap();
    let text = small_with(&[
        (
            "initial_adoption = 0.1",
            "initial_adoption = { dist = \"uniform\", min = 0.3, max = 0.7 }",
        ),
        ("ceiling = 0.9", "ceiling = 0.6"),
    ]);
    let p = write(d.path(), "s.toml", &text);
    // P(U(0.3, 0.7) > 0.6) = 25%.
    esante().arg("check").arg(&p).assert().success().stderr(
        predicate::str::contains("warning: ")
            .and(predicate::str::contains("in about 25.0% of draws")),
    );
}

#[test]
fn a_target_that_can_never_be_met_and_an_axis_lifting_nothing_are_warned() {
    let d = tempfile::tempdir().unwrap();
    let mut text = small_with(&[("lift.p.a = 0.5\n", "")]);
    text.push_str("[[targets]]\nmetric = \"adoption.s\"\nyear = 2023\nat_least = 1.5\n");
    let p = write(d.path(), "s.toml", &text);
    esante().arg("check").arg(&p).assert().success().stderr(
        predicate::str::contains("targets[0].at_least: `adoption.s` is a share from 0 to 1").and(
            predicate::str::contains(
                "axes.a.budget: the axis is funded (10 M EUR) but no lift uses it",
            ),
        ),
    );
}

#[test]
fn a_scenario_compared_with_itself_spends_exactly_nothing_extra() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("c");
    esante()
        .args([
            "compare",
            "scenarios/acceleration-2021.toml",
            "scenarios/acceleration-2021.toml",
        ])
        .args(["--draws", "500", "--quiet", "--format", "svg", "--out"])
        .arg(&out)
        .assert()
        .success();
    let page = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(
        page.contains("The alternative spends no extra public money"),
        "{page}"
    );
}

#[test]
fn compare_warns_about_differences_besides_programme_money() {
    let d = tempfile::tempdir().unwrap();
    let base = write(d.path(), "base.toml", SMALL);
    let alt = write(
        d.path(),
        "alt.toml",
        &small_with(&[
            ("name = \"small\"", "name = \"alt\""),
            ("population = 1000", "population = 2000"),
        ]),
    );
    let out = d.path().join("c");
    esante()
        .arg("compare")
        .arg(&base)
        .arg(&alt)
        .args(["--quiet", "--format", "svg", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("`segments.s.population` is 1000 in the base and 2000")
                .and(predicate::str::contains("already differs in 2021")),
        );
    let page = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(page.contains("> **Warning**"), "{page}");
}

// ---------------------------------------------------------------------------
// 5. Text from a scenario is data, not markup.

#[test]
fn markup_in_scenario_text_is_escaped_in_index_md() {
    let d = tempfile::tempdir().unwrap();
    let text = small_with(&[
        (
            "title = \"Small\"",
            "title = \"<script>alert(1)</script> *bold*\"\ndescription = \"# not a heading\\n<img src=x onerror=alert(1)>\"",
        ),
        ("population = 1000", "population = 1000\nlabel = \"a | b\""),
    ]);
    let s = write(d.path(), "s.toml", &text);
    let out = d.path().join("r");
    run(&s, &out, &[]).success();
    let page = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(
        page.starts_with("# &lt;script>alert(1)&lt;/script> \\*bold\\*\n"),
        "{page}"
    );
    assert!(
        page.contains("\\# not a heading\n&lt;img src=x onerror=alert(1)>"),
        "{page}"
    );
    assert!(page.contains("a \\| b"), "{page}");
    assert!(!page.contains("<script") && !page.contains("<img"));
}

#[test]
fn titles_stay_on_one_line_and_control_characters_never_reach_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &small_with(&[("title = \"Small\"", "title = \"a\\nb\"")]),
    );
    check_refuses(&p, &["scenario.title: must be one line"]);
    let long = format!("title = \"{}\"", "x".repeat(201));
    let p = write(
        d.path(),
        "s.toml",
        &small_with(&[("title = \"Small\"", &long)]),
    );
    check_refuses(&p, &["at most 200 characters, got 201"]);
    // A raw escape byte is invalid TOML; the message quoting its line drops it.
    let p = write(
        d.path(),
        "s.toml",
        &small_with(&[("title = \"Small\"", "title = \"\x1b[2J\"")]),
    );
    let err = check_refuses(&p, &["s.toml:3:"]);
    assert!(!err.contains('\x1b'), "{err:?}");
}
