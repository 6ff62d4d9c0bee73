//! REFI-QDA import: the real files of six tools (tests/fixtures/refi,
//! see its README), their offsets, the report in both languages, hostile
//! and damaged archives, and the CLI.

use crate::util::{fixture, ok, stderr, strata, tmp};
use std::io::Write;
use std::path::{Path, PathBuf};
use strata::import::refi::{self, Issue, Kind, RefiError, RefiImport};
use strata::model::*;

fn sample(rel: &str) -> PathBuf {
    fixture("refi").join(rel)
}

fn import(rel: &str) -> RefiImport {
    let path = sample(rel);
    let r = if rel.ends_with(".qdc") {
        refi::import_qdc(&path)
    } else {
        refi::import_qdpx(&path)
    };
    r.unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The deepest code, in levels.
fn depth(p: &Project) -> usize {
    p.walk().iter().map(|(_, d)| d + 1).max().unwrap_or(0)
}

/// A project that saves and loads back with no problem found: the import
/// made nothing the store would set aside.
fn round_trips(p: &Project) {
    let text = strata::store::to_string(p).expect("saves");
    let (q, problems) =
        strata::store::from_str(&text, Path::new("imported.strata")).expect("loads");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(q.codings.len(), p.codings.len());
    assert_eq!(q.codes.len(), p.codes.len());
}

struct Expect {
    file: &'static str,
    codes: usize,
    depth: usize,
    sources: usize,
    selections: usize,
    codings: usize,
    users: usize,
}

const SAMPLES: [Expect; 7] = [
    Expect { file: "atlasti-23.2-win/blank-atlas-project.qdpx", codes: 0, depth: 0, sources: 0, selections: 0, codings: 0, users: 2 },
    Expect { file: "atlasti-23.2-win/target-atlas-project.qdpx", codes: 3, depth: 2, sources: 0, selections: 0, codings: 0, users: 2 },
    Expect { file: "nvivo-12.6-win/oltas0517.qdpx", codes: 152, depth: 4, sources: 2, selections: 303, codings: 303, users: 2 },
    Expect { file: "nvivo-15.0-mac/nvivo_project.qdpx", codes: 262, depth: 7, sources: 2, selections: 0, codings: 0, users: 2 },
    Expect { file: "qc-1.3.2/demo.qdpx", codes: 262, depth: 7, sources: 2, selections: 158, codings: 205, users: 1 },
    Expect { file: "qc-1.7.8-rtl/rtl-qc.qdpx", codes: 8, depth: 2, sources: 1, selections: 5, codings: 7, users: 1 },
    Expect { file: "taguette-1.5.2/taguette-1.5.2-codebook.qdc", codes: 5, depth: 1, sources: 0, selections: 0, codings: 0, users: 0 },
];

#[test]
fn refi_every_sample_imports_with_the_counts_of_its_file() {
    for e in &SAMPLES {
        let RefiImport { project: p, report } = import(e.file);
        let f = e.file;
        assert_eq!(p.codes.len(), e.codes, "{f}: codes");
        assert_eq!(depth(&p), e.depth, "{f}: depth");
        assert_eq!(report.depth, e.depth, "{f}: reported depth");
        assert_eq!(p.documents.len(), e.sources, "{f}: documents");
        assert_eq!(p.codings.len(), e.codings, "{f}: codings");
        assert_eq!(p.coders.len(), e.users, "{f}: coders");
        let sel = report.count(Kind::Selection);
        assert_eq!((sel.found, sel.mapped), (e.selections, e.selections), "{f}: selections");
        let c = report.count(Kind::Coding);
        assert_eq!((c.found, c.mapped), (e.codings, e.codings), "{f}: codings reported");
        assert!(p.codings.values().all(|c| c.origin == Origin::Import));
        round_trips(&p);
    }
}

#[test]
fn refi_report_samples_print() {
    for e in &SAMPLES {
        let r = import(e.file);
        println!("{}\n{}", r.report.text(false), r.report.text(true));
    }
}

#[test]
fn refi_nvivo_imports_quickly() {
    let path = sample("nvivo-12.6-win/oltas0517.qdpx");
    let t = std::time::Instant::now();
    let r = refi::import_qdpx(&path).expect("imports");
    let took = t.elapsed();
    eprintln!("NVivo 12.6 import: {took:?}");
    assert_eq!(r.project.codings.len(), 303);
    // Well under a second in a release build; the debug build of the
    // tests is several times slower.
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");
}
