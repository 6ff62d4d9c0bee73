//! What one side deleted but another still uses is brought back;
//! identical codings are joined; the merged project is put together.

use super::items::coding_value;
use super::three::{Cand, merge_order, pick};
use super::{Conflict, ConflictKind, Joined, JoinedKind, Merger};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

impl Merger<'_> {
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
        // Memos one side deleted and another kept: back where what they
        // are about is in the merge (not bringing that back for them).
        for (id, (memo, by)) in std::mem::take(&mut self.held_memos) {
            let alive = match memo.target {
                MemoTarget::Project => true,
                MemoTarget::Code(c) => self.codes.contains_key(&c),
                MemoTarget::Document(d) => self.documents.contains_key(&d),
                MemoTarget::Coding(c) => self.codings.contains_key(&c),
            };
            if alive {
                let others = self.alternatives(vec![("deleted".into(), by)]);
                self.conflict(Conflict {
                    kind: ConflictKind::DeletedOnOneSide,
                    item: memo.title.clone(),
                    id: id.to_string(),
                    kept: memo.title.clone(),
                    others,
                    resolution: "kept, as another copy still has it (merge with --honour-deletions to remove it)".into(),
                });
                self.memos.insert(id, memo);
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
        p.code_sets = super::sets::merge_code_sets(base, &self.sides, &self.codes);
        p.accounts = super::sets::merge_accounts(base, &self.sides);
        p.maps = super::sets::merge_maps(base, &self.sides);
        p.cards = super::sets::merge_cards(base, &self.sides);
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
