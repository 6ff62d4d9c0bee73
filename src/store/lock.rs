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
        "{path}: the project is open in another Strata (pid {pid} on {host}). Close it there first"
    )]
    Held {
        path: PathBuf,
        pid: u32,
        host: String,
    },
    #[error(
        "{path}: a lock from a Strata that is no longer running (pid {pid}) was found; it can be taken over"
    )]
    Stale { path: PathBuf, pid: u32 },
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

/// Is the process that wrote a lock file still running? The OS lock says
/// for Strata builds that take it; on Linux a running pid is also respected,
/// for locks written by older builds that did not take it.
fn owner_running(file: &fs::File, pid: u32, same_host: bool) -> bool {
    match file.try_lock() {
        Err(fs::TryLockError::WouldBlock) => true,
        // No OS locks here (some network file systems): fall back to the pid.
        Err(fs::TryLockError::Error(_)) => pid != 0 && pid_running(pid, same_host),
        Ok(()) => {
            // Only a probe: let go at once (closing the file would too).
            let _unlocked = file.unlock();
            cfg!(target_os = "linux") && same_host && pid != 0 && pid_running(pid, same_host)
        }
    }
}

fn pid_running(pid: u32, same_host: bool) -> bool {
    if !same_host {
        return true; // another machine's process: cannot tell, so held
    }
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

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
        // The temporary file is ours and useless now; the write error is
        // the one to report.
        let _ = fs::remove_file(&tmp);
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
        let path = lock_path(project);
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
        // Whatever happens below, the temporary name goes (a leftover is
        // only clutter, so a failure to remove it is not worth an error).
        let cleanup = |tmp: &Path| {
            let _ = fs::remove_file(tmp);
        };
        let result = (|| loop {
            match fs::hard_link(&tmp, &path) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let existing = match fs::File::open(&path) {
                        Ok(f) => f,
                        // Gone meanwhile (its owner closed): try again.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                        Err(e) => return Err(io(e)),
                    };
                    let text = fs::read_to_string(&path).unwrap_or_default();
                    let mut lines = text.lines();
                    let pid: u32 = lines
                        .next()
                        .and_then(|l| l.trim().parse().ok())
                        .unwrap_or(0);
                    let owner_host = lines.next().unwrap_or("").trim().to_string();
                    let same_host = owner_host == host();
                    let running = owner_running(&existing, pid, same_host);
                    drop(existing);
                    if running {
                        return Err(LockError::Held {
                            path: path.clone(),
                            pid,
                            host: owner_host,
                        });
                    }
                    if !take_stale {
                        return Err(LockError::Stale {
                            path: path.clone(),
                            pid,
                        });
                    }
                    // Take over in one step: ours replaces the stale file.
                    return fs::rename(&tmp, &path).map_err(io);
                }
                // No hard links here (some file systems): create the file
                // by name, then fill it (briefly empty).
                Err(_) => {
                    let mut f = match fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&path)
                    {
                        Ok(f) => f,
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                            return Err(LockError::Held {
                                path: path.clone(),
                                pid: 0,
                                host: String::new(),
                            });
                        }
                        Err(e) => return Err(io(e)),
                    };
                    f.write_all(content.as_bytes()).map_err(io)?;
                    return fs::rename(&tmp, &path).map_err(io);
                }
            }
        })();
        cleanup(&tmp);
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

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own lock file is removed: one that replaced it (taken
        // over while this process hung) belongs to someone else. Nothing
        // can be reported from a drop, and a lock file left behind is
        // harmless: its OS lock is released with `_file`, so the next
        // Strata sees it as stale and takes it over.
        if fs::read_to_string(&self.path).is_ok_and(|t| t == self.content) {
            let _ = fs::remove_file(&self.path);
        }
    }
}
