//! The file browser's places and listing: the recent folders column and
//! the rows of the folder shown (name, size, date), mirrored in Persian.

use super::bidi;
use super::file_browser::{FileBrowser, Outcome};
use super::file_list::{self, Entry};
use super::i18n::Locale;
use egui::{Sense, vec2};
use std::path::{Path, PathBuf};

/// The width of the recent folders column, and of the size and date columns.
pub(super) const PLACES_W: f32 = 150.0;
const SIZE_W: f32 = 80.0;
const DATE_W: f32 = 130.0;

/// Home, the project's folder and the recent folders.
pub(super) fn places_ui(ui: &mut egui::Ui, fb: &mut FileBrowser, loc: Locale) {
    let s = loc.strings();
    let mut go = None;
    let mut place = |ui: &mut egui::Ui, label: &str, path: &Path| {
        let r = ui
            .selectable_label(fb.folder == path, bidi(label))
            .on_hover_text(bidi(&path.display().to_string()));
        if r.clicked() {
            go = Some(path.to_path_buf());
        }
    };
    if let Some(home) = file_list::home() {
        place(ui, s.fb_home, &home);
    }
    if let Some(folder) = fb.project.as_deref().and_then(Path::parent) {
        place(ui, s.fb_project_folder, folder);
    }
    if !fb.places.is_empty() {
        ui.add_space(6.0);
        ui.label(
            egui::RichText::new(bidi(s.fb_recent_folders))
                .small()
                .weak(),
        );
        for p in &fb.places {
            let name = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            place(ui, &name, p);
        }
    }
    if let Some(folder) = go {
        fb.go(folder);
    }
}

/// The folder's entries: a header, then one row each (name, size, date).
pub(super) fn listing_ui(
    ui: &mut egui::Ui,
    fb: &mut FileBrowser,
    loc: Locale,
    h: f32,
) -> Option<Outcome> {
    let s = loc.strings();
    let row_h = ui.spacing().interact_size.y + 2.0;
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::hover());
    let weak = ui.visuals().weak_text_color();
    let [name, size, date] = columns(rect, loc.rtl());
    let font = egui::TextStyle::Small.resolve(ui.style());
    let head = |r: egui::Rect, t: &str, align: egui::Align2| {
        let x = if align == egui::Align2::RIGHT_CENTER {
            r.right()
        } else {
            r.left()
        };
        ui.painter().text(
            egui::pos2(x, r.center().y),
            align,
            bidi(t),
            font.clone(),
            weak,
        );
    };
    let (start, end) = if loc.rtl() {
        (egui::Align2::RIGHT_CENTER, egui::Align2::LEFT_CENTER)
    } else {
        (egui::Align2::LEFT_CENTER, egui::Align2::RIGHT_CENTER)
    };
    head(name, s.fb_name, start);
    head(size, s.fb_size, end);
    head(date, s.fb_modified, start);
    if fb.shown.is_empty() {
        ui.label(egui::RichText::new(bidi(s.fb_empty)).weak());
        return None;
    }
    let mut clicked = None;
    let mut activated = None;
    // Only the rows in view are laid out: a folder may hold thousands.
    let view_h = h - row_h;
    let mut area = egui::ScrollArea::vertical()
        .id_salt(("fb-listing", &fb.folder))
        .max_height(view_h)
        .auto_shrink([false, false]);
    if fb.scroll_to_focus
        && let Some(f) = fb.sel.focus
    {
        let step = row_h + ui.spacing().item_spacing.y;
        let (top, y) = (f as f32 * step, fb.scroll_y);
        let y = if top < y {
            top
        } else if top + step > y + view_h {
            top + step - view_h
        } else {
            y
        };
        area = area.vertical_scroll_offset(y.max(0.0));
    }
    let shown = area.show_rows(ui, row_h, fb.shown.len(), |ui, rows| {
        for i in rows {
            let Some(e) = fb.shown.get(i) else { break };
            let focused = fb.sel.focus == Some(i);
            let r = row_ui(ui, e, fb.sel.chosen.contains(&i), focused, loc);
            if r.double_clicked() {
                activated = Some(i);
            } else if r.clicked() {
                clicked = Some((i, ui.input(|inp| inp.modifiers)));
            }
        }
    });
    fb.scroll_y = shown.state.clamped_offset().y;
    fb.scroll_to_focus = false;
    if let Some((i, m)) = clicked {
        fb.click(i, m);
    }
    activated.and_then(|i| fb.activate(i)).map(Outcome::Chosen)
}

/// The name, size and date columns of a row, mirrored in Persian.
fn columns(rect: egui::Rect, rtl: bool) -> [egui::Rect; 3] {
    let gap = 8.0;
    let (l, r) = (rect.left(), rect.right());
    let span = |a: f32, b: f32| egui::Rect::from_x_y_ranges(a..=b, rect.y_range());
    if rtl {
        [
            span(l + DATE_W + SIZE_W + 2.0 * gap, r - 4.0),
            span(l + DATE_W + gap, l + DATE_W + gap + SIZE_W),
            span(l + 4.0, l + DATE_W),
        ]
    } else {
        [
            span(l + 4.0, r - DATE_W - SIZE_W - 2.0 * gap),
            span(r - DATE_W - gap - SIZE_W, r - DATE_W - gap),
            span(r - DATE_W, r - 4.0),
        ]
    }
}

