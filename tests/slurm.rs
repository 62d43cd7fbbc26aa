//! End to end on a real Slurm cluster: a sharded run as a job array, then its merge,
//! gives byte for byte the report of the same run made in one piece.
//!
//! The test starts a single-node Slurm cluster on this machine with
//! `deploy/slurm/cluster.sh start` in a temporary folder (its own munged, free ports;
//! Debian's `slurmctld slurmd slurm-client munge` packages are installed with apt-get
//! if missing), submits an 8-task array of `scenarios/acceleration-2021.toml` and the
//! merge with `deploy/slurm/submit.sh --wait`, runs the same scenario, draws and seed
//! in one `esante run`, compares the two report folders file by file, and stops the
//! cluster (also when the test fails: [`Cluster`]'s `Drop`).
//!
//! It needs root (the Slurm daemons run as root, apt-get installs the packages). When
//! the cluster cannot start, the test fails with the script's reason: it never skips.
//! One test only, so the cluster starts and stops once.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const SCENARIO: &str = "scenarios/acceleration-2021.toml";
const SHARDS: usize = 8;
const DRAWS: &str = "20000";

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn script(name: &str) -> PathBuf {
    project().join("deploy/slurm").join(name)
}

/// What a finished command said.
struct Ran {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Ran {
    fn describe(&self) -> String {
        format!(
            "{}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.status,
            self.stdout.trim_end(),
            self.stderr.trim_end()
        )
    }
}

/// A command without the caller's Slurm settings (the test may itself run inside a
/// Slurm job), for the cluster in `state`.
fn slurm_command(program: &Path, state: &Path) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg(program);
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("SLURM_") || k.starts_with("SBATCH_") {
            cmd.env_remove(&key);
        }
    }
    cmd.env("SLURM_CONF", state.join("slurm.conf"));
    cmd
}

