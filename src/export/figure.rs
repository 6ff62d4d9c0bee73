//! Figures for papers: a chart or map drawn as SVG (real text, so Persian
//! stays searchable and is set right to left by the reader's renderer),
//! and the same figure as a PNG at print resolution.

use super::ExportError;

/// The SVG drawn as a PNG. (To be written: rendered with resvg and the
/// bundled fonts.)
pub fn figure_png(_svg: &str) -> Result<Vec<u8>, ExportError> {
    Err(ExportError("PNG", "not yet".into()))
}
