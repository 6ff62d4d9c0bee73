//! Intercoder agreement on the foundation issue's study: 200 interviews of
//! ~6,000 words, 300 codes in three levels, 50,000 codings, here by three
//! coders (issue 12's target: under 100 ms in release). Line and document
//! units compare all three; segments compare two.
//!
//! Under `cargo test --all-targets` (criterion's test mode, no `--bench`)
//! a study of 1/100 of the size is used, so CI stays fast.

use criterion::{Criterion, criterion_group, criterion_main};
use strata::analysis::agreement::{AgreementOptions, Unit, agreement};

#[path = "support/corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let shape = corpus::Shape {
        coders: 3,
        ..if full {
            corpus::Shape::X1
        } else {
            corpus::Shape {
                docs: 20,
                words: 600,
                tree: (10, 3, 10),
                codings: 500,
                coders: 3,
            }
        }
    };
    let p = corpus::study_of(&shape, 20240601);
    let coders: Vec<_> = p.coders.iter().map(|c| c.id).collect();
    let opts = |unit, n: usize| AgreementOptions {
        unit,
        ..AgreementOptions::new(coders[..n].to_vec())
    };
    // The index and the line indexes are built once, as in the window.
    let t = std::time::Instant::now();
    let first = agreement(&p, &opts(Unit::Line, 3)).expect("agreement");
    eprintln!(
        "agreement: {} codings by {} coders, {} codes, {} disagreements; first run (with the indexes) {:?}",
        p.codings.len(),
        p.coders.len(),
        first.per_code.len(),
        first.disagreements.len(),
        t.elapsed()
    );
    let mut g = c.benchmark_group("agreement-50k-codings");
    g.sample_size(10);
    for (name, unit, n) in [
        ("lines-3-coders", Unit::Line, 3),
        ("documents-3-coders", Unit::Document, 3),
        ("segments-2-coders", Unit::Segment, 2),
    ] {
        let o = opts(unit, n);
        g.bench_function(name, |b| b.iter(|| agreement(&p, &o).expect("agreement")));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
