//! The social-media strand at the study's scale and well beyond it: the
//! paper monitored 15 managers on two networks over 3 months; here 30
//! accounts with 100 posts each and 20 comments a post (3,000 posts,
//! 60,000 comments) are written as CSV, then imported (read, checked and
//! turned into documents: `social::plan`) and the indices computed.
//!
//! Under `cargo test --all-targets` (criterion's test mode, no `--bench`)
//! 4 accounts with 5 posts of 3 comments are used, so CI stays fast.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use strata::edit::History;
use strata::model::Project;
use strata::social::{self, By, Files};

/// accounts.csv, posts.csv and comments.csv of a generated study.
fn corpus(dir: &std::path::Path, accounts: usize, posts: usize, comments: usize) {
    let mut a = String::from("network,account,role,followers,period_start,period_end\n");
    let mut p =
        String::from("network,account,post_id,posted_at,text,likes,comments,shares,views\n");
    let mut c = String::from("network,post_id,comment_id,posted_at,author,text,reply_by_manager\n");
    let mut seed = 20241207u64;
    let mut rnd = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for i in 0..accounts {
        let network = if i % 2 == 0 { "Instagram" } else { "X" };
        let role = if i % 3 == 0 { "executive" } else { "council" };
        let name = format!("manager{i}");
        let followers = 1000 + rnd(20_000);
        writeln!(
            a,
            "{network},{name},{role},{followers},2024-03-20,2024-06-20"
        )
        .unwrap();
        for j in 0..posts {
            let id = format!("{name}-{j}");
            let day = 20 + (j % 9);
            writeln!(
                p,
                "{network},{name},{id},2024-04-{day:02},\"پست شمارهٔ {j} دربارهٔ پروژهٔ بوستان محله، با گزارش اقدام‌های انجام‌شده.\",{},{},{},{}",
                rnd(500),
                comments,
                rnd(30),
                rnd(10_000)
            )
            .unwrap();
            for k in 0..comments {
                let reply = k % 10 == 9;
                let author = if reply {
                    name.clone()
                } else {
                    format!("citizen{}", rnd(5000))
                };
                writeln!(
                    c,
                    "{network},{id},{id}-c{k},2024-04-{day:02},{author},\"نظر شمارهٔ {k}: کاش زودتر انجام می‌شد؛ ممنون از پیگیری.\",{reply}"
                )
                .unwrap();
            }
        }
    }
    for (name, text) in [("accounts.csv", a), ("posts.csv", p), ("comments.csv", c)] {
        std::fs::write(dir.join(name), text).expect("write the corpus");
    }
}

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let (accounts, posts, comments) = if full { (30, 100, 20) } else { (4, 5, 3) };
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path(), accounts, posts, comments);
    let (a, po, co) = (
        dir.path().join("accounts.csv"),
        dir.path().join("posts.csv"),
        dir.path().join("comments.csv"),
    );
    let files = Files {
        accounts: &a,
        posts: &po,
        comments: Some(&co),
    };
    let mut p = Project::new("bench");
    let plan = social::plan(&p, files).expect("plan");
    History::new().apply(&mut p, plan.command).expect("import");
    let mut g = c.benchmark_group(format!(
        "social-{}-posts-{}-comments",
        plan.posts, plan.comments
    ));
    g.sample_size(10);
    g.bench_function("import-plan", |b| {
        b.iter(|| social::plan(&Project::new("b"), files).expect("plan"))
    });
    g.bench_function("import-apply", |b| {
        b.iter_batched(
            || {
                (
                    Project::new("b"),
                    social::plan(&Project::new("b"), files).expect("plan"),
                )
            },
            |(mut p, plan)| History::new().apply(&mut p, plan.command).expect("import"),
            criterion::BatchSize::LargeInput,
        )
    });
    for by in [By::Network, By::NetworkRole, By::Account] {
        g.bench_function(format!("indices-{}", by.name()), |b| {
            b.iter(|| social::indices(&p, by).expect("indices"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
