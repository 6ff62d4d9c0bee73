//! The Indices tab: the Bonsón et al. indices by network, role, both or
//! account, as the paper's Tables 1 and 2 (each exported as CSV, XLSX or
//! Markdown), and charts: chosen measures per group, and the post types
//! or comment categories per network or role (from the code matrix by
//! variable). Everything shown is built once per generation and choice.

use super::{export_table, save_figure};
use crate::analysis::charts::{Bars, Key, code_bars};
use crate::analysis::matrix::{By as MatrixBy, CountUnit, NO_VALUE};
use crate::app::i18n::an_social::strings;
use crate::app::{Action, UiState, bidi, row};
use crate::export::{Cell, Grid, Words};
use crate::model::*;
use crate::social::indices::Figures;
use crate::social::{self, By, Indices, starter, tables};
use egui::Color32;
use egui_plot::{Bar, BarChart};

/// The measures a chart offers (indices into `Figures::values`), and
/// those it shows at first: the rates per 1000 followers and E, which
/// share a scale.
const SHOWN_FIRST: [usize; 4] = [2, 5, 8, 9];
const MEASURE_COLOURS: [&str; 13] = [
    "#4e79a7", "#4e79a7", "#1f3a93", "#f28e2b", "#f28e2b", "#e15759", "#59a14f", "#59a14f",
    "#76b7b2", "#b07aa1", "#9c755f", "#9c755f", "#bab0ac",
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Chart {
    #[default]
    Measures,
    PostTypes,
    Comments,
}

pub struct IndicesState {
    by: By,
    chart: Chart,
    /// Post types and comments: per network (false) or role (true).
    by_role: bool,
    measures: [bool; 13],
    built: Option<Built>,
}

impl Default for IndicesState {
    fn default() -> Self {
        let mut measures = [false; 13];
        for i in SHOWN_FIRST {
            measures[i] = true;
        }
        IndicesState {
            by: By::Network,
            chart: Chart::default(),
            by_role: false,
            measures,
            built: None,
        }
    }
}

struct Built {
    key: (u64, By, Chart, bool, crate::app::i18n::Lang),
    indices: Result<Indices, String>,
    /// Tables 1 and 2 of `indices`, as shown and exported.
    tables: Vec<Grid>,
    bars: Option<Bars>,
}

impl IndicesState {
    pub fn forget_caches(&mut self) {
        self.built = None;
    }
}

/// The code of the starter system's root named `name` in either language.
fn root_named(p: &Project, names: [&str; 2]) -> Option<CodeId> {
    p.roots.iter().copied().find(|r| {
        p.codes
            .get(r)
            .is_some_and(|c| names.contains(&c.name.as_str()))
    })
}

/// Bars of the post types' (or comment categories') codes per network or
/// role; the column of documents without the variable (the interviews) is
/// left out.
fn category_bars(p: &Project, chart: Chart, by_role: bool) -> Option<Bars> {
    let i = match chart {
        Chart::PostTypes => 0,
        Chart::Comments => 1,
        Chart::Measures => return None,
    };
    let root = root_named(p, [starter::roots(true)[i], starter::roots(false)[i]])?;
    let codes = p.codes.get(&root)?.children.clone();
    let var = if by_role { "role" } else { "network" };
    let mut bars = code_bars(
        p,
        &codes,
        &MatrixBy::Variable(var.into()),
        CountUnit::Coding,
    )
    .ok()?;
    if let Some(none) = bars.columns.iter().position(|c| c == NO_VALUE) {
        bars.columns.remove(none);
        for s in &mut bars.series {
            s.counts.remove(none);
        }
    }
    Some(bars)
}

fn build(p: &Project, st: &IndicesState, loc: crate::app::i18n::Locale) -> Built {
    let lang = loc.lang;
    // Said in the interface's language (a post's count edited into words).
    let loc_err = |e: social::SocialError| crate::app::errors::social(loc, &e);
    let indices = social::indices(p, st.by).map_err(loc_err);
    let persian = lang == crate::app::i18n::Lang::Fa;
    let tables = match &indices {
        Ok(ix) => vec![tables::table1(ix, persian), tables::table2(ix, persian)],
        Err(_) => Vec::new(),
    };
    Built {
        key: (p.generation(), st.by, st.chart, st.by_role, lang),
        indices,
        tables,
        bars: category_bars(p, st.chart, st.by_role),
    }
}

pub fn indices_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let loc = state.locale();
    let st = &mut state.analysis.indices;
    row(ui, rtl, |ui| {
        ui.label(bidi(s.group_by));
        for (by, name) in [
            (By::Network, s.by_network),
            (By::Role, s.by_role),
            (By::NetworkRole, s.by_network_role),
            (By::Account, s.by_account),
        ] {
            if ui.selectable_label(st.by == by, bidi(name)).clicked() {
                st.by = by;
            }
        }
    });
    let key = (p.generation(), st.by, st.chart, st.by_role, state.lang);
    if st.built.as_ref().is_none_or(|b| b.key != key) {
        st.built = Some(build(p, st, loc));
    }
    // Taken out while drawn (the tab also writes to `state`), put back
    // after: built once per generation and choice, never per frame.
    let Some(built) = state.analysis.indices.built.take() else {
        return;
    };
    built_ui(ui, &built, state, out);
    state.analysis.indices.built = Some(built);
}

