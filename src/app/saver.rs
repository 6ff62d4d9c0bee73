//! Saving off the UI thread. A save takes a snapshot of the project (a
//! clone) and writes it on a thread of its own, so the window does not
//! freeze while a large study is serialised and fsynced. One save and one
//! autosave run at a time; their results are collected each frame, and a
//! failure is shown, never swallowed.

use super::{Workbench, files};
use crate::store::StoreError;
use std::path::PathBuf;
use std::thread::JoinHandle;

/// A save or autosave in flight.
pub struct Job {
    handle: JoinHandle<Result<(), StoreError>>,
    what: Written,
}

/// What a job writes: the file, which state of the project, and (Save as)
/// the new file's lock, which becomes the project's only when the save
/// succeeds.
struct Written {
    path: PathBuf,
    /// The history's state (edits made meanwhile stay unsaved) and its
    /// revision (to order saves and autosaves).
    state: u64,
    revision: u64,
    lock: Option<crate::store::Lock>,
}

#[derive(Default)]
pub struct Saver {
    save: Option<Job>,
    autosave: Option<Job>,
    /// Save (or Save as, to this path) was asked for while a save ran.
    again: Option<(PathBuf, Option<crate::store::Lock>)>,
    /// The revision of the last autosave written.
    autosaved_revision: Option<u64>,
}

impl Saver {
    pub fn busy(&self) -> bool {
        self.save.is_some() || self.autosave.is_some()
    }
}

fn spawn(
    project: crate::model::Project,
    path: PathBuf,
    write: fn(&crate::model::Project, &std::path::Path) -> Result<(), StoreError>,
) -> Result<JoinHandle<Result<(), StoreError>>, StoreError> {
    let p2 = path.clone();
    std::thread::Builder::new()
        .name("strata-save".into())
        .spawn(move || write(&project, &p2))
        .map_err(|source| StoreError::Io { path, source })
}

/// The file a Save as in flight (queued, else running) is writing to: a
/// plain Save asked for meanwhile goes there too.
pub fn pending_save_as(wb: &Workbench) -> Option<PathBuf> {
    let saver = &wb.saver;
    match &saver.again {
        Some((p, Some(_))) => Some(p.clone()),
        _ => saver
            .save
            .as_ref()
            .filter(|j| j.what.lock.is_some())
            .map(|j| j.what.path.clone()),
    }
}

/// Start saving to `path` in the background (or queue it after the running
/// save: two writers never race on one file). `lock` is the lock of a new
/// file (Save as).
pub fn start(wb: &mut Workbench, path: PathBuf, lock: Option<crate::store::Lock>) {
    if wb.saver.save.is_some() {
        // A plain Save during a Save as follows it to the new file.
        let path = match pending_save_as(wb) {
            Some(p) if lock.is_none() && wb.path.as_ref() == Some(&path) => p,
            _ => path,
        };
        match &wb.saver.again {
            // A queued Save as to the same file already does this (and
            // keeps its lock).
            Some((p, Some(_))) if lock.is_none() && *p == path => {}
            _ => wb.saver.again = Some((path, lock)),
        }
        return;
    }
    let state = wb.history.state();
    let revision = wb.history.revision();
    let save = crate::store::save;
    match spawn(wb.project.clone(), path.clone(), save) {
        Ok(handle) => {
            wb.saver.save = Some(Job {
                handle,
                what: Written {
                    path,
                    state,
                    revision,
                    lock,
                },
            });
            wb.state.status = super::status::Status::Saving;
        }
        Err(e) => wb.state.error = Some(super::errors::store(wb.state.locale(), &e)),
    }
}

/// Has an autosave written work newer than `revision`? Then its recovery
/// file must stay after a save of `revision`.
pub fn autosave_newer_than(wb: &Workbench, revision: u64) -> bool {
    wb.saver.autosaved_revision.is_some_and(|r| r > revision)
}

fn autosave_write(p: &crate::model::Project, path: &std::path::Path) -> Result<(), StoreError> {
    let text = crate::store::to_string(p)?;
    // The data folder of an unsaved project's recovery may not exist yet;
    // it is made private, as the transcripts in it are.
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    // Beside a project, as private as the project; with no project file
    // yet, readable by the user alone.
    let project = path
        .to_str()
        .and_then(|p| p.strip_suffix(".recovery"))
        .map(std::path::Path::new)
        .filter(|p| p.is_file());
    match project {
        Some(project) => {
            crate::store::write_atomic_from(path, text.as_bytes(), false, Some(project))
        }
        None => crate::store::write_private(path, text.as_bytes()),
    }
}

/// Autosave to the recovery file in the background, unless one is running.
pub fn start_autosave(wb: &mut Workbench, target: PathBuf) {
    if wb.saver.autosave.is_some() {
        return;
    }
    let state = wb.history.state();
    let revision = wb.history.revision();
    match spawn(wb.project.clone(), target.clone(), autosave_write) {
        Ok(handle) => {
            wb.saver.autosave = Some(Job {
                handle,
                what: Written {
                    path: target,
                    state,
                    revision,
                    lock: None,
                },
            })
        }
        Err(e) => wb.state.error = Some(super::errors::store(wb.state.locale(), &e)),
    }
}

fn join(job: Job, loc: super::i18n::Locale) -> (Result<(), String>, Written) {
    let result = match job.handle.join() {
        Ok(r) => r.map_err(|e| super::errors::store(loc, &e)),
        Err(_) => Err(format!(
            "{}: {}",
            super::errors::p(&job.what.path),
            loc.strings().save_stopped
        )),
    };
    (result, job.what)
}

fn finish_autosave(wb: &mut Workbench) {
    if let Some(job) = wb.saver.autosave.take() {
        let (result, job) = join(job, wb.state.locale());
        match result {
            Ok(()) => wb.saver.autosaved_revision = Some(job.revision),
            Err(e) => {
                let s = wb.state.lang.strings();
                // The error names the file itself.
                wb.state.error = Some(format!("{} {e}", s.autosave_failed));
            }
        }
    }
}

/// Collect finished jobs (each frame); with `wait`, wait for running ones.
pub fn poll(wb: &mut Workbench, wait: bool) {
    if wb
        .saver
        .save
        .as_ref()
        .is_some_and(|j| wait || j.handle.is_finished())
        && let Some(job) = wb.saver.save.take()
    {
        let (result, job) = join(job, wb.state.locale());
        match result {
            Ok(()) => {
                // An autosave still running holds older work: let it end
                // before the recovery file is removed, or it would come
                // back looking newer than the project.
                finish_autosave(wb);
                if let Some(lock) = job.lock {
                    wb.lock = Some(lock);
                }
                files::saved(wb, job.path, job.state, job.revision);
            }
            Err(e) => {
                wb.state.error = Some(e);
                // No longer "Saving…".
                wb.state.status = super::status::Status::SaveFailed;
                // A Save as failed: a plain Save queued to follow it to the
                // new file must not write there without its lock.
                if job.lock.is_some()
                    && matches!(&wb.saver.again, Some((p, None)) if *p == job.path)
                {
                    wb.saver.again = None;
                }
            }
        }
        if let Some((path, lock)) = wb.saver.again.take() {
            start(wb, path, lock);
            if wait {
                poll(wb, true);
            }
        }
    }
    if wb
        .saver
        .autosave
        .as_ref()
        .is_some_and(|j| wait || j.handle.is_finished())
    {
        finish_autosave(wb);
    }
}
