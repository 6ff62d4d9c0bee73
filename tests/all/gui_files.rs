//! The in-app file browser (where no native dialog answers): Import with
//! several files, Save as and Export by a typed name, the keyboard, the
//! filters and errors, in both interface languages.

use super::gui::demo;
use super::util::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;
use strata::app::i18n::{Digits, Locale};
use strata::app::{Lang, Workbench, bidi};

type H = Harness<'static, Workbench>;

/// Choose a File menu item by its words (its label carries its shortcut).
pub(super) fn file_menu(h: &mut H, item: &str) {
    let s = h.state().state.lang.strings();
    h.get_by_label(&bidi(s.file)).click();
    h.run();
    h.get_all_by_label_contains(&bidi(item))
        .next()
        .expect("the menu item")
        .click();
    h.run();
}

/// Type into a field of the browser and press Enter. Focused by the
/// program, the field's text is selected, so typing replaces it.
fn type_in(h: &mut H, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Show `folder` in the open browser, through its location field.
pub(super) fn go_to(h: &mut H, folder: &Path) {
    let s = h.state().state.lang.strings();
    type_in(
        h,
        s.fb_location,
        folder.to_str().expect("a UTF-8 temp path"),
    );
}

/// Name the file to write in the open browser (Save as, New, Export).
pub(super) fn name_file(h: &mut H, name: &str) {
    let s = h.state().state.lang.strings();
    type_in(h, s.fb_file_name, name);
}

fn transcripts() -> tempfile::TempDir {
    let dir = tmp();
    let d = dir.path();
    std::fs::write(d.join("مصاحبه-۱.txt"), "سلام، این مصاحبهٔ نخست است.\n").expect("write");
    std::fs::write(d.join("P12.txt"), "The twelfth interview.\n").expect("write");
    std::fs::write(d.join("photo.jpg"), "not a transcript").expect("write");
    std::fs::write(d.join(".draft.txt"), "hidden").expect("write");
    std::fs::create_dir(d.join("notes")).expect("mkdir");
    std::fs::write(d.join("notes").join("P13.md"), "Notes.\n").expect("write");
    dir
}

fn import_label(lang: Lang, n: usize) -> String {
    let s = lang.strings();
    let loc = Locale::new(lang, Digits::Persian);
    bidi(&s.fb_import_many.replace("{n}", &loc.num(n)))
}

#[test]
fn the_file_browser_imports_two_files() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = transcripts();
        let mut h = demo(lang);
        let s = lang.strings();
        let before = h.state().project.documents.len();
        file_menu(&mut h, s.import);
        go_to(&mut h, dir.path());
        // Folders first, then the transcripts; not the photo or the dot file.
        let top = |h: &H, name: &str| h.get_by_label(name).rect().top();
        assert!(top(&h, "notes") < top(&h, "P12.txt"), "{lang:?}");
        assert!(top(&h, "P12.txt") < top(&h, "مصاحبه-۱.txt"), "{lang:?}");
        assert!(h.query_by_label("photo.jpg").is_none(), "{lang:?}");
        assert!(h.query_by_label(".draft.txt").is_none(), "{lang:?}");
        h.get_by_label("مصاحبه-۱.txt").click();
        h.run();
        h.get_by_label("P12.txt")
            .click_modifiers(Modifiers::COMMAND);
        h.run();
        h.get_by_label(&import_label(lang, 2)).click();
        h.run();
        let p = &h.state().project;
        assert_eq!(p.documents.len(), before + 2, "{lang:?}");
        let first = p.document_by_name("مصاحبه-۱").expect("the Persian file");
        assert!(first.text().contains("نخست است"), "{:?}", first.text());
        let second = p.document_by_name("P12").expect("P12");
        assert_eq!(second.text().trim_end(), "The twelfth interview.");
        assert!(h.query_by_label(s.fb_location).is_none(), "closed");
        // The folder is remembered, first among the recent folders.
        assert_eq!(
            h.state().state.recent_folders.first().map(|f| f.as_path()),
            Some(dir.path())
        );
    }
}

#[test]
fn a_relative_name_typed_in_save_as_is_saved_in_the_folder_shown() {
    for (lang, name) in [(Lang::En, "study"), (Lang::Fa, "پروژهٔ من")] {
        let dir = tmp();
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        let mut h = demo(lang);
        let s = lang.strings();
        file_menu(&mut h, s.save_as);
        go_to(&mut h, dir.path());
        // A folder typed relative to the one shown opens it.
        go_to(&mut h, Path::new("sub"));
        name_file(&mut h, name);
        let saved = dir.path().join("sub").join(format!("{name}.strata"));
        assert!(saved.is_file(), "{lang:?}: {saved:?}");
        assert_eq!(h.state().path.as_deref(), Some(saved.as_path()));
        assert!(!h.state().is_dirty());
    }
}

#[test]
fn the_keyboard_moves_opens_goes_up_chooses_all_and_cancels() {
    let dir = transcripts();
    let mut h = demo(Lang::En);
    let s = Lang::En.strings();
    file_menu(&mut h, s.import);
    go_to(&mut h, dir.path());
    // Down to the first row (the folder), Enter opens it.
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label("P13.md").is_some(), "inside notes");
    assert!(h.query_by_label("P12.txt").is_none());
    h.key_press(Key::Backspace);
    h.run();
    assert!(h.query_by_label("P12.txt").is_some(), "back up");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert!(h.query_by_label(&import_label(Lang::En, 2)).is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label(s.fb_location).is_none(), "Escape cancels");
    assert_eq!(h.state().project.documents.len(), 30, "nothing imported");
}

