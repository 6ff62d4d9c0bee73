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
        '\u{064A}' | '\u{0649}' => Some('\u{06CC}'), // ي ى -> ی
        '\u{0643}' => Some('\u{06A9}'),              // ك -> ک
        '\u{0629}' => Some('\u{0647}'),              // ة -> ه
        '\u{200C}' | '\u{200D}' | '\u{0640}' | '\u{200E}' | '\u{200F}' => None,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => None, // harakat, hamza above
        '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{0669}' => {
            digit_value(c).and_then(|d| char::from_digit(d, 10))
        }
        '\u{0623}' | '\u{0625}' | '\u{0622}' => Some('\u{0627}'), // أ إ آ -> ا
        _ => Some(c),
    }
}

/// The matching key of a text: folded, lower-cased, spaces collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().filter_map(fold_char) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Every occurrence of `query` in `text`, compared by their folded forms
/// (so «شبکه‌ها» finds «شبكهها» and «1402» finds «۱۴۰۲»). Ranges are char
/// ranges into `text`, half-open, not overlapping.
pub fn find_folded(text: &str, query: &str) -> Vec<crate::base::CharRange> {
    let q: Vec<char> = fold(query).chars().collect();
    if q.is_empty() {
        return Vec::new();
    }
    // Folded chars with the original char index each came from.
    let mut folded: Vec<(char, usize)> = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (i, c) in text.chars().enumerate() {
        let Some(f) = fold_char(c) else { continue };
        if f.is_whitespace() {
            if !last_space {
                folded.push((' ', i));
            }
            last_space = true;
            continue;
        }
        last_space = false;
        for l in f.to_lowercase() {
            folded.push((l, i));
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= folded.len() {
        if folded[i..i + q.len()]
            .iter()
            .map(|x| x.0)
            .eq(q.iter().copied())
        {
            let start = folded[i].1;
            let end = folded[i + q.len() - 1].1 + 1;
            out.push(crate::base::CharRange::new(start, end));
            i += q.len();
        } else {
            i += 1;
        }
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
    fn different_words_stay_different() {
        assert_ne!(fold("مدیر"), fold("مدیریت"));
    }
}
