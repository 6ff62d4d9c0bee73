//! A small text editor that shows Persian and mixed text in reading order
//! while typing, with the cursor where the user clicks. egui's `TextEdit`
//! has no bidi and its char offsets go wrong after Persian text, so code
//! names, memos and the picker use this instead. Lines are broken and
//! reordered by `crate::text`; positions are char indices throughout.

use crate::base::{CharPos, CharRange};
use crate::text::{LineLayout, layout_paragraph};
use egui::{Color32, Event, EventFilter, FontId, Key, Sense, Stroke, pos2, vec2};

/// Cursor and selection anchor, in chars. Kept in egui's memory per widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub pos: CharPos,
    pub anchor: Option<CharPos>,
    /// Had keyboard focus in the previous frame.
    pub had_focus: bool,
}

impl Cursor {
    fn range(&self) -> Option<CharRange> {
        let a = self.anchor?;
        (a != self.pos).then(|| CharRange {
            start: a.min(self.pos),
            end: a.max(self.pos),
        })
    }
}

/// The edge: a char position as a byte offset into the edited text.
fn byte(text: &str, pos: CharPos) -> usize {
    text.char_indices()
        .nth(pos.0)
        .map_or(text.len(), |(b, _)| b)
}

/// Replace the selection (or insert at the cursor).
pub fn insert(text: &mut String, c: &mut Cursor, s: &str) {
    if let Some(r) = c.range() {
        let (ba, bb) = (byte(text, r.start), byte(text, r.end));
        text.replace_range(ba..bb, "");
        c.pos = r.start;
    }
    let at = byte(text, c.pos);
    text.insert_str(at, s);
    c.pos = CharPos(c.pos.0 + s.chars().count());
    c.anchor = None;
}

/// Backspace (`forward` false) or Delete (`forward` true).
pub fn delete(text: &mut String, c: &mut Cursor, forward: bool) {
    if c.range().is_some() {
        insert(text, c, "");
        return;
    }
    let n = text.chars().count();
    let (a, b) = if forward {
        (c.pos, CharPos((c.pos.0 + 1).min(n)))
    } else {
        (CharPos(c.pos.0.saturating_sub(1)), c.pos)
    };
    if a < b {
        let (ba, bb) = (byte(text, a), byte(text, b));
        text.replace_range(ba..bb, "");
        c.pos = a;
    }
    c.anchor = None;
}

fn selected(text: &str, c: &Cursor) -> Option<String> {
    let r = c.range()?;
    Some(text.chars().skip(r.start.0).take(r.len()).collect())
}

struct Row {
    /// Where the paragraph this visual line belongs to starts.
    para_start: CharPos,
    line: LineLayout,
    /// Last visual line of its paragraph (the cursor may sit at its end).
    last_of_para: bool,
}

fn layout(text: &str, width: f32, font: &FontId, ui: &egui::Ui) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut start = 0;
    // An empty or neutral paragraph follows the text, then the interface.
    let fallback = crate::text::first_strong(text).unwrap_or(super::bidi_label::interface_rtl(ui));
    ui.fonts_mut(|f| {
        let mut measure = |s: &str| {
            f.layout_no_wrap(s.to_string(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        };
        for para in text.split('\n') {
            let rtl = crate::text::paragraph_rtl(para, 0, None, fallback);
            let lines = layout_paragraph(para, Some(rtl), width, &mut measure);
            let n = lines.len();
            for (i, line) in lines.into_iter().enumerate() {
                rows.push(Row {
                    para_start: CharPos(start),
                    line,
                    last_of_para: i + 1 == n,
                });
            }
            start += para.chars().count() + 1;
        }
    });
    rows
}

fn row_of(rows: &[Row], pos: CharPos) -> usize {
    rows.iter()
        .position(|r| {
            let CharRange { start: a, end: b } = r.line.chars.shifted(r.para_start);
            a <= pos && (pos < b || (pos == b && r.last_of_para))
        })
        .unwrap_or(rows.len().saturating_sub(1))
}

fn left_of(line: &LineLayout, width: f32) -> f32 {
    if line.rtl {
        (width - line.width).max(0.0)
    } else {
        0.0
    }
}

/// What happened to an in-place rename this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rename {
    Editing,
    /// Enter, or focus moved away: keep the new name.
    Commit,
    /// Escape: keep the old name.
    Cancel,
}

/// A one-line editor for renaming in place: takes the focus when shown.
pub fn rename_ui(
    ui: &mut egui::Ui,
    text: &mut String,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
) -> Rename {
    let r = bidi_edit_ui(ui, text, id_salt, label, "", false);
    if !r.has_focus() && ui.memory(|m| m.focused().is_none()) {
        r.request_focus();
    }
    let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
    if escape {
        Rename::Cancel
    } else if enter || r.lost_focus() {
        Rename::Commit
    } else {
        Rename::Editing
    }
}

