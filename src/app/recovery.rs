//! Autosaved work: where recovery files go, which one to offer at start,
//! and the offer itself (recover, or discard after asking twice).

use super::{Action, UiState, bidi};
use std::path::PathBuf;

/// Where autosave writes: beside the project, or in the temp folder for an
/// unsaved one.
pub fn recovery_path(project: &std::path::Path) -> PathBuf {
    let mut s = project.as_os_str().to_owned();
    s.push(".recovery");
    PathBuf::from(s)
}

pub fn recovery_ui(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Action>) {
    let Some(rec) = state.recovery.clone() else {
        return;
    };
    let s = state.lang.strings();
    // When it was autosaved, so that the user can tell which work it is.
    let when = std::fs::metadata(&rec)
        .and_then(|m| m.modified())
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let mut ask = state.discard_asked;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, state.lang.rtl(), 520.0, |ui| {
            ui.heading(bidi(s.recover_title));
            ui.set_max_width(520.0);
            let font = egui::TextStyle::Body.resolve(ui.style());
            let color = ui.visuals().text_color();
            super::bidi_label_ui(ui, s.recover_text, font.clone(), color);
            // The path as it is (bidi would scatter its slashes); the time in
            // the interface's digits.
            ui.label(rec.display().to_string());
            if !when.is_empty() {
                ui.label(bidi(&state.num(&when)));
            }
            if ask {
                // Discarding deletes the only copy of that work: asked twice.
                super::bidi_label_ui(ui, s.discard_sure, font, color);
                ui.horizontal(|ui| {
                    if ui.button(bidi(s.discard_for_good)).clicked() {
                        out.push(Action::Recover(false));
                        ask = false;
                    }
                    if ui.button(bidi(s.back)).clicked() {
                        ask = false;
                    }
                });
            } else {
                ui.horizontal(|ui| {
                    if ui.button(bidi(s.recover)).clicked() {
                        out.push(Action::Recover(true));
                    }
                    if ui.button(bidi(s.discard)).clicked() {
                        ask = true;
                    }
                });
            }
        })
    });
    state.discard_asked = ask;
}

/// Where the autosave of this project goes: beside its file, or in the
/// temp folder when it has none yet.
pub fn recovery_for(project: Option<&std::path::Path>) -> PathBuf {
    project.map_or_else(unsaved_recovery_path, recovery_path)
}

/// Remove a recovery file whose work is saved or discarded; one that is
/// already gone is fine. The error names the file, in `loc`'s language.
pub fn remove_recovery(rec: &std::path::Path, loc: super::i18n::Locale) -> Result<(), String> {
    match std::fs::remove_file(rec) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(super::errors::file(loc, rec, &e))
        }
        _ => Ok(()),
    }
}

/// Where the autosave of a project with no file yet goes: the user's own
/// data folder (a shared temp folder would offer one user's work to the
/// next).
pub fn unsaved_recovery_path() -> PathBuf {
    // With no home folder (rare: a service account), the temp folder, in
    // a folder named for this user's home-less session.
    eframe::storage_dir("Strata")
        .unwrap_or_else(|| std::env::temp_dir().join(format!("strata-{}", whoami())))
        .join("unsaved.strata.recovery")
}

fn whoami() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "user".into())
}

/// The recovery file of an unsaved project to offer at start: this
/// build's, or the one an older Strata left in the shared temp folder,
/// if it is this user's (so that work from a crash before an upgrade is
/// not lost, and nobody is offered another user's).
pub fn unsaved_recovery_to_offer() -> Option<PathBuf> {
    let rec = unsaved_recovery_path();
    if rec.exists() {
        return Some(rec);
    }
    let legacy = std::env::temp_dir().join("strata-unsaved.strata.recovery");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let owner = |p: &std::path::Path| std::fs::symlink_metadata(p).ok().map(|m| m.uid());
        let home = std::env::home_dir();
        let mine = matches!(
            (owner(&legacy), home.as_deref().and_then(owner)),
            (Some(a), Some(b)) if a == b
        );
        if mine && legacy.is_file() {
            return Some(legacy);
        }
    }
    None
}
