//! Turning bytes into text: BOMs, UTF-8, and legacy encodings detected by
//! chardetng (Windows-1256 Persian among them), decoded by encoding_rs.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("it looks like a binary file, not text (NUL bytes at byte {0})")]
    Binary(usize),
    #[error("'{0}' is not an encoding name this build knows (try utf-8, windows-1256, utf-16le)")]
    UnknownEncoding(String),
    #[error(
        "it is not valid {0}: {1} bytes could not be decoded. Give the right one with --encoding"
    )]
    Malformed(String, usize),
}

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: String,
}

/// Decode a text file. `forced` overrides detection (an encoding label).
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| DecodeError::UnknownEncoding(label.to_string()))?;
        return decode_with(bytes, enc);
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return decode_with(bytes, enc);
    }
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        return Err(DecodeError::Binary(pos));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return decode_with(bytes, UTF_8);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    decode_with(bytes, enc)
}

fn decode_with(bytes: &[u8], enc: &'static Encoding) -> Result<Decoded, DecodeError> {
    // `decode` sniffs a BOM and strips it; it wins over `enc` when present.
    let (text, used, had_errors) = enc.decode(bytes);
    if had_errors {
        let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
        return Err(DecodeError::Malformed(used.name().to_string(), bad));
    }
    if used != UTF_16LE && used != UTF_16BE && text.contains('\0') {
        let pos = text.find('\0').unwrap_or(0);
        return Err(DecodeError::Binary(pos));
    }
    let name = match (used, bytes.starts_with(&[0xEF, 0xBB, 0xBF])) {
        (u, true) if u == UTF_8 => "UTF-8 (BOM)".to_string(),
        (u, _) => u.name().to_string(),
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name,
    })
}
