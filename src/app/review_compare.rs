//! The review window's Changes tab (review points, and what changed since
//! one: `merge::diff` of the point's snapshot and now) and Compare tab
//! (the code tree of two coders, or of a review point and now, side by
//! side). Both are built once per generation and choice.

use super::shaping::iso;
use super::{Action, UiState, bidi, row};
use crate::edit;
use crate::merge::{CodeChange, ItemChange, ProjectDiff};
use crate::model::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What the Compare tab puts side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sides {
    Coders(CoderId, CoderId),
    /// A review point (left) and now (right).
    Point(PointId),
}

#[derive(Default)]
pub struct CompareState {
    pub sides: Option<Sides>,
    /// The diff of a review point and now, and what it was built from.
    diff: Option<((u64, PointId), Arc<ProjectDiff>)>,
    /// The two trees compared, and what they were built from.
    built: Option<((u64, Sides, super::Lang), Arc<Comparison>)>,
}

/// A tree's rows: code, depth, name, codings (subtree total).
type Rows = Vec<(CodeId, usize, String, usize)>;

/// Two trees side by side (left and right in reading order), with the
/// review point's changes as tags on the rows.
pub struct Comparison {
    left: (String, Rows),
    right: (String, Rows),
    marks: BTreeMap<CodeId, Vec<&'static str>>,
    coders: bool,
}

struct Words {
    mark: &'static str,
    point_hint: &'static str,
    since: &'static str,
    no_points: &'static str,
    nothing: &'static str,
    code_added: &'static str,
    code_removed: &'static str,
    code_merged: &'static str,
    code_renamed: &'static str,
    code_moved: &'static str,
    code_recoloured: &'static str,
    code_described: &'static str,
    code_count: &'static str,
    codings_by: &'static str,
    memo: &'static str,
    document: &'static str,
    coder: &'static str,
    added: &'static str,
    removed: &'static str,
    renamed: &'static str,
    edited: &'static str,
    now: &'static str,
    /// Marks on the compared trees' rows: new, removed, merged, renamed,
    /// moved, edited, count changed.
    tags: [&'static str; 7],
    top: &'static str,
}

const EN: Words = Words {
    mark: "Mark review point",
    point_hint: "Name, e.g. after the first round",
    since: "Changes since",
    no_points: "No review point yet: mark one, and Strata lists what changes after it.",
    nothing: "Nothing changed.",
    code_added: "Added",
    code_removed: "Removed ({n} codings)",
    code_merged: "Merged into «{to}» ({n} codings)",
    code_renamed: "Renamed from «{from}»",
    code_moved: "Moved from {from} to {to}",
    code_recoloured: "Recoloured",
    code_described: "Description changed",
    code_count: "Codings: {from} then, {to} now",
    codings_by: "Codings by {name}: {added} added, {removed} removed, {changed} changed",
    memo: "Memo",
    document: "Document",
    coder: "Coder",
    added: "added",
    removed: "removed",
    renamed: "renamed",
    edited: "edited",
    now: "now",
    tags: [
        "[new]",
        "[removed]",
        "[merged]",
        "[renamed]",
        "[moved]",
        "[edited]",
        "[count]",
    ],
    top: "the top level",
};

const FA: Words = Words {
    mark: "ثبت نقطهٔ بازبینی",
    point_hint: "نام، مثلاً پس از دور نخست",
    since: "تغییرها از",
    no_points: "هنوز نقطهٔ بازبینی نیست: یکی ثبت کنید تا Strata تغییرهای پس از آن را فهرست کند.",
    nothing: "چیزی تغییر نکرده است.",
    code_added: "افزوده شد",
    code_removed: "حذف شد ({n} کدگذاری)",
    code_merged: "در «{to}» ادغام شد ({n} کدگذاری)",
    code_renamed: "تغییر نام از «{from}»",
    code_moved: "جابه‌جا شد از {from} به {to}",
    code_recoloured: "تغییر رنگ",
    code_described: "توصیف تغییر کرد",
    code_count: "کدگذاری‌ها: آن زمان {from}، اکنون {to}",
    codings_by: "کدگذاری‌های {name}: {added} افزوده، {removed} حذف‌شده، {changed} تغییریافته",
    memo: "یادداشت",
    document: "سند",
    coder: "کدگذار",
    added: "افزوده شد",
    removed: "حذف شد",
    renamed: "تغییر نام داد",
    edited: "ویرایش شد",
    now: "اکنون",
    tags: [
        "[تازه]",
        "[حذف]",
        "[ادغام]",
        "[تغییر نام]",
        "[جابه‌جا]",
        "[ویرایش]",
        "[شمار]",
    ],
    top: "بالاترین سطح",
};

fn words(lang: super::Lang) -> &'static Words {
    match lang {
        super::Lang::En => &EN,
        super::Lang::Fa => &FA,
    }
}

