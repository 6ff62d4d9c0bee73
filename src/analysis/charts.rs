//! The data of the three charts, apart from any drawing (the GUI draws
//! them with egui_plot, `export::figure` as SVG and PNG):
//! - codes per document group or variable value (bars);
//! - a document portrait: the document as tiles in reading order, each
//!   coloured by the codes on its text (MAXQDA's Document Portrait);
//! - a codeline: where in each interview a code is used.
//!
//! A category's bars and codeline count its whole subtree, as the code
//! matrix does (a category is used wherever its codes are).

use super::matrix::{By, CountUnit, MatrixError, matrix};
use crate::model::*;

/// The colour of text no code covers (a light grey, visible on white).
pub const UNCODED: &str = "#e4e4e4";

/// A code as a chart shows it: its name and colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: CodeId,
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
}

/// Colours for a code whose own colour an earlier code of the same chart
/// already has (a tree often gives a category's codes one colour): a
/// chart whose keys look alike cannot be read. Tableau's ten, then two.
const PALETTE: [&str; 12] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f3a93", "#8cd17d",
];

/// Every key a colour of its own: the first code with a colour keeps it,
/// a later one with the same colour takes the first palette colour that no
/// key of the chart has.
fn distinct<'a>(keys: impl Iterator<Item = &'a mut Key>) {
    let mut keys: Vec<&mut Key> = keys.collect();
    let mut used: Vec<String> = keys.iter().map(|k| k.color.to_ascii_lowercase()).collect();
    let mut seen: Vec<String> = Vec::new();
    for k in &mut keys {
        let c = k.color.to_ascii_lowercase();
        if seen.contains(&c)
            && let Some(p) = PALETTE.iter().find(|p| !used.iter().any(|u| u == *p))
        {
            k.color = (*p).to_string();
            used.push(k.color.clone());
        }
        seen.push(k.color.to_ascii_lowercase());
    }
}

impl Key {
    fn of(p: &Project, id: CodeId) -> Option<Key> {
        p.codes.get(&id).map(|c| Key {
            code: id,
            name: c.name.clone(),
            color: c.color.clone(),
        })
    }
}

/// Codes per column (group or variable value): one series per code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bars {
    /// Group names or variable values, in the matrix's order.
    pub columns: Vec<String>,
    pub series: Vec<Series>,
    pub unit: CountUnit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub key: Key,
    /// One count per column.
    pub counts: Vec<usize>,
}

impl Bars {
    /// The tallest bar (0 when nothing is counted).
    pub fn max(&self) -> usize {
        self.series
            .iter()
            .flat_map(|s| s.counts.iter().copied())
            .max()
            .unwrap_or(0)
    }
}

/// The codes a chart shows unless the user chooses: the categories (codes
/// at the project's top level of abstraction), or the top-level codes of
/// a tree that has no code that high.
pub fn default_codes(p: &Project) -> Vec<CodeId> {
    let top: Vec<CodeId> = p
        .walk()
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| p.level_of(*id) == p.level_count)
        .collect();
    if top.is_empty() { p.roots.clone() } else { top }
}

/// Codings (or coded documents) of each of `codes` per group or per value
/// of a variable, from the code matrix. Codes not in the tree are left out.
pub fn code_bars(
    p: &Project,
    codes: &[CodeId],
    by: &By,
    unit: CountUnit,
) -> Result<Bars, MatrixError> {
    let m = matrix(p, by, unit)?;
    // The matrix's rows are the tree's walk, in order.
    let rows: std::collections::HashMap<CodeId, usize> = p
        .walk()
        .into_iter()
        .enumerate()
        .map(|(row, (id, _))| (id, row))
        .collect();
    let series = codes
        .iter()
        .filter_map(|id| {
            let row = m.rows.get(*rows.get(id)?)?;
            Some(Series {
                key: Key::of(p, *id)?,
                counts: row.counts.clone(),
            })
        })
        .collect::<Vec<Series>>();
    let mut series = series;
    distinct(series.iter_mut().map(|s| &mut s.key));
    Ok(Bars {
        columns: m.columns,
        series,
        unit,
    })
}

