//! `strata import-codings` at the scale: 20,000 codings added to
//! the peers' kind of study (200 interviews of ~6,000 words, 300 codes in
//! three levels, 20,000 codings by two coders), by a third coder, half by
//! chars and half by lines. Each stage is measured alone: reading the CSV,
//! resolving and building the one command, applying it (and undoing it),
//! and loading and saving the project before and after.
//!
//! Under `cargo test --all-targets` (criterion's test mode, no `--bench`)
//! 20 interviews and 200 rows are used, so CI stays fast.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::path::Path;
use strata::edit::History;
use strata::import::codings::{BulkOptions, RowFormat, plan_rows, plan_text, read_rows};

#[path = "support/corpus.rs"]
mod corpus;

/// `n` rows over `p`'s documents and leaf codes, by "Coder C".
fn rows(p: &strata::model::Project, n: usize) -> String {
    let leaves: Vec<String> = p
        .walk()
        .into_iter()
        .filter(|(id, _)| p.codes[id].children.is_empty())
        .map(|(id, _)| p.code_path_label(id, "/"))
        .collect();
    let mut out = String::from("document,start,end,lines,code,coder\n");
    for k in 0..n {
        let d = &p.documents[k % p.documents.len()];
        let line = 1 + (k * 7919) % d.line_count();
        // Each (document, code) pair once: no row repeats another.
        let code = &leaves[(k / p.documents.len()) % leaves.len()];
        if k % 2 == 0 {
            out += &format!("{},,,{line},{code},Coder C\n", d.name);
        } else if let Some(r) = d.line_range(line).filter(|r| r.len() > 8) {
            let (a, b) = (r.start.0 + 2, r.end.0 - 3);
            out += &format!("{},{a},{b},,{code},Coder C\n", d.name);
        } else {
            out += &format!("{},,,{line},{code},Coder C\n", d.name);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let (docs, words, codings, n) = if full {
        (200, 6000, 20_000, 20_000)
    } else {
        (20, 600, 200, 200)
    };
    let base = corpus::study(docs, words, codings, 20240601);
    let csv = rows(&base, n);
    let opts = BulkOptions::default();
    let plan = plan_text(&base, &csv, RowFormat::Csv, &opts).expect("plan");
    let mut after = base.clone();
    History::new()
        .apply(&mut after, plan.command.clone())
        .expect("apply");
    eprintln!(
        "bulk: {n} rows, {} added ({} repeated), onto {} codings: {} after",
        plan.added,
        plan.repeated,
        base.codings.len(),
        after.codings.len()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let before_path = dir.path().join("before.strata");
    let after_path = dir.path().join("after.strata");
    strata::store::save(&base, &before_path).expect("save");
    strata::store::save(&after, &after_path).expect("save");
    let read = read_rows(&csv, RowFormat::Csv).expect("rows");

    let mut g = c.benchmark_group(format!("import-{n}-codings"));
    g.sample_size(10);
    g.bench_function("parse", |b| {
        b.iter(|| read_rows(&csv, RowFormat::Csv).expect("rows"))
    });
    g.bench_function("resolve+build", |b| {
        b.iter(|| plan_rows(&base, &read.rows, &opts).expect("plan"))
    });
    g.bench_function("apply", |b| {
        b.iter_batched(
            || (base.clone(), plan.command.clone()),
            |(mut p, cmd)| {
                History::new().apply(&mut p, cmd).expect("apply");
                p
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("undo", |b| {
        b.iter_batched(
            || {
                let mut p = base.clone();
                let mut h = History::new();
                h.apply(&mut p, plan.command.clone()).expect("apply");
                (p, h)
            },
            |(mut p, mut h)| {
                h.undo(&mut p).expect("undo");
                p
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("undo, index built", |b| {
        b.iter_batched(
            || {
                let mut p = base.clone();
                let mut h = History::new();
                h.apply(&mut p, plan.command.clone()).expect("apply");
                // As in the window, which reads the index every frame.
                p.index();
                (p, h)
            },
            |(mut p, mut h)| {
                h.undo(&mut p).expect("undo");
                p
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("parse+resolve+build+apply", |b| {
        b.iter_batched(
            || base.clone(),
            |mut p| {
                let plan = plan_text(&p, &csv, RowFormat::Csv, &opts).expect("plan");
                History::new().apply(&mut p, plan.command).expect("apply");
                p
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("load before", |b| {
        b.iter(|| strata::store::load(Path::new(&before_path)).expect("load"))
    });
    g.bench_function("save after", |b| {
        b.iter(|| strata::store::save(&after, &after_path).expect("save"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
