//! The Charts tab: codes per group or variable value (bars), a document
//! portrait and a codeline, drawn with egui_plot from the data of
//! `analysis::charts`, built once per project generation and options.
//! "Save figure…" writes the same chart as SVG or PNG (`export::figure`).
//!
//! egui sets no text right to left, so every name the plot shows (legend,
//! axis ticks) goes through `bidi` first.

use super::save_figure;
use crate::analysis::charts::{self, Bars, Codeline, Portrait};
use crate::analysis::matrix::{By, CountUnit};
use crate::app::i18n::an_charts::{ChartStrings, strings};
use crate::app::{Action, UiState, bidi, mirror, row};
use crate::model::*;
use egui::Color32;
use egui_plot::{Bar, BarChart, Legend, Plot, PlotPoints, Polygon};
use std::collections::BTreeSet;
use std::sync::Arc;

/// About this many tiles in a portrait, twenty to a row.
const PORTRAIT_TILES: usize = 400;
const PORTRAIT_COLUMNS: usize = 20;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Bars,
    Portrait,
    Codeline,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Bars, Kind::Portrait, Kind::Codeline];

    fn label(self, s: &ChartStrings) -> &'static str {
        match self {
            Kind::Bars => s.bars,
            Kind::Portrait => s.portrait,
            Kind::Codeline => s.codeline,
        }
    }
}

/// What a chart is built from; the cache is kept while it is the same.
#[derive(Clone, Debug, PartialEq)]
struct Options {
    generation: u64,
    kind: Kind,
    by: By,
    unit: CountUnit,
    codes: Vec<CodeId>,
    doc: Option<DocId>,
}

enum Built {
    Bars(Bars),
    Portrait(Portrait, bool),
    Codeline(Codeline, CodelineView),
    /// No data (a variable gone, a document removed): nothing to draw.
    Nothing,
}

#[derive(Default)]
pub struct ChartState {
    pub kind: Kind,
    /// None: the groups, or the first variable of a project without groups.
    pub by: Option<By>,
    pub documents: bool,
    /// The tree's selected codes instead of the categories.
    pub selected: bool,
    pub doc: Option<DocId>,
    built: Option<(Options, Built)>,
    /// The default codes and columns, and the variables to choose from.
    defaults: Option<Defaults>,
    /// The selected codes in tree order, for a generation and selection.
    selected_order: Option<(u64, BTreeSet<CodeId>, Vec<CodeId>)>,
}

/// What the options offer, built once per generation.
struct Defaults {
    generation: u64,
    codes: Vec<CodeId>,
    by: By,
    variables: Vec<String>,
}

/// A codeline as drawn, built with its data: one bar chart per key (a
/// legend entry), each coding merged into runs per document and key, the
/// names through `bidi` once.
pub struct CodelineView {
    /// Document names, top to bottom.
    names: Arc<Vec<String>>,
    /// Per key: its name, colour and runs as horizontal bars.
    keys: Vec<(String, Color32, Vec<Bar>)>,
}

/// A mark is drawn at least this wide (a part of the line), so that a
/// coding of one word still shows.
const MIN_MARK: f64 = 0.004;
/// Runs drawn per key at most, about (`Codeline::runs`): 200 interviews
/// of 10 categories are 2,000 lanes, most under a pixel tall.
const RUNS_PER_KEY: usize = 2_000;

impl CodelineView {
    fn of(cl: &Codeline) -> CodelineView {
        let lanes = cl.keys.len().max(1) as f64;
        let lane = 0.8 / lanes;
        let mut keys: Vec<(String, Color32, Vec<Bar>)> = cl
            .keys
            .iter()
            .map(|k| (bidi(&k.name), color(&k.color), Vec::new()))
            .collect();
        for (i, d) in cl.runs(MIN_MARK, RUNS_PER_KEY).into_iter().enumerate() {
            let y = -(i as f64);
            for (k, runs) in d.into_iter().enumerate() {
                let Some((_, fill, bars)) = keys.get_mut(k) else {
                    continue;
                };
                let y0 = y + 0.4 - (k as f64 + 1.0) * lane;
                bars.extend(runs.into_iter().map(|(from, to)| {
                    Bar::new(y0 + lane * 0.45, to - from)
                        .base_offset(from)
                        .width(lane * 0.9)
                        .fill(*fill)
                        .stroke(egui::Stroke::NONE)
                        .horizontal()
                }));
            }
        }
        CodelineView {
            names: Arc::new(cl.documents.iter().map(|d| bidi(&d.name)).collect()),
            keys,
        }
    }
}

