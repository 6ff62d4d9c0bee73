//! A parsed query on a project: each code operand becomes its codings
//! (through the index), each operator a pass over two lists sorted by
//! document and start, document by document.

use super::parse::{Expr, Key, Op, Query, Restriction};
use super::{Hit, QueryError, QueryErrorKind};
use crate::model::*;
use std::collections::HashSet;

/// A segment while evaluating: the document by position.
#[derive(Clone, Debug)]
struct Seg {
    doc: usize,
    range: CharRange,
    codings: Vec<CodingId>,
}

pub(super) fn eval(p: &Project, q: &Query) -> Result<Vec<Hit>, QueryError> {
    let mut segs = expr(p, &q.expr)?;
    sort(&mut segs);
    // One hit per range: codings of equal ranges (two coders', say) joined.
    let mut hits: Vec<Hit> = Vec::with_capacity(segs.len());
    let mut last: Option<(usize, CharRange)> = None;
    for s in segs {
        let Some(d) = p.documents.get(s.doc) else {
            continue;
        };
        match hits.last_mut() {
            Some(h) if last == Some((s.doc, s.range)) => h.codings.extend(s.codings),
            _ => hits.push(Hit {
                document: d.id,
                range: s.range,
                codings: s.codings,
            }),
        }
        last = Some((s.doc, s.range));
    }
    for h in &mut hits {
        h.codings.sort_unstable();
        h.codings.dedup();
    }
    Ok(hits)
}

fn sort(v: &mut [Seg]) {
    v.sort_by(|a, b| (a.doc, a.range, &a.codings).cmp(&(b.doc, b.range, &b.codings)));
}

fn expr(p: &Project, e: &Expr) -> Result<Vec<Seg>, QueryError> {
    let mut v = match e {
        Expr::Code { name, at, only } => code(p, name, *at, only)?,
        Expr::Any(items) => {
            let mut v = Vec::new();
            for i in items {
                v.extend(expr(p, i)?);
            }
            v
        }
        Expr::All(items) => {
            let mut it = items.iter();
            let mut v = match it.next() {
                Some(first) => expr(p, first)?,
                None => Vec::new(),
            };
            for i in it {
                let right = expr(p, i)?;
                v = binary(p, Op::Overlaps, v, right);
            }
            v
        }
        Expr::Binary { op, left, right } => {
            let (l, r) = (expr(p, left)?, expr(p, right)?);
            binary(p, *op, l, r)
        }
    };
    sort(&mut v);
    Ok(v)
}

/// The codings of a code and its subtree that pass `only`.
fn code(p: &Project, name: &str, at: usize, only: &[Restriction]) -> Result<Vec<Seg>, QueryError> {
    let id = resolve(p, name).map_err(|kind| QueryError { at, kind })?;
    let tests = only
        .iter()
        .map(|r| Test::new(p, r).map(|t| (t, r.negated)))
        .collect::<Result<Vec<_>, _>>()?;
    let ix = p.index();
    let mut out = Vec::new();
    for c in p.subtree(id) {
        for c in ix
            .codings_of_code(c)
            .iter()
            .filter_map(|c| p.codings.get(c))
        {
            let Some(doc) = ix.document_position(c.document) else {
                continue;
            };
            let Some(d) = p.documents.get(doc) else {
                continue;
            };
            if c.range.is_empty() || !tests.iter().all(|(t, negated)| t.holds(c, d, *negated)) {
                continue;
            }
            out.push(Seg {
                doc,
                range: c.range,
                codings: vec![c.id],
            });
        }
    }
    Ok(out)
}

/// The code a quoted text names. A code's whole name comes first, so a
/// name holding a `/` ("Trust/Distrust") is found as written; otherwise a
/// text with `/` is a path from the top, compared part by part (a part may
/// itself hold a `/`). A text that is one code's name and another's path,
/// or several codes' name or path, is ambiguous: the error lists their
/// paths.
fn resolve(p: &Project, name: &str) -> Result<CodeId, QueryErrorKind> {
    let name = name.trim();
    let mut named: Vec<CodeId> = p
        .codes
        .values()
        .filter(|c| c.name.trim() == name)
        .map(|c| c.id)
        .collect();
    let mut pathed: Vec<CodeId> = Vec::new();
    if name.contains('/') {
        let want = path_parts(name).join("/");
        pathed = p
            .codes
            .keys()
            .copied()
            .filter(|&id| !named.contains(&id) && path_key(p, id) == want)
            .collect();
    }
    if named.len() == 1 && pathed.is_empty() {
        return Ok(named[0]);
    }
    if named.is_empty() && pathed.len() == 1 {
        return Ok(pathed[0]);
    }
    named.append(&mut pathed);
    if named.is_empty() {
        return Err(QueryErrorKind::NoCode(name.to_string()));
    }
    let mut paths: Vec<String> = named.iter().map(|&id| p.code_path_label(id, "/")).collect();
    paths.sort();
    Err(QueryErrorKind::AmbiguousCode {
        name: name.to_string(),
        paths,
    })
}

