//! Outputs do not depend on the CPU. glibc picks FMA or non-FMA variants of
//! `exp`, `log`, `pow`, `sin`... by CPU at run time, and esante's own lane
//! kernels (`esante::math::wide`) run compiled for AVX2 where the CPU has
//! it: every number that reaches an output must come from arithmetic whose
//! bits do not depend on either. Each command (run with both samplings,
//! compare, sensitivity, calibrate, optimize) runs three times and every
//! output file must be byte-identical:
//!
//! - normally, on this machine's CPU;
//! - with the features glibc's dispatch looks at turned off
//!   (`GLIBC_TUNABLES`); before `esante::math`, each of these commands
//!   differed on a CPU with them (last digits of a standard deviation, a
//!   Sobol index, a weight);
//! - on a baseline x86-64 CPU (SSE2; no AVX, AVX2 or FMA), emulated by
//!   `qemu-x86_64 -cpu qemu64`: esante's kernels and glibc both take their
//!   baseline paths. Debian's `qemu-user` is installed with apt-get when it
//!   is missing (as root, as CI runs); otherwise the test fails saying so.
//!
//! On a CPU without AVX2 and FMA the three runs take the same path and the
//! test proves nothing.

#![cfg(target_arch = "x86_64")]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::tree;

/// How a command is run.
#[derive(Debug, Clone, Copy)]
enum Cpu {
    /// On this machine's CPU.
    Native,
    /// With glibc's switches for the features its math dispatch selects on.
    NoFma,
    /// On an emulated baseline x86-64 CPU.
    Baseline,
}

/// glibc's switches for the features its math dispatch selects on.
const NO_FMA: &str = "glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4";

/// QEMU's CPU model of baseline x86-64 (SSE2, no AVX).
const BASELINE: &str = "qemu64";

impl Cpu {
    fn describe(self) -> String {
        match self {
            Cpu::Native => "on this CPU".into(),
            Cpu::NoFma => format!("with GLIBC_TUNABLES={NO_FMA}"),
            Cpu::Baseline => format!("on a baseline x86-64 CPU (qemu-x86_64 -cpu {BASELINE})"),
        }
    }
}

/// `qemu-x86_64`, installed from Debian's `qemu-user` if missing (once per
/// test run; the tests of this file share it).
fn qemu() -> &'static Path {
    static QEMU: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let found = QEMU.get_or_init(|| {
        let which = || {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join("qemu-x86_64"))
                    .find(|p| p.is_file())
            })
        };
        if let Some(q) = which() {
            return Ok(q);
        }
        let install = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
             apt-get install -y -qq --no-install-recommends qemu-user";
        let out = Command::new("sh")
            .args(["-c", install])
            .output()
            .map_err(|e| format!("cannot run apt-get: {e}"))?;
        which().ok_or_else(|| {
            format!(
                "qemu-x86_64 is not installed and apt-get could not install it \
                 (it needs root: apt-get install qemu-user):\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
    });
    match found {
        Ok(q) => q,
        Err(e) => panic!("{e}"),
    }
}

/// Runs `esante ARGS --out DIR --quiet` on `cpu`.
fn esante(args: &[&str], out: &Path, cpu: Cpu) {
    let bin = env!("CARGO_BIN_EXE_esante");
    let mut cmd = match cpu {
        Cpu::Baseline => {
            let mut c = assert_cmd::Command::new(qemu());
            c.args(["-cpu", BASELINE, bin]);
            c
        }
        Cpu::Native | Cpu::NoFma => assert_cmd::Command::new(bin),
    };
    cmd.args(args).arg("--out").arg(out).arg("--quiet");
    match cpu {
        Cpu::NoFma => cmd.env("GLIBC_TUNABLES", NO_FMA),
        Cpu::Native | Cpu::Baseline => cmd.env_remove("GLIBC_TUNABLES"),
    };
    cmd.assert().success();
}

/// Where two versions of a file first differ: the line (text) or the byte.
fn first_difference(a: &[u8], b: &[u8], cpu: Cpu) -> String {
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
        format!(
            "line {line}:\n  on this CPU: {}\n  {}: {}",
            text(a),
            cpu.describe(),
            text(b)
        )
    } else {
        format!("byte {at} (sizes {} and {})", a.len(), b.len())
    }
}

/// Runs `args` on every [`Cpu`], and fails on the first output file that
/// is missing, extra or different from the native run's.
fn same_outputs(args: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let run = |cpu: Cpu| {
        let out = tmp.path().join(format!("{cpu:?}"));
        esante(args, &out, cpu);
        tree(&out)
    };
    let a = run(Cpu::Native);
    assert!(!a.is_empty(), "{args:?} wrote nothing");
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    for cpu in [Cpu::NoFma, Cpu::Baseline] {
        let b = run(cpu);
        assert_eq!(names(&a), names(&b), "{args:?}: different files");
        let differ: Vec<String> = a
            .iter()
            .filter(|(name, bytes)| b[*name] != **bytes)
            .map(|(name, bytes)| format!("{name}: {}", first_difference(bytes, &b[name], cpu)))
            .collect();
        assert!(
            differ.is_empty(),
            "esante {} depends on the CPU ({} file(s) differ {}):\n{}",
            args.join(" "),
            differ.len(),
            cpu.describe(),
            differ.join("\n")
        );
    }
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

#[test]
fn compare_does_not_depend_on_the_cpu() {
    same_outputs(&[
        "compare",
        "scenarios/no-program.toml",
        SCENARIO,
        "scenarios/acceleration-2022-revised.toml",
        "--draws",
        "20000",
    ]);
}
