//! A lock file beside the project stops two processes editing it at once.
//! It holds the owner's pid and host, and the owner keeps an OS lock on it
//! (flock, LockFileEx) for as long as it runs. The OS drops that lock when
//! the process ends, crash or not, on every platform: a lock file whose OS
//! lock is free was left by a Strata that is gone, and is stale.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{path}: the project is open in another Strata (pid {pid} on {host}{}); the system confirms it. Close it there first", since(*made)
    )]
    Held {
        path: PathBuf,
        pid: u32,
        host: String,
        /// When the lock file was made, if the system says.
        made: Option<std::time::SystemTime>,
    },
    #[error(
        "{path}: the lock names pid {pid} on {host}{}, which may still be running, but the system cannot tell whether it is a Strata (the lock was written by an older Strata, or this folder has no OS locks). If no Strata has the project open (after a reboot the pid may belong to another program), `strata unlock` removes the lock", since(*made)
    )]
    Unconfirmed {
        path: PathBuf,
        pid: u32,
        host: String,
        made: Option<std::time::SystemTime>,
    },
    #[error(
        "{path}: a lock from a Strata that is no longer running (pid {pid}) was found; it can be taken over"
    )]
    Stale { path: PathBuf, pid: u32 },
    #[error("{path}: the folder {folder} does not exist; choose an existing folder")]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("{path}: no lock file; nothing to unlock")]
    NoLock { path: PathBuf },
    #[error("{path}: cannot create the lock file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Held while a project is open for editing; removed on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    /// Open, with the OS lock held, for the Lock's lifetime.
    _file: fs::File,
    /// The lock file's content, which names this lock alone (pid, host and
    /// a random token): on drop the file is removed only if it is still ours.
    content: String,
}

