//! The review window's Agreement tab: choose coders and the unit, read the
//! pooled figures and the table per code, and open a disagreement in the
//! document with both coders' stripes side by side. Figures come from
//! `analysis::agreement` (the CLI's), computed once per generation and
//! choice, not per frame.

use super::{Action, UiState, bidi, mirror, row};
use crate::analysis::agreement::{self, Agreement, AgreementOptions, Figures, Unit};
use crate::model::*;
use std::sync::Arc;

type Key = (u64, Vec<CoderId>, Unit, u64, super::Lang);

#[derive(Default)]
pub struct AgreementState {
    /// Coders compared (none chosen yet: the first two of the project).
    pub coders: Option<Vec<CoderId>>,
    pub unit: Option<Unit>,
    /// Segment units: least overlap, as a share of the union.
    pub overlap: Option<f64>,
    /// The list of disagreements instead of the table per code.
    pub show_disagreements: bool,
    result: Option<(Key, Result<Arc<Agreement>, String>)>,
}

/// The words of this tab, in both languages.
struct Words {
    coders: &'static str,
    unit: &'static str,
    lines: &'static str,
    segments: &'static str,
    documents: &'static str,
    overlap: &'static str,
    overall: &'static str,
    per_code: &'static str,
    code: &'static str,
    units: &'static str,
    agreements: &'static str,
    only: &'static str,
    observed: &'static str,
    disagreements: &'static str,
    none: &'static str,
    pooled: &'static str,
    choose_two: &'static str,
    /// {complete}: documents every chosen coder coded; {partial}: those
    /// only some coded.
    coverage: &'static str,
}

const EN: Words = Words {
    coders: "Coders",
    unit: "Unit",
    lines: "Lines",
    segments: "Segments",
    documents: "Documents",
    overlap: "Least overlap",
    overall: "Overall (pooled over codes)",
    per_code: "Per code",
    code: "Code",
    units: "Units",
    agreements: "Agree",
    only: "Only",
    observed: "Observed",
    disagreements: "Disagreements",
    none: "No disagreements.",
    pooled: "Overall figures pool every unit × code decision into one table (the sum of the per-code counts). Methods: docs/agreement.md.",
    choose_two: "Choose at least two coders.",
    coverage: "Compared: {complete} documents every chosen coder coded. Left out (coded by only some of them): {left}.",
};

const FA: Words = Words {
    coders: "کدگذاران",
    unit: "واحد",
    lines: "سطرها",
    segments: "بخش‌ها",
    documents: "سندها",
    overlap: "کمترین هم‌پوشانی",
    overall: "کل (همهٔ کدها روی هم)",
    per_code: "برای هر کد",
    code: "کد",
    units: "واحدها",
    agreements: "توافق",
    only: "فقط",
    observed: "درصد توافق",
    disagreements: "ناهمخوانی‌ها",
    none: "ناهمخوانی‌ای نیست.",
    pooled: "رقم‌های کل، همهٔ تصمیم‌های واحد × کد را در یک جدول روی هم می‌گذارند (جمع شمارش‌های هر کد). روش‌ها: docs/agreement.md.",
    choose_two: "دست‌کم دو کدگذار برگزینید.",
    coverage: "مقایسه‌شده: {complete} سند که همهٔ کدگذاران برگزیده کدگذاری کرده‌اند. کنار گذاشته (تنها برخی کدگذاری کرده‌اند): {left}.",
};

fn words(lang: super::Lang) -> &'static Words {
    match lang {
        super::Lang::En => &EN,
        super::Lang::Fa => &FA,
    }
}

/// The first two coders who have codings (a coder who has none yet
/// would leave every document out).
fn default_coders(p: &Project) -> Vec<CoderId> {
    let ix = p.index();
    p.coders
        .iter()
        .filter(|c| !ix.codings_of_coder(c.id).is_empty())
        .take(2)
        .map(|c| c.id)
        .collect()
}

