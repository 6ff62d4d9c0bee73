//! The project model: documents, code tree, codings, memos and coders.
//! Pure data, no UI. Every change goes through `crate::edit`.

mod document;
mod ids;
mod index;
mod lines;
mod map;
mod review;
mod social;
mod stamp;
mod tree;

pub use document::{
    DEFAULT_SPEAKER_PATTERN, Direction, Document, Source, normalise_text, speaker_regex,
};
pub use ids::*;
pub(crate) use index::CodingChange;
pub use index::{ProjectIndex, next_generation};
pub use map::{Cards, Link, Map, Node, NodeKind, Pos};
pub use review::*;
pub use social::{Account, same_network};
pub use stamp::{Origin, Stamp};
pub use tree::{PathError, path_parts};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Hex SHA-256 of a text.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coder {
    pub id: CoderId,
    pub name: String,
    /// `#rrggbb`, to tell coders apart in comparisons.
    pub color: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocGroup {
    pub id: GroupId,
    pub name: String,
    /// What the group is for (REFI-QDA sets have one).
    #[serde(default)]
    pub description: String,
    pub stamp: Stamp,
}

/// Codes gathered across the tree, as MAXQDA's code sets or a REFI-QDA
/// `Set` of codes. Membership only: the codes stay where they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSet {
    pub id: SetId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Members in the set's order; a code removed later is skipped.
    pub codes: Vec<CodeId>,
    pub stamp: Stamp,
}

/// What a code means: the parts of a codebook entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub when_to_use: String,
    #[serde(default)]
    pub example: String,
}

impl Description {
    pub fn is_empty(&self) -> bool {
        self.definition.is_empty() && self.when_to_use.is_empty() && self.example.is_empty()
    }

    /// One text for exports: the parts that are set, one per paragraph.
    pub fn joined(&self) -> String {
        let mut parts = Vec::new();
        if !self.definition.is_empty() {
            parts.push(self.definition.clone());
        }
        if !self.when_to_use.is_empty() {
            parts.push(format!("When to use: {}", self.when_to_use));
        }
        if !self.example.is_empty() {
            parts.push(format!("Example: {}", self.example));
        }
        parts.join("\n\n")
    }
}

/// A node of the code tree. Its level is derived from its children.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    #[serde(default)]
    pub description: Description,
    /// Child codes, in the user's order.
    #[serde(default)]
    pub children: Vec<CodeId>,
    /// False for a code that only groups others and cannot be applied to
    /// text (NVivo's aggregate nodes, REFI-QDA `isCodable="false"`).
    #[serde(default = "yes")]
    pub codable: bool,
    pub stamp: Stamp,
}

fn yes() -> bool {
    true
}