/// The editor. `id_salt` makes its state stable across frames.
pub fn bidi_edit_ui(
    ui: &mut egui::Ui,
    text: &mut String,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    hint: &str,
    multiline: bool,
) -> egui::Response {
    let id = ui.make_persistent_id(id_salt);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let row_h = ui.fonts_mut(|f| f.row_height(&font)) * 1.35;
    let pad = 4.0;
    let width = ui.available_width().max(60.0);
    let inner_w = width - 2.0 * pad;
    let mut cursor: Cursor = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let n = text.chars().count();
    cursor.pos = cursor.pos.min(CharPos(n));
    let mut rows = layout(text, inner_w, &font, ui);
    let min_rows = if multiline { 4 } else { 1 };
    let h = rows.len().max(min_rows) as f32 * row_h + 2.0 * pad;
    let (rect, mut resp) = ui.allocate_exact_size(vec2(width, h), Sense::click_and_drag());
    let origin = rect.min + vec2(pad, pad);
    let hit = |rows: &[Row], p: egui::Pos2| -> CharPos {
        let i = (((p.y - origin.y) / row_h).floor().max(0.0) as usize)
            .min(rows.len().saturating_sub(1));
        rows.get(i).map_or(CharPos(0), |r| {
            r.line
                .hit(p.x - origin.x - left_of(&r.line, inner_w))
                .shifted(r.para_start)
        })
    };
    if resp.clicked() || resp.drag_started() {
        resp.request_focus();
        let press = ui
            .input(|i| i.pointer.press_origin())
            .or(resp.interact_pointer_pos());
        if let Some(p) = press {
            let shift = ui.input(|i| i.modifiers.shift);
            let at = hit(&rows, p);
            cursor.anchor = if shift {
                cursor.anchor.or(Some(cursor.pos))
            } else {
                Some(at)
            };
            cursor.pos = at;
        }
    }
    if resp.dragged()
        && let Some(p) = resp.interact_pointer_pos()
    {
        cursor.pos = hit(&rows, p);
    }
    let focused = resp.has_focus();
    if focused
        && !cursor.had_focus
        && !(resp.clicked() || resp.drag_started() || resp.is_pointer_button_down_on())
    {
        // Focused by the program (rename, picker): select it all, as in a
        // file manager's rename, so typing replaces it.
        cursor.pos = CharPos(n);
        cursor.anchor = Some(CharPos(0));
    }
    cursor.had_focus = focused;
    let before = text.clone();
    if focused {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: false,
                },
            )
        });
        let events = ui.input(|i| i.events.clone());
        for ev in events {
            handle(ui, text, &mut cursor, &rows, ev, multiline, inner_w, &resp);
            rows = layout(text, inner_w, &font, ui);
        }
    }
    if *text != before {
        resp.mark_changed();
    }
    // Draw: field, selection, text pieces, cursor.
    let visuals = ui.visuals();
    let stroke = if focused {
        visuals.selection.stroke
    } else {
        visuals.widgets.inactive.bg_stroke
    };
    let painter = ui.painter_at(rect.expand(1.0));
    painter.rect(
        rect,
        3.0,
        visuals.extreme_bg_color,
        stroke,
        egui::StrokeKind::Inside,
    );
    let text_color = visuals.text_color();
    let sel_color = visuals.selection.bg_fill;
    for (i, r) in rows.iter().enumerate() {
        let y = origin.y + i as f32 * row_h;
        let left = origin.x + left_of(&r.line, inner_w);
        if let Some(sel) = cursor.range() {
            for (x0, x1) in r.line.spans(sel.relative_to(r.para_start)) {
                painter.rect_filled(
                    egui::Rect::from_min_max(pos2(left + x0, y), pos2(left + x1, y + row_h)),
                    0.0,
                    sel_color,
                );
            }
        }
        for p in &r.line.pieces {
            if p.text.trim().is_empty() {
                continue;
            }
            let shown = super::shaping::piece_string(&p.text, p.rtl);
            let g = ui.fonts_mut(|f| f.layout_no_wrap(shown, font.clone(), Color32::PLACEHOLDER));
            painter.galley(
                pos2(left + p.x, y + (row_h - g.size().y) / 2.0),
                g,
                text_color,
            );
        }
    }
    if text.is_empty() && !focused && !hint.is_empty() {
        let shown = super::bidi(hint);
        let g = ui.fonts_mut(|f| f.layout_no_wrap(shown, font.clone(), Color32::PLACEHOLDER));
        let ui_rtl = super::bidi_label::interface_rtl(ui);
        let x = if crate::text::paragraph_rtl(hint, 0, None, ui_rtl) {
            origin.x + inner_w - g.size().x
        } else {
            origin.x
        };
        painter.galley(
            pos2(x, origin.y + (row_h - g.size().y) / 2.0),
            g,
            visuals.weak_text_color(),
        );
    }
    if focused && !rows.is_empty() {
        let i = row_of(&rows, cursor.pos);
        let r = &rows[i];
        let x = r
            .line
            .x_of(cursor.pos.relative_to(r.para_start))
            .unwrap_or(if r.line.rtl { r.line.width } else { 0.0 });
        let x = origin.x + left_of(&r.line, inner_w) + x;
        let y = origin.y + i as f32 * row_h;
        painter.line_segment(
            [pos2(x, y + 2.0), pos2(x, y + row_h - 2.0)],
            Stroke::new(2.0, text_color),
        );
    }
    ui.data_mut(|d| d.insert_temp(id, cursor));
    let value = text.clone();
    let label = label.to_string();
    let role = if multiline {
        egui::Role::MultilineTextInput
    } else {
        egui::Role::TextInput
    };
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, &before, &value, hint);
        info.role = role;
        info.label = Some(label.clone());
        info
    });
    resp
}

