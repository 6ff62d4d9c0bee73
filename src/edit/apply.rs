//! The one place where commands change a project. Each arm validates first,
//! so a failing command leaves the project untouched.

use super::{Command, EditError, valid_color};
use crate::model::*;
use std::collections::BTreeSet;

type R = Result<Command, EditError>;

pub(super) fn apply(p: &mut Project, cmd: Command) -> R {
    use Command::*;
    match cmd {
        RenameProject { name } => {
            if name.trim().is_empty() {
                return Err(EditError::EmptyName);
            }
            let old = std::mem::replace(&mut p.name, name);
            Ok(RenameProject { name: old })
        }
        SetLevelNames { names } => {
            let old = std::mem::replace(&mut p.level_names, names);
            Ok(SetLevelNames { names: old })
        }
        AddCoder { coder, index } => {
            if p.coder(coder.id).is_some() {
                return Err(EditError::Duplicate(coder.id.to_string()));
            }
            if coder.name.trim().is_empty() {
                return Err(EditError::EmptyCoderName);
            }
            // Exact duplicates only: `ensure_coder` finds a coder however
            // the name is typed, and undoing a removal must not fail on a
            // look-alike an older file may hold.
            if p.coders.iter().any(|c| c.name == coder.name) {
                return Err(EditError::DuplicateCoder(coder.name));
            }
            if !valid_color(&coder.color) {
                return Err(EditError::BadColor(coder.color));
            }
            let id = coder.id;
            p.coders.insert(index.min(p.coders.len()), coder);
            Ok(RemoveCoder { id })
        }
        RemoveCoder { id } => {
            let index = p
                .coders
                .iter()
                .position(|c| c.id == id)
                .ok_or(EditError::NoCoder(id))?;
            let used = coder_in_use(p, id);
            if used {
                return Err(EditError::CoderInUse(p.coders[index].name.clone()));
            }
            let coder = p.coders.remove(index);
            Ok(AddCoder { coder, index })
        }
        InsertCodes {
            parent,
            index,
            codes,
            codings,
            memos,
        } => insert_codes(p, parent, index, codes, codings, memos),
        RemoveCode { id } => remove_code(p, id),
        RenameCode { id, name } => {
            if name.trim().is_empty() {
                return Err(EditError::EmptyName);
            }
            let code = p.codes.get_mut(&id).ok_or(EditError::NoCode(id))?;
            let old = std::mem::replace(&mut code.name, name);
            Ok(RenameCode { id, name: old })
        }
        SetCodeColor { id, color } => {
            if !valid_color(&color) {
                return Err(EditError::BadColor(color));
            }
            let code = p.codes.get_mut(&id).ok_or(EditError::NoCode(id))?;
            let old = std::mem::replace(&mut code.color, color);
            Ok(SetCodeColor { id, color: old })
        }
        SetCodeDescription { id, description } => {
            let code = p.codes.get_mut(&id).ok_or(EditError::NoCode(id))?;
            let old = std::mem::replace(&mut code.description, description);
            Ok(SetCodeDescription {
                id,
                description: old,
            })
        }
        MoveCode { id, parent, index } => move_code(p, id, parent, index),
        InsertCoding { coding, memos } => {
            check_coding(p, &coding, &BTreeSet::new())?;
            check_codable(p, coding.code)?;
            for m in &memos {
                if p.memos.contains_key(&m.id) {
                    return Err(EditError::Duplicate(m.id.to_string()));
                }
            }
            let id = coding.id;
            p.codings.insert(id, coding);
            for m in memos {
                p.memos.insert(m.id, m);
            }
            Ok(RemoveCoding { id })
        }
        RemoveCoding { id } => {
            let coding = p.codings.remove(&id).ok_or(EditError::NoCoding(id))?;
            let memos = take_memos(p, |t| t == MemoTarget::Coding(id));
            Ok(InsertCoding { coding, memos })
        }
        ResizeCoding { id, range } => {
            let coding = p.codings.get(&id).ok_or(EditError::NoCoding(id))?;
            let len = p.document(coding.document).map_or(0, |d| d.char_count());
            if !range.fits(len) {
                return Err(EditError::BadRange { range, len });
            }
            let moved = Coding {
                range,
                ..coding.clone()
            };
            if range != coding.range && has_twin(p, &moved) {
                return Err(EditError::DuplicateCoding);
            }
            let coding = p.codings.get_mut(&id).ok_or(EditError::NoCoding(id))?;
            let old = std::mem::replace(&mut coding.range, range);
            Ok(ResizeCoding { id, range: old })
        }
        RecodeCoding { id, code } => {
            if !p.codes.contains_key(&code) {
                return Err(EditError::NoCode(code));
            }
            check_codable(p, code)?;
            let coding = p.codings.get(&id).ok_or(EditError::NoCoding(id))?;
            let recoded = Coding {
                code,
                ..coding.clone()
            };
            if code != coding.code && has_twin(p, &recoded) {
                return Err(EditError::DuplicateCoding);
            }
            let coding = p.codings.get_mut(&id).ok_or(EditError::NoCoding(id))?;
            let old = std::mem::replace(&mut coding.code, code);
            Ok(RecodeCoding { id, code: old })
        }
        PutMemo { memo } => {
            check_target(p, memo.target)?;
            let id = memo.id;
            Ok(match p.memos.insert(id, memo) {
                Some(old) => PutMemo { memo: old },
                None => RemoveMemo { id },
            })
        }
        RemoveMemo { id } => {
            let memo = p.memos.remove(&id).ok_or(EditError::NoMemo(id))?;
            Ok(PutMemo { memo })
        }
        PutThread { thread } => super::review::put_thread(p, thread),
        RemoveThread { id } => super::review::remove_thread(p, id),
        SetVerdict { code, verdict } => super::review::put_verdict(p, code, verdict),
        AddReviewPoint { point, index } => super::review::add_point(p, *point, index),
        RemoveReviewPoint { id } => super::review::remove_point(p, id),
        InsertDocument {
            index,
            document,
            codings,
            memos,
        } => insert_document(p, index, *document, codings, memos),
        RemoveDocument { id } => {
            let index = p.document_index(id).ok_or(EditError::NoDocument(id))?;
            let document = Box::new(p.documents.remove(index));
            let ids: BTreeSet<CodingId> = p
                .codings
                .values()
                .filter(|c| c.document == id)
                .map(|c| c.id)
                .collect();
            let codings = ids.iter().filter_map(|c| p.codings.remove(c)).collect();
            let memos = take_memos(p, |t| match t {
                MemoTarget::Document(d) => d == id,
                MemoTarget::Coding(c) => ids.contains(&c),
                _ => false,
            });
            Ok(InsertDocument {
                index,
                document,
                codings,
                memos,
            })
        }
        RenameDocument { id, name } => {
            if name.trim().is_empty() {
                return Err(EditError::EmptyName);
            }
            if p.documents.iter().any(|d| d.name == name && d.id != id) {
                return Err(EditError::DuplicateName(name));
            }
            let doc = doc_mut(p, id)?;
            let old = std::mem::replace(&mut doc.name, name);
            Ok(RenameDocument { id, name: old })
        }
        SetDocumentGroup { id, group } => {
            if let Some(g) = group
                && !p.groups.iter().any(|x| x.id == g)
            {
                return Err(EditError::NoGroup(g));
            }
            let doc = doc_mut(p, id)?;
            let old = std::mem::replace(&mut doc.group, group);
            Ok(SetDocumentGroup { id, group: old })
        }
        SetProjectDirection { direction } => {
            let old = std::mem::replace(&mut p.direction, direction);
            Ok(SetProjectDirection { direction: old })
        }
        SetDirection { id, direction } => {
            let doc = doc_mut(p, id)?;
            let old = std::mem::replace(&mut doc.direction, direction);
            Ok(SetDirection { id, direction: old })
        }
        SetVariable { id, name, value } => {
            let doc = doc_mut(p, id)?;
            let old = match value {
                Some(v) => doc.variables.insert(name.clone(), v),
                None => doc.variables.remove(&name),
            };
            Ok(SetVariable {
                id,
                name,
                value: old,
            })
        }
        AddGroup { group, index } => {
            if p.groups.iter().any(|g| g.id == group.id) {
                return Err(EditError::Duplicate(group.id.to_string()));
            }
            let id = group.id;
            p.groups.insert(index.min(p.groups.len()), group);
            Ok(RemoveGroup { id })
        }
        RemoveGroup { id } => {
            let index = p
                .groups
                .iter()
                .position(|g| g.id == id)
                .ok_or(EditError::NoGroup(id))?;
            let mut inverse = Vec::new();
            let by = p.actor();
            for d in p.documents.iter_mut().filter(|d| d.group == Some(id)) {
                d.group = None;
                // The document changed, so its history does; the inverse
                // puts the old history back with the group.
                inverse.push(Stamped {
                    command: Box::new(SetDocumentGroup {
                        id: d.id,
                        group: Some(id),
                    }),
                    stamp: d.stamp,
                });
                d.stamp.touch(by);
            }
            let group = p.groups.remove(index);
            inverse.insert(0, AddGroup { group, index });
            Ok(Batch {
                label: crate::edit::Step::RestoreDocumentGroup,
                commands: inverse,
            })
        }
        PutAccount { account } => super::social::put_account(p, account),
        RemoveAccount { network, account } => super::social::remove_account(p, &network, &account),
        PutMap { map, index } => super::map::put_map(p, *map, index),
        RemoveMap { id } => super::map::remove_map(p, id),
        PlaceCards { cards } => super::map::place_cards(p, cards),
        Batch { label, commands } => {
            let mut done: Vec<Command> = Vec::with_capacity(commands.len());
            let mut rest = commands;
            while !rest.is_empty() {
                let run = super::bulk::run_len(&rest, 0);
                let result = if run >= super::bulk::RUN_MIN {
                    let tail = rest.split_off(run);
                    let run_cmds = std::mem::replace(&mut rest, tail);
                    match run_cmds.first() {
                        Some(InsertCoding { .. }) => super::bulk::insert_codings(p, run_cmds),
                        _ => super::bulk::remove_codings(p, run_cmds),
                    }
                } else {
                    let tail = rest.split_off(1);
                    let c = std::mem::replace(&mut rest, tail);
                    c.into_iter()
                        .map(|c| c.apply(p))
                        .collect::<Result<Vec<_>, _>>()
                };
                match result {
                    Ok(inverses) => done.extend(inverses),
                    Err(e) => {
                        // All or nothing: roll back what this batch already
                        // did (as a batch too, so long runs go together).
                        // The inverse of a command just applied to this very
                        // state does not fail; if it ever did, the project
                        // is only partly restored, and says so.
                        done.reverse();
                        apply(
                            p,
                            Batch {
                                label,
                                commands: done,
                            },
                        )
                        .map_err(|r| EditError::RollbackFailed(Box::new(r)))?;
                        return Err(e);
                    }
                }
            }
            done.reverse();
            Ok(Batch {
                label,
                commands: done,
            })
        }
        Stamped { command, stamp } => Stamped { command, stamp }.apply(p),
    }
}

