//! Writing a report folder atomically: every file goes to a temporary folder
//! beside the destination, which replaces the destination only once complete.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `files` (name, bytes) into the folder `dir`, atomically: a failed or
/// interrupted run leaves any previous folder untouched.
///
/// An existing `dir` is replaced only if it is empty or holds an earlier
/// report of the same kind (one of the `markers` files), so a mistyped `--out`
/// never deletes an unrelated folder. Subfolders named in `keep` (e.g. a
/// `sensitivity/` analysis inside a run's report) are carried over from the
/// previous folder into the new one.
pub(super) fn write_files(
    dir: &Path,
    markers: &[&str],
    keep: &[&str],
    files: &[super::Artifact],
) -> io::Result<()> {
    if dir.exists() {
        let is_report = markers.iter().any(|m| dir.join(m).is_file());
        let is_empty = dir.is_dir() && std::fs::read_dir(dir)?.next().is_none();
        if !is_report && !is_empty {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} exists and is not an esante report folder (no {}); \
                     choose another --out or remove it",
                    dir.display(),
                    markers.join(" or ")
                ),
            ));
        }
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{base}.tmp-"))
        .tempdir_in(&parent)?;
    for super::Artifact { name, bytes } in files {
        let path = tmp.path().join(name);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        let mut f = std::fs::File::create(&path)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    replace_dir(tmp, dir, &parent, &base, keep)
}

/// Moves the finished temporary folder to `dir`, keeping the old one until the
/// new one is in place.
fn replace_dir(
    tmp: tempfile::TempDir,
    dir: &Path,
    parent: &Path,
    base: &str,
    keep: &[&str],
) -> io::Result<()> {
    if !dir.exists() {
        std::fs::rename(tmp.path(), dir)?;
        let _ = tmp.keep();
        return Ok(());
    }
    let old = tempfile::Builder::new()
        .prefix(&format!(".{base}.old-"))
        .tempdir_in(parent)?;
    let old_path = old.path().join("report");
    std::fs::rename(dir, &old_path)?;
    let mut moved = Vec::new();
    let mut result = Ok(());
    for k in keep {
        let (from, to) = (old_path.join(k), tmp.path().join(k));
        if from.exists() && !to.exists() {
            if let Err(e) = std::fs::rename(&from, &to) {
                result = Err(e);
                break;
            }
            moved.push((from, to));
        }
    }
    if result.is_ok() {
        result = std::fs::rename(tmp.path(), dir);
    }
    if let Err(e) = result {
        // Put everything back as it was.
        for (from, to) in moved.iter().rev() {
            let _ = std::fs::rename(to, from);
        }
        std::fs::rename(&old_path, dir)?;
        return Err(e);
    }
    let _ = tmp.keep();
    drop(old); // removes the previous report
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(x: &str) -> Vec<crate::report::Artifact> {
        use crate::report::Artifact;
        vec![Artifact::new("a.json", x), Artifact::new("sub/b.txt", "b")]
    }

    #[test]
    fn replaces_a_report_and_keeps_named_subfolders() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("r");
        write_files(&dir, &["a.json"], &["keep"], &files("1")).unwrap();
        std::fs::create_dir(dir.join("keep")).unwrap();
        std::fs::write(dir.join("keep/x"), "kept").unwrap();
        std::fs::write(dir.join("stale"), "old").unwrap();
        write_files(&dir, &["a.json"], &["keep"], &files("2")).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.json")).unwrap(), "2");
        assert_eq!(std::fs::read_to_string(dir.join("keep/x")).unwrap(), "kept");
        assert!(!dir.join("stale").exists());
        assert_eq!(std::fs::read_to_string(dir.join("sub/b.txt")).unwrap(), "b");
        // Nothing temporary is left beside the report.
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("r")]);
    }

    #[test]
    fn refuses_an_unrelated_folder() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("precious.txt"), "x").unwrap();
        let err = write_files(root.path(), &["a.json"], &[], &files("1")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(err.to_string().contains("no a.json"), "{err}");
        assert!(root.path().join("precious.txt").exists());
    }
}
