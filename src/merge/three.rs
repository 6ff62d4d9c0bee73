//! Three-way building blocks: pick one value among a base and its sides'
//! versions, merge the order of a list, and derive stable IDs for copies.
//! None of them depends on the order in which the sides are given.

use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// One side's version of a value, and when that side last changed the item.
pub(super) struct Cand<T> {
    pub value: T,
    pub at: Option<DateTime<Utc>>,
    pub side: usize,
}

/// The value kept, and the other values the sides changed it to (a
/// conflict when there are any), each with the sides that had it.
pub(super) struct Picked<T> {
    pub value: T,
    pub others: Vec<(T, Vec<usize>)>,
}

/// The three-way choice: a value no side changed stays; one change is
/// taken; changes that differ are a conflict, won by the latest change
/// (equal times: the greatest value, a fixed rule that does not depend on
/// the sides' order). None only when there is neither base nor candidate.
pub(super) fn pick<T: Clone + Ord>(base: Option<&T>, cands: Vec<Cand<T>>) -> Option<Picked<T>> {
    let mut changed: BTreeMap<T, (Option<DateTime<Utc>>, Vec<usize>)> = BTreeMap::new();
    for c in cands {
        if Some(&c.value) == base {
            continue;
        }
        let e = changed.entry(c.value).or_insert((None, Vec::new()));
        e.0 = e.0.max(c.at);
        e.1.push(c.side);
    }
    let winner = changed
        .iter()
        .max_by(|a, b| (a.1.0, a.0).cmp(&(b.1.0, b.0)))
        .map(|(k, _)| k.clone());
    match winner {
        None => base.map(|b| Picked {
            value: b.clone(),
            others: Vec::new(),
        }),
        Some(w) => {
            changed.remove(&w);
            Some(Picked {
                value: w,
                others: changed.into_iter().map(|(v, (_, s))| (v, s)).collect(),
            })
        }
    }
}

/// The merged order of a list (roots, children, documents, coders): the
/// base's order, or the one side's new order if exactly one side reordered
/// it; items new to the list go after the item they follow on their side,
/// or last if they were added last (ties by name, then ID); items in no list go last. Returns whether sides
/// reordered it in different ways (the base's order is kept then).
pub(super) fn merge_order<T: Copy + Ord>(
    base: &[T],
    sides: &[&[T]],
    keep: &BTreeSet<T>,
    name: impl Fn(T) -> String,
) -> (Vec<T>, bool) {
    let mut seen = BTreeSet::new();
    let base_kept: Vec<T> = base
        .iter()
        .copied()
        .filter(|x| keep.contains(x) && seen.insert(*x))
        .collect();
    let in_base: BTreeSet<T> = base_kept.iter().copied().collect();
    let mut orders: BTreeSet<Vec<T>> = BTreeSet::new();
    for s in sides {
        let mut seen = BTreeSet::new();
        let seq: Vec<T> = s
            .iter()
            .copied()
            .filter(|x| in_base.contains(x) && seen.insert(*x))
            .collect();
        if seq.len() == base_kept.len() && seq != base_kept {
            orders.insert(seq);
        }
    }
    let conflict = orders.len() > 1;
    let backbone = match (orders.len(), orders.pop_first()) {
        (1, Some(order)) => order,
        _ => base_kept,
    };
    let pos: BTreeMap<T, usize> = backbone.iter().enumerate().map(|(i, x)| (*x, i)).collect();
    let mut keyed: Vec<((i64, u8, usize, String), T)> = backbone
        .iter()
        .enumerate()
        .map(|(i, x)| ((i as i64, 0, 0, String::new()), *x))
        .collect();
    for x in keep.iter().filter(|x| !pos.contains_key(x)) {
        // The earliest place any side gives it; then its place in that
        // side's list, so a side's new items keep their order.
        let mut best: Option<(i64, usize)> = None;
        for s in sides {
            if let Some(at) = s.iter().position(|y| y == x) {
                // Added at the end of its list: at the end here too, even
                // where the backbone was reordered.
                let last = !s[at..].iter().any(|y| pos.contains_key(y));
                let anchor = if last {
                    backbone.len() as i64
                } else {
                    s[..at]
                        .iter()
                        .rev()
                        .find_map(|y| pos.get(y))
                        .map_or(-1, |i| *i as i64)
                };
                best = Some(best.map_or((anchor, at), |b| b.min((anchor, at))));
            }
        }
        let (anchor, at) = best.unwrap_or((i64::MAX, 0));
        keyed.push(((anchor, 1, at, name(*x)), *x));
    }
    keyed.sort();
    (keyed.into_iter().map(|(_, x)| x).collect(), conflict)
}

/// Shared with the REFI-QDA export, which derives its selection IDs the
/// same way.
pub(super) use crate::model::derived_uuid;

// expect() here is on the tests' own fixed inputs: a panic is the test
// failing, with its message; no file or user data reaches it.
#[cfg(test)]
mod tests {
    // `expect` here is on values the test itself made, never on a file's
    // or a user's data: a failure is the test's finding.
    use super::*;

    fn c(v: &str, side: usize) -> Cand<String> {
        Cand {
            value: v.to_string(),
            at: None,
            side,
        }
    }

    #[test]
    fn one_change_wins_and_two_conflict_in_any_order() {
        let base = "a".to_string();
        let p = pick(Some(&base), vec![c("a", 0), c("b", 1)]).expect("picked");
        assert_eq!(p.value, "b");
        assert!(p.others.is_empty());
        let p1 = pick(Some(&base), vec![c("b", 0), c("c", 1)]).expect("picked");
        let p2 = pick(Some(&base), vec![c("c", 0), c("b", 1)]).expect("picked");
        assert_eq!(p1.value, p2.value);
        assert_eq!(p1.others.len(), 1);
    }

    #[test]
    fn order_takes_one_sides_reordering_and_new_items_after_their_neighbour() {
        let keep: BTreeSet<u32> = [1, 2, 3, 9].into_iter().collect();
        let (o, conflict) = merge_order(&[1, 2, 3], &[&[1, 2, 3, 9], &[3, 1, 2]], &keep, |x| {
            x.to_string()
        });
        assert_eq!(o, vec![3, 1, 2, 9]);
        assert!(!conflict);
        let (o, conflict) = merge_order(&[1, 2, 3], &[&[2, 1, 3], &[3, 1, 2]], &keep, |x| {
            x.to_string()
        });
        assert_eq!(o, vec![1, 2, 3, 9]);
        assert!(conflict);
    }
}
