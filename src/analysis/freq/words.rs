//! Word frequencies: the words of all documents, of one document group, or
//! of one code's coded text (its subtree's codings, as a union per
//! document, so overlapping codings give their words once), counted by
//! their folded form (`text::fold`, as search matches: «ميشود», «میشود»
//! and «می‌شود» are one word). Each row shows the spelling met most often
//! (on a tie, the one met first), how many times the word occurs,
//! and in how many documents.

use super::{StopWords, Token, all_tokens, document_tokens, subtree_ranges, token_runs};
use crate::model::*;
use serde::Serialize;
use std::collections::HashMap;

/// Which text is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every document.
    All,
    /// The documents of one group.
    Group(GroupId),
    /// The text coded with this code or any code of its subtree.
    Code(CodeId),
}

/// What is counted, besides the scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WordOptions {
    /// Words shorter than this (in chars, folded) are left out.
    pub min_len: usize,
    /// Whether a word of digits only (`1402`, «۱۴۰۲») counts.
    pub numbers: bool,
}

impl Default for WordOptions {
    fn default() -> Self {
        Self {
            min_len: 1,
            numbers: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordRow {
    /// The spelling met most often.
    pub word: String,
    /// The folded form the words were counted by.
    pub folded: String,
    pub count: usize,
    /// Documents the word occurs in (within the scope).
    pub documents: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WordFreq {
    /// Most frequent first; then by folded form.
    pub words: Vec<WordRow>,
    /// Words in the scope, before stop words, short words and numbers are
    /// left out.
    pub total: usize,
    /// Documents with text in the scope.
    pub documents: usize,
}

/// Each spelling's count and where it was first met (document, word).
type Spellings = HashMap<String, (usize, (usize, usize))>;
/// One document's counts: per folded word, its count and its spellings.
type DocCounts = HashMap<String, (usize, Spellings)>;
/// A document, its tokens when already made, its coded char ranges
/// (None: all its text), its counts and its words in scope.
type Part<'a> = (
    &'a Document,
    Option<&'a [Token]>,
    Option<Vec<(usize, usize)>>,
    DocCounts,
    usize,
);

/// Word frequencies in `scope`. `stop`: the stop words to leave out (None:
/// none left out).
pub fn word_frequencies(
    p: &Project,
    scope: Scope,
    opts: &WordOptions,
    stop: Option<&StopWords>,
) -> WordFreq {
    let mut f = every_word(p, scope);
    f.words.retain(|w| keeps(w, opts, stop));
    f
}

/// Whether a row stays with these options and stop words. Each leaves out
/// whole folded words, so the counts of the words kept do not change: the
/// window counts once per scope and filters as the options change.
pub fn keeps(w: &WordRow, opts: &WordOptions, stop: Option<&StopWords>) -> bool {
    let key = w.folded.as_str();
    if key.chars().count() < opts.min_len {
        return false;
    }
    if !opts.numbers
        && key
            .chars()
            .filter(|c| c.is_alphanumeric())
            .all(char::is_numeric)
    {
        return false;
    }
    !stop.is_some_and(|s| s.contains(key))
}

/// The frequencies of every word in `scope`, none left out.
pub fn every_word(p: &Project, scope: Scope) -> WordFreq {
    count(p, scope, None)
}

/// `every_word` with the documents' tokens already made (`all_tokens` or
/// a `TokenCache`, in project order).
pub fn every_word_with(p: &Project, scope: Scope, tokens: &[Vec<Token>]) -> WordFreq {
    count(p, scope, Some(tokens))
}

fn count(p: &Project, scope: Scope, tokens: Option<&[Vec<Token>]>) -> WordFreq {
    let made = |pos: usize| tokens.and_then(|t| t.get(pos)).map(Vec::as_slice);
    // Each document's tokens to count, as runs of its tokens (None: all).
    let mut parts: Vec<Part> = match scope {
        Scope::All => p
            .documents
            .iter()
            .enumerate()
            .map(|(pos, d)| (d, made(pos), None, DocCounts::new(), 0))
            .collect(),
        Scope::Group(g) => p
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.group == Some(g))
            .map(|(pos, d)| (d, made(pos), None, DocCounts::new(), 0))
            .collect(),
        Scope::Code(c) => subtree_ranges(p, c)
            .into_iter()
            .filter_map(|(pos, r)| {
                Some((
                    p.documents.get(pos)?,
                    made(pos),
                    Some(r),
                    DocCounts::new(),
                    0,
                ))
            })
            .collect(),
    };
    crate::base::par_each(&mut parts, |(d, made, ranges, counts, total)| {
        let owned;
        let tokens = match made {
            Some(t) => *t,
            None => {
                owned = document_tokens(d);
                owned.as_slice()
            }
        };
        let runs = match ranges {
            None => std::iter::once(0..tokens.len()).collect(),
            Some(r) => token_runs(tokens, r),
        };
        let text = d.text();
        for t in runs.into_iter().flat_map(|r| tokens[r].iter()) {
            count_token(text, t, *total, counts);
            *total += 1;
        }
    });
    let mut out = WordFreq::default();
    let mut all: HashMap<String, (usize, usize, Spellings)> = HashMap::new();
    for (doc, (_, _, _, counts, total)) in parts.into_iter().enumerate() {
        out.total += total;
        out.documents += usize::from(total > 0);
        for (key, (n, spellings)) in counts {
            let e = all.entry(key).or_default();
            e.0 += n;
            e.1 += 1;
            for (s, (k, (_, at))) in spellings {
                let f = e.2.entry(s).or_insert((0, (doc, at)));
                f.0 += k;
            }
        }
    }
    out.words = all
        .into_iter()
        .map(|(folded, (count, documents, spellings))| {
            let word = spellings
                .into_iter()
                .max_by(|a, b| (a.1).0.cmp(&(b.1).0).then_with(|| (b.1).1.cmp(&(a.1).1)))
                .map_or_else(|| folded.clone(), |(s, _)| s);
            WordRow {
                word,
                folded,
                count,
                documents,
            }
        })
        .collect();
    out.words
        .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.folded.cmp(&b.folded)));
    out
}

fn count_token(text: &str, t: &Token, at: usize, counts: &mut DocCounts) {
    let word = t.text(text);
    let key = crate::text::fold(word);
    if key.is_empty() {
        return;
    }
    let e = counts.entry(key).or_default();
    e.0 += 1;
    match e.1.get_mut(word) {
        Some(n) => n.0 += 1,
        None => {
            e.1.insert(word.to_string(), (1, (0, at)));
        }
    }
}

/// Words in `scope` (every word, none left out): the sum of the counts of
/// `word_frequencies` with no stop words, minimum length 1 and numbers.
pub fn words_in_scope(p: &Project, scope: Scope) -> usize {
    match scope {
        Scope::All => all_tokens(p).iter().map(Vec::len).sum(),
        Scope::Group(g) => p
            .documents
            .iter()
            .filter(|d| d.group == Some(g))
            .map(|d| document_tokens(d).len())
            .sum(),
        Scope::Code(c) => subtree_ranges(p, c)
            .into_iter()
            .filter_map(|(pos, r)| {
                let d = p.documents.get(pos)?;
                let tokens = document_tokens(d);
                Some(
                    token_runs(&tokens, &r)
                        .iter()
                        .map(|r| r.len())
                        .sum::<usize>(),
                )
            })
            .sum(),
    }
}
