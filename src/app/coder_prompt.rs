//! "Who is coding?": asked at the first coding of a project with no coder
//! chosen, instead of recording it under a made-up name. The coding the
//! user asked for is made once a name is given (or an existing coder
//! chosen), or not at all on Cancel.

use super::{Action, UiState, Workbench, bidi, mirror};
use crate::edit::{self, Command};
use crate::model::{CharRange, CoderId, DocId, Project};

pub struct CoderPrompt {
    pub name: String,
    /// The coding waiting for a coder (None: asked at the first start,
    /// like MAXQDA's login; the name is remembered, and becomes the
    /// project's coder at the first coding).
    pub then: Option<Action>,
    /// The name field has had the keyboard once.
    pub focused: bool,
}

pub fn coder_prompt_ui(
    ctx: &egui::Context,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let Some(prompt) = state.coder_prompt.as_mut() else {
        return;
    };
    let s = state.lang.strings();
    let rtl = state.lang.rtl();
    let mut done = false;
    egui::Modal::new(egui::Id::unique("who-is-coding")).show(ctx, |ui| {
        mirror::dialog_ui(ui, rtl, 420.0, |ui| {
            ui.heading(bidi(s.who_is_coding));
            // Wrapped by Strata's own line breaking: egui would wrap the
            // reordered Persian sentence from its end.
            let why = if prompt.then.is_some() {
                s.who_is_coding_why
            } else {
                s.who_are_you_why
            };
            super::bidi_label_ui(
                ui,
                why,
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().text_color(),
            );
            // Coders already in the project (a copy handed out by a
            // colleague): one click.
            for c in &p.coders {
                if ui.button(bidi(&c.name)).clicked() {
                    out.push(Action::SetCoder(c.id));
                    out.extend(prompt.then.clone());
                    done = true;
                }
            }
            let field = super::bidi_edit::sized_ui(ui, 380.0, |ui| {
                super::bidi_edit_ui(
                    ui,
                    &mut prompt.name,
                    "who-is-coding-name",
                    "Coder name",
                    s.new_coder,
                    false,
                )
            });
            // Once, when it opens: asked every frame it would take the
            // focus back from Tab and the buttons.
            if !prompt.focused {
                field.request_focus();
                prompt.focused = field.has_focus();
            }
            let name = prompt.name.trim().to_string();
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            mirror::row(ui, rtl, |ui| {
                let ok = ui.add_enabled(!name.is_empty(), egui::Button::new(bidi(s.ok)));
                if (ok.clicked() || enter) && !name.is_empty() {
                    match &prompt.then {
                        Some(then) => {
                            out.push(Action::AddCoder(name.clone()));
                            out.push(then.clone());
                        }
                        None => out.push(Action::Login(name.clone())),
                    }
                    done = true;
                }
                if ui.button(bidi(s.cancel)).clicked() {
                    done = true;
                }
            });
        });
    });
    if done || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.coder_prompt = None;
    }
}

/// Document, range and coder for a new coding. With no coder chosen yet,
/// `then` (the coding asked for) waits for the answer to "who is coding?".
pub(super) fn coding_target(
    wb: &mut Workbench,
    then: Action,
) -> Option<(DocId, CharRange, CoderId, Vec<Command>)> {
    let doc = wb.state.selected_doc?;
    let range = wb.state.selection.filter(|r| !r.is_empty())?;
    match wb.state.coder {
        Some(c) if wb.project.coder(c).is_some() => Some((doc, range, c, Vec::new())),
        // Named at the first start: that person becomes the project's
        // coder with this coding, in the same undo step.
        _ if wb.state.me.is_some() => {
            let name = wb.state.me.clone().unwrap_or_default();
            match edit::ensure_coder(&wb.project, &name) {
                Ok((cmd, id)) => {
                    wb.state.coder = Some(id);
                    Some((doc, range, id, cmd.into_iter().collect()))
                }
                Err(e) => {
                    wb.state.error = Some(super::errors::edit(wb.state.locale(), &e));
                    None
                }
            }
        }
        // Already asked: the name typed so far and the coding waiting stay.
        _ if wb.state.coder_prompt.is_some() => None,
        _ => {
            wb.state.coder_prompt = Some(super::coder_prompt::CoderPrompt {
                name: String::new(),
                then: Some(then),
                focused: false,
            });
            None
        }
    }
}
