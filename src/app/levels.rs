//! Keeping the code tree to its levels in the window: a small marker on
//! codes that leave them, and a question before a code that has codings
//! becomes a parent (codings belong on level-1 codes); the question before
//! a code is deleted.

use super::i18n::Noun;
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
    // A step of several (a review's proposal, a merge of codes) is asked
    // about as a whole.
    if let Command::Batch { commands, .. } = cmd {
        let inner = commands.iter().find_map(|c| guard(p, c))?;
        return Some(ParentGuard {
            command: cmd.clone(),
            parent: inner.parent,
        });
    }
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

/// A level's name inside a sentence: in English in lower case, unless it
/// is written as an acronym ("Subcategory" → "subcategory", "CAT" stays).
pub fn level_word(lang: super::Lang, name: &str) -> String {
    let mut chars = name.chars();
    match (lang, chars.next(), chars.next()) {
        (super::Lang::En, Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

/// The level's name before an adjective: "a new category"; in Persian
/// with its ezafe, «مقولهٔ تازه», «کد مفهومی تازه», «سطح تازه».
pub fn level_with_ezafe(lang: super::Lang, name: &str) -> String {
    if lang == super::Lang::En {
        return level_word(lang, name);
    }
    match name.chars().last() {
        // A silent final «ه» takes the hamza («مقولهٔ»), a final «ا» or
        // «و» a «ی» («مضمون‌های»); after a consonant or «ی» the ezafe is
        // a vowel that is not written.
        Some('ه') => format!("{name}\u{654}"),
        Some('ا' | 'و') => format!("{name}ی"),
        _ => name.to_string(),
    }
}

/// "a subcategory", "an aspect"; in Persian the name as it is (the
/// sentence has its «یک»).
pub fn a_level(lang: super::Lang, name: &str) -> String {
    let word = level_word(lang, name);
    if lang == super::Lang::Fa {
        return word;
    }
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// The context menu's "Group into a new category (2)": the level the new
/// node will be (`level`), in the project's own names.
pub fn group_label(p: &Project, lang: super::Lang, level: usize, count: &str) -> String {
    let s = lang.strings();
    let mut level = level_with_ezafe(lang, &p.level_name(level));
    if !lang.rtl() && level.chars().any(crate::text::is_rtl_char) {
        // A Persian level name in an English label: a left-to-right mark
        // keeps "(1)" after it, not pulled in front of it.
        level.push('\u{200E}');
    }
    format!("{} ({count})", s.group.replace("{level}", &level))
}

/// "Delete this code?", saying how many codings go with it.
pub fn confirm_delete_ui(
    ctx: &egui::Context,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let Some(id) = state.tree.confirm_delete else {
        return;
    };
    let Some(code) = p.codes.get(&id) else {
        state.tree.confirm_delete = None;
        return;
    };
    let sub: BTreeSet<CodeId> = p.subtree(id).into_iter().collect();
    let n = p.codings.values().filter(|c| sub.contains(&c.code)).count();
    let mut close = false;
    let s = state.lang.strings();
    egui::Modal::new(egui::Id::unique("confirm-delete")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, state.lang.rtl(), 440.0, |ui| {
            ui.label(egui::RichText::new(bidi(&format!("{}: «{}»", s.delete, code.name))).strong());
            let loc = state.locale();
            ui.label(bidi(
                &s.delete_confirm
                    .replace("{codes}", &loc.count(sub.len(), Noun::Code))
                    .replace("{codings}", &loc.count(n, Noun::Coding)),
            ));
            ui.horizontal(|ui| {
                if ui.button(bidi(s.delete)).clicked() {
                    out.push(Action::Edit(Command::RemoveCode { id }));
                    close = true;
                }
                if ui.button(bidi(s.cancel)).clicked() {
                    close = true;
                }
            });
        })
    });
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        close = true;
    }
    if close {
        state.tree.confirm_delete = None;
        state.selected_codes.remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Lang;

    #[test]
    fn level_names_read_naturally_in_both_languages() {
        let mut p = Project::new("p");
        assert_eq!(
            group_label(&p, Lang::En, 3, "2"),
            "Group into a new category (2)"
        );
        assert_eq!(a_level(Lang::En, "Subcategory"), "a subcategory");
        assert_eq!(a_level(Lang::En, "Aspect"), "an aspect");
        assert_eq!(level_word(Lang::En, "CAT"), "CAT");
        p.level_names = LEVEL_NAMES_FA.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            group_label(&p, Lang::Fa, 2, "۳"),
            "گروه‌بندی در زیرمقولهٔ تازه (۳)"
        );
        assert_eq!(
            group_label(&p, Lang::Fa, 3, "۲"),
            "گروه‌بندی در مقولهٔ تازه (۲)"
        );
        // A custom name ending in a consonant or «ی» takes no written ezafe.
        p.level_names[1] = "کد مفهومی".into();
        assert_eq!(
            group_label(&p, Lang::Fa, 2, "۱"),
            "گروه‌بندی در کد مفهومی تازه (۱)"
        );
        assert_eq!(level_with_ezafe(Lang::Fa, "مضمون‌ها"), "مضمون‌های");
    }
}
