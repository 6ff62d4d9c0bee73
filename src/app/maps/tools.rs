//! The Maps window's toolbar (mirrored in Persian) and the rows that open
//! under it: renaming the map, confirming its deletion, the code list of
//! "Add code", and the label of a new link.

use super::super::bidi_edit::{Cursor, Rename, rename_ui};
use super::super::i18n::maps::strings;
use super::super::{Action, UiState, bidi, bidi_edit_ui, mirror, row};
use super::{NewLink, Selected, TextEdit, canvas, map_svg, put};
use crate::edit::Command;
use crate::model::*;

pub fn toolbar_ui(
    ui: &mut egui::Ui,
    p: &Project,
    map: &Map,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    row(ui, rtl, |ui| {
        mirror::combo_ui(ui, rtl, s.map, &map.name, false, |ui| {
            for m in &p.maps {
                if ui.selectable_label(m.id == map.id, bidi(&m.name)).clicked() {
                    out.push(Action::Maps(super::MapsAction::Show {
                        map: Some(m.id),
                        rename: false,
                    }));
                }
            }
        });
        if ui.button(bidi(s.rename)).clicked() {
            state.maps.renaming = Some(map.name.clone());
            state.maps.fresh_field = true;
        }
        if ui.button(bidi(s.delete_map)).clicked() {
            state.maps.confirm_delete = true;
        }
        ui.separator();
        if ui.button(bidi(s.fit)).clicked() {
            state.maps.view.fit = true;
        }
        let mut counts = map.counts;
        if ui.checkbox(&mut counts, bidi(s.counts)).changed() {
            put(p, map, out, |m| m.counts = counts);
        }
        ui.separator();
        if ui.button(bidi(s.add_code)).clicked() {
            add_code_clicked(p, map, state, out);
        }
        add_other_ui(ui, p, map, state, out);
        if ui.button(bidi(s.add_text)).clicked() {
            state.maps.text_edit = Some(TextEdit {
                node: NodeId::new(),
                pos: state.maps.view.free_spot(map),
                text: String::new(),
                new: true,
            });
            state.maps.fresh_field = true;
        }
        let node = match state.maps.selected {
            Some(Selected::Node(id)) => map.node(id),
            _ => None,
        };
        if let Some(Node {
            id,
            pos,
            kind: NodeKind::Text(t),
        }) = node
            && ui.button(bidi(s.edit_text)).clicked()
        {
            state.maps.text_edit = Some(TextEdit {
                node: *id,
                pos: *pos,
                text: t.clone(),
                new: false,
            });
            state.maps.fresh_field = true;
        }
        let linking = state.maps.linking;
        if ui
            .add_enabled(
                node.is_some(),
                egui::Button::new(bidi(s.link_to)).selected(linking),
            )
            .clicked()
        {
            state.maps.linking = !linking;
        }
        if ui
            .add_enabled(
                state.maps.selected.is_some(),
                egui::Button::new(bidi(s.delete_selected)),
            )
            .clicked()
        {
            canvas::delete_selected(p, map, state, out);
        }
        ui.separator();
        // The figure is drawn when asked for, not every frame.
        let export = ui.button(bidi(s.export_figure));
        if export.clicked()
            && let Some(svg) = map_svg(p, map, state)
        {
            super::super::analysis::save_figure(state, svg, out);
        }
    });
}

/// The tree's selected codes go on the map at once; with none chosen (or
/// all there already), the searchable list of codes opens.
fn add_code_clicked(p: &Project, map: &Map, state: &mut UiState, out: &mut Vec<Action>) {
    let chosen: Vec<CodeId> = state
        .selected_codes
        .iter()
        .copied()
        .filter(|id| p.codes.contains_key(id) && map.node_of_code(*id).is_none())
        .collect();
    if chosen.is_empty() {
        state.maps.adding_code = Some(String::new());
        return;
    }
    let mut at = state.maps.view.free_spot(map);
    put(p, map, out, |m| {
        for id in chosen {
            m.nodes.push(Node {
                id: NodeId::new(),
                kind: NodeKind::Code(id),
                pos: at,
            });
            at.y += 56.0;
        }
    });
}