/// What changed since `point`, built once per generation.
fn diff_since(p: &Project, st: &mut CompareState, point: PointId) -> Option<Arc<ProjectDiff>> {
    let key = (p.generation(), point);
    if let Some((k, d)) = &st.diff
        && *k == key
    {
        return Some(d.clone());
    }
    let snap = p.review.points.iter().find(|x| x.id == point)?;
    let d = Arc::new(crate::merge::diff(&snap.snapshot.project(p), p));
    st.diff = Some((key, d.clone()));
    Some(d)
}

/// One line per change, in the interface's language, with the code it is
/// about (to select it).
fn change_lines(state: &UiState, d: &ProjectDiff) -> Vec<(Option<CodeId>, String)> {
    let w = words(state.lang);
    let n = |x: usize| state.num(x);
    let top = |s: &str| {
        if s == "(top level)" {
            w.top.to_string()
        } else {
            s.to_string()
        }
    };
    let mut out = Vec::new();
    // A code by its own name (the whole path is on hover), isolated.
    let short = |path: &str| iso(path.rsplit(" › ").next().unwrap_or(path));
    let item = |what: &str, c: &ItemChange| match c {
        ItemChange::Added { name, .. } => format!("{what} «{}» {}", iso(name), w.added),
        ItemChange::Removed { name, .. } => format!("{what} «{}» {}", iso(name), w.removed),
        ItemChange::Renamed { from, to, .. } => {
            format!("{what} «{}» {} «{}»", iso(from), w.renamed, iso(to))
        }
        ItemChange::Edited { name, .. } => format!("{what} «{}» {}", iso(name), w.edited),
    };
    out.extend(d.documents.iter().map(|c| (None, item(w.document, c))));
    out.extend(d.coders.iter().map(|c| (None, item(w.coder, c))));
    for c in &d.codes {
        let text = match c {
            CodeChange::Added { path, .. } => format!("{}: {}", short(path), w.code_added),
            CodeChange::Removed { path, codings, .. } => {
                format!(
                    "{}: {}",
                    short(path),
                    w.code_removed.replace("{n}", &n(*codings))
                )
            }
            CodeChange::Merged {
                path,
                into_path,
                codings,
                ..
            } => format!(
                "{}: {}",
                short(path),
                w.code_merged
                    .replace("{to}", &iso(into_path))
                    .replace("{n}", &n(*codings))
            ),
            CodeChange::Renamed { path, from, .. } => {
                format!(
                    "{}: {}",
                    short(path),
                    w.code_renamed.replace("{from}", &iso(from))
                )
            }
            CodeChange::Moved { path, from, to, .. } => format!(
                "{}: {}",
                short(path),
                w.code_moved
                    .replace("{from}", &top(from))
                    .replace("{to}", &top(to))
            ),
            CodeChange::Recoloured { path, .. } => {
                format!("{}: {}", short(path), w.code_recoloured)
            }
            CodeChange::Described { path, .. } => format!("{}: {}", short(path), w.code_described),
            CodeChange::Count { path, from, to, .. } => format!(
                "{}: {}",
                short(path),
                w.code_count
                    .replace("{from}", &n(*from))
                    .replace("{to}", &n(*to))
            ),
        };
        out.push((Some(c.id()), text));
    }
    for c in &d.codings {
        out.push((
            None,
            w.codings_by
                .replace("{name}", &iso(&c.coder))
                .replace("{added}", &n(c.added))
                .replace("{removed}", &n(c.removed))
                .replace("{changed}", &n(c.changed)),
        ));
    }
    out.extend(d.memos.iter().map(|c| (None, item(w.memo, c))));
    out
}

