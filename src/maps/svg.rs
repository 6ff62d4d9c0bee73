//! A map as an SVG figure for a paper, and as a PNG at print resolution.
//! Names are real text, exact as in the code tree (a long one on two or
//! three lines of one `<text>`), Persian marked right to left; each code's
//! colour is a bar on the box's reading side; links are arrows, their
//! labels at their middles; a node whose code is gone is dashed and grey.

use super::layout::{self, FONT, LINE, Label, Rect};
use crate::export::ExportError;
use crate::export::figure::{FONT_FAMILY, colour, esc, fa_digits, figure_png, n};
use crate::model::{Map, NodeId, Pos, Project};
use std::collections::BTreeMap;

const MARGIN: f32 = 24.0;
const LINK: &str = "#555555";
const GONE: &str = "#9a9a9a";
const PAD_Y: f32 = 9.0;

/// The map as an SVG document.
pub fn map_svg(p: &Project, map: &Map, persian: bool) -> String {
    draw(p, map, persian, false)
}

/// The map as a PNG at print resolution (300 dpi), drawn with the
/// bundled font.
pub fn map_png(p: &Project, map: &Map, persian: bool) -> Result<Vec<u8>, ExportError> {
    figure_png(&draw(p, map, persian, true))
}

struct Box_ {
    rect: Rect,
    label: Label,
}

fn num(x: f32) -> String {
    n(f64::from(x))
}

/// `for_png`: resvg reads no `direction`, so a right-to-left label gets
/// an embedding mark (U+202B) before each of its lines instead.
fn draw(p: &Project, map: &Map, persian: bool, for_png: bool) -> String {
    let boxes: BTreeMap<NodeId, Box_> = map
        .nodes
        .iter()
        .map(|node| {
            let label = layout::node_label(p, node);
            let rect = Rect::around(node.pos, layout::node_size(&label, persian));
            (node.id, Box_ { rect, label })
        })
        .collect();
    let rects: Vec<(NodeId, Rect)> = boxes.iter().map(|(id, b)| (*id, b.rect)).collect();
    let routes: Vec<(Vec<Pos>, bool, &str)> = map
        .links
        .iter()
        .filter_map(|l| {
            let (a, b) = (boxes.get(&l.from)?, boxes.get(&l.to)?);
            let others: Vec<Rect> = rects
                .iter()
                .filter(|(id, _)| *id != l.from && *id != l.to)
                .map(|(_, r)| *r)
                .collect();
            let points = layout::route(&a.rect, &b.rect, &others, persian);
            Some((points, a.label.missing || b.label.missing, l.label.as_str()))
        })
        .collect();

    // The view box holds every box, its count's badge, and every link.
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut grow = |x: f32, y: f32| {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    };
    for b in boxes.values() {
        grow(b.rect.x - 12.0, b.rect.y - 12.0);
        grow(b.rect.right() + 12.0, b.rect.bottom());
    }
    for (points, _, _) in &routes {
        for q in points {
            grow(q.x, q.y);
        }
    }
    if x0 > x1 {
        (x0, y0, x1, y1) = (0.0, 0.0, 200.0, 60.0);
    }
    let (ox, oy) = (MARGIN - x0, MARGIN - y0);
    let (width, height) = (x1 - x0 + 2.0 * MARGIN, y1 - y0 + 2.0 * MARGIN);
    let at = |q: &Pos| Pos::new(q.x + ox, q.y + oy);

    let mut out = String::new();
    out.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\">\n",
        w = num(width),
        h = num(height)
    ));
    out.push_str(&format!(
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        num(width),
        num(height)
    ));
    for (id, fill) in [("arrow", LINK), ("arrow-gone", GONE)] {
        out.push_str(&format!(
            "<defs><marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{fill}\"/></marker></defs>\n"
        ));
    }

    // Links under the boxes, their labels over the lines.
    for (points, gone, _) in &routes {
        let pts: Vec<String> = points
            .iter()
            .map(|q| {
                let q = at(q);
                format!("{},{}", num(q.x), num(q.y))
            })
            .collect();
        let (stroke, marker, dash) = if *gone {
            (GONE, "arrow-gone", " stroke-dasharray=\"4 3\"")
        } else {
            (LINK, "arrow", "")
        };
        out.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.3\"{dash} marker-end=\"url(#{marker})\"/>\n",
            pts.join(" ")
        ));
    }
    for (points, _, text) in &routes {
        if text.trim().is_empty() {
            continue;
        }
        let c = at(&layout::label_point(points));
        let w = text.chars().count() as f32 * 5.8 + 10.0;
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>\n",
            num(c.x - w / 2.0),
            num(c.y - 8.0),
            num(w)
        ));
        label_text(
            &mut out,
            c.x,
            &[(c.y + 4.0, text.to_string())],
            11.0,
            "#444444",
            "",
            for_png,
        );
    }

    for node in &map.nodes {
        let Some(b) = boxes.get(&node.id) else {
            continue;
        };
        let r = Rect {
            x: b.rect.x + ox,
            y: b.rect.y + oy,
            ..b.rect
        };
        node_box(&mut out, &r, &b.label, map.counts, persian, for_png);
    }
    out.push_str("</svg>\n");
    out
}

