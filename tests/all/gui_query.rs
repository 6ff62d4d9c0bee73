//! The complex-retrieval tab on the demo project, in both languages: a
//! query typed and run, its hits counted and listed, a click on one, the
//! hits in the retrieved-segments pane and back, and a bad query's error.

use super::gui::demo;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::analysis::query;
use strata::app::analysis::Tab;
use strata::app::i18n::{Noun, an_query};
use strata::app::{Lang, Workbench, bidi};

const A: &str = "تطمیع و تهدید خبرنگاران و فعالان شهری";
const B: &str = "محروم کردن رسانه‌ها و سازمان‌های مردم‌نهاد منتقد";

fn open(lang: Lang) -> Harness<'static, Workbench> {
    let mut h = demo(lang);
    h.state_mut().state.analysis.open_on(Tab::Query);
    h.run();
    h
}

fn type_query(h: &mut Harness<'static, Workbench>, lang: Lang, q: &str) {
    let field = an_query::strings(lang).field;
    h.get_by_label(field).click();
    h.run();
    h.get_by_label(field).type_text(q);
    h.run();
}

#[test]
fn a_query_runs_and_lists_its_hits_in_both_languages() {
    for lang in [Lang::En, Lang::Fa] {
        let s = an_query::strings(lang);
        let mut h = open(lang);
        let q = match lang {
            Lang::En => format!("\"{A}\" overlaps \"{B}\""),
            Lang::Fa => format!("«{A}» هم‌پوشانی «{B}»"),
        };
        type_query(&mut h, lang, &q);
        // Nothing runs while typing: no count yet, built as the app builds
        // it («۲ مورد» in Persian).
        let loc = h.state().state.locale();
        let count = bidi(&loc.count(2, Noun::Match));
        assert!(h.query_by_label(&count).is_none(), "{lang:?}");
        if lang == Lang::Fa {
            h.key_press(Key::Enter);
        } else {
            h.get_by_label(&bidi(s.run)).click();
        }
        h.run();
        let hits = query::run(&h.state().project, &q).expect("the demo has both codes");
        assert_eq!(hits.len(), 2, "{lang:?}");
        assert_eq!(
            count,
            bidi(match lang {
                Lang::En => "2 matches",
                Lang::Fa => "۲ مورد",
            })
        );
        h.get_by_label(&count);
        // Each hit: its citation, and its text as the list shows it.
        let p = &h.state().project;
        let last = &hits[1];
        let doc = p.document(last.document).expect("hit's document");
        let text: String = doc.slice(last.range).chars().take(200).collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let (a, b) = doc.lines_of(last.range);
        let (doc_id, range, name) = (doc.id, last.range, doc.name.clone());
        h.get_by_label(&text);
        // Screen readers hear the hit in the interface's language and
        // digits.
        let label = an_query::hit_label(loc, &name, a, b);
        let lines = match lang {
            Lang::En if a == b => format!("line {a}"),
            Lang::En => format!("lines {a}–{b}"),
            Lang::Fa if a == b => format!("سطر {}", loc.num(a)),
            Lang::Fa => format!("سطرهای {}–{}", loc.num(a), loc.num(b)),
        };
        let want = match lang {
            Lang::En => format!("Hit {name}, {lines}"),
            Lang::Fa => format!("یافته {name}، {lines}"),
        };
        assert_eq!(label, want);
        if lang == Lang::Fa {
            let rest = label.replace(&name, "");
            assert!(!rest.chars().any(|c| c.is_ascii_digit()), "{label}");
        }
        h.get_by_label(&label).click();
        h.run();
        let wb = h.state();
        assert_eq!(wb.state.selected_doc, Some(doc_id), "{lang:?}");
        assert_eq!(wb.state.selection, Some(range), "{lang:?}");

        // In the retrieved-segments pane, then back to the activated codes.
        h.get_by_label(&bidi(s.show_in_pane)).click();
        h.run();
        let pane = format!("{} {q}", s.pane_query);
        h.get_by_label(&pane);
        assert!(h.get_all_by_label(&label).count() >= 2);
        // The window is over the pane in the mirrored layout: closed first,
        // as a user would move it.
        h.state_mut().state.analysis.open = false;
        h.run();
        h.get_by_label(&bidi(s.back)).click();
        h.run();
        assert!(h.query_by_label(&pane).is_none(), "{lang:?}");
    }
}

