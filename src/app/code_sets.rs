//! Code sets in the tree, as MAXQDA shows its code sets and REFI-QDA
//! projects bring theirs: a choice above the tree shows one set's codes
//! alone (the tree's own filter still applies), or all codes.

use super::{UiState, bidi};
use crate::model::{CodeId, Project};
use std::collections::BTreeSet;

/// The choice of set, when the project has any. A set that is gone (an
/// undo, another project) is forgotten.
pub fn code_set_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState) {
    if state
        .tree
        .code_set
        .is_some_and(|id| !p.code_sets.iter().any(|s| s.id == id))
    {
        state.tree.code_set = None;
    }
    if p.code_sets.is_empty() {
        return;
    }
    let s = state.lang.strings();
    let chosen = state
        .tree
        .code_set
        .and_then(|id| p.code_sets.iter().find(|s| s.id == id));
    let shown = chosen.map_or(s.all_codes, |c| c.name.as_str());
    let mut pick = None;
    super::mirror::combo_ui(ui, state.lang.rtl(), s.code_set, shown, false, |ui| {
        if ui
            .selectable_label(chosen.is_none(), bidi(s.all_codes))
            .clicked()
        {
            pick = Some(None);
        }
        for set in &p.code_sets {
            let label = format!("{} ({})", set.name, state.num(set.codes.len()));
            let r = ui.selectable_label(chosen.is_some_and(|c| c.id == set.id), bidi(&label));
            let r = if set.description.is_empty() {
                r
            } else {
                r.on_hover_text(bidi(&set.description))
            };
            if r.clicked() {
                pick = Some(Some(set.id));
            }
        }
    });
    if let Some(p) = pick {
        state.tree.code_set = p;
    }
}

/// `visible` (None: every code) narrowed to the chosen set's codes.
pub fn narrow(
    p: &Project,
    state: &UiState,
    visible: Option<BTreeSet<CodeId>>,
) -> Option<BTreeSet<CodeId>> {
    let Some(set) = state
        .tree
        .code_set
        .and_then(|id| p.code_sets.iter().find(|s| s.id == id))
    else {
        return visible;
    };
    Some(
        set.codes
            .iter()
            .copied()
            .filter(|c| visible.as_ref().is_none_or(|v| v.contains(c)))
            .collect(),
    )
}
