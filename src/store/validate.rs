//! Loading never trusts the file. Broken items are reported and set aside
//! (kept in `Project::set_aside`, and saved), never silently dropped.

use super::format::Parts;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One thing wrong with a loaded project: said in English in `what` (the
/// CLI's words), and as data in `kind`, which the window says in its own
/// language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub what: String,
    pub kind: ProblemKind,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

fn problem(v: &mut Vec<Problem>, kind: ProblemKind) {
    v.push(Problem {
        what: kind.to_string(),
        kind,
    });
}

/// What is wrong, with the names and IDs involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A map had a link to a node it does not have, a place that is not a
    /// number, or another map's name; it was mended.
    MapMended {
        map: String,
    },
    CoderTwice {
        name: String,
        id: CoderId,
    },
    CodersShareId {
        first: String,
        other: String,
        id: CoderId,
    },
    LineEndingsUnchecked {
        document: String,
    },
    TextChanged {
        document: String,
    },
    DuplicateDocument {
        document: String,
    },
    BadSpeakerPattern {
        document: String,
        pattern: String,
    },
    UnknownGroup {
        document: String,
        group: GroupId,
    },
    Coding {
        id: CodingId,
        why: CodingProblem,
    },
    Memo {
        title: String,
        target: MemoTarget,
    },
    DuplicateCode {
        name: String,
        id: CodeId,
    },
    MissingRoot {
        id: CodeId,
    },
    MissingChild {
        parent: String,
        child: CodeId,
    },
    ChildTwice {
        parent: String,
        child: CodeId,
    },
    Unreachable {
        name: String,
    },
}

/// Why a coding was set aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodingProblem {
    DuplicateId,
    SameAsAnother,
    MissingCode(CodeId),
    MissingCoder(CoderId),
    Outside {
        range: CharRange,
        document: String,
        chars: usize,
    },
    MissingDocument(DocId),
}

impl std::fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use ProblemKind::*;
        match self {
            MapMended { map } => write!(
                f,
                "map '{map}' had a link to a node it does not have, a place that is not a number or another map's name; it was mended (kept, with those links removed, places set to 0, renamed)"
            ),
            CoderTwice { name, id } => write!(
                f,
                "coder '{name}' is listed twice (id {id}); kept once, with all their codings"
            ),
            CodersShareId { first, other, id } => write!(
                f,
                "coders '{first}' and '{other}' have the same id {id}, so they are one coder: merged as '{first}', who keeps all their codings (rename them if the other name is right)"
            ),
            LineEndingsUnchecked { document } => write!(
                f,
                "document '{document}': its line endings (CRLF) or a BOM were changed and it has no recorded SHA-256 to confirm the text; check that its codings still mark the right words"
            ),
            TextChanged { document } => write!(
                f,
                "document '{document}': its text does not match the SHA-256 recorded when it was imported (changed outside Strata?); set aside with its codings and memos, which are kept in the file, so that nothing is coded against the wrong text. If the project's backup (.bak) has the right text, restore it (`strata restore`, or Restore in the window); else restore the file from version control. Re-importing the transcript makes a new document without these codings"
            ),
            DuplicateDocument { document } => {
                write!(f, "document '{document}': duplicate id or name; set aside")
            }
            BadSpeakerPattern { document, pattern } => write!(
                f,
                "document '{document}': speaker pattern '{pattern}' is not a valid regex; using the default"
            ),
            UnknownGroup { document, group } => {
                write!(f, "document '{document}': unknown group {group}")
            }
            Coding { id, why } => {
                let why = match why {
                    CodingProblem::DuplicateId => "duplicate id".to_string(),
                    CodingProblem::SameAsAnother => {
                        "the same segment, code and coder as another coding".to_string()
                    }
                    CodingProblem::MissingCode(c) => format!("refers to missing code {c}"),
                    CodingProblem::MissingCoder(c) => format!("refers to missing coder {c}"),
                    CodingProblem::Outside {
                        range,
                        document,
                        chars,
                    } => {
                        format!("range {range} lies outside document '{document}' ({chars} chars)")
                    }
                    CodingProblem::MissingDocument(d) => format!("refers to missing document {d}"),
                };
                write!(f, "coding {id}: {why}; set aside")
            }
            Memo { title, target } => write!(
                f,
                "memo '{title}': duplicate id or missing target {target:?}; set aside"
            ),
            DuplicateCode { name, id } => write!(f, "code '{name}': duplicate id {id}; set aside"),
            MissingRoot { id } => {
                write!(
                    f,
                    "top-level code {id} does not exist; dropped from the tree"
                )
            }
            MissingChild { parent, child } => {
                write!(f, "code '{parent}': child {child} does not exist; dropped")
            }
            ChildTwice { parent, child } => write!(
                f,
                "code '{parent}': child {child} is placed twice or forms a cycle; link removed"
            ),
            Unreachable { name } => write!(
                f,
                "code '{name}' is not reachable from the top of the tree (a cycle?); moved to the top"
            ),
        }
    }
}

