//! REFI-QDA export: the project exchange file (`.qdpx`: `project.qde` and
//! the texts under `sources/`) and the codebook (`.qdc`), which MAXQDA,
//! NVivo, ATLAS.ti, QualCoder and others read. Both validate against the
//! REFI-QDA 1.0 schemas (`Project-mrt2019.xsd`, `Codebook-mrt2019.xsd`).
//!
//! What maps where (the REFI import reads it back the same way):
//! - IDs: every item keeps its UUID; a coding's `PlainTextSelection` gets
//!   one derived from the coding's (`selection_guid`), its `Coding` the
//!   coding's own.
//! - Codes: the tree in the user's order, `Description` from
//!   `Description::joined`, `color`, `isCodable` from `codable`.
//! - Documents: `TextSource` with `plainTextPath="internal://<ID>.txt"`;
//!   the text exactly as Strata stores it (UTF-8, LF, no BOM), positions
//!   in code points of it. Variables as `Text` variables.
//! - Memos: each a `Note` (name = title, `PlainTextContent` = body) and a
//!   `NoteRef` where it is attached (code, source, or the coding's
//!   selection); a project memo has no `NoteRef`.
//! - Coders: `User`s; document groups and code sets: `Set`s (members
//!   `MemberSource` / `MemberCode`).
//! - Text XML 1.0 cannot hold (most C0 controls) becomes U+FFFD in names,
//!   memos and descriptions (see `xml::REPLACEMENT`).
//!
//! Output is deterministic: the same project gives the same bytes.

mod codebook;
mod project;
mod xml;

pub use codebook::qdc_xml;
pub use project::{qde_xml, selection_guid, source_file};
pub use xml::{REPLACEMENT, xml_char};

use super::ExportError;
use crate::model::Project;
use std::io::Write;

/// `origin` of both files: this program and its version.
fn origin() -> String {
    format!("Strata {}", env!("CARGO_PKG_VERSION"))
}

/// The `.qdpx`: a zip (deflate) with `project.qde` at its root and each
/// document's text as `sources/<ID>.txt`. Entries carry a fixed date, so
/// the same project gives the same bytes.
pub fn qdpx_bytes(p: &Project) -> Result<Vec<u8>, ExportError> {
    let fail = |e: &dyn std::fmt::Display| ExportError("REFI-QDA project", e.to_string());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("project.qde", options)
        .map_err(|e| fail(&e))?;
    zip.write_all(qde_xml(p).as_bytes()).map_err(|e| fail(&e))?;
    for d in &p.documents {
        zip.start_file(format!("sources/{}", source_file(d.id)), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(d.text().as_bytes()).map_err(|e| fail(&e))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| fail(&e))
}

/// The codebook as bytes, refused for a project without codes: the schema
/// requires at least one `Code`, and an empty codebook helps no one.
pub fn qdc_bytes(p: &Project) -> Result<Vec<u8>, ExportError> {
    qdc_checked(p).map(String::into_bytes)
}

/// `qdc_xml`, refused for a project without codes (see `qdc_bytes`).
pub(crate) fn qdc_checked(p: &Project) -> Result<String, ExportError> {
    if p.codes.is_empty() {
        return Err(ExportError(
            "REFI-QDA codebook",
            "the project has no codes; a codebook needs at least one".into(),
        ));
    }
    Ok(qdc_xml(p))
}
