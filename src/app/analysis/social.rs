//! The Social media menu: import posts and comments, and the posts and
//! indices tabs of the analysis window.

use super::super::i18n::an_social::strings;
use super::super::{Action, UiState, mirror};
use super::Tab;
use crate::model::Project;

pub fn menu_ui(ui: &mut egui::Ui, p: &Project, state: &UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let a = super::super::i18n::analysis::strings(state.lang);
    let rtl = state.lang.rtl();
    mirror::menu_ui(ui, rtl, s.menu, |ui| {
        if ui
            .add(mirror::item_button(rtl, s.menu_import, String::new()))
            .clicked()
        {
            out.push(Action::OpenSocialImport);
            ui.close();
        }
        let has_posts = !p.accounts.is_empty();
        for (tab, label) in [(Tab::Posts, a.menu_posts), (Tab::Indices, a.menu_indices)] {
            let r = ui
                .add_enabled(has_posts, mirror::item_button(rtl, label, String::new()))
                .on_disabled_hover_text(super::super::bidi(s.no_posts_yet));
            if r.clicked() {
                out.push(Action::OpenAnalysis(tab));
                ui.close();
            }
        }
    });
}
