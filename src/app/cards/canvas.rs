//! The canvas: cards and group frames drawn where they are, panned and
//! zoomed; a card dragged moves (one `PlaceCards` on release), dropped on
//! another card offers "Group", dropped inside another group's frame moves
//! into it; click, Ctrl/Shift+click and a lasso select.

use super::layout::{self, Board};
use super::{Drag, menu, strings};
use crate::app::numbers::Noun;
use crate::app::{Action, UiState, bidi, mirror};
use crate::edit::{Command, Step};
use crate::model::*;
use egui::{Pos2, Rect, Sense, Stroke, StrokeKind, Vec2, pos2, vec2};
use std::collections::BTreeMap;

/// Canvas units ↔ screen points.
#[derive(Clone, Copy)]
struct View {
    origin: Pos2,
    zoom: f32,
}

impl View {
    fn to_screen(self, r: Rect) -> Rect {
        Rect::from_min_max(self.pt(r.min), self.pt(r.max))
    }
    fn pt(self, p: Pos2) -> Pos2 {
        self.origin + p.to_vec2() * self.zoom
    }
    fn to_canvas(self, p: Pos2) -> Pos2 {
        pos2(0.0, 0.0) + (p - self.origin) / self.zoom
    }
}

pub fn canvas_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    state.cards.board(p);
    let Some(board) = state.cards.board.take() else {
        return;
    };
    let bg = ui.interact(
        rect,
        ui.scope_id().with("cards-canvas"),
        Sense::click_and_drag(),
    );
    view_input_ui(ui, rect, &bg, state);
    let view = View {
        origin: rect.min + state.cards.pan,
        zoom: state.cards.zoom,
    };
    // Cards and titles panned past the canvas's edge are neither drawn
    // over the toolbar nor take its clicks: everything below is clipped
    // to the canvas (interaction too), and the clip is given back after.
    let outer_clip = ui.clip_rect();
    ui.set_clip_rect(rect.intersect(outer_clip));
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    // Where each card is now, with a drag in progress applied.
    let moving: BTreeMap<CodeId, Vec2> = state
        .cards
        .drag
        .iter()
        .flat_map(|d| d.cards.iter().map(move |c| (*c, d.by)))
        .collect();
    let at = |id: CodeId| {
        let c = board.centre(p, id);
        let by = moving.get(&id).copied().unwrap_or(Vec2::ZERO);
        Pos::new(c.x + by.x, c.y + by.y)
    };
    let frames = board.frames(p, at);
    band_ui(ui, &painter, view, &board, state);
    let mut hits: Vec<(CodeId, Rect)> = Vec::new();
    for g in &board.groups {
        if let (Some(f), Some(code)) = (frames.get(g), p.codes.get(g)) {
            let r = frame_ui(ui, &painter, view, rect, p, code, *f, state);
            if let Some(r) = r {
                hits.push((*g, r.rect));
                respond(ui, &r, p, code, view, &board, &frames, state, out);
            }
        }
    }
    for id in &board.leaves {
        let Some(code) = p.codes.get(id) else {
            continue;
        };
        let r = view.to_screen(layout::card_rect(at(*id)));
        if !r.intersects(rect) {
            continue;
        }
        let resp = card_ui(
            ui,
            &painter,
            r,
            p,
            code,
            board.ungrouped.contains(id),
            state,
        );
        hits.push((*id, r));
        respond(ui, &resp, p, code, view, &board, &frames, state, out);
    }
    lasso_ui(ui, &painter, &bg, &hits, state);
    offer_ui(ui, p, &hits, state, out);
    rename_ui(ui, &hits, p, state, out);
    ui.set_clip_rect(outer_clip);
    state.cards.board = Some(board);
}

/// Pan (drag on empty space, the middle button, the wheel), zoom
/// (Ctrl+wheel, pinch), and a click on empty space clears the selection.
fn view_input_ui(ui: &egui::Ui, rect: Rect, bg: &egui::Response, state: &mut UiState) {
    let c = &mut state.cards;
    if ui.rect_contains_pointer(rect) {
        let (zoom, scroll, ptr) = ui.input(|i| {
            (
                i.zoom_delta(),
                i.smooth_scroll_delta(),
                i.pointer.hover_pos(),
            )
        });
        if zoom != 1.0
            && let Some(ptr) = ptr
        {
            let new = (c.zoom * zoom).clamp(0.25, 3.0);
            // The point under the pointer stays under it.
            let under = (ptr - rect.min - c.pan) / c.zoom;
            c.pan = ptr - rect.min - under * new;
            c.zoom = new;
        } else {
            c.pan += scroll;
        }
    }
    let lasso_wanted = c.select_mode || ui.input(|i| i.modifiers.shift);
    if bg.drag_started_by(egui::PointerButton::Primary) && lasso_wanted {
        c.lasso = ui.input(|i| i.pointer.press_origin());
    }
    if bg.dragged() && c.lasso.is_none() {
        c.pan += bg.drag_delta();
    }
    if bg.clicked() {
        c.selected.clear();
        c.offer = None;
    }
}

