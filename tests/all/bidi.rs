//! Visual order against references made by GNU FriBidi, and maps between
//! visual and logical positions on mixed lines.

use strata::base::{CharPos, CharRange};
use strata::text::{layout_paragraph, visual_order};

pub(super) fn cases() -> Vec<(Option<bool>, String, Vec<usize>)> {
    let text =
        std::fs::read_to_string(super::util::fixture("bidi/fribidi-vtol.tsv")).expect("fixture");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let dir = match f.next().expect("dir") {
                "rtl" => Some(true),
                "ltr" => Some(false),
                _ => None,
            };
            let line = f.next().expect("line").to_string();
            let map = f
                .next()
                .expect("map")
                .split_whitespace()
                .map(|n| n.parse().expect("index"))
                .collect();
            (dir, line, map)
        })
        .collect()
}

#[test]
fn at_least_forty_reference_lines() {
    assert!(cases().len() >= 40);
}

#[test]
fn char_order_matches_fribidi() {
    let mut failures = Vec::new();
    for (dir, line, expected) in cases() {
        let got = visual_order(&line, dir);
        if got != expected {
            failures.push(format!(
                "{line}\n  fribidi: {expected:?}\n  strata:  {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} lines differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What the browser paints: pieces left to right; inside an RTL piece the
/// shaper lays letters right to left, each with its combining marks.
/// Zero-width joiners (ZWNJ/ZWJ) have no place on screen and are left out.
fn painted_order(line: &str, dir: Option<bool>) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    let is_mark = |c: char| unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM;
    let mut unit = |s: &str| s.chars().count() as f32;
    let layout = layout_paragraph(line, dir, f32::INFINITY, &mut unit);
    let mut out = Vec::new();
    for l in &layout {
        for p in &l.pieces {
            let mut clusters: Vec<Vec<usize>> = Vec::new();
            for i in p.chars.indices() {
                match clusters.last_mut() {
                    Some(c) if is_mark(chars[i]) => c.push(i),
                    _ => clusters.push(vec![i]),
                }
            }
            if p.rtl {
                clusters.reverse();
            }
            out.extend(clusters.into_iter().flatten());
        }
    }
    out
}

fn visible(line: &str, order: &[usize]) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    order
        .iter()
        .copied()
        .filter(|&i| !matches!(chars[i], '\u{200C}' | '\u{200D}'))
        .collect()
}

#[test]
fn painted_pieces_match_fribidi_order() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for (dir, line, expected) in cases() {
        // Emoji sequences are single glyphs; FriBidi reverses their code
        // points in RTL runs, a renderer never splits them.
        if line.chars().any(|c| c as u32 >= 0x1F000) {
            continue;
        }
        compared += 1;
        let got = visible(&line, &painted_order(&line, dir));
        let want = visible(&line, &expected);
        if got != want {
            failures.push(format!("{line}\n  fribidi: {want:?}\n  painted: {got:?}"));
        }
    }
    assert!(compared >= 40);
    assert!(
        failures.is_empty(),
        "{} lines differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn click_positions_map_to_logical_offsets_and_back() {
    // «ما از Instagram استفاده می‌کنیم» in an RTL paragraph, one char = one unit.
    let line = "ما از Instagram استفاده می‌کنیم";
    let mut unit = |s: &str| s.chars().count() as f32;
    let l = &layout_paragraph(line, Some(true), 1000.0, &mut unit)[0];
    let n = line.chars().count();
    // Every logical boundary has an x, and clicking there gives it back,
    // except inside a grapheme cluster (after «ی», before its ZWNJ).
    let zwnj = line.chars().position(|c| c == '\u{200C}').expect("ZWNJ");
    for i in (0..=n).filter(|&i| i != zwnj).map(CharPos) {
        let x = l.x_of(i).expect("boundary on the line");
        let back = l.hit(x);
        // Boundaries between an RTL and an LTR run share an x; either side is right.
        let same_x = l.x_of(back).expect("x") == x;
        assert!(
            back == i || same_x,
            "boundary {i:?} at x={x} came back as {back:?}"
        );
    }
    // The right edge is the logical start, the left edge the logical end.
    assert_eq!(l.hit(l.width + 5.0), CharPos(0));
    assert_eq!(l.hit(-5.0), CharPos(n));
}

#[test]
fn a_logical_range_across_directions_gives_several_rects() {
    let line = "ما از Instagram استفاده می‌کنیم";
    let mut unit = |s: &str| s.chars().count() as f32;
    let l = &layout_paragraph(line, Some(true), 1000.0, &mut unit)[0];
    // «از Insta»: logical 3..11 covers the end of an RTL word and part of the Latin word.
    let spans = l.spans(CharRange::new(3, 11));
    assert_eq!(spans.len(), 2, "{spans:?}");
    // Total width equals the number of chars selected (unit widths).
    let total: f32 = spans.iter().map(|(a, b)| b - a).sum();
    assert_eq!(total, 8.0);
}

#[test]
fn wrapped_rtl_paragraph_keeps_logical_line_order() {
    let line = "شبکه‌های اجتماعی ابزار مشارکت شهروندان است و مدیران باید پاسخ دهند";
    let mut unit = |s: &str| s.chars().count() as f32;
    let lines = layout_paragraph(line, Some(true), 20.0, &mut unit);
    assert!(lines.len() > 2);
    // Lines follow each other in logical order and cover the text exactly.
    let mut next = CharPos(0);
    for l in &lines {
        assert_eq!(l.chars.start, next);
        assert!(
            l.width <= 20.0 + 1e-3 || l.pieces.len() == 1,
            "line too wide: {}",
            l.width
        );
        next = l.chars.end;
    }
    assert_eq!(next, CharPos(line.chars().count()));
}