/// The agreement for the current choice, computed when it changed.
/// Why the figures cannot be made, in the interface's language.
fn error_text(lang: super::Lang, e: &agreement::AgreementError) -> String {
    use agreement::AgreementError as E;
    if lang == super::Lang::En {
        return e.to_string();
    }
    match e {
        E::SegmentsNeedTwoCoders(n) => format!(
            "توافق بخش‌ها (روش MAXQDA) دقیقاً دو کدگذار را می‌سنجد؛ {n} کدگذار برگزیده شده. برای بیشتر، واحد سطر یا سند را برگزینید."
        ),
        E::TooFewCoders(_) => "دست‌کم دو کدگذار برگزینید.".into(),
        E::TooManyCoders(n) => format!("بیش از حد کدگذار برگزیده شده ({n})."),
        E::BadOverlap(x) => format!("کمترین هم‌پوشانی باید بیش از ۰ و حداکثر ۱ باشد؛ {x} داده شد."),
        other => other.to_string(),
    }
}

fn result(
    p: &Project,
    st: &mut AgreementState,
    lang: super::Lang,
) -> Option<Result<Arc<Agreement>, String>> {
    let coders: Vec<CoderId> = st
        .coders
        .clone()
        .unwrap_or_else(|| default_coders(p))
        .into_iter()
        .filter(|c| p.coder(*c).is_some())
        .collect();
    if coders.len() < 2 {
        return None;
    }
    let unit = st.unit.unwrap_or(Unit::Line);
    let overlap = st.overlap.unwrap_or(agreement::DEFAULT_OVERLAP);
    let key = (
        p.generation(),
        coders.clone(),
        unit,
        overlap.to_bits(),
        lang,
    );
    if let Some((k, r)) = &st.result
        && *k == key
    {
        return Some(r.clone());
    }
    let opts = AgreementOptions {
        unit,
        overlap,
        ..AgreementOptions::new(coders)
    };
    let r = agreement::agreement(p, &opts)
        .map(Arc::new)
        .map_err(|e| error_text(lang, &e));
    st.result = Some((key, r.clone()));
    Some(r)
}

/// The documents left out, named (a few), or "none".
fn left_out(state: &UiState, names: &[String]) -> String {
    let none = if state.lang.rtl() { "هیچ" } else { "none" };
    let sep = if state.lang.rtl() { "، " } else { ", " };
    match names.len() {
        0 => none.to_string(),
        n if n <= 8 => names.join(sep),
        n => format!("{}{sep}… ({})", names[..8].join(sep), state.num(n)),
    }
}

/// A statistic to three places, "—" where it is undefined.
fn stat(state: &UiState, x: Option<f64>) -> String {
    x.map_or("—".to_string(), |v| state.num(format!("{v:.3}")))
}

fn percent(state: &UiState, x: Option<f64>) -> String {
    let sign = if state.lang.rtl() { "٪" } else { "%" };
    x.map_or("—".to_string(), |v| {
        format!("{}{sign}", state.num(format!("{:.1}", v * 100.0)))
    })
}

pub fn agreement_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let w = words(state.lang);
    let rtl = state.lang.rtl();
    choice_ui(ui, p, state, w);
    let Some(r) = result(p, &mut state.review.agreement, state.lang) else {
        row(ui, rtl, |ui| ui.weak(bidi(w.choose_two)));
        return;
    };
    let a = match r {
        Ok(a) => a,
        Err(e) => {
            row(ui, rtl, |ui| {
                ui.colored_label(ui.visuals().error_fg_color, bidi(&e))
            });
            return;
        }
    };
    let coverage = w
        .coverage
        .replace("{complete}", &state.num(a.documents_complete))
        .replace("{left}", &left_out(state, &a.documents_left_out));
    super::bidi_label_ui(
        ui,
        &coverage,
        egui::TextStyle::Small.resolve(ui.style()),
        ui.visuals().text_color(),
    );
    ui.separator();
    let list = state.review.agreement.show_disagreements;
    let n = format!("{} ({})", w.disagreements, state.num(a.disagreements.len()));
    row(ui, rtl, |ui| {
        if ui.selectable_label(!list, bidi(w.per_code)).clicked() {
            state.review.agreement.show_disagreements = false;
        }
        if ui.selectable_label(list, bidi(&n)).clicked() {
            state.review.agreement.show_disagreements = true;
        }
    });
    // Both ways: a wide table scrolls inside the window rather than
    // growing it past the screen.
    egui::ScrollArea::both()
        .id_salt("agreement")
        .auto_shrink([false, false])
        // The Persian table's first column (the code) is on the right.
        .stick_to_right(rtl)
        .show(ui, |ui| {
            if list {
                disagreements_ui(ui, p, state, &a, w, out);
            } else {
                figures_table_ui(ui, p, state, &a, w);
                super::bidi_label_ui(
                    ui,
                    w.pooled,
                    egui::TextStyle::Small.resolve(ui.style()),
                    ui.visuals().weak_text_color(),
                );
            }
        });
}