pub fn changes_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let w = words(state.lang);
    let rtl = state.lang.rtl();
    // Mark a point: a name, then the button.
    let mut name = std::mem::take(&mut state.review.point_name);
    row(ui, rtl, |ui| {
        super::bidi_edit::sized_ui(ui, 260.0, |ui| {
            super::bidi_edit_ui(
                ui,
                &mut name,
                "review-point-name",
                "Review point name",
                w.point_hint,
                false,
            )
        });
        if ui
            .add_enabled(!name.trim().is_empty(), egui::Button::new(bidi(w.mark)))
            .clicked()
        {
            match edit::mark_review_point(p, &name) {
                Ok(cmd) => {
                    out.push(Action::Edit(cmd));
                    name.clear();
                }
                Err(e) => state.error = Some(super::errors::edit(state.locale(), &e)),
            }
        }
    });
    state.review.point_name = name;
    let Some(last) = p.review.points.last() else {
        super::bidi_label_ui(
            ui,
            w.no_points,
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().weak_text_color(),
        );
        return;
    };
    let since = state
        .review
        .since
        .filter(|s| p.review.points.iter().any(|x| x.id == *s))
        .unwrap_or(last.id);
    row(ui, rtl, |ui| {
        ui.label(bidi(w.since));
        for x in p.review.points.iter().rev() {
            // The date left to right (LRI…PDI): year, month, day in order.
            let date = state.num(x.at.with_timezone(&chrono::Local).format("%Y-%m-%d"));
            let label = format!("{} (\u{2066}{date}\u{2069})", iso(&x.name));
            if ui.selectable_label(since == x.id, bidi(&label)).clicked() {
                state.review.since = Some(x.id);
            }
        }
    });
    ui.separator();
    let Some(d) = diff_since(p, &mut state.review.compare, since) else {
        return;
    };
    let lines = change_lines(state, &d);
    if lines.is_empty() {
        row(ui, rtl, |ui| ui.weak(bidi(w.nothing)));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("review-changes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (code, text) in lines {
                let r = super::mirror::body_ui(ui, rtl, |ui| {
                    let width = ui.available_width().clamp(200.0, 620.0);
                    super::selectable_line_ui(ui, &text, width, false)
                });
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, &text));
                let r = match code.filter(|c| p.codes.contains_key(c)) {
                    Some(c) => r.on_hover_text(bidi(&p.code_path_label(c, " › "))),
                    None => r.on_hover_text(bidi(&text)),
                };
                if r.clicked()
                    && let Some(id) = code.filter(|c| p.codes.contains_key(c))
                {
                    out.push(Action::SelectCode { id, add: false });
                }
            }
        });
}

/// A side of the comparison: its tree as rows (code, depth, name, count).
fn tree_rows(p: &Project, counts: &BTreeMap<CodeId, usize>) -> Vec<(CodeId, usize, String, usize)> {
    p.walk()
        .into_iter()
        .filter_map(|(id, depth)| {
            let c = p.codes.get(&id)?;
            Some((
                id,
                depth,
                c.name.clone(),
                counts.get(&id).copied().unwrap_or(0),
            ))
        })
        .collect()
}

/// The two trees of `sides`, built once per generation and choice.
fn comparison(p: &Project, st: &mut CompareState, sides: Sides, w: &Words) -> Option<Comparison> {
    Some(match sides {
        Sides::Coders(a, b) => {
            let name = |c: CoderId| p.coder_name(c).to_string();
            Comparison {
                left: (name(a), tree_rows(p, &totals(p, Some(a)))),
                right: (name(b), tree_rows(p, &totals(p, Some(b)))),
                marks: BTreeMap::new(),
                coders: true,
            }
        }
        Sides::Point(x) => {
            let point = p.review.points.iter().find(|y| y.id == x)?;
            let old = point.snapshot.project(p);
            let d = diff_since(p, st, x).unwrap_or_default();
            let mut marks: BTreeMap<CodeId, Vec<&'static str>> = BTreeMap::new();
            for c in &d.codes {
                let m = w.tags[match c {
                    CodeChange::Added { .. } => 0,
                    CodeChange::Removed { .. } => 1,
                    CodeChange::Merged { .. } => 2,
                    CodeChange::Renamed { .. } => 3,
                    CodeChange::Moved { .. } => 4,
                    CodeChange::Recoloured { .. } | CodeChange::Described { .. } => 5,
                    CodeChange::Count { .. } => 6,
                }];
                marks.entry(c.id()).or_default().push(m);
            }
            Comparison {
                left: (point.name.clone(), tree_rows(&old, &totals(&old, None))),
                right: (w.now.to_string(), tree_rows(p, &totals(p, None))),
                marks,
                coders: false,
            }
        }
    })
}

