//! The GUI (egui/eframe). Panels read `&Project` and push `Action`s; the
//! workbench applies them after the frame, edits through `edit::History`.

mod action;
mod actions;
pub mod analysis;
pub use action::{Action, Pending};
mod bidi_edit;
mod bidi_label;
mod browser;
pub mod cards;
mod code_sets;
mod coder_prompt;
mod coder_view;
mod commands;
mod contrast;
mod docs;
mod errors;
mod file_browser;
mod file_list;
mod file_rows;
mod files;
mod fonts;
pub(crate) mod header;
pub mod i18n;
mod interop;
mod layout_cache;
mod levels;
pub mod maps;
mod memo;
mod merge_copies;
mod mirror;
pub use mirror::row;
mod numbers;
mod offers;
mod opening;
mod panels;
mod panes;
mod picker;
mod problems;
mod recovery;
mod review;
mod review_agreement;
mod review_comments;
mod review_compare;
mod saver;
mod shaping;
mod social_import;
mod status;
pub use status::Status;
mod tree;
mod window;

pub use bidi_edit::bidi_edit_ui;
pub use bidi_label::{bidi_label_ui, bidi_line_ui, quote_line_ui, selectable_line_ui};
pub use commands::AppCommand;
pub use i18n::Lang;

use crate::edit::{Command, History};
use crate::model::*;
use egui::Color32;
use layout_cache::LayoutCache;
use std::collections::BTreeSet;
use std::path::PathBuf;

pub use errors::OpenError;
pub use shaping::bidi;
pub use window::StrataApp;

