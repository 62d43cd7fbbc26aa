//! Hostile files and misuse of paths, one test per class of defect (in the
//! style of ripgrep's `tests/regression.rs`): nothing the user owns is ever
//! deleted or overwritten, and unusual files get clear messages.

mod common;
#[path = "common/regression.rs"]
mod fixture;

use fixture::*;
use predicates::prelude::*;

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
// 3. Hostile or unusual files.

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
