//! The fuzzy code picker: type part of a Persian or English name, Enter
//! applies the code to the selection; a new name creates a level-1 code.

use super::{Action, UiState, bidi, code_color};
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

/// Candidates in order: best match first; recent codes first when empty.
pub fn candidates(p: &Project, query: &str, recent: &[CodeId]) -> Vec<CodeId> {
    let q = crate::text::fuzzy_key(query);
    let m = SkimMatcherV2::default();
    let mut scored: Vec<(i64, usize, CodeId)> = p
        .walk()
        .into_iter()
        .enumerate()
        .filter_map(|(order, (id, _))| {
            let code = p.codes.get(&id)?;
            let recent_rank = recent.iter().position(|r| *r == id);
            let bonus = recent_rank.map_or(0, |r| 50 - r as i64);
            if q.is_empty() {
                return Some((bonus, order, id));
            }
            let name = crate::text::fuzzy_key(&code.name);
            let path = crate::text::fuzzy_key(&p.code_path_label(id, " "));
            let s = m
                .fuzzy_match(&name, &q)
                .map(|s| s + 30)
                .or_else(|| m.fuzzy_match(&path, &q))?;
            Some((s + bonus, order, id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, id)| id).collect()
}

pub fn picker_ui(ctx: &egui::Context, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let Some(picker) = state.picker.as_mut() else {
        return;
    };
    let s = state.lang.strings();
    let hits = candidates(p, &picker.query, &state.recent_codes);
    let exact = hits.iter().any(|id| {
        p.codes
            .get(id)
            .is_some_and(|c| crate::text::fold(&c.name) == crate::text::fold(&picker.query))
    });
    let mut choices: Vec<Choice> = hits.iter().copied().take(12).map(Choice::Code).collect();
    if !picker.query.trim().is_empty() && !exact {
        // A name that no code contains is most likely a new code: offer
        // creating it first, so Enter makes it. Otherwise it goes last.
        let q = crate::text::fold(&picker.query);
        let contained = hits.iter().any(|id| {
            p.codes
                .get(id)
                .is_some_and(|c| crate::text::fold(&c.name).contains(&q))
        });
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
        let align = if state.lang.rtl() || picker.query.chars().any(crate::text::is_rtl_char) {
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
                    (name, parents.join(" › "), code_color(p, *id))
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
