//! The in-app file browser: where no native file dialog answers (no
//! desktop portal, as under Xvfb), New, Open, Save as, Import and Export
//! choose their files here. egui neither shapes Persian nor reorders mixed
//! text, and a dialog crate's labels cannot be translated, so this one is
//! the app's own: names are drawn through its bidi, and the dialog mirrors
//! in the Persian interface. What is listed and chosen is `file_list`'s.

use super::file_list::{self, Entry, Filter, Selection};
use super::file_rows::Problem;
use super::files::{PromptKind, action_for};
use super::i18n::Locale;
use super::{Action, UiState, bidi};
use egui::{Align, Key, Layout, Modifiers, vec2};
use std::path::{Path, PathBuf};

/// The browser's state while it is open (`UiState::file_browser`).
pub struct FileBrowser {
    pub kind: PromptKind,
    pub(super) folder: PathBuf,
    /// The location field: the folder shown, or what the user types.
    location: String,
    /// The file name field of the kinds that save.
    name: String,
    /// The file a row chose, by its real path: its shown name may have lost
    /// bytes that are not UTF-8, and must not name another file.
    row_target: Option<(String, PathBuf)>,
    entries: Vec<Entry>,
    pub(super) shown: Vec<Entry>,
    show_hidden: bool,
    all_files: bool,
    pub(super) sel: Selection,
    /// Recent folders (remembered ones, then recent projects').
    pub(super) places: Vec<PathBuf>,
    /// The open project's file: Save as to it is a save, not a replacement.
    pub(super) project: Option<PathBuf>,
    problem: Option<Problem>,
    /// A file that exists, waiting for "Replace".
    replace: Option<PathBuf>,
    focus_name: bool,
    pub(super) scroll_to_focus: bool,
    /// The listing's scroll position, as last drawn.
    pub(super) scroll_y: f32,
}

/// What the dialog came to this frame.
pub(super) enum Outcome {
    Stay,
    Cancel,
    Chosen(Vec<PathBuf>),
}

