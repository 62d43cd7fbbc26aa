//! `esante run --shard K/N` and `esante merge`: the merged report is the
//! report of the run in one piece, byte for byte, whatever the number of
//! shards and the order they are given in; bad shard sets and files are
//! refused with exit code 2 and a message naming what is wrong.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

const SCENARIO: &str = "scenarios/acceleration-2021.toml";
/// Not a multiple of the block size, so the last block is partial.
const DRAWS: &str = "9000";

fn esante(args: &[&str]) -> Output {
    Command::cargo_bin("esante")
        .expect("the esante binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("esante runs")
}

fn ok(args: &[&str]) {
    let o = esante(args);
    assert!(
        o.status.success(),
        "esante {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Exit code 2 with every `want` in stderr.
fn refused(args: &[&str], want: &[&str]) {
    let o = esante(args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "esante {args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for w in want {
        assert!(
            err.contains(w),
            "esante {args:?}: stderr lacks {w:?}: {err}"
        );
    }
}

fn s(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_string()
}

/// Every file of two folders, byte for byte (names listed on mismatch).
fn assert_same_folder(a: &Path, b: &Path) {
    let list = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let (la, lb) = (list(a), list(b));
    assert_eq!(la, lb, "file lists of {} and {}", a.display(), b.display());
    for name in la {
        let (x, y) = (
            std::fs::read(a.join(&name)).unwrap(),
            std::fs::read(b.join(&name)).unwrap(),
        );
        assert!(
            x == y,
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

/// Shards `0..n` of the run into `parts`.
fn shards(parts: &Path, n: u64, extra: &[&str]) -> Vec<PathBuf> {
    (0..n)
        .map(|k| {
            let shard = format!("{k}/{n}");
            let mut args = vec![
                "run", SCENARIO, "--draws", DRAWS, "--shard", &shard, "--quiet",
            ];
            let out = s(parts);
            args.extend(["--out", &out]);
            args.extend(extra);
            ok(&args);
            parts.join(format!("shard-{k}-of-{n}.json"))
        })
        .collect()
}

/// N = 1, 2, 3, 7, 16, Monte Carlo and Latin hypercube, shards given as a
/// folder and as files in a scrambled order: the report of the single run.
#[test]
fn merged_shards_are_the_single_run_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    for sampling in ["mc", "lhs"] {
        let single = tmp.path().join(format!("single-{sampling}"));
        let flags = ["--sampling", sampling, "--format", "svg"];
        let mut args = vec!["run", SCENARIO, "--draws", DRAWS, "--quiet", "--out"];
        let out = s(&single);
        args.push(&out);
        args.extend(flags);
        ok(&args);
        for n in [1, 2, 3, 7, 16] {
            let parts = tmp.path().join(format!("parts-{sampling}-{n}"));
            let files = shards(&parts, n, &flags);
            let merged = tmp.path().join(format!("merged-{sampling}-{n}"));
            ok(&[
                "merge",
                &s(&parts),
                "--out",
                &s(&merged),
                "--format",
                "svg",
                "--quiet",
            ]);
            assert_same_folder(&single, &merged);
            // The files one by one, in a scrambled order.
            let mut order: Vec<String> = files.iter().map(|f| s(f)).collect();
            order.reverse();
            order.rotate_left(n as usize / 2);
            let again = tmp.path().join(format!("again-{sampling}-{n}"));
            let mut args = vec!["merge".to_string()];
            args.extend(order);
            args.extend(["--out", &s(&again), "--format", "svg", "--quiet"].map(String::from));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            ok(&args);
            assert_same_folder(&single, &again);
        }
    }
}

/// PNG charts too (the default formats), and a retried shard rewrites its
/// own file with the same bytes.
#[test]
fn merged_png_report_and_retried_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single");
    ok(&[
        "run",
        SCENARIO,
        "--draws",
        DRAWS,
        "--quiet",
        "--out",
        &s(&single),
    ]);
    let parts = tmp.path().join("parts");
    let files = shards(&parts, 2, &[]);
    let before = std::fs::read(&files[1]).unwrap();
    shards(&parts, 2, &["--threads", "1"]);
    assert_eq!(
        std::fs::read(&files[1]).unwrap(),
        before,
        "a retried shard writes the same bytes"
    );
    let merged = tmp.path().join("merged");
    ok(&["merge", &s(&parts), "--out", &s(&merged), "--quiet"]);
    assert_same_folder(&single, &merged);
}

#[test]
fn incomplete_or_mixed_shard_sets_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let parts = tmp.path().join("parts");
    let files = shards(&parts, 3, &["--format", "svg"]);
    let out = s(&tmp.path().join("report"));
    // Missing, duplicated.
    refused(
        &["merge", &s(&files[0]), &s(&files[2]), "--out", &out],
        &["1 of 3 shards missing: 1/3"],
    );
    refused(
        &["merge", &s(&parts), &s(&files[1]), "--out", &out],
        &["shard 1/3 given 2 times"],
    );
    // Another seed, another count, another scenario.
    let other = tmp.path().join("other");
    let seeded = shards(&other, 3, &["--seed", "7"]);
    refused(
        &[
            "merge",
            &s(&files[0]),
            &s(&files[1]),
            &s(&seeded[2]),
            "--out",
            &out,
        ],
        &["are not shards of the same run", "seed 7"],
    );
    let halves = shards(&tmp.path().join("halves"), 2, &[]);
    refused(
        &["merge", &s(&files[0]), &s(&halves[1]), "--out", &out],
        &["2 shards vs 3"],
    );
    let no_program = tmp.path().join("np");
    ok(&[
        "run",
        "scenarios/no-program.toml",
        "--draws",
        DRAWS,
        "--shard",
        "0/3",
        "--out",
        &s(&no_program),
        "--quiet",
    ]);
    refused(
        &[
            "merge",
            &s(&files[1]),
            &s(&files[2]),
            &s(&no_program.join("shard-0-of-3.json")),
            "--out",
            &out,
        ],
        &["not shards of the same run: scenario"],
    );
    // Nothing was written.
    assert!(!tmp.path().join("report").exists());
}

#[test]
fn bad_shard_files_and_values_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let parts = tmp.path().join("parts");
    let files = shards(&parts, 2, &[]);
    let out = s(&tmp.path().join("report"));
    // A changed number, a cut file, not JSON, another format.
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let changed = tmp.path().join("changed.json");
    let at = text.find("\"target_hits\":[").expect("hits") + "\"target_hits\":[".len();
    let mut edited = text.clone();
    edited.insert(at, '1');
    std::fs::write(&changed, edited).unwrap();
    refused(
        &["merge", &s(&changed), &s(&files[1]), "--out", &out],
        &["changed.json", "checksum"],
    );
    let cut = tmp.path().join("cut.json");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    refused(
        &["merge", &s(&cut), &s(&files[1]), "--out", &out],
        &["cut.json", "not a shard file"],
    );
    let other = tmp.path().join("other.json");
    std::fs::write(&other, "{\"format\": \"something-else\"}").unwrap();
    refused(&["merge", &s(&other), "--out", &out], &["not a shard file"]);
    let beyond = tmp.path().join("beyond.json");
    std::fs::write(&beyond, text.replacen("\"index\":0", "\"index\":5", 1)).unwrap();
    refused(
        &["merge", &s(&beyond), &s(&files[1]), "--out", &out],
        &["beyond.json", "5/2", "is not a shard"],
    );
    let future = tmp.path().join("future.json");
    std::fs::write(&future, text.replacen("\"version\":1", "\"version\":99", 1)).unwrap();
    refused(
        &["merge", &s(&future), &s(&files[1]), "--out", &out],
        &["version Some(99)"],
    );
    // No shard in a folder; no such path.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    refused(
        &["merge", &s(&empty), "--out", &out],
        &["holds no shard file"],
    );
    refused(
        &["merge", &s(&tmp.path().join("nope")), "--out", &out],
        &["cannot read"],
    );
    // Bad --shard values.
    for bad in ["2/2", "0/0", "-1/2", "x", "1/2/3", " 1/2"] {
        let flag = format!("--shard={bad}");
        refused(
            &["run", SCENARIO, &flag, "--out", &s(&parts)],
            &["is not a shard"],
        );
    }
    refused(
        &["run", SCENARIO, "--shard", "0/2", "--export-draws", "d.csv"],
        &["cannot be used with"],
    );
    // A file of the user's where the shard file would go is never replaced.
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("shard-0-of-2.json"), "my notes\n").unwrap();
    refused(
        &[
            "run",
            SCENARIO,
            "--draws",
            DRAWS,
            "--shard",
            "0/2",
            "--out",
            &s(&mine),
            "--quiet",
        ],
        &["is not a shard file"],
    );
    assert_eq!(
        std::fs::read_to_string(mine.join("shard-0-of-2.json")).unwrap(),
        "my notes\n"
    );
    assert!(!tmp.path().join("report").exists());
}

