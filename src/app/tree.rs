//! The code tree: levels, colours, counts, filter, rename in place,
//! drag and drop, grouping and deletion.

use super::{Action, UiState, bidi};
use crate::edit::{self, Command};
use crate::model::*;
use egui::{RichText, Sense};
use std::collections::{BTreeMap, BTreeSet};

/// Height of a tree row.
const ROW_H: f32 = 22.0;

#[derive(Default)]
pub struct TreeState {
    pub filter: String,
    pub renaming: Option<(CodeId, String)>,
    pub collapsed: BTreeSet<CodeId>,
    pub confirm_delete: Option<CodeId>,
    /// Show only level-1 codes that are in no subcategory yet.
    pub only_ungrouped: bool,
    /// Show only this code set's codes.
    pub code_set: Option<crate::model::SetId>,
    /// Codes outside the project's levels, for the generation they are of.
    off_level: Option<(u64, BTreeSet<CodeId>)>,
}

/// The payload dropped on `r`, if it is of type `T`. (egui's own
/// `dnd_release_payload` discards a payload of another type.)
fn release<T: std::any::Any + Send + Sync>(r: &egui::Response) -> Option<std::sync::Arc<T>> {
    if egui::DragAndDrop::has_payload_of_type::<T>(&r.ctx) {
        r.dnd_release_payload::<T>()
    } else {
        None
    }
}

/// Payload when a code row is dragged.
#[derive(Clone, Copy)]
struct DragCode(CodeId);

pub fn tree_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = state.lang.strings();
    ui.heading(bidi(s.codes));
    super::row(ui, state.lang.rtl(), |ui| {
        super::bidi_edit::sized_ui(ui, 160.0, |ui| {
            super::bidi_edit_ui(
                ui,
                &mut state.tree.filter,
                "code-filter",
                "Filter codes",
                s.filter,
                false,
            )
        });
        if ui.button(bidi(s.new_code)).clicked() {
            let code = Code::new(
                numbered(p, s.new_code, state),
                edit::palette_color(p.codes.len()),
            );
            state.tree.renaming = Some((code.id, code.name.clone()));
            // Shown, to be named: a set's filter would hide it.
            state.tree.code_set = None;
            out.push(Action::Edit(edit::add_code(p, None, code)));
        }
    });
    let level_names: Vec<String> = (1..=p.level_count).map(|l| p.level_name(l)).collect();
    ui.label(RichText::new(bidi(&level_names.join(" · "))).small().weak());
    // Counts come from the project's index, built once per generation.
    let ix = p.index();
    // One coder's counts while only their codings are shown.
    let by_coder = super::coder_view::counts(p, state);
    let (own, total) = match &by_coder {
        Some(c) => (&c.own, &c.total),
        None => (ix.own_counts(), ix.total_counts()),
    };
    let ungrouped = p.ungrouped_codes();
    if !ungrouped.is_empty() || state.tree.only_ungrouped {
        let label = format!("{} ({})", s.only_ungrouped, state.num(ungrouped.len()));
        ui.checkbox(&mut state.tree.only_ungrouped, bidi(&label));
    }
    let mut visible = filter_set(p, &state.tree.filter);
    if state.tree.only_ungrouped {
        let only: BTreeSet<CodeId> = ungrouped
            .iter()
            .copied()
            .filter(|c| visible.as_ref().is_none_or(|v| v.contains(c)))
            .collect();
        visible = Some(only);
    }
    super::code_sets::code_set_ui(ui, p, state);
    let visible = super::code_sets::narrow(p, state, visible);
    // The rows to show, in tree order: filtered, and without the insides of
    // collapsed codes.
    let mut rows: Vec<(CodeId, usize)> = Vec::new();
    let mut skip_below: Option<usize> = None;
    for (id, depth) in p.walk() {
        if let Some(d) = skip_below {
            if depth > d {
                continue;
            }
            skip_below = None;
        }
        if visible.as_ref().is_some_and(|v| !v.contains(&id)) {
            continue;
        }
        if state.tree.collapsed.contains(&id) && visible.is_none() {
            skip_below = Some(depth);
        }
        rows.push((id, depth));
    }
    // Rows have one height, so only those on screen are built (a study's
    // tree has hundreds of codes).
    // egui adds the item spacing to this height itself.
    let row_h = ROW_H;
    egui::ScrollArea::vertical()
        .id_salt("tree")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, rows.len() + 1, |ui, range| {
            for i in range {
                match rows.get(i) {
                    Some((id, depth)) => {
                        if let Some(code) = p.codes.get(id) {
                            row_ui(ui, p, code, *depth, own, total, state, out);
                        }
                    }
                    None => top_level_drop_ui(ui, p, out),
                }
            }
        });
}

