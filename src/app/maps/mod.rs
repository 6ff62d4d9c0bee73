//! The Maps window: the study's model figures drawn on a canvas tied to
//! the code tree. A node of a code shows the code as it is now (renamed,
//! recoloured, counted); one whose code is gone is greyed and says so,
//! never dropped. Every gesture is one `Command::PutMap` (the whole map,
//! changed), so one undo step with an exact inverse.

mod canvas;
mod tools;

use super::i18n::maps::{MapsStrings, strings};
use super::{Action, UiState, bidi, mirror, row};
use crate::edit::Command;
use crate::model::*;

pub use canvas::View;

/// What is selected on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selected {
    Node(NodeId),
    /// A link, by its place in the map's list.
    Link(usize),
}

/// A link whose two ends are chosen, waiting for its label.
#[derive(Clone, Debug)]
pub struct NewLink {
    pub from: NodeId,
    pub to: NodeId,
    pub label: String,
}

/// A text box being written, in place on the canvas.
#[derive(Clone, Debug)]
pub struct TextEdit {
    pub node: NodeId,
    pub pos: Pos,
    pub text: String,
    /// Not yet on the map (the box is added when the text is confirmed).
    pub new: bool,
}

#[derive(Default)]
pub struct MapsState {
    pub open: bool,
    /// The map shown (the first, when this one is gone).
    pub current: Option<MapId>,
    pub selected: Option<Selected>,
    /// "Link to…": the next node clicked is the link's other end.
    pub linking: bool,
    pub new_link: Option<NewLink>,
    /// The map's new name, while it is being renamed.
    pub renaming: Option<String>,
    pub confirm_delete: bool,
    /// The code list of "Add code", with its filter, while open.
    pub adding_code: Option<String>,
    pub text_edit: Option<TextEdit>,
    /// A field just opened (rename, link label, text box): it takes the
    /// keyboard with its text selected, so typing replaces it.
    pub fresh_field: bool,
    pub view: View,
    /// The project's generation when the selection was made: a link is
    /// selected by its place in the list, which an undo may shift.
    pub seen: u64,
}

impl MapsState {
    /// Forget what belonged to another project.
    pub fn forget(&mut self) {
        let open = self.open;
        *self = MapsState::default();
        self.open = open;
    }

    /// Show `map` with nothing half done.
    fn show(&mut self, map: Option<MapId>) {
        let open = self.open;
        let view = std::mem::take(&mut self.view);
        *self = MapsState::default();
        self.open = open || map.is_some();
        self.current = map;
        self.view = view;
        self.view.fit = true;
    }
}

/// What the Maps menu asks for, applied after the frame.
#[derive(Clone, Debug)]
pub enum MapsAction {
    /// Open the window on this map (or the first); `rename`: with its name
    /// ready to be typed (a new map).
    Show { map: Option<MapId>, rename: bool },
}

pub fn apply(state: &mut UiState, p: &Project, a: MapsAction) {
    match a {
        MapsAction::Show { map, rename } => {
            state.maps.show(map);
            state.maps.open = true;
            if rename {
                state.maps.renaming = map.and_then(|m| p.map(m)).map(|m| m.name.clone());
                state.maps.fresh_field = true;
            }
        }
    }
}

/// A name no map has yet: "Map 3", in the interface's digits.
fn fresh_name(p: &Project, state: &UiState, base: Option<&str>) -> String {
    let s = strings(state.lang);
    let name = |n: usize| match base {
        Some(b) if n == 1 => b.to_string(),
        Some(b) => format!("{b} ({})", state.num(n)),
        None => s.map_n.replace("{n}", &state.num(n)),
    };
    let start = if base.is_some() { 1 } else { p.maps.len() + 1 };
    (start..)
        .map(name)
        .find(|n| p.map_by_name(n).is_none())
        .unwrap_or_default()
}

/// Add `map` at the end of the project's maps and show it.
fn push_new(p: &Project, map: Map, rename: bool, out: &mut Vec<Action>) {
    let id = map.id;
    out.push(Action::Edit(Command::PutMap {
        map: Box::new(map),
        index: p.maps.len(),
    }));
    out.push(Action::Maps(MapsAction::Show {
        map: Some(id),
        rename,
    }));
}

