//! The workbench headless (kittest), core v2: generations after Recover,
//! the unsaved-changes prompt, the level guard, memo editors after undo,
//! several memos, background saving, and who made each coding how.

use super::gui::{demo, doc, harness, pick, select_lines};
use super::util::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::{Lang, Workbench};
use strata::model::*;

/// The labels the code tree shows for a project's counts ("own / total").
fn counts(p: &Project) -> std::collections::BTreeSet<(usize, usize)> {
    let ix = p.index();
    p.codes
        .keys()
        .map(|id| (ix.own_count(*id), ix.total_count(*id)))
        .collect()
}

/// A label as the window shows it: in its digits, reordered for egui.
fn shown(
    h: &Harness<'static, Workbench>,
    text: impl Fn(&dyn Fn(usize) -> String) -> String,
) -> String {
    let st = &h.state().state;
    strata::app::bidi(&text(&|n| st.num(n)))
}

fn count_label(h: &Harness<'static, Workbench>, (own, total): (usize, usize)) -> String {
    shown(h, |num| format!("{} / {}", num(own), num(total)))
}

#[test]
fn recover_shows_the_recovered_projects_counts_not_the_old_ones() {
    let dir = tmp();
    let path = small_project(dir.path());
    let (old, _) = strata::store::load(&path).expect("load");
    let mut p = old.clone();
    // The autosaved state: one code applied to every line of P7 before
    // the crash, so its counts are ones the file never had.
    let p7 = p.document_by_name("P7").expect("P7");
    let (p7_id, lines) = (p7.id, p7.line_count());
    let n7 = p.index().codings_of_document(p7_id).len();
    let leaf = *p
        .codes
        .values()
        .find(|c| c.children.is_empty())
        .map(|c| &c.id)
        .expect("leaf");
    let coder = p.coders[0].id;
    let mut history = strata::edit::History::new();
    let mut added = 0;
    for l in 1..=lines {
        let r = p
            .document(p7_id)
            .and_then(|d| d.line_range(l))
            .expect("line");
        if !r.is_empty()
            && history
                .apply(&mut p, strata::edit::new_coding(p7_id, r, leaf, coder))
                .is_ok()
        {
            added += 1;
        }
    }
    assert!(added >= 3);
    recovery_beside(&path, &p);
    let came: Vec<(usize, usize)> = counts(&p).difference(&counts(&old)).cloned().collect();
    assert!(!came.is_empty());
    let mut wb = Workbench::open(path.clone()).expect("open");
    wb.state.lang = Lang::En;
    let mut h = harness(wb);
    h.get_by_label(&shown(&h, |num| format!("P7  ({})", num(n7))));
    for c in &came {
        let l = count_label(&h, *c);
        assert!(h.query_by_label(&l).is_none(), "not yet: {l}");
    }
    h.get_by_label("Recover").click();
    h.run_steps(2);
    // (The recovered project's Persian level names switch the interface
    // to Persian, and so to Persian digits.)
    h.get_by_label(&shown(&h, |num| format!("P7  ({})", num(n7 + added))));
    for c in &came {
        let l = count_label(&h, *c);
        assert!(
            h.query_by_label(&l).is_some(),
            "the recovered count {l} is shown"
        );
    }
}

#[test]
fn open_and_new_ask_before_throwing_away_unsaved_changes() {
    let dir = tmp();
    let small = small_project(dir.path());
    let mut h = demo(Lang::En);
    let id = *h.state().project.codes.keys().next().expect("a code");
    h.state_mut().edit(strata::edit::Command::RenameCode {
        id,
        name: "renamed before opening".into(),
    });
    h.run();
    assert!(h.state().is_dirty());
    h.state_mut()
        .apply(strata::app::Action::OpenPath(small.clone()));
    h.run();
    h.get_by_label("This project has unsaved changes.");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().project.codes[&id].name, "renamed before opening");
    assert!(h.state().path.is_none(), "still the demo");
    // Discarding opens the other project.
    h.state_mut()
        .apply(strata::app::Action::OpenPath(small.clone()));
    h.run();
    h.get_by_label("Discard the changes").click();
    h.run();
    assert_eq!(h.state().project.name, "Small fixture");
    // New, with changes in a project that has a file: save, then continue.
    let sid = *h.state().project.codes.keys().next().expect("a code");
    h.state_mut().edit(strata::edit::Command::RenameCode {
        id: sid,
        name: "saved on the way".into(),
    });
    h.state_mut().state.recent_projects = vec![small.clone()];
    let fresh = dir.path().join("fresh.strata");
    h.state_mut()
        .apply(strata::app::Action::NewAt(fresh.clone()));
    h.run();
    h.get_by_label("Save, then continue").click();
    h.run();
    assert_eq!(h.state().project.name, "fresh");
    assert!(fresh.exists());
    let (saved, _) = strata::store::load(&small).expect("load");
    assert_eq!(saved.codes[&sid].name, "saved on the way");
    assert!(
        h.state()
            .state
            .recent_projects
            .iter()
            .any(|p| p.ends_with("small.strata")),
        "New keeps the recent projects"
    );
}