/// One node: its box, colour bar, name and count.
fn node_box(out: &mut String, r: &Rect, label: &Label, counts: bool, persian: bool, for_png: bool) {
    let col = colour(&label.color);
    let (fill, stroke, width, style) = if label.missing {
        (
            "#f3f3f3".to_string(),
            GONE.to_string(),
            "1.2",
            " stroke-dasharray=\"5 3\"",
        )
    } else {
        match label.level {
            0 => ("#f5f8fb".to_string(), col.clone(), "1.2", ""),
            1 => ("#ffffff".to_string(), "#9a9a9a".to_string(), "1", ""),
            2 => ("#ffffff".to_string(), col.clone(), "1.6", ""),
            _ => ("#f7f7f7".to_string(), col.clone(), "2.2", ""),
        }
    };
    out.push_str(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{style}/>\n",
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h)
    ));
    if !label.missing && label.level > 0 {
        // The code's colour on the side a reader starts from.
        let bx = if persian { r.right() - 7.0 } else { r.x + 3.0 };
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"4\" height=\"{}\" rx=\"2\" fill=\"{col}\"/>\n",
            num(bx),
            num(r.y + 4.0),
            num(r.h - 8.0)
        ));
    }
    let text = layout::shown_text(label, persian);
    let lines: Vec<(f32, String)> = layout::wrap(&text)
        .into_iter()
        .enumerate()
        .map(|(i, l)| (r.y + PAD_Y + LINE * i as f32 + LINE * 0.72, l))
        .collect();
    let (ink, weight) = match (label.missing, label.level) {
        (true, _) => ("#777777", ""),
        (false, l) if l >= 3 => ("#111111", " font-weight=\"bold\""),
        _ => ("#111111", ""),
    };
    label_text(out, r.cx(), &lines, FONT, ink, weight, for_png);
    if let (true, false, Some(count)) = (counts, label.missing, label.count) {
        // A badge on the top corner the reader ends on.
        let digits = count.to_string();
        let s = if persian { fa_digits(&digits) } else { digits };
        let radius = 9.0 + 3.0 * s.chars().count().saturating_sub(2) as f32;
        let cx = if persian { r.x } else { r.right() };
        out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{col}\" stroke-width=\"1.2\"/>\n",
            num(cx),
            num(r.y),
            num(radius)
        ));
        out.push_str(&format!(
            "<text class=\"count\" x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#333333\" text-anchor=\"middle\">{}</text>\n",
            num(cx),
            num(r.y + 3.5),
            esc(&s)
        ));
    }
}

/// A centred label of one or more lines (baseline, text) as one `<text>`,
/// so the name stays whole for a reader's search and copy.
fn label_text(
    out: &mut String,
    x: f32,
    lines: &[(f32, String)],
    size: f32,
    ink: &str,
    style: &str,
    for_png: bool,
) {
    let all: String = lines.iter().map(|l| l.1.as_str()).collect();
    let rtl = crate::text::mostly_rtl(&all);
    let dir = if rtl && !for_png {
        " direction=\"rtl\" unicode-bidi=\"embed\""
    } else {
        ""
    };
    let mark = if rtl && for_png { "\u{202b}" } else { "" };
    let first = lines.first().map_or(0.0, |l| l.0);
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{ink}\"{style} text-anchor=\"middle\"{dir}>",
        num(x),
        num(first),
        num(size)
    ));
    for (y, line) in lines {
        out.push_str(&format!(
            "<tspan x=\"{}\" y=\"{}\">{mark}{}</tspan>",
            num(x),
            num(*y),
            esc(line)
        ));
    }
    out.push_str("</text>\n");
}
