//! What stands behind one cell of the code matrix or the co-occurrence
//! table: the codings it counted, in document order, so a researcher can
//! read the segments a figure came from.

use super::cooccur::Unit;
use super::matrix::{By, MatrixError, columns};
use crate::model::*;
use std::collections::BTreeSet;

/// The codings a matrix cell counts: those of `code`'s subtree in the
/// documents of column `col`, or in every document for the row's total
/// (None). For a coded-documents count too: the segments that made each
/// document count.
pub fn matrix_cell(
    p: &Project,
    by: &By,
    code: CodeId,
    col: Option<usize>,
) -> Result<Vec<CodingId>, MatrixError> {
    let (_, col_of_doc) = columns(p, by)?;
    let ix = p.index();
    let mut out: Vec<(usize, CharRange, CodingId)> = p
        .subtree(code)
        .into_iter()
        .flat_map(|c| ix.codings_of_code(c).iter())
        .filter_map(|id| {
            let c = p.codings.get(id)?;
            let pos = ix.document_position(c.document)?;
            let inside = col.is_none_or(|col| col_of_doc.get(pos) == Some(&col));
            inside.then_some((pos, c.range, c.id))
        })
        .collect();
    out.sort_unstable_by_key(|(pos, r, id)| (*pos, r.start, r.end, *id));
    Ok(out.into_iter().map(|(_, _, id)| id).collect())
}

/// The codings behind a co-occurrence count of level-1 codes `a` and `b`:
/// each coding of either code that shares a unit with a coding of the
/// other (a line both touch, a character both cover, or a document both
/// are in), in document order.
pub fn pair_codings(p: &Project, unit: Unit, a: CodeId, b: CodeId) -> Vec<CodingId> {
    let ix = p.index();
    let mut out: Vec<(usize, CharRange, CodingId)> = Vec::new();
    for d in &p.documents {
        let n = d.char_count();
        let of = |code: CodeId| -> Vec<&Coding> {
            ix.codings_of_document(d.id)
                .iter()
                .filter_map(|id| p.codings.get(id))
                .filter(|c| c.code == code && c.range.fits(n) && !c.range.is_empty())
                .collect()
        };
        let (xs, ys) = (of(a), of(b));
        if xs.is_empty() || ys.is_empty() {
            continue;
        }
        let Some(pos) = ix.document_position(d.id) else {
            continue;
        };
        let shares = |x: &Coding, y: &Coding| match unit {
            Unit::Document => true,
            Unit::Segment => x.range.start < y.range.end && y.range.start < x.range.end,
            Unit::Line => {
                let (xa, xb) = d.lines_of(x.range);
                let (ya, yb) = d.lines_of(y.range);
                xa <= yb && ya <= xb
            }
        };
        let mut keep: BTreeSet<CodingId> = BTreeSet::new();
        for x in &xs {
            for y in &ys {
                if shares(x, y) {
                    keep.insert(x.id);
                    keep.insert(y.id);
                }
            }
        }
        out.extend(
            xs.iter()
                .chain(&ys)
                .filter(|c| keep.contains(&c.id))
                .map(|c| (pos, c.range, c.id)),
        );
    }
    out.sort_unstable_by_key(|(pos, r, id)| (*pos, r.start, r.end, *id));
    out.dedup_by_key(|(_, _, id)| *id);
    out.into_iter().map(|(_, _, id)| id).collect()
}
