//! Bidi reordering of one line, char by char.

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};

pub fn is_rtl_char(c: char) -> bool {
    matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Per-char embedding levels of a line (one paragraph, no newline).
/// `rtl`: Some(true/false) forces the paragraph direction, None = first strong.
pub fn char_levels(line: &str, rtl: Option<bool>) -> (Vec<Level>, bool) {
    let default = rtl.map(|r| if r { Level::rtl() } else { Level::ltr() });
    let info = ParagraphBidiInfo::new(line, default);
    let para_rtl = info.paragraph_level.is_rtl();
    if line.is_empty() {
        return (Vec::new(), para_rtl);
    }
    (info.reordered_levels_per_char(0..line.len()), para_rtl)
}

/// Visual order of a line: entry `v` is the logical char index shown at
/// visual position `v` (left to right). This is FriBidi's `--vtol` map.
pub fn visual_order(line: &str, rtl: Option<bool>) -> Vec<usize> {
    let (levels, _) = char_levels(line, rtl);
    if levels.is_empty() {
        return Vec::new();
    }
    let mut order = unicode_bidi::BidiInfo::reorder_visual(&levels);
    keep_marks_after_base(line, &levels, &mut order);
    order
}

/// In right-to-left runs, put combining marks back after their base char,
/// as FriBidi does (its REORDER_NSM) and as a shaper draws them: a letter
/// and its diacritics stay one cluster in logical order.
fn keep_marks_after_base(line: &str, levels: &[Level], order: &mut [usize]) {
    let chars: Vec<char> = line.chars().collect();
    let is_mark = |i: usize| unicode_bidi::bidi_class(chars[i]) == BidiClass::NSM;
    let mut v = 0;
    while v < order.len() {
        let i = order[v];
        if levels[i].is_rtl() && is_mark(i) {
            let start = v;
            while v < order.len() && levels[order[v]].is_rtl() && is_mark(order[v]) {
                v += 1;
            }
            if v < order.len() && levels[order[v]].is_rtl() {
                order[start..=v].reverse();
            }
        }
        v += 1;
    }
}

/// The mirrored form of a bracket-like char shown in a right-to-left run
/// (Unicode Bidi_Mirroring_Glyph for the pairs that occur in transcripts;
/// `unicode-bidi` does not expose the property).
pub fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '≤' => '≥',
        '≥' => '≤',
        '⟨' => '⟩',
        '⟩' => '⟨',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use crate::text::{mostly_rtl, strong_direction};

    #[test]
    fn strong_chars_and_neutrals() {
        assert_eq!(strong_direction('a'), Some(false));
        assert_eq!(strong_direction('ب'), Some(true));
        assert_eq!(strong_direction('ی'), Some(true));
        assert_eq!(strong_direction('۱'), None, "Persian digits are weak");
        assert_eq!(strong_direction('\u{064E}'), None, "a fatha is a mark");
        assert_eq!(strong_direction('،'), None, "the Arabic comma is neutral");
        assert_eq!(strong_direction('א'), Some(true));
    }

    #[test]
    fn document_direction_counts_strong_letters() {
        assert!(mostly_rtl("P9: ما هر روز به شهرداری سر می‌زنیم."));
        assert!(!mostly_rtl("Interviewer: what happened then? (سلام)"));
    }
}
