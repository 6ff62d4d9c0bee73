//! The analysis window: search and autocode, the code matrix and
//! co-occurrence as heat maps, complex retrieval, code and word
//! frequencies, and charts. Each tab reads `&Project` through view models
//! built once per generation (`crate::analysis`), and pushes `Action`s;
//! tables export as CSV, XLSX or Markdown, figures as SVG or PNG.

mod charts;
mod freq;
mod heat;
mod indices;
mod matrix;
mod posts;
mod query;
mod query_hits;
mod search;
mod segments;

pub use segments::segments_ui;
pub use social::menu_ui as social_menu_ui;
mod social;

pub use query_hits::{retrieved_count_ui, retrieved_query_ui};

use super::i18n::analysis::strings;
use super::{Action, UiState, Workbench, bidi, mirror, row};
use crate::export::Grid;
use crate::model::*;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Search,
    Matrix,
    Cooccur,
    Query,
    Frequencies,
    Words,
    Charts,
    /// The social-media strand's tabs, shown when the project has posts.
    Posts,
    Indices,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Search,
        Tab::Matrix,
        Tab::Cooccur,
        Tab::Query,
        Tab::Frequencies,
        Tab::Words,
        Tab::Charts,
    ];
    pub const SOCIAL: [Tab; 2] = [Tab::Posts, Tab::Indices];

    fn label(self, s: &super::i18n::analysis::AnalysisStrings) -> &'static str {
        match self {
            Tab::Search => s.search,
            Tab::Matrix => s.matrix,
            Tab::Cooccur => s.cooccur,
            Tab::Query => s.query,
            Tab::Frequencies => s.frequencies,
            Tab::Words => s.words,
            Tab::Charts => s.charts,
            Tab::Posts => s.posts,
            Tab::Indices => s.indices,
        }
    }

    fn menu_label(self, s: &super::i18n::analysis::AnalysisStrings) -> &'static str {
        match self {
            Tab::Search => s.menu_search,
            Tab::Matrix => s.menu_matrix,
            Tab::Cooccur => s.menu_cooccur,
            Tab::Query => s.menu_query,
            Tab::Frequencies => s.menu_frequencies,
            Tab::Words => s.menu_words,
            Tab::Charts => s.menu_charts,
            Tab::Posts => s.menu_posts,
            Tab::Indices => s.menu_indices,
        }
    }
}

/// What an export button asked to save, kept until the file is chosen.
pub enum Out {
    /// A table: CSV, XLSX or Markdown by the file's ending.
    Table(Grid),
    /// A figure as SVG (a PNG is drawn from it).
    Figure(String),
}

#[derive(Default)]
pub struct AnalysisState {
    pub open: bool,
    pub tab: Tab,
    pub search: search::SearchState,
    pub matrix: matrix::MatrixState,
    pub query: query::QueryState,
    pub freq: freq::FreqState,
    pub charts: charts::ChartState,
    pub posts: posts::PostsState,
    pub indices: indices::IndicesState,
    pub out: Option<Out>,
}

impl AnalysisState {
    /// A project was loaded: what was built from the one before goes (the
    /// choices made in the tabs stay).
    pub fn forget_caches(&mut self) {
        self.search.forget_caches();
        self.matrix.forget_caches();
        self.indices.forget_caches();
        self.posts.forget_caches();
        self.out = None;
    }

    pub fn open_on(&mut self, tab: Tab) {
        self.open = true;
        self.tab = tab;
        // Opened to search: the cursor is in the field.
        self.search.focus = tab == Tab::Search;
    }
}

/// The Analysis menu: one entry per tab.
pub fn menu_ui(ui: &mut egui::Ui, state: &UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    mirror::menu_ui(ui, rtl, s.menu, |ui| {
        for tab in Tab::ALL {
            if ui
                .add(mirror::item_button(rtl, tab.menu_label(s), String::new()))
                .clicked()
            {
                out.push(Action::OpenAnalysis(tab));
                ui.close();
            }
        }
    });
}

