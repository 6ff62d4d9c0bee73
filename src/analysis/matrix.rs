//! The code matrix: codes (rows, in tree order) by documents, document
//! groups or the values of a document variable (columns, in project
//! order), counting codings or coded documents. A category's or
//! subcategory's row counts its whole subtree, its own codings included.

use crate::model::*;
use serde::Serialize;
use std::collections::HashMap;

/// The column of a document with no group.
pub const NO_GROUP: &str = "(no group)";
/// The column of a document without the variable (or with it empty).
pub const NO_VALUE: &str = "(no value)";

/// What the columns are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By {
    /// Each document, in project order.
    Document,
    /// Each document group, in project order, then `NO_GROUP` if a
    /// document has none.
    Group,
    /// Each value of the variable, in the order documents first show it,
    /// then `NO_VALUE` if a document lacks it.
    Variable(String),
}

/// What a cell counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountUnit {
    /// Codings of the code (or of its subtree).
    Coding,
    /// Documents with at least one coding of the code (or its subtree).
    Document,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Matrix {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Code names from the root down to this code.
    pub path: Vec<String>,
    /// 1 for a code, 2 for a subcategory, 3 for a category.
    pub level: usize,
    /// One count per column.
    pub counts: Vec<usize>,
    /// Over all columns (every document is in exactly one column, so for
    /// coded documents too it is the sum of `counts`).
    pub total: usize,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MatrixError {
    #[error("no document has a variable named '{name}'. Variables: {}", if known.is_empty() { "none".to_string() } else { known.join(", ") })]
    NoVariable { name: String, known: Vec<String> },
}

/// Column names, and each document's column by its position.
pub fn columns(p: &Project, by: &By) -> Result<(Vec<String>, Vec<usize>), MatrixError> {
    match by {
        By::Document => Ok((
            p.documents.iter().map(|d| d.name.clone()).collect(),
            (0..p.documents.len()).collect(),
        )),
        By::Group => {
            let mut names: Vec<String> = p.groups.iter().map(|g| g.name.clone()).collect();
            let at: HashMap<GroupId, usize> = p
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.id, i))
                .collect();
            let none = names.len();
            let of: Vec<usize> = p
                .documents
                .iter()
                .map(|d| d.group.and_then(|g| at.get(&g).copied()).unwrap_or(none))
                .collect();
            if of.contains(&none) {
                names.push(NO_GROUP.to_string());
            }
            Ok((names, of))
        }
        By::Variable(name) => {
            if !p.documents.iter().any(|d| d.variables.contains_key(name)) {
                let mut known: Vec<String> = p
                    .documents
                    .iter()
                    .flat_map(|d| d.variables.keys().cloned())
                    .collect();
                known.sort();
                known.dedup();
                return Err(MatrixError::NoVariable {
                    name: name.clone(),
                    known,
                });
            }
            let mut names: Vec<String> = Vec::new();
            let mut at: HashMap<&str, usize> = HashMap::new();
            let mut of: Vec<Option<usize>> = Vec::with_capacity(p.documents.len());
            for d in &p.documents {
                let v = d
                    .variables
                    .get(name)
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty());
                of.push(v.map(|v| {
                    *at.entry(v).or_insert_with(|| {
                        names.push(v.to_string());
                        names.len() - 1
                    })
                }));
            }
            let none = names.len();
            if of.iter().any(Option::is_none) {
                names.push(NO_VALUE.to_string());
            }
            Ok((names, of.into_iter().map(|c| c.unwrap_or(none)).collect()))
        }
    }
}

/// The matrix of the whole project (all coders' codings).
pub fn matrix(p: &Project, by: &By, unit: CountUnit) -> Result<Matrix, MatrixError> {
    let (names, col_of_doc) = columns(p, by)?;
    let ix = p.index();
    let walk = p.walk();
    let width = names.len();
    // Each row's documents by position (sorted, once each) or codings per
    // column, from its own codings; then added up the tree.
    let mut docs: Vec<Vec<usize>> = vec![Vec::new(); walk.len()];
    let mut counts: Vec<Vec<usize>> = vec![vec![0; width]; walk.len()];
    for (row, (id, _)) in walk.iter().enumerate() {
        for c in ix
            .codings_of_code(*id)
            .iter()
            .filter_map(|c| p.codings.get(c))
        {
            let Some(pos) = ix.document_position(c.document) else {
                continue;
            };
            match unit {
                CountUnit::Coding => counts[row][col_of_doc[pos]] += 1,
                CountUnit::Document => docs[row].push(pos),
            }
        }
        if unit == CountUnit::Document {
            docs[row].sort_unstable();
            docs[row].dedup();
        }
    }
    // Going backwards, every child comes before its parent.
    let parent = super::walk_parents(&walk);
    for row in (0..walk.len()).rev() {
        let Some(up) = parent[row] else { continue };
        match unit {
            CountUnit::Coding => {
                let child = std::mem::take(&mut counts[row]);
                for (a, b) in counts[up].iter_mut().zip(&child) {
                    *a += b;
                }
                counts[row] = child;
            }
            CountUnit::Document => {
                let child = std::mem::take(&mut docs[row]);
                docs[up] = merge(&docs[up], &child);
                docs[row] = child;
            }
        }
    }
    if unit == CountUnit::Document {
        for (row, ds) in docs.iter().enumerate() {
            for pos in ds {
                counts[row][col_of_doc[*pos]] += 1;
            }
        }
    }
    let mut path: Vec<String> = Vec::new();
    let rows = walk
        .iter()
        .zip(counts)
        .map(|((id, depth), counts)| {
            path.truncate(*depth);
            path.push(p.codes.get(id).map(|c| c.name.clone()).unwrap_or_default());
            Row {
                path: path.clone(),
                level: p.level_of(*id),
                total: counts.iter().sum(),
                counts,
            }
        })
        .collect();
    Ok(Matrix {
        columns: names,
        rows,
    })
}

/// The union of two sorted lists without repeats.
fn merge(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
