//! Persian-aware matching keys: Arabic ي/ك fold to Persian ی/ک, ZWNJ and
//! tatweel vanish, diacritics are dropped, and Persian/Arabic-Indic digits
//! become ASCII. Search, the code picker and the tree filter compare folded text.

/// The value of a decimal digit: ASCII, Persian (۰–۹) or Arabic-Indic
/// (٠–٩). Matching, natural sorting and numbering all read digits so.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// Fold one char; None means "ignore it".
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{064A}' | '\u{0649}' => Some('\u{06CC}'),  // ي ى -> ی
        '\u{0643}' => Some('\u{06A9}'),               // ك -> ک
        '\u{0629}' => Some('\u{0647}'),               // ة -> ه
        '\u{200C}' | '\u{200D}' | '\u{0640}' => None, // ZWNJ, ZWJ, tatweel
        // Bidi marks, embeddings and isolates: invisible, and pasted text
        // from other tools is full of them.
        '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => None,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => None, // harakat, hamza above
        '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{0669}' => {
            digit_value(c).and_then(|d| char::from_digit(d, 10))
        }
        '\u{0623}' | '\u{0625}' | '\u{0622}' => Some('\u{0627}'), // أ إ آ -> ا
        _ => Some(c),
    }
}

/// The one folding loop: each folded char, lower-cased, with the char
/// index and byte offset of the original char it came from. A run of
/// whitespace becomes one space (from its first char), and none is given
/// at the start or the end.
#[inline]
pub(crate) fn fold_each(text: &str, mut push: impl FnMut(char, usize, usize)) {
    let mut space: Option<(usize, usize)> = None;
    let mut any = false;
    for (i, (b, c)) in text.char_indices().enumerate() {
        let Some(f) = fold_char(c) else { continue };
        if f.is_whitespace() {
            if any && space.is_none() {
                space = Some((i, b));
            }
            continue;
        }
        if let Some((si, sb)) = space.take() {
            push(' ', si, sb);
        }
        any = true;
        if f.is_ascii() {
            push(f.to_ascii_lowercase(), i, b);
        } else if ('\u{0600}'..='\u{06FF}').contains(&f) {
            // Arabic script has no case: skip the case tables (most of a
            // Persian transcript).
            push(f, i, b);
        } else {
            for l in f.to_lowercase() {
                push(l, i, b);
            }
        }
    }
}

/// The matching key of a text: folded, lower-cased, spaces collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_each(text, |c, _, _| out.push(c));
    out
}

/// `fold(text)` with, for each of its chars, the index of the char of
/// `text` it came from (ascending; a char that folds to several, as «İ»
/// does, gives each the same index). Ignored chars give none.
pub fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    fold_each(text, |c, i, _| {
        out.push(c);
        map.push(i);
    });
    (out, map)
}

/// Every occurrence of `query` in `text`, compared by their folded forms
/// (so «شبکه‌ها» finds «شبكهها» and «1402» finds «۱۴۰۲»). Ranges are char
/// ranges into `text`, half-open, not overlapping.
pub fn find_folded(text: &str, query: &str) -> Vec<crate::base::CharRange> {
    let q = fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let (folded, map) = fold_with_map(text);
    let q_chars = q.chars().count();
    let mut out = Vec::new();
    // Byte offsets of matches to folded char indices, walking forward once.
    let (mut at_byte, mut at_char) = (0, 0);
    for (b, _) in folded.match_indices(q.as_str()) {
        at_char += folded[at_byte..b].chars().count();
        at_byte = b;
        let start = map[at_char];
        let end = map[at_char + q_chars - 1] + 1;
        out.push(crate::base::CharRange::new(start, end));
    }
    out
}

