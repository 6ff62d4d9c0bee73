//! Format version 1, frozen: the shape of `.strata` files written before
//! entity history. Read only; `migrate` turns it into the current parts.
//! Never change these structs: old files must keep opening.

use super::format::Parts;
use crate::model::{
    self, CharRange, CodeId, CoderId, CodingId, DocId, GroupId, MemoId, Origin, ProjectId, Stamp,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
pub struct File {
    pub format: String,
    pub version: u32,
    pub project: Project,
}

#[derive(Deserialize)]
pub struct Project {
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
    #[serde(default)]
    pub roots: Vec<CodeId>,
    #[serde(default)]
    pub codes: Vec<Code>,
    #[serde(default)]
    pub codings: Vec<Coding>,
    #[serde(default)]
    pub memos: Vec<Memo>,
    #[serde(default)]
    pub set_aside: SetAside,
}

#[derive(Deserialize)]
pub struct Coder {
    pub id: CoderId,
    pub name: String,
}

#[derive(Deserialize)]
pub struct DocGroup {
    pub id: GroupId,
    pub name: String,
}

#[derive(Clone, Default, Deserialize)]
pub struct Description {
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub when_to_use: String,
    #[serde(default)]
    pub example: String,
}

#[derive(Clone, Copy, Default, Deserialize)]
pub enum Direction {
    #[default]
    Auto,
    Ltr,
    Rtl,
}

#[derive(Clone, Default, Deserialize)]
pub struct Source {
    pub file_name: String,
    pub encoding: String,
    pub text_hash: String,
}

#[derive(Deserialize)]
pub struct Document {
    pub id: DocId,
    pub name: String,
    pub text: String,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub group: Option<GroupId>,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default = "default_pattern")]
    pub speaker_pattern: String,
}

fn default_pattern() -> String {
    model::DEFAULT_SPEAKER_PATTERN.to_string()
}

#[derive(Deserialize)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    pub color: String,
    #[serde(default)]
    pub description: Description,
    #[serde(default)]
    pub children: Vec<CodeId>,
}

#[derive(Deserialize)]
pub struct Coding {
    pub id: CodingId,
    pub document: DocId,
    pub range: CharRange,
    pub code: CodeId,
    pub coder: CoderId,
    pub created: DateTime<Utc>,
}

#[derive(Clone, Copy, Deserialize)]
pub enum MemoTarget {
    Project,
    Document(DocId),
    Code(CodeId),
    Coding(CodingId),
}

#[derive(Deserialize)]
pub struct Memo {
    pub id: MemoId,
    pub target: MemoTarget,
    pub title: String,
    pub body: String,
    pub author: Option<CoderId>,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

#[derive(Default, Deserialize)]
pub struct SetAside {
    #[serde(default)]
    pub codings: Vec<Coding>,
    #[serde(default)]
    pub memos: Vec<Memo>,
    #[serde(default)]
    pub codes: Vec<Code>,
    #[serde(default)]
    pub documents: Vec<Document>,
}

/// Version 1 had no entity history: codings and memos knew when they were
/// made (and memos by whom); codes, documents and groups did not, so their
/// times stay unknown rather than invented. Coders get colours.
pub fn migrate(p: Project) -> Parts {
    let coders = p
        .coders
        .into_iter()
        .enumerate()
        .map(|(i, c)| model::Coder {
            id: c.id,
            name: c.name,
            color: crate::edit::palette_color(i + 3),
        })
        .collect();
    Parts {
        id: p.id,
        name: p.name,
        level_names: p.level_names,
        level_count: model::DEFAULT_LEVEL_COUNT,
        interviewer_labels: p.interviewer_labels,
        coders,
        groups: p
            .groups
            .into_iter()
            .map(|g| model::DocGroup {
                id: g.id,
                name: g.name,
                stamp: Stamp::default(),
            })
            .collect(),
        documents: p.documents.into_iter().map(document).collect(),
        roots: p.roots,
        codes: p.codes.into_iter().map(code).collect(),
        codings: p.codings.into_iter().map(coding).collect(),
        memos: p.memos.into_iter().map(memo).collect(),
        set_aside: model::SetAside {
            codings: p.set_aside.codings.into_iter().map(coding).collect(),
            memos: p.set_aside.memos.into_iter().map(memo).collect(),
            codes: p.set_aside.codes.into_iter().map(code).collect(),
            documents: p.set_aside.documents.into_iter().map(document).collect(),
        },
    }
}

fn document(d: Document) -> model::Document {
    let mut doc = model::Document::from_file(d.id, d.name, d.text, stamp_unknown());
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

fn stamp_unknown() -> Stamp {
    Stamp::default()
}

fn code(c: Code) -> model::Code {
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
        stamp: stamp_unknown(),
    }
}

fn coding(c: Coding) -> model::Coding {
    model::Coding {
        id: c.id,
        document: c.document,
        range: c.range,
        code: c.code,
        coder: c.coder,
        // Version 1 recorded no origin; codings were made by hand or by
        // the CLI's `code`, both manual.
        origin: Origin::Manual,
        stamp: Stamp {
            created: Some(c.created),
            created_by: Some(c.coder),
            modified: Some(c.created),
            modified_by: Some(c.coder),
        },
    }
}

fn memo(m: Memo) -> model::Memo {
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
        stamp: Stamp {
            created: Some(m.created),
            created_by: m.author,
            modified: Some(m.modified),
            // Version 1 did not record who edited a memo last.
            modified_by: None,
        },
    }
}
