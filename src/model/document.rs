//! Documents: normalised text with a line index and speaker labels.

use super::ids::{CharPos, CharRange, DocId, GroupId};
use super::lines::{Derived, LineIndex, Speakers};
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

impl Direction {
    /// This direction, or `outer`'s where this one is Auto (a document's
    /// own choice wins over its project's).
    pub fn or(self, outer: Direction) -> Direction {
        match self {
            Direction::Auto => outer,
            d => d,
        }
    }
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
    speaker_pattern: String,
    #[serde(default)]
    pub stamp: super::Stamp,
    #[serde(skip)]
    char_count: usize,
    /// Derived, built on first use (see `lines`).
    #[serde(skip)]
    derived: Derived,
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
            char_count: 0,
            derived: Derived::default(),
        };
        doc.reindex();
        doc
    }

    /// Forget what was derived from the text and the speaker pattern, after
    /// either changed: the char count now, the lines when next used.
    pub fn reindex(&mut self) {
        self.char_count = self.text.chars().count();
        self.derived = Derived::default();
    }

    /// The regex that finds a line's speaker label.
    pub fn speaker_pattern(&self) -> &str {
        &self.speaker_pattern
    }

    /// Change the speaker pattern; the speakers are found again when next
    /// used. (Private field: nothing may change it without this reset.)
    pub fn set_speaker_pattern(&mut self, pattern: String) {
        self.speaker_pattern = pattern;
        self.reindex();
    }

    /// Build the line index, speakers and direction now (they are built on
    /// first use otherwise): for work that looks at every document, on all
    /// cores.
    pub fn index_lines(&self) {
        self.index();
        self.speakers();
        self.mostly_rtl();
    }

    fn index(&self) -> &LineIndex {
        self.derived.index(&self.text)
    }

    fn speakers(&self) -> &Speakers {
        self.derived.speakers(&self.text, &self.speaker_pattern)
    }

    fn mostly_rtl(&self) -> bool {
        self.derived.mostly_rtl(&self.text)
    }

    /// A document as read from a project file: the text as stored (`store`
    /// normalises it and checks its hash before use).
    pub fn from_file(id: DocId, name: String, text: String, stamp: super::Stamp) -> Self {
        let mut doc = Self::new(name, "");
        doc.id = id;
        doc.text = text;
        doc.source = Source::default();
        doc.stamp = stamp;
        doc.reindex();
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
        let old = (n != self.text).then(|| std::mem::replace(&mut self.text, n));
        self.reindex();
        old
    }

    /// Put back the text as it was stored (a text set aside is kept as it
    /// was found, not as normalising left it).
    pub(crate) fn restore_loaded_text(&mut self, text: String) {
        self.text = text;
        self.reindex();
    }

    pub fn char_count(&self) -> usize {
        self.char_count
    }

    pub fn line_count(&self) -> usize {
        self.index().starts.len()
    }

    /// The char range of 1-based line `n`, without its newline.
    pub fn line_range(&self, n: usize) -> Option<CharRange> {
        let i = n.checked_sub(1)?;
        let starts = &self.index().starts;
        let start = *starts.get(i)?;
        let end = match starts.get(i + 1) {
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
        match self.index().starts.binary_search(&pos.0) {
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
        self.speakers().labels.get(line.checked_sub(1)?)?.as_deref()
    }

    /// Byte offset of a char position (clamped to the text). This and
    /// `slice` are where char offsets meet UTF-8 bytes.
    pub fn byte_of(&self, pos: CharPos) -> usize {
        if pos.0 >= self.char_count {
            return self.text.len();
        }
        let line = self.line_of(pos);
        let index = self.index();
        let (cstart, bstart) = (index.starts[line - 1], index.byte_starts[line - 1]);
        self.text[bstart..]
            .char_indices()
            .nth(pos.0 - cstart)
            .map_or(self.text.len(), |(b, _)| bstart + b)
    }

    /// The text of a char range (clamped to the text).
    pub fn slice(&self, range: CharRange) -> &str {
        let a = self.byte_of(range.start);
        let b = if range.end.0 > range.start.0
            && self.line_of(range.start) == self.line_of(range.end)
        {
            // Within one line: on from the start, rather than again from
            // the line's start (a transcript's lines are whole paragraphs).
            self.text[a..]
                .char_indices()
                .nth(range.end.0 - range.start.0)
                .map_or(self.text.len(), |(b, _)| a + b)
        } else {
            self.byte_of(range.end)
        };
        &self.text[a..b.max(a)]
    }

    /// The text of 1-based lines `a..=b`, without the last one's newline
    /// ("" if out of range): by the line index, without counting chars.
    pub fn lines_text(&self, a: usize, b: usize) -> &str {
        let bytes = &self.index().byte_starts;
        let (Some(i), Some(j)) = (a.checked_sub(1), b.checked_sub(1)) else {
            return "";
        };
        let (Some(start), true) = (bytes.get(i), i <= j && j < bytes.len()) else {
            return "";
        };
        let end = bytes.get(j + 1).map_or(self.text.len(), |next| next - 1);
        self.text.get(*start..end).unwrap_or("")
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
        self.is_rtl_in(Direction::Auto)
    }

    /// `is_rtl` in a project whose direction is `project` (it applies when
    /// the document's own is Auto).
    pub fn is_rtl_in(&self, project: Direction) -> bool {
        match self.direction.or(project) {
            Direction::Ltr => false,
            Direction::Rtl => true,
            Direction::Auto => self.mostly_rtl(),
        }
    }

    /// Paragraph direction of a 1-based line: the override, or the first
    /// strong char after the speaker label (the document's, if none); see
    /// `text::paragraph_rtl`, the rule every view follows.
    pub fn line_is_rtl(&self, line: usize) -> bool {
        self.line_is_rtl_in(line, Direction::Auto)
    }

    /// `line_is_rtl` in a project whose direction is `project`.
    pub fn line_is_rtl_in(&self, line: usize, project: Direction) -> bool {
        let forced = match self.direction.or(project) {
            Direction::Ltr => Some(false),
            Direction::Rtl => Some(true),
            Direction::Auto => None,
        };
        let label_end = self.label_end(line);
        let fallback = self.is_rtl_in(project);
        crate::text::paragraph_rtl(self.line_text(line), label_end, forced, fallback)
    }

    /// Where a line's speaker label ends (bytes into the line; 0 without one).
    pub fn label_end(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.speakers().label_ends.get(i).copied())
            .unwrap_or(0)
    }

    /// Each labelled line's speaker label as a byte range of the text, in
    /// order (a label is what `label_end` skips: `P9:`, «مصاحبه‌کننده:»).
    pub fn label_spans(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let starts = &self.index().byte_starts;
        self.speakers()
            .label_ends
            .iter()
            .zip(starts)
            .filter(|(end, _)| **end > 0)
            .map(|(end, start)| *start..*start + *end)
    }

    /// The text of `range` without the speaker labels of the lines it
    /// touches (what a speaker said, e.g. for an in-vivo code's name),
    /// one line per line.
    pub fn text_without_labels(&self, range: CharRange) -> String {
        let (first, last) = self.lines_of(range);
        let mut pieces = Vec::new();
        for line in first..=last {
            let Some(whole) = self.line_range(line) else {
                continue;
            };
            let text = self.line_text(line);
            let label = text
                .get(..self.label_end(line))
                .map_or(0, |l| l.chars().count());
            let start = range.start.0.max(whole.start.0 + label);
            let end = range.end.0.min(whole.end.0);
            if start < end {
                pieces.push(self.slice(CharRange::new(start, end)));
            }
        }
        pieces.join("\n")
    }

    /// A short label for citing, e.g. the participant variable or the name.
    pub fn cite_label(&self) -> &str {
        self.variables
            .get("participant")
            .map(String::as_str)
            .unwrap_or(&self.name)
    }
}

