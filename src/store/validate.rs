//! Loading never trusts the file. Broken items are reported and set aside
//! (kept in `Project::set_aside`, and saved), never silently dropped.

use super::format::Parts;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One thing wrong with a loaded project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub what: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

fn problem(v: &mut Vec<Problem>, what: String) {
    v.push(Problem { what });
}

/// Build a `Project` from the file's lists, reporting and setting aside
/// duplicates, dangling references, bad ranges and tree cycles.
pub fn build(file: Parts) -> (Project, Vec<Problem>) {
    let mut probs = Vec::new();
    let mut p = Project::new(file.name);
    p.id = file.id;
    p.level_names = file.level_names;
    p.level_count = file.level_count.max(1);
    if !file.interviewer_labels.is_empty() {
        p.interviewer_labels = file.interviewer_labels;
    }
    p.groups = file.groups;
    p.set_aside = file.set_aside;

    for c in file.coders {
        // One person listed twice (a bad merge by hand): one coder, who
        // keeps every coding and memo made under that ID.
        if let Some(first) = p.coders.iter().find(|f| f.id == c.id) {
            let what = if first.name == c.name {
                format!(
                    "coder '{}' is listed twice (id {}); kept once, with all their codings",
                    c.name, c.id
                )
            } else {
                format!(
                    "coders '{}' and '{}' have the same id {}, so they are one coder: merged as '{}', who keeps all their codings (rename them if the other name is right)",
                    first.name, c.name, c.id, first.name
                )
            };
            problem(&mut probs, what);
        } else {
            p.coders.push(c);
        }
    }
    let groups: BTreeSet<GroupId> = p.groups.iter().map(|g| g.id).collect();
    // Lookups by ID and name while the list is built (the project's own
    // index is built only once the project is complete).
    let mut doc_pos: HashMap<DocId, usize> = HashMap::new();
    let mut doc_names: HashSet<String> = HashSet::new();
    // Documents set aside because their text changed: their codings and
    // memos go with them, said once in the document's problem.
    let mut changed_text: HashSet<DocId> = HashSet::new();
    let mut went_with: HashSet<CodingId> = HashSet::new();
    // The costly part of a load, each document on its own: checking its
    // hash and undoing changed line endings. (Line indexes are built when
    // a document is first looked at.)
    let mut checked: Vec<Checked> = file.documents.into_iter().map(Checked::new).collect();
    crate::base::par_each(&mut checked, Checked::run);
    for Checked {
        doc: mut d,
        changed,
        text_ok,
    } in checked
    {
        if changed && d.source.text_hash.is_empty() {
            problem(
                &mut probs,
                format!(
                    "document '{}': its line endings (CRLF) or a BOM were changed and it has no recorded SHA-256 to confirm the text; check that its codings still mark the right words",
                    d.name
                ),
            );
        }
        if !text_ok {
            problem(
                &mut probs,
                format!(
                    "document '{}': its text does not match the SHA-256 recorded when it was imported (changed outside Strata?); set aside with its codings and memos, which are kept in the file, so that nothing is coded against the wrong text. If the project's backup (.bak) has the right text, restore it (`strata restore`, or Restore in the window); else restore the file from version control. Re-importing the transcript makes a new document without these codings",
                    d.name
                ),
            );
            changed_text.insert(d.id);
            p.set_aside.documents.push(d);
            continue;
        }
        if doc_pos.contains_key(&d.id) || doc_names.contains(&d.name) {
            problem(
                &mut probs,
                format!("document '{}': duplicate id or name; set aside", d.name),
            );
            p.set_aside.documents.push(d);
            continue;
        }
        // Compiled once per distinct pattern (cached): parsing alone would
        // let through a pattern too big to compile.
        if speaker_regex(d.speaker_pattern()).is_none() {
            problem(
                &mut probs,
                format!(
                    "document '{}': speaker pattern '{}' is not a valid regex; using the default",
                    d.name,
                    d.speaker_pattern()
                ),
            );
            d.set_speaker_pattern(DEFAULT_SPEAKER_PATTERN.to_string());
        }
        if let Some(g) = d.group
            && !groups.contains(&g)
        {
            problem(
                &mut probs,
                format!("document '{}': unknown group {g}", d.name),
            );
            d.group = None;
        }
        doc_pos.insert(d.id, p.documents.len());
        doc_names.insert(d.name.clone());
        p.documents.push(d);
    }
    build_tree(&mut p, file.codes, file.roots, &mut probs);

    let mut seen_codings = HashSet::new();
    for c in file.codings {
        let why = if p.codings.contains_key(&c.id) {
            Some("duplicate id".to_string())
        } else if !seen_codings.insert((c.document, c.range, c.code, c.coder)) {
            Some("the same segment, code and coder as another coding".to_string())
        } else if !p.codes.contains_key(&c.code) {
            Some(format!("refers to missing code {}", c.code))
        } else if p.coder(c.coder).is_none() {
            Some(format!("refers to missing coder {}", c.coder))
        } else if let Some(d) = doc_pos.get(&c.document).map(|i| &p.documents[*i]) {
            (!c.range.fits(d.char_count())).then(|| {
                format!(
                    "range {} lies outside document '{}' ({} chars)",
                    c.range,
                    d.name,
                    d.char_count()
                )
            })
        } else {
            Some(format!("refers to missing document {}", c.document))
        };
        match why {
            Some(_) if changed_text.contains(&c.document) => {
                went_with.insert(c.id);
                p.set_aside.codings.push(c);
            }
            Some(w) => {
                problem(&mut probs, format!("coding {}: {w}; set aside", c.id));
                p.set_aside.codings.push(c);
            }
            None => {
                p.codings.insert(c.id, c);
            }
        }
    }
    for mut m in file.memos {
        // Line endings changed in transit (see documents above).
        m.title = lf(&m.title);
        m.body = lf(&m.body);
        let ok = !p.memos.contains_key(&m.id)
            && match m.target {
                MemoTarget::Project => true,
                MemoTarget::Document(d) => doc_pos.contains_key(&d),
                MemoTarget::Code(c) => p.codes.contains_key(&c),
                MemoTarget::Coding(c) => p.codings.contains_key(&c),
            };
        let with_its_document = match m.target {
            MemoTarget::Document(d) => changed_text.contains(&d),
            MemoTarget::Coding(c) => went_with.contains(&c),
            _ => false,
        };
        if ok {
            p.memos.insert(m.id, m);
        } else if with_its_document {
            p.set_aside.memos.push(m);
        } else {
            problem(
                &mut probs,
                format!(
                    "memo '{}': duplicate id or missing target {:?}; set aside",
                    m.title, m.target
                ),
            );
            p.set_aside.memos.push(m);
        }
    }
    (p, probs)
}

