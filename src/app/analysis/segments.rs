//! A list of coded segments (a matrix cell's, a co-occurrence's): where
//! each is, its code and coder, and its text; a click opens the document
//! at it. Only the rows on screen are built.

use crate::app::header::cite_lines;
use crate::app::i18n::Locale;
use crate::app::{Action, quote_line_ui};
use crate::model::*;

pub fn segments_ui(
    ui: &mut egui::Ui,
    p: &Project,
    loc: Locale,
    id: &str,
    codings: &[CodingId],
    out: &mut Vec<Action>,
) {
    let s = loc.strings();
    let small = egui::TextStyle::Small.resolve(ui.style());
    let body = egui::TextStyle::Body.resolve(ui.style());
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 2.6 + 10.0;
    let ix = p.index();
    egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .show_rows(ui, row_h, codings.len(), |ui, rows| {
            for c in codings[rows].iter().filter_map(|c| p.codings.get(c)) {
                let Some(d) = ix
                    .document_position(c.document)
                    .and_then(|i| p.documents.get(i))
                else {
                    continue;
                };
                let (a, b) = d.lines_of(c.range);
                let code = p.codes.get(&c.code).map_or("?", |k| k.name.as_str());
                let head = format!(
                    "{}{} {} · {} · {}",
                    d.cite_label(),
                    s.comma,
                    cite_lines(loc, a, b),
                    code,
                    p.coder_name(c.coder)
                );
                let text: String = d.slice(c.range).chars().take(200).collect();
                let (rect, resp) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_h),
                    egui::Sense::click(),
                );
                if resp.hovered() {
                    ui.painter()
                        .rect_filled(rect, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
                }
                let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(2.0)));
                let weak = child.visuals().weak_text_color();
                let plain = child.visuals().text_color();
                quote_line_ui(&mut child, &head, small.clone(), weak, Some(loc.rtl()));
                let rtl = d.line_is_rtl_in(a, p.direction);
                quote_line_ui(&mut child, &text, body.clone(), plain, Some(rtl));
                let label = format!("{head}: {text}");
                let resp = resp.on_hover_cursor(egui::CursorIcon::PointingHand);
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if resp.clicked() {
                    out.push(Action::SelectCoding(c.id));
                    out.push(Action::JumpTo(d.id, c.range));
                }
            }
        });
}
