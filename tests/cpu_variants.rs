//! Outputs do not depend on the CPU. glibc picks FMA or non-FMA variants of
//! `exp`, `log`, `pow`, `sin`... by CPU at run time; every number that
//! reaches an output must come from arithmetic that does not (`esante::math`).
//! Each command runs twice, normally and with the CPU features that glibc's
//! dispatch looks at turned off (`GLIBC_TUNABLES`), and every output file must
//! be byte-identical. On a CPU without AVX2 and FMA both runs take the same
//! path and the test proves nothing; before `esante::math`, each of these
//! commands differed on a CPU with them (last digits of a standard deviation,
//! a Sobol index, a weight).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::tree;

/// glibc's switches for the features its math dispatch selects on.
const NO_FMA: &str = "glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4";

/// Runs `esante ARGS --out DIR --quiet`, with `GLIBC_TUNABLES` set to
/// `tunables` or unset.
fn esante(args: &[&str], out: &Path, tunables: Option<&str>) {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_esante"));
    cmd.args(args).arg("--out").arg(out).arg("--quiet");
    match tunables {
        Some(t) => cmd.env("GLIBC_TUNABLES", t),
        None => cmd.env_remove("GLIBC_TUNABLES"),
    };
    cmd.assert().success();
}

/// Where two versions of a file first differ: the line (text) or the byte.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let line = a[..at].iter().filter(|&&c| c == b'\n').count() + 1;
    let text = |s: &[u8]| {
        let start = s[..at.min(s.len())]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1);
        let end = s[start..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(s.len(), |i| start + i);
        String::from_utf8_lossy(&s[start..end.min(start + 300)]).into_owned()
    };
    if std::str::from_utf8(a).is_ok() && std::str::from_utf8(b).is_ok() {
        format!("line {line}:\n  normal: {}\n  no FMA: {}", text(a), text(b))
    } else {
        format!("byte {at} (sizes {} and {})", a.len(), b.len())
    }
}

/// Runs `args` normally and without FMA, and fails on the first output file
/// that is missing, extra or different.
fn same_outputs(args: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let (normal, no_fma) = (tmp.path().join("normal"), tmp.path().join("no-fma"));
    esante(args, &normal, None);
    esante(args, &no_fma, Some(NO_FMA));
    let (a, b) = (tree(&normal), tree(&no_fma));
    assert!(!a.is_empty(), "{args:?} wrote nothing");
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "{args:?}: different files");
    let differ: Vec<String> = a
        .iter()
        .filter(|(name, bytes)| b[*name] != **bytes)
        .map(|(name, bytes)| format!("{name}: {}", first_difference(bytes, &b[name])))
        .collect();
    assert!(
        differ.is_empty(),
        "esante {} depends on the CPU ({} file(s) differ with GLIBC_TUNABLES={NO_FMA}):\n{}",
        args.join(" "),
        differ.len(),
        differ.join("\n")
    );
}

const SCENARIO: &str = "scenarios/acceleration-2021.toml";

#[test]
fn run_mc_does_not_depend_on_the_cpu() {
    same_outputs(&[
        "run",
        SCENARIO,
        "--sampling",
        "mc",
        "--draws",
        "200000",
        "--seed",
        "2",
    ]);
}

#[test]
fn run_lhs_does_not_depend_on_the_cpu() {
    same_outputs(&[
        "run",
        SCENARIO,
        "--sampling",
        "lhs",
        "--draws",
        "50000",
        "--seed",
        "3",
    ]);
}

#[test]
fn sensitivity_does_not_depend_on_the_cpu() {
    same_outputs(&[
        "sensitivity",
        SCENARIO,
        "--draws",
        "4096",
        "--resamples",
        "200",
    ]);
}

#[test]
fn calibrate_does_not_depend_on_the_cpu() {
    same_outputs(&["calibrate", SCENARIO, "--draws", "100000"]);
}

#[test]
fn optimize_does_not_depend_on_the_cpu() {
    same_outputs(&["optimize", SCENARIO, "--draws", "5000", "--step", "0.1"]);
}
