//! Stable identifiers and char-offset newtypes.
//!
//! IDs are UUIDs so that they survive save, merge and export unchanged.
//! Text positions are char (Unicode scalar) indices; byte or UTF-16 offsets
//! only appear at the edges (see `crate::text::offsets`).

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), &self.0.simple().to_string()[..8])
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A project.
    ProjectId
);
id_type!(
    /// A document (transcript).
    DocId
);
id_type!(
    /// A node of the code tree (code, subcategory, category, ...).
    CodeId
);
id_type!(
    /// One coded segment.
    CodingId
);
id_type!(
    /// A memo.
    MemoId
);
id_type!(
    /// A coder (a person who codes).
    CoderId
);
id_type!(
    /// A document group.
    GroupId
);

/// A char (Unicode scalar value) index into a document's text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct CharPos(pub usize);

/// A half-open range of chars, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CharRange {
    pub start: CharPos,
    pub end: CharPos,
}

impl CharRange {
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: CharPos(start),
            end: CharPos(end),
        }
    }

    pub fn len(&self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the range is well formed and lies inside a text of `text_chars` chars.
    pub fn fits(&self, text_chars: usize) -> bool {
        self.start.0 < self.end.0 && self.end.0 <= text_chars
    }

    pub fn overlaps(&self, other: &CharRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, pos: CharPos) -> bool {
        self.start <= pos && pos < self.end
    }
}

impl fmt::Display for CharRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start.0, self.end.0)
    }
}
