//! Code frequencies: for each node of the code tree, in tree order, its
//! codings, the documents and coders they come from, and the words they
//! cover. A category's or subcategory's row counts its whole subtree, its
//! own codings included, as the code matrix does.
//!
//! Words are UAX #29 word segments with at least one letter or digit
//! (`unicode-segmentation`), speaker labels (`P1:`) left out: a Persian
//! word with a ZWNJ («می‌شود») is one word, as a reader counts it. A word
//! is coded when any of its chars is inside a coding. "Words coded" counts
//! the union of a row's coded text per document: two overlapping codings
//! (two coders on one passage, or a code and its sibling) do not count the
//! same words twice, so a category's words coded can be less than the sum
//! of its children's.
//!
//! Word frequencies (over all documents, a group, or one code's coded
//! text) are in `words`, the stop-word lists in `stop`.

pub mod stop;
pub mod words;

pub use stop::StopWords;
pub use words::{Scope, WordFreq, WordOptions, WordRow, word_frequencies};

use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use unicode_segmentation::UnicodeSegmentation;

/// One row of the code frequencies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeFreq {
    /// The code (not in the JSON: IDs mean nothing outside the project).
    #[serde(skip)]
    pub id: CodeId,
    /// Code names from the root down to this code.
    pub path: Vec<String>,
    /// 1 for a code, 2 for a subcategory, 3 for a category.
    pub level: usize,
    /// Codings of the code and of its subtree.
    pub codings: usize,
    /// Distinct documents with at least one of those codings.
    pub documents: usize,
    /// Distinct coders of those codings.
    pub coders: usize,
    /// Words in the union of those codings' text, per document.
    pub words: usize,
}

/// A word of a document: its chars and bytes in the document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub byte_start: u32,
    pub byte_end: u32,
}

impl Token {
    /// The word's text in `text` (the document's, which it came from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.byte_start as usize..self.byte_end as usize)
            .unwrap_or("")
    }
}

/// Whether a word-bound segment is a word: a letter or a digit in it
/// (not spaces, punctuation, or a lone mark).
pub fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Words of a text as UAX #29 counts them (`is_word` segments).
pub fn count_words(text: &str) -> usize {
    text.split_word_bounds().filter(|s| is_word(s)).count()
}

/// A document's words in order, its speaker labels left out. Positions
/// are u32: documents are read at most 64 MiB (`import`).
pub fn document_tokens(d: &Document) -> Vec<Token> {
    let text = d.text();
    let labels: Vec<std::ops::Range<usize>> = d.label_spans().collect();
    let mut label = labels.iter().peekable();
    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut chars = 0usize;
    for (b, seg) in text.split_word_bound_indices() {
        let n = seg.chars().count();
        while label.peek().is_some_and(|l| l.end <= b) {
            label.next();
        }
        let in_label = label.peek().is_some_and(|l| l.start <= b);
        if !in_label && is_word(seg) {
            out.push(Token {
                start: narrow(chars),
                end: narrow(chars + n),
                byte_start: narrow(b),
                byte_end: narrow(b + seg.len()),
            });
        }
        chars += n;
    }
    out
}

/// Sorted, non-overlapping char ranges: overlapping and touching ranges
/// joined.
pub fn union(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// For each range, the tokens with a char inside it that an earlier range
/// did not take: runs of indexes into `tokens`, in order, not overlapping.
pub fn token_runs(tokens: &[Token], ranges: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut next = 0;
    for &(a, b) in ranges {
        if a >= b {
            continue;
        }
        // Tokens are disjoint and in order, so both ends are sorted.
        let first = tokens.partition_point(|t| (t.end as usize) <= a).max(next);
        let last = tokens.partition_point(|t| (t.start as usize) < b);
        if last > first {
            out.push(first..last);
            next = last;
        }
    }
    out
}

/// The tokens of every document, in project order, counted on all cores.
pub fn all_tokens(p: &Project) -> Vec<Vec<Token>> {
    let mut all: Vec<(&Document, Vec<Token>)> =
        p.documents.iter().map(|d| (d, Vec::new())).collect();
    crate::base::par_each(&mut all, |(d, t)| *t = document_tokens(d));
    all.into_iter().map(|(_, t)| t).collect()
}

/// What a document's tokens depend on: its text (a document's text never
/// changes for its id once loaded, and a document inserted again, by undo
/// or import, gets a new allocation) and its speaker pattern, which can
/// change. Not the project's generation: coding does not change the words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextKey {
    pub document: DocId,
    /// The text's address and length.
    pub text: (usize, usize),
    pub speaker_pattern: String,
}

