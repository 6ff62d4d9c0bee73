//! The smaller panels: menu bar, status bar, documents, retrieved
//! segments, memo, command palette and error dialog.

use super::{Action, AppCommand, UiState, Workbench, bidi, code_color, commands};
use crate::edit;
use crate::model::*;
use egui::RichText;

pub fn menu_ui(ui: &mut egui::Ui, wb: &Workbench, out: &mut Vec<Action>) {
    let lang = wb.state.lang;
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            if lang.rtl() {
                // Mirror the bar for Persian: menus start on the right.
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    menu_items_ui(ui, wb, out)
                });
            } else {
                menu_items_ui(ui, wb, out);
            }
        });
    });
}

fn menu_items_ui(ui: &mut egui::Ui, wb: &Workbench, out: &mut Vec<Action>) {
    let lang = wb.state.lang;
    let s = lang.strings();
    {
        {
            let item = |ui: &mut egui::Ui,
                        cmd: AppCommand,
                        label: String,
                        enabled: bool,
                        out: &mut Vec<Action>| {
                let sc = cmd
                    .shortcut()
                    .map(|k| ui.ctx().format_shortcut(&k))
                    .unwrap_or_default();
                if ui
                    .add_enabled(enabled, egui::Button::new(bidi(&label)).shortcut_text(sc))
                    .clicked()
                {
                    out.push(Action::Run(cmd));
                    ui.close();
                }
            };
            ui.menu_button(bidi(s.file), |ui| {
                for cmd in [
                    AppCommand::New,
                    AppCommand::Open,
                    AppCommand::Save,
                    AppCommand::SaveAs,
                    AppCommand::Import,
                ] {
                    item(ui, cmd, cmd.label(lang).to_string(), true, out);
                }
            });
            ui.menu_button(bidi(s.edit), |ui| {
                let undo = match wb.history.undo_label() {
                    Some(l) => format!("{} {l}", s.undo),
                    None => s.nothing_to_undo.to_string(),
                };
                item(
                    ui,
                    AppCommand::Undo,
                    undo,
                    wb.history.undo_label().is_some(),
                    out,
                );
                let redo = match wb.history.redo_label() {
                    Some(l) => format!("{} {l}", s.redo),
                    None => s.nothing_to_redo.to_string(),
                };
                item(
                    ui,
                    AppCommand::Redo,
                    redo,
                    wb.history.redo_label().is_some(),
                    out,
                );
                ui.separator();
                for cmd in [
                    AppCommand::ApplyCode,
                    AppCommand::InVivo,
                    AppCommand::RemoveCoding,
                    AppCommand::Palette,
                ] {
                    item(ui, cmd, cmd.label(lang).to_string(), true, out);
                }
            });
            ui.menu_button(bidi(s.view), |ui| {
                for cmd in [
                    AppCommand::ToggleLanguage,
                    AppCommand::ZoomIn,
                    AppCommand::ZoomOut,
                ] {
                    item(ui, cmd, cmd.label(lang).to_string(), true, out);
                }
            });
            ui.separator();
            // The current coder, always visible.
            let current = wb
                .state
                .coder
                .and_then(|c| wb.project.coder(c))
                .map(|c| c.name.clone());
            egui::ComboBox::new("coder", bidi(s.coder))
                .selected_text(bidi(current.as_deref().unwrap_or("—")))
                .show_ui(ui, |ui| {
                    for c in &wb.project.coders {
                        if ui
                            .selectable_label(wb.state.coder == Some(c.id), bidi(&c.name))
                            .clicked()
                        {
                            out.push(Action::SetCoder(c.id));
                        }
                    }
                });
            if ui.button(bidi(s.language)).clicked() {
                out.push(Action::Run(AppCommand::ToggleLanguage));
            }
        }
    }
}

pub fn status_ui(ui: &mut egui::Ui, wb: &Workbench, _out: &mut Vec<Action>) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let p = &wb.project;
            ui.label(format!(
                "{} · {} docs · {} codes · {} codings{}",
                wb.path
                    .as_ref()
                    .map_or("(demo, not saved)".to_string(), |p| p.display().to_string()),
                p.documents.len(),
                p.codes.len(),
                p.codings.len(),
                if wb.is_dirty() { " · unsaved" } else { "" }
            ));
            ui.separator();
            ui.label(bidi(&wb.state.status));
        });
    });
}

