//! The Code matrix and Co-occurrence tabs: `analysis::matrix` and
//! `analysis::cooccur` as heat maps. A cell lists the segments it counted
//! (a click opens one in the document); category and subcategory rows
//! fold; the table exports as CSV, XLSX or Markdown.

use super::heat::{HeatClick, HeatRow, heat_ui, visible};
use crate::analysis::cells::{matrix_cell, pair_codings};
use crate::analysis::cooccur::{Unit, cooccurrence_by_code};
use crate::analysis::matrix::{By, CountUnit, Matrix, NO_GROUP, NO_VALUE, matrix};
use crate::app::i18n::an_search::{SearchStrings, strings};
use crate::app::i18n::{Locale, Noun};
use crate::app::{Action, UiState, bidi, row};
use crate::export::{Cell, Grid};
use crate::model::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// What a matrix view was built from.
type MatrixKey = (u64, By, CountUnit);

pub struct MatrixState {
    pub by: By,
    pub unit: CountUnit,
    pub co_unit: Unit,
    pub folded: BTreeSet<CodeId>,
    matrix: Option<(MatrixKey, Result<Arc<MatrixView>, String>)>,
    co: Option<((u64, Unit), Arc<CoView>)>,
    /// The cell whose segments are listed, in each tab.
    pub cell: Option<ShownCell>,
    pub co_cell: Option<ShownCell>,
    /// The documents' variable names, for the columns chooser.
    variables: Option<(u64, Arc<Vec<String>>)>,
}

impl Default for MatrixState {
    fn default() -> Self {
        Self {
            by: By::Document,
            unit: CountUnit::Coding,
            co_unit: Unit::Line,
            folded: BTreeSet::new(),
            matrix: None,
            co: None,
            cell: None,
            co_cell: None,
            variables: None,
        }
    }
}

impl MatrixState {
    pub(super) fn forget_caches(&mut self) {
        self.matrix = None;
        self.co = None;
        self.cell = None;
        self.co_cell = None;
        self.variables = None;
    }
}

/// What a chosen cell is: found again, and its segments listed again,
/// after every edit (a deleted coding leaves the list, a new one joins).
#[derive(Clone, Debug, PartialEq)]
enum CellSpec {
    Matrix {
        by: By,
        code: CodeId,
        /// The column's place and name as the core names it (None: the
        /// total). Two groups may share a name: the place is kept while
        /// the name there is the same, else the name is looked for.
        column: Option<(usize, String)>,
    },
    Pair {
        unit: Unit,
        a: CodeId,
        b: CodeId,
    },
}

/// A chosen cell with its segments, as of one generation.
pub struct ShownCell {
    spec: CellSpec,
    generation: u64,
    title: String,
    codings: Arc<Vec<CodingId>>,
}

impl ShownCell {
    /// The segments listed (for tests and screen readers).
    pub fn codings(&self) -> &[CodingId] {
        &self.codings
    }

    pub fn title(&self) -> &str {
        &self.title
    }
}

/// The cell's title and codings in `p` as it is now (None: its code, or
/// its column, is gone).
fn fill(p: &Project, s: &SearchStrings, spec: &CellSpec) -> Option<(String, Vec<CodingId>)> {
    let name = |c: &CodeId| p.codes.get(c).map(|k| k.name.clone());
    match spec {
        CellSpec::Matrix { by, code, column } => {
            let col = match column {
                None => None,
                Some((i, c)) => {
                    let (names, _) = crate::analysis::matrix::columns(p, by).ok()?;
                    if names.get(*i) == Some(c) {
                        Some(*i)
                    } else {
                        Some(names.iter().position(|n| n == c)?)
                    }
                }
            };
            let shown = column
                .as_ref()
                .map_or(s.total.to_string(), |(_, c)| column_name(s, c));
            let codings = matrix_cell(p, by, *code, col).ok()?;
            Some((format!("{} × {shown}", name(code)?), codings))
        }
        CellSpec::Pair { unit, a, b } => Some((
            format!("{} × {}", name(a)?, name(b)?),
            pair_codings(p, *unit, *a, *b),
        )),
    }
}

/// Choose a cell (or refresh the one chosen, once per generation).
fn refresh(p: &Project, s: &SearchStrings, cell: &mut Option<ShownCell>, spec: Option<CellSpec>) {
    let spec = match (spec, cell.as_ref()) {
        (Some(new), _) => new,
        (None, Some(c)) if c.generation != p.generation() => c.spec.clone(),
        _ => return,
    };
    *cell = fill(p, s, &spec).map(|(title, codings)| ShownCell {
        spec,
        generation: p.generation(),
        title,
        codings: Arc::new(codings),
    });
}

