//! The Frequencies and Word frequencies tabs of the analysis window, on
//! the demo project, in both languages: opened from the Analysis menu,
//! a known code's codings and a known word's count in view, and stop
//! words toggled.

use super::gui::demo;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::analysis::freq::{Scope, StopWords, WordOptions, code_frequencies, word_frequencies};
use strata::app::i18n::{Locale, an_freq, analysis};
use strata::app::{Lang, Workbench, bidi};
use strata::edit::Command;
use strata::model::*;
use strata::text::in_vivo_name;

fn open(h: &mut Harness<'static, Workbench>, lang: Lang, words: bool) {
    let a = analysis::strings(lang);
    h.get_by_label(&bidi(a.menu)).click();
    h.run_steps(2);
    let item = if words {
        a.menu_words
    } else {
        a.menu_frequencies
    };
    h.get_by_label(&bidi(item)).click();
    h.run_steps(4);
}

/// Whether a label `value` stands on the same row as the label `name`.
fn on_row_of(h: &Harness<'static, Workbench>, name: &str, value: &str) -> bool {
    let y = h.get_by_label(name).rect().center().y;
    // A figure as drawn: Persian digits in visual order.
    let value = bidi(value);
    h.get_all_by_label(&value)
        .any(|n| (n.rect().center().y - y).abs() < 4.0)
}

#[test]
fn code_frequencies_show_a_known_codes_codings_in_both_languages() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        open(&mut h, lang, false);
        let loc = Locale::new(lang, Default::default());
        let name = "تطمیع و تهدید خبرنگاران و فعالان شهری";
        let rows = code_frequencies(&h.state().project);
        let rows = rows.as_slice();
        let r = rows
            .iter()
            .find(|r| r.path.last().is_some_and(|n| n == name))
            .expect("the demo has this code");
        assert_eq!(r.codings, 4, "counted by hand in the demo");
        assert!(
            on_row_of(&h, &bidi(name), &loc.num(r.words)),
            "{lang:?}: words coded beside the name"
        );
        // The header sorts; the column's name is in the interface's language.
        let s = an_freq::strings(lang);
        h.get_by_label(&bidi(s.codings)).click();
        h.run_steps(3);
        let sorted = format!("{} ⏷", s.codings);
        assert!(
            h.query_by_label(&bidi(&sorted)).is_some(),
            "{lang:?}: sorted"
        );
        // The rows stand most codings first, top to bottom (a row shows
        // its path when sorted).
        let mut want: Vec<_> = rows.iter().enumerate().collect();
        want.sort_by_key(|(i, r)| (std::cmp::Reverse(r.codings), *i));
        let shown: Vec<usize> = h
            .state()
            .state
            .analysis
            .freq
            .shown_codes()
            .iter()
            .map(|r| r.codings)
            .collect();
        let counts: Vec<usize> = want.iter().map(|(_, r)| r.codings).collect();
        assert_eq!(shown, counts, "{lang:?}: the tab's order");
        // Top to bottom, the names under the header are the rows' (long
        // paths are cut, so several rows can read alike).
        let head = h.get_by_label(&bidi(&sorted)).rect();
        let names: Vec<String> = want
            .iter()
            .map(|(_, r)| bidi(&in_vivo_name(&r.path.join(" › "), 48)))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).take(8).collect();
        let mut distinct = names.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let mut seen: Vec<(f32, &str)> = distinct
            .iter()
            .flat_map(|name| {
                h.get_all_by_label(name)
                    .map(|n| (n.rect().center().y, *name))
                    .collect::<Vec<_>>()
            })
            .filter(|(y, _)| *y > head.bottom())
            .collect();
        seen.sort_by(|a, b| a.0.total_cmp(&b.0));
        let seen: Vec<&str> = seen.into_iter().map(|(_, l)| l).take(8).collect();
        assert_eq!(seen, names, "{lang:?}: rows in order of codings");
        // Sorted, a row shows its path; clicking again gives the tree back.
        h.get_by_label(&bidi(&sorted)).click();
        h.run_steps(3);
        assert!(h.query_by_label(&bidi(name)).is_some());
    }
}

