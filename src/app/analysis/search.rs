//! The Search tab: every document searched at once with the same folding
//! as `strata search` and Ctrl+F (ي/ی, ك/ک, ZWNJ, harakat, digits), hits
//! listed in context (a click opens one), and the hits autocoded with a
//! preview of what would be added, as one undo step.

use super::super::i18n::an_search::strings;
use super::super::i18n::{Locale, Noun};
use crate::analysis::autocode::{Fate, Preview, preview};
use crate::analysis::search::{Extend, Hit, Query, SearchError, SearchIndex, search};
use crate::app::{Action, UiState, bidi, row};
use crate::model::*;
use std::collections::HashSet;
use std::sync::Arc;

/// The hits of a query, or what is wrong with it.
type Found = Result<Arc<Vec<Hit>>, String>;

#[derive(Default)]
pub struct SearchState {
    pub query: String,
    pub regex: bool,
    pub whole_word: bool,
    /// Only the activated documents (when some are).
    pub activated_only: bool,
    /// Leave out hits on the interviewer's lines (their questions).
    pub skip_interviewer: bool,
    /// The code autocode codes with (None: the one selected in the tree).
    pub code: Option<CodeId>,
    pub extend: Extend,
    /// Put the cursor in the field (the tab was just opened).
    pub focus: bool,
    index: Option<Arc<SearchIndex>>,
    results: Option<(Key, Found)>,
    preview: Option<(PreviewKey, Arc<Preview>)>,
}

#[derive(Clone, PartialEq)]
struct Key {
    generation: u64,
    query: String,
    regex: bool,
    whole_word: bool,
    skip_interviewer: bool,
    docs: Vec<DocId>,
}

#[derive(Clone, PartialEq)]
struct PreviewKey {
    generation: u64,
    search: Key,
    code: CodeId,
    coder: String,
    extend: Extend,
}

pub fn search_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let loc = state.locale();
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    let field = super::super::bidi_edit::sized_ui(ui, ui.available_width().min(520.0), |ui| {
        super::super::bidi_edit_ui(
            ui,
            &mut state.analysis.search.query,
            "analysis-search",
            s.query_label,
            s.query_hint,
            false,
        )
    });
    if std::mem::take(&mut state.analysis.search.focus) {
        field.request_focus();
    }
    let activated = state.active_docs.len();
    row(ui, rtl, |ui| {
        let st = &mut state.analysis.search;
        ui.checkbox(&mut st.regex, bidi(s.regex));
        ui.checkbox(&mut st.whole_word, bidi(s.whole_word));
        ui.checkbox(&mut st.skip_interviewer, bidi(s.skip_interviewer));
        ui.separator();
        ui.selectable_value(&mut st.activated_only, false, bidi(s.all_documents));
        let label = s.activated.replace("{n}", &loc.num(activated));
        ui.add_enabled_ui(activated > 0, |ui| {
            ui.selectable_value(&mut st.activated_only, true, bidi(&label));
        });
    });
    let docs: Vec<DocId> = if state.analysis.search.activated_only && activated > 0 {
        state.active_docs.iter().copied().collect()
    } else {
        Vec::new()
    };
    let Some(found) = hits(p, state.lang, &mut state.analysis.search, docs) else {
        super::super::bidi_label_ui(
            ui,
            s.type_to_search,
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().weak_text_color(),
        );
        return;
    };
    let found = match found {
        Ok(h) => h,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, bidi(&e));
            return;
        }
    };
    let in_docs = found
        .iter()
        .map(|h| h.document)
        .collect::<HashSet<_>>()
        .len();
    ui.label(bidi(
        &s.found
            .replace("{hits}", &loc.count(found.len(), Noun::Match))
            .replace("{docs}", &loc.count(in_docs, Noun::Document)),
    ));
    ui.separator();
    let new = autocode_ui(ui, p, state, &found, out);
    ui.separator();
    hits_ui(ui, p, loc, &found, new.as_deref(), out);
}

impl SearchState {
    pub(super) fn forget_caches(&mut self) {
        self.index = None;
        self.results = None;
        self.preview = None;
    }
}

/// The hits for the query as it stands, searched once per query and
/// generation (None: nothing typed).
fn hits(
    p: &Project,
    lang: crate::app::Lang,
    st: &mut SearchState,
    docs: Vec<DocId>,
) -> Option<Found> {
    if st.query.trim().is_empty() {
        return None;
    }
    let key = Key {
        generation: p.generation(),
        query: st.query.clone(),
        regex: st.regex,
        whole_word: st.whole_word,
        skip_interviewer: st.skip_interviewer,
        docs,
    };
    if let Some((k, r)) = &st.results
        && *k == key
    {
        return Some(r.clone());
    }
    match &st.index {
        Some(ix) if ix.is_current(p) => {}
        // Only documents whose text is new are folded again.
        Some(ix) => st.index = Some(Arc::new(ix.refreshed(p))),
        None => st.index = Some(Arc::new(SearchIndex::build(p))),
    }
    let q = Query {
        text: key.query.clone(),
        regex: key.regex,
        whole_word: key.whole_word,
    };
    let skip = key.skip_interviewer;
    let r = search(p, st.index.as_deref(), &key.docs, &q)
        .map(|mut hits| {
            if skip {
                hits.retain(|h| {
                    p.document(h.document)
                        .is_none_or(|d| !p.is_interviewer(d.speaker_of_line(h.line)))
                });
            }
            Arc::new(hits)
        })
        .map_err(|e| match e {
            SearchError::Empty => strings(lang).empty_query.to_string(),
            SearchError::Regex(e) => strings(lang).bad_regex.replace("{error}", &e.to_string()),
        });
    st.results = Some((key, r.clone()));
    Some(r)
}

