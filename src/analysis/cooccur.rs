//! Code co-occurrence: how often two level-1 codes are present in the same
//! unit, whoever coded them. A unit is a line of a document (a coding is
//! present on every line it touches, the rule of intercoder agreement), an
//! overlap of two codings (two codings of different codes in one document
//! sharing at least one character, counted once per such pair of codings),
//! or a document.

use crate::model::*;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Line,
    Segment,
    Document,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cooccurrence {
    pub unit: Unit,
    /// Pairs with a count above 0, by `a`'s then `b`'s place in the tree;
    /// `a` comes before `b` in the tree.
    pub pairs: Vec<Pair>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// Code names from the root down.
    pub a: Vec<String>,
    pub b: Vec<String>,
    pub count: u64,
}

/// One coding of a level-1 code: the code's place in the tree, and where.
#[derive(Clone, Copy)]
struct Item {
    code: u32,
    first: u32,
    last: u32,
    range: CharRange,
}

pub fn cooccurrence(p: &Project, unit: Unit) -> Cooccurrence {
    let (_, paths, pairs) = tally(p, unit);
    Cooccurrence {
        unit,
        pairs: pairs
            .into_iter()
            .map(|((a, b), count)| Pair {
                a: paths[a as usize].clone(),
                b: paths[b as usize].clone(),
                count,
            })
            .collect(),
    }
}

/// The same counts by code: the level-1 codes in tree order, and the
/// pairs (by their places in that list, a < b) with a count above 0.
/// (The window's heat map, which needs the codes, not their names.)
pub fn cooccurrence_by_code(p: &Project, unit: Unit) -> (Vec<CodeId>, Vec<PairCount>) {
    let (codes, _, pairs) = tally(p, unit);
    (codes, pairs)
}

/// A pair of level-1 codes (by their places in the tree, a < b) and how
/// often they co-occur.
pub type PairCount = ((u32, u32), u64);

type Counted = (Vec<CodeId>, Vec<Vec<String>>, Vec<PairCount>);

fn tally(p: &Project, unit: Unit) -> Counted {
    let ix = p.index();
    let walk = p.walk();
    // Level-1 codes by their place in the tree; paths as the walk gives them.
    let mut slot: HashMap<CodeId, u32> = HashMap::new();
    let mut paths: Vec<Vec<String>> = Vec::new();
    let mut codes: Vec<CodeId> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    for (id, depth) in &walk {
        path.truncate(*depth);
        path.push(p.codes.get(id).map(|c| c.name.clone()).unwrap_or_default());
        if ix.level(*id) == 1 {
            slot.insert(*id, paths.len() as u32);
            codes.push(*id);
            paths.push(path.clone());
        }
    }
    let mut tally = Tally::new(paths.len());
    let mut items: Vec<Item> = Vec::new();
    let mut present: Vec<u32> = Vec::new();
    for d in &p.documents {
        items.clear();
        let n = d.char_count();
        for c in ix
            .codings_of_document(d.id)
            .iter()
            .filter_map(|c| p.codings.get(c))
        {
            // Loading sets aside codings that do not fit their text; this
            // guards a project built in memory.
            let Some(&code) = slot.get(&c.code) else {
                continue;
            };
            if !c.range.fits(n) || c.range.is_empty() {
                continue;
            }
            let (first, last) = if unit == Unit::Line {
                d.lines_of(c.range)
            } else {
                (0, 0)
            };
            items.push(Item {
                code,
                first: first as u32,
                last: last as u32,
                range: c.range,
            });
        }
        match unit {
            Unit::Document => {
                present.clear();
                present.extend(items.iter().map(|it| it.code));
                count_set(&mut present, 1, &mut tally);
            }
            Unit::Line => lines(&items, &mut present, &mut tally),
            Unit::Segment => overlaps(&mut items, &mut tally),
        }
    }
    (codes, paths, tally.sorted())
}

