//! The query's text as an expression: tokens with their char offsets,
//! then a recursive descent that says where it stopped and what it wanted.

use super::{Expected, MAX_DEPTH, MAX_ITEMS, QueryError, QueryErrorKind};

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub expr: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A code (and its subtree), its codings restricted by `only`.
    Code {
        name: String,
        /// Char offset of the name, for errors found on evaluation.
        at: usize,
        only: Vec<Restriction>,
    },
    Any(Vec<Expr>),
    All(Vec<Expr>),
    Binary {
        op: Op,
        left: Box<Expr>,
        right: Box<Expr>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Overlaps,
    Within,
    Not,
    /// Followed by, within this many lines.
    Followed(usize),
}

/// `key = "a" or "b"`: a coding passes if its coder, group, document or
/// variable is one of `values`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restriction {
    pub key: Key,
    pub values: Vec<String>,
    /// Char offset of the key, for errors found on evaluation.
    pub at: usize,
    /// Char offset of each value.
    pub value_at: Vec<usize>,
    /// `key != …` (`≠`): a coding passes if it is none of the values.
    pub negated: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Coder,
    Group,
    Document,
    /// The speaker of the coding's first line (a post's commenter, a
    /// manager's reply, an interview's participant).
    Speaker,
    Variable(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// Quoted text.
    Str(String),
    /// A bare word (keyword, key or name), as written.
    Word(String),
    Num(usize),
    Open,
    Close,
    OpenSq,
    CloseSq,
    Comma,
    Eq,
    /// `!=` or `≠`.
    Ne,
    Amp,
    Pipe,
}

struct Token {
    tok: Tok,
    at: usize,
    /// As written, for "found …".
    text: String,
}

fn err(at: usize, kind: QueryErrorKind) -> QueryError {
    QueryError { at, kind }
}

fn closing(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '\'' => Some('\''),
        '«' => Some('»'),
        '“' => Some('”'),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '_' | '-' | '.' | '/' | '\u{200C}' | '\u{200D}')
        || is_mark(c)
}

/// Arabic harakat and other combining marks belong to the word they sit on.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670)
}

/// The value of a digit, ASCII, Persian or Arabic-Indic.
fn digit(c: char) -> Option<usize> {
    let n = c as u32;
    let v = match n {
        0x30..=0x39 => n - 0x30,
        0x6F0..=0x6F9 => n - 0x6F0,
        0x660..=0x669 => n - 0x660,
        _ => return None,
    };
    Some(v as usize)
}

fn tokens(text: &str) -> Result<Vec<Token>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        let single = match c {
            '(' => Some(Tok::Open),
            ')' => Some(Tok::Close),
            '[' => Some(Tok::OpenSq),
            ']' => Some(Tok::CloseSq),
            ',' | '،' => Some(Tok::Comma),
            '=' => Some(Tok::Eq),
            '≠' => Some(Tok::Ne),
            '!' if chars.get(i + 1) == Some(&'=') => Some(Tok::Ne),
            '&' => Some(Tok::Amp),
            '|' => Some(Tok::Pipe),
            _ => None,
        };
        if let Some(tok) = single {
            // `!=` is two chars.
            let len = if c == '!' { 2 } else { 1 };
            out.push(Token {
                tok,
                at,
                text: chars[i..i + len].iter().collect(),
            });
            i += len;
        } else if c.is_whitespace()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            // Direction marks a Persian keyboard or a copied name brings.
            i += 1;
        } else if let Some(close) = closing(c) {
            let Some(len) = chars[i + 1..].iter().position(|&k| k == close) else {
                return Err(err(at, QueryErrorKind::UnclosedQuote));
            };
            let s: String = chars[i + 1..i + 1 + len].iter().collect();
            out.push(Token {
                tok: Tok::Str(s.trim().to_string()),
                at,
                text: chars[i..i + 2 + len].iter().collect(),
            });
            i += len + 2;
        } else if is_word_char(c) {
            let len = chars[i..].iter().take_while(|&&k| is_word_char(k)).count();
            let w: String = chars[i..i + len].iter().collect();
            let num = w.chars().try_fold(0usize, |n, k| {
                digit(k).and_then(|d| n.checked_mul(10)?.checked_add(d))
            });
            let tok = match num {
                Some(n) => Tok::Num(n),
                None => Tok::Word(w.clone()),
            };
            out.push(Token { tok, at, text: w });
            i += len;
        } else {
            return Err(err(at, QueryErrorKind::Stray(c)));
        }
    }
    Ok(out)
}

