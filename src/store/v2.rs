//! Format version 2: version 1 plus entity history (`history` on codes,
//! codings, memos, documents and groups), a coding's origin, coder colours
//! and the project's level count. These structs are the file's shape,
//! separate from the model, so that the model can change without changing
//! what old files mean.

use super::format::Parts;
use crate::model::{self, CharRange, CodeId, CoderId, CodingId, DocId, GroupId, MemoId, ProjectId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

mod convert;
pub use convert::{from_model, into_parts};

/// Written from a borrowed project (`'a`: no copy of its texts), read as
/// `File<'static>` (owned).
#[derive(Serialize, Deserialize)]
pub struct File<'a> {
    pub format: String,
    pub version: u32,
    pub project: Project<'a>,
}

#[derive(Serialize, Deserialize)]
pub struct Project<'a> {
    pub id: ProjectId,
    pub name: String,
    pub level_names: Vec<String>,
    /// How many levels the code tree is meant to have (3: code,
    /// subcategory, category).
    #[serde(default = "default_levels")]
    pub level_count: usize,
    /// Version 4 on; absent in older files (Auto).
    #[serde(default, skip_serializing_if = "is_auto")]
    pub direction: model::Direction,
    #[serde(default)]
    pub interviewer_labels: Vec<String>,
    #[serde(default)]
    pub coders: Vec<Coder>,
    #[serde(default)]
    pub groups: Vec<DocGroup>,
    /// Version 6 on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code_sets: Vec<CodeSet>,
    #[serde(default)]
    pub documents: Vec<Document<'a>>,
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
    pub set_aside: SetAside<'a>,
    /// Version 5 on: a supervisor's comments, verdicts and review points.
    #[serde(default, skip_serializing_if = "is_no_review")]
    pub review: Cow<'a, model::Review>,
    /// Version 7 on: monitored social-media accounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<model::Account>,
    /// Version 8 on: model figures and the card canvas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maps: Vec<model::Map>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cards: model::Cards,
}

// Serde hands the field as it is (`&Cow`).
#[allow(clippy::ptr_arg)]
fn is_no_review(r: &Cow<'_, model::Review>) -> bool {
    r.is_empty()
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

fn is_auto(d: &model::Direction) -> bool {
    *d == model::Direction::Auto
}

fn default_levels() -> usize {
    model::DEFAULT_LEVEL_COUNT
}

/// Who made an item and when, and who changed it last. Written compactly,
/// since a study has hundreds of thousands of codings: an absent field is
/// unknown, an absent `modified` means "not changed since it was made", and
/// a coding's absent `created_by` is its coder.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
pub struct History {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<CoderId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Modified>,
}

/// The last change: when and by whom (each may be unknown).
#[derive(Clone, Copy, Serialize, Deserialize)]
pub struct Modified {
    pub at: Option<DateTime<Utc>>,
    pub by: Option<CoderId>,
}

impl History {
    fn is_empty(&self) -> bool {
        self.created.is_none() && self.created_by.is_none() && self.modified.is_none()
    }

    /// A coding's history: `created_by` left out when it is the coder.
    fn of_coding(stamp: model::Stamp, coder: CoderId) -> Self {
        let mut h = History::from(stamp);
        if h.created_by == Some(coder) {
            h.created_by = None;
        }
        h
    }

    fn into_coding_stamp(self, coder: CoderId) -> model::Stamp {
        let mut h = self;
        if h.created_by.is_none() {
            h.created_by = Some(coder);
            if h.modified.is_none() {
                // Unchanged since made: made and last changed by the coder.
                return model::Stamp {
                    created: h.created,
                    created_by: Some(coder),
                    modified: h.created,
                    modified_by: Some(coder),
                };
            }
        }
        h.into()
    }
}

#[derive(Serialize, Deserialize)]
pub struct Coder {
    pub id: CoderId,
    pub name: String,
    pub color: String,
}

#[derive(Serialize, Deserialize)]
pub struct DocGroup {
    pub id: GroupId,
    pub name: String,
    /// Version 6 on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

#[derive(Default, Serialize, Deserialize)]
pub struct Description {
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub when_to_use: String,
    #[serde(default)]
    pub example: String,
}

#[derive(Clone, Copy, Default, Serialize, Deserialize)]
pub enum Direction {
    #[default]
    Auto,
    Ltr,
    Rtl,
}

#[derive(Default, Serialize, Deserialize)]
pub struct Source {
    pub file_name: String,
    pub encoding: String,
    /// SHA-256 of the normalised text, hex; checked on load.
    pub text_hash: String,
}

#[derive(Serialize, Deserialize)]
pub struct Document<'a> {
    pub id: DocId,
    pub name: String,
    pub text: Cow<'a, str>,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub group: Option<GroupId>,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    #[serde(default)]
    pub direction: Direction,
    pub speaker_pattern: String,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

/// Version 6 on: codes gathered across the tree.
#[derive(Serialize, Deserialize)]
pub struct CodeSet {
    pub id: model::SetId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub codes: Vec<CodeId>,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

#[derive(Serialize, Deserialize)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    pub color: String,
    #[serde(default)]
    pub description: Description,
    #[serde(default)]
    pub children: Vec<CodeId>,
    /// Version 6 on; absent: true.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub codable: bool,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

#[derive(Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub enum Origin {
    #[default]
    Manual,
    InVivo,
    Autocode,
    Import,
    Merge,
}

impl Origin {
    fn is_manual(&self) -> bool {
        *self == Origin::Manual
    }
}

#[derive(Serialize, Deserialize)]
pub struct Coding {
    pub id: CodingId,
    pub document: DocId,
    pub range: CharRange,
    pub code: CodeId,
    pub coder: CoderId,
    #[serde(default, skip_serializing_if = "Origin::is_manual")]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub enum MemoTarget {
    Project,
    Document(DocId),
    Code(CodeId),
    Coding(CodingId),
}

#[derive(Serialize, Deserialize)]
pub struct Memo {
    pub id: MemoId,
    pub target: MemoTarget,
    pub title: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

#[derive(Default, Serialize, Deserialize)]
pub struct SetAside<'a> {
    #[serde(default)]
    pub codings: Vec<Coding>,
    #[serde(default)]
    pub memos: Vec<Memo>,
    #[serde(default)]
    pub codes: Vec<Code>,
    #[serde(default)]
    pub documents: Vec<Document<'a>>,
}

impl SetAside<'_> {
    fn is_empty(&self) -> bool {
        self.codings.is_empty()
            && self.memos.is_empty()
            && self.codes.is_empty()
            && self.documents.is_empty()
    }
}

// ---- file → parts ----

impl From<History> for model::Stamp {
    fn from(h: History) -> Self {
        let (modified, modified_by) = match h.modified {
            Some(m) => (m.at, m.by),
            None => (h.created, h.created_by),
        };
        model::Stamp {
            created: h.created,
            created_by: h.created_by,
            modified,
            modified_by,
        }
    }
}
