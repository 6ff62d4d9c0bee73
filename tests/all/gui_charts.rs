//! Analysis ▸ Charts on the demo project, headless: the chart view opens
//! with a legend naming the demo's categories, the three charts switch,
//! and "Save figure…" writes the chart as SVG and PNG. In English and in
//! Persian (names shown in visual order, as the plot draws them).
//!
//! Values here are the demo's and the test's own, so `expect` on them is
//! a test failure, never a user's data.

use super::gui::demo;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::analysis::{Out, save_to};
use strata::app::i18n::{an_charts, analysis};
use strata::app::{Lang, Workbench, bidi};

/// A category of the demo (its tree's first) and a code of P01.
const CATEGORY: &str = "مدیریت اخبار در شبکه‌های اجتماعی";
const P01_CODE: &str = "تطمیع و تهدید خبرنگاران و فعالان شهری";

fn open_charts(lang: Lang) -> Harness<'static, Workbench> {
    let mut h = demo(lang);
    let a = analysis::strings(lang);
    h.get_by_label(&bidi(a.menu)).click();
    h.run();
    h.get_by_label(&bidi(a.menu_charts)).click();
    h.run_steps(3);
    h
}

fn legend_has(h: &Harness<'static, Workbench>, name: &str) -> bool {
    h.query_by_role_and_label(Role::CheckBox, &bidi(name))
        .is_some()
}

fn switch(h: &mut Harness<'static, Workbench>, label: &str) {
    h.get_by_label(&bidi(label)).click();
    h.run_steps(3);
}

#[test]
fn the_chart_view_opens_and_switches_between_the_three_charts() {
    for lang in [Lang::En, Lang::Fa] {
        let s = an_charts::strings(lang);
        let mut h = open_charts(lang);
        // Bars of the categories per gender (the demo has no groups).
        assert!(
            legend_has(&h, CATEGORY),
            "{lang:?}: a category in the legend"
        );
        h.get_by_label(&bidi(&format!("{}: gender", s.variable)));
        assert!(!legend_has(&h, P01_CODE));

        switch(&mut h, s.portrait);
        assert!(
            legend_has(&h, P01_CODE),
            "{lang:?}: P01's codes in the portrait"
        );
        assert!(!legend_has(&h, CATEGORY));

        switch(&mut h, s.codeline);
        assert!(
            legend_has(&h, CATEGORY),
            "{lang:?}: the categories' codeline"
        );
        assert!(!legend_has(&h, P01_CODE));

        switch(&mut h, s.bars);
        assert!(legend_has(&h, CATEGORY));
    }
}

#[test]
fn save_figure_keeps_the_chart_as_svg_and_writes_a_png() {
    let mut h = open_charts(Lang::Fa);
    let a = analysis::strings(Lang::Fa);
    h.get_by_label(&bidi(a.save_figure)).click();
    h.run();
    let svg = match &h.state().state.analysis.out {
        Some(Out::Figure(svg)) => svg.clone(),
        _ => panic!("Save figure kept no figure"),
    };
    // The Persian name as written, in a text marked right to left.
    assert!(svg.contains(&format!(
        "direction=\"rtl\" unicode-bidi=\"embed\" text-anchor=\"start\">{CATEGORY}</text>"
    )));
    assert!(
        svg.contains("مقوله‌ها بر پایهٔ gender"),
        "the title in Persian"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("chart.png");
    save_to(h.state_mut(), png.clone());
    let bytes = std::fs::read(&png).expect("the PNG was written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let svg_path = dir.path().join("chart.svg");
    save_to(h.state_mut(), svg_path.clone());
    assert_eq!(std::fs::read_to_string(&svg_path).expect("SVG"), svg);
}