/// View state that is not part of the project.
pub struct UiState {
    pub lang: Lang,
    /// Digits of the Persian interface (see `UiState::locale`).
    pub digits: i18n::Digits,
    pub font_size: f32,
    pub selected_doc: Option<DocId>,
    pub selected_codes: BTreeSet<CodeId>,
    pub active_codes: BTreeSet<CodeId>,
    /// Documents activated for retrieval (none: all).
    pub active_docs: BTreeSet<DocId>,
    pub selection: Option<CharRange>,
    /// Where a text drag began.
    pub drag_anchor: Option<browser::DragAnchor>,
    pub line_anchor: Option<usize>,
    pub selected_coding: Option<CodingId>,
    pub scroll_to_line: Option<usize>,
    pub coder: Option<CoderId>,
    pub picker: Option<picker::Picker>,
    /// The picker's entries, built once per generation.
    pub picker_model: picker::PickerModel,
    pub palette: Option<String>,
    pub tree: tree::TreeState,
    pub recent_codes: Vec<CodeId>,
    /// The status line's message, said in the language of the moment.
    pub status: status::Status,
    pub error: Option<String>,
    /// Problems found when the project loaded, said when shown.
    pub load_report: Option<problems::LoadReport>,
    /// The in-app file browser, when open (no native dialog answered).
    pub file_browser: Option<file_browser::FileBrowser>,
    pub memo_edit: Option<memo::MemoEdit>,
    pub search: Option<header::Search>,
    /// Retrieved segments: from all documents (else the open one).
    pub retrieve_all_docs: bool,
    pub hide_interviewer: bool,
    /// The retrieved segments' view model and what it was built from.
    pub retrieved: Option<(panels::RetrievalKey, panels::Segments)>,
    pub show_documents: bool,
    pub show_tree: bool,
    pub show_side: bool,
    pub new_coder: String,
    pub recent_projects: Vec<PathBuf>,
    /// Folders files were last chosen in (most recent first; kept between runs).
    pub recent_folders: Vec<PathBuf>,
    /// A recovery file newer than the project, waiting for the user's answer.
    pub recovery: Option<PathBuf>,
    /// "Discard" was pressed on the recovery offer: asked once more.
    pub discard_asked: bool,
    /// An offer about a project that could not be opened (remove its
    /// lock, restore its backup), waiting for the user's answer.
    pub offer: Option<offers::Offer>,
    /// A change that would make a coded code a parent, asked about first.
    pub parent_guard: Option<levels::ParentGuard>,
    /// Open or New asked for while there are unsaved changes.
    pub pending: Option<Pending>,
    /// The text selection is being dragged onto a code.
    pub dragging_selection: bool,
    pub doc_rename: Option<docs::DocRename>,
    /// The side panes' preferred widths (`panes::Pane` order), as the user
    /// last dragged them; a small window gives them less.
    pub pane_widths: [f32; 3],
    /// A collapsed pane opened over the document from its tab.
    pub drawer: Option<panes::Pane>,
    /// The pane the user last dragged: it keeps its width, the others give way.
    pub pane_keep: Option<panes::Pane>,
    /// File ▸ Quit was chosen: the window closes (asking about unsaved
    /// changes first).
    pub quit: bool,
    /// "Who is coding?", asked at the first coding without a coder.
    pub coder_prompt: Option<coder_prompt::CoderPrompt>,
    /// The window's close asked about unsaved changes (drawn by `StrataApp`).
    pub confirm_close: bool,
    /// The supervisor's review window.
    pub review: review::ReviewState,
    /// The analysis window (search, matrix, retrieval, frequencies, charts).
    pub analysis: analysis::AnalysisState,
    /// The creative-coding canvas (cards).
    pub cards: cards::CardsState,
    /// Social media ▸ Import posts and comments.
    pub social_import: social_import::SocialImport,
    /// The person at the keyboard, as given at the first start (kept in
    /// the app's settings): the coder of a project that has none chosen.
    pub me: Option<String>,
    /// Only this coder's codings are shown (View ▸ Codings of).
    pub show_coder: Option<CoderId>,
    /// Coders whose stripes are shown side by side (from a disagreement).
    pub compare_coders: Vec<CoderId>,
    /// Coders' copies chosen to merge, waiting for their base.
    pub merge_copies: Vec<PathBuf>,
    /// What the status line says once the project asked for opens (a
    /// merge's result), with the review window left as it is.
    pub after_open: Option<status::Status>,
    /// What the last import from another tool mapped and left out, shown
    /// until closed (it outlives the opening of the imported project).
    pub import_report: Option<interop::ImportReport>,
    pub coder_counts: Option<std::sync::Arc<coder_view::CoderCounts>>,
    /// The Maps window (the study's model figures).
    pub maps: maps::MapsState,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            digits: i18n::Digits::default(),
            font_size: 16.0,
            selected_doc: None,
            selected_codes: BTreeSet::new(),
            active_codes: BTreeSet::new(),
            active_docs: BTreeSet::new(),
            selection: None,
            drag_anchor: None,
            line_anchor: None,
            selected_coding: None,
            scroll_to_line: None,
            coder: None,
            picker: None,
            picker_model: Default::default(),
            palette: None,
            tree: tree::TreeState::default(),
            recent_codes: Vec::new(),
            status: status::Status::None,
            error: None,
            load_report: None,
            file_browser: None,
            memo_edit: None,
            search: None,
            retrieve_all_docs: false,
            hide_interviewer: false,
            retrieved: None,
            show_documents: true,
            show_tree: true,
            show_side: true,
            new_coder: String::new(),
            recent_projects: Vec::new(),
            recent_folders: Vec::new(),
            recovery: None,
            discard_asked: false,
            offer: None,
            pending: None,
            parent_guard: None,
            dragging_selection: false,
            doc_rename: None,
            pane_widths: panes::DEFAULT_WIDTHS,
            drawer: None,
            pane_keep: None,
            quit: false,
            coder_prompt: None,
            confirm_close: false,
            review: Default::default(),
            analysis: Default::default(),
            cards: Default::default(),
            social_import: Default::default(),
            me: None,
            show_coder: None,
            compare_coders: Vec::new(),
            merge_copies: Vec::new(),
            after_open: None,
            import_report: None,
            coder_counts: None,
            maps: Default::default(),
        }
    }
}

