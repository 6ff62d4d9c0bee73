//! Entity history: who made an item and when, and who changed it last.
//! Merge, review and provenance read these.

use super::CoderId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Creation and last change of a code, coding, memo, document or group.
/// Times are unknown (None) only for items migrated from a file format that
/// did not record them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub created: Option<DateTime<Utc>>,
    pub created_by: Option<CoderId>,
    pub modified: Option<DateTime<Utc>>,
    pub modified_by: Option<CoderId>,
}

impl Stamp {
    /// Made now by `by`.
    pub fn now(by: Option<CoderId>) -> Self {
        let t = Utc::now();
        Self {
            created: Some(t),
            created_by: by,
            modified: Some(t),
            modified_by: by,
        }
    }

    /// Changed now by `by`.
    pub fn touch(&mut self, by: Option<CoderId>) {
        self.modified = Some(Utc::now());
        self.modified_by = by;
    }

    /// Fill in the creator and last editor where unknown.
    pub fn fill_author(&mut self, by: Option<CoderId>) {
        if self.created_by.is_none() {
            self.created_by = by;
        }
        if self.modified_by.is_none() {
            self.modified_by = by;
        }
    }
}

/// How a coding came to be.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Origin {
    /// Selected and coded by hand.
    #[default]
    Manual,
    /// Coded in vivo: a new code named after the segment.
    InVivo,
    /// Made by autocode from a search.
    Autocode,
    /// Brought in from another tool's file.
    Import,
    /// Came in by merging a coder's copy.
    Merge,
}
