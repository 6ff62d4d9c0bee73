//! Applying the actions that panels pushed during a frame.

use super::Pending;
use super::status::Status;
use super::{Action, AppCommand, Workbench, files};
use crate::edit::{self, Command};
use crate::model::*;

pub fn apply(wb: &mut Workbench, a: Action) {
    match a {
        Action::Edit(cmd) => match super::levels::guard(&wb.project, &cmd) {
            // A review's comment, verdict or point is signed by the person
            // at the keyboard (made a coder of the project, in the same step).
            None if super::review::unsigned(wb, &cmd) => {
                let cmd = super::review::signed(wb, cmd);
                wb.edit(cmd);
            }
            // Asked first; the answer comes back as a plain edit.
            Some(g) => wb.state.parent_guard = Some(g),
            None => {
                wb.edit(cmd);
            }
        },
        Action::EditConfirmed(cmd) => {
            wb.edit(cmd);
        }
        Action::Run(cmd) => run(wb, cmd),
        Action::SelectDoc(id) => {
            if wb.state.selected_doc != Some(id) {
                wb.state.selected_doc = Some(id);
                wb.state.selection = None;
                wb.state.selected_coding = None;
            }
        }
        Action::SelectCode { id, add } => {
            if !add {
                wb.state.selected_codes.clear();
            }
            if !wb.state.selected_codes.remove(&id) || !add {
                wb.state.selected_codes.insert(id);
            }
            wb.state.selected_coding = None;
        }
        Action::ShowMemo(target) => {
            let st = &mut wb.state;
            st.selected_coding = None;
            match target {
                MemoTarget::Code(id) => {
                    st.selected_codes = [id].into();
                }
                MemoTarget::Document(id) => {
                    // The memo pane shows a selected code's memo first.
                    st.selected_codes.clear();
                    if st.selected_doc != Some(id) {
                        st.selected_doc = Some(id);
                        st.selection = None;
                    }
                }
                MemoTarget::Project | MemoTarget::Coding(_) => {}
            }
        }
        Action::ToggleActive(id) => {
            let sub = wb.project.subtree(id);
            let on = !wb.state.active_codes.contains(&id);
            for c in sub {
                if on {
                    wb.state.active_codes.insert(c);
                } else {
                    wb.state.active_codes.remove(&c);
                }
            }
        }
        Action::SelectCoding(id) => {
            wb.state.selected_coding = Some(id);
            if let Some(c) = wb.project.codings.get(&id) {
                wb.state.selection = Some(c.range);
            }
        }
        Action::JumpTo(doc, range) => {
            wb.state.selected_doc = Some(doc);
            wb.state.selection = Some(range);
            if let Some(d) = wb.project.document(doc) {
                wb.state.scroll_to_line = Some(d.line_of(range.start));
            }
        }
        Action::OpenPicker => run(wb, AppCommand::ApplyCode),
        Action::InVivo => run(wb, AppCommand::InVivo),
        Action::ApplyCode(code) => apply_code(wb, code),
        Action::CreateAndApply(name) => create_and_apply(wb, &name, Origin::Manual),
        Action::SetCoder(id) => {
            wb.state.coder = Some(id);
            wb.state.me = wb.project.coder(id).map(|c| c.name.clone());
        }
        Action::Login(name) => {
            let name = name.trim().to_string();
            wb.state.coder = wb.project.coder_by_name(&name).map(|c| c.id);
            wb.state.me = Some(name);
        }
        Action::SetNewCoderText(t) => wb.state.new_coder = t,
        Action::SetDigits(d) => wb.state.digits = d,
        Action::ShowCoder(c) => {
            wb.state.show_coder = c;
            wb.state.compare_coders.clear();
        }
        Action::CompareCoders(list) => {
            wb.state.compare_coders = list;
            wb.state.show_coder = None;
        }
        Action::MergeCopies(paths) => {
            // Then the base they were handed out from.
            wb.state.merge_copies = paths;
            files::ask_path(wb, files::PromptKind::MergeBase);
        }
        Action::MergeFrom(base) => {
            let copies = std::mem::take(&mut wb.state.merge_copies);
            super::merge_copies::merge_copies(wb, &base, copies);
        }
        Action::Ask(kind) => files::ask_path(wb, kind),
        Action::ImportOther(path) => super::interop::import_other(wb, &path),
        Action::ReportTo(path) => super::interop::report_to(wb, path),
        Action::OpenReview(tab) => wb.state.review.open_on(tab, None),
        Action::OpenAnalysis(tab) => wb.state.analysis.open_on(tab),
        Action::SaveAnalysis(path) => super::analysis::save_to(wb, path),
        Action::OpenSocialImport => wb.state.social_import.open = true,
        Action::OpenCards => wb.state.cards.open = true,
        Action::Maps(a) => super::maps::apply(&mut wb.state, &wb.project, a),
        Action::SocialFile(kind, path) => wb.state.social_import.set_file(kind, &path),
        Action::TogglePane(name) => {
            let s = wb.state.lang.strings();
            let st = &mut wb.state;
            if name == s.documents {
                st.show_documents = !st.show_documents;
            } else if name == s.codes {
                st.show_tree = !st.show_tree;
            } else {
                st.show_side = !st.show_side;
            }
        }
        Action::AddCoder(name) => match edit::ensure_coder(&wb.project, &name) {
            Ok((cmd, id)) => {
                if cmd.is_none_or(|cmd| wb.edit(cmd)) {
                    wb.state.coder = Some(id);
                    wb.state.me = wb.project.coder(id).map(|c| c.name.clone());
                }
            }
            Err(e) => wb.state.error = Some(super::errors::edit(wb.state.locale(), &e)),
        },
        Action::OpenRecodePicker(coding) => {
            wb.state.picker = Some(super::picker::Picker {
                recode: Some(coding),
                ..Default::default()
            });
        }
        Action::Recode { coding, code } => {
            if wb.edit(Command::RecodeCoding { id: coding, code }) {
                remember(wb, code);
            }
        }
        Action::CreateAndRecode { coding, name } => {
            let code = Code::new(name.trim(), edit::palette_color(wb.project.codes.len()));
            let id = code.id;
            let cmd = Command::Batch {
                label: edit::Step::ChangeCodeToNewCode {
                    code: name.trim().to_string(),
                },
                commands: vec![
                    edit::add_code(&wb.project, None, code),
                    Command::RecodeCoding {
                        id: coding,
                        code: id,
                    },
                ],
            };
            if wb.edit(cmd) {
                remember(wb, id);
            }
        }
        Action::Recover(yes) => {
            // A save still being written belongs to the state before.
            wb.wait_for_saves();
            if let Some(rec) = wb.state.recovery.take() {
                if yes {
                    match crate::store::load(&rec) {
                        Ok((p, _)) => {
                            // A loaded project has a generation never used
                            // before, so no cache of the old one survives.
                            wb.project = p;
                            wb.history.clear();
                            wb.history.mark_unsaved();
                            wb.on_project_loaded();
                            wb.state.status = Status::Recovered;
                            if let Err(e) = super::opening::adopt_legacy_recovery(wb, &rec) {
                                wb.state.error = Some(e);
                            }
                        }
                        Err(e) => {
                            wb.state.error = Some(super::errors::store(wb.state.locale(), &e))
                        }
                    }
                } else if let Err(e) = super::recovery::remove_recovery(&rec, wb.state.locale()) {
                    wb.state.error = Some(e);
                }
            }
        }
        Action::OpenPath(path) => {
            super::memo::commit_typing(wb);
            if wb.is_dirty() {
                wb.state.pending = Some(Pending::Open(path));
            } else {
                super::opening::open_path(wb, path);
            }
        }
        Action::RestoreBackup(path) => {
            wb.state.offer = None;
            super::opening::restore_backup(wb, path);
        }
        Action::Unlock(path) => {
            wb.state.offer = None;
            match crate::store::unlock(&path, false) {
                Ok(_) => super::opening::open_path(wb, path),
                Err(crate::store::LockError::Held { .. }) => {
                    wb.state.error = Some(wb.state.lang.strings().lock_still_held.to_string());
                }
                Err(e) => wb.state.error = Some(super::errors::lock(wb.state.locale(), &e)),
            }
        }
        Action::SaveTo(path) => files::save_to(wb, path),
        Action::ExportTo(path) => files::export_to(wb, path),
        Action::ImportPaths(paths) => {
            match crate::import::import_files(&wb.project, &paths, &Default::default()) {
                Ok(cmd) => {
                    let before = wb.project.documents.len();
                    if wb.edit(cmd) {
                        wb.state.status = Status::Imported {
                            documents: wb.project.documents.len().saturating_sub(before),
                        };
                        // Nothing open yet: the first new transcript opens.
                        if wb.state.selected_doc.is_none() {
                            wb.state.selected_doc = wb.project.documents.get(before).map(|d| d.id);
                        }
                    }
                }
                Err(e) => wb.state.error = Some(super::errors::import(wb.state.locale(), &e)),
            }
        }
        Action::NewAt(path) => {
            super::memo::commit_typing(wb);
            if path.exists() {
                wb.state.error = Some(format!(
                    "{}: {}",
                    super::errors::p(&path),
                    wb.state.lang.strings().already_exists
                ));
            } else if wb.is_dirty() {
                wb.state.pending = Some(Pending::New(path));
            } else {
                super::opening::new_at(wb, path);
            }
        }
        Action::Continue { pending, save } => {
            wb.state.pending = None;
            if save {
                if wb.path.is_some() {
                    files::save_and_wait(wb);
                } else {
                    run(wb, AppCommand::Save);
                }
                if wb.is_dirty() {
                    // Not saved (an error, or Save as still to choose a file):
                    // stay, so that nothing is lost.
                    return;
                }
            }
            let old_recovery = super::recovery::recovery_for(wb.path.as_deref());
            let before = wb.project.generation();
            match pending {
                Pending::Open(p) => super::opening::open_path(wb, p),
                Pending::New(p) => super::opening::new_at(wb, p),
                Pending::Demo => files::open_demo(wb),
                Pending::ImportOther(p) => super::interop::project_beside(wb, &p),
            }
            // Switched: the discarded work's autosave must not be offered
            // back later. (Not switched: it stays, the work is still here.)
            if !save
                && wb.project.generation() != before
                && let Err(e) = super::recovery::remove_recovery(&old_recovery, wb.state.locale())
            {
                wb.state.error = Some(e);
            }
        }
    }
}