/// Runs `cmd` to its end or kills it (its whole process group) after `limit`.
/// Output goes through files in `logs`, not pipes: the daemons a script starts
/// would keep a pipe open and a reader waiting for ever.
fn run(cmd: &mut Command, name: &str, logs: &Path, limit: Duration) -> Result<Ran, String> {
    let out_path = logs.join(format!("{name}.stdout"));
    let err_path = logs.join(format!("{name}.stderr"));
    let file = |p: &Path| fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(file(&out_path)?)
        .stderr(file(&err_path)?)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > limit {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            let stderr = fs::read_to_string(&err_path).unwrap_or_default();
            return Err(format!(
                "{name} still running after {} s, killed; its stderr:\n{stderr}",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Ok(Ran {
        status,
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path).unwrap_or_default(),
    })
}

/// The cluster of this test; dropping it stops the daemons, whatever happened.
struct Cluster {
    state: PathBuf,
    logs: PathBuf,
}

impl Cluster {
    fn start(&self) -> Result<Ran, String> {
        let ran = run(
            slurm_command(&script("cluster.sh"), &self.state)
                .arg("start")
                .arg(&self.state),
            "cluster-start",
            &self.logs,
            Duration::from_secs(240),
        )?;
        if ran.status.success() {
            Ok(ran)
        } else {
            Err(format!("cluster.sh start failed: {}", ran.describe()))
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let stopped = run(
            slurm_command(&script("cluster.sh"), &self.state)
                .arg("stop")
                .arg(&self.state),
            "cluster-stop",
            &self.logs,
            Duration::from_secs(60),
        );
        match stopped {
            Ok(ran) if ran.status.success() => {}
            Ok(ran) => eprintln!("cluster.sh stop failed: {}", ran.describe()),
            Err(e) => eprintln!("cluster.sh stop: {e}"),
        }
    }
}

/// Every file under `dir`, as paths relative to it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Where two files first differ, in a few words (a line for text, an offset else).
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let short = |s: &str| s.chars().take(160).collect::<String>();
    if let (Ok(ta), Ok(tb)) = (std::str::from_utf8(a), std::str::from_utf8(b)) {
        let (mut la, mut lb) = (ta.lines(), tb.lines());
        for n in 1.. {
            match (la.next(), lb.next()) {
                (Some(x), Some(y)) if x == y => {}
                (x, y) => {
                    return format!(
                        "line {n}:\n  merged: {}\n  single: {}",
                        x.map_or("(end of file)".into(), short),
                        y.map_or("(end of file)".into(), short)
                    );
                }
            }
        }
    }
    let at = a.iter().zip(b).position(|(x, y)| x != y);
    format!(
        "byte {} (sizes {} and {})",
        at.unwrap_or(a.len().min(b.len())),
        a.len(),
        b.len()
    )
}

/// Panics with the first difference between two report folders.
fn assert_same_folders(merged: &Path, single: &Path) {
    let (fm, fs1) = (files(merged), files(single));
    let only = |x: &[PathBuf], y: &[PathBuf]| -> Vec<String> {
        x.iter()
            .filter(|p| !y.contains(p))
            .take(10)
            .map(|p| p.display().to_string())
            .collect()
    };
    assert!(
        fm == fs1,
        "the report folders hold different files: only in the merged one {:?}, only in the single run {:?}",
        only(&fm, &fs1),
        only(&fs1, &fm)
    );
    assert!(!fm.is_empty(), "empty report folder {}", merged.display());
    // Text files first: their differences say more than a chart's.
    let mut differing: Vec<(bool, &PathBuf, String)> = Vec::new();
    for rel in &fm {
        let a = fs::read(merged.join(rel)).unwrap();
        let b = fs::read(single.join(rel)).unwrap();
        if a != b {
            let binary = std::str::from_utf8(&a).is_err() || std::str::from_utf8(&b).is_err();
            differing.push((binary, rel, first_difference(&a, &b)));
        }
    }
    differing.sort_by_key(|d| d.0);
    if let Some((_, rel, at)) = differing.first() {
        panic!(
            "{} of {} files differ between the merged report and the single run; first {}, at {at}",
            differing.len(),
            fm.len(),
            rel.display()
        );
    }
}

#[test]
fn an_8_shard_slurm_array_and_its_merge_give_the_single_run_report() {
    let tmp = tempfile::tempdir().unwrap();
    // munged runs as user munge and must reach its socket inside the folder.
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let logs = tmp.path().join("test-logs");
    fs::create_dir(&logs).unwrap();
    let t0 = Instant::now();
    // Declared after `tmp`, so dropped (cluster stopped) before the folder goes.
    let cluster = Cluster {
        state: tmp.path().join("cluster"),
        logs: logs.clone(),
    };
    let started = cluster.start().unwrap_or_else(|e| panic!("{e}"));
    let t_cluster = t0.elapsed();
    eprintln!("{}", started.stdout.trim_end());

    let parts = tmp.path().join("parts");
    let merged = tmp.path().join("merged");
    let t1 = Instant::now();
    let submitted = run(
        slurm_command(&script("submit.sh"), &cluster.state)
            .args(["--wait", "--timeout", "300"])
            .arg(project().join(SCENARIO))
            .arg(SHARDS.to_string())
            .arg(&parts)
            .arg(&merged)
            .args(["--draws", DRAWS])
            .env("ESANTE", env!("CARGO_BIN_EXE_esante"))
            .current_dir(tmp.path()),
        "submit",
        &logs,
        Duration::from_secs(330),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let t_slurm = t1.elapsed();
    assert!(
        submitted.status.success(),
        "submit.sh --wait failed: {}",
        submitted.describe()
    );
    let mut shard_files: Vec<String> = fs::read_dir(&parts)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    shard_files.sort();
    let expected: Vec<String> = {
        let mut v: Vec<String> = (0..SHARDS)
            .map(|k| format!("shard-{k}-of-{SHARDS}.json"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        shard_files,
        expected,
        "the partial results in {}",
        parts.display()
    );

    let single = tmp.path().join("single");
    let t2 = Instant::now();
    let one = run(
        Command::new(env!("CARGO_BIN_EXE_esante"))
            .arg("run")
            .arg(project().join(SCENARIO))
            .args(["--draws", DRAWS, "--quiet", "--out"])
            .arg(&single),
        "single-run",
        &logs,
        Duration::from_secs(300),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let t_single = t2.elapsed();
    assert!(
        one.status.success(),
        "esante run failed: {}",
        one.describe()
    );

    assert_same_folders(&merged, &single);
    eprintln!(
        "cluster start {:.1} s, {SHARDS}-shard array + merge {:.1} s, single run {:.1} s",
        t_cluster.as_secs_f64(),
        t_slurm.as_secs_f64(),
        t_single.as_secs_f64()
    );
}
