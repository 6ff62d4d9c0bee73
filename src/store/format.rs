//! What every format version loads into: the project's parts as lists, so
//! that duplicate IDs in a damaged file can be seen and reported before the
//! project is built (`validate`). Also the cheap sniffing of a file's format
//! name and version.
//!
//! Versions 1 and 2 are RON text. Version 3 has version 2's shape (the
//! structs of `v2`) written as JSON: a JSON parser reads it four times
//! faster than RON, and line endings changed by git or an editor cannot
//! reach the text inside its strings, where a line break is written `\n`.
//! Version 4 adds the project's text direction (absent: Auto), so that a
//! Strata that reads only version 3 refuses the file rather than drop it.
//! Version 5 adds the supervisor's review (`review`: comment threads,
//! verdicts, review points; absent when there is none), for the same
//! reason. Version 6 adds what other tools' projects carry: code sets
//! (`code_sets`), codes that cannot be applied (`codable: false`) and
//! group descriptions, each absent when unused. Version 7 adds monitored
//! social-media accounts (`accounts`, absent when there are none).
//! Version 8 adds maps (`maps`) and the creative-coding canvas's card
//! positions (`cards`), each absent when unused.

use crate::model::*;

pub const FORMAT_NAME: &str = "strata.project";
/// Version written by this build. Bump it, freeze the old shape in its own
/// module and add a migration when the format changes.
pub const FORMAT_VERSION: u32 = 8;

/// A project as read from any version of the file, not yet validated.
pub struct Parts {
    pub id: ProjectId,
    pub name: String,
    pub level_names: Vec<String>,
    pub level_count: usize,
    pub direction: Direction,
    pub interviewer_labels: Vec<String>,
    pub coders: Vec<Coder>,
    pub groups: Vec<DocGroup>,
    pub code_sets: Vec<CodeSet>,
    pub documents: Vec<Document>,
    pub roots: Vec<CodeId>,
    pub codes: Vec<Code>,
    pub codings: Vec<Coding>,
    pub memos: Vec<Memo>,
    pub set_aside: SetAside,
    pub review: Review,
    pub accounts: Vec<Account>,
    pub maps: Vec<Map>,
    pub cards: Cards,
}

/// A version number as written in the file: one too large for any number
/// type is still a version, and a newer one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Version(u32),
    TooLarge,
}

/// Is this file's text JSON (version 3 and later) rather than RON?
pub fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// The value after `key:` (RON) or `"key":` (JSON) on a line, if the line
/// starts with that key.
fn value_of<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let line = line.trim();
    let rest = match line.strip_prefix('"') {
        Some(quoted) => quoted.strip_prefix(key)?.strip_prefix('"')?,
        None => line.strip_prefix(key)?,
    };
    Some(rest.trim_start().strip_prefix(':')?.trim())
}

/// Find `version: N` near the top without parsing the whole file, so that a
/// file from a newer Strata is refused even if this build cannot parse it.
pub fn sniff_version(text: &str) -> Option<Sniffed> {
    text.lines().take(40).find_map(|line| {
        let rest = value_of(line, "version")?;
        let digits = rest.trim().trim_end_matches(',').trim();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(match digits.parse::<u32>() {
            Ok(v) => Sniffed::Version(v),
            Err(_) => Sniffed::TooLarge,
        })
    })
}

/// The version of a JSON file whose `version` is not near the top (its
/// keys sorted by a tool, or all on one line): the top level is read, the
/// rest skipped unparsed. None if it is not JSON or has no number there.
pub fn json_version(text: &str) -> Option<Sniffed> {
    #[derive(serde::Deserialize)]
    struct Head {
        version: Option<serde_json::Value>,
    }
    let head: Head = serde_json::from_str(text).ok()?;
    let serde_json::Value::Number(n) = head.version? else {
        return None;
    };
    match n.as_u64() {
        Some(v) => Some(u32::try_from(v).map_or(Sniffed::TooLarge, Sniffed::Version)),
        None => n
            .as_f64()
            .is_some_and(|f| f > 0.0)
            .then_some(Sniffed::TooLarge),
    }
}

/// A file's version: sniffed near the top, else (JSON) from its top level.
pub fn version_of(text: &str) -> Option<Sniffed> {
    sniff_version(text).or_else(|| {
        if is_json(text) {
            json_version(text)
        } else {
            None
        }
    })
}

pub fn sniff_format(text: &str) -> Option<String> {
    text.lines().take(40).find_map(|line| {
        let rest = value_of(line, "format")?;
        Some(
            rest.trim()
                .trim_end_matches(',')
                .trim()
                .trim_matches('"')
                .to_string(),
        )
    })
}

/// Is this (sniffed) version newer than this build reads?
pub fn is_newer(v: Sniffed) -> bool {
    match v {
        Sniffed::Version(n) => n > FORMAT_VERSION,
        Sniffed::TooLarge => true,
    }
}