/// Codings per code (subtree totals) of one coder, or of everyone.
fn totals(p: &Project, coder: Option<CoderId>) -> BTreeMap<CodeId, usize> {
    match coder {
        None => p.index().total_counts().clone(),
        Some(c) => crate::analysis::code_counts(p, crate::analysis::codings_of(p, c)).1,
    }
}

pub fn compare_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState) {
    let w = words(state.lang);
    let rtl = state.lang.rtl();
    let default = match (p.coders.first(), p.coders.get(1)) {
        (Some(a), Some(b)) => Some(Sides::Coders(a.id, b.id)),
        _ => p.review.points.last().map(|x| Sides::Point(x.id)),
    };
    let sides = state.review.compare.sides.or(default);
    // The choice: two coders, or a review point and now.
    row(ui, rtl, |ui| {
        for a in &p.coders {
            for b in &p.coders {
                if a.id >= b.id {
                    continue;
                }
                let label = format!("{} | {}", a.name, b.name);
                let on = sides == Some(Sides::Coders(a.id, b.id));
                if ui.selectable_label(on, bidi(&label)).clicked() {
                    state.review.compare.sides = Some(Sides::Coders(a.id, b.id));
                }
            }
        }
        for x in p.review.points.iter().rev() {
            let label = format!("{} | {}", x.name, w.now);
            let on = sides == Some(Sides::Point(x.id));
            if ui.selectable_label(on, bidi(&label)).clicked() {
                state.review.compare.sides = Some(Sides::Point(x.id));
            }
        }
    });
    let Some(sides) = sides else { return };
    ui.separator();
    let key = (p.generation(), sides, state.lang);
    let built = match &state.review.compare.built {
        Some((k, c)) if *k == key => c.clone(),
        _ => {
            let Some(c) = comparison(p, &mut state.review.compare, sides, w) else {
                return;
            };
            let c = Arc::new(c);
            state.review.compare.built = Some((key, c.clone()));
            c
        }
    };
    let (left, right, marks, coders) = (&built.left, &built.right, &built.marks, built.coders);
    // A code one coder used and the other did not stands out.
    let other: [BTreeMap<CodeId, usize>; 2] = [
        right.1.iter().map(|r| (r.0, r.3)).collect(),
        left.1.iter().map(|r| (r.0, r.3)).collect(),
    ];
    let cols = if rtl {
        [&right, &left]
    } else {
        [&left, &right]
    };
    let col_other = if rtl {
        [&other[1], &other[0]]
    } else {
        [&other[0], &other[1]]
    };
    egui::ScrollArea::vertical()
        .id_salt("review-compare")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(2, |cols_ui| {
                for (i, ui) in cols_ui.iter_mut().enumerate() {
                    let (title, rows) = cols[i];
                    super::mirror::body_ui(ui, rtl, |ui| {
                        ui.strong(bidi(title));
                        for (id, depth, name, n) in rows {
                            let mut text = format!("{name} ({})", state.num(n));
                            if let Some(m) = marks.get(id) {
                                text = format!("{text} {}", m.join(" "));
                            }
                            let differs = coders
                                && (*n > 0) != (col_other[i].get(id).copied().unwrap_or(0) > 0);
                            let color = if differs {
                                egui::Color32::from_rgb(0xd0, 0x70, 0x00)
                            } else {
                                ui.visuals().text_color()
                            };
                            // The nesting as an indent on the reading side.
                            let font = egui::TextStyle::Body.resolve(ui.style());
                            let h = ui.fonts_mut(|f| f.row_height(&font)) * 1.2;
                            let w = ui.available_width().max(40.0);
                            let (mut rect, r) =
                                ui.allocate_exact_size(egui::vec2(w, h), egui::Sense::hover());
                            r.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Label, true, &text)
                            });
                            let indent = (*depth as f32 * 16.0).min(w / 2.0);
                            if rtl {
                                rect.max.x -= indent;
                            } else {
                                rect.min.x += indent;
                            }
                            super::bidi_label::paint_line_ui(ui, rect, &text, font, color, None);
                        }
                    });
                }
            });
        });
}