fn built_ui(ui: &mut egui::Ui, built: &Built, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let ix = match &built.indices {
        Ok(ix) => ix,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, bidi(e));
            return;
        }
    };
    let a = crate::app::i18n::analysis::strings(state.lang);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (n, grid) in built.tables.iter().enumerate() {
                row(ui, rtl, |ui| {
                    ui.strong(bidi(&grid.title));
                    if ui.button(bidi(a.export_table)).clicked() {
                        export_table(state, grid.clone(), out);
                    }
                });
                grid_ui(ui, grid, state, ("social-table", n));
                ui.add_space(8.0);
            }
            row(ui, rtl, |ui| {
                ui.label(egui::RichText::new(bidi(s.formula_note)).small().weak())
            });
            ui.separator();
            chart_ui(ui, ix, built, state, out);
        });
}

/// An export grid as a table on screen: mirrored in Persian, figures
/// through the locale (and `bidi`: egui reverses runs of Persian digits).
fn grid_ui(ui: &mut egui::Ui, g: &Grid, state: &UiState, id: (&str, usize)) {
    let rtl = state.lang.rtl();
    let loc = state.locale();
    let cell = |c: &Cell| match c {
        Cell::Text(t) if t.is_empty() => "–".to_string(),
        Cell::Text(t) => bidi(t),
        Cell::Count(n) => bidi(&loc.num(n)),
        Cell::Real(x) => bidi(&loc.num(format!("{x:.2}"))),
    };
    let order: Vec<usize> = if rtl {
        (0..g.columns.len()).rev().collect()
    } else {
        (0..g.columns.len()).collect()
    };
    // Laid out from the left, columns reversed in Persian (as the other
    // tables: a grid placed from the right of a scroll area's unbounded
    // width has no position for its first row).
    // A wide table opens on its reading side: from the right in Persian.
    // Its width is known once drawn (and settles over a few frames): the
    // offset follows it for its first frames, then is left to the user.
    let opened = ui.scope_id().with(id).with("opened");
    let frames = ui.data(|d| d.get_temp::<u8>(opened).unwrap_or(0));
    let done = frames >= 6;
    let target = ui.scope_id().with(id).with("reading-side");
    let mut area = egui::ScrollArea::horizontal().id_salt(id);
    if rtl && !done {
        ui.data_mut(|d| d.insert_temp(opened, frames + 1));
        if let Some(x) = ui.data(|d| d.get_temp::<f32>(target)) {
            area = area.horizontal_scroll_offset(x);
        }
    }
    let shown = area.show(ui, |ui| {
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            egui::Grid::new(id)
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    // Names from the reading side, figures aligned.
                    let layout = |i: usize| {
                        if i == 0 || !rtl {
                            egui::Layout::left_to_right(egui::Align::Center)
                        } else {
                            egui::Layout::right_to_left(egui::Align::Center)
                        }
                    };
                    for &i in &order {
                        let head = egui::RichText::new(bidi(&g.columns[i])).strong();
                        ui.with_layout(layout(i), |ui| {
                            ui.add(egui::Label::new(head).wrap_mode(egui::TextWrapMode::Extend))
                        });
                    }
                    ui.end_row();
                    for r in &g.rows {
                        for &i in &order {
                            let text = r.get(i).map(cell).unwrap_or_default();
                            ui.with_layout(layout(i), |ui| ui.label(text));
                        }
                        ui.end_row();
                    }
                });
        });
    });
    if rtl && !done {
        let x = (shown.content_size.x - shown.inner_rect.width()).max(0.0);
        ui.data_mut(|d| d.insert_temp(target, x));
    }
}

