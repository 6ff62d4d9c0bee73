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
id_type!(
    /// A map (a model figure).
    MapId
);
id_type!(
    /// A node of a map.
    NodeId
);

pub use crate::base::{CharPos, CharRange};

/// A stable ID made from `parts` (a UUID of version 8): the same parts give
/// the same ID on every run. Merge names the copy of a conflicting item with
/// it (the same ID however often, and in whichever order, the same sides are
/// merged); the REFI-QDA export its selections and variables.
pub fn derived_uuid(parts: &[&[u8]]) -> Uuid {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    Uuid::from_bytes(b)
}
