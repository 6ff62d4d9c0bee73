//! Loading a code hierarchy from a table (TSV or CSV): columns named
//! `category`, `subcategory`, `code` (or with a `_fa` suffix), plus optional
//! `*_en` columns that become each node's definition.

use super::{CliError, input};
use crate::edit::{Command, palette_color};
use crate::model::*;
use std::collections::BTreeMap;
use std::path::Path;

pub fn commands(p: &Project, file: &Path) -> Result<Vec<Command>, CliError> {
    let bytes = std::fs::read(file).map_err(|e| input(file, e))?;
    let text = crate::import::decode(&bytes, None)
        .map_err(|e| input(file, e))?
        .text;
    let delim = if file.extension().is_some_and(|e| e == "tsv") {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| input(file, format!("line 1: {e}")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let levels = [
        (col(&["category", "category_fa"]), col(&["category_en"])),
        (
            col(&["subcategory", "subcategory_fa"]),
            col(&["subcategory_en"]),
        ),
        (col(&["code", "code_fa"]), col(&["code_en"])),
    ];
    if levels[2].0.is_none() {
        return Err(input(file, "line 1: no 'code' column in the header"));
    }
    // Path of names -> new code id, so repeated parents are made once.
    let mut made: BTreeMap<Vec<String>, CodeId> = BTreeMap::new();
    let mut cmds = Vec::new();
    let mut n = p.codes.len();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| input(file, format!("line {}: {e}", i + 2)))?;
        let mut parent: Option<CodeId> = None;
        let mut path = Vec::new();
        for (name_col, en_col) in levels {
            let Some(nc) = name_col else { continue };
            let name = rec.get(nc).unwrap_or("").trim().to_string();
            if name.is_empty() {
                continue;
            }
            path.push(name.clone());
            if let Some(id) = made.get(&path) {
                parent = Some(*id);
                continue;
            }
            if let Some(id) = p.child_named(parent, &name) {
                parent = Some(id);
                continue;
            }
            let mut code = Code::new(&name, palette_color(n));
            n += 1;
            if let Some(ec) = en_col {
                code.description.definition = rec.get(ec).unwrap_or("").trim().to_string();
            }
            made.insert(path.clone(), code.id);
            cmds.push(Command::InsertCodes {
                parent,
                index: usize::MAX,
                codes: vec![code.clone()],
                codings: vec![],
                memos: vec![],
            });
            parent = Some(code.id);
        }
    }
    Ok(vec![Command::Batch {
        label: crate::edit::Step::LoadCodebook,
        commands: cmds,
    }])
}
