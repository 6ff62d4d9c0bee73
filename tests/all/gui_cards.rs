//! The creative-coding canvas, driven by label and role: cards grouped
//! into a new subcategory with the tree's command (undone and redone, the
//! tree showing the same), a card dragged to a new place that is saved in
//! the project as one undo step; in both languages.

use super::gui::{demo, release_at, tree_item};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::{Lang, Workbench, bidi};
use strata::model::*;

/// View ▸ Creative coding…, as a user opens it.
fn open_canvas(h: &mut Harness<'static, Workbench>, lang: Lang) {
    h.get_by_label(&bidi(lang.strings().view)).click();
    h.run();
    let item = strata::app::i18n::cards::strings(lang).menu_item;
    h.get_by_label(&bidi(item)).click();
    h.run();
    assert!(h.state().state.cards.open, "{lang:?}: the canvas opened");
}

fn card<'h>(h: &'h Harness<'static, Workbench>, name: &'h str) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(Role::Button, name)
}

/// The first subcategory of the demo with two codes in it: those codes.
fn two_codes(p: &Project) -> (CodeId, CodeId) {
    p.walk()
        .into_iter()
        .filter_map(|(c, _)| p.codes.get(&c))
        .filter(|c| p.level_of(c.id) == 2)
        .find_map(|c| match c.children.as_slice() {
            [a, b, ..] if p.level_of(*a) == 1 && p.level_of(*b) == 1 => Some((*a, *b)),
            _ => None,
        })
        .expect("a subcategory with two codes")
}

#[test]
fn group_two_cards_into_a_new_subcategory_then_undo_and_redo() {
    for (lang, button, group_name) in [
        (
            Lang::En,
            "Group into a new زیرمقوله\u{200E} (2)",
            "زیرمقوله 1",
        ),
        (Lang::Fa, "گروه‌بندی در زیرمقولهٔ تازه (۲)", "زیرمقوله ۱"),
    ] {
        let mut h = demo(lang);
        open_canvas(&mut h, lang);
        let p = &h.state().project;
        let (a, b) = two_codes(p);
        let (na, nb) = (p.codes[&a].name.clone(), p.codes[&b].name.clone());
        let was = |p: &Project, c: CodeId| {
            let parent = p.parent_of(c);
            let at = p.siblings(parent).iter().position(|x| *x == c);
            (parent, at)
        };
        let before = (was(p, a), was(p, b));
        card(&h, &na).click();
        h.run();
        card(&h, &nb).click_modifiers(Modifiers::COMMAND);
        h.run();
        assert_eq!(h.state().state.cards.selected.len(), 2, "{lang:?}");
        h.get_by_label(&bidi(button)).click();
        h.run();
        h.key_press(Key::Escape); // leave the rename field
        h.run();
        let p = &h.state().project;
        let g = p.parent_of(a).expect("grouped");
        assert_eq!(p.codes[&g].children, vec![a, b], "{lang:?}");
        assert_eq!(p.codes[&g].name, group_name, "{lang:?}");
        assert_eq!(p.level_of(g), 2, "{lang:?}: a subcategory");
        // The tree shows the same at once, and so does the canvas.
        tree_item(&h, group_name);
        card(&h, group_name);
        assert_eq!(
            h.state().history.undo_label().map(|s| s.english()),
            Some(format!("Group 2 codes into '{group_name}'"))
        );
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        let p = &h.state().project;
        assert_eq!(
            (was(p, a), was(p, b)),
            before,
            "{lang:?}: undone in one step"
        );
        assert!(
            h.query_by_role_and_label(Role::TreeItem, group_name)
                .is_none()
        );
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run();
        let p = &h.state().project;
        assert!(
            p.parent_of(a)
                .is_some_and(|g| p.codes[&g].name == group_name)
        );
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
        h.run();
        let p = &h.state().project;
        let g = p.parent_of(a).expect("redone");
        assert_eq!(p.parent_of(b), Some(g), "{lang:?}");
        tree_item(&h, group_name);
    }
}

