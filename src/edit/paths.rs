//! Code paths (`Category/Subcategory/Code`) to codes, making the missing
//! ones when asked. One resolver for `strata code`, which resolves one path,
//! and for a bulk import, which resolves thousands: the codes it makes are
//! remembered, so two paths through the same new category make it once.

use super::{Command, palette_color};
use crate::model::*;
use std::collections::HashMap;

/// Why a path gives no code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathProblem {
    #[error(transparent)]
    Path(#[from] PathError),
    #[error(
        "'{path}' is {depth} levels deep, but the project's code tree has {levels} ({names}); give a shorter path, or allow deeper codes (--deeper)"
    )]
    TooDeep {
        path: String,
        depth: usize,
        levels: usize,
        names: String,
    },
}

/// Resolves paths against a project, and collects the commands that make
/// the codes missing from it (in an order in which they apply).
pub struct PathMaker<'a> {
    p: &'a Project,
    create: bool,
    deeper: bool,
    author: Option<CoderId>,
    /// Codes made so far: (parent, folded name) -> id.
    made: HashMap<(Option<CodeId>, String), CodeId>,
    /// How many codes were made under each parent, to place the next after them.
    made_under: HashMap<Option<CodeId>, usize>,
    cmds: Vec<Command>,
    /// The paths of the codes made, as written by their first row.
    made_paths: Vec<String>,
}

impl<'a> PathMaker<'a> {
    /// `create`: make missing codes; `deeper`: even below the project's
    /// levels. New codes are recorded as made by `author`.
    pub fn new(p: &'a Project, create: bool, deeper: bool, author: Option<CoderId>) -> Self {
        Self {
            p,
            create,
            deeper,
            author,
            made: HashMap::new(),
            made_under: HashMap::new(),
            cmds: Vec::new(),
            made_paths: Vec::new(),
        }
    }

    /// Who makes the codes made from now on.
    pub fn set_author(&mut self, author: Option<CoderId>) {
        self.author = author;
    }

    /// How many codes were made so far.
    pub fn made_count(&self) -> usize {
        self.made.len()
    }

    /// The commands that make the new codes, and the paths they were named by.
    pub fn finish(self) -> (Vec<Command>, Vec<String>) {
        (self.cmds, self.made_paths)
    }

    /// The code at `path`. Names are matched exactly first, then as a
    /// Persian reader would (ي/ی, ك/ک, ZWNJ, diacritics, case) when that
    /// finds exactly one. A single name matches a code anywhere in the tree.
    pub fn resolve(&mut self, path: &str) -> Result<CodeId, PathProblem> {
        let parts = crate::model::path_parts(path);
        if parts.is_empty() {
            return Err(PathError::Empty.into());
        }
        if let [name] = parts.as_slice() {
            match self.p.resolve_path(name) {
                Ok(id) => return Ok(id),
                Err(PathError::Missing(_)) => {}
                Err(e) => return Err(e.into()),
            }
            let key = crate::text::fold(name);
            let hits: Vec<CodeId> = self
                .p
                .codes
                .values()
                .filter(|c| crate::text::fold(&c.name) == key)
                .map(|c| c.id)
                .collect();
            match hits.as_slice() {
                [one] => return Ok(*one),
                [] => {}
                _ => return Err(PathError::Ambiguous(name.to_string()).into()),
            }
        }
        let before = self.cmds.len();
        let mut parent: Option<CodeId> = None;
        for part in &parts {
            let key = crate::text::fold(part);
            let found = self
                .existing_child(parent, part, &key)
                .or_else(|| self.made.get(&(parent, key.clone())).copied());
            parent = Some(match found {
                Some(id) => id,
                None if !self.create => return Err(PathError::Missing(part.to_string()).into()),
                None => {
                    self.check_depth(path, parts.len())?;
                    self.make(parent, part, key)
                }
            });
        }
        if self.cmds.len() > before {
            self.made_paths.push(parts.join("/"));
        }
        parent.ok_or_else(|| PathError::Empty.into())
    }

    /// A child of an existing code (or a top-level code) named `name`:
    /// exactly, else the only one whose folded name is `key`.
    fn existing_child(&self, parent: Option<CodeId>, name: &str, key: &str) -> Option<CodeId> {
        if parent.is_some_and(|p| !self.p.codes.contains_key(&p)) {
            return None; // a code made here: its children are in `made`
        }
        if let Some(id) = self.p.child_named(parent, name) {
            return Some(id);
        }
        let mut hits = self.p.siblings(parent).iter().copied().filter(|id| {
            self.p
                .codes
                .get(id)
                .is_some_and(|c| crate::text::fold(&c.name) == key)
        });
        match (hits.next(), hits.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    fn check_depth(&self, path: &str, depth: usize) -> Result<(), PathProblem> {
        let p = self.p;
        if self.deeper || depth <= p.level_count {
            return Ok(());
        }
        Err(PathProblem::TooDeep {
            path: path.to_string(),
            depth,
            levels: p.level_count,
            names: (1..=p.level_count)
                .rev()
                .map(|l| p.level_name(l))
                .collect::<Vec<_>>()
                .join("/"),
        })
    }

    /// A new code `name` under `parent`, after its children (those it had
    /// and those made here before it).
    fn make(&mut self, parent: Option<CodeId>, name: &str, key: String) -> CodeId {
        let before = self.made_under.entry(parent).or_insert(0);
        // A code made here has no children but those made here.
        let existing = self.p.siblings(parent).len();
        let index = existing + *before;
        *before += 1;
        let mut code = Code::new(name, palette_color(self.p.codes.len() + self.made.len()));
        code.stamp.fill_author(self.author);
        let id = code.id;
        self.cmds.push(Command::InsertCodes {
            parent,
            index,
            codes: vec![code],
            codings: vec![],
            memos: vec![],
        });
        self.made.insert((parent, key), id);
        id
    }
}