/// The rows under the toolbar, each while its question is open.
pub fn map_rows_ui(
    ui: &mut egui::Ui,
    p: &Project,
    map: &Map,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let fresh = &mut state.maps.fresh_field;
    if let Some(name) = &mut state.maps.renaming {
        let mut done = None;
        row(ui, rtl, |ui| {
            let r = sized(ui, 240.0, |ui| {
                fresh_field(ui, "map-name", name, fresh);
                rename_ui(ui, name, "map-name", s.map_name)
            });
            let ok = ui.button(bidi(s.ok)).clicked();
            let cancel = ui.button(bidi(s.cancel)).clicked();
            if r == Rename::Commit || ok {
                done = Some(true);
            }
            // Cancel wins over the focus its click took from the field.
            if r == Rename::Cancel || cancel {
                done = Some(false);
            }
        });
        if let Some(ok) = done {
            let name = state.maps.renaming.take().unwrap_or_default();
            if ok && !name.trim().is_empty() {
                put(p, map, out, |m| m.name = name.trim().to_string());
            }
        }
    }
    if state.maps.confirm_delete {
        row(ui, rtl, |ui| {
            ui.label(bidi(&s.confirm_delete.replace("{name}", &map.name)));
            if ui.button(bidi(s.delete)).clicked() {
                out.push(Action::Edit(Command::RemoveMap { id: map.id }));
                state.maps.confirm_delete = false;
            }
            if ui.button(bidi(s.cancel)).clicked() {
                state.maps.confirm_delete = false;
            }
        });
    }
    if state.maps.adding_code.is_some() {
        code_list_ui(ui, p, map, state, out);
    }
    if state.maps.linking {
        row(ui, rtl, |ui| ui.label(bidi(s.link_hint)));
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            state.maps.linking = false;
        }
    }
    let fresh = &mut state.maps.fresh_field;
    if let Some(link) = &mut state.maps.new_link {
        let mut done = None;
        row(ui, rtl, |ui| {
            let field = sized(ui, 200.0, |ui| {
                let take = fresh_field(ui, "map-link-label", &link.label, fresh);
                let r = bidi_edit_ui(
                    ui,
                    &mut link.label,
                    "map-link-label",
                    s.link_label,
                    s.link_label,
                    false,
                );
                if take {
                    r.request_focus();
                }
                r
            });
            for preset in [s.leads_to, s.condition_of, s.strategy] {
                if ui.button(bidi(preset)).clicked() {
                    link.label = preset.to_string();
                }
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(bidi(s.add_link)).clicked() || enter {
                done = Some(true);
            }
            if ui.button(bidi(s.cancel)).clicked() {
                done = Some(false);
            }
        });
        if let Some(ok) = done
            && let Some(NewLink { from, to, label }) = state.maps.new_link.take()
            && ok
        {
            let label = label.trim().to_string();
            put(p, map, out, |m| {
                // A second link between the same two nodes relabels the first.
                match m.links.iter_mut().find(|l| l.from == from && l.to == to) {
                    Some(l) => l.label = label,
                    None => m.links.push(Link { from, to, label }),
                }
            });
        }
    }
}

/// "Add code": the codes not on the map yet, filtered as typed.
fn code_list_ui(
    ui: &mut egui::Ui,
    p: &Project,
    map: &Map,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let fresh = &mut state.maps.fresh_field;
    let Some(filter) = &mut state.maps.adding_code else {
        return;
    };
    let mut close = false;
    row(ui, rtl, |ui| {
        sized(ui, 240.0, |ui| {
            let take = fresh_field(ui, "map-code-filter", filter, fresh);
            let r = bidi_edit_ui(
                ui,
                filter,
                "map-code-filter",
                s.find_code,
                s.find_code,
                false,
            );
            if take {
                r.request_focus();
            }
        });
        if ui.button(bidi(s.cancel)).clicked() {
            close = true;
        }
    });
    let needle = filter.trim().to_lowercase();
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .id_salt("map-code-list")
        .max_height(140.0)
        .show(ui, |ui| {
            let mut any = false;
            for (id, depth) in p.walk() {
                let Some(code) = p.codes.get(&id) else {
                    continue;
                };
                if map.node_of_code(id).is_some()
                    || !needle.is_empty() && !code.name.to_lowercase().contains(&needle)
                {
                    continue;
                }
                any = true;
                row(ui, rtl, |ui| {
                    ui.add_space(depth as f32 * 12.0);
                    if ui.button(bidi(&code.name)).clicked() {
                        chosen = Some(id);
                    }
                });
            }
            if !any {
                ui.label(bidi(s.all_on_map));
            }
        });
    if let Some(id) = chosen {
        let at = state.maps.view.free_spot(map);
        put(p, map, out, |m| {
            m.nodes.push(Node {
                id: NodeId::new(),
                kind: NodeKind::Code(id),
                pos: at,
            });
        });
        close = true;
    }
    if close {
        state.maps.adding_code = None;
    }
}

/// `add` in a box `width` wide, one row high, returning what it returns.
fn sized<R>(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let h = ui.spacing().interact_size.y + 6.0;
    ui.allocate_ui(egui::vec2(width, h), add).inner
}

/// A field that just opened (`fresh`) has its text all selected, so that
/// typing replaces it; true once, when it should take the keyboard. Call
/// in the `Ui` the field is drawn in, with the field's `salt`.
pub(super) fn fresh_field(
    ui: &mut egui::Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    text: &str,
    fresh: &mut bool,
) -> bool {
    if !std::mem::take(fresh) {
        return false;
    }
    let cursor = Cursor {
        pos: CharPos(text.chars().count()),
        anchor: Some(CharPos(0)),
        had_focus: false,
    };
    let id = ui.make_persistent_id(salt);
    ui.data_mut(|d| d.insert_temp(id, cursor));
    true
}

/// "Add document or memo": a node for a document or a memo of the project,
/// chosen from a list (the map shows its name or title as it is now).
fn add_other_ui(ui: &mut egui::Ui, p: &Project, map: &Map, state: &UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let spot = state.maps.view.free_spot(map);
    ui.menu_button(bidi(s.add_other), |ui| {
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                let mut chosen = None;
                // Memos first: a project has few, and many documents would
                // push them out of the list's sight.
                if !p.memos.is_empty() {
                    ui.label(egui::RichText::new(bidi(s.memos)).weak());
                }
                for m in p.memos.values() {
                    let title = if m.title.trim().is_empty() {
                        s.untitled_memo
                    } else {
                        m.title.as_str()
                    };
                    if ui.button(bidi(title)).clicked() {
                        chosen = Some(NodeKind::Memo(m.id));
                    }
                }
                if !p.memos.is_empty() {
                    ui.separator();
                }
                ui.label(egui::RichText::new(bidi(s.documents)).weak());
                for d in &p.documents {
                    if ui.button(bidi(&d.name)).clicked() {
                        chosen = Some(NodeKind::Document(d.id));
                    }
                }
                if let Some(kind) = chosen {
                    put(p, map, out, |m| {
                        m.nodes.push(crate::model::Node {
                            id: NodeId::new(),
                            kind,
                            pos: spot,
                        })
                    });
                    ui.close();
                }
            });
    });
}
