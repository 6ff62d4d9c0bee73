//! Import of transcripts (.txt, .md, .docx, .odt) and document variables.
//! Import never half-imports: every file is read and checked first, and the
//! result is one batch command.

pub mod codings;
mod decode;
mod office;
pub mod refi;
mod rows;

pub use decode::{DecodeError, Decoded, decode};
pub use office::{OfficeError, docx_text, odt_text};

use crate::edit::Command;
use crate::model::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Decode {
        path: PathBuf,
        #[source]
        source: DecodeError,
    },
    #[error("{path}: {source}")]
    Office {
        path: PathBuf,
        #[source]
        source: OfficeError,
    },
    #[error("{path}: unsupported file type '.{ext}' (Strata imports .txt, .md, .docx and .odt)")]
    Unsupported { path: PathBuf, ext: String },
    #[error("{path}: the file is empty (it has no text)")]
    Empty { path: PathBuf },
    #[error("{path}: not a regular file (a folder, device or pipe); Strata imports files only")]
    NotRegular { path: PathBuf },
    #[error(
        "{path}: {size_mib} MiB, more than the {cap_mib} MiB of text a transcript may have. Split it, or raise the limit with --max-size {suggest}"
    )]
    TooLarge {
        path: PathBuf,
        size_mib: u64,
        cap_mib: u64,
        suggest: u64,
    },
    #[error(
        "{path}: {size_mib} MiB, more than the {cap_mib} MiB a .docx or .odt may be (four times the {text_mib} MiB of text a transcript may have). Raise the limit with --max-size {suggest} if its pictures make it this large"
    )]
    ArchiveTooLarge {
        path: PathBuf,
        size_mib: u64,
        cap_mib: u64,
        text_mib: u64,
        suggest: u64,
    },
    #[error(
        "{path}: a document named '{name}' is already in the project (rename the file or the document)"
    )]
    NameTaken { path: PathBuf, name: String },
    #[error("speaker pattern '{pattern}' is not a valid regular expression: {msg}")]
    BadPattern { pattern: String, msg: String },
    #[error("{path}, line {line}: {msg}")]
    Csv {
        path: PathBuf,
        line: u64,
        msg: String,
    },
}

#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Encoding label that overrides detection for text files.
    pub encoding: Option<String>,
    /// Speaker-label regex; the first capture group is the label.
    pub speaker_pattern: Option<String>,
    pub direction: Direction,
    /// Most text a transcript may have, in MiB (default `DEFAULT_MAX_MIB`).
    pub max_mib: Option<u64>,
}

/// A transcript's text is capped, so that a mistaken or hostile file (a
/// log, a dump, a zip bomb) cannot fill memory and the project.
pub const DEFAULT_MAX_MIB: u64 = 64;

pub(crate) const MIB: u64 = 1024 * 1024;

impl ImportOptions {
    fn cap(&self) -> u64 {
        self.max_mib.unwrap_or(DEFAULT_MAX_MIB).saturating_mul(MIB)
    }
}

