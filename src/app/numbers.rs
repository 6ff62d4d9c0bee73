//! How the interface writes numbers: Persian or Latin digits, and the
//! noun after a count. Every number the window shows goes through
//! `Locale::num` (or `count`, which uses it).

use super::i18n::{Lang, Strings};

/// The digits the Persian interface writes numbers with (a setting, kept
/// between runs). The English interface always writes Latin digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Digits {
    #[default]
    Persian,
    Latin,
}

/// The interface's language with the user's choice of digits: all that a
/// string with a number in it needs. `UiState::locale()` gives the current one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    pub lang: Lang,
    pub digits: Digits,
}

impl super::UiState {
    /// The language and digits strings with numbers are made in.
    pub fn locale(&self) -> Locale {
        Locale::new(self.lang, self.digits)
    }

    /// A number in the interface's digits: `Locale::num`.
    pub fn num(&self, n: impl std::fmt::Display) -> String {
        self.locale().num(n)
    }
}

/// What is counted, for `Locale::count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Noun {
    Document,
    Code,
    Coding,
    Match,
    Character,
}

impl Locale {
    pub const EN: Locale = Locale {
        lang: Lang::En,
        digits: Digits::Latin,
    };

    pub fn new(lang: Lang, digits: Digits) -> Self {
        Locale { lang, digits }
    }

    pub fn strings(self) -> &'static Strings {
        self.lang.strings()
    }

    pub fn rtl(self) -> bool {
        self.lang.rtl()
    }

    /// A number as the interface shows it: every count, line number, size
    /// and date goes through here, and nothing else does (document text,
    /// code names and memos keep the digits they were written with).
    /// Persian digits (and the Persian decimal point) in the Persian
    /// interface unless Latin ones were chosen.
    pub fn num(self, n: impl std::fmt::Display) -> String {
        let latin = n.to_string();
        if self.lang == Lang::En || self.digits == Digits::Latin {
            return latin;
        }
        latin
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap_or(c),
                '.' => '\u{066B}',
                _ => c,
            })
            .collect()
    }

    /// A number with its noun. In Persian the noun after a numeral is
    /// singular («۲۷ کد»); in English it agrees ("1 coding", "2 codings").
    pub fn count(self, n: usize, noun: Noun) -> String {
        let word = match (self.lang, noun, n == 1) {
            (Lang::Fa, Noun::Document, _) => "سند",
            (Lang::Fa, Noun::Code, _) => "کد",
            (Lang::Fa, Noun::Coding, _) => "کدگذاری",
            (Lang::Fa, Noun::Match, _) => "مورد",
            (Lang::Fa, Noun::Character, _) => "نویسه",
            (Lang::En, Noun::Document, true) => "document",
            (Lang::En, Noun::Document, false) => "documents",
            (Lang::En, Noun::Code, true) => "code",
            (Lang::En, Noun::Code, false) => "codes",
            (Lang::En, Noun::Coding, true) => "coding",
            (Lang::En, Noun::Coding, false) => "codings",
            (Lang::En, Noun::Match, true) => "match",
            (Lang::En, Noun::Match, false) => "matches",
            (Lang::En, Noun::Character, true) => "character",
            (Lang::En, Noun::Character, false) => "characters",
        };
        format!("{} {word}", self.num(n))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Digits, Lang, Locale, Noun};

    /// The Persian interface with Persian digits, and with Latin ones (the
    /// other modules' tests use them too).
    pub(crate) const FA: Locale = Locale {
        lang: Lang::Fa,
        digits: Digits::Persian,
    };
    pub(crate) const FA_LATIN: Locale = Locale {
        lang: Lang::Fa,
        digits: Digits::Latin,
    };

    #[test]
    fn numbers_follow_the_language_and_the_digits_setting() {
        assert_eq!(FA.num(1402), "۱۴۰۲");
        assert_eq!(FA.num(0), "۰");
        assert_eq!(FA.num(9), "۹");
        assert_eq!(FA.num(12.5), "۱۲٫۵");
        assert_eq!(FA.num("2026-11-30 10:02"), "۲۰۲۶-۱۱-۳۰ ۱۰:۰۲");
        assert_eq!(FA_LATIN.num(1402), "1402");
        // English is always Latin, whatever was chosen for Persian.
        assert_eq!(Locale::new(Lang::En, Digits::Persian).num(1402), "1402");
        assert_eq!(Locale::EN.num(12.5), "12.5");
    }

    #[test]
    fn a_noun_after_a_numeral_is_singular_in_persian_and_agrees_in_english() {
        assert_eq!(FA.count(1, Noun::Document), "۱ سند");
        assert_eq!(FA.count(27, Noun::Code), "۲۷ کد");
        assert_eq!(FA.count(3, Noun::Coding), "۳ کدگذاری");
        assert_eq!(FA.count(0, Noun::Match), "۰ مورد");
        assert_eq!(FA_LATIN.count(27, Noun::Code), "27 کد");
        let en = Locale::EN;
        assert_eq!(en.count(1, Noun::Coding), "1 coding");
        assert_eq!(en.count(2, Noun::Coding), "2 codings");
        assert_eq!(en.count(0, Noun::Coding), "0 codings");
        assert_eq!(en.count(1, Noun::Document), "1 document");
        assert_eq!(en.count(7, Noun::Document), "7 documents");
        assert_eq!(en.count(1, Noun::Code), "1 code");
        assert_eq!(en.count(1, Noun::Match), "1 match");
        assert_eq!(en.count(3, Noun::Match), "3 matches");
    }
}
