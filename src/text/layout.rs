//! Break a paragraph into lines (in logical order, at a given width), then
//! lay out each line visually as pieces that a painter draws left to right.
//!
//! A piece is a word, space or symbol of one direction. egui shapes each
//! piece itself (joined Arabic letters come out right inside one word); we
//! do the bidi reordering between pieces, which egui 0.37 does not. Each
//! piece keeps the x of every char boundary, so clicks map back to logical
//! char indices and logical ranges map to (possibly several) visual rects.

use super::bidi::mirror;
use crate::base::{CharPos, CharRange};
use std::ops::Range;
use unicode_bidi::{BidiInfo, Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// Logical char range within the paragraph.
    pub chars: CharRange,
    /// Text to draw (logical order; brackets mirrored in RTL pieces).
    pub text: String,
    pub rtl: bool,
    /// Left edge relative to the line's left edge.
    pub x: f32,
    pub width: f32,
    /// x of each logical char boundary (`chars.len() + 1` entries), relative
    /// to the line's left edge.
    pub edges: Vec<f32>,
    /// The grapheme boundaries among those, relative to `chars.start`
    /// (`0` first, `chars.len()` last): a pointer lands on a whole cluster.
    pub stops: Vec<usize>,
}

/// What a pointer lands on, as pango's `xy_to_index` says it: the grapheme
/// cluster whose glyph is under it, and whether it is in the glyph's trailing
/// half (the right half of a left-to-right glyph, the left half of a
/// right-to-left one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub cluster: CharRange,
    pub trailing: bool,
}

impl Hit {
    /// The caret position the hit stands for.
    pub fn pos(&self) -> CharPos {
        if self.trailing {
            self.cluster.end
        } else {
            self.cluster.start
        }
    }
}

/// A cluster's glyph on a line: its visual extent and direction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub cluster: CharRange,
    pub left: f32,
    pub right: f32,
    pub rtl: bool,
}

/// What a drag's span should do with a glyph beside one of its ends.
#[derive(Clone, Copy, Debug)]
enum Wants {
    In(CharRange),
    Out(CharRange),
}

impl Wants {
    fn holds(&self, range: CharRange) -> bool {
        match *self {
            Wants::In(c) => range.start <= c.start && c.end <= range.end,
            Wants::Out(c) => c.end <= range.start || range.end <= c.start,
        }
    }
}

