//! Habits from MAXQDA and other desktop apps: File ▸ Quit (Ctrl+Q), Help ▸
//! Open demo project, and a window title that names the file.

use super::gui::{demo, harness};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use strata::app::{Lang, Workbench, bidi};

#[test]
fn quit_is_in_the_file_menu_and_on_ctrl_q() {
    for lang in [Lang::En, Lang::Fa] {
        let s = lang.strings();
        let mut h = demo(lang);
        h.get_by_label(&bidi(s.file)).click();
        h.run();
        // (Not Export: «خروجی» starts with «خروج».)
        h.get_all_by_label_contains(&bidi(s.quit))
            .find(|n| {
                let l = n.accesskit_node().label().unwrap_or_default();
                !l.contains(&bidi(s.export))
            })
            .expect("File ▸ Quit")
            .click();
        h.run();
        assert!(
            h.state().state.quit,
            "{lang:?}: the menu item asks to close"
        );
        h.state_mut().state.quit = false;
        h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
        h.run();
        assert!(h.state().state.quit, "{lang:?}: Ctrl+Q asks to close");
    }
}

#[test]
fn help_opens_the_demo_after_asking_about_unsaved_changes() {
    let dir = super::util::tmp();
    let path = super::util::small_project(dir.path());
    for lang in [Lang::En, Lang::Fa] {
        let s = lang.strings();
        let mut wb = Workbench::open(path.clone()).expect("open");
        wb.state.lang = lang;
        let mut h = harness(wb);
        // An unsaved change.
        h.state_mut()
            .apply(strata::app::Action::AddCoder("Nima".into()));
        h.run();
        assert!(h.state().is_dirty());
        h.get_by_label(&bidi(s.help)).click();
        h.run();
        h.get_by_label(&bidi(s.open_demo)).click();
        h.run();
        // Not yet: the changes are asked about first.
        assert_eq!(h.state().path.as_ref(), Some(&path), "{lang:?}");
        h.get_by_label(&bidi(s.continue_without_saving)).click();
        h.run();
        let demo = Workbench::demo().expect("demo");
        assert_eq!(h.state().project.name, demo.project.name, "{lang:?}");
        assert!(h.state().path.is_none());
        drop(h); // its lock on the project goes with it
    }
}

#[test]
fn the_window_title_names_the_file_then_the_project() {
    let dir = super::util::tmp();
    let path = super::util::small_project(dir.path());
    let wb = Workbench::open(path.clone()).expect("open");
    let file = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let title = wb.title();
    assert!(title.starts_with(&file), "{title}");
    assert!(title.contains(&wb.project.name), "{title}");
    drop(wb);
    let mut untitled = Workbench::demo().expect("demo");
    untitled.state.lang = Lang::Fa;
    assert!(
        untitled.title().starts_with("بی‌نام"),
        "{}",
        untitled.title()
    );
}

/// eframe's settings store, in memory.
#[derive(Default)]
struct Store(std::collections::HashMap<String, String>);

impl eframe::Storage for Store {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn start_opens_the_last_project_and_the_demo_when_it_is_gone() {
    use eframe::App as _;
    use strata::app::StrataApp;
    let dir = super::util::tmp();
    let path = super::util::small_project(dir.path());
    let mut store = Store::default();
    {
        // A session with the project: a second coder joins and codes on;
        // saved and closed, the settings are kept.
        let mut wb = Workbench::open(path.clone()).expect("open");
        wb.apply(strata::app::Action::AddCoder("Reza".into()));
        wb.apply(strata::app::Action::Run(strata::app::AppCommand::Save));
        assert!(!wb.is_dirty());
        let mut app = StrataApp::new(wb, None, false);
        app.workbench_mut().state.recent_folders =
            vec!["/data/study".into(), "/data/مصاحبه‌ها".into()];
        app.save(&mut store);
    }
    let started = StrataApp::new(Workbench::demo().expect("demo"), Some(&store), true);
    let wb = started.workbench();
    assert_eq!(wb.path.as_ref(), Some(&path), "the last project");
    let coder = wb
        .state
        .coder
        .and_then(|c| wb.project.coder(c))
        .map(|c| c.name.as_str());
    assert_eq!(coder, Some("Reza"), "the coder last chosen, not the first");
    // The file browser's recent folders too (the project's own first).
    let folders = &wb.state.recent_folders;
    assert!(
        folders.ends_with(&["/data/study".into(), "/data/مصاحبه‌ها".into()]),
        "{folders:?}"
    );
    drop(started);
    // Given a project on the command line, that one (here: the demo).
    let given = StrataApp::new(Workbench::demo().expect("demo"), Some(&store), false);
    assert!(given.workbench().path.is_none());
    drop(given);
    std::fs::remove_file(&path).expect("remove");
    let started = StrataApp::new(Workbench::demo().expect("demo"), Some(&store), true);
    assert!(started.workbench().path.is_none(), "gone: the demo");
    assert!(
        started.workbench().state.error.is_none(),
        "and no error about it"
    );
}