#[test]
fn making_a_coded_code_a_parent_asks_where_its_codings_go() {
    let mut h = demo(Lang::En);
    let p = &h.state().project;
    let ix = p.index();
    // Two level-1 codes, the target with codings of its own.
    let leaves: Vec<CodeId> = p
        .walk()
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| p.codes[id].children.is_empty())
        .collect();
    let target = *leaves
        .iter()
        .find(|id| ix.own_count(**id) > 0)
        .expect("coded leaf");
    let moved = *leaves
        .iter()
        .find(|id| **id != target)
        .expect("another leaf");
    let n = ix.own_count(target);
    let name = p.codes[&target].name.clone();
    let before = h.state().project.clone();
    let cmd = strata::edit::Command::MoveCode {
        id: moved,
        parent: Some(target),
        index: 0,
    };
    // Cancel: nothing changes.
    h.state_mut().apply(strata::app::Action::Edit(cmd.clone()));
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().project, before);
    // Keep: the codings stay on what is now a subcategory.
    h.state_mut().apply(strata::app::Action::Edit(cmd.clone()));
    h.run();
    h.get_by_label("Keep the codings on it").click();
    h.run();
    assert_eq!(h.state().project.parent_of(moved), Some(target));
    assert_eq!(h.state().project.index().own_count(target), n);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project, before);
    // Move: a new level-1 code of the same name takes the codings, in one step.
    h.state_mut().apply(strata::app::Action::Edit(cmd));
    h.run();
    // (The Persian name inside the English label is shown reordered.)
    h.get_by_label_contains("Move its codings to a new code")
        .click();
    h.run();
    let p = &h.state().project;
    let ix = p.index();
    assert_eq!(ix.own_count(target), 0);
    let child = *p.codes[&target]
        .children
        .iter()
        .find(|c| **c != moved)
        .expect("the new child");
    assert_eq!(p.codes[&child].name, name);
    assert_eq!(ix.own_count(child), n);
    assert_eq!(p.parent_of(moved), Some(target));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project, before, "one undo step");
}

fn memo_text(h: &Harness<'static, Workbench>) -> String {
    h.get_by_label("Memo text").value().unwrap_or_default()
}

#[test]
fn memo_editors_show_the_text_that_undo_and_redo_restore() {
    let mut h = demo(Lang::En);
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text("one");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text(" two");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let doc_id = doc(h.state(), "P01").id;
    let body = |h: &Harness<'static, Workbench>| {
        h.state()
            .project
            .memos_on(MemoTarget::Document(doc_id))
            .next()
            .map(|m| m.body.clone())
    };
    let second = body(&h).expect("memo");
    assert_ne!(second, "one");
    assert_eq!(memo_text(&h), second);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(body(&h).as_deref(), Some("one"));
    assert_eq!(memo_text(&h), "one", "the editor shows the restored memo");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(memo_text(&h), second);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(body(&h), None);
    assert_eq!(memo_text(&h), "", "no memo: an empty editor");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        memo_text(&h),
        "one",
        "redo brings the memo back into the editor"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();

    // A code's definition follows undo too.
    let code = *h.state().project.codes.keys().next().expect("code");
    h.state_mut().apply(strata::app::Action::SelectCode {
        id: code,
        add: false,
    });
    h.run();
    let old = h.state().project.codes[&code]
        .description
        .definition
        .clone();
    h.state_mut()
        .edit(strata::edit::Command::SetCodeDescription {
            id: code,
            description: Description {
                definition: "a new definition".into(),
                ..Description::default()
            },
        });
    h.run();
    assert_eq!(
        h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Definition")
            .value()
            .as_deref(),
        Some("a new definition")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Definition")
            .value(),
        Some(old)
    );
}

#[test]
fn all_memos_of_an_item_are_shown() {
    let mut h = demo(Lang::En);
    let doc_id = doc(h.state(), "P01").id;
    for (title, body) in [("First note", "alpha"), ("Second note", "beta")] {
        let cmd = strata::edit::put_memo(None, MemoTarget::Document(doc_id), title, body, None);
        assert!(h.state_mut().edit(cmd));
    }
    h.run();
    h.get_by_label("First note");
    h.get_by_label("Second note").click();
    h.run();
    assert_eq!(memo_text(&h), "beta");
    h.get_by_label("First note").click();
    h.run();
    assert_eq!(memo_text(&h), "alpha");
}

