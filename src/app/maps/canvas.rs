//! The map's canvas: nodes as rounded boxes in their code's colour, links
//! as labelled arrows. Drag a node to move it (one `PutMap` on release),
//! drag the background or with the middle button to pan, Ctrl+wheel to
//! zoom. The canvas is not mirrored in Persian: it is a drawing, laid out
//! as the user placed it.

use super::super::bidi_edit::{Rename, rename_ui};
use super::super::i18n::maps::{MapsStrings, strings};
use super::super::{Action, UiState, bidi, contrast};
use super::{NewLink, Selected, TextEdit, node_label, put};
use crate::model::*;
use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

/// Where the canvas looks: screen = centre of the canvas + pan + pos × zoom.
#[derive(Clone, Debug)]
pub struct View {
    pub pan: Vec2,
    pub zoom: f32,
    /// Fit the map in view at the next frame.
    pub fit: bool,
    /// The canvas as last drawn.
    rect: Rect,
    /// The node being dragged, and how far (canvas units).
    drag: Option<(NodeId, Vec2)>,
}

impl Default for View {
    fn default() -> Self {
        View {
            pan: Vec2::ZERO,
            zoom: 1.0,
            fit: true,
            rect: Rect::from_min_size(Pos2::ZERO, vec2(600.0, 400.0)),
            drag: None,
        }
    }
}

impl View {
    fn to_screen(&self, p: Pos) -> Pos2 {
        self.rect.center() + self.pan + vec2(p.x, p.y) * self.zoom
    }

    fn to_canvas(&self, s: Pos2) -> Pos {
        let v = (s - self.rect.center() - self.pan) / self.zoom;
        Pos::new(v.x, v.y)
    }

    /// A free spot near the middle of the view for a new node.
    pub fn free_spot(&self, map: &Map) -> Pos {
        let mut at = self.to_canvas(self.rect.center());
        let taken = |at: Pos| {
            map.nodes
                .iter()
                .any(|n| (n.pos.x - at.x).abs() < 120.0 && (n.pos.y - at.y).abs() < 40.0)
        };
        for _ in 0..100 {
            if !taken(at) {
                break;
            }
            at.y += 56.0;
        }
        at
    }

    fn fit_to(&mut self, map: &Map) {
        self.fit = false;
        let Some(first) = map.nodes.first() else {
            self.pan = Vec2::ZERO;
            self.zoom = 1.0;
            return;
        };
        let mut b = Rect::from_center_size(pos2(first.pos.x, first.pos.y), Vec2::ZERO);
        for n in &map.nodes {
            b.extend_with(pos2(n.pos.x, n.pos.y));
        }
        // Room for the boxes around their centres.
        let b = b.expand2(vec2(110.0, 40.0));
        let zoom = (self.rect.width() / b.width())
            .min(self.rect.height() / b.height())
            .clamp(0.25, 1.5);
        self.zoom = zoom;
        self.pan = -b.center().to_vec2() * zoom;
    }
}

/// A node as drawn this frame.
struct Drawn {
    id: NodeId,
    rect: Rect,
}

const FONT: f32 = 14.0;