/// The code to autocode with, the extent, the preview and the button.
/// Gives the ranges that would be new (to mark them in the list).
fn autocode_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    found: &Arc<Vec<Hit>>,
    out: &mut Vec<Action>,
) -> Option<Arc<Preview>> {
    let loc = state.locale();
    let s = strings(state.lang);
    let rtl = state.lang.rtl();
    // Codings go on level-1 codes that take text, as in the picker.
    let ix = p.index();
    let takes = |c: &CodeId| ix.level(*c) == 1 && p.codes.get(c).is_some_and(|k| k.codable);
    let selected = state.selected_codes.iter().copied().find(|c| takes(c));
    let st = &mut state.analysis.search;
    let code = st.code.filter(|c| takes(c)).or(selected);
    ui.label(egui::RichText::new(bidi(s.autocode)).strong());
    row(ui, rtl, |ui| {
        let current = code
            .and_then(|c| p.codes.get(&c))
            .map_or(s.choose_code.to_string(), |c| c.name.clone());
        super::super::mirror::combo_ui(ui, rtl, s.code_with, &current, false, |ui| {
            // The tree, its categories and subcategories as headings.
            for (id, depth) in p.walk() {
                let Some(c) = p.codes.get(&id) else { continue };
                row(ui, rtl, |ui| {
                    ui.add_space(14.0 * depth as f32);
                    if takes(&id) {
                        if ui
                            .selectable_label(code == Some(id), bidi(&c.name))
                            .clicked()
                        {
                            st.code = Some(id);
                        }
                    } else {
                        ui.label(egui::RichText::new(bidi(&c.name)).weak());
                    }
                });
            }
        });
        let label = |e: Extend| match e {
            Extend::Match => s.extend_match,
            Extend::Sentence => s.extend_sentence,
            Extend::Line => s.extend_line,
        };
        super::super::mirror::combo_ui(ui, rtl, s.extend, label(st.extend), false, |ui| {
            for e in [Extend::Match, Extend::Sentence, Extend::Line] {
                ui.selectable_value(&mut st.extend, e, bidi(label(e)));
            }
        });
    });
    let code = st.code.filter(|c| takes(c)).or(selected)?;
    // The coder chosen, else the person at the keyboard (made a coder of
    // the project in the same undo step), else nobody yet.
    // Nobody yet: the preview counts for a coder with no codings, and the
    // button asks who is coding (as the first manual coding does).
    let me = state.me.as_deref();
    let (coder, add, name) = match state.coder.and_then(|c| p.coder(c)) {
        Some(c) => (c.id, None, c.name.clone()),
        None => match me.map(|me| (me, crate::edit::ensure_coder(p, me))) {
            Some((me, Ok((add, id)))) => (id, add, me.to_string()),
            _ => (CoderId::new(), None, String::new()),
        },
    };
    let ask = name.is_empty();
    let st = &mut state.analysis.search;
    let Some((search_key, _)) = &st.results else {
        return None;
    };
    let key = PreviewKey {
        generation: p.generation(),
        search: search_key.clone(),
        code,
        coder: name.clone(),
        extend: st.extend,
    };
    let pv = match &st.preview {
        Some((k, pv)) if *k == key => Arc::clone(pv),
        _ => {
            let pv = Arc::new(preview(p, found, code, coder, add, st.extend));
            st.preview = Some((key, Arc::clone(&pv)));
            pv
        }
    };
    let mut ask_coder = false;
    row(ui, rtl, |ui| {
        let n = pv.new.len();
        let label = s.autocode_button.replace("{n}", &loc.count(n, Noun::Match));
        if ui
            .add_enabled(n > 0, egui::Button::new(bidi(&label)))
            .clicked()
        {
            if ask {
                ask_coder = true;
            } else if let Some(cmd) = pv.command.clone() {
                out.push(Action::Edit(cmd));
            }
        }
        if ask {
            ui.label(egui::RichText::new(bidi(s.who_codes)).weak());
        }
        let mut notes: Vec<String> = Vec::new();
        if n == 0 {
            notes.push(s.nothing_new.to_string());
        }
        if pv.already_there > 0 {
            notes.push(
                s.already
                    .replace("{n}", &loc.num(pv.already_there))
                    .replace("{coder}", &name),
            );
        }
        if pv.repeated > 0 {
            notes.push(s.repeated.replace("{n}", &loc.num(pv.repeated)));
        }
        if !notes.is_empty() {
            let sep = if rtl { "؛ " } else { "; " };
            ui.label(egui::RichText::new(bidi(&notes.join(sep))).weak());
        }
    });
    if ask_coder {
        state.coder_prompt = Some(crate::app::coder_prompt::CoderPrompt {
            name: String::new(),
            then: None,
            focused: false,
        });
    }
    Some(pv)
}

