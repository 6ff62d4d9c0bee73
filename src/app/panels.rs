//! The smaller panels: menu bar, status bar, documents, retrieved
//! segments, memo, command palette and error dialog.

use super::header::cite_lines;
use super::i18n::{Digits, Noun};
use super::{Action, AppCommand, UiState, Workbench, bidi, commands, mirror};
use crate::model::*;
use std::collections::BTreeSet;

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
    let lang = wb.state.locale();
    let rtl = wb.state.lang.rtl();
    let s = lang.strings();
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
            .add_enabled(enabled, mirror::item_button(rtl, &label, sc))
            .clicked()
        {
            out.push(Action::Run(cmd));
            ui.close();
        }
    };
    mirror::menu_ui(ui, rtl, s.file, |ui| {
        for cmd in [
            AppCommand::New,
            AppCommand::Open,
            AppCommand::Save,
            AppCommand::SaveAs,
            AppCommand::Import,
            AppCommand::Export,
        ] {
            item(ui, cmd, cmd.label(lang), true, out);
        }
        use super::files::PromptKind;
        for (label, action) in [
            (s.import_other, Action::Ask(PromptKind::ImportOther)),
            (s.study_report, Action::Ask(PromptKind::Report)),
            (s.merge_copies, Action::Ask(PromptKind::Merge)),
        ] {
            if ui
                .add(mirror::item_button(rtl, label, String::new()))
                .clicked()
            {
                out.push(action);
                ui.close();
            }
        }
        mirror::submenu_ui(ui, rtl, s.recent, |ui| {
            for p in &wb.state.recent_projects {
                if ui.button(p.display().to_string()).clicked() {
                    out.push(Action::OpenPath(p.clone()));
                    ui.close();
                }
            }
        });
        ui.separator();
        item(
            ui,
            AppCommand::Quit,
            AppCommand::Quit.label(lang),
            true,
            out,
        );
    });
    mirror::menu_ui(ui, rtl, s.edit, |ui| {
        let undo = match wb.history.undo_label() {
            Some(l) => format!("{} {}", s.undo, super::i18n::step_label(lang, l)),
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
            Some(l) => format!("{} {}", s.redo, super::i18n::step_label(lang, l)),
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
            AppCommand::Find,
            AppCommand::Palette,
        ] {
            item(ui, cmd, cmd.label(lang), true, out);
        }
    });
    mirror::menu_ui(ui, rtl, s.view, |ui| {
        for cmd in [
            AppCommand::ToggleLanguage,
            AppCommand::ZoomIn,
            AppCommand::ZoomOut,
        ] {
            item(ui, cmd, cmd.label(lang), true, out);
        }
        super::cards::creative_menu_item_ui(ui, &wb.state, out);
        if lang.rtl() {
            // Only the Persian interface has a choice of digits.
            let mut latin = wb.state.digits == Digits::Latin;
            if ui.checkbox(&mut latin, bidi(s.latin_digits)).changed() {
                out.push(Action::SetDigits(if latin {
                    Digits::Latin
                } else {
                    Digits::Persian
                }));
            }
        }
        ui.separator();
        // The project's level names (they are saved with it and exported).
        ui.label(bidi(s.level_names));
        for names in [crate::model::LEVEL_NAMES_EN, crate::model::LEVEL_NAMES_FA] {
            let current = wb
                .project
                .level_names
                .iter()
                .map(String::as_str)
                .eq(names.iter().copied());
            if ui
                .selectable_label(current, bidi(&names.join(" · ")))
                .clicked()
                && !current
            {
                out.push(Action::Edit(crate::edit::Command::SetLevelNames {
                    names: names.iter().map(|n| n.to_string()).collect(),
                }));
            }
        }
        ui.separator();
        // The project's direction: a Persian study sets it once.
        ui.label(bidi(s.project_direction));
        for (d, name) in [
            (Direction::Auto, s.dir_auto),
            (Direction::Rtl, s.dir_rtl),
            (Direction::Ltr, s.dir_ltr),
        ] {
            let current = wb.project.direction == d;
            if ui.selectable_label(current, bidi(name)).clicked() && !current {
                out.push(Action::Edit(crate::edit::Command::SetProjectDirection {
                    direction: d,
                }));
            }
        }
        ui.separator();
        super::coder_view::menu_ui(ui, &wb.project, &wb.state, out);
        ui.separator();
        ui.label(bidi(s.panes));
        let panes = [
            (wb.state.show_documents, s.documents),
            (wb.state.show_tree, s.codes),
            (wb.state.show_side, s.retrieved),
        ];
        for (show, name) in panes {
            if ui.selectable_label(show, bidi(name)).clicked() {
                out.push(Action::TogglePane(name));
            }
        }
    });
    let rs = super::i18n::review::strings(wb.state.lang);
    mirror::menu_ui(ui, rtl, rs.menu, |ui| {
        use super::review::Tab;
        for (tab, label) in [
            (Tab::Comments, rs.review_menu_comments),
            (Tab::Changes, rs.review_menu_changes),
            (Tab::Compare, rs.review_menu_compare),
            (Tab::Agreement, rs.review_menu_agreement),
        ] {
            if ui
                .add(mirror::item_button(rtl, label, String::new()))
                .clicked()
            {
                out.push(Action::OpenReview(tab));
                ui.close();
            }
        }
    });
    super::analysis::menu_ui(ui, &wb.state, out);
    super::maps::menu_ui(ui, &wb.project, &wb.state, out);
    super::analysis::social_menu_ui(ui, &wb.project, &wb.state, out);
    mirror::menu_ui(ui, rtl, s.help, |ui| {
        item(
            ui,
            AppCommand::OpenDemo,
            AppCommand::OpenDemo.label(lang),
            true,
            out,
        );
    });
    ui.separator();
    // The current coder, always visible.
    let current = wb
        .state
        .coder
        .and_then(|c| wb.project.coder(c))
        .map(|c| c.name.clone())
        // The person at the keyboard, who becomes a coder of this project
        // at their first coding or comment.
        .or_else(|| wb.state.me.clone());
    let rtl = wb.state.lang.rtl();
    let shown = current.as_deref().unwrap_or("—");
    // The list stays open on clicks inside it: it has a text field.
    mirror::combo_ui(ui, rtl, s.coder, shown, true, |ui| {
        for c in &wb.project.coders {
            if ui
                .selectable_label(wb.state.coder == Some(c.id), bidi(&c.name))
                .clicked()
            {
                out.push(Action::SetCoder(c.id));
                // A choice closes the list (only typing keeps it open).
                ui.close();
            }
        }
        ui.separator();
        let mut name = wb.state.new_coder.clone();
        // Persian names are typed here: the bidi-aware field.
        let field = super::bidi_edit::sized_ui(ui, 160.0, |ui| {
            super::bidi_edit_ui(
                ui,
                &mut name,
                "new-coder",
                "New coder name",
                s.new_coder,
                false,
            )
        });
        // The list just opened: the keyboard goes to the name field (Tab
        // does not reach into a popup from the menu bar). Only then: asked
        // every frame, it would take the focus back from Tab and the Add
        // button.
        let frame = ui.ctx().cumulative_frame_nr();
        let seen = ui.make_persistent_id("new-coder-shown");
        let (opened, last) = ui.data_mut(|d| d.get_temp::<(u64, u64)>(seen).unwrap_or((frame, 0)));
        let opened = if last + 1 < frame { frame } else { opened };
        ui.data_mut(|d| d.insert_temp(seen, (opened, frame)));
        // Two frames: the click that opened the list settles its own focus
        // in the first.
        if frame <= opened + 1 && !field.has_focus() {
            field.request_focus();
        }
        // The field gives up its focus on Enter.
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if name != wb.state.new_coder {
            out.push(Action::SetNewCoderText(name.clone()));
        }
        if ui
            .add_enabled(!name.trim().is_empty(), egui::Button::new(bidi(s.add)))
            .clicked()
            || enter && !name.trim().is_empty()
        {
            out.push(Action::AddCoder(name));
            out.push(Action::SetNewCoderText(String::new()));
            ui.close();
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            ui.close();
        }
    });
    super::coder_view::banner_ui(ui, &wb.project, &wb.state, out);
    if ui.button(bidi(s.language)).clicked() {
        out.push(Action::Run(AppCommand::ToggleLanguage));
    }
}

