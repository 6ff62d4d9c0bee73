//! The project's index and generation.
//!
//! A generation is a number from one process-wide counter: every new or
//! loaded project and every applied command takes the next one, so a value
//! is never reused, not even across Open, Recover or New. Caches keyed by it
//! cannot outlive the state they were built from.
//!
//! The index (codings per document, code and coder; documents by ID;
//! parents, levels and counts) is built lazily, once per generation, and
//! dropped by every change. Readers (panels, exports, validation, the CLI)
//! use it; `edit::apply` never builds it, so a batch of many commands does not
//! rebuild it once per command.

use super::{CodeId, CoderId, Coding, CodingId, DocId, Memo, MemoId, MemoTarget, Project};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

/// The next generation, never handed out before in this process.
pub fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// Derived state carried by a project: its generation and its index.
/// Two projects compare equal regardless of it (it is not content), and a
/// clone shares the generation and the index of the same content.
#[derive(Clone)]
pub(crate) struct Derived {
    pub generation: u64,
    pub index: OnceLock<Arc<ProjectIndex>>,
    /// The coder on whose behalf commands are applied (the session's coder),
    /// recorded in the history of what they change. Not saved.
    pub actor: Option<CoderId>,
}

impl Default for Derived {
    fn default() -> Self {
        Self {
            generation: next_generation(),
            index: OnceLock::new(),
            actor: None,
        }
    }
}

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "generation {}", self.generation)
    }
}

/// How a command changes the codings, for updating the index in place of a
/// rebuild (a rebuild costs a quarter of a second at 500,000 codings).
pub(crate) enum CodingChange {
    /// A new coding, with the memos that came with it.
    Added(CodingId, Vec<MemoId>),
    Removed(Coding),
    /// Resized or recoded: as it was.
    Changed(Coding),
}

/// Lookups that would otherwise scan the whole project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectIndex {
    doc_pos: HashMap<DocId, usize>,
    /// Codings of each document, by (start, end, id).
    by_doc: HashMap<DocId, Vec<CodingId>>,
    by_code: HashMap<CodeId, Vec<CodingId>>,
    by_coder: HashMap<CoderId, Vec<CodingId>>,
    parent: HashMap<CodeId, CodeId>,
    /// Derived level of each code: 1 for a leaf.
    level: HashMap<CodeId, usize>,
    /// Depth below the top: 0 for a root.
    depth: HashMap<CodeId, usize>,
    own: BTreeMap<CodeId, usize>,
    total: BTreeMap<CodeId, usize>,
    /// Each item's first memo (by creation, then id): the one its memo icon
    /// opens, looked up by every visible row every frame.
    first_memo: HashMap<MemoTarget, MemoId>,
}

impl ProjectIndex {
    pub fn build(p: &Project) -> Self {
        let mut ix = ProjectIndex::default();
        for (i, d) in p.documents.iter().enumerate() {
            ix.doc_pos.insert(d.id, i);
        }
        let mut sorted: Vec<&Coding> = p.codings.values().collect();
        // Keys are unique (the id is part of them), so unstable is exact.
        sorted.sort_unstable_by_key(|c| (c.range.start, c.range.end, c.id));
        for c in sorted {
            ix.by_doc.entry(c.document).or_default().push(c.id);
            ix.by_code.entry(c.code).or_default().push(c.id);
            ix.by_coder.entry(c.coder).or_default().push(c.id);
        }
        ix.own = ix.by_code.iter().map(|(k, v)| (*k, v.len())).collect();
        let mut first: HashMap<MemoTarget, &Memo> = HashMap::new();
        for m in p.memos.values() {
            let e = first.entry(m.target).or_insert(m);
            if (m.stamp.created, m.id) < (e.stamp.created, e.id) {
                *e = m;
            }
        }
        ix.first_memo = first.into_iter().map(|(t, m)| (t, m.id)).collect();
        for code in p.codes.values() {
            for child in &code.children {
                ix.parent.insert(*child, code.id);
            }
        }
        // Post-order over the tree from the roots: levels and totals of a
        // code come from its children.
        let mut stack: Vec<(CodeId, usize, bool)> =
            p.roots.iter().rev().map(|r| (*r, 0, false)).collect();
        let mut seen = std::collections::HashSet::new();
        while let Some((id, depth, done)) = stack.pop() {
            let Some(code) = p.codes.get(&id) else {
                continue;
            };
            if !done {
                if !seen.insert(id) {
                    continue; // a cycle: validation reports it
                }
                ix.depth.insert(id, depth);
                stack.push((id, depth, true));
                for k in code.children.iter().rev() {
                    stack.push((*k, depth + 1, false));
                }
                continue;
            }
            let mut level = 1;
            let mut total = ix.own.get(&id).copied().unwrap_or(0);
            for k in &code.children {
                level = level.max(1 + ix.level.get(k).copied().unwrap_or(1));
                total += ix.total.get(k).copied().unwrap_or(0);
            }
            ix.level.insert(id, level);
            ix.total.insert(id, total);
        }
        ix
    }