pub fn charts_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    if p.codes.is_empty() || p.documents.is_empty() {
        ui.label(bidi(if p.codes.is_empty() {
            s.no_codes
        } else {
            s.no_documents
        }));
        return;
    }
    row(ui, rtl, |ui| {
        for kind in Kind::ALL {
            if ui
                .selectable_label(state.analysis.charts.kind == kind, bidi(kind.label(s)))
                .clicked()
            {
                state.analysis.charts.kind = kind;
            }
        }
    });
    let opts = options_ui(ui, p, state);
    let c = &mut state.analysis.charts;
    if c.built.as_ref().is_none_or(|(o, _)| *o != opts) {
        let built = build(p, &opts);
        c.built = Some((opts, built));
    }
    let a = crate::app::i18n::analysis::strings(state.lang);
    let mut save = false;
    row(ui, rtl, |ui| {
        save = ui.button(bidi(a.save_figure)).clicked();
    });
    let Some((opts, built)) = &state.analysis.charts.built else {
        return;
    };
    if save && let Some(svg) = figure(opts, built, state) {
        save_figure(state, svg, out);
        return;
    }
    match built {
        Built::Bars(b) => bars_ui(ui, b, state),
        Built::Portrait(pt, doc_rtl) => portrait_ui(ui, pt, *doc_rtl, state),
        Built::Codeline(_, view) => codeline_ui(ui, view, state),
        Built::Nothing => {}
    }
}

/// The chosen chart's options, and the codes it shows.
fn options_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState) -> Options {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let kind = state.analysis.charts.kind;
    let generation = p.generation();
    let use_selected = state.analysis.charts.selected && !state.selected_codes.is_empty();
    let c = &mut state.analysis.charts;
    if c.defaults
        .as_ref()
        .is_none_or(|d| d.generation != generation)
    {
        c.defaults = Some(Defaults {
            generation,
            codes: charts::default_codes(p),
            by: charts::default_by(p),
            variables: charts::variable_names(p),
        });
    }
    let selected = &state.selected_codes;
    if use_selected
        && c.selected_order
            .as_ref()
            .is_none_or(|(g, set, _)| *g != generation || set != selected)
    {
        // In tree order, as the legend lists them.
        let order = p
            .walk()
            .into_iter()
            .map(|(id, _)| id)
            .filter(|id| selected.contains(id))
            .collect();
        c.selected_order = Some((generation, selected.clone(), order));
    }
    let (default_codes, default_by, variables) = c
        .defaults
        .as_ref()
        .map_or((&[][..], By::Group, &[][..]), |d| {
            (d.codes.as_slice(), d.by.clone(), d.variables.as_slice())
        });
    let codes = if use_selected {
        c.selected_order
            .as_ref()
            .map_or_else(Vec::new, |(_, _, o)| o.clone())
    } else {
        default_codes.to_vec()
    };
    let by = c.by.clone().unwrap_or(default_by);
    let variables = variables.to_vec();
    let doc = state
        .analysis
        .charts
        .doc
        .filter(|d| p.document(*d).is_some())
        .or(state.selected_doc)
        .or(p.documents.first().map(|d| d.id));
    row(ui, rtl, |ui| {
        let c = &mut state.analysis.charts;
        if kind != Kind::Portrait {
            let shown = if use_selected {
                s.selected_codes
            } else {
                s.categories
            };
            mirror::combo_ui(ui, rtl, s.codes, shown, false, |ui| {
                if ui
                    .selectable_label(!c.selected, bidi(s.categories))
                    .clicked()
                {
                    c.selected = false;
                }
                if ui
                    .selectable_label(c.selected, bidi(s.selected_codes))
                    .clicked()
                {
                    c.selected = true;
                }
            });
        }
        if kind == Kind::Bars {
            let shown = match &by {
                By::Variable(v) => format!("{}: {v}", s.variable),
                _ => s.groups.to_string(),
            };
            mirror::combo_ui(ui, rtl, s.columns, &shown, false, |ui| {
                if ui
                    .selectable_label(by == By::Group, bidi(s.groups))
                    .clicked()
                {
                    c.by = Some(By::Group);
                }
                for v in variables {
                    let this = By::Variable(v.clone());
                    let label = bidi(&format!("{}: {v}", s.variable));
                    if ui.selectable_label(by == this, label).clicked() {
                        c.by = Some(this);
                    }
                }
            });
            let shown = if c.documents {
                s.coded_documents
            } else {
                s.codings
            };
            mirror::combo_ui(ui, rtl, s.count, shown, false, |ui| {
                if ui.selectable_label(!c.documents, bidi(s.codings)).clicked() {
                    c.documents = false;
                }
                if ui
                    .selectable_label(c.documents, bidi(s.coded_documents))
                    .clicked()
                {
                    c.documents = true;
                }
            });
        }
        if kind == Kind::Portrait {
            let shown = doc
                .and_then(|d| p.document(d))
                .map_or(String::new(), |d| d.name.clone());
            mirror::combo_ui(ui, rtl, s.document, &shown, false, |ui| {
                for d in &p.documents {
                    if ui
                        .selectable_label(doc == Some(d.id), bidi(&d.name))
                        .clicked()
                    {
                        c.doc = Some(d.id);
                    }
                }
            });
        }
    });
    if state.analysis.charts.selected && state.selected_codes.is_empty() && kind != Kind::Portrait {
        ui.label(bidi(s.none_selected));
    }
    Options {
        generation: p.generation(),
        kind,
        by,
        unit: if state.analysis.charts.documents {
            CountUnit::Document
        } else {
            CountUnit::Coding
        },
        codes,
        doc,
    }
}

