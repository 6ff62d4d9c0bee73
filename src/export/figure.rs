//! Figures for papers: a chart or map drawn as SVG (real text, so Persian
//! stays searchable and is set right to left by the reader's renderer),
//! and the same figure as a PNG at print resolution.
//!
//! The PNG is drawn with resvg from the app's own fonts only (no system
//! fonts), so a figure comes out the same on every machine.

use super::ExportError;
use std::sync::{Arc, OnceLock};

/// The bundled Persian (and Latin) font: the app's and every figure's.
pub static VAZIRMATN_TTF: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-Regular.ttf");
/// Hebrew, which Vazirmatn lacks (names from other tools' projects).
pub static HEBREW_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf");

/// The font family every figure names: the bundled font first, then what
/// a reader's system has.
pub const FONT_FAMILY: &str = "Vazirmatn, Tahoma, sans-serif";

/// Print resolution: 300 dpi from SVG's 96 px to the inch.
pub const PNG_SCALE: f32 = 300.0 / 96.0;

/// Where a label sits against its x: its left edge, its middle or its
/// right edge, whatever the direction of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Middle,
    Right,
}

/// An SVG being written: elements appended in drawing order.
pub struct Svg {
    out: String,
    width: f64,
    height: f64,
}

impl Svg {
    pub fn new(width: f64, height: f64) -> Self {
        Svg {
            out: String::new(),
            width,
            height,
        }
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        put!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            colour(fill)
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str) {
        put!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\n",
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            colour(stroke)
        );
    }

    /// A label. Right-to-left text (by its letters) is marked so, in
    /// logical order: `direction="rtl"` with `unicode-bidi="embed"`, and
    /// its anchor is the one that puts it where `align` says (in an rtl
    /// text the start is the right edge).
    pub fn text(&mut self, x: f64, y: f64, size: f64, align: Align, s: &str) {
        self.text_styled(x, y, size, align, s, "");
    }

    /// A label set right to left whatever its letters (a Persian figure's
    /// `۲۵٪`, whose sign goes on the left).
    pub fn text_rtl(&mut self, x: f64, y: f64, size: f64, align: Align, s: &str) {
        self.text_dir(x, y, size, align, s, "", true);
    }

    pub fn bold(&mut self, x: f64, y: f64, size: f64, align: Align, s: &str) {
        self.text_styled(x, y, size, align, s, " font-weight=\"bold\"");
    }

    fn text_styled(&mut self, x: f64, y: f64, size: f64, align: Align, s: &str, style: &str) {
        self.text_dir(x, y, size, align, s, style, crate::text::mostly_rtl(s));
    }

    #[allow(clippy::too_many_arguments)]
    fn text_dir(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        align: Align,
        s: &str,
        style: &str,
        rtl: bool,
    ) {
        let anchor = match (align, rtl) {
            (Align::Middle, _) => "middle",
            (Align::Left, false) | (Align::Right, true) => "start",
            (Align::Right, false) | (Align::Left, true) => "end",
        };
        let dir = if rtl {
            " direction=\"rtl\" unicode-bidi=\"embed\""
        } else {
            ""
        };
        put!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{style}{dir} text-anchor=\"{anchor}\">{}</text>\n",
            n(x),
            n(y),
            n(size),
            esc(s)
        );
    }

    /// The finished document.
    pub fn finish(self) -> String {
        let mut s = String::new();
        put!(
            s,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\">\n",
            w = n(self.width),
            h = n(self.height)
        );
        put!(
            s,
            "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
            n(self.width),
            n(self.height)
        );
        s.push_str(&self.out);
        s.push_str("</svg>\n");
        s
    }
}

/// A coordinate with at most two decimals, no trailing zeros: the same
/// figure gives the same bytes.
pub(crate) fn n(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{:.2}", (x * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// A code's colour as given when it is `#rgb` or `#rrggbb`, else a grey
/// (a colour from another tool's file is not trusted into the XML).
pub(crate) fn colour(c: &str) -> String {
    let hex = c.strip_prefix('#').unwrap_or("");
    if matches!(hex.len(), 3 | 6) && hex.chars().all(|h| h.is_ascii_hexdigit()) {
        format!("#{}", hex.to_ascii_lowercase())
    } else {
        "#888888".into()
    }
}

/// Text for XML: the five special chars escaped, and chars XML 1.0 does
/// not allow dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// ASCII digits as Persian ones (a Persian figure's numbers).
pub fn fa_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The bundled fonts, loaded once.
fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(VAZIRMATN_TTF.to_vec());
        db.load_font_data(HEBREW_TTF.to_vec());
        // Whatever family a figure names, it is drawn in Vazirmatn.
        db.set_sans_serif_family("Vazirmatn");
        db.set_serif_family("Vazirmatn");
        db.set_monospace_family("Vazirmatn");
        Arc::new(db)
    })
    .clone()
}

/// The SVG drawn as a PNG at print resolution (`PNG_SCALE`), on white.
pub fn figure_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    let opt = resvg::usvg::Options {
        font_family: "Vazirmatn".into(),
        fontdb: fonts(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(&for_resvg(svg), &opt)
        .map_err(|e| ExportError("PNG", e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(PNG_SCALE)
        .ok_or_else(|| ExportError("PNG", "the figure has no size".into()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ExportError("PNG", "the figure is too large to draw".into()))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError("PNG", e.to_string()))
}

/// resvg sets every text as a left-to-right paragraph and reads no
/// `direction`, so an rtl label of `Svg::text` would sit on the wrong
/// side of its x and a Latin word inside it in the wrong place. For it
/// alone, such a label becomes what it means: the anchor of its visual
/// side, and a right-to-left embedding (U+202B) before its text.
fn for_resvg(svg: &str) -> String {
    const RTL: &str = " direction=\"rtl\" unicode-bidi=\"embed\"";
    svg.replace(
        &format!("{RTL} text-anchor=\"start\">"),
        " text-anchor=\"end\">\u{202b}",
    )
    .replace(
        &format!("{RTL} text-anchor=\"end\">"),
        " text-anchor=\"start\">\u{202b}",
    )
    .replace(
        &format!("{RTL} text-anchor=\"middle\">"),
        " text-anchor=\"middle\">\u{202b}",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.5), "12.5");
        assert_eq!(n(1.0 / 3.0), "0.33");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(f64::NAN), "0");
    }

    #[test]
    fn rtl_labels_are_marked_and_anchored_on_their_side() {
        let mut s = Svg::new(100.0, 50.0);
        s.text(90.0, 20.0, 12.0, Align::Right, "گرانی & <کند>");
        s.text(10.0, 40.0, 12.0, Align::Left, "Trust");
        let svg = s.finish();
        assert!(svg.contains(
            "direction=\"rtl\" unicode-bidi=\"embed\" text-anchor=\"start\">گرانی &amp; &lt;کند&gt;</text>"
        ));
        assert!(svg.contains("text-anchor=\"start\">Trust</text>"));
        let r = for_resvg(&svg);
        assert!(r.contains("text-anchor=\"end\">\u{202b}گرانی"));
        assert!(!r.contains("direction"));
    }

    #[test]
    fn colours_from_files_are_checked() {
        assert_eq!(colour("#AABBCC"), "#aabbcc");
        assert_eq!(colour("red\"/><script"), "#888888");
    }
}
