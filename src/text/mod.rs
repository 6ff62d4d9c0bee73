//! Text handling that egui does not do: line breaking in logical order,
//! bidi reordering (UAX #9 via `unicode-bidi`), maps between visual and
//! logical positions, and Persian-aware matching. Pure; no egui.

mod bidi;
mod fold;
mod layout;
mod name;
pub mod offsets;

pub use bidi::{is_rtl_char, mirror, visual_order};
pub(crate) use fold::fold_each;
pub use fold::{digit_value, find_folded, fold, fold_with_map, fuzzy_key};
pub use layout::{Glyph, Hit, LineLayout, Piece, break_paragraph, layout_lines, layout_paragraph};
pub use name::{IN_VIVO_LIMIT, in_vivo_name};

/// True when strong right-to-left letters outnumber strong left-to-right
/// ones. Not a paragraph's direction (that is `paragraph_rtl`): which side
/// a whole document's line numbers and stripes take, and the fallback for
/// its lines that have no strong letter.
pub fn mostly_rtl(text: &str) -> bool {
    let (mut r, mut l) = (0usize, 0usize);
    for c in text.chars() {
        match strong_direction(c) {
            Some(true) => r += 1,
            Some(false) => l += 1,
            None => {}
        }
    }
    r > l
}

/// The direction of a paragraph: the one rule every view follows (the
/// document browser, the editor, the tree, picker, retrieval and labels).
/// `forced` (a project's or document's override) wins; else UAX #9's rule
/// P2–P3: the first strong letter, skipping isolated runs, here after the
/// speaker label (`label_end` bytes: `P9: ما …` is a Persian line); else
/// `fallback` (the document's or interface's direction) when there is no
/// strong letter at all, as in «۱۴۰۲» or "12:30".
pub fn paragraph_rtl(text: &str, label_end: usize, forced: Option<bool>, fallback: bool) -> bool {
    if let Some(f) = forced {
        return f;
    }
    let rest = text.get(label_end..).unwrap_or(text);
    // A post's reply opens with the handle it answers (`@reza.k1990 ما …`)
    // or a hashtag: the words after them say the line's direction.
    first_strong(after_handles(rest))
        .or_else(|| first_strong(rest))
        .unwrap_or(fallback)
}

/// `text` after the @handles and #hashtags it starts with.
fn after_handles(text: &str) -> &str {
    let mut rest = text.trim_start();
    while rest.starts_with(['@', '#']) {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest
}

/// UAX #9 P2: the direction of the first strong char, ignoring chars
/// between an isolate initiator and its matching PDI.
pub fn first_strong(text: &str) -> Option<bool> {
    let mut isolates = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => isolates += 1,
            '\u{2069}' => isolates = isolates.saturating_sub(1),
            c if isolates == 0 => {
                if let Some(d) = strong_direction(c) {
                    return Some(d);
                }
            }
            _ => {}
        }
    }
    None
}

/// Some(true) for a strong right-to-left char, Some(false) for strong
/// left-to-right, None for the rest. ASCII, the Arabic block and general
/// punctuation (ZWNJ, marks, dashes and quotes: most of a transcript) come
/// from a small table built once from the bidi tables.
pub fn strong_direction(c: char) -> Option<bool> {
    use std::sync::OnceLock;
    const TABLED: usize = 0x2070;
    static TABLE: OnceLock<[Option<bool>; TABLED]> = OnceLock::new();
    fn from_tables(c: char) -> Option<bool> {
        use unicode_bidi::BidiClass::*;
        match unicode_bidi::bidi_class(c) {
            R | AL => Some(true),
            L => Some(false),
            _ => None,
        }
    }
    let u = c as usize;
    if u < TABLED {
        let table = TABLE.get_or_init(|| {
            let mut t = [None; TABLED];
            for (i, slot) in t.iter_mut().enumerate() {
                *slot = char::from_u32(i as u32).and_then(from_tables);
            }
            t
        });
        table[u]
    } else {
        from_tables(c)
    }
}

/// The word (UAX #29 word boundaries) holding char `i` of a paragraph, as
/// char indices: what a double click selects. Persian words joined by ZWNJ
/// stay one word; a run of spaces or a punctuation mark is its own "word".
pub fn word_at(paragraph: &str, i: usize) -> std::ops::Range<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut start = 0;
    for w in paragraph.split_word_bounds() {
        let n = w.chars().count();
        if i < start + n {
            return start..start + n;
        }
        start += n;
    }
    start..start
}