/// A document as tiles of text in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Portrait {
    pub document: DocId,
    pub name: String,
    /// Tiles per row when drawn as a grid.
    pub columns: usize,
    pub tiles: Vec<Tile>,
    /// The codes on the document, in tree order: what the tiles' colours
    /// mean.
    pub keys: Vec<Key>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tile {
    /// The text the tile stands for.
    pub range: CharRange,
    /// Indices into `Portrait::keys` of the codes coding any of its text,
    /// in tree order; empty for uncoded text (drawn in `UNCODED`). A tile
    /// with several codes is drawn split between their colours.
    pub codes: Vec<usize>,
}

/// The portrait of `doc`: about `tiles` tiles (fewer for a short text;
/// each tile the same number of chars, the last shorter), `columns` to a
/// row. Every coding of every coder colours the tiles it touches, with
/// its own code's colour.
pub fn portrait(p: &Project, doc: DocId, tiles: usize, columns: usize) -> Option<Portrait> {
    let d = p.document(doc)?;
    let len = d.char_count();
    let per = len.div_ceil(tiles.max(1)).max(1);
    let count = len.div_ceil(per);
    let order: std::collections::HashMap<CodeId, usize> = p
        .walk()
        .into_iter()
        .enumerate()
        .map(|(i, (id, _))| (id, i))
        .collect();
    let codings = p.codings_in(doc);
    // The codes used, in tree order (codes outside the tree last).
    let mut used: Vec<CodeId> = codings.iter().map(|c| c.code).collect();
    used.sort_by_key(|id| (order.get(id).copied().unwrap_or(usize::MAX), *id));
    used.dedup();
    let mut keys: Vec<Key> = used.iter().filter_map(|id| Key::of(p, *id)).collect();
    distinct(keys.iter_mut());
    let key_of: std::collections::HashMap<CodeId, usize> =
        keys.iter().enumerate().map(|(i, k)| (k.code, i)).collect();
    let mut out: Vec<Tile> = (0..count)
        .map(|i| Tile {
            range: CharRange::new(i * per, ((i + 1) * per).min(len)),
            codes: Vec::new(),
        })
        .collect();
    for c in codings {
        let Some(&k) = key_of.get(&c.code) else {
            continue;
        };
        if c.range.end.0 <= c.range.start.0 {
            continue;
        }
        let first = c.range.start.0 / per;
        let last = (c.range.end.0 - 1) / per;
        for t in out.iter_mut().take(last + 1).skip(first) {
            t.codes.push(k);
        }
    }
    for t in &mut out {
        t.codes.sort_unstable();
        t.codes.dedup();
    }
    Some(Portrait {
        document: doc,
        name: d.name.clone(),
        columns: columns.max(1),
        tiles: out,
        keys,
    })
}

/// Where codes are used along each interview.
#[derive(Clone, Debug, PartialEq)]
pub struct Codeline {
    pub keys: Vec<Key>,
    /// Every document, in project order (one with no mark shows as an
    /// empty line: the code is absent there).
    pub documents: Vec<Line>,
}

/// One document of a codeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub document: DocId,
    pub name: String,
    pub lines: usize,
    pub marks: Vec<Mark>,
}

/// One coding on the codeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Index into `Codeline::keys`.
    pub key: usize,
    pub range: CharRange,
    /// First and last line (1-based) it touches.
    pub first_line: usize,
    pub last_line: usize,
    /// The same as parts of the interview, 0 to 1: from the start of its
    /// first line to the end of its last.
    pub from: f64,
    pub to: f64,
}

/// The codeline of `codes` (each with its subtree), every coder's codings.
pub fn codeline(p: &Project, codes: &[CodeId]) -> Codeline {
    let ix = p.index();
    let mut keys: Vec<Key> = codes.iter().filter_map(|id| Key::of(p, *id)).collect();
    distinct(keys.iter_mut());
    let mut documents: Vec<Line> = p
        .documents
        .iter()
        .map(|d| Line {
            document: d.id,
            name: d.name.clone(),
            lines: d.line_count(),
            marks: Vec::new(),
        })
        .collect();
    for (k, key) in keys.iter().enumerate() {
        for id in subtree(p, key.code) {
            for c in ix
                .codings_of_code(id)
                .iter()
                .filter_map(|c| p.codings.get(c))
            {
                let (Some(pos), Some(d)) =
                    (ix.document_position(c.document), p.document(c.document))
                else {
                    continue;
                };
                let (first, last) = d.lines_of(c.range);
                let lines = d.line_count().max(1) as f64;
                if let Some(line) = documents.get_mut(pos) {
                    line.marks.push(Mark {
                        key: k,
                        range: c.range,
                        first_line: first,
                        last_line: last,
                        from: (first.saturating_sub(1)) as f64 / lines,
                        to: last as f64 / lines,
                    });
                }
            }
        }
    }
    for d in &mut documents {
        d.marks.sort_by_key(|m| (m.range.start, m.range.end, m.key));
    }
    Codeline { keys, documents }
}

