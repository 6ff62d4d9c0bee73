//! Turning bytes into text: BOMs, UTF-8, and legacy encodings detected by
//! chardetng (Windows-1256 Persian among them), decoded by encoding_rs.
//! A file that is UTF-8 but for a few damaged bytes is never guessed to be
//! a legacy encoding: that would turn all its Persian into mojibake.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("it looks like a binary file, not text (NUL bytes at byte {0})")]
    Binary(usize),
    #[error(
        "it looks like a binary file, not text ({count} control bytes, the first at byte {offset})"
    )]
    Controls { offset: usize, count: usize },
    #[error("'{0}' is not an encoding name this build knows (try utf-8, windows-1256, utf-16le)")]
    UnknownEncoding(String),
    #[error(
        "it is not valid {0}: {1} bytes could not be decoded. Give the right one with --encoding"
    )]
    Malformed(String, usize),
    #[error(
        "it is UTF-8 text except for {count} byte(s) that are not, the first at byte {offset} (line {line}); the file was damaged, or pasted together from files in different encodings. Fix that line, or import it with --encoding utf-8 to show the damaged bytes as \u{FFFD}; give another --encoding (e.g. windows-1256) only if the whole file is in it"
    )]
    AlmostUtf8 {
        offset: usize,
        line: usize,
        count: usize,
    },
    #[error(
        "it holds UTF-16 surrogates written as UTF-8 (CESU-8 or WTF-8, from Java or Windows tools) at byte {offset} (line {line}); that is not valid UTF-8. Convert the file to UTF-8, or import it with --encoding utf-8 to show those bytes as \u{FFFD}"
    )]
    Surrogates { offset: usize, line: usize },
}

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: String,
    /// Lines (1-based) where bytes that could not be decoded were replaced
    /// by U+FFFD: only when UTF-8 was asked for by name.
    pub replaced_lines: Vec<usize>,
}

/// Decode a text file. `forced` overrides detection (an encoding label).
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| DecodeError::UnknownEncoding(label.to_string()))?;
        if enc == UTF_8 && Encoding::for_bom(bytes).is_none_or(|(e, _)| e == UTF_8) {
            return lossy_utf8(bytes);
        }
        return decode_with(bytes, enc);
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return decode_with(bytes, enc);
    }
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        return Err(DecodeError::Binary(pos));
    }
    // Random bytes: control codes everywhere, which text has almost none.
    let control = |b: &u8| matches!(b, 1..=8 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F);
    let controls = bytes.iter().filter(|b| control(b)).count();
    if controls >= 4 && controls * 100 > bytes.len() {
        return Err(DecodeError::Controls {
            offset: bytes.iter().position(control).unwrap_or(0),
            count: controls,
        });
    }
    let census = Census::of(bytes);
    match census.first_bad {
        None => return decode_with(bytes, UTF_8),
        Some(offset) => {
            let line = line_at(bytes, offset);
            if let Some(offset) = census.first_surrogate {
                let line = line_at(bytes, offset);
                return Err(DecodeError::Surrogates { offset, line });
            }
            // Real UTF-8 text with a few bad bytes: its good multi-byte
            // characters are many, or at least as many as a quarter of the
            // bad ones (English with two accents and two stray bytes). A
            // legacy file makes a few by chance: 3–5 % of its bad ones
            // (Windows-1256 Persian), none in Windows-1252.
            if census.multibyte >= 1 && census.multibyte * 4 >= census.bad {
                return Err(DecodeError::AlmostUtf8 {
                    offset,
                    line,
                    count: census.bad,
                });
            }
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    decode_with(bytes, enc)
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// How much of `bytes` is UTF-8.
struct Census {
    /// Well-formed characters of two or more bytes.
    multibyte: usize,
    /// Ill-formed sequences.
    bad: usize,
    first_bad: Option<usize>,
    first_surrogate: Option<usize>,
}

impl Census {
    fn of(bytes: &[u8]) -> Census {
        let mut c = Census {
            multibyte: 0,
            bad: 0,
            first_bad: None,
            first_surrogate: None,
        };
        let mut at = 0;
        while at < bytes.len() {
            let rest = &bytes[at..];
            let (good, skip) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), 0),
                Err(e) => (
                    e.valid_up_to(),
                    e.error_len().unwrap_or(rest.len() - e.valid_up_to()),
                ),
            };
            // Lead bytes of multi-byte characters.
            c.multibyte += rest[..good].iter().filter(|b| **b >= 0xC0).count();
            if skip == 0 {
                break;
            }
            let bad_at = at + good;
            c.bad += 1;
            c.first_bad.get_or_insert(bad_at);
            // ED A0..BF: the start of a surrogate written as UTF-8.
            if bytes[bad_at] == 0xED
                && bytes
                    .get(bad_at + 1)
                    .is_some_and(|b| (0xA0..=0xBF).contains(b))
            {
                c.first_surrogate.get_or_insert(bad_at);
            }
            at = bad_at + skip;
        }
        c
    }
}

