//! Project files: round trips, atomic saves with backups, locks, and
//! damaged or hostile files that must be refused without touching them.

use super::util::*;
use strata::store::{self, StoreError};

#[test]
fn save_and_load_round_trip_is_exact() {
    let dir = tmp();
    let (p, problems) = store::load(&fixture("small.strata")).expect("load");
    assert!(problems.is_empty(), "{problems:?}");
    let path = dir.path().join("copy.strata");
    store::save(&p, &path).expect("save");
    let (q, problems) = store::load(&path).expect("reload");
    assert!(problems.is_empty());
    assert_eq!(p, q);
    // Deterministic: the same project gives the same bytes.
    assert_eq!(
        store::to_string(&p).expect("ser"),
        std::fs::read_to_string(&path).expect("read")
    );
}

#[test]
fn demo_round_trips_with_its_persian_text() {
    let p = strata::demo::demo_project().expect("demo");
    let text = store::to_string(&p).expect("ser");
    let (q, problems) = store::from_str(&text, std::path::Path::new("demo")).expect("parse");
    assert!(problems.is_empty());
    assert_eq!(p, q);
    assert!(
        text.contains("شبکه‌های اجتماعی"),
        "Persian is written as text, not escapes"
    );
}

#[test]
fn saving_keeps_a_backup_of_the_previous_file() {
    let dir = tmp();
    let path = small_project(dir.path());
    let before = std::fs::read(&path).expect("read");
    let (mut p, _) = store::load(&path).expect("load");
    p.name = "Renamed".into();
    store::save(&p, &path).expect("save");
    assert_eq!(
        std::fs::read(store::backup_path(&path)).expect("bak"),
        before
    );
    assert_eq!(store::load(&path).expect("load").0.name, "Renamed");
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

fn assert_refused(bytes: &[u8], expect: &str) {
    let dir = tmp();
    let path = dir.path().join("bad.strata");
    std::fs::write(&path, bytes).expect("write");
    let err = store::load(&path).expect_err("must be refused");
    let msg = err.to_string();
    assert!(msg.contains("bad.strata"), "message names the file: {msg}");
    assert!(msg.contains(expect), "message says '{expect}': {msg}");
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "file untouched");
}

#[test]
fn truncated_file_is_refused_with_line_and_column() {
    let text = std::fs::read(fixture("small.strata")).expect("read");
    assert_refused(&text[..text.len() / 2], "line ");
}

#[test]
fn binary_junk_is_refused() {
    assert_refused(
        &std::fs::read(fixture("enc/junk.bin.txt")).expect("read"),
        "not a Strata project",
    );
}

#[test]
fn file_from_a_newer_version_is_refused_and_not_overwritten() {
    let text = std::fs::read_to_string(fixture("small.strata")).expect("read");
    let newer = text.replacen("version: 1,", "version: 99,", 1);
    assert_refused(newer.as_bytes(), "newer Strata");
    // Saving over it is refused too.
    let dir = tmp();
    let path = dir.path().join("newer.strata");
    std::fs::write(&path, &newer).expect("write");
    let p = strata::model::Project::new("x");
    assert!(matches!(
        store::save(&p, &path),
        Err(StoreError::Newer { .. })
    ));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), newer);
}

#[test]
fn dangling_references_are_reported_and_set_aside_not_lost() {
    let (p, _) = store::load(&fixture("small.strata")).expect("load");
    let coding = p.codings.values().next().expect("a coding").clone();
    let text = std::fs::read_to_string(fixture("small.strata")).expect("read");
    // Point one coding at a code that does not exist, and stretch another past its text.
    let broken = text.replacen(
        &format!("code: \"{}\"", coding.code),
        "code: \"00000000-0000-4000-8000-000000000000\"",
        1,
    );
    let dir = tmp();
    let path = dir.path().join("dangling.strata");
    std::fs::write(&path, &broken).expect("write");
    let (q, problems) = store::load(&path).expect("opens anyway");
    assert!(
        problems.iter().any(|p| p.what.contains("missing code")),
        "{problems:?}"
    );
    assert_eq!(q.codings.len(), p.codings.len() - 1);
    assert_eq!(q.set_aside.codings.len(), 1);
    // Saved back, the set-aside coding is still in the file.
    store::save(&q, &path).expect("save");
    let (r, _) = store::load(&path).expect("reload");
    assert_eq!(r.set_aside.codings.len(), 1);
}

