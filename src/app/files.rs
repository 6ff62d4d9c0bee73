//! Files from the GUI: native dialogs when there are any, the in-app file
//! browser when not (under Xvfb the portal dialogs return nothing), saving,
//! and the unsaved-changes guard. The eframe wrapper is `window.rs`.

use super::recovery::{recovery_for, recovery_path, remove_recovery};
use super::{Action, UiState, Workbench, bidi};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Open,
    SaveAs,
    Import,
    New,
    Export,
    /// Coders' copies to merge into a new project.
    Merge,
    /// Then the base they were handed out from.
    MergeBase,
    /// Another tool's project or codebook (REFI-QDA .qdpx, .qdc).
    ImportOther,
    /// The study report (HTML or Markdown).
    Report,
    /// A table from the analysis window (CSV, XLSX, Markdown).
    SaveTable,
    /// A chart from the analysis window (SVG, PNG).
    SaveFigure,
    /// The files of Social media ▸ Import posts and comments (CSV), each
    /// chosen into its field of the dialog.
    SocialAccounts,
    SocialPosts,
    SocialComments,
}

impl PromptKind {
    /// The extensions this kind lists (the system's dialog and the in-app
    /// file browser alike).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            PromptKind::Open
            | PromptKind::SaveAs
            | PromptKind::New
            | PromptKind::Merge
            | PromptKind::MergeBase => &["strata"],
            PromptKind::Import => &["txt", "md", "docx", "odt"],
            PromptKind::Export => &["json", "ron", "csv", "md", "xlsx", "qdpx", "qdc"],
            PromptKind::ImportOther => &["qdpx", "qdc"],
            PromptKind::Report => &["html", "htm", "md"],
            PromptKind::SaveTable => &["csv", "xlsx", "md"],
            PromptKind::SaveFigure => &["svg", "png"],
            PromptKind::SocialAccounts | PromptKind::SocialPosts | PromptKind::SocialComments => {
                &["csv"]
            }
        }
    }

    /// The name of those files in the system dialog's filter.
    fn filter_name(self, lang: super::Lang) -> &'static str {
        let s = lang.strings();
        match self {
            PromptKind::Import => s.filter_transcripts,
            PromptKind::Export => s.filter_hierarchy,
            PromptKind::ImportOther => s.filter_refi,
            PromptKind::Report => s.filter_report,
            PromptKind::SaveTable => super::i18n::analysis::strings(lang).filter_table,
            PromptKind::SaveFigure => super::i18n::analysis::strings(lang).filter_figure,
            PromptKind::SocialAccounts | PromptKind::SocialPosts | PromptKind::SocialComments => {
                super::i18n::an_posts::strings(lang).filter_csv
            }
            _ => s.filter_project,
        }
    }

    /// Chooses several files.
    pub fn multi(self) -> bool {
        matches!(self, PromptKind::Import | PromptKind::Merge)
    }

    /// Names a file to write rather than choosing existing ones.
    pub fn saves(self) -> bool {
        matches!(
            self,
            PromptKind::SaveAs
                | PromptKind::New
                | PromptKind::Export
                | PromptKind::Report
                | PromptKind::SaveTable
                | PromptKind::SaveFigure
        )
    }
}

/// Ask for a path: a native dialog first; if it gives nothing at once (no
/// portal), the in-app file browser.
pub fn ask_path(wb: &mut Workbench, kind: PromptKind) {
    if wb.native_dialogs {
        let started = Instant::now();
        let dlg =
            rfd::FileDialog::new().add_filter(kind.filter_name(wb.state.lang), kind.extensions());
        let picked: Option<Vec<PathBuf>> = if kind.saves() {
            dlg.save_file().map(|p| vec![p])
        } else if kind.multi() {
            dlg.pick_files()
        } else {
            dlg.pick_file().map(|p| vec![p])
        };
        if let Some(paths) = picked {
            deliver(wb, kind, paths);
            return;
        }
        if started.elapsed() > Duration::from_millis(500) {
            return; // the user cancelled a real dialog
        }
    }
    let name = match (kind, wb.path.as_ref()) {
        (PromptKind::SaveAs, Some(p)) => p
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        // The project's name, as a file name.
        (PromptKind::SaveAs, None) => format!(
            "{}.strata",
            wb.project
                .name
                .replace(|c: char| c == '/' || c == '\\' || c.is_control(), "-")
        ),
        (PromptKind::MergeBase, Some(p)) => p
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        _ => String::new(),
    };
    wb.state.file_browser = Some(super::file_browser::FileBrowser::new(
        kind,
        wb.path.as_deref(),
        &wb.state.recent_folders,
        &wb.state.recent_projects,
        name,
    ));
}

fn deliver(wb: &mut Workbench, kind: PromptKind, paths: Vec<PathBuf>) {
    if let Some(folder) = paths.first().and_then(|p| p.parent()) {
        super::file_list::remember_folder(&mut wb.state.recent_folders, folder.to_path_buf());
    }
    if let Some(a) = action_for(kind, paths) {
        wb.apply(a);
    }
}