impl TextKey {
    pub fn of(d: &Document) -> TextKey {
        TextKey {
            document: d.id,
            text: (d.text().as_ptr() as usize, d.text().len()),
            speaker_pattern: d.speaker_pattern().to_string(),
        }
    }
}

/// Every document's tokens, in project order, kept across edits: only a
/// document whose text is new is tokenised again (a window keeps one and
/// calls `update` once per generation).
#[derive(Clone, Debug, Default)]
pub struct TokenCache {
    keys: Vec<TextKey>,
    tokens: Vec<Vec<Token>>,
}

impl TokenCache {
    /// Bring the cache up to `p`'s documents. True when any document was
    /// tokenised again, added, removed or moved.
    pub fn update(&mut self, p: &Project) -> bool {
        let keys: Vec<TextKey> = p.documents.iter().map(TextKey::of).collect();
        if keys == self.keys {
            return false;
        }
        let mut old: std::collections::HashMap<TextKey, Vec<Token>> =
            std::mem::take(&mut self.keys)
                .into_iter()
                .zip(std::mem::take(&mut self.tokens))
                .collect();
        let mut all: Vec<(&Document, Option<Vec<Token>>)> = p
            .documents
            .iter()
            .zip(&keys)
            .map(|(d, k)| (d, old.remove(k)))
            .collect();
        crate::base::par_each(&mut all, |(d, t)| {
            if t.is_none() {
                *t = Some(document_tokens(d));
            }
        });
        self.tokens = all
            .into_iter()
            .map(|(_, t)| t.unwrap_or_default())
            .collect();
        self.keys = keys;
        true
    }

    /// What the tokens were made from, one key per document in project order.
    pub fn keys(&self) -> &[TextKey] {
        &self.keys
    }

    /// Each document's tokens, in project order (as `all_tokens`).
    pub fn tokens(&self) -> &[Vec<Token>] {
        &self.tokens
    }
}

/// Each document's (by position) coded char ranges of `code`'s subtree,
/// as a union.
pub fn subtree_ranges(p: &Project, code: CodeId) -> BTreeMap<usize, Vec<(usize, usize)>> {
    let ix = p.index();
    let mut raw: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    let mut stack = vec![code];
    let mut seen = BTreeSet::new();
    while let Some(c) = stack.pop() {
        if !seen.insert(c) {
            continue;
        }
        for coding in ix
            .codings_of_code(c)
            .iter()
            .filter_map(|i| p.codings.get(i))
        {
            if let Some(pos) = ix.document_position(coding.document) {
                raw.entry(pos)
                    .or_default()
                    .push((coding.range.start.0, coding.range.end.0));
            }
        }
        if let Some(node) = p.codes.get(&c) {
            stack.extend(node.children.iter().copied());
        }
    }
    raw.into_iter().map(|(d, r)| (d, union(r))).collect()
}

/// What a row gathers from its subtree while the tree is added up.
#[derive(Default)]
struct Acc {
    codings: usize,
    coders: BTreeSet<CoderId>,
    /// Coded char ranges per document position (a union once the row is done).
    ranges: BTreeMap<usize, Vec<(usize, usize)>>,
}