fn doc_mut(p: &mut Project, id: DocId) -> Result<&mut Document, EditError> {
    p.documents
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or(EditError::NoDocument(id))
}

fn take_memos(p: &mut Project, pred: impl Fn(MemoTarget) -> bool) -> Vec<Memo> {
    let ids: Vec<MemoId> = p
        .memos
        .values()
        .filter(|m| pred(m.target))
        .map(|m| m.id)
        .collect();
    ids.iter().filter_map(|id| p.memos.remove(id)).collect()
}

fn check_target(p: &Project, t: MemoTarget) -> Result<(), EditError> {
    match t {
        MemoTarget::Project => Ok(()),
        MemoTarget::Document(d) => p.document(d).map(|_| ()).ok_or(EditError::NoDocument(d)),
        MemoTarget::Code(c) => p.codes.get(&c).map(|_| ()).ok_or(EditError::NoCode(c)),
        MemoTarget::Coding(c) => p.codings.get(&c).map(|_| ()).ok_or(EditError::NoCoding(c)),
    }
}

/// A coding may refer to codes that are about to be inserted (`new_codes`).
/// A coding (by hand, by script, recoded) only with a code that can take
/// text. Codings only ever sit on such codes (an import makes a coded code
/// codable), so undoing a removed coding is not refused; codes and
/// documents that come back with their codings (InsertCodes,
/// InsertDocument) are not checked, so they always can.
pub(super) fn check_codable(p: &Project, code: CodeId) -> Result<(), EditError> {
    match p.codes.get(&code) {
        Some(c) if !c.codable => Err(EditError::NotCodable(c.name.clone())),
        _ => Ok(()),
    }
}

