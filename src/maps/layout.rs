//! Starter layouts of maps (a category with its subcategories and codes,
//! like the paper's Figures 2–4; conditions → strategies → consequences,
//! like Figure 5), what a node shows, how big its box is and how a link
//! runs between two boxes. Shared by the SVG figure and the GUI, so both
//! draw the same map the same way.

use crate::model::{CodeId, Link, Map, Node, NodeId, NodeKind, Pos, Project};

/// What a node shows, as the project is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The exact name (a code's, memo's title, document's) or the text
    /// box's text; empty for a missing node (see `deleted_text`).
    pub text: String,
    /// `#rrggbb` of a code; a fixed colour for memos, documents and text.
    pub color: String,
    /// A code's codings, its subtree's included.
    pub count: Option<usize>,
    /// The code (memo, document) is gone: the node is drawn greyed.
    pub missing: bool,
    /// A code's level (1 code, 2 subcategory, 3 category); 0 otherwise.
    pub level: usize,
}

pub const MEMO_COLOR: &str = "#d4a106";
pub const DOCUMENT_COLOR: &str = "#5b6b8c";
pub const TEXT_COLOR: &str = "#7a8a99";

/// The words on a node whose code was deleted.
pub fn deleted_text(persian: bool) -> &'static str {
    if persian {
        "کد حذف‌شده"
    } else {
        "deleted code"
    }
}

pub fn node_label(p: &Project, node: &Node) -> Label {
    let missing = |color: &str| Label {
        text: String::new(),
        color: color.into(),
        count: None,
        missing: true,
        level: 0,
    };
    match &node.kind {
        NodeKind::Code(id) => match p.codes.get(id) {
            Some(c) => Label {
                text: c.name.clone(),
                color: c.color.clone(),
                count: Some(p.index().total_count(*id)),
                missing: false,
                level: p.level_of(*id),
            },
            None => missing("#999999"),
        },
        NodeKind::Memo(id) => match p.memos.get(id) {
            Some(m) => Label {
                text: m.title.clone(),
                color: MEMO_COLOR.into(),
                count: None,
                missing: false,
                level: 0,
            },
            None => missing(MEMO_COLOR),
        },
        NodeKind::Document(id) => match p.document(*id) {
            Some(d) => Label {
                text: d.name.clone(),
                color: DOCUMENT_COLOR.into(),
                count: None,
                missing: false,
                level: 0,
            },
            None => missing(DOCUMENT_COLOR),
        },
        NodeKind::Text(t) => Label {
            text: t.clone(),
            color: TEXT_COLOR.into(),
            count: None,
            missing: false,
            level: 0,
        },
    }
}

/// Font size of a node's name, in canvas units.
pub const FONT: f32 = 13.0;
/// Height of one line of a name.
pub const LINE: f32 = 19.0;
/// Rough advance of one letter at `FONT` in Vazirmatn: joined Persian
/// letters are narrower than Latin ones.
const CHAR_W: f32 = 7.0;
const CHAR_W_RTL: f32 = 5.7;
const PAD_X: f32 = 14.0;
const PAD_Y: f32 = 9.0;
const MIN_W: f32 = 96.0;
/// A name longer than this (in letters) is set on more lines.
const WRAP: usize = 26;

/// A name as lines: split on spaces, at most three (a longer name gets
/// longer lines rather than a fourth). Each line but the last keeps its
/// trailing space, so the lines joined are the name exactly.
pub fn wrap(text: &str) -> Vec<String> {
    // Three lines need a third of the text each at least: start there, so
    // a long pasted text box takes a few tries, not thousands.
    let mut width = WRAP.max(text.chars().count() / 3);
    loop {
        let lines = wrap_at(text, width);
        if lines.len() <= 3 {
            return lines;
        }
        width += 6;
    }
}

