//! Hostile inputs and misuse, one test per class of defect (in the style of
//! ripgrep's `tests/regression.rs`): nothing the user owns is lost, nothing
//! panics, unusual files get clear messages, no number is silently wrong,
//! and scenario text is data, not markup.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

/// A small valid scenario: one axis lifting one segment, three years.
const SMALL: &str = r#"[scenario]
name = "small"
title = "Small"
start_year = 2021
end_year = 2023

[simulation]
draws = 200

[axes.a]
budget = 10
schedule = { from = 2021, to = 2022 }
half_saturation = 5

[segments.s]
population = 1000
initial_adoption = 0.1
p = { dist = "uniform", min = 0.01, max = 0.05 }
q = 0.3
ceiling = 0.9
value_per_adopter = 100
lift.p.a = 0.5
"#;

/// Writes `text` as `name` in `dir` and returns its path.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Runs `esante run` of `scenario` into `out` with `extra` flags.
fn run(scenario: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    esante()
        .arg("run")
        .arg(scenario)
        .args(["--quiet", "--format", "svg", "--out"])
        .arg(out)
        .args(extra)
        .assert()
}

/// `SMALL` with `key = value` lines replaced or added under `[table]`.
fn small_with(replace: &[(&str, &str)]) -> String {
    let mut text = SMALL.to_string();
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    text
}

// ---------------------------------------------------------------------------
// 1. Nothing the user owns is ever deleted or overwritten.

#[test]
fn run_out_keeps_files_the_user_added_beside_a_report() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let out = d.path().join("r");
    run(&s, &out, &[]).success();
    std::fs::write(out.join("NOTES.md"), "mine").unwrap();
    std::fs::write(out.join("notes.txt"), "mine too").unwrap();
    run(&s, &out, &["--seed", "3"]).success();
    assert_eq!(
        std::fs::read_to_string(out.join("NOTES.md")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine too"
    );
}

#[test]
fn run_out_keeps_every_analysis_subfolder() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let out = d.path().join("r");
    run(&s, &out, &[]).success();
    for sub in ["sensitivity", "optimize", "calibrated"] {
        std::fs::create_dir(out.join(sub)).unwrap();
        std::fs::write(out.join(sub).join("x.csv"), sub).unwrap();
    }
    run(&s, &out, &["--seed", "3"]).success();
    for sub in ["sensitivity", "optimize", "calibrated"] {
        assert_eq!(
            std::fs::read_to_string(out.join(sub).join("x.csv")).unwrap(),
            sub
        );
    }
}

#[test]
fn run_out_refuses_to_replace_a_file_esante_did_not_write() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let out = d.path().join("r");
    run(&s, &out, &[]).success();
    std::fs::write(out.join("market.png"), "the user's picture").unwrap();
    run(&s, &out, &["--format", "png"]).code(2).stderr(
        predicate::str::contains("`market.png`").and(predicate::str::contains("did not write")),
    );
    assert_eq!(
        std::fs::read_to_string(out.join("market.png")).unwrap(),
        "the user's picture"
    );
}

#[test]
fn run_out_refuses_a_folder_that_is_not_a_report() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let out = d.path().join("documents");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.txt"), "keep me").unwrap();
    run(&s, &out, &[])
        .code(2)
        .stderr(predicate::str::contains("not an esante report folder"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    // A file given as --out is not a folder.
    run(&s, &out.join("thesis.txt"), &[])
        .code(2)
        .stderr(predicate::str::contains("not a folder"));
}

#[test]
fn run_removes_only_its_own_marked_leftovers() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let ours = d.path().join(".r.tmp-interrupted");
    std::fs::create_dir_all(ours.join("report")).unwrap();
    std::fs::write(ours.join(".esante-partial"), "").unwrap();
    let theirs = d.path().join(".r.tmp-mine");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("x"), "user data").unwrap();
    run(&s, &d.path().join("r"), &[]).success();
    assert!(!ours.exists());
    assert!(theirs.join("x").exists());
}

#[test]
fn export_draws_refuses_a_symbolic_link() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let target = write(d.path(), "target.csv", "precious");
    let link = d.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    run(
        &s,
        &d.path().join("r"),
        &["--export-draws", link.to_str().unwrap()],
    )
    .code(2)
    .stderr(predicate::str::contains("symbolic link"));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
}

#[test]
fn export_draws_refuses_the_scenario_file() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    run(
        &s,
        &d.path().join("r"),
        &["--export-draws", s.to_str().unwrap(), "--force"],
    )
    .code(2)
    .stderr(predicate::str::contains("scenario file of the run"));
    assert_eq!(std::fs::read_to_string(&s).unwrap(), SMALL);
}

#[test]
fn export_draws_refuses_a_path_inside_the_report() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let out = d.path().join("r");
    run(&s, &out, &[]).success();
    let before = std::fs::read(out.join("summary.csv")).unwrap();
    let inside = out.join("summary.csv");
    run(
        &s,
        &out,
        &["--export-draws", inside.to_str().unwrap(), "--force"],
    )
    .code(2)
    .stderr(predicate::str::contains("inside the report folder"));
    assert_eq!(std::fs::read(out.join("summary.csv")).unwrap(), before);
}

#[test]
fn export_draws_refuses_a_device() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    run(
        &s,
        &d.path().join("r"),
        &["--export-draws", "/dev/null", "--force"],
    )
    .code(2)
    .stderr(predicate::str::contains("not a regular file"));
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

