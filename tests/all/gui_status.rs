//! The status line and the window title say what happened, in the language
//! of the moment; errors the user can meet are said in Persian in the
//! Persian window, with the path and the system's own detail kept.

use super::gui::{demo, harness};
use super::util::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::{Action, AppCommand, Lang, Workbench, bidi};
use strata::edit::Command;

fn transcripts(dir: &std::path::Path, names: &[&str]) -> Vec<std::path::PathBuf> {
    names
        .iter()
        .map(|n| {
            let path = dir.join(format!("{n}.txt"));
            std::fs::write(&path, "P9: سلام\nP9: خداحافظ\n").expect("write transcript");
            path
        })
        .collect()
}

#[test]
fn an_import_is_counted_and_said_again_after_switching_language() {
    let dir = tmp();
    let mut h = demo(Lang::Fa);
    h.state_mut()
        .apply(Action::ImportPaths(transcripts(dir.path(), &["N1"])));
    h.run();
    h.get_by_label(&bidi("۱ سند وارد شد"));
    h.state_mut()
        .apply(Action::ImportPaths(transcripts(dir.path(), &["N2", "N3"])));
    h.run();
    h.get_by_label(&bidi("۲ سند وارد شد"));
    assert!(h.query_by_label_contains("وارد کردن").is_none());
    // The message is kept as what happened, and said in English now.
    h.state_mut().apply(Action::Run(AppCommand::ToggleLanguage));
    h.run();
    h.get_by_label("2 documents imported");
    assert!(h.query_by_label(&bidi("۲ سند وارد شد")).is_none());
    h.state_mut()
        .apply(Action::ImportPaths(transcripts(dir.path(), &["N4"])));
    h.run();
    h.get_by_label("1 document imported");
}

fn rename_first_code(h: &mut Harness<'static, Workbench>, name: &str) {
    let id = *h.state().project.codes.keys().next().expect("a code");
    h.state_mut().apply(Action::Edit(Command::RenameCode {
        id,
        name: name.into(),
    }));
    h.run();
}

fn save(h: &mut Harness<'static, Workbench>) {
    h.state_mut().apply(Action::Run(AppCommand::Save));
    h.run();
}

#[test]
fn saved_and_unsaved_are_never_shown_together_and_undo_to_the_save_clears_the_title() {
    let dir = tmp();
    let path = small_project(dir.path());
    let mut wb = Workbench::open(path).expect("open");
    // The fixture's Persian level names chose the Persian interface.
    wb.state.lang = Lang::En;
    let mut h = harness(wb);
    rename_first_code(&mut h, "first");
    assert!(h.state().title().starts_with("● "), "{}", h.state().title());
    h.query_by_label_contains("· unsaved")
        .expect("unsaved shown");
    save(&mut h);
    h.get_by_label("Saved: small.strata");
    assert!(
        h.query_by_label_contains("· unsaved").is_none(),
        "saved, not both"
    );
    assert!(
        !h.state().title().starts_with("● "),
        "{}",
        h.state().title()
    );
    // A change after the save: "unsaved", and "Saved" is gone.
    rename_first_code(&mut h, "second");
    h.query_by_label_contains("· unsaved")
        .expect("unsaved shown");
    assert!(h.query_by_label_contains("Saved:").is_none(), "not both");
    assert!(h.state().title().starts_with("● "));
    // Undone back to the saved state: clean, the title without its dot.
    h.state_mut().apply(Action::Run(AppCommand::Undo));
    h.run();
    let title = h.state().title();
    assert!(!title.contains('●'), "{title}");
    assert!(h.query_by_label_contains("· unsaved").is_none());
    assert!(
        h.query_by_label_contains("Saved:").is_none(),
        "gone for good"
    );
    // Redone past it: unsaved again.
    h.state_mut().apply(Action::Run(AppCommand::Redo));
    h.run();
    assert!(h.state().title().starts_with("● "));
    h.query_by_label_contains("· unsaved")
        .expect("unsaved shown");
}

#[test]
fn saved_in_persian_is_not_shown_beside_unsaved() {
    let dir = tmp();
    let path = small_project(dir.path());
    let mut wb = Workbench::open(path).expect("open");
    wb.state.lang = Lang::Fa;
    let mut h = harness(wb);
    rename_first_code(&mut h, "یکم");
    save(&mut h);
    h.get_by_label(&bidi("ذخیره شد: small.strata"));
    rename_first_code(&mut h, "دوم");
    h.query_by_label_contains(&bidi("ذخیره‌نشده"))
        .expect("unsaved shown");
    assert!(h.query_by_label(&bidi("ذخیره شد: small.strata")).is_none());
}

