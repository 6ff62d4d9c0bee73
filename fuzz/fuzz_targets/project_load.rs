//! A project file of any bytes: `store::from_str` (JSON version 3, RON
//! versions 1 and 2) and `store::load` give Ok or Err, never a panic; and a
//! project that loads saves and loads again with no item lost.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use strata::store;

/// Items of every kind, set aside or not: what a save must not lose.
fn items(p: &strata::model::Project) -> [usize; 4] {
    let a = &p.set_aside;
    [
        p.documents.len() + a.documents.len(),
        p.codes.len() + a.codes.len(),
        p.codings.len() + a.codings.len(),
        p.memos.len() + a.memos.len(),
    ]
}

/// One file, rewritten for each input, in a folder of this process's own.
static FILE: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("strata-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder for the input file");
    dir.join("fuzz.strata")
});

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.strata");
    // The lossy text lets bytes that are not UTF-8 reach the parsers too.
    let text = String::from_utf8_lossy(data);
    if let Ok((p, _)) = store::from_str(&text, path) {
        let saved = store::to_string(&p).expect("a loaded project serialises");
        let (q, _) = store::from_str(&saved, path)
            .unwrap_or_else(|e| panic!("a loaded project, saved, does not load again: {e}"));
        assert_eq!(items(&q), items(&p), "items lost by a save and load");
    }
    // As the CLI and the window read it: the bytes as they are, from a file.
    std::fs::write(&*FILE, data).expect("write the input file");
    // Ok and Err are both answers: only a panic (or a hang) is a finding.
    let _ = store::load(&FILE);
    let _ = store::file_version(&FILE);
    // libFuzzer ends the process without cleaning up: leave no input behind.
    let _ = std::fs::remove_file(&*FILE);
});
