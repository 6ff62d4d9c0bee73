//! Project files: one JSON file per project (RON up to version 2), saved
//! atomically with a backup, guarded by a lock file.

mod format;
mod lock;
pub mod v1;
pub mod v2;
mod validate;

pub use format::{FORMAT_NAME, FORMAT_VERSION, Parts};
pub use lock::{Lock, LockError, lock_path};
pub use validate::Problem;

use crate::model::Project;
use format::Sniffed;
use std::fs;
use std::io::Write;
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
        "{path}: line {line}, column {col}: {msg}. The file is damaged or was edited by hand; restore it from {path}.bak if you have one"
    )]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        msg: String,
    },
    #[error("{path}: not a Strata project file (it is not UTF-8 text)")]
    NotText { path: PathBuf },
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
        "{path}: JSON text that says format version {found}, but versions 1 and 2 are RON text; the file is damaged or was made by another program. Restore it from {path}.bak if you have one"
    )]
    JsonOld { path: PathBuf, found: u32 },
    #[error("could not serialise the project: {0}")]
    Serialise(String),
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
    };
    let json_err = |e: serde_json::Error| StoreError::Parse {
        path: path_buf.clone(),
        line: e.line(),
        col: e.column(),
        msg: e.to_string(),
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
    let bytes = fs::read(path).map_err(io(path))?;
    let text = simdutf8::basic::from_utf8(&bytes).map_err(|_| StoreError::NotText {
        path: path.to_path_buf(),
    })?;
    from_str(text, path)
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

/// Keep the file at `path` as its `.bak`, atomically: the backup is a second
/// name for the old file (a hard link, so no copy of a large project),
/// renamed into place; where hard links are not possible, a copy written to
/// a temporary name and renamed. Either way `path` itself is untouched.
fn keep_backup_of(path: &Path, dir: &Path, name: &str) -> Result<(), StoreError> {
    let bak = backup_path(path);
    let tmp = dir.join(format!(".{name}.bak-{}", std::process::id()));
    // A leftover of a crashed save, if any: in the way of the link.
    if let Err(e) = fs::remove_file(&tmp)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        return Err(io(&tmp)(e));
    }
    if fs::hard_link(path, &tmp).is_err() {
        let mut f = fs::File::create(&tmp).map_err(io(&tmp))?;
        let mut src = fs::File::open(path).map_err(io(path))?;
        std::io::copy(&mut src, &mut f).map_err(io(&tmp))?;
        f.sync_all().map_err(io(&tmp))?;
    }
    fs::rename(&tmp, &bak).map_err(io(&bak))
}

/// Path of the backup kept beside a project file.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
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
    keep_older(path)?;
    write_atomic(path, text.as_bytes(), true)
}

fn keep_older(path: &Path) -> Result<(), StoreError> {
    // Only a readable Strata file of an older version is kept; anything
    // else is the ordinary backup's business.
    let Ok(head) = head_of(path) else {
        return Ok(());
    };
    let Some(Sniffed::Version(v)) = format::sniff_version(&head) else {
        return Ok(());
    };
    // Older versions are RON; a JSON file saying otherwise is not one.
    if v == 0
        || v >= FORMAT_VERSION
        || format::is_json(&head)
        || format::sniff_format(&head).as_deref() != Some(FORMAT_NAME)
    {
        return Ok(());
    }
    let bak = older_backup_path(path, v);
    if bak.exists() {
        return Ok(());
    }
    let old = fs::read(path).map_err(io(path))?;
    write_atomic(&bak, &old, false)
}

/// The atomic write behind `save`, for any output file.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StoreError> {
    if keep_backup
        && path.exists()
        && let Ok(Some(v)) = sniff_file(path)
        && format::is_newer(v)
    {
        return Err(newer(path, v));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp).map_err(io(&tmp))?;
        f.write_all(bytes).map_err(io(&tmp))?;
        f.sync_all().map_err(io(&tmp))?;
        drop(f);
        if keep_backup && path.exists() {
            keep_backup_of(path, &dir, &name)?;
        }
        fs::rename(&tmp, path).map_err(io(path))?;
        // Make the rename itself durable. Some systems cannot sync a
        // folder (Windows cannot open one as a file); the file itself is
        // already synced and renamed, so there is nothing to report.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        // The error that stopped the save is the one to report; the
        // temporary file may not even exist.
        let _ = fs::remove_file(&tmp);
    }
    result
}
