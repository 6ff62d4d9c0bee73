//! The document browser's layout, cached per document, width and font size.
//! Every hard line of a document is broken into visual lines up front (word
//! widths only, so the height is known); the full bidi layout of a line is
//! made only when it is first visible. Stripe lanes are cached per coding
//! generation. A right-to-left paragraph is measured and drawn in the
//! Vazirmatn family, a left-to-right one in egui's proportional font.

use crate::model::*;
use crate::text::{LineLayout, break_paragraph, layout_lines};
use egui::{FontFamily, FontId, Galley};
use std::collections::HashMap;
use std::sync::Arc;

/// One hard line (paragraph) of the document.
pub struct Para {
    /// Where the paragraph's first char is in the document.
    pub start: CharPos,
    /// Logical char range of each visual line, within the paragraph.
    breaks: Vec<CharRange>,
    /// The laid-out lines; empty until the paragraph is first visible.
    pub lines: Vec<LineLayout>,
    /// Top, relative to the content's top.
    pub top: f32,
    /// Measured and drawn in this font (family by the paragraph's direction).
    pub font: FontId,
}

#[derive(Clone, Debug)]
pub struct Stripe {
    pub coding: CodingId,
    pub code: CodeId,
    pub lane: usize,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Default)]
pub struct LayoutCache {
    /// Document, width, font size, direction in effect, and a hash of the
    /// speaker pattern (lines' directions are read after their labels).
    key: Option<(DocId, u32, u32, Direction, u64)>,
    pub paras: Vec<Para>,
    pub row_height: f32,
    pub total_height: f32,
    stripes_key: Option<(DocId, u64, Vec<CoderId>)>,
    pub stripes: Vec<Stripe>,
    pub lanes: usize,
    /// Where the text column was last drawn: (left x, top y, width).
    pub origin: Option<(f32, f32, f32)>,
    /// Layouts made (see `layouts`).
    layouts: u64,
    /// Shaped pieces, shared by measuring and painting, per font family:
    /// the same text in two fonts is two galleys.
    galleys: Galleys,
}

type Galleys = HashMap<FontFamily, HashMap<String, Arc<Galley>>>;

pub const PARA_GAP: f32 = 6.0;

/// Width of `s` as egui shapes it, keeping the galley for painting.
fn measure(
    galleys: &mut Galleys,
    fonts: &mut egui::epaint::text::FontsView<'_>,
    font: &FontId,
    s: &str,
) -> f32 {
    let galleys = galleys.entry(font.family.clone()).or_default();
    if let Some(g) = galleys.get(s) {
        return g.size().x;
    }
    let g = super::fonts::galley(fonts, font, s);
    let w = g.size().x;
    galleys.insert(s.to_string(), g);
    w
}

