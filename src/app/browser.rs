//! The document browser: text painted line by line through our own bidi
//! layout, with line numbers, coding stripes and selection. Lines are
//! right-aligned, and numbers and stripes sit on the right, for RTL documents.

use super::layout_cache::{LayoutCache, line_left};
use super::{Action, UiState, code_color};
use crate::model::*;
use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

/// Where a text drag began: the point (content coordinates of the text
/// column), found again each frame together with the other end; and the
/// caret position it had, used instead if the text is laid out anew
/// (zoom, resize) during the drag.
#[derive(Clone, Copy, Debug)]
pub struct DragAnchor {
    at: (f32, f32),
    pos: CharPos,
    layout: u64,
}

/// Payload while the text selection is dragged onto a code.
#[derive(Clone, Copy, Debug)]
pub struct SelectionDrag;

const LANE_W: f32 = 5.0;
const LANE_GAP: f32 = 2.0;
const RESERVED_LANES: usize = 6;

/// Distance between lanes, and a lane's width: full size up to
/// RESERVED_LANES lanes, then shared out within the same width.
fn lane_pitch(lanes: usize) -> (f32, f32) {
    if lanes <= RESERVED_LANES {
        (LANE_W + LANE_GAP, LANE_W)
    } else {
        let pitch = RESERVED_LANES as f32 * (LANE_W + LANE_GAP) / lanes as f32;
        (pitch, (pitch * 0.7).max(1.0))
    }
}

