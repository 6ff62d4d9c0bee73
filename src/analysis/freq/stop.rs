//! Stop words: the words a word-frequency list leaves out. Built-in lists
//! for Persian and English (`src/analysis/stopwords/*.txt`), or a list the
//! user edits (kept in the app's settings; `--stop-words FILE` on the
//! command line). Every entry is folded as search folds (`text::fold`), so
//! one spelling of a word also drops its others (ي/ی, ك/ک, with or
//! without its ZWNJ, any case).

use std::collections::HashSet;

/// The built-in Persian list, one word a line.
pub const BUILTIN_FA: &str = include_str!("../stopwords/fa.txt");
/// The built-in English list, one word a line.
pub const BUILTIN_EN: &str = include_str!("../stopwords/en.txt");

/// The built-in lists as one text, as an editor shows it (Persian first).
pub fn builtin_text() -> String {
    format!("{}\n{}", BUILTIN_FA.trim_end(), BUILTIN_EN.trim_end())
}

/// A set of folded stop words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StopWords {
    words: HashSet<String>,
}

impl StopWords {
    /// A list as text: one word a line; `#` starts a comment; blank lines
    /// are skipped.
    pub fn parse(text: &str) -> Self {
        let words = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or(""))
            .map(crate::text::fold)
            .filter(|w| !w.is_empty())
            .collect();
        Self { words }
    }

    /// The built-in Persian and English lists.
    pub fn builtin() -> Self {
        Self::parse(&builtin_text())
    }

    /// Whether `folded` (a word as `text::fold` gives it) is a stop word.
    pub fn contains(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lists_are_folded_and_large_enough() {
        let s = StopWords::builtin();
        for w in [
            "و", "در", "به", "از", "که", "این", "را", "با", "است", "the", "and",
        ] {
            assert!(s.contains(&crate::text::fold(w)), "{w}");
        }
        // Spellings the lists do not carry are matched through folding.
        for w in ["ميشود", "میشود", "می‌شود", "اين", "The", "AND"] {
            assert!(s.contains(&crate::text::fold(w)), "{w}");
        }
        let count = |t: &str| {
            t.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count()
        };
        assert!(
            (150..=300).contains(&count(BUILTIN_FA)),
            "{}",
            count(BUILTIN_FA)
        );
        assert!(
            (150..=300).contains(&count(BUILTIN_EN)),
            "{}",
            count(BUILTIN_EN)
        );
        assert!(!s.contains("comment"));
    }

    #[test]
    fn a_list_has_comments_and_blank_lines() {
        let s = StopWords::parse("# mine\nfoo  # a comment\n\n  BAR\nكتاب\n");
        assert_eq!(s.len(), 3);
        assert!(s.contains("foo") && s.contains("bar") && s.contains("کتاب"));
    }
}
