//! Long runs of coding insertions or removals inside one batch (a bulk
//! import of 20,000 codings, or its undo), applied together.
//!
//! One by one, each insertion looks for a twin among the codings of its
//! document (all codings when the index is not built: after a batch's
//! first new code or coder) and each index update shifts the sorted list of
//! its coder: O(n) each, O(n²) for the run. Together, the run is checked
//! against one set of the codings there are, and the index follows in one
//! pass over each list it touches. The result, the inverses and the errors
//! are those of applying the commands one by one (tests/all/bulk.rs
//! compares them).

use super::{Command, EditError};
use crate::model::*;
use std::collections::{HashMap, HashSet};

/// Runs shorter than this are applied one by one, updating the index in
/// place (cheaper than a pass over whole lists).
pub(super) const RUN_MIN: usize = 32;

/// How many commands from `at` on are of the same kind (bare
/// `InsertCoding`, or bare `RemoveCoding`).
pub(super) fn run_len(cmds: &[Command], at: usize) -> usize {
    let Some(first) = cmds.get(at) else {
        return 0;
    };
    let same = |c: &Command| {
        matches!(
            (first, c),
            (Command::InsertCoding { .. }, Command::InsertCoding { .. })
                | (Command::RemoveCoding { .. }, Command::RemoveCoding { .. })
        )
    };
    cmds[at..].iter().take_while(|c| same(c)).count()
}

type Key = (DocId, CharRange, CodeId, CoderId);

fn key(c: &Coding) -> Key {
    (c.document, c.range, c.code, c.coder)
}

/// Insert every coding of the run (each an `InsertCoding`); the inverses
/// in order. On error nothing is changed.
pub(super) fn insert_codings(
    p: &mut Project,
    run: Vec<Command>,
) -> Result<Vec<Command>, EditError> {
    let items: Vec<(Coding, Vec<Memo>)> = run
        .into_iter()
        .filter_map(|c| match c {
            Command::InsertCoding { coding, memos } => Some((coding, memos)),
            _ => None,
        })
        .collect();
    // The codings there are, of the documents this run codes.
    let docs: HashSet<DocId> = items.iter().map(|(c, _)| c.document).collect();
    let mut there: HashSet<Key> = match p.built_index() {
        Some(ix) => docs
            .iter()
            .flat_map(|d| ix.codings_of_document(*d))
            .filter_map(|id| p.codings.get(id))
            .map(key)
            .collect(),
        None => p
            .codings
            .values()
            .filter(|c| docs.contains(&c.document))
            .map(key)
            .collect(),
    };
    let lengths: HashMap<DocId, usize> = docs
        .iter()
        .filter_map(|d| p.document(*d).map(|doc| (*d, doc.char_count())))
        .collect();
    let coders: HashSet<CoderId> = p.coders.iter().map(|c| c.id).collect();
    let mut ids = HashSet::with_capacity(items.len());
    let mut memo_ids = HashSet::new();
    // In the order, and with the checks, of `check_coding` and the
    // `InsertCoding` arm of `apply`.
    for (c, memos) in &items {
        if p.codings.contains_key(&c.id) || !ids.insert(c.id) {
            return Err(EditError::Duplicate(c.id.to_string()));
        }
        if !p.codes.contains_key(&c.code) {
            return Err(EditError::NoCode(c.code));
        }
        if !coders.contains(&c.coder) {
            return Err(EditError::NoCoder(c.coder));
        }
        let len = *lengths
            .get(&c.document)
            .ok_or(EditError::NoDocument(c.document))?;
        if !c.range.fits(len) {
            return Err(EditError::BadRange {
                range: c.range,
                len,
            });
        }
        if !there.insert(key(c)) {
            return Err(EditError::DuplicateCoding);
        }
        super::apply::check_codable(p, c.code)?;
        for m in memos {
            if p.memos.contains_key(&m.id) || !memo_ids.insert(m.id) {
                return Err(EditError::Duplicate(m.id.to_string()));
            }
        }
    }
    let mut inverses = Vec::with_capacity(items.len());
    let mut added = Vec::with_capacity(items.len());
    for (c, memos) in items {
        inverses.push(Command::RemoveCoding { id: c.id });
        added.push(c.id);
        p.codings.insert(c.id, c);
        for m in memos {
            p.memos.insert(m.id, m);
        }
    }
    let memo_ids: Vec<MemoId> = memo_ids.into_iter().collect();
    p.codings_changed(&added, &memo_ids, &[]);
    Ok(inverses)
}

/// Remove every coding of the run (each a `RemoveCoding`) with its memos;
/// the inverses in order. On error nothing is changed.
pub(super) fn remove_codings(
    p: &mut Project,
    run: Vec<Command>,
) -> Result<Vec<Command>, EditError> {
    let ids: Vec<CodingId> = run
        .into_iter()
        .filter_map(|c| match c {
            Command::RemoveCoding { id } => Some(id),
            _ => None,
        })
        .collect();
    let mut gone = HashSet::with_capacity(ids.len());
    for id in &ids {
        if !p.codings.contains_key(id) || !gone.insert(*id) {
            return Err(EditError::NoCoding(*id));
        }
    }
    // Each coding's memos, in the order `take_memos` takes them.
    let mut memos: HashMap<CodingId, Vec<Memo>> = HashMap::new();
    let on: Vec<MemoId> = p
        .memos
        .values()
        .filter(|m| matches!(m.target, MemoTarget::Coding(c) if gone.contains(&c)))
        .map(|m| m.id)
        .collect();
    for id in on {
        if let Some(m) = p.memos.remove(&id)
            && let MemoTarget::Coding(c) = m.target
        {
            memos.entry(c).or_default().push(m);
        }
    }
    let mut removed = Vec::with_capacity(ids.len());
    let mut inverses = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(coding) = p.codings.remove(&id) {
            removed.push(coding.clone());
            inverses.push(Command::InsertCoding {
                coding,
                memos: memos.remove(&id).unwrap_or_default(),
            });
        }
    }
    p.codings_changed(&[], &[], &removed);
    Ok(inverses)
}
