//! What an export may not write over: the project, the files Strata keeps
//! beside it, another project, or anything that is not a regular file.

use super::{
    FORMAT_NAME, FORMAT_VERSION, StoreError, backup_path, format, io, lock_path, older_backup_path,
    same_file,
};
use std::fs;
use std::path::{Path, PathBuf};

/// A file that an export may not replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    /// The project being exported.
    Project,
    Backup,
    Lock,
    /// Its copy kept for an older Strata (`.vN.bak`).
    OlderCopy,
    /// Some other Strata project (or backup, or recovery file).
    OtherProject,
    OtherLock,
}

impl std::fmt::Display for Guarded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Guarded::Project => "the project file being exported",
            Guarded::Backup => "the project's backup",
            Guarded::Lock => "the project's lock file",
            Guarded::OlderCopy => "the project's copy kept for an older Strata",
            Guarded::OtherProject => "a Strata project file",
            Guarded::OtherLock => {
                "a name Strata keeps for a project's own files (lock, backup, recovery)"
            }
        })
    }
}

/// May an export write to `output`? Not over the open `project`, its
/// backups or its lock, not over any other Strata project file, and not
/// over anything that is not a regular file. Any other file may be
/// replaced.
pub fn check_export_target(output: &Path, project: Option<&Path>) -> Result<(), StoreError> {
    let refuse = |what| {
        Err(StoreError::ExportOverProject {
            path: output.to_path_buf(),
            what,
        })
    };
    if let Some(project) = project {
        if same_file(output, project) || output == project {
            return refuse(Guarded::Project);
        }
        if same_file(output, &backup_path(project)) {
            return refuse(Guarded::Backup);
        }
        if same_file(output, &lock_path(project)) {
            return refuse(Guarded::Lock);
        }
        if (1..FORMAT_VERSION).any(|v| same_file(output, &older_backup_path(project, v))) {
            return refuse(Guarded::OlderCopy);
        }
    }
    // A file Strata keeps beside a project, whether it exists yet or not:
    // `NAME.strata.lock`, `.bak`, `.recovery`, `.damaged`, `.v2.bak`.
    if is_kept_beside_project(output) {
        return refuse(Guarded::OtherLock);
    }
    let meta = match fs::metadata(output) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(output)(e)),
    };
    if !meta.is_file() {
        return Err(StoreError::NotRegular {
            path: output.to_path_buf(),
        });
    }
    if is_project_file(output) {
        return refuse(Guarded::OtherProject);
    }
    Ok(())
}

/// The project a file of Strata's own beside it belongs to, by its name
/// (compared without case: `.BAK` on macOS and Windows is `.bak`).
fn kept_beside(file: &Path) -> Option<PathBuf> {
    let name = file.file_name()?.to_str()?;
    // `name` without `suffix` at its end, compared without ASCII case.
    let strip = |suffix: &str| {
        let at = name.len().checked_sub(suffix.len())?;
        (name.is_char_boundary(at) && name[at..].eq_ignore_ascii_case(suffix)).then(|| &name[..at])
    };
    let stem = [
        ".before-damage.bak",
        ".lock",
        ".bak",
        ".recovery",
        ".damaged",
    ]
    .iter()
    .find_map(|s| strip(s))
    .or_else(|| {
        // `.damaged-2`.
        let (stem, n) = name.rsplit_once(".damaged-")?;
        (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(stem)
    })?;
    // `NAME.strata.v2.bak`: the version only before `.bak`.
    let stem = match (strip(".bak").is_some(), stem.rsplit_once(".v")) {
        (true, Some((s, n))) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => s,
        _ => stem,
    };
    Some(file.with_file_name(stem))
}

/// Is `file` a name Strata keeps beside an existing project (its lock,
/// backup, recovery file, …)? Nothing but Strata may write there.
pub fn is_kept_beside_project(file: &Path) -> bool {
    kept_beside(file).is_some_and(|p| is_project_file(&p))
}

/// Does this head of a file name the Strata project format, however the
/// file is laid out (one field per line, or JSON on one line)?
pub(super) fn names_strata(head: &str) -> bool {
    format::sniff_format(head).as_deref() == Some(FORMAT_NAME)
        || head.contains(&format!("\"{FORMAT_NAME}\""))
}

/// Is the file at `path` a Strata project (or its backup or recovery
/// file)? Its format is named near the top, or, in JSON whose keys were
/// reordered, at its top level. Damaged bytes do not hide it.
pub fn is_project_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let Ok(f) = fs::File::open(path) else {
        return false;
    };
    if f.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    if names_strata(&text) {
        return true;
    }
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    format::is_json(&text)
        && fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Head>(&b).ok())
            .and_then(|h| h.format)
            .is_some_and(|f| f == FORMAT_NAME)
}
