//! Load, save and export of a study at the foundation issue's scale:
//! 200 interviews of ~6,000 words, 300 codes in three levels, 50,000 codings.

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/corpus.rs"]
mod corpus;
use std::path::Path;
use strata::export::{ExportOptions, Format, export};

fn bench(c: &mut Criterion) {
    let p = corpus::study(200, 6000, 50_000, 20240601);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.strata");
    strata::store::save(&p, &path).expect("save");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "corpus: {} documents, {} words, {} codes, {} codings, project file {:.1} MiB",
        p.documents.len(),
        strata::analysis::stats(&p).words,
        p.codes.len(),
        p.codings.len(),
        size as f64 / 1048576.0
    );
    // Words leave out speaker labels, which are found on first use: the
    // first count after a load pays for finding them, on all cores.
    let (loaded, _) = strata::store::load(Path::new(&path)).expect("load");
    let t = std::time::Instant::now();
    let words = strata::analysis::stats(&loaded).words;
    eprintln!(
        "stats just after a load: {words} words in {:?}",
        t.elapsed()
    );
    let mut g = c.benchmark_group("project-50k-codings");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| strata::store::load(Path::new(&path)).expect("load"))
    });
    g.bench_function("save", |b| {
        b.iter(|| strata::store::save(&p, &path).expect("save"))
    });
    g.bench_function("stats", |b| b.iter(|| strata::analysis::stats(&p)));
    for (name, f) in [
        ("export-json", Format::Json),
        ("export-ron", Format::Ron),
        ("export-csv", Format::Csv),
        ("export-md", Format::Md),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| export(&p, f, &ExportOptions::default()).expect("export"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
