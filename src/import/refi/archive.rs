//! A .qdpx archive read with suspicion: every entry's name and sizes are
//! checked before anything is inflated, and each entry is read through a
//! capped reader (the sizes an archive declares can lie). Nothing is ever
//! written to disk, but a path that would escape a folder is refused all
//! the same: such an archive was made to attack someone.

use std::io::{Cursor, Read};

/// Most text one entry may inflate to.
pub const MAX_ENTRY: u64 = 256 * 1024 * 1024;
/// Most the whole archive may inflate to.
pub const MAX_TOTAL: u64 = 1024 * 1024 * 1024;
/// Text compresses some 3 to 10 times; past this an entry is a bomb.
/// (Small entries are let through: a run of spaces compresses far.)
pub const MAX_RATIO: u64 = 200;
const RATIO_FLOOR: u64 = 1024 * 1024;
/// More entries than any project has sources.
pub const MAX_ENTRIES: usize = 100_000;

/// Why an archive was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Hostile {
    #[error(
        "its path leaves the archive's folder ('..' or an absolute path), as a zip-slip attack does"
    )]
    ZipSlip,
    #[error("it inflates to more than {} MiB", MAX_ENTRY / (1024 * 1024))]
    EntryTooLarge,
    #[error("the archive inflates to more than {} MiB in all", MAX_TOTAL / (1024 * 1024))]
    TotalTooLarge,
    #[error(
        "it inflates {ratio} times its packed size, as a zip bomb does (text packs at most some 10 times)"
    )]
    Ratio { ratio: u64 },
    #[error("the archive has more than {MAX_ENTRIES} entries")]
    TooManyEntries,
    #[error(
        "it inflates to more than the {declared} bytes the archive declares: the file is damaged; export it again from the program that made it"
    )]
    SizeLie { declared: u64 },
}

/// What went wrong reading the archive (the caller adds the file's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    NotZip(String),
    Hostile { entry: String, why: Hostile },
    Damaged { entry: String, msg: String },
}

pub struct Archive {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    /// Entry names, as written, by index.
    names: Vec<String>,
    /// Index of each name as `find` compares them (first entry wins): one
    /// lookup per source, not a scan of every entry.
    by_key: std::collections::HashMap<String, usize>,
    /// Bytes inflated so far, against `MAX_TOTAL`.
    inflated: u64,
}

fn slips(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/')
        || n.as_bytes().get(1) == Some(&b':')
        || n.contains('\0')
        || n.split('/').any(|part| part == "..")
}

/// An entry's name as `find` compares it: `/` for `\\`, lower case.
fn entry_key(name: &str) -> String {
    name.replace('\\', "/").to_lowercase()
}

impl Archive {
    /// Open and check every entry's name and declared sizes.
    pub fn open(bytes: Vec<u8>) -> Result<Self, ArchiveError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ArchiveError::NotZip(e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(ArchiveError::Hostile {
                entry: String::new(),
                why: Hostile::TooManyEntries,
            });
        }
        let mut names = Vec::with_capacity(zip.len());
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let f = zip.by_index_raw(i).map_err(|e| ArchiveError::Damaged {
                entry: format!("#{i}"),
                msg: e.to_string(),
            })?;
            let name = String::from_utf8_lossy(f.name_raw()).into_owned();
            let hostile = |why| ArchiveError::Hostile {
                entry: name.clone(),
                why,
            };
            if slips(&name) {
                return Err(hostile(Hostile::ZipSlip));
            }
            if f.size() > MAX_ENTRY {
                return Err(hostile(Hostile::EntryTooLarge));
            }
            let ratio = f.size() / f.compressed_size().max(1);
            if f.size() > RATIO_FLOOR && ratio > MAX_RATIO {
                return Err(hostile(Hostile::Ratio { ratio }));
            }
            total = total.saturating_add(f.size());
            if total > MAX_TOTAL {
                return Err(hostile(Hostile::TotalTooLarge));
            }
            names.push(name);
        }
        let mut by_key = std::collections::HashMap::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            by_key.entry(entry_key(n)).or_insert(i);
        }
        Ok(Self {
            zip,
            names,
            by_key,
            inflated: 0,
        })
    }

    /// The entry whose path is `path`, compared without regard to case
    /// (NVivo writes `Sources/`, others `sources/`) or `\` for `/`.
    pub fn find(&self, path: &str) -> Option<usize> {
        let want = entry_key(path.replace('\\', "/").trim_start_matches("./"));
        self.by_key.get(&want).copied()
    }

    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }

    /// Inflate one entry, at most `MAX_ENTRY` bytes, at most its declared
    /// size, and at most what is left of `MAX_TOTAL`.
    pub fn read(&mut self, index: usize) -> Result<Vec<u8>, ArchiveError> {
        let entry = self.name(index).to_string();
        let damaged = |msg: String| ArchiveError::Damaged {
            entry: entry.clone(),
            msg,
        };
        let hostile = |why| ArchiveError::Hostile {
            entry: entry.clone(),
            why,
        };
        let file = self
            .zip
            .by_index(index)
            .map_err(|e| damaged(e.to_string()))?;
        let declared = file.size();
        let compressed = file.compressed_size().max(1);
        let cap = MAX_ENTRY.min(MAX_TOTAL.saturating_sub(self.inflated));
        let mut out = Vec::with_capacity(declared.min(cap).min(64 * 1024 * 1024) as usize);
        let mut chunk = vec![0u8; 64 * 1024];
        let mut file = file.take(cap.saturating_add(1));
        loop {
            match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // The zip reader refuses to read past the declared size.
                Err(e)
                    if e.kind() == std::io::ErrorKind::InvalidData
                        && (out.len() + chunk.len()) as u64 > declared =>
                {
                    return Err(hostile(Hostile::SizeLie { declared }));
                }
                Err(e) => return Err(damaged(e.to_string())),
            }
            let len = out.len() as u64;
            if len > declared {
                return Err(hostile(Hostile::SizeLie { declared }));
            }
            if len > cap {
                return Err(hostile(if cap < MAX_ENTRY {
                    Hostile::TotalTooLarge
                } else {
                    Hostile::EntryTooLarge
                }));
            }
            if len > RATIO_FLOOR && len / compressed > MAX_RATIO {
                return Err(hostile(Hostile::Ratio {
                    ratio: len / compressed,
                }));
            }
        }
        self.inflated = self.inflated.saturating_add(out.len() as u64);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_folder_are_caught() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:/x",
            "a\\..\\x",
            "\\x",
        ] {
            assert!(slips(bad), "{bad}");
        }
        for ok in ["project.qde", "Sources/a.txt", "sources/..a.txt", "a..b/c"] {
            assert!(!slips(ok), "{ok}");
        }
    }
}
