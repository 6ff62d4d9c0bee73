//! Builders for the compound edits users think of as one step: merge,
//! group, ungroup, code a path. Each returns a single (batch) command.

use super::{Command, EditError, Step};
use crate::model::*;

/// A palette of distinct colours for new codes, neighbours far apart in hue.
/// Each stands out at least 3.3:1 (WCAG 2) from egui's dark and light
/// backgrounds alike (greys 10 to 27 and 248 to 255): relative luminance
/// 0.14 to 0.27, chroma as high as sRGB allows there, picked so that the
/// twelve are as far apart in OKLab as that band permits.
pub const PALETTE: [&str; 12] = [
    "#ff2b18", "#009a1e", "#006eec", "#ce6800", "#b800fa", "#00826a", "#ff0088", "#948600",
    "#008fb9", "#d200b6", "#86684f", "#896bff",
];

pub fn palette_color(n: usize) -> String {
    PALETTE[n % PALETTE.len()].to_string()
}

/// Add a new code under `parent` at the end.
/// The new code is recorded as made by the project's acting coder.
pub fn add_code(p: &Project, parent: Option<CodeId>, mut code: Code) -> Command {
    code.stamp.fill_author(p.actor());
    Command::InsertCodes {
        parent,
        index: p.siblings(parent).len(),
        codes: vec![code],
        codings: vec![],
        memos: vec![],
    }
}

/// Merge `from` into `into`: its codings, children and memos move across,
/// then `from` is deleted.
pub fn merge_codes(p: &Project, from: CodeId, into: CodeId) -> Result<Command, EditError> {
    let src = p.codes.get(&from).ok_or(EditError::NoCode(from))?;
    let dst = p.codes.get(&into).ok_or(EditError::NoCode(into))?;
    if from == into || p.subtree(from).contains(&into) {
        return Err(EditError::Cycle);
    }
    let mut cmds = Vec::new();
    let ix = p.index();
    let codings_of = |code| {
        ix.codings_of_code(code)
            .iter()
            .filter_map(|c| p.codings.get(c))
    };
    // The segments `into` already has, to find twins in one lookup each.
    let into_segments: std::collections::HashMap<_, CodingId> = codings_of(into)
        .map(|t| ((t.document, t.range, t.coder), t.id))
        .collect();
    for c in codings_of(from) {
        // The same segment already coded with `into` by the same coder:
        // keep that one (with this one's memos), not two identical codings.
        match into_segments.get(&(c.document, c.range, c.coder)) {
            Some(&twin) => {
                for m in p.memos_on(MemoTarget::Coding(c.id)) {
                    let mut m = m.clone();
                    m.target = MemoTarget::Coding(twin);
                    cmds.push(Command::PutMemo { memo: m });
                }
                cmds.push(Command::RemoveCoding { id: c.id });
            }
            None => cmds.push(Command::RecodeCoding {
                id: c.id,
                code: into,
            }),
        }
    }
    for (i, child) in src.children.iter().enumerate() {
        cmds.push(Command::MoveCode {
            id: *child,
            parent: Some(into),
            index: dst.children.len() + i,
        });
    }
    for m in p.memos_on(MemoTarget::Code(from)) {
        let mut m = m.clone();
        m.target = MemoTarget::Code(into);
        cmds.push(Command::PutMemo { memo: m });
    }
    // Maps showing `from` show `into` from now on.
    cmds.extend(super::map::follow_merge(p, from, into));
    cmds.push(Command::RemoveCode { id: from });
    Ok(Command::Batch {
        label: Step::MergeCodes {
            from: src.name.clone(),
            into: dst.name.clone(),
        },
        commands: cmds,
    })
}

