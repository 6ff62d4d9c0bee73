//! Three-way merge of coders' copies of one project, by stable IDs, and
//! the difference between two versions of a project. Pure: no UI, no files.
//!
//! `merge(base, sides)` unions what each side added, takes what one side
//! changed, and settles what sides changed differently by a fixed rule
//! (the latest change wins; nothing else depends on the sides' order), with
//! every other value kept somewhere (a copy, a memo) and listed in the
//! report: nothing is silently lost. A document whose text differs between
//! sides is refused: codings are char ranges into one text.

mod assemble;
mod codes;
mod diff;
mod items;
mod norm;
mod report;
mod review;
mod sets;
mod show;
mod three;

pub use diff::{CodeChange, CoderCodings, ItemChange, ProjectDiff, diff};
pub use report::{
    Alternative, Conflict, ConflictKind, Joined, JoinedKind, MergeReport, SideSummary,
};
pub use show::show;

use crate::model::*;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MergeError {
    #[error("nothing to merge: give at least one copy besides the base")]
    NoSides,
    #[error(
        "{side} is not a copy of the base '{base}': its project ID differs, so they share no base. Merge only copies handed out from one project"
    )]
    NotSameBase { side: String, base: String },
    #[error(
        "document '{document}' has different text in {}; codings point into one text, so these copies cannot be merged. Nothing was merged",
        sides.join(", ")
    )]
    DocumentText {
        document: String,
        sides: Vec<String>,
    },
    #[error(
        "two different documents are named '{document}' (in {}); rename one in its copy and merge again. Nothing was merged",
        sides.join(", ")
    )]
    DocumentName {
        document: String,
        sides: Vec<String>,
    },
    #[error("the merged project could not be checked: {0}")]
    Check(String),
}

/// How a merge treats what a side deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// A coding deleted on one copy and left as it was on another is
    /// removed (git's three-way rule), not kept. Off by default: codings
    /// are unioned, as MAXQDA's and NVivo's merges do, and each one kept
    /// that way is listed.
    pub honour_deletions: bool,
}

/// Work in progress: the base, the sides (normalised: coders and joined
/// documents under their merged IDs) and what is merged so far.
struct Merger<'a> {
    base: &'a Project,
    opts: MergeOptions,
    sides: Vec<Project>,
    labels: Vec<String>,
    report: MergeReport,
    /// Conflicts about a code: their `item` is the code's merged path,
    /// known only at the end.
    code_conflicts: Vec<(CodeId, Conflict)>,
    coders: Vec<Coder>,
    codes: BTreeMap<CodeId, Code>,
    parent: BTreeMap<CodeId, Option<CodeId>>,
    codings: BTreeMap<CodingId, Coding>,
    memos: BTreeMap<MemoId, Memo>,
    documents: BTreeMap<DocId, Document>,
    groups: BTreeMap<GroupId, DocGroup>,
    /// Deleted by a side, unless something kept still needs them: the
    /// sides that deleted each.
    gone_codes: BTreeMap<CodeId, Vec<usize>>,
    gone_codings: BTreeMap<CodingId, Vec<usize>>,
    gone_documents: BTreeMap<DocId, Vec<usize>>,
    gone_groups: BTreeMap<GroupId, Vec<usize>>,
    /// Memos deleted on one side and left on another: kept (codings are
    /// unioned, and a kept coding keeps its memos) where what they are
    /// about is in the merge.
    held_memos: BTreeMap<MemoId, (Memo, Vec<usize>)>,
}

impl Merger<'_> {
    fn side_names(&self, sides: &[usize]) -> Vec<String> {
        let mut v: Vec<String> = sides.iter().map(|i| self.labels[*i].clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    fn alternatives(&self, others: Vec<(String, Vec<usize>)>) -> Vec<Alternative> {
        others
            .into_iter()
            .map(|(value, s)| Alternative {
                value,
                sides: self.side_names(&s),
            })
            .collect()
    }

    fn conflict(&mut self, c: Conflict) {
        self.report.conflicts.push(c);
    }
}

/// Merge `sides` (a label each, e.g. its file name, and the project) that
/// all started from `base`. The result has the base's project ID, and is
/// the same whatever the order of the sides.
pub fn merge(
    base: &Project,
    sides: &[(&str, &Project)],
) -> Result<(Project, MergeReport), MergeError> {
    merge_with(base, sides, MergeOptions::default())
}

/// `merge`, with a choice about deletions.
pub fn merge_with(
    base: &Project,
    sides: &[(&str, &Project)],
    opts: MergeOptions,
) -> Result<(Project, MergeReport), MergeError> {
    if sides.is_empty() {
        return Err(MergeError::NoSides);
    }
    if let Some((label, _)) = sides.iter().find(|(_, p)| p.id != base.id) {
        return Err(MergeError::NotSameBase {
            side: label.to_string(),
            base: base.name.clone(),
        });
    }
    norm::check_texts(base, sides)?;
    let mut m = Merger {
        base,
        opts,
        sides: sides.iter().map(|(_, p)| (*p).clone()).collect(),
        labels: sides.iter().map(|(l, _)| l.to_string()).collect(),
        report: MergeReport {
            base: base.name.clone(),
            ..MergeReport::default()
        },
        code_conflicts: Vec::new(),
        coders: Vec::new(),
        codes: BTreeMap::new(),
        parent: BTreeMap::new(),
        codings: BTreeMap::new(),
        memos: BTreeMap::new(),
        documents: BTreeMap::new(),
        groups: BTreeMap::new(),
        gone_codes: BTreeMap::new(),
        gone_codings: BTreeMap::new(),
        gone_documents: BTreeMap::new(),
        gone_groups: BTreeMap::new(),
        held_memos: BTreeMap::new(),
    };
    m.summarise();
    m.merge_coders();
    m.join_documents()?;
    m.merge_documents();
    m.merge_groups();
    m.merge_codes();
    m.merge_codings();
    m.merge_memos();
    m.keep_what_is_used();
    m.break_cycles();
    m.join_same_paths();
    m.join_identical_codings();
    m.check_document_names()?;
    let mut project = m.assemble();
    m.merge_review(&mut project);
    let mut report = m.report;
    for (id, mut c) in m.code_conflicts {
        if project.codes.contains_key(&id) {
            c.item = project.code_path_label(id, " › ");
        }
        report.conflicts.push(c);
    }
    // Each conflict also opens a review thread, so that the supervisor
    // settles it in the window and the review report lists it.
    report.sort();
    review::conflict_threads(&mut project, &report.conflicts, &m.sides);
    // Through the file format and its checks, as every project that is
    // opened: the merged project is exactly what its file will hold.
    let text = crate::store::to_string(&project).map_err(|e| MergeError::Check(e.to_string()))?;
    let (project, problems) = crate::store::from_str(&text, std::path::Path::new("merged"))
        .map_err(|e| MergeError::Check(e.to_string()))?;
    if let Some(p) = problems.first() {
        return Err(MergeError::Check(p.to_string()));
    }
    report.codings = project.codings.len();
    report.codes = project.codes.len();
    report.memos = project.memos.len();
    report.sort();
    Ok((project, report))
}