fn build(p: &Project, o: &Options) -> Built {
    match o.kind {
        Kind::Bars => {
            charts::code_bars(p, &o.codes, &o.by, o.unit).map_or(Built::Nothing, Built::Bars)
        }
        Kind::Portrait => o
            .doc
            .and_then(|d| {
                let rtl = p.document(d)?.is_rtl_in(p.direction);
                charts::portrait(p, d, PORTRAIT_TILES, PORTRAIT_COLUMNS)
                    .map(|pt| Built::Portrait(pt, rtl))
            })
            .unwrap_or(Built::Nothing),
        Kind::Codeline => {
            let cl = charts::codeline(p, &o.codes);
            let view = CodelineView::of(&cl);
            Built::Codeline(cl, view)
        }
    }
}

/// The chart as an SVG figure, with its words in the interface's language.
fn figure(o: &Options, built: &Built, state: &UiState) -> Option<String> {
    let s = strings(state.lang);
    let codes_name = if state.analysis.charts.selected && !state.selected_codes.is_empty() {
        s.codes
    } else {
        s.categories
    };
    let columns = match &o.by {
        By::Variable(v) => v.clone(),
        _ => s.groups.to_string(),
    };
    let mut w = crate::export::Words {
        persian: state.lang.rtl(),
        ..Default::default()
    };
    Some(match built {
        Built::Bars(b) => {
            w.title = s
                .bars_title
                .replace("{codes}", codes_name)
                .replace("{columns}", &columns);
            w.x_label = columns;
            w.y_label = if o.unit == CountUnit::Document {
                s.coded_documents.into()
            } else {
                s.codings.into()
            };
            crate::export::bars_svg(b, &w)
        }
        Built::Portrait(pt, rtl) => {
            w.title = s.portrait_title.replace("{document}", &pt.name);
            let per = pt.tiles.first().map_or(0, |t| t.range.len());
            w.x_label = s.tile_note.replace("{n}", &state.num(per));
            crate::export::portrait_svg(pt, *rtl, &w)
        }
        Built::Codeline(cl, _) => {
            w.title = s.codeline_title.replace("{codes}", codes_name);
            w.x_label = s.position.into();
            crate::export::codeline_svg(cl, &w)
        }
        Built::Nothing => return None,
    })
}

fn color(hex: &str) -> Color32 {
    Color32::from_hex(hex).unwrap_or(Color32::GRAY)
}

/// A plot that neither pans nor zooms (a figure, not a map), with its
/// legend on the reading side.
pub(super) fn plot(id: &str, rtl: bool) -> Plot<'static> {
    let corner = if rtl {
        egui_plot::Corner::RightTop
    } else {
        egui_plot::Corner::LeftTop
    };
    Plot::new(id)
        .legend(Legend::default().position(corner))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

