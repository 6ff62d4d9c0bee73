//! Counts and summaries of a project.

use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub documents: usize,
    pub codes: usize,
    /// Number of codes at each abstraction level, keyed by level (1 = code).
    pub codes_per_level: BTreeMap<usize, usize>,
    pub codings: usize,
    pub coders: usize,
    pub codings_per_coder: BTreeMap<String, usize>,
    pub memos: usize,
    pub words: usize,
    pub set_aside: usize,
}

pub fn stats(p: &Project) -> Stats {
    let ix = p.index();
    let mut per_level = BTreeMap::new();
    for id in p.codes.keys() {
        *per_level.entry(ix.level(*id)).or_insert(0) += 1;
    }
    let mut per_coder = BTreeMap::new();
    for c in p.codings.values() {
        *per_coder
            .entry(p.coder_name(c.coder).to_string())
            .or_insert(0) += 1;
    }
    Stats {
        documents: p.documents.len(),
        codes: p.codes.len(),
        codes_per_level: per_level,
        codings: p.codings.len(),
        coders: p.coders.len(),
        codings_per_coder: per_coder,
        memos: p.memos.len(),
        words: p
            .documents
            .iter()
            .map(|d| d.text().split_whitespace().count())
            .sum(),
        set_aside: p.set_aside.codings.len()
            + p.set_aside.memos.len()
            + p.set_aside.codes.len()
            + p.set_aside.documents.len(),
    }
}

/// Where the code tree leaves the project's levels (three by default: code,
/// subcategory, category): codes deeper than that, and codings on codes that
/// have children (a category or subcategory coded directly). Not errors,
/// since other tools' projects have any depth, but a researcher should know.
pub fn level_notes(p: &Project) -> Vec<String> {
    off_level(p)
        .into_iter()
        .flat_map(|o| {
            let path = p.code_path_label(o.id, "/");
            let deep = o.too_deep.then(|| {
                format!(
                    "code '{path}' is at depth {} of a tree meant to have {} levels",
                    o.depth, p.level_count
                )
            });
            let coded = (o.coded_parent > 0).then(|| {
                format!(
                    "code '{path}' has {} coding(s) of its own but also child codes; codings belong on level-1 codes",
                    o.coded_parent
                )
            });
            deep.into_iter().chain(coded)
        })
        .collect()
}

/// Codes that leave the levels, for the tree's marker.
pub fn off_level_codes(p: &Project) -> std::collections::BTreeSet<CodeId> {
    off_level(p).into_iter().map(|o| o.id).collect()
}

/// A code outside the levels, and why.
struct OffLevel {
    id: CodeId,
    /// 1 for a top-level code.
    depth: usize,
    too_deep: bool,
    /// Its own codings, when it also has children (else 0).
    coded_parent: usize,
}

fn off_level(p: &Project) -> Vec<OffLevel> {
    let ix = p.index();
    p.walk()
        .into_iter()
        .filter_map(|(id, depth)| {
            let code = p.codes.get(&id)?;
            let own = ix.own_count(id);
            let o = OffLevel {
                id,
                depth: depth + 1,
                too_deep: depth + 1 > p.level_count,
                coded_parent: if code.children.is_empty() { 0 } else { own },
            };
            (o.too_deep || o.coded_parent > 0).then_some(o)
        })
        .collect()
}