pub fn status_ui(ui: &mut egui::Ui, wb: &Workbench, _out: &mut Vec<Action>) {
    egui::Panel::bottom("status").show(ui, |ui| {
        let s = wb.state.lang.strings();
        let loc = wb.state.locale();
        super::row(ui, wb.state.lang.rtl(), |ui| {
            let p = &wb.project;
            // The path stays a label of its own: slashes scatter inside RTL text.
            match &wb.path {
                Some(path) => ui.label(path.display().to_string()),
                None => ui.label(bidi(s.not_saved)),
            };
            ui.label(bidi(&format!(
                "{} · {} · {}{}",
                loc.count(p.documents.len(), Noun::Document),
                loc.count(p.codes.len(), Noun::Code),
                loc.count(p.codings.len(), Noun::Coding),
                if wb.is_dirty() {
                    format!(" · {}", s.unsaved)
                } else {
                    String::new()
                }
            )));
            ui.separator();
            // "Saved" goes with the next change: never beside "unsaved".
            let status = &wb.state.status;
            if status.current(wb.history.revision()) {
                ui.label(bidi(&status.text(loc)));
            }
        });
    });
}

pub fn retrieved_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let lang = state.lang;
    let loc = state.locale();
    let s = lang.strings();
    ui.heading(bidi(s.retrieved));
    // A complex retrieval's hits, until the user goes back.
    if state.analysis.query.pane.is_some() {
        super::analysis::retrieved_query_ui(ui, p, state, out);
        return;
    }
    super::row(ui, lang.rtl(), |ui| {
        ui.selectable_value(&mut state.retrieve_all_docs, false, bidi(s.this_document));
        ui.selectable_value(&mut state.retrieve_all_docs, true, bidi(s.all_documents));
        ui.checkbox(&mut state.hide_interviewer, bidi(s.hide_interviewer));
    });
    if state.active_codes.is_empty() {
        let font = egui::TextStyle::Small.resolve(ui.style());
        super::bidi_label_ui(ui, s.activate_hint, font, ui.visuals().weak_text_color());
        return;
    }
    // Built once per generation and selection; only the rows on screen
    // are looked up below.
    let segments = retrieved_segments(p, state);
    super::analysis::retrieved_count_ui(ui, p, state, &segments, out);
    // Rows have one height, so only the visible ones are built.
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 3.4 + 18.0;
    let align = if lang.rtl() {
        egui::Align::Max
    } else {
        egui::Align::Min
    };
    egui::ScrollArea::vertical()
        .id_salt("retrieved")
        .max_height(ui.available_height() * 0.55)
        .auto_shrink([false, true])
        .show_rows(ui, row_h, segments.len(), |ui, rows| {
            let visible = segments[rows]
                .iter()
                .filter_map(|(d, c)| Some((p.documents.get(*d)?, p.codings.get(c)?)));
            for (doc, c) in visible {
                let (a, b) = doc.lines_of(c.range);
                let code = p.codes.get(&c.code).map_or("?", |k| k.name.as_str());
                let cite = cite_lines(loc, a, b);
                let head = format!(
                    "{}{} {} · {}",
                    doc.cite_label(),
                    s.comma,
                    cite,
                    p.coder_name(c.coder)
                );
                let text: String = doc.slice(c.range).chars().take(160).collect();
                let frame = egui::Frame::group(ui.style()).stroke(egui::Stroke::new(
                    if state.selected_coding == Some(c.id) {
                        2.0
                    } else {
                        1.0
                    },
                    super::contrast::code_on(p, c.code, ui.visuals().panel_fill),
                ));
                // Exactly row_h tall: the scroll area places rows by that height.
                let (rect, r) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_h),
                    egui::Sense::click(),
                );
                let mut row_ui = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                row_ui.set_clip_rect(rect.intersect(ui.clip_rect()));
                {
                    let ui = &mut row_ui;
                    {
                        frame.show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.with_layout(egui::Layout::top_down(align), |ui| {
                                let body = egui::TextStyle::Body.resolve(ui.style());
                                let small = egui::TextStyle::Small.resolve(ui.style());
                                let plain = ui.visuals().text_color();
                                super::bidi_line_ui(
                                    ui,
                                    code,
                                    body.clone(),
                                    super::contrast::code_text_on(
                                        p,
                                        c.code,
                                        ui.visuals().panel_fill,
                                    ),
                                );
                                // The citation is the interface's sentence.
                                super::quote_line_ui(
                                    ui,
                                    &head,
                                    small,
                                    ui.visuals().weak_text_color(),
                                    Some(lang.rtl()),
                                );
                                let rtl = doc.line_is_rtl_in(a, p.direction);
                                super::quote_line_ui(ui, &text, body, plain, Some(rtl));
                            });
                        });
                    }
                }
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Segment {}, lines {a}-{b}", doc.name),
                    )
                });
                if r.clicked() {
                    out.push(Action::JumpTo(doc.id, c.range));
                    out.push(Action::SelectCoding(c.id));
                }
            }
        });
}

