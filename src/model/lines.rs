//! What a document derives from its text and speaker pattern: the line
//! index, the speakers and the direction. Each part is built on first use,
//! once: most commands never look at lines, and a load should not pay for
//! every document's. Built parts are shared by clones (they never change;
//! a changed text or pattern gets a fresh `Derived`).

use std::sync::{Arc, OnceLock};

/// Where each line starts.
#[derive(Debug)]
pub(super) struct LineIndex {
    /// Char offset of each line's start.
    pub starts: Vec<usize>,
    /// Byte offset of each line's start (for fast slicing).
    pub byte_starts: Vec<usize>,
}

/// Each line's speaker label, and where it ends (bytes, after its colon;
/// 0 without one), so a line's direction can be read after it.
#[derive(Debug)]
pub(super) struct Speakers {
    pub labels: Vec<Option<String>>,
    pub label_ends: Vec<usize>,
}

#[derive(Default)]
pub(super) struct Derived {
    index: OnceLock<Arc<LineIndex>>,
    speakers: OnceLock<Arc<Speakers>>,
    mostly_rtl: OnceLock<bool>,
}

impl Derived {
    pub fn index(&self, text: &str) -> &LineIndex {
        self.index.get_or_init(|| Arc::new(LineIndex::build(text)))
    }

    pub fn speakers(&self, text: &str, pattern: &str) -> &Speakers {
        self.speakers
            .get_or_init(|| Arc::new(Speakers::build(text, pattern)))
    }

    /// Are most of the text's strong chars right-to-left?
    pub fn mostly_rtl(&self, text: &str) -> bool {
        *self
            .mostly_rtl
            .get_or_init(|| crate::text::mostly_rtl(text))
    }
}

impl LineIndex {
    fn build(text: &str) -> Self {
        let mut starts = vec![0];
        let mut byte_starts = vec![0];
        // Newlines found by the standard library's fast search, and the
        // chars between them counted in bulk.
        let (mut chars, mut from) = (0, 0);
        for (b, _) in text.match_indices('\n') {
            chars += text[from..=b].chars().count();
            from = b + 1;
            starts.push(chars);
            byte_starts.push(from);
        }
        LineIndex {
            starts,
            byte_starts,
        }
    }
}

impl Speakers {
    /// Labels are learned per document: what the pattern finds counts as a
    /// speaker only if it starts at least two lines, or is a known
    /// interviewer label, or looks like a participant ID (`P12`, `R3`,
    /// «شرکت‌کننده ۳»). A time is never a label: `ساعت 12:30 جلسه …` has
    /// digits on both sides of its colon. A pattern naming its label group
    /// `author` lists exact speakers, each kept. An invalid pattern falls
    /// back to the default one (validation reports it).
    fn build(text: &str, pattern: &str) -> Self {
        use super::document::{DEFAULT_SPEAKER_PATTERN, speaker_regex};
        // A post's own list of authors is compiled here, once per document:
        // the shared cache is for the few patterns a project reuses.
        let re = if pattern.contains("(?P<author>") {
            regex::Regex::new(pattern).ok()
        } else {
            speaker_regex(pattern)
        }
        .or_else(|| speaker_regex(DEFAULT_SPEAKER_PATTERN));
        // Candidates: (label, end of the match) per line.
        let mut found: Vec<Option<(&str, usize)>> = Vec::new();
        let mut starts: std::collections::HashMap<&str, usize> = Default::default();
        for line in text.split('\n') {
            // The fast matcher first: most lines of a long paragraph are
            // not worth the slower search for the label's group.
            let caps = re
                .as_ref()
                .filter(|re| re.is_match(line))
                .and_then(|re| re.captures(line));
            let candidate = caps.and_then(|c| {
                let whole = c.get(0)?;
                let label = c.get(1).unwrap_or(whole).as_str().trim();
                let is_time = label.chars().last().is_some_and(|ch| ch.is_numeric())
                    && line[whole.end()..]
                        .chars()
                        .next()
                        .is_some_and(|ch| ch.is_numeric());
                (!label.is_empty() && !is_time).then_some((label, whole.end()))
            });
            if let Some((label, _)) = candidate {
                *starts.entry(label).or_default() += 1;
            }
            found.push(candidate);
        }
        let mut s = Speakers {
            labels: Vec::with_capacity(found.len()),
            label_ends: Vec::with_capacity(found.len()),
        };
        // A pattern whose label group is named `author` lists its speakers
        // exactly (an import of posts names each post's commenters): what
        // it finds is a speaker even if they speak once.
        let chosen = re
            .as_ref()
            .is_some_and(|r| r.as_str() == pattern && names_authors(r));
        for candidate in found {
            let kept = candidate.filter(|(label, _)| {
                chosen
                    || starts.get(label).is_some_and(|n| *n >= 2)
                    || super::DEFAULT_INTERVIEWER_LABELS.contains(label)
                    || is_participant_id(label)
            });
            s.labels.push(kept.map(|(l, _)| l.to_string()));
            s.label_ends.push(kept.map_or(0, |(_, end)| end));
        }
        s
    }
}

