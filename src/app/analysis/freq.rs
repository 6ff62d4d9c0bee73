//! (to be written)

use crate::app::{Action, UiState};
use crate::model::*;

#[derive(Default)]
pub struct FreqState {}

pub fn frequencies_ui(
    ui: &mut egui::Ui,
    _p: &Project,
    _state: &mut UiState,
    _out: &mut Vec<Action>,
) {
    ui.label("…");
}

pub fn words_ui(ui: &mut egui::Ui, _p: &Project, _state: &mut UiState, _out: &mut Vec<Action>) {
    ui.label("…");
}
