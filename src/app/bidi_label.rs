//! A wrapping label for right-to-left and mixed text. egui would wrap the
//! reordered string itself and break lines in the wrong places, so lines
//! are broken by `crate::text` in logical order and each is reordered.

use egui::{Color32, FontId, Sense, pos2, vec2};

/// Show `text` wrapped to the available width; right-aligned when its
/// paragraphs are right-to-left. Returns the response of the whole block.
pub fn bidi_label_ui(
    ui: &mut egui::Ui,
    text: &str,
    font: FontId,
    color: Color32,
) -> egui::Response {
    let width = ui.available_width().max(40.0);
    let mut lines = Vec::new();
    ui.fonts_mut(|f| {
        let mut measure = |s: &str| {
            f.layout_no_wrap(s.to_string(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        };
        for para in text.split('\n') {
            let rtl = crate::text::mostly_rtl(para)
                || (para.trim().is_empty() && crate::text::mostly_rtl(text));
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