/// Does this speaker pattern name its speakers exactly (`(?P<author>…)`)?
pub fn names_authors(re: &regex::Regex) -> bool {
    re.capture_names().flatten().any(|n| n == "author")
}

/// `P12`, `R3`, `ID07`, `P-4`, «شرکت‌کننده ۳», «مصاحبه‌شونده ۱۲»: a few
/// Latin letters or a word for participant, then a number.
fn is_participant_id(label: &str) -> bool {
    let digits = label.chars().rev().take_while(|c| c.is_numeric()).count();
    let n = label.chars().count();
    if digits == 0 || digits > 4 {
        return false;
    }
    let head: String = label.chars().take(n - digits).collect();
    // `P12`, `ID-7`: capitals joined to the number (`at 12` is no ID).
    let latin = {
        let letters = head.trim_end_matches(['-', '_']);
        (1..=3).contains(&letters.chars().count())
            && letters.chars().all(|c| c.is_ascii_uppercase())
    };
    let head = head.trim_end_matches([' ', '-', '_', '.']);
    let words = [
        "participant",
        "respondent",
        "interviewee",
        "شرکت‌کننده",
        "مصاحبه‌شونده",
        "پاسخگو",
        "پاسخ‌دهنده",
    ];
    latin || words.iter().any(|w| head.eq_ignore_ascii_case(w))
}

impl Clone for Derived {
    fn clone(&self) -> Self {
        fn share<T: Clone>(cell: &OnceLock<T>) -> OnceLock<T> {
            match cell.get() {
                Some(v) => OnceLock::from(v.clone()),
                None => OnceLock::new(),
            }
        }
        Derived {
            index: share(&self.index),
            speakers: share(&self.speakers),
            mostly_rtl: share(&self.mostly_rtl),
        }
    }
}

/// Equal for equal documents whether built yet or not: it is derived from
/// fields that are compared themselves.
impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Derived")
            .field("index", &self.index.get().is_some())
            .field("speakers", &self.speakers.get().is_some())
            .field("mostly_rtl", &self.mostly_rtl.get())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn line_starts_match_a_char_by_char_count() {
        for text in [
            "",
            "\n",
            "one",
            "a\nb",
            "سلام\n\nP1: می‌خواهم 😀\nend\n",
            "\n\nx",
        ] {
            let (mut starts, mut bytes, mut n) = (vec![0], vec![0], 0);
            for (b, c) in text.char_indices() {
                n += 1;
                if c == '\n' {
                    starts.push(n);
                    bytes.push(b + 1);
                }
            }
            let ix = LineIndex::build(text);
            assert_eq!((ix.starts, ix.byte_starts), (starts, bytes), "{text:?}");
        }
    }
}
