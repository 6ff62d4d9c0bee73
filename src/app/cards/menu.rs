//! What can be done to cards: group them (the tree's own command and
//! naming), rename, recolour, move into a group, ungroup, read the
//! segments; and the menu item that opens the canvas.

use super::strings;
use crate::app::{Action, UiState, bidi, mirror};
use crate::edit::{self, Command};
use crate::model::*;

/// The menu item that opens the canvas (the lead places it in a menu).
pub fn creative_menu_item_ui(ui: &mut egui::Ui, state: &UiState, out: &mut Vec<Action>) {
    let rtl = state.lang.rtl();
    let s = strings(state.lang);
    if ui
        .add(mirror::item_button(rtl, s.menu_item, String::new()))
        .clicked()
    {
        out.push(Action::OpenCards);
        ui.close();
    }
}

/// The selected codes with `extra`, in tree order (the order the group
/// takes them in).
pub fn selection(p: &Project, state: &UiState, extra: Option<CodeId>) -> Vec<CodeId> {
    p.walk()
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| state.cards.selected.contains(c) || extra == Some(*c))
        .collect()
}

/// "Group into a new subcategory (2)", as the tree says it.
pub fn group_label(p: &Project, state: &UiState, sel: &[CodeId]) -> String {
    let level = 1 + sel.iter().map(|c| p.level_of(*c)).max().unwrap_or(1);
    crate::app::levels::group_label(p, state.lang, level, &state.num(sel.len()))
}

/// Group `sel` under a new node one level above them, named as the tree
/// names it («زیرمقوله ۱»…), and name it on the canvas.
pub fn group(p: &Project, state: &mut UiState, sel: &[CodeId], out: &mut Vec<Action>) {
    let level = 1 + sel.iter().map(|c| p.level_of(*c)).max().unwrap_or(1);
    let name = crate::app::tree::numbered(p, &p.level_name(level), state);
    match edit::group_codes(p, sel, &name) {
        Ok((cmd, gid)) => {
            out.push(Action::Edit(cmd));
            state.cards.selected.clear();
            state.cards.offer = None;
            state.cards.renaming = Some((gid, name));
        }
        Err(e) => state.error = Some(crate::app::errors::edit(state.locale(), &e)),
    }
}

/// A card's (or a frame's) context menu.
pub fn card_menu_ui(
    ui: &mut egui::Ui,
    p: &Project,
    code: &Code,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = state.lang.strings();
    let cs = strings(state.lang);
    let rtl = state.lang.rtl();
    let id = code.id;
    // The card right-clicked belongs to what is grouped, selected or not.
    let sel = selection(p, state, Some(id));
    if ui.button(bidi(&group_label(p, state, &sel))).clicked() {
        group(p, state, &sel, out);
        ui.close();
    }
    if ui.button(bidi(s.rename)).clicked() {
        state.cards.renaming = Some((id, code.name.clone()));
        ui.close();
    }
    mirror::submenu_ui(ui, rtl, s.colour, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.set_max_width(140.0);
            for (i, hex) in edit::PALETTE.iter().enumerate() {
                let c = egui::Color32::from_hex(hex).unwrap_or(egui::Color32::GRAY);
                let (rect, resp) =
                    ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::click());
                ui.painter().rect_filled(rect, 3.0, c);
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour {}", i + 1))
                });
                if resp.clicked() {
                    out.push(Action::Edit(Command::SetCodeColor {
                        id,
                        color: hex.to_string(),
                    }));
                    ui.close();
                }
            }
        });
    });
    mirror::submenu_ui(ui, rtl, cs.move_into, |ui| {
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                move_into_ui(ui, p, code, state, out);
            });
    });
    if !code.children.is_empty() && ui.button(bidi(s.ungroup)).clicked() {
        match edit::ungroup(p, id) {
            Ok(cmd) => out.push(Action::Edit(cmd)),
            Err(e) => state.error = Some(crate::app::errors::edit(state.locale(), &e)),
        }
        ui.close();
    }
    if ui.button(bidi(cs.segments)).clicked() {
        state.cards.segments = Some(id);
        ui.close();
    }
}

/// "Move into" ▸ the groups the code could go into, and the top level.
fn move_into_ui(
    ui: &mut egui::Ui,
    p: &Project,
    code: &Code,
    state: &UiState,
    out: &mut Vec<Action>,
) {
    let cs = strings(state.lang);
    let id = code.id;
    let here = p.parent_of(id);
    if here.is_some() && ui.button(bidi(cs.top_level)).clicked() {
        out.push(Action::Edit(Command::MoveCode {
            id,
            parent: None,
            index: p.roots.len(),
        }));
        ui.close();
    }
    let inside = p.subtree(id);
    for (g, depth) in p.walk() {
        let Some(group) = p.codes.get(&g).filter(|c| !c.children.is_empty()) else {
            continue;
        };
        if Some(g) == here || inside.contains(&g) {
            continue;
        }
        let label = format!("{}{}", "  ".repeat(depth), group.name);
        let r = crate::app::selectable_line_ui(ui, &label, 300.0, false)
            .on_hover_text(bidi(&p.code_path_label(g, " › ")));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &group.name));
        if r.clicked() {
            out.push(Action::Edit(Command::MoveCode {
                id,
                parent: Some(g),
                index: group.children.len(),
            }));
            ui.close();
        }
    }
}