#[test]
fn a_bad_query_says_where_and_why_in_the_interface_language() {
    for (lang, want) in [
        (
            Lang::En,
            "At column 5: expected overlaps, within, not, followed by, where or the end, found 'sideways'",
        ),
        (
            Lang::Fa,
            "در ستون ۵: اینجا هم‌پوشانی، درون، بدون، سپس، فقط یا پایان پرسش لازم است، ولی «sideways» آمده است",
        ),
    ] {
        let mut h = open(lang);
        type_query(&mut h, lang, "\"A\" sideways \"B\"");
        h.key_press(Key::Enter);
        h.run();
        h.get_by_label(want);
        // A code the project lacks, at its name.
        let mut h = open(lang);
        type_query(&mut h, lang, &format!("«{A}» not «نیست»"));
        h.key_press(Key::Enter);
        h.run();
        let col = A.chars().count() + 8;
        let want = match lang {
            Lang::En => format!("At column {col}: no code named 'نیست'"),
            Lang::Fa => format!(
                "در ستون {}: کدی با نام «نیست» نیست",
                h.state().state.locale().num(col)
            ),
        };
        h.get_by_label(&want);
    }
}

/// The table the export buttons keep (before the file is asked for).
fn kept(h: &Harness<'static, Workbench>) -> strata::export::Grid {
    match &h.state().state.analysis.out {
        Some(strata::app::analysis::Out::Table(g)) => g.clone(),
        _ => panic!("no table kept"),
    }
}

#[test]
fn hits_and_retrieved_segments_export_as_one_table() {
    use strata::export::Cell;
    for lang in [Lang::En, Lang::Fa] {
        let s = an_query::strings(lang);
        let export = bidi(strata::app::i18n::analysis::strings(lang).export_table);
        let mut h = open(lang);
        let q = format!("\"{A}\" overlaps \"{B}\"");
        type_query(&mut h, lang, &q);
        h.key_press(Key::Enter);
        h.run();
        h.get_by_label(&export).click();
        h.run();
        let g = kept(&h);
        let cols = [
            s.col_document,
            s.col_from,
            s.col_to,
            s.col_codes,
            s.col_coders,
            s.col_text,
        ];
        assert_eq!(g.columns, cols.map(String::from).to_vec());
        assert_eq!(g.rtl, lang.rtl());
        let p = &h.state().project;
        let hits = query::run(p, &q).expect("query");
        assert_eq!(g.rows.len(), hits.len());
        let doc = p.document(hits[0].document).expect("document");
        let (a, b) = doc.lines_of(hits[0].range);
        assert_eq!(g.rows[0][0], Cell::Text(doc.name.clone()));
        assert_eq!(
            (g.rows[0][1].clone(), g.rows[0][2].clone()),
            (Cell::Count(a), Cell::Count(b))
        );
        assert_eq!(
            g.rows[0][5],
            Cell::Text(doc.slice(hits[0].range).to_string())
        );
        let Cell::Text(codes) = &g.rows[0][3] else {
            panic!("codes are text")
        };
        assert!(
            codes.contains(A) && codes.contains(B) && codes.contains(s.list_sep),
            "{codes}"
        );

        // The usual retrieval of an activated code, from the pane.
        let mut h = demo(lang);
        let code = h.state().project.resolve_path(A).expect("code");
        h.state_mut().state.active_codes.insert(code);
        h.state_mut().state.retrieve_all_docs = true;
        h.run();
        h.get_by_label(&export).click();
        h.run();
        let g = kept(&h);
        assert_eq!(g.columns, cols.map(String::from).to_vec());
        assert_eq!(g.rows.len(), h.state().project.index().own_count(code));
        assert!(matches!(&g.rows[0][3], Cell::Text(t) if t.ends_with(A)));
    }
}