struct MatrixView {
    m: Matrix,
    rows: Vec<HeatRow>,
    /// The largest count of a column (the totals are not shaded by it).
    max: usize,
}

struct CoView {
    max: usize,
    rows: Vec<HeatRow>,
    /// The columns: level-1 codes that co-occur with another.
    columns: Vec<CodeId>,
    /// Their names, made once with the view.
    names: Vec<String>,
    counts: HashMap<(CodeId, CodeId), u64>,
}

/// The code tree as heat-map rows.
fn tree_rows(p: &Project) -> Vec<HeatRow> {
    let ix = p.index();
    p.walk()
        .into_iter()
        .map(|(code, depth)| HeatRow {
            code,
            depth,
            name: p.codes.get(&code).map_or(String::new(), |c| c.name.clone()),
            has_children: ix.level(code) > 1,
        })
        .collect()
}

/// A column's name as the interface says it.
fn column_name(s: &SearchStrings, name: &str) -> String {
    match name {
        NO_GROUP => s.no_group.to_string(),
        NO_VALUE => s.no_value.to_string(),
        _ => name.to_string(),
    }
}

pub fn matrix_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let loc = state.locale();
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    if p.codes.is_empty() {
        ui.label(bidi(s.no_codes));
        return;
    }
    let st = &mut state.analysis.matrix;
    let variables = match &st.variables {
        Some((g, v)) if *g == p.generation() => Arc::clone(v),
        _ => {
            let mut v: Vec<String> = p
                .documents
                .iter()
                .flat_map(|d| d.variables.keys().cloned())
                .collect();
            v.sort();
            v.dedup();
            let v = Arc::new(v);
            st.variables = Some((p.generation(), Arc::clone(&v)));
            v
        }
    };
    let mut export = false;
    row(ui, rtl, |ui| {
        let by_label = |b: &By| match b {
            By::Document => s.by_document.to_string(),
            By::Group => s.by_group.to_string(),
            By::Variable(v) => s.by_variable.replace("{name}", v),
        };
        let current = by_label(&st.by);
        crate::app::mirror::combo_ui(ui, rtl, s.columns, &current, false, |ui| {
            let mut choices = vec![By::Document, By::Group];
            choices.extend(variables.iter().cloned().map(By::Variable));
            for b in choices {
                let l = by_label(&b);
                if ui.selectable_label(st.by == b, bidi(&l)).clicked() {
                    st.by = b;
                    st.cell = None;
                }
            }
        });
        let unit_label = |u: CountUnit| match u {
            CountUnit::Coding => s.count_codings,
            CountUnit::Document => s.count_documents,
        };
        let units = [CountUnit::Coding, CountUnit::Document];
        if pick_ui(ui, rtl, s.count, &mut st.unit, &units, unit_label) {
            st.cell = None;
        }
        export = tools_ui(ui, loc, st);
    });
    let key = (p.generation(), st.by.clone(), st.unit);
    let view = match &st.matrix {
        Some((k, v)) if *k == key => v.clone(),
        _ => {
            let v = matrix(p, &st.by, st.unit)
                .map(|m| {
                    let max = m.rows.iter().flat_map(|r| r.counts.iter()).copied().max();
                    Arc::new(MatrixView {
                        max: max.unwrap_or(0),
                        m,
                        rows: tree_rows(p),
                    })
                })
                .map_err(|e| match e {
                    crate::analysis::matrix::MatrixError::NoVariable { name, .. } => {
                        s.no_variable.replace("{name}", &name)
                    }
                });
            st.matrix = Some((key, v.clone()));
            v
        }
    };
    let view = match view {
        Ok(v) => v,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, bidi(&e));
            return;
        }
    };
    let mut columns: Vec<String> = view.m.columns.iter().map(|c| column_name(s, c)).collect();
    if export {
        let grid = matrix_grid(p, loc, &view, &columns);
        super::export_table(state, grid, out);
        return;
    }
    // The total last, a column like the others (its cell lists them all).
    let total_col = columns.len();
    columns.push(s.total.to_string());
    let st = &mut state.analysis.matrix;
    let shown = visible(&view.rows, &st.folded);
    refresh(p, s, &mut st.cell, None);
    let height = table_height(ui, st.cell.is_some());
    let num = |n: usize| loc.num(n);
    let count = |r: usize, c: usize| {
        let row = view.m.rows.get(r)?;
        if c == total_col {
            Some(row.total)
        } else {
            row.counts.get(c).copied()
        }
    };
    let title =
        |r: usize, c: usize, n: usize| cell_title(s, loc, &view.rows[r].name, &columns[c], n);
    let click = heat_ui(
        ui, "matrix", rtl, &columns, &view.rows, &shown, &st.folded, &count, &title, &num,
        view.max, height,
    );
    match click {
        Some(HeatClick::Fold(code)) => toggle(&mut st.folded, code),
        Some(HeatClick::Cell(r, c)) => {
            let spec = CellSpec::Matrix {
                by: st.by.clone(),
                code: view.rows[r].code,
                column: view.m.columns.get(c).map(|n| (c, n.clone())),
            };
            refresh(p, s, &mut st.cell, Some(spec));
        }
        None => {}
    }
    let shown = state.analysis.matrix.cell.as_ref();
    if let Some(a) = cell_ui(ui, p, loc, "matrix-cell", shown, out) {
        state.analysis.matrix.cell = a;
    }
}

