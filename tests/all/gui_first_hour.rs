//! A first hour of coding: grouping names the level it makes and numbers
//! it from what exists; the picker offers level-1 codes first and codes
//! onto a subcategory only when asked to; in-vivo names leave the speaker
//! out and end at a word; memo text is kept when the user moves on, and
//! an item with a memo shows an icon that opens it.

use super::gui::{demo, doc, select_lines, tree_item};
use super::util::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use strata::app::{Action, Lang, Workbench, bidi};
use strata::model::*;

/// A subcategory of the demo (level 2), with two codes in it.
const SUB: &str = "سرکوب منتقدان";

#[test]
fn grouping_a_subcategory_names_and_makes_a_category() {
    // The demo's levels are named in Persian; the demo has no «مقوله N» yet.
    for (lang, item, name) in [
        (Lang::En, "Group into a new مقوله\u{200E} (1)", "مقوله 1"),
        (Lang::Fa, "گروه‌بندی در مقولهٔ تازه (۱)", "مقوله ۱"),
    ] {
        let mut h = demo(lang);
        tree_item(&h, SUB).click_secondary();
        h.run();
        h.get_by_label(&bidi(item)).click();
        h.run();
        h.key_press(Key::Escape); // leave the rename field
        h.run();
        let p = &h.state().project;
        let sub = code_named(p, SUB);
        let group = p.parent_of(sub).expect("grouped");
        assert_eq!(p.level_of(group), 3, "{lang:?}: a category");
        assert_eq!(p.codes[&group].name, name, "{lang:?}");
    }
}

#[test]
fn group_names_follow_the_projects_level_names_and_count_on() {
    let mut wb = Workbench::demo().expect("demo");
    wb.project.level_names = LEVEL_NAMES_EN.iter().map(|s| s.to_string()).collect();
    wb.state.lang = Lang::En;
    let mut h = super::gui::harness(wb);
    for (sub, n) in [(SUB, "Category 1"), ("هدایت و کنترل افکار", "Category 2")] {
        tree_item(&h, sub).click_secondary();
        h.run();
        h.get_by_label("Group into a new category (1)").click();
        h.run();
        h.key_press(Key::Escape);
        h.run();
        let p = &h.state().project;
        let group = p.parent_of(code_named(p, sub)).expect("grouped");
        assert_eq!(p.codes[&group].name, n);
    }
    // A level-1 code makes a subcategory, and says so.
    let leaf = "آمارسازی";
    tree_item(&h, leaf).click_secondary();
    h.run();
    h.get_by_label("Group into a new subcategory (1)").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let p = &h.state().project;
    let group = p.parent_of(code_named(p, leaf)).expect("grouped");
    assert_eq!(
        (p.level_of(group), p.codes[&group].name.as_str()),
        (2, "Subcategory 1")
    );
}

/// The picker's rows, as a screen reader hears them.
fn picker_rows(h: &Harness<'static, Workbench>) -> Vec<String> {
    h.query_all_by_role(Role::ListItem)
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect()
}

#[test]
fn the_picker_offers_codes_first_and_codes_a_subcategory_only_when_asked() {
    for (lang, badge) in [(Lang::En, "L2 · زیرمقوله"), (Lang::Fa, "سطح ۲ · زیرمقوله")]
    {
        let mut h = demo(lang);
        select_lines(&mut h, 2, 2);
        let line2 = doc(h.state(), "P01").line_range(2).expect("line 2");
        let before = h.state().project.codings.len();
        h.key_press_modifiers(Modifiers::COMMAND, Key::K);
        h.run();
        h.get_by_label("Code picker").type_text(SUB);
        h.run();
        let rows = picker_rows(&h);
        let sub_row = format!("{SUB} · {badge}");
        let at = rows.iter().position(|r| *r == sub_row);
        let at = at.unwrap_or_else(|| panic!("{lang:?}: {sub_row:?} in {rows:?}"));
        // Level-1 codes (no badge) first, then the nodes above them.
        let p = &h.state().project;
        let leaf = |r: &String| {
            p.codes
                .values()
                .any(|c| c.name == *r && c.children.is_empty())
        };
        assert!(rows[..at].iter().all(leaf), "{lang:?}: {rows:?}");
        assert!(
            rows[0].starts_with(SUB),
            "{lang:?}: best code first: {rows:?}"
        );
        assert!(!rows[at..].iter().any(leaf), "{lang:?}: {rows:?}");
        // Clicking the subcategory, then Enter: no coding, a note instead.
        h.get_by_label(&sub_row).click();
        h.run();
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().project.codings.len(), before, "{lang:?}");
        assert!(h.state().state.picker.is_some(), "{lang:?}: still open");
        h.get_by_label_contains("Shift+Enter");
        // Shift+Enter codes onto it.
        h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
        h.run();
        let p = &h.state().project;
        let sub = code_named(p, SUB);
        assert!(
            p.codings
                .values()
                .any(|c| c.code == sub && c.range == line2),
            "{lang:?}: coded onto the subcategory"
        );
        assert!(h.state().state.picker.is_none());
    }
}

