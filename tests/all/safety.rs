//! No silent loss: exports that would replace a project, two writers, stale
//! locks and `strata unlock`, temporary files of interrupted saves, file
//! modes and groups, read-only files and symlinked projects. Each case runs
//! the real binary on a fresh temp project.

use super::util::*;
use std::fs;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn memo(project: &Path, title: &str) -> std::process::Output {
    strata(&["memo", s(project), "--title", title, "--body", "b"])
}

fn memo_titles(project: &Path) -> Vec<String> {
    let (p, _) = strata::store::load(project).expect("load");
    p.memos.values().map(|m| m.title.clone()).collect()
}

#[test]
fn no_export_writes_over_the_project_its_backup_lock_or_another_project() {
    let dir = tmp();
    let proj = small_project(dir.path());
    // A backup and a second project, to aim at.
    assert!(memo(&proj, "first").status.success());
    let other = dir.path().join("other.strata");
    fs::copy(&proj, &other).expect("copy");
    let link = dir.path().join("link-to-project.csv");
    std::os::unix::fs::symlink(&proj, &link).expect("symlink");
    let hard = dir.path().join("hard-link.csv");
    fs::hard_link(&proj, &hard).expect("hard link");
    // A project minified to one line (by jq -c, say) is still a project.
    let one_line = dir.path().join("one-line.json");
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&other).expect("read")).expect("json");
    let mut text = serde_json::to_string(&v).expect("json");
    text.insert_str(1, &format!("\"padding\":\"{}\",", "x".repeat(5000)));
    fs::write(&one_line, text).expect("write");
    let lock = strata::store::lock_path(&proj);
    fs::write(&lock, "1\nhost\n").expect("a lock file to aim at");
    let targets: Vec<(PathBuf, &str)> = vec![
        (proj.clone(), "the project file being exported"),
        (strata::store::backup_path(&proj), "the project's backup"),
        (lock.clone(), "the project's lock file"),
        (other.clone(), "a Strata project file"),
        (one_line.clone(), "a Strata project file"),
        (link.clone(), "the project file being exported"),
        (hard.clone(), "the project file being exported"),
        (
            dir.path().join("./small.strata"),
            "the project file being exported",
        ),
    ];
    let export = |format: &str, output: &Path| {
        strata(&[
            "export",
            s(&proj),
            "--format",
            format,
            "--output",
            s(output),
        ])
    };
    for (target, what) in &targets {
        let before = fs::read(target).expect("read");
        for format in ["csv", "json", "md"] {
            let o = export(format, target);
            assert_eq!(o.status.code(), Some(1), "{target:?}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(err.contains(what), "{target:?}: {err}");
            assert!(err.contains("Choose another output file"), "{err}");
            assert_eq!(
                fs::read(target).expect("read"),
                before,
                "{target:?} unchanged"
            );
        }
    }
    fs::remove_file(&lock).expect("unlock");
    // Nor onto the names Strata keeps beside a project, existing or not.
    for name in [
        "small.strata.lock",
        "small.strata.recovery",
        "other.strata.v2.bak",
    ] {
        let target = dir.path().join(name);
        let o = export("csv", &target);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("a name Strata keeps"), "{}", stderr(&o));
        assert!(!target.exists(), "{name}");
    }
    // A device is refused; any other existing file may be replaced.
    let o = export("csv", Path::new("/dev/null"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    let old_csv = dir.path().join("old.csv");
    fs::write(&old_csv, "an older export").expect("write");
    ok(&[
        "export",
        s(&proj),
        "--format",
        "csv",
        "--output",
        s(&old_csv),
    ]);
    assert!(
        fs::read_to_string(&old_csv)
            .expect("csv")
            .starts_with("category")
    );
}

#[test]
fn two_writers_started_together_never_lose_a_change() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let before = memo_titles(&proj).len();
    let mut succeeded = 0;
    for round in 0..40 {
        // Every third round starts with a stale lock from a crash.
        if round % 3 == 0 {
            fs::write(strata::store::lock_path(&proj), "").expect("stale lock");
        }
        let spawn = |t: String| {
            std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
                .args(["memo", s(&proj), "--title", &t, "--body", "b"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let kids = [spawn(format!("a{round}")), spawn(format!("b{round}"))];
        for k in kids {
            let o = k.wait_with_output().expect("wait");
            if o.status.success() {
                succeeded += 1;
            } else {
                let err = stderr(&o);
                assert!(err.contains("open in another Strata"), "{err}");
            }
        }
    }
    assert!(
        succeeded >= 12,
        "at least one writer per round gets through"
    );
    assert_eq!(
        memo_titles(&proj).len(),
        before + succeeded,
        "every command that said it succeeded kept its change"
    );
}

#[test]
fn unlock_removes_a_lock_whose_pid_now_belongs_to_another_program() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let lock = strata::store::lock_path(&proj);
    let host = fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "this machine".into());
    // Written by an older Strata that took no OS lock; its pid (1, init)
    // is alive, so it cannot be told from a running editor.
    fs::write(&lock, format!("1\n{host}\n")).expect("lock");
    let o = memo(&proj, "blocked");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("pid 1 on"), "{err}");
    assert!(err.contains("since 2"), "the lock's age is shown: {err}");
    assert!(err.contains("strata unlock"), "the way out is named: {err}");
    let o = strata(&["unlock", s(&proj)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("removed"), "{}", stderr(&o));
    assert!(!lock.exists());
    assert!(memo(&proj, "after unlock").status.success());
    let o = strata(&["unlock", s(&proj)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no lock file"), "{}", stderr(&o));
}

#[test]
fn unlock_refuses_a_lock_held_by_a_running_strata_unless_forced() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let held = strata::store::Lock::acquire(&proj, false).expect("lock");
    let o = strata(&["unlock", s(&proj)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("a running Strata holds this lock"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert!(held.path().exists());
    ok(&["unlock", s(&proj), "--force"]);
    assert!(!held.path().exists());
    // Its owner does not remove a lock that is no longer its own.
    let taker = strata::store::Lock::acquire(&proj, true).expect("take");
    drop(held);
    assert!(taker.path().exists());
}

#[test]
fn temporary_files_of_interrupted_saves_are_removed_on_the_next_save() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let d = dir.path();
    // Left by processes that are gone (no such pid), and one of a process
    // that is alive (this test), which must stay.
    let dead = [
        d.join(".small.strata.tmp-4000000"),
        d.join(".small.strata.bak-4000001"),
        d.join(".small.strata.v2.bak.tmp-4000002"),
    ];
    let alive = d.join(format!(".small.strata.tmp-{}", std::process::id()));
    // An export's temporary file beside the project is not the save's.
    let export = d.join(".small.strata.csv.tmp-4000003");
    for f in dead.iter().chain([&alive, &export]) {
        fs::write(f, vec![b'x'; 1 << 20]).expect("leftover");
    }
    let o = memo(&proj, "sweep");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("removed 3 temporary file"),
        "{}",
        stderr(&o)
    );
    for f in &dead {
        assert!(!f.exists(), "{f:?} removed");
    }
    assert!(alive.exists(), "a live process's file is left alone");
    assert!(export.exists(), "only the save's own names are swept");
}

#[test]
fn a_failed_save_leaves_no_temporary_file_and_the_old_project() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let before = fs::read(&proj).expect("read");
    // The backup's name is taken by a folder, so keeping the backup fails
    // after the new text was written to its temporary file.
    fs::create_dir(strata::store::backup_path(&proj)).expect("dir");
    fs::write(strata::store::backup_path(&proj).join("x"), "x").expect("x");
    let o = memo(&proj, "fails");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(fs::read(&proj).expect("read"), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with(".small"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_save_keeps_the_files_mode_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tmp();
    let proj = small_project(dir.path());
    fs::set_permissions(&proj, fs::Permissions::from_mode(0o600)).expect("chmod");
    // As root (CI), give it another group too: the save must keep it.
    let group = if is_root() {
        std::os::unix::fs::chown(&proj, None, Some(4)).expect("chgrp");
        4
    } else {
        fs::metadata(&proj).expect("meta").gid()
    };
    assert!(memo(&proj, "one").status.success());
    assert!(memo(&proj, "two").status.success());
    let m = fs::metadata(&proj).expect("meta");
    assert_eq!(m.mode() & 0o7777, 0o600, "mode kept");
    assert_eq!(m.gid(), group, "group kept");
    let bak = fs::metadata(strata::store::backup_path(&proj)).expect("bak");
    assert_eq!(bak.mode() & 0o7777, 0o600, "the backup is as private");
    fs::set_permissions(&proj, fs::Permissions::from_mode(0o640)).expect("chmod");
    assert!(memo(&proj, "three").status.success());
    assert_eq!(fs::metadata(&proj).expect("m").mode() & 0o7777, 0o640);
    // A new export of a private project is as private; an existing one
    // keeps its own mode.
    fs::set_permissions(&proj, fs::Permissions::from_mode(0o600)).expect("chmod");
    let csv = dir.path().join("tree.csv");
    ok(&["export", s(&proj), "--format", "csv", "--output", s(&csv)]);
    assert_eq!(fs::metadata(&csv).expect("m").mode() & 0o7777, 0o600);
    fs::set_permissions(&csv, fs::Permissions::from_mode(0o644)).expect("chmod");
    ok(&["export", s(&proj), "--format", "csv", "--output", s(&csv)]);
    assert_eq!(fs::metadata(&csv).expect("m").mode() & 0o7777, 0o644);
}

/// Are we root? Only root may give a file a group it is not in (4, adm).
fn is_root() -> bool {
    let dir = tmp();
    let probe = dir.path().join("probe");
    fs::write(&probe, "").expect("probe");
    std::os::unix::fs::chown(&probe, None, Some(4)).is_ok()
}

#[test]
fn a_read_only_project_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let proj = small_project(dir.path());
    fs::set_permissions(&proj, fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = fs::read(&proj).expect("read");
    let o = memo(&proj, "refused");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("read-only"), "{err}");
    assert!(err.contains("chmod u+w"), "says what to do: {err}");
    assert_eq!(fs::read(&proj).expect("read"), before);
    assert_eq!(
        fs::metadata(&proj).expect("m").permissions().mode() & 0o777,
        0o444
    );
    // What is made from it (an export, a recovery file) stays writable by
    // its owner, so that the next one is not refused.
    let csv = dir.path().join("tree.csv");
    ok(&["export", s(&proj), "--format", "csv", "--output", s(&csv)]);
    assert_eq!(
        fs::metadata(&csv).expect("m").permissions().mode() & 0o777,
        0o644
    );
    ok(&["export", s(&proj), "--format", "csv", "--output", s(&csv)]);
}

#[test]
fn a_symlinked_project_is_locked_and_saved_at_its_target() {
    let dir = tmp();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).expect("mkdir");
    let target = small_project(&shared);
    let link = dir.path().join("mine.strata");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    assert!(memo(&link, "through the link").status.success());
    assert!(
        fs::symlink_metadata(&link)
            .expect("m")
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert!(memo_titles(&target).contains(&"through the link".to_string()));
    assert!(strata::store::backup_path(&target).exists());
    assert!(!strata::store::backup_path(&link).exists());
    // The lock covers the real file, whichever name it is reached by.
    let held = strata::store::Lock::acquire(&target, false).expect("lock");
    let o = memo(&link, "blocked");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("open in another Strata"),
        "{}",
        stderr(&o)
    );
    drop(held);
    let via_link = strata::store::Lock::acquire(&link, false).expect("lock");
    assert_eq!(
        via_link.path(),
        strata::store::lock_path(&target.canonicalize().expect("c"))
    );
}

#[test]
fn duplicate_coders_are_merged_and_keep_their_codings() {
    let dir = tmp();
    let proj = small_project(dir.path());
    // Saved once, in this build's format (JSON).
    assert!(memo(&proj, "saved before").status.success());
    let text = fs::read_to_string(&proj).expect("read");
    let (p, _) = strata::store::load(&proj).expect("load");
    let codings = p.codings.len();
    let coder = p.coders[0].clone();
    let damaged = edit_saved(&text, |v| {
        let mut twin = serde_json::to_value(&coder).expect("coder");
        twin["name"] = "Someone else".into();
        v["project"]["coders"]
            .as_array_mut()
            .expect("coders")
            .push(twin);
    });
    fs::write(&proj, damaged).expect("write");
    let o = strata(&["check", s(&proj)]);
    let out = stdout(&o);
    assert!(out.contains("have the same id"), "{out}");
    assert!(out.contains("keeps all their codings"), "{out}");
    assert!(memo(&proj, "saved after").status.success());
    let (p, problems) = strata::store::load(&proj).expect("load");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(p.codings.len(), codings, "no coding lost");
    assert!(p.codings.values().all(|c| p.coder(c.coder).is_some()));
}

#[test]
fn a_lock_file_being_made_is_waited_for_not_taken_over() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let lock = strata::store::lock_path(&proj);
    // Where hard links are impossible, a Strata claims the name with an
    // empty file and then renames its lock over it: an empty, new lock
    // file is someone's lock in the making.
    fs::write(&lock, "").expect("claim");
    // The maker finishes: its owner is written and its OS lock held (as
    // a running Strata holds it), while the other waits.
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let maker = std::thread::spawn({
        let lock = lock.clone();
        move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            let mut f = fs::OpenOptions::new()
                .write(true)
                .open(&lock)
                .expect("open the claim");
            f.lock().expect("OS lock");
            std::io::Write::write_all(&mut f, b"4000000\nsomewhere\ntoken\n").expect("owner");
            wait.recv().expect("held until the other has looked");
        }
    });
    let e = strata::store::Lock::acquire(&proj, true).expect_err("not taken over");
    assert!(
        matches!(e, strata::store::LockError::Held { pid: 4000000, .. }),
        "{e}"
    );
    done.send(()).expect("release");
    maker.join().expect("maker");
    // An empty lock file that stays empty is a crash's: taken over. (A new
    // file: a process forked by another test may hold the old one's OS
    // lock for an instant, until it runs its program.)
    fs::remove_file(&lock).expect("remove");
    fs::write(&lock, "").expect("empty");
    let started = std::time::Instant::now();
    strata::store::Lock::acquire(&proj, true).expect("taken over after a wait");
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
}

#[test]
fn restore_refuses_a_project_that_is_not_damaged() {
    let dir = tmp();
    let proj = small_project(dir.path());
    assert!(memo(&proj, "first").status.success());
    assert!(memo(&proj, "the latest work").status.success());
    let before = fs::read(&proj).expect("read");
    let o = strata(&["restore", s(&proj)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("it is not damaged"), "{}", stderr(&o));
    assert_eq!(fs::read(&proj).expect("read"), before);
    ok(&["restore", s(&proj), "--force"]);
    assert!(!memo_titles(&proj).contains(&"the latest work".to_string()));
    let kept = dir.path().join("small.strata.damaged");
    assert_eq!(
        fs::read(kept).expect("kept"),
        before,
        "the newer work is kept"
    );
}