fn check_coding(p: &Project, c: &Coding, new_codes: &BTreeSet<CodeId>) -> Result<(), EditError> {
    if p.codings.contains_key(&c.id) {
        return Err(EditError::Duplicate(c.id.to_string()));
    }
    if !p.codes.contains_key(&c.code) && !new_codes.contains(&c.code) {
        return Err(EditError::NoCode(c.code));
    }
    if p.coder(c.coder).is_none() {
        return Err(EditError::NoCoder(c.coder));
    }
    let doc = p
        .document(c.document)
        .ok_or(EditError::NoDocument(c.document))?;
    if !c.range.fits(doc.char_count()) {
        return Err(EditError::BadRange {
            range: c.range,
            len: doc.char_count(),
        });
    }
    if has_twin(p, c) {
        return Err(EditError::DuplicateCoding);
    }
    Ok(())
}

/// Is there another coding of the same document, range, code and coder?
/// (The project never holds two: load sets the second aside, and every
/// command that makes or changes a coding refuses one.)
fn has_twin(p: &Project, c: &Coding) -> bool {
    let same = |o: &Coding| {
        o.id != c.id
            && o.document == c.document
            && o.range == c.range
            && o.code == c.code
            && o.coder == c.coder
    };
    match p.built_index() {
        Some(ix) => ix
            .codings_of_document(c.document)
            .iter()
            .filter_map(|id| p.codings.get(id))
            .any(same),
        None => p.codings.values().any(same),
    }
}