/// The Maps menu: a new map, one from a category, and the saved maps.
pub fn menu_ui(ui: &mut egui::Ui, p: &Project, state: &UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    mirror::menu_ui(ui, rtl, s.menu, |ui| {
        if ui
            .add(mirror::item_button(rtl, s.new_map, String::new()))
            .clicked()
        {
            push_new(p, Map::new(fresh_name(p, state, None)), true, out);
            ui.close();
        }
        if ui
            .add(mirror::item_button(rtl, s.new_model, String::new()))
            .clicked()
        {
            // Conditions, strategies and consequences, to fill with codes.
            let name = fresh_name(p, state, Some(s.model_name));
            let mut map = crate::maps::model_map(&name, crate::export::table_rtl(p));
            map.name = name;
            push_new(p, map, false, out);
            ui.close();
        }
        mirror::submenu_ui(ui, rtl, s.new_from_category, |ui| {
            // The code chosen in the tree first, then the categories.
            let chosen = state
                .selected_codes
                .iter()
                .copied()
                .filter(|id| p.codes.contains_key(id));
            let mut seen = std::collections::BTreeSet::new();
            for id in chosen.chain(p.siblings(None).iter().copied()) {
                let Some(code) = p.codes.get(&id) else {
                    continue;
                };
                if !seen.insert(id) {
                    continue;
                }
                if ui.button(bidi(&code.name)).clicked() {
                    let name = fresh_name(p, state, Some(&code.name));
                    push_new(p, starter_map(p, id, name), false, out);
                    ui.close();
                }
            }
        });
        mirror::submenu_ui(ui, rtl, s.open_map, |ui| {
            if p.maps.is_empty() {
                ui.add_enabled(false, egui::Button::new(bidi(s.no_maps)));
            }
            for m in &p.maps {
                if ui.button(bidi(&m.name)).clicked() {
                    out.push(Action::Maps(MapsAction::Show {
                        map: Some(m.id),
                        rename: false,
                    }));
                    ui.close();
                }
            }
        });
    });
}

/// The starter layout of a category (`crate::maps`, the same as `strata
/// map --category`), named `name`; set from the right when the project
/// reads right to left, as its figure does.
fn starter_map(p: &Project, category: CodeId, name: String) -> Map {
    let mut map = crate::maps::category_map(p, category, crate::export::table_rtl(p));
    map.name = name;
    map
}

/// The map's figure as SVG (`crate::maps::map_svg`, the CLI's), set in
/// the project's reading direction.
fn map_svg(p: &Project, map: &Map, _state: &UiState) -> Option<String> {
    Some(crate::maps::map_svg(p, map, crate::export::table_rtl(p)))
}

/// What a node shows: its words, and whether what it stood for is gone.
pub(crate) fn node_label(p: &Project, node: &Node, s: &MapsStrings) -> (String, bool) {
    match &node.kind {
        NodeKind::Code(id) => match p.codes.get(id) {
            Some(c) => (c.name.clone(), false),
            None => (s.deleted_code.to_string(), true),
        },
        NodeKind::Memo(id) => match p.memos.get(id) {
            Some(m) => (m.title.clone(), false),
            None => (s.deleted_memo.to_string(), true),
        },
        NodeKind::Document(id) => match p.document(*id) {
            Some(d) => (d.name.clone(), false),
            None => (s.deleted_document.to_string(), true),
        },
        NodeKind::Text(t) => (t.clone(), false),
    }
}

/// The map shown: the one chosen, else the first.
fn current<'p>(p: &'p Project, state: &MapsState) -> Option<&'p Map> {
    state
        .current
        .and_then(|id| p.map(id))
        .or_else(|| p.maps.first())
}

/// `map`, changed by `f`, as one undo step.
pub(crate) fn put(p: &Project, map: &Map, out: &mut Vec<Action>, f: impl FnOnce(&mut Map)) {
    let mut m = map.clone();
    f(&mut m);
    if m != *map {
        let index = p
            .maps
            .iter()
            .position(|x| x.id == m.id)
            .unwrap_or(p.maps.len());
        out.push(Action::Edit(Command::PutMap {
            map: Box::new(m),
            index,
        }));
    }
}

pub fn maps_ui(ctx: &egui::Context, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    if !state.maps.open {
        return;
    }
    // After any change (an undo too) a selected link may be another one.
    if state.maps.seen != p.generation() {
        state.maps.seen = p.generation();
        if matches!(state.maps.selected, Some(Selected::Link(_))) {
            state.maps.selected = None;
        }
    }
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let mut open = true;
    super::analysis::tool_window(
        ctx,
        s.window,
        "maps-window",
        rtl,
        [900.0, 720.0],
        [360.0, 280.0],
    )
    .open(&mut open)
    .show(ctx, |ui| {
        ui.set_min_size(ui.available_size());
        mirror::body_ui(ui, rtl, |ui| window_body_ui(ui, p, state, out));
    });
    if !open {
        state.maps.open = false;
    }
}

fn window_body_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let Some(map) = current(p, &state.maps) else {
        row(ui, rtl, |ui| {
            ui.label(bidi(s.no_maps));
            if ui.button(bidi(s.new_map)).clicked() {
                push_new(p, Map::new(fresh_name(p, state, None)), true, out);
            }
        });
        return;
    };
    if state.maps.current != Some(map.id) {
        // The map shown was deleted (or undone): the first one shows.
        state.maps.show(Some(map.id));
    }
    tools::toolbar_ui(ui, p, map, state, out);
    tools::map_rows_ui(ui, p, map, state, out);
    ui.separator();
    canvas::canvas_ui(ui, p, map, state, out);
}
