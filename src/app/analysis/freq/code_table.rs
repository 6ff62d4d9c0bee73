//! The code table's rows: a row's name cell, the order rows are shown
//! in, and the table as exported.

use super::{Column, NAME_WIDTH};
use crate::analysis::freq::CodeFreq;
use crate::app::Lang;
use crate::app::bidi;
use crate::app::i18n::an_freq::FreqStrings;
use crate::export::{Cell, Grid};
use crate::model::*;
use std::collections::BTreeSet;

/// The code cell: indented by depth in the tree's order (the full path
/// when sorted), with a fold button on a row with children. True when the
/// button was clicked.
pub(super) fn name_ui(
    ui: &mut egui::Ui,
    rtl: bool,
    r: &CodeFreq,
    sorted: bool,
    folded: Option<bool>,
) -> bool {
    let depth = r.path.len().saturating_sub(1);
    let name = if sorted {
        r.path.join(" › ")
    } else {
        r.path.last().cloned().unwrap_or_default()
    };
    let short = crate::text::in_vivo_name(&name, 48);
    let layout = if rtl {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    let height = ui.spacing().interact_size.y;
    let mut clicked = false;
    // A fixed width, so that a right-to-left row has an edge to start from.
    ui.allocate_ui_with_layout(egui::vec2(NAME_WIDTH, height), layout, |ui| {
        ui.set_min_width(NAME_WIDTH);
        if !sorted {
            ui.add_space(16.0 * depth as f32);
            match folded {
                Some(f) => {
                    let arrow = match (f, rtl) {
                        (false, _) => "⏷",
                        (true, false) => "⏵",
                        (true, true) => "⏴",
                    };
                    clicked = ui.small_button(arrow).clicked();
                }
                None => {
                    ui.add_space(ui.spacing().interact_size.y);
                }
            }
        }
        let text = egui::RichText::new(bidi(&short));
        let text = if r.path.len() > 1 || r.level == 1 {
            text
        } else {
            text.strong()
        };
        let resp = ui.label(text);
        if short != name {
            resp.on_hover_text(bidi(&name));
        }
    });
    clicked
}

/// The rows shown: sorted by a column (most first, then the tree's
/// order), or the tree's order without the rows under a folded row.
pub(super) fn row_order(
    rows: &[CodeFreq],
    sort: Option<Column>,
    folded: &BTreeSet<CodeId>,
) -> Vec<usize> {
    if sort.is_some() {
        return order_all(rows, sort);
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut hide_below: Option<usize> = None;
    for (i, r) in rows.iter().enumerate() {
        let depth = r.path.len();
        if hide_below.is_some_and(|d| depth > d) {
            continue;
        }
        hide_below = folded.contains(&r.id).then_some(depth);
        out.push(i);
    }
    out
}

/// Every row, sorted by a column or in the tree's order.
pub(super) fn order_all(rows: &[CodeFreq], sort: Option<Column>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if let Some(c) = sort {
        order.sort_by_key(|&i| (std::cmp::Reverse(c.of(&rows[i])), i));
    }
    order
}

pub(super) fn codes_grid(
    p: &Project,
    rows: &[CodeFreq],
    order: &[usize],
    s: &FreqStrings,
    lang: Lang,
) -> Grid {
    Grid {
        title: s.title_codes.to_string(),
        columns: [
            s.code,
            s.level,
            s.codings,
            s.documents,
            s.coders,
            s.words_coded,
        ]
        .map(String::from)
        .to_vec(),
        rows: order
            .iter()
            .map(|&i| {
                let r = &rows[i];
                vec![
                    Cell::Text(r.path.join(" / ")),
                    Cell::Text(p.level_name(r.level)),
                    Cell::Count(r.codings),
                    Cell::Count(r.documents),
                    Cell::Count(r.coders),
                    Cell::Count(r.words),
                ]
            })
            .collect(),
        rtl: lang.rtl(),
    }
}
