//! File ▸ Merge coders' copies: the copies, then the base they were
//! handed out from (a file: the project as it was then). The open project
//! is one more side, so the supervisor's own work since is kept, not taken
//! for something every copy deleted. The merge (`crate::merge`, as
//! `strata merge`) is written to a new file beside the open project, which
//! is then opened with its conflicts as open review comments. No file is
//! written over, and the new file is locked while it is written. (It runs
//! on the window's thread; a background merge is not done yet.)

use super::i18n::{Lang, Locale};
use super::{Action, Workbench};
use crate::merge::MergeError;
use std::path::{Path, PathBuf};

fn message(loc: Locale, e: &MergeError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    match e {
        MergeError::NoSides => "چیزی برای ادغام نیست: دست‌کم یک نسخه برگزینید.".into(),
        MergeError::NotSameBase { side, base } => format!(
            "«{side}» نسخه‌ای از «{base}» نیست (شناسهٔ پروژه‌اش فرق دارد)، پس پایهٔ مشترکی ندارند. تنها نسخه‌هایی را ادغام کنید که از همین پروژه داده شده‌اند."
        ),
        MergeError::DocumentText { document, sides } => format!(
            "متن سند «{document}» در {} فرق دارد؛ کدگذاری‌ها به یک متن اشاره می‌کنند، پس این نسخه‌ها ادغام نمی‌شوند. چیزی ادغام نشد.",
            sides.join("، ")
        ),
        MergeError::DocumentName { document, sides } => format!(
            "دو سند متفاوت «{document}» نام دارند (در {})؛ یکی را در نسخه‌اش تغییر نام دهید و دوباره ادغام کنید. چیزی ادغام نشد.",
            sides.join("، ")
        ),
        MergeError::Check(why) => format!("پروژهٔ ادغام‌شده درست نیست: {why}. چیزی نوشته نشد."),
    }
}

pub fn merge_copies(wb: &mut Workbench, base_path: &Path, paths: Vec<PathBuf>) {
    let loc = wb.state.locale();
    let base = match crate::store::load(base_path) {
        Ok((p, _)) => p,
        Err(e) => {
            wb.state.error = Some(super::errors::store(loc, &e));
            return;
        }
    };
    let mut copies = Vec::new();
    for p in &paths {
        // The base chosen as a copy too: it adds nothing.
        if crate::store::same_file(base_path, p) {
            continue;
        }
        match crate::store::load(p) {
            Ok((project, _)) => {
                let label = p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                copies.push((label, project));
            }
            Err(e) => {
                wb.state.error = Some(super::errors::store(loc, &e));
                return;
            }
        }
    }
    let this = match loc.lang {
        Lang::En => "this project",
        Lang::Fa => "این پروژه",
    };
    // The open project as one more side: what the supervisor did since
    // handing out the copies (as it is on screen, saved or not).
    let sides: Vec<(&str, &crate::model::Project)> = copies
        .iter()
        .map(|(l, p)| (l.as_str(), p))
        .chain(std::iter::once((this, &wb.project)))
        .collect();
    let (merged, report) = match crate::merge::merge(&base, &sides) {
        Ok(m) => m,
        Err(e) => {
            wb.state.error = Some(message(loc, &e));
            return;
        }
    };
    let (folder, stem) = match wb.path.as_deref() {
        Some(b) => (
            b.parent().map(Path::to_path_buf).unwrap_or_default(),
            b.file_stem()
                .map_or("project".into(), |s| s.to_string_lossy().into_owned()),
        ),
        None => (
            paths
                .first()
                .and_then(|p| p.parent())
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            "project".into(),
        ),
    };
    // `NAME-merged.strata`, or `NAME-merged-2.strata`… when taken.
    let out = super::interop::free_path(&folder, &format!("{stem}-merged"));
    // Locked while written, as every save is: another Strata (or a
    // `strata merge` run at the same moment) cannot write it meanwhile.
    let lock = match crate::store::Lock::acquire(&out, false) {
        Ok(lock) => lock,
        Err(e) => {
            wb.state.error = Some(super::errors::lock(loc, &e));
            return;
        }
    };
    let saved = crate::store::save(&merged, &out);
    drop(lock);
    if let Err(e) = saved {
        wb.state.error = Some(super::errors::store(loc, &e));
        return;
    }
    let status = super::Status::Merged {
        copies: copies.len(),
        conflicts: report.conflicts.len(),
        file: out
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
    };
    // Said, and the conflicts shown, once the merge is open (after the
    // question about unsaved changes, if there are any).
    wb.state.after_open = Some(status);
    if !report.conflicts.is_empty() {
        wb.state.review.open_on(super::review::Tab::Comments, None);
    }
    wb.apply(Action::OpenPath(out));
}