fn choice_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, w: &Words) {
    let rtl = state.lang.rtl();
    let st = &mut state.review.agreement;
    let mut chosen: Vec<CoderId> = st.coders.clone().unwrap_or_else(|| default_coders(p));
    row(ui, rtl, |ui| {
        ui.label(bidi(w.coders));
        for c in &p.coders {
            let mut on = chosen.contains(&c.id);
            if ui.checkbox(&mut on, bidi(&c.name)).changed() {
                if on {
                    chosen.push(c.id);
                } else {
                    chosen.retain(|x| *x != c.id);
                }
                // Project order, so that columns do not jump about.
                chosen.sort_by_key(|x| p.coders.iter().position(|c| c.id == *x));
                st.coders = Some(chosen.clone());
            }
        }
    });
    let unit = st.unit.unwrap_or(Unit::Line);
    row(ui, rtl, |ui| {
        ui.label(bidi(w.unit));
        for (u, label) in [
            (Unit::Line, w.lines),
            (Unit::Segment, w.segments),
            (Unit::Document, w.documents),
        ] {
            if ui.selectable_label(unit == u, bidi(label)).clicked() {
                st.unit = Some(u);
            }
        }
        if unit == Unit::Segment {
            let mut x = st.overlap.unwrap_or(agreement::DEFAULT_OVERLAP) * 100.0;
            ui.label(bidi(w.overlap));
            let r = ui.add(
                egui::Slider::new(&mut x, 50.0..=100.0)
                    .suffix("%")
                    .step_by(5.0),
            );
            if r.changed() {
                st.overlap = Some(x / 100.0);
            }
        }
    });
}

