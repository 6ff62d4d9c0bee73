//! Documents, groups, codings and memos merged by ID, each field three-way;
//! a conflict keeps every version (a copy, a second memo) and is reported.

use super::three::{Cand, derived_uuid, pick};
use super::{Conflict, ConflictKind, Merger};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The parts of a coding that can change.
type CodingValue = (DocId, CharRange, CodeId, CoderId, Origin);

pub(super) fn coding_value(c: &Coding) -> CodingValue {
    (c.document, c.range, c.code, c.coder, c.origin)
}

/// A document's settings that can change (its text cannot).
type DocValue = (
    String,
    Option<GroupId>,
    BTreeMap<String, String>,
    u8,
    String,
);

fn doc_value(d: &Document) -> DocValue {
    let dir = match d.direction {
        Direction::Auto => 0,
        Direction::Ltr => 1,
        Direction::Rtl => 2,
    };
    (
        d.name.clone(),
        d.group,
        d.variables.clone(),
        dir,
        d.speaker_pattern().to_string(),
    )
}

/// The sides that lack an item the base has.
fn deleted_by(in_base: bool, n: usize, present: &[usize]) -> Vec<usize> {
    if !in_base {
        return Vec::new();
    }
    (0..n).filter(|i| !present.contains(i)).collect()
}

