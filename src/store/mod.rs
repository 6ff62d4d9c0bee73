//! Project files: one JSON file per project (RON up to version 2), saved
//! atomically with a backup, guarded by a lock file.

mod format;
mod guard;
mod lock;
mod restore;
pub mod v1;
pub mod v2;
mod validate;
mod write;

pub use format::{FORMAT_NAME, FORMAT_VERSION, Parts};
pub use guard::{Guarded, check_export_target, is_kept_beside_project, is_project_file};
pub use lock::{Ago, Lock, LockError, Unlocked, age, lock_path, since, unlock};
pub use restore::{
    Restore, backup_to_restore, before_damage_path, keep_before_damage, restore_backup,
};
pub use validate::{CodingProblem, Problem, ProblemKind};
pub use write::{
    Swept, backup_path, resolve, same_file, sweep_temps, write_atomic, write_atomic_from,
    write_private,
};

use crate::model::Project;
use format::Sniffed;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: line {line}, column {col}: {msg}. The file is damaged or was edited by hand. {restore}"
    )]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        msg: String,
        restore: Restore,
    },
    #[error("{path}: not a Strata project file (it is not UTF-8 text)")]
    NotText { path: PathBuf },
    #[error(
        "{path}: byte {offset} (line {line}) is not UTF-8 text, so the file is damaged (a disk or copying error, or an edit by another program). {restore}"
    )]
    BadByte {
        path: PathBuf,
        offset: usize,
        line: usize,
        restore: Restore,
    },
    #[error("{path}: not a Strata project file (format '{found}')")]
    NotStrata { path: PathBuf, found: String },
    #[error(
        "{path}: written by a newer Strata (format version {found}; this build reads up to {supported}). Update Strata to open it; the file was not changed"
    )]
    Newer {
        path: PathBuf,
        found: String,
        supported: u32,
    },
    #[error(
        "{path}: format version {found} does not exist (versions start at 1); the file is damaged"
    )]
    BadVersion { path: PathBuf, found: u32 },
    #[error(
        "{path}: JSON text that says format version {found}, but versions 1 and 2 are RON text; the file is damaged or was made by another program. {restore}"
    )]
    JsonOld {
        path: PathBuf,
        found: u32,
        restore: Restore,
    },
    #[error("{path}: is a link to {target}, which cannot be reached: {source}")]
    BadLink {
        path: PathBuf,
        target: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: not a regular file (a folder, device or pipe); Strata writes only regular files. Choose another name (or - for standard output)"
    )]
    NotRegular { path: PathBuf },
    #[error(
        "{path}: the file is read-only, so Strata does not replace it. Make it writable (chmod u+w) if it should change, or save under another name"
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "{path}: the project loads whole, so it is not damaged; its backup holds older work and was not put in its place. Add --force to restore the backup anyway (this file is then kept as .damaged)"
    )]
    NotDamaged { path: PathBuf },
    #[error(
        "{path}: there is no backup (.bak) beside it to restore; restore it from version control or your own copy"
    )]
    NoBackup { path: PathBuf },
    #[error("{path}: is {what}; an export never writes over it. Choose another output file")]
    ExportOverProject { path: PathBuf, what: Guarded },
    #[error("could not serialise the project: {0}")]
    Serialise(String),
}