    /// A coding now in `p` is added (in place of a rebuild).
    pub(crate) fn add_coding(&mut self, p: &Project, c: &Coding) {
        let key = |id: &CodingId| {
            p.codings
                .get(id)
                .map(|c| (c.range.start, c.range.end, c.id))
        };
        let k = Some((c.range.start, c.range.end, c.id));
        for list in [
            self.by_doc.entry(c.document).or_default(),
            self.by_code.entry(c.code).or_default(),
            self.by_coder.entry(c.coder).or_default(),
        ] {
            let at = list.partition_point(|id| key(id) < k);
            list.insert(at, c.id);
        }
        *self.own.entry(c.code).or_insert(0) += 1;
        self.add_to_totals(c.code, 1);
    }

    /// Memos now in `p` that may come first on their item (by creation,
    /// then id, as `build` chooses).
    pub(crate) fn note_memos(&mut self, p: &Project, ids: &[MemoId]) {
        for m in ids.iter().filter_map(|id| p.memos.get(id)) {
            let first = self.first_memo.get(&m.target).and_then(|f| p.memos.get(f));
            if first.is_none_or(|f| (m.stamp.created, m.id) < (f.stamp.created, f.id)) {
                self.first_memo.insert(m.target, m.id);
            }
        }
    }

    /// Many codings now in `p` are added: each list they join is sorted
    /// once, rather than shifted once per coding.
    pub(crate) fn add_codings(&mut self, p: &Project, ids: &[CodingId]) {
        let mut touched: (HashSet<DocId>, HashSet<CodeId>, HashSet<CoderId>) = Default::default();
        for c in ids.iter().filter_map(|id| p.codings.get(id)) {
            self.by_doc.entry(c.document).or_default().push(c.id);
            self.by_code.entry(c.code).or_default().push(c.id);
            self.by_coder.entry(c.coder).or_default().push(c.id);
            touched.0.insert(c.document);
            touched.1.insert(c.code);
            touched.2.insert(c.coder);
            *self.own.entry(c.code).or_insert(0) += 1;
            self.add_to_totals(c.code, 1);
        }
        // The order of `add_coding`, which inserts by (start, end, id).
        let key = |id: &CodingId| {
            p.codings
                .get(id)
                .map(|c| (c.range.start, c.range.end, c.id))
        };
        fn sort<K: std::hash::Hash + Eq, F: Fn(&CodingId) -> O, O: Ord>(
            map: &mut HashMap<K, Vec<CodingId>>,
            keys: &HashSet<K>,
            key: F,
        ) {
            for k in keys {
                if let Some(list) = map.get_mut(k) {
                    list.sort_by_cached_key(&key);
                }
            }
        }
        sort(&mut self.by_doc, &touched.0, key);
        sort(&mut self.by_code, &touched.1, key);
        sort(&mut self.by_coder, &touched.2, key);
    }

