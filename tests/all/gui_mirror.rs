//! The Persian interface mirrors: menus open from the right, submenus to the
//! left, context menus to the left of the pointer, and the coder box keeps
//! its list open while a new coder's name is typed.

use super::gui::demo;
use egui_kittest::kittest::Queryable as _;
use strata::app::{Lang, bidi};

/// Frame margins and rounding: edges count as lined up within this.
const SLACK: f32 = 12.0;

#[test]
fn menus_open_from_the_reading_side() {
    for lang in [Lang::Fa, Lang::En] {
        let mut h = demo(lang);
        let s = lang.strings();
        let button = h.get_by_label(&bidi(s.edit)).rect();
        h.get_by_label(&bidi(s.edit)).click();
        h.run();
        // The item's label carries its shortcut too.
        let item = h
            .get_all_by_label_contains(&bidi(s.nothing_to_undo))
            .next()
            .expect("the undo item")
            .rect();
        if lang.rtl() {
            assert!(
                (item.right() - button.right()).abs() < SLACK,
                "{item:?} under {button:?}"
            );
            assert!(item.left() < button.left() - 20.0, "grows to the left");
        } else {
            assert!(
                (item.left() - button.left()).abs() < SLACK,
                "{item:?} under {button:?}"
            );
            assert!(item.right() > button.right() + 20.0, "grows to the right");
        }
    }
}

#[test]
fn a_persian_submenu_opens_to_the_left() {
    let mut h = demo(Lang::Fa);
    h.state_mut().state.recent_projects = vec!["/tmp/elsewhere/study.strata".into()];
    let s = Lang::Fa.strings();
    h.get_by_label(&bidi(s.file)).click();
    h.run();
    let recent = h.get_by_label(&bidi(s.recent)).rect();
    h.get_by_label(&bidi(s.recent)).hover();
    h.run();
    let entry = h.get_by_label("/tmp/elsewhere/study.strata").rect();
    assert!(
        entry.right() <= recent.left() + 2.0,
        "{entry:?} left of {recent:?}"
    );
    assert!((entry.top() - recent.top()).abs() < SLACK);
    // Resting on another item closes it.
    // (The menu's Save, not the memo's.)
    h.get_all_by_label_contains(&bidi(s.save))
        .find(|n| n.rect().left() >= recent.left() - 2.0)
        .expect("the menu's Save")
        .hover();
    h.run();
    assert!(h.query_by_label("/tmp/elsewhere/study.strata").is_none());
    // Open again, then close the menu: it reopens with the submenu closed.
    h.get_by_label(&bidi(s.recent)).hover();
    h.run();
    assert!(h.query_by_label("/tmp/elsewhere/study.strata").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label(&bidi(s.file)).click();
    h.run();
    assert!(
        h.query_by_label(&bidi(s.recent)).is_some(),
        "the menu is open"
    );
    assert!(
        h.query_by_label("/tmp/elsewhere/study.strata").is_none(),
        "its submenu is not"
    );
}

#[test]
fn a_persian_context_menu_opens_left_of_the_pointer() {
    let mut h = demo(Lang::Fa);
    let s = Lang::Fa.strings();
    let item = super::gui::tree_item(&h, "آمارسازی");
    let at = item.rect().center();
    item.click_secondary();
    h.run();
    let rename = h.get_by_label(&bidi(s.rename)).rect();
    assert!(
        (rename.right() - at.x).abs() < SLACK,
        "{rename:?} from {at:?}"
    );
    // And a submenu of it opens further left.
    let merge = h.get_by_label(&bidi(s.merge_into)).rect();
    // Merge targets read «name — parent».
    let targets = |h: &egui_kittest::Harness<'static, strata::app::Workbench>| {
        h.get_all_by_label_contains(" — ")
            .filter(|n| n.rect().width() > 100.0) // not the 5-px stripes ("Coding: … — coder")
            .filter(|n| n.rect().right() <= merge.left() + 2.0)
            .count()
    };
    let before = targets(&h);
    h.get_by_label(&bidi(s.merge_into)).hover();
    h.run();
    assert!(
        targets(&h) > before + 5,
        "merge targets left of the menu: {}",
        targets(&h)
    );
    // The next submenu below closes this one: one open at a time.
    h.get_by_label(&bidi(s.colour)).hover();
    h.run();
    assert!(h.query_by_label("Colour 1").is_some(), "colours open");
    assert_eq!(targets(&h), before, "the merge targets are gone");
}

