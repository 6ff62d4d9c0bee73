//! The eframe application around a `Workbench`: start-up (the last
//! project, the settings kept between runs), autosave, the window's title
//! and close, and saving the settings.

use super::files::{remember_recent, save_and_wait};
use super::recovery::{recovery_for, remove_recovery};
use super::{Action, Workbench, bidi};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// View settings kept between runs (eframe storage).
#[derive(serde::Serialize, serde::Deserialize, Default)]
#[serde(default)]
struct Settings {
    lang: Option<super::Lang>,
    digits: Option<super::i18n::Digits>,
    font_size: Option<f32>,
    show_documents: Option<bool>,
    show_tree: Option<bool>,
    show_side: Option<bool>,
    pane_widths: Option<[f32; 3]>,
    recent_projects: Vec<PathBuf>,
    recent_folders: Vec<PathBuf>,
    /// The coder last chosen (by name), chosen again where the project has
    /// them.
    coder: Option<String>,
    /// The stop words as the user edited them (None: the built-in lists).
    stop_words: Option<String>,
}

const SETTINGS_KEY: &str = "strata-settings";

/// The eframe application around a `Workbench`.
pub struct StrataApp {
    wb: Workbench,
    last_autosave: Instant,
    autosaved_generation: u64,
    allow_close: bool,
    title: String,
}

impl StrataApp {
    /// `open_last`: started without a project: the last one opens, if it
    /// is still there (the demo stays open, with the reason, if it fails).
    pub fn new(mut wb: Workbench, storage: Option<&dyn eframe::Storage>, open_last: bool) -> Self {
        wb.native_dialogs = true;
        wb.background_saves = true;
        let settings: Settings = storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let st = &mut wb.state;
        if let Some(l) = settings.lang {
            st.lang = l;
        }
        st.digits = settings.digits.unwrap_or_default();
        st.font_size = settings.font_size.unwrap_or(st.font_size).clamp(10.0, 32.0);
        st.show_documents = settings.show_documents.unwrap_or(true);
        st.show_tree = settings.show_tree.unwrap_or(true);
        st.show_side = settings.show_side.unwrap_or(true);
        if let Some(w) = settings
            .pane_widths
            .filter(|w| w.iter().all(|x| x.is_finite()))
        {
            st.pane_widths = w.map(|x| x.clamp(100.0, 1200.0));
        }
        st.recent_projects = settings.recent_projects;
        st.recent_folders = settings.recent_folders;
        st.recent_folders.truncate(super::file_list::RECENT_FOLDERS);
        if let Some(words) = settings.stop_words {
            st.analysis.freq.stop_text = words;
        }
        let last = st
            .recent_projects
            .first()
            .filter(|p| open_last && p.is_file())
            .cloned();
        if let Some(last) = last {
            super::opening::open_path(&mut wb, last);
        }
        wb.choose_coder(settings.coder.as_deref());
        if wb.state.me.is_none() {
            // The first start: who is at the keyboard, as MAXQDA's login.
            // Nobody is chosen meanwhile (nor after a Cancel): a coding is
            // never recorded as the project's first coder's by default.
            wb.state.coder = None;
            wb.state.coder_prompt = Some(super::coder_prompt::CoderPrompt {
                name: String::new(),
                then: None,
                focused: false,
            });
        }
        if let Some(p) = wb.path.clone() {
            remember_recent(&mut wb.state, p);
        }
        Self {
            wb,
            last_autosave: Instant::now(),
            autosaved_generation: 0,
            allow_close: false,
            title: String::new(),
        }
    }

    /// The workbench in the window (for tests of the start-up).
    pub fn workbench(&self) -> &Workbench {
        &self.wb
    }

    pub fn workbench_mut(&mut self) -> &mut Workbench {
        &mut self.wb
    }

    /// The workbench as started (for driving the start-up in tests).
    pub fn into_workbench(self) -> Workbench {
        self.wb
    }