/// A new node's name: `base` and the next number of the codes so named
/// («زیرمقوله ۱» for the first), in the interface's digits.
pub(super) fn numbered(p: &Project, base: &str, state: &UiState) -> String {
    format!("{base} {}", state.num(edit::next_number(p, base)))
}

/// Below the last row: dropping a code here moves it to the top level.
fn top_level_drop_ui(ui: &mut egui::Ui, p: &Project, out: &mut Vec<Action>) {
    let (rect, resp) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 22.0), Sense::hover());
    if let Some(dragged) = release::<DragCode>(&resp) {
        out.push(Action::Edit(Command::MoveCode {
            id: dragged.0,
            parent: None,
            index: p.roots.len(),
        }));
    }
    if resp.dnd_hover_payload::<DragCode>().is_some() {
        ui.painter().rect_stroke(
            rect,
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
}

/// A drawn disclosure triangle (no font glyph needed): down when open,
/// pointing into the reading direction when collapsed.
fn disclosure_ui(ui: &mut egui::Ui, collapsed: bool, rtl: bool) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(16.0, 16.0), Sense::click());
    let c = rect.center();
    let r = 4.5;
    let pts = if !collapsed {
        vec![
            c + egui::vec2(-r, -r * 0.6),
            c + egui::vec2(r, -r * 0.6),
            c + egui::vec2(0.0, r * 0.8),
        ]
    } else if rtl {
        vec![
            c + egui::vec2(r * 0.6, -r),
            c + egui::vec2(r * 0.6, r),
            c + egui::vec2(-r * 0.8, 0.0),
        ]
    } else {
        vec![
            c + egui::vec2(-r * 0.6, -r),
            c + egui::vec2(-r * 0.6, r),
            c + egui::vec2(r * 0.8, 0.0),
        ]
    };
    let color = if resp.hovered() {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    };
    ui.painter()
        .add(egui::Shape::convex_polygon(pts, color, egui::Stroke::NONE));
    resp.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, !collapsed, "Expand or collapse")
    });
    resp
}

/// Codes whose name matches the filter, with their ancestors (None = all).
fn filter_set(p: &Project, filter: &str) -> Option<BTreeSet<CodeId>> {
    if filter.trim().is_empty() {
        return None;
    }
    let q = crate::text::fuzzy_key(filter);
    let m = fuzzy_matcher::skim::SkimMatcherV2::default();
    use fuzzy_matcher::FuzzyMatcher;
    let ix = p.index();
    let mut set = BTreeSet::new();
    for c in p.codes.values() {
        if m.fuzzy_match(&crate::text::fuzzy_key(&c.name), &q)
            .is_some()
        {
            let mut cur = Some(c.id);
            while let Some(id) = cur {
                if !set.insert(id) {
                    break;
                }
                cur = ix.parent(id);
            }
        }
    }
    Some(set)
}