// expect() here is on the tests' own fixed inputs: a panic is the test
// failing, with its message; no file or user data reaches it.
#[cfg(test)]
mod tests {
    // `expect` here is on values the test itself made, never on a file's
    // or a user's data: a failure is the test's finding.
    use super::*;

    #[test]
    fn text_without_labels_leaves_out_each_lines_speaker() {
        let d = Document::new("d", "P23: We post every day.\nP23: Persian too.\nno label");
        let all = CharRange::new(0, d.char_count);
        assert_eq!(
            d.text_without_labels(all),
            " We post every day.\n Persian too.\nno label"
        );
        // A selection inside the text after the label is kept as it is.
        let line = d.line_range(1).expect("line 1");
        let inner = CharRange::new(line.start.0 + 8, line.end.0);
        assert_eq!(d.text_without_labels(inner), "post every day.");
    }

    #[test]
    fn lines_text_is_the_lines_slice() {
        let d = Document::new("d", "یک\n\nسه three\nfour");
        for (a, b) in [(1, 1), (2, 2), (1, 3), (3, 4), (4, 4), (1, 4)] {
            let r = d.lines_range(a, b).expect("range");
            assert_eq!(d.lines_text(a, b), d.slice(r), "{a}-{b}");
        }
        assert_eq!(d.lines_text(0, 1), "");
        assert_eq!(d.lines_text(2, 1), "");
        assert_eq!(d.lines_text(4, 5), "");
    }

    #[test]
    fn persian_labels_are_left_out_too() {
        let d = Document::new("d", "مصاحبه‌کننده: چرا؟\nP1: ما «همه» را می‌گذاریم");
        let line = d.line_range(2).expect("line 2");
        assert_eq!(d.text_without_labels(line).trim(), "ما «همه» را می‌گذاریم");
    }
}
