//! Mouse selection over mixed-direction text, against pango: a drag from
//! inside the glyph of a span's first char to inside the glyph of its last
//! char selects exactly that span, at every kind of run boundary.
//! `tests/fixtures/bidi/pango-drags.tsv` is made by tools/pango-hits from
//! pango's own `index_to_pos` and `xy_to_index`.

use strata::base::{CharPos, CharRange};
use strata::text::{LineLayout, layout_paragraph};

/// One drag from the fixture.
pub(super) struct Drag {
    pub dir: Option<bool>,
    pub wrap: f32,
    pub text: String,
    pub intended: CharRange,
    pub press: (usize, f32),
    pub release: (usize, f32),
    /// What pango selected for the same two pointer positions.
    pub pango: CharRange,
}

pub(super) fn pango_drags() -> Vec<Drag> {
    let text =
        std::fs::read_to_string(super::util::fixture("bidi/pango-drags.tsv")).expect("fixture");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 11, "{l}");
            let n = |i: usize| f[i].parse::<usize>().expect("number");
            let x = |i: usize| f[i].parse::<f32>().expect("frac");
            Drag {
                dir: match f[0] {
                    "rtl" => Some(true),
                    "ltr" => Some(false),
                    _ => None,
                },
                wrap: x(1),
                text: f[2].to_string(),
                intended: CharRange::new(n(3), n(4)),
                press: (n(5), x(6)),
                release: (n(7), x(8)),
                pango: CharRange::new(n(9), n(10)),
            }
        })
        .collect()
}

/// Widths like a proportional font's: marks, joiners and bidi controls take
/// no room, narrow Latin letters less than the rest. Additive, so a prefix
/// of a piece measures where the shaper would put its glyphs.
fn width(s: &str) -> f32 {
    s.chars()
        .map(|c| match c {
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => 0.0,
            c if unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM => 0.0,
            'i' | 'l' | 'I' | '.' | ':' | ',' | '!' | ' ' => 3.0,
            c if c.is_ascii_lowercase() => 6.0,
            _ => 8.0,
        })
        .sum()
}

fn lay_out(text: &str, dir: Option<bool>, wrap: f32) -> Vec<LineLayout> {
    let mut measure = width;
    layout_paragraph(
        text,
        dir,
        if wrap > 0.0 { wrap } else { f32::INFINITY },
        &mut measure,
    )
}

/// The pointer `frac` of the way across the glyph of char `i` (from its
/// visual left), as (row, x).
fn point(lines: &[LineLayout], i: usize, frac: f32) -> Option<(usize, f32)> {
    lines.iter().enumerate().find_map(|(row, l)| {
        let g = l.glyph(CharPos(i))?;
        Some((row, g.left + frac * (g.right - g.left)))
    })
}

/// A drag as the browser makes it: on one line both ends are chosen together
/// (`drag_ends`, pango's `hit` away from glyph boundaries), across lines
/// each is `hit`.
fn drag(lines: &[LineLayout], press: (usize, f32), release: (usize, f32)) -> Option<CharRange> {
    let (ra, xa) = point(lines, press.0, press.1)?;
    let (rb, xb) = point(lines, release.0, release.1)?;
    let (a, b) = if ra == rb {
        lines[ra].drag_ends(xa, xb)
    } else {
        (lines[ra].hit(xa), lines[rb].hit(xb))
    };
    // Away from boundaries that is pango's choice at both ends.
    if ra == rb {
        assert_eq!(
            (a, b),
            (lines[ra].hit(xa), lines[rb].hit(xb)),
            "at {xa} and {xb}"
        );
    }
    Some(CharRange::new(a.min(b).0, a.max(b).0))
}

