//! Other tools' files in the window: File ▸ Import from another tool (a
//! .qdpx becomes a Strata project beside it, opened with its import
//! report; a .qdc joins the open project in one undo step), File ▸ Export
//! to .qdpx, .qdc and .xlsx, and File ▸ Study report. Refusals are said in
//! the interface's language and write nothing.

use super::gui::harness;
use super::gui_files::{file_menu, go_to, name_file};
use super::util::*;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use strata::app::{Action, Lang, Workbench, bidi};

fn sample(name: &str) -> PathBuf {
    fixture(&format!("refi/{name}"))
}

/// The demo saved in `dir`, opened from there.
fn demo_in(dir: &Path, lang: Lang) -> Workbench {
    let path = dir.join("study.strata");
    let p = strata::demo::demo_project().expect("demo");
    strata::store::save(&p, &path).expect("save");
    let mut wb = Workbench::open(path).expect("open");
    wb.state.lang = lang;
    wb
}

#[test]
fn a_qdpx_chosen_in_the_file_menu_opens_as_a_new_project_with_its_report() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = tmp();
        let qdpx = dir.path().join("rtl-qc.qdpx");
        std::fs::copy(sample("qc-1.7.8-rtl/rtl-qc.qdpx"), &qdpx).expect("copy");
        let mut h = harness(demo_in(dir.path(), lang));
        let s = lang.strings();
        file_menu(&mut h, s.import_other);
        go_to(&mut h, dir.path());
        h.get_by_label("rtl-qc.qdpx").click();
        h.run();
        h.get_by_label(&bidi(s.fb_import)).click();
        h.run_steps(3);
        let out = dir.path().join("rtl-qc.strata");
        assert_eq!(h.state().path.as_deref(), Some(out.as_path()), "{lang:?}");
        let p = &h.state().project;
        assert_eq!((p.codes.len(), p.codings.len()), (8, 7), "{lang:?}");
        // The report is open beside the project, in the interface's language.
        let report = h.state().state.import_report.as_ref().expect("report");
        let text = report.text(lang).to_string();
        h.get_all_by_label_contains(&bidi(s.import_report))
            .next()
            .expect("the report's window");
        let status = h.state().state.status.text(h.state().state.locale());
        assert!(status.contains("rtl-qc.strata"), "{status}");
        if lang == Lang::Fa {
            assert!(text.contains('۷'), "Persian digits: {text}");
        }
        // Closing it closes it.
        h.get_by_label(&bidi(s.close)).click();
        h.run();
        assert!(h.state().state.import_report.is_none());
        // A second import never writes over the first.
        h.state_mut().apply(Action::ImportOther(qdpx.clone()));
        h.run();
        assert!(dir.path().join("rtl-qc-2.strata").exists(), "{lang:?}");
    }
}

#[test]
fn a_codebook_joins_the_open_project_in_one_undo_step() {
    let dir = tmp();
    let mut wb = demo_in(dir.path(), Lang::Fa);
    let before = wb.project.codes.clone();
    wb.apply(Action::ImportOther(sample(
        "taguette-1.5.2/taguette-1.5.2-codebook.qdc",
    )));
    assert!(wb.state.error.is_none(), "{:?}", wb.state.error);
    assert_eq!(wb.project.codes.len(), before.len() + 5);
    assert!(wb.state.import_report.is_some());
    wb.apply(Action::Run(strata::app::AppCommand::Undo));
    assert_eq!(wb.project.codes, before, "one step undoes it all");
}

#[test]
fn a_damaged_qdpx_is_refused_in_the_interface_language_and_nothing_is_written() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = tmp();
        let bad = dir.path().join("broken.qdpx");
        let good = std::fs::read(sample("qc-1.7.8-rtl/rtl-qc.qdpx")).expect("read");
        std::fs::write(&bad, &good[..good.len() / 2]).expect("write");
        let mut wb = demo_in(dir.path(), lang);
        let codes = wb.project.codes.clone();
        wb.apply(Action::ImportOther(bad));
        let error = wb.state.error.clone().expect("refused");
        assert!(error.contains("broken.qdpx"), "{error}");
        if lang == Lang::Fa {
            assert!(
                error
                    .chars()
                    .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "said in Persian: {error}"
            );
        }
        assert!(
            !dir.path().join("broken.strata").exists(),
            "nothing written"
        );
        assert_eq!(wb.project.codes, codes);
        assert!(wb.state.import_report.is_none());
    }
}