/// Build a `Project` from the file's lists, reporting and setting aside
/// duplicates, dangling references, bad ranges and tree cycles.
pub fn build(file: Parts) -> (Project, Vec<Problem>) {
    let mut probs = Vec::new();
    let mut p = Project::new(file.name);
    p.id = file.id;
    p.level_names = file.level_names;
    p.level_count = file.level_count.max(1);
    p.direction = file.direction;
    if !file.interviewer_labels.is_empty() {
        p.interviewer_labels = file.interviewer_labels;
    }
    p.groups = file.groups;
    p.code_sets = file.code_sets;
    p.set_aside = file.set_aside;
    // Threads about a code or coding deleted since are kept: the
    // discussion is part of the study's record.
    p.review = file.review;
    // Sorted as the commands keep them (a file edited by hand may not be).
    p.accounts = file.accounts;
    p.accounts
        .sort_by_key(|a| (a.network.trim().to_lowercase(), a.account.clone()));
    // A node of a code deleted since is kept (it shows as missing). What a
    // hand-edited file may hold and no command makes is mended, so that
    // every map can be edited and saved again.
    p.maps = file.maps;
    p.cards = file.cards;
    mend_maps(&mut p, &mut probs);

    for c in file.coders {
        // One person listed twice (a bad merge by hand): one coder, who
        // keeps every coding and memo made under that ID.
        if let Some(first) = p.coders.iter().find(|f| f.id == c.id) {
            let kind = if first.name == c.name {
                ProblemKind::CoderTwice {
                    name: c.name,
                    id: c.id,
                }
            } else {
                ProblemKind::CodersShareId {
                    first: first.name.clone(),
                    other: c.name,
                    id: c.id,
                }
            };
            problem(&mut probs, kind);
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
                ProblemKind::LineEndingsUnchecked {
                    document: d.name.clone(),
                },
            );
        }
        if !text_ok {
            problem(
                &mut probs,
                ProblemKind::TextChanged {
                    document: d.name.clone(),
                },
            );
            changed_text.insert(d.id);
            p.set_aside.documents.push(d);
            continue;
        }
        if doc_pos.contains_key(&d.id) || doc_names.contains(&d.name) {
            problem(
                &mut probs,
                ProblemKind::DuplicateDocument {
                    document: d.name.clone(),
                },
            );
            p.set_aside.documents.push(d);
            continue;
        }
        // Compiled once per distinct pattern (cached): parsing alone would
        // let through a pattern too big to compile.
        if speaker_regex(d.speaker_pattern()).is_none() {
            problem(
                &mut probs,
                ProblemKind::BadSpeakerPattern {
                    document: d.name.clone(),
                    pattern: d.speaker_pattern().to_string(),
                },
            );
            d.set_speaker_pattern(DEFAULT_SPEAKER_PATTERN.to_string());
        }
        if let Some(g) = d.group
            && !groups.contains(&g)
        {
            problem(
                &mut probs,
                ProblemKind::UnknownGroup {
                    document: d.name.clone(),
                    group: g,
                },
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
            Some(CodingProblem::DuplicateId)
        } else if !seen_codings.insert((c.document, c.range, c.code, c.coder)) {
            Some(CodingProblem::SameAsAnother)
        } else if !p.codes.contains_key(&c.code) {
            Some(CodingProblem::MissingCode(c.code))
        } else if p.coder(c.coder).is_none() {
            Some(CodingProblem::MissingCoder(c.coder))
        } else if let Some(d) = doc_pos.get(&c.document).map(|i| &p.documents[*i]) {
            (!c.range.fits(d.char_count())).then(|| CodingProblem::Outside {
                range: c.range,
                document: d.name.clone(),
                chars: d.char_count(),
            })
        } else {
            Some(CodingProblem::MissingDocument(c.document))
        };
        match why {
            Some(_) if changed_text.contains(&c.document) => {
                went_with.insert(c.id);
                p.set_aside.codings.push(c);
            }
            Some(why) => {
                problem(&mut probs, ProblemKind::Coding { id: c.id, why });
                p.set_aside.codings.push(c);
            }
            None => {
                p.codings.insert(c.id, c);
            }
        }
    }
    // A hand-edited file's coded code marked as only grouping takes text
    // again (said nowhere: nothing is lost, and undo keeps working).
    p.codable_where_coded();
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
                ProblemKind::Memo {
                    title: m.title.clone(),
                    target: m.target,
                },
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
                    ProblemKind::DuplicateCode {
                        name: c.name.clone(),
                        id: c.id,
                    },
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
            problem(probs, ProblemKind::MissingRoot { id: r });
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
                    ProblemKind::MissingChild {
                        parent: name,
                        child: k,
                    },
                );
            } else if !placed.insert(k) {
                problem(
                    probs,
                    ProblemKind::ChildTwice {
                        parent: name,
                        child: k,
                    },
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
        problem(probs, ProblemKind::Unreachable { name });
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

/// Maps and cards as the commands keep them: places finite (JSON cannot
/// hold another), links between nodes the map has, one map a name.
fn mend_maps(p: &mut Project, probs: &mut Vec<Problem>) {
    let finite = |q: &mut Pos| {
        let bad = !(q.x.is_finite() && q.y.is_finite());
        if bad {
            *q = Pos::default();
        }
        bad
    };
    let mut names = std::collections::BTreeSet::new();
    for m in &mut p.maps {
        let mut mended = false;
        for n in &mut m.nodes {
            mended |= finite(&mut n.pos);
        }
        let nodes: std::collections::BTreeSet<NodeId> = m.nodes.iter().map(|n| n.id).collect();
        let before = m.links.len();
        m.links
            .retain(|l| nodes.contains(&l.from) && nodes.contains(&l.to));
        mended |= m.links.len() != before;
        if !names.insert(m.name.clone()) {
            let base = m.name.clone();
            m.name = (2..)
                .map(|i| format!("{base} ({i})"))
                .find(|n| !names.contains(n))
                .unwrap_or(base);
            names.insert(m.name.clone());
            mended = true;
        }
        if mended {
            problem(
                probs,
                ProblemKind::MapMended {
                    map: m.name.clone(),
                },
            );
        }
    }
    for q in p.cards.values_mut() {
        finite(q);
    }
}