/// What choosing `paths` for `kind` asks for (nothing if none was chosen).
pub fn action_for(kind: PromptKind, paths: Vec<PathBuf>) -> Option<Action> {
    let first = paths.first().cloned()?;
    Some(match kind {
        PromptKind::Open => Action::OpenPath(first),
        PromptKind::SaveAs => Action::SaveTo(with_ext(first)),
        PromptKind::New => Action::NewAt(with_ext(first)),
        PromptKind::Import => Action::ImportPaths(paths),
        PromptKind::Export => Action::ExportTo(first),
        PromptKind::Merge => Action::MergeCopies(paths),
        PromptKind::MergeBase => Action::MergeFrom(first),
        PromptKind::ImportOther => Action::ImportOther(first),
        PromptKind::Report => Action::ReportTo(first),
        PromptKind::SaveTable | PromptKind::SaveFigure => Action::SaveAnalysis(first),
        PromptKind::SocialAccounts | PromptKind::SocialPosts | PromptKind::SocialComments => {
            Action::SocialFile(kind, first)
        }
    })
}

/// A project's file name gets `.strata` when it has no extension.
pub fn with_ext(p: PathBuf) -> PathBuf {
    if p.extension().is_some() {
        p
    } else {
        p.with_extension("strata")
    }
}

/// Save to `path` (atomically, with a backup) and make it the project's
/// path: in the background in the window, at once in tests and scripts.
pub fn save_to(wb: &mut Workbench, path: PathBuf) {
    // Save as: the new file is locked first; the lock becomes the
    // project's (and the old one is let go) once the save succeeded.
    // (A Save as already under way to `path` holds that lock.)
    let pending = super::saver::pending_save_as(wb);
    // The name a symlinked project was opened by is the project itself.
    let path = crate::store::resolve(&path).unwrap_or(path);
    if wb.path.as_ref() != Some(&path) && crate::store::is_kept_beside_project(&path) {
        let s = wb.state.lang.strings();
        wb.state.error = Some(format!("{}: {}", super::errors::p(&path), s.save_as_kept));
        return;
    }
    if wb.path.as_ref() != Some(&path)
        && let Some(other) = other_project_at(&path, &wb.project)
    {
        let s = wb.state.lang.strings();
        wb.state.error = Some(format!(
            "{}: {}",
            super::errors::p(&path),
            s.save_as_other.replace("{}", &other)
        ));
        return;
    }
    let lock = if wb.path.as_ref() != Some(&path) && pending.as_ref() != Some(&path) {
        match crate::store::Lock::acquire(&path, true) {
            Ok(lock) => Some(lock),
            Err(e) => {
                wb.state.error = Some(super::errors::lock(wb.state.locale(), &e));
                return;
            }
        }
    } else {
        None
    };
    if wb.background_saves {
        super::saver::start(wb, path, lock);
        return;
    }
    let (state, revision) = (wb.history.state(), wb.history.revision());
    let save = crate::store::save;
    match save(&wb.project, &path) {
        Ok(()) => {
            if let Some(lock) = lock {
                wb.lock = Some(lock);
            }
            saved(wb, path, state, revision)
        }
        Err(e) => wb.state.error = Some(super::errors::store(wb.state.locale(), &e)),
    }
}

/// Is there another project at `path` (not an older copy of this one)?
/// Its name, if so: Save as does not replace another study's file.
fn other_project_at(path: &std::path::Path, ours: &crate::model::Project) -> Option<String> {
    if !crate::store::is_project_file(path) {
        return None;
    }
    match crate::store::load(path) {
        Ok((p, _)) if p.id == ours.id => None,
        Ok((p, _)) => Some(p.name),
        // Unreadable, but a project: not ours to replace either.
        Err(_) => Some(
            path.file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        ),
    }
}

/// Save now and wait for it (before closing or switching projects): any
/// background save finishes first, then the project is saved if still
/// needed. Returns whether everything is saved.
pub fn save_and_wait(wb: &mut Workbench) -> bool {
    super::saver::poll(wb, true);
    if wb.is_dirty()
        && let Some(path) = wb.path.clone()
    {
        let background = std::mem::replace(&mut wb.background_saves, false);
        save_to(wb, path);
        wb.background_saves = background;
    }
    !wb.is_dirty()
}

/// A save of the history's `state` (at `revision`) to `path` succeeded.
pub fn saved(wb: &mut Workbench, path: PathBuf, state: u64, revision: u64) {
    wb.history.mark_saved_state(state);
    // The recovery file held the same work or older, so it goes (one that
    // is already gone is fine); unless an autosave wrote newer work. After
    // a Save as, so does the one of the project's old place (the unsaved
    // demo's, say): its work is in the new file now.
    if !super::saver::autosave_newer_than(wb, revision) {
        let old = recovery_for(wb.path.as_deref());
        let new = recovery_path(&path);
        for rec in [Some(new.clone()), (old != new).then_some(old)]
            .into_iter()
            .flatten()
        {
            if let Err(e) = remove_recovery(&rec, wb.state.locale()) {
                wb.state.error = Some(e);
            }
        }
    }
    // The file name only: a path's slashes scatter in a right-to-left line.
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    wb.state.status = super::status::Status::Saved {
        file: name,
        revision,
    };
    remember_recent(&mut wb.state, path.clone());
    wb.path = Some(path);
}