pub fn canvas_ui(
    ui: &mut egui::Ui,
    p: &Project,
    map: &Map,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = strings(state.lang);
    let size = ui.available_size().max(vec2(200.0, 150.0));
    let (rect, bg) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let canvas_name = s.canvas.to_string();
    bg.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, &canvas_name));
    let view = &mut state.maps.view;
    view.rect = rect;
    if view.fit {
        view.fit_to(map);
    }
    // Pan: the background dragged, or the middle button anywhere.
    if bg.dragged_by(egui::PointerButton::Primary) || bg.dragged_by(egui::PointerButton::Middle) {
        view.pan += bg.drag_delta();
    }
    // Zoom about the pointer (egui turns Ctrl+wheel into a zoom).
    if let Some(at) = ui.ctx().pointer_hover_pos().filter(|at| rect.contains(*at)) {
        let z = ui.input(|i| i.zoom_delta());
        if z != 1.0 {
            let before = view.to_canvas(at);
            view.zoom = (view.zoom * z).clamp(0.2, 4.0);
            let after = view.to_screen(before);
            view.pan += at - after;
        }
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    if map.nodes.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            bidi(s.empty_map),
            FontId::proportional(FONT),
            ui.visuals().weak_text_color(),
        );
    }
    let zoom = state.maps.view.zoom;
    let font = FontId::proportional((FONT * zoom).max(4.0));
    let small = FontId::proportional((FONT * 0.8 * zoom).max(4.0));
    let bg_color = ui.visuals().extreme_bg_color;
    let text_color = ui.visuals().text_color();
    let counts = map.counts.then(|| p.index().total_counts());
    // Boxes first: the links join their edges.
    let mut drawn = Vec::with_capacity(map.nodes.len());
    let mut shapes = Vec::with_capacity(map.nodes.len());
    for node in &map.nodes {
        let (label, missing) = node_label(p, node, s);
        let fill = match &node.kind {
            _ if missing => ui.visuals().widgets.inactive.bg_fill,
            NodeKind::Code(id) => super::super::code_color(p, *id),
            NodeKind::Memo(_) => Color32::from_rgb(0xfa, 0xf0, 0xc8),
            NodeKind::Document(_) => Color32::from_rgb(0xdc, 0xe8, 0xf5),
            NodeKind::Text(_) => bg_color,
        };
        let ink = if missing {
            ui.visuals().weak_text_color()
        } else if matches!(node.kind, NodeKind::Text(_)) {
            text_color
        } else if contrast::luminance(fill) > 0.35 {
            Color32::BLACK
        } else {
            Color32::WHITE
        };
        let shown = if label.trim().is_empty() {
            "…".to_string()
        } else {
            bidi(&label)
        };
        // Up to three lines, broken as the figure breaks them (in logical
        // order, each line then put in display order on its own), so a
        // long Persian name neither runs over its neighbours nor reads
        // out of order.
        let name: Vec<std::sync::Arc<egui::Galley>> = if label.trim().is_empty() {
            vec![painter.layout_no_wrap(shown.clone(), font.clone(), ink)]
        } else {
            crate::maps::wrap(&label)
                .iter()
                .map(|l| painter.layout_no_wrap(bidi(l.trim_end()), font.clone(), ink))
                .collect()
        };
        let name_size = vec2(
            name.iter().map(|g| g.size().x).fold(0.0, f32::max),
            name.iter().map(|g| g.size().y).sum(),
        );
        let count = match (&node.kind, counts) {
            (NodeKind::Code(id), Some(c)) if !missing => {
                let n = c.get(id).copied().unwrap_or(0);
                Some(painter.layout_no_wrap(bidi(&state.num(n)), small.clone(), ink))
            }
            _ => None,
        };
        let pad = vec2(10.0, 6.0) * zoom;
        let inner = vec2(
            name_size.x.max(count.as_ref().map_or(0.0, |c| c.size().x)),
            name_size.y + count.as_ref().map_or(0.0, |c| c.size().y),
        );
        let mut at = node.pos;
        if let Some((id, d)) = state.maps.view.drag
            && id == node.id
        {
            at = Pos::new(at.x + d.x, at.y + d.y);
        }
        let centre = state.maps.view.to_screen(at);
        let r = Rect::from_center_size(centre, inner + pad * 2.0);
        drawn.push(Drawn {
            id: node.id,
            rect: r,
        });
        shapes.push((r, fill, ink, (name, name_size), count, missing, shown));
    }
    let rect_of = |id: NodeId| drawn.iter().find(|d| d.id == id).map(|d| d.rect);
    let sel_color = ui.visuals().selection.stroke.color;
    for (i, link) in map.links.iter().enumerate() {
        let (Some(a), Some(b)) = (rect_of(link.from), rect_of(link.to)) else {
            continue;
        };
        let selected = state.maps.selected == Some(Selected::Link(i));
        let color = if selected { sel_color } else { text_color };
        let (from, to) = (edge_point(a, b.center()), edge_point(b, a.center()));
        let stroke = Stroke::new(if selected { 2.5 } else { 1.5 }, color);
        painter.line_segment([from, to], stroke);
        arrow_head(&painter, from, to, 9.0 * zoom.max(0.5), color);
        let mid = from + (to - from) * 0.5;
        let g = painter.layout_no_wrap(bidi(&link.label), small.clone(), color);
        let lr = Rect::from_center_size(mid, g.size() + vec2(6.0, 2.0)).expand(2.0);
        if !link.label.is_empty() {
            painter.rect_filled(lr, 3.0, bg_color);
            painter.galley(lr.center() - g.size() / 2.0, g, color);
        }
        let resp = ui.interact(lr, ui.scope_id().with(("map-link", i)), Sense::click());
        let name = link_name(p, map, link, s);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &name));
        if resp.clicked() {
            state.maps.selected = Some(Selected::Link(i));
            state.maps.linking = false;
            resp.request_focus();
        }
    }
    let mut focused = bg.has_focus();
    for (node, (r, fill, ink, name, count, missing, shown)) in map.nodes.iter().zip(shapes) {
        let selected = state.maps.selected == Some(Selected::Node(node.id));
        let stroke = if selected {
            Stroke::new(2.5, sel_color)
        } else if missing || matches!(node.kind, NodeKind::Text(_)) {
            Stroke::new(1.0, ui.visuals().weak_text_color())
        } else {
            Stroke::new(1.0, ink.gamma_multiply(0.4))
        };
        painter.rect(r, 6.0 * zoom, fill, stroke, egui::StrokeKind::Inside);
        let (lines, name_size) = name;
        let pad_y = (r.height() - name_size.y - count.as_ref().map_or(0.0, |c| c.size().y)) / 2.0;
        let mut y = r.top() + pad_y;
        for g in lines {
            let h = g.size().y;
            painter.galley(pos2(r.center().x - g.size().x / 2.0, y), g, ink);
            y += h;
        }
        if let Some(c) = count {
            let at = pos2(r.center().x - c.size().x / 2.0, y);
            painter.galley(at, c, ink);
        }
        let resp = ui.interact(
            r,
            ui.scope_id().with(("map-node", node.id)),
            Sense::click_and_drag(),
        );
        resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &shown));
        focused |= resp.has_focus();
        node_input(ui, &resp, node, map, p, state, out);
    }
    if bg.clicked() {
        state.maps.selected = None;
        state.maps.linking = false;
    }
    text_edit_ui(ui, p, map, state, s, out);
    // Keys for the canvas while it (or a node on it) has the keyboard.
    if focused && state.maps.text_edit.is_none() {
        if ui.input(|i| i.key_pressed(egui::Key::Delete) || i.key_pressed(egui::Key::Backspace)) {
            delete_selected(p, map, state, out);
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            state.maps.linking = false;
            state.maps.selected = None;
        }
    }
}

