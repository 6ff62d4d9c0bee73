//! Reading the rows of a bulk coding import: a CSV with a header (or a
//! TSV), or JSONL (one object per line). Both come down to the same named
//! fields, checked the same way; see `codings` for what they mean.

use super::codings::{ReadRows, Row, RowError, Span, parse_number, parse_span};
use std::collections::BTreeSet;

/// The fields Strata reads, by their canonical name, with the other names
/// they go by (the peers' `codings.jsonl` says `doc`, `start_char`, …).
const FIELDS: [(&str, &[&str]); 10] = [
    ("document", &["doc", "document_name", "file"]),
    ("start", &["start_char", "char_start"]),
    ("end", &["end_char", "char_end"]),
    ("chars", &[]),
    ("lines", &["line"]),
    ("line_start", &["start_line", "first_line"]),
    ("line_end", &["end_line", "last_line"]),
    ("code", &["code_path", "path"]),
    ("coder", &["user", "owner"]),
    ("memo", &["note", "comment"]),
];

/// The canonical name of a column or key, if Strata reads it.
fn field(name: &str) -> Option<usize> {
    let n = name
        .trim()
        .trim_start_matches('\u{FEFF}')
        .to_lowercase()
        .replace([' ', '-'], "_");
    FIELDS
        .iter()
        .position(|(f, aliases)| *f == n || aliases.contains(&n.as_str()))
}

const DOCUMENT: usize = 0;
const START: usize = 1;
const END: usize = 2;
const CHARS: usize = 3;
const LINES: usize = 4;
const LINE_START: usize = 5;
const LINE_END: usize = 6;
const CODE: usize = 7;
const CODER: usize = 8;
const MEMO: usize = 9;

/// One row's fields as text (blank cells are None).
type Fields = [Option<String>; FIELDS.len()];

