//! The last step before egui draws reordered text.
//!
//! egui 0.37 splits text into runs by font face and shapes each run with
//! HarfBuzz's guessed direction: a run holding Arabic-script letters or
//! digits is laid out right to left as a whole. (Checked on this build:
//! "۱۳۹۶" alone comes out as "۶۹۳۱", and "،تازه" puts the comma on the right.)
//! Given graphemes in the visual order we want, we hand egui each such run
//! reversed, so that its own reversal puts them back where we want them.

use unicode_segmentation::UnicodeSegmentation;

/// Drawn from the Arabic fallback font (not in egui's default Latin font).
fn arabic_font(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Sets a run's script to Arabic (and so its direction to right-to-left);
/// punctuation and marks shared by all scripts do not.
pub fn arabic_script(c: char) -> bool {
    arabic_font(c)
        && !matches!(
            c,
            '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{0640}' | '\u{064B}'
                ..='\u{0655}' | '\u{0670}'
        )
}

/// The string to give egui so that it shows `visual` (graphemes, left to right).
pub fn egui_string<'a>(visual: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut String| {
        if run.iter().any(|g| g.chars().any(arabic_script)) {
            out.extend(run.iter().rev().copied());
        } else {
            out.extend(run.iter().copied());
        }
        run.clear();
    };
    for g in visual {
        let in_arabic_font = g.chars().next().is_some_and(arabic_font);
        let run_arabic = run
            .first()
            .and_then(|r| r.chars().next())
            .is_some_and(arabic_font);
        if !run.is_empty() && in_arabic_font != run_arabic {
            flush(&mut run, &mut out);
        }
        run.push(g);
    }
    flush(&mut run, &mut out);
    out
}

/// The string for egui that shows one laid-out piece.
pub fn piece_string(text: &str, rtl: bool) -> String {
    let g: Vec<&str> = text.graphemes(true).collect();
    if rtl {
        egui_string(g.into_iter().rev())
    } else {
        egui_string(g)
    }
}

/// A whole line (label, code name) in visual order, ready for egui.
pub fn line_string(s: &str, rtl: Option<bool>) -> String {
    let mut unit = |t: &str| t.chars().count() as f32;
    let lines = crate::text::layout_paragraph(s, rtl, f32::INFINITY, &mut unit);
    let mut visual: Vec<&str> = Vec::new();
    for l in &lines {
        for p in &l.pieces {
            let g: Vec<&str> = p.text.graphemes(true).collect();
            if p.rtl {
                visual.extend(g.into_iter().rev());
            } else {
                visual.extend(g);
            }
        }
    }
    egui_string(visual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_digits_are_pre_reversed() {
        assert_eq!(piece_string("۱۳۹۶", false), "۶۹۳۱");
        assert_eq!(piece_string("1396", false), "1396");
    }

    #[test]
    fn an_rtl_word_is_handed_over_in_logical_order() {
        assert_eq!(piece_string("سلام", true), "سلام");
    }

    #[test]
    fn punctuation_in_the_same_run_moves_with_it() {
        // Visual «، تازه» is wanted as «تازه،» read right to left: the comma
        // sits left of the word, which egui draws if given the logical order.
        assert_eq!(line_string("نام تازه، کد", Some(true)), "کد تازه، نام");
    }

    #[test]
    fn latin_runs_are_left_alone() {
        assert_eq!(line_string("Strata 2.0", None), "Strata 2.0");
    }
}