/// A click, a double click or a drag on a node.
fn node_input(
    ui: &egui::Ui,
    resp: &egui::Response,
    node: &Node,
    map: &Map,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let st = &mut state.maps;
    if resp.dragged_by(egui::PointerButton::Middle) {
        st.view.pan += resp.drag_delta();
        return;
    }
    if resp.drag_started_by(egui::PointerButton::Primary) {
        st.view.drag = Some((node.id, Vec2::ZERO));
    }
    if resp.dragged_by(egui::PointerButton::Primary)
        && let Some((id, d)) = &mut st.view.drag
        && *id == node.id
    {
        *d += resp.drag_delta() / st.view.zoom;
    }
    if resp.drag_stopped()
        && let Some((id, d)) = st.view.drag.take()
        && id == node.id
        && d != Vec2::ZERO
    {
        // One step for the whole move.
        put(p, map, out, |m| {
            for n in m.nodes.iter_mut().filter(|n| n.id == id) {
                n.pos = Pos::new(n.pos.x + d.x, n.pos.y + d.y);
            }
        });
    }
    if resp.clicked() {
        resp.request_focus();
        let shift = ui.input(|i| i.modifiers.shift);
        match st.selected {
            Some(Selected::Node(from)) if (shift || st.linking) && from != node.id => {
                st.new_link = Some(NewLink {
                    from,
                    to: node.id,
                    label: String::new(),
                });
                st.linking = false;
                st.fresh_field = true;
            }
            _ => {
                st.selected = Some(Selected::Node(node.id));
                st.linking = false;
            }
        }
    }
    if resp.double_clicked()
        && let NodeKind::Text(t) = &node.kind
    {
        st.text_edit = Some(TextEdit {
            node: node.id,
            pos: node.pos,
            text: t.clone(),
            new: false,
        });
    }
}

