//! `strata search` and `strata autocode`: hits of a query
//! (`analysis::search`), printed, or coded in one step through the bulk
//! coding planner that `import-codings` uses (`import::codings::plan_rows`:
//! the same code paths, coders and skipping of codings already there).

use super::args::{ExtendArg, SearchHow};
use super::{CliError, Cmd, find_doc, input, load, modify, print_out};
use crate::analysis::search::{self, Autocode, Extend, Hit, Query};
use crate::model::*;
use std::path::Path;

macro_rules! say {
    ($($t:tt)*) => {
        super::say(format_args!($($t)*))
    };
}

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::Search {
            project,
            query,
            how,
            json,
        } => print_hits(&project, &query, &how, json),
        Cmd::Autocode {
            project,
            query,
            how,
            code,
            coder,
            create,
            extend,
        } => autocode(&project, &query, &how, &code, &coder, create, extend),
        _ => Ok(()),
    }
}

/// The documents `how` names (none: all).
fn only_docs(p: &Project, path: &Path, how: &SearchHow) -> Result<Vec<DocId>, CliError> {
    how.documents
        .iter()
        .map(|name| find_doc(p, path, name).map(|d| d.id))
        .collect()
}

fn query_of(query: &str, how: &SearchHow) -> Query {
    Query {
        text: query.to_string(),
        regex: how.regex,
        whole_word: how.whole_word,
    }
}

/// The hits of `query` in `p`, in the documents `how` names.
fn hits(p: &Project, path: &Path, query: &str, how: &SearchHow) -> Result<Vec<Hit>, CliError> {
    let only = only_docs(p, path, how)?;
    search::search(p, None, &only, &query_of(query, how))
        .map_err(|e| CliError::Usage(e.to_string()))
}

#[derive(serde::Serialize)]
struct JsonHit<'a> {
    document: &'a str,
    line: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

fn print_hits(path: &Path, query: &str, how: &SearchHow, json: bool) -> Result<(), CliError> {
    let p = load(path)?;
    let found = hits(&p, path, query, how)?;
    let rows: Vec<JsonHit> = found
        .iter()
        .filter_map(|h| {
            let d = p.document(h.document)?;
            Some(JsonHit {
                document: &d.name,
                line: h.line,
                start: h.range.start.0,
                end: h.range.end.0,
                text: d.slice(h.range),
            })
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| input(path, e))?;
        return print_out(&(text + "\n"));
    }
    let mut out = String::new();
    for h in &rows {
        out += &format!(
            "{}:{}: {}-{}: {}\n",
            h.document, h.line, h.start, h.end, h.text
        );
    }
    print_out(&out)?;
    let docs = {
        let mut ids: Vec<&str> = rows.iter().map(|h| h.document).collect();
        ids.dedup();
        ids.len()
    };
    say!(
        "{} hit{} in {docs} document{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        if docs == 1 { "" } else { "s" }
    );
    Ok(())
}

fn autocode(
    path: &Path,
    query: &str,
    how: &SearchHow,
    code: &str,
    coder: &str,
    create: bool,
    extend: ExtendArg,
) -> Result<(), CliError> {
    let extend = match extend {
        ExtendArg::Match => Extend::Match,
        ExtendArg::Sentence => Extend::Sentence,
        ExtendArg::Line => Extend::Line,
    };
    let a = Autocode {
        code: code.to_string(),
        coder: coder.to_string(),
        create,
        extend,
    };
    let mut summary = (0, 0, 0, 0, Vec::new());
    modify(path, None, |p| {
        let only = only_docs(p, path, how)?;
        let planned = search::plan_autocode(p, &query_of(query, how), &only, &a)
            .map_err(|e| input(path, e))?;
        let plan = planned.plan;
        summary = (
            planned.hits,
            plan.added,
            plan.already_there,
            plan.repeated,
            plan.codes_made.clone(),
        );
        if plan.added == 0 && plan.codes_made.is_empty() && plan.coders_made.is_empty() {
            return Ok(vec![]);
        }
        Ok(vec![plan.command])
    })?;
    let (hits, added, there, repeated, made) = summary;
    say!(
        "added {added} coding{} ({hits} hit{}; skipped {there} already coded with this code by this coder, {repeated} in a range another hit gave)",
        if added == 1 { "" } else { "s" },
        if hits == 1 { "" } else { "s" }
    );
    if !made.is_empty() {
        say!("made code path(s): {}", made.join(", "));
    }
    Ok(())
}
