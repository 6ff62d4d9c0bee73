//! Offsets at the edges, in one place. Strata counts text positions in
//! chars (code points) of its normalised text (`model::normalise_text`: no
//! BOM, LF line ends). Other tools and formats count otherwise: UTF-16 code
//! units (NVivo, JavaScript), bytes (files, regex engines), or chars of the
//! raw text with CRLF and a BOM. Every importer and exporter converts here.

use crate::base::CharPos;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OffsetError {
    #[error("offset {at} falls inside a character written as two UTF-16 units")]
    InsideSurrogatePair { at: usize },
    #[error("offset {at} falls inside a character of several bytes")]
    NotCharBoundary { at: usize },
    #[error("offset {at} is beyond the end of the text ({len})")]
    Beyond { at: usize, len: usize },
}

/// UTF-16 positions of a text: the chars outside the Basic Multilingual
/// Plane (emoji, rare CJK) take two units; the others one. Built once per
/// text; each conversion is a binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Utf16Index {
    /// Char indices of the chars that take two units, ascending.
    wide: Vec<usize>,
    chars: usize,
}

impl Utf16Index {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut chars = 0;
        for (i, c) in text.chars().enumerate() {
            if c.len_utf16() == 2 {
                wide.push(i);
            }
            chars = i + 1;
        }
        Self { wide, chars }
    }

    /// Length in UTF-16 units.
    pub fn len_utf16(&self) -> usize {
        self.chars + self.wide.len()
    }

    /// The UTF-16 offset of char position `pos` (clamped to the end).
    pub fn to_utf16(&self, pos: CharPos) -> usize {
        let c = pos.0.min(self.chars);
        c + self.wide.partition_point(|w| *w < c)
    }

    /// The char position of UTF-16 offset `u`; an offset between the two
    /// halves of a surrogate pair, or past the end, is an error.
    pub fn to_char(&self, u: usize) -> Result<CharPos, OffsetError> {
        if u > self.len_utf16() {
            return Err(OffsetError::Beyond {
                at: u,
                len: self.len_utf16(),
            });
        }
        // The char c with c + wide_before(c) == u: search over c.
        let (mut lo, mut hi) = (0usize, self.chars);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let at = mid + self.wide.partition_point(|w| *w < mid);
            if at < u {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo + self.wide.partition_point(|w| *w < lo) == u {
            Ok(CharPos(lo))
        } else {
            Err(OffsetError::InsideSurrogatePair { at: u })
        }
    }
}

/// The byte offset of char position `pos` in `text` (clamped to the end).
pub fn char_to_byte(text: &str, pos: CharPos) -> usize {
    text.char_indices()
        .nth(pos.0)
        .map_or(text.len(), |(b, _)| b)
}

/// The char position of byte offset `b` in `text`; inside a character, or
/// past the end, is an error.
pub fn byte_to_char(text: &str, b: usize) -> Result<CharPos, OffsetError> {
    if b > text.len() {
        return Err(OffsetError::Beyond {
            at: b,
            len: text.len(),
        });
    }
    if !text.is_char_boundary(b) {
        return Err(OffsetError::NotCharBoundary { at: b });
    }
    Ok(CharPos(text[..b].chars().count()))
}

/// A raw text (as a file or another tool has it: maybe a BOM, CRLF or CR
/// line ends, trailing newlines) normalised as Strata stores it, with the
/// map between the two's char positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    /// Exactly `model::normalise_text(raw)`.
    pub text: String,
    /// Raw char indices of the chars normalising removed (the BOM, the CR
    /// of each CRLF), ascending.
    removed: Vec<usize>,
    raw_chars: usize,
    chars: usize,
}

impl Normalised {
    pub fn new(raw: &str) -> Self {
        let mut text = String::with_capacity(raw.len());
        let mut removed = Vec::new();
        let mut chars = raw.chars().enumerate().peekable();
        let mut raw_chars = 0;
        while let Some((i, c)) = chars.next() {
            raw_chars = i + 1;
            match c {
                '\u{FEFF}' if i == 0 => removed.push(i),
                '\r' if chars.peek().is_some_and(|(_, n)| *n == '\n') => removed.push(i),
                '\r' => text.push('\n'),
                c => text.push(c),
            }
        }
        // A final newline ends the last line; it does not start an empty one.
        let kept = text.trim_end_matches('\n').len();
        text.truncate(kept);
        let chars = text.chars().count();
        Self {
            text,
            removed,
            raw_chars,
            chars,
        }
    }

