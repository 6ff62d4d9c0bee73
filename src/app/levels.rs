//! Keeping the code tree to its levels in the window: a small marker on
//! codes that leave them, and a question before a code that has codings
//! becomes a parent (codings belong on level-1 codes).

use super::{Action, UiState, bidi};
use crate::edit::Command;
use crate::model::*;
use std::collections::BTreeSet;

/// A change that would make a coded code a parent, waiting for an answer.
#[derive(Clone, Debug)]
pub struct ParentGuard {
    pub command: Command,
    pub parent: CodeId,
}

/// `cmd`, after the parent's codings move to a new child of the same name
/// and colour (its memos stay on the parent).
fn with_codings_moved(p: &Project, cmd: Command, parent: CodeId) -> Option<Command> {
    let code = p.codes.get(&parent)?;
    let mut child = Code::new(code.name.clone(), code.color.clone());
    child.description = code.description.clone();
    child.stamp = Stamp::now(p.actor());
    let child_id = child.id;
    let label = cmd.label();
    let mut commands = vec![Command::InsertCodes {
        parent: Some(parent),
        index: 0,
        codes: vec![child],
        codings: vec![],
        memos: vec![],
    }];
    commands.extend(
        p.index()
            .codings_of_code(parent)
            .iter()
            .map(|id| Command::RecodeCoding {
                id: *id,
                code: child_id,
            }),
    );
    commands.push(cmd);
    Some(Command::Batch { label, commands })
}

pub fn parent_guard_ui(
    ctx: &egui::Context,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let Some(guard) = state.parent_guard.clone() else {
        return;
    };
    let Some(code) = p.codes.get(&guard.parent) else {
        state.parent_guard = None;
        return;
    };
    let s = state.lang.strings();
    let n = p.index().own_count(guard.parent);
    let mut close = false;
    egui::Modal::new(egui::Id::unique("parent-guard")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        let text = s
            .parent_guard
            .replace("{name}", &code.name)
            .replace(
                "{codings}",
                &state.locale().count(n, super::i18n::Noun::Coding),
            )
            .replace("{one}", &state.num(1));
        let font = egui::TextStyle::Body.resolve(ui.style());
        super::bidi_label_ui(ui, &text, font, ui.visuals().text_color());
        ui.with_layout(
            egui::Layout::top_down(if state.lang.rtl() {
                egui::Align::Max
            } else {
                egui::Align::Min
            }),
            |ui| {
                let move_label = s.parent_guard_move.replace("{name}", &code.name);
                if ui.button(bidi(&move_label)).clicked() {
                    if let Some(cmd) = with_codings_moved(p, guard.command.clone(), guard.parent) {
                        out.push(Action::EditConfirmed(cmd));
                    }
                    close = true;
                }
                if ui.button(bidi(s.parent_guard_keep)).clicked() {
                    out.push(Action::EditConfirmed(guard.command.clone()));
                    close = true;
                }
                if ui.button(bidi(s.cancel)).clicked() {
                    close = true;
                }
            },
        );
    });
    if close || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.parent_guard = None;
    }
}

/// Codes that leave the project's levels, built once per generation.
pub fn off_level<'a>(
    p: &Project,
    cache: &'a mut Option<(u64, BTreeSet<CodeId>)>,
) -> &'a BTreeSet<CodeId> {
    if cache.as_ref().is_none_or(|(g, _)| *g != p.generation()) {
        *cache = Some((p.generation(), crate::analysis::off_level_codes(p)));
    }
    &cache.get_or_insert_with(Default::default).1
}

/// The question to ask before `cmd`, if it would give a code that has
/// codings of its own its first child.
pub fn guard(p: &Project, cmd: &Command) -> Option<ParentGuard> {
    let parent = match cmd {
        Command::MoveCode {
            parent: Some(t), ..
        }
        | Command::InsertCodes {
            parent: Some(t), ..
        } => *t,
        _ => return None,
    };
    let code = p.codes.get(&parent)?;
    (code.children.is_empty() && p.index().own_count(parent) > 0).then(|| ParentGuard {
        command: cmd.clone(),
        parent,
    })
}
