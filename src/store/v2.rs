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

impl From<model::Stamp> for History {
    fn from(s: model::Stamp) -> Self {
        let unchanged = s.modified == s.created && s.modified_by == s.created_by;
        History {
            created: s.created,
            created_by: s.created_by,
            modified: (!unchanged).then_some(Modified {
                at: s.modified,
                by: s.modified_by,
            }),
        }
    }
}

pub fn into_parts(p: Project<'_>) -> Parts {
    Parts {
        id: p.id,
        name: p.name,
        level_names: p.level_names,
        level_count: p.level_count,
        direction: p.direction,
        interviewer_labels: p.interviewer_labels,
        coders: p
            .coders
            .into_iter()
            .map(|c| model::Coder {
                id: c.id,
                name: c.name,
                color: c.color,
            })
            .collect(),
        groups: p
            .groups
            .into_iter()
            .map(|g| model::DocGroup {
                id: g.id,
                name: g.name,
                description: g.description,
                stamp: g.history.into(),
            })
            .collect(),
        code_sets: p
            .code_sets
            .into_iter()
            .map(|s| model::CodeSet {
                id: s.id,
                name: s.name,
                description: s.description,
                codes: s.codes,
                stamp: s.history.into(),
            })
            .collect(),
        documents: p.documents.into_iter().map(document_in).collect(),
        roots: p.roots,
        codes: p.codes.into_iter().map(code_in).collect(),
        codings: p.codings.into_iter().map(coding_in).collect(),
        memos: p.memos.into_iter().map(memo_in).collect(),
        set_aside: model::SetAside {
            codings: p.set_aside.codings.into_iter().map(coding_in).collect(),
            memos: p.set_aside.memos.into_iter().map(memo_in).collect(),
            codes: p.set_aside.codes.into_iter().map(code_in).collect(),
            documents: p.set_aside.documents.into_iter().map(document_in).collect(),
        },
        review: p.review.into_owned(),
    }
}

fn document_in(d: Document<'_>) -> model::Document {
    let mut doc = model::Document::from_file(d.id, d.name, d.text.into_owned(), d.history.into());
    doc.source = model::Source {
        file_name: d.source.file_name,
        encoding: d.source.encoding,
        text_hash: d.source.text_hash,
    };
    doc.group = d.group;
    doc.variables = d.variables;
    doc.direction = match d.direction {
        Direction::Auto => model::Direction::Auto,
        Direction::Ltr => model::Direction::Ltr,
        Direction::Rtl => model::Direction::Rtl,
    };
    doc.set_speaker_pattern(d.speaker_pattern);
    doc
}

fn code_in(c: Code) -> model::Code {
    model::Code {
        id: c.id,
        name: c.name,
        color: c.color,
        description: model::Description {
            definition: c.description.definition,
            when_to_use: c.description.when_to_use,
            example: c.description.example,
        },
        children: c.children,
        codable: c.codable,
        stamp: c.history.into(),
    }
}

fn origin_in(o: Origin) -> model::Origin {
    match o {
        Origin::Manual => model::Origin::Manual,
        Origin::InVivo => model::Origin::InVivo,
        Origin::Autocode => model::Origin::Autocode,
        Origin::Import => model::Origin::Import,
        Origin::Merge => model::Origin::Merge,
    }
}

fn coding_in(c: Coding) -> model::Coding {
    model::Coding {
        id: c.id,
        document: c.document,
        range: c.range,
        code: c.code,
        coder: c.coder,
        origin: origin_in(c.origin),
        stamp: c.history.into_coding_stamp(c.coder),
    }
}

fn memo_in(m: Memo) -> model::Memo {
    model::Memo {
        id: m.id,
        target: match m.target {
            MemoTarget::Project => model::MemoTarget::Project,
            MemoTarget::Document(d) => model::MemoTarget::Document(d),
            MemoTarget::Code(c) => model::MemoTarget::Code(c),
            MemoTarget::Coding(c) => model::MemoTarget::Coding(c),
        },
        title: m.title,
        body: m.body,
        stamp: m.history.into(),
    }
}

// ---- model → file ----

