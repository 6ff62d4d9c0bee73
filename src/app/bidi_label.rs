//! A wrapping label for right-to-left and mixed text. egui would wrap the
//! reordered string itself and break lines in the wrong places, so lines
//! are broken by `crate::text` in logical order and each is reordered.

use egui::{Color32, FontId, Sense, pos2, vec2};
use std::rc::Rc;

/// Show `text` wrapped to the available width; right-aligned when its
/// paragraphs are right-to-left. Returns the response of the whole block.
pub fn bidi_label_ui(
    ui: &mut egui::Ui,
    text: &str,
    font: FontId,
    color: Color32,
) -> egui::Response {
    let width = ui.available_width().max(40.0);
    let ui_rtl = interface_rtl(ui);
    let mut lines = Vec::new();
    ui.fonts_mut(|f| {
        let mut measure = |s: &str| {
            f.layout_no_wrap(s.to_string(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        };
        // An empty or neutral paragraph follows the text, then the interface.
        let fallback = crate::text::first_strong(text).unwrap_or(ui_rtl);
        for para in text.split('\n') {
            let rtl = crate::text::paragraph_rtl(para, 0, None, fallback);
            lines.extend(crate::text::layout_paragraph(
                para,
                Some(rtl),
                width,
                &mut measure,
            ));
        }
    });
    let row_h = ui.fonts_mut(|f| f.row_height(&font)) * 1.3;
    let (rect, resp) =
        ui.allocate_exact_size(vec2(width, row_h * lines.len() as f32), Sense::hover());
    let painter = ui.painter_at(rect);
    for (i, line) in lines.iter().enumerate() {
        let left = rect.min.x
            + if line.rtl {
                (width - line.width).max(0.0)
            } else {
                0.0
            };
        let y = rect.min.y + i as f32 * row_h;
        for p in &line.pieces {
            if p.text.trim().is_empty() {
                continue;
            }
            let shown = super::shaping::piece_string(&p.text, p.rtl);
            let g = ui.fonts_mut(|f| f.layout_no_wrap(shown, font.clone(), Color32::PLACEHOLDER));
            painter.galley(pos2(left + p.x, y + (row_h - g.size().y) / 2.0), g, color);
        }
    }
    let label = text.to_string();
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    resp
}

/// One line of `text`, cut with "…" where it does not fit. Unlike egui's
/// truncation (which cuts the visual right end, the start of a Persian
/// line), this keeps the logical start and cuts the logical end.
pub fn bidi_line_ui(ui: &mut egui::Ui, text: &str, font: FontId, color: Color32) -> egui::Response {
    quote_line_ui(ui, text, font, color, None)
}

/// `bidi_line_ui` for a quote from a document: `rtl` is the direction of
/// the line it comes from, so it reads as it does in the document browser.
pub fn quote_line_ui(
    ui: &mut egui::Ui,
    text: &str,
    font: FontId,
    color: Color32,
    rtl: Option<bool>,
) -> egui::Response {
    let width = ui.available_width().max(40.0);
    let row_h = ui.fonts_mut(|f| f.row_height(&font)) * 1.2;
    let (rect, resp) = ui.allocate_exact_size(vec2(width, row_h), Sense::hover());
    paint_line_ui(ui, rect, text, font, color, rtl);
    let label = text.to_string();
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    resp
}

/// A selectable row showing one cut line of `text` (the code tree's names).
pub fn selectable_line_ui(
    ui: &mut egui::Ui,
    text: &str,
    width: f32,
    selected: bool,
) -> egui::Response {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let row_h = ui.spacing().interact_size.y;
    let (rect, resp) =
        ui.allocate_exact_size(vec2(width.max(40.0), row_h), Sense::click_and_drag());
    let v = ui.visuals();
    ui.painter()
        .rect_filled(rect, 3.0, row_fill(v, selected, resp.hovered()));
    let color = if selected {
        v.selection.stroke.color
    } else {
        v.text_color()
    };
    // At the row's start whatever the name's direction: in a tree the
    // indent shows the nesting, and a Persian name at the far end of an
    // English row (or a Latin one in a Persian row) hid it.
    paint_line_at_start_ui(ui, rect.shrink2(vec2(4.0, 0.0)), text, font, color);
    resp
}

/// The first line of a text laid out and cut for a width: the pieces to
/// draw (x, shaped string), its width, and whether it was cut.
struct CutLine {
    pieces: Vec<(f32, String)>,
    width: f32,
    cut: bool,
    ell_w: f32,
}

/// Lay out (or recall) the first line of `text` for `width`. The tree and
/// lists draw the same names every frame; laying them out again each time
/// was a fifth of a frame.
fn cut_line(ui: &egui::Ui, text: &str, width: f32, rtl: bool, font: &FontId) -> Rc<CutLine> {
    type Key = (String, u32, bool, u32, egui::FontFamily, u32);
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Key, Rc<CutLine>>> =
            Default::default();
    }
    let key: Key = (
        text.to_string(),
        width.to_bits(),
        rtl,
        font.size.to_bits(),
        font.family.clone(),
        ui.ctx().pixels_per_point().to_bits(),
    );
    super::shaping::memoised(&MEMO, &key, || lay_out_cut(ui, text, width, rtl, font))
}

fn lay_out_cut(ui: &egui::Ui, text: &str, width: f32, rtl: bool, font: &FontId) -> Rc<CutLine> {
    let para = text.split('\n').next().unwrap_or("");
    let (line, cut, ell_w) = ui.fonts_mut(|f| {
        let mut measure = |s: &str| {
            f.layout_no_wrap(s.to_string(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        };
        let ell_w = measure("…");
        let full = crate::text::layout_paragraph(para, Some(rtl), width, &mut measure);
        if full.len() <= 1 && !text.contains('\n') {
            return (full.into_iter().next(), false, ell_w);
        }
        let lines =
            crate::text::layout_paragraph(para, Some(rtl), (width - ell_w).max(20.0), &mut measure);
        (lines.into_iter().next(), true, ell_w)
    });
    Rc::new(CutLine {
        pieces: line
            .iter()
            .flat_map(|l| &l.pieces)
            .filter(|p| !p.text.trim().is_empty())
            .map(|p| (p.x, super::shaping::piece_string(&p.text, p.rtl)))
            .collect(),
        width: line.as_ref().map_or(0.0, |l| l.width),
        cut,
        ell_w,
    })
}

/// A list row's background: the selection's, a hover's, or none.
pub(super) fn row_fill(v: &egui::Visuals, selected: bool, hovered: bool) -> Color32 {
    if selected {
        v.selection.bg_fill
    } else if hovered {
        v.widgets.hovered.weak_bg_fill
    } else {
        Color32::TRANSPARENT
    }
}

/// Paint the first line of `text` into `rect`, cut at its logical end.
pub(super) fn paint_line_ui(
    ui: &egui::Ui,
    rect: egui::Rect,
    text: &str,
    font: FontId,
    color: Color32,
    forced: Option<bool>,
) {
    paint_aligned_ui(ui, rect, text, font, color, forced, false);
}

/// As `paint_line_ui`, but on the interface's reading side whatever the
/// text's direction: a Persian file name in an English list starts at its
/// icon, as file managers show it, not at the far end of a wide column.
pub(super) fn paint_line_at_start_ui(
    ui: &egui::Ui,
    rect: egui::Rect,
    text: &str,
    font: FontId,
    color: Color32,
) {
    paint_aligned_ui(ui, rect, text, font, color, None, true);
}

fn paint_aligned_ui(
    ui: &egui::Ui,
    rect: egui::Rect,
    text: &str,
    font: FontId,
    color: Color32,
    forced: Option<bool>,
    at_start: bool,
) {
    let width = rect.width().max(20.0);
    let para = text.split('\n').next().unwrap_or("");
    let rtl = crate::text::paragraph_rtl(para, 0, forced, interface_rtl(ui));
    let line = cut_line(ui, text, width, rtl, &font);
    let (cut, ell_w) = (line.cut, line.ell_w);
    let total = line.width + if cut { ell_w } else { 0.0 };
    // A right-to-left line sits on the right, and so does every line in
    // the Persian interface (a Latin code name in a Persian list).
    let on_right = (rtl && !at_start) || interface_rtl(ui);
    let left = rect.min.x
        + if on_right {
            (width - total).max(0.0)
        } else {
            0.0
        };
    // The ellipsis goes where the text continues: left in RTL, right in LTR.
    let text_left = if rtl && cut { left + ell_w } else { left };
    let painter = ui.painter_at(rect);
    for (x, shown) in &line.pieces {
        let g =
            ui.fonts_mut(|f| f.layout_no_wrap(shown.clone(), font.clone(), Color32::PLACEHOLDER));
        painter.galley(
            pos2(text_left + x, rect.center().y - g.size().y / 2.0),
            g,
            color,
        );
    }
    if cut {
        let x = if rtl { left } else { left + line.width };
        painter.text(
            pos2(x, rect.center().y),
            egui::Align2::LEFT_CENTER,
            "…",
            font,
            color,
        );
    }
}

/// The interface's direction where a widget is drawn: Persian panels lay
/// their contents out from the right. A text with no strong letter (a
/// number, a date) takes it.
pub fn interface_rtl(ui: &egui::Ui) -> bool {
    ui.layout().horizontal_align() == egui::Align::Max
}
