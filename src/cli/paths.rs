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

/// The shard files `part` names: the file itself, or a folder's files named
/// `shard-K-of-N.json`, in name order.
pub fn shard_files(part: &Path) -> Result<Vec<PathBuf>, String> {
    let meta =
        std::fs::metadata(part).map_err(|e| format!("cannot read {}: {e}", part.display()))?;
    if !meta.is_dir() {
        return Ok(vec![part.to_path_buf()]);
    }
    let entries =
        std::fs::read_dir(part).map_err(|e| format!("cannot list {}: {e}", part.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_shard_name)
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{} holds no shard file (shard-K-of-N.json, written by `esante run --shard K/N`)",
            part.display()
        ));
    }
    Ok(files)
}

/// The `format` a shard file declares (`esante-shard`,
/// `esante-optimize-shard`), if it is JSON with one.
pub fn shard_format(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    serde_json::from_str::<Head>(text).ok()?.format
}

/// Whether `name` is `shard-K-of-N.json` with K and N numbers.
fn is_shard_name(name: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    name.strip_prefix("shard-")
        .and_then(|r| r.strip_suffix(".json"))
        .and_then(|r| r.split_once("-of-"))
        .is_some_and(|(k, n)| digits(k) && digits(n))
}

/// Checks that a shard file may be written at `path`: nothing there yet, or
/// an earlier shard file (a retried shard rewrites its own file, and never
/// anything else).
pub fn check_shard_target(path: &Path) -> Result<(), UsageError> {
    let refuse = |why: &str| Err(UsageError(format!("{}: {why}", path.display())));
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(m) if !m.file_type().is_file() => {
            refuse("exists and is not a regular file; a shard replaces only its own shard file")
        }
        Ok(_) => {
            let mut head = String::new();
            let read =
                std::fs::File::open(path).and_then(|f| f.take(1 << 30).read_to_string(&mut head));
            if read.is_ok() && shard_format(&head).is_some_and(|f| f.starts_with("esante-")) {
                Ok(())
            } else {
                refuse("exists and is not a shard file; a shard replaces only its own shard file")
            }
        }
    }
}

#[cfg(test)]
mod shard_tests {
    use super::is_shard_name;

    #[test]
    fn shard_file_names() {
        assert!(is_shard_name("shard-0-of-8.json"));
        assert!(is_shard_name("shard-15-of-16.json"));
        for bad in [
            "shard-a-of-8.json",
            "shard-1-of-.json",
            "shard-1-of-2.json.tmp",
            "x.json",
            "shard--of-2.json",
        ] {
            assert!(!is_shard_name(bad), "{bad}");
        }
    }
}
