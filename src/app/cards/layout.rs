//! Where cards go when the user has not put them anywhere, and the frames
//! of groups. Built once per project generation and scope: the codes of
//! the scope in tree order, the band of codes not yet grouped, and each
//! unplaced card's slot, laid out so that a group's codes sit inside its
//! frame and no two frames overlap.

#[cfg(test)]
use crate::model::Code;
use crate::model::{CodeId, Pos, Project};
use egui::{Rect, pos2, vec2};
use std::collections::{BTreeMap, BTreeSet};

/// A card's size, in canvas units.
pub const W: f32 = 170.0;
pub const H: f32 = 56.0;
pub const GAP: f32 = 14.0;
/// A group frame's title bar, and its margin around its cards.
pub const HEAD: f32 = 26.0;
pub const PAD: f32 = 10.0;
/// Cards per row in the band of ungrouped codes, and within a group.
const BAND_COLS: usize = 6;
const GROUP_COLS: usize = 3;

/// The codes of a scope and their default places.
pub struct Board {
    pub generation: u64,
    pub scope: Option<CodeId>,
    /// Codes without children (cards), in tree order.
    pub leaves: Vec<CodeId>,
    /// Codes with children (frames), parents before their children.
    pub groups: Vec<CodeId>,
    /// Level-1 codes at the top of the tree (the whole project only).
    pub ungrouped: BTreeSet<CodeId>,
    /// The centre of each card's slot, used until the card is placed.
    pub slots: BTreeMap<CodeId, Pos>,
    /// The band that holds the ungrouped codes' slots.
    pub band: Option<Rect>,
}

impl Board {
    pub fn build(p: &Project, scope: Option<CodeId>) -> Board {
        let walk: Vec<CodeId> = match scope {
            None => p.walk().into_iter().map(|(c, _)| c).collect(),
            Some(g) => p.subtree(g),
        };
        let has_children = |c: &CodeId| p.codes.get(c).is_some_and(|k| !k.children.is_empty());
        let leaves: Vec<CodeId> = walk.iter().copied().filter(|c| !has_children(c)).collect();
        let groups: Vec<CodeId> = walk.iter().copied().filter(has_children).collect();
        let ungrouped: BTreeSet<CodeId> = match scope {
            None => p.ungrouped_codes().into_iter().collect(),
            Some(_) => BTreeSet::new(),
        };
        let mut slots = BTreeMap::new();
        let mut top = 0.0;
        let mut band = None;
        if !ungrouped.is_empty() {
            let order: Vec<CodeId> = p
                .roots
                .iter()
                .copied()
                .filter(|c| ungrouped.contains(c))
                .collect();
            let size = grid(&order, BAND_COLS, pos2(PAD, HEAD + PAD), &mut slots);
            let rect =
                Rect::from_min_size(pos2(0.0, 0.0), size + vec2(2.0 * PAD, HEAD + 2.0 * PAD));
            top = rect.bottom() + 3.0 * GAP;
            band = Some(rect);
        }
        // The other top nodes of the scope, as blocks in shelves.
        let blocks: Vec<CodeId> = match scope {
            None => p
                .roots
                .iter()
                .copied()
                .filter(|c| !ungrouped.contains(c))
                .collect(),
            Some(g) => vec![g],
        };
        let max_w = BAND_COLS as f32 * (W + GAP);
        let sizes: Vec<egui::Vec2> = blocks.iter().map(|b| measure(p, *b, 0)).collect();
        for (b, at) in blocks.iter().zip(shelves(&sizes, max_w)) {
            place(p, *b, pos2(at.x, at.y + top), 0, &mut slots);
        }
        Board {
            generation: p.generation(),
            scope,
            leaves,
            groups,
            ungrouped,
            slots,
            band,
        }
    }

    /// Where a card's centre is: where the user put it, else its slot.
    pub fn centre(&self, p: &Project, id: CodeId) -> Pos {
        p.cards
            .get(&id)
            .or_else(|| self.slots.get(&id))
            .copied()
            .unwrap_or_default()
    }

    /// Every frame's rectangle, in canvas units, from where its codes' cards
    /// are now (`at`: a card's centre).
    pub fn frames(&self, p: &Project, at: impl Fn(CodeId) -> Pos) -> BTreeMap<CodeId, Rect> {
        let mut frames: BTreeMap<CodeId, Rect> = BTreeMap::new();
        // Children come after their parents in tree order: backwards, each
        // frame is built from finished ones.
        for g in self.groups.iter().rev() {
            let Some(code) = p.codes.get(g) else { continue };
            let mut r = Rect::NOTHING;
            for c in &code.children {
                match frames.get(c) {
                    Some(f) => r = r.union(*f),
                    None => r = r.union(card_rect(at(*c))),
                }
            }
            if r.is_positive() {
                let r = r.expand(PAD);
                frames.insert(*g, Rect::from_min_max(r.min - vec2(0.0, HEAD), r.max));
            }
        }
        frames
    }
}

/// A card's rectangle from its centre.
pub fn card_rect(c: Pos) -> Rect {
    Rect::from_center_size(pos2(c.x, c.y), vec2(W, H))
}

/// A frame's title bar.
pub fn head_rect(frame: Rect) -> Rect {
    Rect::from_min_size(frame.min, vec2(frame.width(), HEAD))
}