pub fn documents_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = state.lang.strings();
    ui.heading(bidi(s.documents));
    egui::ScrollArea::vertical().id_salt("docs").show(ui, |ui| {
        let counts = {
            let mut m = std::collections::BTreeMap::new();
            for c in p.codings.values() {
                *m.entry(c.document).or_insert(0usize) += 1;
            }
            m
        };
        let mut groups: Vec<(Option<GroupId>, String)> = vec![(None, String::new())];
        groups.extend(p.groups.iter().map(|g| (Some(g.id), g.name.clone())));
        for (gid, gname) in groups {
            if gid.is_some() {
                ui.label(RichText::new(bidi(&gname)).strong());
            }
            for d in p.documents.iter().filter(|d| d.group == gid) {
                let n = counts.get(&d.id).copied().unwrap_or(0);
                let label = format!("{}  ({n})", d.name);
                let r = ui.selectable_label(state.selected_doc == Some(d.id), bidi(&label));
                let r = if d.variables.is_empty() {
                    r
                } else {
                    r.on_hover_text(
                        d.variables
                            .iter()
                            .map(|(k, v)| bidi(&format!("{k}: {v}")))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                };
                if r.clicked() {
                    out.push(Action::SelectDoc(d.id));
                }
            }
        }
    });
}

pub fn doc_header_ui(ui: &mut egui::Ui, p: &Project, doc: &Document, state: &UiState) {
    ui.horizontal(|ui| {
        ui.heading(bidi(&doc.name));
        let vars: Vec<String> = doc
            .variables
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        ui.label(RichText::new(bidi(&vars.join("  "))).weak());
        if let Some(sel) = state.selection {
            let (a, b) = doc.lines_of(sel);
            ui.label(format!(
                "{}: {}, {}",
                state.lang.strings().selection,
                doc.cite_label(),
                cite_lines(a, b)
            ));
        }
        let _ = p;
    });
}

/// `lines 12–14` or `line 12`.
pub fn cite_lines(a: usize, b: usize) -> String {
    if a == b {
        format!("line {a}")
    } else {
        format!("lines {a}–{b}")
    }
}

pub fn retrieved_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = state.lang.strings();
    ui.heading(bidi(s.retrieved));
    let Some(doc) = state.selected_doc.and_then(|d| p.document(d)) else {
        return;
    };
    let codings: Vec<&Coding> = p
        .codings_in(doc.id)
        .into_iter()
        .filter(|c| state.active_codes.contains(&c.code))
        .collect();
    // Rows have one height, so only the visible ones are built.
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 3.0 + 14.0;
    egui::ScrollArea::vertical()
        .id_salt("retrieved")
        .max_height(ui.available_height() * 0.55)
        .auto_shrink([false, true])
        .show_rows(ui, row_h, codings.len(), |ui, rows| {
            for c in &codings[rows] {
                let (a, b) = doc.lines_of(c.range);
                let code = p.codes.get(&c.code).map_or("?", |k| k.name.as_str());
                let head = format!(
                    "{}, {} · {}",
                    doc.cite_label(),
                    cite_lines(a, b),
                    p.coder_name(c.coder)
                );
                let text: String = doc.slice(c.range).chars().take(160).collect();
                let frame = egui::Frame::group(ui.style()).stroke(egui::Stroke::new(
                    if state.selected_coding == Some(c.id) {
                        2.0
                    } else {
                        1.0
                    },
                    code_color(p, c.code),
                ));
                let r = ui
                    .allocate_ui(egui::vec2(ui.available_width(), row_h - 4.0), |ui| {
                        frame.show(ui, |ui| {
                            ui.set_min_height(row_h - 18.0);
                            ui.add(
                                egui::Label::new(
                                    RichText::new(bidi(code))
                                        .color(code_color(p, c.code))
                                        .strong(),
                                )
                                .truncate(),
                            );
                            ui.label(RichText::new(head).small());
                            ui.add(egui::Label::new(bidi(&text)).truncate());
                        })
                    })
                    .response
                    .interact(egui::Sense::click());
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Segment {}", cite_lines(a, b)),
                    )
                });
                if r.clicked() {
                    out.push(Action::JumpTo(doc.id, c.range));
                    out.push(Action::SelectCoding(c.id));
                }
            }
        });
}