/// `esante optimize --shard K/N` and `esante merge`: the optimisation report
/// of the single search, byte for byte, for N = 1, 2, 3, 7 and any order,
/// calibrated too; shards of different problems are refused.
#[test]
fn merged_optimisation_shards_are_the_single_search() {
    let tmp = tempfile::tempdir().unwrap();
    let problem = [
        "--draws", "2000", "--step", "0.125", "--format", "svg", "--quiet",
    ];
    for calibrated in [false, true] {
        let extra: &[&str] = if calibrated { &["--calibrated"] } else { &[] };
        let single = tmp.path().join(format!("single-{calibrated}"));
        let mut args = vec!["optimize", SCENARIO, "--out"];
        let out = s(&single);
        args.push(&out);
        args.extend(problem);
        args.extend(extra);
        ok(&args);
        for n in [1u64, 2, 3, 7] {
            let parts = tmp.path().join(format!("parts-{calibrated}-{n}"));
            let mut files = Vec::new();
            for k in (0..n).rev() {
                let shard = format!("--shard={k}/{n}");
                let p = s(&parts);
                let mut args = vec!["optimize", SCENARIO, &shard, "--out", &p];
                args.extend(problem);
                args.extend(extra);
                ok(&args);
                files.push(s(&parts.join(format!("shard-{k}-of-{n}.json"))));
            }
            let merged = tmp.path().join(format!("merged-{calibrated}-{n}"));
            let mut args = vec!["merge".to_string()];
            args.extend(files.iter().cloned());
            args.extend(["--out", &s(&merged), "--format", "svg", "--quiet"].map(String::from));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            ok(&args);
            assert_same_folder(&single, &merged);
        }
    }
    // Another step: not the same optimisation; a run shard is not one.
    let other = tmp.path().join("other");
    ok(&[
        "optimize",
        SCENARIO,
        "--shard=1/2",
        "--draws",
        "2000",
        "--step",
        "0.25",
        "--out",
        &s(&other),
        "--quiet",
    ]);
    let first = s(&tmp.path().join("parts-false-2").join("shard-0-of-2.json"));
    refused(
        &[
            "merge",
            &first,
            &s(&other.join("shard-1-of-2.json")),
            "--out",
            &s(&tmp.path().join("r")),
        ],
        &["not shards of the same optimisation"],
    );
    refused(
        &["merge", &first, "--out", &s(&tmp.path().join("r"))],
        &["1 of 2 shards missing: 1/2"],
    );
    let run_parts = tmp.path().join("run-parts");
    let run_shard = shards(&run_parts, 2, &[]);
    refused(
        &[
            "merge",
            &first,
            &s(&run_shard[1]),
            "--out",
            &s(&tmp.path().join("r")),
        ],
        &["shard-1-of-2.json"],
    );
    assert!(!tmp.path().join("r").exists());
}
