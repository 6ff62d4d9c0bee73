//! The bar above the document browser: document, direction, the current
//! selection or coding, recent codes and text search.

use super::i18n::{Locale, Noun};
use super::{Action, AppCommand, UiState, bidi};
use crate::model::*;
use egui::RichText;

/// Text search in the open document: the Search tab's matching (see
/// `analysis::search`), so Ctrl+F finds the same hits.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<CharRange>,
    pub current: usize,
    key: Option<(DocId, String)>,
    pub focus: bool,
}

/// `line 12` / `lines 12–14`, in the interface language and digits.
pub fn cite_lines(loc: Locale, a: usize, b: usize) -> String {
    let s = loc.strings();
    if a == b {
        format!("{} {}", s.line, loc.num(a))
    } else {
        format!("{} {}–{}", s.lines, loc.num(a), loc.num(b))
    }
}

pub fn header_ui(
    ui: &mut egui::Ui,
    p: &Project,
    doc: &Document,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let lang = state.lang;
    let s = lang.strings();
    super::row(ui, lang.rtl(), |ui| {
        ui.heading(bidi(&doc.name));
        let label = |d: Direction| match d {
            Direction::Auto => s.dir_auto,
            Direction::Rtl => s.dir_rtl,
            Direction::Ltr => s.dir_ltr,
        };
        let current = label(doc.direction);
        super::mirror::combo_ui(ui, lang.rtl(), s.direction, current, false, |ui| {
            for d in [Direction::Auto, Direction::Rtl, Direction::Ltr] {
                if ui
                    .selectable_label(doc.direction == d, bidi(label(d)))
                    .clicked()
                    && doc.direction != d
                {
                    out.push(Action::Edit(crate::edit::Command::SetDirection {
                        id: doc.id,
                        direction: d,
                    }));
                }
            }
        });
        // The variables last: in a narrow pane they wrap, not the box.
        let vars: Vec<String> = doc
            .variables
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        // An empty label here made the wrapping row put the direction box
        // over the name (a document without variables).
        if !vars.is_empty() {
            ui.label(RichText::new(bidi(&vars.join("  "))).weak());
        }
    });
    fixed_row_ui(ui, lang.rtl(), |ui| {
        if let Some(c) = state.selected_coding.and_then(|c| p.codings.get(&c)) {
            coding_bar_ui(ui, p, doc, c, state, out);
        } else if let Some(sel) = state.selection {
            let (a, b) = doc.lines_of(sel);
            ui.label(bidi(&format!(
                "{}: {}{} {}",
                s.selection,
                doc.cite_label(),
                s.comma,
                cite_lines(state.locale(), a, b)
            )));
            if ui.button(bidi(s.apply_code)).clicked() {
                out.push(Action::Run(AppCommand::ApplyCode));
            }
        }
        // Between the selection and the recent codes; alone, it is a stray line.
        if (state.selected_coding.is_some() || state.selection.is_some())
            && !state.recent_codes.is_empty()
        {
            ui.separator();
        }
        for (i, id) in state.recent_codes.iter().take(9).enumerate() {
            let Some(code) = p.codes.get(id) else {
                continue;
            };
            let name: String = code.name.chars().take(24).collect();
            let b = egui::Button::new(
                RichText::new(bidi(&format!("{} {name}", state.num(i + 1))))
                    .color(super::contrast::code_text_on(
                        p,
                        *id,
                        ui.visuals().panel_fill,
                    ))
                    .small(),
            );
            if ui.add(b).on_hover_text(bidi(s.quick_codes)).clicked() {
                out.push(Action::ApplyCode(*id));
            }
        }
    });
    search_ui(ui, doc, state, out);
}

/// A row of one fixed height that never wraps, so the text below never
/// moves while the user selects: what does not fit (the last recent codes
/// in a narrow window) is cut off at the row's far end.
fn fixed_row_ui(ui: &mut egui::Ui, rtl: bool, add: impl FnOnce(&mut egui::Ui)) {
    let h = ui.spacing().interact_size.y + 4.0;
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), h), egui::Sense::hover());
    let layout = if rtl {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    let mut row = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(layout));
    row.set_clip_rect(rect.intersect(ui.clip_rect()));
    add(&mut row);
}

