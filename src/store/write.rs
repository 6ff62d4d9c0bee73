//! Writing files without losing the old one: a temporary file in the same
//! folder, fsynced, then renamed over the original, which may first be kept
//! as `.bak` (itself put in place by a rename, never half written). The
//! file's mode and group survive; a read-only file, a special file or a
//! symlinked project's target are handled on purpose, never by accident.

use super::{StoreError, io};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file a path stands for: a symlink is followed (once, here), so that
/// the lock and the save reach the shared file rather than replacing the
/// link with a private copy.
pub fn resolve(path: &Path) -> Result<PathBuf, StoreError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|source| StoreError::BadLink {
                path: path.to_path_buf(),
                target: fs::read_link(path).unwrap_or_default(),
                source,
            })
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// Path of the backup kept beside a project file.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

fn dir_and_name(path: &Path) -> (PathBuf, String) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    (dir, name)
}

/// May `path` be replaced? It must be a regular file that is not read-only,
/// or not exist. Returns its metadata, to copy its mode and group.
fn replaceable(path: &Path) -> Result<Option<fs::Metadata>, StoreError> {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(StoreError::NotRegular {
            path: path.to_path_buf(),
        }),
        Ok(m) if m.permissions().readonly() => Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        }),
        // Writable by its mode, but perhaps not by us (another user's
        // file in a shared folder): replacing it by a rename would still
        // work, and take it from its owner. Opening it for writing (not
        // truncating, so nothing changes) asks the system.
        Ok(m) => match fs::OpenOptions::new().write(true).open(path) {
            Ok(_) => Ok(Some(m)),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                })
            }
            Err(e) => Err(io(path)(e)),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path)(e)),
    }
}

/// A new file for the temporary copy: private until its mode is set, so
/// that confidential text is never readable by others, even briefly.
fn create_private(tmp: &Path, like: Option<&Model>) -> std::io::Result<fs::File> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if like.is_some() {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let f = o.open(tmp)?;
    if let Some(m) = like {
        keep_owner_and_mode(&f, m)?;
    }
    Ok(f)
}

/// Whose mode and group a new file takes.
enum Model {
    /// The file it replaces: its group must be kept, or nothing is written.
    Replaced(fs::Metadata),
    /// The project a new file comes from (its export, recovery file or
    /// older copy): as private as the project; its group if we may.
    Source(fs::Metadata),
    /// No model: readable by its owner alone.
    Private,
}

/// Give `f` the group and mode of its model. The group first: a change of
/// group can clear set-id bits that the mode then restores.
fn keep_owner_and_mode(f: &fs::File, model: &Model) -> std::io::Result<()> {
    let (m, strict) = match model {
        Model::Replaced(m) => (m, true),
        Model::Source(m) => (m, false),
        // Created 0600 already (unix); elsewhere modes do not apply.
        Model::Private => return Ok(()),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ours = f.metadata()?;
        if ours.gid() != m.gid()
            && let Err(e) = std::os::unix::fs::fchown(f, None, Some(m.gid()))
        {
            if !strict {
                // Not in the project's group: the file stays in ours, and
                // no one but us may read it.
                use std::os::unix::fs::PermissionsExt;
                return f.set_permissions(fs::Permissions::from_mode(m.mode() & 0o700 | 0o200));
            }
            return Err(e).map_err(|e: std::io::Error| {
                std::io::Error::new(
                    e.kind(),
                    format!(
                        "cannot give the new file the old one's group (id {}): {e}. Nothing was replaced",
                        m.gid()
                    ),
                )
            });
        }
    }
    if strict {
        return f.set_permissions(m.permissions());
    }
    // A file made from a read-only project (its recovery file, an export)
    // must still be writable by its owner, or the next autosave or export
    // would be refused.
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // Not its set-id bits: those belong to the project alone.
        f.set_permissions(fs::Permissions::from_mode(m.mode() & 0o777 | 0o200))
    }
    #[cfg(not(unix))]
    {
        let mut perms = m.permissions();
        perms.set_readonly(false);
        f.set_permissions(perms)
    }
}