/// A row from its fields, or every problem it has.
fn row(line: u64, f: Fields) -> Result<Row, Vec<String>> {
    let mut problems = Vec::new();
    let given = |i: usize| f[i].as_deref().map(str::trim).filter(|s| !s.is_empty());
    let document = given(DOCUMENT);
    let code = given(CODE);
    if document.is_none() {
        problems.push("no document given".to_string());
    }
    if code.is_none() {
        problems.push("no code given".to_string());
    }
    let number = |i: usize, what: &str| {
        let s = given(i).unwrap_or("");
        parse_number(s).ok_or_else(|| format!("{what} '{s}' is not a whole number"))
    };
    let by_chars = [START, END, CHARS].iter().any(|i| given(*i).is_some());
    let by_lines = [LINES, LINE_START, LINE_END]
        .iter()
        .any(|i| given(*i).is_some());
    let span = match (by_chars, by_lines) {
        (true, true) => Err("give either start/end (chars) or lines, not both".to_string()),
        (false, false) => {
            Err("no range: give start and end (chars, 0-based) or lines (1-based)".to_string())
        }
        (false, true) => match given(LINES) {
            Some(l) => parse_span(l)
                .map(|(a, b)| Span::Lines(a, b))
                .ok_or_else(|| format!("lines '{l}' is not A-B (such as 12-14) or one line")),
            None => number(LINE_START, "line_start").and_then(|a| match given(LINE_END) {
                Some(_) => number(LINE_END, "line_end").map(|b| Span::Lines(a, b)),
                None => Ok(Span::Lines(a, a)),
            }),
        },
        (true, false) => match given(CHARS) {
            Some(c) => parse_span(c)
                .map(|(a, b)| Span::Chars(a, b))
                .ok_or_else(|| format!("chars '{c}' is not A-B (such as 120-168)")),
            None => match (number(START, "start"), number(END, "end")) {
                (Ok(a), Ok(b)) => Ok(Span::Chars(a, b)),
                (a, b) => Err([a.err(), b.err()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; ")),
            },
        },
    };
    match (document, code, span) {
        (Some(d), Some(c), Ok(span)) => Ok(Row {
            line,
            document: d.to_string(),
            span,
            code: c.to_string(),
            coder: given(CODER).map(str::to_string),
            memo: f[MEMO].clone().filter(|m| !m.trim().is_empty()),
        }),
        (_, _, span) => {
            problems.extend(span.err());
            Err(problems)
        }
    }
}

fn push(out: &mut ReadRows, line: u64, fields: Fields) {
    match row(line, fields) {
        Ok(r) => out.rows.push(r),
        Err(problems) => out
            .errors
            .extend(problems.into_iter().map(|msg| RowError { line, msg })),
    }
}

/// A CSV (or, if its header has tabs and no commas, TSV) with a header row.
pub(super) fn csv_rows(text: &str) -> Result<ReadRows, Vec<RowError>> {
    let header_line = text.lines().next().unwrap_or("");
    let tsv = header_line.contains('\t') && !header_line.contains(',');
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(if tsv { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let fatal = |msg: String| vec![RowError { line: 1, msg }];
    let headers = rdr.headers().map_err(|e| fatal(e.to_string()))?.clone();
    let mut out = ReadRows::default();
    let mut columns: Vec<Option<usize>> = Vec::new();
    let mut seen = BTreeSet::new();
    for h in headers.iter() {
        let f = field(h);
        match f {
            Some(i) if !seen.insert(i) => {
                return Err(fatal(format!(
                    "the header names the column '{}' twice",
                    FIELDS[i].0
                )));
            }
            None if !h.trim().is_empty() => out.ignored.push(h.trim().to_string()),
            _ => {}
        }
        columns.push(f);
    }
    let missing: Vec<&str> = [DOCUMENT, CODE]
        .iter()
        .filter(|i| !seen.contains(*i))
        .map(|i| FIELDS[*i].0)
        .collect();
    let ranged = [START, CHARS, LINES, LINE_START]
        .iter()
        .any(|i| seen.contains(i));
    if !missing.is_empty() || !ranged {
        return Err(fatal(format!(
            "the header needs the columns document, code and a range (start,end or lines or line_start,line_end); coder and memo are optional. It has: {}",
            headers.iter().collect::<Vec<_>>().join(", ")
        )));
    }
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                out.errors.push(RowError {
                    line,
                    msg: e.to_string(),
                });
                continue;
            }
        };
        let line = rec.position().map_or(line, |p| p.line());
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line
        }
        let mut fields: Fields = Default::default();
        for (cell, col) in rec.iter().zip(&columns) {
            if let Some(f) = col {
                fields[*f] = Some(cell.to_string());
            }
        }
        push(&mut out, line, fields);
    }
    Ok(out)
}

/// One JSON object per line; blank lines are skipped.
pub(super) fn jsonl_rows(text: &str) -> Result<ReadRows, Vec<RowError>> {
    use serde_json::Value;
    let mut out = ReadRows::default();
    let mut ignored = BTreeSet::new();
    for (i, l) in text.lines().enumerate() {
        let line = i as u64 + 1;
        if l.trim().is_empty() {
            continue;
        }
        let obj = match serde_json::from_str::<Value>(l) {
            Ok(Value::Object(obj)) => obj,
            Ok(_) => {
                out.errors.push(RowError {
                    line,
                    msg: "not a JSON object ({…})".into(),
                });
                continue;
            }
            Err(e) => {
                out.errors.push(RowError {
                    line,
                    msg: format!("not JSON: {e}"),
                });
                continue;
            }
        };
        let mut fields: Fields = Default::default();
        for (k, v) in obj {
            let Some(f) = field(&k) else {
                ignored.insert(k);
                continue;
            };
            fields[f] = match v {
                Value::Null => None,
                Value::String(s) => Some(s),
                Value::Number(n) => Some(n.to_string()),
                // A code path as its names, lines as [first, last].
                Value::Array(items) => Some(
                    items
                        .iter()
                        .map(|x| match x {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(if f == CODE { "/" } else { "-" }),
                ),
                other => Some(other.to_string()),
            };
        }
        push(&mut out, line, fields);
    }
    out.ignored = ignored.into_iter().collect();
    Ok(out)
}
