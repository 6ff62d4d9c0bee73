//! The transcript keeps a readable width in any window: side panes shrink,
//! then collapse to tabs on the edge that open them over the document.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::{Lang, Workbench, bidi};

fn demo_at(lang: Lang, w: f32, h: f32) -> Harness<'static, Workbench> {
    let mut wb = Workbench::demo().expect("demo");
    wb.state.lang = lang;
    let mut h = Harness::builder()
        .with_size(egui::vec2(w, h))
        .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), wb);
    h.run_steps(3);
    h
}

fn document_width(h: &Harness<'static, Workbench>) -> f32 {
    h.get_by_label("Document browser: P01").rect().width()
}

#[test]
fn the_document_keeps_a_readable_width_at_every_window_size() {
    for lang in [Lang::En, Lang::Fa] {
        let mut last = 0.0;
        for (w, ht) in [
            (800.0, 600.0),
            (1024.0, 768.0),
            (1366.0, 768.0),
            (1920.0, 1080.0),
        ] {
            let h = demo_at(lang, w, ht);
            let doc = document_width(&h);
            assert!(doc >= 320.0, "{lang:?} {w}×{ht}: document {doc} px wide");
            assert!(
                doc > last,
                "{lang:?} {w}×{ht}: a larger window gives the document more"
            );
            last = doc;
            // The tree is there at every size: coding needs it.
            super::gui::tree_item(&h, "تطمیع و تهدید خبرنگاران و فعالان شهری");
        }
    }
}

#[test]
fn a_collapsed_pane_opens_from_its_tab_over_the_document() {
    for lang in [Lang::En, Lang::Fa] {
        let s = lang.strings();
        let mut h = demo_at(lang, 800.0, 600.0);
        let before = document_width(&h);
        // The retrieved segments and memo gave way first.
        assert!(h.query_by_label(&bidi(s.retrieved)).is_none(), "{lang:?}");
        h.get_by_role_and_label(Role::Button, s.side_pane).click();
        h.run();
        h.get_by_label(&bidi(s.retrieved));
        // Over the document, not beside it: the document keeps its width.
        assert_eq!(document_width(&h), before, "{lang:?}");
        // The same tab closes it again.
        h.get_by_role_and_label(Role::Button, s.side_pane).click();
        h.run();
        assert!(h.query_by_label(&bidi(s.retrieved)).is_none(), "{lang:?}");
        // In a wide window there is no tab: the pane is beside the document.
        let wide = demo_at(lang, 1920.0, 1080.0);
        assert!(
            wide.query_by_role_and_label(Role::Button, s.side_pane)
                .is_none()
        );
        wide.get_by_label(&bidi(s.retrieved));
    }
}

#[test]
fn the_panes_keep_their_widths_after_switching_language() {
    let mut h = demo_at(Lang::En, 1366.0, 768.0);
    let en = document_width(&h);
    h.state_mut().state.lang = Lang::Fa;
    h.run();
    let fa = document_width(&h);
    assert!((en - fa).abs() < 2.0, "{en} vs {fa}");
}

#[test]
fn page_down_end_and_home_scroll_the_document() {
    let mut h = demo_at(Lang::En, 1024.0, 600.0);
    let first = || "Line 1";
    let y0 = h.get_by_label(first()).rect().top();
    h.key_press(egui::Key::PageDown);
    h.run();
    let y1 = h.query_by_label(first()).map(|n| n.rect().top());
    assert!(
        y1.is_none_or(|y| y < y0 - 100.0),
        "Page Down scrolled: {y0} → {y1:?}"
    );
    h.key_press(egui::Key::End);
    h.run();
    let n = h
        .state()
        .project
        .document_by_name("P01")
        .expect("P01")
        .line_count();
    h.get_by_label(&format!("Line {n}"));
    h.key_press(egui::Key::Home);
    h.run();
    assert!((h.get_by_label(first()).rect().top() - y0).abs() < 1.0);
}

