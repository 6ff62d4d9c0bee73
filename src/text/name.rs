//! Names made from a document's words (an in-vivo code's name).

use unicode_segmentation::UnicodeSegmentation;

/// The longest in-vivo name, in chars, before its "…".
pub const IN_VIVO_LIMIT: usize = 60;

/// A code name from quoted words: whitespace (line ends too) collapsed to
/// single spaces and trimmed; if longer than `limit` chars, cut after the
/// last whole word (UAX #29, so a Persian word joined by ZWNJ stays whole)
/// that fits, without the spaces and punctuation before the cut, and
/// "…" added. Only a first word longer than `limit` on its own is cut
/// inside, at a grapheme boundary: a name has to have some of it.
pub fn in_vivo_name(text: &str, limit: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        return flat;
    }
    let mut end = 0;
    let mut chars = 0;
    for (at, piece) in flat.split_word_bound_indices() {
        chars += piece.chars().count();
        if chars > limit {
            break;
        }
        end = at + piece.len();
    }
    let mut kept = flat[..end].trim_end_matches(trailing).to_string();
    if kept.is_empty() {
        // One word longer than the limit: whole graphemes up to it.
        let mut n = 0;
        for g in flat.graphemes(true) {
            n += g.chars().count();
            if n > limit {
                break;
            }
            kept.push_str(g);
        }
    }
    kept.push('…');
    kept
}

/// Spaces and punctuation that would dangle before a cut's "…".
fn trailing(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii_punctuation() && c != '_')
        || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '–' | '—' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_short_quote_is_kept_whole_and_trimmed() {
        assert_eq!(
            in_vivo_name("  we post \n every day ", 60),
            "we post every day"
        );
    }

    #[test]
    fn a_long_quote_is_cut_after_a_whole_word() {
        let s = "We post every project on Instagram, but the comments are mostly angry";
        let name = in_vivo_name(s, 60);
        assert_eq!(
            name,
            "We post every project on Instagram, but the comments are…"
        );
        assert!(name.chars().count() <= 61);
    }

    #[test]
    fn punctuation_before_the_cut_is_left_out() {
        assert_eq!(in_vivo_name("one two, three", 9), "one two…");
    }

    #[test]
    fn persian_words_joined_by_zwnj_stay_whole() {
        // «شبکه‌های» is one word: cut before it, not at its ZWNJ.
        let s = "ما همه پروژه‌ها را در شبکه‌های اجتماعی می‌گذاریم";
        let name = in_vivo_name(s, 24);
        assert_eq!(name, "ما همه پروژه‌ها را در…");
        let name = in_vivo_name(s, 32);
        assert_eq!(name, "ما همه پروژه‌ها را در شبکه‌های…");
    }

    #[test]
    fn one_overlong_word_is_cut_at_a_grapheme() {
        let name = in_vivo_name("abcdefghij", 4);
        assert_eq!(name, "abcd…");
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z]{1,12}",
            "[\u{0627}-\u{064A}]{1,6}(\u{200C}[\u{0627}-\u{064A}]{1,6})?",
            "[a-z]{1,8}[,.;:!?]",
            "[\u{0627}-\u{064A}]{1,8}[،؛؟]",
        ]
    }

    proptest! {
        #[test]
        fn never_cuts_inside_a_word_nor_goes_over_the_limit(
            words in proptest::collection::vec(word(), 1..30),
            spaces in proptest::collection::vec(prop_oneof![Just(" "), Just("  "), Just("\n"), Just(" \t")], 30),
            limit in 20usize..80,
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(spaces.iter().cycle()) {
                text.push_str(s);
                text.push_str(w);
            }
            let name = in_vivo_name(&text, limit);
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert!(name.chars().count() <= limit + 1);
            match name.strip_suffix('…') {
                None => prop_assert_eq!(&name, &flat),
                Some(body) => {
                    prop_assert!(flat.starts_with(body), "{body:?} not a prefix of {flat:?}");
                    prop_assert!(!body.is_empty());
                    // Cut at a word boundary: what follows does not go on
                    // with the word the name ends in.
                    let rest = &flat[body.len()..];
                    let words: Vec<&str> = flat.split_word_bounds().collect();
                    let mut at = 0;
                    let mut boundary = false;
                    for w in words {
                        if at == body.len() {
                            boundary = true;
                        }
                        at += w.len();
                    }
                    prop_assert!(boundary, "cut inside a word: {body:?} | {rest:?}");
                }
            }
        }
    }
}