#[test]
fn cycles_and_duplicate_ids_are_reported() {
    let (p, _) = store::load(&fixture("small.strata")).expect("load");
    // Make a category a child of one of its own codes: a cycle.
    let cat = p.roots[0];
    let sub = p.codes[&cat].children[0];
    let leaf = p.codes[&sub].children[0];
    let file = edit_saved(&store::to_string(&p).expect("ser"), |v| {
        entry(v, "codes", &leaf.to_string())["children"] = serde_json::json!([cat.to_string()]);
    });
    let (q, problems) =
        store::from_str(&file, std::path::Path::new("cycle.strata")).expect("opens");
    assert!(
        problems.iter().any(|p| p.what.contains("cycle")),
        "{problems:?}"
    );
    assert_eq!(q.codes.len(), p.codes.len(), "no code lost");
    assert!(
        q.walk().len() == q.codes.len(),
        "every code is reachable again"
    );
}

#[test]
fn saving_into_an_unwritable_folder_fails_cleanly() {
    let dir = tmp();
    // A regular file where a folder should be: no user can write under it.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").expect("write");
    let path = blocker.join("p.strata");
    let p = strata::model::Project::new("x");
    let err = store::save(&p, &path).expect_err("must fail");
    assert!(err.to_string().contains("not-a-folder"), "{err}");
    assert_eq!(std::fs::read(&blocker).expect("read"), b"x");
}

#[test]
fn lock_stops_a_second_editor_and_stale_locks_are_taken_over() {
    let dir = tmp();
    let path = small_project(dir.path());
    let lock = store::Lock::acquire(&path, false).expect("first lock");
    assert!(matches!(
        store::Lock::acquire(&path, true),
        Err(store::LockError::Held { .. })
    ));
    drop(lock);
    // A lock left by a process that no longer exists.
    let lock_file = store::lock_path(&path);
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "this machine".into());
    std::fs::write(&lock_file, format!("4194304\n{host}\n")).expect("write");
    assert!(matches!(
        store::Lock::acquire(&path, false),
        Err(store::LockError::Stale { .. })
    ));
    let _l = store::Lock::acquire(&path, true).expect("take over");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

    /// Any text (quotes, backslashes, `"#`, controls, Persian) survives a
    /// save and load byte for byte.
    #[test]
    fn any_text_round_trips(text in "(?s).{0,200}", name in "[^\u{0}]{1,20}") {
        let mut p = strata::model::Project::new(name);
        p.documents.push(strata::model::Document::new("d", &text));
        let s = store::to_string(&p).expect("ser");
        let (q, problems) = store::from_str(&s, std::path::Path::new("t.strata")).expect("parse");
        proptest::prop_assert!(problems.is_empty());
        proptest::prop_assert_eq!(p, q);
    }
}

#[test]
fn a_range_past_the_end_of_its_text_is_set_aside() {
    let (p, _) = store::load(&fixture("small.strata")).expect("load");
    let c = p.codings.values().next().expect("coding").clone();
    // Stretch this coding's end far past its document's text.
    let broken = edit_saved(&store::to_string(&p).expect("ser"), |v| {
        entry(v, "codings", &c.id.to_string())["range"]["end"] = serde_json::json!(999_999);
    });
    let (q, problems) =
        store::from_str(&broken, std::path::Path::new("range.strata")).expect("opens");
    assert!(
        problems
            .iter()
            .any(|p| p.what.contains("lies outside document")),
        "{problems:?}"
    );
    assert_eq!(q.set_aside.codings.len(), 1);
}

