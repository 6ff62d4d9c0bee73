//! File ▸ Merge coders' copies in the window: the copies, then their base,
//! are chosen in the file browser; the open project is one more side (the
//! supervisor's work since is kept); the merge is written beside it and
//! opened, its conflicts as open review comments; a copy of another
//! project is refused, naming it, in the interface's language.

use super::gui::harness;
use super::gui_files::{file_menu, go_to};
use super::util::*;
use egui::Modifiers;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;
use strata::app::i18n::{Digits, Locale};
use strata::app::{Lang, Workbench, bidi};
use strata::edit::{Command, History};
use strata::model::*;

/// A base (the demo without codings) and two coders' copies: each codes,
/// and both rename one code differently (a conflict).
fn base_and_copies(dir: &Path) -> Project {
    let mut base = strata::demo::demo_project().expect("demo");
    base.codings.clear();
    base.touch();
    strata::store::save(&base, &dir.join("study.strata")).expect("save");
    let code = base.resolve_path("آمارسازی").expect("code");
    let doc = base.documents[0].id;
    for (file, coder, name, range) in [
        ("sara.strata", 0, "آمار ساختگی", CharRange::new(0, 10)),
        ("omid.strata", 1, "آمارسازی رسمی", CharRange::new(20, 30)),
    ] {
        let mut p = base.clone();
        let who = p.coders[coder].id;
        let mut h = History::new();
        h.apply(&mut p, strata::edit::new_coding(doc, range, code, who))
            .expect("code");
        h.apply(
            &mut p,
            Command::RenameCode {
                id: code,
                name: name.into(),
            },
        )
        .expect("rename");
        strata::store::save(&p, &dir.join(file)).expect("save copy");
    }
    base
}

#[test]
fn merging_two_copies_from_the_file_menu_opens_the_merge_with_its_conflicts() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = tmp();
        base_and_copies(dir.path());
        let base = dir.path().join("study.strata");
        let before = std::fs::read(&base).expect("base");
        let mut wb = Workbench::open(base.clone()).expect("open");
        wb.state.lang = lang;
        // The supervisor's own work since handing out the copies: a new
        // code, not saved yet.
        let theirs = Code::new("کد ناظر", "#006eec");
        let cmd = strata::edit::add_code(&wb.project, None, theirs.clone());
        assert!(wb.edit(cmd));
        let mut h = harness(wb);
        let s = lang.strings();
        file_menu(&mut h, s.merge_copies);
        go_to(&mut h, dir.path());
        h.get_by_label("omid.strata").click();
        h.run();
        h.get_by_label("sara.strata")
            .click_modifiers(Modifiers::COMMAND);
        h.run();
        let loc = Locale::new(lang, Digits::Persian);
        h.get_by_label(&bidi(&s.fb_merge.replace("{n}", &loc.num(2))))
            .click();
        h.run();
        // Then the base: the file as the copies were handed out.
        h.get_by_label(&bidi(s.merge_base));
        h.get_by_label("study.strata").click();
        h.run();
        h.get_by_label(&bidi(s.fb_merge_base)).click();
        h.run();
        // The open project has unsaved work (merged too): asked, as any
        // switch of project is.
        h.get_by_label(&bidi(s.continue_without_saving)).click();
        h.run();
        let out = dir.path().join("study-merged.strata");
        assert_eq!(
            h.state().path.as_deref(),
            Some(out.as_path()),
            "{lang:?}: opened"
        );
        let p = &h.state().project;
        assert_eq!(p.codings.len(), 2, "{lang:?}: both coders' codings");
        assert!(
            p.codes.contains_key(&theirs.id),
            "{lang:?}: the supervisor's code kept"
        );
        // The rename conflict is an open comment, and the review is open.
        let open = p.review.open_threads();
        assert_eq!(open.len(), 1, "{lang:?}");
        assert!(h.state().state.review.open);
        let status = h.state().state.status.text(h.state().state.locale());
        assert!(status.contains("study-merged.strata"), "{status}");
        // The base's file is as it was.
        assert_eq!(std::fs::read(&base).expect("base"), before, "{lang:?}");
    }
}

#[test]
fn a_copy_of_another_project_is_refused_in_the_interface_language() {
    let dir = tmp();
    let base = base_and_copies(dir.path());
    let mut other = Project::new("another study");
    other.documents.push(Document::new("P1", "text"));
    let stray = dir.path().join("stray.strata");
    strata::store::save(&other, &stray).expect("save");
    let mut wb = Workbench::open(dir.path().join("study.strata")).expect("open");
    wb.state.lang = Lang::Fa;
    wb.apply(strata::app::Action::MergeCopies(vec![stray]));
    wb.state.file_browser = None;
    wb.apply(strata::app::Action::MergeFrom(
        dir.path().join("study.strata"),
    ));
    let error = wb.state.error.clone().expect("refused");
    assert!(error.contains("«stray.strata»"), "{error}");
    assert!(error.contains("نسخه‌ای از"), "{error}");
    assert!(wb.project.codings.is_empty() && base.codings.is_empty());
    assert_eq!(wb.project.codes, base.codes, "unchanged");
    assert!(
        !dir.path().join("study-merged.strata").exists(),
        "nothing written"
    );
}