/// A memo being edited in the memo pane.
#[derive(Clone, Debug)]
pub struct MemoEdit {
    pub target: MemoTarget,
    pub title: String,
    pub body: String,
}

fn memo_target(p: &Project, state: &UiState) -> (MemoTarget, String) {
    if let Some(c) = state.selected_coding.filter(|c| p.codings.contains_key(c)) {
        return (MemoTarget::Coding(c), "coding".into());
    }
    if let Some(code) = state
        .selected_codes
        .iter()
        .next()
        .and_then(|c| p.codes.get(c))
    {
        return (MemoTarget::Code(code.id), code.name.clone());
    }
    if let Some(d) = state.selected_doc.and_then(|d| p.document(d)) {
        return (MemoTarget::Document(d.id), d.name.clone());
    }
    (MemoTarget::Project, p.name.clone())
}

pub fn memo_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = state.lang.strings();
    let (target, what) = memo_target(p, state);
    ui.heading(bidi(&format!("{} — {what}", s.memo)));
    let existing = p.memos_on(target).next();
    if state.memo_edit.as_ref().is_none_or(|m| m.target != target) {
        state.memo_edit = Some(MemoEdit {
            target,
            title: existing.map(|m| m.title.clone()).unwrap_or_default(),
            body: existing.map(|m| m.body.clone()).unwrap_or_default(),
        });
    }
    let Some(edit) = state.memo_edit.as_mut() else {
        return;
    };
    ui.add(
        egui::TextEdit::singleline(&mut edit.title)
            .hint_text(s.title)
            .desired_width(f32::INFINITY),
    );
    ui.add(
        egui::TextEdit::multiline(&mut edit.body)
            .desired_rows(5)
            .desired_width(f32::INFINITY),
    )
    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Memo text"));
    // egui's text field has no bidi: show the memo in reading order beside it.
    if edit.body.chars().any(crate::text::is_rtl_char) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            super::bidi_label_ui(ui, &edit.body, font, ui.visuals().text_color());
        });
    }
    let changed = existing.is_none_or(|m| m.title != edit.title || m.body != edit.body);
    let has_text = !edit.title.is_empty() || !edit.body.is_empty();
    if ui
        .add_enabled(changed && has_text, egui::Button::new(bidi(s.save)))
        .clicked()
    {
        out.push(Action::Edit(edit::put_memo(
            existing,
            target,
            &edit.title,
            &edit.body,
            state.coder,
        )));
    }
}

pub fn palette_ui(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Action>) {
    let Some(query) = state.palette.as_mut() else {
        return;
    };
    let lang = state.lang;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("palette")).show(ctx, |ui| {
        ui.heading(bidi(lang.strings().command_palette));
        let r = ui.text_edit_singleline(query);
        r.request_focus();
        let q = crate::text::fold(query);
        let hits: Vec<AppCommand> = commands::ALL
            .iter()
            .copied()
            .filter(|c| crate::text::fold(c.label(lang)).contains(&q))
            .collect();
        for c in &hits {
            let sc = c
                .shortcut()
                .map(|k| ctx.format_shortcut(&k))
                .unwrap_or_default();
            if ui
                .add(egui::Button::new(bidi(c.label(lang))).shortcut_text(sc))
                .clicked()
            {
                out.push(Action::Run(*c));
                close = true;
            }
        }
        if ui.input(|i| i.key_pressed(egui::Key::Enter))
            && let Some(c) = hits.first()
        {
            out.push(Action::Run(*c));
            close = true;
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close = true;
        }
    });
    if close {
        state.palette = None;
    }
}

pub fn error_ui(ctx: &egui::Context, state: &mut UiState) {
    let Some(err) = state.error.clone() else {
        return;
    };
    egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
        ui.heading("Strata");
        ui.set_max_width(560.0);
        let font = egui::TextStyle::Body.resolve(ui.style());
        super::bidi_label_ui(ui, &err, font, ui.visuals().text_color());
        if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            state.error = None;
        }
    });
}
