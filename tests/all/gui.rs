//! The workbench driven headlessly with egui_kittest, by label and role.

use super::util::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::{Lang, Workbench};
use strata::model::*;

pub(super) fn harness(wb: Workbench) -> Harness<'static, Workbench> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), wb);
    h.run_steps(3);
    h
}

pub(super) fn demo(lang: Lang) -> Harness<'static, Workbench> {
    let mut wb = Workbench::demo().expect("demo");
    wb.state.lang = lang;
    harness(wb)
}

/// A row of the code tree.
pub(super) fn tree_item<'h>(
    h: &'h Harness<'static, Workbench>,
    name: &'h str,
) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(egui::accesskit::Role::TreeItem, name)
}

pub(super) fn doc<'a>(wb: &'a Workbench, name: &str) -> &'a Document {
    wb.project.document_by_name(name).expect("document")
}

#[test]
fn opens_the_demo() {
    let h = demo(Lang::En);
    h.get_by_label("Document browser: P01");
    h.get_by_label("Line 1");
    tree_item(&h, "تطمیع و تهدید خبرنگاران و فعالان شهری");
    h.get_by_label("P02  (8)");
    // Seven interviews and 23 posts of the monitoring strand.
    assert_eq!(h.state().project.documents.len(), 30);
}

pub(super) fn select_lines(h: &mut Harness<'static, Workbench>, a: usize, b: usize) {
    h.get_by_label(&format!("Line {a}")).click();
    h.run();
    h.get_by_label(&format!("Line {b}"))
        .click_modifiers(Modifiers::SHIFT);
    h.run();
}

pub(super) fn pick(h: &mut Harness<'static, Workbench>, query: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("Code picker").type_text(query);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn code_lines_3_to_5_through_the_picker_then_undo_and_redo() {
    let mut h = demo(Lang::En);
    let before = h.state().project.codings.len();
    select_lines(&mut h, 3, 5);
    let want = doc(h.state(), "P01").lines_range(3, 5).expect("range");
    assert_eq!(h.state().state.selection, Some(want));
    pick(&mut h, "آمارسازی");
    let wb = h.state();
    assert_eq!(wb.project.codings.len(), before + 1);
    let code = wb.project.resolve_path("آمارسازی").expect("code");
    let coding = wb
        .project
        .codings
        .values()
        .find(|c| c.code == code)
        .expect("new coding");
    assert_eq!(coding.range, want);
    assert_eq!(
        Some(coding.coder),
        wb.state.coder,
        "the current coder is recorded"
    );
    // Undo and redo from the keyboard.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project.codings.len(), before);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().project.codings.len(), before + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().project.codings.len(), before + 1);
}

#[test]
fn picker_matches_arabic_letters_and_missing_zwnj() {
    let mut h = demo(Lang::En);
    select_lines(&mut h, 2, 2);
    // Arabic ي/ك and no ZWNJ still find «فیلترینگ چالش دوسویه مردم و مدیران».
    pick(&mut h, "فيلترينگ چالش دوسويه");
    let wb = h.state();
    let code = wb
        .project
        .resolve_path("فیلترینگ چالش دوسویه مردم و مدیران")
        .expect("code");
    assert!(
        wb.project
            .codings
            .values()
            .any(|c| c.code == code && c.range == doc(wb, "P01").line_range(2).expect("l2"))
    );
}

