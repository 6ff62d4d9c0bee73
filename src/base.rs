//! The ground floor: char-offset newtypes shared by `text` and `model`.
//! Text positions are char (Unicode scalar) indices in half-open ranges;
//! byte, UTF-16 or screen positions appear only at the edges.

use serde::{Deserialize, Serialize};
use std::fmt;

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

impl CharPos {
    /// A position relative to `base` (a paragraph's start, say) made
    /// absolute.
    pub fn shifted(self, base: CharPos) -> CharPos {
        CharPos(base.0 + self.0)
    }

    /// This position relative to `base` (0 before it).
    pub fn relative_to(self, base: CharPos) -> CharPos {
        CharPos(self.0.saturating_sub(base.0))
    }
}

impl CharRange {
    /// A range relative to `base` made absolute.
    pub fn shifted(self, base: CharPos) -> CharRange {
        CharRange {
            start: self.start.shifted(base),
            end: self.end.shifted(base),
        }
    }

    /// This range relative to `base` (clamped at 0).
    pub fn relative_to(self, base: CharPos) -> CharRange {
        CharRange {
            start: self.start.relative_to(base),
            end: self.end.relative_to(base),
        }
    }

    /// The plain index range, for slicing per-char tables: at the edge.
    pub fn indices(self) -> std::ops::Range<usize> {
        self.start.0..self.end.0
    }

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

/// Run `f` on every item, spread over the machine's cores (up to 8).
pub fn par_each<T: Send>(items: &mut [T], f: impl Fn(&mut T) + Sync) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get().min(8))
        .min(items.len());
    if threads < 2 || items.len() < 2 {
        items.iter_mut().for_each(f);
        return;
    }
    // Small chunks, taken in turn, so that one long document does not keep
    // a single core busy while the others wait.
    let chunk = items.len().div_ceil(threads * 8).max(1);
    let parts = std::sync::Mutex::new(items.chunks_mut(chunk));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let next = parts.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some(part) = next else { break };
                    part.iter_mut().for_each(&f);
                }
            });
        }
    });
}
