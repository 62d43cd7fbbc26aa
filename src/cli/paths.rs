//! Which files a command may write: never a file the user owns.
//!
//! `--export-draws PATH` may replace only a regular file that an earlier
//! export wrote (its header starts with `draw,`), or any regular file with
//! `--force`. It never writes through or replaces a symbolic link, a device,
//! a pipe or a folder, never one of the run's scenario files, and never a
//! path inside the report folder being written.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::UsageError;

/// Checks that `--export-draws path` may be written by a run of the
/// scenario files `scenarios` whose report goes to `out`.
pub fn check_export(
    path: &Path,
    scenarios: &[PathBuf],
    out: &Path,
    force: bool,
) -> Result<(), UsageError> {
    let refuse = |why: String| {
        Err(UsageError(format!(
            "--export-draws {}: {why}",
            path.display()
        )))
    };
    if path.file_name().is_none() || path.as_os_str().to_string_lossy().ends_with('/') {
        return refuse("give a file name, not a folder".into());
    }
    let target = resolved(path);
    if target.starts_with(resolved(out)) {
        return refuse(format!(
            "this is inside the report folder {} that the run writes; \
             export the draws elsewhere",
            out.display()
        ));
    }
    let folder = parent_dir(path);
    if !folder.is_dir() {
        return refuse(format!("the folder {} does not exist", folder.display()));
    }
    let meta = match std::fs::symlink_metadata(path) {
        Err(_) => return Ok(()),
        Ok(m) => m,
    };
    if meta.file_type().is_symlink() {
        return refuse(
            "this is a symbolic link; esante does not write through links \
             (give the file it points to)"
                .into(),
        );
    }
    if !meta.is_file() {
        return refuse(
            "this is not a regular file (a folder, device or pipe); \
             give the path of a CSV file"
                .into(),
        );
    }
    if scenarios.iter().any(|s| same_file(s, path)) {
        return refuse("this is a scenario file of the run; export the draws elsewhere".into());
    }
    if !force && !is_draws_export(path) {
        return refuse(
            "this file exists and is not an earlier draws export; \
             choose another path, or add --force to replace it"
                .into(),
        );
    }
    Ok(())
}

/// The folder of `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether `path` starts like a file `--export-draws` writes.
fn is_draws_export(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"draw," || &head[..4] == b"draw" && head[4] == b'\n')
}

/// Whether two paths name the same file (following links).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                x.dev() == y.dev() && x.ino() == y.ino()
            }
            #[cfg(not(unix))]
            {
                let _ = (x, y);
                resolved(a) == resolved(b)
            }
        }
        _ => false,
    }
}

/// `path` made absolute, its longest existing prefix with links resolved,
/// the rest normalised (`.` dropped, `..` applied).
pub fn resolved(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for c in rest.iter().rev() {
        out.push(c);
    }
    // `absolute` keeps `..`; apply them lexically to the part that does not exist.
    let mut clean = PathBuf::new();
    for c in out.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_applies_dots_to_missing_parts() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().canonicalize().unwrap();
        let p = d.path().join("a/../b/./c.csv");
        assert_eq!(resolved(&p), root.join("b/c.csv"));
    }
}
