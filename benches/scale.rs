//! The ×10 study of the core v2 issue: 2,000 interviews of ~6,000 words,
//! ~3,000 codes in three levels, 500,000 codings by three coders. Load,
//! save and JSON export; one workbench frame while a category's segments
//! from all documents are listed; a picker keystroke among 3,000 codes.
//!
//! Under `cargo test --all-targets` (criterion's test mode, no `--bench`)
//! a study of 1/100 of the size is used, so CI stays fast.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::Event;
use std::path::Path;
use strata::app::Workbench;
use strata::export::{ExportOptions, Format, export};

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/window.rs"]
mod window;
use window::frame;

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let shape = if full {
        corpus::Shape::X10
    } else {
        corpus::Shape {
            docs: 20,
            words: 600,
            tree: (15, 10, 19),
            codings: 5_000,
            coders: 3,
        }
    };
    let t = std::time::Instant::now();
    let p = corpus::study_of(&shape, 20261129);
    eprintln!("generated in {:?}", t.elapsed());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x10.strata");
    strata::store::save(&p, &path).expect("save");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "×10 corpus: {} documents, {} codes, {} codings, {} coders, project file {:.1} MiB",
        p.documents.len(),
        p.codes.len(),
        p.codings.len(),
        p.coders.len(),
        size as f64 / 1048576.0
    );
    let mut g = c.benchmark_group("x10");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| strata::store::load(Path::new(&path)).expect("load"))
    });
    g.bench_function("save", |b| {
        b.iter(|| strata::store::save(&p, &path).expect("save"))
    });
    g.bench_function("export-json", |b| {
        b.iter(|| export(&p, Format::Json, &ExportOptions::default()).expect("export"))
    });
    g.finish();

    // The window: a category's segments from all documents listed.
    let category = p.roots[0];
    let active: Vec<_> = p.subtree(category);
    let mut wb = Workbench::new(p, None);
    wb.state.active_codes = active.into_iter().collect();
    wb.state.retrieve_all_docs = true;
    let ctx = egui::Context::default();
    let t = std::time::Instant::now();
    for _ in 0..3 {
        frame(&ctx, &mut wb, vec![]);
    }
    eprintln!(
        "first frames with the category's segments: {:?}; RSS {:.0} MiB",
        t.elapsed(),
        rss_mib()
    );
    let mut g = c.benchmark_group("x10-window");
    g.bench_function("frame-category-segments", |b| {
        b.iter(|| frame(&ctx, &mut wb, vec![]))
    });
    // The picker open; each iteration types one more letter (or deletes it).
    wb.state.picker = Some(Default::default());
    frame(&ctx, &mut wb, vec![]);
    let mut n = 0usize;
    g.bench_function("picker-keystroke", |b| {
        b.iter(|| {
            n += 1;
            let ev = if n.is_multiple_of(2) {
                Event::Key {
                    key: egui::Key::Backspace,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: egui::Modifiers::NONE,
                }
            } else {
                Event::Text("م".into())
            };
            frame(&ctx, &mut wb, vec![ev])
        })
    });
    g.finish();
    eprintln!("RSS with the window's state: {:.0} MiB", rss_mib());
}

criterion_group!(benches, bench);
criterion_main!(benches);
