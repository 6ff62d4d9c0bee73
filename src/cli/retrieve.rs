//! `strata retrieve PROJECT --query "…"`: the hits of a complex retrieval
//! (`analysis::query`), one per line or as JSON.

use super::{CliError, input, load, print_out};
use crate::analysis::query;
use std::path::Path;

/// Chars of a hit's text in the plain listing.
const SHORT: usize = 80;

#[derive(serde::Serialize)]
struct JsonHit<'a> {
    document: &'a str,
    /// First and last line, 1-based.
    lines: [usize; 2],
    start: usize,
    end: usize,
    text: &'a str,
    codes: Vec<String>,
}

pub(super) fn run(path: &Path, text: &str, json: bool) -> Result<(), CliError> {
    let p = load(path)?;
    // A query that does not parse or names what the project lacks is bad
    // input (exit 1), like a bad file: the message names the project.
    let hits = query::run(&p, text).map_err(|e| input(path, error_text(text, &e)))?;
    let rows: Vec<JsonHit> = hits
        .iter()
        .filter_map(|h| {
            let d = p.document(h.document)?;
            let (a, b) = d.lines_of(h.range);
            Some(JsonHit {
                document: &d.name,
                lines: [a, b],
                start: h.range.start.0,
                end: h.range.end.0,
                text: d.slice(h.range),
                codes: query::hit_codes(&p, h, "/"),
            })
        })
        .collect();
    if json {
        let out = serde_json::to_string_pretty(&rows).map_err(|e| input(path, e))?;
        return print_out(&(out + "\n"));
    }
    let mut out = String::new();
    for h in &rows {
        let lines = if h.lines[0] == h.lines[1] {
            h.lines[0].to_string()
        } else {
            format!("{}-{}", h.lines[0], h.lines[1])
        };
        out += &format!(
            "{}:{lines}: {} [{}]\n",
            h.document,
            short(h.text),
            h.codes.join(", ")
        );
    }
    print_out(&out)?;
    let mut docs: Vec<&str> = rows.iter().map(|h| h.document).collect();
    docs.dedup();
    super::say(format_args!(
        "{} hit{} in {} document{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        docs.len(),
        if docs.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// A hit's text on one line, cut to `SHORT` chars.
fn short(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= SHORT {
        return one;
    }
    let cut: String = one.chars().take(SHORT - 1).collect();
    format!("{cut}…")
}

/// The error, and under the query a caret where it is (left-to-right text
/// only: a terminal may show Persian reordered, and the caret would lie).
fn error_text(text: &str, e: &query::QueryError) -> String {
    let mut s = format!("query {e}");
    if text.chars().all(|c| !c.is_alphabetic() || c.is_ascii()) {
        s += &format!("\n  {text}\n  {}^", " ".repeat(e.at));
    }
    s
}
