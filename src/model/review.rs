//! A supervisor's review: comment threads on codes, codings and the
//! project, a verdict per code (accepted or needing work), proposals
//! (rename, merge, move) applied with one click, and review points that
//! record the project as it was, so that what changed since can be listed.
//!
//! These types are also version 5's file shape (`review` in the project);
//! freeze a copy in `store` when they change.

use super::{Code, CodeId, Coder, CoderId, Coding, CodingId, DocId, Memo, MemoId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

macro_rules! review_id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

review_id!(
    /// A comment thread.
    ThreadId
);
review_id!(
    /// One comment in a thread.
    CommentId
);
review_id!(
    /// A review point.
    PointId
);

/// What a thread is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReviewTarget {
    Project,
    /// A code, subcategory or category.
    Code(CodeId),
    Coding(CodingId),
}

/// A change the supervisor proposes; applying it runs the same commands
/// the tree uses, as one undo step with resolving the thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proposal {
    Rename {
        to: String,
    },
    /// Merge the thread's code into another (its codings move there).
    Merge {
        into: CodeId,
    },
    /// Move the thread's code under another (None: to the top level).
    Move {
        under: Option<CodeId>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    pub author: Option<CoderId>,
    pub at: DateTime<Utc>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub id: ThreadId,
    pub target: ReviewTarget,
    /// In the order written; the first opened the thread.
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub resolved: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
    /// A thread a merge opened about a conflict: what it was, so that the
    /// window and the report say it in their language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<ConflictNote>,
}

/// A merge conflict, as a thread keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictNote {
    /// The conflict's kind, as `merge`'s report names it (`renamed`,
    /// `moved`, `deleted_on_one_side`, …).
    pub kind: String,
    /// What it is about (a code's path, a coding, a memo's title…).
    pub item: String,
    /// The value kept.
    pub kept: String,
    /// The other values, each with the copies that had it.
    pub others: Vec<String>,
}

impl Thread {
    pub fn opened(&self) -> Option<DateTime<Utc>> {
        self.comments.first().map(|c| c.at)
    }
}

/// A supervisor's verdict on a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Accepted,
    NeedsWork,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeVerdict {
    pub verdict: Verdict,
    pub by: Option<CoderId>,
    pub at: DateTime<Utc>,
}

/// The project's coding as it was at a review point: the tree, codings,
/// memos and coders, without the documents' texts (which a merge refuses
/// to change anyway), so that what changed since can be listed exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub roots: Vec<CodeId>,
    pub codes: Vec<Code>,
    pub codings: Vec<Coding>,
    pub memos: Vec<Memo>,
    pub coders: Vec<Coder>,
    /// Document names, for reading the list after a document is removed.
    pub documents: Vec<(DocId, String)>,
}

impl Snapshot {
    pub fn of(p: &super::Project) -> Self {
        Self {
            roots: p.roots.clone(),
            codes: p.codes.values().cloned().collect(),
            codings: p.codings.values().cloned().collect(),
            memos: p.memos.values().cloned().collect(),
            coders: p.coders.clone(),
            documents: p.documents.iter().map(|d| (d.id, d.name.clone())).collect(),
        }
    }

    /// The project as it was at this point, for comparing with `now`: its
    /// tree, codings, memos and coders, and now's documents (texts do not
    /// change) under their names of then.
    pub fn project(&self, now: &super::Project) -> super::Project {
        let mut p = super::Project::new(now.name.clone());
        p.id = now.id;
        p.level_names = now.level_names.clone();
        p.level_count = now.level_count;
        p.coders = self.coders.clone();
        p.documents = self
            .documents
            .iter()
            .map(|(id, name)| {
                let mut d = now
                    .document(*id)
                    .cloned()
                    .unwrap_or_else(|| super::Document::new(name.clone(), ""));
                d.id = *id;
                d.name = name.clone();
                d
            })
            .collect();
        p.roots = self.roots.clone();
        p.codes = self.codes.iter().map(|c| (c.id, c.clone())).collect();
        p.codings = self.codings.iter().map(|c| (c.id, c.clone())).collect();
        p.memos = self.memos.iter().map(|m| (m.id, m.clone())).collect();
        p
    }

    pub fn memo(&self, id: MemoId) -> Option<&Memo> {
        self.memos.iter().find(|m| m.id == id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPoint {
    pub id: PointId,
    pub name: String,
    pub by: Option<CoderId>,
    pub at: DateTime<Utc>,
    pub snapshot: Snapshot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub threads: BTreeMap<ThreadId, Thread>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub verdicts: BTreeMap<CodeId, CodeVerdict>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<ReviewPoint>,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.threads.is_empty() && self.verdicts.is_empty() && self.points.is_empty()
    }

    /// Threads about `target`, oldest first.
    pub fn threads_on(&self, target: ReviewTarget) -> Vec<&Thread> {
        let mut v: Vec<&Thread> = self
            .threads
            .values()
            .filter(|t| t.target == target)
            .collect();
        v.sort_by_key(|t| (t.opened(), t.id));
        v
    }

    /// Open threads, oldest first.
    pub fn open_threads(&self) -> Vec<&Thread> {
        let mut v: Vec<&Thread> = self.threads.values().filter(|t| !t.resolved).collect();
        v.sort_by_key(|t| (t.opened(), t.id));
        v
    }

    pub fn open_count(&self, target: ReviewTarget) -> usize {
        self.threads
            .values()
            .filter(|t| t.target == target && !t.resolved)
            .count()
    }
}