/// Group `ids` under a new parent named `name`, placed where the first one was.
pub fn group_codes(
    p: &Project,
    ids: &[CodeId],
    name: &str,
) -> Result<(Command, CodeId), EditError> {
    let first = *ids.first().ok_or(EditError::NothingToGroup)?;
    if !p.codes.contains_key(&first) {
        return Err(EditError::NoCode(first));
    }
    // The group is one level above the highest of the codes it takes in,
    // and no node may hold one of its own level: subcategories grouped
    // inside a category make a new category beside that one, not inside.
    let level = ids.iter().map(|c| p.level_of(*c)).max().unwrap_or(1) + 1;
    let mut anchor = first;
    let mut parent = p.parent_of(first);
    while let Some(up) = parent.filter(|up| p.level_of(*up) <= level) {
        anchor = up;
        parent = p.parent_of(up);
    }
    // Every code of a group of that level: the group exists already, and
    // making another beside it would leave it empty.
    if let Some(up) = p.parent_of(first).filter(|up| p.level_of(*up) == level)
        && p.siblings(Some(up)).iter().all(|c| ids.contains(c))
        && ids.iter().all(|c| p.parent_of(*c) == Some(up))
    {
        let name = p
            .codes
            .get(&up)
            .map_or_else(String::new, |c| c.name.clone());
        return Err(EditError::AlreadyTheirGroup(name));
    }
    let at = p.siblings(parent).iter().position(|c| *c == anchor);
    let index = match at {
        // In place of the first code it takes in.
        Some(i) if anchor == first => i,
        // Right after the node it came out of.
        Some(i) => i + 1,
        None => 0,
    };
    let mut group = Code::new(name, palette_color(p.codes.len()));
    group.stamp.fill_author(p.actor());
    let gid = group.id;
    let mut cmds = vec![Command::InsertCodes {
        parent,
        index,
        codes: vec![group],
        codings: vec![],
        memos: vec![],
    }];
    for (i, id) in ids.iter().enumerate() {
        cmds.push(Command::MoveCode {
            id: *id,
            parent: Some(gid),
            index: i,
        });
    }
    Ok((
        Command::Batch {
            label: Step::GroupCodes {
                count: ids.len(),
                name: name.to_string(),
            },
            commands: cmds,
        },
        gid,
    ))
}

/// Dissolve a group: its children take its place, and it is deleted.
pub fn ungroup(p: &Project, id: CodeId) -> Result<Command, EditError> {
    let code = p.codes.get(&id).ok_or(EditError::NoCode(id))?;
    let parent = p.parent_of(id);
    let index = p
        .siblings(parent)
        .iter()
        .position(|c| *c == id)
        .unwrap_or(0);
    let mut cmds: Vec<Command> = code
        .children
        .iter()
        .enumerate()
        .map(|(i, c)| Command::MoveCode {
            id: *c,
            parent,
            index: index + 1 + i,
        })
        .collect();
    cmds.push(Command::RemoveCode { id });
    Ok(Command::Batch {
        label: Step::Ungroup {
            name: code.name.clone(),
        },
        commands: cmds,
    })
}

/// Resolve `A/B/C`, creating missing nodes when `create` is set (at any
/// depth). Returns the commands that create them (empty if all exist) and
/// the code's id. See `PathMaker` for how names are matched.
pub fn ensure_path(
    p: &Project,
    path: &str,
    create: bool,
) -> Result<(Vec<Command>, CodeId), PathError> {
    let mut maker = super::PathMaker::new(p, create, true, p.actor());
    match maker.resolve(path) {
        Ok(id) => Ok((maker.finish().0, id)),
        Err(super::PathProblem::Path(e)) => Err(e),
        // Not reached: any depth is allowed here.
        Err(super::PathProblem::TooDeep { path, .. }) => Err(PathError::Missing(path)),
    }
}

/// A new coding of `range` in `doc` with `code` by `coder`.
pub fn new_coding(doc: DocId, range: CharRange, code: CodeId, coder: CoderId) -> Command {
    Command::InsertCoding {
        coding: Coding {
            id: CodingId::new(),
            document: doc,
            range,
            code,
            coder,
            origin: Origin::Manual,
            stamp: Stamp::now(Some(coder)),
        },
        memos: vec![],
    }
}

