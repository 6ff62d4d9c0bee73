//! The three charts of `analysis::charts` as SVG figures: bars of codes
//! per group or value, a document portrait, a codeline. Legends go under
//! the plot, one code a row, so long category names are never cut; a
//! legend of mostly Persian names is set on the right.

use super::figure::{Align, Svg, fa_digits};
use crate::analysis::charts::{Bars, Codeline, Key, Portrait, UNCODED};

/// The words of a figure, in the reader's language.
#[derive(Clone, Debug, Default)]
pub struct Words {
    pub title: String,
    /// Under the x axis (bars: "Group"; codeline: "Position in the
    /// interview").
    pub x_label: String,
    /// Beside the y axis (bars: "Codings").
    pub y_label: String,
    /// Persian digits, and a codeline's interviews running right to left.
    pub persian: bool,
}

impl Words {
    fn num(&self, n: usize) -> String {
        if self.persian {
            fa_digits(&n.to_string())
        } else {
            n.to_string()
        }
    }
}

const AXIS: &str = "#444444";
const GRID: &str = "#dddddd";
const FONT: f64 = 12.0;
const ROW: f64 = 18.0;
const MARGIN: f64 = 16.0;

/// A legend of `keys` from `y` down, across `width`; returns its height.
fn legend(svg: &mut Svg, keys: &[&Key], y: f64, width: f64) -> f64 {
    let joined: String = keys
        .iter()
        .map(|k| k.name.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let right = crate::text::mostly_rtl(&joined);
    for (i, k) in keys.iter().enumerate() {
        let top = y + i as f64 * ROW;
        if right {
            svg.rect(width - MARGIN - 12.0, top + 3.0, 12.0, 12.0, &k.color);
            svg.text(
                width - MARGIN - 18.0,
                top + 13.5,
                FONT,
                Align::Right,
                &k.name,
            );
        } else {
            svg.rect(MARGIN, top + 3.0, 12.0, 12.0, &k.color);
            svg.text(MARGIN + 18.0, top + 13.5, FONT, Align::Left, &k.name);
        }
    }
    keys.len() as f64 * ROW
}

/// A step for about five ticks up to `max`: 1, 2 or 5 times a power of ten.
fn tick_step(max: usize) -> usize {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if max / (step * m) <= 5 {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// Grouped bars: one group per column, one bar per code.
pub fn bars_svg(b: &Bars, w: &Words) -> String {
    let series: Vec<(&Key, Vec<f64>)> = b
        .series
        .iter()
        .map(|s| (&s.key, s.counts.iter().map(|&n| n as f64).collect()))
        .collect();
    grouped_svg(&b.columns, &series, w)
}

/// Grouped bars of measures (the social-media indices): one group per
/// column, one bar per measure, ticks at round values however small.
pub fn measure_bars_svg(columns: &[String], series: &[(Key, Vec<f64>)], w: &Words) -> String {
    let series: Vec<(&Key, Vec<f64>)> = series.iter().map(|(k, v)| (k, v.clone())).collect();
    grouped_svg(columns, &series, w)
}

/// A step for about five ticks up to `max` (> 0): 1, 2 or 5 times a power
/// of ten, below one too.
fn real_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| max / s <= 5.0 + 1e-9)
        .unwrap_or(power * 10.0)
}

fn grouped_svg(columns: &[String], series: &[(&Key, Vec<f64>)], w: &Words) -> String {
    let n = series.len().max(1);
    let bar = if n > 6 { 10.0 } else { 16.0 };
    let group = n as f64 * bar + 24.0;
    let (left, top, plot_h) = (56.0, 44.0, 240.0);
    let plot_w = (columns.len().max(1) as f64 * group).max(320.0);
    let width = (left + plot_w + MARGIN * 2.0).max(560.0);
    let keys: Vec<&Key> = series.iter().map(|s| s.0).collect();
    let legend_top = top + plot_h + 52.0;
    let height = legend_top + keys.len() as f64 * ROW + MARGIN;
    let mut svg = Svg::new(width, height);
    svg.bold(width / 2.0, 24.0, 15.0, Align::Middle, &w.title);
    let max = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let whole = series
        .iter()
        .all(|s| s.1.iter().all(|v| !v.is_finite() || v.fract() == 0.0));
    // Counts keep whole ticks (1, 2, 5, 10…); measures may need 0.5 or 0.02.
    let step = if whole {
        tick_step(max.max(1.0) as usize) as f64
    } else {
        real_step(if max > 0.0 { max } else { 1.0 })
    };
    let top_tick = (max.max(step) / step - 1e-9).ceil() * step;
    let y_of = |v: f64| top + plot_h - v / top_tick * plot_h;
    let decimals = if step.fract() == 0.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    let mut i = 0usize;
    loop {
        let t = i as f64 * step;
        if t > top_tick + step * 1e-6 {
            break;
        }
        let y = y_of(t);
        svg.line(left, y, left + plot_w, y, GRID);
        let label = format!("{t:.decimals$}");
        let label = if w.persian { fa_digits(&label) } else { label };
        svg.text(left - 6.0, y + 4.0, FONT - 1.0, Align::Right, &label);
        i += 1;
    }
    svg.line(left, top, left, top + plot_h, AXIS);
    svg.line(left, top + plot_h, left + plot_w, top + plot_h, AXIS);
    let gw = plot_w / columns.len().max(1) as f64;
    for (c, name) in columns.iter().enumerate() {
        let x0 = left + c as f64 * gw + (gw - n as f64 * bar) / 2.0;
        for (i, (key, values)) in series.iter().enumerate() {
            // No value (a group without posts has no rate): no bar.
            let v = values.get(c).copied().unwrap_or(0.0);
            if !v.is_finite() {
                continue;
            }
            let y = y_of(v);
            svg.rect(
                x0 + i as f64 * bar,
                y,
                bar - 2.0,
                top + plot_h - y,
                &key.color,
            );
        }
        svg.text(
            left + (c as f64 + 0.5) * gw,
            top + plot_h + 18.0,
            FONT,
            Align::Middle,
            name,
        );
    }
    svg.text(
        left + plot_w / 2.0,
        top + plot_h + 38.0,
        FONT,
        Align::Middle,
        &w.x_label,
    );
    svg.text(MARGIN, top - 12.0, FONT, Align::Left, &w.y_label);
    legend(&mut svg, &keys, legend_top, width);
    svg.finish()
}

/// The document as a grid of tiles in reading order: from the top right
/// in a right-to-left document, from the top left otherwise.
pub fn portrait_svg(p: &Portrait, rtl: bool, w: &Words) -> String {
    let tile = 14.0;
    let cols = p.columns.max(1);
    let rows = p.tiles.len().div_ceil(cols).max(1);
    let grid_w = cols as f64 * tile;
    let width = (grid_w + MARGIN * 2.0).max(480.0);
    let left = (width - grid_w) / 2.0;
    let top = 44.0;
    let keys: Vec<&Key> = p.keys.iter().collect();
    let legend_top = top + rows as f64 * tile + 16.0;
    let height = legend_top + (keys.len() + 1) as f64 * ROW + MARGIN;
    let mut svg = Svg::new(width, height);
    svg.bold(width / 2.0, 24.0, 15.0, Align::Middle, &w.title);
    for (i, t) in p.tiles.iter().enumerate() {
        let (r, c) = (i / cols, i % cols);
        let c = if rtl { cols - 1 - c } else { c };
        let (x, y) = (left + c as f64 * tile, top + r as f64 * tile);
        if t.codes.is_empty() {
            svg.rect(x + 0.5, y + 0.5, tile - 1.0, tile - 1.0, UNCODED);
            continue;
        }
        // Several codes: the tile in equal stripes, first code on the
        // reading side.
        let part = (tile - 1.0) / t.codes.len() as f64;
        for (j, k) in t.codes.iter().enumerate() {
            let color = p.keys.get(*k).map_or(UNCODED, |k| k.color.as_str());
            let j = if rtl { t.codes.len() - 1 - j } else { j };
            svg.rect(x + 0.5 + j as f64 * part, y + 0.5, part, tile - 1.0, color);
        }
    }
    let h = legend(&mut svg, &keys, legend_top, width);
    svg.text(
        width / 2.0,
        legend_top + h + 13.5,
        FONT - 1.0,
        Align::Middle,
        &w.x_label,
    );
    svg.finish()
}

/// One row per document: its name, a line for the whole interview, and
/// a mark wherever a chosen code is coded (a lane per code).
pub fn codeline_svg(c: &Codeline, w: &Words) -> String {
    let label_w = 110.0;
    let track_w = 440.0;
    let lanes = c.keys.len().max(1);
    let lane = if lanes > 3 { 6.0 } else { 10.0 };
    let row_h = lanes as f64 * lane + 12.0;
    let width = label_w + track_w + MARGIN * 3.0;
    let top = 44.0;
    let keys: Vec<&Key> = c.keys.iter().collect();
    let axis_y = top + c.documents.len() as f64 * row_h + 6.0;
    let legend_top = axis_y + 44.0;
    let height = legend_top + keys.len() as f64 * ROW + MARGIN;
    let mut svg = Svg::new(width, height);
    svg.bold(width / 2.0, 24.0, 15.0, Align::Middle, &w.title);
    // A Persian figure: names on the right, interviews running leftwards.
    let (x0, label_x, label_align) = if w.persian {
        (MARGIN, width - MARGIN, Align::Right)
    } else {
        (label_w + MARGIN * 2.0, MARGIN, Align::Left)
    };
    let x_of = |f: f64| {
        let f = f.clamp(0.0, 1.0);
        if w.persian {
            x0 + (1.0 - f) * track_w
        } else {
            x0 + f * track_w
        }
    };
    for (i, d) in c.documents.iter().enumerate() {
        let y = top + i as f64 * row_h;
        svg.text(label_x, y + row_h / 2.0 + 4.0, FONT, label_align, &d.name);
        svg.rect(x0, y + 5.0, track_w, row_h - 10.0, "#f3f3f3");
        for m in &d.marks {
            let color = c.keys.get(m.key).map_or(UNCODED, |k| k.color.as_str());
            let (a, b) = (x_of(m.from), x_of(m.to));
            let (xa, xb) = (a.min(b), a.max(b));
            svg.rect(
                xa,
                y + 6.0 + m.key as f64 * lane,
                (xb - xa).max(1.5),
                lane - 1.0,
                color,
            );
        }
    }
    svg.line(x0, axis_y, x0 + track_w, axis_y, AXIS);
    for q in 0..=4 {
        let f = q as f64 / 4.0;
        let x = x_of(f);
        svg.line(x, axis_y, x, axis_y + 4.0, AXIS);
        if w.persian {
            let pct = format!("{}٪", w.num(q * 25));
            svg.text_rtl(x, axis_y + 17.0, FONT - 1.0, Align::Middle, &pct);
        } else {
            let pct = format!("{}%", q * 25);
            svg.text(x, axis_y + 17.0, FONT - 1.0, Align::Middle, &pct);
        }
    }
    svg.text(
        x0 + track_w / 2.0,
        axis_y + 34.0,
        FONT,
        Align::Middle,
        &w.x_label,
    );
    legend(&mut svg, &keys, legend_top, width);
    svg.finish()
}
