//! Line and document units: per code, a present/absent decision of each
//! coder on each unit, tallied as counts of units by (coders who judged
//! the unit, coders who gave the code). Those counts are all the
//! statistics need; no unit is stored.

use super::stats::{self, Profile};
use super::{Agreement, CodeRow, Disagreement, Figures, Unit, path_names, sides};
use crate::model::*;
use std::collections::HashMap;

/// One coding of a chosen coder, as the comparison sees it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Item {
    /// Index into the chosen coders.
    pub coder: u8,
    /// Index into the code table: below the number of compared codes it is
    /// that code's index; above, a code that is only shown.
    pub code_slot: u32,
    /// 1-based lines the coding touches.
    pub first: u32,
    pub last: u32,
    pub range: CharRange,
}

/// The chosen coders' codings, by document position, each document's
/// sorted by first line; and the code of each slot.
pub(super) struct Gathered {
    pub per_doc: Vec<Vec<Item>>,
    pub code_of: Vec<CodeId>,
}

pub(super) fn gather(p: &Project, coders: &[CoderId], codes: &[CodeId]) -> Gathered {
    let mut slot: HashMap<CodeId, u32> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u32))
        .collect();
    let mut code_of = codes.to_vec();
    let mut per_doc: Vec<Vec<Item>> = vec![Vec::new(); p.documents.len()];
    // One walk over all codings: cheaper than a lookup per coding through
    // each coder's list, and the chosen coders usually hold most of them.
    let mut last_doc: Option<(DocId, usize)> = None;
    for c in p.codings.values() {
        let Some(ci) = coders.iter().position(|id| *id == c.coder) else {
            continue;
        };
        // Codings come in ID order, so documents change from one to the
        // next; the index answers in one hash lookup.
        let pos = match last_doc {
            Some((id, pos)) if id == c.document => Some(pos),
            _ => p.document_index(c.document),
        };
        let Some(pos) = pos else { continue };
        last_doc = Some((c.document, pos));
        let doc = &p.documents[pos];
        // Loading sets aside codings that do not fit their text; this
        // guards a project built in memory.
        if !c.range.fits(doc.char_count()) {
            continue;
        }
        let s = *slot.entry(c.code).or_insert_with(|| {
            code_of.push(c.code);
            (code_of.len() - 1) as u32
        });
        let (first, last) = doc.lines_of(c.range);
        per_doc[pos].push(Item {
            coder: ci as u8,
            code_slot: s,
            first: first as u32,
            last: last as u32,
            range: c.range,
        });
    }
    for items in &mut per_doc {
        items.sort_unstable_by_key(|it| (it.first, it.last, it.coder, it.code_slot, it.range));
    }
    Gathered { per_doc, code_of }
}

/// Units by (values, coders who gave the code): `hist[mu * (m + 1) + k]`.
#[derive(Clone)]
struct Tally {
    hist: Vec<u64>,
    only: Vec<u64>,
}

impl Tally {
    fn new(m: usize) -> Self {
        Tally {
            hist: vec![0; (m + 1) * (m + 1)],
            only: vec![0; m],
        }
    }

    fn add(&mut self, other: &Tally) {
        for (a, b) in self.hist.iter_mut().zip(&other.hist) {
            *a += b;
        }
        for (a, b) in self.only.iter_mut().zip(&other.only) {
            *a += b;
        }
    }

    fn figures(&self, m: usize) -> Figures {
        let at = |mu: usize, k: usize| self.hist[mu * (m + 1) + k];
        let mut all: Vec<Profile> = Vec::new();
        for mu in 2..=m {
            for k in 0..=mu {
                if at(mu, k) > 0 {
                    all.push((vec![k as u64, (mu - k) as u64], at(mu, k)));
                }
            }
        }
        let complete: Vec<Profile> = all
            .iter()
            .filter(|(c, _)| c.iter().sum::<u64>() == m as u64)
            .cloned()
            .collect();
        let units: u64 = (0..=m).map(|k| at(m, k)).sum();
        let agreements = at(m, 0) + at(m, m);
        let observed = stats::observed(&complete);
        Figures {
            units,
            agreements,
            disagreements: units - agreements,
            coded_by_all: at(m, m),
            only: self.only.clone(),
            pairable_units: all.iter().map(|(_, w)| w).sum(),
            observed,
            cohen: (m == 2)
                .then(|| {
                    stats::cohen(&[vec![at(2, 2), self.only[0]], vec![self.only[1], at(2, 0)]])
                })
                .flatten(),
            fleiss: stats::fleiss(&complete),
            alpha: stats::krippendorff_nominal(&all),
            brennan_prediger: observed.and_then(|o| stats::brennan_prediger(o, 2)),
        }
    }
}

