//! Putting a damaged project's backup back: which backup (the copy from
//! before items were set aside, else `.bak`), and the damaged file kept.

use super::{Problem, StoreError, backup_path, io, load, resolve, write_atomic, write_atomic_from};
use crate::model::Project;
use std::fs;
use std::path::{Path, PathBuf};

/// What to do about a damaged file: where its backup is, if there is one.
/// Shown at the end of a load error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restore {
    /// The backup beside the damaged file, if it exists.
    pub backup: Option<PathBuf>,
    /// The damaged file is itself a backup (`NAME.strata.bak`).
    pub is_backup: bool,
}

impl Restore {
    pub fn for_file(path: &Path) -> Restore {
        let is_backup = path.extension().is_some_and(|e| e == "bak");
        let bak = backup_path(path);
        Restore {
            backup: (!is_backup && bak.is_file()).then_some(bak),
            is_backup,
        }
    }
}

impl std::fmt::Display for Restore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.backup, self.is_backup) {
            (_, true) => f.write_str(
                "This is a backup that Strata kept; the project file itself is beside it without '.bak'. Older copies can only come from version control or your own copies",
            ),
            (Some(bak), _) => write!(
                f,
                "The backup from before the last save is {}: `strata restore` (or Restore in the window) puts it in place and keeps this file as .damaged",
                bak.display()
            ),
            (None, _) => f.write_str(
                "No backup (.bak) was found beside it; restore it from version control or your own copy",
            ),
        }
    }
}

/// Put a damaged project's backup in its place. The backup must load; the
/// damaged file is kept beside it as `NAME.strata.damaged` (or
/// `.damaged-2`, …), never deleted. Returns where it was kept. A project
/// that loads is refused unless `force`. Call it holding the project's
/// lock.
pub fn restore_backup(project: &Path, force: bool) -> Result<PathBuf, StoreError> {
    let project = &resolve(project)?;
    // A project that loads whole is not damaged: its backup is older
    // work. One that loads with items set aside (a transcript changed
    // outside Strata, say) may be.
    if !force && load(project).is_ok_and(|(p, problems)| whole(&p, &problems)) {
        return Err(StoreError::NotDamaged {
            path: project.to_path_buf(),
        });
    }
    let Some(source) = backup_to_restore(project, force) else {
        return Err(StoreError::NoBackup {
            path: project.to_path_buf(),
        });
    };
    let bytes = fs::read(&source).map_err(io(&source))?;
    let damaged = fs::read(project).map_err(io(project))?;
    let kept = (1..1000)
        .map(|n| {
            let mut s = project.as_os_str().to_owned();
            s.push(if n == 1 {
                ".damaged".to_string()
            } else {
                format!(".damaged-{n}")
            });
            PathBuf::from(s)
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .ok_or_else(|| {
            io(project)(std::io::Error::other(
                "too many .damaged copies beside it; move some away",
            ))
        })?;
    // The damaged bytes, as they are, under the new name (written like a
    // save: synced, renamed into place, as private as the project); only
    // then the backup's text replaces the project.
    write_atomic_from(&kept, &damaged, false, Some(project))?;
    write_atomic(project, &bytes, false)?;
    // The copy from before the damage has served: it is the project now.
    let before = before_damage_path(project);
    if source == before
        && let Err(e) = fs::remove_file(&before)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        return Err(io(&before)(e));
    }
    Ok(kept)
}

fn whole(p: &Project, problems: &[Problem]) -> bool {
    problems.is_empty() && p.set_aside.is_empty()
}

/// Where the backup from before a project first loaded with items set
/// aside is kept: later saves rotate `.bak`, so it needs a name of its own.
pub fn before_damage_path(project: &Path) -> PathBuf {
    let mut s = project.as_os_str().to_owned();
    s.push(".before-damage.bak");
    PathBuf::from(s)
}

/// A project loaded with items set aside: keep its backup, which may be
/// the last copy from before the damage, under its own name (once; the
/// first one kept is the oldest, so the one before the damage). Returns
/// where, if there was a backup to keep. Call it holding the lock.
pub fn keep_before_damage(project: &Path) -> Result<Option<PathBuf>, StoreError> {
    let project = &resolve(project)?;
    let (bak, before) = (backup_path(project), before_damage_path(project));
    if before.exists() {
        return Ok(Some(before));
    }
    match fs::read(&bak) {
        Ok(bytes) => {
            write_atomic_from(&before, &bytes, false, Some(project))?;
            Ok(Some(before))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(&bak)(e)),
    }
}

/// The backup a restore would put in place: the copy from before the
/// damage if there is one, else `.bak`; only one that loads whole (with
/// nothing set aside), unless `force`.
pub fn backup_to_restore(project: &Path, force: bool) -> Option<PathBuf> {
    [before_damage_path(project), backup_path(project)]
        .into_iter()
        .filter(|b| b.is_file())
        .find(|b| force || load(b).is_ok_and(|(p, problems)| whole(&p, &problems)))
}
