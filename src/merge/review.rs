//! The review's part of a merge: comment threads (their comments
//! unioned, by ID, in time order), verdicts and review points, taken
//! three-way like everything else; and every merge conflict turned into
//! an open thread, so that it is settled where the supervisor works.

use super::Merger;
use super::report::{Conflict, JoinedKind};
use super::three::derived_uuid;
use crate::model::*;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

impl Merger<'_> {
    pub(super) fn merge_review(&self, p: &mut Project) {
        let base = &self.base.review;
        let sides: Vec<&Review> = self.sides.iter().map(|s| &s.review).collect();
        p.review.threads = merge_threads(base, &sides);
        p.review.verdicts = merge_verdicts(base, &sides);
        // Review points: every one marked anywhere, oldest first.
        let mut points: BTreeMap<(DateTime<Utc>, PointId), ReviewPoint> = BTreeMap::new();
        for r in std::iter::once(base).chain(sides.iter().copied()) {
            for x in &r.points {
                points.entry((x.at, x.id)).or_insert_with(|| x.clone());
            }
        }
        p.review.points = points.into_values().collect();
        self.follow_joins(p);
    }

    /// Codes and codings joined by the merge (one path made on two
    /// sides, identical codings): threads, verdicts and proposals about
    /// a joined one are about the one kept.
    fn follow_joins(&self, p: &mut Project) {
        let map = |kind: JoinedKind| -> BTreeMap<uuid::Uuid, uuid::Uuid> {
            let parse = |s: &str| uuid::Uuid::parse_str(s).ok();
            self.report
                .joined
                .iter()
                .filter(|j| j.kind == kind)
                .filter_map(|j| Some((parse(&j.kept)?, &j.joined)))
                .flat_map(|(keep, joined)| {
                    joined
                        .iter()
                        .filter_map(move |x| Some((uuid::Uuid::parse_str(x).ok()?, keep)))
                })
                .collect()
        };
        let (codes, codings) = (map(JoinedKind::Codes), map(JoinedKind::Codings));
        if codes.is_empty() && codings.is_empty() {
            return;
        }
        let code = |c: CodeId| CodeId(codes.get(&c.0).copied().unwrap_or(c.0));
        for t in p.review.threads.values_mut() {
            t.target = match t.target {
                ReviewTarget::Code(c) => ReviewTarget::Code(code(c)),
                ReviewTarget::Coding(c) => {
                    ReviewTarget::Coding(CodingId(codings.get(&c.0).copied().unwrap_or(c.0)))
                }
                ReviewTarget::Project => ReviewTarget::Project,
            };
            t.proposal = match t.proposal.take() {
                Some(Proposal::Merge { into }) => Some(Proposal::Merge { into: code(into) }),
                Some(Proposal::Move { under }) => Some(Proposal::Move {
                    under: under.map(code),
                }),
                other => other,
            };
        }
        // Two verdicts on codes now one: the latest stands.
        let mut verdicts: BTreeMap<CodeId, CodeVerdict> = BTreeMap::new();
        for (c, v) in std::mem::take(&mut p.review.verdicts) {
            let e = verdicts.entry(code(c)).or_insert(v);
            if (v.at, format!("{:?}", v.verdict)) > (e.at, format!("{:?}", e.verdict)) {
                *e = v;
            }
        }
        p.review.verdicts = verdicts;
    }
}

/// A thread deleted on a side (undone) and not changed on another is
/// gone; otherwise its comments are the union of every version's, and it
/// is resolved only if every side that changed it left it resolved.
fn merge_threads(base: &Review, sides: &[&Review]) -> BTreeMap<ThreadId, Thread> {
    let ids: BTreeSet<ThreadId> = std::iter::once(base)
        .chain(sides.iter().copied())
        .flat_map(|r| r.threads.keys().copied())
        .collect();
    let mut out = BTreeMap::new();
    for id in ids {
        let b = base.threads.get(&id);
        let versions: Vec<Option<&Thread>> = sides.iter().map(|s| s.threads.get(&id)).collect();
        let changed: Vec<&Thread> = versions
            .iter()
            .flatten()
            .copied()
            .filter(|t| Some(*t) != b)
            .collect();
        let deleted = b.is_some() && versions.iter().any(Option::is_none);
        if deleted && changed.is_empty() {
            continue;
        }
        let Some(first) = changed.first().copied().or(b) else {
            continue;
        };
        let mut t = first.clone();
        let mut comments: BTreeMap<(DateTime<Utc>, CommentId), Comment> = BTreeMap::new();
        for v in b.into_iter().chain(versions.iter().flatten().copied()) {
            for c in &v.comments {
                comments.entry((c.at, c.id)).or_insert_with(|| c.clone());
            }
        }
        t.comments = comments.into_values().collect();
        if !changed.is_empty() {
            t.resolved = resolved(b, &changed);
            // A proposal changed on a side is taken; two different ones:
            // the one that sorts first, the same in any order of sides.
            let mut proposals: Vec<Option<Proposal>> = changed
                .iter()
                .map(|c| c.proposal.clone())
                .filter(|x| b.is_none_or(|b| *x != b.proposal))
                .collect();
            proposals.sort_by_key(|x| format!("{x:?}"));
            if let Some(x) = proposals.into_iter().next() {
                t.proposal = x;
            }
        }
        out.insert(id, t);
    }
    out
}

