//! Segment units, MAXQDA's method for two coders: each coder's segments
//! of a code are checked against the other's; a segment agrees when the
//! other coded the same code on a range overlapping it by at least the
//! threshold (intersection over union of the two char ranges).

use super::lines::{Item, gather};
use super::{Agreement, CodeRow, Disagreement, Figures, Unit, path_names, sides, stats};
use crate::model::*;

/// Matched and unmatched segments of each of the two coders.
#[derive(Clone, Default)]
struct Tally {
    matched: [u64; 2],
    unmatched: [u64; 2],
}

impl Tally {
    fn figures(&self, categories: usize) -> Figures {
        let agreements = self.matched[0] + self.matched[1];
        let disagreements = self.unmatched[0] + self.unmatched[1];
        let units = agreements + disagreements;
        let observed = (units > 0).then(|| agreements as f64 / units as f64);
        Figures {
            units,
            agreements,
            disagreements,
            coded_by_all: agreements,
            only: self.unmatched.to_vec(),
            pairable_units: 0,
            observed,
            cohen: None,
            fleiss: None,
            alpha: None,
            brennan_prediger: observed.and_then(|o| stats::brennan_prediger(o, categories)),
        }
    }
}

pub(super) fn compare(
    p: &Project,
    coders: &[CoderId],
    codes: &[CodeId],
    overlap: f64,
) -> Agreement {
    let g = gather(p, coders, codes);
    let mut tallies = vec![Tally::default(); codes.len()];
    let mut disagreements = Vec::new();
    let (mut complete, mut single) = (0, 0);
    let mut segs: [Vec<CharRange>; 2] = [Vec::new(), Vec::new()];
    let mut order: Vec<&Item> = Vec::new();
    for (pos, items) in g.per_doc.iter().enumerate() {
        let present = items.iter().fold(0u64, |a, it| a | 1 << it.coder);
        match present.count_ones() {
            0 => continue,
            1 => {
                single += 1;
                continue;
            }
            _ => complete += 1,
        }
        let doc = &p.documents[pos];
        order.clear();
        order.extend(
            items
                .iter()
                .filter(|it| (it.code_slot as usize) < codes.len()),
        );
        order.sort_by_key(|it| (it.code_slot, it.range.start, it.range.end));
        let mut at = 0;
        while at < order.len() {
            let slot = order[at].code_slot;
            segs[0].clear();
            segs[1].clear();
            while at < order.len() && order[at].code_slot == slot {
                let it = order[at];
                // Sorted by start: one coder's overlapping codings of a
                // code become one segment (counted once).
                let own = &mut segs[it.coder as usize & 1];
                match own.last_mut() {
                    Some(last) if it.range.start < last.end => {
                        last.end = last.end.max(it.range.end);
                    }
                    _ => own.push(it.range),
                }
                at += 1;
            }
            let mut found = Vec::new();
            for x in 0..2 {
                let (mine, theirs) = (&segs[x], &segs[1 - x]);
                for s in mine {
                    let (matched, touched) = best_match(*s, theirs, overlap);
                    if matched {
                        tallies[slot as usize].matched[x] += 1;
                    } else {
                        tallies[slot as usize].unmatched[x] += 1;
                        found.push((*s, x, touched));
                    }
                }
            }
            found.sort_by_key(|(r, x, _)| (r.start, r.end, *x));
            for (range, x, touched) in found {
                let (first, last) = doc.lines_of(range);
                let mut coders = sides(items, 2, first as u32, last as u32, &g.code_of);
                coders[x].coded = true;
                coders[1 - x].coded = touched;
                disagreements.push(Disagreement {
                    document: doc.id,
                    doc_name: doc.name.clone(),
                    lines: (first, last),
                    range,
                    code: g.code_of[slot as usize],
                    coders,
                    text: doc.slice(range).to_string(),
                });
            }
        }
    }
    let k = codes.len();
    let mut pooled = Tally::default();
    for t in &tallies {
        for x in 0..2 {
            pooled.matched[x] += t.matched[x];
            pooled.unmatched[x] += t.unmatched[x];
        }
    }
    let mut notes = vec![
        "Units: coded segments of two coders (MAXQDA's method). A coder's overlapping codings of one code are joined into one segment first.".to_string(),
        format!(
            "A segment agrees when the other coder coded the same code on a range whose intersection with it is at least {:.0}% of their union.",
            overlap * 100.0
        ),
        "Each coder's segments are checked, so a matched pair counts as two agreements; percent agreement = agreements / (agreements + disagreements). Overall figures add up the per-code counts.".to_string(),
        format!(
            "Brennan–Prediger kappa: chance agreement 1/k with k = {k}, the number of codes compared (each code equally likely), as MAXQDA does. Undefined for fewer than two codes."
        ),
        "Only documents both coders coded are compared; Cohen, Fleiss and alpha need fixed units and are not given for segments.".to_string(),
    ];
    if single > 0 {
        notes.push(format!(
            "{single} document(s) were coded by only one of the coders: left out."
        ));
    }
    Agreement {
        unit: Unit::Segment,
        overlap: Some(overlap),
        coders: Vec::new(),
        documents_complete: complete,
        documents_partial: 0,
        documents_left_out: Vec::new(),
        per_code: codes
            .iter()
            .zip(&tallies)
            .map(|(c, t)| CodeRow {
                code: *c,
                path: path_names(p, *c),
                figures: t.figures(k),
            })
            .collect(),
        overall: pooled.figures(k),
        disagreements,
        notes,
    }
}

/// Does a segment of `theirs` (sorted, disjoint) overlap `s` by at least
/// `overlap` of their union; and does any overlap it at all?
fn best_match(s: CharRange, theirs: &[CharRange], overlap: f64) -> (bool, bool) {
    let from = theirs.partition_point(|t| t.end <= s.start);
    let mut touched = false;
    for t in theirs[from..].iter().take_while(|t| t.start < s.end) {
        touched = true;
        let inter = s.end.0.min(t.end.0) - s.start.0.max(t.start.0);
        let union = s.len() + t.len() - inter;
        // A tiny allowance: 9 of 10 chars is 90% however it rounds.
        if inter as f64 >= overlap * union as f64 - 1e-9 {
            return (true, true);
        }
    }
    (false, touched)
}
