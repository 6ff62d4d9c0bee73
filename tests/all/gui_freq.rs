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
    h.get_all_by_label(value)
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
            ("مردم", 9),
            "counted in the demo"
        );
        assert_eq!(off.words[0].word, "را");
        assert!(on_row_of(&h, &bidi("مردم"), &loc.num(9)), "{lang:?}");
        // «را» is a stop word: listed only when stop words are kept.
        assert!(h.query_by_label(&bidi("را")).is_none(), "{lang:?}");
        let s = an_freq::strings(lang);
        h.get_by_label(&bidi(s.use_stop)).click();
        h.run_steps(3);
        assert!(
            on_row_of(&h, &bidi("را"), &loc.num(off.words[0].count)),
            "{lang:?}"
        );
        h.get_by_label(&bidi(s.use_stop)).click();
        h.run_steps(3);
        assert!(h.query_by_label(&bidi("را")).is_none(), "{lang:?}");
    }
}
