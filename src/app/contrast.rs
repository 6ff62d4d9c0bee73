//! WCAG 2 contrast, so that code colours (thin stripes, tree swatches) stay
//! visible on the dark and the light theme alike.

use egui::Color32;

/// WCAG 2 relative luminance of an sRGB colour (alpha ignored).
pub fn luminance(c: Color32) -> f32 {
    let lin = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// WCAG 2 contrast ratio, 1 to 21.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG's minimum for graphical objects (1.4.11), which stripes and swatches are.
pub const MIN_CONTRAST: f32 = 3.0;

/// `color` as drawn on `bg`: unchanged when it already stands out 3:1, else
/// mixed towards white (dark background) or black (light background) just
/// enough. Display only: a code's stored colour, perhaps from an older
/// project or another tool, is never changed.
pub fn readable_on(color: Color32, bg: Color32) -> Color32 {
    standing_out(color, bg, MIN_CONTRAST)
}

/// WCAG's minimum for text (1.4.3): a code's name written in its colour.
pub const MIN_TEXT_CONTRAST: f32 = 4.5;

/// `color` mixed towards white or black just enough to reach `min` on `bg`.
fn standing_out(color: Color32, bg: Color32, min: f32) -> Color32 {
    if contrast(color, bg) >= min {
        return color;
    }
    let towards = if luminance(bg) < 0.18 {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    let mix = |t: f32| {
        let m = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Color32::from_rgb(
            m(color.r(), towards.r()),
            m(color.g(), towards.g()),
            m(color.b(), towards.b()),
        )
    };
    // White reaches 4.5:1 on any background darker than mid grey, black on
    // any lighter one, so the last step always succeeds.
    (1..=20)
        .map(|i| mix(i as f32 / 20.0))
        .find(|c| contrast(*c, bg) >= min)
        .unwrap_or(towards)
}

/// A code's colour as drawn on `bg` (a stripe, its name, a frame): its
/// stored colour, made readable on this theme if it is not.
pub fn code_on(p: &crate::model::Project, id: crate::model::CodeId, bg: Color32) -> Color32 {
    readable_on(super::code_color(p, id), bg)
}

/// A code's colour for its name written as text on `bg` (4.5:1).
pub fn code_text_on(p: &crate::model::Project, id: crate::model::CodeId, bg: Color32) -> Color32 {
    standing_out(super::code_color(p, id), bg, MIN_TEXT_CONTRAST)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What code colours are drawn on: panels (tree, document browser),
    /// windows (menus, the colour menu) and text fields, in both themes.
    fn backgrounds() -> Vec<(&'static str, Color32)> {
        let (d, l) = (egui::Visuals::dark(), egui::Visuals::light());
        vec![
            ("dark panel_fill", d.panel_fill),
            ("dark window_fill", d.window_fill),
            ("dark extreme_bg_color", d.extreme_bg_color),
            ("light panel_fill", l.panel_fill),
            ("light window_fill", l.window_fill),
            ("light extreme_bg_color", l.extreme_bg_color),
        ]
    }

    #[test]
    fn every_palette_colour_stands_out_on_both_themes() {
        let mut bad = Vec::new();
        for hex in crate::edit::PALETTE {
            let Ok(c) = Color32::from_hex(hex) else {
                bad.push(format!("{hex} is not a colour"));
                continue;
            };
            for (name, bg) in backgrounds() {
                let r = contrast(c, bg);
                if r < MIN_CONTRAST {
                    bad.push(format!("{hex} on {name}: {r:.2}"));
                }
            }
        }
        assert!(bad.is_empty(), "below 3:1: {bad:?}");
    }

    #[test]
    fn palette_colours_are_distinct() {
        let p = crate::edit::PALETTE;
        for (i, a) in p.iter().enumerate() {
            for b in &p[i + 1..] {
                assert_ne!(a.to_lowercase(), b.to_lowercase());
            }
        }
    }

    #[test]
    fn known_ratios() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
    }

    #[test]
    fn dark_stored_colours_are_lightened_for_display_only_when_needed() {
        for (_, bg) in backgrounds() {
            for hex in ["#000075", "#000000", "#ffffff", "#ffe119", "#808080"] {
                let Ok(c) = Color32::from_hex(hex) else {
                    continue;
                };
                let shown = readable_on(c, bg);
                assert!(contrast(shown, bg) >= MIN_CONTRAST, "{hex}");
                if contrast(c, bg) >= MIN_CONTRAST {
                    assert_eq!(shown, c, "{hex} needed no change");
                }
            }
        }
    }

    #[test]
    fn names_written_in_a_code_colour_reach_text_contrast() {
        for hex in crate::edit::PALETTE {
            let c = Color32::from_hex(hex).unwrap_or(Color32::GRAY);
            for (name, bg) in backgrounds() {
                let shown = standing_out(c, bg, MIN_TEXT_CONTRAST);
                assert!(contrast(shown, bg) >= MIN_TEXT_CONTRAST, "{hex} on {name}");
            }
        }
    }
}