fn bars_ui(ui: &mut egui::Ui, b: &Bars, state: &UiState) {
    let n = b.series.len().max(1) as f64;
    let width = 0.8 / n;
    let columns = b.columns.clone();
    let loc = state.locale();
    plot("chart-bars", state.lang.rtl())
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            columns.get(i as usize).map_or(String::new(), |c| bidi(c))
        })
        .y_axis_formatter(move |mark, _| {
            if mark.value.fract().abs() > 1e-6 || mark.value < 0.0 {
                String::new()
            } else {
                // Through `bidi`: egui draws Persian digits reversed.
                bidi(&loc.num(mark.value as usize))
            }
        })
        .include_y(0.0)
        // Headroom above the tallest bar for the legend's rows, which
        // stand over the plot's top (one row per series).
        .include_y(b.max().max(1) as f64 * (1.15 + 0.07 * b.series.len() as f64))
        .show(ui, |pu| {
            for (i, s) in b.series.iter().enumerate() {
                let offset = (i as f64 - (n - 1.0) / 2.0) * width;
                let bars = s
                    .counts
                    .iter()
                    .enumerate()
                    .map(|(c, v)| Bar::new(c as f64 + offset, *v as f64).width(width * 0.9))
                    .collect();
                pu.bar_chart(BarChart::new(bidi(&s.key.name), bars).color(color(&s.key.color)));
            }
        });
}

/// A rectangle from (x0, y0) to (x1, y1) as a polygon.
fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> PlotPoints<'static> {
    PlotPoints::from(vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
}

fn portrait_ui(ui: &mut egui::Ui, pt: &Portrait, doc_rtl: bool, state: &UiState) {
    let cols = pt.columns.max(1);
    let uncoded = color(charts::UNCODED);
    plot("chart-portrait", state.lang.rtl())
        .data_aspect(1.0)
        .show_axes(false)
        .show_grid(false)
        .show(ui, |pu| {
            for (i, t) in pt.tiles.iter().enumerate() {
                let (r, c) = (i / cols, i % cols);
                let c = if doc_rtl { cols - 1 - c } else { c };
                let (x, y) = (c as f64, -(r as f64));
                if t.codes.is_empty() {
                    pu.polygon(
                        Polygon::new("", rect(x + 0.05, y, x + 0.95, y + 0.9))
                            .fill_color(uncoded)
                            .width(0.0),
                    );
                    continue;
                }
                let part = 0.9 / t.codes.len() as f64;
                for (j, k) in t.codes.iter().enumerate() {
                    let Some(key) = pt.keys.get(*k) else { continue };
                    let j = if doc_rtl { t.codes.len() - 1 - j } else { j };
                    let x0 = x + 0.05 + j as f64 * part;
                    pu.polygon(
                        Polygon::new(bidi(&key.name), rect(x0, y, x0 + part, y + 0.9))
                            .fill_color(color(&key.color))
                            .width(0.0),
                    );
                }
            }
        });
}

fn codeline_ui(ui: &mut egui::Ui, view: &CodelineView, state: &UiState) {
    let rtl = state.lang.rtl();
    let names = Arc::clone(&view.names);
    let loc = state.locale();
    plot("chart-codeline", rtl)
        .invert_x(rtl)
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.5)
        .include_y(-(view.names.len() as f64) + 0.5)
        .show_grid([true, false])
        .x_axis_formatter(move |mark, _| {
            let pct = (mark.value * 100.0).round();
            if !(0.0..=100.0).contains(&pct) || (pct % 25.0).abs() > 1e-6 {
                return String::new();
            }
            if rtl {
                bidi(&format!("{}٪", loc.num(pct as usize)))
            } else {
                format!("{pct}%")
            }
        })
        .y_axis_formatter(move |mark, _| {
            let i = -mark.value.round();
            if (mark.value.round() - mark.value).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            names.get(i as usize).cloned().unwrap_or_default()
        })
        .show(ui, |pu| {
            // One item per key: its runs as bars, and one legend entry.
            for (name, fill, bars) in &view.keys {
                pu.bar_chart(
                    BarChart::new(name.clone(), bars.clone())
                        .color(*fill)
                        .allow_hover(false),
                );
            }
        });
}
