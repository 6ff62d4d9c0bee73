//! The Maps window on the demo project, headless, by label and role: a
//! new map, two code nodes, a labelled link; the node follows a rename of
//! its code, shows a deleted code as missing (and keeps it), and undo
//! brings the name back. Moving a node is one undo step. In English and in
//! Persian.
//!
//! Values here are the demo's and the test's own, so `expect` on them is
//! a test failure, never a user's data.

use super::gui::{demo, tree_item};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::i18n::maps;
use strata::app::{Lang, Workbench, bidi};
use strata::edit::Command;
use strata::model::*;

/// A code of P01 (shown in the tree at the start) and another code.
const CODE_A: &str = "تطمیع و تهدید خبرنگاران و فعالان شهری";
const CODE_B: &str = "آمارسازی";

fn code(h: &Harness<'static, Workbench>, name: &str) -> CodeId {
    h.state().project.resolve_path(name).expect("a demo code")
}

/// Click the node of this label (with these keys held).
fn click_node(h: &mut Harness<'static, Workbench>, label: &str, keys: Modifiers) {
    h.get_by_role_and_label(Role::Button, &bidi(label))
        .click_modifiers(keys);
    h.run_steps(2);
}

fn has_node(h: &Harness<'static, Workbench>, label: &str) -> bool {
    // (A map named after a category shows the name in its chooser too.)
    h.query_all_by_role_and_label(Role::Button, &bidi(label))
        .next()
        .is_some()
}

/// Type into a text field (focused first, as a click would).
fn type_into(h: &mut Harness<'static, Workbench>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run_steps(2);
}

fn click(h: &mut Harness<'static, Workbench>, label: &str) {
    h.get_by_label(&bidi(label)).click();
    h.run_steps(2);
}

/// Maps ▸ New map…, with CODE_A chosen in the tree before.
fn new_map(lang: Lang) -> Harness<'static, Workbench> {
    let s = maps::strings(lang);
    let mut h = demo(lang);
    tree_item(&h, CODE_A).click();
    h.run();
    click(&mut h, s.menu);
    click(&mut h, s.new_map);
    h.run_steps(2);
    h
}

fn the_map<'h>(h: &'h Harness<'static, Workbench>) -> &'h Map {
    h.state().project.maps.first().expect("a map")
}

/// The map with CODE_A (the tree's choice) and CODE_B (from the list).
fn map_with_two_codes(lang: Lang) -> Harness<'static, Workbench> {
    let s = maps::strings(lang);
    let mut h = new_map(lang);
    // The new map's name is ready to be changed.
    assert!(h.state().state.maps.renaming.is_some());
    click(&mut h, s.cancel);
    click(&mut h, s.add_code);
    assert_eq!(the_map(&h).nodes.len(), 1, "{lang:?}: the tree's code");
    // Again: it is on the map, so the list of codes opens.
    click(&mut h, s.add_code);
    type_into(&mut h, s.find_code, CODE_B);
    assert_eq!(h.state().state.maps.adding_code.as_deref(), Some(CODE_B));
    h.get_by_role_and_label(Role::Button, &bidi(CODE_B)).click();
    h.run_steps(3);
    assert_eq!(the_map(&h).nodes.len(), 2, "{lang:?}: the list's code");
    h
}