impl FileBrowser {
    /// Opened in the project's folder (Open, Save as, New) or the last
    /// folder used (Import, Export), else the other, else home.
    pub fn new(
        kind: PromptKind,
        project: Option<&Path>,
        recent_folders: &[PathBuf],
        recent_projects: &[PathBuf],
        name: String,
    ) -> Self {
        let places = file_list::recent_places(recent_folders, recent_projects, Path::is_dir);
        let project_folder = project
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty());
        let last = places.first().map(PathBuf::as_path);
        let (a, b) = if matches!(
            kind,
            PromptKind::Import
                | PromptKind::Export
                | PromptKind::ImportOther
                | PromptKind::Report
                | PromptKind::SocialAccounts
                | PromptKind::SocialPosts
                | PromptKind::SocialComments
        ) {
            (last, project_folder)
        } else {
            (project_folder, last)
        };
        let home = file_list::home();
        let cwd = std::env::current_dir().ok();
        let start = [a, b, home.as_deref(), cwd.as_deref()]
            .into_iter()
            .flatten()
            .find(|p| p.is_dir())
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let mut fb = FileBrowser {
            kind,
            location: start.display().to_string(),
            folder: start.clone(),
            name,
            row_target: None,
            entries: Vec::new(),
            shown: Vec::new(),
            show_hidden: false,
            all_files: false,
            sel: Selection::default(),
            places,
            project: project.map(Path::to_path_buf),
            problem: None,
            replace: None,
            focus_name: kind.saves(),
            scroll_to_focus: false,
            scroll_y: 0.0,
        };
        fb.go(start);
        fb
    }

    /// Show `folder`; if it cannot be read, say why and stay.
    pub(super) fn go(&mut self, folder: PathBuf) -> bool {
        self.replace = None;
        self.row_target = None;
        match file_list::read_folder(&folder) {
            Ok(entries) => {
                self.location = folder.display().to_string();
                self.folder = folder;
                self.entries = entries;
                self.problem = None;
                self.refilter();
                true
            }
            Err(e) => {
                self.problem = Some(Problem::of(&folder, &e));
                false
            }
        }
    }

    fn refilter(&mut self) {
        let filter = Filter {
            show_hidden: self.show_hidden,
            all_files: self.all_files,
            extensions: self.kind.extensions(),
        };
        self.shown = file_list::shown(&self.entries, &filter);
        self.sel = Selection::default();
    }

    fn up(&mut self) {
        if let Some(parent) = self.folder.parent().map(Path::to_path_buf) {
            self.go(parent);
        }
    }

    fn is_file(&self) -> impl Fn(usize) -> bool + '_ {
        |i| self.shown.get(i).is_some_and(|e| !e.is_dir)
    }

    /// The chosen files, in the listing's order.
    fn chosen_files(&self) -> Vec<PathBuf> {
        self.sel
            .chosen
            .iter()
            .filter_map(|i| self.shown.get(*i))
            .filter(|e| !e.is_dir)
            .map(|e| e.path.clone())
            .collect()
    }

    /// The one folder chosen, if that is what is chosen.
    fn chosen_folder(&self) -> Option<PathBuf> {
        let mut it = self.sel.chosen.iter().filter_map(|i| self.shown.get(*i));
        match (it.next(), it.next()) {
            (Some(e), None) if e.is_dir => Some(e.path.clone()),
            _ => None,
        }
    }

    /// A click (or the keyboard) on row `i`.
    pub(super) fn click(&mut self, i: usize, m: Modifiers) {
        let mut sel = std::mem::take(&mut self.sel);
        sel.click(i, m.command, m.shift, self.kind.multi(), self.is_file());
        self.sel = sel;
        self.chose_row();
    }

    /// A file chosen in a saving kind names the file to write.
    fn chose_row(&mut self) {
        self.replace = None;
        if self.kind.saves()
            && let Some(e) = self.sel.focus.and_then(|i| self.shown.get(i))
            && !e.is_dir
        {
            self.name = e.name.clone();
            self.row_target = Some((e.name.clone(), e.path.clone()));
        }
    }

    /// Enter or a double click on row `i`: a folder opens; a file is chosen.
    pub(super) fn activate(&mut self, i: usize) -> Option<Vec<PathBuf>> {
        let e = self.shown.get(i)?.clone();
        if e.is_dir {
            self.go(e.path);
            return None;
        }
        if self.kind.saves() {
            self.row_target = Some((e.name.clone(), e.path.clone()));
            self.name = e.name;
            return self.accept_name();
        }
        let files = self.chosen_files();
        Some(if files.contains(&e.path) {
            files
        } else {
            vec![e.path]
        })
    }

    /// The OK button.
    fn accept(&mut self) -> Option<Vec<PathBuf>> {
        if self.kind.saves() && !self.name.trim().is_empty() {
            return self.accept_name();
        }
        if let Some(folder) = self.chosen_folder() {
            self.go(folder);
            return None;
        }
        let files = self.chosen_files();
        (!files.is_empty() && !self.kind.saves()).then_some(files)
    }

    /// The typed file name, relative to the folder shown: a folder opens;
    /// a file is the one to write (asked about first if it exists).
    fn accept_name(&mut self) -> Option<Vec<PathBuf>> {
        let home = file_list::home();
        let target = match &self.row_target {
            // The name is still the chosen row's: its own path.
            Some((name, path)) if *name == self.name => path.clone(),
            _ => file_list::resolve(&self.folder, &self.name, home.as_deref()),
        };
        if target.is_dir() {
            self.name.clear();
            self.go(target);
            return None;
        }
        // The format of an export is its extension, so it is kept as typed.
        let target = if matches!(self.kind, PromptKind::Export | PromptKind::Report) {
            target
        } else {
            super::files::with_ext(target)
        };
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        if !parent.is_dir() {
            self.problem = Some(Problem::Missing(parent));
            return None;
        }
        // New refuses an existing file itself, saying so.
        let ask = target.exists()
            && self.kind != PromptKind::New
            && self.project.as_ref() != Some(&target)
            && self.replace.as_ref() != Some(&target);
        if ask {
            self.replace = Some(target);
            return None;
        }
        Some(vec![target])
    }

    /// Enter in the location field: a folder opens; a file is chosen (or,
    /// when saving, named in its folder).
    fn accept_location(&mut self) -> Option<Vec<PathBuf>> {
        let home = file_list::home();
        let target = file_list::resolve(&self.folder, &self.location, home.as_deref());
        if target.is_dir() {
            self.go(target);
            return None;
        }
        if !self.kind.saves() {
            if target.is_file() {
                return Some(vec![target]);
            }
            self.problem = Some(Problem::NotFound(target));
            return None;
        }
        let parent = target.parent().map(Path::to_path_buf);
        if let Some(parent) = parent
            && parent != self.folder
            && !self.go(parent)
        {
            return None;
        }
        self.name = target
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        self.location = self.folder.display().to_string();
        self.accept_name()
    }
}

