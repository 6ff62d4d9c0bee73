//! `project.qde`: the whole project as REFI-QDA 1.0 (`urn:QDA-XML:project:1.0`).
//!
//! Every list element of the schema needs at least one member, so an empty
//! list is left out rather than written empty.

use super::codebook::{Tree, set_members};
use super::xml::{Attrs, Xml};
use crate::model::*;
use chrono::{DateTime, SecondsFormat, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// `xsd:dateTime` in UTC, with as many fractional digits as the time has
/// (none, milli, micro or nano), so the time comes back exactly.
fn date(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn guid(id: impl std::fmt::Display) -> String {
    id.to_string()
}

/// The ID of a document variable: derived from its name, so the same
/// variable has the same ID in every export.
pub(super) fn variable_guid(name: &str) -> uuid::Uuid {
    derived_uuid(&[b"strata refi variable", name.as_bytes()])
}

/// The ID of the selection that carries one coding: derived from the
/// coding's, so two exports agree (the `Coding` keeps the coding's own ID).
pub fn selection_guid(coding: CodingId) -> uuid::Uuid {
    derived_uuid(&[b"strata refi selection", coding.0.as_bytes()])
}

/// How many characters of the coded text name a selection (as ATLAS.ti
/// names them), for the other tool's lists.
const SELECTION_NAME_CHARS: usize = 60;

/// The file name of a document's text inside the `.qdpx`'s `sources/`.
pub fn source_file(doc: DocId) -> String {
    format!("{doc}.txt")
}

/// The people named anywhere in the export: the project's coders in their
/// order, then, by ID, any other coder a coding, memo or document names
/// (a coder missing from the list still needs a `User` to point at).
fn users(p: &Project) -> Vec<(CoderId, String)> {
    let known: BTreeSet<CoderId> = p.coders.iter().map(|c| c.id).collect();
    let mut named = BTreeSet::new();
    let mut stamp = |s: &Stamp| {
        named.extend(s.created_by);
        named.extend(s.modified_by);
    };
    for c in p.codings.values() {
        stamp(&c.stamp);
    }
    for m in p.memos.values() {
        stamp(&m.stamp);
    }
    for d in &p.documents {
        stamp(&d.stamp);
    }
    named.extend(p.codings.values().map(|c| c.coder));
    let mut out: Vec<(CoderId, String)> = p.coders.iter().map(|c| (c.id, c.name.clone())).collect();
    out.extend(
        named
            .into_iter()
            .filter(|id| !known.contains(id))
            .map(|id| {
                (
                    id,
                    format!("Unknown coder {}", &id.0.simple().to_string()[..8]),
                )
            }),
    );
    out
}

/// The codings written, per document, by position: those whose document,
/// code and range are sound (the others could not be placed by a reader).
fn codings_by_document(p: &Project) -> BTreeMap<DocId, Vec<&Coding>> {
    let mut out: BTreeMap<DocId, Vec<&Coding>> = BTreeMap::new();
    for c in p.codings.values() {
        let Some(doc) = p.document(c.document) else {
            continue;
        };
        if !p.codes.contains_key(&c.code) || !c.range.fits(doc.char_count()) {
            continue;
        }
        out.entry(c.document).or_default().push(c);
    }
    for v in out.values_mut() {
        v.sort_by_key(|c| (c.range.start, c.range.end, c.id));
    }
    out
}

/// The project file.
pub fn qde_xml(p: &Project) -> String {
    let mut x = Xml::new();
    x.open(
        "Project",
        Attrs::new()
            .add("xmlns", "urn:QDA-XML:project:1.0")
            .add("name", p.name.as_str())
            .add("origin", super::origin()),
    );
    let users = users(p);
    if !users.is_empty() {
        x.open("Users", Attrs::new());
        for (id, name) in &users {
            x.empty(
                "User",
                Attrs::new()
                    .add("guid", guid(id))
                    .add("name", name.as_str()),
            );
        }
        x.close("Users");
    }
    // The memos on each item, as NoteRefs (in the memos' ID order).
    let mut on_code: BTreeMap<CodeId, Vec<MemoId>> = BTreeMap::new();
    let mut on_doc: BTreeMap<DocId, Vec<MemoId>> = BTreeMap::new();
    let mut on_coding: BTreeMap<CodingId, Vec<MemoId>> = BTreeMap::new();
    for m in p.memos.values() {
        match m.target {
            MemoTarget::Code(c) => on_code.entry(c).or_default().push(m.id),
            MemoTarget::Document(d) => on_doc.entry(d).or_default().push(m.id),
            MemoTarget::Coding(c) => on_coding.entry(c).or_default().push(m.id),
            MemoTarget::Project => {}
        }
    }
    let tree = Tree::new(p);
    if !tree.is_empty() {
        x.open("CodeBook", Attrs::new());
        x.open("Codes", Attrs::new());
        tree.write(&mut x, Some(&on_code));
        x.close("Codes");
        x.close("CodeBook");
    }
    let variables: BTreeSet<&str> = p
        .documents
        .iter()
        .flat_map(|d| d.variables.keys().map(String::as_str))
        .collect();
    if !variables.is_empty() {
        x.open("Variables", Attrs::new());
        for name in &variables {
            x.empty(
                "Variable",
                Attrs::new()
                    .add("guid", guid(variable_guid(name)))
                    .add("name", *name)
                    .add("typeOfVariable", "Text"),
            );
        }
        x.close("Variables");
    }
    if !p.documents.is_empty() {
        let codings = codings_by_document(p);
        x.open("Sources", Attrs::new());
        for d in &p.documents {
            let none = Vec::new();
            let of_doc = codings.get(&d.id).unwrap_or(&none);
            source(&mut x, d, of_doc, &on_doc, &on_coding);
        }
        x.close("Sources");
    }
    if !p.memos.is_empty() {
        x.open("Notes", Attrs::new());
        for m in p.memos.values() {
            x.open(
                "Note",
                Attrs::new()
                    .add("guid", guid(m.id))
                    .add("name", m.title.as_str())
                    .opt("creatingUser", m.stamp.created_by.map(guid))
                    .opt("creationDateTime", date(m.stamp.created))
                    .opt("modifyingUser", m.stamp.modified_by.map(guid))
                    .opt("modifiedDateTime", date(m.stamp.modified)),
            );
            x.text("PlainTextContent", Attrs::new(), &m.body);
            x.close("Note");
        }
        x.close("Notes");
    }
    sets(&mut x, p);
    x.close("Project");
    x.finish()
}

/// One document: its text in `sources/`, a selection per coding, the
/// memos on it and its variables.
fn source(
    x: &mut Xml,
    d: &Document,
    codings: &[&Coding],
    on_doc: &BTreeMap<DocId, Vec<MemoId>>,
    on_coding: &BTreeMap<CodingId, Vec<MemoId>>,
) {
    let attrs = Attrs::new()
        .add("guid", guid(d.id))
        .add("name", d.name.as_str())
        .add("plainTextPath", format!("internal://{}", source_file(d.id)))
        .opt("creatingUser", d.stamp.created_by.map(guid))
        .opt("creationDateTime", date(d.stamp.created))
        .opt("modifyingUser", d.stamp.modified_by.map(guid))
        .opt("modifiedDateTime", date(d.stamp.modified));
    let notes = on_doc.get(&d.id).map_or(&[][..], Vec::as_slice);
    if codings.is_empty() && notes.is_empty() && d.variables.is_empty() {
        x.empty("TextSource", attrs);
        return;
    }
    x.open("TextSource", attrs);
    for c in codings {
        // Positions are code points of the text in `sources/`, which is
        // the stored text itself: a coding's char range as it is.
        x.open(
            "PlainTextSelection",
            Attrs::new()
                .add("guid", guid(selection_guid(c.id)))
                .add("name", selection_name(d.slice(c.range)))
                .add("startPosition", c.range.start.0.to_string())
                .add("endPosition", c.range.end.0.to_string())
                .add("creatingUser", guid(c.stamp.created_by.unwrap_or(c.coder)))
                .opt("creationDateTime", date(c.stamp.created))
                .opt("modifyingUser", c.stamp.modified_by.map(guid))
                .opt("modifiedDateTime", date(c.stamp.modified)),
        );
        x.open(
            "Coding",
            Attrs::new()
                .add("guid", guid(c.id))
                .add("creatingUser", guid(c.coder))
                .opt("creationDateTime", date(c.stamp.created)),
        );
        x.empty("CodeRef", Attrs::new().add("targetGUID", guid(c.code)));
        x.close("Coding");
        for m in on_coding.get(&c.id).into_iter().flatten() {
            x.empty("NoteRef", Attrs::new().add("targetGUID", guid(m)));
        }
        x.close("PlainTextSelection");
    }
    for m in notes {
        x.empty("NoteRef", Attrs::new().add("targetGUID", guid(m)));
    }
    for (name, value) in &d.variables {
        x.open("VariableValue", Attrs::new());
        x.empty(
            "VariableRef",
            Attrs::new().add("targetGUID", guid(variable_guid(name))),
        );
        x.text("TextValue", Attrs::new(), value);
        x.close("VariableValue");
    }
    x.close("TextSource");
}

/// The start of the coded text, on one line, cut at a character with "…".
fn selection_name(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    let mut name: String = flat.chars().take(SELECTION_NAME_CHARS).collect();
    if flat.chars().nth(SELECTION_NAME_CHARS).is_some() {
        name.push('…');
    }
    name
}

/// Document groups (sets of sources) and code sets (sets of codes); none
/// at all leaves `<Sets>` out (it needs a `Set`).
fn sets(x: &mut Xml, p: &Project) {
    if p.groups.is_empty() && p.code_sets.is_empty() {
        return;
    }
    x.open("Sets", Attrs::new());
    for g in &p.groups {
        let members: Vec<DocId> = p
            .documents
            .iter()
            .filter(|d| d.group == Some(g.id))
            .map(|d| d.id)
            .collect();
        set(x, g.id.0, &g.name, &g.description, |x| {
            for d in &members {
                x.empty("MemberSource", Attrs::new().add("targetGUID", guid(d)));
            }
        });
    }
    for s in &p.code_sets {
        let members = set_members(p, s);
        set(x, s.id.0, &s.name, &s.description, |x| {
            for c in &members {
                x.empty("MemberCode", Attrs::new().add("targetGUID", guid(c)));
            }
        });
    }
    x.close("Sets");
}

fn set(x: &mut Xml, id: uuid::Uuid, name: &str, description: &str, members: impl Fn(&mut Xml)) {
    x.open("Set", Attrs::new().add("guid", guid(id)).add("name", name));
    if !description.is_empty() {
        x.text("Description", Attrs::new(), description);
    }
    members(x);
    x.close("Set");
}