impl LayoutCache {
    /// Make sure the layout is for this document, width and font.
    pub fn ensure(
        &mut self,
        fonts: &mut egui::epaint::text::FontsView<'_>,
        (doc, project): (&Document, Direction),
        width: f32,
        font: &FontId,
    ) {
        // The direction in effect: the document's, else its project's.
        let direction = doc.direction.or(project);
        let pattern = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            doc.speaker_pattern().hash(&mut h);
            h.finish()
        };
        let key = (
            doc.id,
            width.round() as u32,
            font.size.to_bits(),
            direction,
            pattern,
        );
        if self.key == Some(key) {
            return;
        }
        self.layouts += 1;
        if self.key.map(|k| k.2) != Some(key.2) {
            self.galleys.clear();
        }
        self.key = Some(key);
        self.row_height = fonts.row_height(font) * 1.45;
        let galleys = &mut self.galleys;
        self.paras.clear();
        let mut top = 0.0;
        let mut start = 0;
        let fonts_by_rtl = [false, true].map(|rtl| super::fonts::paragraph_font(font.size, rtl));
        for (i, line) in doc.text().split('\n').enumerate() {
            let font = fonts_by_rtl[usize::from(doc.line_is_rtl_in(i + 1, direction))].clone();
            let mut measure = |s: &str| measure(galleys, fonts, &font, s);
            let breaks = break_paragraph(line, width.max(40.0), &mut measure);
            let h = breaks.len() as f32 * self.row_height;
            self.paras.push(Para {
                start: CharPos(start),
                breaks,
                lines: Vec::new(),
                top,
                font,
            });
            top += h + PARA_GAP;
            start += line.chars().count() + 1;
        }
        self.total_height = top;
    }

    /// Lay out the paragraphs `range` (those on screen) if not yet done.
    pub fn ensure_lines(
        &mut self,
        fonts: &mut egui::epaint::text::FontsView<'_>,
        doc: &Document,
        range: std::ops::Range<usize>,
    ) {
        let galleys = &mut self.galleys;
        let end = range.end.min(self.paras.len());
        let start = range.start.min(end);
        for (i, para) in self.paras[start..end].iter_mut().enumerate() {
            if !para.lines.is_empty() {
                continue;
            }
            let line = start + i + 1;
            let font = &para.font;
            let mut measure = |s: &str| measure(galleys, fonts, font, s);
            para.lines = layout_lines(
                doc.line_text(line),
                Some(doc.line_is_rtl_in(line, self.key.map_or(Direction::Auto, |k| k.3))),
                &para.breaks,
                &mut measure,
            );
            let vazirmatn = font.family == super::fonts::vazirmatn();
            for piece in para.lines.iter_mut().flat_map(|l| l.pieces.iter_mut()) {
                piece.text = if vazirmatn {
                    super::shaping::vazirmatn_piece_string(&piece.text, piece.rtl)
                } else {
                    super::shaping::piece_string(&piece.text, piece.rtl)
                };
            }
        }
    }

    /// Paragraphs that intersect content y range `y0..y1`.
    pub fn paras_in(&self, y0: f32, y1: f32) -> std::ops::Range<usize> {
        let a = self.para_at(y0);
        let b = self.para_at(y1) + 1;
        a..b.min(self.paras.len())
    }

    /// The shaped piece measured during layout in `font`'s family, if any.
    pub fn shaped(&self, font: &FontId, s: &str) -> Option<Arc<Galley>> {
        self.galleys.get(&font.family)?.get(s).cloned()
    }

    /// Forget everything (fonts or document text changed).
    pub fn invalidate(&mut self) {
        self.key = None;
        self.stripes_key = None;
        self.galleys.clear();
    }

    /// How many layouts this cache has made: a point on screen means the
    /// same text only within one.
    pub fn layouts(&self) -> u64 {
        self.layouts
    }

    pub fn para_height(&self, i: usize) -> f32 {
        self.paras
            .get(i)
            .map_or(0.0, |p| p.breaks.len() as f32 * self.row_height)
    }

    /// Index of the paragraph at content y.
    pub fn para_at(&self, y: f32) -> usize {
        match self.paras.binary_search_by(|p| p.top.total_cmp(&y)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The visual line at content y: paragraph index, the paragraph, the line.
    fn line_at(&self, y: f32) -> Option<(usize, &Para, &LineLayout)> {
        let i = self.para_at(y);
        let p = self.paras.get(i)?;
        let row = ((y - p.top) / self.row_height).floor().max(0.0) as usize;
        let line = p.lines.get(row.min(p.lines.len().saturating_sub(1)))?;
        Some((i, p, line))
    }

    /// The two ends of a drag between two content positions: on one visual
    /// line, chosen together (`LineLayout::drag_ends`); across lines, each
    /// end is `hit`.
    pub fn drag_ends(
        &self,
        press: (f32, f32),
        release: (f32, f32),
        text_width: f32,
    ) -> (CharPos, CharPos) {
        match (self.line_at(press.1), self.line_at(release.1)) {
            (Some((_, p, line)), Some((_, _, other))) if std::ptr::eq(line, other) => {
                let left = line_left(line, text_width);
                let (a, b) = line.drag_ends(press.0 - left, release.0 - left);
                (a.shifted(p.start), b.shifted(p.start))
            }
            _ => (
                self.hit(press.0, press.1, text_width),
                self.hit(release.0, release.1, text_width),
            ),
        }
    }

    /// The doc caret position for a content position (x from the text
    /// column's left edge): the glyph under the pointer and its half decide.
    pub fn hit(&self, x: f32, y: f32, text_width: f32) -> CharPos {
        let Some((_, p, line)) = self.line_at(y) else {
            return self
                .paras
                .get(self.para_at(y))
                .map_or(CharPos(0), |p| p.start);
        };
        line.hit(x - line_left(line, text_width)).shifted(p.start)
    }

    /// The hard line (1-based) and the doc cluster under a content position.
    pub fn cluster_hit(&self, x: f32, y: f32, text_width: f32) -> Option<(usize, CharRange)> {
        let (i, p, line) = self.line_at(y)?;
        let h = line.hit_glyph(x - line_left(line, text_width))?;
        Some((i + 1, h.cluster.shifted(p.start)))
    }

    /// The paragraph holding doc position `pos`, and `pos` within it.
    fn para_of(&self, pos: CharPos) -> Option<(&Para, CharPos)> {
        let i = self
            .paras
            .partition_point(|p| p.start <= pos)
            .checked_sub(1)?;
        let p = &self.paras[i];
        Some((p, pos.relative_to(p.start)))
    }

    /// Screen rect of the glyph of doc char `pos`, as last drawn.
    pub fn glyph_rect(&self, pos: CharPos) -> Option<egui::Rect> {
        let (x0, y0, w) = self.origin?;
        let (p, rel) = self.para_of(pos)?;
        p.lines.iter().enumerate().find_map(|(row, line)| {
            let g = line.glyph(rel)?;
            let left = x0 + line_left(line, w);
            let top = y0 + p.top + row as f32 * self.row_height;
            Some(egui::Rect::from_min_max(
                egui::pos2(left + g.left, top),
                egui::pos2(left + g.right, top + self.row_height),
            ))
        })
    }

    /// Screen position of a doc char boundary (middle of its row), as last drawn.
    pub fn screen_pos(&self, pos: CharPos) -> Option<egui::Pos2> {
        let (x0, y0, w) = self.origin?;
        let (p, rel) = self.para_of(pos)?;
        for (row, line) in p.lines.iter().enumerate() {
            if line.chars.start <= rel
                && rel <= line.chars.end
                && let Some(x) = line.x_of(rel)
            {
                let y = y0 + p.top + (row as f32 + 0.5) * self.row_height;
                return Some(egui::pos2(x0 + line_left(line, w) + x, y));
            }
        }
        None
    }

    /// Stripe lanes: overlapping codings get different lanes. Recomputed only
    /// when the codings change.
    /// `coders`: only these coders' codings (View ▸ Codings of, or a
    /// comparison), each coder's in lanes of their own, in this order,
    /// with an empty lane between; empty: everyone's, mixed.
    pub fn ensure_stripes(
        &mut self,
        p: &Project,
        doc: &Document,
        generation: u64,
        coders: &[CoderId],
    ) {
        if self
            .stripes_key
            .as_ref()
            .is_some_and(|(d, g, c)| *d == doc.id && *g == generation && c == coders)
        {
            return;
        }
        self.stripes_key = Some((doc.id, generation, coders.to_vec()));
        let group_of = |c: &Coding| -> Option<usize> {
            if coders.is_empty() {
                Some(0)
            } else {
                coders.iter().position(|x| *x == c.coder)
            }
        };
        let mut items: Vec<(usize, Stripe)> = p
            .codings_in(doc.id)
            .iter()
            .filter_map(|c| {
                let group = group_of(c)?;
                let (a, b) = doc.lines_of(c.range);
                Some((
                    group,
                    Stripe {
                        coding: c.id,
                        code: c.code,
                        lane: 0,
                        first_line: a,
                        last_line: b,
                    },
                ))
            })
            .collect();
        items.sort_by_key(|(g, s)| (*g, s.first_line, std::cmp::Reverse(s.last_line)));
        // Lanes are given out per group; a group starts one lane past the
        // last group's, so two coders' stripes stand apart.
        let (mut base, mut lane_end): (usize, Vec<usize>) = (0, Vec::new());
        let mut group = None;
        for (g, s) in &mut items {
            if group != Some(*g) {
                if group.is_some() {
                    base += lane_end.len() + 1;
                }
                group = Some(*g);
                lane_end.clear();
            }
            match lane_end.iter().position(|end| *end < s.first_line) {
                Some(l) => {
                    s.lane = base + l;
                    lane_end[l] = s.last_line;
                }
                None => {
                    s.lane = base + lane_end.len();
                    lane_end.push(s.last_line);
                }
            }
        }
        self.lanes = base + lane_end.len();
        let items: Vec<Stripe> = items.into_iter().map(|(_, s)| s).collect();
        self.stripes = items;
    }
}

/// Left edge of a visual line in the text column: RTL lines are right-aligned.
pub fn line_left(line: &LineLayout, text_width: f32) -> f32 {
    if line.rtl {
        (text_width - line.width).max(0.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod pango_breaks;
