//! The three CSV files read as tables of named columns, and the parsing of
//! their cells (counts, dates, flags), each failure a `Problem`.

use super::{Problem, RowIssue, SocialError};
use crate::import::{DEFAULT_MAX_MIB, ImportError, MIB, decode, read_capped};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub(super) struct Table {
    pub path: PathBuf,
    /// Position of each expected column in the file's header.
    columns: Vec<(&'static str, usize)>,
    pub rows: Vec<Row>,
}

pub(super) struct Row {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    cells: Vec<String>,
}

impl Row {
    /// A cell, without outer spaces; empty when the row is short.
    pub fn get<'a>(&'a self, t: &Table, column: &str) -> &'a str {
        t.columns
            .iter()
            .find(|(c, _)| *c == column)
            .and_then(|(_, i)| self.cells.get(*i))
            .map_or("", |s| clean(s))
    }
}

impl Table {
    /// Read a CSV (UTF-8, with or without BOM, or another encoding that
    /// can be told) whose header names at least `expected`, in any order.
    pub fn read(path: &Path, expected: &[&'static str]) -> Result<Table, SocialError> {
        let bytes = read_capped(path, DEFAULT_MAX_MIB * MIB, 1)?;
        let text = decode(&bytes, None).map_err(|source| ImportError::Decode {
            path: path.to_path_buf(),
            source,
        })?;
        // Line ends as LF: with Excel's CRLF the reader's line numbers, which
        // name the rows in errors, would be one short.
        let text = crate::model::normalise_text(&text.text);
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let malformed = |line: u64, e: &csv::Error| SocialError::Malformed {
            file: path.to_path_buf(),
            line,
            msg: e.to_string(),
        };
        let header = rdr.headers().map_err(|e| malformed(1, &e))?.clone();
        let names: Vec<String> = header.iter().map(|h| clean(h).to_lowercase()).collect();
        // A column named twice: which one is meant cannot be told.
        if let Some(twice) = expected
            .iter()
            .find(|col| names.iter().filter(|n| n == col).count() > 1)
        {
            return Err(SocialError::ColumnTwice {
                file: path.to_path_buf(),
                column: twice,
            });
        }
        let mut columns = Vec::new();
        let mut missing = Vec::new();
        for col in expected {
            match names.iter().position(|n| n == col) {
                Some(i) => columns.push((*col, i)),
                None => missing.push(*col),
            }
        }
        if !missing.is_empty() {
            return Err(SocialError::Columns {
                file: path.to_path_buf(),
                missing,
                expected: expected.to_vec(),
            });
        }
        let mut rows = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let guess = i as u64 + 2;
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(guess, |p| p.line());
                malformed(line, &e)
            })?;
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue; // a blank line
            }
            rows.push(Row {
                line: rec.position().map_or(guess, |p| p.line()),
                cells: rec.iter().map(str::to_string).collect(),
            });
        }
        Ok(Table {
            path: path.to_path_buf(),
            columns,
            rows,
        })
    }

    pub fn issue(&self, row: &Row, column: &'static str, problem: Problem) -> RowIssue {
        RowIssue {
            file: self.path.clone(),
            row: row.line,
            column,
            problem,
        }
    }
}

/// A cell without outer spaces or the direction marks a right-to-left
/// spreadsheet leaves around it.
fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

/// Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII, for numbers and
/// dates typed in a Persian spreadsheet.
fn latin_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            c => c,
        })
        .collect()
}

/// A count: digits only (a spreadsheet's "1,234" or "1.2K" is refused
/// rather than guessed at).
pub(super) fn parse_count(cell: &str) -> Result<u64, Problem> {
    let s = &latin_digits(cell);
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::NotACount(cell.to_string()));
    }
    s.parse().map_err(|_| Problem::NotACount(cell.to_string()))
}

/// An ISO day, `2024-03-20`.
pub(super) fn parse_day(cell: &str) -> Result<NaiveDate, Problem> {
    if cell.is_empty() {
        return Err(Problem::Empty);
    }
    NaiveDate::parse_from_str(&latin_digits(cell), "%Y-%m-%d")
        .map_err(|_| Problem::NotADate(cell.to_string()))
}

/// An ISO day or time (`2024-03-20`, `2024-03-20T09:30`, `…:15Z`,
/// `…+03:30`): the day it falls on, as written.
pub(super) fn parse_date(cell: &str) -> Result<NaiveDate, Problem> {
    if let Ok(d) = parse_day(cell) {
        return Ok(d);
    }
    if cell.is_empty() {
        return Err(Problem::Empty);
    }
    let s = &latin_digits(cell);
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.date_naive());
    }
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())
    .map(|t| t.date())
    .ok_or_else(|| Problem::NotADate(cell.to_string()))
}

/// `true` or `false` (also yes/no, 1/0, any case).
pub(super) fn parse_flag(s: &str) -> Result<bool, Problem> {
    match s.to_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        "" => Err(Problem::Empty),
        _ => Err(Problem::NotAFlag(s.to_string())),
    }
}
