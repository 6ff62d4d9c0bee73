//! Test helpers: fixture paths, temp dirs, running the CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Run the `strata` binary.
pub fn strata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .output()
        .expect("run strata")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Run and require success, returning stdout.
pub fn ok(args: &[&str]) -> String {
    let o = strata(args);
    assert!(o.status.success(), "strata {args:?} failed: {}", stderr(&o));
    stdout(&o)
}

/// A copy of the small fixture project in a temp dir.
pub fn small_project(dir: &Path) -> PathBuf {
    let p = dir.join("small.strata");
    std::fs::copy(fixture("small.strata"), &p).expect("copy fixture");
    p
}

/// Compare with a golden file; `STRATA_BLESS=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with STRATA_BLESS=1",
            path.display()
        )
    });
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

/// A project's file text, changed as a JSON value: for tests that damage a
/// saved file on purpose.
pub fn edit_saved(text: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).expect("a version-3 file is JSON");
    change(&mut v);
    serde_json::to_string_pretty(&v).expect("json")
}

/// The entry of `list` (a JSON array of objects) whose `id` is `id`.
pub fn entry<'a>(v: &'a mut serde_json::Value, list: &str, id: &str) -> &'a mut serde_json::Value {
    v["project"][list]
        .as_array_mut()
        .expect("a list")
        .iter_mut()
        .find(|e| e["id"] == id)
        .expect("entry with that id")
}

#[cfg(feature = "gui")]
/// A recovery file beside the project at `path` holding `p`, newer than the
/// project (as an autosave after a crash would be).
pub fn recovery_beside(path: &Path, p: &strata::model::Project) -> PathBuf {
    let mut file = path.as_os_str().to_owned();
    file.push(".recovery");
    let recovery = PathBuf::from(file);
    std::thread::sleep(std::time::Duration::from_millis(20));
    strata::store::write_atomic(
        &recovery,
        strata::store::to_string(p).expect("ser").as_bytes(),
        false,
    )
    .expect("write recovery");
    recovery
}

#[cfg(feature = "gui")]
/// A recovery file of the project at `path`, renamed `name`.
pub fn renamed_recovery_beside(path: &Path, name: &str) -> PathBuf {
    let (mut p, _) = strata::store::load(path).expect("load");
    p.name = name.into();
    recovery_beside(path, &p)
}

/// The code of this name (the test's project has one).
pub fn code_named(p: &strata::model::Project, name: &str) -> strata::model::CodeId {
    p.codes
        .values()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .expect("code")
}

/// `strata code FILE --document DOC --lines LINES --code CODE --coder CODER --create`.
pub fn code_args<'a>(
    f: &'a str,
    doc: &'a str,
    lines: &'a str,
    code: &'a str,
    coder: &'a str,
) -> Vec<&'a str> {
    vec![
        "code",
        f,
        "--document",
        doc,
        "--lines",
        lines,
        "--code",
        code,
        "--coder",
        coder,
        "--create",
    ]
}
