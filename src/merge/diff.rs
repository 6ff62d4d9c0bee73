//! What changed between two versions of a project: codes added, removed,
//! renamed, moved, merged, recoloured or redescribed, and their counts;
//! codings per coder; memos, documents and coders. By stable IDs, so a
//! renamed code is one code renamed, not one removed and one added.

use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum CodeChange {
    Added {
        id: CodeId,
        path: String,
    },
    /// Gone, with how many codings it had.
    Removed {
        id: CodeId,
        path: String,
        codings: usize,
    },
    /// Gone, and what it had (codings, memos, children) now belongs to
    /// `into`.
    Merged {
        id: CodeId,
        path: String,
        into: CodeId,
        into_path: String,
        codings: usize,
    },
    Renamed {
        id: CodeId,
        path: String,
        from: String,
        to: String,
    },
    /// Its parent changed: `from` and `to` are the parents' paths.
    Moved {
        id: CodeId,
        path: String,
        from: String,
        to: String,
    },
    Recoloured {
        id: CodeId,
        path: String,
        from: String,
        to: String,
    },
    Described {
        id: CodeId,
        path: String,
    },
    /// Its own codings' count changed.
    Count {
        id: CodeId,
        path: String,
        from: usize,
        to: usize,
    },
}

impl CodeChange {
    pub fn id(&self) -> CodeId {
        match self {
            CodeChange::Added { id, .. }
            | CodeChange::Removed { id, .. }
            | CodeChange::Merged { id, .. }
            | CodeChange::Renamed { id, .. }
            | CodeChange::Moved { id, .. }
            | CodeChange::Recoloured { id, .. }
            | CodeChange::Described { id, .. }
            | CodeChange::Count { id, .. } => *id,
        }
    }

    fn path(&self) -> &str {
        match self {
            CodeChange::Added { path, .. }
            | CodeChange::Removed { path, .. }
            | CodeChange::Merged { path, .. }
            | CodeChange::Renamed { path, .. }
            | CodeChange::Moved { path, .. }
            | CodeChange::Recoloured { path, .. }
            | CodeChange::Described { path, .. }
            | CodeChange::Count { path, .. } => path,
        }
    }

    /// One readable line.
    pub fn text(&self) -> String {
        match self {
            CodeChange::Added { path, .. } => format!("code added: {path}"),
            CodeChange::Removed { path, codings, .. } => {
                format!("code removed: {path} ({codings} codings)")
            }
            CodeChange::Merged {
                path,
                into_path,
                codings,
                ..
            } => {
                format!("code merged: {path} into {into_path} ({codings} codings)")
            }
            CodeChange::Renamed { path, from, to, .. } => {
                format!("code renamed: {path}: «{from}» → «{to}»")
            }
            CodeChange::Moved { path, from, to, .. } => {
                format!("code moved: {path}: from {from} to {to}")
            }
            CodeChange::Recoloured { path, from, to, .. } => {
                format!("code recoloured: {path}: {from} → {to}")
            }
            CodeChange::Described { path, .. } => format!("code description changed: {path}"),
            CodeChange::Count { path, from, to, .. } => {
                format!("code count: {path}: {from} → {to}")
            }
        }
    }
}

/// Codings of one coder: added, removed, and changed (range, code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoderCodings {
    pub coder: String,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

/// A memo, document or coder added, removed, renamed or edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ItemChange {
    Added {
        id: String,
        name: String,
    },
    Removed {
        id: String,
        name: String,
    },
    Renamed {
        id: String,
        from: String,
        to: String,
    },
    Edited {
        id: String,
        name: String,
    },
}

impl ItemChange {
    fn text(&self, what: &str) -> String {
        match self {
            ItemChange::Added { name, .. } => format!("{what} added: {name}"),
            ItemChange::Removed { name, .. } => format!("{what} removed: {name}"),
            ItemChange::Renamed { from, to, .. } => format!("{what} renamed: «{from}» → «{to}»"),
            ItemChange::Edited { name, .. } => format!("{what} edited: {name}"),
        }
    }

