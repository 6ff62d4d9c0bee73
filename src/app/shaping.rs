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

/// What decides a run's direction in egui: its first letter of a script.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Other,
    /// Digits 0-9, punctuation, spaces, marks, joiners: no script of their own.
    Common,
}

fn script(grapheme: &str) -> Script {
    if grapheme.chars().any(arabic_script) {
        Script::Arabic
    } else if grapheme
        .chars()
        .any(|c| c.is_alphabetic() && !arabic_font(c))
    {
        Script::Other
    } else {
        Script::Common
    }
}

/// Graphemes grouped into script runs; common ones join the run they
/// follow (the first run, at the start), as in pango's itemizing.
fn script_runs(graphemes: Vec<&str>) -> Vec<(Script, Vec<&str>)> {
    let mut runs: Vec<(Script, Vec<&str>)> = Vec::new();
    for g in graphemes {
        let s = script(g);
        match runs.last_mut() {
            Some((rs, run)) if s == Script::Common || *rs == s => run.push(g),
            Some((rs, run)) if *rs == Script::Common => {
                *rs = s;
                run.push(g);
            }
            _ => runs.push((s, vec![g])),
        }
    }
    runs
}

/// The sections to give egui for `s` in the Vazirmatn family, where nearly
/// every character comes from one face and egui would shape a whole piece
/// as one run. Each script run becomes a section: egui shapes a run with
/// Arabic letters or digits right to left and mirrors its brackets, so an
/// Arabic run's brackets are mirrored here first (mirroring twice restores
/// them). Within a run the order is kept: logical for measuring, and what
/// `vazirmatn_piece_string` makes for painting.
pub fn vazirmatn_runs(s: &str) -> Vec<String> {
    script_runs(s.graphemes(true).collect())
        .into_iter()
        .map(|(script, run)| {
            let text = run.concat();
            if script == Script::Arabic {
                text.chars().map(crate::text::mirror).collect()
            } else {
                text
            }
        })
        .collect()
}

/// `piece_string` for the Vazirmatn family: the piece's graphemes in visual
/// order, each Arabic-script run turned back to logical order, since egui
/// reverses it (and `vazirmatn_runs` cuts the same runs again). An RTL
/// piece of Persian letters so comes out as its own text, the string it
/// was measured with.
pub fn vazirmatn_piece_string(text: &str, rtl: bool) -> String {
    let mut visual: Vec<&str> = text.graphemes(true).collect();
    if rtl {
        visual.reverse();
    }
    script_runs(visual)
        .into_iter()
        .flat_map(|(script, mut run)| {
            if script == Script::Arabic {
                run.reverse();
            }
            run
        })
        .collect()
}

/// A per-thread memo of what is worked out from text drawn every frame.
pub(super) type Memo<K, V> =
    std::thread::LocalKey<std::cell::RefCell<std::collections::HashMap<K, V>>>;

/// The memoised value for `key`, made by `make` the first time. Names and
/// labels come and go (renames, resizing): the memo starts over when large.
pub(super) fn memoised<Q, K, V>(memo: &'static Memo<K, V>, key: &Q, make: impl FnOnce() -> V) -> V
where
    Q: std::hash::Hash + Eq + ToOwned<Owned = K> + ?Sized,
    K: std::hash::Hash + Eq + std::borrow::Borrow<Q>,
    V: Clone,
{
    if let Some(v) = memo.with(|m| m.borrow().get(key).cloned()) {
        return v;
    }
    let v = make();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 20_000 {
            m.clear();
        }
        m.insert(key.to_owned(), v.clone());
    });
    v
}

/// Reordered strings are memoised: the same code names and labels are
/// drawn every frame.
pub fn bidi(s: &str) -> String {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<String, String>> =
            Default::default();
    }
    // Persian digits too: egui would draw a run of them reversed.
    if !s
        .chars()
        .any(|c| crate::text::is_rtl_char(c) || arabic_script(c))
    {
        return s.to_string();
    }
    memoised(&MEMO, s, || {
        s.split('\n')
            .map(|l| line_string(l, Some(crate::text::paragraph_rtl(l, 0, None, false))))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A name inside a sentence, isolated (FSI…PDI): a Persian name in an
/// English sentence, or the reverse, keeps its order and the quotes
/// around it their sides.
pub fn iso(name: &str) -> String {
    format!("\u{2068}{name}\u{2069}")
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

    #[test]
    fn vazirmatn_runs_are_cut_by_script() {
        assert_eq!(vazirmatn_runs("P12: بله"), vec!["P12: ", "بله"]);
        assert_eq!(vazirmatn_runs("abc۱۲"), vec!["abc", "۱۲"]);
        // Brackets of an Arabic run are handed over mirrored: egui mirrors them back.
        assert_eq!(vazirmatn_runs("«سلام»"), vec!["»سلام«"]);
    }

    #[test]
    fn vazirmatn_pieces_hand_arabic_runs_over_in_logical_order() {
        // An RTL piece of Persian letters: its own (logical) text.
        assert_eq!(vazirmatn_piece_string("سلام", true), "سلام");
        // Persian digits (an LTR piece): reversed, egui reverses them back.
        assert_eq!(vazirmatn_piece_string("۱۴۰۲", false), "۲۰۴۱");
        // Latin then Persian digits in one LTR piece: only the digits turn.
        assert_eq!(vazirmatn_piece_string("abc۱۲", false), "abc۲۱");
        assert_eq!(vazirmatn_piece_string("Instagram", false), "Instagram");
    }
}
