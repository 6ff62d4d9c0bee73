//! Before merging: the texts must agree; coders of one name become one
//! coder and one transcript imported on two sides one document, with the
//! sides rewritten to the merged IDs; and what each side brought is counted.

use super::three::{Cand, pick};
use super::{Conflict, ConflictKind, Joined, JoinedKind, MergeError, Merger, SideSummary};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

fn hash_of(d: &Document) -> String {
    if d.source.text_hash.is_empty() {
        text_hash(d.text())
    } else {
        d.source.text_hash.clone()
    }
}

/// Refuse when one document (by ID) has different text on two sides.
pub(super) fn check_texts(base: &Project, sides: &[(&str, &Project)]) -> Result<(), MergeError> {
    let mut seen: BTreeMap<DocId, (String, String, Option<&str>)> = BTreeMap::new();
    for d in &base.documents {
        seen.insert(d.id, (d.name.clone(), hash_of(d), None));
    }
    for (label, p) in sides {
        for d in &p.documents {
            match seen.get(&d.id) {
                Some((name, h, from)) if *h != hash_of(d) => {
                    let mut names = vec![label.to_string(), from.unwrap_or("the base").to_string()];
                    names.sort();
                    return Err(MergeError::DocumentText {
                        document: name.clone(),
                        sides: names,
                    });
                }
                Some(_) => {}
                None => {
                    seen.insert(d.id, (d.name.clone(), hash_of(d), Some(label)));
                }
            }
        }
    }
    Ok(())
}

impl Merger<'_> {
    /// What each side added and removed, against the base.
    pub(super) fn summarise(&mut self) {
        let b = self.base;
        for (i, s) in self.sides.iter().enumerate() {
            let base_docs: BTreeSet<DocId> = b.documents.iter().map(|d| d.id).collect();
            self.report.sides.push(SideSummary {
                side: self.labels[i].clone(),
                codings_added: s
                    .codings
                    .keys()
                    .filter(|k| !b.codings.contains_key(k))
                    .count(),
                codings_removed: b
                    .codings
                    .keys()
                    .filter(|k| !s.codings.contains_key(k))
                    .count(),
                codes_added: s.codes.keys().filter(|k| !b.codes.contains_key(k)).count(),
                codes_removed: b.codes.keys().filter(|k| !s.codes.contains_key(k)).count(),
                memos_added: s.memos.keys().filter(|k| !b.memos.contains_key(k)).count(),
                documents_added: s
                    .documents
                    .iter()
                    .filter(|d| !base_docs.contains(&d.id))
                    .count(),
            });
        }
    }

    /// Coders by ID (name and colour merged three-way), then one coder per
    /// name: a person added on two copies under two IDs is one coder.
    pub(super) fn merge_coders(&mut self) {
        let mut ids: BTreeSet<CoderId> = self.base.coders.iter().map(|c| c.id).collect();
        for s in &self.sides {
            ids.extend(s.coders.iter().map(|c| c.id));
        }
        let mut merged: BTreeMap<CoderId, Coder> = BTreeMap::new();
        for id in ids {
            let b = self.base.coder(id);
            let vs: Vec<(usize, &Coder)> = self
                .sides
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.coder(id).map(|c| (i, c)))
                .collect();
            let Some(first) = b.or(vs.first().map(|v| v.1)) else {
                continue;
            };
            let field = |f: fn(&Coder) -> String| {
                pick(
                    b.map(f).as_ref(),
                    vs.iter()
                        .map(|(i, c)| Cand {
                            value: f(c),
                            at: None,
                            side: *i,
                        })
                        .collect(),
                )
            };
            let mut coder = first.clone();
            let mut conflicts = Vec::new();
            if let Some(p) = field(|c| c.name.clone()) {
                coder.name = p.value;
                if !p.others.is_empty() {
                    conflicts.push(p.others);
                }
            }
            if let Some(p) = field(|c| c.color.clone()) {
                coder.color = p.value;
                if !p.others.is_empty() {
                    conflicts.push(p.others);
                }
            }
            for others in conflicts {
                let others = self.alternatives(others);
                self.conflict(Conflict {
                    kind: ConflictKind::CoderChanged,
                    item: coder.name.clone(),
                    id: id.to_string(),
                    kept: format!("{} {}", coder.name, coder.color),
                    others,
                    resolution: "one coder keeps every coding".into(),
                });
            }
            merged.insert(id, coder);
        }
        // One coder per name: the base's, else the smallest ID.
        let base_ids: BTreeSet<CoderId> = self.base.coders.iter().map(|c| c.id).collect();
        let mut by_name: BTreeMap<String, Vec<CoderId>> = BTreeMap::new();
        for c in merged.values() {
            by_name
                .entry(crate::text::fold(&c.name))
                .or_default()
                .push(c.id);
        }
        let mut map: BTreeMap<CoderId, CoderId> = BTreeMap::new();
        for group in by_name.values().filter(|g| g.len() > 1) {
            let keep = group
                .iter()
                .find(|id| base_ids.contains(id))
                .unwrap_or(&group[0]);
            let joined: Vec<CoderId> = group
                .iter()
                .copied()
                .filter(|id| id != keep && !base_ids.contains(id))
                .collect();
            if joined.is_empty() {
                continue;
            }
            for j in &joined {
                map.insert(*j, *keep);
                merged.remove(j);
            }
            self.report.joined.push(Joined {
                kind: JoinedKind::Coders,
                item: merged.get(keep).map(|c| c.name.clone()).unwrap_or_default(),
                kept: keep.to_string(),
                joined: joined.iter().map(|j| j.to_string()).collect(),
            });
        }
        for s in &mut self.sides {
            remap_coders(s, &map);
        }
        let keep: BTreeSet<CoderId> = merged.keys().copied().collect();
        let base_order: Vec<CoderId> = self.base.coders.iter().map(|c| c.id).collect();
        let side_orders: Vec<Vec<CoderId>> = self
            .sides
            .iter()
            .map(|s| s.coders.iter().map(|c| c.id).collect())
            .collect();
        let lists: Vec<&[CoderId]> = side_orders.iter().map(|v| v.as_slice()).collect();
        let (order, _) = super::three::merge_order(&base_order, &lists, &keep, |id| {
            merged.get(&id).map(|c| c.name.clone()).unwrap_or_default()
        });
        self.coders = order
            .iter()
            .filter_map(|id| merged.get(id).cloned())
            .collect();
    }

    /// One transcript imported on two sides (same name, same text, two
    /// IDs) becomes one document.
    pub(super) fn join_documents(&mut self) -> Result<(), MergeError> {
        let base_ids: BTreeSet<DocId> = self.base.documents.iter().map(|d| d.id).collect();
        let mut by_key: BTreeMap<(String, String), BTreeSet<DocId>> = BTreeMap::new();
        for s in &self.sides {
            for d in s.documents.iter().filter(|d| !base_ids.contains(&d.id)) {
                by_key
                    .entry((d.name.clone(), hash_of(d)))
                    .or_default()
                    .insert(d.id);
            }
        }
        let mut map: BTreeMap<DocId, DocId> = BTreeMap::new();
        for ((name, _), ids) in &by_key {
            let mut ids = ids.iter().copied();
            let Some(keep) = ids.next() else { continue };
            let joined: Vec<DocId> = ids.collect();
            if joined.is_empty() {
                continue;
            }
            for j in &joined {
                map.insert(*j, keep);
            }
            self.report.joined.push(Joined {
                kind: JoinedKind::Documents,
                item: name.clone(),
                kept: keep.to_string(),
                joined: joined.iter().map(|j| j.to_string()).collect(),
            });
        }
        if map.is_empty() {
            return Ok(());
        }
        for s in &mut self.sides {
            for d in &mut s.documents {
                if let Some(n) = map.get(&d.id) {
                    d.id = *n;
                }
            }
            for c in s.codings.values_mut() {
                if let Some(n) = map.get(&c.document) {
                    c.document = *n;
                }
            }
            for m in s.memos.values_mut() {
                if let MemoTarget::Document(d) = &mut m.target
                    && let Some(n) = map.get(d)
                {
                    *d = *n;
                }
            }
            s.touch();
        }
        Ok(())
    }

    /// Refuse two different documents of one name: a project's document
    /// names are unique (commands name documents).
    pub(super) fn check_document_names(&self) -> Result<(), MergeError> {
        let mut by_name: BTreeMap<&str, Vec<DocId>> = BTreeMap::new();
        for d in self.documents.values() {
            by_name.entry(d.name.as_str()).or_default().push(d.id);
        }
        if let Some((name, ids)) = by_name.into_iter().find(|(_, ids)| ids.len() > 1) {
            let sides: Vec<usize> = (0..self.sides.len())
                .filter(|i| ids.iter().any(|id| self.sides[*i].document(*id).is_some()))
                .collect();
            return Err(MergeError::DocumentName {
                document: name.to_string(),
                sides: self.side_names(&sides),
            });
        }
        Ok(())
    }
}