/// Counts of pairs (a, b), a < b, by the codes' places in the tree: a
/// table of every pair for a tree of up to `DENSE` level-1 codes (8 MiB),
/// else a map of the pairs seen. A document with 200 codes present has
/// 20,000 pairs, and a table is several times faster than hashing them.
enum Tally {
    Dense { n: usize, counts: Vec<u64> },
    Sparse(HashMap<(u32, u32), u64>),
}

const DENSE: usize = 1024;

impl Tally {
    fn new(n: usize) -> Self {
        if n <= DENSE {
            Tally::Dense {
                n,
                counts: vec![0; n * n],
            }
        } else {
            Tally::Sparse(HashMap::new())
        }
    }

    fn add(&mut self, a: u32, b: u32, k: u64) {
        match self {
            Tally::Dense { n, counts } => counts[a as usize * *n + b as usize] += k,
            Tally::Sparse(map) => *map.entry((a, b)).or_insert(0) += k,
        }
    }

    /// The pairs counted, by a then b.
    fn sorted(&self) -> Vec<((u32, u32), u64)> {
        match self {
            Tally::Dense { n, counts } => counts
                .iter()
                .enumerate()
                .filter(|(_, k)| **k > 0)
                .map(|(i, k)| (((i / n) as u32, (i % n) as u32), *k))
                .collect(),
            Tally::Sparse(map) => {
                let mut all: Vec<((u32, u32), u64)> = map
                    .iter()
                    .filter(|(_, k)| **k > 0)
                    .map(|(p, k)| (*p, *k))
                    .collect();
                all.sort_unstable();
                all
            }
        }
    }
}

/// Every pair of distinct codes in `codes` gains `n`.
fn count_set(codes: &mut Vec<u32>, n: u64, tally: &mut Tally) {
    codes.sort_unstable();
    codes.dedup();
    for (i, a) in codes.iter().enumerate() {
        for b in &codes[i + 1..] {
            tally.add(*a, *b, n);
        }
    }
}

/// Line units: the codes present change only where a coding starts or
/// ends, so each stretch of lines between those places is counted once,
/// times its length.
fn lines(items: &[Item], present: &mut Vec<u32>, tally: &mut Tally) {
    let mut cuts: Vec<u32> = items
        .iter()
        .flat_map(|it| [it.first, it.last + 1])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_first: Vec<&Item> = items.iter().collect();
    by_first.sort_unstable_by_key(|it| it.first);
    let mut active: Vec<&Item> = Vec::new();
    let mut next = 0;
    for w in cuts.windows(2) {
        let (from, to) = (w[0], w[1]);
        active.retain(|it| it.last >= from);
        while next < by_first.len() && by_first[next].first <= from {
            active.push(by_first[next]);
            next += 1;
        }
        present.clear();
        present.extend(active.iter().map(|it| it.code));
        count_set(present, u64::from(to - from), tally);
    }
}

/// Overlap units: each two codings of different codes that share a char.
fn overlaps(items: &mut [Item], tally: &mut Tally) {
    items.sort_unstable_by_key(|it| (it.range.start, it.range.end));
    let mut active: Vec<Item> = Vec::new();
    for it in items.iter() {
        active.retain(|a| a.range.end > it.range.start);
        for a in &active {
            if a.code != it.code {
                tally.add(a.code.min(it.code), a.code.max(it.code), 1);
            }
        }
        active.push(*it);
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;

    /// The map (trees of over `DENSE` level-1 codes) counts as the table,
    /// and neither lists a pair whose count stayed 0.
    #[test]
    fn both_tallies_give_the_same_pairs() {
        let mut dense = Tally::new(50);
        let mut sparse = Tally::Sparse(Default::default());
        let mut x: u64 = 7;
        for _ in 0..2000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (a, b) = ((x >> 33) as u32 % 50, (x >> 13) as u32 % 50);
            let (a, b) = (a.min(b), a.max(b));
            for t in [&mut dense, &mut sparse] {
                t.add(a, b, x % 3);
            }
        }
        let got = dense.sorted();
        assert!(got.len() > 100);
        assert!(got.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(got, sparse.sorted());
    }
}
