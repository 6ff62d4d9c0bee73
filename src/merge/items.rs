//! Documents, groups, codings and memos merged by ID; what a side deleted
//! but another still uses brought back; the merged project put together.

use super::three::{Cand, derived_uuid, merge_order, pick};
use super::{Conflict, ConflictKind, Joined, JoinedKind, Merger};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The parts of a coding that can change.
type CodingValue = (DocId, CharRange, CodeId, CoderId, Origin);

fn coding_value(c: &Coding) -> CodingValue {
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

    fn coding_text(&self, v: &CodingValue) -> String {
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
            if !deleted.is_empty() {
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
                        "{} (other version{})",
                        copy.title,
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

    /// What one side deleted but something kept still needs (a coding of
    /// the code, a memo, a child, a document's group) comes back, from the
    /// base, and the report says so.
    pub(super) fn keep_what_is_used(&mut self) {
        let base = self.base;
        let base_parents = base.parents();
        loop {
            let mut codes = BTreeSet::new();
            let mut docs = BTreeSet::new();
            let mut codings = BTreeSet::new();
            let mut groups = BTreeSet::new();
            for c in self.codings.values() {
                codes.insert(c.code);
                docs.insert(c.document);
            }
            for m in self.memos.values() {
                match m.target {
                    MemoTarget::Code(c) => {
                        codes.insert(c);
                    }
                    MemoTarget::Document(d) => {
                        docs.insert(d);
                    }
                    MemoTarget::Coding(c) => {
                        codings.insert(c);
                    }
                    MemoTarget::Project => {}
                }
            }
            codes.extend(self.parent.values().flatten().copied());
            groups.extend(self.documents.values().filter_map(|d| d.group));
            let mut more = false;
            for id in codes {
                if self.codes.contains_key(&id) {
                    continue;
                }
                let (Some(by), Some(c)) = (self.gone_codes.remove(&id), base.codes.get(&id)) else {
                    continue;
                };
                let mut c = c.clone();
                c.children.clear();
                let name = c.name.clone();
                self.codes.insert(id, c);
                self.parent.insert(id, base_parents.get(&id).copied());
                self.code_conflict_used(id, &name, by);
                more = true;
            }
            for id in docs {
                if self.documents.contains_key(&id) {
                    continue;
                }
                let (Some(by), Some(d)) = (self.gone_documents.remove(&id), base.document(id))
                else {
                    continue;
                };
                self.documents.insert(id, d.clone());
                self.used(id.to_string(), d.name.clone(), by);
                more = true;
            }
            for id in codings {
                if self.codings.contains_key(&id) {
                    continue;
                }
                let (Some(by), Some(c)) = (self.gone_codings.remove(&id), base.codings.get(&id))
                else {
                    continue;
                };
                self.codings.insert(id, c.clone());
                let text = self.coding_text(&coding_value(c));
                self.used(id.to_string(), text, by);
                more = true;
            }
            for id in groups {
                if self.groups.contains_key(&id) {
                    continue;
                }
                let (Some(by), Some(g)) = (
                    self.gone_groups.remove(&id),
                    base.groups.iter().find(|g| g.id == id),
                ) else {
                    continue;
                };
                self.groups.insert(id, g.clone());
                self.used(id.to_string(), g.name.clone(), by);
                more = true;
            }
            if !more {
                break;
            }
        }
        // A parent that exists nowhere (a damaged side): the top level.
        let codes = &self.codes;
        for p in self.parent.values_mut() {
            if p.is_some_and(|p| !codes.contains_key(&p)) {
                *p = None;
            }
        }
    }

    fn code_conflict_used(&mut self, id: CodeId, name: &str, by: Vec<usize>) {
        let others = self.alternatives(vec![("deleted".into(), by)]);
        self.code_conflicts.push((
            id,
            Conflict {
                kind: ConflictKind::DeletedButUsed,
                item: name.to_string(),
                id: id.to_string(),
                kept: "kept".into(),
                others,
                resolution: "kept, since another side still uses it".into(),
            },
        ));
    }

    fn used(&mut self, id: String, item: String, by: Vec<usize>) {
        let others = self.alternatives(vec![("deleted".into(), by)]);
        self.conflict(Conflict {
            kind: ConflictKind::DeletedButUsed,
            item,
            id,
            kept: "kept".into(),
            others,
            resolution: "kept, since another side still uses it".into(),
        });
    }

    /// Codings alike in document, range, code and coder (after coders and
    /// codes were joined) are one: the base's, else the smallest ID.
    pub(super) fn join_identical_codings(&mut self) {
        let mut by_value: BTreeMap<CodingValueKey, Vec<CodingId>> = BTreeMap::new();
        for c in self.codings.values() {
            by_value
                .entry((c.document, c.range, c.code, c.coder))
                .or_default()
                .push(c.id);
        }
        let mut map: BTreeMap<CodingId, CodingId> = BTreeMap::new();
        for (v, ids) in by_value.into_iter().filter(|(_, ids)| ids.len() > 1) {
            let keep = *ids
                .iter()
                .find(|id| self.base.codings.contains_key(id))
                .unwrap_or(&ids[0]);
            let joined: Vec<CodingId> = ids.iter().copied().filter(|id| *id != keep).collect();
            for j in &joined {
                self.codings.remove(j);
                map.insert(*j, keep);
            }
            let item = self.coding_text(&(v.0, v.1, v.2, v.3, Origin::Manual));
            self.report.joined.push(Joined {
                kind: JoinedKind::Codings,
                item,
                kept: keep.to_string(),
                joined: joined.iter().map(|j| j.to_string()).collect(),
            });
        }
        for m in self.memos.values_mut() {
            if let MemoTarget::Coding(c) = &mut m.target
                && let Some(n) = map.get(c)
            {
                *c = *n;
            }
        }
    }

    /// The merged project, with lists in merged order and settings merged.
    pub(super) fn assemble(&mut self) -> Project {
        let base = self.base;
        let roots = self.order_tree();
        let mut p = Project::new(base.name.clone());
        p.id = base.id;
        macro_rules! setting {
            ($field:ident, $what:expr) => {
                let cands = self
                    .sides
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Cand {
                        value: s.$field.clone(),
                        at: None,
                        side: i,
                    })
                    .collect();
                if let Some(pk) = pick(Some(&base.$field), cands) {
                    if !pk.others.is_empty() {
                        let others = pk
                            .others
                            .iter()
                            .map(|(v, s)| (format!("{v:?}"), s.clone()))
                            .collect();
                        let others = self.alternatives(others);
                        self.conflict(Conflict {
                            kind: ConflictKind::ProjectSetting,
                            item: $what.into(),
                            id: String::new(),
                            kept: format!("{:?}", pk.value),
                            others,
                            resolution: "kept one value".into(),
                        });
                    }
                    p.$field = pk.value;
                }
            };
        }
        setting!(name, "project name");
        setting!(level_names, "level names");
        setting!(level_count, "level count");
        setting!(interviewer_labels, "interviewer labels");
        let dirs = self
            .sides
            .iter()
            .enumerate()
            .map(|(i, s)| Cand {
                value: format!("{:?}", s.direction),
                at: None,
                side: i,
            })
            .collect();
        if let Some(pk) = pick(Some(&format!("{:?}", base.direction)), dirs) {
            p.direction = self
                .sides
                .iter()
                .map(|s| s.direction)
                .chain([base.direction])
                .find(|d| format!("{d:?}") == pk.value)
                .unwrap_or(base.direction);
        }
        p.coders = std::mem::take(&mut self.coders);
        let doc_keep: BTreeSet<DocId> = self.documents.keys().copied().collect();
        let base_docs: Vec<DocId> = base.documents.iter().map(|d| d.id).collect();
        let side_docs: Vec<Vec<DocId>> = self
            .sides
            .iter()
            .map(|s| s.documents.iter().map(|d| d.id).collect())
            .collect();
        let lists: Vec<&[DocId]> = side_docs.iter().map(|v| v.as_slice()).collect();
        let docs = &self.documents;
        let (order, _) = merge_order(&base_docs, &lists, &doc_keep, |id| {
            docs.get(&id).map(|d| d.name.clone()).unwrap_or_default()
        });
        p.documents = order
            .iter()
            .filter_map(|id| self.documents.remove(id))
            .collect();
        let group_keep: BTreeSet<GroupId> = self.groups.keys().copied().collect();
        let base_groups: Vec<GroupId> = base.groups.iter().map(|g| g.id).collect();
        let side_groups: Vec<Vec<GroupId>> = self
            .sides
            .iter()
            .map(|s| s.groups.iter().map(|g| g.id).collect())
            .collect();
        let lists: Vec<&[GroupId]> = side_groups.iter().map(|v| v.as_slice()).collect();
        let groups = &self.groups;
        let (order, _) = merge_order(&base_groups, &lists, &group_keep, |id| {
            groups.get(&id).map(|g| g.name.clone()).unwrap_or_default()
        });
        p.groups = order
            .iter()
            .filter_map(|id| self.groups.remove(id))
            .collect();
        p.roots = roots;
        p.codes = std::mem::take(&mut self.codes);
        p.codings = std::mem::take(&mut self.codings);
        p.memos = std::mem::take(&mut self.memos);
        p.set_aside = self.set_aside();
        p.touch();
        p
    }

    /// Items set aside on any side, once each, in a fixed order.
    fn set_aside(&self) -> SetAside {
        fn union<T: Clone + std::fmt::Debug, K: Ord>(
            lists: Vec<&Vec<T>>,
            key: impl Fn(&T) -> K,
        ) -> Vec<T> {
            let mut all: Vec<(K, String, T)> = lists
                .into_iter()
                .flatten()
                .map(|x| (key(x), format!("{x:?}"), x.clone()))
                .collect();
            all.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            all.dedup_by(|a, b| a.0 == b.0);
            all.into_iter().map(|x| x.2).collect()
        }
        // The sides' only: what the base set aside and a side repaired is
        // not set aside again.
        let all = || self.sides.iter();
        SetAside {
            codings: union(all().map(|p| &p.set_aside.codings).collect(), |c| c.id),
            memos: union(all().map(|p| &p.set_aside.memos).collect(), |m| m.id),
            codes: union(all().map(|p| &p.set_aside.codes).collect(), |c| c.id),
            documents: union(all().map(|p| &p.set_aside.documents).collect(), |d| d.id),
        }
    }
}

type CodingValueKey = (DocId, CharRange, CodeId, CoderId);