pub fn browser_ui(
    ui: &mut egui::Ui,
    p: &Project,
    doc: &Document,
    generation: u64,
    state: &mut UiState,
    cache: &mut LayoutCache,
    out: &mut Vec<Action>,
) {
    let font = FontId::proportional(state.font_size);
    let rtl = doc.is_rtl_in(p.direction);
    let avail = ui.available_width();
    let num_w = 44.0;
    let groups: Vec<CoderId> = match state.show_coder {
        Some(c) => vec![c],
        None => state.compare_coders.clone(),
    };
    cache.ensure_stripes(p, doc, generation, &groups);
    // The stripes' width is fixed, so coding never re-wraps the text: past
    // RESERVED_LANES, lanes get narrower instead.
    let stripes_w = RESERVED_LANES as f32 * (LANE_W + LANE_GAP) + 6.0;
    let lane_pitch = lane_pitch(cache.lanes);
    // A margin on both sides of the text column: a glyph's ink may stand
    // past its advance (the 8 of `P38:` closing a right-aligned line), and
    // the painter clips at the column's area.
    let text_w = (avail - num_w - stripes_w - 34.0).max(80.0);
    ui.fonts_mut(|f| cache.ensure(f, (doc, p.direction), text_w, &font));
    let scroll_to = state.scroll_to_line.take();
    let area = egui::ScrollArea::vertical()
        .id_salt(("browser", doc.id))
        .auto_shrink([false, false]);
    area.show_viewport(ui, |ui, viewport| {
        let (rect, resp) = ui.allocate_exact_size(
            vec2(avail - 16.0, cache.total_height.max(ui.available_height())),
            Sense::click_and_drag(),
        );
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Document,
                true,
                format!("Document browser: {}", doc.name),
            )
        });
        // Columns, mirrored for RTL documents.
        let (stripe_x, num_x, text_x) = if rtl {
            let text_x = rect.min.x + 8.0;
            let num_x = text_x + text_w + 8.0;
            (num_x + num_w + 4.0, num_x, text_x)
        } else {
            let stripe_x = rect.min.x + 2.0;
            let num_x = stripe_x + stripes_w;
            (stripe_x, num_x, num_x + num_w + 8.0)
        };
        let top = rect.min.y;
        // Only what is on screen (and a margin) gets its full layout.
        let on_screen = cache.paras_in(viewport.min.y - 200.0, viewport.max.y + 200.0);
        ui.fonts_mut(|f| cache.ensure_lines(f, doc, on_screen));
        if let Some(line) = scroll_to
            && let Some(para) = cache.paras.get(line.saturating_sub(1))
        {
            let target = Rect::from_min_size(
                pos2(rect.min.x, top + para.top),
                vec2(10.0, cache.row_height),
            );
            ui.scroll_to_rect(target, Some(egui::Align::Center));
        }
        if let Some((y, align)) = key_scroll(ui, state, viewport, cache.row_height) {
            let y = y.clamp(0.0, rect.height());
            ui.scroll_to_rect(
                Rect::from_min_size(pos2(rect.min.x, top + y), vec2(1.0, 1.0)),
                Some(align),
            );
        }
        cache.origin = Some((text_x, top, text_w));
        let painter = ui.painter_at(rect);
        let visible =
            |y0: f32, y1: f32| y1 >= viewport.min.y + top - 2.0 && y0 <= viewport.max.y + top + 2.0;
        let to_content = |pos: Pos2| (pos.x - text_x, pos.y - top);

        // Mouse selection in the text column.
        if resp.drag_started() || resp.clicked() {
            // Anchor where the button went down, not where the drag was noticed.
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(resp.interact_pointer_pos());
            if let Some(pos) = origin {
                let (x, y) = to_content(pos);
                let at = cache.hit(x, y, text_w);
                let inside = state.selection.is_some_and(|r| r.start < at && at < r.end);
                // Alt starts a new selection even inside the current one.
                let fresh = ui.input(|i| i.modifiers.alt);
                if resp.drag_started() && inside && !fresh {
                    // Dragging the selection itself: drop it on a code to code it.
                    state.dragging_selection = true;
                    resp.dnd_set_drag_payload(SelectionDrag);
                } else {
                    state.drag_anchor = Some(DragAnchor {
                        at: (x, y),
                        pos: at,
                        layout: cache.layouts(),
                    });
                    state.selection = None;
                }
                if resp.clicked() {
                    state.selected_coding = None;
                    state.selection = None;
                }
            }
        }
        // Double click: the word under the pointer; triple click: its line.
        if (resp.double_clicked() || resp.triple_clicked())
            && let Some(pos) = resp.interact_pointer_pos()
        {
            let (x, y) = to_content(pos);
            if let Some((line, cluster)) = cache.cluster_hit(x, y, text_w)
                && let Some(range) = doc.line_range(line)
            {
                state.selection = if resp.triple_clicked() {
                    Some(range)
                } else {
                    let i = cluster.start.relative_to(range.start).0;
                    let w = crate::text::word_at(doc.line_text(line), i);
                    Some(CharRange::new(w.start, w.end).shifted(range.start))
                }
                .filter(|r| !r.is_empty());
                state.drag_anchor = None;
            }
        }
        if resp.dragged()
            && !state.dragging_selection
            && let (Some(anchor), Some(pos)) = (state.drag_anchor, resp.interact_pointer_pos())
        {
            // Both ends are found again each frame, together: a pointer
            // between two glyphs means the one that makes sense of the drag.
            let (a, b) = if anchor.layout == cache.layouts() {
                cache.drag_ends(anchor.at, to_content(pos), text_w)
            } else {
                let (x, y) = to_content(pos);
                (anchor.pos, cache.hit(x, y, text_w))
            };
            state.selection = (a != b).then(|| CharRange {
                start: a.min(b),
                end: a.max(b),
            });
            // Near an edge, scroll on, but only while there is more to show
            // (asking a scroll area at its end to scroll repaints forever).
            let clip = ui.clip_rect();
            let up = pos.y < clip.top() + 15.0 && viewport.min.y > 0.0;
            let down = pos.y > clip.bottom() - 15.0 && viewport.max.y < rect.height();
            if up || down {
                ui.scroll_to_rect(Rect::from_center_size(pos, vec2(1.0, 30.0)), None);
            }
        }
        if state.dragging_selection
            && let Some(pos) = ui.ctx().pointer_interact_pos()
        {
            egui::Area::new(egui::Id::unique("selection-drag"))
                .fixed_pos(pos + vec2(12.0, 12.0))
                .order(egui::Order::Tooltip)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.label(super::bidi(state.lang.strings().apply_code))
                    });
                });
        }
        if resp.drag_stopped() {
            state.drag_anchor = None;
            state.dragging_selection = false;
        }

        let sel = state.selection;
        let active: Vec<(&Coding, Color32)> = p
            .codings_in(doc.id)
            .into_iter()
            .filter(|c| state.active_codes.contains(&c.code) && super::coder_view::shown(state, c))
            .map(|c| (c, code_color(p, c.code).gamma_multiply(0.16)))
            .collect();
        let found: &[CharRange] = state.search.as_ref().map_or(&[], |s| s.matches.as_slice());
        let found_color = Color32::from_rgba_unmultiplied(230, 190, 40, 90);
        let text_color = ui.visuals().text_color();
        let sel_color = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        for (pi, para) in cache.paras.iter().enumerate() {
            let h = cache.para_height(pi);
            let y0 = top + para.top;
            if !visible(y0, y0 + h) {
                continue;
            }
            let line_no = pi + 1;
            let para_end = para
                .lines
                .last()
                .map_or(para.start, |l| l.chars.end.shifted(para.start));
            let here: Vec<&(&Coding, Color32)> = active
                .iter()
                .filter(|(c, _)| {
                    c.range.start < para_end.max(CharPos(para.start.0 + 1))
                        && c.range.end > para.start
                })
                .collect();
            // Line number: clicking selects the line, shift-click extends.
            let num_rect = Rect::from_min_size(pos2(num_x, y0), vec2(num_w, cache.row_height));
            let num_resp = ui
                .interact(
                    num_rect,
                    ui.scope_id().with(("line", doc.id, line_no)),
                    Sense::click(),
                )
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            num_resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Line {line_no}"))
            });
            if num_resp.clicked() {
                let shift = ui.input(|i| i.modifiers.shift);
                let from = match (shift, state.line_anchor) {
                    (true, Some(a)) => a,
                    _ => line_no,
                };
                if !shift {
                    state.line_anchor = Some(line_no);
                }
                let (a, b) = (from.min(line_no), from.max(line_no));
                state.selection = doc.lines_range(a, b).filter(|r| !r.is_empty());
            }
            let speaker_interviewer = p.is_interviewer(doc.speaker_of_line(line_no));
            let num_color = if num_resp.hovered() {
                text_color
            } else {
                ui.visuals().weak_text_color()
            };
            painter.text(
                pos2(
                    if rtl {
                        num_x + 4.0
                    } else {
                        num_x + num_w - 4.0
                    },
                    y0 + 2.0,
                ),
                if rtl {
                    egui::Align2::LEFT_TOP
                } else {
                    egui::Align2::RIGHT_TOP
                },
                // Persian digits are handed to egui pre-reversed, as any label.
                super::bidi(&state.num(line_no)),
                FontId::monospace(state.font_size * 0.8),
                num_color,
            );
            for (row, line) in para.lines.iter().enumerate() {
                let ly = y0 + row as f32 * cache.row_height;
                let left = text_x + line_left(line, text_w);
                let rel = |r: CharRange| r.relative_to(para.start);
                for (c, color) in &here {
                    for (a, b) in line.spans(rel(c.range)) {
                        let r = Rect::from_min_max(
                            pos2(left + a, ly),
                            pos2(left + b, ly + cache.row_height),
                        );
                        painter.rect_filled(r, 2.0, *color);
                    }
                }
                for m in found
                    .iter()
                    .filter(|m| m.end > para.start && m.start < para_end)
                {
                    for (a, b) in line.spans(rel(*m)) {
                        let r = Rect::from_min_max(
                            pos2(left + a, ly),
                            pos2(left + b, ly + cache.row_height),
                        );
                        painter.rect_filled(r, 2.0, found_color);
                    }
                }
                if let Some(s) = sel {
                    for (a, b) in line.spans(rel(s)) {
                        let r = Rect::from_min_max(
                            pos2(left + a, ly),
                            pos2(left + b, ly + cache.row_height),
                        );
                        painter.rect_filled(r, 0.0, sel_color);
                    }
                }
                for piece in &line.pieces {
                    if piece.text.trim().is_empty() {
                        continue;
                    }
                    let g = match cache.shaped(&para.font, &piece.text) {
                        Some(g) => g,
                        // egui keeps its own galley cache keyed by text and
                        // font, so this is cheap for pieces drawn last frame.
                        None => ui.fonts_mut(|f| super::fonts::galley(f, &para.font, &piece.text)),
                    };
                    let color = if speaker_interviewer {
                        ui.visuals().weak_text_color()
                    } else {
                        text_color
                    };
                    let gy = ly + (cache.row_height - g.size().y) / 2.0;
                    painter.galley(pos2(left + piece.x, gy), g, color);
                }
            }
        }
        let stripes = (top, stripe_x, lane_pitch);
        stripes_ui(ui, p, doc, cache, state, out, stripes, &visible);
        // Context menu on the text: code the selection.
        let s = state.lang.strings();
        super::mirror::context_menu_ui(&resp, state.lang.rtl(), |ui| {
            if ui.button(super::bidi(s.apply_code)).clicked() {
                out.push(Action::OpenPicker);
                ui.close();
            }
            if ui.button(super::bidi(s.in_vivo)).clicked() {
                out.push(Action::InVivo);
                ui.close();
            }
        });
    });
}