#[test]
fn typing_a_new_name_creates_a_level_1_code_and_applies_it() {
    let mut h = demo(Lang::En);
    let codes = h.state().project.codes.len();
    select_lines(&mut h, 4, 4);
    pick(&mut h, "کارت خبرنگاری");
    let wb = h.state();
    assert_eq!(wb.project.codes.len(), codes + 1);
    let id = wb.project.resolve_path("کارت خبرنگاری").expect("new code");
    assert_eq!(wb.project.level_of(id), 1);
    assert!(wb.project.roots.contains(&id), "ungrouped, at the top");
    assert_eq!(
        wb.project.codings.values().filter(|c| c.code == id).count(),
        1
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().project.codes.len(),
        codes,
        "one undo removes code and coding"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    let p = &h.state().project;
    assert_eq!(p.codes.len(), codes + 1, "redo brings both back");
    assert_eq!(p.codings.values().filter(|c| c.code == id).count(), 1);
}

#[test]
fn dragging_a_code_onto_another_moves_it_under_it() {
    let mut h = demo(Lang::En);
    let from = tree_item(&h, "آمارسازی").rect().center();
    let onto = tree_item(&h, "سرکوب منتقدان").rect().center();
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for t in [0.2, 0.5, 0.8, 1.0] {
        h.hover_at(from + (onto - from) * t);
        h.run();
    }
    release_at(&h, onto);
    h.run();
    let p = &h.state().project;
    let code = p.resolve_path("آمارسازی").expect("code");
    let parent = p.resolve_path("سرکوب منتقدان").expect("parent");
    assert_eq!(p.parent_of(code), Some(parent));
    assert_eq!(
        h.state()
            .history
            .undo_label()
            .map(|s| s.english())
            .as_deref(),
        Some("Move code")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let p = &h.state().project;
    assert_eq!(
        p.parent_of(code),
        p.resolve_path("هدایت و کنترل افکار").ok()
    );
}

#[test]
fn group_two_codes_into_a_new_subcategory() {
    let mut h = demo(Lang::En);
    // Two fresh level-1 codes at the top.
    select_lines(&mut h, 2, 2);
    pick(&mut h, "کد یک");
    select_lines(&mut h, 4, 4);
    pick(&mut h, "کد دو");
    // New codes are not in a subcategory yet: show just those, as a user would.
    h.get_by_label_contains("Only codes without a subcategory")
        .click();
    h.run();
    tree_item(&h, "کد یک").click();
    h.run();
    tree_item(&h, "کد دو").click_modifiers(Modifiers::COMMAND);
    h.run();
    tree_item(&h, "کد دو").click_secondary();
    h.run();
    // Named in the project's level names (the demo's are Persian).
    h.get_by_label(&strata::app::bidi("Group into a new زیرمقوله\u{200E} (2)"))
        .click();
    h.run();
    let p = &h.state().project;
    let a = p.resolve_path("کد یک").expect("a");
    let b = p.resolve_path("کد دو").expect("b");
    let parent = p.parent_of(a).expect("grouped");
    assert_eq!(p.parent_of(b), Some(parent));
    assert_eq!(p.level_of(parent), 2);
    assert_eq!(
        h.state()
            .history
            .undo_label()
            .map(|s| s.english())
            .as_deref(),
        // The first «زیرمقوله N» of the project.
        Some("Group 2 codes into 'زیرمقوله 1'")
    );
    h.key_press(Key::Escape); // leave the rename field
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let p = &h.state().project;
    assert!(
        p.parent_of(a).is_none() && p.parent_of(b).is_none(),
        "ungrouped again"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(h.state().project.parent_of(a).is_some());
}

#[test]
fn edit_a_memo_then_save_and_reopen() {
    let dir = tmp();
    let path = dir.path().join("saved.strata");
    let mut h = demo(Lang::En);
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text")
        .type_text("این مصاحبه کوتاه بود.");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let doc_id = doc(h.state(), "P01").id;
    let memo = h
        .state()
        .project
        .memos_on(MemoTarget::Document(doc_id))
        .next()
        .expect("memo")
        .clone();
    assert_eq!(memo.body, "این مصاحبه کوتاه بود.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state()
            .project
            .memos_on(MemoTarget::Document(doc_id))
            .next()
            .is_none(),
        "memo edit undone"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    // Save: no path yet, so the file browser asks for one (a full path
    // typed as the file name is taken as it is).
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    super::gui_files::name_file(&mut h, path.to_str().expect("p"));
    assert!(!h.state().is_dirty());
    let saved = h.state().project.clone();
    let Err(reopened) = Workbench::open(path.clone()) else {
        panic!("the project is still locked by the first window");
    };
    let reopened = reopened.to_string();
    assert!(reopened.contains("open in another Strata"), "{reopened}");
    drop(h);
    let wb = Workbench::open(path).expect("reopen");
    assert_eq!(wb.project, saved);
}

#[test]
fn mouse_selection_in_a_persian_line_codes_the_exact_words() {
    let mut h = demo(Lang::Fa);
    let d = doc(h.state(), "P01").clone();
    // «سوءتفاهم» in line 9 — drag from its logical start to its logical end.
    let line9 = d.line_range(9).expect("line 9");
    let text = d.line_text(9);
    let word = "سوءتفاهم";
    let byte = text.find(word).expect("word");
    let start = line9.start.0 + text[..byte].chars().count();
    let end = start + word.chars().count();
    h.state_mut().state.scroll_to_line = Some(9);
    h.run();
    let a = h
        .state()
        .screen_pos_of(CharPos(start))
        .expect("start on screen");
    let b = h
        .state()
        .screen_pos_of(CharPos(end))
        .expect("end on screen");
    assert!(a.x > b.x, "in RTL the start of a word is on its right");
    h.hover_at(a);
    h.run();
    h.drag_at(a);
    h.run();
    for t in [0.25, 0.5, 0.75, 1.0] {
        h.hover_at(a + (b - a) * t);
        h.run();
    }
    release_at(&h, b);
    h.run();
    assert_eq!(h.state().state.selection, Some(CharRange::new(start, end)));
    pick(&mut h, "تبلیغات باهدف پنهان کردن حقایق");
    let wb = h.state();
    let code = wb
        .project
        .resolve_path("تبلیغات باهدف پنهان کردن حقایق")
        .expect("code");
    let coded = wb
        .project
        .codings
        .values()
        .find(|c| c.code == code && c.range.len() == word.chars().count())
        .expect("coding");
    assert_eq!(d.slice(coded.range), word);
}

#[test]
fn persian_interface_shows_persian_menus() {
    let h = demo(Lang::Fa);
    h.get_by_label("English"); // the language switch shows the other language
    h.get_by_label("پرونده");
}

#[test]
fn recoding_a_segment_keeps_its_memo_and_quick_keys_reuse_codes() {
    let mut h = demo(Lang::En);
    select_lines(&mut h, 2, 2);
    pick(&mut h, "آمارسازی");
    let code = h.state().project.resolve_path("آمارسازی").expect("code");
    // Alt+1 applies the most recent code to a new selection.
    select_lines(&mut h, 12, 12);
    h.key_press_modifiers(Modifiers::ALT, Key::Num1);
    h.run();
    let line12 = doc(h.state(), "P01").line_range(12).expect("l12");
    let coding = h
        .state()
        .project
        .codings
        .values()
        .find(|c| c.code == code && c.range == line12)
        .expect("quick-coded")
        .id;
    // Select that coding through the retrieved segments, write a memo on it.
    h.get_by_label("Segment P01, lines 12-12").click();
    h.run();
    assert_eq!(h.state().state.selected_coding, Some(coding));
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text").type_text("quoted in the paper");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    // Change its code; the memo stays with the segment.
    h.get_by_label("Change code…").click();
    h.run();
    h.get_by_label("Code picker").type_text("مداخله در پرسش");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let p = &h.state().project;
    let new_code = p
        .resolve_path("مداخله در پرسش‌های رسانه‌ای")
        .expect("target code");
    assert_eq!(p.codings[&coding].code, new_code);
    let memo = p
        .memos_on(MemoTarget::Coding(coding))
        .next()
        .expect("memo kept");
    assert_eq!(memo.body, "quoted in the paper");
    assert_eq!(
        h.state()
            .history
            .undo_label()
            .map(|s| s.english())
            .as_deref(),
        Some("Change code of segment")
    );
}

#[test]
fn search_finds_persian_words_typed_with_arabic_letters() {
    let mut h = demo(Lang::En);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    // Arabic kaf (ك) and yeh (ي) for the Persian «کارت» and «یک».
    h.get_by_label("Search text").type_text("كارت");
    h.run();
    let d = doc(h.state(), "P01").clone();
    let search = h.state().state.search.clone().expect("search open");
    assert_eq!(search.matches.len(), 1);
    assert_eq!(d.slice(search.matches[0]), "کارت");
    assert_eq!(
        h.state().state.selection,
        Some(search.matches[0]),
        "the first match is selected"
    );
}

#[test]
fn dragging_the_selection_onto_a_code_codes_it() {
    let mut h = demo(Lang::En);
    select_lines(&mut h, 7, 7);
    let want = doc(h.state(), "P01").line_range(7).expect("l7");
    let inside = h
        .state()
        .screen_pos_of(CharPos(want.start.0 + 10))
        .expect("on screen");
    let target = tree_item(&h, "آمارسازی").rect().center();
    h.hover_at(inside);
    h.run();
    h.drag_at(inside);
    h.run();
    for t in [0.1, 0.3, 0.6, 0.9, 1.0] {
        h.hover_at(inside + (target - inside) * t);
        h.run();
    }
    assert!(h.state().state.dragging_selection);
    // Release over the code (kittest's drop_at also removes the pointer in
    // the same frame, which no real mouse does).
    release_at(&h, target);
    h.run();
    let p = &h.state().project;
    let code = p.resolve_path("آمارسازی").expect("code");
    assert!(
        p.codings
            .values()
            .any(|c| c.code == code && c.range == want)
    );
}

/// Release the primary button at `pos`. (kittest's drop_at also removes
/// the pointer in the same frame, which no real mouse does.)
pub(super) fn release_at<S>(h: &Harness<'static, S>, pos: egui::Pos2) {
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
}

/// A plain click with the pointer staying where it clicked.
fn click_at<S>(h: &mut Harness<'static, S>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.drag_at(pos);
    release_at(h, pos);
    h.run();
}

/// The bidi-aware editor alone, on a right-to-left line.
fn editor(text: &str) -> Harness<'static, String> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(420.0, 80.0))
        .build_ui_state(
            |ui, s: &mut String| {
                strata::app::install_fonts(ui.ctx());
                strata::app::bidi_edit_ui(ui, s, "field", "Field", "", false);
            },
            text.to_string(),
        );
    h.run();
    h
}

#[test]
fn editor_puts_the_cursor_where_a_persian_line_is_clicked() {
    // The right edge of an RTL line is its logical start.
    let mut h = editor("سلام دنیا");
    let r = h.get_by_label("Field").rect();
    let right = egui::pos2(r.max.x - 6.0, r.center().y);
    click_at(&mut h, right);
    h.get_by_label("Field").type_text("و");
    h.run();
    assert_eq!(h.state(), "وسلام دنیا");
    // Clicking left of the (right-aligned) text reaches its logical end.
    let mut h = editor("سلام دنیا");
    let r = h.get_by_label("Field").rect();
    let left = egui::pos2(r.min.x + 6.0, r.center().y);
    click_at(&mut h, left);
    h.get_by_label("Field").type_text("!");
    h.run();
    assert_eq!(h.state(), "سلام دنیا!");
}

#[test]
fn editor_arrow_keys_follow_reading_direction() {
    let mut h = editor("سلام");
    let r = h.get_by_label("Field").rect();
    let right = egui::pos2(r.max.x - 6.0, r.center().y);
    click_at(&mut h, right);
    // In RTL text, the left arrow moves forward: two steps, then type.
    h.key_press(Key::ArrowLeft);
    h.key_press(Key::ArrowLeft);
    h.run();
    h.get_by_label("Field").type_text("ـ");
    h.run();
    assert_eq!(h.state(), "سلـام");
}