/// Two identical codings within one list of codings to insert.
fn twins_within(codings: &[Coding]) -> bool {
    let mut seen = BTreeSet::new();
    !codings
        .iter()
        .all(|c| seen.insert((c.document, c.range, c.code, c.coder)))
}

fn siblings_mut(p: &mut Project, parent: Option<CodeId>) -> Result<&mut Vec<CodeId>, EditError> {
    match parent {
        Some(id) => Ok(&mut p.codes.get_mut(&id).ok_or(EditError::NoCode(id))?.children),
        None => Ok(&mut p.roots),
    }
}

fn insert_codes(
    p: &mut Project,
    parent: Option<CodeId>,
    index: usize,
    codes: Vec<Code>,
    codings: Vec<Coding>,
    memos: Vec<Memo>,
) -> R {
    let root = codes.first().ok_or(EditError::NothingToGroup)?.id;
    if let Some(par) = parent
        && !p.codes.contains_key(&par)
    {
        return Err(EditError::NoCode(par));
    }
    let new_ids: BTreeSet<CodeId> = codes.iter().map(|c| c.id).collect();
    if new_ids.len() != codes.len() {
        return Err(EditError::Duplicate(root.to_string()));
    }
    for c in &codes {
        if p.codes.contains_key(&c.id) {
            return Err(EditError::Duplicate(c.id.to_string()));
        }
        if c.name.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        if !valid_color(&c.color) {
            return Err(EditError::BadColor(c.color.clone()));
        }
        if let Some(k) = c.children.iter().find(|k| !new_ids.contains(k)) {
            return Err(EditError::NoCode(*k));
        }
    }
    for c in &codings {
        check_coding(p, c, &new_ids)?;
    }
    if twins_within(&codings) {
        return Err(EditError::DuplicateCoding);
    }
    let coding_ids: BTreeSet<CodingId> = codings.iter().map(|c| c.id).collect();
    for m in &memos {
        if p.memos.contains_key(&m.id) {
            return Err(EditError::Duplicate(m.id.to_string()));
        }
        let ok = match m.target {
            MemoTarget::Code(c) => new_ids.contains(&c) || p.codes.contains_key(&c),
            MemoTarget::Coding(c) => coding_ids.contains(&c) || p.codings.contains_key(&c),
            t => check_target(p, t).is_ok(),
        };
        if !ok {
            return Err(EditError::NoMemo(m.id));
        }
    }
    let sibs = siblings_mut(p, parent)?;
    sibs.insert(index.min(sibs.len()), root);
    for c in codes {
        p.codes.insert(c.id, c);
    }
    for c in codings {
        p.codings.insert(c.id, c);
    }
    for m in memos {
        p.memos.insert(m.id, m);
    }
    Ok(Command::RemoveCode { id: root })
}

