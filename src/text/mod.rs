//! Text handling that egui does not do: line breaking in logical order,
//! bidi reordering (UAX #9 via `unicode-bidi`), maps between visual and
//! logical positions, and Persian-aware matching. Pure; no egui.

mod bidi;
mod fold;
mod layout;

pub use bidi::{is_rtl_char, mirror, visual_order};
pub use fold::{fold, fuzzy_key};
pub use layout::{LineLayout, Piece, layout_paragraph};

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