#[test]
fn the_coder_box_takes_a_new_name_typed_into_it() {
    for lang in [Lang::Fa, Lang::En] {
        let mut h = demo(lang);
        let s = lang.strings();
        let before = h.state().project.coders.len();
        let current = h
            .state()
            .state
            .coder
            .and_then(|c| h.state().project.coder(c))
            .map(|c| c.name.clone());
        let shown = current.unwrap_or_else(|| "—".into());
        h.get_by_label(&bidi(&shown)).click();
        h.run();
        h.get_by_label("New coder name").click();
        h.run();
        h.get_by_label("New coder name").type_text("مریم");
        h.run();
        // Enter adds as the button does.
        if lang.rtl() {
            h.key_press(egui::Key::Enter);
        } else {
            h.get_by_label(&bidi(s.add)).click();
        }
        h.run();
        let wb = h.state();
        assert_eq!(wb.project.coders.len(), before + 1, "{lang:?}");
        let added = wb
            .project
            .coders
            .iter()
            .find(|c| c.name == "مریم")
            .expect("added");
        assert_eq!(wb.state.coder, Some(added.id), "and is the current coder");
        assert!(
            h.query_by_label("New coder name").is_none(),
            "the list closed"
        );
    }
}

#[test]
fn the_project_direction_from_the_view_menu_turns_auto_documents() {
    let mut h = demo(Lang::Fa);
    let s = Lang::Fa.strings();
    let en = h
        .state()
        .project
        .document_by_name("P07-en")
        .expect("doc")
        .clone();
    h.state_mut().state.selected_doc = Some(en.id);
    h.run();
    let first = |h: &egui_kittest::Harness<'static, strata::app::Workbench>| {
        h.state()
            .glyph_rect_of(strata::model::CharPos(0))
            .expect("on screen")
    };
    // The question mark that ends line 1, and the letter before it.
    let line1 = en.line_text(1);
    let qpos = line1.chars().count() - 1;
    assert!(line1.ends_with("experience?"));
    let mark = |h: &egui_kittest::Harness<'static, strata::app::Workbench>| {
        let at = |i: usize| {
            h.state()
                .glyph_rect_of(strata::model::CharPos(i))
                .expect("on screen")
        };
        (at(qpos), at(qpos - 1))
    };
    let ltr = first(&h);
    assert!(h.get_by_label("Line 1").rect().right() < ltr.left());
    let (q, e) = mark(&h);
    assert!(q.left() >= e.right() - 0.5, "{q:?} right of {e:?}");
    h.get_by_label(&bidi(s.view)).click();
    h.run();
    h.get_by_label(&bidi(s.dir_rtl)).click();
    h.run();
    assert_eq!(h.state().project.direction, strata::model::Direction::Rtl);
    // The document now reads from the right: its line numbers sit on the
    // right of the text, its first letter on the right of its line.
    let rtl = first(&h);
    let number = h.get_by_label("Line 1").rect();
    assert!(number.left() > rtl.right(), "{number:?} right of {rtl:?}");
    // And its question mark ends the line on the left, before the words.
    let (q, e) = mark(&h);
    assert!(q.right() <= e.left() + 0.5, "{q:?} left of {e:?}");
    // One undo step puts it back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().project.direction, strata::model::Direction::Auto);
    assert_eq!(first(&h), ltr);
}

#[test]
fn the_description_expander_opens_its_fields_under_it() {
    for lang in [Lang::Fa, Lang::En] {
        let mut h = demo(lang);
        let s = lang.strings();
        super::gui::tree_item(&h, "آمارسازی").click();
        h.run();
        let title = format!("{} / {} / {}", s.definition, s.when_to_use, s.example);
        let header = h.get_by_label(&bidi(&title)).rect();
        let memo = h
            .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Memo text")
            .rect();
        assert!(
            (-1.0..40.0).contains(&(header.top() - memo.bottom())),
            "{lang:?}: {header:?} right under the memo {memo:?}"
        );
        if h.query_by_role_and_label(egui::accesskit::Role::MultilineTextInput, s.definition)
            .is_none()
        {
            h.get_by_label(&bidi(&title)).click();
            h.run();
        }
        let field = h
            .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, s.definition)
            .rect();
        assert!(
            field.top() > header.bottom() - 1.0,
            "{lang:?}: {field:?} under {header:?}"
        );
        assert!(
            field.top() - header.bottom() < 60.0,
            "{lang:?}: right under it"
        );
        // Closing hides them.
        h.get_by_label(&bidi(&title)).click();
        h.run();
        assert!(
            h.query_by_role_and_label(egui::accesskit::Role::MultilineTextInput, s.definition)
                .is_none(),
            "{lang:?}"
        );
    }
}

/// Opening the coder box puts the keyboard in its name field: a name is
/// typed and entered without reaching for the mouse again.
#[test]
fn the_coder_box_takes_the_keyboard_when_it_opens() {
    for lang in [Lang::Fa, Lang::En] {
        let mut h = demo(lang);
        let current = h
            .state()
            .state
            .coder
            .and_then(|c| h.state().project.coder(c))
            .map(|c| c.name.clone())
            .unwrap_or_else(|| "—".into());
        h.get_by_label(&bidi(&current)).click();
        h.run();
        h.event(egui::Event::Text("Reza".into()));
        h.run();
        h.key_press(egui::Key::Enter);
        h.run();
        let wb = h.state();
        let added = wb.project.coders.iter().find(|c| c.name == "Reza");
        assert!(added.is_some(), "{lang:?}: typed straight into the box");
        assert_eq!(wb.state.coder, added.map(|c| c.id));
    }
}