/// Deterministic: maps are written in ID order, codings by document and
/// position.
pub fn from_model(p: &model::Project) -> Project<'_> {
    let ix = p.index();
    // The index holds each document's codings in this order already.
    let mut codings: Vec<&model::Coding> = Vec::with_capacity(p.codings.len());
    for d in &p.documents {
        codings.extend(
            ix.codings_of_document(d.id)
                .iter()
                .filter_map(|id| p.codings.get(id)),
        );
    }
    if codings.len() != p.codings.len() {
        // Codings of no listed document (validation sets these aside, so
        // only a project built by hand has them), or an index out of step:
        // never drop a coding from the file. Sort them all, those of no
        // document last.
        codings = p.codings.values().collect();
        codings.sort_by_key(|c| {
            (
                ix.document_position(c.document).unwrap_or(usize::MAX),
                c.range.start,
                c.range.end,
                c.id,
            )
        });
    }
    Project {
        id: p.id,
        name: p.name.clone(),
        level_names: p.level_names.clone(),
        level_count: p.level_count,
        direction: p.direction,
        interviewer_labels: p.interviewer_labels.clone(),
        coders: p
            .coders
            .iter()
            .map(|c| Coder {
                id: c.id,
                name: c.name.clone(),
                color: c.color.clone(),
            })
            .collect(),
        groups: p
            .groups
            .iter()
            .map(|g| DocGroup {
                id: g.id,
                name: g.name.clone(),
                description: g.description.clone(),
                history: g.stamp.into(),
            })
            .collect(),
        code_sets: p
            .code_sets
            .iter()
            .map(|s| CodeSet {
                id: s.id,
                name: s.name.clone(),
                description: s.description.clone(),
                codes: s.codes.clone(),
                history: s.stamp.into(),
            })
            .collect(),
        documents: p.documents.iter().map(document_out).collect(),
        roots: p.roots.clone(),
        codes: p.codes.values().map(code_out).collect(),
        codings: codings.into_iter().map(coding_out).collect(),
        memos: p.memos.values().map(memo_out).collect(),
        set_aside: SetAside {
            codings: p.set_aside.codings.iter().map(coding_out).collect(),
            memos: p.set_aside.memos.iter().map(memo_out).collect(),
            codes: p.set_aside.codes.iter().map(code_out).collect(),
            documents: p.set_aside.documents.iter().map(document_out).collect(),
        },
        review: Cow::Borrowed(&p.review),
    }
}

fn document_out(d: &model::Document) -> Document<'_> {
    Document {
        id: d.id,
        name: d.name.clone(),
        text: Cow::Borrowed(d.text()),
        source: Source {
            file_name: d.source.file_name.clone(),
            encoding: d.source.encoding.clone(),
            text_hash: d.source.text_hash.clone(),
        },
        group: d.group,
        variables: d.variables.clone(),
        direction: match d.direction {
            model::Direction::Auto => Direction::Auto,
            model::Direction::Ltr => Direction::Ltr,
            model::Direction::Rtl => Direction::Rtl,
        },
        speaker_pattern: d.speaker_pattern().to_string(),
        history: d.stamp.into(),
    }
}

fn code_out(c: &model::Code) -> Code {
    Code {
        id: c.id,
        name: c.name.clone(),
        color: c.color.clone(),
        description: Description {
            definition: c.description.definition.clone(),
            when_to_use: c.description.when_to_use.clone(),
            example: c.description.example.clone(),
        },
        children: c.children.clone(),
        codable: c.codable,
        history: c.stamp.into(),
    }
}

fn coding_out(c: &model::Coding) -> Coding {
    Coding {
        id: c.id,
        document: c.document,
        range: c.range,
        code: c.code,
        coder: c.coder,
        origin: match c.origin {
            model::Origin::Manual => Origin::Manual,
            model::Origin::InVivo => Origin::InVivo,
            model::Origin::Autocode => Origin::Autocode,
            model::Origin::Import => Origin::Import,
            model::Origin::Merge => Origin::Merge,
        },
        history: History::of_coding(c.stamp, c.coder),
    }
}

fn memo_out(m: &model::Memo) -> Memo {
    Memo {
        id: m.id,
        target: match m.target {
            model::MemoTarget::Project => MemoTarget::Project,
            model::MemoTarget::Document(d) => MemoTarget::Document(d),
            model::MemoTarget::Code(c) => MemoTarget::Code(c),
            model::MemoTarget::Coding(c) => MemoTarget::Coding(c),
        },
        title: m.title.clone(),
        body: m.body.clone(),
        history: m.stamp.into(),
    }
}
