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
    let mut per_level = BTreeMap::new();
    for id in p.codes.keys() {
        *per_level.entry(p.level_of(*id)).or_insert(0) += 1;
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