/// The band of level-1 codes not yet in a subcategory, with their count.
fn band_ui(ui: &egui::Ui, painter: &egui::Painter, view: View, board: &Board, state: &UiState) {
    let Some(band) = board.band else { return };
    let s = strings(state.lang);
    let r = view.to_screen(band);
    let warn = ui.visuals().warn_fg_color;
    painter.rect(
        r,
        6.0,
        warn.gamma_multiply(0.08),
        Stroke::new(1.0, warn.gamma_multiply(0.6)),
        StrokeKind::Inside,
    );
    let title = format!("{} ({})", s.not_grouped, state.num(board.ungrouped.len()));
    let head = view
        .to_screen(layout::head_rect(band))
        .shrink2(vec2(8.0, 0.0));
    crate::app::bidi_label::paint_line_ui(ui, head, &title, font(ui, view, 1.0), warn, None);
}

fn font(ui: &egui::Ui, view: View, scale: f32) -> egui::FontId {
    let base = egui::TextStyle::Body.resolve(ui.style()).size;
    egui::FontId::proportional((base * view.zoom * scale).clamp(6.0, 40.0))
}

/// The total count and its noun: "12 codings", «۱۲ کدگذاری».
fn count_text(p: &Project, id: CodeId, state: &UiState) -> String {
    state
        .locale()
        .count(p.index().total_count(id), Noun::Coding)
}

/// What a card says on hover: its name and definition.
fn hover_text(code: &Code, state: &UiState) -> String {
    let def = code.description.definition.trim();
    let def = if def.is_empty() {
        strings(state.lang).no_definition
    } else {
        def
    };
    format!("{}\n\n{def}", code.name)
}

/// A card: its colour on the reading side, its name and its count.
fn card_ui(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    r: Rect,
    p: &Project,
    code: &Code,
    ungrouped: bool,
    state: &UiState,
) -> egui::Response {
    let id = code.id;
    let selected = state.cards.selected.contains(&id);
    let resp = ui.interact(r, ui.scope_id().with(("card", id)), Sense::click_and_drag());
    let v = ui.visuals();
    let fill = if resp.hovered() {
        v.widgets.hovered.bg_fill
    } else {
        v.widgets.inactive.bg_fill
    };
    let z = state.cards.zoom;
    let color = crate::app::contrast::code_on(p, id, fill);
    let stroke = if selected {
        Stroke::new(2.5, v.selection.stroke.color)
    } else if ungrouped {
        Stroke::new(1.0, v.warn_fg_color)
    } else {
        v.widgets.inactive.bg_stroke
    };
    painter.rect(r, 6.0 * z, fill, stroke, StrokeKind::Inside);
    let rtl = state.lang.rtl();
    let bar_w = 6.0 * z;
    let bar = if rtl {
        Rect::from_min_max(pos2(r.right() - bar_w, r.top()), r.max)
    } else {
        Rect::from_min_max(r.min, pos2(r.left() + bar_w, r.bottom()))
    };
    painter.rect_filled(bar.shrink(1.0), 3.0 * z, color);
    if z >= 0.4 {
        let inner = r.shrink2(vec2(bar_w + 6.0 * z, 4.0 * z));
        let (top, bottom) = inner.split_top_bottom_at_fraction(0.55);
        let text = v.text_color();
        let weak = v.weak_text_color();
        let shown = super::super::bidi_label::paint_line_ui;
        shown(
            ui,
            top,
            &code.name,
            font(
                ui,
                View {
                    origin: Pos2::ZERO,
                    zoom: z,
                },
                1.0,
            ),
            text,
            None,
        );
        let count = count_text(p, id, state);
        let small = font(
            ui,
            View {
                origin: Pos2::ZERO,
                zoom: z,
            },
            0.8,
        );
        shown(ui, bottom, &count, small, weak, Some(rtl));
    }
    let label = code.name.clone();
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    resp.on_hover_text(bidi(&hover_text(code, state)))
}

