//! Format version 1, frozen: the shape of `.strata` files written before
//! entity history. Read only; `migrate` turns it into version 2's shape.
//! Never change these structs: old files must keep opening.

use super::v2;
use crate::model::{self, CharRange, CodeId, CoderId, CodingId, DocId, GroupId, MemoId, ProjectId};
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
/// times stay unknown rather than invented. Coders get colours. The result
/// is version 2's shape, which `v2::into_parts` turns into the model.
pub fn migrate(p: Project) -> v2::Project<'static> {
    v2::Project {
        id: p.id,
        name: p.name,
        level_names: p.level_names,
        level_count: model::DEFAULT_LEVEL_COUNT,
        direction: model::Direction::Auto,
        interviewer_labels: p.interviewer_labels,
        coders: p
            .coders
            .into_iter()
            .enumerate()
            .map(|(i, c)| v2::Coder {
                id: c.id,
                name: c.name,
                color: crate::edit::palette_color(i + 3),
            })
            .collect(),
        groups: p
            .groups
            .into_iter()
            .map(|g| v2::DocGroup {
                id: g.id,
                name: g.name,
                description: String::new(),
                history: v2::History::default(),
            })
            .collect(),
        code_sets: Vec::new(),
        documents: p.documents.into_iter().map(document).collect(),
        roots: p.roots,
        codes: p.codes.into_iter().map(code).collect(),
        codings: p.codings.into_iter().map(coding).collect(),
        memos: p.memos.into_iter().map(memo).collect(),
        set_aside: v2::SetAside {
            codings: p.set_aside.codings.into_iter().map(coding).collect(),
            memos: p.set_aside.memos.into_iter().map(memo).collect(),
            codes: p.set_aside.codes.into_iter().map(code).collect(),
            documents: p.set_aside.documents.into_iter().map(document).collect(),
        },
        review: Default::default(),
        accounts: Vec::new(),
        maps: Vec::new(),
        cards: Default::default(),
    }
}

fn document(d: Document) -> v2::Document<'static> {
    v2::Document {
        id: d.id,
        name: d.name,
        text: d.text.into(),
        source: v2::Source {
            file_name: d.source.file_name,
            encoding: d.source.encoding,
            text_hash: d.source.text_hash,
        },
        group: d.group,
        variables: d.variables,
        direction: match d.direction {
            Direction::Auto => v2::Direction::Auto,
            Direction::Ltr => v2::Direction::Ltr,
            Direction::Rtl => v2::Direction::Rtl,
        },
        speaker_pattern: d.speaker_pattern,
        history: v2::History::default(),
    }
}

fn code(c: Code) -> v2::Code {
    v2::Code {
        id: c.id,
        name: c.name,
        color: c.color,
        description: v2::Description {
            definition: c.description.definition,
            when_to_use: c.description.when_to_use,
            example: c.description.example,
        },
        children: c.children,
        codable: true,
        history: v2::History::default(),
    }
}

fn coding(c: Coding) -> v2::Coding {
    v2::Coding {
        id: c.id,
        document: c.document,
        range: c.range,
        code: c.code,
        coder: c.coder,
        // Version 1 recorded no origin; codings were made by hand or by
        // the CLI's `code`, both manual.
        origin: v2::Origin::Manual,
        // Made by its coder, unchanged since (version 2's compact form).
        history: v2::History {
            created: Some(c.created),
            created_by: None,
            modified: None,
        },
    }
}

fn memo(m: Memo) -> v2::Memo {
    v2::Memo {
        id: m.id,
        target: match m.target {
            MemoTarget::Project => v2::MemoTarget::Project,
            MemoTarget::Document(d) => v2::MemoTarget::Document(d),
            MemoTarget::Code(c) => v2::MemoTarget::Code(c),
            MemoTarget::Coding(c) => v2::MemoTarget::Coding(c),
        },
        title: m.title,
        body: m.body,
        history: v2::History {
            created: Some(m.created),
            created_by: m.author,
            // Version 1 did not record who edited a memo last.
            modified: Some(v2::Modified {
                at: Some(m.modified),
                by: None,
            }),
        },
    }
}