impl UiState {
    /// A dialog is open that has the keyboard: the window's shortcuts, the
    /// document's scrolling keys and the drawer's Escape stay out of it.
    pub fn dialog_open(&self) -> bool {
        self.file_browser.is_some()
            || self.coder_prompt.is_some()
            || self.error.is_some()
            || self.pending.is_some()
            || self.recovery.is_some()
            || self.offer.is_some()
            || self.parent_guard.is_some()
            || self.load_report.is_some()
            || self.tree.confirm_delete.is_some()
            || self.palette.is_some()
            || self.confirm_close
            || self.social_import.open
    }
}

/// The whole application state, drawable into any `Ui` (so tests can drive it).
pub struct Workbench {
    pub project: Project,
    pub history: History,
    pub path: Option<PathBuf>,
    pub state: UiState,
    cache: LayoutCache,
    lock: Option<crate::store::Lock>,
    fonts_installed: bool,
    /// Try native file dialogs (off in tests and headless use).
    pub native_dialogs: bool,
    /// Save on a thread of its own (the window); off in tests, which save
    /// at once.
    pub background_saves: bool,
    saver: saver::Saver,
}

/// `#rrggbb` to a colour (grey when malformed).
pub fn code_color(p: &Project, id: CodeId) -> Color32 {
    p.codes
        .get(&id)
        .and_then(|c| Color32::from_hex(&c.color).ok())
        .unwrap_or(Color32::GRAY)
}

/// Text for a widget: Persian and mixed strings in visual order.
/// Vazirmatn behind egui's fonts, and a family with Vazirmatn first for
/// right-to-left document lines (see `fonts`).
pub fn install_fonts(ctx: &egui::Context) {
    fonts::install(ctx);
}