/// A text box written in place, over where it stands on the canvas.
fn text_edit_ui(
    ui: &mut egui::Ui,
    p: &Project,
    map: &Map,
    state: &mut UiState,
    s: &MapsStrings,
    out: &mut Vec<Action>,
) {
    let Some(edit) = &mut state.maps.text_edit else {
        return;
    };
    let centre = state.maps.view.to_screen(edit.pos);
    let r = Rect::from_center_size(centre, vec2(220.0, ui.spacing().interact_size.y + 8.0));
    let id_salt = ("map-text", edit.node);
    let fresh = &mut state.maps.fresh_field;
    let done = ui
        .scope_builder(egui::UiBuilder::new().max_rect(r), |ui| {
            super::tools::fresh_field(ui, id_salt, &edit.text, fresh);
            // The app's own field, which takes the keyboard when shown.
            rename_ui(ui, &mut edit.text, id_salt, s.text_box)
        })
        .inner;
    if done != Rename::Editing {
        let Some(edit) = state.maps.text_edit.take() else {
            return;
        };
        if done == Rename::Cancel || edit.text.trim().is_empty() && edit.new {
            return;
        }
        put(p, map, out, |m| {
            if edit.new {
                m.nodes.push(Node {
                    id: edit.node,
                    kind: NodeKind::Text(edit.text.clone()),
                    pos: edit.pos,
                });
            } else {
                for n in m.nodes.iter_mut().filter(|n| n.id == edit.node) {
                    n.kind = NodeKind::Text(edit.text.clone());
                }
            }
        });
        if edit.new {
            state.maps.selected = Some(Selected::Node(edit.node));
        }
    }
}

/// Remove the selected node (with its links) or link, as one step.
pub fn delete_selected(p: &Project, map: &Map, state: &mut UiState, out: &mut Vec<Action>) {
    match state.maps.selected.take() {
        Some(Selected::Node(id)) => put(p, map, out, |m| {
            m.nodes.retain(|n| n.id != id);
            m.links.retain(|l| l.from != id && l.to != id);
        }),
        Some(Selected::Link(i)) => put(p, map, out, |m| {
            if i < m.links.len() {
                m.links.remove(i);
            }
        }),
        None => {}
    }
}

/// A link's accessible name: its ends and its label.
fn link_name(p: &Project, map: &Map, link: &Link, s: &MapsStrings) -> String {
    let end = |id: NodeId| {
        map.node(id)
            .map_or_else(String::new, |n| node_label(p, n, s).0)
    };
    bidi(
        &s.link_name
            .replace("{from}", &end(link.from))
            .replace("{to}", &end(link.to))
            .replace("{label}", &link.label),
    )
}

/// Where the line from `r`'s centre towards `to` leaves `r`.
fn edge_point(r: Rect, to: Pos2) -> Pos2 {
    let c = r.center();
    let d = to - c;
    if d.length() < 0.5 {
        return c;
    }
    let tx = if d.x.abs() > 1e-3 {
        r.width() / 2.0 / d.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if d.y.abs() > 1e-3 {
        r.height() / 2.0 / d.y.abs()
    } else {
        f32::INFINITY
    };
    c + d * tx.min(ty).min(1.0)
}

fn arrow_head(painter: &egui::Painter, from: Pos2, to: Pos2, size: f32, color: Color32) {
    let d = to - from;
    if d.length() < 1.0 {
        return;
    }
    let d = d.normalized();
    let n = vec2(-d.y, d.x);
    let back = to - d * size;
    painter.add(egui::Shape::convex_polygon(
        vec![to, back + n * size * 0.5, back - n * size * 0.5],
        color,
        Stroke::NONE,
    ));
}