#[test]
fn the_study_report_and_other_formats_are_written_from_the_file_menu() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = tmp();
        let mut h = harness(demo_in(dir.path(), lang));
        let s = lang.strings();
        file_menu(&mut h, s.study_report);
        go_to(&mut h, dir.path());
        name_file(&mut h, "report.html");
        h.run();
        let html = std::fs::read_to_string(dir.path().join("report.html")).expect("report");
        assert!(html.contains("dir=\"rtl\""), "the demo is Persian");
        let p = h.state().project.clone();
        let code = p
            .codes
            .values()
            .find(|c| c.children.is_empty())
            .expect("a code");
        assert!(
            html.contains(&code.name),
            "{lang:?}: codes are in the report"
        );
        for name in ["study.qdpx", "codebook.qdc", "study.xlsx"] {
            file_menu(&mut h, s.export);
            go_to(&mut h, dir.path());
            name_file(&mut h, name);
            h.run();
            assert!(
                h.state().state.error.is_none(),
                "{name}: {:?}",
                h.state().state.error
            );
            assert!(dir.path().join(name).exists(), "{lang:?}: {name}");
        }
        // The .qdpx is a whole project: it comes back with every coding.
        let back =
            strata::import::refi::import_qdpx(&dir.path().join("study.qdpx")).expect("import");
        assert_eq!(back.project.codings.len(), p.codings.len());
        // A report needs an ending that says its format.
        h.state_mut()
            .apply(Action::ReportTo(dir.path().join("report.txt")));
        let error = h.state().state.error.clone().expect("refused");
        assert!(error.contains("report.txt"), "{error}");
        assert!(!dir.path().join("report.txt").exists());
    }
}

#[test]
fn a_code_that_only_groups_others_is_not_applied_nor_offered() {
    let mut wb = Workbench::demo().expect("demo");
    wb.state.lang = Lang::Fa;
    let id = *wb.project.codes.keys().next().expect("a code");
    wb.project.codes.get_mut(&id).expect("code").codable = false;
    wb.project.touch();
    let before = wb.project.codings.len();
    wb.apply(Action::ApplyCode(id));
    let error = wb.state.error.clone().expect("refused");
    assert!(error.contains(&wb.project.codes[&id].name), "{error}");
    assert_eq!(wb.project.codings.len(), before);
    let offered = wb.state.picker_model.candidates(&wb.project, "", &[]);
    assert!(!offered.contains(&id), "the picker does not offer it");
    assert!(!offered.is_empty());
}

#[test]
fn a_codebook_already_there_adds_nothing_and_no_undo_step_and_says_so() {
    let dir = tmp();
    let mut wb = demo_in(dir.path(), Lang::En);
    let book = sample("taguette-1.5.2/taguette-1.5.2-codebook.qdc");
    wb.apply(Action::ImportOther(book.clone()));
    let codes = wb.project.codes.len();
    let undo = wb.history.undo_label().cloned();
    wb.state.import_report = None;
    wb.apply(Action::ImportOther(book));
    assert!(wb.state.error.is_none(), "{:?}", wb.state.error);
    assert_eq!(wb.project.codes.len(), codes, "nothing doubled");
    assert_eq!(wb.history.undo_label().cloned(), undo, "no empty undo step");
    let status = wb.state.status.text(wb.state.locale());
    assert!(status.contains("nothing was added"), "{status}");
    let report = wb.state.import_report.as_ref().expect("report");
    assert!(
        report.text(Lang::En).contains("already"),
        "{}",
        report.text(Lang::En)
    );
}

