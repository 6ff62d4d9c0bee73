//! Complex retrieval: segments found by conditions on codes. A query such
//! as `"A" overlaps "B"[coder = "Sara"] where group = "Council"` is parsed
//! (`parse`) into an expression over code operands, then evaluated
//! (`eval`) on the project's index into hits: document ranges with the
//! codings that gave them.
//!
//! Syntax (English keywords, Persian aliases in brackets):
//! - a code: its name in quotes (`"…"`, `«…»` or `“…”`), a bare name when
//!   unique or a path `Category/Sub/Code`; a subcategory or category means
//!   any code of its subtree;
//! - `X overlaps Y` (`&`, «هم‌پوشانی»): where a segment of X and one of Y
//!   overlap, the shared text;
//! - `X within Y` («درون»): X's segments lying wholly inside one of Y's;
//! - `X not Y` («بدون»): X's segments that overlap none of Y's;
//! - `X followed by Y within N lines` («سپس» … «تا N سطر»): an X segment,
//!   then a Y segment of the same document starting after X's start and
//!   on a line at most N after X's last line; the hit runs from X's start
//!   to the later of the two ends;
//! - `any(X, Y, …)` («هر»): every segment of any of them; `all(X, Y, …)`
//!   («همه»): where all of them overlap at once;
//! - `( … )` groups; the binary operators bind left to right;
//! - a quoted text equal to a code's whole name is that code, even when the
//!   name holds a `/`; otherwise a text with `/` is a path from the top;
//!   one that is both a name and another code's path is refused as
//!   ambiguous;
//! - `X[key = "v", …]` restricts the codings of every code in X, and a
//!   trailing `where key = "v" and …` («فقط» … «و») those of the whole
//!   query. Keys: `coder` («کدگذار»), `group` («گروه»), `document`
//!   («سند»), `speaker` («گوینده», of the coding's first line: a post's
//!   commenter or a manager's reply), or a document variable's name.
//!   `key = "a" or "b"` («یا», `|`) accepts either value, `key != "a"`
//!   (`≠`) neither; different restrictions must all hold.

mod eval;
mod parse;

pub use parse::{Expr, Key, Op, Query, Restriction, parse};

use crate::model::*;

/// One segment found: a range of a document, and the codings it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub document: DocId,
    pub range: CharRange,
    /// Sorted, without repeats.
    pub codings: Vec<CodingId>,
}

/// What the parser wanted where it stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A code in quotes, `any(`, `all(` or `(`.
    Code,
    /// `overlaps`, `within`, `not`, `followed by`, `where` or the end.
    Operator,
    /// `by` after `followed`.
    By,
    /// `within N lines` after `followed by …`.
    Distance,
    /// A number of lines.
    Number,
    /// A restriction's name: coder, group, document or a variable.
    Key,
    /// `=` after a restriction's name.
    Equals,
    /// A value in quotes.
    Value,
    CloseParen,
    CloseBracket,
    OpenParen,
}

/// What a query asks that the parser or the project cannot give.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryErrorKind {
    #[error("the query is empty")]
    Empty,
    #[error("expected {}, found {}", expected_en(*.expected), found.as_deref().map_or("the end".to_string(), |f| format!("'{f}'")))]
    Expected {
        expected: Expected,
        /// The text found instead (None: the end of the query).
        found: Option<String>,
    },
    #[error("a quote is opened but never closed")]
    UnclosedQuote,
    #[error("'{0}' has no meaning in a query")]
    Stray(char),
    #[error("no code named '{0}'")]
    NoCode(String),
    /// More than one code has this name or path; `paths` are theirs.
    #[error("'{name}' could be more than one code ({}); write the path of the one you mean", paths.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join("; "))]
    AmbiguousCode { name: String, paths: Vec<String> },
    #[error("no coder named '{0}'")]
    NoCoder(String),
    #[error("no document group named '{0}'")]
    NoGroup(String),
    #[error("no document named '{0}'")]
    NoDocument(String),
    #[error("no document has a variable named '{0}'")]
    NoVariable(String),
    #[error("no line of any document has the speaker '{0}'")]
    NoSpeaker(String),
    /// Parentheses, `any(` or `all(` nested deeper than `MAX_DEPTH`.
    #[error("the query is too deeply nested (at most {MAX_DEPTH} levels)")]
    TooDeep,
    /// More than `MAX_ITEMS` codes and operators.
    #[error("the query is too long (at most {MAX_ITEMS} codes and operators)")]
    TooLong,
}

/// How deep parentheses, `any(` and `all(` may nest. The parser and the
/// evaluator recurse once per level, so this (with `MAX_ITEMS`, which
/// bounds the length of an operator chain) is what keeps a pasted or
/// generated query from overflowing the stack; no researcher's question
/// comes near it.
pub const MAX_DEPTH: usize = 64;

/// How many codes and operators a query may hold.
pub const MAX_ITEMS: usize = 200;

/// A query error and where (0-based char offset in the query).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("at column {}: {kind}", at + 1)]
pub struct QueryError {
    pub at: usize,
    pub kind: QueryErrorKind,
}

fn expected_en(e: Expected) -> &'static str {
    match e {
        Expected::Code => "a code name in quotes, any(…), all(…) or '('",
        Expected::Operator => "overlaps, within, not, followed by, where or the end",
        Expected::By => "'by' (followed by)",
        Expected::Distance => "'within N lines' after 'followed by'",
        Expected::Number => "a number of lines",
        Expected::Key => "coder, group, document, speaker or a variable's name",
        Expected::Equals => "'=' or '!='",
        Expected::Value => "a value in quotes",
        Expected::CloseParen => "')'",
        Expected::CloseBracket => "']'",
        Expected::OpenParen => "'('",
    }
}

/// Parse `text` and find its hits in `p`, in document order, then by
/// position.
pub fn run(p: &Project, text: &str) -> Result<Vec<Hit>, QueryError> {
    let q = parse(text)?;
    eval::eval(p, &q)
}

/// Every code path of a hit's codings, sorted, without repeats.
pub fn hit_codes(p: &Project, hit: &Hit, sep: &str) -> Vec<String> {
    let mut v: Vec<String> = hit
        .codings
        .iter()
        .filter_map(|c| p.codings.get(c))
        .map(|c| p.code_path_label(c.code, sep))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The coders of a hit's codings, sorted, without repeats.
pub fn hit_coders<'a>(p: &'a Project, hit: &Hit) -> Vec<&'a str> {
    let mut v: Vec<&str> = hit
        .codings
        .iter()
        .filter_map(|c| p.codings.get(c))
        .map(|c| p.coder_name(c.coder))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}
