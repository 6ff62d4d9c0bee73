//! Social media ▸ Indices and tables on the demo's monitoring set,
//! headless, in both languages: Tables 1 and 2 by network and by role,
//! exported; the charts of measures and of post types, saved as figures.
//! The figures looked for are the CLI's (`strata social indices
//! projects/demo.strata`), as the interface draws them.
//!
//! Values here are the demo's and the test's own, so `expect` on them is
//! a test failure, never a user's data.

use super::gui::{demo, harness};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use strata::app::analysis::{Out, save_to};
use strata::app::i18n::{Locale, an_social, analysis};
use strata::app::{Lang, Workbench, bidi};

fn open_indices(lang: Lang) -> Harness<'static, Workbench> {
    let mut h = demo(lang);
    let s = an_social::strings(lang);
    h.get_by_label(&bidi(s.menu)).click();
    h.run();
    h.get_by_label(&bidi(analysis::strings(lang).menu_indices))
        .click();
    h.run_steps(3);
    h
}

/// A figure as the tab draws it: two places, the locale's digits, `bidi`.
fn shown(lang: Lang, x: &str) -> String {
    bidi(&Locale::new(lang, Default::default()).num(x))
}

#[test]
fn tables_1_and_2_show_the_demos_figures_by_network_and_by_role() {
    for lang in [Lang::En, Lang::Fa] {
        let s = an_social::strings(lang);
        let mut h = open_indices(lang);
        // Table 1: Instagram's mean followers; Table 2: its P3 and E.
        for x in ["9186.67", "73.84", "83.74", "11905.00", "16.01"] {
            assert!(
                h.query_by_label(&shown(lang, x)).is_some(),
                "{lang:?}: {x} by network"
            );
        }
        assert!(h.query_by_label("council").is_none());
        h.get_by_label(&bidi(s.by_role)).click();
        h.run_steps(3);
        // In both tables.
        assert_eq!(h.query_all_by_label("council").count(), 2);
        assert_eq!(h.query_all_by_label("executive").count(), 2);
        for x in ["7981.67", "37.88", "61.86"] {
            assert!(
                h.query_by_label(&shown(lang, x)).is_some(),
                "{lang:?}: {x} by role"
            );
        }
        assert!(
            h.query_by_label(&shown(lang, "9186.67")).is_none(),
            "{lang:?}: the network rows went"
        );
        // Table 2 is the second "Export table…".
        let a = analysis::strings(lang);
        let export = bidi(a.export_table);
        let buttons = h.get_all_by_label(&export).collect::<Vec<_>>();
        assert_eq!(buttons.len(), 2);
        buttons[1].click();
        h.run();
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("table2.csv");
        save_to(h.state_mut(), out.clone());
        let csv = std::fs::read_to_string(&out).expect("the table");
        assert!(
            csv.contains("council,91.67,208.00,30.38"),
            "{lang:?}: {csv}"
        );
        if lang == Lang::Fa {
            assert!(csv.starts_with("\u{FEFF}نقش,مشهوریت P1"), "{csv}");
        }
    }
}

#[test]
fn the_charts_show_measures_and_post_types_and_save_as_figures() {
    for lang in [Lang::En, Lang::Fa] {
        let s = an_social::strings(lang);
        let a = analysis::strings(lang);
        let mut h = open_indices(lang);
        // The measures' chart at first: P3, C3, V3 and E in its legend as
        // well as in the choice of measures; P1 in the choice only.
        let boxes = |h: &Harness<'static, Workbench>, m: &str| {
            h.query_all(By::new().role(Role::CheckBox).label(m)).count()
        };
        for m in ["P3", "C3", "V3", "E"] {
            assert_eq!(boxes(&h, m), 2, "{lang:?}: {m}");
        }
        assert_eq!(boxes(&h, "P1"), 1);
        h.get_by_label("P1").click();
        h.run_steps(3);
        assert_eq!(boxes(&h, "P1"), 2, "ticked, it is drawn");
        h.get_by_label(&bidi(a.save_figure)).click();
        h.run();
        let svg = match &h.state().state.analysis.out {
            Some(Out::Figure(svg)) => svg.clone(),
            _ => panic!("Save figure kept no figure"),
        };
        assert!(
            svg.contains(">Instagram</text>") && svg.contains(">E</text>"),
            "{svg}"
        );
        // The file browser asks where; not now.
        h.key_press(egui::Key::Escape);
        h.run_steps(2);
        // Post types per network: the demo's most common Instagram type.
        h.get_by_label(&bidi(s.chart_post_types)).click();
        h.run_steps(3);
        let actions = "اطلاع‌رسانی از اقدام‌های انجام‌شده";
        assert!(
            h.query(By::new().role(Role::CheckBox).label(&bidi(actions)))
                .is_some(),
            "{lang:?}: the post type in the legend"
        );
        h.get_by_label(&bidi(a.save_figure)).click();
        h.run();
        let Some(Out::Figure(svg)) = &h.state().state.analysis.out else {
            panic!("no figure");
        };
        assert!(svg.contains(actions), "the name as written");
        assert!(
            !svg.contains("(no value)"),
            "the interviews are not a column"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let png = dir.path().join("types.png");
        save_to(h.state_mut(), png.clone());
        assert_eq!(
            &std::fs::read(&png).expect("PNG")[..8],
            b"\x89PNG\r\n\x1a\n"
        );
    }
}

#[test]
fn without_posts_the_menu_offers_only_the_import() {
    for lang in [Lang::En, Lang::Fa] {
        let mut wb = Workbench::new(strata::model::Project::new("p"), None);
        wb.state.lang = lang;
        let mut h = harness(wb);
        let s = an_social::strings(lang);
        let a = analysis::strings(lang);
        h.get_by_label(&bidi(s.menu)).click();
        h.run();
        assert!(
            !h.get_by_label(&bidi(s.menu_import))
                .accesskit_node()
                .is_disabled()
        );
        for item in [a.menu_posts, a.menu_indices] {
            assert!(
                h.get_by_label(&bidi(item)).accesskit_node().is_disabled(),
                "{lang:?}"
            );
        }
    }
}