/// A code's path as a query's path is compared: its names, each trimmed
/// and split at its own `/`, joined by `/`.
fn path_key(p: &Project, id: CodeId) -> String {
    p.code_path(id)
        .iter()
        .filter_map(|c| p.codes.get(c))
        .flat_map(|c| path_parts(&c.name))
        .collect::<Vec<_>>()
        .join("/")
}

/// A restriction with its names found in the project.
enum Test<'a> {
    Coders(HashSet<CoderId>),
    Groups(HashSet<GroupId>),
    Documents(HashSet<DocId>),
    Variable(&'a str, &'a [String]),
    Speakers(&'a [String]),
}

impl<'a> Test<'a> {
    fn new(p: &Project, r: &'a Restriction) -> Result<Self, QueryError> {
        let fail = |i: usize, kind| QueryError {
            at: r.value_at.get(i).copied().unwrap_or(r.at),
            kind,
        };
        let ids = |find: &dyn Fn(&str) -> Option<uuid::Uuid>,
                   missing: fn(String) -> QueryErrorKind|
         -> Result<HashSet<uuid::Uuid>, QueryError> {
            r.values
                .iter()
                .enumerate()
                .map(|(i, v)| find(v).ok_or_else(|| fail(i, missing(v.clone()))))
                .collect()
        };
        Ok(match &r.key {
            Key::Coder => {
                let s = ids(
                    &|v| p.coder_by_name(v).map(|c| c.id.0),
                    QueryErrorKind::NoCoder,
                )?;
                Test::Coders(s.into_iter().map(CoderId).collect())
            }
            // No document group of that name, but a document variable
            // called "group" with that value (a study that keeps its
            // groups as a variable): the variable is meant.
            Key::Group
                if !r
                    .values
                    .iter()
                    .all(|v| p.groups.iter().any(|g| g.name.trim() == v)) =>
            {
                let var = ["group", "گروه"].into_iter().find(|name| {
                    r.values.iter().all(|v| {
                        p.documents
                            .iter()
                            .any(|d| d.variables.get(*name).is_some_and(|x| x.trim() == v.trim()))
                    })
                });
                match var {
                    Some(name) => Test::Variable(name, &r.values),
                    None => {
                        let s = ids(
                            &|v| p.groups.iter().find(|g| g.name.trim() == v).map(|g| g.id.0),
                            QueryErrorKind::NoGroup,
                        )?;
                        Test::Groups(s.into_iter().map(GroupId).collect())
                    }
                }
            }
            Key::Group => {
                let s = ids(
                    &|v| p.groups.iter().find(|g| g.name.trim() == v).map(|g| g.id.0),
                    QueryErrorKind::NoGroup,
                )?;
                Test::Groups(s.into_iter().map(GroupId).collect())
            }
            Key::Document => {
                let s = ids(
                    &|v| p.document_by_name(v).map(|d| d.id.0),
                    QueryErrorKind::NoDocument,
                )?;
                Test::Documents(s.into_iter().map(DocId).collect())
            }
            // A study that keeps a document variable called speaker means it.
            Key::Speaker
                if p.documents.iter().any(|d| {
                    d.variables.contains_key("speaker") || d.variables.contains_key("گوینده")
                }) =>
            {
                let name = ["speaker", "گوینده"]
                    .into_iter()
                    .find(|n| p.documents.iter().any(|d| d.variables.contains_key(*n)))
                    .unwrap_or("speaker");
                Test::Variable(name, &r.values)
            }
            Key::Speaker => {
                // A name no line has is a slip, not an empty answer.
                let spoken = |v: &str| {
                    p.documents.iter().any(|d| {
                        (1..=d.line_count()).any(|n| d.speaker_of_line(n) == Some(v.trim()))
                    })
                };
                if let Some(i) = r.values.iter().position(|v| !spoken(v)) {
                    return Err(fail(i, QueryErrorKind::NoSpeaker(r.values[i].clone())));
                }
                Test::Speakers(&r.values)
            }
            Key::Variable(name) => {
                if !p.documents.iter().any(|d| d.variables.contains_key(name)) {
                    return Err(QueryError {
                        at: r.at,
                        kind: QueryErrorKind::NoVariable(name.clone()),
                    });
                }
                Test::Variable(name, &r.values)
            }
        })
    }

