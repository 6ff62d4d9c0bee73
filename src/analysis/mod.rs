//! Counts and summaries of a project, and intercoder agreement.

pub mod agreement;
pub mod autocode;
pub mod cells;
pub mod charts;
pub mod cooccur;
pub mod freq;
pub mod matrix;
pub mod query;
pub mod search;

use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub documents: usize,
    pub codes: usize,
    /// Number of codes at each abstraction level, keyed by level (1 = code).
    pub codes_per_level: BTreeMap<usize, usize>,
    pub codings: usize,
    pub coders: usize,
    pub codings_per_coder: BTreeMap<String, usize>,
    pub memos: usize,
    pub words: usize,
    pub set_aside: usize,
}

/// Codings per code of some codings only (one coder's, say): each code's
/// own, and with its subtree's, as the index counts all of them.
pub fn code_counts<'a>(
    p: &Project,
    codings: impl IntoIterator<Item = &'a Coding>,
) -> (BTreeMap<CodeId, usize>, BTreeMap<CodeId, usize>) {
    let ix = p.index();
    let mut own = BTreeMap::new();
    for c in codings {
        *own.entry(c.code).or_insert(0) += 1;
    }
    let mut total = BTreeMap::new();
    for (&code, &n) in &own {
        let mut at = Some(code);
        while let Some(c) = at {
            *total.entry(c).or_insert(0) += n;
            at = ix.parent(c);
        }
    }
    (own, total)
}

/// Each row's parent row in `Project::walk`'s order (None for a root).
/// The walk is depth first: a row's parent is the last row before it one
/// level up.
pub fn walk_parents(walk: &[(CodeId, usize)]) -> Vec<Option<usize>> {
    let mut parent = vec![None; walk.len()];
    let mut open: Vec<usize> = Vec::new();
    for (row, (_, depth)) in walk.iter().enumerate() {
        open.truncate(*depth);
        parent[row] = open.last().copied();
        open.push(row);
    }
    parent
}

/// One coder's codings.
pub fn codings_of(p: &Project, coder: CoderId) -> impl Iterator<Item = &Coding> {
    p.index()
        .codings_of_coder(coder)
        .iter()
        .filter_map(|id| p.codings.get(id))
}

pub fn stats(p: &Project) -> Stats {
    let ix = p.index();
    let mut per_level = BTreeMap::new();
    for id in p.codes.keys() {
        *per_level.entry(ix.level(*id)).or_insert(0) += 1;
    }
    let mut per_coder = BTreeMap::new();
    for c in p.codings.values() {
        *per_coder
            .entry(p.coder_name(c.coder).to_string())
            .or_insert(0) += 1;
    }
    Stats {
        documents: p.documents.len(),
        codes: p.codes.len(),
        codes_per_level: per_level,
        codings: p.codings.len(),
        coders: p.coders.len(),
        codings_per_coder: per_coder,
        memos: p.memos.len(),
        words: words(p),
        set_aside: p.set_aside.len(),
    }
}

/// All documents' words, counted on all cores.
fn words(p: &Project) -> usize {
    let mut counts: Vec<(&Document, usize)> = p.documents.iter().map(|d| (d, 0)).collect();
    crate::base::par_each(&mut counts, |(d, n)| *n = document_words(d));
    counts.iter().map(|(_, n)| n).sum()
}

/// A document's words, its speaker labels left out: `P3: …` on every line
/// is not what the participant said, and would add a word per line.
pub fn document_words(d: &Document) -> usize {
    let text = d.text();
    let (mut n, mut from) = (0, 0);
    // A label starts a line, so the text before it ends in a newline, and
    // the text after it starts a word afresh, as after a space.
    for label in d.label_spans() {
        n += word_count(text.get(from..label.start).unwrap_or(""));
        from = label.end;
    }
    n + word_count(text.get(from..).unwrap_or(""))
}

