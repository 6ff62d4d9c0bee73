//! What every format version loads into: the project's parts as lists, so
//! that duplicate IDs in a damaged file can be seen and reported before the
//! project is built (`validate`). Also the cheap sniffing of a file's format
//! name and version.

use crate::model::*;

pub const FORMAT_NAME: &str = "strata.project";
/// Version written by this build. Bump it, freeze the old shape in its own
/// module and add a migration when the format changes.
pub const FORMAT_VERSION: u32 = 2;

/// A project as read from any version of the file, not yet validated.
pub struct Parts {
    pub id: ProjectId,
    pub name: String,
    pub level_names: Vec<String>,
    pub level_count: usize,
    pub interviewer_labels: Vec<String>,
    pub coders: Vec<Coder>,
    pub groups: Vec<DocGroup>,
    pub documents: Vec<Document>,
    pub roots: Vec<CodeId>,
    pub codes: Vec<Code>,
    pub codings: Vec<Coding>,
    pub memos: Vec<Memo>,
    pub set_aside: SetAside,
}

/// A version number as written in the file: one too large for any number
/// type is still a version, and a newer one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Version(u32),
    TooLarge,
}

/// Find `version: N` near the top without parsing the whole file, so that a
/// file from a newer Strata is refused even if this build cannot parse it.
pub fn sniff_version(text: &str) -> Option<Sniffed> {
    text.lines().take(40).find_map(|line| {
        let rest = line.trim().strip_prefix("version:")?;
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

pub fn sniff_format(text: &str) -> Option<String> {
    text.lines().take(40).find_map(|line| {
        let rest = line.trim().strip_prefix("format:")?;
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