impl Workbench {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let mut wb = Self {
            project,
            history: History::new(),
            path,
            state: UiState::default(),
            cache: LayoutCache::default(),
            lock: None,
            fonts_installed: false,
            native_dialogs: false,
            background_saves: false,
            saver: saver::Saver::default(),
        };
        wb.on_project_loaded();
        wb
    }

    /// The bundled demo project.
    pub fn demo() -> Result<Self, crate::store::StoreError> {
        Ok(Self::new(crate::demo::demo_project()?, None))
    }

    /// Open a project file (locked while open).
    pub fn open(path: PathBuf) -> Result<Self, OpenError> {
        // Said plainly, before the lock file beside it is tried.
        if !path.is_file() {
            return Err(OpenError::Missing(path));
        }
        // A symlinked project is worked on at its target: its lock, saves,
        // backup and recovery file are all there, whichever name opened it.
        let path = crate::store::resolve(&path).map_err(OpenError::Store)?;
        let lock = crate::store::Lock::acquire(&path, true).map_err(OpenError::Lock)?;
        // Saves and autosaves go through this path; interrupted ones left
        // temporary files that the lock now says are nobody's.
        let swept = crate::store::sweep_temps(&path);
        let (p, problems) = crate::store::load(&path).map_err(OpenError::Store)?;
        let recovery = recovery::recovery_path(&path);
        let newer = |a: &std::path::Path, b: &std::path::Path| {
            let m = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
            matches!((m(a), m(b)), (Some(x), Some(y)) if x > y)
        };
        let offer = newer(&recovery, &path).then_some(recovery);
        let bak_of = path.clone();
        let mut wb = Self::new(p, Some(path));
        wb.lock = Some(lock);
        wb.state.recovery = offer;
        // Items set aside: the backup may be the last copy from before the
        // damage, and saves rotate it; it keeps a name of its own.
        let not_kept = if problems.is_empty() {
            None
        } else {
            crate::store::keep_before_damage(&bak_of)
                .err()
                .map(Into::into)
        };
        let set_aside = !problems.is_empty();
        let report = problems::LoadReport {
            problems,
            not_kept,
            temps: swept.failed.into(),
        };
        if set_aside && crate::store::backup_to_restore(&bak_of, false).is_some() {
            // Items set aside: a backup has them whole.
            let path = wb.path.clone().unwrap_or_default();
            wb.state.offer = Some(offers::Offer::restore_after_load(path, report));
        } else if !report.is_empty() {
            wb.state.load_report = Some(report);
        }
        Ok(wb)
    }

    pub(crate) fn on_project_loaded(&mut self) {
        self.cache.invalidate();
        self.state.retrieved = None;
        self.state.analysis.forget_caches();
        self.state.cards.forget();
        self.state.maps.forget();
        let st = &mut self.state;
        st.selected_doc = self.project.documents.first().map(|d| d.id);
        st.coder = self.project.coders.first().map(|c| c.id);
        let coder = st.coder;
        self.project.set_actor(coder);
        st.selection = None;
        st.selected_codes.clear();
        st.active_codes.clear();
        if self
            .project
            .level_names
            .first()
            .is_some_and(|n| crate::text::mostly_rtl(n))
        {
            st.lang = Lang::Fa;
        }
    }

    /// The window title: the file's name first, as desktop apps show it,
    /// then the project's own name (in logical order: the window manager
    /// lays out its title itself).
    pub fn title(&self) -> String {
        let file = match &self.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => self.state.lang.strings().untitled.to_string(),
        };
        format!(
            "{}{file} — {} — Strata",
            if self.history.is_dirty() { "● " } else { "" },
            self.project.name
        )
    }

    /// The person at the keyboard (the coder last chosen, or the name given
    /// at the first start) codes in this project: its coder of that name
    /// (compared as a person would), or, where it has none, nobody yet, so
    /// that their first coding adds them rather than record it as someone
    /// else's. No name: the project's first coder, as before.
    pub fn choose_coder(&mut self, name: Option<&str>) {
        let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
            return;
        };
        self.state.coder = self.project.coder_by_name(name).map(|c| c.id);
        self.state.me = Some(name.to_string());
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    fn install_fonts(&mut self, ctx: &egui::Context) {
        if !self.fonts_installed {
            self.fonts_installed = true;
            install_fonts(ctx);
        }
    }

    /// Draw the whole workbench, then apply what the panels asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.install_fonts(ui.ctx());
        // Enter and Escape close an error before anything else sees them
        // (the find bar and the picker close on Escape too).
        panels::error_keys(ui.ctx(), &mut self.state);
        let mut out = Vec::new();
        self.shortcuts(ui.ctx(), &mut out);
        panels::menu_ui(ui, self, &mut out);
        panels::status_ui(ui, self, &mut out);
        panes::panes_ui(ui, self, &mut out);
        egui::CentralPanel::default().show(ui, |ui| {
            let doc = self
                .state
                .selected_doc
                .and_then(|d| self.project.document(d));
            match doc {
                Some(doc) => {
                    header::header_ui(ui, &self.project, doc, &mut self.state, &mut out);
                    browser::browser_ui(
                        ui,
                        &self.project,
                        doc,
                        self.project.generation(),
                        &mut self.state,
                        &mut self.cache,
                        &mut out,
                    );
                }
                None => {
                    let rtl = self.state.lang.rtl();
                    row(ui, rtl, |ui| {
                        ui.label(bidi(self.state.lang.strings().no_document))
                    });
                }
            }
        });
        picker::picker_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        panels::palette_ui(ui.ctx(), &mut self.state, &mut out);
        review::review_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        analysis::analysis_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        cards::cards_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        maps::maps_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        social_import::social_import_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        coder_prompt::coder_prompt_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        file_browser::file_browser_ui(ui.ctx(), &mut self.state, &mut out);
        interop::import_report_ui(ui.ctx(), &mut self.state);
        panels::error_ui(ui.ctx(), &mut self.state);
        levels::confirm_delete_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        recovery::recovery_ui(ui.ctx(), &mut self.state, &mut out);
        offers::offer_ui(ui.ctx(), &mut self.state, &mut out);
        files::unsaved_ui(ui.ctx(), &mut self.state, &mut out);
        levels::parent_guard_ui(ui.ctx(), &self.project, &mut self.state, &mut out);
        for a in out {
            self.apply(a);
        }
        // A "Saved" that a change made untrue is gone for good (not back
        // when an undo returns to the saved state).
        if !self.state.status.current(self.history.revision()) {
            self.state.status = status::Status::None;
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, out: &mut Vec<Action>) {
        // A dialog (the file browser, "who is coding?", a question) has the
        // keyboard (Delete, Ctrl+A, Enter, Alt+1…) while open.
        if self.state.dialog_open() {
            return;
        }
        if ctx.egui_wants_keyboard_input() && self.state.picker.is_some() {
            return;
        }
        for cmd in AppCommand::by_shortcut_priority() {
            let Some(sc) = cmd.shortcut() else { continue };
            if sc.modifiers.is_none() && ctx.egui_wants_keyboard_input() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&sc)) {
                out.push(Action::Run(cmd));
            }
        }
    }

    /// Screen position of a char boundary in the open document, as last
    /// drawn (for driving the browser with a pointer, e.g. in tests).
    pub fn screen_pos_of(&self, pos: CharPos) -> Option<egui::Pos2> {
        self.cache.screen_pos(pos)
    }
    /// Screen rect of the glyph of doc char `pos`, as last drawn.
    pub fn glyph_rect_of(&self, pos: CharPos) -> Option<egui::Rect> {
        self.cache.glyph_rect(pos)
    }

    /// Apply one command through the history; errors go to the status line.
    pub fn edit(&mut self, cmd: Command) -> bool {
        // Changes are recorded as the chosen coder's.
        let coder = self
            .state
            .coder
            .filter(|c| self.project.coder(*c).is_some());
        self.project.set_actor(coder);
        match self.history.apply(&mut self.project, cmd) {
            Ok(()) => true,
            Err(e) => {
                self.state.error = Some(errors::edit(self.state.locale(), &e));
                false
            }
        }
    }

    pub fn apply(&mut self, a: Action) {
        // Commands built while applying are made as the chosen coder's.
        self.act_as_coder();
        actions::apply(self, a);
    }

    /// Changes are recorded as made by the coder chosen in the top bar.
    fn act_as_coder(&mut self) {
        let coder = self
            .state
            .coder
            .filter(|c| self.project.coder(*c).is_some());
        self.project.set_actor(coder);
    }

    /// Wait for background saves to finish and take in their results.
    pub fn wait_for_saves(&mut self) {
        saver::poll(self, true);
    }
}

/// Start the window. With no path, the last project opens (the bundled
/// demo the first time, or when the last one is gone).
pub fn run(path: Option<PathBuf>) -> Result<(), String> {
    let mut open_last = false;
    let wb = match path {
        Some(p) => match Workbench::open(p.clone()) {
            Ok(wb) => wb,
            // A project held elsewhere or damaged is better answered in
            // the window (remove the lock, restore the backup) than in a
            // terminal the user may not see; so is any other failure.
            Err(e) => {
                crate::cli::say(format_args!("error: {e}"));
                let mut wb = Workbench::demo().map_err(|e| e.to_string())?;
                opening::open_path(&mut wb, p);
                wb
            }
        },
        None => {
            let mut wb = Workbench::demo().map_err(|e| e.to_string())?;
            wb.state.recovery = recovery::unsaved_recovery_to_offer();
            // Unsaved work of an untitled project is offered first.
            open_last = wb.state.recovery.is_none();
            wb
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1500.0, 900.0])
            .with_title(wb.title())
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Strata",
        options,
        Box::new(move |cc| Ok(Box::new(window::StrataApp::new(wb, cc.storage, open_last)))),
    )
    .map_err(|e| e.to_string())
}