#[test]
fn a_map_links_two_codes_and_its_nodes_follow_the_codes() {
    for lang in [Lang::En, Lang::Fa] {
        let s = maps::strings(lang);
        let mut h = map_with_two_codes(lang);
        let (a, b) = (code(&h, CODE_A), code(&h, CODE_B));
        let map = the_map(&h);
        let na = map.node_of_code(a).expect("node A").id;
        let nb = map.node_of_code(b).expect("node B").id;

        // A, then Shift+click B, then a preset label.
        click_node(&mut h, CODE_A, Modifiers::NONE);
        click_node(&mut h, CODE_B, Modifiers::SHIFT);
        click(&mut h, s.leads_to);
        click(&mut h, s.add_link);
        assert_eq!(
            the_map(&h).links,
            vec![Link {
                from: na,
                to: nb,
                label: s.leads_to.to_string()
            }],
            "{lang:?}"
        );

        // Renamed in the tree: the node shows the new name.
        let renamed = "تطمیع خبرنگاران";
        assert!(h.state_mut().edit(Command::RenameCode {
            id: a,
            name: renamed.into()
        }));
        h.run_steps(2);
        assert!(has_node(&h, renamed), "{lang:?}: the node follows");
        assert!(!has_node(&h, CODE_A));

        // Deleted: the node stays, greyed, saying so.
        assert!(h.state_mut().edit(Command::RemoveCode { id: a }));
        h.run_steps(2);
        assert!(has_node(&h, s.deleted_code), "{lang:?}: shown as missing");
        assert!(!has_node(&h, renamed));
        let map = the_map(&h);
        assert_eq!(map.nodes.len(), 2, "{lang:?}: never dropped");
        assert_eq!(map.node(na).map(|n| &n.kind), Some(&NodeKind::Code(a)));
        assert_eq!(map.links.len(), 1);

        // Undo: the code and its name are back on the node.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
        assert!(has_node(&h, renamed), "{lang:?}: back after undo");
        assert!(!has_node(&h, s.deleted_code));
    }
}

#[test]
fn the_persian_deleted_code_says_so_in_persian() {
    assert_eq!(maps::strings(Lang::Fa).deleted_code, "کد حذف‌شده");
    assert_eq!(maps::strings(Lang::En).deleted_code, "deleted code");
}

#[test]
fn dragging_a_node_moves_it_in_one_undo_step() {
    let mut h = map_with_two_codes(Lang::En);
    let a = code(&h, CODE_A);
    let before = the_map(&h).node_of_code(a).expect("node").pos;
    let rev = h.state().history.revision();
    let from = h
        .get_by_role_and_label(Role::Button, &bidi(CODE_A))
        .rect()
        .center();
    h.event(egui::Event::PointerMoved(from));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run();
    for i in 1..=6 {
        h.event(egui::Event::PointerMoved(
            from + egui::vec2(10.0 * i as f32, 5.0 * i as f32),
        ));
        h.run();
    }
    let to = from + egui::vec2(60.0, 30.0);
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    let after = the_map(&h).node_of_code(a).expect("node").pos;
    let zoom = h.state().state.maps.view.zoom;
    assert!(
        (after.x - before.x - 60.0 / zoom).abs() < 2.0
            && (after.y - before.y - 30.0 / zoom).abs() < 2.0,
        "{before:?} → {after:?} at zoom {zoom}"
    );
    assert_eq!(h.state().history.revision(), rev + 1, "one step");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(the_map(&h).node_of_code(a).expect("node").pos, before);
}

#[test]
fn delete_removes_the_selected_node_with_its_links() {
    for lang in [Lang::En, Lang::Fa] {
        let s = maps::strings(lang);
        let mut h = map_with_two_codes(lang);
        click_node(&mut h, CODE_A, Modifiers::NONE);
        click(&mut h, s.link_to);
        click_node(&mut h, CODE_B, Modifiers::NONE);
        type_into(&mut h, s.link_label, "شرط علّی");
        click(&mut h, s.add_link);
        assert_eq!(the_map(&h).links[0].label, "شرط علّی", "{lang:?}");
        let codings = h.state().project.codings.len();
        click_node(&mut h, CODE_B, Modifiers::NONE);
        h.key_press(Key::Delete);
        h.run_steps(2);
        let map = the_map(&h);
        assert_eq!(map.nodes.len(), 1, "{lang:?}: the node is gone");
        assert!(map.links.is_empty(), "{lang:?}: with its link");
        // The key went to the map, not to the document's coding.
        assert_eq!(h.state().project.codings.len(), codings);
        assert!(h.state().project.codes.contains_key(&code(&h, CODE_B)));
    }
}

