//! The creative-coding canvas: the codes of the project, or of one
//! category or subcategory, as cards to lay out, pile together and name.
//! Every gesture is one of the tree's own commands (one undo step), so the
//! tree and the canvas show the same state at once; where a card was put
//! is saved in the project (`p.cards`).

mod canvas;
mod layout;
mod menu;

use super::i18n::cards::strings;
use super::{Action, UiState, bidi, mirror, row};
use crate::model::*;
use std::collections::BTreeSet;

pub use menu::creative_menu_item_ui;

/// A move in progress: the cards dragged and how far, in canvas units.
struct Drag {
    cards: Vec<CodeId>,
    by: egui::Vec2,
}

pub struct CardsState {
    pub open: bool,
    /// The group whose codes are shown (None: the whole project).
    pub scope: Option<CodeId>,
    /// The canvas's origin on screen, from the canvas's top-left corner.
    pan: egui::Vec2,
    zoom: f32,
    pub selected: BTreeSet<CodeId>,
    /// Dragging on empty space draws a lasso (as Shift+drag does).
    pub select_mode: bool,
    drag: Option<Drag>,
    /// Where a lasso began, on screen.
    lasso: Option<egui::Pos2>,
    renaming: Option<(CodeId, String)>,
    /// A card dropped onto this one: "Group" is offered beside it.
    offer: Option<CodeId>,
    /// The code whose segments are listed beside the canvas.
    pub segments: Option<CodeId>,
    board: Option<layout::Board>,
}

impl Default for CardsState {
    fn default() -> Self {
        CardsState {
            open: false,
            scope: None,
            pan: egui::vec2(24.0, 24.0),
            zoom: 1.0,
            selected: BTreeSet::new(),
            select_mode: false,
            drag: None,
            lasso: None,
            renaming: None,
            offer: None,
            segments: None,
            board: None,
        }
    }
}

impl CardsState {
    /// A project was loaded: nothing of the one before is kept.
    pub fn forget(&mut self) {
        *self = CardsState {
            open: self.open,
            ..Default::default()
        };
    }

    /// The board for this generation and scope, built when either changed.
    fn board(&mut self, p: &Project) -> &layout::Board {
        let stale = self
            .board
            .as_ref()
            .is_none_or(|b| b.generation != p.generation() || b.scope != self.scope);
        if stale {
            self.board = None;
        }
        self.board
            .get_or_insert_with(|| layout::Board::build(p, self.scope))
    }
}

pub fn cards_ui(ctx: &egui::Context, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    if !state.cards.open {
        return;
    }
    // A scope or selection whose codes were deleted (or undone) goes.
    if state.cards.scope.is_some_and(|g| !p.codes.contains_key(&g)) {
        state.cards.scope = None;
    }
    state.cards.selected.retain(|c| p.codes.contains_key(c));
    if state
        .cards
        .segments
        .is_some_and(|c| !p.codes.contains_key(&c))
    {
        state.cards.segments = None;
    }
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let screen = ctx.content_rect();
    let size = [
        (screen.width() - 80.0).clamp(360.0, 1200.0),
        (screen.height() - 110.0).clamp(260.0, 820.0),
    ];
    let mut open = true;
    egui::Window::new(bidi(s.window))
        .id(egui::Id::unique("cards-window"))
        .default_pos([screen.center().x - size[0] / 2.0, screen.top() + 40.0])
        .default_size(size)
        .constrain_to(egui::Rect::from_min_max(
            egui::pos2(screen.left(), screen.top() + 28.0),
            screen.max,
        ))
        .open(&mut open)
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.set_min_size(ui.available_size());
            mirror::body_ui(ui, rtl, |ui| {
                toolbar_ui(ui, p, state, out);
                ui.label(egui::RichText::new(bidi(s.hint)).small().weak());
                ui.separator();
                let all = ui.available_rect_before_wrap();
                let side_w = if state.cards.segments.is_some() {
                    (all.width() * 0.35).clamp(200.0, 360.0)
                } else {
                    0.0
                };
                // The list sits at the reading end: right in Persian.
                let (canvas, side) = if rtl {
                    let (a, b) = split_at(all, all.left() + side_w);
                    (b, a)
                } else {
                    split_at(all, all.right() - side_w)
                };
                canvas::canvas_ui(ui, canvas, p, state, out);
                if side_w > 0.0 {
                    let mut side_ui = ui.new_child(
                        egui::UiBuilder::new()
                            .max_rect(side.shrink(4.0))
                            .layout(ui.layout().to_owned()),
                    );
                    segments_ui(&mut side_ui, p, state, out);
                }
                ui.allocate_rect(all, egui::Sense::hover());
            });
        });
    if !open {
        state.cards.open = false;
    }
}