/// Draw the browser, if open; a choice becomes the kind's action.
pub fn file_browser_ui(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Action>) {
    let loc = state.locale();
    let Some(fb) = state.file_browser.as_mut() else {
        return;
    };
    let screen = ctx.content_rect();
    let width = (screen.width() - 60.0).clamp(300.0, 760.0);
    let list_h = (screen.height() - 330.0).clamp(100.0, 380.0);
    let mut outcome = Outcome::Stay;
    egui::Modal::new(egui::Id::unique("file-browser")).show(ctx, |ui| {
        super::mirror::dialog_ui(ui, loc.rtl(), width, |ui| {
            ui.set_width(width);
            outcome = browser_ui(ui, fb, loc, width, list_h);
        })
    });
    match outcome {
        Outcome::Stay => {}
        Outcome::Cancel => state.file_browser = None,
        Outcome::Chosen(paths) => {
            let kind = fb.kind;
            if let Some(folder) = paths.first().and_then(|p| p.parent()) {
                file_list::remember_folder(&mut state.recent_folders, folder.to_path_buf());
            }
            state.file_browser = None;
            out.extend(action_for(kind, paths));
        }
    }
}

fn browser_ui(
    ui: &mut egui::Ui,
    fb: &mut FileBrowser,
    loc: Locale,
    width: f32,
    list_h: f32,
) -> Outcome {
    let (s, rtl) = (loc.strings(), loc.rtl());
    let mut chosen = keys(ui, fb);
    if matches!(chosen, Some(Outcome::Cancel)) {
        return Outcome::Cancel;
    }
    let title = match fb.kind {
        PromptKind::Open => s.open,
        PromptKind::SaveAs => s.save_as,
        PromptKind::Import => s.import,
        PromptKind::New => s.new_project,
        PromptKind::Export => s.export,
        PromptKind::Merge => s.merge_copies,
        PromptKind::MergeBase => s.merge_base,
        PromptKind::ImportOther => s.import_other,
        PromptKind::Report => s.study_report,
        PromptKind::SaveTable => super::i18n::analysis::strings(loc.lang).export_table,
        PromptKind::SaveFigure => super::i18n::analysis::strings(loc.lang).save_figure,
        PromptKind::SocialAccounts => super::i18n::an_posts::strings(loc.lang).accounts_file,
        PromptKind::SocialPosts => super::i18n::an_posts::strings(loc.lang).posts_file,
        PromptKind::SocialComments => super::i18n::an_posts::strings(loc.lang).comments_file,
    };
    ui.heading(bidi(title.trim_end_matches('…')));
    super::row(ui, rtl, |ui| {
        let has_parent = fb.folder.parent().is_some();
        if ui
            .add_enabled(has_parent, egui::Button::new(bidi(s.fb_up)))
            .clicked()
        {
            fb.up();
        }
        if let Some(home) = file_list::home()
            && ui.button(bidi(s.fb_home)).clicked()
        {
            fb.go(home);
        }
        let r = super::bidi_edit::sized_ui(ui, ui.available_width(), |ui| {
            super::bidi_edit_ui(
                ui,
                &mut fb.location,
                "fb-location",
                s.fb_location,
                "",
                false,
            )
        });
        if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            chosen = fb.accept_location().map(Outcome::Chosen);
        }
    });
    let columns = if rtl {
        Layout::right_to_left(Align::Min)
    } else {
        Layout::left_to_right(Align::Min)
    };
    ui.allocate_ui_with_layout(vec2(width, list_h), columns, |ui| {
        let down = Layout::top_down_justified(if rtl { Align::Max } else { Align::Min });
        let places_w = super::file_rows::PLACES_W;
        ui.allocate_ui_with_layout(vec2(places_w, list_h), down, |ui| {
            ui.set_width(places_w);
            super::file_rows::places_ui(ui, fb, loc);
        });
        ui.separator();
        let rest = ui.available_width();
        ui.allocate_ui_with_layout(vec2(rest, list_h), down, |ui| {
            ui.set_width(rest);
            if let Some(c) = super::file_rows::listing_ui(ui, fb, loc, list_h) {
                chosen = Some(c);
            }
        });
    });
    super::row(ui, rtl, |ui| {
        let (hidden, all) = (fb.show_hidden, fb.all_files);
        ui.checkbox(&mut fb.show_hidden, bidi(s.fb_show_hidden));
        ui.checkbox(&mut fb.all_files, bidi(s.fb_all_files));
        if (hidden, all) != (fb.show_hidden, fb.all_files) {
            fb.refilter();
        }
    });
    if fb.kind.saves() {
        super::row(ui, rtl, |ui| {
            ui.label(bidi(s.fb_file_name));
            let hint = match fb.kind {
                PromptKind::Export => s.fb_export_hint,
                PromptKind::Report => s.fb_report_hint,
                _ => "",
            };
            let before = fb.name.clone();
            let r = super::bidi_edit::sized_ui(ui, ui.available_width(), |ui| {
                super::bidi_edit_ui(ui, &mut fb.name, "fb-name", s.fb_file_name, hint, false)
            });
            if std::mem::take(&mut fb.focus_name) {
                r.request_focus();
            }
            if fb.name != before {
                fb.replace = None;
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                chosen = fb.accept_name().map(Outcome::Chosen);
            }
        });
    }
    let error = ui.visuals().error_fg_color;
    let font = egui::TextStyle::Body.resolve(ui.style());
    if let Some(p) = &fb.problem {
        super::bidi_label_ui(ui, &p.say(loc), font.clone(), error);
    }
    if let Some(target) = fb.replace.clone() {
        let name = target
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        // Isolated: a Latin name keeps its dots in a Persian sentence.
        let text = s.fb_replace.replace("{name}", &super::shaping::iso(&name));
        super::bidi_label_ui(ui, &text, font, ui.visuals().warn_fg_color);
    }
    super::row(ui, rtl, |ui| {
        if let Some(target) = fb.replace.clone() {
            if ui.button(bidi(s.fb_replace_button)).clicked() {
                chosen = Some(Outcome::Chosen(vec![target]));
            }
        } else {
            let (label, enabled) = ok_button(fb, loc);
            if ui
                .add_enabled(enabled, egui::Button::new(bidi(&label)))
                .clicked()
            {
                chosen = fb.accept().map(Outcome::Chosen);
            }
        }
        if ui.button(bidi(s.cancel)).clicked() {
            chosen = Some(Outcome::Cancel);
        }
    });
    chosen.unwrap_or(Outcome::Stay)
}

