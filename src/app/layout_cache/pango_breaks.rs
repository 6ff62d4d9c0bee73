//! The browser's row breaks against pango's, with Vazirmatn at 16 px.
//! `tests/fixtures/bidi/pango-breaks.tsv` is made once by
//! tools/pango-breaks/generate.sh (pango's own line breaking of the same
//! paragraphs at the same widths, unrounded glyph positions like egui's).
//! A test module: `expect` on the committed fixture is the test failing.

use super::LayoutCache;
use crate::model::{Direction, Document};
use egui::FontId;

struct Case {
    rtl: bool,
    width: f32,
    text: String,
    /// Logical char index where each row after the first starts.
    starts: Vec<usize>,
}

fn cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bidi/pango-breaks.tsv"
    );
    // A committed fixture, in a test: a missing or malformed one is a
    // broken checkout, and the test should stop there.
    let text = std::fs::read_to_string(path).expect("fixture");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{l}");
            Case {
                rtl: f[0] == "rtl",
                width: f[1].parse().expect("width"),
                text: f[2].to_string(),
                starts: f[3]
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().expect("index"))
                    .collect(),
            }
        })
        .collect()
}

/// Row starts as the browser breaks `text` at `width`, laid out through the
/// browser's own cache in a window's fonts.
fn browser_starts(ctx: &egui::Context, c: &Case) -> (Vec<usize>, egui::FontFamily) {
    let mut doc = Document::new("case", &c.text);
    doc.direction = if c.rtl {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    let mut cache = LayoutCache::default();
    let mut out = (Vec::new(), egui::FontFamily::Monospace);
    let mut frame = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.fonts_mut(|f| {
            cache.ensure(
                f,
                (&doc, Direction::Auto),
                c.width,
                &FontId::proportional(16.0),
            )
        });
        if let Some(p) = cache.paras.first() {
            out = (
                p.breaks.iter().skip(1).map(|r| r.start.0).collect(),
                p.font.family.clone(),
            );
        }
    });
    // Nothing is drawn: the font atlas upload is not wanted.
    frame.textures_delta.clear();
    out
}

#[test]
fn rows_break_where_pango_breaks_them() {
    let ctx = egui::Context::default();
    super::super::fonts::install(&ctx);
    let cases = cases();
    assert!(cases.len() >= 40, "{}", cases.len());
    let mut differ = Vec::new();
    let mut inside_words = Vec::new();
    let mut rows = (0, 0);
    for c in &cases {
        let (starts, family) = browser_starts(&ctx, c);
        let want_family = if c.rtl {
            super::super::fonts::vazirmatn()
        } else {
            egui::FontFamily::Proportional
        };
        assert_eq!(family, want_family, "{}", c.text);
        // pango breaks by UAX #14, which also allows a break inside a word,
        // e.g. after the '/' of a URL; Strata breaks only after white space
        // (text::break_paragraph), a rule of its own, not a font matter.
        let chars: Vec<char> = c.text.chars().collect();
        let mid_word = |&s: &usize| {
            !chars
                .get(s.wrapping_sub(1))
                .is_some_and(|c| c.is_whitespace())
        };
        if c.starts.iter().any(mid_word) {
            inside_words.push(format!("{} px, {}", c.width, c.text));
            continue;
        }
        rows.0 += c.starts.len();
        rows.1 += c.starts.iter().filter(|s| starts.contains(s)).count();
        if starts != c.starts {
            differ.push(format!(
                "{} px, {}: pango {:?}, strata {:?}",
                c.width, c.text, c.starts, starts
            ));
        }
    }
    let compared = cases.len() - inside_words.len();
    eprintln!(
        "pango breaks: {} of {compared} paragraphs alike, {} of {} row breaks; \
         left out, pango breaks inside a word: {inside_words:#?}",
        compared - differ.len(),
        rows.1,
        rows.0
    );
    assert!(compared >= 50, "{compared}");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
