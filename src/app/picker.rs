//! The fuzzy code picker: type part of a Persian or English name, Enter
//! applies the code to the selection; a new name creates a level-1 code.

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
                let code = p.codes.get(&id)?;
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

    /// Candidates in order: best match first; recent codes first when empty.
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
        let mut scored: Vec<(i64, usize, CodeId)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(order, e)| {
                let recent_rank = recent.iter().position(|r| *r == e.id);
                let bonus = recent_rank.map_or(0, |r| 50 - r as i64);
                if q.is_empty() {
                    return Some((bonus, order, e.id));
                }
                let s = m
                    .fuzzy_match(&e.name_key, &q)
                    .map(|s| s + 30)
                    .or_else(|| m.fuzzy_match(&e.path_key, &q))?;
                Some((s + bonus, order, e.id))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let hits: Vec<CodeId> = scored.into_iter().map(|(_, _, id)| id).collect();
        self.last = Some((query.to_string(), recent.to_vec(), hits.clone()));
        hits
    }

    fn folded(&self, id: CodeId) -> Option<&str> {
        let i = *self.position.get(&id)?;
        self.entries.get(i).map(|e| e.folded.as_str())
    }
}

pub fn picker_ui(ctx: &egui::Context, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
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
    let mut choices: Vec<Choice> = hits.iter().copied().take(12).map(Choice::Code).collect();
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
    let (down, up, enter, esc) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::Enter),
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
    let mut chosen: Option<usize> = enter.then_some(picker.cursor);
    let mut close = esc;
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
            ui.separator();
            let ui_rtl = state.lang.rtl();
            let align = if ui_rtl || crate::text::paragraph_rtl(&picker.query, 0, None, ui_rtl) {
                egui::Align::Max
            } else {
                egui::Align::Min
            };
            for (i, ch) in choices.iter().enumerate() {
                // The code's name on one line, its parents small below: never
                // wrapped by egui, which would break reordered text wrongly.
                let (name, parents, color) = match ch {
                    Choice::Code(id) => {
                        let path = p.code_path(*id);
                        let parents: Vec<&str> = path[..path.len().saturating_sub(1)]
                            .iter()
                            .filter_map(|c| p.codes.get(c).map(|c| c.name.as_str()))
                            .collect();
                        let name = p.codes.get(id).map_or(String::new(), |c| c.name.clone());
                        (
                            name,
                            parents.join(" › "),
                            super::contrast::code_text_on(p, *id, ui.visuals().window_fill),
                        )
                    }
                    Choice::Create(name) => (
                        format!("+ {name}"),
                        s.new_code.to_string(),
                        ui.visuals().text_color(),
                    ),
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
                            if !parents.is_empty() {
                                let small = egui::TextStyle::Small.resolve(ui.style());
                                super::bidi_line_ui(
                                    ui,
                                    &parents,
                                    small,
                                    ui.visuals().weak_text_color(),
                                );
                            }
                        });
                    })
                    .response
                    .interact(egui::Sense::click());
                r.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &name)
                });
                if r.clicked() {
                    chosen = Some(i);
                }
            }
        })
    });
    if let Some(i) = chosen {
        match (choices.get(i), picker.recode) {
            (Some(Choice::Code(id)), Some(coding)) => {
                out.push(Action::Recode { coding, code: *id })
            }
            (Some(Choice::Code(id)), None) => out.push(Action::ApplyCode(*id)),
            (Some(Choice::Create(name)), None) => out.push(Action::CreateAndApply(name.clone())),
            (Some(Choice::Create(name)), Some(coding)) => out.push(Action::CreateAndRecode {
                coding,
                name: name.clone(),
            }),
            (None, _) => {}
        }
        close = true;
    }
    if close {
        state.picker = None;
    }
}