pub fn lock_path(project: &Path) -> PathBuf {
    let mut s = project.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

fn host() -> String {
    fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this machine".into())
}

/// What an existing lock file says, read through the handle that probes it.
struct Existing {
    pid: u32,
    host: String,
    /// Written by a build that takes the OS lock (it has a token line).
    takes_os_lock: bool,
    /// When the file was last written.
    made: Option<std::time::SystemTime>,
}

fn read_existing(file: &mut fs::File) -> Existing {
    use std::io::{Read, Seek};
    let mut content = String::new();
    // Unreadable (e.g. Windows, where a live lock cannot be read by others):
    // the OS lock still decides.
    if file.seek(std::io::SeekFrom::Start(0)).is_err() || file.read_to_string(&mut content).is_err()
    {
        content.clear();
    }
    let mut lines = content.lines();
    let pid = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    let host = lines.next().unwrap_or("").trim().to_string();
    let takes_os_lock = lines.next().is_some_and(|l| !l.trim().is_empty());
    Existing {
        pid,
        host,
        takes_os_lock,
        made: file.metadata().and_then(|m| m.modified()).ok(),
    }
}

/// Is a running process still behind a lock file whose OS lock we just
/// took (so no build that takes OS locks holds it)? Only a lock written by
/// an older build, which took no OS lock, can still be live: on Linux its
/// pid says; elsewhere it cannot be told, and it is taken as live.
fn old_owner_running(e: &Existing) -> bool {
    if e.takes_os_lock || e.pid == 0 {
        return false;
    }
    alive_here(e)
}

/// Is the owner a lock file names (pid and host) perhaps still running?
/// Another host, or a system that cannot tell: yes. On Linux: if its pid
/// runs a process that started before the lock was made (a pid reused
/// after a reboot is not the owner).
fn alive_here(e: &Existing) -> bool {
    e.host != host() || !cfg!(target_os = "linux") || super::write::may_have_written(e.pid, e.made)
}

/// A lock file with no owner written in it yet, made less than this long
/// ago, may be another Strata's, in the instant between claiming the name
/// and renaming its lock over it (where hard links are not possible).
const BEING_MADE: std::time::Duration = std::time::Duration::from_secs(2);

/// Our lock file, complete (content written, OS lock taken), under a
/// temporary name beside the real one: it appears under the real name in
/// one step, never empty.
fn prepare(path: &Path, content: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
    let tmp = PathBuf::from(tmp);
    let mut f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    let written = f.write_all(content.as_bytes()).and_then(|()| f.sync_all());
    if let Err(e) = written {
        // Ignored on purpose: the temporary file is ours and useless now;
        // the write error is the one to report.
        let _ = fs::remove_file(&tmp); // see the comment above
        return Err(e);
    }
    // Nobody else knows this file yet, so this does not wait. Where the
    // file system has no OS locks, the pid in the file still speaks.
    let _no_os_locks = f.lock();
    Ok((tmp, f))
}

impl Lock {
    /// Take the lock. A stale lock is taken over only if `take_stale`.
    pub fn acquire(project: &Path, take_stale: bool) -> Result<Lock, LockError> {
        // A symlinked project is locked where it is saved: at its target.
        let project = &super::resolve(project).map_err(|e| LockError::Io {
            path: lock_path(project),
            source: std::io::Error::other(e.to_string()),
        })?;
        let path = lock_path(project);
        // Said plainly, rather than as a lock file that cannot be made.
        if let Some(dir) = project.parent().filter(|d| !d.as_os_str().is_empty())
            && fs::metadata(dir).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        {
            return Err(LockError::NoFolder {
                path: project.to_path_buf(),
                folder: dir.to_path_buf(),
            });
        }
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let content = format!(
            "{}\n{}\n{}\n",
            std::process::id(),
            host(),
            uuid::Uuid::new_v4().simple()
        );
        let (tmp, file) = prepare(&path, &content).map_err(io)?;
        let result = take(&path, &tmp, take_stale).map_err(|e| match e {
            Taken::Io(source) => io(source),
            Taken::Refused(e) => e,
        });
        // Ignored on purpose: the temporary name goes whatever happened
        // (after a rename it is gone already; a leftover is only clutter).
        let _ = fs::remove_file(&tmp); // see the comment above
        result.map(|()| Lock {
            path,
            _file: file,
            content,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

enum Taken {
    Io(std::io::Error),
    Refused(LockError),
}

impl From<std::io::Error> for Taken {
    fn from(e: std::io::Error) -> Self {
        Taken::Io(e)
    }
}

/// Put our complete lock file `tmp` in place at `path`: as a new name if
/// there is none, or over a stale one.
fn take(path: &Path, tmp: &Path, take_stale: bool) -> Result<(), Taken> {
    // Enough rounds to outwait a lock being made (50 ms each).
    for _ in 0..100 {
        match fs::hard_link(tmp, path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            // No hard links here (FAT, some network shares): claim the name
            // with an empty file, then put ours over it in one rename.
            Err(_) => match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(_) => return fs::rename(tmp, path).map_err(Taken::Io),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Taken::Io(e)),
            },
        }
        // A lock file exists. Probe it through one handle, holding its OS
        // lock while deciding, so that no other Strata can decide the same
        // at the same time.
        let mut existing = match fs::OpenOptions::new().read(true).write(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(_) => match fs::File::open(path) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Taken::Io(e)),
            },
        };
        // Held for sure (the OS says so), or perhaps (only a pid speaks).
        let locked = existing.try_lock();
        // Read once, after the OS lock was tried (so under it, if taken).
        let seen = read_existing(&mut existing);
        let (held_by_other, confirmed) = match locked {
            Err(fs::TryLockError::WouldBlock) => (true, true),
            // No OS locks here: only the pid can speak.
            Err(fs::TryLockError::Error(_)) => (seen.pid != 0 && alive_here(&seen), false),
            Ok(()) => (old_owner_running(&seen), false),
        };
        // Empty and new: another Strata is making it. Wait for its owner's
        // name rather than take it over as stale.
        if !held_by_other
            && seen.pid == 0
            && seen
                .made
                .and_then(|m| m.elapsed().ok())
                .is_none_or(|age| age < BEING_MADE)
        {
            drop(existing);
            std::thread::sleep(std::time::Duration::from_millis(50));
            continue;
        }
        if held_by_other {
            let (path, pid, host, made) = (path.to_path_buf(), seen.pid, seen.host, made(path));
            return Err(Taken::Refused(if confirmed {
                LockError::Held {
                    path,
                    pid,
                    host,
                    made,
                }
            } else {
                LockError::Unconfirmed {
                    path,
                    pid,
                    host,
                    made,
                }
            }));
        }
        if !take_stale {
            return Err(Taken::Refused(LockError::Stale {
                path: path.to_path_buf(),
                pid: seen.pid,
            }));
        }
        // Still the file we probed (not replaced meanwhile)? Then ours
        // replaces it while its OS lock is still held by us.
        if same_file(path, &existing) {
            return fs::rename(tmp, path).map_err(Taken::Io);
        }
        // Replaced under us: look again.
    }
    Err(Taken::Io(std::io::Error::other(
        "the lock file keeps changing; another program is writing it",
    )))
}

fn made(path: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// How long ago, in whole units: for people, in either language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ago {
    Seconds(u64),
    Minutes(u64),
    Hours(u64),
    Days(u64),
}

/// When a lock file was made (local time, to the minute) and how long ago.
pub fn age(made: Option<std::time::SystemTime>) -> Option<(String, Ago)> {
    let made = made?;
    let at = chrono::DateTime::<chrono::Local>::from(made)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let secs = made.elapsed().map_or(0, |d| d.as_secs());
    let ago = match secs {
        0..60 => Ago::Seconds(secs),
        60..3600 => Ago::Minutes(secs / 60),
        3600..172_800 => Ago::Hours(secs / 3600),
        _ => Ago::Days(secs / 86_400),
    };
    Some((at, ago))
}

/// When a lock file was made, for a person deciding whether it is stale:
/// ", since 2026-11-30 10:02, 3 h ago", or nothing when unknown.
pub fn since(made: Option<std::time::SystemTime>) -> String {
    let Some((at, ago)) = age(made) else {
        return String::new();
    };
    let ago = match ago {
        Ago::Seconds(n) => format!("{n} s"),
        Ago::Minutes(n) => format!("{n} min"),
        Ago::Hours(n) => format!("{n} h"),
        Ago::Days(n) => format!("{n} days"),
    };
    format!(", since {at}, {ago} ago")
}

/// What `unlock` found and removed.
#[derive(Debug)]
pub struct Unlocked {
    pub path: PathBuf,
    pub pid: u32,
    pub host: String,
    pub made: Option<std::time::SystemTime>,
}

/// Remove a project's lock file on a person's request: one that no
/// running Strata holds, or one only a pid speaks for (written by an older
/// Strata, or on a file system without OS locks: the person has seen its
/// pid, host and age). A lock the system confirms a running Strata holds
/// is refused unless `force`.
pub fn unlock(project: &Path, force: bool) -> Result<Unlocked, LockError> {
    let project = &super::resolve(project).map_err(|e| LockError::Io {
        path: lock_path(project),
        source: std::io::Error::other(e.to_string()),
    })?;
    let path = lock_path(project);
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    let mut file = match fs::OpenOptions::new().read(true).write(true).open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LockError::NoLock { path });
        }
        Err(e) => return Err(io(e)),
    };
    let seen = read_existing(&mut file);
    let made = made(&path);
    match file.try_lock() {
        Err(fs::TryLockError::WouldBlock) if !force => {
            return Err(LockError::Held {
                path,
                pid: seen.pid,
                host: seen.host,
                made,
            });
        }
        // Free (whatever its pid now runs, no Strata holds it), or no OS
        // locks here, where only a pid speaks: the person decides.
        _ => {}
    }
    fs::remove_file(&path).map_err(io)?;
    Ok(Unlocked {
        path,
        pid: seen.pid,
        host: seen.host,
        made,
    })
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own lock file is removed: one that replaced it (taken
        // over while this process hung) belongs to someone else. Nothing
        // can be reported from a drop, and a lock file left behind is
        // harmless: its OS lock is released with `_file`, so the next
        // Strata sees it as stale and takes it over.
        if is_ours(&self.path, &self._file, &self.content) {
            // Ignored on purpose: a drop cannot report (see above).
            let _ = fs::remove_file(&self.path); // a leftover is stale, harmless
        }
    }
}

/// Is `path` still the file open as `file`? (Unix: by identity. Elsewhere
/// it cannot be told without reading, which the OS lock we hold on it
/// forbids on Windows; the window for a swap is the instant of the rename.)
#[cfg(unix)]
fn same_file(path: &Path, file: &fs::File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_path: &Path, _file: &fs::File) -> bool {
    true
}

/// Is the file at `path` the one we hold? Compared by identity on Unix;
/// elsewhere by content read through our own handle's file (Windows does
/// not let another handle read a file it has locked).
#[cfg(unix)]
fn is_ours(path: &Path, file: &fs::File, _content: &str) -> bool {
    same_file(path, file)
}

#[cfg(not(unix))]
fn is_ours(path: &Path, _file: &fs::File, content: &str) -> bool {
    // Let go of the OS lock so that the file can be read; a takeover in
    // this instant would have to be by a process that found it stale.
    let _unlocked = _file.unlock();
    fs::read_to_string(path).is_ok_and(|t| t == content)
}