/// Reused buffers, so that no line allocates.
#[derive(Default)]
struct Scratch {
    mask: Vec<u64>,
    touched: Vec<u32>,
    blank: Vec<bool>,
    order: Vec<u32>,
}

pub(super) fn compare(p: &Project, coders: &[CoderId], codes: &[CodeId], unit: Unit) -> Agreement {
    let m = coders.len();
    let g = gather(p, coders, codes);
    let mut tallies = vec![Tally::new(m); codes.len()];
    // Judged units per number of coders who judged them.
    let mut units_by_m = vec![0u64; m + 1];
    let mut disagreements = Vec::new();
    let (mut complete, mut partial, mut single) = (0, 0, 0);
    let mut s = Scratch::default();
    for (pos, items) in g.per_doc.iter().enumerate() {
        let present = items.iter().fold(0u64, |a, it| a | 1 << it.coder);
        let mu = present.count_ones() as usize;
        match mu {
            0 => continue,
            1 => {
                single += 1;
                continue;
            }
            _ if mu == m => complete += 1,
            _ => partial += 1,
        }
        let doc = &p.documents[pos];
        blank_lines(doc, unit, &mut s.blank);
        units_by_m[mu] += s.blank.iter().filter(|b| !**b).count() as u64;
        if s.mask.len() < s.blank.len() {
            s.mask.resize(s.blank.len(), 0);
        }
        s.order.clear();
        s.order.extend(
            (0..items.len() as u32)
                .filter(|i| (items[*i as usize].code_slot as usize) < codes.len()),
        );
        // Stable: within a code, items stay in line order.
        s.order.sort_by_key(|i| items[*i as usize].code_slot);
        let mut at = 0;
        while at < s.order.len() {
            let slot = items[s.order[at] as usize].code_slot;
            let mut end = at;
            while end < s.order.len() && items[s.order[end] as usize].code_slot == slot {
                end += 1;
            }
            let group = &s.order[at..end];
            at = end;
            let code = slot as usize;
            for it in group.iter().map(|i| &items[*i as usize]) {
                let (a, b) = match unit {
                    Unit::Document => (0, 0),
                    _ => (it.first - 1, it.last - 1),
                };
                for l in a..=b {
                    if s.blank.get(l as usize).copied().unwrap_or(true) {
                        continue;
                    }
                    let cell = &mut s.mask[l as usize];
                    if *cell == 0 {
                        s.touched.push(l);
                    }
                    *cell |= 1 << it.coder;
                }
            }
            s.touched.sort_unstable();
            let tally = &mut tallies[code];
            let mut run: Option<(u32, u32, u64)> = None;
            for &l in &s.touched {
                let mask = s.mask[l as usize];
                let k = mask.count_ones() as usize;
                tally.hist[mu * (m + 1) + k] += 1;
                if mu == m && k == 1 {
                    tally.only[mask.trailing_zeros() as usize] += 1;
                }
                if k == mu {
                    continue; // all who judged it coded it
                }
                match &mut run {
                    Some((_, end, rm))
                        if *rm == mask && (*end + 1..l).all(|x| s.blank[x as usize]) =>
                    {
                        *end = l;
                    }
                    _ => {
                        if let Some(r) = run.take() {
                            disagreements
                                .push(disagreement(p, &g, pos, items, group, code, r, unit, m));
                        }
                        run = Some((l, l, mask));
                    }
                }
            }
            if let Some(r) = run {
                disagreements.push(disagreement(p, &g, pos, items, group, code, r, unit, m));
            }
            for &l in &s.touched {
                s.mask[l as usize] = 0;
            }
            s.touched.clear();
        }
    }
    // Units no coder gave the code to: all the judged units it was not on.
    for t in &mut tallies {
        for (mu, units) in units_by_m.iter().enumerate().skip(2) {
            let given: u64 = (1..=mu).map(|k| t.hist[mu * (m + 1) + k]).sum();
            t.hist[mu * (m + 1)] = units - given;
        }
    }
    let mut pooled = Tally::new(m);
    tallies.iter().for_each(|t| pooled.add(t));
    let per_code = codes
        .iter()
        .zip(&tallies)
        .map(|(c, t)| CodeRow {
            code: *c,
            path: path_names(p, *c),
            figures: t.figures(m),
        })
        .collect();
    // Already in order: by document, then code (slots follow `codes`), then line.
    Agreement {
        unit,
        overlap: None,
        coders: Vec::new(),
        documents_complete: complete,
        documents_partial: partial,
        documents_left_out: Vec::new(),
        overall: pooled.figures(m),
        per_code,
        disagreements,
        notes: notes(unit, m, codes.len(), partial, single),
    }
}

