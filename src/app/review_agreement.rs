//! The review window's Agreement tab.

use super::i18n::review::strings;
use super::{Action, UiState, bidi, row};
use crate::model::*;

#[derive(Default)]
pub struct AgreementState {}

pub fn agreement_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let _ = (p, out);
    let rs = strings(state.lang);
    row(ui, state.lang.rtl(), |ui| ui.label(bidi(rs.agreement)));
}
