//! The fuzzy code picker: type part of a Persian or English name, Enter
//! applies the code to the selection; a new name creates a level-1 code.
//! Level-1 codes come first: codings belong on them. A subcategory or
//! category is coded onto only by a deliberate Shift+Enter or button.

use super::{Action, UiState, bidi};
use crate::model::*;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

#[derive(Default, Clone, Debug)]
pub struct Picker {
    pub query: String,
    pub cursor: usize,
    /// Changing the code of this coding instead of coding the selection.
    pub recode: Option<CodingId>,
    /// Enter was pressed on this node, which is not a level-1 code: the
    /// picker says how to code onto it anyway.
    pub not_a_leaf: Option<CodeId>,
}

enum Choice {
    Code(CodeId),
    Create(String),
}

/// One code as the picker matches it, built once per project generation.
pub struct Entry {
    id: CodeId,
    /// Fuzzy keys of the name and of the whole path.
    name_key: String,
    path_key: String,
    /// The name folded, to tell an exact or contained match.
    folded: String,
    /// A level-1 code (no child codes): offered before the others.
    leaf: bool,
}

/// The picker's view model: every code in tree order with its keys, and the
/// last query's hits, so a frame without a keystroke matches nothing.
#[derive(Default)]
pub struct PickerModel {
    generation: u64,
    entries: Vec<Entry>,
    position: std::collections::HashMap<CodeId, usize>,
    last: Option<(String, Vec<CodeId>, Vec<CodeId>)>,
}

impl PickerModel {
    fn ensure(&mut self, p: &Project) {
        if self.generation == p.generation() && !self.entries.is_empty() {
            return;
        }
        self.generation = p.generation();
        self.last = None;
        let ix = p.index();
        self.entries = p
            .walk()
            .into_iter()
            .filter_map(|(id, _)| {
                // Codes that only group others (from NVivo and the like)
                // are not offered for text.
                let code = p.codes.get(&id).filter(|c| c.codable)?;
                // The path from the index's parents, not a scan per code.
                let mut names = vec![code.name.as_str()];
                let mut cur = ix.parent(id);
                while let Some(c) = cur {
                    if names.len() > p.codes.len() {
                        break;
                    }
                    names.push(p.codes.get(&c).map_or("", |c| c.name.as_str()));
                    cur = ix.parent(c);
                }
                names.reverse();
                Some(Entry {
                    id,
                    name_key: crate::text::fuzzy_key(&code.name),
                    path_key: crate::text::fuzzy_key(&names.join(" ")),
                    folded: crate::text::fold(&code.name),
                    leaf: code.children.is_empty(),
                })
            })
            .collect();
        self.position = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
    }