/// Export the hierarchy; the format follows the file's extension
/// (.json, .ron, .csv, .md, .xlsx), and the interviewer's lines follow the
/// retrieval setting.
pub fn export_to(wb: &mut Workbench, path: PathBuf) {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = match ext.parse::<crate::export::Format>() {
        Ok(f) => f,
        Err(_) => {
            wb.state.error = Some(format!(
                "\u{200E}{}\u{200E}: {}",
                path.display(),
                wb.state.lang.strings().export_ending
            ));
            return;
        }
    };
    let opts = crate::export::ExportOptions {
        exclude_interviewer: wb.state.hide_interviewer,
        ..Default::default()
    };
    let lang = wb.state.locale();
    // Never over the open project, its backup or lock, another project,
    // or a special file; checked before the work of exporting.
    let result = crate::store::check_export_target(&path, wb.path.as_deref())
        .map_err(|e| super::errors::store(lang, &e))
        .and_then(|()| {
            crate::export::export_bytes(&wb.project, format, &opts)
                .map_err(|e| super::errors::export(lang, &e))
        })
        .and_then(|bytes| {
            crate::store::write_atomic_from(&path, &bytes, false, wb.path.as_deref())
                .map_err(|e| super::errors::store(lang, &e))
        });
    match result {
        Ok(()) => {
            let name = path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            wb.state.status = super::status::Status::Exported { file: name };
        }
        Err(e) => wb.state.error = Some(e),
    }
}

/// Remember a project in the recent list (most recent first, at most 10).
pub fn remember_recent(state: &mut UiState, path: PathBuf) {
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    state.recent_projects.retain(|p| *p != path);
    state.recent_projects.insert(0, path);
    state.recent_projects.truncate(10);
}

/// Open or New with unsaved changes: save first, discard, or stay.
pub fn unsaved_ui(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Action>) {
    let Some(pending) = state.pending.clone() else {
        return;
    };
    let s = state.lang.strings();
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("unsaved-before-switching")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, state.lang.rtl(), 520.0, |ui| {
            ui.set_max_width(520.0);
            // Right-aligned in the Persian interface, like the buttons.
            super::row(ui, state.lang.rtl(), |ui| ui.label(bidi(s.unsaved_changes)));
            super::row(ui, state.lang.rtl(), |ui| {
                if ui.button(bidi(s.save_and_continue)).clicked() {
                    out.push(Action::Continue {
                        pending: pending.clone(),
                        save: true,
                    });
                }
                if ui.button(bidi(s.continue_without_saving)).clicked() {
                    out.push(Action::Continue {
                        pending: pending.clone(),
                        save: false,
                    });
                }
                if ui.button(bidi(s.cancel)).clicked() {
                    cancel = true;
                }
            });
        })
    });
    if cancel || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.pending = None;
    }
}

/// The bundled demo, in place of the open project (Help menu).
pub(super) fn open_demo(wb: &mut Workbench) {
    match Workbench::demo() {
        Ok(mut new) => {
            wb.wait_for_saves();
            keep_settings(wb, &mut new);
            *wb = new;
        }
        Err(e) => wb.state.error = Some(super::errors::store(wb.state.locale(), &e)),
    }
}

/// What a new or opened project inherits from the window: the language
/// and its digits, native dialogs, the recent projects and folders, panes and font size.
pub(super) fn keep_settings(old: &mut Workbench, new: &mut Workbench) {
    new.native_dialogs = old.native_dialogs;
    new.background_saves = old.background_saves;
    let (o, n) = (&mut old.state, &mut new.state);
    n.lang = o.lang;
    n.digits = o.digits;
    n.recent_projects = std::mem::take(&mut o.recent_projects);
    n.recent_folders = std::mem::take(&mut o.recent_folders);
    n.analysis.freq.stop_text = std::mem::take(&mut o.analysis.freq.stop_text);
    n.font_size = o.font_size;
    n.show_documents = o.show_documents;
    n.show_tree = o.show_tree;
    n.show_side = o.show_side;
    n.pane_widths = o.pane_widths;
    if let Some(status) = o.after_open.take() {
        n.status = status;
        n.review.open = o.review.open;
    }
    n.import_report = o.import_report.take();
    // The person at the keyboard stays the coder where the project knows
    // them (by name: coder IDs differ between projects).
    let me = o
        .coder
        .and_then(|c| old.project.coder(c))
        .map(|c| c.name.clone())
        .or_else(|| o.me.clone());
    new.choose_coder(me.as_deref());
}
