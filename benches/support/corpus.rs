//! A deterministic synthetic study for benchmarks and stress tests:
//! interviews of mixed Persian (with ZWNJ) and English speaker turns, a
//! three-level code tree and codings by two coders. Shaped like the corpus
//! in `shared/bench` that other QDA tools were measured on.

use chrono::{TimeZone, Utc};
use strata::model::*;

const FA: &[&str] = &[
    "خانواده",
    "کار",
    "شهر",
    "زندگی",
    "مدیر",
    "شورا",
    "شهرداری",
    "مردم",
    "مشارکت",
    "شبکه‌های",
    "اجتماعی",
    "پیام",
    "پاسخ",
    "بحران",
    "خبر",
    "رسانه",
    "خبرنگار",
    "بودجه",
    "پروژه",
    "محله",
    "می‌گویند",
    "نمی‌دانم",
    "همه‌چیز",
    "دست‌به‌دست",
    "به‌دلیل",
    "سال",
    "روز",
    "مشکل",
    "تجربه",
    "اعتماد",
    "و",
    "از",
    "به",
    "در",
    "که",
    "را",
    "با",
    "این",
    "آن",
    "است",
];
const EN: &[&str] = &[
    "the",
    "city",
    "council",
    "people",
    "social",
    "media",
    "really",
    "because",
    "we",
    "they",
    "Instagram",
    "Telegram",
    "budget",
    "project",
    "news",
    "and",
    "of",
    "to",
    "in",
    "is",
];

/// xorshift64*: tiny, deterministic, good enough for synthetic text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One interview of about `words` words, one speaker turn per line.
pub fn interview(seed: u64, n: usize, words: usize) -> String {
    let mut r = Rng(seed ^ (n as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut out = String::new();
    let mut written = 0;
    let mut turn = 0;
    while written < words {
        let label = if turn % 2 == 0 {
            "Interviewer".to_string()
        } else {
            format!("P{n}")
        };
        out.push_str(&label);
        out.push_str(": ");
        let len = 8 + r.below(if turn % 2 == 0 { 15 } else { 60 });
        for i in 0..len {
            let w = if r.below(5) == 0 {
                EN[r.below(EN.len())]
            } else {
                FA[r.below(FA.len())]
            };
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        out.push_str(if r.below(4) == 0 { "؟\n" } else { ".\n" });
        written += len;
        turn += 1;
    }
    out.pop();
    out
}

/// The shape of a synthetic study.
#[allow(dead_code)] // each bench uses some of the sizes
pub struct Shape {
    pub docs: usize,
    pub words: usize,
    /// Categories, subcategories per category, codes per subcategory.
    pub tree: (usize, usize, usize),
    pub codings: usize,
    pub coders: usize,
}

#[allow(dead_code)]
impl Shape {
    /// The foundation issue's study: 200 interviews of ~6,000 words, 300
    /// codes in three levels, 50,000 codings by two coders.
    pub const X1: Shape = Shape {
        docs: 200,
        words: 6000,
        tree: (10, 3, 10),
        codings: 50_000,
        coders: 2,
    };
    /// Ten times that: 2,000 interviews, ~3,000 codes, 500,000 codings by
    /// three coders.
    pub const X10: Shape = Shape {
        docs: 2000,
        words: 6000,
        tree: (15, 10, 19),
        codings: 500_000,
        coders: 3,
    };
}

/// A project with `docs` interviews of `words` words, 10 × 3 × 10 codes and
/// `codings` codings (whole lines and word spans) by two coders.
#[allow(dead_code)]
pub fn study(docs: usize, words: usize, codings: usize, seed: u64) -> Project {
    study_of(
        &Shape {
            docs,
            words,
            tree: (10, 3, 10),
            codings,
            coders: 2,
        },
        seed,
    )
}

/// A project of the given shape; the same seed gives the same study.
pub fn study_of(shape: &Shape, seed: u64) -> Project {
    let mut p = Project::new("Synthetic study");
    let when = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    for (i, name) in ["Coder A", "Coder B", "Coder C", "Coder D"]
        .iter()
        .take(shape.coders.clamp(1, 4))
        .enumerate()
    {
        p.coders.push(Coder {
            id: CoderId::new(),
            name: name.to_string(),
            color: strata::edit::palette_color(i),
        });
    }
    for i in 0..shape.docs {
        let mut d = Document::new(
            format!("interview_P{:03}", i + 1),
            &interview(seed, i + 1, shape.words),
        );
        d.variables
            .insert("participant".into(), format!("P{}", i + 1));
        p.documents.push(d);
    }
    let (cats, subs, codes) = shape.tree;
    let mut leaves = Vec::new();
    for c in 0..cats {
        let mut cat = Code::new(format!("مقوله {c}"), strata::edit::palette_color(c));
        for s in 0..subs {
            let mut sub = Code::new(format!("زیرمقوله {c}.{s}"), strata::edit::palette_color(s));
            for k in 0..codes {
                let code = Code::new(
                    format!("کد {c}.{s}.{k} social media"),
                    strata::edit::palette_color(k),
                );
                sub.children.push(code.id);
                leaves.push(code.id);
                p.codes.insert(code.id, code);
            }
            cat.children.push(sub.id);
            p.codes.insert(sub.id, sub);
        }
        p.roots.push(cat.id);
        p.codes.insert(cat.id, cat);
    }
    let mut r = Rng(seed.wrapping_add(7));
    let mut seen = std::collections::HashSet::new();
    for _ in 0..shape.codings {
        let d = &p.documents[r.below(p.documents.len())];
        let line = 1 + r.below(d.line_count());
        let Some(lr) = d.line_range(line) else {
            continue;
        };
        let range = if r.below(2) == 0 || lr.len() < 12 {
            lr
        } else {
            let a = lr.start.0 + r.below(lr.len() - 10);
            CharRange::new(a, (a + 5 + r.below(40)).min(lr.end.0))
        };
        let coder = p.coders[r.below(p.coders.len())].id;
        let code = leaves[r.below(leaves.len())];
        // Strata refuses exact duplicates; so does the generator.
        if !seen.insert((d.id, range, code, coder)) {
            continue;
        }
        let c = Coding {
            id: CodingId::new(),
            document: d.id,
            range,
            code,
            coder,
            origin: Origin::Manual,
            stamp: Stamp {
                created: Some(when),
                created_by: Some(coder),
                modified: Some(when),
                modified_by: Some(coder),
            },
        };
        p.codings.insert(c.id, c);
    }
    // The generator filled the lists directly: the project is changed.
    p.touch();
    p
}