impl StoreError {
    /// For a damaged file: where its backup is, if anywhere.
    pub fn restore(&self) -> Option<&Restore> {
        match self {
            StoreError::Parse { restore, .. }
            | StoreError::BadByte { restore, .. }
            | StoreError::JsonOld { restore, .. } => Some(restore),
            _ => None,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn newer(path: &Path, v: Sniffed) -> StoreError {
    StoreError::Newer {
        path: path.to_path_buf(),
        found: match v {
            Sniffed::Version(n) => n.to_string(),
            Sniffed::TooLarge => "too large to read".to_string(),
        },
        supported: FORMAT_VERSION,
    }
}

/// Parse a project from text: any version up to this build's, migrated to
/// the current model. `path` is only used in messages.
pub fn from_str(text: &str, path: &Path) -> Result<(Project, Vec<Problem>), StoreError> {
    let path_buf = path.to_path_buf();
    // A BOM added by an editor is not part of the file's content.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let version = format::version_of(text);
    if let Some(v) = version
        && format::is_newer(v)
    {
        return Err(newer(path, v));
    }
    if let Some(f) = format::sniff_format(text)
        && f != FORMAT_NAME
    {
        return Err(StoreError::NotStrata {
            path: path_buf,
            found: f,
        });
    }
    let parse_err = |e: ron::error::SpannedError| StoreError::Parse {
        path: path_buf.clone(),
        line: e.span.start.line,
        col: e.span.start.col,
        msg: e.code.to_string(),
        restore: Restore::for_file(path),
    };
    let json_err = |e: serde_json::Error| StoreError::Parse {
        path: path_buf.clone(),
        line: e.line(),
        col: e.column(),
        // serde_json ends its message with the place, which ours gives.
        msg: {
            let m = e.to_string();
            let place = format!(" at line {} column {}", e.line(), e.column());
            m.strip_suffix(&place).map_or(m.clone(), str::to_string)
        },
        restore: Restore::for_file(path),
    };
    if version == Some(Sniffed::Version(0)) {
        return Err(StoreError::BadVersion {
            path: path_buf,
            found: 0,
        });
    }
    let (format, version, parts) = if format::is_json(text) {
        // Version 3 on: version 2's shape, as JSON.
        let f: v2::File = serde_json::from_str(text).map_err(json_err)?;
        if (1..3).contains(&f.version) {
            return Err(StoreError::JsonOld {
                path: path_buf,
                found: f.version,
                restore: Restore::for_file(path),
            });
        }
        (f.format, f.version, v2::into_parts(f.project))
    } else if version == Some(Sniffed::Version(1)) {
        let f: v1::File = ron::from_str(text).map_err(parse_err)?;
        (f.format, f.version, v2::into_parts(v1::migrate(f.project)))
    } else {
        let f: v2::File = ron::from_str(text).map_err(parse_err)?;
        if f.version == 1 {
            // A version-1 file whose version sat where sniffing did not
            // look: read it as version 1, so that nothing is dropped.
            let f: v1::File = ron::from_str(text).map_err(parse_err)?;
            (f.format, f.version, v2::into_parts(v1::migrate(f.project)))
        } else {
            (f.format, f.version, v2::into_parts(f.project))
        }
    };
    if format != FORMAT_NAME {
        return Err(StoreError::NotStrata {
            path: path_buf,
            found: format,
        });
    }
    if version == 0 {
        return Err(StoreError::BadVersion {
            path: path_buf,
            found: 0,
        });
    }
    if version > FORMAT_VERSION {
        return Err(newer(path, Sniffed::Version(version)));
    }
    Ok(validate::build(parts))
}

/// Load a project file. Problems found are returned beside the project,
/// whose broken items are set aside.
pub fn load(path: &Path) -> Result<(Project, Vec<Problem>), StoreError> {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(StoreError::NotRegular {
                path: path.to_path_buf(),
            });
        }
        _ => {}
    }
    let bytes = fs::read(path).map_err(io(path))?;
    let text = simdutf8::basic::from_utf8(&bytes).map_err(|_| not_text(path, &bytes))?;
    from_str(text, path)
}

/// Why bytes that should be a project are not UTF-8: damage at a place
/// (when what comes before it is a Strata project), or not a project at all.
fn not_text(path: &Path, bytes: &[u8]) -> StoreError {
    let offset = match std::str::from_utf8(bytes) {
        Err(e) => e.valid_up_to(),
        Ok(_) => 0,
    };
    let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    // The bad byte may be in the first line: the rest of the head, read
    // lossily, still says what the file is; so does a backup beside it.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    if guard::names_strata(&head) || backup_path(path).is_file() {
        StoreError::BadByte {
            path: path.to_path_buf(),
            offset,
            line: before.matches('\n').count() + 1,
            restore: Restore::for_file(path),
        }
    } else {
        StoreError::NotText {
            path: path.to_path_buf(),
        }
    }
}