    /// Many codings (as they were) are taken out, one pass per list.
    pub(crate) fn remove_codings(&mut self, gone: &[Coding]) {
        fn take<K: std::hash::Hash + Eq + Copy>(
            map: &mut HashMap<K, Vec<CodingId>>,
            keys: HashSet<K>,
            ids: &HashSet<CodingId>,
        ) {
            for k in keys {
                if let Some(list) = map.get_mut(&k) {
                    list.retain(|x| !ids.contains(x));
                    if list.is_empty() {
                        map.remove(&k);
                    }
                }
            }
        }
        let ids: HashSet<CodingId> = gone.iter().map(|c| c.id).collect();
        for id in &ids {
            // Their memos went with them.
            self.first_memo.remove(&MemoTarget::Coding(*id));
        }
        take(
            &mut self.by_doc,
            gone.iter().map(|c| c.document).collect(),
            &ids,
        );
        take(
            &mut self.by_code,
            gone.iter().map(|c| c.code).collect(),
            &ids,
        );
        take(
            &mut self.by_coder,
            gone.iter().map(|c| c.coder).collect(),
            &ids,
        );
        for c in gone {
            if let Some(n) = self.own.get_mut(&c.code) {
                *n -= 1;
                if *n == 0 {
                    self.own.remove(&c.code);
                }
            }
            self.add_to_totals(c.code, -1);
        }
    }

    /// A coding (as it was before it changed or went) is taken out.
    pub(crate) fn remove_coding(&mut self, c: &Coding) {
        fn take<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Vec<CodingId>>, k: K, id: CodingId) {
            if let Some(list) = map.get_mut(&k) {
                list.retain(|x| *x != id);
                if list.is_empty() {
                    map.remove(&k);
                }
            }
        }
        take(&mut self.by_doc, c.document, c.id);
        take(&mut self.by_code, c.code, c.id);
        take(&mut self.by_coder, c.coder, c.id);
        if let Some(n) = self.own.get_mut(&c.code) {
            *n -= 1;
            if *n == 0 {
                self.own.remove(&c.code);
            }
        }
        self.add_to_totals(c.code, -1);
    }

    fn add_to_totals(&mut self, code: CodeId, delta: isize) {
        let mut cur = Some(code);
        let mut steps = 0;
        while let Some(id) = cur {
            if let Some(t) = self.total.get_mut(&id) {
                *t = t.saturating_add_signed(delta);
            }
            cur = self.parent.get(&id).copied();
            steps += 1;
            if steps > self.parent.len() + 1 {
                break; // a cycle; validation reports it
            }
        }
    }

    pub fn document_position(&self, id: DocId) -> Option<usize> {
        self.doc_pos.get(&id).copied()
    }

    /// Codings of a document, by position.
    pub fn codings_of_document(&self, id: DocId) -> &[CodingId] {
        self.by_doc.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Own codings of a code, by position within each document.
    pub fn codings_of_code(&self, id: CodeId) -> &[CodingId] {
        self.by_code.get(&id).map_or(&[], Vec::as_slice)
    }

    pub fn codings_of_coder(&self, id: CoderId) -> &[CodingId] {
        self.by_coder.get(&id).map_or(&[], Vec::as_slice)
    }

    pub fn parent(&self, id: CodeId) -> Option<CodeId> {
        self.parent.get(&id).copied()
    }

    /// Derived level: 1 for a leaf, else 1 + the highest child level.
    pub fn level(&self, id: CodeId) -> usize {
        self.level.get(&id).copied().unwrap_or(1)
    }

    /// Depth below the top of the tree (0 for a top-level code).
    pub fn depth(&self, id: CodeId) -> usize {
        self.depth.get(&id).copied().unwrap_or(0)
    }

    /// The first memo on `target` (see `Project::first_memo`).
    pub fn first_memo(&self, target: MemoTarget) -> Option<MemoId> {
        self.first_memo.get(&target).copied()
    }

    pub fn own_counts(&self) -> &BTreeMap<CodeId, usize> {
        &self.own
    }

    pub fn total_counts(&self) -> &BTreeMap<CodeId, usize> {
        &self.total
    }

    pub fn own_count(&self, id: CodeId) -> usize {
        self.own.get(&id).copied().unwrap_or(0)
    }

    pub fn total_count(&self, id: CodeId) -> usize {
        self.total.get(&id).copied().unwrap_or(0)
    }
}

