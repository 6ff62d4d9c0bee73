//! Text handling that egui does not do: line breaking in logical order,
//! bidi reordering (UAX #9 via `unicode-bidi`), maps between visual and
//! logical positions, and Persian-aware matching. Pure; no egui.

mod bidi;
mod fold;
mod layout;

pub use bidi::{is_rtl_char, mirror, visual_order};
pub use fold::{find_folded, fold, fuzzy_key};
pub use layout::{Glyph, Hit, LineLayout, Piece, break_paragraph, layout_lines, layout_paragraph};

/// True when strong right-to-left letters outnumber strong left-to-right
/// ones: a document's direction (which side its line numbers and stripes
/// take), and a line's when the line itself has no strong letter.
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