    /// `passes`, or with `!=` its opposite; a variable's `!=` asks for
    /// documents that have the variable (`role != "council"` is not every
    /// interview too).
    fn holds(&self, c: &Coding, d: &Document, negated: bool) -> bool {
        match (self, negated) {
            (_, false) => self.passes(c, d),
            (Test::Variable(name, _), true) => {
                d.variables.contains_key(*name) && !self.passes(c, d)
            }
            (_, true) => !self.passes(c, d),
        }
    }

    fn passes(&self, c: &Coding, d: &Document) -> bool {
        match self {
            Test::Coders(s) => s.contains(&c.coder),
            Test::Groups(s) => d.group.is_some_and(|g| s.contains(&g)),
            Test::Documents(s) => s.contains(&d.id),
            Test::Speakers(values) => {
                let speaker = d.speaker_of_line(d.line_of(c.range.start));
                speaker.is_some_and(|s| values.iter().any(|v| v.trim() == s))
            }
            Test::Variable(name, values) => d
                .variables
                .get(*name)
                .is_some_and(|v| values.iter().any(|w| w.trim() == v.trim())),
        }
    }
}

/// The part of sorted `v` in document `doc`.
fn of_doc(v: &[Seg], doc: usize) -> &[Seg] {
    let a = v.partition_point(|s| s.doc < doc);
    let b = v.partition_point(|s| s.doc <= doc);
    &v[a..b]
}

fn joined(a: &[CodingId], b: &[CodingId]) -> Vec<CodingId> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    v.sort_unstable();
    v.dedup();
    v
}

/// `left op right`, both sorted by (document, range).
fn binary(p: &Project, op: Op, left: Vec<Seg>, right: Vec<Seg>) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < left.len() {
        let doc = left[from].doc;
        let to = from + left[from..].partition_point(|s| s.doc == doc);
        let ls = &left[from..to];
        let rs = of_doc(&right, doc);
        // The longest right segment bounds how far before a start an
        // overlapping one can begin.
        let longest = rs.iter().map(|s| s.range.len()).max().unwrap_or(0);
        let touching = |a: &Seg| -> &[Seg] {
            let lo = rs.partition_point(|b| b.range.start.0 + longest <= a.range.start.0);
            let hi = rs.partition_point(|b| b.range.start < a.range.end);
            &rs[lo..hi.max(lo)]
        };
        for a in ls {
            match op {
                Op::Overlaps => {
                    for b in touching(a).iter().filter(|b| b.range.overlaps(&a.range)) {
                        out.push(Seg {
                            doc,
                            range: CharRange {
                                start: a.range.start.max(b.range.start),
                                end: a.range.end.min(b.range.end),
                            },
                            codings: joined(&a.codings, &b.codings),
                        });
                    }
                }
                Op::Within => {
                    let outer: Vec<&Seg> = touching(a)
                        .iter()
                        .filter(|b| b.range.start <= a.range.start && a.range.end <= b.range.end)
                        .collect();
                    if !outer.is_empty() {
                        let mut codings = a.codings.clone();
                        for b in outer {
                            codings.extend_from_slice(&b.codings);
                        }
                        out.push(Seg {
                            doc,
                            range: a.range,
                            codings: joined(&codings, &[]),
                        });
                    }
                }
                Op::Not => {
                    if !touching(a).iter().any(|b| b.range.overlaps(&a.range)) {
                        out.push(a.clone());
                    }
                }
                Op::Followed(n) => {
                    let Some(d) = p.documents.get(doc) else {
                        continue;
                    };
                    // B starts after A's start, on a line at most n after
                    // A's last line.
                    let (_, last) = d.lines_of(a.range);
                    let limit = d
                        .line_range(last.saturating_add(n).min(d.line_count()))
                        .map_or(d.char_count(), |r| r.end.0);
                    let lo = rs.partition_point(|b| b.range.start <= a.range.start);
                    let hi = rs.partition_point(|b| b.range.start.0 <= limit);
                    for b in &rs[lo..hi.max(lo)] {
                        out.push(Seg {
                            doc,
                            range: CharRange {
                                start: a.range.start,
                                end: a.range.end.max(b.range.end),
                            },
                            codings: joined(&a.codings, &b.codings),
                        });
                    }
                }
            }
        }
        from = to;
    }
    out
}