    /// Where raw char position `raw` lands in the normalised text: a
    /// position on a removed char (between CR and LF) lands where the LF
    /// is; one in the trimmed end lands at the end.
    pub fn to_normalised(&self, raw: usize) -> CharPos {
        let raw = raw.min(self.raw_chars);
        let before = self.removed.partition_point(|r| *r < raw);
        CharPos((raw - before).min(self.chars))
    }

    /// The raw char position of normalised position `pos`: the first raw
    /// char not removed that lands there.
    pub fn to_raw(&self, pos: CharPos) -> usize {
        let p = pos.0.min(self.chars);
        // r = p + (removed chars before r): a fixed point, reached in a few
        // steps, each a binary search.
        let mut k = 0;
        loop {
            let r = p + k;
            let before = self.removed.partition_point(|x| *x < r);
            if before != k {
                k = before;
            } else if self.removed.binary_search(&r).is_ok() {
                k += 1;
            } else {
                return r.min(self.raw_chars);
            }
        }
    }
}

/// How another tool counts positions in a source's text. A leading BOM is
/// never counted (it marks the encoding; it is not text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Code points of the text as written, CRLF as two (the REFI-QDA
    /// spec; qc, Taguette).
    CodePoints,
    /// UTF-16 code units of the text as written, CRLF as two (NVivo).
    Utf16,
    /// Code points with each CRLF as one (ATLAS.ti).
    CrlfAsOne,
}

/// A text as another tool has it, normalised as Strata stores it, with
/// that tool's positions mapped to the normalised text's chars and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    norm: Normalised,
    utf16: Option<Utf16Index>,
    counting: Counting,
    /// 1 when the raw text starts with a BOM, which the tool does not count.
    bom: usize,
}

impl Foreign {
    pub fn new(raw: &str, counting: Counting) -> Self {
        let body = raw.strip_prefix('\u{FEFF}');
        Self {
            norm: Normalised::new(raw),
            utf16: (counting == Counting::Utf16).then(|| Utf16Index::new(body.unwrap_or(raw))),
            counting,
            bom: usize::from(body.is_some()),
        }
    }

    /// The normalised text (exactly `model::normalise_text(raw)`).
    pub fn text(&self) -> &str {
        &self.norm.text
    }

    /// Chars of the normalised text.
    pub fn chars(&self) -> usize {
        self.norm.chars
    }

