//! Mouse selection in the document browser, driven by kittest drags at the
//! places pango puts the pointer (see selection.rs), then coded through the
//! picker: the coded text is the intended text at every run boundary.

use super::gui::{harness, pick, release_at};
use super::selection::{Drag, pango_drags};
use egui::Modifiers;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::{Lang, Workbench};
use strata::model::*;

const CODE: &str = "نمونهٔ انتخاب";

/// A project with one document per paragraph direction holding the lines
/// of the pango fixture, a code and a coder.
fn project(drags: &[Drag]) -> Project {
    let mut p = Project::new("انتخاب");
    p.coders.push(Coder {
        id: CoderId::new(),
        name: "مریم".into(),
        color: "#aa3355".into(),
    });
    for (name, dir, direction) in [
        ("rtl", Some(true), Direction::Rtl),
        ("ltr", Some(false), Direction::Ltr),
        ("auto", None, Direction::Auto),
    ] {
        let mut lines: Vec<&str> = Vec::new();
        for d in drags.iter().filter(|d| d.dir == dir) {
            if !lines.contains(&d.text.as_str()) {
                lines.push(&d.text);
            }
        }
        let mut doc = Document::new(name, &lines.join("\n"));
        doc.direction = direction;
        p.documents.push(doc);
    }
    let code = Code::new(CODE, "#2a7de1");
    p.roots.push(code.id);
    p.codes.insert(code.id, code);
    p
}

/// Where `frac` of the way across the glyph of doc char `i` is on screen.
fn at(h: &Harness<'static, Workbench>, i: usize, frac: f32) -> egui::Pos2 {
    let r = h
        .state()
        .glyph_rect_of(CharPos(i))
        .unwrap_or_else(|| panic!("char {i} on screen"));
    egui::pos2(r.left() + frac * r.width(), r.center().y)
}

fn doc_name(d: &Drag) -> &'static str {
    match d.dir {
        Some(true) => "rtl",
        Some(false) => "ltr",
        None => "auto",
    }
}

#[test]
fn drags_at_pangos_positions_code_the_intended_text() {
    let drags = pango_drags();
    let wb = Workbench::new(project(&drags), None);
    let mut h = harness(wb);
    h.state_mut().state.lang = Lang::Fa;
    let mut failures = Vec::new();
    for d in &drags {
        let doc = h
            .state()
            .project
            .document_by_name(doc_name(d))
            .expect("doc")
            .clone();
        let line = (1..=doc.line_count())
            .find(|&n| doc.line_text(n) == d.text)
            .expect("line");
        let base = doc.line_range(line).expect("range").start.0;
        {
            let st = &mut h.state_mut().state;
            st.selected_doc = Some(doc.id);
            st.scroll_to_line = Some(line);
            st.selection = None;
        }
        h.run();
        h.run();
        let a = at(&h, base + d.press.0, d.press.1);
        let b = at(&h, base + d.release.0, d.release.1);
        if d.wrap > 0.0 {
            assert!((a.y - b.y).abs() > 5.0, "the span crosses a row break");
        }
        let sel = drag_select(&mut h, a, b);
        let want = d.intended.shifted(CharPos(base));
        if sel != Some(want) {
            let show = |r: CharRange| doc.slice(r).to_string();
            failures.push(format!(
                "{}\n  intended «{}», selected «{}»",
                d.text,
                show(want),
                sel.map(show).unwrap_or_default()
            ));
            continue;
        }
        let before = h.state().project.codings.len();
        pick(&mut h, CODE);
        let wb = h.state();
        assert_eq!(wb.project.codings.len(), before + 1, "coded: {}", d.text);
        let coded = wb
            .project
            .codings
            .values()
            .filter(|c| c.document == doc.id)
            .find(|c| c.range == want);
        let text = coded.map(|c| doc.slice(c.range).to_string());
        let intended: String = d
            .text
            .chars()
            .skip(d.intended.start.0)
            .take(d.intended.len())
            .collect();
        assert_eq!(text.as_deref(), Some(intended.as_str()));
        // Undo, so the next drag codes afresh (a span is coded once).
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
        h.run();
    }
    assert!(
        failures.is_empty(),
        "{} of {} drags:\n{}",
        failures.len(),
        drags.len(),
        failures.join("\n")
    );
}

/// `n` quick clicks (the harness must step faster than egui's double-click
/// delay; kittest's default is a quarter second a frame).
fn click_times(h: &mut Harness<'static, Workbench>, pos: egui::Pos2, n: usize) {
    // Earlier clicks first age past the delay, or these would add to them.
    for _ in 0..30 {
        h.step();
    }
    h.hover_at(pos);
    h.run();
    for _ in 0..n {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run();
}

#[test]
fn double_click_selects_a_word_and_triple_click_its_line() {
    let drags = pango_drags();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, wb: &mut Workbench| wb.ui(ui),
            Workbench::new(project(&drags), None),
        );
    h.run_steps(3);
    let doc = h
        .state()
        .project
        .document_by_name("rtl")
        .expect("doc")
        .clone();
    let line = (1..=doc.line_count())
        .find(|&n| doc.line_text(n).starts_with("P12:"))
        .expect("line");
    let range = doc.line_range(line).expect("range");
    let text = doc.line_text(line);
    let word = |w: &str| {
        let i = text[..text.find(w).expect("word")].chars().count();
        CharRange::new(i, i + w.chars().count()).shifted(range.start)
    };
    h.state_mut().state.scroll_to_line = Some(line);
    h.run();
    // «Instagram» inside the Persian line, clicked near its first letter.
    let target = word("Instagram");
    let pos = at(&h, target.start.0, 0.3);
    click_times(&mut h, pos, 2);
    assert_eq!(h.state().state.selection, Some(target));
    // A Persian word.
    let target = word("فعال");
    let pos = at(&h, target.start.0 + 1, 0.5);
    click_times(&mut h, pos, 2);
    assert_eq!(h.state().state.selection, Some(target));
    // Three clicks: the whole line, speaker label included.
    click_times(&mut h, pos, 3);
    assert_eq!(h.state().state.selection, Some(range));
}