/// Key for fuzzy matching (same as `fold`; kept apart so the two can differ).
pub fn fuzzy_key(text: &str) -> String {
    fold(text)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn arabic_and_persian_letters_match() {
        assert_eq!(fold("كتاب علي"), fold("کتاب علی"));
    }

    #[test]
    fn zwnj_tatweel_and_diacritics_are_ignored() {
        assert_eq!(fold("شبکه‌های"), fold("شبکههای"));
        assert_eq!(fold("شبـــکه"), fold("شبکه"));
        assert_eq!(fold("مُدیریَّت"), fold("مدیریت"));
        assert_eq!(fold("خودخواستهٔ"), fold("خودخواسته"));
    }

    #[test]
    fn digits_are_ascii() {
        assert_eq!(fold("۱۴۰۲ و ١٤٠٢"), "1402 و 1402");
    }

    #[test]
    fn search_maps_back_to_original_chars() {
        let text = "ما در شبکه‌های اجتماعی و شبكهها؛ سال ۱۴۰۲";
        let hits = super::find_folded(text, "شبکه‌ها");
        assert_eq!(hits.len(), 2);
        let chars: Vec<char> = text.chars().collect();
        let s = |r: crate::base::CharRange| chars[r.start.0..r.end.0].iter().collect::<String>();
        assert_eq!(s(hits[0]), "شبکه‌ها");
        assert_eq!(s(hits[1]), "شبكهها");
        let years = super::find_folded(text, "1402");
        assert_eq!(years.len(), 1);
        assert_eq!(s(years[0]), "۱۴۰۲");
    }

    #[test]
    fn the_map_points_at_the_chars_folded() {
        use super::fold_with_map;
        // ك folds, ZWNJ and a haraka vanish, the spaces collapse.
        let (f, map) = fold_with_map("  كتابِ‌ها   ۱۲ ");
        assert_eq!(f, "کتابها 12");
        assert_eq!(map, vec![2, 3, 4, 5, 8, 9, 10, 13, 14]);
        let (f, map) = fold_with_map("İA");
        assert_eq!(f, "i\u{307}a");
        assert_eq!(map, vec![0, 0, 1]);
        assert_eq!(fold_with_map("\u{200C}\u{0640}"), (String::new(), vec![]));
    }

    #[test]
    fn bidi_marks_are_ignored() {
        assert_eq!(fold("\u{2067}سلام\u{2069}\u{200F}"), fold("سلام"));
        assert_eq!(fold("a\u{202B}b\u{202C}\u{061C}"), "ab");
    }

    proptest::proptest! {
        #[test]
        fn fold_is_the_map_text(s in "[ a-zA-Zİكيىکیشبهـ\u{200C}\u{200F}\u{064E}۱٢3\n\t]{0,40}") {
            let (f, map) = super::fold_with_map(&s);
            proptest::prop_assert_eq!(&f, &fold(&s));
            proptest::prop_assert_eq!(f.chars().count(), map.len());
            let n = s.chars().count();
            proptest::prop_assert!(map.windows(2).all(|w| w[0] <= w[1]));
            proptest::prop_assert!(map.iter().all(|&i| i < n));
            // Each folded char is the fold of the char it points at (or a space for a space).
            let chars: Vec<char> = s.chars().collect();
            for (c, &i) in f.chars().zip(&map) {
                if c == ' ' {
                    proptest::prop_assert!(chars[i].is_whitespace());
                } else {
                    proptest::prop_assert!(fold(&chars[i].to_string()).contains(c));
                }
            }
        }

        #[test]
        fn find_folded_gives_slices_that_fold_to_the_query(
            s in "[ کیكيشبهـ\u{200C}\u{064E}۱1]{0,30}",
            q in "[کیكيشبه1۱]{1,3}",
        ) {
            let chars: Vec<char> = s.chars().collect();
            for r in super::find_folded(&s, &q) {
                let hit: String = chars[r.start.0..r.end.0].iter().collect();
                proptest::prop_assert_eq!(fold(&hit), fold(&q));
            }
        }
    }

    #[test]
    fn different_words_stay_different() {
        assert_ne!(fold("مدیر"), fold("مدیریت"));
    }
}