pub fn analysis_ui(ctx: &egui::Context, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    if !state.analysis.open {
        return;
    }
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let mut open = true;
    // Over the documents and the code tree (the reading start), leaving
    // the document that a click on a hit opens in view; below the menu.
    tool_window(
        ctx,
        s.window,
        "analysis-window",
        rtl,
        [820.0, 680.0],
        [320.0, 240.0],
    )
    .open(&mut open)
    .show(ctx, |ui| {
        // The window keeps the size it was given whichever tab shows
        // (a short tab does not shrink it under the mouse).
        ui.set_min_size(ui.available_size());
        mirror::body_ui(ui, rtl, |ui| {
            row(ui, rtl, |ui| {
                let social = if p.accounts.is_empty() {
                    &[][..]
                } else {
                    &Tab::SOCIAL[..]
                };
                for &tab in Tab::ALL.iter().chain(social) {
                    if ui
                        .selectable_label(state.analysis.tab == tab, bidi(tab.label(s)))
                        .clicked()
                    {
                        state.analysis.open_on(tab);
                    }
                }
            });
            ui.separator();
            match state.analysis.tab {
                Tab::Search => search::search_ui(ui, p, state, out),
                Tab::Matrix => matrix::matrix_ui(ui, p, state, out),
                Tab::Cooccur => matrix::cooccur_ui(ui, p, state, out),
                Tab::Query => query::query_ui(ui, p, state, out),
                Tab::Frequencies => freq::frequencies_ui(ui, p, state, out),
                Tab::Words => freq::words_ui(ui, p, state, out),
                Tab::Charts => charts::charts_ui(ui, p, state, out),
                Tab::Posts => posts::posts_ui(ui, p, state, out),
                Tab::Indices => indices::indices_ui(ui, p, state, out),
            }
        });
    });
    if !open {
        state.analysis.open = false;
    }
}

/// A tool window (analysis, maps) on the reading-start side, below the
/// menu, as large as `max` allows (not smaller than `min`), kept below
/// the menu when moved; resizable, not collapsible.
pub(crate) fn tool_window(
    ctx: &egui::Context,
    title: &str,
    id: &str,
    rtl: bool,
    max: [f32; 2],
    min: [f32; 2],
) -> egui::Window<'static> {
    let screen = ctx.content_rect();
    let size = [
        (screen.width() * 0.6).clamp(min[0], max[0]),
        (screen.height() - 96.0).clamp(min[1], max[1]),
    ];
    let x = if rtl {
        screen.right() - size[0] - 12.0
    } else {
        screen.left() + 12.0
    };
    let bounds =
        egui::Rect::from_min_max(egui::pos2(screen.left(), screen.top() + 28.0), screen.max);
    egui::Window::new(bidi(title))
        .id(egui::Id::unique(id))
        .default_pos([x, screen.top() + 40.0])
        .default_size(size)
        .constrain_to(bounds)
        .resizable(true)
        .collapsible(false)
}

/// Keep `grid` and ask where to write it.
pub fn export_table(state: &mut UiState, grid: Grid, out: &mut Vec<Action>) {
    state.analysis.out = Some(Out::Table(grid));
    out.push(Action::Ask(super::files::PromptKind::SaveTable));
}

/// Keep the figure's SVG and ask where to write it (SVG or PNG).
pub fn save_figure(state: &mut UiState, svg: String, out: &mut Vec<Action>) {
    state.analysis.out = Some(Out::Figure(svg));
    out.push(Action::Ask(super::files::PromptKind::SaveFigure));
}

/// Write what an export button kept to `path`, in the format its ending
/// names; never over the project or another project.
pub fn save_to(wb: &mut Workbench, path: PathBuf) {
    let loc = wb.state.locale();
    let s = strings(wb.state.lang);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // Never over the open project, its backup or lock, or another
    // project: refused before anything else is said about the name.
    if let Err(e) = crate::store::check_export_target(&path, wb.path.as_deref()) {
        wb.state.error = Some(super::errors::store(loc, &e));
        return;
    }
    let bytes = match &wb.state.analysis.out {
        None => Err(s.nothing_to_save.to_string()),
        Some(Out::Table(g)) => match crate::export::grid_bytes(g, &ext) {
            None => Err(format!("{}: {}", super::errors::p(&path), s.table_ending)),
            Some(r) => r.map_err(|e| super::errors::export(loc, &e)),
        },
        Some(Out::Figure(svg)) => match ext.as_str() {
            "svg" => Ok(svg.clone().into_bytes()),
            "png" => crate::export::figure_png(svg).map_err(|e| super::errors::export(loc, &e)),
            _ => Err(format!("{}: {}", super::errors::p(&path), s.figure_ending)),
        },
    };
    let result = bytes.and_then(|b| {
        crate::store::write_atomic_from(&path, &b, false, wb.path.as_deref())
            .map_err(|e| super::errors::store(loc, &e))
    });
    match result {
        Ok(()) => {
            let file = path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            wb.state.status = super::Status::Exported { file };
        }
        Err(e) => wb.state.error = Some(e),
    }
}
