//! The complex-retrieval tab: a one-line query (`analysis::query`), run by
//! its button or Enter; its error in the interface's language, or its hits
//! listed (a click shows one), shown in the retrieved-segments pane or
//! exported as a table.

use super::query_hits::{QueryHits, hits_grid, hits_list_ui};
use crate::app::i18n::Noun;
use crate::app::i18n::an_query::{error_text, strings};
use crate::app::{Action, UiState, bidi, bidi_edit_ui, bidi_label_ui, row};
use crate::model::*;

#[derive(Default)]
pub struct QueryState {
    /// What is typed in the field.
    pub text: String,
    /// The query last run, and its hits.
    pub ran: Option<QueryHits>,
    /// The query whose hits the retrieved-segments pane shows instead of
    /// the activated codes' codings.
    pub pane: Option<QueryHits>,
}

pub fn query_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let mut text = state.analysis.query.text.clone();
    let mut run = false;
    row(ui, rtl, |ui| {
        let width = (ui.available_width() - 90.0).max(120.0);
        // Code names are Persian: the bidi-aware field.
        let field = crate::app::bidi_edit::sized_ui(ui, width, |ui| {
            bidi_edit_ui(ui, &mut text, "query-field", s.field, s.hint, false)
        });
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        run = ui.button(bidi(s.run)).clicked()
            || (enter && (field.has_focus() || field.lost_focus()));
    });
    state.analysis.query.text = text;
    let small = egui::TextStyle::Small.resolve(ui.style());
    bidi_label_ui(ui, s.help, small, ui.visuals().weak_text_color());
    if run {
        let q = state.analysis.query.text.trim().to_string();
        state.analysis.query.ran = Some(QueryHits::new(q));
    }
    ui.separator();
    let Some(mut ran) = state.analysis.query.ran.take() else {
        return;
    };
    match ran.hits(p) {
        Err(e) => {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let red = ui.visuals().error_fg_color;
            bidi_label_ui(ui, &error_text(state.locale(), &e), font, red);
        }
        Ok(hits) => {
            row(ui, rtl, |ui| {
                ui.label(bidi(&state.locale().count(hits.len(), Noun::Match)));
                if ui.button(bidi(s.show_in_pane)).clicked() {
                    state.analysis.query.pane = Some(QueryHits::new(ran.query.clone()));
                    state.show_side = true;
                }
                let export = super::strings(state.lang).export_table;
                if ui.button(bidi(export)).clicked() {
                    let grid = hits_grid(p, state.lang, &hits);
                    super::export_table(state, grid, out);
                }
            });
            if hits.is_empty() {
                ui.label(bidi(s.no_hits));
            }
            hits_list_ui(ui, p, state, &hits, "query-hits", out);
        }
    }
    state.analysis.query.ran = Some(ran);
}