#[test]
fn hidden_and_other_files_show_on_request() {
    let dir = transcripts();
    let mut h = demo(Lang::Fa);
    let s = Lang::Fa.strings();
    file_menu(&mut h, s.import);
    go_to(&mut h, dir.path());
    assert!(h.query_by_label(".draft.txt").is_none());
    h.get_by_label(&bidi(s.fb_show_hidden)).click();
    h.run();
    assert!(h.query_by_label(".draft.txt").is_some());
    assert!(h.query_by_label("photo.jpg").is_none());
    h.get_by_label(&bidi(s.fb_all_files)).click();
    h.run();
    assert!(h.query_by_label("photo.jpg").is_some());
}

#[test]
fn names_that_are_not_there_are_said_in_the_dialog() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = transcripts();
        let mut h = demo(lang);
        let s = lang.strings();
        file_menu(&mut h, s.open);
        go_to(&mut h, dir.path());
        let gone = dir.path().join("gone");
        go_to(&mut h, &gone);
        // Said with the path, in the interface's language.
        assert!(
            h.query_by_label_contains(s.fb_not_found).is_some(),
            "{lang:?}"
        );
        assert!(
            h.query_by_label_contains(gone.to_str().expect("p"))
                .is_some()
        );
        // Still open, in the folder it was in.
        assert!(h.query_by_label("notes").is_some(), "{lang:?}");
        h.key_press(Key::Escape);
        h.run();
        // Saving into a folder that is not there.
        file_menu(&mut h, s.save_as);
        go_to(&mut h, dir.path());
        name_file(&mut h, "gone/study");
        assert!(
            h.query_by_label_contains(s.fb_missing).is_some(),
            "{lang:?}"
        );
        assert!(
            h.query_by_label_contains(gone.to_str().expect("p"))
                .is_some()
        );
        assert!(h.state().path.is_none(), "not saved");
    }
}

#[test]
fn export_over_an_existing_file_asks_first() {
    let dir = tmp();
    let out = dir.path().join("table.md");
    std::fs::write(&out, "old").expect("write");
    let mut h = demo(Lang::En);
    let s = Lang::En.strings();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    go_to(&mut h, dir.path());
    name_file(&mut h, "table.md");
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "old",
        "not yet"
    );
    h.get_by_label(s.fb_replace_button).click();
    h.run();
    let md = std::fs::read_to_string(&out).expect("exported");
    assert!(md.starts_with("<div dir=\"rtl\">"), "{md}");
}

#[test]
fn the_browser_fits_an_800_by_600_window_and_mirrors_in_persian() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = transcripts();
        let mut wb = Workbench::demo().expect("demo");
        wb.state.lang = lang;
        let mut h = Harness::builder()
            .with_size(egui::vec2(800.0, 600.0))
            .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), wb);
        h.run_steps(3);
        let s = lang.strings();
        file_menu(&mut h, s.save_as);
        go_to(&mut h, dir.path());
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
        let cancel = h.get_by_label(&bidi(s.cancel)).rect();
        let name = h
            .get_by_role_and_label(Role::TextInput, s.fb_file_name)
            .rect();
        let row = h.get_by_label("notes").rect();
        for r in [cancel, name, row] {
            assert!(screen.contains_rect(r), "{lang:?}: {r:?} inside the window");
        }
        assert!(row.width() > 300.0, "{lang:?}: a row has room for names");
        // The places column is on the reading side of the listing.
        let home = h
            .get_all_by_label(&bidi(s.fb_home))
            .map(|n| n.rect())
            .find(|r| {
                r.top()
                    > h.get_by_role_and_label(Role::TextInput, s.fb_location)
                        .rect()
                        .bottom()
            })
            .expect("Home among the places");
        if lang.rtl() {
            assert!(home.left() > row.right() - 1.0, "{home:?} right of {row:?}");
        } else {
            assert!(home.right() < row.left() + 1.0, "{home:?} left of {row:?}");
        }
    }
}

#[test]
fn the_keyboard_scrolls_a_long_folder_to_the_row_it_is_on() {
    let dir = tmp();
    for i in 1..=80 {
        std::fs::write(dir.path().join(format!("P{i}.txt")), "x\n").expect("write");
    }
    let mut h = demo(Lang::En);
    file_menu(&mut h, Lang::En.strings().import);
    go_to(&mut h, dir.path());
    // Only the rows in view are drawn, in numeric order.
    assert!(h.query_by_label("P2.txt").is_some());
    assert!(h.query_by_label("P70.txt").is_none(), "out of view");
    for _ in 0..70 {
        h.key_press(Key::ArrowDown);
    }
    h.run();
    assert!(h.query_by_label("P70.txt").is_some(), "scrolled to it");
    // Shift+Up takes two more files.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowUp);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowUp);
    h.run();
    assert!(h.query_by_label(&import_label(Lang::En, 3)).is_some());
}

/// In a project with nothing open yet, the first imported transcript opens
/// for reading; the pane does not stay on "select a document".
#[test]
fn importing_into_an_empty_project_opens_the_first_transcript() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = transcripts();
        let mut wb = Workbench::new(strata::model::Project::new("empty"), None);
        wb.state.lang = lang;
        let mut h = super::gui::harness(wb);
        let s = lang.strings();
        assert!(h.query_by_label(&bidi(s.no_document)).is_some(), "{lang:?}");
        file_menu(&mut h, s.import);
        go_to(&mut h, dir.path());
        h.get_by_label("P12.txt").click();
        h.run();
        let one = s
            .fb_import_one
            .replace("{n}", &Locale::new(lang, Digits::Persian).num(1));
        h.get_by_label(&bidi(&one)).click();
        h.run();
        h.run();
        h.get_by_label("Document browser: P12");
        assert!(h.query_by_label(&bidi(s.no_document)).is_none(), "{lang:?}");
    }
}