/// A group's frame around its codes' cards; its title bar is the group's
/// own card (clicked, dragged, grouped like one). None when off screen.
#[allow(clippy::too_many_arguments)]
fn frame_ui(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    view: View,
    clip: Rect,
    p: &Project,
    code: &Code,
    frame: Rect,
    state: &UiState,
) -> Option<egui::Response> {
    let r = view.to_screen(frame);
    if !r.intersects(clip) {
        return None;
    }
    let id = code.id;
    let selected = state.cards.selected.contains(&id);
    let v = ui.visuals();
    let color = crate::app::contrast::code_on(p, id, v.extreme_bg_color);
    let z = state.cards.zoom;
    let stroke = if selected {
        Stroke::new(2.5, v.selection.stroke.color)
    } else {
        Stroke::new(1.5, color)
    };
    painter.rect(
        r,
        8.0 * z,
        color.gamma_multiply(0.06),
        stroke,
        StrokeKind::Inside,
    );
    let head = view.to_screen(layout::head_rect(frame));
    let resp = ui.interact(
        head,
        ui.scope_id().with(("frame", id)),
        Sense::click_and_drag(),
    );
    let fill = color.gamma_multiply(if resp.hovered() { 0.35 } else { 0.22 });
    painter.rect_filled(head.shrink(1.0), 8.0 * z, fill);
    if z >= 0.4 {
        // Each part isolated: "8 codings" after a Persian name keeps its
        // own order (it read "codings 8").
        let iso = crate::app::shaping::iso;
        let title = format!(
            "{} · {} · {}",
            iso(&code.name),
            iso(&p.level_name(p.level_of(id))),
            iso(&count_text(p, id, state))
        );
        let text = v.strong_text_color();
        let f = font(ui, view, 0.9);
        crate::app::bidi_label::paint_line_ui(
            ui,
            head.shrink2(vec2(8.0, 0.0)),
            &title,
            f,
            text,
            None,
        );
    }
    let label = code.name.clone();
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    Some(resp.on_hover_text(bidi(&hover_text(code, state))))
}

/// What a card's (or title bar's) response asks for: select, rename, the
/// context menu, and a drag that moves, offers Group or moves into a group.
#[allow(clippy::too_many_arguments)]
fn respond(
    ui: &egui::Ui,
    r: &egui::Response,
    p: &Project,
    code: &Code,
    view: View,
    board: &Board,
    frames: &BTreeMap<CodeId, Rect>,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let id = code.id;
    let add = ui.input(|i| i.modifiers.command || i.modifiers.shift);
    let c = &mut state.cards;
    if r.clicked() {
        if add {
            if !c.selected.remove(&id) {
                c.selected.insert(id);
            }
        } else {
            c.selected = [id].into();
        }
        c.offer = None;
        // The list beside the canvas follows the card clicked.
        if c.segments.is_some() {
            c.segments = Some(id);
        }
    }
    if r.double_clicked() {
        // On a card's count line: its segments; elsewhere: rename it.
        let on_count = code.children.is_empty()
            && r.interact_pointer_pos()
                .is_some_and(|q| q.y > r.rect.top() + r.rect.height() * 0.55);
        if on_count {
            c.segments = Some(id);
        } else {
            c.renaming = Some((id, code.name.clone()));
        }
    }
    if r.drag_started_by(egui::PointerButton::Primary) {
        if !c.selected.contains(&id) {
            if !add {
                c.selected.clear();
            }
            c.selected.insert(id);
        }
        c.offer = None;
        // The cards under what is selected (a title bar takes its group's).
        let cards: Vec<CodeId> = board
            .leaves
            .iter()
            .copied()
            .filter(|l| p.code_path(*l).iter().any(|a| c.selected.contains(a)))
            .collect();
        c.drag = Some(Drag {
            cards,
            by: Vec2::ZERO,
        });
    }
    if r.dragged()
        && let Some(d) = c.drag.as_mut()
    {
        d.by += r.drag_delta() / view.zoom;
    }
    if r.drag_stopped()
        && let Some(d) = c.drag.take()
    {
        let ptr = ui.ctx().pointer_latest_pos().map(|q| view.to_canvas(q));
        drop_ui(p, id, d, ptr, board, frames, state, out);
    }
    let rtl = state.lang.rtl();
    mirror::context_menu_ui(r, rtl, |ui| menu::card_menu_ui(ui, p, code, state, out));
}