/// The file text of a project: pretty-printed JSON, one field per line, so
/// that git can diff and merge it. Deterministic for the same project.
pub fn to_string(p: &Project) -> Result<String, StoreError> {
    let file = v2::File {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        project: v2::from_model(p),
    };
    let mut body =
        serde_json::to_string_pretty(&file).map_err(|e| StoreError::Serialise(e.to_string()))?;
    body.push('\n');
    Ok(body)
}

/// The first bytes of a file as text: enough to sniff its format and
/// version without reading a project of hundreds of megabytes.
fn head_of(path: &Path) -> Result<String, std::io::Error> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    fs::File::open(path)?.take(4096).read_to_end(&mut head)?;
    let whole = head.len() < 4096;
    let text = match std::str::from_utf8(&head) {
        Ok(t) => t,
        // Cut inside a character, or not text at all: keep what is text.
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    // A line cut at the end of the head could read `12` as `1`: drop it.
    let text = match text.rfind('\n') {
        Some(end) if !whole => &text[..end],
        _ => text,
    };
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text).to_string())
}

/// The version a file says it has: from its first bytes, or for a JSON
/// file whose `version` is not near the top, from the whole file.
fn sniff_file(path: &Path) -> Result<Option<Sniffed>, StoreError> {
    let head = head_of(path).map_err(io(path))?;
    match format::sniff_version(&head) {
        Some(v) => Ok(Some(v)),
        None if format::is_json(&head) => {
            let bytes = fs::read(path).map_err(io(path))?;
            Ok(simdutf8::basic::from_utf8(&bytes)
                .ok()
                .and_then(format::json_version))
        }
        None => Ok(None),
    }
}

/// The format version a project file says it has (None: none found).
pub fn file_version(path: &Path) -> Result<Option<u32>, StoreError> {
    Ok(match sniff_file(path)? {
        Some(Sniffed::Version(v)) => Some(v),
        Some(Sniffed::TooLarge) => Some(u32::MAX),
        None => None,
    })
}

/// Where a file of an older format version is kept when a project is
/// first saved in this build's version: `NAME.strata.v1.bak` for version 1,
/// `NAME.strata.v2.bak` for version 2, for the Strata that wrote it.
pub fn older_backup_path(path: &Path, version: u32) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".v{version}.bak"));
    PathBuf::from(s)
}

/// Save atomically: write a temporary file in the same folder, fsync it,
/// keep the old file as `.bak`, then rename over the original.
/// Refuses to overwrite a file written by a newer Strata. The first save
/// over a file of an older version keeps that file as `.vN.bak`, for the
/// older Strata.
pub fn save(p: &Project, path: &Path) -> Result<(), StoreError> {
    let text = to_string(p)?;
    let path = &resolve(path)?;
    keep_older(path)?;
    write_atomic(path, text.as_bytes(), true)?;
    // Leftovers of earlier interrupted saves. Failing to remove one does
    // not make this save fail; the next open reports it.
    sweep_temps(path);
    Ok(())
}

/// Refuse to replace a file written by a newer Strata.
fn refuse_newer(path: &Path) -> Result<(), StoreError> {
    if let Ok(Some(v)) = sniff_file(path)
        && format::is_newer(v)
    {
        return Err(newer(path, v));
    }
    Ok(())
}

fn keep_older(path: &Path) -> Result<(), StoreError> {
    // Only a readable Strata file of an older version is kept; anything
    // else is the ordinary backup's business.
    let Ok(head) = head_of(path) else {
        return Ok(());
    };
    // The version near the top, or (JSON whose keys a tool sorted, or put
    // on one line) at its top level: a version-3 file rewritten by `jq` is
    // still kept for the Strata that reads only version 3.
    let Ok(Some(Sniffed::Version(v))) = sniff_file(path) else {
        return Ok(());
    };
    // Versions 1 and 2 are RON; a JSON file saying it is one is not.
    if v == 0
        || v >= FORMAT_VERSION
        || (format::is_json(&head) && v < 3)
        || !guard::is_project_file(path)
    {
        return Ok(());
    }
    let bak = older_backup_path(path, v);
    if bak.exists() {
        return Ok(());
    }
    let old = fs::read(path).map_err(io(path))?;
    write_atomic_from(&bak, &old, false, Some(path))
}