/// A keyword as compared: lower case, without ZWNJ, Arabic yeh and kaf
/// as Persian ones (a Persian keyword typed either way is the same word).
fn norm(w: &str) -> String {
    w.chars()
        .filter(|c| !matches!(c, '\u{200C}' | '\u{200D}' | 'ـ'))
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// The query's length in chars, the position of "the end".
    end: usize,
    /// Groups open now: `(`, `any(`, `all(`.
    depth: usize,
    /// Codes and operators read so far.
    items: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&Token> {
        self.toks.get(self.pos + n)
    }

    /// The current token is the keyword `words` names.
    fn word_is(&self, n: usize, words: &[&str]) -> bool {
        matches!(self.peek_at(n), Some(Token { tok: Tok::Word(w), .. }) if words.contains(&norm(w).as_str()))
    }

    fn fail(&self, expected: Expected) -> QueryError {
        match self.peek() {
            Some(t) => err(
                t.at,
                QueryErrorKind::Expected {
                    expected,
                    found: Some(t.text.clone()),
                },
            ),
            None => err(
                self.end,
                QueryErrorKind::Expected {
                    expected,
                    found: None,
                },
            ),
        }
    }

    /// One more code or operator, at `at`; refused past `MAX_ITEMS`.
    fn count(&mut self, at: usize) -> Result<(), QueryError> {
        self.items += 1;
        if self.items > MAX_ITEMS {
            return Err(err(at, QueryErrorKind::TooLong));
        }
        Ok(())
    }

    /// A group opened at `at`; refused past `MAX_DEPTH`.
    fn enter(&mut self, at: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err(at, QueryErrorKind::TooDeep));
        }
        Ok(())
    }

    fn expect(&mut self, tok: Tok, expected: Expected) -> Result<(), QueryError> {
        if self.peek().is_some_and(|t| t.tok == tok) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.fail(expected))
        }
    }

    fn query(&mut self) -> Result<Query, QueryError> {
        let mut expr = self.expr()?;
        if self.word_is(0, WHERE) {
            self.pos += 1;
            let only = self.restrictions(AND)?;
            restrict(&mut expr, &only);
        }
        if self.peek().is_some() {
            return Err(self.fail(Expected::Operator));
        }
        Ok(Query { expr })
    }

    fn expr(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.primary()?;
        while let Some(op) = self.op()? {
            let right = self.primary()?;
            let op = match op {
                Op::Followed(_) => Op::Followed(self.distance()?),
                op => op,
            };
            left = Expr::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
            };
        }
        Ok(left)
    }

    /// The operator next, if any (`followed by` with its distance to come).
    fn op(&mut self) -> Result<Option<Op>, QueryError> {
        let at = self.peek().map_or(self.end, |t| t.at);
        let op = match self.peek().map(|t| &t.tok) {
            Some(Tok::Amp) => Op::Overlaps,
            _ if self.word_is(0, OVERLAPS) => Op::Overlaps,
            _ if self.word_is(0, WITHIN) => Op::Within,
            _ if self.word_is(0, NOT) => Op::Not,
            _ if self.word_is(0, FOLLOWED) => {
                self.pos += 1;
                if !self.word_is(0, &["by"]) {
                    return Err(self.fail(Expected::By));
                }
                Op::Followed(0)
            }
            _ if self.word_is(0, THEN) => Op::Followed(0),
            _ => return Ok(None),
        };
        self.count(at)?;
        self.pos += 1;
        Ok(Some(op))
    }

    /// `within N lines` (`تا N سطر`); the word for lines may be left out.
    fn distance(&mut self) -> Result<usize, QueryError> {
        if !self.word_is(0, DISTANCE) {
            return Err(self.fail(Expected::Distance));
        }
        self.pos += 1;
        let Some(Token {
            tok: Tok::Num(n), ..
        }) = self.peek()
        else {
            return Err(self.fail(Expected::Number));
        };
        let n = *n;
        self.pos += 1;
        if self.word_is(0, LINES) {
            self.pos += 1;
        }
        Ok(n)
    }

    fn primary(&mut self) -> Result<Expr, QueryError> {
        let Some(t) = self.peek() else {
            return Err(self.fail(Expected::Code));
        };
        let at = t.at;
        let mut e = match &t.tok {
            Tok::Str(name) => {
                let name = name.clone();
                self.count(at)?;
                self.pos += 1;
                Expr::Code {
                    name,
                    at,
                    only: Vec::new(),
                }
            }
            Tok::Open => {
                self.enter(at)?;
                self.pos += 1;
                let e = self.expr()?;
                self.expect(Tok::Close, Expected::CloseParen)?;
                self.depth -= 1;
                e
            }
            _ if self.word_is(0, ANY) || self.word_is(0, ALL) => {
                let all = self.word_is(0, ALL);
                self.enter(at)?;
                self.pos += 1;
                self.expect(Tok::Open, Expected::OpenParen)?;
                let mut items = vec![self.expr()?];
                while self.peek().is_some_and(|t| t.tok == Tok::Comma) {
                    self.pos += 1;
                    items.push(self.expr()?);
                }
                self.expect(Tok::Close, Expected::CloseParen)?;
                self.depth -= 1;
                if all {
                    Expr::All(items)
                } else {
                    Expr::Any(items)
                }
            }
            // A bare word that is no keyword: a code name without quotes.
            Tok::Word(w) if !is_keyword(w) => {
                let name = w.clone();
                self.count(at)?;
                self.pos += 1;
                Expr::Code {
                    name,
                    at,
                    only: Vec::new(),
                }
            }
            _ => return Err(self.fail(Expected::Code)),
        };
        if self.peek().is_some_and(|t| t.tok == Tok::OpenSq) {
            self.pos += 1;
            let only = self.restrictions(AND)?;
            self.expect(Tok::CloseSq, Expected::CloseBracket)?;
            restrict(&mut e, &only);
        }
        Ok(e)
    }

    /// `key = value [or value…]`, separated by commas or the words `joins`.
    fn restrictions(&mut self, joins: &[&str]) -> Result<Vec<Restriction>, QueryError> {
        let mut out = vec![self.restriction()?];
        loop {
            if self.peek().is_some_and(|t| t.tok == Tok::Comma) || self.word_is(0, joins) {
                self.pos += 1;
                out.push(self.restriction()?);
            } else {
                return Ok(out);
            }
        }
    }

    fn restriction(&mut self) -> Result<Restriction, QueryError> {
        let Some(t) = self.peek() else {
            return Err(self.fail(Expected::Key));
        };
        let at = t.at;
        let key = match &t.tok {
            Tok::Word(w) => match norm(w).as_str() {
                "coder" | "کدگذار" => Key::Coder,
                "group" | "گروه" => Key::Group,
                "document" | "سند" => Key::Document,
                "speaker" | "گوینده" => Key::Speaker,
                _ => Key::Variable(w.clone()),
            },
            Tok::Str(s) => Key::Variable(s.clone()),
            _ => return Err(self.fail(Expected::Key)),
        };
        self.pos += 1;
        let negated = self.peek().is_some_and(|t| t.tok == Tok::Ne);
        if negated {
            self.pos += 1;
        } else {
            self.expect(Tok::Eq, Expected::Equals)?;
        }
        let (mut values, mut value_at) = (Vec::new(), Vec::new());
        loop {
            let (v, at) = match self.peek() {
                Some(Token {
                    tok: Tok::Str(s),
                    at,
                    ..
                }) => (s.clone(), *at),
                Some(Token {
                    tok: Tok::Word(w),
                    at,
                    ..
                }) if !is_keyword(w) => (w.clone(), *at),
                Some(Token {
                    tok: Tok::Num(_),
                    at,
                    text,
                }) => (text.clone(), *at),
                _ => return Err(self.fail(Expected::Value)),
            };
            self.pos += 1;
            values.push(v);
            value_at.push(at);
            if self.peek().is_some_and(|t| t.tok == Tok::Pipe) || self.word_is(0, OR) {
                self.pos += 1;
            } else {
                break;
            }
        }
        Ok(Restriction {
            key,
            values,
            at,
            value_at,
            negated,
        })
    }
}

