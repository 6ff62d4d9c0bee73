//! A heat-map table: code rows (folding by category and subcategory) by
//! columns, each cell shaded by its count. Only the rows and columns on
//! screen are drawn, so a 200-code by 200-document matrix scrolls freely;
//! the header row and the code column stay in view. In the Persian
//! interface the table reads from the right.

use crate::app::bidi_label::{paint_line_at_start_ui, paint_line_ui};
use crate::model::CodeId;
use egui::{Color32, Rect, Sense, pos2, vec2};
use std::collections::BTreeSet;

/// One row: a code of the tree.
#[derive(Clone, Debug)]
pub struct HeatRow {
    pub code: CodeId,
    pub depth: usize,
    pub name: String,
    pub has_children: bool,
}

/// What was clicked.
pub enum HeatClick {
    Cell(usize, usize),
    Fold(CodeId),
}

const LABEL_W: f32 = 260.0;
const HEAD_H: f32 = 30.0;

/// The rows shown: those with no folded row above them.
pub fn visible(rows: &[HeatRow], folded: &BTreeSet<CodeId>) -> Vec<usize> {
    let mut out = Vec::with_capacity(rows.len());
    let mut hidden_below: Option<usize> = None;
    for (i, r) in rows.iter().enumerate() {
        if let Some(d) = hidden_below {
            if r.depth > d {
                continue;
            }
            hidden_below = None;
        }
        out.push(i);
        if r.has_children && folded.contains(&r.code) {
            hidden_below = Some(r.depth);
        }
    }
    out
}