/// The code frequencies of the whole project (all coders), in tree order.
pub fn code_frequencies(p: &Project) -> Vec<CodeFreq> {
    let tokens = all_tokens(p);
    code_frequencies_with(p, &tokens)
}

/// `code_frequencies` with the documents' tokens already made (`all_tokens`).
pub fn code_frequencies_with(p: &Project, tokens: &[Vec<Token>]) -> Vec<CodeFreq> {
    let ix = p.index();
    let walk = p.walk();
    let mut acc: Vec<Acc> = walk.iter().map(|_| Acc::default()).collect();
    for (row, (id, _)) in walk.iter().enumerate() {
        for c in ix
            .codings_of_code(*id)
            .iter()
            .filter_map(|c| p.codings.get(c))
        {
            let Some(pos) = ix.document_position(c.document) else {
                continue;
            };
            let a = &mut acc[row];
            a.codings += 1;
            a.coders.insert(c.coder);
            a.ranges
                .entry(pos)
                .or_default()
                .push((c.range.start.0, c.range.end.0));
        }
    }
    // Going backwards, every child comes before its parent.
    let parent = super::walk_parents(&walk);
    let mut words = vec![0usize; walk.len()];
    for row in (0..walk.len()).rev() {
        let ranges = std::mem::take(&mut acc[row].ranges);
        let ranges: BTreeMap<usize, Vec<(usize, usize)>> =
            ranges.into_iter().map(|(d, r)| (d, union(r))).collect();
        words[row] = ranges
            .iter()
            .map(|(d, r)| {
                let t = tokens.get(*d).map_or(&[][..], Vec::as_slice);
                token_runs(t, r).iter().map(|run| run.len()).sum::<usize>()
            })
            .sum();
        if let Some(up) = parent[row] {
            let (codings, coders) = (acc[row].codings, acc[row].coders.clone());
            let u = &mut acc[up];
            u.codings += codings;
            u.coders.extend(coders);
            for (d, r) in &ranges {
                u.ranges.entry(*d).or_default().extend_from_slice(r);
            }
        }
        acc[row].ranges = ranges;
    }
    let mut path: Vec<String> = Vec::new();
    walk.iter()
        .zip(acc)
        .zip(words)
        .map(|(((id, depth), a), words)| {
            path.truncate(*depth);
            path.push(p.codes.get(id).map(|c| c.name.clone()).unwrap_or_default());
            CodeFreq {
                id: *id,
                path: path.clone(),
                level: p.level_of(*id),
                codings: a.codings,
                documents: a.ranges.len(),
                coders: a.coders.len(),
                words,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persian_word_with_a_zwnj_is_one_word() {
        assert_eq!(count_words("می‌شود"), 1);
        assert_eq!(count_words("می شود"), 2);
        assert_eq!(count_words("کتاب‌های خوبی، خواندم."), 3);
        assert_eq!(count_words("I don't know, ۱۴۰۲ - 12:30"), 6);
        assert_eq!(count_words(" ، . - "), 0);
    }

    #[test]
    fn tokens_leave_speaker_labels_out() {
        let d = Document::new("d", "P1: سلام دنیا\nhello");
        let t = document_tokens(&d);
        let words: Vec<&str> = t.iter().map(|t| t.text(d.text())).collect();
        assert_eq!(words, ["سلام", "دنیا", "hello"]);
    }

    #[test]
    fn a_word_in_two_ranges_is_taken_once() {
        let d = Document::new("d", "abcdef ghi jkl");
        let t = document_tokens(&d);
        // Both ranges touch "abcdef"; the second also "ghi".
        let runs = token_runs(&t, &[(0, 2), (4, 8)]);
        assert_eq!(runs.iter().map(|r| r.len()).sum::<usize>(), 2);
        assert_eq!(
            union(vec![(4, 8), (0, 2), (2, 3), (9, 9)]),
            [(0, 3), (4, 8), (9, 9)]
        );
    }
}