#[allow(clippy::too_many_arguments)]
fn handle(
    ui: &egui::Ui,
    text: &mut String,
    c: &mut Cursor,
    rows: &[Row],
    ev: Event,
    multiline: bool,
    width: f32,
    resp: &egui::Response,
) {
    let n = text.chars().count();
    match ev {
        Event::Text(t) | Event::Paste(t) => {
            let t = if multiline {
                t
            } else {
                t.replace(['\n', '\r'], " ")
            };
            insert(text, c, &t);
        }
        Event::Ime(egui::ImeEvent::Commit(t)) => insert(text, c, &t),
        Event::Copy => {
            if let Some(s) = selected(text, c) {
                ui.ctx().copy_text(s);
            }
        }
        Event::Cut => {
            if let Some(s) = selected(text, c) {
                ui.ctx().copy_text(s);
                insert(text, c, "");
            }
        }
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            let extend = |c: &mut Cursor| {
                if modifiers.shift {
                    c.anchor = c.anchor.or(Some(c.pos));
                } else {
                    c.anchor = None;
                }
            };
            let row = row_of(rows, c.pos);
            let rtl_here = rows.get(row).is_some_and(|r| r.line.rtl);
            match key {
                Key::Backspace => delete(text, c, false),
                Key::Delete => delete(text, c, true),
                Key::Enter if multiline => insert(text, c, "\n"),
                Key::Enter | Key::Escape => ui.memory_mut(|m| m.surrender_focus(resp.id)),
                Key::A if modifiers.command => {
                    c.anchor = Some(CharPos(0));
                    c.pos = CharPos(n);
                }
                // Arrows move in reading direction: left is forward in RTL text.
                Key::ArrowLeft | Key::ArrowRight => {
                    let forward = (key == Key::ArrowRight) != rtl_here;
                    extend(c);
                    c.pos = CharPos(if forward {
                        (c.pos.0 + 1).min(n)
                    } else {
                        c.pos.0.saturating_sub(1)
                    });
                }
                Key::Home | Key::End => {
                    extend(c);
                    if let Some(r) = rows.get(row) {
                        let line = r.line.chars.shifted(r.para_start);
                        c.pos = if key == Key::Home {
                            line.start
                        } else {
                            line.end.min(CharPos(n))
                        };
                    }
                }
                Key::ArrowUp | Key::ArrowDown => {
                    let target = if key == Key::ArrowUp {
                        row.checked_sub(1)
                    } else {
                        Some(row + 1)
                    };
                    if let (Some(t), Some(r)) =
                        (target.and_then(|t| rows.get(t).map(|_| t)), rows.get(row))
                    {
                        extend(c);
                        let x = r.line.x_of(c.pos.relative_to(r.para_start)).unwrap_or(0.0)
                            + left_of(&r.line, width);
                        let tr = &rows[t];
                        c.pos = tr
                            .line
                            .hit(x - left_of(&tr.line, width))
                            .shifted(tr.para_start);
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// A one-line field `width` wide inside a row (the field takes all the
/// width it is given).
pub fn sized_ui(
    ui: &mut egui::Ui,
    width: f32,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    let h = ui.spacing().interact_size.y + 6.0;
    ui.allocate_ui(vec2(width, h), add).inner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(pos: usize, anchor: Option<usize>) -> Cursor {
        Cursor {
            pos: CharPos(pos),
            anchor: anchor.map(CharPos),
            had_focus: true,
        }
    }

    #[test]
    fn typing_replaces_the_selection_in_chars() {
        let mut t = "سلام دنیا".to_string();
        let mut c = at(9, Some(5));
        insert(&mut t, &mut c, "جهان");
        assert_eq!(t, "سلام جهان");
        assert_eq!((c.pos, c.anchor), (CharPos(9), None));
    }

    #[test]
    fn backspace_and_delete_remove_one_char() {
        let mut t = "شبکه‌ها".to_string();
        let mut c = at(5, None);
        delete(&mut t, &mut c, false); // the ZWNJ
        assert_eq!(t, "شبکهها");
        delete(&mut t, &mut c, true);
        assert_eq!(t, "شبکها");
        assert_eq!(c.pos, CharPos(4));
    }
}