/// The OK button's words (Import counts the files) and whether it can act.
fn ok_button(fb: &FileBrowser, loc: Locale) -> (String, bool) {
    let s = loc.strings();
    let folder = fb.chosen_folder().is_some();
    match fb.kind {
        PromptKind::Open => (s.fb_open.into(), folder || !fb.chosen_files().is_empty()),
        PromptKind::Merge => {
            let n = fb.chosen_files().len();
            (s.fb_merge.replace("{n}", &loc.num(n)), n > 0)
        }
        PromptKind::MergeBase => (s.fb_merge_base.into(), !fb.chosen_files().is_empty()),
        PromptKind::Import => {
            let n = fb.chosen_files().len();
            let label = match n {
                0 => s.fb_import.to_string(),
                1 => s.fb_import_one.replace("{n}", &loc.num(n)),
                _ => s.fb_import_many.replace("{n}", &loc.num(n)),
            };
            (label, folder || n > 0)
        }
        PromptKind::SaveAs => (s.save.into(), folder || !fb.name.trim().is_empty()),
        PromptKind::New => (s.fb_create.into(), folder || !fb.name.trim().is_empty()),
        PromptKind::Export
        | PromptKind::Report
        | PromptKind::SaveTable
        | PromptKind::SaveFigure => (s.fb_export.into(), folder || !fb.name.trim().is_empty()),
        PromptKind::ImportOther => (s.fb_import.into(), folder || !fb.chosen_files().is_empty()),
        PromptKind::SocialAccounts | PromptKind::SocialPosts | PromptKind::SocialComments => (
            super::i18n::an_posts::strings(loc.lang).fb_choose.into(),
            folder || !fb.chosen_files().is_empty(),
        ),
    }
}

