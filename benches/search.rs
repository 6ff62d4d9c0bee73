//! `strata search` at the scale: a common Persian word over the ×1
//! study (200 interviews of ~6,000 words, 50,000 codings). Measured with
//! the folded texts built once (`SearchIndex`, as a window keeps them per
//! generation), folding every document in the call (the CLI), building
//! the index alone, and a regex on the raw text.
//!
//! Under `cargo test --all-targets` (criterion's test mode, no `--bench`)
//! 20 interviews of 600 words are used, so CI stays fast.

use criterion::{Criterion, criterion_group, criterion_main};
use strata::analysis::search::{Query, SearchIndex, search};

#[path = "support/corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let (docs, words, codings) = if full {
        (200, 6000, 50_000)
    } else {
        (20, 600, 500)
    };
    let p = corpus::study(docs, words, codings, 20240601);
    let ix = SearchIndex::build(&p);
    // «شبکه» is written «شبکه‌های» in the corpus: a hit across a ZWNJ.
    let word = Query {
        text: "شبکه".into(),
        ..Default::default()
    };
    let regex = Query {
        text: "شبکه".into(),
        regex: true,
        ..Default::default()
    };
    let hits = search(&p, Some(&ix), &[], &word).expect("search");
    let chars: usize = p.documents.iter().map(|d| d.char_count()).sum();
    eprintln!(
        "search: {} documents, {chars} chars; «شبکه» has {} hits",
        p.documents.len(),
        hits.len()
    );
    let mut g = c.benchmark_group(format!("search-{docs}-docs"));
    g.sample_size(10);
    g.bench_function("common word, index built", |b| {
        b.iter(|| search(&p, Some(&ix), &[], &word).expect("search"))
    });
    g.bench_function("common word, folding each call", |b| {
        b.iter(|| search(&p, None, &[], &word).expect("search"))
    });
    g.bench_function("build index", |b| b.iter(|| SearchIndex::build(&p)));
    g.bench_function("regex, raw text", |b| {
        b.iter(|| search(&p, None, &[], &regex).expect("search"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
