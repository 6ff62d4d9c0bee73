//! A deterministic synthetic study for benchmarks and stress tests:
//! interviews of mixed Persian (with ZWNJ) and English speaker turns, a
//! three-level code tree and codings by two coders. Shaped like the corpus
//! in `shared/bench` that other QDA tools were measured on.

use crate::model::*;
use chrono::{TimeZone, Utc};

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

/// A project with `docs` interviews of `words` words, 10 × 3 × 10 codes and
/// `codings` codings (whole lines and word spans) by two coders.
pub fn study(docs: usize, words: usize, codings: usize, seed: u64) -> Project {
    let mut p = Project::new("Synthetic study");
    let when = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    for name in ["Coder A", "Coder B"] {
        p.coders.push(Coder {
            id: CoderId::new(),
            name: name.into(),
        });
    }
    for i in 0..docs {
        let mut d = Document::new(
            format!("interview_P{:03}", i + 1),
            &interview(seed, i + 1, words),
        );
        d.variables
            .insert("participant".into(), format!("P{}", i + 1));
        p.documents.push(d);
    }
    let mut leaves = Vec::new();
    for c in 0..10 {
        let mut cat = Code::new(format!("مقوله {c}"), crate::edit::palette_color(c));
        for s in 0..3 {
            let mut sub = Code::new(format!("زیرمقوله {c}.{s}"), crate::edit::palette_color(s));
            for k in 0..10 {
                let code = Code::new(
                    format!("کد {c}.{s}.{k} social media"),
                    crate::edit::palette_color(k),
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
    for _ in 0..codings {
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
        let c = Coding {
            id: CodingId::new(),
            document: d.id,
            range,
            code: leaves[r.below(leaves.len())],
            coder: p.coders[r.below(2)].id,
            created: when,
        };
        p.codings.insert(c.id, c);
    }
    p
}