pub fn cooccur_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let loc = state.locale();
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    if p.codes.is_empty() {
        ui.label(bidi(s.no_codes));
        return;
    }
    let st = &mut state.analysis.matrix;
    let mut export = false;
    row(ui, rtl, |ui| {
        let unit_label = |u: Unit| match u {
            Unit::Line => s.unit_line,
            Unit::Segment => s.unit_segment,
            Unit::Document => s.unit_document,
        };
        let units = [Unit::Line, Unit::Segment, Unit::Document];
        if pick_ui(ui, rtl, s.unit, &mut st.co_unit, &units, unit_label) {
            st.co_cell = None;
        }
        export = tools_ui(ui, loc, st);
    });
    ui.label(egui::RichText::new(bidi(s.only_pairs)).small().weak());
    let key = (p.generation(), st.co_unit);
    let view = match &st.co {
        Some((k, v)) if *k == key => v.clone(),
        _ => {
            let v = Arc::new(co_view(p, st.co_unit));
            st.co = Some((key, v.clone()));
            v
        }
    };
    let columns = &view.names;
    let count = |r: usize, c: usize| {
        let a = view.rows.get(r)?;
        let b = *view.columns.get(c)?;
        if a.has_children || a.code == b {
            return None;
        }
        Some(view.counts.get(&(a.code, b)).copied().unwrap_or(0) as usize)
    };
    if export {
        let grid = co_grid(p, loc, &view, columns, &count);
        super::export_table(state, grid, out);
        return;
    }
    let st = &mut state.analysis.matrix;
    let shown = visible(&view.rows, &st.folded);
    refresh(p, s, &mut st.co_cell, None);
    let height = table_height(ui, st.co_cell.is_some());
    let num = |n: usize| loc.num(n);
    let title =
        |r: usize, c: usize, n: usize| cell_title(s, loc, &view.rows[r].name, &columns[c], n);
    let click = heat_ui(
        ui, "cooccur", rtl, columns, &view.rows, &shown, &st.folded, &count, &title, &num,
        view.max, height,
    );
    match click {
        Some(HeatClick::Fold(code)) => toggle(&mut st.folded, code),
        Some(HeatClick::Cell(r, c)) => {
            let spec = CellSpec::Pair {
                unit: st.co_unit,
                a: view.rows[r].code,
                b: view.columns[c],
            };
            refresh(p, s, &mut st.co_cell, Some(spec));
        }
        None => {}
    }
    let shown = state.analysis.matrix.co_cell.as_ref();
    if let Some(a) = cell_ui(ui, p, loc, "cooccur-cell", shown, out) {
        state.analysis.matrix.co_cell = a;
    }
}

fn co_view(p: &Project, unit: Unit) -> CoView {
    let (codes, pairs) = cooccurrence_by_code(p, unit);
    let mut counts = HashMap::new();
    let mut used: BTreeSet<u32> = BTreeSet::new();
    for ((a, b), n) in pairs {
        let (x, y) = (codes[a as usize], codes[b as usize]);
        counts.insert((x, y), n);
        counts.insert((y, x), n);
        used.insert(a);
        used.insert(b);
    }
    let columns: Vec<CodeId> = used.into_iter().map(|i| codes[i as usize]).collect();
    CoView {
        max: counts.values().copied().max().unwrap_or(0) as usize,
        rows: tree_rows(p),
        names: columns
            .iter()
            .map(|c| p.codes.get(c).map_or(String::new(), |k| k.name.clone()))
            .collect(),
        columns,
        counts,
    }
}

/// A chooser of one of `options`; true when the choice changed.
fn pick_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    rtl: bool,
    title: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(T) -> &'static str,
) -> bool {
    let mut changed = false;
    crate::app::mirror::combo_ui(ui, rtl, title, name(*value), false, |ui| {
        for o in options {
            if ui.selectable_label(*value == *o, bidi(name(*o))).clicked() && *value != *o {
                *value = *o;
                changed = true;
            }
        }
    });
    changed
}