fn wrap_at(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_inclusive(' ') {
        let fits = cur.trim_end().chars().count() + word.trim_end().chars().count() < width;
        if cur.is_empty() || fits {
            cur.push_str(word);
        } else {
            lines.push(std::mem::take(&mut cur));
            cur.push_str(word);
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The text a node's box holds (the deleted-code words for a missing one).
pub fn shown_text(label: &Label, persian: bool) -> String {
    if label.missing {
        deleted_text(persian).to_string()
    } else {
        label.text.clone()
    }
}

/// About how wide a line of a name is at `FONT`.
pub fn line_width(line: &str) -> f32 {
    line.chars()
        .map(|c| {
            if crate::text::is_rtl_char(c) {
                CHAR_W_RTL
            } else {
                CHAR_W
            }
        })
        .sum()
}

/// Width and height of a node's box.
pub fn node_size(label: &Label, persian: bool) -> (f32, f32) {
    let lines = wrap(&shown_text(label, persian));
    let longest = lines
        .iter()
        .map(|l| line_width(l.trim_end()))
        .fold(0.0, f32::max);
    let bold = if label.level >= 3 { 1.1 } else { 1.0 };
    let w = (longest * bold + 2.0 * PAD_X).max(MIN_W);
    let h = lines.len() as f32 * LINE + 2.0 * PAD_Y;
    (w.round(), h.round())
}

/// A node's box: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn around(c: Pos, (w, h): (f32, f32)) -> Self {
        Rect {
            x: c.x - w / 2.0,
            y: c.y - h / 2.0,
            w,
            h,
        }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn cx(&self) -> f32 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f32 {
        self.y + self.h / 2.0
    }
    /// Whether the segment a–b passes through this box.
    fn crossed_by(&self, a: Pos, b: Pos) -> bool {
        // Sampled: boxes are far larger than the step.
        (1..40).any(|i| {
            let t = i as f32 / 40.0;
            let (x, y) = (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            x > self.x && x < self.right() && y > self.y && y < self.bottom()
        })
    }
}

/// Where a straight line from the centre of `r` towards `to` leaves `r`.
fn edge_towards(r: &Rect, to: Pos) -> Pos {
    let (dx, dy) = (to.x - r.cx(), to.y - r.cy());
    if dx == 0.0 && dy == 0.0 {
        return Pos::new(r.cx(), r.cy());
    }
    let sx = if dx != 0.0 {
        (r.w / 2.0) / dx.abs()
    } else {
        f32::INFINITY
    };
    let sy = if dy != 0.0 {
        (r.h / 2.0) / dy.abs()
    } else {
        f32::INFINITY
    };
    let s = sx.min(sy);
    Pos::new(r.cx() + dx * s, r.cy() + dy * s)
}

/// Gap between a box and a bracket's spine.
const SPINE: f32 = 14.0;

/// The points a link from box `a` to box `b` runs through, its arrow at
/// the last. A box of a list lined up under another on the reading side
/// (the codes under their subcategory) is joined by a bracket on that side
/// (the right in Persian); a box below another, as in an organisation
/// chart (up, across, up) where that way is clear; anything else by a
/// straight line, edge to edge.
pub fn route(a: &Rect, b: &Rect, others: &[Rect], persian: bool) -> Vec<Pos> {
    let below = a.y >= b.bottom() + 8.0;
    // Lined up on the reading side under `b`, as one of a list under its
    // head (a box alone under another, as wide, is joined straight, below).
    let lined = |r: &Rect| {
        r.y >= b.bottom()
            && if persian {
                (r.right() - b.right()).abs() < 1.0
            } else {
                (r.x - b.x).abs() < 1.0
            }
    };
    if below && lined(a) && (others.iter().any(lined) || (a.w - b.w).abs() >= 1.0) {
        let (spine, a_side, b_side) = if persian {
            (a.right() + SPINE, a.right(), b.right())
        } else {
            (a.x - SPINE, a.x, b.x)
        };
        return vec![
            Pos::new(a_side, a.cy()),
            Pos::new(spine, a.cy()),
            Pos::new(spine, b.cy()),
            Pos::new(b_side, b.cy()),
        ];
    }
    if below {
        let mid = (a.y + b.bottom()) / 2.0;
        let chart = vec![
            Pos::new(a.cx(), a.y),
            Pos::new(a.cx(), mid),
            Pos::new(b.cx(), mid),
            Pos::new(b.cx(), b.bottom()),
        ];
        let clear = chart
            .windows(2)
            .all(|s| !others.iter().any(|o| o.crossed_by(s[0], s[1])));
        if clear {
            return chart;
        }
    }
    let (ca, cb) = (Pos::new(a.cx(), a.cy()), Pos::new(b.cx(), b.cy()));
    vec![edge_towards(a, cb), edge_towards(b, ca)]
}

/// Where a link's label goes: the middle of its longest segment.
pub fn label_point(points: &[Pos]) -> Pos {
    let best = points
        .windows(2)
        .max_by(|s, t| seg_len(s).total_cmp(&seg_len(t)));
    match best {
        Some(s) => Pos::new((s[0].x + s[1].x) / 2.0, (s[0].y + s[1].y) / 2.0),
        None => points.first().copied().unwrap_or_default(),
    }
}

fn seg_len(s: &[Pos]) -> f32 {
    (s[1].x - s[0].x).hypot(s[1].y - s[0].y)
}

/// Gaps of the starter layouts.
const ROW_GAP: f32 = 64.0;
const STACK_GAP: f32 = 14.0;
const COLUMN_GAP: f32 = 28.0;

fn code_node(id: CodeId, pos: Pos) -> Node {
    Node {
        id: NodeId::new(),
        kind: NodeKind::Code(id),
        pos,
    }
}

/// A column of the category layout: a child with its box's size, and its
/// own children with theirs.
type Column = (CodeId, (f32, f32), Vec<(CodeId, (f32, f32))>);

fn size_of(p: &Project, id: CodeId, persian: bool) -> (f32, f32) {
    node_size(&node_label(p, &code_node(id, Pos::default())), persian)
}

/// The starter map of a category (or subcategory): it at the top centre,
/// its children in a row below (the first on the reading side: the right
/// in Persian), each child's own children stacked under it; every child
/// linked to its parent. Named as the category. A code the project does
/// not have gives a map of its one (missing) node.
pub fn category_map(p: &Project, code: CodeId, persian: bool) -> Map {
    let name = p
        .codes
        .get(&code)
        .map_or_else(|| deleted_text(persian).to_string(), |c| c.name.clone());
    let mut map = Map::new(name);
    let top_size = size_of(p, code, persian);
    let kids: Vec<CodeId> = p
        .codes
        .get(&code)
        .map(|c| c.children.clone())
        .unwrap_or_default();
    // Each column: the child, then its children, as wide as its widest box
    // plus room for the bracket's spine; its boxes line up on the reading
    // side, so their brackets share one spine.
    let columns: Vec<Column> = kids
        .iter()
        .map(|&k| {
            let grand = p
                .codes
                .get(&k)
                .map(|c| c.children.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|g| (g, size_of(p, g, persian)))
                .collect();
            (k, size_of(p, k, persian), grand)
        })
        .collect();
    let width_of = |c: &Column| {
        let widest = c.2.iter().map(|g| g.1.0).fold(c.1.0, f32::max);
        widest + SPINE + 8.0
    };
    let total: f32 = columns.iter().map(width_of).sum::<f32>()
        + COLUMN_GAP * columns.len().saturating_sub(1) as f32;
    let total = total.max(top_size.0);
    let top = code_node(code, Pos::new(total / 2.0, top_size.1 / 2.0));
    let top_id = top.id;
    map.nodes.push(top);
    let row_y = top_size.1 + ROW_GAP;
    // In Persian the first column is on the right.
    let mut x = if persian { total } else { 0.0 };
    for col in &columns {
        let w = width_of(col);
        // The boxes' edge on the reading side, and each box's centre by it.
        let edge = if persian {
            x - SPINE - 4.0
        } else {
            x + SPINE + 4.0
        };
        let cx = |bw: f32| {
            if persian {
                edge - bw / 2.0
            } else {
                edge + bw / 2.0
            }
        };
        x = if persian {
            x - w - COLUMN_GAP
        } else {
            x + w + COLUMN_GAP
        };
        // Tops in a row, so the chart's links share one line across.
        let child = code_node(col.0, Pos::new(cx(col.1.0), row_y + col.1.1 / 2.0));
        let child_id = child.id;
        map.nodes.push(child);
        map.links.push(Link {
            from: child_id,
            to: top_id,
            label: String::new(),
        });
        let mut y = row_y + col.1.1 + STACK_GAP + 10.0;
        for &(g, (gw, h)) in &col.2 {
            let node = code_node(g, Pos::new(cx(gw), y + h / 2.0));
            map.links.push(Link {
                from: node.id,
                to: child_id,
                label: String::new(),
            });
            map.nodes.push(node);
            y += h + STACK_GAP;
        }
    }
    map
}

/// A free model to fill with codes (the paper's Figure 5): three column
/// heads, conditions → strategies → consequences, read from the right in
/// Persian, linked "leads to".
pub fn model_map(name: &str, persian: bool) -> Map {
    let (heads, lead) = if persian {
        (["شرایط", "راهبردها", "پیامدها"], "منجر به")
    } else {
        (["Conditions", "Strategies", "Consequences"], "leads to")
    };
    let mut map = Map::new(name);
    let step = 260.0;
    let ids: Vec<NodeId> = heads
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let i = if persian { 2 - i } else { i };
            let node = Node {
                id: NodeId::new(),
                kind: NodeKind::Text(h.to_string()),
                pos: Pos::new(i as f32 * step, 0.0),
            };
            let id = node.id;
            map.nodes.push(node);
            id
        })
        .collect();
    for w in ids.windows(2) {
        map.links.push(Link {
            from: w[0],
            to: w[1],
            label: lead.into(),
        });
    }
    map
}

/// `base`, or `base (2)`, `base (3)`… whichever no map of `p` has yet.
pub fn unique_name(p: &Project, base: &str) -> String {
    if p.map_by_name(base).is_none() {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base} ({i})"))
        .find(|n| p.map_by_name(n).is_none())
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_on_spaces_into_at_most_three_lines_that_join_back() {
        let name = "کنترل رسانه‌ها باهدف انتشار صرف اقدام‌های مثبت";
        let lines = wrap(name);
        assert!(lines.len() >= 2 && lines.len() <= 3, "{lines:?}");
        assert_eq!(lines.concat(), name);
        assert_eq!(wrap("Trust"), vec!["Trust".to_string()]);
        let long = "word ".repeat(40);
        assert!(wrap(long.trim()).len() <= 3);
        assert_eq!(wrap(long.trim()).concat(), long.trim());
    }

    #[test]
    fn stacked_boxes_are_bracketed_and_rows_charted() {
        let parent = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 30.0,
        };
        let first = Rect {
            x: 0.0,
            y: 50.0,
            w: 100.0,
            h: 30.0,
        };
        let second = Rect {
            x: 0.0,
            y: 90.0,
            w: 100.0,
            h: 30.0,
        };
        let r = route(&second, &parent, &[first], true);
        assert_eq!(r.len(), 4);
        assert!(r[1].x > 100.0, "the bracket is on the right in Persian");
        let r = route(&first, &parent, &[second], false);
        assert!(r[1].x < 0.0, "on the left in English");
        // Alone under it: straight up.
        let r = route(&first, &parent, &[], true);
        assert_eq!(r.first().map(|p| p.x), r.last().map(|p| p.x));
        let far = Rect {
            x: 200.0,
            y: 100.0,
            w: 100.0,
            h: 30.0,
        };
        let r = route(&far, &parent, &[], false);
        assert_eq!(r.first().map(|p| p.y), Some(100.0));
        assert_eq!(r.last().map(|p| (p.x, p.y)), Some((50.0, 30.0)));
    }
}