#[test]
fn saving_in_the_background_keeps_later_edits_unsaved_and_shows_failures() {
    let dir = tmp();
    let path = small_project(dir.path());
    let mut wb = Workbench::open(path.clone()).expect("open");
    wb.state.lang = Lang::En;
    wb.background_saves = true;
    let ids: Vec<CodeId> = wb.project.codes.keys().copied().take(2).collect();
    wb.edit(strata::edit::Command::RenameCode {
        id: ids[0],
        name: "saved".into(),
    });
    wb.apply(strata::app::Action::Run(strata::app::AppCommand::Save));
    // The window goes on while the file is written.
    wb.edit(strata::edit::Command::RenameCode {
        id: ids[1],
        name: "after the save began".into(),
    });
    wb.wait_for_saves();
    assert!(wb.is_dirty(), "the edit made during the save is not saved");
    assert!(wb.state.error.is_none(), "{:?}", wb.state.error);
    let (on_disk, _) = strata::store::load(&path).expect("load");
    assert_eq!(on_disk.codes[&ids[0]].name, "saved");
    assert_ne!(on_disk.codes[&ids[1]].name, "after the save began");
    wb.apply(strata::app::Action::Run(strata::app::AppCommand::Save));
    wb.wait_for_saves();
    assert!(!wb.is_dirty());
    // A failure in the background is shown: here a newer Strata's file
    // appeared where the project is saved.
    let newer = std::fs::read_to_string(&path).expect("read").replacen(
        &format!("\"version\": {},", strata::store::FORMAT_VERSION),
        "\"version\": 99,",
        1,
    );
    std::fs::write(&path, newer).expect("write");
    wb.edit(strata::edit::Command::RenameCode {
        id: ids[0],
        name: "again".into(),
    });
    wb.apply(strata::app::Action::Run(strata::app::AppCommand::Save));
    wb.wait_for_saves();
    let error = wb.state.error.clone().expect("the failure is shown");
    assert!(error.contains("newer Strata"), "{error}");
    assert!(wb.is_dirty());
}

#[test]
fn codings_record_their_origin_and_coder() {
    let mut h = demo(Lang::En);
    let coder = h.state().state.coder.expect("a coder is chosen");
    select_lines(&mut h, 4, 4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::J);
    h.run();
    let p = &h.state().project;
    let newest = p
        .codings
        .values()
        .max_by_key(|c| c.stamp.created)
        .expect("a coding");
    assert_eq!(newest.origin, Origin::InVivo);
    assert_eq!(newest.stamp.created_by, Some(coder));
    assert_eq!(p.codes[&newest.code].stamp.created_by, Some(coder));
    select_lines(&mut h, 6, 6);
    pick(&mut h, "آمارسازی");
    let p = &h.state().project;
    let newest = p
        .codings
        .values()
        .max_by_key(|c| c.stamp.created)
        .expect("a coding");
    assert_eq!(newest.origin, Origin::Manual);
}

#[test]
fn opening_a_missing_file_says_so() {
    let dir = tmp();
    let Err(e) = Workbench::open(dir.path().join("nowhere/study.strata")) else {
        panic!("opened a file that does not exist");
    };
    let e = e.to_string();
    assert!(e.contains("no such project file"), "{e}");
}

#[test]
fn typing_in_a_memo_that_undo_removes_is_kept() {
    let mut h = demo(Lang::En);
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text("kept");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text(" and more");
    h.run();
    let typed = memo_text(&h);
    assert!(typed.contains("and more"));
    // Undo removes the saved memo; the unsaved typing stays, to be saved.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc_id = doc(h.state(), "P01").id;
    assert!(
        h.state()
            .project
            .memos_on(MemoTarget::Document(doc_id))
            .next()
            .is_none()
    );
    assert_eq!(memo_text(&h), typed);
    h.get_by_label("Save").click();
    h.run();
    let body = h
        .state()
        .project
        .memos_on(MemoTarget::Document(doc_id))
        .next()
        .map(|m| m.body.clone());
    assert_eq!(body, Some(typed));
}

#[test]
fn a_memo_typed_but_not_saved_is_kept_when_another_document_opens() {
    let mut h = demo(Lang::En);
    let p01 = doc(h.state(), "P01").id;
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text("unsaved thought");
    h.run();
    // No Save: the user opens the next transcript, as in MAXQDA.
    h.get_by_label("P02  (8)").click();
    h.run();
    h.run();
    let kept: Vec<String> = h
        .state()
        .project
        .memos_on(MemoTarget::Document(p01))
        .map(|m| m.body.clone())
        .collect();
    assert_eq!(
        kept,
        vec!["unsaved thought".to_string()],
        "{:?} {:?} {:?}",
        h.state().state.status,
        h.state().state.error,
        h.state().state.selected_doc
    );
    // And it is one undo step, like a Save.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .project
            .memos_on(MemoTarget::Document(p01))
            .count(),
        0
    );
}