#[test]
fn word_frequencies_toggle_stop_words_in_both_languages() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        open(&mut h, lang, true);
        let loc = Locale::new(lang, Default::default());
        let p = &h.state().project;
        let on = word_frequencies(
            p,
            Scope::All,
            &WordOptions::default(),
            Some(&StopWords::builtin()),
        );
        let off = word_frequencies(p, Scope::All, &WordOptions::default(), None);
        let top = &on.words[0];
        assert_eq!(
            (top.word.as_str(), top.count),
            ("مردم", 14),
            "counted in the demo"
        );
        // The posts' comments have more «و» than «را».
        assert_eq!(off.words[0].word, "و");
        assert!(on_row_of(&h, &bidi("مردم"), &loc.num(14)), "{lang:?}");
        // «و» is a stop word: listed only when stop words are kept.
        assert!(h.query_by_label(&bidi("و")).is_none(), "{lang:?}");
        let s = an_freq::strings(lang);
        h.get_by_label(&bidi(s.use_stop)).click();
        h.run_steps(3);
        assert!(
            on_row_of(&h, &bidi("و"), &loc.num(off.words[0].count)),
            "{lang:?}"
        );
        h.get_by_label(&bidi(s.use_stop)).click();
        h.run_steps(3);
        assert!(h.query_by_label(&bidi("و")).is_none(), "{lang:?}");
    }
}

#[test]
fn an_edit_to_codings_recounts_codes_without_tokenising_again() {
    let mut h = demo(Lang::En);
    open(&mut h, Lang::En, false);
    let keys = h.state().state.analysis.freq.token_keys().to_vec();
    assert_eq!(keys.len(), h.state().project.documents.len());
    let (code, doc, coder) = {
        let p = &h.state().project;
        let r = code_frequencies(p)
            .into_iter()
            .find(|r| r.level == 1)
            .expect("a code");
        (r.id, p.documents[0].id, p.coders[0].id)
    };
    let count = |h: &Harness<'static, Workbench>| {
        h.state()
            .state
            .analysis
            .freq
            .shown_codes()
            .iter()
            .find(|r| r.id == code)
            .map(|r| r.codings)
    };
    let before = count(&h).expect("the code's row");
    let coding = Coding {
        id: CodingId::new(),
        document: doc,
        range: CharRange::new(0, 3),
        code,
        coder,
        origin: Origin::Manual,
        stamp: Stamp::now(Some(coder)),
    };
    let cmd = Command::InsertCoding {
        coding,
        memos: vec![],
    };
    assert!(h.state_mut().edit(cmd));
    h.run_steps(2);
    assert_eq!(count(&h), Some(before + 1), "the new coding is counted");
    assert_eq!(
        h.state().state.analysis.freq.token_keys(),
        &keys[..],
        "the texts' tokens are kept"
    );
}

#[test]
fn the_word_scope_chooser_is_mirrored_in_persian() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        open(&mut h, lang, true);
        let s = an_freq::strings(lang);
        let p = &h.state().project;
        let code = p.codes.get(&p.roots[0]).map(|c| c.name.clone());
        let code = code.expect("a root code");
        let all = bidi(s.scope_all);
        let button = h.get_by_label(&all);
        let edge = button.rect();
        button.click();
        h.run_steps(3);
        // The code's row in the list (its name is in the code tree too).
        // The code's row in the list, above or below the chooser (its
        // name may be in the code tree too, farther away).
        let item = h
            .get_all_by_label(&bidi(&code))
            .map(|n| n.rect())
            .min_by(|a, b| {
                let dy = |r: &egui::Rect| (r.center().y - edge.center().y).abs();
                dy(a).total_cmp(&dy(b))
            })
            .expect("the list shows the code");
        // The list opens at the chooser, aligned on the reading side.
        let gap = if lang == Lang::Fa {
            (item.right() - edge.right()).abs()
        } else {
            (item.left() - edge.left()).abs()
        };
        assert!(gap < 12.0, "{lang:?}: {item:?} under {edge:?}");
    }
}