fn remove_code(p: &mut Project, id: CodeId) -> R {
    if !p.codes.contains_key(&id) {
        return Err(EditError::NoCode(id));
    }
    let parent = p.parent_of(id);
    let sibs = siblings_mut(p, parent)?;
    let index = sibs.iter().position(|c| *c == id).unwrap_or(sibs.len());
    sibs.retain(|c| *c != id);
    let subtree = p.subtree(id);
    let in_tree: BTreeSet<CodeId> = subtree.iter().copied().collect();
    let codes: Vec<Code> = subtree.iter().filter_map(|c| p.codes.remove(c)).collect();
    let coding_ids: BTreeSet<CodingId> = p
        .codings
        .values()
        .filter(|c| in_tree.contains(&c.code))
        .map(|c| c.id)
        .collect();
    let codings = coding_ids
        .iter()
        .filter_map(|c| p.codings.remove(c))
        .collect();
    let memos = take_memos(p, |t| match t {
        MemoTarget::Code(c) => in_tree.contains(&c),
        MemoTarget::Coding(c) => coding_ids.contains(&c),
        _ => false,
    });
    Ok(Command::InsertCodes {
        parent,
        index,
        codes,
        codings,
        memos,
    })
}

fn move_code(p: &mut Project, id: CodeId, parent: Option<CodeId>, index: usize) -> R {
    if !p.codes.contains_key(&id) {
        return Err(EditError::NoCode(id));
    }
    if let Some(par) = parent {
        if !p.codes.contains_key(&par) {
            return Err(EditError::NoCode(par));
        }
        if p.subtree(id).contains(&par) {
            return Err(EditError::Cycle);
        }
    }
    let old_parent = p.parent_of(id);
    let old_sibs = siblings_mut(p, old_parent)?;
    let old_index = old_sibs.iter().position(|c| *c == id).unwrap_or(0);
    old_sibs.retain(|c| *c != id);
    let sibs = siblings_mut(p, parent)?;
    sibs.insert(index.min(sibs.len()), id);
    Ok(Command::MoveCode {
        id,
        parent: old_parent,
        index: old_index,
    })
}

fn insert_document(
    p: &mut Project,
    index: usize,
    mut document: Document,
    codings: Vec<Coding>,
    memos: Vec<Memo>,
) -> R {
    if p.document(document.id).is_some() {
        return Err(EditError::Duplicate(document.id.to_string()));
    }
    if p.documents.iter().any(|d| d.name == document.name) {
        return Err(EditError::DuplicateName(document.name));
    }
    document.reindex();
    let id = document.id;
    p.documents.insert(index.min(p.documents.len()), document);
    let undo_doc = |p: &mut Project| p.documents.retain(|d| d.id != id);
    for c in &codings {
        if let Err(e) = check_coding(p, c, &BTreeSet::new()) {
            undo_doc(p);
            return Err(e);
        }
    }
    if twins_within(&codings) {
        undo_doc(p);
        return Err(EditError::DuplicateCoding);
    }
    for c in codings {
        p.codings.insert(c.id, c);
    }
    for m in memos {
        p.memos.insert(m.id, m);
    }
    Ok(Command::RemoveDocument { id })
}

/// Does anything still name this coder: a coding, or the history of any item?
fn coder_in_use(p: &Project, id: CoderId) -> bool {
    let by = |s: &Stamp| s.created_by == Some(id) || s.modified_by == Some(id);
    p.codings.values().any(|c| c.coder == id || by(&c.stamp))
        || p.memos.values().any(|m| by(&m.stamp))
        || p.codes.values().any(|c| by(&c.stamp))
        || p.documents.iter().any(|d| by(&d.stamp))
        || p.groups.iter().any(|g| by(&g.stamp))
}
