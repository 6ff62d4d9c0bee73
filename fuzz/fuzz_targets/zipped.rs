//! Office inputs for the fuzz targets. Changing bytes inside a zip mostly
//! breaks its checksums, so the XML reader behind it would rarely be
//! reached: an input whose first byte is odd is XML instead, put here into
//! a valid zip under the part's name.

use std::io::Write;

/// The bytes to hand to the reader: `data` itself, or (first byte odd) the
/// rest of it as `part` in a zip.
pub fn office_input(data: &[u8], part: &str) -> Vec<u8> {
    match data.split_first() {
        Some((first, xml)) if first % 2 == 1 => zip_with(part, xml),
        _ => data.to_vec(),
    }
}

fn zip_with(part: &str, xml: &[u8]) -> Vec<u8> {
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(part, opts).expect("a zip entry in memory");
    w.write_all(xml).expect("a write to memory");
    w.finish().expect("a zip in memory").into_inner()
}
