//! `strata freq` and `strata words`: code frequencies and word frequencies
//! (`analysis::freq`), as aligned text tables or as JSON.
//!
//! `freq --json` prints the rows in tree order:
//! `[{"path": ["Category", "Sub", "Code"], "level": 1, "codings": 3,
//! "documents": 2, "coders": 2, "words": 41}, …]`.
//!
//! `words --json` prints `{"total": N, "documents": N, "words": [{"word":
//! "اینترنت", "folded": "اینترنت", "count": 3, "documents": 2}, …]}`, most
//! frequent first (then by folded form); `total` is every word in the
//! scope before stop words, short words and numbers are left out, and
//! `documents` the documents with text in the scope.

use super::matrix::{table, to_json};
use super::{CliError, Cmd, input, load, print_out};
use crate::analysis::freq::{self, Scope, StopWords, WordOptions};
use crate::model::*;
use std::path::Path;

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::Freq { project, json } => {
            let p = load(&project)?;
            let rows = freq::code_frequencies(&p);
            let text = if json {
                to_json(&rows).map_err(|e| input(&project, e))?
            } else {
                let head = ["Code", "Codings", "Documents", "Coders", "Words coded"]
                    .map(String::from)
                    .to_vec();
                let body = rows
                    .iter()
                    .map(|r| {
                        vec![
                            format!(
                                "{}{}",
                                "  ".repeat(r.path.len().saturating_sub(1)),
                                r.path.last().map_or("", String::as_str)
                            ),
                            r.codings.to_string(),
                            r.documents.to_string(),
                            r.coders.to_string(),
                            r.words.to_string(),
                        ]
                    })
                    .collect();
                table(head, body, 1)
            };
            print_out(&text)
        }
        Cmd::Words {
            project,
            group,
            code,
            top,
            stop_words,
            no_stop_words,
            min_length,
            no_numbers,
            json,
        } => {
            let p = load(&project)?;
            let scope = scope(&p, &project, group.as_deref(), code.as_deref())?;
            let stop = match (no_stop_words, stop_words) {
                (true, _) => None,
                (false, None) => Some(StopWords::builtin()),
                (false, Some(file)) => {
                    let text = std::fs::read_to_string(&file)
                        .map_err(|e| input(&file, format!("cannot read the stop words: {e}")))?;
                    Some(StopWords::parse(&text))
                }
            };
            let opts = WordOptions {
                min_len: min_length,
                numbers: !no_numbers,
            };
            let mut f = freq::word_frequencies(&p, scope, &opts, stop.as_ref());
            if let Some(n) = top {
                f.words.truncate(n);
            }
            let text = if json {
                to_json(&f).map_err(|e| input(&project, e))?
            } else {
                let head = ["Word", "Count", "Documents"].map(String::from).to_vec();
                let body = f
                    .words
                    .iter()
                    .map(|w| vec![w.word.clone(), w.count.to_string(), w.documents.to_string()])
                    .collect();
                table(head, body, 1)
            };
            print_out(&text)
        }
        _ => Ok(()),
    }
}

/// The scope `--group` or `--code` names (neither: all documents).
fn scope(
    p: &Project,
    path: &Path,
    group: Option<&str>,
    code: Option<&str>,
) -> Result<Scope, CliError> {
    if let Some(name) = group {
        let g = p.groups.iter().find(|g| g.name == name).ok_or_else(|| {
            let names: Vec<&str> = p.groups.iter().map(|g| g.name.as_str()).collect();
            input(
                path,
                format!(
                    "no document group named '{name}'. Groups: {}",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
            )
        })?;
        return Ok(Scope::Group(g.id));
    }
    if let Some(c) = code {
        return Ok(Scope::Code(p.resolve_path(c).map_err(|e| input(path, e))?));
    }
    Ok(Scope::All)
}