/// A right-to-left line in a left-to-right document ends at the text
/// column's right edge: its last glyphs (`P38:` here) are drawn whole,
/// inside the browser, not cut by it.
#[test]
fn a_right_to_left_line_in_an_english_document_is_not_cut_at_the_right() {
    use strata::base::CharPos;
    use strata::model::{Document, Project};
    let mut p = Project::new("mixed");
    p.documents.push(Document::new(
        "en-mixed",
        "Interviewer: How did the page start?\nP38: ما در سال ۱۴۰۲ صفحه را راه انداختیم.\nInterviewer: And the comments?\n",
    ));
    for (w, ht) in [(800.0, 600.0), (1366.0, 768.0)] {
        let mut h = Harness::builder()
            .with_size(egui::vec2(w, ht))
            .build_ui_state(
                |ui, wb: &mut Workbench| wb.ui(ui),
                Workbench::new(p.clone(), None),
            );
        h.run_steps(3);
        let browser = h.get_by_label("Document browser: en-mixed").rect();
        let doc = &h.state().project.documents[0];
        let line = doc.line_range(2).expect("line 2");
        for i in line.start.0..line.end.0 {
            let Some(g) = h.state().glyph_rect_of(CharPos(i)) else {
                continue;
            };
            assert!(
                g.right() <= browser.right() - 6.0 && g.left() >= browser.left(),
                "{w}: char {i} at {g:?} outside {browser:?}"
            );
        }
    }
}

/// The document's name in the pane header stays readable: the direction
/// box and its label sit beside it, not over it (a document without
/// variables had only its first letter showing).
#[test]
fn the_document_name_is_not_drawn_over_by_the_direction_box() {
    use strata::model::{Document, Project};
    let mut p = Project::new("header");
    p.documents.push(Document::new(
        "مصاحبه با مدیر شهری",
        "مدیر: ما صفحه را راه انداختیم.\n",
    ));
    for lang in [Lang::En, Lang::Fa] {
        let s = lang.strings();
        for w in [800.0, 1366.0] {
            let mut wb = Workbench::new(p.clone(), None);
            wb.state.lang = lang;
            let mut h = Harness::builder()
                .with_size(egui::vec2(w, 700.0))
                .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), wb);
            h.run_steps(3);
            let name = h.get_by_label(&bidi("مصاحبه با مدیر شهری")).rect();
            assert!(
                name.width() > 100.0,
                "{lang:?} {w}: the whole name is laid out"
            );
            for other in [s.direction, s.dir_auto] {
                let r = h.get_by_label(&bidi(other)).rect();
                assert!(
                    !r.intersects(name.shrink(1.0)),
                    "{lang:?} {w}: {other} {r:?} over the name {name:?}"
                );
            }
        }
    }
}

/// Dragging a pane's edge: narrower gives the width to the document;
/// wider takes it from the other panes, never below the document's least.
#[test]
fn dragging_a_pane_edge_resizes_it_against_the_document() {
    let mut h = demo_at(Lang::En, 1366.0, 768.0);
    let before = document_width(&h);
    let left =
        |h: &Harness<'static, Workbench>| h.get_by_label("Document browser: P01").rect().left();
    // The tree's edge is where the document's pane begins, less its margin.
    let edge = h.get_by_label("Document browser: P01").rect().left() - 8.0;
    let drag = |h: &mut Harness<'static, Workbench>, from: egui::Pos2, to: egui::Pos2| {
        h.hover_at(from);
        h.drag_at(from);
        for k in 1..=8 {
            h.hover_at(from + (to - from) * (k as f32 / 8.0));
        }
        super::gui::release_at(h, to);
        h.run();
        h.run();
    };
    let mut from = egui::pos2(edge, 400.0);
    // Find the handle: egui's grab band is a few pixels either side of the edge.
    for dx in [0.0, -2.0, -4.0, -6.0, 2.0] {
        from = egui::pos2(edge + dx, 400.0);
        h.hover_at(from);
        h.run();
        if h.ctx.output(|o| o.cursor_icon) == egui::CursorIcon::ResizeHorizontal {
            break;
        }
    }
    drag(&mut h, from, from - egui::vec2(80.0, 0.0));
    let narrower = document_width(&h);
    assert!(
        narrower > before + 60.0,
        "the document took the width: {before} → {narrower}"
    );
    let from = egui::pos2(from.x - 80.0, 400.0);
    let l0 = left(&h);
    drag(&mut h, from, from + egui::vec2(200.0, 0.0));
    assert!(left(&h) > l0 + 60.0, "the tree is wider");
    let wider = document_width(&h);
    assert!(
        wider >= before - 2.0,
        "the document keeps its least width: {before} → {wider}"
    );
}

/// Under an open dialog the document does not scroll and the window's
/// shortcuts do not act (Ctrl+O would open the file browser on top).
#[test]
fn keys_under_a_dialog_stay_with_the_dialog() {
    let mut h = demo_at(Lang::En, 1024.0, 600.0);
    let y0 = h.get_by_label("Line 1").rect().top();
    h.state_mut().state.error = Some("something went wrong".into());
    h.run();
    h.key_press(egui::Key::PageDown);
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(h.get_by_label("Line 1").rect().top(), y0, "not scrolled");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert!(
        h.state().state.file_browser.is_none(),
        "no file browser on top"
    );
}