impl Piece {
    /// The clusters of this piece with their extents, in logical order.
    pub fn glyphs(&self) -> impl Iterator<Item = Glyph> + '_ {
        self.stops.windows(2).map(move |w| {
            let (a, b) = (self.edges[w[0]], self.edges[w[1]]);
            Glyph {
                cluster: CharRange::new(self.chars.start.0 + w[0], self.chars.start.0 + w[1]),
                left: a.min(b),
                right: a.max(b),
                rtl: self.rtl,
            }
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineLayout {
    /// Logical char range within the paragraph (including trailing spaces).
    pub chars: CharRange,
    /// In visual order, left to right.
    pub pieces: Vec<Piece>,
    pub width: f32,
    /// The paragraph direction (RTL lines are right-aligned).
    pub rtl: bool,
}

impl LineLayout {
    /// The caret position for a pointer at `x` (relative to the line's left
    /// edge). Where two runs meet, two logical positions share one x; the
    /// glyph under the pointer and the half of it that was hit decide
    /// between them, as in pango and browsers, so every position is reachable.
    /// Beyond either end: that visual end of the line, as pango does (the
    /// logical end of the line on the left of a right-to-left line).
    pub fn hit(&self, x: f32) -> CharPos {
        if self.pieces.is_empty() {
            return self.chars.start;
        }
        if x < 0.0 {
            return if self.rtl {
                self.chars.end
            } else {
                self.chars.start
            };
        }
        if x >= self.width {
            return if self.rtl {
                self.chars.start
            } else {
                self.chars.end
            };
        }
        self.hit_glyph(x).map_or(self.chars.start, |h| h.pos())
    }

    /// The two ends of a drag from `press` to `release` on this line, as
    /// caret positions. Each end is `hit`, except that a pointer on the very
    /// boundary between two glyphs (within half a pixel) could mean either
    /// glyph's edge; there the pair is chosen whose span takes in the glyph
    /// on the drag's side of the boundary and leaves out the one beyond it.
    /// So dragging from the edge of `Instagram` in a Persian line to its
    /// other edge selects the word, not nothing. Elsewhere this is pango's
    /// choice, and so it is where nothing better can be said.
    pub fn drag_ends(&self, press: f32, release: f32) -> (CharPos, CharPos) {
        // No sideways movement (a long press, a drag straight down in the
        // row): nothing lies between the ends, so there is nothing to weigh.
        if (press - release).abs() < 0.5 {
            return (self.hit(press), self.hit(release));
        }
        // Never empty: each starts with pango's own choice.
        let a = self.candidates(press, release);
        let b = self.candidates(release, press);
        let mut best = (a[0].0, b[0].0);
        let mut best_score = None;
        for (p, pc) in &a {
            for (r, rc) in &b {
                let range = CharRange::new(p.0.min(r.0), p.0.max(r.0));
                let score = pc.iter().chain(rc).filter(|c| c.holds(range)).count();
                if best_score.is_none_or(|s| score > s) {
                    best = (*p, *r);
                    best_score = Some(score);
                }
            }
        }
        best
    }

    /// The caret positions a pointer at `x` may mean (pango's first), each
    /// with what must hold for it to be the right one.
    fn candidates(&self, x: f32, other: f32) -> Vec<(CharPos, Vec<Wants>)> {
        const TIE: f32 = 0.5;
        let glyphs = || {
            self.pieces
                .iter()
                .flat_map(|p| p.glyphs())
                .filter(|g| g.right > g.left)
        };
        let left = glyphs().find(|g| (g.right - x).abs() < TIE);
        // (A glyph narrower than a pixel could be both: it is the left one.)
        let right = glyphs()
            .find(|g| (g.left - x).abs() < TIE && Some(g.cluster) != left.map(|l| l.cluster));
        if left.is_none() && right.is_none() {
            return vec![(self.hit(x), Vec::new())];
        }
        // The glyph toward the other end is inside the drag, the other (if
        // any: at a line's end there is none) outside it.
        let (inside, outside) = if other > x {
            (right, left)
        } else {
            (left, right)
        };
        let wants: Vec<Wants> = inside
            .map(|g| Wants::In(g.cluster))
            .into_iter()
            .chain(outside.map(|g| Wants::Out(g.cluster)))
            .collect();
        let right_edge = |g: Glyph| {
            if g.rtl {
                g.cluster.start
            } else {
                g.cluster.end
            }
        };
        let left_edge = |g: Glyph| {
            if g.rtl {
                g.cluster.end
            } else {
                g.cluster.start
            }
        };
        let mut out = vec![(self.hit(x), wants.clone())];
        out.extend(left.map(|g| (right_edge(g), wants.clone())));
        out.extend(right.map(|g| (left_edge(g), wants.clone())));
        out
    }

    /// The cluster under `x` and which half of it was hit; None off the line.
    pub fn hit_glyph(&self, x: f32) -> Option<Hit> {
        if x < 0.0 || x >= self.width {
            return None;
        }
        // The glyph containing x, or (in a rounding gap) the nearest one.
        let mut best: Option<(f32, Glyph)> = None;
        for g in self.pieces.iter().flat_map(|p| p.glyphs()) {
            if g.right <= g.left {
                continue; // no ink and no advance: nothing to point at
            }
            let d = if x < g.left {
                g.left - x
            } else if x >= g.right {
                x - g.right + f32::EPSILON
            } else {
                0.0
            };
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, g));
            }
            if d == 0.0 {
                break;
            }
        }
        let (_, g) = best?;
        let right_half = x >= (g.left + g.right) / 2.0;
        Some(Hit {
            cluster: g.cluster,
            trailing: right_half != g.rtl,
        })
    }

    /// The glyph of the cluster holding logical char `i`, if it is on this line.
    pub fn glyph(&self, i: CharPos) -> Option<Glyph> {
        self.pieces
            .iter()
            .filter(|p| p.chars.start <= i && i < p.chars.end)
            .flat_map(|p| p.glyphs())
            .find(|g| g.cluster.start <= i && i < g.cluster.end)
    }

    /// The x spans (left, right) covered by a logical char range. A range that
    /// is split by reordering gives several spans.
    pub fn spans(&self, range: CharRange) -> Vec<(f32, f32)> {
        let mut spans: Vec<(f32, f32)> = Vec::new();
        for p in &self.pieces {
            let lo = range.start.max(p.chars.start);
            let hi = range.end.min(p.chars.end);
            if lo >= hi {
                continue;
            }
            let a = p.edges[lo.relative_to(p.chars.start).0];
            let b = p.edges[hi.relative_to(p.chars.start).0];
            spans.push((a.min(b), a.max(b)));
        }
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f32, f32)> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.0 <= last.1 + 0.5 => last.1 = last.1.max(s.1),
                _ => merged.push(s),
            }
        }
        merged
    }

    /// x of the boundary before logical char `i`, if it is on this line.
    pub fn x_of(&self, i: CharPos) -> Option<f32> {
        self.pieces
            .iter()
            .find(|p| p.chars.start <= i && i <= p.chars.end)
            .map(|p| p.edges[i.relative_to(p.chars.start).0])
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{200C}' | '\u{200D}' | '\'' | '_')
        || unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