/// Rewrite coder IDs (codings and every stamp) by `map`.
fn remap_coders(p: &mut Project, map: &BTreeMap<CoderId, CoderId>) {
    if map.is_empty() {
        return;
    }
    let one = |id: &mut CoderId| {
        if let Some(n) = map.get(id) {
            *id = *n;
        }
    };
    let stamp = |s: &mut Stamp| {
        if let Some(c) = &mut s.created_by {
            one(c);
        }
        if let Some(c) = &mut s.modified_by {
            one(c);
        }
    };
    for c in p.codes.values_mut() {
        stamp(&mut c.stamp);
    }
    for c in p.codings.values_mut() {
        one(&mut c.coder);
        stamp(&mut c.stamp);
    }
    for m in p.memos.values_mut() {
        stamp(&mut m.stamp);
    }
    for d in &mut p.documents {
        stamp(&mut d.stamp);
    }
    for g in &mut p.groups {
        stamp(&mut g.stamp);
    }
    // The review's authors too: a supervisor who joined under two IDs
    // signs every comment as one person.
    for t in p.review.threads.values_mut() {
        for c in &mut t.comments {
            if let Some(a) = &mut c.author {
                one(a);
            }
        }
    }
    for v in p.review.verdicts.values_mut() {
        if let Some(b) = &mut v.by {
            one(b);
        }
    }
    for x in &mut p.review.points {
        if let Some(b) = &mut x.by {
            one(b);
        }
    }
    let mut seen = BTreeSet::new();
    for c in &mut p.coders {
        one(&mut c.id);
    }
    p.coders.retain(|c| seen.insert(c.id));
    p.touch();
}
