//! Social media ▸ Import posts and comments: the three files (accounts,
//! posts, optional comments) chosen, the starter code system offered, and
//! the import applied as one undo step (`crate::social::plan`).

use super::{Action, UiState};
use crate::model::Project;

#[derive(Default)]
pub struct SocialImport {
    pub open: bool,
}

pub fn social_import_ui(
    _ctx: &egui::Context,
    _p: &Project,
    _state: &mut UiState,
    _out: &mut Vec<Action>,
) {
}