#[test]
fn dragging_a_card_puts_it_there_in_one_undo_step() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        open_canvas(&mut h, lang);
        let (a, _) = two_codes(&h.state().project);
        let name = h.state().project.codes[&a].name.clone();
        assert!(!h.state().project.cards.contains_key(&a));
        let from = card(&h, &name).rect();
        let start = from.center();
        // Just below the card: between rows, on no other card.
        let by = egui::vec2(12.0, from.height() / 2.0 + 3.0);
        h.hover_at(start);
        h.run();
        h.drag_at(start);
        h.run();
        for t in [0.25, 0.5, 0.75, 1.0] {
            h.hover_at(start + by * t);
            h.run();
        }
        release_at(&h, start + by);
        h.run();
        h.run();
        let moved = card(&h, &name).rect();
        assert!(
            (moved.center() - (start + by)).length() < 1.5,
            "{lang:?}: the card followed the pointer ({moved:?})"
        );
        let wb = h.state();
        let at = wb.project.cards.get(&a).copied().expect("placed");
        assert_eq!(
            wb.history.undo_label().map(|s| s.english()).as_deref(),
            Some("Move cards")
        );
        let revision = wb.history.revision();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert!(
            !h.state().project.cards.contains_key(&a),
            "{lang:?}: undone"
        );
        assert!(h.state().history.revision() != revision);
        assert!((card(&h, &name).rect().center() - start).length() < 1.5);
        h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
        h.run();
        assert_eq!(
            h.state().project.cards.get(&a),
            Some(&at),
            "{lang:?}: redone"
        );
    }
}

#[test]
fn a_cards_segments_are_listed_beside_the_canvas_and_open_on_a_click() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        open_canvas(&mut h, lang);
        let p = &h.state().project;
        // A level-1 code with codings.
        let (a, name) = p
            .walk()
            .into_iter()
            .filter_map(|(c, _)| p.codes.get(&c))
            .find(|c| c.children.is_empty() && p.index().own_count(c.id) > 0)
            .map(|c| (c.id, c.name.clone()))
            .expect("a coded code");
        card(&h, &name).click();
        h.run();
        let segments = strata::app::i18n::cards::strings(lang).segments;
        h.get_by_role_and_label(Role::Button, &bidi(segments))
            .click();
        h.run();
        assert_eq!(h.state().state.cards.segments, Some(a));
        // A row names the code between its place and its coder.
        let needle = format!(" · {name} · ");
        let row = h
            .query_all_by(|n| n.label().is_some_and(|l| l.contains(&needle)))
            .next()
            .expect("a segment row");
        row.click();
        h.run();
        let wb = h.state();
        let coding = wb.state.selected_coding.expect("a segment chosen");
        let c = &wb.project.codings[&coding];
        assert_eq!(c.code, a, "{lang:?}");
        assert_eq!(wb.state.selected_doc, Some(c.document), "{lang:?}: opened");
    }
}

#[test]
fn a_lasso_selects_the_cards_it_touches_and_a_drop_offers_group() {
    let mut h = demo(Lang::En);
    open_canvas(&mut h, Lang::En);
    let p = &h.state().project;
    let (a, b) = two_codes(p);
    let (na, nb) = (p.codes[&a].name.clone(), p.codes[&b].name.clone());
    let (ra, rb) = (card(&h, &na).rect(), card(&h, &nb).rect());
    // In Select mode, a drag from just outside the first card to inside the second.
    let start = ra.left_top() - egui::vec2(4.0, 4.0);
    let end = rb.center();
    h.get_by_label("Select").click();
    h.run();
    assert!(h.state().state.cards.select_mode);
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.run();
    for t in [0.3, 0.6, 1.0] {
        h.hover_at(start + (end - start) * t);
        h.run();
    }
    release_at(&h, end);
    h.run();
    let sel = &h.state().state.cards.selected;
    assert!(sel.contains(&a) && sel.contains(&b), "{sel:?}");
    // A card dropped onto another: both selected, Group offered there.
    h.get_by_label("Select").click();
    h.state_mut().state.cards.selected.clear();
    h.run();
    let (from, onto) = (card(&h, &na).rect().center(), card(&h, &nb).rect().center());
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for t in [0.3, 0.6, 1.0] {
        h.hover_at(from + (onto - from) * t);
        h.run();
    }
    release_at(&h, onto);
    h.run();
    h.run();
    assert!(h.state().project.cards.is_empty(), "not moved onto it");
    let label = bidi("Group into a new زیرمقوله\u{200E} (2)");
    let offered = h.query_all_by_label(&label).count();
    // The toolbar's button and the one beside the card.
    assert_eq!(offered, 2);
}