/// Draw the table. `count(row, col)` is None for a cell left blank; `max`
/// is the count shaded darkest;
/// `title(row, col, n)` names a cell for screen readers and tests.
#[allow(clippy::too_many_arguments)]
pub fn heat_ui(
    ui: &mut egui::Ui,
    id: &str,
    rtl: bool,
    columns: &[String],
    rows: &[HeatRow],
    shown: &[usize],
    folded: &BTreeSet<CodeId>,
    count: &dyn Fn(usize, usize) -> Option<usize>,
    title: &dyn Fn(usize, usize, usize) -> String,
    show_num: &dyn Fn(usize) -> String,
    max: usize,
    height: f32,
) -> Option<HeatClick> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    // Wide enough for most names; longer ones are cut, whole on hover.
    let cell_w = columns
        .iter()
        .map(|c| c.chars().count() as f32 * 7.5 + 12.0)
        .fold(56.0_f32, f32::max)
        .min(120.0);
    // At least as wide as the pane: a Persian table narrower than it
    // still starts at the right edge.
    let content = vec2(
        (LABEL_W + cell_w * columns.len() as f32).max(ui.available_width()),
        HEAD_H + row_h * shown.len() as f32,
    );
    // The darkest shade: the view's largest count (a total above it is
    // shaded as dark).
    let max = max.max(1);
    let v = ui.visuals().clone();
    let hot = if v.dark_mode {
        Color32::from_rgb(230, 120, 40)
    } else {
        Color32::from_rgb(214, 84, 22)
    };
    let mut clicked = None;
    let mut area = egui::ScrollArea::both()
        .id_salt(id)
        .max_height(height)
        .auto_shrink([false, true]);
    // A Persian table starts at its right edge.
    let started = ui.scope_id().with((id, "started"));
    if rtl && !ui.data(|d| d.get_temp::<bool>(started).unwrap_or(false)) {
        area = area.horizontal_scroll_offset(content.x);
        ui.data_mut(|d| d.insert_temp(started, true));
    }
    area.show_viewport(ui, |ui, view| {
        // The content's own top-left, whatever the layout's direction (a
        // right-to-left layout would place a wide table off to the left).
        let origin = ui.max_rect().min;
        ui.allocate_rect(Rect::from_min_size(origin, content), Sense::hover());
        // Logical x (from the reading start) to a screen rect.
        let place = |lx: f32, y: f32, w: f32, h: f32| -> Rect {
            let x = if rtl { content.x - lx - w } else { lx };
            Rect::from_min_size(origin + vec2(x, y), vec2(w, h))
        };
        let start_lx = if rtl {
            content.x - view.max.x
        } else {
            view.min.x
        };
        let end_lx = start_lx + view.width();
        let first_col = ((start_lx - 0.0) / cell_w).floor().max(0.0) as usize;
        let last_col =
            (((end_lx - LABEL_W) / cell_w).ceil().max(0.0) as usize + 1).min(columns.len());
        let first_row = ((view.min.y - HEAD_H) / row_h).floor().max(0.0) as usize;
        let last_row =
            (((view.max.y - HEAD_H) / row_h).ceil().max(0.0) as usize + 1).min(shown.len());
        let painter = ui.painter().clone();
        for (vi, &r) in shown.iter().enumerate().take(last_row).skip(first_row) {
            let y = HEAD_H + vi as f32 * row_h;
            for c in first_col..last_col {
                let rect = place(LABEL_W + c as f32 * cell_w, y, cell_w, row_h).shrink(1.0);
                let Some(n) = count(r, c) else { continue };
                let t = (n as f32 / max as f32).min(1.0).powf(0.6);
                let fill = if n == 0 {
                    v.extreme_bg_color
                } else {
                    v.extreme_bg_color.lerp_to_gamma(hot, 0.15 + 0.85 * t)
                };
                painter.rect_filled(rect, 2.0, fill);
                let ink = if t > 0.55 {
                    Color32::WHITE
                } else {
                    v.text_color()
                };
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    // Through `bidi`: egui draws a run of Persian digits reversed.
                    crate::app::bidi(&show_num(n)),
                    font.clone(),
                    ink,
                );
                // Cells half under the code column or the header are
                // shown but not clicked (the click meant the row or header).
                let lx = LABEL_W + c as f32 * cell_w;
                if lx < start_lx + LABEL_W - 0.5 || y < view.min.y + HEAD_H - 0.5 {
                    continue;
                }
                let resp = ui.interact(rect, ui.scope_id().with((id, r, c)), Sense::click());
                let label = title(r, c, n);
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if resp.clicked() {
                    clicked = Some(HeatClick::Cell(r, c));
                }
                if resp.hovered() {
                    painter.rect_stroke(
                        rect,
                        2.0,
                        (1.5, v.strong_text_color()),
                        egui::StrokeKind::Inside,
                    );
                }
            }
            // The code column, over the cells scrolled under it.
            let row = &rows[r];
            let rect = place(start_lx, y, LABEL_W, row_h);
            painter.rect_filled(rect, 0.0, v.panel_fill);
            let indent = 14.0 * row.depth as f32;
            let toggle_w = if row.has_children { 18.0 } else { 0.0 };
            let text_lx = start_lx + 4.0 + indent + toggle_w;
            let text_rect = place(
                text_lx,
                y,
                (LABEL_W - 8.0 - indent - toggle_w).max(20.0),
                row_h,
            );
            let color = if row.has_children {
                v.strong_text_color()
            } else {
                v.text_color()
            };
            paint_line_at_start_ui(ui, text_rect, &row.name, font.clone(), color);
            if row.has_children {
                let is_folded = folded.contains(&row.code);
                let t_rect = place(start_lx + 2.0 + indent, y, toggle_w, row_h);
                let sign = if is_folded { "+" } else { "−" };
                painter.text(
                    t_rect.center(),
                    egui::Align2::CENTER_CENTER,
                    sign,
                    font.clone(),
                    v.strong_text_color(),
                );
                let resp = ui.interact(t_rect, ui.scope_id().with((id, "fold", r)), Sense::click());
                let label = format!("{sign} {}", row.name);
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if resp.clicked() {
                    clicked = Some(HeatClick::Fold(row.code));
                }
            }
        }
        // The header row, over everything scrolled under it.
        let top = view.min.y;
        let head = place(start_lx, top, view.width(), HEAD_H);
        painter.rect_filled(head, 0.0, v.panel_fill);
        for (c, name) in columns.iter().enumerate().take(last_col).skip(first_col) {
            let rect =
                place(LABEL_W + c as f32 * cell_w, top, cell_w, HEAD_H).shrink2(vec2(3.0, 2.0));
            if (rtl && rect.min.x > place(start_lx, top, LABEL_W, 1.0).min.x - 1.0)
                || (!rtl && rect.max.x < place(start_lx, top, LABEL_W, 1.0).max.x + 1.0)
            {
                continue; // under the code column
            }
            paint_line_ui(ui, rect, name, small.clone(), v.strong_text_color(), None);
            let resp = ui.interact(rect, ui.scope_id().with((id, "col", c)), Sense::hover());
            resp.on_hover_text(crate::app::bidi(name));
        }
        let corner = place(start_lx, top, LABEL_W, HEAD_H);
        painter.rect_filled(corner, 0.0, v.panel_fill);
        painter.line_segment(
            [pos2(head.min.x, head.max.y), pos2(head.max.x, head.max.y)],
            (1.0, v.widgets.noninteractive.bg_stroke.color),
        );
    });
    clicked
}