#[test]
fn the_notes_button_codes_onto_the_subcategory() {
    let mut h = demo(Lang::Fa);
    select_lines(&mut h, 2, 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("Code picker").type_text(SUB);
    h.run();
    h.get_by_label(&format!("{SUB} · سطح ۲ · زیرمقوله")).click();
    h.run();
    h.get_by_label(&bidi("کدگذاری روی زیرمقوله")).click();
    h.run();
    let p = &h.state().project;
    let sub = code_named(p, SUB);
    assert_eq!(p.codings.values().filter(|c| c.code == sub).count(), 1);
}

#[test]
fn a_recent_code_that_became_a_subcategory_is_not_quick_coded() {
    let mut h = demo(Lang::En);
    let sub = code_named(&h.state().project, SUB);
    h.state_mut().state.recent_codes = vec![sub];
    select_lines(&mut h, 2, 2);
    let before = h.state().project.codings.len();
    h.key_press_modifiers(Modifiers::ALT, Key::Num1);
    h.run();
    assert_eq!(h.state().project.codings.len(), before);
    let status = h.state().state.status.text(h.state().state.locale());
    assert!(
        status.contains(SUB) && status.contains("Shift+Enter"),
        "{status}"
    );
}

#[test]
fn in_vivo_names_leave_out_the_speaker_and_end_at_a_word() {
    let mut h = demo(Lang::En);
    select_lines(&mut h, 2, 2);
    let d = doc(h.state(), "P01");
    let line = d.line_text(2).to_string();
    let said = line
        .strip_prefix("P01:")
        .expect("a speaker label")
        .trim()
        .to_string();
    assert!(said.chars().count() > 60, "the demo's line is long");
    let codes = h.state().project.codes.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::J);
    h.run();
    let p = &h.state().project;
    assert_eq!(p.codes.len(), codes + 1);
    let newest = p
        .codings
        .values()
        .max_by_key(|c| c.stamp.created)
        .expect("a coding");
    let name = p.codes[&newest.code].name.clone();
    let body = name.strip_suffix('…').expect("cut, with …");
    assert!(!name.contains("P01"), "{name}");
    assert!(said.starts_with(body), "{name} from {said}");
    assert!(body.chars().count() <= 60);
    // Cut between words: the quote goes on with a space there.
    assert!(said[body.len()..].starts_with(' '), "{name}");
}

#[test]
fn memo_text_is_kept_when_another_code_is_selected() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        let (a, b) = ("آمارسازی", "مداخله در پرسش‌های رسانه‌ای");
        tree_item(&h, a).click();
        h.run();
        h.get_by_label("Memo text").focus();
        h.run();
        h.get_by_label("Memo text").type_text("آمار رسمی، نه واقعی");
        h.run();
        // No Save: the user moves on to another code.
        tree_item(&h, b).click();
        h.run();
        h.run();
        let p = &h.state().project;
        let id = code_named(p, a);
        let memo = p.memos_on(MemoTarget::Code(id)).next().expect("kept");
        assert_eq!(memo.body, "آمار رسمی، نه واقعی", "{lang:?}");
        assert_eq!(
            h.state()
                .history
                .undo_label()
                .map(|s| s.english())
                .as_deref(),
            Some("Edit memo"),
            "{lang:?}: one memo step"
        );
        // The code now shows a memo icon; clicking it shows that memo again.
        let memo_label = format!("{}: آمار رسمی، نه واقعی", lang.strings().memo);
        h.get_by_label(&memo_label).click();
        h.run();
        h.run();
        let st = &h.state().state;
        assert_eq!(st.selected_codes, [id].into(), "{lang:?}");
        assert_eq!(
            h.get_by_label("Memo text").value().as_deref(),
            Some("آمار رسمی، نه واقعی"),
            "{lang:?}"
        );
    }
}

#[test]
fn a_documents_memo_icon_shows_its_memo() {
    let mut h = demo(Lang::En);
    // Nothing selected: the memo pane is the open document's (P01).
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text("short interview");
    h.run();
    h.get_by_label("P02  (8)").click();
    h.run();
    h.run();
    let p01 = doc(h.state(), "P01").id;
    assert_eq!(
        h.state()
            .project
            .memos_on(MemoTarget::Document(p01))
            .count(),
        1,
        "kept on leaving the document"
    );
    h.get_by_label("Memo: short interview").click();
    h.run();
    assert_eq!(h.state().state.selected_doc, Some(p01));
}

#[test]
fn typed_memo_text_counts_as_unsaved_work_when_leaving_the_project() {
    let dir = tmp();
    let mut h = demo(Lang::En);
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text("not lost");
    h.run();
    assert!(!h.state().is_dirty(), "typing alone is not an edit yet");
    let wb = h.state_mut();
    wb.apply(Action::NewAt(dir.path().join("other.strata")));
    assert!(wb.state.pending.is_some(), "the unsaved-changes question");
    let p01 = wb.project.document_by_name("P01").expect("P01").id;
    let memo = wb.project.memos_on(MemoTarget::Document(p01)).next();
    assert_eq!(memo.map(|m| m.body.as_str()), Some("not lost"));
}