/// The bytes of a file to import: refused unless it is a regular file
/// (a FIFO would block, a device never end) of at most `cap` bytes.
/// `per_text` is how many bytes of file a byte of text may take (4 for
/// an archive, which may hold pictures too).
pub(crate) fn read_capped(
    path: &Path,
    text_cap: u64,
    per_text: u64,
) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let cap = text_cap.saturating_mul(per_text);
    let too_large = |size: u64| {
        let (size_mib, text_mib) = (size.div_ceil(MIB), text_cap / MIB);
        let suggest = size.div_ceil(per_text).div_ceil(MIB).max(text_mib + 1);
        if per_text == 1 {
            ImportError::TooLarge {
                path: path.to_path_buf(),
                size_mib,
                cap_mib: text_mib,
                suggest,
            }
        } else {
            ImportError::ArchiveTooLarge {
                path: path.to_path_buf(),
                size_mib,
                cap_mib: cap / MIB,
                text_mib,
                suggest,
            }
        }
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ImportError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > cap {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Bounded: the file may grow while it is read.
    std::fs::File::open(path)
        .and_then(|f| f.take(cap.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Read one file into a document (not yet added to any project).
pub fn read_document(path: &Path, opts: &ImportOptions) -> Result<Document, ImportError> {
    let cap = opts.cap();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let office = |source| ImportError::Office {
        path: path.to_path_buf(),
        source,
    };
    let (text, encoding) = match ext.as_str() {
        "txt" | "md" | "text" | "markdown" => {
            let bytes = read_capped(path, cap, 1)?;
            let d =
                decode(&bytes, opts.encoding.as_deref()).map_err(|source| ImportError::Decode {
                    path: path.to_path_buf(),
                    source,
                })?;
            let encoding = match d.replaced_lines.as_slice() {
                [] => d.encoding,
                lines => {
                    // The first few, and how many more: this is kept in
                    // the project as the document's source.
                    let mut named: Vec<String> =
                        lines.iter().take(10).map(|l| l.to_string()).collect();
                    if lines.len() > 10 {
                        named.push(format!("and {} more", lines.len() - 10));
                    }
                    format!(
                        "{}; bytes that are not UTF-8 shown as \u{FFFD} on line(s) {}",
                        d.encoding,
                        named.join(", ")
                    )
                }
            };
            (d.text, encoding)
        }
        // The archive may hold pictures too: it may be larger than the
        // text, and its text part is capped when it is inflated.
        "docx" => {
            let bytes = read_capped(path, cap, 4)?;
            (
                office::docx_text_capped(&bytes, cap).map_err(office)?,
                "docx".to_string(),
            )
        }
        "odt" => {
            let bytes = read_capped(path, cap, 4)?;
            (
                office::odt_text_capped(&bytes, cap).map_err(office)?,
                "odt".to_string(),
            )
        }
        _ => {
            return Err(ImportError::Unsupported {
                path: path.to_path_buf(),
                ext,
            });
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    if text.len() as u64 > cap {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size_mib: (text.len() as u64).div_ceil(MIB),
            cap_mib: cap / MIB,
            suggest: (text.len() as u64).div_ceil(MIB),
        });
    }
    // A file's name may hold line breaks or bidi overrides, which have no
    // place in a document's name: they are left out.
    let name = path
        .file_stem()
        .map(|s| crate::edit::check::clean_name(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "document".into());
    let mut doc = Document::new(name, &text);
    doc.source.file_name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    doc.source.encoding = encoding;
    doc.direction = opts.direction;
    if let Some(pat) = &opts.speaker_pattern {
        regex::Regex::new(pat).map_err(|e| ImportError::BadPattern {
            pattern: pat.clone(),
            msg: e.to_string(),
        })?;
        doc.set_speaker_pattern(pat.clone());
    }
    Ok(doc)
}

/// Read every file, check them all, and return one command that adds them.
/// On any failure nothing is returned, so the project stays unchanged.
pub fn import_files(
    project: &Project,
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> Result<Command, ImportError> {
    let mut names: BTreeSet<String> = project.documents.iter().map(|d| d.name.clone()).collect();
    let mut cmds = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let mut doc = read_document(path, opts)?;
        // Imported by whoever is coding now.
        doc.stamp = crate::model::Stamp::now(project.actor());
        if !names.insert(doc.name.clone()) {
            return Err(ImportError::NameTaken {
                path: path.clone(),
                name: doc.name,
            });
        }
        cmds.push(Command::InsertDocument {
            index: project.documents.len() + i,
            document: Box::new(doc),
            codings: vec![],
            memos: vec![],
        });
    }
    Ok(Command::Batch {
        label: crate::edit::Step::Import {
            documents: paths.len(),
        },
        commands: cmds,
    })
}

/// Document variables from a CSV whose first column names the document:
/// `document,participant,group,minutes,…`. Empty cells are skipped.
pub fn variables_from_csv(project: &Project, path: &Path) -> Result<Command, ImportError> {
    let bytes = read_capped(path, DEFAULT_MAX_MIB * MIB, 1)?;
    let text = decode(&bytes, None).map_err(|source| ImportError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    let csv_err = |line: u64, msg: String| ImportError::Csv {
        path: path.to_path_buf(),
        line,
        msg,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| csv_err(1, e.to_string()))?
        .clone();
    if let Some(i) = headers.iter().skip(1).position(|h| h.trim().is_empty()) {
        return Err(csv_err(
            1,
            format!(
                "column {} has no name in the header; every column after the first names a variable",
                i + 2
            ),
        ));
    }
    if headers.len() < 2 {
        return Err(csv_err(
            1,
            "the header needs a document column and at least one variable".into(),
        ));
    }
    let mut cmds = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| csv_err(line, e.to_string()))?;
        let name = rec.get(0).unwrap_or("").trim();
        let doc = project
            .document_by_name(name)
            .ok_or_else(|| csv_err(line, format!("no document named '{name}' in the project")))?;
        for (h, v) in headers.iter().zip(rec.iter()).skip(1) {
            if !v.trim().is_empty() {
                cmds.push(Command::SetVariable {
                    id: doc.id,
                    name: h.trim().to_string(),
                    value: Some(v.trim().to_string()),
                });
            }
        }
    }
    Ok(Command::Batch {
        label: crate::edit::Step::SetVariablesFromCsv,
        commands: cmds,
    })
}
