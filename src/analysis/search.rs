//! Text search over a project's documents, and the ranges autocode codes.
//!
//! A plain query matches as a Persian reader reads: both sides are folded
//! (`text::fold`: ي/ی, ك/ک, ZWNJ, tatweel, bidi marks and harakat ignored,
//! Persian and Arabic-Indic digits as ASCII, case ignored), and each hit is
//! mapped back to the original chars, the ignored ones inside it included.
//! A regex matches the raw text. Either way a hit is widened to whole
//! graphemes (a coding never ends between a letter and its haraka), and
//! ranges are chars of the document's text, half-open.

use crate::base::{CharPos, CharRange};
use crate::model::{DocId, Document, Project};
use crate::text::offsets;
use std::collections::HashMap;
use std::sync::Arc;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the query is empty (or only spaces and marks search ignores)")]
    Empty,
    #[error("not a regular expression: {0}")]
    Regex(#[from] regex::Error),
}

/// What to look for.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub text: String,
    /// Match `text` as a regular expression on the raw text.
    pub regex: bool,
    /// Only hits that start and end at word boundaries (UAX #29).
    pub whole_word: bool,
}

/// One match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub document: DocId,
    pub range: CharRange,
    /// The 1-based line of its start.
    pub line: usize,
}

/// A document's text folded once, with where each folded char came from.
/// Positions are u32: documents are read at most 64 MiB (`import`).
#[derive(Clone, Debug, Default)]
pub struct FoldedText {
    folded: String,
    /// (char index, byte offset) in the original text of each folded char.
    map: Vec<(u32, u32)>,
}

impl FoldedText {
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() / 2);
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        crate::text::fold_each(text, |c, i, b| {
            folded.push(c);
            map.push((narrow(i), narrow(b)));
        });
        Self { folded, map }
    }

    /// The folded text (what `text::fold` gives).
    pub fn as_str(&self) -> &str {
        &self.folded
    }
}

/// The folded texts of a project's documents, for one generation of it:
/// built once, searched as often as a query is typed.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    generation: u64,
    docs: HashMap<DocId, (TextId, Arc<FoldedText>)>,
}

/// A document's text as it is in memory: a document's text never changes
/// once loaded (a document put back by an undo is a new allocation), so
/// an unchanged identity means an unchanged text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TextId(usize, usize);

impl TextId {
    fn of(d: &Document) -> Self {
        TextId(d.text().as_ptr() as usize, d.text().len())
    }
}

impl SearchIndex {
    pub fn build(p: &Project) -> Self {
        Self::default().refreshed(p)
    }

    /// The index for `p` as it is now, folding again only the documents
    /// whose text is new: a coding added or undone costs nothing here.
    pub fn refreshed(&self, p: &Project) -> Self {
        Self {
            generation: p.generation(),
            docs: p
                .documents
                .iter()
                .map(|d| {
                    let id = TextId::of(d);
                    let folded = match self.docs.get(&d.id) {
                        Some((was, f)) if *was == id => Arc::clone(f),
                        _ => Arc::new(FoldedText::new(d.text())),
                    };
                    (d.id, (id, folded))
                })
                .collect(),
        }
    }

    /// Whether this index was built from `p` as it is now.
    pub fn is_current(&self, p: &Project) -> bool {
        self.generation == p.generation() && self.docs.len() == p.documents.len()
    }

    pub fn get(&self, doc: DocId) -> Option<&FoldedText> {
        self.docs.get(&doc).map(|(_, f)| f.as_ref())
    }
}

/// A query made ready to run.
pub enum Matcher {
    /// The folded query as a literal regex: the regex crate's substring
    /// search is vectorised (about three times `str::match_indices` here).
    Folded {
        key: regex::Regex,
        chars: usize,
    },
    Regex(regex::Regex),
}

impl Matcher {
    pub fn new(q: &Query) -> Result<Self, SearchError> {
        if q.regex {
            if q.text.is_empty() {
                return Err(SearchError::Empty);
            }
            return Ok(Matcher::Regex(regex::Regex::new(&q.text)?));
        }
        let key = crate::text::fold(&q.text);
        if key.is_empty() {
            return Err(SearchError::Empty);
        }
        let chars = key.chars().count();
        let key = regex::Regex::new(&regex::escape(&key))?;
        Ok(Matcher::Folded { key, chars })
    }
}

/// Every hit of `q` in the documents `only` names (all when empty), in
/// the project's document order. `index` is used when it is current;
/// otherwise each document is folded for this call.
pub fn search(
    p: &Project,
    index: Option<&SearchIndex>,
    only: &[DocId],
    q: &Query,
) -> Result<Vec<Hit>, SearchError> {
    let m = Matcher::new(q)?;
    let index = index.filter(|ix| ix.is_current(p));
    let mut out = Vec::new();
    for d in &p.documents {
        if !only.is_empty() && !only.contains(&d.id) {
            continue;
        }
        let own;
        let folded = match (&m, index.and_then(|ix| ix.get(d.id))) {
            (Matcher::Regex(_), _) => None,
            (_, Some(f)) => Some(f),
            (_, None) => {
                own = FoldedText::new(d.text());
                Some(&own)
            }
        };
        out.extend(search_document(d, folded, &m, q.whole_word));
    }
    Ok(out)
}

