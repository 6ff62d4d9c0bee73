//! Paragraph text from .docx (WordprocessingML) and .odt (OpenDocument).
//! Tables are flattened: one line per row, cells separated by " | ".

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error("it is not a valid {kind} file (not a readable zip archive: {msg})")]
    Zip { kind: &'static str, msg: String },
    #[error("it is not a valid {kind} file ({part} is missing)")]
    MissingPart {
        kind: &'static str,
        part: &'static str,
    },
    #[error(
        "{part} inflates to more than {cap_mib} MiB, four times the {text_mib} MiB of text a transcript may have: the file is damaged or built to fill memory (a zip bomb). Nothing was imported. If it is a real document this long, raise the limit with --max-size"
    )]
    TooLarge {
        part: &'static str,
        cap_mib: u64,
        text_mib: u64,
    },
    #[error(
        "{part} inflates to more than the {declared} bytes its archive declares: the file is damaged or built to fill memory (a zip bomb). Nothing was imported"
    )]
    SizeLie { part: &'static str, declared: u64 },
    #[error(
        "{part} is not UTF-8 text (byte {offset}), as Word and LibreOffice write it: the file is damaged or was made by another program. Open it in Word or LibreOffice and save it again"
    )]
    NotUtf8 { part: &'static str, offset: usize },
    #[error("{part} is damaged at byte {pos}: {msg}")]
    Xml {
        part: &'static str,
        pos: u64,
        msg: String,
    },
}

/// The XML of a document is several times its text: markup for every
/// run of text. Past this multiple of the text cap it is refused.
const XML_PER_TEXT: u64 = 4;

fn read_part(
    bytes: &[u8],
    kind: &'static str,
    part: &'static str,
    text_cap: u64,
) -> Result<String, OfficeError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| OfficeError::Zip {
        kind,
        msg: e.to_string(),
    })?;
    let file = zip
        .by_name(part)
        .map_err(|_| OfficeError::MissingPart { kind, part })?;
    let cap = text_cap.saturating_mul(XML_PER_TEXT);
    let too_large = || OfficeError::TooLarge {
        part,
        cap_mib: cap / (1024 * 1024),
        text_mib: text_cap / (1024 * 1024),
    };
    // What the archive says first (stops an honest bomb at once), then
    // what inflating gives (a lying one stops one byte past the cap).
    let declared = file.size();
    if declared > cap {
        return Err(too_large());
    }
    let mut xml = Vec::with_capacity(declared.min(cap) as usize);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut file = file.take(cap.saturating_add(1));
    loop {
        match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => xml.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // The zip reader refuses a read that would pass the size the
            // archive declared: more than that is a lie, a bomb's mark.
            Err(e)
                if e.kind() == std::io::ErrorKind::InvalidData
                    && (xml.len() + chunk.len()) as u64 > declared =>
            {
                return Err(OfficeError::SizeLie { part, declared });
            }
            Err(e) => {
                return Err(OfficeError::Zip {
                    kind,
                    msg: e.to_string(),
                });
            }
        }
    }
    if xml.len() as u64 > cap {
        return Err(too_large());
    }
    String::from_utf8(xml).map_err(|e| OfficeError::NotUtf8 {
        part,
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Text of a .docx, one line per paragraph, at most the default cap.
pub fn docx_text(bytes: &[u8]) -> Result<String, OfficeError> {
    docx_text_capped(bytes, super::DEFAULT_MAX_MIB * 1024 * 1024)
}

/// Text of an .odt, one line per paragraph or heading, at most the
/// default cap.
pub fn odt_text(bytes: &[u8]) -> Result<String, OfficeError> {
    odt_text_capped(bytes, super::DEFAULT_MAX_MIB * 1024 * 1024)
}

/// Text of a .docx whose text may have at most `cap` bytes.
pub fn docx_text_capped(bytes: &[u8], cap: u64) -> Result<String, OfficeError> {
    let xml = read_part(bytes, "Word (.docx)", "word/document.xml", cap)?;
    flatten(&xml, "word/document.xml", Dialect::Docx)
}

/// Text of an .odt whose text may have at most `cap` bytes.
pub fn odt_text_capped(bytes: &[u8], cap: u64) -> Result<String, OfficeError> {
    let xml = read_part(bytes, "OpenDocument (.odt)", "content.xml", cap)?;
    flatten(&xml, "content.xml", Dialect::Odt)
}

#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Docx,
    Odt,
}

fn flatten(xml: &str, part: &'static str, d: Dialect) -> Result<String, OfficeError> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut row: Option<Vec<String>> = None;
    let mut table_depth = 0usize;
    let (p_tag, t_tag, tab_tag, br_tag, tbl, tr, tc) = match d {
        Dialect::Docx => ("w:p", "w:t", "w:tab", "w:br", "w:tbl", "w:tr", "w:tc"),
        Dialect::Odt => (
            "text:p",
            "",
            "text:tab",
            "text:line-break",
            "table:table",
            "table:table-row",
            "table:table-cell",
        ),
    };
    let is_para = |n: &str| n == p_tag || (d == Dialect::Odt && n == "text:h");
    let mut cell = String::new();
    loop {
        let ev = reader.read_event().map_err(|e| OfficeError::Xml {
            part,
            pos: reader.buffer_position(),
            msg: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let n = name.as_ref();
                if n == t_tag {
                    in_text = true;
                } else if is_para(n) {
                    para.clear();
                    in_text = d == Dialect::Odt;
                } else if n == tbl {
                    table_depth += 1;
                } else if n == tr && table_depth == 1 {
                    row = Some(Vec::new());
                } else if n == tc {
                    cell.clear();
                }
            }
            Event::Empty(e) => {
                let name = e.name();
                let n = name.as_ref();
                if n == tab_tag {
                    para.push('\t');
                } else if n == br_tag || (d == Dialect::Odt && n == "text:s") {
                    para.push(' ');
                } else if is_para(n) && table_depth == 0 {
                    lines.push(String::new());
                }
            }
            Event::Text(t) if in_text => {
                para.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                let ch = match &*r.xml10_content() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = ch {
                    para.push(c);
                }
            }
            Event::End(e) => {
                let name = e.name();
                let n = name.as_ref();
                if n == t_tag {
                    in_text = false;
                } else if is_para(n) {
                    in_text = false;
                    if table_depth > 0 {
                        if !cell.is_empty() && !para.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(&para);
                    } else {
                        lines.push(std::mem::take(&mut para));
                    }
                    para.clear();
                } else if n == tc {
                    if let Some(r) = row.as_mut() {
                        r.push(cell.trim().to_string());
                    }
                } else if n == tr && table_depth == 1 {
                    if let Some(r) = row.take() {
                        lines.push(r.join(" | "));
                    }
                } else if n == tbl {
                    table_depth = table_depth.saturating_sub(1);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(lines.join("\n"))
}