#[allow(clippy::too_many_arguments)]
fn row_ui(
    ui: &mut egui::Ui,
    p: &Project,
    code: &Code,
    depth: usize,
    own: &BTreeMap<CodeId, usize>,
    total: &BTreeMap<CodeId, usize>,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let id = code.id;
    let level = p.level_of(id);
    let selected = state.selected_codes.contains(&id);
    let active = state.active_codes.contains(&id);
    let rtl = state.lang.rtl();
    let layout = if rtl {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    let row = ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), ROW_H), layout, |ui| {
        // Exactly ROW_H tall: the scroll area places rows by that height.
        ui.set_min_height(ROW_H);
        ui.add_space(depth as f32 * 16.0);
        if !code.children.is_empty() {
            let collapsed = state.tree.collapsed.contains(&id);
            if disclosure_ui(ui, collapsed, rtl).clicked() {
                if collapsed {
                    state.tree.collapsed.remove(&id);
                } else {
                    state.tree.collapsed.insert(id);
                }
            }
        } else {
            ui.add_space(20.0);
        }
        // Colour swatch doubles as the activation toggle, as in MAXQDA.
        let (sw, sw_resp) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), Sense::click());
        // A stored colour too dark or light for this theme is shown adjusted.
        let color = super::contrast::code_on(p, id, ui.visuals().panel_fill);
        if active {
            ui.painter().rect_filled(sw, 3.0, color);
        } else {
            ui.painter().rect_stroke(
                sw,
                3.0,
                egui::Stroke::new(2.0, color),
                egui::StrokeKind::Inside,
            );
        }
        sw_resp.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                active,
                format!("Activate {}", code.name),
            )
        });
        if sw_resp.clicked() {
            out.push(Action::ToggleActive(id));
        }
        // «۱» in Persian: the level's name says the rest on hover.
        let badge = match state.lang {
            super::Lang::En => format!("L{level}"),
            super::Lang::Fa => state.num(level),
        };
        if super::levels::off_level(p, &mut state.tree.off_level).contains(&id) {
            // Outside the levels: the badge is marked, and says why on hover.
            let warn = ui.visuals().warn_fg_color;
            ui.label(
                RichText::new(bidi(&format!("{badge}!")))
                    .small()
                    .monospace()
                    .color(warn),
            )
            .on_hover_text(bidi(&format!(
                "{}\n{}",
                p.level_name(level),
                state.lang.strings().off_level
            )));
        } else {
            ui.label(RichText::new(bidi(&badge)).small().monospace().weak())
                .on_hover_text(bidi(&p.level_name(level)));
        }
        if let Some((rid, text)) = state.tree.renaming.as_mut().filter(|(r, _)| *r == id) {
            let outcome = ui
                .allocate_ui(egui::vec2(220.0, 24.0), |ui| {
                    super::bidi_edit::rename_ui(ui, text, ("rename", *rid), "Code name")
                })
                .inner;
            if outcome == super::bidi_edit::Rename::Commit {
                let name = text.trim().to_string();
                if !name.is_empty() && name != code.name {
                    out.push(Action::Edit(Command::RenameCode { id: *rid, name }));
                }
            }
            if outcome != super::bidi_edit::Rename::Editing {
                state.tree.renaming = None;
            }
            return None;
        }
        let counts = bidi(&format!(
            "{} / {}",
            state.num(own.get(&id).copied().unwrap_or(0)),
            state.num(total.get(&id).copied().unwrap_or(0))
        ));
        // Counts sit in a column at the row's end; the name takes the rest
        // and is cut at its logical end when the pane is narrow.
        let counts_w = 48.0;
        // A memo's icon sits after the name, before the counts' column.
        let memo = p.first_memo(MemoTarget::Code(id));
        let memo_w = if memo.is_some() { 22.0 } else { 0.0 };
        let marks = super::review::marks(p, state);
        let marks_w = super::review::marks_width(&marks, id);
        let name_w = ui.available_width() - counts_w - memo_w - marks_w;
        let r = super::selectable_line_ui(ui, &code.name, name_w, selected);
        // The full name (the row may cut it) and the codebook entry.
        let mut description = code.description.joined();
        if !code.codable {
            let only = state.lang.strings().groups_only;
            description = [only, &description].join("\n\n").trim().to_string();
        }
        let hover = if description.is_empty() {
            code.name.clone()
        } else {
            format!("{}\n\n{description}", code.name)
        };
        let r = r.on_hover_text(bidi(&hover));
        r.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::TreeItem, true, selected, &code.name)
        });
        if let Some(m) = memo
            && super::memo::memo_icon_ui(ui, m, state.lang).clicked()
        {
            out.push(Action::ShowMemo(MemoTarget::Code(id)));
        }
        super::review::row_marks_ui(ui, &marks, id, state);
        ui.add_sized(
            [counts_w - 8.0, 16.0],
            egui::Label::new(RichText::new(counts).small().weak()),
        );
        Some(r)
    });
    let Some(r) = row.inner else { return };
    if r.clicked() {
        let add = ui.input(|i| i.modifiers.command || i.modifiers.shift);
        out.push(Action::SelectCode { id, add });
    }
    if r.double_clicked() {
        state.tree.renaming = Some((id, code.name.clone()));
    }
    if r.drag_started() {
        r.dnd_set_drag_payload(DragCode(id));
    }
    // Dropped on the upper or lower edge: before or after this code, as a
    // sibling; in the middle: into it, as its last child.
    let zone = |ui: &egui::Ui| {
        let y = ui
            .ctx()
            .pointer_interact_pos()
            .map_or(r.rect.center().y, |p| p.y);
        let t = (y - r.rect.top()) / r.rect.height().max(1.0);
        if t < 0.25 {
            -1
        } else if t > 0.75 {
            1
        } else {
            0
        }
    };
    if let Some(dragged) = release::<DragCode>(&r)
        && dragged.0 != id
    {
        let parent = p.parent_of(id);
        let at = p
            .siblings(parent)
            .iter()
            .position(|c| *c == id)
            .unwrap_or(0);
        let old = p.siblings(parent).iter().position(|c| *c == dragged.0);
        // Removing the dragged code first shifts later siblings up by one.
        let shift = |i: usize| if old.is_some_and(|o| o < i) { i - 1 } else { i };
        let cmd = match zone(ui) {
            -1 => Command::MoveCode {
                id: dragged.0,
                parent,
                index: shift(at),
            },
            1 => Command::MoveCode {
                id: dragged.0,
                parent,
                index: shift(at + 1),
            },
            _ => Command::MoveCode {
                id: dragged.0,
                parent: Some(id),
                index: code.children.len(),
            },
        };
        out.push(Action::Edit(cmd));
    }
    if r.dnd_hover_payload::<DragCode>().is_some() {
        let stroke = ui.visuals().selection.stroke;
        match zone(ui) {
            -1 => {
                ui.painter().hline(r.rect.x_range(), r.rect.top(), stroke);
            }
            1 => {
                ui.painter()
                    .hline(r.rect.x_range(), r.rect.bottom(), stroke);
            }
            _ => {
                ui.painter().rect_stroke(
                    r.rect.expand(2.0),
                    2.0,
                    stroke,
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
    // The text selection dropped on a code codes it.
    if release::<super::browser::SelectionDrag>(&r).is_some() {
        out.push(Action::ApplyCode(id));
    }
    if r.dnd_hover_payload::<super::browser::SelectionDrag>()
        .is_some()
    {
        let stroke = egui::Stroke::new(
            2.0,
            super::contrast::code_on(p, id, ui.visuals().panel_fill),
        );
        ui.painter()
            .rect_stroke(r.rect.expand(2.0), 2.0, stroke, egui::StrokeKind::Outside);
    }
    let rtl = state.lang.rtl();
    super::mirror::context_menu_ui(&r, rtl, |ui| context_menu_ui(ui, p, code, state, out));
}

fn context_menu_ui(
    ui: &mut egui::Ui,
    p: &Project,
    code: &Code,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let s = state.lang.strings();
    let id = code.id;
    if ui.button(bidi(s.apply_code)).clicked() {
        out.push(Action::ApplyCode(id));
        ui.close();
    }
    if ui.button(bidi(s.rename)).clicked() {
        state.tree.renaming = Some((id, code.name.clone()));
        ui.close();
    }
    if ui.button(bidi(s.new_code)).clicked() {
        let child = Code::new(
            numbered(p, s.new_code, state),
            edit::palette_color(p.codes.len()),
        );
        state.tree.renaming = Some((child.id, child.name.clone()));
        out.push(Action::Edit(edit::add_code(p, Some(id), child)));
        ui.close();
    }
    let mut sel: Vec<CodeId> = p
        .walk()
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| state.selected_codes.contains(c))
        .collect();
    if sel.is_empty() {
        sel.push(id);
    }
    // The new node sits one level above the highest of the codes it takes.
    let level = 1 + sel.iter().map(|c| p.level_of(*c)).max().unwrap_or(1);
    let label = super::levels::group_label(p, state.lang, level, &state.num(sel.len()));
    if ui.button(bidi(&label)).clicked() {
        let name = numbered(p, &p.level_name(level), state);
        match edit::group_codes(p, &sel, &name) {
            Ok((cmd, gid)) => {
                out.push(Action::Edit(cmd));
                state.tree.renaming = Some((gid, name));
            }
            Err(e) => state.error = Some(super::errors::edit(state.locale(), &e)),
        }
        ui.close();
    }
    if !code.children.is_empty() && ui.button(bidi(s.ungroup)).clicked() {
        if let Ok(cmd) = edit::ungroup(p, id) {
            out.push(Action::Edit(cmd));
        }
        ui.close();
    }
    let rtl = state.lang.rtl();
    super::mirror::submenu_ui(ui, rtl, s.merge_into, |ui| {
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for (other, _) in p.walk() {
                    if other == id || p.subtree(id).contains(&other) {
                        continue;
                    }
                    let Some(o) = p.codes.get(&other) else {
                        continue;
                    };
                    // The name first, then where it sits, on one line cut at
                    // its logical end (egui would wrap reordered text wrongly).
                    let parent = p.parent_of(other).and_then(|q| p.codes.get(&q));
                    let label = match parent {
                        Some(q) => format!("{} — {}", o.name, q.name),
                        None => o.name.clone(),
                    };
                    let r = super::selectable_line_ui(ui, &label, 320.0, false)
                        .on_hover_text(bidi(&p.code_path_label(o.id, " › ")));
                    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                    if r.clicked() {
                        if let Ok(cmd) = edit::merge_codes(p, id, other) {
                            out.push(Action::Edit(cmd));
                        }
                        ui.close();
                    }
                }
            });
    });
    super::mirror::submenu_ui(ui, rtl, s.colour, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.set_max_width(140.0);
            for (i, hex) in edit::PALETTE.iter().enumerate() {
                let c = egui::Color32::from_hex(hex).unwrap_or(egui::Color32::GRAY);
                let (rect, resp) = ui.allocate_exact_size(egui::vec2(18.0, 18.0), Sense::click());
                ui.painter().rect_filled(rect, 3.0, c);
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour {}", i + 1))
                });
                if resp.clicked() {
                    out.push(Action::Edit(Command::SetCodeColor {
                        id,
                        color: hex.to_string(),
                    }));
                    ui.close();
                }
            }
        });
    });
    super::review::code_menu_ui(ui, p, id, state, out);
    ui.separator();
    if ui.button(bidi(s.delete)).clicked() {
        state.tree.confirm_delete = Some(id);
        ui.close();
    }
}
