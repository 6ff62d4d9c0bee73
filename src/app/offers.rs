//! Offers about a project that could not be opened: remove a lock left
//! by a Strata that is gone, or put a damaged project's backup in place.

use super::{Action, UiState, bidi};
use std::path::PathBuf;

/// What can be done about a project that could not be opened.
#[derive(Clone, Debug)]
pub struct Offer {
    pub path: PathBuf,
    /// The error, in English and in Persian: the language may change while
    /// the offer is shown (settings are restored after a project given on
    /// the command line was tried).
    pub why: [String; 2],
    /// Problems found when it loaded, said in the language and digits of
    /// the moment (then `why` is empty).
    pub report: Option<super::problems::LoadReport>,
    pub restore: bool,
}

impl Offer {
    /// Another Strata seems to hold it: remove the lock? Who holds it and
    /// since when is in `why`, so that the user can tell a real colleague
    /// from a lock left by a crash or a reboot.
    pub fn unlock(path: PathBuf, why: [String; 2]) -> Offer {
        Offer {
            path,
            why,
            report: None,
            restore: false,
        }
    }

    /// It is damaged and has a backup: put the backup in its place?
    pub fn restore(path: PathBuf, why: [String; 2]) -> Offer {
        Offer {
            path,
            why,
            report: None,
            restore: true,
        }
    }

    /// It loaded with items set aside, which its backup has whole.
    pub fn restore_after_load(path: PathBuf, report: super::problems::LoadReport) -> Offer {
        Offer {
            report: Some(report),
            ..Offer::restore(path, Default::default())
        }
    }
}

pub fn offer_ui(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Action>) {
    let Some(offer) = state.offer.clone() else {
        return;
    };
    let s = state.lang.strings();
    let (title, text, button, action) = if offer.restore {
        (
            s.restore_title,
            s.restore_text,
            s.restore,
            Action::RestoreBackup(offer.path.clone()),
        )
    } else {
        (
            s.unlock_title,
            s.unlock_text,
            s.unlock,
            Action::Unlock(offer.path.clone()),
        )
    };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("offer")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, state.lang.rtl(), 560.0, |ui| {
            ui.heading(bidi(title));
            ui.set_max_width(560.0);
            let font = egui::TextStyle::Body.resolve(ui.style());
            let color = ui.visuals().text_color();
            let why = match &offer.report {
                Some(report) => report.say(state.locale()),
                None => offer.why[usize::from(state.lang == super::Lang::Fa)].clone(),
            };
            super::bidi_label_ui(ui, &why, font.clone(), color);
            ui.add_space(6.0);
            // The real name where the text says NAME.strata.
            let name = offer
                .path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            let text = text.replace("NAME.strata", &name);
            super::bidi_label_ui(ui, &text, font, color);
            ui.horizontal(|ui| {
                if ui.button(bidi(button)).clicked() {
                    out.push(action.clone());
                }
                if ui.button(bidi(s.cancel)).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    close = true;
                }
            });
        })
    });
    if close {
        state.offer = None;
    }
}