#[allow(clippy::too_many_arguments)]
fn stripes_ui(
    ui: &mut egui::Ui,
    p: &Project,
    doc: &Document,
    cache: &LayoutCache,
    state: &mut UiState,
    out: &mut Vec<Action>,
    (top, stripe_x, (pitch, lane_w)): (f32, f32, (f32, f32)),
    visible: &dyn Fn(f32, f32) -> bool,
) {
    let rtl = doc.is_rtl_in(p.direction);
    let lanes = cache.lanes.max(RESERVED_LANES);
    for s in &cache.stripes {
        let (Some(a), Some(b)) = (
            cache.paras.get(s.first_line - 1),
            cache.paras.get(s.last_line - 1),
        ) else {
            continue;
        };
        let y0 = top + a.top + 2.0;
        let y1 = top + b.top + cache.para_height(s.last_line - 1) - 2.0;
        if !visible(y0, y1) {
            continue;
        }
        // Lane 0 is next to the numbers; further lanes go outwards.
        let x = if rtl {
            stripe_x + s.lane as f32 * pitch
        } else {
            stripe_x + (lanes - 1 - s.lane.min(lanes - 1)) as f32 * pitch
        };
        let rect = Rect::from_min_max(pos2(x, y0), pos2(x + lane_w, y1));
        let selected = state.selected_coding == Some(s.coding);
        // A stored colour too dark or light for this theme is shown adjusted.
        let color = super::contrast::code_on(p, s.code, ui.visuals().panel_fill);
        ui.painter().rect_filled(rect, 2.0, color);
        if selected {
            ui.painter().rect_stroke(
                rect.expand(1.5),
                2.0,
                Stroke::new(2.0, ui.visuals().strong_text_color()),
                egui::StrokeKind::Outside,
            );
        }
        let Some(coding) = p.codings.get(&s.coding) else {
            continue;
        };
        let name = p.codes.get(&s.code).map_or("?", |c| c.name.as_str());
        let label = format!("{} — {}", name, p.coder_name(coding.coder));
        let resp = ui
            .interact(
                rect.expand2(Vec2::new(1.0, 0.0)),
                ui.scope_id().with(("stripe", s.coding)),
                Sense::click(),
            )
            .on_hover_text(super::bidi(&label));
        resp.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                selected,
                format!("Coding: {label}"),
            )
        });
        if resp.clicked() {
            out.push(Action::SelectCoding(s.coding));
        }
        // A supervisor's comment on this coding.
        let coding = s.coding;
        super::mirror::context_menu_ui(&resp, state.lang.rtl(), |ui| {
            let rs = super::i18n::review::strings(state.lang);
            if ui.button(super::bidi(rs.comment_on_coding)).clicked() {
                out.push(Action::SelectCoding(coding));
                state.review.open_on(
                    super::review::Tab::Comments,
                    Some(ReviewTarget::Coding(coding)),
                );
                ui.close();
            }
        });
    }
}