/// The hits in context; a click opens the document at the hit.
fn hits_ui(
    ui: &mut egui::Ui,
    p: &Project,
    loc: Locale,
    found: &[Hit],
    new: Option<&Preview>,
    out: &mut Vec<Action>,
) {
    let s = loc.strings();
    let marks = strings(loc.lang);
    let small = egui::TextStyle::Small.resolve(ui.style());
    let body = egui::TextStyle::Body.resolve(ui.style());
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 2.6 + 10.0;
    egui::ScrollArea::vertical()
        .id_salt("analysis-hits")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, found.len(), |ui, rows| {
            let first = rows.start;
            for (i, h) in found[rows].iter().enumerate() {
                let Some(d) = p.document(h.document) else {
                    continue;
                };
                let (rect, resp) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_h),
                    egui::Sense::click(),
                );
                if resp.hovered() {
                    ui.painter()
                        .rect_filled(rect, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
                }
                let mut head = format!(
                    "{}{} {} {}",
                    d.cite_label(),
                    s.comma,
                    s.line,
                    loc.num(h.line)
                );
                let fate = new.and_then(|pv| pv.fates.get(first + i));
                if fate == Some(&Fate::New) {
                    head = format!("{head} · {}", marks.new_mark);
                }
                let context = context(d, h.range);
                let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(2.0)));
                let weak = child.visuals().weak_text_color();
                let plain = child.visuals().text_color();
                super::super::quote_line_ui(
                    &mut child,
                    &head,
                    small.clone(),
                    weak,
                    Some(loc.rtl()),
                );
                let rtl = d.line_is_rtl_in(h.line, p.direction);
                super::super::quote_line_ui(&mut child, &context, body.clone(), plain, Some(rtl));
                let label = format!("{head}: {context}");
                let resp = resp.on_hover_cursor(egui::CursorIcon::PointingHand);
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if resp.clicked() {
                    out.push(Action::JumpTo(d.id, h.range));
                }
            }
        });
}

/// The hit within its line, about 40 chars each side cut at whole words,
/// with the word(s) it lies in marked «»: a mark inside a Persian word
/// would break its letters' joins.
fn context(d: &Document, r: CharRange) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let line = d.line_of(r.start);
    let Some(lr) = d.line_range(line) else {
        return d.slice(r).to_string();
    };
    // Only a window around the hit is cut into words: a transcript that
    // is one long paragraph is not segmented whole for every row drawn.
    let lr = CharRange::new(
        r.start.0.saturating_sub(200).max(lr.start.0),
        (r.end.0 + 200).min(lr.end.0).max(r.end.0.min(lr.end.0)),
    );
    let whole = d.line_range(line).unwrap_or(lr);
    let text = d.slice(lr);
    // Word starts (chars from the window's start), and its end.
    let mut bounds: Vec<usize> = Vec::new();
    let mut at = 0;
    for w in text.split_word_bounds() {
        bounds.push(at);
        at += w.chars().count();
    }
    bounds.push(at);
    let (s, e) = (
        r.start.0.saturating_sub(lr.start.0).min(at),
        r.end.0.saturating_sub(lr.start.0).min(at),
    );
    let down = |x: usize| bounds.iter().rev().find(|b| **b <= x).copied().unwrap_or(0);
    let up = |x: usize| bounds.iter().find(|b| **b >= x).copied().unwrap_or(at);
    let (ws, we) = (down(s), up(e));
    let from = down(ws.saturating_sub(40));
    let to = up((we + 40).min(at));
    let cut = |a: usize, b: usize| text.chars().skip(a).take(b - a).collect::<String>();
    let before = if from > 0 || lr.start.0 > whole.start.0 {
        "…"
    } else {
        ""
    };
    let after = if to < at || lr.end.0 < whole.end.0 {
        "…"
    } else {
        ""
    };
    format!(
        "{before}{}«{}»{}{after}",
        cut(from, ws),
        cut(ws, we),
        cut(we, to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_inside_a_word_marks_the_whole_word() {
        let d = Document::new("d", "P02: همکارانم گفتند که کار سخت است");
        let at = |w: &str| {
            let b = d.text().find(w).unwrap_or(0);
            d.text()[..b].chars().count()
        };
        let start = at("همکارانم") + 2;
        let r = CharRange::new(start, start + 3);
        assert_eq!(context(&d, r), "P02: «همکارانم» گفتند که کار سخت است");
    }

    #[test]
    fn a_hit_in_a_long_paragraph_shows_a_short_context() {
        let long = "واژه ".repeat(2000);
        let d = Document::new("d", &format!("{long}هدف {long}"));
        let start = 5 * 2000;
        let c = context(&d, CharRange::new(start, start + 3));
        assert!(
            c.contains("«هدف»") && c.starts_with('…') && c.ends_with('…'),
            "{c}"
        );
        assert!(c.chars().count() < 110, "{}", c.chars().count());
    }
}
