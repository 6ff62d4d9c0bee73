//! The code tree: codes merged field by field (name, colour, description,
//! parent), cycles from crossing moves undone, codes made on two sides at
//! one path joined, and each parent's children put in order.

use super::three::{Cand, derived_uuid, merge_order, pick};
use super::{Conflict, ConflictKind, Joined, JoinedKind, Merger};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

type Desc = (String, String, String);

fn desc(c: &Code) -> Desc {
    let d = &c.description;
    (
        d.definition.clone(),
        d.when_to_use.clone(),
        d.example.clone(),
    )
}

fn desc_text(d: &Desc) -> String {
    Description {
        definition: d.0.clone(),
        when_to_use: d.1.clone(),
        example: d.2.clone(),
    }
    .joined()
}

/// A memo the merge writes to keep what a conflict did not keep in place.
pub(super) fn merge_memo(
    id: MemoId,
    target: MemoTarget,
    title: String,
    body: String,
    at: Stamp,
) -> Memo {
    Memo {
        id,
        target,
        title,
        body,
        stamp: Stamp {
            created: at.modified,
            created_by: None,
            modified: at.modified,
            modified_by: None,
        },
    }
}

impl Merger<'_> {
    /// " (by NAME)" for who last changed an item, if known.
    pub(super) fn by(&self, who: Option<CoderId>) -> String {
        let by = self.memo_words().by;
        who.and_then(|id| self.coders.iter().find(|c| c.id == id))
            .map_or(String::new(), |c| format!(" ({by} {})", c.name))
    }

    /// The titles of the memos a merge writes, in the project's language
    /// (a Persian study reads them in Persian).
    pub(super) fn memo_words(&self) -> &'static MemoWords {
        if crate::export::table_rtl(self.base) {
            &MemoWords {
                other_names: "ادغام: نام‌های دیگر این کد",
                other_description: "ادغام: توصیف دیگر",
                joined_description: "ادغام: توصیف «{}» ادغام‌شده",
                other_version: "نسخهٔ دیگر",
                by: "از",
            }
        } else {
            &MemoWords {
                other_names: "Merge: other names of this code",
                other_description: "Merge: other description",
                joined_description: "Merge: description of a joined «{}»",
                other_version: "other version",
                by: "by",
            }
        }
    }

    /// A code's place, for the report: its parent's path, or the top level.
    fn place(&self, parent: Option<CodeId>) -> String {
        let Some(p) = parent else {
            return "(top level)".into();
        };
        std::iter::once(self.base)
            .chain(self.sides.iter())
            .find(|pr| pr.codes.contains_key(&p))
            .map_or_else(|| p.to_string(), |pr| pr.code_path_label(p, " › "))
    }

    fn code_conflict(
        &mut self,
        id: CodeId,
        kind: ConflictKind,
        name: &str,
        kept: String,
        others: Vec<(String, Vec<usize>)>,
        resolution: &str,
    ) {
        let others = self.alternatives(others);
        self.code_conflicts.push((
            id,
            Conflict {
                kind,
                item: name.to_string(),
                id: id.to_string(),
                kept,
                others,
                resolution: resolution.to_string(),
            },
        ));
    }

    pub(super) fn merge_codes(&mut self) {
        let base = self.base;
        let base_parents = base.parents();
        let side_parents: Vec<BTreeMap<CodeId, CodeId>> =
            self.sides.iter().map(|s| s.parents()).collect();
        let mut ids: BTreeSet<CodeId> = base.codes.keys().copied().collect();
        for s in &self.sides {
            ids.extend(s.codes.keys().copied());
        }
        for id in ids {
            let b = base.codes.get(&id);
            let bp = base_parents.get(&id).copied();
            let vs: Vec<(usize, Code, Option<CodeId>)> = self
                .sides
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    s.codes
                        .get(&id)
                        .map(|c| (i, c.clone(), side_parents[i].get(&id).copied()))
                })
                .collect();
            let deleted: Vec<usize> = match b {
                Some(_) => (0..self.sides.len())
                    .filter(|i| !vs.iter().any(|v| v.0 == *i))
                    .collect(),
                None => Vec::new(),
            };
            let changed_by: Vec<usize> = vs
                .iter()
                .filter(|(_, c, p)| {
                    b.is_some_and(|b| {
                        c.name != b.name
                            || c.color != b.color
                            || c.description != b.description
                            || c.codable != b.codable
                            || *p != bp
                    })
                })
                .map(|v| v.0)
                .collect();
            let Some(first) = b.or(vs.first().map(|v| &v.1)) else {
                continue;
            };
            let mut code = first.clone();
            code.children.clear();
            if !deleted.is_empty() {
                if changed_by.is_empty() {
                    self.gone_codes.insert(id, deleted);
                    continue;
                }
                let name = code.name.clone();
                self.code_conflict(
                    id,
                    ConflictKind::DeletedButChanged,
                    &name,
                    "kept".into(),
                    vec![("deleted".into(), deleted)],
                    "the code is kept, with its changes",
                );
            }
            // The stamp of the latest version.
            if let Some(v) = vs
                .iter()
                .filter(|v| changed_by.contains(&v.0) || b.is_none())
                .max_by_key(|v| (v.1.stamp.modified, v.0))
            {
                code.stamp = v.1.stamp;
            }
            let cands = |f: &dyn Fn(&Code, Option<CodeId>) -> String| -> Vec<Cand<String>> {
                vs.iter()
                    .map(|(i, c, p)| Cand {
                        value: f(c, *p),
                        at: c.stamp.modified,
                        side: *i,
                    })
                    .collect()
            };
            // Name.
            if let Some(p) = pick(
                b.map(|c| c.name.clone()).as_ref(),
                cands(&|c, _| c.name.clone()),
            ) {
                code.name = p.value;
                if !p.others.is_empty() {
                    let body: Vec<String> = p
                        .others
                        .iter()
                        .map(|(name, s)| {
                            let who = vs
                                .iter()
                                .find(|v| s.contains(&v.0))
                                .and_then(|v| v.1.stamp.modified_by);
                            format!("«{name}»{}", self.by(who))
                        })
                        .collect();
                    let mid = MemoId(derived_uuid(&[b"names", id.0.as_bytes()]));
                    self.memos.insert(
                        mid,
                        merge_memo(
                            mid,
                            MemoTarget::Code(id),
                            self.memo_words().other_names.into(),
                            body.join("\n"),
                            code.stamp,
                        ),
                    );
                    let name = code.name.clone();
                    self.code_conflict(id, ConflictKind::Renamed, &name, name.clone(), p.others, "kept one name; the others are in the code's memo «Merge: other names of this code»");
                }
            }
            // Colour.
            if let Some(p) = pick(
                b.map(|c| c.color.clone()).as_ref(),
                cands(&|c, _| c.color.clone()),
            ) {
                code.color = p.value;
                if !p.others.is_empty() {
                    let name = code.name.clone();
                    self.code_conflict(
                        id,
                        ConflictKind::Recoloured,
                        &name,
                        code.color.clone(),
                        p.others,
                        "kept one colour",
                    );
                }
            }
            // Codable: a yes or no, so every side that changed it agrees.
            let base_codable = b.map_or(first.codable, |c| c.codable);
            code.codable = if vs.iter().any(|(_, c, _)| c.codable != base_codable) {
                !base_codable
            } else {
                base_codable
            };
            // Description.
            let dcands: Vec<Cand<Desc>> = vs
                .iter()
                .map(|(i, c, _)| Cand {
                    value: desc(c),
                    at: c.stamp.modified,
                    side: *i,
                })
                .collect();
            if let Some(p) = pick(b.map(desc).as_ref(), dcands) {
                code.description = Description {
                    definition: p.value.0.clone(),
                    when_to_use: p.value.1.clone(),
                    example: p.value.2.clone(),
                };
                if !p.others.is_empty() {
                    for (d, s) in &p.others {
                        let who = vs
                            .iter()
                            .find(|v| s.contains(&v.0))
                            .and_then(|v| v.1.stamp.modified_by);
                        let mid = MemoId(derived_uuid(&[
                            b"description",
                            id.0.as_bytes(),
                            desc_text(d).as_bytes(),
                        ]));
                        self.memos.insert(
                            mid,
                            merge_memo(
                                mid,
                                MemoTarget::Code(id),
                                format!("{}{}", self.memo_words().other_description, self.by(who)),
                                desc_text(d),
                                code.stamp,
                            ),
                        );
                    }
                    let name = code.name.clone();
                    let others = p
                        .others
                        .into_iter()
                        .map(|(d, s)| (desc_text(&d), s))
                        .collect();
                    self.code_conflict(
                        id,
                        ConflictKind::DescriptionEdited,
                        &name,
                        desc_text(&p.value),
                        others,
                        "kept one description; each other is in a memo on the code",
                    );
                }
            }
            // Parent.
            let pcands: Vec<Cand<Option<CodeId>>> = vs
                .iter()
                .map(|(i, c, par)| Cand {
                    value: *par,
                    at: c.stamp.modified,
                    side: *i,
                })
                .collect();
            let parent = match pick(b.map(|_| bp).as_ref(), pcands) {
                Some(p) => {
                    if !p.others.is_empty() {
                        let name = code.name.clone();
                        let others = p
                            .others
                            .iter()
                            .map(|(par, s)| (self.place(*par), s.clone()))
                            .collect();
                        let kept = self.place(p.value);
                        self.code_conflict(
                            id,
                            ConflictKind::Moved,
                            &name,
                            kept,
                            others,
                            "kept in one place",
                        );
                    }
                    p.value
                }
                None => bp,
            };
            self.parent.insert(id, parent);
            self.codes.insert(id, code);
        }
    }

    /// Moves on two sides can together put a code inside itself (A under
    /// B on one side, B under A on the other): those codes go back to
    /// their base places (or the top level), which cannot form a cycle.
    pub(super) fn break_cycles(&mut self) {
        let base_parents = self.base.parents();
        loop {
            let mut cycle: Option<Vec<CodeId>> = None;
            'outer: for start in self.codes.keys() {
                let mut path = vec![*start];
                let mut cur = *start;
                while let Some(Some(p)) = self.parent.get(&cur) {
                    if let Some(at) = path.iter().position(|x| x == p) {
                        cycle = Some(path[at..].to_vec());
                        break 'outer;
                    }
                    path.push(*p);
                    cur = *p;
                }
            }
            let Some(cycle) = cycle else { break };
            for id in cycle {
                let back = base_parents
                    .get(&id)
                    .copied()
                    .filter(|p| self.codes.contains_key(p));
                let was = self.parent.insert(id, back).flatten();
                if was == back {
                    continue;
                }
                let name = self
                    .codes
                    .get(&id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let kept = self.place(back);
                let other = self.place(was);
                self.code_conflict(
                    id,
                    ConflictKind::MoveCycle,
                    &name,
                    kept,
                    vec![(other, Vec::new())],
                    "put back in its base place",
                );
            }
        }
    }

    /// A code's path by names, in the tree merged so far.
    fn path_now(&self, id: CodeId) -> String {
        let mut names = Vec::new();
        let mut cur = Some(id);
        while let Some(c) = cur {
            if names.len() > self.codes.len() {
                break;
            }
            names.push(
                self.codes
                    .get(&c)
                    .map_or("?", |c| c.name.as_str())
                    .to_string(),
            );
            cur = self.parent.get(&c).copied().flatten();
        }
        names.reverse();
        names.join(" › ")
    }

    fn children_now(&self) -> BTreeMap<Option<CodeId>, Vec<CodeId>> {
        let mut kids: BTreeMap<Option<CodeId>, Vec<CodeId>> = BTreeMap::new();
        for (c, p) in &self.parent {
            kids.entry(*p).or_default().push(*c);
        }
        kids
    }

    /// Codes created on different sides under one parent with one name
    /// (compared as a Persian reader would) become one code, top down so
    /// that their children meet too. The base's code, else the smallest
    /// ID, stays; the others' codings, memos and children go to it.
    pub(super) fn join_same_paths(&mut self) {
        let mut joins: BTreeMap<CodeId, CodeId> = BTreeMap::new();
        let mut queue: Vec<Option<CodeId>> = vec![None];
        while let Some(slot) = queue.pop() {
            let kids = self.children_now().remove(&slot).unwrap_or_default();
            let mut by_name: BTreeMap<String, Vec<CodeId>> = BTreeMap::new();
            for k in &kids {
                let name = self
                    .codes
                    .get(k)
                    .map(|c| crate::text::fold(&c.name))
                    .unwrap_or_default();
                by_name.entry(name).or_default().push(*k);
            }
            for group in by_name.values() {
                let keep = group
                    .iter()
                    .find(|id| self.base.codes.contains_key(id))
                    .unwrap_or(&group[0]);
                let joined: Vec<CodeId> = group
                    .iter()
                    .copied()
                    .filter(|id| id != keep && !self.base.codes.contains_key(id))
                    .collect();
                for x in &joined {
                    for (_, p) in self.parent.iter_mut().filter(|(_, p)| **p == Some(*x)) {
                        *p = Some(*keep);
                    }
                    self.parent.remove(x);
                    let Some(gone) = self.codes.remove(x) else {
                        continue;
                    };
                    joins.insert(*x, *keep);
                    let Some(kept) = self.codes.get_mut(keep) else {
                        continue;
                    };
                    if kept.description.is_empty() {
                        kept.description = gone.description;
                    } else if !gone.description.is_empty() && gone.description != kept.description {
                        let mid = MemoId(derived_uuid(&[b"joined description", x.0.as_bytes()]));
                        let memo = merge_memo(
                            mid,
                            MemoTarget::Code(*keep),
                            self.memo_words()
                                .joined_description
                                .replace("{}", &gone.name),
                            gone.description.joined(),
                            gone.stamp,
                        );
                        self.memos.insert(mid, memo);
                    }
                }
                if !joined.is_empty() {
                    self.report.joined.push(Joined {
                        kind: JoinedKind::Codes,
                        item: self.path_now(*keep),
                        kept: keep.to_string(),
                        joined: joined.iter().map(|j| j.to_string()).collect(),
                    });
                }
                queue.push(Some(*keep));
                // Base codes of one name stay apart, as they were.
                queue.extend(
                    group
                        .iter()
                        .filter(|id| *id != keep && !joined.contains(id))
                        .map(|id| Some(*id)),
                );
            }
        }
        if joins.is_empty() {
            return;
        }
        let to = |mut id: CodeId| {
            let mut n = 0;
            while let Some(next) = joins.get(&id) {
                id = *next;
                n += 1;
                if n > joins.len() {
                    break;
                }
            }
            id
        };
        for c in self.codings.values_mut() {
            c.code = to(c.code);
        }
        for m in self.memos.values_mut() {
            if let MemoTarget::Code(c) = &mut m.target {
                *c = to(*c);
            }
        }
    }

    /// Each parent's children in order, and the roots.
    pub(super) fn order_tree(&mut self) -> Vec<CodeId> {
        let kids = self.children_now();
        let base = self.base;
        let mut roots = Vec::new();
        for (slot, set) in kids {
            let keep: BTreeSet<CodeId> = set.into_iter().collect();
            let base_list: &[CodeId] = base.siblings(slot);
            let lists: Vec<&[CodeId]> = self.sides.iter().map(|s| s.siblings(slot)).collect();
            let codes = &self.codes;
            let (order, conflict) = merge_order(base_list, &lists, &keep, |id| {
                codes
                    .get(&id)
                    .map(|c| crate::text::fold(&c.name))
                    .unwrap_or_default()
            });
            if conflict {
                let item = slot.map_or_else(|| "(top level)".to_string(), |s| self.path_now(s));
                self.conflict(Conflict {
                    kind: ConflictKind::OrderChanged,
                    item,
                    id: slot.map(|s| s.to_string()).unwrap_or_default(),
                    kept: "the base's order".into(),
                    others: Vec::new(),
                    resolution: "codes reordered on two sides keep the base's order".into(),
                });
            }
            match slot {
                None => roots = order,
                Some(p) => {
                    if let Some(c) = self.codes.get_mut(&p) {
                        c.children = order;
                    }
                }
            }
        }
        roots
    }
}

/// The words of the memos a merge writes.
pub(super) struct MemoWords {
    pub other_names: &'static str,
    pub other_description: &'static str,
    /// `{}`: the joined code's name.
    pub joined_description: &'static str,
    pub other_version: &'static str,
    pub by: &'static str,
}
