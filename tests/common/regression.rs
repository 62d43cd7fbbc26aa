//! What `tests/regression.rs` and `tests/regression_files.rs` share: the
//! binary, a small valid scenario and ways to run or check variants of it
//! (scenario files are written with `common::write`).

#![allow(dead_code)]

use std::path::Path;

pub use crate::common::write;

use assert_cmd::Command;

/// The `esante` binary.
pub fn esante() -> Command {
    Command::cargo_bin("esante").unwrap()
}

/// A small valid scenario: one axis lifting one segment, three years.
pub const SMALL: &str = r#"[scenario]
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

/// Runs `esante run` of `scenario` into `out` with `extra` flags.
pub fn run(scenario: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    esante()
        .arg("run")
        .arg(scenario)
        .args(["--quiet", "--format", "svg", "--out"])
        .arg(out)
        .args(extra)
        .assert()
}

/// `SMALL` with `key = value` lines replaced or added under `[table]`.
pub fn small_with(replace: &[(&str, &str)]) -> String {
    let mut text = SMALL.to_string();
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    text
}

/// `esante check` of `path`: exit 2 and stderr containing each of `want`.
pub fn check_refuses(path: &Path, want: &[&str]) -> String {
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
