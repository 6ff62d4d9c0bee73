//! The Indices tab: the Bonsón et al. indices by network, role, both or
//! account, as the paper's Tables 1 and 2, with charts.

use super::super::{Action, UiState};
use crate::model::Project;

#[derive(Default)]
pub struct IndicesState {}

pub fn indices_ui(_ui: &mut egui::Ui, _p: &Project, _state: &mut UiState, _out: &mut Vec<Action>) {}
