//! Project files: one RON file per project, saved atomically with a backup,
//! guarded by a lock file.

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
    let version = format::sniff_version(text);
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
    let (format, version, parts) = match version {
        Some(Sniffed::Version(0)) => {
            return Err(StoreError::BadVersion {
                path: path_buf,
                found: 0,
            });
        }
        Some(Sniffed::Version(1)) => {
            let f: v1::File = ron::from_str(text).map_err(parse_err)?;
            (f.format, f.version, v1::migrate(f.project))
        }
        _ => {
            let f: v2::File = ron::from_str(text).map_err(parse_err)?;
            if f.version == 1 {
                // A version-1 file whose version sat where sniffing did not
                // look: read it as version 1, so that nothing is dropped.
                let f: v1::File = ron::from_str(text).map_err(parse_err)?;
                (f.format, f.version, v1::migrate(f.project))
            } else {
                (f.format, f.version, v2::into_parts(f.project))
            }
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
    let text = String::from_utf8(bytes).map_err(|_| StoreError::NotText {
        path: path.to_path_buf(),
    })?;
    from_str(&text, path)
}

/// The RON text of a project. Deterministic for the same project.
pub fn to_string(p: &Project) -> Result<String, StoreError> {
    let file = v2::File {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        project: v2::from_model(p),
    };
    let cfg = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ".to_string())
        .separate_tuple_members(false)
        .escape_strings(false);
    let body =
        ron::ser::to_string_pretty(&file, cfg).map_err(|e| StoreError::Serialise(e.to_string()))?;
    Ok(format!(
        "// Strata project file. Text is UTF-8; offsets are char indices.\n{body}\n"
    ))
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

/// The format version a project file says it has (None: none found).
pub fn file_version(path: &Path) -> Result<Option<u32>, StoreError> {
    let text = fs::read_to_string(path).map_err(io(path))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    Ok(match format::sniff_version(text) {
        Some(Sniffed::Version(v)) => Some(v),
        Some(Sniffed::TooLarge) => Some(u32::MAX),
        None => None,
    })
}

/// Where the last version-1 file is kept when a project is first saved in
/// version 2: `NAME.strata.v1.bak`.
pub fn v1_backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".v1.bak");
    PathBuf::from(s)
}

/// Save atomically: write a temporary file in the same folder, fsync it,
/// keep the old file as `.bak`, then rename over the original.
/// Refuses to overwrite a file written by a newer Strata. The first save
/// over a version-1 file keeps that file as `.v1.bak`, for older Strata.
pub fn save(p: &Project, path: &Path) -> Result<(), StoreError> {
    let text = to_string(p)?;
    keep_v1(path)?;
    write_atomic(path, text.as_bytes(), true)
}

fn keep_v1(path: &Path) -> Result<(), StoreError> {
    let bak = v1_backup_path(path);
    if bak.exists() {
        return Ok(());
    }
    // Only a readable Strata file of version 1 is kept; anything else is
    // the ordinary backup's business.
    let Ok(old) = fs::read(path) else {
        return Ok(());
    };
    let Ok(old_text) = std::str::from_utf8(&old) else {
        return Ok(());
    };
    let old_text = old_text.strip_prefix('\u{FEFF}').unwrap_or(old_text);
    if format::sniff_version(old_text) == Some(Sniffed::Version(1))
        && format::sniff_format(old_text).as_deref() == Some(FORMAT_NAME)
    {
        write_atomic(&bak, &old, false)?;
    }
    Ok(())
}

/// The atomic write behind `save`, for any output file.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StoreError> {
    if keep_backup
        && path.exists()
        && let Ok(old) = fs::read_to_string(path)
        && let Some(v) = format::sniff_version(old.strip_prefix('\u{FEFF}').unwrap_or(&old))
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
