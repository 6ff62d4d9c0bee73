//! The Posts tab: the posts of the selected accounts with their counts and
//! dates, sortable; a click opens the post and its comments as a document,
//! coded like any transcript.

use super::super::{Action, UiState};
use crate::model::Project;

#[derive(Default)]
pub struct PostsState {}

pub fn posts_ui(ui: &mut egui::Ui, _p: &Project, state: &mut UiState, _out: &mut Vec<Action>) {
    ui.label(super::super::bidi(
        super::super::i18n::an_posts::strings(state.lang).title,
    ));
}
