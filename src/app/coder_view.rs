//! One coder's codings alone: the View menu's "Codings of" choice filters
//! the document's stripes and highlights, the retrieved segments and the
//! counts of the code tree and the documents list. The counts are built
//! once per generation and coder, from the index.

use super::{Action, UiState, bidi, mirror};
use crate::model::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Counts of one coder's codings.
pub struct CoderCounts {
    key: (u64, CoderId),
    pub own: BTreeMap<CodeId, usize>,
    pub total: BTreeMap<CodeId, usize>,
    pub per_document: BTreeMap<DocId, usize>,
}

impl CoderCounts {
    fn build(p: &Project, coder: CoderId) -> Self {
        let (own, total) = crate::analysis::code_counts(p, crate::analysis::codings_of(p, coder));
        let mut per_document = BTreeMap::new();
        for c in crate::analysis::codings_of(p, coder) {
            *per_document.entry(c.document).or_insert(0) += 1;
        }
        Self {
            key: (p.generation(), coder),
            own,
            total,
            per_document,
        }
    }
}

/// The chosen coder's counts (None: all coders are shown), rebuilt only
/// when the project or the choice changed.
pub fn counts(p: &Project, state: &mut UiState) -> Option<Arc<CoderCounts>> {
    let coder = state.show_coder.filter(|c| p.coder(*c).is_some())?;
    let key = (p.generation(), coder);
    if let Some(c) = state.coder_counts.as_ref().filter(|c| c.key == key) {
        return Some(c.clone());
    }
    let built = Arc::new(CoderCounts::build(p, coder));
    state.coder_counts = Some(built.clone());
    Some(built)
}

/// Is this coding shown under the current choice?
pub fn shown(state: &UiState, c: &Coding) -> bool {
    state.show_coder.is_none_or(|f| f == c.coder)
}

/// The View menu's choice: every coder's codings, or one coder's.
pub fn menu_ui(ui: &mut egui::Ui, p: &Project, state: &UiState, out: &mut Vec<Action>) {
    let rtl = state.lang.rtl();
    let s = state.lang.strings();
    mirror::submenu_ui(ui, rtl, s.codings_of, |ui| {
        if ui
            .selectable_label(state.show_coder.is_none(), bidi(s.all_coders))
            .clicked()
        {
            out.push(Action::ShowCoder(None));
            ui.close();
        }
        for c in &p.coders {
            if ui
                .selectable_label(state.show_coder == Some(c.id), bidi(&c.name))
                .clicked()
            {
                out.push(Action::ShowCoder(Some(c.id)));
                ui.close();
            }
        }
    });
}

/// While one coder's codings are shown, the top bar says so, with a button
/// back to all.
pub fn banner_ui(ui: &mut egui::Ui, p: &Project, state: &UiState, out: &mut Vec<Action>) {
    let s = state.lang.strings();
    if !state.compare_coders.is_empty() {
        let names: Vec<&str> = state
            .compare_coders
            .iter()
            .filter_map(|c| p.coder(*c))
            .map(|c| c.name.as_str())
            .collect();
        let text = s
            .comparing_coders
            .replace("{first}", names.first().copied().unwrap_or("?"))
            .replace("{others}", &names[1.min(names.len())..].join(" | "));
        ui.label(egui::RichText::new(bidi(&text)).strong());
        if ui
            .small_button("×")
            .on_hover_text(bidi(s.all_coders))
            .clicked()
        {
            out.push(Action::CompareCoders(Vec::new()));
        }
        return;
    }
    let Some(c) = state.show_coder.and_then(|c| p.coder(c)) else {
        return;
    };
    let text = s.showing_coder.replace("{name}", &c.name);
    let swatch = egui::Color32::from_hex(&c.color).unwrap_or(egui::Color32::GRAY);
    let color = super::contrast::readable_on(swatch, ui.visuals().panel_fill);
    ui.label(egui::RichText::new(bidi(&text)).color(color).strong());
    if ui
        .small_button("×")
        .on_hover_text(bidi(s.all_coders))
        .clicked()
    {
        out.push(Action::ShowCoder(None));
    }
}