/// The keyboard, when no field has it: arrows move through the listing,
/// Enter opens or chooses, Backspace goes up, Ctrl+A chooses every file;
/// Escape always cancels.
fn keys(ui: &egui::Ui, fb: &mut FileBrowser) -> Option<Outcome> {
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        return Some(Outcome::Cancel);
    }
    if ui.memory(|m| m.focused().is_some()) {
        return None;
    }
    let (down, up, enter, back, shift) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::Enter),
            i.key_pressed(Key::Backspace),
            i.modifiers.shift,
        )
    });
    let all = ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::A));
    let multi = fb.kind.multi();
    let len = fb.shown.len();
    if down || up {
        let mut sel = std::mem::take(&mut fb.sel);
        sel.step(if down { 1 } else { -1 }, len, shift, multi, fb.is_file());
        fb.sel = sel;
        fb.chose_row();
        fb.scroll_to_focus = true;
    }
    if all && multi {
        let mut sel = std::mem::take(&mut fb.sel);
        sel.all_files(len, fb.is_file());
        fb.sel = sel;
    }
    if back {
        fb.up();
    }
    if enter {
        let chosen = match fb.sel.focus {
            Some(i) => fb.activate(i),
            None => fb.accept(),
        };
        return chosen.map(Outcome::Chosen);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Problem;
    use crate::app::i18n::Locale;
    use crate::app::numbers::tests::FA;
    use std::io::{Error, ErrorKind};
    use std::path::Path;

    #[test]
    fn a_folder_that_cannot_be_read_is_said_with_its_path() {
        let dir = Path::new("/srv/مصاحبه‌ها");
        let denied = Problem::of(dir, &Error::from(ErrorKind::PermissionDenied));
        assert_eq!(denied, Problem::Denied(dir.into()));
        let fa = denied.say(FA);
        assert!(
            fa.contains("/srv/مصاحبه‌ها") && fa.contains(FA.strings().fb_denied),
            "{fa}"
        );
        let missing = Problem::of(dir, &Error::from(ErrorKind::NotFound));
        let en = missing.say(Locale::EN);
        assert!(en.contains("this folder does not exist"), "{en}");
        let other = Problem::of(dir, &Error::other("disk on fire")).say(Locale::EN);
        assert!(
            other.contains("cannot be read") && other.contains("disk on fire"),
            "{other}"
        );
    }
}