fn chart_ui(
    ui: &mut egui::Ui,
    ix: &Indices,
    built: &Built,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let a = crate::app::i18n::analysis::strings(state.lang);
    let persian = state.lang == crate::app::i18n::Lang::Fa;
    let mut save = false;
    {
        let st = &mut state.analysis.indices;
        row(ui, rtl, |ui| {
            ui.label(bidi(s.chart_measure));
            for (c, name) in [
                (Chart::Measures, s.chart_indices),
                (Chart::PostTypes, s.chart_post_types),
                (Chart::Comments, s.chart_comments),
            ] {
                if ui.selectable_label(st.chart == c, bidi(name)).clicked() {
                    st.chart = c;
                }
            }
            save = ui.button(bidi(a.save_figure)).clicked();
        });
        if st.chart == Chart::Measures {
            row(ui, rtl, |ui| {
                for (i, name) in Figures::NAMES.iter().enumerate() {
                    ui.checkbox(&mut st.measures[i], *name);
                }
            });
        } else {
            row(ui, rtl, |ui| {
                for (role, name) in [(false, s.by_network), (true, s.by_role)] {
                    if ui
                        .selectable_label(st.by_role == role, bidi(name))
                        .clicked()
                    {
                        st.by_role = role;
                    }
                }
            });
        }
    }
    let st = &state.analysis.indices;
    let chart = st.chart;
    // Switched this frame: the bars are built at the next (one frame
    // without a chart rather than one of the wrong kind).
    if (built.key.2, built.key.3) != (st.chart, st.by_role) {
        ui.ctx().request_repaint();
        return;
    }
    let columns: Vec<String> = ix.groups.iter().map(|g| g.key.clone()).collect();
    let measures: Vec<(Key, Vec<f64>)> = (0..13)
        .filter(|i| st.measures[*i])
        .map(|i| {
            let key = Key {
                code: CodeId(uuid::Uuid::nil()),
                name: Figures::NAMES[i].to_string(),
                color: MEASURE_COLOURS[i].to_string(),
            };
            let values = ix
                .groups
                .iter()
                // No rate (no posts): no bar, not a bar of 0.
                .map(|g| g.figures.values()[i].unwrap_or(f64::NAN))
                .collect();
            (key, values)
        })
        .collect();
    let bars = built.bars.clone();
    let by_name = |by_role: bool| if by_role { s.by_role } else { s.by_network };
    let words = |title: String, x: &str| Words {
        title,
        x_label: x.to_string(),
        y_label: String::new(),
        persian,
    };
    match chart {
        Chart::Measures => {
            if save {
                let by = match st.by {
                    By::Network => s.by_network,
                    By::Role => s.by_role,
                    By::NetworkRole => s.by_network_role,
                    By::Account => s.by_account,
                };
                let svg = crate::export::measure_bars_svg(
                    &columns,
                    &measures,
                    &words(s.chart_indices.to_string(), by),
                );
                save_figure(state, svg, out);
                return;
            }
            let series: Vec<(String, Color32, Vec<f64>)> = measures
                .iter()
                .map(|(k, v)| (k.name.clone(), color(&k.color), v.clone()))
                .collect();
            bars_ui(ui, &columns, &series, state, true);
        }
        Chart::PostTypes | Chart::Comments => {
            let Some(b) = bars else {
                row(ui, rtl, |ui| ui.label(bidi(s.no_post_types)));
                return;
            };
            if save {
                let title = if chart == Chart::PostTypes {
                    s.chart_post_types
                } else {
                    s.chart_comments
                };
                let svg =
                    crate::export::bars_svg(&b, &words(title.to_string(), by_name(st.by_role)));
                save_figure(state, svg, out);
                return;
            }
            let series: Vec<(String, Color32, Vec<f64>)> = b
                .series
                .iter()
                .map(|x| {
                    let v = x.counts.iter().map(|&n| n as f64).collect();
                    (x.key.name.clone(), color(&x.key.color), v)
                })
                .collect();
            bars_ui(ui, &b.columns, &series, state, false);
        }
    }
}

fn color(hex: &str) -> Color32 {
    Color32::from_hex(hex).unwrap_or(Color32::GRAY)
}

/// Grouped bars on screen: one group per column, one colour per series.
fn bars_ui(
    ui: &mut egui::Ui,
    columns: &[String],
    series: &[(String, Color32, Vec<f64>)],
    state: &UiState,
    real: bool,
) {
    let n = series.len().max(1) as f64;
    let width = 0.8 / n;
    let cols = columns.to_vec();
    let loc = state.locale();
    let max = series
        .iter()
        .flat_map(|s| s.2.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    super::charts::plot("social-bars", state.lang.rtl())
        .height(320.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            cols.get(i as usize).map_or(String::new(), |c| bidi(c))
        })
        .y_axis_formatter(move |mark, _| {
            if mark.value < 0.0 || (!real && mark.value.fract().abs() > 1e-6) {
                return String::new();
            }
            // Through `bidi`: egui draws Persian digits reversed.
            bidi(&loc.num(if real {
                format!("{}", (mark.value * 100.0).round() / 100.0)
            } else {
                format!("{}", mark.value as usize)
            }))
        })
        .include_y(0.0)
        // Headroom for the legend's rows over the plot's top.
        .include_y(max.max(1e-9) * (1.15 + 0.07 * series.len() as f64))
        .show(ui, |pu| {
            for (i, (name, colour, values)) in series.iter().enumerate() {
                let offset = (i as f64 - (n - 1.0) / 2.0) * width;
                let bars = values
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_finite())
                    .map(|(c, v)| Bar::new(c as f64 + offset, *v).width(width * 0.9))
                    .collect();
                pu.bar_chart(BarChart::new(bidi(name), bars).color(*colour));
            }
        });
}