/// Lay out one paragraph (no newline) for `max_width`. `rtl` forces the
/// paragraph direction (None: first strong). `measure` gives the width of a
/// string as drawn in one piece.
pub fn layout_paragraph(
    text: &str,
    rtl: Option<bool>,
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<LineLayout> {
    let lines = break_paragraph(text, max_width, measure);
    layout_lines(text, rtl, &lines, measure)
}

/// Grapheme id of each char: a cluster is never split.
fn clusters(text: &str) -> Vec<usize> {
    let mut cluster = Vec::with_capacity(text.len());
    for (g, s) in text.graphemes(true).enumerate() {
        cluster.extend(std::iter::repeat_n(g, s.chars().count()));
    }
    cluster
}

/// Only the line breaks of a paragraph: the logical char range of each
/// visual line. Cheap (word widths only), so a long document can know its
/// height while only its visible lines are fully laid out.
pub fn break_paragraph(
    text: &str,
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<CharRange> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.is_empty() {
        // An empty paragraph still takes one (empty) line.
        return vec![CharRange::new(0, 0)];
    }
    break_lines(text, &chars, &clusters(text), max_width, measure)
        .into_iter()
        .map(|r| CharRange::new(r.start, r.end))
        .collect()
}

/// Lay out the given lines (from `break_paragraph`) of a paragraph.
pub fn layout_lines(
    text: &str,
    rtl: Option<bool>,
    lines: &[CharRange],
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<LineLayout> {
    let default = rtl.map(|r| if r { Level::rtl() } else { Level::ltr() });
    let info = ParagraphBidiInfo::new(text, default);
    let para_rtl = info.paragraph_level.is_rtl();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.is_empty() {
        return vec![LineLayout {
            chars: CharRange::new(0, 0),
            pieces: Vec::new(),
            width: 0.0,
            rtl: para_rtl,
        }];
    }
    let cluster = clusters(text);
    lines
        .iter()
        .map(|r| {
            layout_line(
                &info,
                text,
                &chars,
                &cluster,
                r.indices(),
                para_rtl,
                measure,
            )
        })
        .collect()
}

/// Greedy breaking after white space; an over-long word breaks between
/// graphemes. Plain index ranges inside this module, for the slicing.
fn break_lines(
    text: &str,
    chars: &[(usize, char)],
    cluster: &[usize],
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<Range<usize>> {
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    // Units: a word with the white space after it.
    let mut units = Vec::new();
    let mut start = 0;
    for i in 1..=chars.len() {
        let boundary =
            i == chars.len() || (chars[i - 1].1.is_whitespace() && !chars[i].1.is_whitespace());
        if boundary {
            units.push(start..i);
            start = i;
        }
    }
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut width = 0.0;
    for u in units {
        let word_end = (u.start..u.end)
            .rev()
            .find(|&i| !chars[i].1.is_whitespace())
            .map_or(u.start, |i| i + 1);
        let w = measure(&text[byte(u.start)..byte(word_end)]);
        let full = measure(&text[byte(u.start)..byte(u.end)]);
        if width + w <= max_width || u.start == line_start && w <= max_width {
            width += full;
            continue;
        }
        if u.start > line_start {
            lines.push(line_start..u.start);
            line_start = u.start;
        }
        if w <= max_width {
            width = full;
            continue;
        }
        // A word wider than the line: cut it between grapheme clusters,
        // summing cluster widths (measuring ever longer prefixes would be
        // quadratic in a pasted URL or a line without spaces).
        let mut seg_start = u.start;
        let mut seg_w = 0.0;
        let mut i = u.start;
        while i < u.end {
            let mut j = i + 1;
            while j < u.end && cluster[j] == cluster[i] {
                j += 1;
            }
            let w = measure(&text[byte(i)..byte(j)]);
            if seg_w + w > max_width && i > seg_start {
                lines.push(seg_start..i);
                seg_start = i;
                seg_w = 0.0;
            }
            seg_w += w;
            i = j;
        }
        line_start = seg_start;
        width = seg_w + measure(&text[byte(word_end.max(seg_start))..byte(u.end)]);
    }
    lines.push(line_start..chars.len());
    lines
}

fn layout_line(
    info: &ParagraphBidiInfo,
    text: &str,
    chars: &[(usize, char)],
    cluster: &[usize],
    range: Range<usize>,
    para_rtl: bool,
    measure: &mut dyn FnMut(&str) -> f32,
) -> LineLayout {
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let levels = info.reordered_levels_per_char(byte(range.start)..byte(range.end));
    let line_levels: Vec<Level> = levels[range.clone()].to_vec();
    let order = BidiInfo::reorder_visual(&line_levels);
    // Group visual positions into pieces.
    let mut groups: Vec<(Range<usize>, bool)> = Vec::new();
    for &v in &order {
        let i = range.start + v;
        let rtl = line_levels[v].is_rtl();
        if let Some((g, grtl)) = groups.last_mut() {
            let last = if *grtl { g.start } else { g.end - 1 };
            let contiguous = if rtl { i + 1 == g.start } else { i == g.end };
            let same_cluster = cluster[last] == cluster[i];
            let joinable = is_word_char(chars[last].1) && is_word_char(chars[i].1);
            if *grtl == rtl
                && contiguous
                && line_levels[v] == levels[last]
                && (same_cluster || joinable)
            {
                if rtl {
                    g.start = i;
                } else {
                    g.end = i + 1;
                }
                continue;
            }
        }
        groups.push((i..i + 1, rtl));
    }
    let mut x = 0.0;
    let mut pieces = Vec::with_capacity(groups.len());
    for (g, rtl) in groups {
        let logical = &text[byte(g.start)..byte(g.end)];
        let shown: String = if rtl {
            logical.chars().map(mirror).collect()
        } else {
            logical.to_string()
        };
        let width = measure(&shown);
        let mut edges = Vec::with_capacity(g.len() + 1);
        let stops: Vec<usize> = (0..=g.len())
            .filter(|&k| k == 0 || k == g.len() || cluster[g.start + k] != cluster[g.start + k - 1])
            .collect();
        let mut prev_w = 0.0f32;
        for k in 0..=g.len() {
            let prefix_w = match k {
                0 => 0.0,
                k if k == g.len() => width,
                k => measure(&text[byte(g.start)..byte(g.start + k)]),
            };
            // Prefixes of joined script shape differently from the whole
            // word: keep the edges inside the piece and in logical order.
            let prefix_w = prefix_w.clamp(prev_w, width.max(prev_w));
            prev_w = prefix_w;
            edges.push(if rtl {
                x + width - prefix_w
            } else {
                x + prefix_w
            });
        }
        pieces.push(Piece {
            chars: CharRange::new(g.start, g.end),
            text: shown,
            rtl,
            x,
            width,
            edges,
            stops,
        });
        x += width;
    }
    LineLayout {
        chars: CharRange::new(range.start, range.end),
        pieces,
        width: x,
        rtl: para_rtl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn ltr_breaks_at_spaces() {
        let lines = layout_paragraph("aaa bbb ccc", Some(false), 7.0, &mut unit);
        let ranges: Vec<_> = lines.iter().map(|l| l.chars.indices()).collect();
        assert_eq!(ranges, vec![0..8, 8..11]);
    }

    #[test]
    fn rtl_words_are_reversed_and_hit_maps_back() {
        // Two Persian words: «سلام دنیا». Visually the first word is on the right.
        let text = "سلام دنیا";
        let lines = layout_paragraph(text, Some(true), 100.0, &mut unit);
        assert_eq!(lines.len(), 1);
        let l = &lines[0];
        assert_eq!(l.pieces.first().map(|p| p.text.as_str()), Some("دنیا"));
        assert_eq!(l.pieces.last().map(|p| p.text.as_str()), Some("سلام"));
        // The right edge is the logical start; the left edge the logical end.
        assert_eq!(l.hit(l.width), CharPos(0));
        assert_eq!(l.hit(0.0), CharPos(9));
    }

    #[test]
    fn mixed_range_splits_into_two_rects() {
        // «من Strata را دوست دارم»: select «من Str» (logical 0..6).
        let text = "من Strata را دوست دارم";
        let l = &layout_paragraph(text, Some(true), 100.0, &mut unit)[0];
        let spans = l.spans(CharRange::new(0, 6));
        assert_eq!(spans.len(), 2, "{spans:?}");
    }

    #[test]
    fn brackets_are_mirrored_in_rtl() {
        let l = &layout_paragraph("(سلام)", Some(true), 100.0, &mut unit)[0];
        let shown: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(shown, "(سلام)");
        assert!(l.pieces.iter().all(|p| p.rtl));
    }

    #[test]
    fn emoji_zwj_sequence_stays_whole() {
        let text = "سلام 👨‍👩‍👧 دنیا";
        let l = &layout_paragraph(text, Some(true), 100.0, &mut unit)[0];
        assert!(l.pieces.iter().any(|p| p.text == "👨‍👩‍👧"));
    }

    #[test]
    fn a_very_long_line_without_spaces_is_cut_evenly() {
        let text = "ب".repeat(5000);
        let lines = layout_paragraph(&text, Some(true), 100.0, &mut unit);
        assert_eq!(lines.len(), 50);
        assert!(lines.iter().all(|l| l.chars.len() == 100));
    }

    #[test]
    fn long_word_is_cut() {
        let lines = layout_paragraph("abcdefghij", Some(false), 4.0, &mut unit);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].chars, CharRange::new(0, 4));
    }
}