fn split_at(r: egui::Rect, x: f32) -> (egui::Rect, egui::Rect) {
    (
        egui::Rect::from_min_max(r.min, egui::pos2(x, r.max.y)),
        egui::Rect::from_min_max(egui::pos2(x, r.min.y), r.max),
    )
}

/// The scope, the modes, Group and the view's reset.
fn toolbar_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    row(ui, rtl, |ui| {
        ui.label(bidi(s.show));
        let shown = state
            .cards
            .scope
            .and_then(|g| p.codes.get(&g))
            .map_or(s.whole_project.to_string(), |c| c.name.clone());
        let mut chosen = None;
        mirror::combo_ui(ui, rtl, s.show, &shown, false, |ui| {
            if ui
                .selectable_label(state.cards.scope.is_none(), bidi(s.whole_project))
                .clicked()
            {
                chosen = Some(None);
            }
            for (id, depth) in p.walk() {
                let Some(c) = p.codes.get(&id).filter(|c| !c.children.is_empty()) else {
                    continue;
                };
                let label = format!("{}{}", "  ".repeat(depth), c.name);
                if ui
                    .selectable_label(state.cards.scope == Some(id), bidi(&label))
                    .clicked()
                {
                    chosen = Some(Some(id));
                }
            }
        });
        if let Some(scope) = chosen {
            state.cards.scope = scope;
            state.cards.selected.clear();
            state.cards.offer = None;
        }
        ui.toggle_value(&mut state.cards.select_mode, bidi(s.select_mode));
        let sel = menu::selection(p, state, None);
        if !sel.is_empty() {
            let label = menu::group_label(p, state, &sel);
            if ui.button(bidi(&label)).clicked() {
                menu::group(p, state, &sel, out);
            }
            let n = s.selected.replace("{n}", &state.num(sel.len()));
            ui.label(bidi(&n));
        }
        if let [one] = sel[..]
            && ui.button(bidi(s.segments)).clicked()
        {
            state.cards.segments = Some(one);
        }
        if ui.button(bidi(s.reset_view)).clicked() {
            state.cards.pan = CardsState::default().pan;
            state.cards.zoom = 1.0;
        }
    });
}

/// The segments of the code chosen on the canvas; a click opens one.
fn segments_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let Some(id) = state.cards.segments else {
        return;
    };
    let name = p.codes.get(&id).map_or("", |c| c.name.as_str());
    row(ui, rtl, |ui| {
        ui.strong(bidi(&format!("{} — {name}", s.segments)));
        if ui.small_button(bidi(s.close)).clicked() {
            state.cards.segments = None;
        }
    });
    // The code's own codings and those of the codes inside it.
    let ix = p.index();
    let mut codings: Vec<CodingId> = p
        .subtree(id)
        .iter()
        .flat_map(|c| ix.codings_of_code(*c).iter().copied())
        .collect();
    codings.sort_by_key(|c| {
        p.codings
            .get(c)
            .map(|k| (ix.document_position(k.document), k.range.start))
    });
    if codings.is_empty() {
        ui.label(bidi(s.no_segments));
        return;
    }
    super::analysis::segments_ui(ui, p, state.locale(), "cards-segments", &codings, out);
}
