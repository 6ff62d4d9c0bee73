//! Documents: normalised text with a line index and speaker labels.

use super::ids::{CharPos, CharRange, DocId, GroupId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default speaker label pattern: a short label before a colon at the
/// start of a line, e.g. `P9:`, `Interviewer:`, `مصاحبه‌کننده:`.
pub const DEFAULT_SPEAKER_PATTERN: &str = r"^\s*([\p{L}\p{N}\p{Mn}\u{200C}_.\- ]{1,30}?)\s*[:：]";

/// Paragraph direction of a document, as chosen by the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Detected from the text as a whole.
    #[default]
    Auto,
    Ltr,
    Rtl,
}

/// Where a document came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub file_name: String,
    pub encoding: String,
    /// SHA-256 of the normalised text, hex.
    pub text_hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub name: String,
    /// Private: the text is set by import only, and its hash is checked on
    /// load, so that no coding is ever placed against other text.
    text: String,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub group: Option<GroupId>,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    #[serde(default)]
    pub direction: Direction,
    /// The speaker-label regex used for this document (first capture group is the label).
    #[serde(default = "default_pattern")]
    pub speaker_pattern: String,
    #[serde(default)]
    pub stamp: super::Stamp,
    /// Derived: char offset where each line starts. Rebuilt on load and on change.
    #[serde(skip)]
    line_starts: Vec<usize>,
    /// Derived: byte offset where each line starts (for fast slicing).
    #[serde(skip)]
    line_byte_starts: Vec<usize>,
    #[serde(skip)]
    char_count: usize,
    /// Derived: the text as a whole is mostly right-to-left.
    #[serde(skip)]
    mostly_rtl: bool,
    /// Derived: the speaker of each line, if the line begins with a label.
    #[serde(skip)]
    speakers: Vec<Option<String>>,
    /// Derived: direction of each line under `Direction::Auto`.
    #[serde(skip)]
    line_rtl: Vec<bool>,
}

/// Compiled speaker patterns, shared: a project's documents mostly use the
/// same one, and compiling a Unicode regex costs milliseconds.
pub fn speaker_regex(pattern: &str) -> Option<regex::Regex> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, Option<regex::Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(pattern.to_string())
        .or_insert_with(|| regex::Regex::new(pattern).ok())
        .clone()
}

fn default_pattern() -> String {
    DEFAULT_SPEAKER_PATTERN.to_string()
}

/// Direction of the first strong (directional) char, if any.
fn first_strong_rtl(s: &str) -> Option<bool> {
    s.chars().find_map(crate::text::strong_direction)
}

/// Normalise line endings to LF and drop a leading BOM.
pub fn normalise_text(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let t = text.replace("\r\n", "\n").replace('\r', "\n");
    // A final newline ends the last line; it does not start an empty one.
    t.trim_end_matches('\n').to_string()
}

impl Document {
    pub fn new(name: impl Into<String>, text: &str) -> Self {
        let text = normalise_text(text);
        let mut doc = Self {
            id: DocId::new(),
            name: name.into(),
            source: Source {
                text_hash: crate::model::text_hash(&text),
                ..Source::default()
            },
            text,
            group: None,
            variables: BTreeMap::new(),
            direction: Direction::Auto,
            speaker_pattern: default_pattern(),
            stamp: super::Stamp::now(None),
            line_starts: Vec::new(),
            line_byte_starts: Vec::new(),
            char_count: 0,
            mostly_rtl: false,
            speakers: Vec::new(),
            line_rtl: Vec::new(),
        };
        doc.reindex();
        doc
    }

    /// Rebuild the derived line index and speakers. An invalid speaker
    /// pattern falls back to the default one (validation reports it).
    pub fn reindex(&mut self) {
        self.line_starts.clear();
        self.line_starts.push(0);
        self.line_byte_starts.clear();
        self.line_byte_starts.push(0);
        // One pass over the text for lines and direction: this runs for
        // every document on every load.
        let (mut n, mut rtl, mut ltr) = (0usize, 0usize, 0usize);
        for (b, c) in self.text.char_indices() {
            n += 1;
            match c {
                '\n' => {
                    self.line_starts.push(n);
                    self.line_byte_starts.push(b + 1);
                }
                _ => match crate::text::strong_direction(c) {
                    Some(true) => rtl += 1,
                    Some(false) => ltr += 1,
                    None => {}
                },
            }
        }
        self.char_count = n;
        self.mostly_rtl = rtl > ltr;
        let re =
            speaker_regex(&self.speaker_pattern).or_else(|| speaker_regex(DEFAULT_SPEAKER_PATTERN));
        self.speakers.clear();
        self.line_rtl.clear();
        for line in self.text.split('\n') {
            // The fast matcher first: most lines of a long paragraph are
            // not worth the slower search for the label's group.
            let caps = re
                .as_ref()
                .filter(|re| re.is_match(line))
                .and_then(|re| re.captures(line));
            let label = caps
                .as_ref()
                .and_then(|c| c.get(1).or_else(|| c.get(0)))
                .map(|m| m.as_str().trim())
                .filter(|l| !l.is_empty());
            self.speakers.push(label.map(str::to_string));
            // First strong char after the speaker label: `P9: ما …` is a
            // Persian line even though it starts with Latin letters.
            let after = caps.and_then(|c| c.get(0)).map_or(0, |m| m.end());
            self.line_rtl
                .push(first_strong_rtl(&line[after..]).unwrap_or(self.mostly_rtl));
        }
    }

