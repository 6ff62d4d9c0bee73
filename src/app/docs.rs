//! The documents pane: groups, coding counts, variables on hover, and a
//! context menu to rename, remove or group documents.

use super::{Action, UiState, bidi};
use crate::edit::Command;
use crate::model::*;
use egui::RichText;

/// A document being renamed in place.
#[derive(Clone, Debug)]
pub struct DocRename {
    pub id: DocId,
    pub name: String,
}

/// One row of the documents pane; all rows are one height, so only those
/// on screen are built (a study can have thousands of documents).
enum Row {
    Group(String),
    Doc(usize),
}

const ROW_H: f32 = 22.0;

pub fn documents_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = state.lang.strings();
    ui.heading(bidi(s.documents));
    let mut rows: Vec<Row> = Vec::with_capacity(p.documents.len() + p.groups.len());
    let mut groups: Vec<(Option<GroupId>, String)> = vec![(None, String::new())];
    groups.extend(p.groups.iter().map(|g| (Some(g.id), g.name.clone())));
    for (gid, gname) in groups {
        if gid.is_some() {
            rows.push(Row::Group(gname));
        }
        rows.extend(
            p.documents
                .iter()
                .enumerate()
                .filter(|(_, d)| d.group == gid)
                .map(|(i, _)| Row::Doc(i)),
        );
    }
    let rtl = state.lang.rtl();
    let layout = if rtl {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    egui::ScrollArea::vertical()
        .id_salt("docs")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_H, rows.len(), |ui, range| {
            let ix = p.index();
            let by_coder = super::coder_view::counts(p, state);
            for row in &rows[range] {
                // Exactly ROW_H tall: the scroll area places rows by that height.
                ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), ROW_H), layout, |ui| {
                    ui.set_min_height(ROW_H);
                    match row {
                        Row::Group(name) => {
                            ui.label(RichText::new(bidi(name)).strong());
                        }
                        Row::Doc(i) => {
                            if let Some(d) = p.documents.get(*i) {
                                doc_row_ui(
                                    ui,
                                    p,
                                    d,
                                    match &by_coder {
                                        Some(c) => c.per_document.get(&d.id).copied().unwrap_or(0),
                                        None => ix.codings_of_document(d.id).len(),
                                    },
                                    state,
                                    out,
                                );
                            }
                        }
                    }
                });
            }
        });
}

fn doc_row_ui(
    ui: &mut egui::Ui,
    p: &Project,
    d: &Document,
    n: usize,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    if let Some(edit) = state.doc_rename.as_mut().filter(|r| r.id == d.id) {
        let outcome =
            super::bidi_edit::rename_ui(ui, &mut edit.name, ("doc-rename", d.id), "Document name");
        if outcome == super::bidi_edit::Rename::Commit {
            let name = edit.name.trim().to_string();
            if !name.is_empty() && name != d.name {
                out.push(Action::Edit(Command::RenameDocument { id: d.id, name }));
            }
        }
        if outcome != super::bidi_edit::Rename::Editing {
            state.doc_rename = None;
        }
        return;
    }
    activation_ui(ui, d, state);
    let r = ui.selectable_label(
        state.selected_doc == Some(d.id),
        bidi(&format!("{}  ({})", d.name, state.num(n))),
    );
    let r = if d.variables.is_empty() {
        r
    } else {
        let vars: Vec<String> = d
            .variables
            .iter()
            .map(|(k, v)| bidi(&format!("{k}: {v}")))
            .collect();
        r.on_hover_text(vars.join("\n"))
    };
    if r.clicked() {
        out.push(Action::SelectDoc(d.id));
    }
    if let Some(m) = p.first_memo(MemoTarget::Document(d.id))
        && super::memo::memo_icon_ui(ui, m, state.lang).clicked()
    {
        out.push(Action::ShowMemo(MemoTarget::Document(d.id)));
    }
    let rtl = state.lang.rtl();
    super::mirror::context_menu_ui(&r, rtl, |ui| doc_menu_ui(ui, p, d, state, out));
}

/// A square that activates the document for retrieval, as in MAXQDA.
fn activation_ui(ui: &mut egui::Ui, d: &Document, state: &mut UiState) {
    let active = state.active_docs.contains(&d.id);
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::click());
    let color = ui.visuals().text_color();
    if active {
        ui.painter()
            .rect_filled(rect, 2.0, ui.visuals().selection.bg_fill);
    }
    ui.painter().rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, color),
        egui::StrokeKind::Inside,
    );
    let name = d.name.clone();
    resp.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::CheckBox,
            true,
            active,
            format!("Activate document {name}"),
        )
    });
    if resp.clicked() {
        if active {
            state.active_docs.remove(&d.id);
        } else {
            state.active_docs.insert(d.id);
        }
    }
}

fn doc_menu_ui(
    ui: &mut egui::Ui,
    p: &Project,
    d: &Document,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = state.lang.strings();
    if ui.button(bidi(s.rename)).clicked() {
        state.doc_rename = Some(DocRename {
            id: d.id,
            name: d.name.clone(),
        });
        ui.close();
    }
    super::mirror::submenu_ui(ui, state.lang.rtl(), s.move_to_group, |ui| {
        if ui.selectable_label(d.group.is_none(), "—").clicked() {
            out.push(Action::Edit(Command::SetDocumentGroup {
                id: d.id,
                group: None,
            }));
            ui.close();
        }
        for g in &p.groups {
            if ui
                .selectable_label(d.group == Some(g.id), bidi(&g.name))
                .clicked()
            {
                out.push(Action::Edit(Command::SetDocumentGroup {
                    id: d.id,
                    group: Some(g.id),
                }));
                ui.close();
            }
        }
        if ui.button(bidi(s.new_group_item)).clicked() {
            let group = DocGroup {
                id: GroupId::new(),
                name: format!("{} {}", s.new_group, state.num(p.groups.len() + 1)),
                description: String::new(),
                stamp: Stamp::now(p.actor()),
            };
            let gid = group.id;
            out.push(Action::Edit(Command::Batch {
                label: crate::edit::Step::MoveDocumentToNewGroup,
                commands: vec![
                    Command::AddGroup {
                        group,
                        index: p.groups.len(),
                    },
                    Command::SetDocumentGroup {
                        id: d.id,
                        group: Some(gid),
                    },
                ],
            }));
            ui.close();
        }
    });
    ui.separator();
    let n = p.codings.values().filter(|c| c.document == d.id).count();
    if ui
        .button(bidi(&format!(
            "{} ({})",
            s.delete,
            state.locale().count(n, super::i18n::Noun::Coding)
        )))
        .clicked()
    {
        out.push(Action::Edit(Command::RemoveDocument { id: d.id }));
        ui.close();
    }
}