fn coding_bar_ui(
    ui: &mut egui::Ui,
    p: &Project,
    doc: &Document,
    c: &Coding,
    state: &UiState,
    out: &mut Vec<Action>,
) {
    let s = state.lang.strings();
    let (a, b) = doc.lines_of(c.range);
    let code = p.codes.get(&c.code).map_or("?", |k| k.name.as_str());
    ui.label(
        RichText::new(bidi(code))
            .color(super::contrast::code_text_on(
                p,
                c.code,
                ui.visuals().panel_fill,
            ))
            .strong(),
    );
    ui.label(bidi(&format!(
        "{}{} {} · {}",
        doc.cite_label(),
        s.comma,
        cite_lines(state.locale(), a, b),
        p.coder_name(c.coder)
    )));
    if ui.button(bidi(s.change_code)).clicked() {
        out.push(Action::OpenRecodePicker(c.id));
    }
    let resizable = state
        .selection
        .is_some_and(|r| r != c.range && !r.is_empty());
    if ui
        .add_enabled(resizable, egui::Button::new(bidi(s.resize_to_selection)))
        .clicked()
        && let Some(range) = state.selection
    {
        out.push(Action::Edit(crate::edit::Command::ResizeCoding {
            id: c.id,
            range,
        }));
    }
    if ui.button(bidi(s.remove_coding)).clicked() {
        out.push(Action::Run(AppCommand::RemoveCoding));
    }
}

fn search_ui(ui: &mut egui::Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Action>) {
    let lang = state.lang;
    let loc = state.locale();
    let Some(search) = state.search.as_mut() else {
        return;
    };
    let mut close = false;
    let mut jump = None;
    ui.horizontal(|ui| {
        let hint = lang.strings().search;
        let r = super::bidi_edit::sized_ui(ui, 220.0, |ui| {
            super::bidi_edit_ui(
                ui,
                &mut search.query,
                "text-search",
                "Search text",
                hint,
                false,
            )
        });
        if search.focus {
            r.request_focus();
            search.focus = false;
        }
        let key = (doc.id, search.query.clone());
        if search.key.as_ref() != Some(&key) {
            search.matches = find_in(doc, &search.query);
            search.current = 0;
            search.key = Some(key);
            jump = search.matches.first().copied();
        }
        let n = search.matches.len();
        ui.label(bidi(&format!(
            "{} / {}",
            loc.num(if n == 0 { 0 } else { search.current + 1 }),
            loc.count(n, Noun::Match)
        )));
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(bidi(lang.strings().previous)).clicked()) && n > 0 {
            search.current = (search.current + n - 1) % n;
            jump = search.matches.get(search.current).copied();
        }
        if (ui.button(bidi(lang.strings().next)).clicked() || enter) && n > 0 {
            search.current = (search.current + 1) % n;
            jump = search.matches.get(search.current).copied();
            if enter {
                search.focus = true;
            }
        }
        if ui.button("×").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close = true;
        }
    });
    if let Some(r) = jump {
        out.push(Action::JumpTo(doc.id, r));
    }
    if close {
        state.search = None;
    }
}

/// The hits of `query` in `doc`, as the Search tab finds them (folded,
/// widened to whole graphemes); none for a query of only ignored marks.
fn find_in(doc: &Document, query: &str) -> Vec<CharRange> {
    use crate::analysis::search::{FoldedText, Matcher, Query, search_document};
    let q = Query {
        text: query.to_string(),
        ..Default::default()
    };
    match Matcher::new(&q) {
        Ok(m) => {
            let folded = FoldedText::new(doc.text());
            search_document(doc, Some(&folded), &m, false)
                .into_iter()
                .map(|h| h.range)
                .collect()
        }
        // Empty (or only marks search ignores): nothing to find.
        Err(_) => Vec::new(),
    }
}