/// Fold all, unfold all, and Export table… (true when asked for).
fn tools_ui(ui: &mut egui::Ui, loc: Locale, st: &mut MatrixState) -> bool {
    fold_buttons_ui(ui, strings(loc.lang), st);
    let export = crate::app::i18n::analysis::strings(loc.lang).export_table;
    ui.button(bidi(export)).clicked()
}

fn fold_buttons_ui(ui: &mut egui::Ui, s: &SearchStrings, st: &mut MatrixState) {
    if ui.button(bidi(s.fold_all)).clicked() {
        st.folded = BTreeSet::from_iter(
            st.matrix
                .iter()
                .filter_map(|(_, v)| v.as_ref().ok())
                .flat_map(|v| v.rows.iter())
                .chain(st.co.iter().flat_map(|(_, v)| v.rows.iter()))
                .filter(|r| r.has_children)
                .map(|r| r.code),
        );
    }
    if ui.button(bidi(s.unfold_all)).clicked() {
        st.folded.clear();
    }
}

fn toggle(set: &mut BTreeSet<CodeId>, code: CodeId) {
    if !set.remove(&code) {
        set.insert(code);
    }
}

/// The table's height: most of the tab, less when a cell's segments show.
fn table_height(ui: &egui::Ui, cell: bool) -> f32 {
    // Room under it for the hint, or for the cell's segments.
    let h = ui.available_height();
    if cell {
        (h * 0.55).max(120.0)
    } else {
        (h - 28.0).max(120.0)
    }
}

fn cell_title(s: &SearchStrings, loc: Locale, code: &str, column: &str, n: usize) -> String {
    s.cell_title
        .replace("{code}", code)
        .replace("{column}", column)
        .replace("{n}", &loc.num(n))
}

/// The segments behind the chosen cell; a click opens one. Gives
/// Some(None) when the cell is closed.
fn cell_ui(
    ui: &mut egui::Ui,
    p: &Project,
    loc: Locale,
    id: &str,
    cell: Option<&ShownCell>,
    out: &mut Vec<Action>,
) -> Option<Option<ShownCell>> {
    let s = strings(loc.lang);
    let Some(cell) = cell else {
        ui.label(egui::RichText::new(bidi(s.cell_hint)).small().weak());
        return None;
    };
    ui.separator();
    let mut close = false;
    row(ui, loc.rtl(), |ui| {
        ui.label(egui::RichText::new(bidi(&cell.title)).strong());
        ui.label(bidi(&loc.count(cell.codings.len(), Noun::Coding)));
        close = ui.button("×").clicked();
    });
    let codings = Arc::clone(&cell.codings);
    super::segments_ui(ui, p, loc, id, &codings, out);
    close.then_some(None)
}

fn matrix_grid(p: &Project, loc: Locale, view: &MatrixView, columns: &[String]) -> Grid {
    let s = strings(loc.lang);
    let mut head = vec![s.level.to_string(), s.code.to_string()];
    head.extend(columns.iter().cloned());
    head.push(s.total.to_string());
    Grid {
        title: crate::app::i18n::analysis::strings(loc.lang)
            .matrix
            .to_string(),
        columns: head,
        rows: view
            .m
            .rows
            .iter()
            .map(|r| {
                let mut cells: Vec<Cell> =
                    vec![p.level_name(r.level).into(), r.path.join(" › ").into()];
                cells.extend(r.counts.iter().map(|n| Cell::Count(*n)));
                cells.push(Cell::Count(r.total));
                cells
            })
            .collect(),
        rtl: loc.rtl(),
    }
}

fn co_grid(
    p: &Project,
    loc: Locale,
    view: &CoView,
    columns: &[String],
    count: &dyn Fn(usize, usize) -> Option<usize>,
) -> Grid {
    let s = strings(loc.lang);
    let mut head = vec![s.code.to_string()];
    head.extend(columns.iter().cloned());
    Grid {
        title: crate::app::i18n::analysis::strings(loc.lang)
            .cooccur
            .to_string(),
        columns: head,
        rows: view
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.has_children)
            .map(|(i, r)| {
                let mut cells: Vec<Cell> = vec![p.code_path_label(r.code, " › ").into()];
                cells.extend((0..columns.len()).map(|c| match count(i, c) {
                    Some(n) => Cell::Count(n),
                    None => Cell::Text(String::new()),
                }));
                cells
            })
            .collect(),
        rtl: loc.rtl(),
    }
}
