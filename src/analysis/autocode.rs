//! Autocode as the window does it: the code chosen in the tree and the
//! coder at the keyboard, by ID (a code's name may hold a "/", which a
//! path cannot say). The same rule as `strata autocode`: a range already
//! coded with that code by that coder is skipped, so a second run adds
//! nothing, and the whole run is one undo step.

use super::search::{Extend, Hit, extend};
use crate::edit::{Command, Step};
use crate::model::*;
use std::collections::HashSet;

/// What autocode does with one hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Coded anew.
    New,
    /// Already coded so (same widened range, code and coder): skipped.
    AlreadyThere,
    /// Its widened range is another hit's (two hits in one sentence).
    Repeated,
}

/// What autocoding the hits would do, before it is done.
#[derive(Clone, Debug)]
pub struct Preview {
    pub hits: usize,
    /// Each hit's fate, in hit order.
    pub fates: Vec<Fate>,
    /// The ranges it would code, in hit order (widened by `extend`).
    pub new: Vec<(DocId, CharRange)>,
    /// Hits already coded so (same range, code and coder).
    pub already_there: usize,
    /// Hits whose (widened) range another hit already gave.
    pub repeated: usize,
    /// The one command that codes them (None when there is nothing to add).
    pub command: Option<Command>,
}

/// Plan coding `hits` with `code` by `coder`; `add_coder` makes that
/// coder first, in the same undo step, when the project has not got them.
pub fn preview(
    p: &Project,
    hits: &[Hit],
    code: CodeId,
    coder: CoderId,
    add_coder: Option<Command>,
    how: Extend,
) -> Preview {
    let seen: HashSet<(DocId, CharRange)> = p
        .index()
        .codings_of_code(code)
        .iter()
        .filter_map(|id| p.codings.get(id))
        .filter(|c| c.coder == coder)
        .map(|c| (c.document, c.range))
        .collect();
    let mut given: HashSet<(DocId, CharRange)> = HashSet::new();
    let (mut already_there, mut repeated) = (0, 0);
    let mut new = Vec::new();
    let mut fates = Vec::with_capacity(hits.len());
    for h in hits {
        let Some(d) = p.document(h.document) else {
            // A hit of a document gone since: nothing to code.
            fates.push(Fate::Repeated);
            continue;
        };
        let r = extend(d, h.range, how);
        let fate = if !given.insert((d.id, r)) {
            repeated += 1;
            Fate::Repeated
        } else if seen.contains(&(d.id, r)) {
            already_there += 1;
            Fate::AlreadyThere
        } else {
            new.push((d.id, r));
            Fate::New
        };
        fates.push(fate);
    }
    let command = (!new.is_empty()).then(|| {
        let stamp = Stamp::now(Some(coder));
        let mut commands: Vec<Command> = add_coder.into_iter().collect();
        commands.extend(new.iter().map(|(doc, range)| Command::InsertCoding {
            coding: Coding {
                id: CodingId::new(),
                document: *doc,
                range: *range,
                code,
                coder,
                origin: Origin::Autocode,
                stamp,
            },
            memos: Vec::new(),
        }));
        Command::Batch {
            label: Step::Autocode { codings: new.len() },
            commands,
        }
    });
    Preview {
        hits: hits.len(),
        fates,
        new,
        already_there,
        repeated,
        command,
    }
}