/// Page Down, Page Up, Home, End (with or without Ctrl) and the arrows
/// scroll the document, as in any reader, unless a text field or the
/// picker has the keyboard: the content y to bring to the top (or bottom).
fn key_scroll(
    ui: &egui::Ui,
    state: &UiState,
    viewport: Rect,
    row: f32,
) -> Option<(f32, egui::Align)> {
    if ui.ctx().egui_wants_keyboard_input() || state.picker.is_some() || state.dialog_open() {
        return None;
    }
    use egui::{Align, Key};
    let page = (viewport.height() - row).max(row);
    ui.input(|i| {
        // Alt+arrows select lines (see `AppCommand::NextLine`).
        let plain = !i.modifiers.alt && !i.modifiers.shift;
        if !plain {
            None
        } else if i.key_pressed(Key::PageDown) {
            Some((viewport.min.y + page, Align::Min))
        } else if i.key_pressed(Key::PageUp) {
            Some((viewport.min.y - page, Align::Min))
        } else if i.key_pressed(Key::Home) {
            Some((0.0, Align::Min))
        } else if i.key_pressed(Key::End) {
            Some((f32::MAX, Align::Max))
        } else if i.key_pressed(Key::ArrowDown) {
            Some((viewport.min.y + row, Align::Min))
        } else if i.key_pressed(Key::ArrowUp) {
            Some((viewport.min.y - row, Align::Min))
        } else {
            None
        }
    })
}
