//! Queries on the code tree: parents, levels, paths and counts.

use super::{CodeId, Project};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum PathError {
    #[error("code path is empty")]
    Empty,
    #[error("no code named '{0}' (use --create to make missing codes)")]
    Missing(String),
    #[error("more than one code is named '{0}'; give the full path Category/Subcategory/Code")]
    Ambiguous(String),
}

/// The names of an `A/B/C` code path, trimmed, empty parts left out.
pub fn path_parts(path: &str) -> Vec<&str> {
    path.split('/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

impl Project {
    /// The children list a code sits in: its parent's, or the roots.
    pub fn siblings(&self, parent: Option<CodeId>) -> &[CodeId] {
        match parent {
            Some(p) => self.codes.get(&p).map_or(&[], |c| c.children.as_slice()),
            None => &self.roots,
        }
    }

    /// Map from each code to its parent.
    pub fn parents(&self) -> BTreeMap<CodeId, CodeId> {
        let mut map = BTreeMap::new();
        for code in self.codes.values() {
            for child in &code.children {
                map.insert(*child, code.id);
            }
        }
        map
    }

    pub fn parent_of(&self, id: CodeId) -> Option<CodeId> {
        if let Some(ix) = self.built_index() {
            return ix.parent(id);
        }
        self.codes
            .values()
            .find(|c| c.children.contains(&id))
            .map(|c| c.id)
    }

    /// Ancestors from the root down to (and including) `id`.
    pub fn code_path(&self, id: CodeId) -> Vec<CodeId> {
        let ix = self.index();
        let mut path = vec![id];
        let mut cur = id;
        while let Some(p) = ix.parent(cur) {
            if path.contains(&p) {
                break; // a cycle; validation reports it
            }
            path.push(p);
            cur = p;
        }
        path.reverse();
        path
    }

    /// `Category › Subcategory › Code`.
    pub fn code_path_label(&self, id: CodeId, sep: &str) -> String {
        self.code_path(id)
            .iter()
            .filter_map(|c| self.codes.get(c))
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// Derived abstraction level: 1 for a leaf, else 1 + the highest child level.
    pub fn level_of(&self, id: CodeId) -> usize {
        if let Some(ix) = self.built_index() {
            return ix.level(id);
        }
        fn go(p: &Project, id: CodeId, depth: usize) -> usize {
            let Some(code) = p.codes.get(&id) else {
                return 1;
            };
            if depth > p.codes.len() {
                return 1;
            }
            1 + code
                .children
                .iter()
                .map(|c| go(p, *c, depth + 1))
                .max()
                .unwrap_or(0)
        }
        go(self, id, 0)
    }

    /// `id` and all its descendants, depth first in tree order.
    pub fn subtree(&self, id: CodeId) -> Vec<CodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        let mut seen = BTreeSet::new();
        while let Some(c) = stack.pop() {
            if !seen.insert(c) {
                continue;
            }
            out.push(c);
            if let Some(code) = self.codes.get(&c) {
                stack.extend(code.children.iter().rev());
            }
        }
        out
    }

    /// All codes in display order (depth first), with their depth.
    pub fn walk(&self) -> Vec<(CodeId, usize)> {
        let mut out = Vec::new();
        let mut stack: Vec<(CodeId, usize)> = self.roots.iter().rev().map(|r| (*r, 0)).collect();
        let mut seen = BTreeSet::new();
        while let Some((c, depth)) = stack.pop() {
            if !seen.insert(c) {
                continue;
            }
            out.push((c, depth));
            if let Some(code) = self.codes.get(&c) {
                stack.extend(code.children.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        out
    }

    /// Number of codings per code (own codings only).
    pub fn own_counts(&self) -> BTreeMap<CodeId, usize> {
        self.index().own_counts().clone()
    }

    /// Number of codings per code including descendants.
    pub fn total_counts(&self) -> BTreeMap<CodeId, usize> {
        self.index().total_counts().clone()
    }

    /// Find a code by `A/B/C` path. A single name matches anywhere if unique.
    pub fn resolve_path(&self, path: &str) -> Result<CodeId, PathError> {
        let parts = path_parts(path);
        if parts.is_empty() {
            return Err(PathError::Empty);
        }
        if parts.len() == 1 {
            let hits: Vec<CodeId> = self
                .codes
                .values()
                .filter(|c| c.name == parts[0])
                .map(|c| c.id)
                .collect();
            return match hits.as_slice() {
                [one] => Ok(*one),
                [] => Err(PathError::Missing(parts[0].to_string())),
                _ => Err(PathError::Ambiguous(parts[0].to_string())),
            };
        }
        let mut parent = None;
        for part in &parts {
            parent = Some(
                self.child_named(parent, part)
                    .ok_or_else(|| PathError::Missing(part.to_string()))?,
            );
        }
        parent.ok_or(PathError::Empty)
    }

    pub fn child_named(&self, parent: Option<CodeId>, name: &str) -> Option<CodeId> {
        self.siblings(parent)
            .iter()
            .copied()
            .find(|id| self.codes.get(id).is_some_and(|c| c.name == name))
    }

    /// Codes that are level 1 and sit at the top: not yet in any subcategory.
    pub fn ungrouped_codes(&self) -> Vec<CodeId> {
        self.roots
            .iter()
            .copied()
            .filter(|r| self.codes.get(r).is_some_and(|c| c.children.is_empty()))
            .collect()
    }
}