/// A document read from the file, checked on its own.
struct Checked {
    doc: Document,
    /// Its line endings or BOM were normalised.
    changed: bool,
    /// Its text matches its recorded hash (or it has none).
    text_ok: bool,
}

impl Checked {
    fn new(doc: Document) -> Self {
        Checked {
            doc,
            changed: false,
            text_ok: true,
        }
    }

    fn run(&mut self) {
        let d = &mut self.doc;
        // Line endings changed by git, an editor or e-mail (CRLF) and a BOM
        // are undone exactly as import does, so every offset still points
        // at the same text. A text that matches its hash as stored is left
        // exactly as it is.
        let recorded = !d.source.text_hash.is_empty();
        let ok_as_stored = recorded && d.hash_matches();
        let as_stored = if ok_as_stored {
            None
        } else {
            d.normalise_loaded_text()
        };
        self.changed = as_stored.is_some();
        if !ok_as_stored && !d.hash_matches() {
            // Set aside as it was stored, for whoever restores it.
            if let Some(original) = as_stored {
                d.restore_loaded_text(original);
            }
            self.text_ok = false;
        }
    }
}

/// CRLF or CR line endings as LF.
fn lf(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// Every code must sit in exactly one place. Unknown children are dropped,
/// codes placed twice keep their first place, and codes reachable from no
/// root (orphans, cycles) become roots, so nothing is lost.
fn build_tree(p: &mut Project, codes: Vec<Code>, roots: Vec<CodeId>, probs: &mut Vec<Problem>) {
    let mut map: BTreeMap<CodeId, Code> = BTreeMap::new();
    for mut c in codes {
        let d = &mut c.description;
        for field in [&mut d.definition, &mut d.when_to_use, &mut d.example] {
            *field = lf(field);
        }
        match map.entry(c.id) {
            std::collections::btree_map::Entry::Occupied(_) => {
                problem(
                    probs,
                    format!("code '{}': duplicate id {}; set aside", c.name, c.id),
                );
                p.set_aside.codes.push(c);
            }
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(c);
            }
        }
    }
    let mut placed: BTreeSet<CodeId> = BTreeSet::new();
    let mut clean_roots = Vec::new();
    for r in roots {
        if !map.contains_key(&r) {
            problem(
                probs,
                format!("top-level code {r} does not exist; dropped from the tree"),
            );
        } else if placed.insert(r) {
            clean_roots.push(r);
        }
    }
    // Breadth-first from the roots: a child already placed is a second
    // placement or a cycle.
    let mut queue: Vec<CodeId> = clean_roots.clone();
    while let Some(id) = queue.pop() {
        let children = map.get(&id).map(|c| c.children.clone()).unwrap_or_default();
        let mut kept = Vec::new();
        for k in children {
            let name = map.get(&id).map(|c| c.name.clone()).unwrap_or_default();
            if !map.contains_key(&k) {
                problem(
                    probs,
                    format!("code '{name}': child {k} does not exist; dropped"),
                );
            } else if !placed.insert(k) {
                problem(
                    probs,
                    format!(
                        "code '{name}': child {k} is placed twice or forms a cycle; link removed"
                    ),
                );
            } else {
                kept.push(k);
                queue.push(k);
            }
        }
        if let Some(c) = map.get_mut(&id) {
            c.children = kept;
        }
    }
    // Codes not reached: orphans or members of a cycle. Make the first of
    // each unreached group a root and retry.
    while let Some(orphan) = map.keys().find(|k| !placed.contains(k)).copied() {
        let name = map.get(&orphan).map(|c| c.name.clone()).unwrap_or_default();
        problem(
            probs,
            format!(
                "code '{name}' is not reachable from the top of the tree (a cycle?); moved to the top"
            ),
        );
        placed.insert(orphan);
        clean_roots.push(orphan);
        let mut queue = vec![orphan];
        while let Some(id) = queue.pop() {
            let children = map.get(&id).map(|c| c.children.clone()).unwrap_or_default();
            let mut kept = Vec::new();
            for k in children {
                if map.contains_key(&k) && placed.insert(k) {
                    kept.push(k);
                    queue.push(k);
                }
            }
            if let Some(c) = map.get_mut(&id) {
                c.children = kept;
            }
        }
    }
    p.codes = map;
    p.roots = clean_roots;
}
