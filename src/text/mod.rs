//! Text handling that egui does not do: line breaking in logical order,
//! bidi reordering (UAX #9 via `unicode-bidi`), maps between visual and
//! logical positions, and Persian-aware matching. Pure; no egui.

mod bidi;
mod fold;
mod layout;

pub use bidi::{is_rtl_char, mirror, visual_order};
pub use fold::{find_folded, fold, fuzzy_key};
pub use layout::{LineLayout, Piece, break_paragraph, layout_lines, layout_paragraph};

/// A one-line string in visual order for a renderer that has no bidi but
/// shapes each word (egui): pieces are reordered, letters stay logical.
/// `rtl` forces the direction; None takes the first strong char.
pub fn display_string(s: &str, rtl: Option<bool>) -> String {
    if !s.chars().any(is_rtl_char) {
        return s.to_string();
    }
    let mut unit = |t: &str| t.chars().count() as f32;
    layout_paragraph(s, rtl, f32::INFINITY, &mut unit)
        .iter()
        .flat_map(|l| l.pieces.iter().map(|p| p.text.as_str()))
        .collect()
}

/// True when strong right-to-left letters outnumber strong left-to-right
/// ones. Used for a document's automatic direction: transcript lines often
/// start with a Latin speaker label, so the first-strong rule per line is wrong.
pub fn mostly_rtl(text: &str) -> bool {
    use unicode_bidi::BidiClass::*;
    let (mut r, mut l) = (0usize, 0usize);
    for c in text.chars() {
        match unicode_bidi::bidi_class(c) {
            R | AL => r += 1,
            L => l += 1,
            _ => {}
        }
    }
    r > l
}