/// A drag released at `ptr` (canvas units): onto another card, select both
/// and offer Group; inside another group's frame (one code dragged), move
/// into it there; else the cards stay where they were put.
#[allow(clippy::too_many_arguments)]
fn drop_ui(
    p: &Project,
    grabbed: CodeId,
    d: Drag,
    ptr: Option<Pos2>,
    board: &Board,
    frames: &BTreeMap<CodeId, Rect>,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    if d.by == Vec2::ZERO || d.cards.is_empty() {
        return;
    }
    let dragged = &state.cards.selected;
    // Neither what is dragged nor a group around it is a target.
    let ok = |t: CodeId| {
        !dragged
            .iter()
            .any(|s| p.subtree(*s).contains(&t) || p.subtree(t).contains(s))
    };
    if let Some(ptr) = ptr {
        let on_card = board
            .leaves
            .iter()
            .copied()
            .filter(|l| ok(*l))
            .find(|l| layout::card_rect(board.centre(p, *l)).contains(ptr))
            .or_else(|| {
                frames
                    .iter()
                    .filter(|(g, _)| ok(**g))
                    .find(|(_, f)| layout::head_rect(**f).contains(ptr))
                    .map(|(g, _)| *g)
            });
        if let Some(t) = on_card {
            state.cards.selected.insert(t);
            state.cards.offer = Some(t);
            return;
        }
    }
    let place = Command::PlaceCards {
        cards: d
            .cards
            .iter()
            .map(|c| {
                let at = board.centre(p, *c);
                (*c, Some(Pos::new(at.x + d.by.x, at.y + d.by.y)))
            })
            .collect(),
    };
    // The innermost other frame it was dropped in (the smallest).
    let into = ptr.and_then(|ptr| {
        frames
            .iter()
            .filter(|(g, f)| f.contains(ptr) && ok(**g) && p.parent_of(grabbed) != Some(**g))
            .min_by(|a, b| a.1.area().total_cmp(&b.1.area()))
            .map(|(g, _)| *g)
    });
    match into.and_then(|g| p.codes.get(&g)) {
        Some(g) if state.cards.selected.len() == 1 => {
            let mv = Command::MoveCode {
                id: grabbed,
                parent: Some(g.id),
                index: g.children.len(),
            };
            out.push(Action::Edit(Command::Batch {
                label: Step::MoveCode,
                commands: vec![mv, place],
            }));
        }
        _ => out.push(Action::Edit(place)),
    }
}

/// A rectangle dragged on empty space selects the cards it touches.
fn lasso_ui(
    ui: &egui::Ui,
    painter: &egui::Painter,
    bg: &egui::Response,
    hits: &[(CodeId, Rect)],
    state: &mut UiState,
) {
    let Some(start) = state.cards.lasso else {
        return;
    };
    let end = ui.ctx().pointer_latest_pos().unwrap_or(start);
    let r = Rect::from_two_pos(start, end);
    let sel = ui.visuals().selection;
    painter.rect(
        r,
        0.0,
        sel.bg_fill.gamma_multiply(0.25),
        sel.stroke,
        StrokeKind::Inside,
    );
    if bg.drag_stopped() || !ui.input(|i| i.pointer.any_down()) {
        let keep = ui.input(|i| i.modifiers.command);
        if !keep {
            state.cards.selected.clear();
        }
        state.cards.selected.extend(
            hits.iter()
                .filter(|(_, h)| h.intersects(r))
                .map(|(c, _)| *c),
        );
        state.cards.lasso = None;
    }
}

/// After a card was dropped on another: "Group" beside the target.
fn offer_ui(
    ui: &mut egui::Ui,
    p: &Project,
    hits: &[(CodeId, Rect)],
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let Some(t) = state.cards.offer else { return };
    let Some((_, r)) = hits.iter().find(|(c, _)| *c == t) else {
        return;
    };
    let sel = menu::selection(p, state, None);
    if sel.len() < 2 {
        state.cards.offer = None;
        return;
    }
    let label = menu::group_label(p, state, &sel);
    let at = Rect::from_min_size(
        r.left_bottom() + vec2(0.0, 4.0),
        vec2(r.width().max(160.0), 24.0),
    );
    let b = ui.put(
        at,
        egui::Button::new(bidi(&label)).fill(ui.visuals().selection.bg_fill),
    );
    if b.clicked() {
        menu::group(p, state, &sel, out);
    }
}

/// The name of the card being renamed, edited in place.
fn rename_ui(
    ui: &mut egui::Ui,
    hits: &[(CodeId, Rect)],
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let Some((id, text)) = state.cards.renaming.as_mut() else {
        return;
    };
    let id = *id;
    // A group just made has no frame until its command is applied.
    let Some((_, r)) = hits.iter().find(|(c, _)| *c == id) else {
        if !p.codes.contains_key(&id) {
            return;
        }
        state.cards.renaming = None;
        return;
    };
    let at = Rect::from_min_size(r.min, vec2(r.width().max(200.0), 26.0));
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(at).layout(*ui.layout()));
    let outcome =
        crate::app::bidi_edit::rename_ui(&mut child, text, ("card-rename", id), "Code name");
    if outcome == crate::app::bidi_edit::Rename::Commit {
        let name = text.trim().to_string();
        let same = p.codes.get(&id).is_some_and(|c| c.name == name);
        if !name.is_empty() && !same {
            out.push(Action::Edit(Command::RenameCode { id, name }));
        }
    }
    if outcome != crate::app::bidi_edit::Rename::Editing {
        state.cards.renaming = None;
    }
}