/// A new level-1 code named `name`, applied to the selection.
fn create_and_apply(wb: &mut Workbench, name: &str, origin: Origin) {
    let code = Code::new(name.trim(), edit::palette_color(wb.project.codes.len()));
    let id = code.id;
    let add = edit::add_code(&wb.project, None, code);
    let then = match origin {
        Origin::InVivo => Action::InVivo,
        _ => Action::CreateAndApply(name.to_string()),
    };
    let Some((doc, range, coder, mut pre)) = super::coder_prompt::coding_target(wb, then) else {
        if wb.state.coder_prompt.is_none() {
            wb.edit(add);
        }
        return;
    };
    pre.push(add);
    pre.push(edit::new_coding_from(doc, range, id, coder, origin));
    if wb.edit(Command::Batch {
        label: edit::Step::CodeWithNewCode {
            code: name.trim().to_string(),
        },
        commands: pre,
    }) {
        wb.state.active_codes.insert(id);
        remember(wb, id);
    }
}

fn remember(wb: &mut Workbench, code: CodeId) {
    wb.state.recent_codes.retain(|c| *c != code);
    wb.state.recent_codes.insert(0, code);
    wb.state.recent_codes.truncate(9);
}

fn apply_code(wb: &mut Workbench, code: CodeId) {
    if let Some(c) = wb.project.codes.get(&code).filter(|c| !c.codable) {
        let s = wb.state.lang.strings();
        wb.state.error = Some(s.not_codable.replace("{name}", &c.name));
        return;
    }
    let Some((doc, range, coder, mut pre)) =
        super::coder_prompt::coding_target(wb, Action::ApplyCode(code))
    else {
        if wb.state.coder_prompt.is_none() {
            wb.state.status = Status::SelectTextFirst;
        }
        return;
    };
    pre.push(edit::new_coding(doc, range, code, coder));
    let name = wb
        .project
        .codes
        .get(&code)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    if wb.edit(Command::Batch {
        label: edit::Step::CodeSegmentWith { code: name },
        commands: pre,
    }) {
        wb.state.active_codes.insert(code);
        remember(wb, code);
    }
}