/// Words as `split_whitespace` counts them, byte by byte: a study has
/// millions of words and `stats` is run often. Of the non-ASCII chars only
/// the few Unicode spaces (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000) separate words.
fn word_count(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut n, mut in_space, mut i) = (0, true, 0);
    while i < b.len() {
        let (space, len) = match b[i] {
            0x09..=0x0D | b' ' => (true, 1),
            0x00..=0x7F => (false, 1),
            0xC2 => (matches!(b.get(i + 1), Some(0x85 | 0xA0)), 2),
            0xE1 => (b.get(i + 1..i + 3) == Some(&[0x9A, 0x80]), 3),
            0xE2 => (
                matches!(
                    b.get(i + 1..i + 3),
                    Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F])
                ),
                3,
            ),
            0xE3 => (b.get(i + 1..i + 3) == Some(&[0x80, 0x80]), 3),
            lead => (false, utf8_len(lead)),
        };
        n += usize::from(in_space && !space);
        in_space = space;
        i += len;
    }
    n
}

/// Length of a UTF-8 sequence from its first byte (text is valid UTF-8).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// Where the code tree leaves the project's levels (three by default: code,
/// subcategory, category): codes deeper than that, and codings on codes that
/// have children (a category or subcategory coded directly). Not errors,
/// since other tools' projects have any depth, but a researcher should know.
pub fn level_notes(p: &Project) -> Vec<String> {
    off_level(p)
        .into_iter()
        .flat_map(|o| {
            let path = p.code_path_label(o.id, "/");
            let deep = o.too_deep.then(|| {
                format!(
                    "code '{path}' is at depth {} of a tree meant to have {} levels",
                    o.depth, p.level_count
                )
            });
            let coded = (o.coded_parent > 0).then(|| {
                format!(
                    "code '{path}' has {} coding(s) of its own but also child codes; codings belong on level-1 codes",
                    o.coded_parent
                )
            });
            deep.into_iter().chain(coded)
        })
        .collect()
}

/// Codes that leave the levels, for the tree's marker.
pub fn off_level_codes(p: &Project) -> std::collections::BTreeSet<CodeId> {
    off_level(p).into_iter().map(|o| o.id).collect()
}

/// A code outside the levels, and why.
struct OffLevel {
    id: CodeId,
    /// 1 for a top-level code.
    depth: usize,
    too_deep: bool,
    /// Its own codings, when it also has children (else 0).
    coded_parent: usize,
}

fn off_level(p: &Project) -> Vec<OffLevel> {
    let ix = p.index();
    p.walk()
        .into_iter()
        .filter_map(|(id, depth)| {
            let code = p.codes.get(&id)?;
            let own = ix.own_count(id);
            let o = OffLevel {
                id,
                depth: depth + 1,
                too_deep: depth + 1 > p.level_count,
                coded_parent: if code.children.is_empty() { 0 } else { own },
            };
            (o.too_deep || o.coded_parent > 0).then_some(o)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, Project};

    #[test]
    fn speaker_labels_are_not_counted_as_words() {
        let labelled = Document::new(
            "P1",
            "مصاحبه‌کننده: از روز اول بگویید.\nP1: سلام، روز سختی بود\nمصاحبه‌کننده: بعد؟\nP1:ادامه داد",
        );
        // 4 + 4 + 1 + 2: "P1:ادامه" is the word «ادامه» once its label goes.
        assert_eq!(super::document_words(&labelled), 11);
        // A colon that is no speaker's label is text (a time, a heading
        // seen once), and so are unlabelled lines.
        let plain = Document::new("notes", "Agenda: ساعت 12:30 جلسه\nno label here");
        assert_eq!(super::document_words(&plain), 7);
        let mut p = Project::new("t");
        p.documents.push(labelled);
        p.documents.push(plain);
        assert_eq!(super::stats(&p).words, 18);
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let spaces = [
            " ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        // Near misses: chars whose bytes look like a space's.
        let words = [
            "a",
            "می‌خواهم",
            "\u{200b}",
            "\u{200c}",
            "\u{200d}",
            "\u{2010}",
            "\u{2030}",
            "\u{1681}",
            "\u{3001}",
            "\u{84}",
            "\u{a1}",
            "😀",
            "۱۴۰۲",
        ];
        for s in spaces {
            for w in words {
                for text in [
                    format!("{w}{s}{w}"),
                    format!("{s}{w}{s}{s}{w}{w}{s}"),
                    format!("{w}{s}"),
                    s.to_string(),
                ] {
                    assert_eq!(
                        super::word_count(&text),
                        text.split_whitespace().count(),
                        "{text:?}"
                    );
                }
            }
        }
    }
}