    fn key(&self) -> (&str, u8) {
        match self {
            ItemChange::Added { name, .. } => (name, 0),
            ItemChange::Removed { name, .. } => (name, 1),
            ItemChange::Renamed { to, .. } => (to, 2),
            ItemChange::Edited { name, .. } => (name, 3),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProjectDiff {
    /// Sorted by path, then kind.
    pub codes: Vec<CodeChange>,
    /// Coders with any change, by name.
    pub codings: Vec<CoderCodings>,
    pub memos: Vec<ItemChange>,
    pub documents: Vec<ItemChange>,
    pub coders: Vec<ItemChange>,
    /// The review: threads opened, answered, resolved or reopened,
    /// verdicts and review points (one readable line each).
    #[serde(default)]
    pub review: Vec<String>,
}

impl ProjectDiff {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
            && self.codings.is_empty()
            && self.memos.is_empty()
            && self.documents.is_empty()
            && self.coders.is_empty()
            && self.review.is_empty()
    }

    /// One line per change, in a stable order.
    pub fn text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        lines.extend(self.documents.iter().map(|c| c.text("document")));
        lines.extend(self.coders.iter().map(|c| c.text("coder")));
        lines.extend(self.codes.iter().map(CodeChange::text));
        lines.extend(self.codings.iter().map(|c| {
            format!(
                "codings by {}: +{} -{} ~{}",
                c.coder, c.added, c.removed, c.changed
            )
        }));
        lines.extend(self.memos.iter().map(|c| c.text("memo")));
        lines.extend(self.review.iter().cloned());
        lines.iter().map(|l| format!("{l}\n")).collect()
    }
}

fn parent_path(p: &Project, parent: Option<CodeId>) -> String {
    parent.map_or_else(
        || "(top level)".to_string(),
        |id| p.code_path_label(id, " › "),
    )
}

/// What changed in the review, one line each, in a stable order.
fn review_changes(old: &Project, new: &Project) -> Vec<String> {
    let about = super::show::about;
    let mut out = Vec::new();
    for (id, t) in &new.review.threads {
        let on = about(new, t.target);
        match old.review.threads.get(id) {
            None => out.push(format!("comment thread opened: {on}")),
            Some(o) => {
                let added = t.comments.len().saturating_sub(o.comments.len());
                if added > 0 {
                    out.push(format!("comment thread answered: {on} (+{added})"));
                }
                if o.resolved != t.resolved {
                    let what = if t.resolved { "resolved" } else { "reopened" };
                    out.push(format!("comment thread {what}: {on}"));
                }
            }
        }
    }
    for (id, t) in &old.review.threads {
        if !new.review.threads.contains_key(id) {
            out.push(format!("comment thread removed: {}", about(old, t.target)));
        }
    }
    let codes: BTreeSet<CodeId> = old
        .review
        .verdicts
        .keys()
        .chain(new.review.verdicts.keys())
        .copied()
        .collect();
    for c in codes {
        let (o, n) = (old.review.verdicts.get(&c), new.review.verdicts.get(&c));
        if o.map(|v| v.verdict) != n.map(|v| v.verdict) {
            let what = match n.map(|v| v.verdict) {
                Some(Verdict::Accepted) => "accepted",
                Some(Verdict::NeedsWork) => "needs work",
                None => "cleared",
            };
            out.push(format!(
                "verdict {what}: {}",
                about(new, ReviewTarget::Code(c))
            ));
        }
    }
    for x in &new.review.points {
        if !old.review.points.iter().any(|y| y.id == x.id) {
            out.push(format!("review point marked: {}", x.name));
        }
    }
    out.sort();
    out
}

/// What changed from `old` to `new`.
pub fn diff(old: &Project, new: &Project) -> ProjectDiff {
    let mut d = ProjectDiff {
        codes: code_changes(old, new),
        review: review_changes(old, new),
        ..ProjectDiff::default()
    };
    // Codings per coder.
    let mut per: BTreeMap<String, CoderCodings> = BTreeMap::new();
    let entry = |p: &Project, coder: CoderId| -> String { p.coder_name(coder).to_string() };
    let mut bump = |name: String, f: fn(&mut CoderCodings)| {
        let e = per.entry(name.clone()).or_insert(CoderCodings {
            coder: name,
            added: 0,
            removed: 0,
            changed: 0,
        });
        f(e);
    };
    for (id, c) in &new.codings {
        match old.codings.get(id) {
            None => bump(entry(new, c.coder), |e| e.added += 1),
            Some(o)
                if (o.document, o.range, o.code, o.coder)
                    != (c.document, c.range, c.code, c.coder) =>
            {
                bump(entry(new, c.coder), |e| e.changed += 1)
            }
            Some(_) => {}
        }
    }
    for (id, c) in &old.codings {
        if !new.codings.contains_key(id) {
            bump(entry(old, c.coder), |e| e.removed += 1);
        }
    }
    d.codings = per.into_values().collect();
    // Memos.
    for (id, m) in &new.memos {
        match old.memos.get(id) {
            None => d.memos.push(ItemChange::Added {
                id: id.to_string(),
                name: m.title.clone(),
            }),
            Some(o) if o.title != m.title || o.body != m.body || o.target != m.target => {
                d.memos.push(ItemChange::Edited {
                    id: id.to_string(),
                    name: m.title.clone(),
                })
            }
            Some(_) => {}
        }
    }
    for (id, m) in &old.memos {
        if !new.memos.contains_key(id) {
            d.memos.push(ItemChange::Removed {
                id: id.to_string(),
                name: m.title.clone(),
            });
        }
    }
    // Documents.
    for doc in &new.documents {
        match old.document(doc.id) {
            None => d.documents.push(ItemChange::Added {
                id: doc.id.to_string(),
                name: doc.name.clone(),
            }),
            Some(o) if o.name != doc.name => d.documents.push(ItemChange::Renamed {
                id: doc.id.to_string(),
                from: o.name.clone(),
                to: doc.name.clone(),
            }),
            Some(o)
                if o.variables != doc.variables
                    || o.group != doc.group
                    || o.direction != doc.direction =>
            {
                d.documents.push(ItemChange::Edited {
                    id: doc.id.to_string(),
                    name: doc.name.clone(),
                })
            }
            Some(_) => {}
        }
    }
    for doc in &old.documents {
        if new.document(doc.id).is_none() {
            d.documents.push(ItemChange::Removed {
                id: doc.id.to_string(),
                name: doc.name.clone(),
            });
        }
    }
    // Coders.
    for c in &new.coders {
        match old.coder(c.id) {
            None => d.coders.push(ItemChange::Added {
                id: c.id.to_string(),
                name: c.name.clone(),
            }),
            Some(o) if o.name != c.name => d.coders.push(ItemChange::Renamed {
                id: c.id.to_string(),
                from: o.name.clone(),
                to: c.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for c in &old.coders {
        if new.coder(c.id).is_none() {
            d.coders.push(ItemChange::Removed {
                id: c.id.to_string(),
                name: c.name.clone(),
            });
        }
    }
    for list in [&mut d.memos, &mut d.documents, &mut d.coders] {
        list.sort_by(|a, b| a.key().cmp(&b.key()));
    }
    d
}

fn code_changes(old: &Project, new: &Project) -> Vec<CodeChange> {
    let (oix, nix) = (old.index(), new.index());
    let mut out = Vec::new();
    for (id, c) in &new.codes {
        let path = new.code_path_label(*id, " › ");
        let Some(o) = old.codes.get(id) else {
            out.push(CodeChange::Added { id: *id, path });
            continue;
        };
        if o.name != c.name {
            out.push(CodeChange::Renamed {
                id: *id,
                path: path.clone(),
                from: o.name.clone(),
                to: c.name.clone(),
            });
        }
        let (op, np) = (oix.parent(*id), nix.parent(*id));
        if op != np {
            out.push(CodeChange::Moved {
                id: *id,
                path: path.clone(),
                from: parent_path(old, op),
                to: parent_path(new, np),
            });
        }
        if o.color != c.color {
            out.push(CodeChange::Recoloured {
                id: *id,
                path: path.clone(),
                from: o.color.clone(),
                to: c.color.clone(),
            });
        }
        if o.description != c.description {
            out.push(CodeChange::Described {
                id: *id,
                path: path.clone(),
            });
        }
        let (a, b) = (oix.own_count(*id), nix.own_count(*id));
        if a != b {
            out.push(CodeChange::Count {
                id: *id,
                path,
                from: a,
                to: b,
            });
        }
    }
    // Segments of the new project, to find a removed code's codings that
    // were joined with a twin when merged.
    let twins: BTreeMap<(DocId, CharRange, CoderId), BTreeSet<CodeId>> =
        new.codings.values().fold(BTreeMap::new(), |mut m, c| {
            m.entry((c.document, c.range, c.coder))
                .or_default()
                .insert(c.code);
            m
        });
    for (id, o) in &old.codes {
        if new.codes.contains_key(id) {
            continue;
        }
        let path = old.code_path_label(*id, " › ");
        let codings = oix.own_count(*id);
        // Where its codings, memos and children went.
        let mut went: BTreeSet<CodeId> = BTreeSet::new();
        let mut lost = false;
        for cid in oix.codings_of_code(*id) {
            match (new.codings.get(cid), old.codings.get(cid)) {
                (Some(n), _) => {
                    went.insert(n.code);
                }
                (None, Some(oc)) => match twins.get(&(oc.document, oc.range, oc.coder)) {
                    Some(codes) if codes.len() == 1 => went.extend(codes),
                    _ => lost = true,
                },
                (None, None) => lost = true,
            }
        }
        for m in old.memos_on(MemoTarget::Code(*id)) {
            match new.memos.get(&m.id).map(|n| n.target) {
                Some(MemoTarget::Code(c)) => {
                    went.insert(c);
                }
                _ => lost = true,
            }
        }
        for child in &o.children {
            if let Some(p) = nix.parent(*child) {
                went.insert(p);
            }
        }
        match (went.len(), went.first()) {
            (1, Some(into)) if !lost && new.codes.contains_key(into) => {
                out.push(CodeChange::Merged {
                    id: *id,
                    path,
                    into: *into,
                    into_path: new.code_path_label(*into, " › "),
                    codings,
                })
            }
            _ => out.push(CodeChange::Removed {
                id: *id,
                path,
                codings,
            }),
        }
    }
    let rank = |c: &CodeChange| match c {
        CodeChange::Added { .. } => 0,
        CodeChange::Removed { .. } => 1,
        CodeChange::Merged { .. } => 2,
        CodeChange::Renamed { .. } => 3,
        CodeChange::Moved { .. } => 4,
        CodeChange::Recoloured { .. } => 5,
        CodeChange::Described { .. } => 6,
        CodeChange::Count { .. } => 7,
    };
    out.sort_by(|a, b| (a.path(), rank(a), a.id()).cmp(&(b.path(), rank(b), b.id())));
    out
}