/// Cards in rows of `cols` from `origin`; returns the grid's size.
fn grid(
    ids: &[CodeId],
    cols: usize,
    origin: egui::Pos2,
    slots: &mut BTreeMap<CodeId, Pos>,
) -> egui::Vec2 {
    if ids.is_empty() {
        return egui::Vec2::ZERO;
    }
    let cols = cols.min(ids.len()).max(1);
    for (i, id) in ids.iter().enumerate() {
        let (row, col) = (i / cols, i % cols);
        let x = origin.x + col as f32 * (W + GAP) + W / 2.0;
        let y = origin.y + row as f32 * (H + GAP) + H / 2.0;
        slots.insert(*id, Pos::new(x, y));
    }
    let rows = ids.len().div_ceil(cols);
    vec2(cols as f32 * (W + GAP) - GAP, rows as f32 * (H + GAP) - GAP)
}

/// Blocks in rows no wider than `max_w` (a block wider than that alone on
/// its row): each block's top-left corner.
fn shelves(sizes: &[egui::Vec2], max_w: f32) -> Vec<egui::Pos2> {
    let (mut x, mut y, mut row_h) = (0.0_f32, 0.0_f32, 0.0_f32);
    let mut out = Vec::with_capacity(sizes.len());
    for s in sizes {
        if x > 0.0 && x + s.x > max_w {
            x = 0.0;
            y += row_h + GAP;
            row_h = 0.0;
        }
        out.push(pos2(x, y));
        x += s.x + GAP;
        row_h = row_h.max(s.y);
    }
    out
}

fn split(p: &Project, id: CodeId) -> (Vec<CodeId>, Vec<CodeId>) {
    let children = p.codes.get(&id).map_or(&[][..], |c| &c.children[..]);
    children
        .iter()
        .copied()
        .partition(|c| p.codes.get(c).is_some_and(|k| k.children.is_empty()))
}

/// The size of a code's block: a card, or a frame holding its cards in a
/// grid and its subgroups' blocks in shelves below them. `depth` stops a
/// damaged tree's cycle.
fn measure(p: &Project, id: CodeId, depth: usize) -> egui::Vec2 {
    let (leaves, groups) = split(p, id);
    if (leaves.is_empty() && groups.is_empty()) || depth > p.codes.len() {
        return vec2(W, H);
    }
    let mut scratch = BTreeMap::new();
    let g = grid(&leaves, GROUP_COLS, pos2(0.0, 0.0), &mut scratch);
    let sizes: Vec<egui::Vec2> = groups.iter().map(|c| measure(p, *c, depth + 1)).collect();
    let max_w = g.x.max(GROUP_COLS as f32 * (W + GAP) - GAP);
    let at = shelves(&sizes, max_w);
    let shelf = at
        .iter()
        .zip(&sizes)
        .fold(egui::Vec2::ZERO, |m, (a, s)| m.max(a.to_vec2() + *s));
    let between = if g.y > 0.0 && shelf.y > 0.0 { GAP } else { 0.0 };
    vec2(
        g.x.max(shelf.x) + 2.0 * PAD,
        HEAD + PAD + g.y + between + shelf.y + PAD,
    )
}

fn place(p: &Project, id: CodeId, at: egui::Pos2, depth: usize, slots: &mut BTreeMap<CodeId, Pos>) {
    let (leaves, groups) = split(p, id);
    if (leaves.is_empty() && groups.is_empty()) || depth > p.codes.len() {
        slots.insert(id, Pos::new(at.x + W / 2.0, at.y + H / 2.0));
        return;
    }
    let inner = at + vec2(PAD, HEAD + PAD);
    let g = grid(&leaves, GROUP_COLS, inner, slots);
    let sizes: Vec<egui::Vec2> = groups.iter().map(|c| measure(p, *c, depth + 1)).collect();
    let max_w = g.x.max(GROUP_COLS as f32 * (W + GAP) - GAP);
    let top = inner.y + if g.y > 0.0 { g.y + GAP } else { 0.0 };
    for (c, a) in groups.iter().zip(shelves(&sizes, max_w)) {
        place(p, *c, pos2(inner.x + a.x, top + a.y), depth + 1, slots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // `expect` here is on values the test itself made (the bundled demo,
    // its own layout), never on a file's or a user's data: a failure is
    // the test failing.

    /// The demo laid out: no card on another, every group's frame around
    /// its codes, no two sibling frames overlapping, and the ungrouped codes
    /// (a new one made at the top) in their band.
    #[test]
    fn the_demo_lays_out_without_overlaps() {
        let mut p = crate::demo::demo_project().expect("demo");
        let loose = Code::new("loose", "#888888");
        let loose_id = loose.id;
        p.codes.insert(loose_id, loose);
        p.roots.push(loose_id);
        p.touch();
        let b = Board::build(&p, None);
        let at = |c: CodeId| b.centre(&p, c);
        let cards: Vec<Rect> = b.leaves.iter().map(|c| card_rect(at(*c))).collect();
        assert_eq!(cards.len(), b.slots.len(), "every card has a slot");
        for (i, r) in cards.iter().enumerate() {
            for s in &cards[i + 1..] {
                assert!(!r.intersects(*s), "{r:?} on {s:?}");
            }
        }
        let frames = b.frames(&p, at);
        for g in &b.groups {
            let f = frames[g];
            let kids = &p.codes[g].children;
            for c in kids {
                let inner = frames.get(c).copied().unwrap_or_else(|| card_rect(at(*c)));
                assert!(f.contains_rect(inner));
            }
            let kid_frames: Vec<Rect> =
                kids.iter().filter_map(|c| frames.get(c)).copied().collect();
            for (i, r) in kid_frames.iter().enumerate() {
                for s in &kid_frames[i + 1..] {
                    assert!(!r.intersects(*s));
                }
            }
        }
        let band = b.band.expect("a band");
        assert!(b.ungrouped.contains(&loose_id));
        assert!(band.contains_rect(card_rect(at(loose_id))));
        for f in frames.values() {
            assert!(!f.intersects(band));
        }
    }
}
