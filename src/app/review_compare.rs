//! The review window's Changes tab (what changed since a review point) and
//! Compare tab (two coders' or two versions' code trees side by side).

use super::i18n::review::strings;
use super::{Action, UiState, bidi, row};
use crate::model::*;

#[derive(Default)]
pub struct CompareState {}

pub fn changes_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let _ = (p, out);
    let rs = strings(state.lang);
    row(ui, state.lang.rtl(), |ui| ui.label(bidi(rs.changes)));
}

pub fn compare_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState) {
    let _ = p;
    let rs = strings(state.lang);
    row(ui, state.lang.rtl(), |ui| ui.label(bidi(rs.compare)));
}