    fn autosave(&mut self) {
        let generation = self.wb.project.generation();
        if !self.wb.is_dirty()
            || generation == self.autosaved_generation
            || self.last_autosave.elapsed() < Duration::from_secs(30)
        {
            return;
        }
        self.last_autosave = Instant::now();
        self.autosaved_generation = generation;
        let target = recovery_for(self.wb.path.as_deref());
        super::saver::start_autosave(&mut self.wb, target);
    }
}

impl eframe::App for StrataApp {
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A save still being written is finished, not cut off.
        super::saver::poll(&mut self.wb, true);
        // A normal exit: nothing to recover next time. The window is
        // closing, so stderr is the one place left to tell of a failure.
        if (!self.wb.is_dirty() || self.allow_close)
            && let Err(e) = remove_recovery(
                &recovery_for(self.wb.path.as_deref()),
                super::i18n::Locale::EN,
            )
        {
            crate::cli::say(format_args!("{e}"));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let st = &self.wb.state;
        let settings = Settings {
            lang: Some(st.lang),
            digits: Some(st.digits),
            font_size: Some(st.font_size),
            show_documents: Some(st.show_documents),
            show_tree: Some(st.show_tree),
            show_side: Some(st.show_side),
            pane_widths: Some(st.pane_widths),
            recent_projects: st.recent_projects.clone(),
            recent_folders: st.recent_folders.clone(),
            coder: st
                .coder
                .and_then(|c| self.wb.project.coder(c))
                .map(|c| c.name.clone())
                .or_else(|| st.me.clone()),
            stop_words: {
                let t = &st.analysis.freq.stop_text;
                (*t != crate::analysis::freq::stop::builtin_text()).then(|| t.clone())
            },
        };
        eframe::set_value(storage, SETTINGS_KEY, &settings);
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        super::saver::poll(&mut self.wb, false);
        if self.wb.saver.busy() {
            // Keep collecting the result while the thread writes.
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        self.autosave();
        if std::mem::take(&mut self.wb.state.quit) {
            // Through the same question as the window's close button.
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.wb.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.wb.apply(Action::ImportPaths(dropped));
        }
        let closing = ctx.input(|i| i.viewport().close_requested());
        if closing {
            // Typed memo text is part of the work the question is about.
            super::memo::commit_typing(&mut self.wb);
        }
        if closing && self.wb.is_dirty() && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.wb.state.confirm_close = true;
        }
        ctx.request_repaint_after(Duration::from_secs(5));
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.wb.ui(ui);
        if self.wb.state.confirm_close {
            let mut choice = None;
            egui::Modal::new(egui::Id::unique("confirm-close")).show(ui.ctx(), |ui| {
                super::mirror::dialog_ui(ui, self.wb.state.lang.rtl(), 520.0, |ui| {
                    let s = self.wb.state.lang.strings();
                    let rtl = self.wb.state.lang.rtl();
                    super::row(ui, rtl, |ui| ui.label(bidi(s.unsaved_changes)));
                    super::row(ui, rtl, |ui| {
                        if ui.button(bidi(s.save_and_close)).clicked() {
                            choice = Some(0);
                        }
                        if ui.button(bidi(s.close_without_saving)).clicked() {
                            choice = Some(1);
                        }
                        if ui.button(bidi(s.cancel)).clicked() {
                            choice = Some(2);
                        }
                    });
                })
            });
            match choice {
                Some(0) => {
                    if self.wb.path.is_some() {
                        save_and_wait(&mut self.wb);
                    } else {
                        self.wb.apply(Action::Run(super::AppCommand::Save));
                    }
                    self.wb.state.confirm_close = false;
                    if !self.wb.is_dirty() {
                        self.allow_close = true;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
                Some(1) => {
                    self.wb.state.confirm_close = false;
                    self.allow_close = true;
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
                Some(_) => self.wb.state.confirm_close = false,
                None => {}
            }
        }
    }
}
