//! REFI-QDA at the scale: the peers' kind of study (200 interviews
//! of ~6,000 words, 300 codes, 20,000 codings) exported to a .qdpx and
//! imported back, and NVivo 12.6's real export (UTF-16 positions over
//! emoji, CRLF and a BOM) imported.
//!
//! Under `cargo test --all-targets` (criterion's test mode, no `--bench`)
//! 20 interviews with 200 codings are used, so CI stays fast.

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use strata::export::refi::qdpx_bytes;
use strata::import::refi::import_qdpx;

#[path = "support/corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let (docs, words, codings) = if full {
        (200, 6000, 20_000)
    } else {
        (20, 600, 200)
    };
    let p = corpus::study(docs, words, codings, 20240601);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("study.qdpx");
    let bytes = qdpx_bytes(&p).expect("export");
    std::fs::write(&path, &bytes).expect("write");
    let back = import_qdpx(&path).expect("import");
    assert_eq!(back.project.codings.len(), p.codings.len());
    eprintln!(
        "refi: {} documents, {} codings, a .qdpx of {} KiB",
        p.documents.len(),
        p.codings.len(),
        bytes.len() / 1024
    );
    let nvivo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refi/nvivo-12.6-win/oltas0517.qdpx");

    let mut g = c.benchmark_group(format!("refi-{codings}-codings"));
    g.sample_size(10);
    g.bench_function("export qdpx", |b| {
        b.iter(|| qdpx_bytes(&p).expect("export"))
    });
    g.bench_function("import qdpx", |b| {
        b.iter(|| import_qdpx(&path).expect("import"))
    });
    g.bench_function("import NVivo 12.6 sample", |b| {
        b.iter(|| import_qdpx(&nvivo).expect("import"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
