//! The on-disk shape of a `.strata` file (RON). Collections are lists here,
//! so that duplicate IDs in a damaged file can be seen and reported.

use crate::model::*;
use serde::{Deserialize, Serialize};

pub const FORMAT_NAME: &str = "strata.project";
/// Version written by this build. Bump it and add a migration in `migrate`
/// when the format changes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
pub struct ProjectFile {
    pub format: String,
    pub version: u32,
    pub project: FileProject,
}

#[derive(Serialize, Deserialize)]
pub struct FileProject {
    pub id: ProjectId,
    pub name: String,
    pub level_names: Vec<String>,
    #[serde(default)]
    pub interviewer_labels: Vec<String>,
    #[serde(default)]
    pub coders: Vec<Coder>,
    #[serde(default)]
    pub groups: Vec<DocGroup>,
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Top-level codes in order.
    #[serde(default)]
    pub roots: Vec<CodeId>,
    #[serde(default)]
    pub codes: Vec<Code>,
    #[serde(default)]
    pub codings: Vec<Coding>,
    #[serde(default)]
    pub memos: Vec<Memo>,
    #[serde(default, skip_serializing_if = "SetAside::is_empty")]
    pub set_aside: SetAside,
}

impl FileProject {
    /// Deterministic: maps are written in ID order, codings by position.
    pub fn from_project(p: &Project) -> Self {
        let mut codings: Vec<Coding> = p.codings.values().cloned().collect();
        let order: std::collections::BTreeMap<DocId, usize> = p
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        codings.sort_by_key(|c| {
            (
                order.get(&c.document).copied().unwrap_or(usize::MAX),
                c.range.start,
                c.range.end,
                c.id,
            )
        });
        Self {
            id: p.id,
            name: p.name.clone(),
            level_names: p.level_names.clone(),
            interviewer_labels: p.interviewer_labels.clone(),
            coders: p.coders.clone(),
            groups: p.groups.clone(),
            documents: p.documents.clone(),
            roots: p.roots.clone(),
            codes: p.codes.values().cloned().collect(),
            codings,
            memos: p.memos.values().cloned().collect(),
            set_aside: p.set_aside.clone(),
        }
    }
}

/// Find `version: N` near the top without parsing the whole file, so that a
/// file from a newer Strata is refused even if this build cannot parse it.
pub fn sniff_version(text: &str) -> Option<u32> {
    text.lines().take(40).find_map(|line| {
        let rest = line.trim().strip_prefix("version:")?;
        rest.trim().trim_end_matches(',').trim().parse().ok()
    })
}

pub fn sniff_format(text: &str) -> Option<String> {
    text.lines().take(40).find_map(|line| {
        let rest = line.trim().strip_prefix("format:")?;
        Some(
            rest.trim()
                .trim_end_matches(',')
                .trim()
                .trim_matches('"')
                .to_string(),
        )
    })
}