#[test]
fn export_draws_replaces_only_an_earlier_export_unless_forced() {
    let d = tempfile::tempdir().unwrap();
    let s = write(d.path(), "s.toml", SMALL);
    let csv = write(d.path(), "data.csv", "a,b\n1,2\n");
    let flag = ["--export-draws", csv.to_str().unwrap()];
    run(&s, &d.path().join("r"), &flag)
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "a,b\n1,2\n");
    run(&s, &d.path().join("r"), &[&flag[..], &["--force"]].concat()).success();
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("draw,"));
    // Now an earlier export: replaced without --force.
    run(
        &s,
        &d.path().join("r"),
        &[&flag[..], &["--seed", "5"]].concat(),
    )
    .success();
}

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
// 3. Hostile or unusual files.

/// `esante check` of `path`: exit 2 and stderr containing each of `want`.
fn check_refuses(path: &Path, want: &[&str]) -> String {
    let out = esante()
        .arg("check")
        .arg(path)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for w in want {
        assert!(stderr.contains(w), "lacks {w:?}: {stderr}");
    }
    stderr
}

#[test]
fn a_named_pipe_is_refused_without_blocking() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("s.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    check_refuses(&fifo, &["not a regular file"]);
    let child = write(
        d.path(),
        "child.toml",
        "[scenario]\nextends = \"s.toml\"\nname = \"c\"\n",
    );
    check_refuses(&child, &["child.toml:2:11", "not a regular file"]);
}

#[test]
fn extends_of_a_device_or_a_non_scenario_file_is_refused_without_reading_it() {
    let d = tempfile::tempdir().unwrap();
    let zero = write(
        d.path(),
        "z.toml",
        "[scenario]\nextends = \"/dev/zero\"\nname = \"z\"\n",
    );
    check_refuses(&zero, &["must name a scenario file, ending in .toml"]);
    let passwd = write(
        d.path(),
        "p.toml",
        "[scenario]\nextends = \"/etc/passwd\"\nname = \"p\"\n",
    );
    let err = check_refuses(&passwd, &["ending in .toml"]);
    assert!(!err.contains("root:"), "{err}");
}

#[test]
fn an_oversized_file_is_refused_before_reading() {
    let d = tempfile::tempdir().unwrap();
    let big = d.path().join("big.toml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(17 << 20).unwrap();
    check_refuses(&big, &["above the limit of 16 MiB"]);
}

#[test]
fn a_utf16_file_is_named_as_such() {
    let d = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = std::iter::once(0xFEFFu16)
        .chain(SMALL.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let p = d.path().join("s.toml");
    std::fs::write(&p, bytes).unwrap();
    check_refuses(&p, &["UTF-16", "save it as UTF-8"]);
}

#[test]
fn a_date_given_for_a_year_is_called_a_date() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &small_with(&[("start_year = 2021", "start_year = 2021-01-01")]),
    );
    check_refuses(
        &p,
        &["s.toml:4:14: scenario.start_year", "got a date or time"],
    );
}

#[test]
fn an_integer_beyond_toml_range_is_explained() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &small_with(&[("draws = 200", "draws = 200\nseed = 99999999999999999999")]),
    );
    let err = check_refuses(
        &p,
        &["simulation.seed: the integer 99999999999999999999 is out of range"],
    );
    assert!(!err.contains("i128"), "{err}");
}

#[test]
fn ranges_are_written_in_words_not_rust_syntax() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &small_with(&[("to = 2022", "to = 2030")]),
    );
    let err = check_refuses(&p, &["within the horizon, 2021 to 2023, got 2030"]);
    assert!(!err.contains("..="), "{err}");
}

#[test]
fn an_error_in_a_parent_names_the_child_that_extends_it() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "parent.toml", SMALL);
    let child = write(
        d.path(),
        "child.toml",
        "[scenario]\nextends = \"parent.toml\"\nname = \"child\"\nend_year = 2021\n",
    );
    check_refuses(
        &child,
        &["parent.toml:12:", "inherited by", "child.toml:2:11"],
    );
}

#[test]
fn inconsistent_correlations_name_a_small_subset() {
    let d = tempfile::tempdir().unwrap();
    let mut text = SMALL.to_string();
    // Twelve parameters in one group; only three contradict each other.
    for i in 0..12 {
        text.push_str(&format!(
            "[segments.g{i}]\npopulation = 10\ninitial_adoption = 0.1\np = 0.01\n\
             q = {{ dist = \"uniform\", min = 0.2, max = 0.4 }}\nceiling = 0.9\nvalue_per_adopter = 1\n"
        ));
    }
    for i in 0..11 {
        text.push_str(&format!(
            "[[correlations]]\na = \"segments.g{i}.q\"\nb = \"segments.g{}.q\"\nrho = 0.2\n",
            i + 1
        ));
    }
    text.push_str("[[correlations]]\na = \"segments.s.p\"\nb = \"segments.g0.q\"\nrho = 0.9\n");
    text.push_str("[[correlations]]\na = \"segments.g0.q\"\nb = \"segments.g1.q\"\nrho = 0.9\n");
    text.push_str("[[correlations]]\na = \"segments.s.p\"\nb = \"segments.g1.q\"\nrho = -0.9\n");
    let p = write(d.path(), "s.toml", &text);
    let err = esante().arg("check").arg(&p).output().unwrap();
    let stderr = String::from_utf8_lossy(&err.stderr);
    assert_eq!(err.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the correlations among segments.s.p, segments.g0.q, segments.g1.q contradict each other"),
        "{stderr}"
    );
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