/// The text of a message outside its isolated runs (paths, OS details),
/// with `names` (the user's own names) taken out.
fn outside_isolates(msg: &str, names: &[&str]) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in msg.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    names.iter().fold(out, |s, n| s.replace(n, ""))
}

fn assert_persian(msg: &str, names: &[&str]) {
    let rest = outside_isolates(msg, names);
    assert!(
        !rest.chars().any(|c| c.is_ascii_alphabetic()),
        "an English word outside the path and the system's detail: {rest:?} in {msg:?}"
    );
    assert!(
        rest.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "{msg}"
    );
}

fn error_of(h: &mut Harness<'static, Workbench>, a: Action) -> String {
    h.state_mut().state.error = None;
    h.state_mut().apply(a);
    h.run();
    h.state().state.error.clone().expect("an error is shown")
}

#[test]
fn import_and_open_errors_are_persian_in_the_persian_window() {
    let dir = tmp();
    let mut h = demo(Lang::Fa);
    let taken = h.state().project.documents[0].name.clone();
    let dup = transcripts(dir.path(), &[taken.as_str()]);
    let before = h.state().project.documents.len();
    let msg = error_of(&mut h, Action::ImportPaths(dup.clone()));
    assert_eq!(
        h.state().project.documents.len(),
        before,
        "nothing imported"
    );
    assert!(msg.contains(&dup[0].display().to_string()), "{msg}");
    assert!(msg.contains("از پیش در پروژه هست"), "{msg}");
    assert_persian(&msg, &[&taken]);
    // The error dialog shows it (its label is the text in logical order).
    h.get_by_label_contains("از پیش در پروژه هست");

    let gone = dir.path().join("gone.txt");
    let msg = error_of(&mut h, Action::ImportPaths(vec![gone.clone()]));
    assert!(msg.contains(&gone.display().to_string()), "{msg}");
    assert!(
        msg.contains("os error 2"),
        "the system's detail is kept: {msg}"
    );
    assert!(msg.contains("پرونده خوانده نشد"), "{msg}");
    assert_persian(&msg, &[]);

    let missing = dir.path().join("missing.strata");
    let msg = error_of(&mut h, Action::OpenPath(missing.clone()));
    assert!(msg.contains(&missing.display().to_string()), "{msg}");
    assert_persian(&msg, &[]);
    assert!(h.state().path.is_none(), "the demo stays open");

    // A folder where a project file should be: the system's error, in a
    // Persian sentence.
    let folder = dir.path().join("folder.strata");
    std::fs::create_dir(&folder).expect("mkdir");
    let msg = error_of(&mut h, Action::OpenPath(folder.clone()));
    assert!(msg.contains(&folder.display().to_string()), "{msg}");
    assert_persian(&msg, &[]);

    // The English window keeps the library's English.
    h.state_mut().state.lang = Lang::En;
    let msg = error_of(&mut h, Action::ImportPaths(dup));
    assert!(msg.contains("is already in the project"), "{msg}");
}

#[test]
fn the_persian_recovery_offer_reads_naturally_and_says_what_it_did() {
    let dir = tmp();
    let path = small_project(dir.path());
    renamed_recovery_beside(&path, "پیش از خرابی");
    let mut wb = Workbench::open(path).expect("open");
    wb.state.lang = Lang::Fa;
    let mut h = harness(wb);
    // Its label is the text in logical order.
    h.get_by_label_contains("نسخه‌ای از ذخیرهٔ خودکار یافت");
    assert!(h.query_by_label_contains("خودکارذخیره").is_none());
    h.get_by_label(&bidi("دور انداختن")).click();
    h.run();
    h.get_by_label_contains("نسخهٔ ذخیرهٔ خودکار دور انداخته شود؟");
    h.get_by_label(&bidi("بازگشت")).click();
    h.run();
    h.get_by_label(&bidi("بازیابی")).click();
    h.run();
    assert_eq!(h.state().project.name, "پیش از خرابی");
    h.get_by_label(&bidi(
        "نسخهٔ ذخیرهٔ خودکار بازیابی شد؛ برای نگه داشتنش آن را ذخیره کنید",
    ));
}