/// The hits in one document. `folded` is needed for a folded query (none
/// found without it).
pub fn search_document(
    doc: &Document,
    folded: Option<&FoldedText>,
    m: &Matcher,
    whole_word: bool,
) -> Vec<Hit> {
    let text = doc.text();
    // Byte ranges in the original text.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    match m {
        Matcher::Folded { key, chars } => {
            let Some(f) = folded else {
                return Vec::new();
            };
            let (mut at_byte, mut at_char) = (0, 0);
            for b in key.find_iter(&f.folded).map(|m| m.start()) {
                at_char += f.folded[at_byte..b].chars().count();
                at_byte = b;
                let (Some(first), Some(last)) =
                    (f.map.get(at_char), f.map.get(at_char + chars - 1))
                else {
                    continue;
                };
                let start = first.1 as usize;
                let last = last.1 as usize;
                let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
                spans.push((start, end));
            }
        }
        Matcher::Regex(re) => {
            spans.extend(
                re.find_iter(text)
                    .filter(|m| !m.is_empty())
                    .map(|m| (m.start(), m.end())),
            );
        }
    }
    let mut out: Vec<Hit> = Vec::with_capacity(spans.len());
    // Bytes to chars, walking forward once through the text.
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    let mut to_char = |b: usize| -> usize {
        if b >= at_byte {
            at_char += offsets::byte_to_char(&text[at_byte..], b - at_byte).map_or(0, |c| c.0);
        } else {
            at_char -= offsets::byte_to_char(&text[b..], at_byte - b).map_or(0, |c| c.0);
        }
        at_byte = b;
        at_char
    };
    for (s, e) in spans {
        let (s, e) = (grapheme_before(text, s), grapheme_after(text, e));
        if whole_word && !(word_boundary(text, s) && word_boundary(text, e)) {
            continue;
        }
        let range = CharRange::new(to_char(s), to_char(e));
        if out.last().is_some_and(|h| h.range == range) {
            continue;
        }
        out.push(Hit {
            document: doc.id,
            range,
            line: doc.line_of(range.start),
        });
    }
    out
}

/// `b`, or the start of the grapheme it falls inside.
fn grapheme_before(text: &str, b: usize) -> usize {
    let mut cur = GraphemeCursor::new(b, text.len(), true);
    match cur.is_boundary(text, 0) {
        Ok(false) => cur.prev_boundary(text, 0).ok().flatten().unwrap_or(b),
        _ => b,
    }
}

/// `b`, or the end of the grapheme it falls inside.
fn grapheme_after(text: &str, b: usize) -> usize {
    let mut cur = GraphemeCursor::new(b, text.len(), true);
    match cur.is_boundary(text, 0) {
        Ok(false) => cur.next_boundary(text, 0).ok().flatten().unwrap_or(b),
        _ => b,
    }
}

/// The line (paragraph) around byte `b`, as a byte range.
fn line_around(text: &str, b: usize) -> (usize, usize) {
    let start = text[..b].rfind('\n').map_or(0, |i| i + 1);
    let end = text[b..].find('\n').map_or(text.len(), |i| b + i);
    (start, end)
}

/// Whether byte `b` is a word boundary (UAX #29) of its line. Words do
/// not run across lines, so the line is all the context needed.
fn word_boundary(text: &str, b: usize) -> bool {
    let (ls, le) = line_around(text, b);
    if b == ls || b == le {
        return true;
    }
    let rel = b - ls;
    text[ls..le]
        .split_word_bound_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= rel)
        .any(|i| i == rel)
}

/// How far autocode widens a hit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extend {
    /// The hit itself.
    #[default]
    Match,
    /// The sentence(s) it lies in (UAX #29, within its line), without the
    /// spaces after.
    Sentence,
    /// The whole line(s) (paragraphs) it lies in.
    Line,
}

/// `range` widened as `how` says.
pub fn extend(doc: &Document, range: CharRange, how: Extend) -> CharRange {
    let (first, last) = doc.lines_of(range);
    let Some(lines) = doc.lines_range(first, last) else {
        return range;
    };
    match how {
        Extend::Match => range,
        Extend::Line => lines,
        Extend::Sentence => {
            let text = doc.slice(lines);
            let to_rel_byte = |pos: CharPos| {
                offsets::char_to_byte(text, CharPos(pos.0.saturating_sub(lines.start.0)))
            };
            let (s, e) = (to_rel_byte(range.start), to_rel_byte(range.end));
            let mut start = 0;
            let mut end = text.len();
            for (i, sentence) in text.split_sentence_bound_indices() {
                let stop = i + sentence.len();
                if i <= s && s < stop {
                    start = i;
                }
                if i < e && e <= stop {
                    end = i + sentence.trim_end().len();
                    break;
                }
            }
            let end = end.max(e);
            let chars = |b: usize| offsets::byte_to_char(text, b).map_or(0, |c| c.0);
            CharRange::new(lines.start.0 + chars(start), lines.start.0 + chars(end))
        }
    }
}