/// A new coding made some other way than by hand (in vivo, autocode, …).
pub fn new_coding_from(
    doc: DocId,
    range: CharRange,
    code: CodeId,
    coder: CoderId,
    origin: Origin,
) -> Command {
    let mut cmd = new_coding(doc, range, code, coder);
    if let Command::InsertCoding { coding, .. } = &mut cmd {
        coding.origin = origin;
    }
    cmd
}

/// The coder named `name` (surrounding spaces ignored), adding it (as a
/// command) only if the project has none of that name. A blank name is
/// refused.
pub fn ensure_coder(p: &Project, name: &str) -> Result<(Option<Command>, CoderId), EditError> {
    let name = name.trim();
    // (A name of only ZWNJ or diacritics is blank too.)
    if name.is_empty() || crate::text::fold(name).is_empty() {
        return Err(EditError::EmptyCoderName);
    }
    Ok(match p.coder_by_name(name) {
        Some(c) => (None, c.id),
        None => {
            let coder = Coder {
                id: CoderId::new(),
                name: name.to_string(),
                color: palette_color(p.coders.len() + 3),
            };
            let id = coder.id;
            (
                Some(Command::AddCoder {
                    coder,
                    index: p.coders.len(),
                }),
                id,
            )
        }
    })
}

/// A new memo, or an edit of an existing one (keeping its id and creation time).
/// `by` is the author of a new memo, or who edits an existing one.
pub fn put_memo(
    existing: Option<&Memo>,
    target: MemoTarget,
    title: &str,
    body: &str,
    by: Option<CoderId>,
) -> Command {
    let memo = match existing {
        Some(m) => {
            let mut stamp = m.stamp;
            stamp.touch(by);
            Memo {
                title: title.to_string(),
                body: body.to_string(),
                stamp,
                ..m.clone()
            }
        }
        None => Memo {
            id: MemoId::new(),
            target,
            title: title.to_string(),
            body: body.to_string(),
            stamp: Stamp::now(by),
        },
    };
    Command::PutMemo { memo }
}

/// The number for a new code named "`base` N" (e.g. «زیرمقوله ۱»,
/// "Category 2"): one more than the highest N of the codes so named
/// (written in Latin or Persian digits), 1 if there is none. So it names
/// no code there already is, whichever digits the interface shows.
pub fn next_number(p: &Project, base: &str) -> usize {
    let base = base.trim();
    p.codes
        .values()
        .filter_map(|c| {
            let rest = c.name.trim().strip_prefix(base)?;
            let digits = rest.strip_prefix(' ')?;
            parse_digits(digits)
        })
        .max()
        .map_or(1, |n| n.saturating_add(1))
}

/// A number written in Latin, Persian or Arabic-Indic digits.
fn parse_digits(s: &str) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0usize, |n, c| {
        let d = crate::text::digit_value(c)?;
        n.checked_mul(10)?.checked_add(d as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(names: &[&str]) -> Project {
        let mut p = Project::new("p");
        for n in names {
            let c = Code::new(*n, "#000000");
            p.roots.push(c.id);
            p.codes.insert(c.id, c);
        }
        p
    }

    #[test]
    fn numbers_count_on_from_the_codes_of_that_name() {
        assert_eq!(next_number(&project(&[]), "Subcategory"), 1);
        assert_eq!(next_number(&project(&["Subcategory 1"]), "Subcategory"), 2);
        // Persian digits are read too, and other names are not counted.
        let p = project(&["زیرمقوله ۱", "زیرمقوله 3", "زیرمقوله‌ها ۹", "مقوله ۷", "x"]);
        assert_eq!(next_number(&p, "زیرمقوله"), 4);
        assert_eq!(next_number(&p, "مقوله"), 8);
        assert_eq!(next_number(&p, "Category"), 1);
    }
}
