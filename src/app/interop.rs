//! Other tools' files from the window: File ▸ Import from another tool
//! (a REFI-QDA project becomes a new Strata project beside it; a codebook
//! joins the open project in one undo step), the import report that says
//! what was mapped and what was left out, and File ▸ Study report.

use super::i18n::Lang;
use super::{UiState, Workbench, bidi};
use crate::import::refi;
use std::path::{Path, PathBuf};

/// An import's report in both languages (the interface can switch while
/// it is open), made once at import.
pub struct ImportReport {
    pub file: String,
    en: String,
    fa: String,
}

impl ImportReport {
    fn new(path: &Path, report: &refi::RefiReport) -> Self {
        Self::from_texts(path, report.text(false), report.text(true))
    }

    fn from_texts(path: &Path, en: String, fa: String) -> Self {
        Self {
            file: file_name(path),
            en,
            fa: rtl_lines(&fa),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fa => &self.fa,
        }
    }
}

/// Each line of a Persian text right to left, also one that begins with
/// a file's or a tool's name (a paragraph takes its first letter's way).
fn rtl_lines(text: &str) -> String {
    text.split('\n')
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("\u{200F}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `STEM.strata` in `folder`, or `STEM-2.strata`… when taken: a new
/// project (an import, a merge: `STEM` is then `NAME-merged`) never
/// writes over a file.
pub(super) fn free_path(folder: &Path, stem: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.strata")
        } else {
            format!("{stem}-{n}.strata")
        };
        let p = folder.join(name);
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

fn is_codebook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdc"))
}

pub fn import_other(wb: &mut Workbench, path: &Path) {
    // A memo being typed is part of the project before anything else.
    super::memo::commit_typing(wb);
    if is_codebook(path) {
        codebook_into(wb, path);
    } else if wb.is_dirty() {
        // Asked first, as any switch of project is: the import then opens
        // (or, cancelled, leaves no report nor status behind).
        wb.state.pending = Some(super::Pending::ImportOther(path.to_path_buf()));
    } else {
        project_beside(wb, path);
    }
}

/// A codebook (.qdc) into the open project: one undo step.
fn codebook_into(wb: &mut Workbench, path: &Path) {
    let loc = wb.state.locale();
    let imported = match refi::import_qdc(path) {
        Ok(i) => i,
        Err(e) => {
            wb.state.error = Some(super::errors::refi(loc, &e));
            return;
        }
    };
    let plan = refi::codebook_plan(&wb.project, &imported.project);
    // The codebook's report, then what joining this project did: the
    // codes it already had, the sets it did not take.
    let report = ImportReport::from_texts(
        path,
        format!("{}\n{}", imported.report.text(false), plan.text(false)),
        format!("{}\n{}", imported.report.text(true), plan.text(true)),
    );
    // All there already: nothing to do, and no empty undo step.
    if plan.added == 0 || wb.edit(plan.command) {
        wb.state.status = if plan.added == 0 {
            super::Status::CodebookNothingNew {
                file: file_name(path),
            }
        } else {
            super::Status::CodebookAdded {
                file: file_name(path),
                codes: plan.added,
            }
        };
        wb.state.import_report = Some(report);
    }
}

/// A project (.qdpx) becomes `NAME.strata` beside it, which is opened
/// (the open project's changes were saved or set aside before).
pub(super) fn project_beside(wb: &mut Workbench, path: &Path) {
    let loc = wb.state.locale();
    let imported = match refi::import_qdpx(path) {
        Ok(i) => i,
        Err(e) => {
            wb.state.error = Some(super::errors::refi(loc, &e));
            return;
        }
    };
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let stem = path
        .file_stem()
        .map_or("project".into(), |s| s.to_string_lossy().into_owned());
    let out = free_path(&folder, &stem);
    // Locked while written, as every save is.
    let lock = match crate::store::Lock::acquire(&out, false) {
        Ok(lock) => lock,
        Err(e) => {
            wb.state.error = Some(super::errors::lock(loc, &e));
            return;
        }
    };
    let saved = crate::store::save(&imported.project, &out);
    drop(lock);
    if let Err(e) = saved {
        wb.state.error = Some(super::errors::store(loc, &e));
        return;
    }
    wb.state.after_open = Some(super::Status::ImportedOther {
        file: file_name(path),
        into: file_name(&out),
        documents: imported.project.documents.len(),
        codings: imported.project.codings.len(),
    });
    wb.state.import_report = Some(ImportReport::new(path, &imported.report));
    super::opening::open_path(wb, out.clone());
    if wb.path.as_deref() != Some(out.as_path()) {
        // Not opened (a lock, a problem, said): the report and status are
        // not left to appear over this or another project later.
        wb.state.after_open = None;
        wb.state.import_report = None;
    }
}

/// File ▸ Study report: HTML or Markdown by the extension, never over a
/// project file, written atomically.
pub fn report_to(wb: &mut Workbench, path: PathBuf) {
    let loc = wb.state.locale();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = match ext.as_str() {
        "html" | "htm" => crate::export::ReportFormat::Html,
        "md" | "markdown" => crate::export::ReportFormat::Markdown,
        _ => {
            wb.state.error = Some(format!(
                "{}: {}",
                super::errors::p(&path),
                loc.strings().report_ending
            ));
            return;
        }
    };
    let result = crate::store::check_export_target(&path, wb.path.as_deref())
        .and_then(|()| {
            let text = crate::export::study_report(&wb.project, format);
            crate::store::write_atomic_from(&path, text.as_bytes(), false, wb.path.as_deref())
        })
        .map_err(|e| super::errors::store(loc, &e));
    match result {
        Ok(()) => {
            wb.state.status = super::Status::Exported {
                file: file_name(&path),
            }
        }
        Err(e) => wb.state.error = Some(e),
    }
}

/// The import report, until closed: a window beside the project, so the
/// imported study can be looked at while reading it.
pub fn import_report_ui(ctx: &egui::Context, state: &mut UiState) {
    let Some(report) = &state.import_report else {
        return;
    };
    let s = state.lang.strings();
    let rtl = state.lang.rtl();
    let mut open = true;
    let mut close = false;
    let title = format!("{} — {}", s.import_report, report.file);
    egui::Window::new(bidi(&title))
        .id(egui::Id::unique("import_report"))
        .open(&mut open)
        .default_width(620.0)
        .default_height(480.0)
        .show(ctx, |ui| {
            super::mirror::dialog_ui(ui, rtl, 620.0, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(ui.ctx().content_rect().height() * 0.6)
                    .show(ui, |ui| {
                        let font = egui::TextStyle::Body.resolve(ui.style());
                        super::bidi_label_ui(
                            ui,
                            report.text(state.lang),
                            font,
                            ui.visuals().text_color(),
                        );
                    });
                ui.separator();
                if ui.button(bidi(s.close)).clicked() {
                    close = true;
                }
            })
        });
    if !open || close {
        state.import_report = None;
    }
}