impl Merger<'_> {
    fn doc_name(&self, id: DocId) -> String {
        self.documents
            .get(&id)
            .map(|d| d.name.clone())
            .or_else(|| self.base.document(id).map(|d| d.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    fn code_name(&self, id: CodeId) -> String {
        std::iter::once(self.base)
            .chain(self.sides.iter())
            .find_map(|p| p.codes.get(&id).map(|c| c.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    pub(super) fn coding_text(&self, v: &CodingValue) -> String {
        let coder = self
            .coders
            .iter()
            .find(|c| c.id == v.3)
            .map_or("?", |c| c.name.as_str());
        format!(
            "{} chars {}-{}: «{}» by {coder}",
            self.doc_name(v.0),
            v.1.start.0,
            v.1.end.0,
            self.code_name(v.2)
        )
    }

    pub(super) fn merge_documents(&mut self) {
        let base = self.base;
        // Taken out while documents are merged (borrowed, not copied),
        // and put back below.
        let sides = std::mem::take(&mut self.sides);
        let mut ids: BTreeSet<DocId> = base.documents.iter().map(|d| d.id).collect();
        for s in &sides {
            ids.extend(s.documents.iter().map(|d| d.id));
        }
        for id in ids {
            let b = base.document(id);
            let vs: Vec<(usize, &Document)> = sides
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.document(id).map(|d| (i, d)))
                .collect();
            let present: Vec<usize> = vs.iter().map(|v| v.0).collect();
            let deleted = deleted_by(b.is_some(), sides.len(), &present);
            let changed = vs
                .iter()
                .any(|(_, d)| b.is_some_and(|b| doc_value(b) != doc_value(d)));
            let Some(first) = b.or(vs.first().map(|v| v.1)) else {
                continue;
            };
            let mut doc = first.clone();
            if !deleted.is_empty() {
                if !changed {
                    self.gone_documents.insert(id, deleted);
                    continue;
                }
                let others = self.alternatives(vec![("deleted".into(), deleted)]);
                self.conflict(Conflict {
                    kind: ConflictKind::DeletedButChanged,
                    item: doc.name.clone(),
                    id: id.to_string(),
                    kept: "kept".into(),
                    others,
                    resolution: "the document is kept, with its changes".into(),
                });
            }
            let cands = vs
                .iter()
                .map(|(i, d)| Cand {
                    value: doc_value(d),
                    at: d.stamp.modified,
                    side: *i,
                })
                .collect();
            let Some(p) = pick(b.map(doc_value).as_ref(), cands) else {
                continue;
            };
            if let Some(v) = vs
                .iter()
                .filter(|v| doc_value(v.1) == p.value)
                .max_by_key(|v| (v.1.stamp.modified, v.0))
            {
                doc.stamp = v.1.stamp;
            }
            let (name, group, variables, dir, pattern) = p.value;
            if !p.others.is_empty() {
                let show = |v: &DocValue| {
                    format!(
                        "name «{}», variables {:?}, direction {}, speakers {}",
                        v.0, v.2, v.3, v.4
                    )
                };
                let others = p.others.iter().map(|(v, s)| (show(v), s.clone())).collect();
                let others = self.alternatives(others);
                let kept = show(&(name.clone(), group, variables.clone(), dir, pattern.clone()));
                self.conflict(Conflict {
                    kind: ConflictKind::DocumentChanged,
                    item: name.clone(),
                    id: id.to_string(),
                    kept,
                    others,
                    resolution: "kept the latest change of the document's settings".into(),
                });
            }
            doc.name = name;
            doc.group = group;
            doc.variables = variables;
            doc.direction = match dir {
                1 => Direction::Ltr,
                2 => Direction::Rtl,
                _ => Direction::Auto,
            };
            if doc.speaker_pattern() != pattern {
                doc.set_speaker_pattern(pattern);
            }
            self.documents.insert(id, doc);
        }
        self.sides = sides;
    }

    pub(super) fn merge_groups(&mut self) {
        let base = self.base;
        let mut ids: BTreeSet<GroupId> = base.groups.iter().map(|g| g.id).collect();
        for s in &self.sides {
            ids.extend(s.groups.iter().map(|g| g.id));
        }
        for id in ids {
            let find = |p: &Project| p.groups.iter().find(|g| g.id == id).cloned();
            let b = find(base);
            let vs: Vec<(usize, DocGroup)> = self
                .sides
                .iter()
                .enumerate()
                .filter_map(|(i, s)| find(s).map(|g| (i, g)))
                .collect();
            let present: Vec<usize> = vs.iter().map(|v| v.0).collect();
            let deleted = deleted_by(b.is_some(), self.sides.len(), &present);
            let changed = vs
                .iter()
                .any(|(_, g)| b.as_ref().is_some_and(|b| b.name != g.name));
            if !deleted.is_empty() && !changed {
                self.gone_groups.insert(id, deleted);
                continue;
            }
            let Some(mut group) = b.clone().or(vs.first().map(|v| v.1.clone())) else {
                continue;
            };
            let cands = vs
                .iter()
                .map(|(i, g)| Cand {
                    value: g.name.clone(),
                    at: g.stamp.modified,
                    side: *i,
                })
                .collect();
            if let Some(p) = pick(b.as_ref().map(|g| &g.name), cands) {
                group.name = p.value;
                if !p.others.is_empty() {
                    let others = self.alternatives(p.others);
                    self.conflict(Conflict {
                        kind: ConflictKind::GroupRenamed,
                        item: group.name.clone(),
                        id: id.to_string(),
                        kept: group.name.clone(),
                        others,
                        resolution: "kept one name".into(),
                    });
                }
            }
            self.groups.insert(id, group);
        }
    }

    /// Codings by ID. One changed in different ways on two sides is kept
    /// once per version: the latest change keeps the ID, each other
    /// version is a coding of its own.
    pub(super) fn merge_codings(&mut self) {
        let base = self.base;
        let mut ids: BTreeSet<CodingId> = base.codings.keys().copied().collect();
        for s in &self.sides {
            ids.extend(s.codings.keys().copied());
        }
        for id in ids {
            let b = base.codings.get(&id);
            let vs: Vec<(usize, Coding)> = self
                .sides
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.codings.get(&id).map(|c| (i, c.clone())))
                .collect();
            let present: Vec<usize> = vs.iter().map(|v| v.0).collect();
            let deleted = deleted_by(b.is_some(), self.sides.len(), &present);
            let changed = vs
                .iter()
                .any(|(_, c)| b.is_some_and(|b| coding_value(b) != coding_value(c)));
            if !deleted.is_empty() && !changed && !vs.is_empty() && !self.opts.honour_deletions {
                // Unioned: another copy still has it as it was.
                let kept = self.coding_text(&coding_value(&vs[0].1));
                let others = self.alternatives(vec![("deleted".into(), deleted)]);
                self.conflict(Conflict {
                    kind: ConflictKind::DeletedOnOneSide,
                    item: kept.clone(),
                    id: id.to_string(),
                    kept,
                    others,
                    resolution: "kept, as another copy still has it (merge with --honour-deletions to remove it)".into(),
                });
            } else if !deleted.is_empty() {
                if !changed {
                    self.gone_codings.insert(id, deleted);
                    continue;
                }
                let kept = vs
                    .first()
                    .map(|v| self.coding_text(&coding_value(&v.1)))
                    .unwrap_or_default();
                let others = self.alternatives(vec![("deleted".into(), deleted)]);
                self.conflict(Conflict {
                    kind: ConflictKind::DeletedButChanged,
                    item: kept.clone(),
                    id: id.to_string(),
                    kept,
                    others,
                    resolution: "the coding is kept, with its change".into(),
                });
            }
            let cands = vs
                .iter()
                .map(|(i, c)| Cand {
                    value: coding_value(c),
                    at: c.stamp.modified,
                    side: *i,
                })
                .collect();
            let Some(p) = pick(b.map(coding_value).as_ref(), cands) else {
                continue;
            };
            let version = |v: &CodingValue| {
                vs.iter()
                    .filter(|(_, c)| coding_value(c) == *v)
                    .max_by_key(|(i, c)| (c.stamp.modified, *i))
                    .map(|(_, c)| c.clone())
                    .or_else(|| b.cloned())
            };
            let Some(kept) = version(&p.value) else {
                continue;
            };
            if !p.others.is_empty() {
                let mut texts = Vec::new();
                for (v, s) in &p.others {
                    let Some(mut copy) = version(v) else { continue };
                    copy.id = CodingId(derived_uuid(&[
                        b"coding",
                        id.0.as_bytes(),
                        format!("{v:?}").as_bytes(),
                    ]));
                    texts.push((self.coding_text(v), s.clone()));
                    self.codings.insert(copy.id, copy);
                }
                let others = self.alternatives(texts);
                let kept_text = self.coding_text(&p.value);
                self.conflict(Conflict {
                    kind: ConflictKind::CodingChanged,
                    item: kept_text.clone(),
                    id: id.to_string(),
                    kept: kept_text,
                    others,
                    resolution: "every version is kept as a coding".into(),
                });
            }
            self.codings.insert(id, kept);
        }
    }

    /// Memos by ID. One edited differently on two sides keeps the latest
    /// text; each other text is a memo of its own beside it.
    pub(super) fn merge_memos(&mut self) {
        let base = self.base;
        let mut ids: BTreeSet<MemoId> = base.memos.keys().copied().collect();
        for s in &self.sides {
            ids.extend(s.memos.keys().copied());
        }
        for id in ids {
            let b = base.memos.get(&id);
            let vs: Vec<(usize, Memo)> = self
                .sides
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.memos.get(&id).map(|m| (i, m.clone())))
                .collect();
            let value = |m: &Memo| (m.target, m.title.clone(), m.body.clone());
            let present: Vec<usize> = vs.iter().map(|v| v.0).collect();
            let deleted = deleted_by(b.is_some(), self.sides.len(), &present);
            let changed = vs
                .iter()
                .any(|(_, m)| b.is_some_and(|b| value(b) != value(m)));
            if !deleted.is_empty() {
                if !changed {
                    if let Some((_, m)) = vs.first().filter(|_| !self.opts.honour_deletions) {
                        self.held_memos.insert(id, (m.clone(), deleted));
                    }
                    continue;
                }
                let others = self.alternatives(vec![("deleted".into(), deleted)]);
                let title = vs.first().map(|v| v.1.title.clone()).unwrap_or_default();
                self.conflict(Conflict {
                    kind: ConflictKind::DeletedButChanged,
                    item: title,
                    id: id.to_string(),
                    kept: "kept".into(),
                    others,
                    resolution: "the memo is kept, with its edit".into(),
                });
            }
            let cands = vs
                .iter()
                .map(|(i, m)| Cand {
                    value: value(m),
                    at: m.stamp.modified,
                    side: *i,
                })
                .collect();
            let Some(p) = pick(b.map(value).as_ref(), cands) else {
                continue;
            };
            let version = |v: &(MemoTarget, String, String)| {
                vs.iter()
                    .filter(|(_, m)| value(m) == *v)
                    .max_by_key(|(i, m)| (m.stamp.modified, *i))
                    .map(|(_, m)| m.clone())
                    .or_else(|| b.cloned())
            };
            let Some(kept) = version(&p.value) else {
                continue;
            };
            if !p.others.is_empty() {
                let mut titles = Vec::new();
                for (v, s) in &p.others {
                    let Some(mut copy) = version(v) else { continue };
                    copy.id = MemoId(derived_uuid(&[
                        b"memo",
                        id.0.as_bytes(),
                        v.1.as_bytes(),
                        v.2.as_bytes(),
                    ]));
                    copy.title = format!(
                        "{} ({}{})",
                        copy.title,
                        self.memo_words().other_version,
                        self.by(copy.stamp.modified_by)
                    );
                    titles.push((format!("{}: {}", v.1, v.2), s.clone()));
                    self.memos.insert(copy.id, copy);
                }
                let others = self.alternatives(titles);
                self.conflict(Conflict {
                    kind: ConflictKind::MemoEdited,
                    item: kept.title.clone(),
                    id: id.to_string(),
                    kept: format!("{}: {}", kept.title, kept.body),
                    others,
                    resolution: "each other version is a memo of its own, titled «… (other version)»".into(),
                });
            }
            self.memos.insert(id, kept);
        }
    }
}