/// One entry: an icon and its name (shaped and reordered, cut at its
/// logical end), its size and when it was changed. Its accessible label
/// is the plain file name.
fn row_ui(
    ui: &mut egui::Ui,
    e: &Entry,
    selected: bool,
    focused: bool,
    loc: Locale,
) -> egui::Response {
    let row_h = ui.spacing().interact_size.y + 2.0;
    let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::CLICK);
    let v = ui.visuals();
    let fill = super::bidi_label::row_fill(v, selected, resp.hovered());
    ui.painter().rect_filled(rect, 3.0, fill);
    if focused {
        let stroke = egui::Stroke::new(1.0, v.selection.stroke.color);
        ui.painter()
            .rect_stroke(rect.shrink(1.0), 3.0, stroke, egui::StrokeKind::Inside);
    }
    let color = if selected {
        v.selection.stroke.color
    } else {
        v.text_color()
    };
    let weak = if selected { color } else { v.weak_text_color() };
    let rtl = loc.rtl();
    let [name, size, date] = columns(rect, rtl);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let icon = if e.is_dir { "🗀" } else { "🗋" };
    let icon_w = 22.0;
    let (icon_at, text) = if rtl {
        (
            egui::pos2(name.right(), name.center().y),
            name.with_max_x(name.right() - icon_w),
        )
    } else {
        (
            egui::pos2(name.left(), name.center().y),
            name.with_min_x(name.left() + icon_w),
        )
    };
    let icon_align = if rtl {
        egui::Align2::RIGHT_CENTER
    } else {
        egui::Align2::LEFT_CENTER
    };
    ui.painter()
        .text(icon_at, icon_align, icon, font.clone(), weak);
    super::bidi_label::paint_line_at_start_ui(ui, text, &e.name, font, color);
    let painter = ui.painter_at(rect);
    if !e.is_dir {
        let (x, align) = if rtl {
            (size.left(), egui::Align2::LEFT_CENTER)
        } else {
            (size.right(), egui::Align2::RIGHT_CENTER)
        };
        let t = bidi(&size_text(loc, e.size));
        painter.text(
            egui::pos2(x, size.center().y),
            align,
            t,
            small.clone(),
            weak,
        );
    }
    if let Some(m) = e.modified {
        let t = chrono::DateTime::<chrono::Local>::from(m)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let (x, align) = if rtl {
            (date.right(), egui::Align2::RIGHT_CENTER)
        } else {
            (date.left(), egui::Align2::LEFT_CENTER)
        };
        painter.text(
            egui::pos2(x, date.center().y),
            align,
            bidi(&loc.num(t)),
            small,
            weak,
        );
    }
    let label = e.name.clone();
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &label));
    resp
}

/// A file's size in the interface's digits and units.
fn size_text(loc: Locale, bytes: u64) -> String {
    let s = loc.strings();
    let units = [s.fb_kb, s.fb_mb, s.fb_gb];
    if bytes < 1024 {
        return format!("{} {}", loc.num(bytes), s.fb_bytes);
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < units.len() {
        v /= 1024.0;
        unit += 1;
    }
    let n = if v < 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    };
    format!("{} {}", loc.num(n), units[unit])
}

#[cfg(test)]
mod tests {
    use super::size_text;
    use crate::app::i18n::Locale;
    use crate::app::numbers::tests::FA;

    #[test]
    fn sizes_are_said_in_the_interface_digits_and_units() {
        assert_eq!(size_text(Locale::EN, 512), "512 B");
        assert_eq!(size_text(Locale::EN, 2560), "2.5 KB");
        assert_eq!(size_text(Locale::EN, 30 * 1024 * 1024), "30 MB");
        assert_eq!(size_text(FA, 2560), "۲٫۵ کیلوبایت");
    }
}

/// Why a folder or a typed name could not be used; said in the
/// interface's language when drawn (the language may change meanwhile).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Problem {
    Missing(PathBuf),
    Denied(PathBuf),
    Unreadable(PathBuf, String),
    NotFound(PathBuf),
}

impl Problem {
    pub(super) fn of(path: &Path, e: &std::io::Error) -> Self {
        let path = path.to_path_buf();
        match e.kind() {
            std::io::ErrorKind::NotFound => Problem::Missing(path),
            std::io::ErrorKind::PermissionDenied => Problem::Denied(path),
            _ => Problem::Unreadable(path, e.to_string()),
        }
    }

    pub(super) fn say(&self, loc: Locale) -> String {
        let s = loc.strings();
        let p = super::errors::p;
        match self {
            Problem::Missing(path) => format!("{}: {}", p(path), s.fb_missing),
            Problem::Denied(path) => format!("{}: {}", p(path), s.fb_denied),
            Problem::Unreadable(path, why) => format!(
                "{}: {} ({})",
                p(path),
                s.fb_unreadable,
                super::errors::l(why)
            ),
            Problem::NotFound(path) => format!("{}: {}", p(path), s.fb_not_found),
        }
    }
}