    /// Candidates in order: level-1 codes before the nodes above them; in
    /// each, best match first, recent codes first when the query is empty.
    pub fn candidates(&mut self, p: &Project, query: &str, recent: &[CodeId]) -> Vec<CodeId> {
        self.ensure(p);
        if let Some((q, r, hits)) = &self.last
            && q == query
            && r == recent
        {
            return hits.clone();
        }
        let q = crate::text::fuzzy_key(query);
        let m = SkimMatcherV2::default();
        let mut scored: Vec<(bool, i64, usize, CodeId)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(order, e)| {
                let recent_rank = recent.iter().position(|r| *r == e.id);
                let bonus = recent_rank.map_or(0, |r| 50 - r as i64);
                if q.is_empty() {
                    return Some((!e.leaf, bonus, order, e.id));
                }
                let s = m
                    .fuzzy_match(&e.name_key, &q)
                    .map(|s| s + 30)
                    .or_else(|| m.fuzzy_match(&e.path_key, &q))?;
                Some((!e.leaf, s + bonus, order, e.id))
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let hits: Vec<CodeId> = scored.into_iter().map(|(_, _, _, id)| id).collect();
        self.last = Some((query.to_string(), recent.to_vec(), hits.clone()));
        hits
    }

    fn is_leaf(&self, id: CodeId) -> bool {
        let i = self.position.get(&id);
        i.and_then(|i| self.entries.get(*i)).is_some_and(|e| e.leaf)
    }

    fn folded(&self, id: CodeId) -> Option<&str> {
        let i = *self.position.get(&id)?;
        self.entries.get(i).map(|e| e.folded.as_str())
    }
}

pub fn picker_ui(ctx: &egui::Context, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let loc = state.locale();
    let Some(picker) = state.picker.as_mut() else {
        return;
    };
    let s = state.lang.strings();
    let model = &mut state.picker_model;
    let hits = model.candidates(p, &picker.query, &state.recent_codes);
    let query_folded = crate::text::fold(&picker.query);
    let exact = hits
        .iter()
        .any(|id| model.folded(*id) == Some(query_folded.as_str()));
    // Up to 12 codes, and a few nodes above them (a subcategory that
    // matches well is still offered after many codes that match).
    let leaves = hits
        .iter()
        .copied()
        .filter(|id| model.is_leaf(*id))
        .take(12);
    let others = hits
        .iter()
        .copied()
        .filter(|id| !model.is_leaf(*id))
        .take(4);
    let mut choices: Vec<Choice> = leaves.chain(others).map(Choice::Code).collect();
    if !picker.query.trim().is_empty() && !exact {
        // A name that no code contains is most likely a new code: offer
        // creating it first, so Enter makes it. Otherwise it goes last.
        let contained = hits
            .iter()
            .any(|id| model.folded(*id).is_some_and(|f| f.contains(&query_folded)));
        let create = Choice::Create(picker.query.trim().to_string());
        if contained {
            choices.push(create);
        } else {
            choices.insert(0, create);
        }
    }
    let (down, up, enter, shift, esc) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::Enter),
            // Shift as the key event carries it (the modifiers' state may
            // already be back up by the frame's end).
            i.events.iter().any(|e| {
                matches!(e, egui::Event::Key { key: egui::Key::Enter, pressed: true, modifiers, .. }
                    if modifiers.shift)
            }),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if down {
        picker.cursor = (picker.cursor + 1).min(choices.len().saturating_sub(1));
    }
    if up {
        picker.cursor = picker.cursor.saturating_sub(1);
    }
    picker.cursor = picker.cursor.min(choices.len().saturating_sub(1));
    // (choice, deliberately onto a node above level 1)
    let mut chosen: Option<(usize, bool)> = enter.then_some((picker.cursor, shift));
    let mut close = esc;
    let level_of = |id: CodeId| {
        let level = p.level_of(id);
        (level, p.level_name(level))
    };
    egui::Modal::new(egui::Id::unique("code-picker")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, state.lang.rtl(), 560.0, |ui| {
            ui.set_width(560.0);
            ui.label(bidi(s.picker_hint));
            let r = super::bidi_edit_ui(
                ui,
                &mut picker.query,
                "code-picker-query",
                "Code picker",
                "",
                false,
            );
            r.request_focus();
            if r.changed() {
                picker.cursor = 0;
            }
            if r.changed() || up || down {
                picker.not_a_leaf = None;
            }
            if let Some(id) = picker.not_a_leaf
                && let Some(at) = choices
                    .iter()
                    .position(|c| matches!(c, Choice::Code(c) if *c == id))
                && not_a_leaf_ui(ui, p, id, state.lang)
            {
                chosen = Some((at, true));
            }
            ui.separator();
            let ui_rtl = state.lang.rtl();
            let align = if ui_rtl || crate::text::paragraph_rtl(&picker.query, 0, None, ui_rtl) {
                egui::Align::Max
            } else {
                egui::Align::Min
            };
            // The list scrolls within the window: a short window (768 px)
            // otherwise pushed the query field off the top.
            let max_h = (ui.ctx().content_rect().height() - 240.0).max(120.0);
            egui::ScrollArea::vertical()
                .max_height(max_h)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for (i, ch) in choices.iter().enumerate() {
                        // The code's name on one line, its parents small below: never
                        // wrapped by egui, which would break reordered text wrongly.
                        // A node above level 1 says its level there, muted.
                        let (name, parents, color, badge) = match ch {
                            Choice::Code(id) => {
                                let path = p.code_path(*id);
                                let parents: Vec<&str> = path[..path.len().saturating_sub(1)]
                                    .iter()
                                    .filter_map(|c| p.codes.get(c).map(|c| c.name.as_str()))
                                    .collect();
                                let name =
                                    p.codes.get(id).map_or(String::new(), |c| c.name.clone());
                                let (level, level_name) = level_of(*id);
                                let badge = (level > 1).then(|| {
                                    s.level_badge.replace("{n}", &loc.num(level)).replace(
                                        "{level}",
                                        &super::levels::level_word(state.lang, &level_name),
                                    )
                                });
                                (
                                    name,
                                    parents.join(" › "),
                                    super::contrast::code_text_on(p, *id, ui.visuals().window_fill),
                                    badge,
                                )
                            }
                            Choice::Create(name) => (
                                format!("+ {name}"),
                                s.new_code.to_string(),
                                ui.visuals().text_color(),
                                None,
                            ),
                        };
                        let below = match (&badge, parents.is_empty()) {
                            (Some(b), true) => b.clone(),
                            (Some(b), false) => format!("{b} — {parents}"),
                            (None, _) => parents,
                        };
                        let selected = i == picker.cursor;
                        let r = egui::Frame::NONE
                            .fill(if selected {
                                ui.visuals().selection.bg_fill
                            } else {
                                egui::Color32::TRANSPARENT
                            })
                            .inner_margin(4.0)
                            .show(ui, |ui| {
                                ui.set_width(ui.available_width());
                                ui.with_layout(egui::Layout::top_down(align), |ui| {
                                    let body = egui::TextStyle::Body.resolve(ui.style());
                                    super::bidi_line_ui(ui, &name, body, color);
                                    if !below.is_empty() {
                                        let small = egui::TextStyle::Small.resolve(ui.style());
                                        super::bidi_line_ui(
                                            ui,
                                            &below,
                                            small,
                                            ui.visuals().weak_text_color(),
                                        );
                                    }
                                });
                            })
                            .response
                            .interact(egui::Sense::click());
                        // A screen reader hears the level too.
                        let label = match &badge {
                            Some(b) => format!("{name} · {b}"),
                            None => name.clone(),
                        };
                        r.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &label)
                        });
                        if r.clicked() {
                            chosen = Some((i, false));
                        }
                        if selected && (up || down) {
                            r.scroll_to_me(None);
                        }
                    }
                });
        })
    });
    if let Some((i, deliberate)) = chosen {
        match (choices.get(i), picker.recode) {
            (Some(Choice::Code(id)), _) if !deliberate && p.level_of(*id) > 1 => {
                // Not coded: the picker stays, and says how to if meant.
                picker.cursor = i;
                picker.not_a_leaf = Some(*id);
            }
            (Some(Choice::Code(id)), Some(coding)) => {
                out.push(Action::Recode { coding, code: *id });
                close = true;
            }
            (Some(Choice::Code(id)), None) => {
                out.push(Action::ApplyCode(*id));
                close = true;
            }
            (Some(Choice::Create(name)), None) => {
                out.push(Action::CreateAndApply(name.clone()));
                close = true;
            }
            (Some(Choice::Create(name)), Some(coding)) => {
                out.push(Action::CreateAndRecode {
                    coding,
                    name: name.clone(),
                });
                close = true;
            }
            (None, _) => close = true,
        }
    }
    if close {
        state.picker = None;
    }
}

/// The note under the query after Enter on a node above level 1, with
/// the button that codes onto it anyway. True when that button is clicked.
fn not_a_leaf_ui(ui: &mut egui::Ui, p: &Project, id: CodeId, lang: super::Lang) -> bool {
    let s = lang.strings();
    let level = p.level_name(p.level_of(id));
    let name = p.codes.get(&id).map_or("", |c| c.name.as_str());
    let button = s
        .code_onto
        .replace("{level}", &super::levels::level_word(lang, &level));
    let note = s
        .not_a_leaf
        .replace("{name}", name)
        .replace("{a_level}", &super::levels::a_level(lang, &level))
        .replace("{button}", &button);
    let warn = ui.visuals().warn_fg_color;
    let body = egui::TextStyle::Body.resolve(ui.style());
    super::bidi_label_ui(ui, &note, body, warn);
    let mut clicked = false;
    super::row(ui, lang.rtl(), |ui| {
        clicked = ui.button(bidi(&button)).clicked();
    });
    clicked
}
