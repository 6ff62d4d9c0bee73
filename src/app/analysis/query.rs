//! (to be written)

use crate::app::{Action, UiState};
use crate::model::*;

#[derive(Default)]
pub struct QueryState {}

pub fn query_ui(ui: &mut egui::Ui, _p: &Project, _state: &mut UiState, _out: &mut Vec<Action>) {
    ui.label("…");
}