impl Project {
    /// The generation of this state: changes with every edit, never reused.
    pub fn generation(&self) -> u64 {
        self.derived.generation
    }

    /// Mark the project changed: a new generation, and the index dropped.
    /// `edit::apply` calls this after every successful command.
    pub fn touch(&mut self) {
        self.renew(None);
    }

    /// A change that only touched one coding: a new generation, and the
    /// index (if built) updated in place rather than dropped.
    pub(crate) fn touch_coding(&mut self, change: CodingChange) {
        let Some(mut ix) = self.derived.index.take() else {
            self.touch();
            return;
        };
        let updated = {
            let ix = Arc::make_mut(&mut ix);
            match &change {
                CodingChange::Added(id, memos) => self.codings.get(id).map(|c| {
                    ix.add_coding(self, c);
                    ix.note_memos(self, memos);
                }),
                CodingChange::Removed(c) => {
                    ix.remove_coding(c);
                    // Its memos went with it.
                    ix.first_memo.remove(&MemoTarget::Coding(c.id));
                    Some(())
                }
                CodingChange::Changed(old) => self.codings.get(&old.id).map(|c| {
                    ix.remove_coding(old);
                    ix.add_coding(self, c);
                }),
            }
        };
        self.renew(updated.map(|()| ix));
    }

    /// Many codings added (now in the project) or removed (as they were):
    /// a new generation, and the index (if built) updated in place.
    /// `memos`: those that came with the added codings.
    pub(crate) fn codings_changed(
        &mut self,
        added: &[CodingId],
        memos: &[MemoId],
        removed: &[Coding],
    ) {
        let Some(mut ix) = self.derived.index.take() else {
            self.touch();
            return;
        };
        let i = Arc::make_mut(&mut ix);
        i.remove_codings(removed);
        i.add_codings(self, added);
        i.note_memos(self, memos);
        self.renew(Some(ix));
    }

    /// A new generation, keeping the index: for a batch whose commands each
    /// kept the index right (or dropped it) themselves.
    pub(crate) fn touch_keep_index(&mut self) {
        let index = self.derived.index.take();
        self.renew(index);
    }

    /// A new generation with `index` (None: built again on first use).
    fn renew(&mut self, index: Option<Arc<ProjectIndex>>) {
        self.derived = Derived {
            generation: next_generation(),
            index: index.map_or_else(OnceLock::new, OnceLock::from),
            actor: self.derived.actor,
        };
    }

    /// The coder whose edits these are (recorded as `created_by` and
    /// `modified_by`). Set by the window and the CLI; not saved.
    pub fn set_actor(&mut self, coder: Option<CoderId>) {
        self.derived.actor = coder;
    }

    pub fn actor(&self) -> Option<CoderId> {
        self.derived.actor
    }

    /// The index for the current generation, built on first use.
    pub fn index(&self) -> &ProjectIndex {
        self.derived
            .index
            .get_or_init(|| Arc::new(ProjectIndex::build(self)))
    }

    /// The index if it is already built (for lookups inside `edit::apply`,
    /// which must not build it).
    pub(crate) fn built_index(&self) -> Option<&ProjectIndex> {
        self.derived.index.get().map(|a| a.as_ref())
    }
}
