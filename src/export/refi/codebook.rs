//! The code tree as REFI-QDA `Code` elements, shared by the project
//! (`project.qde`) and the codebook (`.qdc`), and the codebook itself.

use super::xml::{Attrs, Xml};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The codes in the order they are written: the tree from its roots in
/// the user's order, then any code the tree does not reach (so that no
/// coding or set points at a code that is not in the file).
pub(super) struct Tree<'a> {
    p: &'a Project,
    /// Top-level codes as written: the roots, then unreached codes.
    tops: Vec<CodeId>,
}

impl<'a> Tree<'a> {
    pub fn new(p: &'a Project) -> Self {
        let reached: BTreeSet<CodeId> = p.walk().into_iter().map(|(id, _)| id).collect();
        let mut tops: Vec<CodeId> = p
            .roots
            .iter()
            .copied()
            .filter(|r| p.codes.contains_key(r))
            .collect();
        // Codes no root reaches, each written once: those that no other
        // unreached code holds become tops, and bring their children.
        let unreached: Vec<CodeId> = p
            .codes
            .keys()
            .copied()
            .filter(|id| !reached.contains(id))
            .collect();
        let held: BTreeSet<CodeId> = unreached
            .iter()
            .filter_map(|id| p.codes.get(id))
            .flat_map(|c| c.children.iter().copied())
            .collect();
        tops.extend(unreached.iter().copied().filter(|id| !held.contains(id)));
        let mut tree = Self { p, tops };
        // A cycle among unreached codes has no top: start it at its
        // smallest ID.
        let mut written = tree.written();
        for id in unreached {
            if !written.contains(&id) {
                tree.tops.push(id);
                written = tree.written();
            }
        }
        tree
    }

    /// Every code written, depth first.
    fn written(&self) -> BTreeSet<CodeId> {
        let mut seen = BTreeSet::new();
        for t in &self.tops {
            self.visit(*t, &mut seen, &mut |_| {});
        }
        seen
    }

    fn visit(&self, id: CodeId, seen: &mut BTreeSet<CodeId>, f: &mut dyn FnMut(CodeId)) {
        if !seen.insert(id) {
            return;
        }
        f(id);
        if let Some(c) = self.p.codes.get(&id) {
            for k in &c.children {
                if self.p.codes.contains_key(k) {
                    self.visit(*k, seen, f);
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tops.is_empty()
    }

    /// Write `<Code>` elements. `notes`: the memos on each code, as
    /// `NoteRef`s (the project file); None for the codebook, which has no
    /// notes.
    pub fn write(&self, x: &mut Xml, notes: Option<&BTreeMap<CodeId, Vec<MemoId>>>) {
        let mut seen = BTreeSet::new();
        for t in &self.tops {
            self.code(x, *t, notes, &mut seen);
        }
    }

    fn code(
        &self,
        x: &mut Xml,
        id: CodeId,
        notes: Option<&BTreeMap<CodeId, Vec<MemoId>>>,
        seen: &mut BTreeSet<CodeId>,
    ) {
        let Some(code) = self.p.codes.get(&id) else {
            return;
        };
        // A code in a cycle is written once, where it is first met.
        if !seen.insert(id) {
            return;
        }
        let attrs = Attrs::new()
            .add("guid", id.to_string())
            .add("name", code.name.as_str())
            .add("isCodable", if code.codable { "true" } else { "false" })
            .opt("color", rgb(&code.color));
        let description = code.description.joined();
        let refs = notes
            .and_then(|n| n.get(&id))
            .map_or(&[][..], Vec::as_slice);
        let children: Vec<CodeId> = code
            .children
            .iter()
            .copied()
            .filter(|k| self.p.codes.contains_key(k) && !seen.contains(k))
            .collect();
        if description.is_empty() && refs.is_empty() && children.is_empty() {
            x.empty("Code", attrs);
            return;
        }
        x.open("Code", attrs);
        if !description.is_empty() {
            x.text("Description", Attrs::new(), &description);
        }
        for m in refs {
            x.empty("NoteRef", Attrs::new().add("targetGUID", m.to_string()));
        }
        for k in children {
            self.code(x, k, notes, seen);
        }
        x.close("Code");
    }
}

/// The colour as the schema's `RGBType` (`#RRGGBB` or `#RGB`), or None when
/// the stored one is not a colour (the attribute is optional).
pub(super) fn rgb(color: &str) -> Option<String> {
    let hex = color.strip_prefix('#')?;
    let ok = matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit());
    ok.then(|| color.to_string())
}

/// The members of a code set that are codes of the project, in the set's
/// order, each once.
pub(super) fn set_members(p: &Project, set: &CodeSet) -> Vec<CodeId> {
    let mut seen = BTreeSet::new();
    set.codes
        .iter()
        .copied()
        .filter(|c| p.codes.contains_key(c) && seen.insert(*c))
        .collect()
}

/// The codebook (`.qdc`, `urn:QDA-XML:codebook:1.0`): the code tree with
/// descriptions, colours and `isCodable`, and the code sets.
///
/// The schema wants at least one `Code`: a project without codes gives an
/// empty `<Codes/>`, well-formed but not valid (`export_bytes` refuses it).
pub fn qdc_xml(p: &Project) -> String {
    let tree = Tree::new(p);
    let mut x = Xml::new();
    x.open(
        "CodeBook",
        Attrs::new()
            .add("xmlns", "urn:QDA-XML:codebook:1.0")
            .add("origin", super::origin()),
    );
    if tree.is_empty() {
        x.empty("Codes", Attrs::new());
    } else {
        x.open("Codes", Attrs::new());
        tree.write(&mut x, None);
        x.close("Codes");
    }
    // An empty <Sets/> is invalid (a Set is required): none then.
    if !p.code_sets.is_empty() {
        x.open("Sets", Attrs::new());
        for set in &p.code_sets {
            let attrs = Attrs::new()
                .add("guid", set.id.to_string())
                .add("name", set.name.as_str());
            let members = set_members(p, set);
            if set.description.is_empty() && members.is_empty() {
                x.empty("Set", attrs);
                continue;
            }
            x.open("Set", attrs);
            if !set.description.is_empty() {
                x.text("Description", Attrs::new(), &set.description);
            }
            for c in members {
                // The codebook names a member by `guid` (the project file
                // by `targetGUID`).
                x.empty("MemberCode", Attrs::new().add("guid", c.to_string()));
            }
            x.close("Set");
        }
        x.close("Sets");
    }
    x.close("CodeBook");
    x.finish()
}
