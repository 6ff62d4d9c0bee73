//! Fonts. egui's own Latin font comes first for the interface and for
//! left-to-right paragraphs, with Vazirmatn behind it so that Persian never
//! shows as boxes. Right-to-left paragraphs of the document browser use a
//! family with Vazirmatn first: Latin words, digits and punctuation inside a
//! Persian line then take Vazirmatn's own glyphs, as they do in pango (and
//! so in GTK, LibreOffice and browsers) with Vazirmatn, and rows break where
//! pango breaks them.

use egui::epaint::text::{FontDefinitions, LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Galley};
use std::sync::Arc;

const VAZIRMATN: &str = "Vazirmatn";
const HEBREW: &str = "Noto Sans Hebrew";

/// The family with Vazirmatn first, then egui's defaults (emoji, icons).
pub fn vazirmatn() -> FontFamily {
    FontFamily::Name(VAZIRMATN.into())
}

/// The font of a document paragraph in the browser.
pub fn paragraph_font(size: f32, rtl: bool) -> FontId {
    if rtl {
        FontId::new(size, vazirmatn())
    } else {
        FontId::proportional(size)
    }
}

/// Vazirmatn after egui's own fonts in both default families, and first in
/// a family of its own. Called once, when the window starts (egui compares
/// every font's bytes before reloading, so not every frame).
pub fn install(ctx: &egui::Context) {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        VAZIRMATN.to_owned(),
        Arc::new(egui::FontData::from_static(crate::export::VAZIRMATN_TTF)),
    );
    // Hebrew (in Arabic, Hebrew and Persian studies exported by other
    // tools): after Vazirmatn, which has no Hebrew, so it is never tofu.
    defs.font_data.insert(
        HEBREW.to_owned(),
        Arc::new(egui::FontData::from_static(crate::export::HEBREW_TTF)),
    );
    let proportional = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let own: Vec<String> = std::iter::once(VAZIRMATN.to_owned())
        .chain(proportional)
        .chain(std::iter::once(HEBREW.to_owned()))
        .collect();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = defs.families.entry(family).or_default();
        list.push(VAZIRMATN.to_owned());
        list.push(HEBREW.to_owned());
    }
    defs.families.insert(vazirmatn(), own);
    ctx.set_fonts(defs);
}

/// A piece of a document line shaped for painting or measuring. In the
/// Vazirmatn family every script run is a section of its own, so that egui
/// (which guesses a run's direction from its script) shapes Persian and
/// Latin apart, as pango does; see `shaping::vazirmatn_runs`.
pub fn galley(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    font: &FontId,
    s: &str,
) -> Arc<Galley> {
    if font.family != vazirmatn() {
        return fonts.layout_no_wrap(s.to_string(), font.clone(), Color32::PLACEHOLDER);
    }
    let mut job = LayoutJob::default();
    for run in super::shaping::vazirmatn_runs(s) {
        job.append(
            &run,
            0.0,
            TextFormat::simple(font.clone(), Color32::PLACEHOLDER),
        );
    }
    fonts.layout_job(job)
}