/// The OS lock decides, as it does on macOS and Windows where no pid can be
/// checked: held while a live process holds it, even with a dead pid in the
/// file; free (stale) as soon as that process is killed.
#[test]
fn a_lock_is_held_exactly_while_its_process_holds_the_os_lock() {
    let dir = tmp();
    let path = small_project(dir.path());
    let lock_file = store::lock_path(&path);
    std::fs::write(&lock_file, "4194304\nelsewhere\na-token\n").expect("write");
    // -o: the lock stays with `flock` itself, not with the command it runs.
    let mut child = std::process::Command::new("flock")
        .arg("-o")
        .arg(&lock_file)
        .args(["sleep", "60"])
        .spawn()
        .expect("flock (util-linux) holds the lock in another process");
    // Wait until the child holds it.
    let probe = std::fs::File::open(&lock_file).expect("open");
    for _ in 0..100 {
        if matches!(probe.try_lock(), Err(std::fs::TryLockError::WouldBlock)) {
            break;
        }
        probe.unlock().expect("unlock probe");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(probe);
    assert!(
        matches!(
            store::Lock::acquire(&path, true),
            Err(store::LockError::Held { .. })
        ),
        "a live process holds it"
    );
    child.kill().expect("kill");
    child.wait().expect("wait");
    let lock = store::Lock::acquire(&path, true).expect("taken over once its process is gone");
    assert!(
        std::fs::read_to_string(&lock_file)
            .expect("read")
            .starts_with(&std::process::id().to_string())
    );
    drop(lock);
    assert!(!lock_file.exists());
}

#[test]
fn a_lock_removes_only_its_own_file() {
    let dir = tmp();
    let path = small_project(dir.path());
    let lock_file = store::lock_path(&path);
    let lock = store::Lock::acquire(&path, false).expect("lock");
    let ours = std::fs::read_to_string(&lock_file).expect("read");
    assert!(ours.starts_with(&format!("{}\n", std::process::id())));
    // Someone else's lock replaced ours (a takeover while this one hung:
    // a complete file renamed over it).
    let theirs = dir.path().join("theirs");
    std::fs::write(&theirs, "4194304\nelsewhere\nsomeone-else\n").expect("write");
    std::fs::rename(&theirs, &lock_file).expect("rename");
    drop(lock);
    assert!(lock_file.exists(), "the other lock is left alone");
    // No temporary lock files are left behind.
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty());
}

/// Format 6 keeps what other tools' projects carry: code sets, codes that
/// only group others, group descriptions; a version-5 file still loads and
/// is kept beside the first save.
#[test]
fn code_sets_and_uncodable_codes_survive_a_save_and_a_version_5_file_is_kept() {
    use strata::model::*;
    let dir = tmp();
    let (mut p, _) = store::load(&fixture("small.strata")).expect("fixture");
    let plain = store::to_string(&p).expect("ser");
    let v: serde_json::Value = serde_json::from_str(&plain).expect("json");
    assert!(v["project"].get("code_sets").is_none(), "nothing when unused");
    assert!(!plain.contains("\"codable\""), "codable only when false");

    let first = p.roots[0];
    p.codes.get_mut(&first).expect("root").codable = false;
    let members: Vec<CodeId> = p.codes.keys().take(2).copied().collect();
    p.code_sets.push(CodeSet {
        id: SetId::new(),
        name: "مجموعهٔ کدها".into(),
        description: "for the paper".into(),
        codes: members,
        stamp: Stamp::now(None),
    });
    let path = dir.path().join("six.strata");
    store::save(&p, &path).expect("save");
    let (q, problems) = store::load(&path).expect("reload");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(q.code_sets, p.code_sets);
    assert!(!q.codes[&first].codable);

    let v5 = plain.replacen(
        &format!("\"version\": {},", store::FORMAT_VERSION),
        "\"version\": 5,",
        1,
    );
    assert_ne!(v5, plain, "this build writes a newer version than 5");
    let old = dir.path().join("five.strata");
    std::fs::write(&old, &v5).expect("write");
    let (r, problems) = store::load(&old).expect("load v5");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(r.code_sets.is_empty() && r.codes.values().all(|c| c.codable));
    store::save(&r, &old).expect("save");
    let kept = store::older_backup_path(&old, 5);
    assert_eq!(std::fs::read_to_string(&kept).expect(".v5.bak"), v5);
}
