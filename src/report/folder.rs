//! Writing a report folder without ever losing a file the user owns.
//!
//! A report folder holds a manifest (`manifest.sha256`, in `sha256sum`
//! format) naming every file esante wrote there. A new report of the same
//! kind replaces exactly those files and nothing else: a `NOTES.md` added
//! beside a report, or an analysis subfolder (`sensitivity/`, and later
//! `optimize/`, `calibrated/`), is never touched.
//!
//! The files are first written to a staging folder, so a failure while
//! writing (a chart that cannot render, a full disk) leaves the previous
//! report as it was. A new folder appears at once, by one rename. An existing
//! report is updated by renaming each staged file over its old copy, then
//! removing the files of the old manifest that the new report no longer has,
//! and writing the manifest last.
//!
//! Every staging folder holds a marker file ([`PARTIAL`]) from its creation
//! on. An interrupted write leaves its staging folder behind; the next write
//! to the same report removes the leftovers that hold the marker, and nothing
//! else.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Artifact;

/// The manifest of a report folder: one `sha256  name` line per file
/// esante wrote, in `sha256sum` format (`sha256sum -c manifest.sha256`
/// checks a report).
pub const MANIFEST: &str = "manifest.sha256";

/// The marker inside every staging folder of this module.
pub const PARTIAL: &str = ".esante-partial";

/// Prefix of the staging folder inside an existing report.
const STAGING: &str = ".esante-staging-";

/// Why a report folder was not written.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// The folder exists and is not a report of this kind: nothing was
    /// written.
    #[error(
        "{dir} exists and is not an esante report folder of this kind (no {marker}); \
         choose another --out, or empty the folder"
    )]
    NotAReport {
        /// The folder.
        dir: PathBuf,
        /// The file that marks a report of this kind.
        marker: &'static str,
    },
    /// The path exists and is not a folder.
    #[error("{0} exists and is not a folder; choose another --out")]
    NotAFolder(PathBuf),
    /// Files the new report would write are in the folder but were not
    /// written by esante (not in its manifest, or not regular files).
    #[error(
        "{dir} holds {list} that esante did not write, and the new report would replace {them}; \
         move {them} away or choose another --out",
        list = quote_list(.names),
        them = if .names.len() == 1 { "it" } else { "them" }
    )]
    Foreign {
        /// The folder.
        dir: PathBuf,
        /// The files, relative to the folder.
        names: Vec<String>,
    },
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl FolderError {
    /// Whether the user can fix this by choosing another folder or moving
    /// files (a usage error), rather than a failure of the system.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, FolderError::Io(_))
    }
}

fn quote_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The manifest of `files`: their SHA-256 and names, in writing order.
pub fn manifest(files: &[Artifact]) -> Artifact {
    let mut text = String::new();
    for a in files {
        let digest = Sha256::digest(&a.bytes);
        for b in digest {
            let _ = write!(text, "{b:02x}");
        }
        let _ = writeln!(text, "  {}", a.name);
    }
    Artifact::new(MANIFEST, text)
}

/// Writes the report `files` into the folder `dir`, replacing only what an
/// earlier report of the same kind (marked by the file `marker`) wrote there.
///
/// `dir` may be missing (it is created), empty, hold only other reports in
/// subfolders (`fr/`, `sensitivity/`), or be an earlier report of the same
/// kind. Anything else is refused before anything is written.
pub(super) fn write_files(
    dir: &Path,
    marker: &'static str,
    files: &[Artifact],
) -> Result<(), FolderError> {
    for a in files {
        debug_assert!(is_plain_name(&a.name), "artifact name {:?}", a.name);
        debug_assert!(a.name != MANIFEST);
    }
    let parent = parent_of(dir);
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::create_dir_all(&parent)?;
            remove_leftovers(&parent, &format!(".{base}.tmp-"))?;
            create(dir, &parent, &base, files)
        }
        Err(e) => Err(e.into()),
        Ok(meta) if !meta.is_dir() => Err(FolderError::NotAFolder(dir.to_path_buf())),
        Ok(_) => {
            remove_leftovers(dir, STAGING)?;
            update(dir, marker, files)
        }
    }
}

