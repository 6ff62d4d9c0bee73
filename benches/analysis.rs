//! The code matrix, code co-occurrence and complex retrieval on the
//! foundation issue's study:
//! 200 interviews of ~6,000 words, 300 codes in three levels, 50,000
//! codings by two coders (targets: matrix under 50 ms, co-occurrence by
//! line under 200 ms, in release).
//!
//! Under `cargo test --all-targets` (criterion's test mode, no `--bench`)
//! a study of 1/100 of the size is used, so CI stays fast.

use criterion::{Criterion, criterion_group, criterion_main};
use strata::analysis::charts::{codeline, default_codes};
use strata::analysis::cooccur::{Unit, cooccurrence};
use strata::analysis::freq::{
    self, Scope, StopWords, TokenCache, WordOptions, code_frequencies, code_frequencies_with,
    word_frequencies,
};
use strata::analysis::matrix::{By, CountUnit, matrix};

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
    // The index and the line indexes are built once, as in the window.
    let t = std::time::Instant::now();
    let m = matrix(&p, &By::Document, CountUnit::Coding).expect("matrix");
    let pairs = cooccurrence(&p, Unit::Line).pairs.len();
    eprintln!(
        "analysis: {} codings, {} codes, {} columns, {pairs} co-occurring pairs by line; first run (with the indexes) {:?}",
        p.codings.len(),
        m.rows.len(),
        m.columns.len(),
        t.elapsed()
    );
    let by_var = By::Variable("participant".into());
    let mut g = c.benchmark_group(format!("analysis-{}-codings", p.codings.len()));
    g.sample_size(10);
    g.bench_function("matrix-documents-codings", |b| {
        b.iter(|| matrix(&p, &By::Document, CountUnit::Coding).expect("matrix"))
    });
    g.bench_function("matrix-documents-coded-documents", |b| {
        b.iter(|| matrix(&p, &By::Document, CountUnit::Document).expect("matrix"))
    });
    g.bench_function("matrix-variable-coded-documents", |b| {
        b.iter(|| matrix(&p, &by_var, CountUnit::Document).expect("matrix"))
    });
    for (name, unit) in [
        ("cooccur-lines", Unit::Line),
        ("cooccur-overlaps", Unit::Segment),
        ("cooccur-documents", Unit::Document),
    ] {
        g.bench_function(name, |b| b.iter(|| cooccurrence(&p, unit)));
    }
    // The Frequencies and Words tabs after an edit to codings: before, each
    // tokenised every document again (`code-frequencies`, `every-word-all`);
    // now the tokens are kept while the texts are the same
    // (`tokens-unchanged` is the check), the code table is counted from
    // them, and all documents' words are not counted again.
    g.bench_function("code-frequencies", |b| b.iter(|| code_frequencies(&p)));
    g.bench_function("every-word-all", |b| {
        b.iter(|| freq::words::every_word(&p, Scope::All))
    });
    let mut cache = TokenCache::default();
    cache.update(&p);
    g.bench_function("tokens-unchanged", |b| b.iter(|| cache.update(&p)));
    g.bench_function("code-frequencies-tokens-made", |b| {
        b.iter(|| code_frequencies_with(&p, cache.tokens()))
    });
    let stop = StopWords::builtin();
    g.bench_function("word-frequencies-all", |b| {
        b.iter(|| word_frequencies(&p, Scope::All, &WordOptions::default(), Some(&stop)))
    });
    // The codeline of the categories: one shape per coding before, one
    // per run of a document's marks of a key now.
    let categories = default_codes(&p);
    let cl = codeline(&p, &categories);
    let marks: usize = cl.documents.iter().map(|d| d.marks.len()).sum();
    let count = |cap| -> usize { cl.runs(0.004, cap).iter().flatten().map(Vec::len).sum() };
    let (runs, capped) = (count(usize::MAX), count(2_000));
    eprintln!(
        "analysis: codeline of {} categories: {marks} marks, {runs} runs, {capped} drawn (2,000 a key at most)",
        cl.keys.len()
    );
    g.bench_function("codeline-build-runs", |b| {
        b.iter(|| {
            let cl = codeline(&p, &categories);
            cl.runs(0.004, 2_000).len()
        })
    });
    // Complex retrieval: two categories (every code below each).
    for (name, q) in [
        ("query-overlaps", "«مقوله 0» overlaps «مقوله 1»"),
        (
            "query-followed-by",
            "«مقوله 0» followed by «مقوله 1» within 3 lines",
        ),
    ] {
        let n = strata::analysis::query::run(&p, q).expect("query").len();
        eprintln!("analysis: {name}: {n} hits");
        g.bench_function(name, |b| {
            b.iter(|| strata::analysis::query::run(&p, q).expect("query"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