/// Which units of a document are blank (not units): for lines, empty or
/// whitespace-only lines; a document is one unit.
fn blank_lines(doc: &Document, unit: Unit, out: &mut Vec<bool>) {
    out.clear();
    match unit {
        Unit::Document => out.push(false),
        // `trim` stops at the first letter: a look at each line's ends.
        _ => out.extend((1..=doc.line_count()).map(|n| doc.lines_text(n, n).trim().is_empty())),
    }
}

#[allow(clippy::too_many_arguments)]
fn disagreement(
    p: &Project,
    g: &Gathered,
    pos: usize,
    items: &[Item],
    group: &[u32],
    code: usize,
    (a, b, mask): (u32, u32, u64),
    unit: Unit,
    m: usize,
) -> Disagreement {
    let doc = &p.documents[pos];
    let group = group.iter().map(|i| &items[*i as usize]);
    // Documents: the span of the code's codings there; the text and each
    // coder's codes are those of its first coding's lines.
    let (lines, near, range, text) = match unit {
        Unit::Document => {
            let first = group.clone().map(|it| it.first).min().unwrap_or(1);
            let last = group.clone().map(|it| it.last).max().unwrap_or(first);
            let it = group.clone().next();
            let range = it.map_or(CharRange::new(0, 0), |it| it.range);
            let near = it.map_or((first, last), |it| (it.first, it.last));
            ((first, last), near, range, doc.slice(range))
        }
        _ => {
            let lines = (a + 1, b + 1);
            let range = doc
                .lines_range(lines.0 as usize, lines.1 as usize)
                .unwrap_or(CharRange::new(0, 0));
            (
                lines,
                lines,
                range,
                doc.lines_text(lines.0 as usize, lines.1 as usize),
            )
        }
    };
    let mut coders = sides(items, m, near.0, near.1, &g.code_of);
    for (i, side) in coders.iter_mut().enumerate() {
        side.coded = mask & (1 << i) != 0;
    }
    Disagreement {
        document: doc.id,
        doc_name: doc.name.clone(),
        lines: (lines.0 as usize, lines.1 as usize),
        range,
        code: g.code_of[code],
        coders,
        text: text.to_string(),
    }
}

fn notes(unit: Unit, m: usize, codes: usize, partial: usize, single: usize) -> Vec<String> {
    let mut n = vec![
        match unit {
            Unit::Document => "Units: documents. A coder gave a code to a document if they coded it anywhere in it.".to_string(),
            _ => "Units: lines (blank lines left out). A coder gave a code to a line if any of their codings of it touches the line; several codings on one line count once.".to_string(),
        },
        format!(
            "Overall figures are pooled: every unit × code decision of the {codes} code(s) is one item of a single present/absent reliability matrix (the per-code tables added up)."
        ),
        "Documents a coder did not code at all count as not judged by them: observed agreement, Cohen, Fleiss and Brennan–Prediger use the documents every coder coded; Krippendorff's alpha also uses units at least two coders judged, the others' values missing.".to_string(),
        "Brennan–Prediger: chance agreement 1/2 (two categories, present or absent).".to_string(),
        "Undefined figures (shown as –) where chance agreement is 1: every coder gave the same value to every unit (e.g. a code nobody used); scikit-learn returns NaN and the krippendorff package refuses there.".to_string(),
    ];
    if m != 2 {
        n.push(format!("Cohen's kappa compares exactly two coders; {m} are compared, so it is not given (Fleiss and alpha are)."));
    }
    if partial > 0 {
        n.push(format!("{partial} document(s) were coded by only some of the coders: they count for alpha only."));
    }
    if single > 0 {
        n.push(format!("{single} document(s) were coded by only one of the coders: nothing to compare there, so they are left out."));
    }
    n
}
