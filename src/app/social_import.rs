//! Social media ▸ Import posts and comments: the three files (accounts,
//! posts, optional comments) chosen, the starter code system offered, and
//! the import applied as one undo step (`crate::social::plan`).

use super::files::PromptKind;
use super::i18n::Lang;
use super::i18n::an_posts::{PostsStrings, strings};
use super::{Action, UiState, bidi, mirror};
use crate::edit::{Command, Step};
use crate::model::Project;
use crate::social::{self, Files, SocialError, import, starter};
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct SocialImport {
    pub open: bool,
    /// The three paths as typed or chosen.
    pub accounts: String,
    pub posts: String,
    pub comments: String,
    /// The starter codes ticked or not (None: as offered, ticked when the
    /// project has none of them).
    pub starter: Option<bool>,
    /// Why the last Import was refused: said in the interface's language
    /// when drawn (the language may switch while it shows).
    pub error: Option<SocialError>,
}

impl SocialImport {
    /// A file chosen by "Choose…" goes into its field.
    pub fn set_file(&mut self, kind: PromptKind, path: &Path) {
        let text = path.display().to_string();
        match kind {
            PromptKind::SocialAccounts => self.accounts = text,
            PromptKind::SocialPosts => self.posts = text,
            PromptKind::SocialComments => self.comments = text,
            _ => return,
        }
        self.error = None;
    }

    fn close(&mut self) {
        self.open = false;
        self.error = None;
    }
}

/// A path as typed: outer spaces and quotes (a path pasted from a file
/// manager) left out.
fn path_of(text: &str) -> Option<PathBuf> {
    let t = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    (!t.is_empty()).then(|| PathBuf::from(t))
}

/// Plan the import; on success the one edit (the import, then the starter
/// codes if asked), and the status it leaves.
fn plan(
    p: &Project,
    files: Files<'_>,
    starter_codes: bool,
    persian: bool,
) -> Result<(Command, super::Status), SocialError> {
    let plan = social::plan(p, files)?;
    let mut commands = vec![plan.command];
    if starter_codes {
        commands.extend(starter::command(p, persian));
    }
    let status = super::Status::PostsImported {
        posts: plan.posts,
        comments: plan.comments,
        replies: plan.replies,
        accounts: plan.accounts,
    };
    let command = Command::Batch {
        label: Step::ImportPosts { posts: plan.posts },
        commands,
    };
    Ok((command, status))
}

/// One file's row: its name, the path field with "Choose…", and the
/// columns its header needs, small, under it.
fn file_ui(
    ui: &mut egui::Ui,
    rtl: bool,
    (label, columns): (&str, &[&str]),
    text: &mut String,
    kind: PromptKind,
    s: &PostsStrings,
    out: &mut Vec<Action>,
) {
    mirror::row(ui, rtl, |ui| ui.label(bidi(label)));
    mirror::row(ui, rtl, |ui| {
        // The field first in reading order, its button at the end.
        let w = (ui.available_width() - 110.0).max(120.0);
        super::bidi_edit::sized_ui(ui, w, |ui| {
            super::bidi_edit_ui(ui, text, ("social-import", label), label, "", false)
        });
        if ui.button(bidi(s.choose)).clicked() {
            out.push(Action::Ask(kind));
        }
    });
    mirror::row(ui, rtl, |ui| {
        // The header as a CSV's first line: left to right also in a
        // Persian sentence.
        let head = columns.join(",");
        let head = if rtl {
            format!("{} \u{2066}{head}\u{2069}", s.columns)
        } else {
            format!("{} {head}", s.columns)
        };
        ui.label(egui::RichText::new(bidi(&head)).small().weak());
    });
    ui.add_space(4.0);
}