/// Keep the file at `path` as its `.bak`, atomically: the backup is a second
/// name for the old file (a hard link, so no copy of a large project, and
/// the same mode and group), renamed into place; where hard links are not
/// possible, a copy written to a temporary name, synced and renamed. Either
/// way `path` itself is untouched, and the last backup is replaced only by
/// a complete one.
fn keep_backup_of(path: &Path, dir: &Path, name: &str) -> Result<(), StoreError> {
    let bak = backup_path(path);
    let tmp = dir.join(format!(".{name}.bak-{}", std::process::id()));
    // A leftover of a crashed save, if any: in the way of the link.
    if let Err(e) = fs::remove_file(&tmp)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        return Err(io(&tmp)(e));
    }
    let result = (|| {
        if fs::hard_link(path, &tmp).is_err() {
            let meta = fs::metadata(path).map_err(io(path))?;
            let mut f = create_private(&tmp, Some(&Model::Replaced(meta))).map_err(io(&tmp))?;
            let mut src = fs::File::open(path).map_err(io(path))?;
            std::io::copy(&mut src, &mut f).map_err(io(&tmp))?;
            f.sync_all().map_err(io(&tmp))?;
        }
        fs::rename(&tmp, &bak).map_err(io(&bak))
    })();
    if result.is_err() {
        // The error that stopped the backup is the one to report; the
        // temporary copy is useless and may not even exist.
        let _ = fs::remove_file(&tmp); // Ignored on purpose (see above).
    }
    result
}

/// The atomic write behind `save`, for any output file. `keep_backup`
/// keeps the replaced file as `.bak` (projects). A symlink is followed; a
/// read-only or special file is refused.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StoreError> {
    write_atomic_from(path, bytes, keep_backup, None)
}

/// `write_atomic` for a file made from the project at `source` (an
/// export, a recovery file, a copy for an older Strata): a new file is as
/// private as the project, so that a `chmod 600` study does not leak its
/// quotes through a world-readable export. An existing file keeps its own
/// mode and group.
pub fn write_atomic_from(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    source: Option<&Path>,
) -> Result<(), StoreError> {
    let model = source.and_then(|s| fs::metadata(s).ok()).map(Model::Source);
    write_modelled(path, bytes, keep_backup, model)
}

/// `write_atomic` for a file only its owner may read, if it is new (the
/// recovery file of a project that has no file yet).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_modelled(path, bytes, false, Some(Model::Private))
}

fn write_modelled(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    new_model: Option<Model>,
) -> Result<(), StoreError> {
    let path = &resolve(path)?;
    let old = match replaceable(path)? {
        Some(m) => Some(Model::Replaced(m)),
        None => new_model,
    };
    let exists = matches!(old, Some(Model::Replaced(_)));
    if keep_backup && exists {
        super::refuse_newer(path)?;
    }
    let (dir, name) = dir_and_name(path);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = create_private(&tmp, old.as_ref()).map_err(io(&tmp))?;
        f.write_all(bytes).map_err(io(&tmp))?;
        f.sync_all().map_err(io(&tmp))?;
        drop(f);
        if keep_backup && exists {
            keep_backup_of(path, &dir, &name)?;
        }
        fs::rename(&tmp, path).map_err(io(path))?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        // The error that stopped the save is the one to report; the
        // temporary file may not even exist.
        let _ = fs::remove_file(&tmp); // Ignored on purpose (see above).
    }
    result
}

/// Make a rename in `dir` durable. Some systems cannot sync a folder
/// (Windows cannot open one as a file; some network and FUSE file systems
/// refuse): there the file itself is synced and renamed, which is all they
/// offer. Any other failure (an I/O error) is reported.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    let Ok(d) = fs::File::open(dir) else {
        return Ok(());
    };
    match d.sync_all() {
        Err(e)
            if !matches!(
                e.kind(),
                std::io::ErrorKind::InvalidInput
                    | std::io::ErrorKind::Unsupported
                    | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            Err(io(dir)(e))
        }
        _ => Ok(()),
    }
}

/// Temporary files left beside a project by saves that were killed or lost
/// power: removed when the project is next opened or saved.
#[derive(Debug, Default)]
pub struct Swept {
    pub removed: Vec<PathBuf>,
    /// Those that could not be removed, with why.
    pub failed: Vec<(PathBuf, std::io::Error)>,
}

