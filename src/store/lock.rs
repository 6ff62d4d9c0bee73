//! A lock file beside the project stops two processes editing it at once.
//! It holds the owner's pid and host; a lock whose process is gone is stale
//! and can be taken over.

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
}

pub fn lock_path(project: &Path) -> PathBuf {
    let mut s = project.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

fn host() -> String {
    fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "this machine".into())
}

fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true // cannot tell; treat as held
    }
}

impl Lock {
    /// Take the lock. A stale lock is taken over only if `take_stale`.
    pub fn acquire(project: &Path, take_stale: bool) -> Result<Lock, LockError> {
        let path = lock_path(project);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    writeln!(f, "{}\n{}", std::process::id(), host()).map_err(io)?;
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let text = fs::read_to_string(&path).unwrap_or_default();
                    let mut lines = text.lines();
                    let pid: u32 = lines
                        .next()
                        .and_then(|l| l.trim().parse().ok())
                        .unwrap_or(0);
                    let owner_host = lines.next().unwrap_or("").trim().to_string();
                    let same_host = owner_host == host();
                    let stale = pid == 0 || (same_host && !alive(pid));
                    if !stale {
                        return Err(LockError::Held {
                            path,
                            pid,
                            host: owner_host,
                        });
                    }
                    if !take_stale {
                        return Err(LockError::Stale { path, pid });
                    }
                    fs::remove_file(&path).map_err(io)?;
                }
                Err(e) => return Err(io(e)),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}