#[test]
fn a_map_is_renamed_and_deleted_with_a_question() {
    for lang in [Lang::En, Lang::Fa] {
        let s = maps::strings(lang);
        let mut h = new_map(lang);
        // The new name replaces the one given.
        type_into(&mut h, s.map_name, "الگوی راهبرد");
        click(&mut h, s.ok);
        assert_eq!(the_map(&h).name, "الگوی راهبرد", "{lang:?}");
        click(&mut h, s.delete_map);
        assert_eq!(h.state().project.maps.len(), 1, "asked first");
        click(&mut h, s.delete);
        assert!(h.state().project.maps.is_empty(), "{lang:?}");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
        assert_eq!(h.state().project.maps.len(), 1, "{lang:?}: undone");
    }
}

#[test]
fn a_text_box_is_written_in_place() {
    for lang in [Lang::En, Lang::Fa] {
        let s = maps::strings(lang);
        let mut h = new_map(lang);
        click(&mut h, s.cancel);
        click(&mut h, s.add_text);
        // Nothing is added before the text is confirmed.
        assert!(the_map(&h).nodes.is_empty());
        type_into(&mut h, s.text_box, "شرایط علّی");
        h.key_press(Key::Enter);
        h.run_steps(2);
        let kinds: Vec<_> = the_map(&h).nodes.iter().map(|n| n.kind.clone()).collect();
        assert_eq!(kinds, vec![NodeKind::Text("شرایط علّی".into())], "{lang:?}");
        assert!(has_node(&h, "شرایط علّی"), "{lang:?}: drawn by its text");
    }
}

#[test]
fn a_map_from_a_category_holds_its_subcategories_and_codes() {
    const CATEGORY: &str = "مدیریت اخبار در شبکه‌های اجتماعی";
    let s = maps::strings(Lang::En);
    let mut h = demo(Lang::En);
    click(&mut h, s.menu);
    h.get_by_label(s.new_from_category).hover();
    h.run();
    h.get_by_role_and_label(Role::Button, &bidi(CATEGORY))
        .click();
    h.run_steps(3);
    let p = &h.state().project;
    let cat = p.resolve_path(CATEGORY).expect("the category");
    let map = the_map(&h);
    assert_eq!(map.name, CATEGORY);
    let below = p.subtree(cat).len();
    assert!(below > 2, "the demo's category has codes");
    assert_eq!(map.nodes.len(), below, "the category and all below it");
    assert_eq!(map.nodes[0].kind, NodeKind::Code(cat));
    assert_eq!(map.links.len(), below - 1, "each joined to its parent");
    let shown = h
        .query_all_by_role_and_label(Role::Button, &bidi(CATEGORY))
        .count();
    assert_eq!(shown, 2, "the node and the map chooser");
}

#[test]
fn a_document_and_a_memo_become_nodes_that_show_their_names() {
    for lang in [Lang::En, Lang::Fa] {
        let s = maps::strings(lang);
        let mut h = new_map(lang);
        click(&mut h, s.cancel);
        // P06 is named in the documents pane too: the node is the second.
        click(&mut h, s.add_other);
        h.get_all_by_role_and_label(Role::Button, "P06")
            .last()
            .expect("P06 in the list")
            .click();
        h.run_steps(3);
        let memo = h
            .state()
            .project
            .memos
            .values()
            .find(|m| m.title == "یادداشت پروژه")
            .map(|m| m.id)
            .expect("the demo's project memo");
        click(&mut h, s.add_other);
        h.get_by_role_and_label(Role::Button, &bidi("یادداشت پروژه"))
            .click();
        h.run_steps(3);
        let kinds: Vec<NodeKind> = the_map(&h).nodes.iter().map(|n| n.kind.clone()).collect();
        let p06 = h.state().project.document_by_name("P06").expect("P06").id;
        assert_eq!(
            kinds,
            [NodeKind::Document(p06), NodeKind::Memo(memo)],
            "{lang:?}"
        );
        assert!(has_node(&h, "یادداشت پروژه"), "{lang:?}: the memo's node");
    }
}