const OVERLAPS: &[&str] = &["overlaps", "overlap", "همپوشانی", "همپوشان"];
const WITHIN: &[&str] = &["within", "درون"];
const NOT: &[&str] = &["not", "بدون"];
const FOLLOWED: &[&str] = &["followed"];
const THEN: &[&str] = &["سپس"];
const DISTANCE: &[&str] = &["within", "تا", "در"];
const LINES: &[&str] = &["lines", "line", "سطر", "خط"];
const ANY: &[&str] = &["any", "هر"];
const ALL: &[&str] = &["all", "همه"];
const WHERE: &[&str] = &["where", "فقط"];
const AND: &[&str] = &["and", "و"];
const OR: &[&str] = &["or", "یا"];

fn is_keyword(w: &str) -> bool {
    let w = norm(w);
    [
        OVERLAPS, WITHIN, NOT, FOLLOWED, THEN, DISTANCE, ANY, ALL, WHERE, AND, OR,
    ]
    .iter()
    .any(|k| k.contains(&w.as_str()))
}

/// Add `only` to every code of `e`: a trailing `where` holds for every
/// code, the right side of `not` too (`"A" not "B" where coder = "Sara"`:
/// Sara's A codings that overlap none of Sara's B codings). The tree is
/// as deep as `MAX_DEPTH` and `MAX_ITEMS` let the parser build it.
fn restrict(e: &mut Expr, only: &[Restriction]) {
    match e {
        Expr::Code { only: own, .. } => own.extend(only.iter().cloned()),
        Expr::Any(items) | Expr::All(items) => items.iter_mut().for_each(|i| restrict(i, only)),
        Expr::Binary { left, right, .. } => {
            restrict(left, only);
            restrict(right, only);
        }
    }
}

/// Parse a query. Errors say where (a char offset) and what was expected.
pub fn parse(text: &str) -> Result<Query, QueryError> {
    let toks = tokens(text)?;
    if toks.is_empty() {
        return Err(err(0, QueryErrorKind::Empty));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end: text.chars().count(),
        depth: 0,
        items: 0,
    };
    p.query()
}
