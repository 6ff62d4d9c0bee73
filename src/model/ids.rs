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
id_type!(
    /// A code set: codes gathered across the tree (REFI-QDA `Set`).
    SetId
);

pub use crate::base::{CharPos, CharRange};