pub fn social_import_ui(
    ctx: &egui::Context,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    if !state.social_import.open {
        return;
    }
    let s = strings(state.lang);
    let common = state.lang.strings();
    let (rtl, loc) = (state.lang.rtl(), state.locale());
    let persian = state.lang == Lang::Fa;
    let present = starter::present(p);
    let mut close = false;
    let mut done: Option<(Command, super::Status)> = None;
    let f = &mut state.social_import;
    egui::Modal::new(egui::Id::unique("social-import")).show(ctx, |ui| {
        mirror::dialog_ui(ui, rtl, 600.0, |ui| {
            ui.set_width(600.0);
            ui.heading(bidi(s.import_title));
            let font = egui::TextStyle::Body.resolve(ui.style());
            super::bidi_label_ui(ui, s.import_intro, font, ui.visuals().weak_text_color());
            ui.add_space(6.0);
            let files = [
                (
                    s.accounts_file,
                    &import::ACCOUNT_COLUMNS[..],
                    PromptKind::SocialAccounts,
                ),
                (
                    s.posts_file,
                    &import::POST_COLUMNS[..],
                    PromptKind::SocialPosts,
                ),
                (
                    s.comments_file,
                    &import::COMMENT_COLUMNS[..],
                    PromptKind::SocialComments,
                ),
            ];
            for (label, columns, kind) in files {
                let text = match kind {
                    PromptKind::SocialAccounts => &mut f.accounts,
                    PromptKind::SocialPosts => &mut f.posts,
                    _ => &mut f.comments,
                };
                let before = text.clone();
                file_ui(ui, rtl, (label, columns), text, kind, s, out);
                if *text != before {
                    f.error = None;
                }
            }
            if present {
                mirror::row(ui, rtl, |ui| {
                    ui.label(egui::RichText::new(bidi(s.starter_present)).weak())
                });
            } else {
                let mut on = f.starter.unwrap_or(true);
                mirror::row(ui, rtl, |ui| ui.checkbox(&mut on, bidi(s.starter)));
                if on != f.starter.unwrap_or(true) {
                    f.starter = Some(on);
                }
            }
            if let Some(e) = &f.error {
                ui.add_space(4.0);
                let text = super::errors::social(loc, e);
                // Each line read from the right, also one that starts with
                // a file's path.
                let text = if rtl {
                    text.split('\n')
                        .map(|l| format!("\u{200F}{l}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    text
                };
                let font = egui::TextStyle::Body.resolve(ui.style());
                egui::ScrollArea::vertical()
                    .id_salt("social-import-error")
                    .max_height(180.0)
                    .show(ui, |ui| {
                        super::bidi_label_ui(ui, &text, font, ui.visuals().error_fg_color);
                    });
            }
            ui.add_space(6.0);
            let paths = (path_of(&f.accounts), path_of(&f.posts));
            let comments = path_of(&f.comments);
            mirror::row(ui, rtl, |ui| {
                let ready = paths.0.is_some() && paths.1.is_some();
                let import = ui
                    .add_enabled(ready, egui::Button::new(bidi(s.import)))
                    .on_disabled_hover_text(bidi(s.need_files));
                if import.clicked()
                    && let (Some(accounts), Some(posts)) = &paths
                {
                    let files = Files {
                        accounts,
                        posts,
                        comments: comments.as_deref(),
                    };
                    let codes = !present && f.starter.unwrap_or(true);
                    match plan(p, files, codes, persian) {
                        Ok(d) => done = Some(d),
                        Err(e) => f.error = Some(e),
                    }
                }
                if ui.button(bidi(common.cancel)).clicked() {
                    close = true;
                }
            });
        });
    });
    // Escape closes the dialog, unless it closes the file browser over it.
    let escape = state.file_browser.is_none() && ctx.input(|i| i.key_pressed(egui::Key::Escape));
    if let Some((command, status)) = done {
        out.push(Action::Edit(command));
        out.push(Action::OpenAnalysis(super::analysis::Tab::Posts));
        state.status = status;
        close = true;
    }
    if close || escape {
        state.social_import.close();
    }
}