#[test]
fn selecting_and_coding_move_nothing() {
    let drags = pango_drags();
    let mut p = project(&drags);
    let names = [
        "آمارسازی",
        "سرکوب منتقدان",
        "تبلیغات باهدف پنهان کردن حقایق",
        "فیلترینگ چالش دوسویه مردم و مدیران",
    ];
    for name in names {
        let code = Code::new(name, "#3cb44b");
        p.roots.push(code.id);
        p.codes.insert(code.id, code);
    }
    let mut h = harness(Workbench::new(p, None));
    h.state_mut().state.lang = Lang::Fa;
    h.run();
    let doc = h
        .state()
        .project
        .document_by_name("auto")
        .expect("doc")
        .clone();
    h.state_mut().state.selected_doc = Some(doc.id);
    h.run();
    let browser = |h: &Harness<'static, Workbench>| h.get_by_label("Document browser: auto").rect();
    let probe = doc.line_range(2).expect("line 2").start.0 + 3;
    let glyph = |h: &Harness<'static, Workbench>| {
        h.state().glyph_rect_of(CharPos(probe)).expect("on screen")
    };
    let (b0, g0) = (browser(&h), glyph(&h));
    // Overlapping codings with several codes: a new stripe lane each, and
    // recent-code chips in the header.
    // Eight codings that all take in line 2: eight lanes, more than the six
    // the stripes' width is reserved for (they get narrower instead).
    let spans = [
        (1, 3),
        (2, 3),
        (1, 2),
        (2, 2),
        (1, 4),
        (2, 4),
        (1, 5),
        (2, 5),
    ];
    for (i, (a, b)) in spans.into_iter().enumerate() {
        let code = &names[i % names.len()];
        super::gui::select_lines(&mut h, a, b);
        assert_eq!(browser(&h), b0, "selecting moved the text");
        pick(&mut h, code);
        super::gui::select_lines(&mut h, 1, 1);
        let g = glyph(&h);
        assert_eq!(
            g.x_range(),
            g0.x_range(),
            "coding with {code} re-wrapped the text"
        );
        assert_eq!(browser(&h), b0, "the header grew with {code}");
        assert_eq!(g, g0);
    }
    assert_eq!(
        h.state().project.codings.len(),
        8,
        "eight overlapping codings, eight lanes"
    );
    assert!(h.state().state.recent_codes.len() >= 4);
}

/// Drag in the browser from `a` to `b` (screen positions) and return the
/// selection.
fn drag_select(
    h: &mut Harness<'static, Workbench>,
    a: egui::Pos2,
    b: egui::Pos2,
) -> Option<CharRange> {
    h.hover_at(a);
    h.run();
    h.drag_at(a);
    h.run();
    for t in [0.3, 0.6, 1.0] {
        h.hover_at(a + (b - a) * t);
        h.run();
    }
    release_at(h, b);
    h.run();
    h.state().state.selection
}

#[test]
fn a_drag_from_edge_to_edge_of_a_latin_word_in_a_persian_line_selects_it() {
    let mut h = super::gui::demo(Lang::Fa);
    let d = super::gui::doc(h.state(), "P01").clone();
    let range = d.line_range(6).expect("line 6");
    let text = d.line_text(6);
    let at = |w: &str| {
        let i = text[..text.find(w).expect("word")].chars().count();
        CharRange::new(i, i + w.chars().count()).shifted(range.start)
    };
    h.state_mut().state.scroll_to_line = Some(6);
    h.run();
    let insta = at("Instagram");
    let rect = |h: &Harness<'static, Workbench>, i: usize| {
        h.state().glyph_rect_of(CharPos(i)).expect("on screen")
    };
    // From the very left edge of «I» to the very right edge of «m».
    let left = rect(&h, insta.start.0).left_center();
    let right = rect(&h, insta.end.0 - 1).right_center();
    assert_eq!(drag_select(&mut h, left, right), Some(insta));
    h.state_mut().state.selection = None;
    assert_eq!(drag_select(&mut h, right, left), Some(insta), "and back");
    // From that left edge to past «در» on its right: «در Instagram».
    let dar = at("در Instagram");
    let past = rect(&h, dar.start.0).right_center() + egui::vec2(2.0, 0.0);
    h.state_mut().state.selection = None;
    let got = drag_select(&mut h, left, past);
    let shown = got.map(|r| d.slice(r).to_string());
    assert_eq!(
        shown.as_deref().map(str::trim),
        Some("در Instagram"),
        "{got:?}"
    );
}