impl Code {
    pub fn new(name: impl Into<String>, color: impl Into<String>) -> Self {
        Self {
            id: CodeId::new(),
            name: name.into(),
            color: color.into(),
            description: Description::default(),
            children: Vec::new(),
            codable: true,
            stamp: Stamp::now(None),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coding {
    pub id: CodingId,
    pub document: DocId,
    pub range: CharRange,
    pub code: CodeId,
    pub coder: CoderId,
    pub origin: Origin,
    pub stamp: Stamp,
}

/// What a memo is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MemoTarget {
    Project,
    Document(DocId),
    Code(CodeId),
    Coding(CodingId),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memo {
    pub id: MemoId,
    pub target: MemoTarget,
    pub title: String,
    pub body: String,
    /// `created_by` is the author; `modified_by` who edited it last.
    pub stamp: Stamp,
}

/// Items that failed validation on load. They are kept (and saved) so that
/// nothing is lost, but take no part in the project until repaired.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SetAside {
    #[serde(default)]
    pub codings: Vec<Coding>,
    #[serde(default)]
    pub memos: Vec<Memo>,
    #[serde(default)]
    pub codes: Vec<Code>,
    #[serde(default)]
    pub documents: Vec<Document>,
}

impl SetAside {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Items set aside, of every kind.
    pub fn len(&self) -> usize {
        self.codings.len() + self.memos.len() + self.codes.len() + self.documents.len()
    }
}

/// Levels of the code tree by default: code, subcategory, category.
pub const DEFAULT_LEVEL_COUNT: usize = 3;

pub const LEVEL_NAMES_EN: [&str; 3] = ["Code", "Subcategory", "Category"];
pub const LEVEL_NAMES_FA: [&str; 3] = ["کد مفهومی", "زیرمقوله", "مقوله"];

/// Speaker labels that mark the interviewer's lines by default.
pub const DEFAULT_INTERVIEWER_LABELS: [&str; 5] =
    ["Interviewer", "I", "Q", "مصاحبه‌کننده", "مصاحبه‌گر"];

#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    /// Names of abstraction levels, level 1 first.
    pub level_names: Vec<String>,
    /// How deep the code tree is meant to be (3 by default). Deeper codes
    /// are allowed (other tools' projects have any depth) but reported.
    pub level_count: usize,
    /// The paragraph direction of every document left on Auto (a Persian
    /// study sets it once); Auto: each line's own first strong letter.
    pub direction: Direction,
    pub interviewer_labels: Vec<String>,
    pub coders: Vec<Coder>,
    pub groups: Vec<DocGroup>,
    /// Code sets, in the user's order.
    pub code_sets: Vec<CodeSet>,
    pub documents: Vec<Document>,
    pub codes: BTreeMap<CodeId, Code>,
    /// Top-level codes in the user's order.
    pub roots: Vec<CodeId>,
    pub codings: BTreeMap<CodingId, Coding>,
    pub memos: BTreeMap<MemoId, Memo>,
    pub set_aside: SetAside,
    /// A supervisor's comments, verdicts and review points.
    pub review: Review,
    /// Monitored social-media pages, sorted by network and name (the
    /// posts are documents).
    pub accounts: Vec<Account>,
    /// Model figures, in the user's order.
    pub maps: Vec<Map>,
    /// Where the creative-coding canvas's cards were put.
    pub cards: Cards,
    /// Generation and index; not content (see `index`).
    derived: index::Derived,
}

impl Project {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id: ProjectId::new(),
            name: name.into(),
            level_names: LEVEL_NAMES_EN.iter().map(|s| s.to_string()).collect(),
            level_count: DEFAULT_LEVEL_COUNT,
            direction: Direction::Auto,
            interviewer_labels: DEFAULT_INTERVIEWER_LABELS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            coders: Vec::new(),
            groups: Vec::new(),
            code_sets: Vec::new(),
            documents: Vec::new(),
            codes: BTreeMap::new(),
            roots: Vec::new(),
            codings: BTreeMap::new(),
            memos: BTreeMap::new(),
            set_aside: SetAside::default(),
            review: Review::default(),
            accounts: Vec::new(),
            maps: Vec::new(),
            cards: Cards::new(),
            derived: index::Derived::default(),
        }
    }

    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.document_index(id).map(|i| &self.documents[i])
    }

    /// Position of a document in the list: through the index when it is
    /// built, else by a scan (inside `edit::apply`, which does not build it).
    pub fn document_index(&self, id: DocId) -> Option<usize> {
        let scan = || self.documents.iter().position(|d| d.id == id);
        match self.built_index() {
            // Checked, and a scan if the list moved under a command that is
            // still being applied.
            Some(ix) => ix
                .document_position(id)
                .filter(|i| self.documents.get(*i).is_some_and(|d| d.id == id))
                .or_else(scan),
            None => scan(),
        }
    }

    pub fn document_by_name(&self, name: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.name == name)
    }

    pub fn coder(&self, id: CoderId) -> Option<&Coder> {
        self.coders.iter().find(|c| c.id == id)
    }

    /// The coder of this name, compared as a person would: case, spacing,
    /// Arabic or Persian ي/ی and ك/ک, ZWNJ and diacritics do not matter, so
    /// one person does not become two coders by a different keyboard.
    pub fn coder_by_name(&self, name: &str) -> Option<&Coder> {
        // An exact match first: an older project may hold both "ali" and "Ali".
        if let Some(c) = self.coders.iter().find(|c| c.name == name) {
            return Some(c);
        }
        let key = crate::text::fold(name);
        self.coders
            .iter()
            .find(|c| crate::text::fold(&c.name) == key)
    }

    pub fn coder_name(&self, id: CoderId) -> &str {
        self.coder(id).map_or("?", |c| c.name.as_str())
    }

    /// Name of abstraction level `level` (1-based); beyond the named ones, "Level N".
    pub fn level_name(&self, level: usize) -> String {
        self.level_names
            .get(level.saturating_sub(1))
            .cloned()
            .unwrap_or_else(|| {
                // Beyond the named levels, in the names' language.
                if self.level_names.iter().any(|n| crate::text::mostly_rtl(n)) {
                    format!("سطح {level}")
                } else {
                    format!("Level {level}")
                }
            })
    }

    /// Codings of one document, ordered by position.
    pub fn codings_in(&self, doc: DocId) -> Vec<&Coding> {
        self.index()
            .codings_of_document(doc)
            .iter()
            .filter_map(|id| self.codings.get(id))
            .collect()
    }

    pub fn memos_on(&self, target: MemoTarget) -> impl Iterator<Item = &Memo> {
        self.memos.values().filter(move |m| m.target == target)
    }

    /// The first memo on `target` (by creation, then id), from the index.
    pub fn first_memo(&self, target: MemoTarget) -> Option<&Memo> {
        self.index()
            .first_memo(target)
            .and_then(|id| self.memos.get(&id))
    }

    /// Is this speaker label one of the interviewer's?
    pub fn is_interviewer(&self, speaker: Option<&str>) -> bool {
        speaker.is_some_and(|s| self.interviewer_labels.iter().any(|l| l == s))
    }

    /// Codings sit only on codes that take text (the edit commands refuse
    /// the others, and undoing a removed coding must not be refused): a
    /// code marked as only grouping others that has codings takes text
    /// again. Its name and number of codings, for each such code. Costs
    /// a pass over the codings only when some code is so marked.
    pub fn codable_where_coded(&mut self) -> Vec<(String, usize)> {
        if self.codes.values().all(|c| c.codable) {
            return Vec::new();
        }
        let mut coded: BTreeMap<CodeId, usize> = BTreeMap::new();
        for c in self.codings.values() {
            *coded.entry(c.code).or_default() += 1;
        }
        let mut made = Vec::new();
        for (id, count) in coded {
            if let Some(code) = self.codes.get_mut(&id).filter(|c| !c.codable) {
                code.codable = true;
                made.push((code.name.clone(), count));
            }
        }
        made
    }

    /// Rebuild derived data (line indexes) after loading or bulk changes.
    pub fn reindex(&mut self) {
        for d in &mut self.documents {
            d.reindex();
        }
    }

    /// Build every document's line index now, on all cores: before work
    /// that quotes or numbers lines across the whole project.
    pub fn index_lines(&self) {
        let mut docs: Vec<&Document> = self.documents.iter().collect();
        crate::base::par_each(&mut docs, |d| d.index_lines());
    }
}