pub fn palette_ui(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Action>) {
    let lang = state.locale();
    let Some(query) = state.palette.as_mut() else {
        return;
    };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("palette")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, lang.rtl(), 440.0, |ui| {
            ui.heading(bidi(lang.strings().command_palette));
            let r = super::bidi_edit_ui(ui, query, "palette-query", "Command palette", "", false);
            r.request_focus();
            let q = crate::text::fold(query);
            let hits: Vec<AppCommand> = commands::ALL
                .iter()
                .copied()
                .filter(|c| crate::text::fold(&c.label(lang)).contains(&q))
                .collect();
            // Full-width rows, the shortcut at the far end, as in a menu.
            let align = if lang.rtl() {
                egui::Align::Max
            } else {
                egui::Align::Min
            };
            ui.with_layout(egui::Layout::top_down_justified(align), |ui| {
                for c in &hits {
                    let sc = c
                        .shortcut()
                        .map(|k| ctx.format_shortcut(&k))
                        .unwrap_or_default();
                    let b = mirror::item_button(lang.rtl(), &c.label(lang), sc);
                    if ui.add(b.frame(false)).clicked() {
                        out.push(Action::Run(*c));
                        close = true;
                    }
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Enter))
                && let Some(c) = hits.first()
            {
                out.push(Action::Run(*c));
                close = true;
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        })
    });
    if close {
        state.palette = None;
    }
}