/// UTF-8 asked for by name: bytes that are not are shown as U+FFFD, and
/// their lines are named.
fn lossy_utf8(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = String::from_utf8_lossy(body).into_owned();
    let mut replaced_lines = Vec::new();
    // Lines counted as the scan goes (counting from the start at each bad
    // byte would take time growing with the square of the file).
    let (mut at, mut line, mut counted) = (0, 1, 0);
    while at < body.len() {
        let Err(e) = std::str::from_utf8(&body[at..]) else {
            break;
        };
        let bad_at = at + e.valid_up_to();
        line += body[counted..bad_at]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted = bad_at;
        if replaced_lines.last() != Some(&line) {
            replaced_lines.push(line);
        }
        at = bad_at + e.error_len().unwrap_or(body.len() - bad_at).max(1);
    }
    check_controls(&text)?;
    Ok(Decoded {
        text,
        encoding: "UTF-8".to_string(),
        replaced_lines,
    })
}

/// Text made of many control characters is a binary file decoded by
/// force, whatever the encoding said.
fn check_controls(text: &str) -> Result<(), DecodeError> {
    let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
    let count = text.chars().filter(|c| is_control(*c)).count();
    if count >= 4 && count * 100 > text.chars().count() {
        let offset = text.find(is_control).unwrap_or(0);
        return Err(DecodeError::Controls { offset, count });
    }
    Ok(())
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
    check_controls(&text)?;
    let name = match (used, bytes.starts_with(&[0xEF, 0xBB, 0xBF])) {
        (u, true) if u == UTF_8 => "UTF-8 (BOM)".to_string(),
        (u, _) => u.name().to_string(),
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name,
        replaced_lines: vec![],
    })
}

// expect() here is on the tests' own fixed inputs: a panic is the test
// failing, with its message; no file or user data reaches it.
#[cfg(test)]
mod tests {
    use super::*;

    // `expect` here is on values the test itself made (the bundled demo,
    // its own layout), never on a file's or a user's data: a failure is
    // the test failing.

    #[test]
    fn persian_utf8_with_stray_bytes_is_not_guessed_as_a_legacy_encoding() {
        let mut bytes = "سلام دنیا\nاین یک متن فارسی است\n".repeat(5).into_bytes();
        bytes.insert(30, 0xFF);
        let err = decode(&bytes, None).expect_err("refused");
        assert!(
            matches!(
                err,
                DecodeError::AlmostUtf8 {
                    offset: 30,
                    line: 2,
                    count: 1
                }
            ),
            "{err:?}"
        );
        // A test: "utf-8" is a label the decoder knows.
        let lossy = decode(&bytes, Some("utf-8")).expect("by name");
        assert_eq!(lossy.replaced_lines, vec![2]);
        assert_eq!(lossy.text.matches('\u{FFFD}').count(), 1);
    }

    #[test]
    fn english_with_two_accents_and_two_stray_bytes_is_not_mojibake() {
        let bytes = b"caf\xc3\xa9 and \x93quoted\x94 text. It\xe2\x80\x99s fine.\n";
        let err = decode(bytes, None).expect_err("refused");
        assert!(
            matches!(err, DecodeError::AlmostUtf8 { count: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn random_bytes_without_nul_are_binary() {
        let mut x: u32 = 12345;
        let bytes: Vec<u8> = (0..4000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x % 255) as u8 + 1
            })
            .collect();
        let err = decode(&bytes, None).expect_err("binary");
        assert!(matches!(err, DecodeError::Controls { .. }), "{err:?}");
    }
}