fn run(wb: &mut Workbench, cmd: AppCommand) {
    match cmd {
        AppCommand::Undo => match wb.history.undo(&mut wb.project) {
            Ok(Some(l)) => wb.state.status = Status::Undone(l),
            Ok(None) => {}
            Err(e) => wb.state.error = Some(super::errors::edit(wb.state.locale(), &e)),
        },
        AppCommand::Redo | AppCommand::RedoAlt => match wb.history.redo(&mut wb.project) {
            Ok(Some(l)) => wb.state.status = Status::Redone(l),
            Ok(None) => {}
            Err(e) => wb.state.error = Some(super::errors::edit(wb.state.locale(), &e)),
        },
        AppCommand::Save | AppCommand::SaveAs | AppCommand::Export => {
            // What is typed in the memo pane goes into the file too.
            super::memo::commit_typing(wb);
            match cmd {
                AppCommand::Save => match wb.path.clone() {
                    Some(p) => files::save_to(wb, p),
                    None => files::ask_path(wb, files::PromptKind::SaveAs),
                },
                AppCommand::SaveAs => files::ask_path(wb, files::PromptKind::SaveAs),
                _ => files::ask_path(wb, files::PromptKind::Export),
            }
        }
        AppCommand::Open => files::ask_path(wb, files::PromptKind::Open),
        AppCommand::Import => files::ask_path(wb, files::PromptKind::Import),
        AppCommand::New => files::ask_path(wb, files::PromptKind::New),
        AppCommand::Quit => wb.state.quit = true,
        AppCommand::OpenDemo => {
            // Typed memo text counts as a change to ask about.
            super::memo::commit_typing(wb);
            if wb.is_dirty() {
                wb.state.pending = Some(Pending::Demo);
            } else {
                files::open_demo(wb);
            }
        }
        AppCommand::ApplyCode => {
            wb.state.picker = Some(super::picker::Picker::default());
        }
        AppCommand::InVivo => {
            let text = wb
                .state
                .selected_doc
                .and_then(|d| wb.project.document(d))
                .zip(wb.state.selection)
                // The speaker's words, without the label ("P23:") before them.
                .map(|(d, r)| d.text_without_labels(r))
                .map(|t| crate::text::in_vivo_name(&t, crate::text::IN_VIVO_LIMIT));
            match text {
                Some(name) if !name.is_empty() => {
                    create_and_apply(wb, &name, Origin::InVivo);
                }
                _ => wb.state.status = Status::SelectTextFirst,
            }
        }
        AppCommand::RemoveCoding => {
            if let Some(id) = wb.state.selected_coding.take() {
                wb.edit(Command::RemoveCoding { id });
            }
        }
        AppCommand::Palette => wb.state.palette = Some(String::new()),
        AppCommand::ToggleLanguage => {
            wb.state.lang = match wb.state.lang {
                super::Lang::En => super::Lang::Fa,
                super::Lang::Fa => super::Lang::En,
            };
        }
        AppCommand::NextLine | AppCommand::PrevLine => {
            let Some(doc) = wb.state.selected_doc.and_then(|d| wb.project.document(d)) else {
                return;
            };
            let current = wb.state.selection.map(|r| doc.lines_of(r));
            let line = match (cmd, current) {
                (AppCommand::NextLine, Some((_, b))) => (b + 1).min(doc.line_count()),
                (AppCommand::PrevLine, Some((a, _))) => a.saturating_sub(1).max(1),
                _ => 1,
            };
            // Skip empty lines: they cannot be coded.
            let step = |l: usize| {
                if cmd == AppCommand::NextLine {
                    l + 1
                } else {
                    l.saturating_sub(1)
                }
            };
            let mut l = line;
            while l >= 1 && l <= doc.line_count() && doc.line_range(l).is_some_and(|r| r.is_empty())
            {
                l = step(l);
            }
            if let Some(r) = doc.line_range(l).filter(|r| !r.is_empty()) {
                wb.state.selection = Some(r);
                wb.state.line_anchor = Some(l);
                wb.state.selected_coding = None;
                wb.state.scroll_to_line = Some(l);
            }
        }
        AppCommand::Find => {
            let search = wb.state.search.get_or_insert_with(Default::default);
            search.focus = true;
        }
        AppCommand::QuickCode(n) => match wb
            .state
            .recent_codes
            .get(usize::from(n).saturating_sub(1))
            .copied()
        {
            Some(code) if wb.project.level_of(code) > 1 => {
                // It became a parent since: codings belong on level-1 codes,
                // and a key press is no deliberate choice of a subcategory.
                let level = wb.project.level_name(wb.project.level_of(code));
                let name = wb.project.codes.get(&code).map_or("", |c| c.name.as_str());
                wb.state.status = Status::QuickNotALeaf {
                    n,
                    name: name.to_string(),
                    level,
                };
            }
            Some(code) => apply_code(wb, code),
            None => wb.state.status = Status::NoQuickCode(n),
        },
        AppCommand::ZoomIn => {
            wb.state.font_size = (wb.state.font_size + 1.0).min(32.0);
        }
        AppCommand::ZoomOut => {
            wb.state.font_size = (wb.state.font_size - 1.0).max(10.0);
        }
    }
}