impl Line {
    /// The line's marks of each key (index into `Codeline::keys`, `keys`
    /// of them) as runs from 0 to 1, in order: each mark at least
    /// `min_width` wide (as drawn), and marks less than `min_width` apart
    /// one run (a gap that narrow does not show beside a mark that wide).
    /// A chart draws these, not one shape per coding.
    pub fn runs(&self, keys: usize, min_width: f64) -> Vec<Vec<(f64, f64)>> {
        let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new(); keys];
        for m in &self.marks {
            if let Some(k) = out.get_mut(m.key) {
                k.push((m.from, m.to.max(m.from + min_width)));
            }
        }
        for k in &mut out {
            merge(k, min_width);
        }
        out
    }
}

/// Sort spans and join those that overlap or are less than `gap` apart.
fn merge(spans: &mut Vec<(f64, f64)>, gap: f64) {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(spans.len());
    for &(a, b) in spans.iter() {
        match merged.last_mut() {
            Some(last) if a < last.1 + gap => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    *spans = merged;
}

impl Codeline {
    /// Every line's runs (`Line::runs`), per document, then key. A key
    /// with more than `cap` runs in all has its gaps joined wider (twice
    /// as wide each time, up to a twentieth of the line) until it has no
    /// more: the chart stays quick to draw with tens of thousands of
    /// codings, and a run still shows where the code is used.
    pub fn runs(&self, min_width: f64, cap: usize) -> Vec<Vec<Vec<(f64, f64)>>> {
        let keys = self.keys.len();
        let mut out: Vec<Vec<Vec<(f64, f64)>>> = self
            .documents
            .iter()
            .map(|d| d.runs(keys, min_width))
            .collect();
        for k in 0..keys {
            // Above 0, or doubling it would never end.
            let mut gap = min_width.max(1e-4);
            let count = |out: &[Vec<Vec<(f64, f64)>>]| {
                out.iter()
                    .map(|d| d.get(k).map_or(0, Vec::len))
                    .sum::<usize>()
            };
            while count(&out) > cap && gap < 0.05 {
                gap *= 2.0;
                for d in &mut out {
                    if let Some(spans) = d.get_mut(k) {
                        merge(spans, gap);
                    }
                }
            }
        }
        out
    }
}

/// A code and every code under it.
fn subtree(p: &Project, id: CodeId) -> Vec<CodeId> {
    let mut out = Vec::new();
    let mut stack = vec![id];
    while let Some(c) = stack.pop() {
        // A cycle (validation reports it) must not loop forever.
        if out.contains(&c) || out.len() > p.codes.len() {
            continue;
        }
        out.push(c);
        if let Some(code) = p.codes.get(&c) {
            stack.extend(code.children.iter().rev());
        }
    }
    out
}

/// The variables documents have, sorted (the chart's choice of columns).
pub fn variable_names(p: &Project) -> Vec<String> {
    let mut names: Vec<String> = p
        .documents
        .iter()
        .flat_map(|d| d.variables.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The columns a bar chart uses unless the user chooses: the groups, or,
/// in a project without any, the first variable. Groups that hold only
/// posts (an import of posts groups them by network) say nothing of the
/// interviews: then the interviews' first variable, if they have one.
pub fn default_by(p: &Project) -> By {
    let is_post = |d: &Document| d.variables.contains_key("network");
    let interview_groups = p.documents.iter().any(|d| d.group.is_some() && !is_post(d));
    if interview_groups {
        return By::Group;
    }
    let mut names: Vec<&String> = p
        .documents
        .iter()
        .filter(|d| !is_post(d))
        .flat_map(|d| d.variables.keys())
        .collect();
    if names.is_empty() && p.groups.is_empty() {
        names = p
            .documents
            .iter()
            .flat_map(|d| d.variables.keys())
            .collect();
    }
    match names.into_iter().min() {
        Some(v) => By::Variable(v.clone()),
        None => By::Group,
    }
}