#[test]
fn importing_over_unsaved_work_asks_first_and_a_cancel_leaves_nothing_behind() {
    let dir = tmp();
    let qdpx = dir.path().join("rtl-qc.qdpx");
    std::fs::copy(sample("qc-1.7.8-rtl/rtl-qc.qdpx"), &qdpx).expect("copy");
    let mut wb = demo_in(dir.path(), Lang::Fa);
    let code = strata::model::Code::new("کد تازه", "#006eec");
    let cmd = strata::edit::add_code(&wb.project, None, code);
    assert!(wb.edit(cmd));
    wb.apply(Action::ImportOther(qdpx.clone()));
    assert!(wb.state.pending.is_some(), "asked about the unsaved work");
    assert!(wb.state.import_report.is_none() && wb.state.after_open.is_none());
    assert!(
        !dir.path().join("rtl-qc.strata").exists(),
        "nothing written yet"
    );
    // Cancelled: as it was.
    wb.state.pending = None;
    assert!(wb.state.import_report.is_none());
    // Asked again and answered "continue without saving": imported, opened.
    wb.apply(Action::ImportOther(qdpx));
    let pending = wb.state.pending.take().expect("asked");
    wb.apply(Action::Continue {
        pending,
        save: false,
    });
    let out = dir.path().join("rtl-qc.strata");
    assert_eq!(wb.path.as_deref(), Some(out.as_path()));
    assert!(wb.state.import_report.is_some());
}

/// The error dialog closes with a click on OK (it once closed only with
/// Enter), and with Escape.
#[test]
fn an_error_closes_with_a_click_on_ok_or_escape() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = tmp();
        let bad = dir.path().join("notes.qdpx");
        std::fs::write(&bad, "just text, renamed").expect("write");
        let mut h = harness(demo_in(dir.path(), lang));
        h.state_mut().apply(Action::ImportOther(bad.clone()));
        h.run();
        let error = h.state().state.error.clone().expect("refused");
        assert!(error.contains("notes.qdpx"), "{error}");
        let s = lang.strings();
        h.get_by_label(&bidi(s.ok)).click();
        h.run();
        assert!(
            h.state().state.error.is_none(),
            "{lang:?}: closed by the click"
        );
        h.state_mut().apply(Action::ImportOther(bad));
        h.run();
        assert!(h.state().state.error.is_some());
        h.key_press(egui::Key::Escape);
        h.run();
        assert!(
            h.state().state.error.is_none(),
            "{lang:?}: closed by Escape"
        );
    }
}

/// A code set (MAXQDA's, or a REFI-QDA set of codes) chosen above the
/// tree shows its codes alone; "All codes" brings the rest back.
#[test]
fn a_code_set_shows_its_codes_alone_in_the_tree() {
    use egui::accesskit::Role;
    use strata::app::i18n::{Digits, Locale};
    use strata::model::{CodeSet, SetId, Stamp};
    for lang in [Lang::En, Lang::Fa] {
        let mut wb = Workbench::demo().expect("demo");
        wb.state.lang = lang;
        let leaves: Vec<(strata::model::CodeId, String)> = wb
            .project
            .walk()
            .into_iter()
            .map(|(id, _)| &wb.project.codes[&id])
            .filter(|c| c.children.is_empty())
            .map(|c| (c.id, c.name.clone()))
            .take(3)
            .collect();
        wb.project.code_sets.push(CodeSet {
            id: SetId::new(),
            name: "برای مقاله".into(),
            description: String::new(),
            codes: vec![leaves[0].0, leaves[1].0],
            stamp: Stamp::now(None),
        });
        wb.project.touch();
        let mut h = harness(wb);
        let s = lang.strings();
        let other = &leaves[2].1;
        assert!(h.query_by_role_and_label(Role::TreeItem, other).is_some());
        h.get_by_label(&bidi(s.all_codes)).click();
        h.run();
        let loc = Locale::new(lang, Digits::Persian);
        h.get_by_label(&bidi(&format!("برای مقاله ({})", loc.num(2))))
            .click();
        h.run();
        assert!(
            h.query_by_role_and_label(Role::TreeItem, &leaves[0].1)
                .is_some()
        );
        assert!(
            h.query_by_role_and_label(Role::TreeItem, &leaves[1].1)
                .is_some()
        );
        assert!(
            h.query_by_role_and_label(Role::TreeItem, other).is_none(),
            "{lang:?}: a code outside the set is not shown"
        );
        h.get_by_label(&bidi("برای مقاله")).click();
        h.run();
        h.get_all_by_label(&bidi(s.all_codes))
            .last()
            .expect("All codes in the list")
            .click();
        h.run();
        assert!(h.query_by_role_and_label(Role::TreeItem, other).is_some());
    }
}
