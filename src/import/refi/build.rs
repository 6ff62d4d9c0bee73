//! The project being built from a REFI-QDA file, with the GUID lookups
//! the elements refer to each other by, and the rules shared by every
//! kind: IDs kept from GUIDs, names cleaned, stamps, users as coders.

use super::archive::Archive;
use super::report::{Issue, Kind, RefiReport};
use super::xml::Element;
use crate::edit::palette_color;
use crate::model::*;
use crate::text::offsets::Counting;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A GUID as a lookup key: case, braces and surrounding space do not
/// matter (`{ABC…}` and `abc…` are one GUID).
pub fn key(guid: &str) -> String {
    guid.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim()
        .to_lowercase()
}

/// A stable UUID for text that is not one (or for a second item that
/// reused a GUID): the same input always gives the same ID, so importing
/// a file twice gives the same project.
pub fn derived(kind: &str, text: &str) -> Uuid {
    let digest = Sha256::digest(format!("strata-refi:{kind}:{text}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

pub struct Build<'a> {
    /// The file imported, for errors.
    pub path: std::path::PathBuf,
    pub p: Project,
    pub r: RefiReport,
    pub counting: Counting,
    pub archive: Option<&'a mut Archive>,
    pub codes: HashMap<String, CodeId>,
    pub docs: HashMap<String, DocId>,
    pub coders: HashMap<String, CoderId>,
    /// Codings made from each selection, for notes on a selection.
    pub selections: HashMap<String, Vec<CodingId>>,
    /// Items each note is attached to, by the note's GUID.
    pub note_refs: HashMap<String, Vec<MemoTarget>>,
    /// Variable names by GUID.
    pub variables: HashMap<String, String>,
    /// (kind, id) taken, to give a reused GUID's second item a new ID.
    used: HashSet<(&'static str, Uuid)>,
    doc_names: HashSet<String>,
    fallback_coder: Option<CoderId>,
}

impl<'a> Build<'a> {
    pub fn new(
        path: &std::path::Path,
        name: String,
        report: RefiReport,
        archive: Option<&'a mut Archive>,
    ) -> Self {
        Self {
            path: path.to_path_buf(),
            p: Project::new(name),
            counting: Counting::CodePoints,
            r: report,
            archive,
            codes: HashMap::new(),
            docs: HashMap::new(),
            coders: HashMap::new(),
            selections: HashMap::new(),
            note_refs: HashMap::new(),
            variables: HashMap::new(),
            used: HashSet::new(),
            doc_names: HashSet::new(),
            fallback_coder: None,
        }
    }

    /// The ID of a `kind` item with this GUID: the GUID itself when it is
    /// a UUID (any 32 hex digits), else one derived from it; a GUID already
    /// taken by an item of this kind gives a new one (reported).
    pub fn id(&mut self, kind: &'static str, guid: Option<&str>) -> Uuid {
        let k = guid.map(key).unwrap_or_default();
        let mut id = match Uuid::try_parse(&k) {
            Ok(u) if !k.is_empty() => u,
            _ => derived(kind, &k),
        };
        let mut n = 0usize;
        while !self.used.insert((kind, id)) {
            if n == 0 && !k.is_empty() {
                self.r.issues.push(Issue::NewId { guid: k.clone() });
            }
            n += 1;
            id = derived(kind, &format!("{k}#{n}"));
        }
        id
    }

    /// A name as Strata allows it: controls and line breaks removed,
    /// `fallback` when nothing is left; reported when changed.
    pub fn name(&mut self, raw: Option<&str>, fallback: &str) -> String {
        let raw = raw.unwrap_or("");
        let mut name = crate::edit::check::clean_name(raw);
        if name.is_empty() {
            name = fallback.to_string();
        }
        let max = crate::edit::check::MAX_NAME_CHARS;
        if name.chars().count() > max {
            name = name.chars().take(max).collect();
        }
        if name != raw && !raw.trim().is_empty() {
            self.r.issues.push(Issue::Renamed {
                from: raw.to_string(),
                to: name.clone(),
            });
        }
        name
    }

    /// A document name no other document has: "name (2)", "name (3)"…
    pub fn doc_name(&mut self, raw: Option<&str>, fallback: &str) -> String {
        let base = self.name(raw, fallback);
        let (name, renamed) = numbered(base, |n| self.doc_names.insert(n.to_string()));
        self.r.issues.extend(renamed);
        name
    }

    /// Who made and changed an element, and when, from its attributes.
    pub fn stamp(&mut self, el: &Element) -> Stamp {
        let time = |a: &str| {
            el.attr(a)
                .and_then(|t| DateTime::parse_from_rfc3339(t.trim()).ok())
                .map(|t| t.with_timezone(&Utc))
        };
        let created = time("creationDateTime");
        let created_by = el.attr("creatingUser").map(|u| self.coder(u));
        let modified = time("modifiedDateTime").or(created);
        let modified_by = el
            .attr("modifyingUser")
            .map(|u| self.coder(u))
            .or(created_by);
        Stamp {
            created,
            created_by,
            modified,
            modified_by,
        }
    }

    /// `<Users>`: coders, with the users' GUIDs as IDs.
    pub fn users(&mut self, users: Option<&Element>) {
        let Some(users) = users else { return };
        let mut names = HashSet::new();
        for u in users.all("User") {
            self.r.count_mut(Kind::User).found += 1;
            let guid = u.attr("guid").unwrap_or("");
            if self.coders.contains_key(&key(guid)) {
                self.r.issues.push(Issue::NewId { guid: key(guid) });
                continue;
            }
            let id = CoderId(self.id("user", Some(guid)));
            let fallback = u.attr("id").unwrap_or("Coder").to_string();
            let base = self.name(u.attr("name"), &fallback);
            // Coders' names compared as people type them (see `fold`).
            let (name, renamed) = numbered(base, |n| names.insert(crate::text::fold(n)));
            self.r.issues.extend(renamed);
            self.add_coder(key(guid), id, name);
            self.r.count_mut(Kind::User).mapped += 1;
        }
    }

    fn add_coder(&mut self, k: String, id: CoderId, name: String) {
        let color = palette_color(self.p.coders.len());
        self.p.coders.push(Coder { id, name, color });
        self.coders.insert(k, id);
    }

    /// The coder of a user GUID; one not listed in `<Users>` becomes a
    /// coder named after it (reported).
    pub fn coder(&mut self, guid: &str) -> CoderId {
        let k = key(guid);
        if let Some(id) = self.coders.get(&k) {
            return *id;
        }
        let id = CoderId(self.id("user", Some(guid)));
        let short: String = k.chars().take(8).collect();
        let name = format!("User {short}");
        self.r.issues.push(Issue::UnknownUser {
            guid: k.clone(),
            name: name.clone(),
        });
        self.add_coder(k, id, name);
        id
    }

    /// The coder of a coding no user is named for: the project's creator
    /// if the file names one, else a coder "REFI-QDA import".
    pub fn default_coder(&mut self, project_creator: Option<&str>) -> CoderId {
        if let Some(u) = project_creator {
            return self.coder(u);
        }
        if let Some(id) = self.fallback_coder {
            return id;
        }
        let id = CoderId(derived("user", "refi-qda import"));
        let name = "REFI-QDA import".to_string();
        self.r.issues.push(Issue::UnknownUser {
            guid: "-".into(),
            name: name.clone(),
        });
        self.add_coder(String::new(), id, name);
        self.fallback_coder = Some(id);
        id
    }
}

/// `base`, or `base (2)`, `base (3)`… until `take` takes it (returns true
/// for a name not taken yet), with the renaming to report when numbered.
fn numbered(base: String, mut take: impl FnMut(&str) -> bool) -> (String, Option<Issue>) {
    let mut name = base.clone();
    let mut n = 1;
    while !take(&name) {
        n += 1;
        name = format!("{base} ({n})");
    }
    let renamed = (n > 1).then(|| Issue::Renamed {
        from: base,
        to: name.clone(),
    });
    (name, renamed)
}