/// Could process `pid` have written a file last modified at `written`?
/// Linux tells whether it runs and since when: a pid reused by a younger
/// process, or a zombie, did not. Elsewhere only our own pid is known; the
/// callers hold the project's lock, so no other Strata is saving it.
pub(super) fn may_have_written(pid: u32, written: Option<std::time::SystemTime>) -> bool {
    // Linux tells even for our own pid, which a killed Strata may have
    // had before us (pids wrap around at 32768 on many systems).
    if !cfg!(target_os = "linux") {
        return pid == std::process::id();
    }
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // A thread's id has a /proc entry too, but a thread is not a process
    // that could have written the file under its own pid.
    let is_process = fs::read_to_string(format!("/proc/{pid}/status")).is_ok_and(|st| {
        st.lines()
            .find_map(|l| l.strip_prefix("Tgid:"))
            .is_some_and(|t| t.trim() == pid.to_string())
    });
    if !is_process {
        return false;
    }
    // Fields after the command name (which may hold spaces): state, then
    // the start time (field 22) is the 20th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    if matches!(fields.first(), Some(&"Z") | Some(&"X") | Some(&"x")) {
        return false;
    }
    let started = fields
        .get(19)
        .and_then(|t| t.parse::<u64>().ok())
        .zip(boot_time())
        // Clock ticks of 1/100 s (USER_HZ) on every Linux Strata runs on.
        .map(|(ticks, boot)| boot + std::time::Duration::from_millis(ticks * 10));
    match (started, written) {
        // Started (with a second's slack) after the file was last written.
        (Some(start), Some(w)) => start <= w + std::time::Duration::from_secs(1),
        _ => true,
    }
}

fn boot_time() -> Option<std::time::SystemTime> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let secs = stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
}

/// Remove the temporary files of interrupted saves of `project`:
/// `.NAME.tmp-PID`, `.NAME.bak-PID` (and those of its `.vN.bak`) whose
/// process is gone, and lock files of interrupted lock-taking
/// (`NAME.lock.TOKEN.tmp`) older than a minute. Call it holding the lock.
pub fn sweep_temps(project: &Path) -> Swept {
    let mut swept = Swept::default();
    let Ok(project) = resolve(project) else {
        return swept;
    };
    let (dir, name) = dir_and_name(&project);
    let Ok(entries) = fs::read_dir(&dir) else {
        return swept;
    };
    let hidden = format!(".{name}.");
    let lock_tmp = format!("{name}.lock.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let written = || entry.metadata().and_then(|m| m.modified()).ok();
        let stale = if let Some(rest) = file.strip_prefix(&hidden) {
            save_temp_pid(rest).is_some_and(|pid| !may_have_written(pid, written()))
        } else if let Some(rest) = file.strip_prefix(&lock_tmp) {
            // A lock file being made holds its maker's pid on line 1.
            let pid = fs::read_to_string(entry.path())
                .ok()
                .and_then(|t| t.lines().next().and_then(|l| l.trim().parse::<u32>().ok()));
            let old = written()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 60);
            rest.ends_with(".tmp") && (old || pid.is_some_and(|p| !may_have_written(p, written())))
        } else {
            false
        };
        if stale {
            let p = entry.path();
            match fs::remove_file(&p) {
                Ok(()) => swept.removed.push(p),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => swept.failed.push((p, e)),
            }
        }
    }
    swept
}

/// The pid in the name of a save's temporary file, given what follows
/// `.NAME.`: exactly `tmp-PID`, `bak-PID` or `vN.bak.tmp-PID` (so that an
/// export's `.NAME.csv.tmp-PID` or another project's files never match).
fn save_temp_pid(rest: &str) -> Option<u32> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let pid = match rest.strip_prefix('v') {
        Some(v) => {
            let (n, pid) = v.split_once(".bak.tmp-")?;
            digits(n).then_some(pid)?
        }
        None => rest
            .strip_prefix("tmp-")
            .or_else(|| rest.strip_prefix("bak-"))?,
    };
    if digits(pid) { pid.parse().ok() } else { None }
}

/// Are `a` and `b` the same file (following links)? False if either is
/// missing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
