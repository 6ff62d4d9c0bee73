//! A complex retrieval's hits, shared by its tab and the retrieved-segments
//! pane: built once per (generation, query), listed, and exported as the
//! same table as the pane's usual retrieval.

use crate::analysis::query::{self, Hit, QueryError};
use crate::app::i18n::Noun;
use crate::app::i18n::an_query::{QueryStrings, error_text, hit_label, strings};
use crate::app::{Action, Lang, UiState, bidi, quote_line_ui, row};
use crate::export::{Cell, Grid};
use crate::model::*;
use std::sync::Arc;

/// A query's hits, or why it has none.
pub type Found = Result<Arc<Vec<Hit>>, QueryError>;

/// A query and its hits, kept while the project's generation stays.
pub struct QueryHits {
    pub query: String,
    built: Option<(u64, Found)>,
}

impl QueryHits {
    pub fn new(query: String) -> Self {
        Self { query, built: None }
    }

    /// The hits, evaluated again only when the project has changed.
    pub fn hits(&mut self, p: &Project) -> Found {
        match &self.built {
            Some((g, r)) if *g == p.generation() => r.clone(),
            _ => {
                let r = query::run(p, &self.query).map(Arc::new);
                self.built = Some((p.generation(), r.clone()));
                r
            }
        }
    }
}

/// A hit's citation: document, lines and codes.
fn head(p: &Project, state: &UiState, doc: &Document, hit: &Hit, s: &QueryStrings) -> String {
    let (a, b) = doc.lines_of(hit.range);
    let cite = crate::app::header::cite_lines(state.locale(), a, b);
    let codes = query::hit_codes(p, hit, "/").join(s.list_sep);
    format!(
        "{}{} {cite} · {codes}",
        doc.cite_label(),
        state.lang.strings().comma
    )
}

/// The hits, one clickable row each (only the rows on screen are built);
/// a click shows the segment in its document.
pub fn hits_list_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &UiState,
    hits: &[Hit],
    salt: &str,
    out: &mut Vec<Action>,
) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 2.6 + 14.0;
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .auto_shrink([false, true])
        .show_rows(ui, row_h, hits.len(), |ui, rows| {
            for hit in &hits[rows] {
                let Some(doc) = p.document(hit.document) else {
                    continue;
                };
                let (a, b) = doc.lines_of(hit.range);
                let (rect, r) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_h),
                    egui::Sense::click(),
                );
                let mut row_ui = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                row_ui.set_clip_rect(rect.intersect(ui.clip_rect()));
                let head = head(p, state, doc, hit, s);
                let text: String = doc.slice(hit.range).chars().take(200).collect();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                egui::Frame::group(row_ui.style()).show(&mut row_ui, |ui| {
                    ui.set_width(ui.available_width());
                    let small = egui::TextStyle::Small.resolve(ui.style());
                    let body = egui::TextStyle::Body.resolve(ui.style());
                    let weak = ui.visuals().weak_text_color();
                    let plain = ui.visuals().text_color();
                    quote_line_ui(ui, &head, small, weak, Some(rtl));
                    let line_rtl = doc.line_is_rtl_in(a, p.direction);
                    quote_line_ui(ui, &text, body, plain, Some(line_rtl));
                });
                let label = hit_label(state.locale(), &doc.name, a, b);
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if r.clicked() {
                    out.push(Action::JumpTo(doc.id, hit.range));
                }
            }
        });
}

/// The retrieved-segments pane while it shows a query's hits: the query,
/// a way back, the count, an export and the list.
pub fn retrieved_query_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let Some(mut shown) = state.analysis.query.pane.take() else {
        return;
    };
    let small = egui::TextStyle::Small.resolve(ui.style());
    let weak = ui.visuals().weak_text_color();
    crate::app::bidi_label_ui(
        ui,
        &format!("{} {}", s.pane_query, shown.query),
        small,
        weak,
    );
    let mut back = false;
    let result = shown.hits(p);
    row(ui, rtl, |ui| {
        back = ui.button(bidi(s.back)).clicked();
        if let Ok(hits) = &result
            && ui
                .button(bidi(
                    crate::app::i18n::analysis::strings(state.lang).export_table,
                ))
                .clicked()
        {
            let grid = hits_grid(p, state.lang, hits);
            super::export_table(state, grid, out);
        }
    });
    match &result {
        Ok(hits) => {
            ui.label(
                egui::RichText::new(bidi(&state.locale().count(hits.len(), Noun::Match)))
                    .small()
                    .weak(),
            );
            hits_list_ui(ui, p, state, hits, "query-pane", out);
        }
        // The project changed under the query (a code renamed, say).
        Err(e) => {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let red = ui.visuals().error_fg_color;
            crate::app::bidi_label_ui(ui, &error_text(state.locale(), e), font, red);
        }
    }
    if !back {
        state.analysis.query.pane = Some(shown);
    }
}

/// The usual retrieved segments' count, and their export.
pub fn retrieved_count_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    segments: &[(usize, CodingId)],
    out: &mut Vec<Action>,
) {
    let lang = state.lang;
    row(ui, lang.rtl(), |ui| {
        let n = state.locale().count(segments.len(), Noun::Coding);
        ui.label(egui::RichText::new(bidi(&n)).small().weak());
        let export = crate::app::i18n::analysis::strings(lang).export_table;
        if ui.small_button(bidi(export)).clicked() {
            let grid = codings_grid(p, lang, segments);
            super::export_table(state, grid, out);
        }
    });
}

fn columns(lang: Lang) -> Vec<String> {
    let s = strings(lang);
    [
        s.col_document,
        s.col_from,
        s.col_to,
        s.col_codes,
        s.col_coders,
        s.col_text,
    ]
    .iter()
    .map(|c| c.to_string())
    .collect()
}

fn grid_row(doc: &Document, range: CharRange, codes: String, coders: String) -> Vec<Cell> {
    let (a, b) = doc.lines_of(range);
    vec![
        doc.name.as_str().into(),
        a.into(),
        b.into(),
        codes.into(),
        coders.into(),
        doc.slice(range).into(),
    ]
}

/// A query's hits as a table: document, lines, codes, coders, text.
pub fn hits_grid(p: &Project, lang: Lang, hits: &[Hit]) -> Grid {
    let s = strings(lang);
    let rows = hits
        .iter()
        .filter_map(|h| {
            let doc = p.document(h.document)?;
            let codes = query::hit_codes(p, h, "/").join(s.list_sep);
            let coders = query::hit_coders(p, h).join(s.list_sep);
            Some(grid_row(doc, h.range, codes, coders))
        })
        .collect();
    Grid {
        title: s.title_query.to_string(),
        columns: columns(lang),
        rows,
        rtl: lang.rtl(),
    }
}

/// The usual retrieved segments (document position, coding) as the same
/// table.
pub fn codings_grid(p: &Project, lang: Lang, segments: &[(usize, CodingId)]) -> Grid {
    let s = strings(lang);
    let rows = segments
        .iter()
        .filter_map(|(pos, id)| {
            let doc = p.documents.get(*pos)?;
            let c = p.codings.get(id)?;
            let code = p.code_path_label(c.code, "/");
            Some(grid_row(
                doc,
                c.range,
                code,
                p.coder_name(c.coder).to_string(),
            ))
        })
        .collect();
    Grid {
        title: s.title_retrieved.to_string(),
        columns: columns(lang),
        rows,
        rtl: lang.rtl(),
    }
}