/// Resolved or reopened on a side: taken. But a thread one side resolved
/// while another added to it stays open, so that the new comment is read.
fn resolved(base: Option<&Thread>, changed: &[&Thread]) -> bool {
    let Some(b) = base else {
        return changed.iter().all(|c| c.resolved);
    };
    let flipped: Vec<&&Thread> = changed
        .iter()
        .filter(|c| c.resolved != b.resolved)
        .collect();
    if flipped.is_empty() {
        return b.resolved;
    }
    if b.resolved {
        // Reopened somewhere: open.
        return false;
    }
    let seen: BTreeSet<CommentId> = flipped
        .iter()
        .flat_map(|t| t.comments.iter().map(|c| c.id))
        .collect();
    !changed
        .iter()
        .any(|t| t.comments.iter().any(|c| !seen.contains(&c.id)))
}

/// A verdict changed on one side is taken; changed on several, the latest.
fn merge_verdicts(base: &Review, sides: &[&Review]) -> BTreeMap<CodeId, CodeVerdict> {
    let codes: BTreeSet<CodeId> = std::iter::once(base)
        .chain(sides.iter().copied())
        .flat_map(|r| r.verdicts.keys().copied())
        .collect();
    let mut out = BTreeMap::new();
    for code in codes {
        let b = base.verdicts.get(&code).copied();
        let changed: Vec<Option<CodeVerdict>> = sides
            .iter()
            .map(|s| s.verdicts.get(&code).copied())
            .filter(|v| *v != b)
            .collect();
        // Latest first; a cleared verdict counts as oldest.
        let pick = changed
            .into_iter()
            .max_by_key(|v| v.map(|v| (v.at, format!("{:?}", v.verdict))))
            .unwrap_or(b);
        if let Some(v) = pick {
            out.insert(code, v);
        }
    }
    out
}

/// The latest moment recorded in any side: a fixed time for the threads
/// a merge opens, so that merging again, in any order, writes the same.
fn latest(sides: &[Project]) -> DateTime<Utc> {
    sides
        .iter()
        .flat_map(|s| {
            let codes = s.codes.values().map(|c| c.stamp);
            let codings = s.codings.values().map(|c| c.stamp);
            let memos = s.memos.values().map(|m| m.stamp);
            codes.chain(codings).chain(memos)
        })
        .filter_map(|s| s.modified.or(s.created))
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

pub(super) fn conflict_threads(p: &mut Project, conflicts: &[Conflict], sides: &[Project]) {
    let at = latest(sides);
    for c in conflicts {
        let kind = serde_json::to_value(c.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let others: Vec<String> = c
            .others
            .iter()
            .map(|a| format!("{} ({})", a.value, a.sides.join(", ")))
            .collect();
        let text = format!(
            "Merge conflict ({}): {}. Kept: {}. Also: {}. {}",
            kind.replace('_', " "),
            c.item,
            c.kept,
            others.join("; "),
            c.resolution
        );
        // Named by what conflicts, not by which copy had what: the same
        // conflict merged again, in either direction, is the same thread.
        let mut values: Vec<&str> = c.others.iter().map(|a| a.value.as_str()).collect();
        values.push(&c.kept);
        values.sort_unstable();
        let mut parts: Vec<&[u8]> = vec![b"merge-conflict", kind.as_bytes(), c.id.as_bytes()];
        parts.extend(values.iter().map(|v| v.as_bytes()));
        let id = ThreadId(derived_uuid(&parts));
        let parsed = uuid::Uuid::parse_str(&c.id).ok();
        let target = match parsed {
            Some(u) if p.codes.contains_key(&CodeId(u)) => ReviewTarget::Code(CodeId(u)),
            Some(u) if p.codings.contains_key(&CodingId(u)) => ReviewTarget::Coding(CodingId(u)),
            _ => ReviewTarget::Project,
        };
        // Merged before (the same conflict from the same copies): kept as
        // it is, with whatever the supervisor said and decided.
        p.review.threads.entry(id).or_insert_with(|| Thread {
            id,
            target,
            comments: vec![Comment {
                id: CommentId(derived_uuid(&[b"merge-conflict-comment", id.0.as_bytes()])),
                author: None,
                at,
                text,
            }],
            resolved: false,
            proposal: None,
            conflict: Some(ConflictNote {
                kind,
                item: c.item.clone(),
                kept: c.kept.clone(),
                others,
            }),
        });
    }
}
