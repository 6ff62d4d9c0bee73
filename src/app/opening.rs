//! Opening and making projects in the window: another project in place of
//! this one (with the offers a lock or a damaged file calls for), a
//! backup restored, a new project, and an older recovery file adopted.

use super::i18n::Locale;
use super::status::Status;
use super::{Lang, Workbench, files};
use crate::model::*;

/// An offer's reason is made in both languages: the language may change
/// while it is shown.
fn fa_and_en(wb: &Workbench) -> [Locale; 2] {
    [Locale::EN, Locale::new(Lang::Fa, wb.state.digits)]
}

/// Open a project in place of this one, keeping the window's settings.
pub(super) fn open_path(wb: &mut Workbench, path: std::path::PathBuf) {
    // A save still being written finishes (and reports) first.
    wb.wait_for_saves();
    match Workbench::open(path.clone()) {
        Ok(mut new) => {
            files::keep_settings(wb, &mut new);
            if let Some(p) = new.path.clone() {
                files::remember_recent(&mut new.state, p);
            }
            *wb = new;
        }
        // Only a pid speaks for the lock: the user may know better.
        Err(super::OpenError::Lock(e @ crate::store::LockError::Unconfirmed { .. })) => {
            let why = fa_and_en(wb).map(|l| super::errors::lock(l, &e));
            wb.state.offer = Some(super::offers::Offer::unlock(path, why));
        }
        Err(super::OpenError::Store(e)) if e.restore().is_some_and(|r| r.backup.is_some()) => {
            let why = fa_and_en(wb).map(|l| super::errors::store(l, &e));
            wb.state.offer = Some(super::offers::Offer::restore(path, why));
        }
        Err(e) => wb.state.error = Some(e.message(wb.state.locale())),
    }
}

/// A recovery file an older Strata left in the shared temp folder, once
/// recovered, moves to this user's own place (where autosave and a later
/// save look for it), so that it is not offered again after a save.
pub(super) fn adopt_legacy_recovery(wb: &Workbench, rec: &std::path::Path) -> Result<(), String> {
    let own = super::recovery::recovery_for(wb.path.as_deref());
    if wb.path.is_some() || rec == own {
        return Ok(());
    }
    let loc = wb.state.locale();
    let bytes = std::fs::read(rec).map_err(|e| super::errors::file(loc, rec, &e))?;
    if let Some(dir) = own.parent() {
        std::fs::create_dir_all(dir).map_err(|e| super::errors::file(loc, dir, &e))?;
    }
    crate::store::write_private(&own, &bytes)
        .map_err(|e| super::errors::store(wb.state.locale(), &e))?;
    super::recovery::remove_recovery(rec, loc)
}

/// Put a damaged project's backup in its place, under the project's lock,
/// and open it; the damaged file is kept and named in the status line.
pub(super) fn restore_backup(wb: &mut Workbench, path: std::path::PathBuf) {
    let lang = wb.state.locale();
    // Autosaved work waits for an answer: a restore would make it look
    // older than the project, and it would be lost.
    if wb.state.recovery.is_some() {
        wb.state.error = Some(lang.strings().recover_first.to_string());
        return;
    }
    // The open project (items set aside at load) is restored under the
    // lock it holds, which it keeps if the restore fails.
    let ours = wb.path.as_ref() == Some(&path) && wb.lock.is_some();
    if ours {
        wb.wait_for_saves();
    }
    let lock = if ours {
        None
    } else {
        match crate::store::Lock::acquire(&path, true) {
            Ok(lock) => Some(lock),
            Err(e) => {
                wb.state.error = Some(super::errors::lock(lang, &e));
                return;
            }
        }
    };
    // Offered only when the project failed to load, or loaded with items
    // set aside and a backup has them whole.
    let restored = crate::store::restore_backup(&path, false);
    drop(lock);
    match restored {
        Ok(kept) => {
            if ours {
                wb.lock = None;
            }
            open_path(wb, path.clone());
            if wb.path.as_ref() != Some(&path) {
                return;
            }
            let name = kept
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            wb.state.status = Status::BackupRestored { kept: name };
        }
        Err(e) => wb.state.error = Some(super::errors::store(lang, &e)),
    }
}

/// A new, empty project saved at `path` (which does not exist yet).
pub(super) fn new_at(wb: &mut Workbench, path: std::path::PathBuf) {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Project".into());
    let mut p = Project::new(name);
    if wb.state.lang.rtl() {
        p.level_names = LEVEL_NAMES_FA.iter().map(|s| s.to_string()).collect();
    }
    wb.wait_for_saves();
    let mut new = Workbench::new(p, None);
    files::keep_settings(wb, &mut new);
    *wb = new;
    files::save_to(wb, path);
}
