//! What a merge did: conflicts and how each was settled, items joined,
//! and what each side brought. Serialisable (`--json`) and readable.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A code renamed differently on two sides.
    Renamed,
    /// A code moved to different parents on two sides.
    Moved,
    /// Moves on two sides that together would put a code inside itself.
    MoveCycle,
    Recoloured,
    DescriptionEdited,
    /// Deleted on one side, and changed (renamed, moved, edited) on another.
    DeletedButChanged,
    /// Deleted on one side, and used on another (coded, a memo, a child).
    DeletedButUsed,
    /// One coding changed in different ways (range, code, coder).
    CodingChanged,
    /// A coding deleted on one side, left as it was on another: kept.
    DeletedOnOneSide,
    /// One memo edited differently on two sides.
    MemoEdited,
    /// A document's name, variables, group or direction set differently.
    DocumentChanged,
    GroupRenamed,
    CoderChanged,
    /// A project setting (name, level names, …) set differently.
    ProjectSetting,
    /// Sides reordered a list differently; the base's order is kept.
    OrderChanged,
}

/// A value a side had that was not kept.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Alternative {
    pub value: String,
    /// The sides (file names, or ours/theirs) that had it.
    pub sides: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// What it is about: a code's path in the merged tree, a document's name…
    pub item: String,
    /// The item's ID.
    pub id: String,
    /// The value kept.
    pub kept: String,
    pub others: Vec<Alternative>,
    /// Where the other values were kept, so that nothing is lost.
    pub resolution: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinedKind {
    /// Codes created on two sides at the same path (names compared as a
    /// Persian reader would).
    Codes,
    /// Coders of one name with different IDs.
    Coders,
    /// The same transcript imported on two sides.
    Documents,
    /// Identical codings (same document, range, code and coder).
    Codings,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Joined {
    pub kind: JoinedKind,
    pub item: String,
    /// The ID that stays.
    pub kept: String,
    /// The IDs joined into it.
    pub joined: Vec<String>,
}

/// What one side brought, against the base.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SideSummary {
    pub side: String,
    pub codings_added: usize,
    pub codings_removed: usize,
    pub codes_added: usize,
    pub codes_removed: usize,
    pub memos_added: usize,
    pub documents_added: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    pub base: String,
    pub sides: Vec<SideSummary>,
    /// Sorted by kind, then item.
    pub conflicts: Vec<Conflict>,
    pub joined: Vec<Joined>,
    /// Counts in the merged project.
    pub codings: usize,
    pub codes: usize,
    pub memos: usize,
}

impl MergeReport {
    /// Sorted, so that the report reads the same whatever the sides' order.
    pub(super) fn sort(&mut self) {
        for c in &mut self.conflicts {
            for o in &mut c.others {
                o.sides.sort();
            }
            c.others.sort();
        }
        self.conflicts
            .sort_by(|a, b| (a.kind, &a.item, &a.id).cmp(&(b.kind, &b.item, &b.id)));
        for j in &mut self.joined {
            j.joined.sort();
        }
        self.joined
            .sort_by(|a, b| (a.kind, &a.item, &a.kept).cmp(&(b.kind, &b.item, &b.kept)));
        self.sides.sort_by(|a, b| a.side.cmp(&b.side));
    }

    /// One line per fact, in a stable order.
    pub fn text(&self) -> String {
        let mut t = String::new();
        for s in &self.sides {
            t += &format!(
                "{}: +{} codings, -{} codings, +{} codes, -{} codes, +{} memos, +{} documents\n",
                s.side,
                s.codings_added,
                s.codings_removed,
                s.codes_added,
                s.codes_removed,
                s.memos_added,
                s.documents_added
            );
        }
        for j in &self.joined {
            let what = match j.kind {
                JoinedKind::Codes => "codes",
                JoinedKind::Coders => "coders",
                JoinedKind::Documents => "documents",
                JoinedKind::Codings => "identical codings",
            };
            t += &format!(
                "joined {} {what} into one: {}\n",
                j.joined.len() + 1,
                j.item
            );
        }
        for c in &self.conflicts {
            let others: Vec<String> = c
                .others
                .iter()
                .map(|o| format!("«{}» in {}", o.value, o.sides.join(", ")))
                .collect();
            t += &format!(
                "conflict ({}): {}: kept «{}»; also {}; {}\n",
                kind_name(c.kind),
                c.item,
                c.kept,
                if others.is_empty() {
                    "-".to_string()
                } else {
                    others.join("; ")
                },
                c.resolution
            );
        }
        t += &format!(
            "merged: {} codings, {} codes, {} memos; {} conflict(s)\n",
            self.codings,
            self.codes,
            self.memos,
            self.conflicts.len()
        );
        t
    }
}

fn kind_name(k: ConflictKind) -> &'static str {
    match k {
        ConflictKind::Renamed => "renamed differently",
        ConflictKind::Moved => "moved differently",
        ConflictKind::MoveCycle => "moves would make a cycle",
        ConflictKind::Recoloured => "recoloured differently",
        ConflictKind::DescriptionEdited => "description edited differently",
        ConflictKind::DeletedButChanged => "deleted on one side, changed on another",
        ConflictKind::DeletedButUsed => "deleted on one side, used on another",
        ConflictKind::CodingChanged => "coding changed differently",
        ConflictKind::DeletedOnOneSide => "deleted on one copy only",
        ConflictKind::MemoEdited => "memo edited differently",
        ConflictKind::DocumentChanged => "document changed differently",
        ConflictKind::GroupRenamed => "group renamed differently",
        ConflictKind::CoderChanged => "coder changed differently",
        ConflictKind::ProjectSetting => "project setting changed differently",
        ConflictKind::OrderChanged => "reordered differently",
    }
}