    /// Length of the raw text in the tool's positions.
    pub fn len(&self) -> usize {
        match (self.counting, &self.utf16) {
            (Counting::Utf16, Some(ix)) => ix.len_utf16(),
            (Counting::CrlfAsOne, _) => self.norm.raw_chars - self.norm.removed.len(),
            _ => self.norm.raw_chars - self.bom,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The normalised char position of the tool's position `pos`. A
    /// position in the trimmed trailing newlines lands at the end; one past
    /// the raw text, or inside a UTF-16 surrogate pair, is an error.
    pub fn to_normalised(&self, pos: usize) -> Result<CharPos, OffsetError> {
        let len = self.len();
        if pos > len {
            return Err(OffsetError::Beyond { at: pos, len });
        }
        Ok(match (self.counting, &self.utf16) {
            (Counting::Utf16, Some(ix)) => self.norm.to_normalised(ix.to_char(pos)?.0 + self.bom),
            (Counting::CrlfAsOne, _) => CharPos(pos.min(self.norm.chars)),
            _ => self.norm.to_normalised(pos + self.bom),
        })
    }

    /// The tool's position of normalised char position `pos`.
    pub fn from_normalised(&self, pos: CharPos) -> usize {
        match (self.counting, &self.utf16) {
            (Counting::Utf16, Some(ix)) => {
                ix.to_utf16(CharPos(self.norm.to_raw(pos).saturating_sub(self.bom)))
            }
            (Counting::CrlfAsOne, _) => pos.0.min(self.norm.chars),
            _ => self.norm.to_raw(pos).saturating_sub(self.bom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn utf16_counts_an_emoji_as_two_and_persian_as_one() {
        let t = "سلام 👋 دنیا\u{200C}ها";
        let ix = Utf16Index::new(t);
        assert_eq!(ix.len_utf16(), t.encode_utf16().count());
        // The char after the emoji is 6 chars in, 7 units in.
        assert_eq!(ix.to_utf16(CharPos(6)), 7);
        assert_eq!(ix.to_char(7), Ok(CharPos(6)));
        assert_eq!(
            ix.to_char(6),
            Err(OffsetError::InsideSurrogatePair { at: 6 })
        );
        assert!(matches!(ix.to_char(99), Err(OffsetError::Beyond { .. })));
    }

    #[test]
    fn normalising_a_crlf_bom_text_maps_each_kept_char() {
        let raw = "\u{FEFF}P1: سلام\r\nP2: 👋\rok\r\n\r\n";
        let n = Normalised::new(raw);
        assert_eq!(n.text, crate::model::normalise_text(raw));
        assert_eq!(n.text, "P1: سلام\nP2: 👋\nok");
        // "P2" is raw char 11 (BOM, 8 chars, CR, LF), normalised 9.
        assert_eq!(n.to_normalised(11), CharPos(9));
        assert_eq!(n.to_raw(CharPos(9)), 11);
        // Between CR and LF: where the LF is.
        assert_eq!(n.to_normalised(9), CharPos(8));
    }

    fn texts() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("سلام".to_string()),
            Just("\u{200C}".to_string()),
            Just("👋🏽".to_string()),
            Just("\r\n".to_string()),
            Just("\r".to_string()),
            Just("\n".to_string()),
            Just("P12: ".to_string()),
            Just("é".to_string()),
            "[a-z ]{0,4}",
        ];
        (any::<bool>(), prop::collection::vec(piece, 0..24)).prop_map(|(bom, v)| {
            let body: String = v.concat();
            if bom { format!("\u{FEFF}{body}") } else { body }
        })
    }

    proptest! {
        #[test]
        fn utf16_and_bytes_round_trip_at_every_char_boundary(t in texts()) {
            let ix = Utf16Index::new(&t);
            prop_assert_eq!(ix.len_utf16(), t.encode_utf16().count());
            for (i, (b, c)) in t.char_indices().enumerate() {
                let u = ix.to_utf16(CharPos(i));
                prop_assert_eq!(u, t[..b].encode_utf16().count());
                prop_assert_eq!(ix.to_char(u), Ok(CharPos(i)));
                if c.len_utf16() == 2 {
                    prop_assert!(ix.to_char(u + 1).is_err());
                }
                prop_assert_eq!(char_to_byte(&t, CharPos(i)), b);
                prop_assert_eq!(byte_to_char(&t, b), Ok(CharPos(i)));
            }
        }

        #[test]
        fn normalised_positions_point_at_the_same_chars(t in texts()) {
            let n = Normalised::new(&t);
            prop_assert_eq!(&n.text, &crate::model::normalise_text(&t));
            let raw: Vec<char> = t.chars().collect();
            let norm: Vec<char> = n.text.chars().collect();
            for (i, c) in raw.iter().enumerate() {
                let p = n.to_normalised(i).0;
                // A kept char is the same char there (a lone CR is an LF).
                if p < norm.len() && !(*c == '\r' || *c == '\u{FEFF}' && i == 0) {
                    prop_assert_eq!(norm[p], *c);
                    prop_assert_eq!(n.to_raw(CharPos(p)), i);
                }
            }
        }
        #[test]
        fn foreign_positions_round_trip_in_every_counting(t in texts()) {
            for counting in [Counting::CodePoints, Counting::Utf16, Counting::CrlfAsOne] {
                let f = Foreign::new(&t, counting);
                prop_assert_eq!(f.text(), crate::model::normalise_text(&t));
                for p in 0..=f.chars() {
                    let there = f.from_normalised(CharPos(p));
                    prop_assert!(there <= f.len());
                    prop_assert_eq!(f.to_normalised(there), Ok(CharPos(p)));
                }
                // The whole raw text is the whole normalised text.
                prop_assert_eq!(f.to_normalised(f.len()), Ok(CharPos(f.chars())));
                prop_assert!(f.to_normalised(f.len() + 1).is_err());
            }
        }

        #[test]
        fn utf16_positions_are_those_of_the_text_without_its_bom(t in texts()) {
            let f = Foreign::new(&t, Counting::Utf16);
            let bom = usize::from(t.starts_with('\u{FEFF}'));
            let body = &t[bom * 3..];
            prop_assert_eq!(f.len(), body.encode_utf16().count());
            let n = Normalised::new(&t);
            for (i, (b, _)) in body.char_indices().enumerate() {
                let u = body[..b].encode_utf16().count();
                prop_assert_eq!(f.to_normalised(u), Ok(n.to_normalised(i + bom)));
            }
        }
    }
}