/// What autocode codes the hits with.
#[derive(Clone, Debug, Default)]
pub struct Autocode {
    /// A code path (`Category/Subcategory/Code`) or a code's name.
    pub code: String,
    /// The coder the codings are by (added if the project has none so named).
    pub coder: String,
    /// Make the code path when it is missing.
    pub create: bool,
    pub extend: Extend,
}

/// What autocode does, and the one command (one undo step) that does it.
#[derive(Clone, Debug)]
pub struct AutocodePlan {
    pub hits: usize,
    /// The bulk planner's plan: `added`, `already_there` (coded so before),
    /// `repeated` (a range another hit gave), `codes_made`; its command
    /// is named `Step::Autocode` and its codings are `Origin::Autocode`.
    pub plan: crate::import::codings::Plan,
}

#[derive(Debug, thiserror::Error)]
pub enum AutocodeError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("{0}")]
    Code(String),
}

/// Plan coding every hit of `q` (in `only`, or all documents) as `a`
/// says. Codes and coders resolve as `import-codings` resolves them (it is
/// the same planner), and a coding the project already has is skipped:
/// autocode run twice adds nothing the second time.
pub fn plan_autocode(
    p: &Project,
    q: &Query,
    only: &[DocId],
    a: &Autocode,
) -> Result<AutocodePlan, AutocodeError> {
    use crate::edit::{Command, Step};
    use crate::import::codings::{BulkOptions, Row, Span, plan_rows};
    let found = search(p, None, only, q)?;
    let rows: Vec<Row> = found
        .iter()
        .filter_map(|h| {
            let d = p.document(h.document)?;
            let r = extend(d, h.range, a.extend);
            Some(Row {
                line: 0,
                document: d.name.clone(),
                span: Span::Chars(r.start.0, r.end.0),
                code: a.code.clone(),
                coder: Some(a.coder.clone()),
                memo: None,
            })
        })
        .collect();
    let opts = BulkOptions {
        create: a.create,
        deeper: false,
        coder: Some(a.coder.clone()),
    };
    let mut plan = plan_rows(p, &rows, &opts).map_err(|errors| {
        // Every row names the same code and coder: each problem once.
        let mut msgs: Vec<String> = errors.into_iter().map(|e| e.msg).collect();
        msgs.sort();
        msgs.dedup();
        AutocodeError::Code(msgs.join("; "))
    })?;
    if let Command::Batch { label, commands } = &mut plan.command {
        *label = Step::Autocode {
            codings: plan.added,
        };
        for c in commands {
            if let Command::InsertCoding { coding, .. } = c {
                coding.origin = crate::model::Origin::Autocode;
            }
        }
    }
    Ok(AutocodePlan {
        hits: found.len(),
        plan,
    })
}

#[cfg(test)]
mod tests {
    // `expect` here is on values the test itself made, never on a file's
    // or a user's data: a failure is the test's finding.
    use super::*;

    #[test]
    fn a_refreshed_index_folds_only_new_texts() {
        let mut p = Project::new("t");
        p.documents.push(Document::new("a", "شبكه‌ها و شهرداری"));
        let ix = SearchIndex::build(&p);
        assert!(ix.is_current(&p));
        // An edit elsewhere: a new generation, the same text.
        p.touch();
        assert!(!ix.is_current(&p));
        let again = ix.refreshed(&p);
        let a = p.documents[0].id;
        let same = |x: &SearchIndex, y: &SearchIndex| Arc::ptr_eq(&x.docs[&a].1, &y.docs[&a].1);
        assert!(again.is_current(&p) && same(&ix, &again));
        // A new document is folded; the old one still is not.
        p.documents.push(Document::new("b", "شبکه"));
        p.touch();
        let third = again.refreshed(&p);
        assert!(same(&again, &third));
        let q = Query {
            text: "شبکه".into(),
            ..Default::default()
        };
        assert_eq!(search(&p, Some(&third), &[], &q).expect("search").len(), 2);
    }

    fn hits(text: &str, q: &str, whole_word: bool) -> Vec<String> {
        let d = Document::new("d", text);
        let query = Query {
            text: q.into(),
            regex: false,
            whole_word,
        };
        let m = Matcher::new(&query).expect("query");
        let f = FoldedText::new(d.text());
        search_document(&d, Some(&f), &m, whole_word)
            .into_iter()
            .map(|h| d.slice(h.range).to_string())
            .collect()
    }

    #[test]
    fn a_hit_takes_the_harakat_of_its_last_letter() {
        assert_eq!(hits("مُدیر", "م", false), vec!["مُ"]);
        assert_eq!(hits("cafe\u{301}s", "cafe", false), vec!["cafe\u{301}"]);
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            hits("کتاب کتابخانه کتاب‌ها کتاب.", "کتاب", true),
            vec!["کتاب", "کتاب"]
        );
    }
}