/// A name inside the report folder: relative, without `..`.
fn is_plain_name(name: &str) -> bool {
    let p = Path::new(name);
    !name.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// The folder that holds `dir` (`.` for a bare name).
fn parent_of(dir: &Path) -> PathBuf {
    match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A staging folder in `parent` named `prefix*`, its marker written first.
fn staging(parent: &Path, prefix: &str) -> io::Result<tempfile::TempDir> {
    let tmp = tempfile::Builder::new().prefix(prefix).tempdir_in(parent)?;
    std::fs::write(tmp.path().join(PARTIAL), b"esante staging folder\n")?;
    Ok(tmp)
}

/// Writes every file (and the manifest) under `root`.
fn write_all(root: &Path, files: &[Artifact]) -> io::Result<()> {
    for a in files.iter().chain(std::iter::once(&manifest(files))) {
        let path = root.join(&a.name);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        let mut f = std::fs::File::create(&path)?;
        f.write_all(&a.bytes)?;
        f.sync_all()?;
    }
    Ok(())
}

/// A new folder: staged complete in `parent`, then renamed into place.
fn create(dir: &Path, parent: &Path, base: &str, files: &[Artifact]) -> Result<(), FolderError> {
    let tmp = staging(parent, &format!(".{base}.tmp-"))?;
    let report = tmp.path().join("report");
    write_all(&report, files)?;
    std::fs::rename(&report, dir)?;
    Ok(())
}

/// An existing folder: every file checked first, then staged, then moved
/// into place one by one; files of the old manifest that the new report
/// does not have are removed.
fn update(dir: &Path, marker: &'static str, files: &[Artifact]) -> Result<(), FolderError> {
    let entries: Vec<String> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()?;
    // A folder that holds only reports of esante (each with its manifest: an
    // analysis or a translation written before this report) is as good as
    // empty: nothing in it is the user's, and the subfolders stay.
    let only_reports = entries.iter().all(|n| is_file(&dir.join(n).join(MANIFEST)));
    let owned: BTreeSet<String> = if entries.is_empty() || only_reports {
        BTreeSet::new()
    } else if !is_file(&dir.join(marker)) {
        return Err(FolderError::NotAReport {
            dir: dir.to_path_buf(),
            marker,
        });
    } else {
        match std::fs::read_to_string(dir.join(MANIFEST)) {
            Ok(text) => read_manifest(&text),
            // A report written before manifests: its own files are the ones
            // the new report writes, and the marker.
            Err(e) if e.kind() == io::ErrorKind::NotFound => files
                .iter()
                .map(|a| a.name.clone())
                .chain([marker.to_string()])
                .collect(),
            Err(e) => return Err(e.into()),
        }
    };
    // Refuse before writing anything: a new file must not replace one that
    // esante did not write, nor anything that is not a regular file.
    let foreign: Vec<String> = files
        .iter()
        .map(|a| a.name.as_str())
        .chain([MANIFEST])
        .filter(|name| {
            let path = dir.join(name);
            match std::fs::symlink_metadata(&path) {
                Err(_) => false,
                Ok(m) => !m.is_file() || (!owned.contains(*name) && *name != MANIFEST),
            }
        })
        .map(str::to_string)
        .collect();
    if !foreign.is_empty() {
        return Err(FolderError::Foreign {
            dir: dir.to_path_buf(),
            names: foreign,
        });
    }
    let tmp = staging(dir, STAGING)?;
    let staged = tmp.path().join("report");
    write_all(&staged, files)?;
    let new: BTreeSet<&str> = files.iter().map(|a| a.name.as_str()).collect();
    for a in files {
        let to = dir.join(&a.name);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::rename(staged.join(&a.name), to)?;
    }
    for stale in owned.iter().filter(|n| !new.contains(n.as_str())) {
        let path = dir.join(stale);
        // Only a regular file esante listed; never a folder or a link.
        if is_plain_name(stale) && stale != MANIFEST && is_file(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    std::fs::rename(staged.join(MANIFEST), dir.join(MANIFEST))?;
    Ok(())
}

/// Whether `path` is a regular file (not following a symbolic link).
fn is_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// The names listed in a manifest.
fn read_manifest(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(_, name)| name.to_string())
        .filter(|n| is_plain_name(n))
        .collect()
}

/// Removes the staging folders named `prefix*` in `parent` that an
/// interrupted write left behind: only folders that hold the [`PARTIAL`]
/// marker.
fn remove_leftovers(parent: &Path, prefix: &str) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let is_ours = name.to_string_lossy().starts_with(prefix)
            && e.file_type().is_ok_and(|t| t.is_dir())
            && is_file(&e.path().join(PARTIAL));
        if is_ours {
            std::fs::remove_dir_all(e.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(x: &str) -> Vec<Artifact> {
        vec![Artifact::new("a.json", x), Artifact::new("b.txt", "b")]
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_only_its_own_files() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("r");
        write_files(&dir, "a.json", &files("1")).unwrap();
        std::fs::create_dir(dir.join("keep")).unwrap();
        std::fs::write(dir.join("keep/x"), "kept").unwrap();
        std::fs::write(dir.join("NOTES.md"), "mine").unwrap();
        write_files(&dir, "a.json", &[Artifact::new("a.json", "2")]).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.json")).unwrap(), "2");
        assert_eq!(std::fs::read_to_string(dir.join("keep/x")).unwrap(), "kept");
        assert_eq!(
            std::fs::read_to_string(dir.join("NOTES.md")).unwrap(),
            "mine"
        );
        // b.txt was ours and is no longer part of the report.
        assert_eq!(names(&dir), ["NOTES.md", "a.json", "keep", MANIFEST]);
        assert_eq!(names(root.path()), ["r"]);
        let m = std::fs::read_to_string(dir.join(MANIFEST)).unwrap();
        assert_eq!(
            m,
            "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35  a.json\n"
        );
    }

    #[test]
    fn a_folder_of_other_reports_takes_a_report_beside_them() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("r");
        write_files(&dir.join("fr"), "a.json", &files("fr")).unwrap();
        write_files(&dir, "a.json", &files("en")).unwrap();
        assert_eq!(names(&dir), ["a.json", "b.txt", "fr", MANIFEST]);
        assert_eq!(
            std::fs::read_to_string(dir.join("fr/a.json")).unwrap(),
            "fr"
        );
        // A folder that is not a report beside them is the user's: refused.
        let other = root.path().join("s");
        write_files(&other.join("fr"), "a.json", &files("fr")).unwrap();
        std::fs::create_dir(other.join("mine")).unwrap();
        let err = write_files(&other, "a.json", &files("en")).unwrap_err();
        assert!(matches!(err, FolderError::NotAReport { .. }), "{err}");
    }

    #[test]
    fn refuses_an_unrelated_folder() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("precious.txt"), "x").unwrap();
        let err = write_files(root.path(), "a.json", &files("1")).unwrap_err();
        assert!(matches!(err, FolderError::NotAReport { .. }), "{err}");
        assert!(err.to_string().contains("no a.json"), "{err}");
        assert_eq!(names(root.path()), ["precious.txt"]);
    }

    #[test]
    fn refuses_to_replace_a_file_it_did_not_write() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("r");
        write_files(&dir, "a.json", &[Artifact::new("a.json", "1")]).unwrap();
        std::fs::write(dir.join("b.txt"), "user's").unwrap();
        let err = write_files(&dir, "a.json", &files("2")).unwrap_err();
        assert!(err.to_string().contains("`b.txt`"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.join("b.txt")).unwrap(),
            "user's"
        );
        assert_eq!(std::fs::read_to_string(dir.join("a.json")).unwrap(), "1");
    }

    #[test]
    fn removes_only_marked_leftovers() {
        let root = tempfile::tempdir().unwrap();
        let ours = root.path().join(".r.tmp-abc");
        std::fs::create_dir_all(ours.join("report")).unwrap();
        std::fs::write(ours.join(PARTIAL), "").unwrap();
        let theirs = root.path().join(".r.tmp-user");
        std::fs::create_dir(&theirs).unwrap();
        let dir = root.path().join("r");
        write_files(&dir, "a.json", &files("1")).unwrap();
        assert_eq!(names(root.path()), [".r.tmp-user", "r"]);
    }
}