/// Close what the error dialog shows: the error, else the load's report.
fn close_error(state: &mut UiState) {
    if state.error.take().is_none() {
        state.load_report = None;
    }
}

/// Enter or Escape while the error dialog is up closes it, and is taken
/// from the frame's input so that nothing behind the dialog acts on it.
pub fn error_keys(ctx: &egui::Context, state: &mut UiState) {
    if state.error.is_none() && state.load_report.is_none() {
        return;
    }
    let key = ctx.input_mut(|i| {
        i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
            | i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)
    });
    if key {
        close_error(state);
    }
}

pub fn error_ui(ctx: &egui::Context, state: &mut UiState) {
    // A load's problems are said in the language and digits of the moment.
    let report = || state.load_report.as_ref().map(|r| r.say(state.locale()));
    let Some(err) = state.error.clone().or_else(report) else {
        return;
    };
    egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, state.lang.rtl(), 560.0, |ui| {
            ui.heading("Strata");
            ui.set_max_width(560.0);
            let font = egui::TextStyle::Body.resolve(ui.style());
            super::bidi_label_ui(ui, &err, font, ui.visuals().text_color());
            if ui.button(bidi(state.lang.strings().ok)).clicked() {
                close_error(state);
            }
        })
    });
}

/// Retrieved segments as (document position, coding).
pub type Segments = std::sync::Arc<Vec<(usize, CodingId)>>;

/// What the retrieved-segments list was built from.
#[derive(Clone, PartialEq)]
pub struct RetrievalKey {
    generation: u64,
    codes: BTreeSet<CodeId>,
    docs: Option<BTreeSet<DocId>>,
    hide_interviewer: bool,
    coder: Option<CoderId>,
}

/// The retrieved segments as (document position, coding), built once per
/// generation and selection through the index, not by scanning every coding
/// each frame.
fn retrieved_segments(p: &Project, state: &mut UiState) -> Segments {
    let docs = if state.retrieve_all_docs {
        // The activated documents, or all when none is activated.
        (!state.active_docs.is_empty()).then(|| state.active_docs.clone())
    } else {
        Some(state.selected_doc.into_iter().collect())
    };
    let key = RetrievalKey {
        generation: p.generation(),
        codes: state.active_codes.clone(),
        docs,
        hide_interviewer: state.hide_interviewer,
        coder: state.show_coder,
    };
    if let Some((k, v)) = &state.retrieved
        && *k == key
    {
        return v.clone();
    }
    let ix = p.index();
    let mut v: Vec<(usize, CharRange, CodingId)> = key
        .codes
        .iter()
        .flat_map(|code| ix.codings_of_code(*code))
        .filter_map(|id| {
            let c = p.codings.get(id)?;
            if key.docs.as_ref().is_some_and(|d| !d.contains(&c.document))
                || key.coder.is_some_and(|f| f != c.coder)
            {
                return None;
            }
            let pos = ix.document_position(c.document)?;
            let d = p.documents.get(pos)?;
            if key.hide_interviewer && p.is_interviewer(d.speaker_of_line(d.line_of(c.range.start)))
            {
                return None;
            }
            Some((pos, c.range, c.id))
        })
        .collect();
    v.sort_by_key(|(pos, r, id)| (*pos, r.start, r.end, *id));
    let v = std::sync::Arc::new(v.into_iter().map(|(pos, _, id)| (pos, id)).collect());
    state.retrieved = Some((key, std::sync::Arc::clone(&v)));
    v
}