#[test]
fn drags_select_what_pango_selects() {
    let drags = pango_drags();
    assert!(drags.len() >= 40, "{}", drags.len());
    let mut failures = Vec::new();
    for d in &drags {
        assert_eq!(d.pango, d.intended, "pango itself: {}", d.text);
        // A row break is laid out at a width in our own units; the drag
        // must still cross one.
        let wrap = if d.wrap > 0.0 { 400.0 } else { 0.0 };
        let lines = lay_out(&d.text, d.dir, wrap);
        let got = drag(&lines, d.press, d.release);
        if got != Some(d.pango) {
            let slice = |r: CharRange| {
                d.text
                    .chars()
                    .skip(r.start.0)
                    .take(r.len())
                    .collect::<String>()
            };
            failures.push(format!(
                "{}\n  pango: «{}»  strata: «{}»",
                d.text,
                slice(d.pango),
                got.map(slice).unwrap_or_default()
            ));
        }
        if d.wrap > 0.0 {
            let row = |i: usize| point(&lines, i, 0.5).map(|p| p.0);
            assert_ne!(
                row(d.intended.start.0),
                row(d.intended.end.0 - 1),
                "crosses a row"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} drags differ:\n{}",
        failures.len(),
        drags.len(),
        failures.join("\n")
    );
}

/// Grapheme clusters of a line that have a glyph: (start, end) char indices.
fn clusters(lines: &[LineLayout]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = lines
        .iter()
        .flat_map(|l| l.pieces.iter().flat_map(|p| p.glyphs()))
        .filter(|g| g.right > g.left)
        .map(|g| (g.cluster.start.0, g.cluster.end.0))
        .collect();
    out.sort();
    out
}

fn check_every_span(text: &str, dir: Option<bool>, wrap: f32, failures: &mut Vec<String>) -> usize {
    let lines = lay_out(text, dir, wrap);
    let glyphs = clusters(&lines);
    let rtl_of = |i: usize| {
        lines
            .iter()
            .find_map(|l| l.glyph(CharPos(i)))
            .is_some_and(|g| g.rtl)
    };
    let mut tried = 0;
    for (ai, &(a, _)) in glyphs.iter().enumerate() {
        for &(last, b) in &glyphs[ai..] {
            tried += 1;
            // 25% into the first glyph from its leading side, 25% into the
            // last from its trailing side; then the other way round.
            let lead = if rtl_of(a) { 0.75 } else { 0.25 };
            let trail = if rtl_of(last) { 0.25 } else { 0.75 };
            let want = CharRange::new(a, b);
            for (p, r) in [((a, lead), (last, trail)), ((last, trail), (a, lead))] {
                let got = drag(&lines, p, r);
                if got != Some(want) && failures.len() < 20 {
                    failures.push(format!("{text}: {want} gave {got:?}"));
                }
            }
            // The highlight covers exactly the glyphs that will be coded.
            for &(c, c_end) in &glyphs {
                let Some((row, x)) = point(&lines, c, 0.5) else {
                    continue;
                };
                let lit = lines[row]
                    .spans(want)
                    .iter()
                    .any(|(l, r)| *l <= x && x <= *r);
                let inside = a <= c && c_end <= b;
                if lit != inside && failures.len() < 20 {
                    failures.push(format!("{text}: {want}: char {c} lit={lit}"));
                }
            }
        }
    }
    tried
}

#[test]
fn a_drag_over_any_span_of_the_fribidi_lines_selects_exactly_it() {
    let mut failures = Vec::new();
    let mut tried = 0;
    let cases = super::bidi::cases();
    assert!(cases.len() >= 47, "{}", cases.len());
    for (dir, line, _) in &cases {
        tried += check_every_span(line, *dir, 0.0, &mut failures);
        // And wrapped into rows, so spans cross row breaks.
        tried += check_every_span(line, *dir, 120.0, &mut failures);
    }
    assert!(tried > 10_000, "{tried}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn beyond_a_line_end_is_that_visual_end() {
    let text = "ما از Instagram استفاده می‌کنیم";
    let l = &lay_out(text, Some(true), 0.0)[0];
    assert_eq!(
        l.hit(-5.0),
        CharPos(text.chars().count()),
        "left of an RTL line: its end"
    );
    assert_eq!(l.hit(l.width + 5.0), CharPos(0), "right of it: its start");
    let text = "We met the شورای شهر members";
    let l = &lay_out(text, Some(false), 0.0)[0];
    assert_eq!(l.hit(-5.0), CharPos(0));
    assert_eq!(l.hit(l.width + 5.0), CharPos(text.chars().count()));
}

#[test]
fn a_double_click_word_keeps_zwnj_words_whole() {
    let text = "ما هر روز به صفحهٔ شهرداری سر می‌زنیم.";
    let i = text[..text.find("زنیم").expect("word")].chars().count();
    let w = strata::text::word_at(text, i + 2);
    let word: String = text.chars().skip(w.start).take(w.len()).collect();
    assert_eq!(word, "می‌زنیم");
    let text = "حدود 12.5% از کاربران";
    let w = strata::text::word_at(text, 6);
    assert_eq!(
        text.chars().skip(w.start).take(w.len()).collect::<String>(),
        "12.5"
    );
}

/// A drag from exactly one visual edge of a span shown as one rectangle to
/// exactly its other edge selects that span: a pointer on the boundary
/// between two glyphs takes the one outside the drag.
fn check_edge_drags(text: &str, dir: Option<bool>, failures: &mut Vec<String>) -> usize {
    let lines = lay_out(text, dir, 0.0);
    let l = &lines[0];
    let glyphs = clusters(&lines);
    let mut tried = 0;
    for (ai, &(a, _)) in glyphs.iter().enumerate() {
        for &(_, b) in &glyphs[ai..] {
            let want = CharRange::new(a, b);
            let rects = l.spans(want);
            let [(left, right)] = rects.as_slice() else {
                continue;
            };
            // Only spans whose ends sit at their visual edges: a span may be
            // one rectangle whose logical ends are inside it (the RTL word
            // at the start of an English line), and no drag reaches those.
            let at = |pos: usize, x: f32| {
                l.pieces.iter().flat_map(|p| p.glyphs()).any(|g| {
                    let (le, re) = if g.rtl {
                        (g.cluster.end.0, g.cluster.start.0)
                    } else {
                        (g.cluster.start.0, g.cluster.end.0)
                    };
                    (le == pos && (g.left - x).abs() < 0.01)
                        || (re == pos && (g.right - x).abs() < 0.01)
                })
            };
            let fits = (at(a, *left) && at(b, *right)) || (at(b, *left) && at(a, *right));
            if !fits {
                continue;
            }
            tried += 1;
            for (p, r) in [(*left, *right), (*right, *left)] {
                let (x, y) = l.drag_ends(p, r);
                let got = CharRange::new(x.min(y).0, x.max(y).0);
                if got != want && failures.len() < 20 {
                    failures.push(format!("{text}: {want} from {p} to {r} gave {got}"));
                }
            }
        }
    }
    tried
}

#[test]
fn a_drag_from_edge_to_edge_selects_what_lies_between() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for (dir, line, _) in &super::bidi::cases() {
        tried += check_edge_drags(line, *dir, &mut failures);
    }
    for d in pango_drags() {
        tried += check_edge_drags(&d.text, d.dir, &mut failures);
    }
    assert!(tried > 5_000, "{tried}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_press_that_does_not_move_sideways_selects_nothing() {
    // A long press, or a drag straight down within the row, at the right
    // edge of a Latin word in a Persian line.
    let text = "ما در Instagram صفحه داریم.";
    let l = &lay_out(text, Some(true), 0.0)[0];
    let i = text[..text.find("Instagram").expect("word")]
        .chars()
        .count();
    let m = l.glyph(CharPos(i + "Instagram".len() - 1)).expect("m");
    for x in [m.right, m.left, (m.left + m.right) / 2.0] {
        let (a, b) = l.drag_ends(x, x);
        assert_eq!(a, b, "at {x}");
    }
}
