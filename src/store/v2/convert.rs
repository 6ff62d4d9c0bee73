//! Version 2's shape (and every later JSON version's) to the model and
//! back: what `load` builds the project from and what `save` writes.

use super::*;

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
        accounts: p.accounts,
        maps: p.maps,
        cards: p.cards,
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
        accounts: p.accounts.clone(),
        maps: p.maps.clone(),
        cards: p.cards.clone(),
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