    /// A document as read from a project file: the text as stored (`store`
    /// normalises it and checks its hash before use).
    /// Its derived line index is built by `store` once the text is checked
    /// (`reindex`), not here: that is the costly part of loading.
    pub fn from_file(id: DocId, name: String, text: String, stamp: super::Stamp) -> Self {
        let mut doc = Self::new(name, "");
        doc.id = id;
        doc.text = text;
        doc.source = Source::default();
        doc.stamp = stamp;
        doc
    }

    /// The document's text (normalised: LF line ends, no BOM).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Does the text still match the hash recorded at import? (A document
    /// without a recorded hash cannot be checked and passes.)
    pub fn hash_matches(&self) -> bool {
        self.source.text_hash.is_empty() || self.source.text_hash == super::text_hash(&self.text)
    }

    /// Normalise the text as import does (CRLF or CR to LF, no BOM), e.g.
    /// after git or an editor changed a project file's line endings.
    /// Returns the text as it was, if anything changed.
    pub(crate) fn normalise_loaded_text(&mut self) -> Option<String> {
        // Nearly always clean: then nothing is copied.
        if !self.text.contains('\r')
            && !self.text.starts_with('\u{FEFF}')
            && !self.text.ends_with('\n')
        {
            return None;
        }
        let n = normalise_text(&self.text);
        (n != self.text).then(|| std::mem::replace(&mut self.text, n))
    }

    /// Put back the text as it was stored (a text set aside is kept as it
    /// was found, not as normalising left it).
    pub(crate) fn restore_loaded_text(&mut self, text: String) {
        self.text = text;
    }

    pub fn char_count(&self) -> usize {
        self.char_count
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The char range of 1-based line `n`, without its newline.
    pub fn line_range(&self, n: usize) -> Option<CharRange> {
        let i = n.checked_sub(1)?;
        let start = *self.line_starts.get(i)?;
        let end = match self.line_starts.get(i + 1) {
            Some(next) => next - 1,
            None => self.char_count,
        };
        Some(CharRange::new(start, end))
    }

    /// The range covering 1-based lines `a..=b`.
    pub fn lines_range(&self, a: usize, b: usize) -> Option<CharRange> {
        if a > b {
            return None;
        }
        let first = self.line_range(a)?;
        let last = self.line_range(b)?;
        Some(CharRange {
            start: first.start,
            end: last.end,
        })
    }

    /// 1-based line number of a char position.
    pub fn line_of(&self, pos: CharPos) -> usize {
        match self.line_starts.binary_search(&pos.0) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// First and last 1-based line that a range touches.
    pub fn lines_of(&self, range: CharRange) -> (usize, usize) {
        let first = self.line_of(range.start);
        let last = self.line_of(CharPos(range.end.0.saturating_sub(1).max(range.start.0)));
        (first, last)
    }

    pub fn speaker_of_line(&self, line: usize) -> Option<&str> {
        self.speakers.get(line.checked_sub(1)?)?.as_deref()
    }

    /// Byte offset of a char position (clamped to the text). This and
    /// `slice` are where char offsets meet UTF-8 bytes.
    pub fn byte_of(&self, pos: CharPos) -> usize {
        if pos.0 >= self.char_count {
            return self.text.len();
        }
        let line = self.line_of(pos);
        let (cstart, bstart) = (self.line_starts[line - 1], self.line_byte_starts[line - 1]);
        self.text[bstart..]
            .char_indices()
            .nth(pos.0 - cstart)
            .map_or(self.text.len(), |(b, _)| bstart + b)
    }

    /// The text of a char range (clamped to the text).
    pub fn slice(&self, range: CharRange) -> &str {
        let a = self.byte_of(range.start);
        let b = self.byte_of(range.end).max(a);
        &self.text[a..b]
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, n: usize) -> &str {
        match self.line_range(n) {
            Some(r) => self.slice(r),
            None => "",
        }
    }

    /// Effective direction: the override, or what the text as a whole says.
    /// The document's direction (which side numbers and stripes go):
    /// the override, or what the text as a whole says.
    pub fn is_rtl(&self) -> bool {
        match self.direction {
            Direction::Ltr => false,
            Direction::Rtl => true,
            Direction::Auto => self.mostly_rtl,
        }
    }

    /// Paragraph direction of a 1-based line: the override, or the first
    /// strong char after the speaker label (the document's, if none).
    pub fn line_is_rtl(&self, line: usize) -> bool {
        match self.direction {
            Direction::Ltr => false,
            Direction::Rtl => true,
            Direction::Auto => line
                .checked_sub(1)
                .and_then(|i| self.line_rtl.get(i))
                .copied()
                .unwrap_or(self.mostly_rtl),
        }
    }

    /// A short label for citing, e.g. the participant variable or the name.
    pub fn cite_label(&self) -> &str {
        self.variables
            .get("participant")
            .map(String::as_str)
            .unwrap_or(&self.name)
    }
}