/// The table: one row per code, the pooled row first. Columns run right
/// to left in the Persian interface.
fn figures_table_ui(ui: &mut egui::Ui, p: &Project, state: &UiState, a: &Agreement, w: &Words) {
    let rtl = state.lang.rtl();
    let segments = a.unit == Unit::Segment;
    let mut head: Vec<String> = vec![w.code.into(), w.units.into(), w.agreements.into()];
    head.extend(a.coders.iter().map(|c| format!("{} {}", w.only, c.name)));
    head.push(w.observed.into());
    // In Persian, wholly in Persian: a Greek letter before a Persian name
    // reads out of order.
    let fa = state.lang == super::Lang::Fa;
    let name = |en: &'static str, fa_name: &'static str| if fa { fa_name } else { en };
    if segments {
        head.push(name("κ (Brennan–Prediger)", "کاپای برنان–پرِدیگر").into());
    } else {
        head.push(if a.coders.len() == 2 {
            name("κ (Cohen)", "کاپای کوهن").into()
        } else {
            name("κ (Fleiss)", "کاپای فلایس").into()
        });
        head.push(name("α (Krippendorff)", "آلفای کریپندورف").into());
    }
    let cells = |name: String, f: &Figures| -> Vec<String> {
        let mut v = vec![name, state.num(f.units), state.num(f.agreements)];
        v.extend(f.only.iter().map(|n| state.num(n)));
        v.push(percent(state, f.observed));
        if segments {
            v.push(stat(state, f.brennan_prediger));
        } else {
            v.push(stat(
                state,
                if a.coders.len() == 2 {
                    f.cohen
                } else {
                    f.fleiss
                },
            ));
            v.push(stat(state, f.alpha));
        }
        v
    };
    let mut rows = vec![cells(w.overall.to_string(), &a.overall)];
    for r in &a.per_code {
        let name = p
            .codes
            .get(&r.code)
            .map_or_else(|| r.path.join(" › "), |c| c.name.clone());
        rows.push(cells(name, &r.figures));
    }
    let order = |v: &mut Vec<String>| {
        if rtl {
            v.reverse();
        }
    };
    // Laid out from the left even in the Persian interface (its columns are
    // reversed instead): a grid placed from the right of a scroll area's
    // unbounded width has no position for its first row.
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
        egui::Grid::new("agreement-table")
            .striped(true)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                let mut head = head.clone();
                order(&mut head);
                for h in &head {
                    ui.label(egui::RichText::new(bidi(h)).strong());
                }
                ui.end_row();
                for (i, r) in rows.into_iter().enumerate() {
                    let mut r = r;
                    order(&mut r);
                    for c in &r {
                        // Long code names cut, whole on hover: the figures
                        // stay in view.
                        let short = crate::text::in_vivo_name(c, 40);
                        let text = egui::RichText::new(bidi(&short));
                        let r = ui.label(if i == 0 { text.strong() } else { text });
                        if short != *c {
                            r.on_hover_text(bidi(c));
                        }
                    }
                    ui.end_row();
                }
            });
    });
}

fn disagreements_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    a: &Agreement,
    w: &Words,
    out: &mut Vec<Action>,
) {
    let rtl = state.lang.rtl();
    if a.disagreements.is_empty() {
        row(ui, rtl, |ui| ui.weak(bidi(w.none)));
        return;
    }
    // At most a few hundred rows drawn: the list is for reading, and the
    // CLI gives all of them.
    const SHOWN: usize = 300;
    for d in a.disagreements.iter().take(SHOWN) {
        let code = p.codes.get(&d.code).map_or("?", |c| c.name.as_str());
        let sides: Vec<String> = a
            .coders
            .iter()
            .zip(&d.coders)
            .map(|(c, s)| {
                let mark = if s.coded { "✔" } else { "—" };
                format!("{} {mark}", super::shaping::iso(&c.name))
            })
            .collect();
        let label = format!(
            "{} {} · {} · {}",
            super::shaping::iso(&d.doc_name),
            super::header::cite_lines(state.locale(), d.lines.0, d.lines.1),
            super::shaping::iso(code),
            sides.join(" / ")
        );
        // The Persian interface reads the row from the right, whatever
        // script the document's name starts with (RLM: a strong RTL mark).
        let shown = if rtl {
            format!("\u{200F}{label}")
        } else {
            label.clone()
        };
        let r = mirror::body_ui(ui, rtl, |ui| {
            // A finite width: the window sizes itself to its contents.
            let width = ui.available_width().clamp(200.0, 560.0);
            super::selectable_line_ui(ui, &shown, width, false)
        });
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
        let r = r.on_hover_text(bidi(&d.text));
        if r.clicked() {
            out.push(Action::JumpTo(d.document, d.range));
            out.push(Action::CompareCoders(
                a.coders.iter().map(|c| c.id).collect(),
            ));
        }
    }
    // Said, not cut silently.
    if a.disagreements.len() > SHOWN {
        let more = match state.lang {
            super::Lang::En => format!(
                "… and {} more (strata agreement lists them all).",
                state.num(a.disagreements.len() - SHOWN)
            ),
            super::Lang::Fa => format!(
                "… و {} ناهمخوانی دیگر (strata agreement همه را فهرست می‌کند).",
                state.num(a.disagreements.len() - SHOWN)
            ),
        };
        row(ui, rtl, |ui| ui.weak(bidi(&more)));
    }
}
