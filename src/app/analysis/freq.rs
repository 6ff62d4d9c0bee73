//! The Frequencies tab (codings, documents, coders and words coded per
//! code, subcategory and category, in the tree's order or sorted by a
//! column) and the Word frequencies tab (the words of all documents, a
//! group or one code's text, stop words left out). Both read
//! `analysis::freq`, built once per project generation and scope; the
//! options only filter what was counted.

use super::export_table;
use crate::analysis::freq::{
    self, CodeFreq, Scope, StopWords, TextKey, TokenCache, WordFreq, WordOptions,
};
use crate::app::i18n::Locale;
use crate::app::i18n::an_freq::{FreqStrings, strings};
use crate::app::{Action, UiState, bidi, bidi_edit_ui, mirror, row};
use crate::export::{Cell, Grid};
use crate::model::*;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

mod code_table;
use code_table::{codes_grid, name_ui, order_all, row_order};

/// A figure column of the code table, to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Codings,
    Documents,
    Coders,
    Words,
}

impl Column {
    const ALL: [Column; 4] = [
        Column::Codings,
        Column::Documents,
        Column::Coders,
        Column::Words,
    ];

    fn of(self, r: &CodeFreq) -> usize {
        match self {
            Column::Codings => r.codings,
            Column::Documents => r.documents,
            Column::Coders => r.coders,
            Column::Words => r.words,
        }
    }

    fn label(self, s: &FreqStrings) -> &'static str {
        match self {
            Column::Codings => s.codings,
            Column::Documents => s.documents,
            Column::Coders => s.coders,
            Column::Words => s.words_coded,
        }
    }
}

/// What a word list was counted from. All documents' or a group's words
/// depend only on the texts, not on codings: an edit elsewhere keeps them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct WordsKey {
    scope: Scope,
    /// A code's text: the generation it was counted for (codings change it).
    generation: Option<u64>,
    /// All documents or a group: the texts counted, in project order.
    texts: Vec<TextKey>,
}

/// What the shown rows of the code table were ordered with.
struct OrderKey {
    generation: u64,
    sort: Option<Column>,
    folded: BTreeSet<CodeId>,
}

/// What the shown word list was filtered with.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ShownKey {
    /// `FreqState::words_version` of the list filtered.
    words: u64,
    /// The stop list's hash, when stop words are left out.
    stop: Option<u64>,
    opts: WordOptions,
}

pub struct FreqState {
    /// The documents' words, kept across edits that leave the texts alone,
    /// and the generation they were last checked for.
    tokens: TokenCache,
    tokens_checked: Option<u64>,
    /// The code table and the generation it was counted for.
    codes: Option<(u64, Vec<CodeFreq>)>,
    /// The rows shown, in the order shown.
    order: Option<(OrderKey, Vec<usize>)>,
    /// Sorted by this column, most first (None: the tree's order).
    sort: Option<Column>,
    /// Categories and subcategories whose rows are folded.
    folded: BTreeSet<CodeId>,
    scope: Scope,
    use_stop: bool,
    /// The stop words as the user edited them (the built-in lists at
    /// first); kept in the app's settings.
    pub stop_text: String,
    /// The parsed list and the hash of the text it was parsed from.
    stop: Option<(u64, StopWords)>,
    opts: WordOptions,
    /// Every word of a scope, and what it was counted from.
    words: Option<(WordsKey, WordFreq)>,
    /// The generation and scope `words` was last checked for.
    words_checked: Option<(u64, Scope)>,
    /// Counts the word lists made, so that the filter knows a new one.
    words_version: u64,
    /// The rows of `words` the options keep.
    shown: Option<(ShownKey, Vec<usize>)>,
}

impl Default for FreqState {
    fn default() -> Self {
        Self {
            tokens: TokenCache::default(),
            tokens_checked: None,
            codes: None,
            order: None,
            sort: None,
            folded: BTreeSet::new(),
            scope: Scope::All,
            use_stop: true,
            stop_text: freq::stop::builtin_text(),
            stop: None,
            opts: WordOptions::default(),
            words: None,
            words_checked: None,
            words_version: 0,
            shown: None,
        }
    }
}

impl FreqState {
    /// The tokens of `p`'s documents, tokenised again only where a text
    /// changed (checked once per generation).
    fn tokens(&mut self, p: &Project) -> &[Vec<freq::Token>] {
        if self.tokens_checked != Some(p.generation()) {
            self.tokens.update(p);
            self.tokens_checked = Some(p.generation());
        }
        self.tokens.tokens()
    }

    /// What the tokens were made from (for tests: an edit to codings
    /// leaves it alone).
    pub fn token_keys(&self) -> &[TextKey] {
        self.tokens.keys()
    }

    /// The code table's rows as shown, in order (for tests).
    pub fn shown_codes(&self) -> Vec<&CodeFreq> {
        let rows = self.codes.as_ref().map_or(&[][..], |(_, r)| r.as_slice());
        self.order
            .as_ref()
            .map_or(&[][..], |(_, o)| o.as_slice())
            .iter()
            .filter_map(|&i| rows.get(i))
            .collect()
    }

    /// Count the words of the scope, unless what they depend on is the
    /// same as when they were last counted.
    fn count_words(&mut self, p: &Project) {
        let checked = (p.generation(), self.scope);
        if self.words.is_some() && self.words_checked == Some(checked) {
            return;
        }
        let scope = self.scope;
        let in_scope = |d: &Document| match scope {
            Scope::All => true,
            Scope::Group(g) => d.group == Some(g),
            Scope::Code(_) => false,
        };
        let key = WordsKey {
            scope,
            generation: matches!(scope, Scope::Code(_)).then_some(p.generation()),
            texts: p
                .documents
                .iter()
                .filter(|d| in_scope(d))
                .map(TextKey::of)
                .collect(),
        };
        if self.words.as_ref().is_none_or(|(k, _)| *k != key) {
            let counted = freq::words::every_word_with(p, scope, self.tokens(p));
            self.words = Some((key, counted));
            self.words_version += 1;
        }
        self.words_checked = Some(checked);
    }
}

/// Rows drawn at most (all are exported).
const SHOWN: usize = 300;
/// The width of the code column: names longer than it are cut, whole on hover.
const NAME_WIDTH: f32 = 360.0;

/// A grid laid out from the left, its columns reversed in the Persian
/// interface (as the agreement table: a grid placed from the right of a
/// scroll area's unbounded width has no position for its first row).
fn table_ui(ui: &mut egui::Ui, id: &str, add: impl FnOnce(&mut egui::Ui)) {
    egui::ScrollArea::both()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                egui::Grid::new(id)
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, add);
            });
        });
}

/// Cells in the interface's order: reversed in the Persian interface.
fn cells<T>(rtl: bool, mut v: Vec<T>) -> Vec<T> {
    if rtl {
        v.reverse();
    }
    v
}

pub fn frequencies_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let a = crate::app::i18n::analysis::strings(state.lang);
    let (rtl, loc, lang) = (state.lang.rtl(), state.locale(), state.lang);
    let generation = p.generation();
    let f = &mut state.analysis.freq;
    if f.codes.as_ref().is_none_or(|(g, _)| *g != generation) {
        let counted = freq::code_frequencies_with(p, f.tokens(p));
        f.codes = Some((generation, counted));
    }
    let rows = f.codes.as_ref().map_or(&[][..], |(_, r)| r.as_slice());
    if rows.is_empty() {
        row(ui, rtl, |ui| ui.weak(bidi(s.no_codes)));
        return;
    }
    let same =
        |k: &OrderKey| k.generation == generation && k.sort == f.sort && k.folded == f.folded;
    if f.order.as_ref().is_none_or(|(k, _)| !same(k)) {
        let key = OrderKey {
            generation,
            sort: f.sort,
            folded: f.folded.clone(),
        };
        f.order = Some((key, row_order(rows, f.sort, &f.folded)));
    }
    let order = f.order.as_ref().map_or(&[][..], |(_, o)| o.as_slice());
    let mut export = false;
    row(ui, rtl, |ui| {
        export = ui.button(bidi(a.export_table)).clicked();
        ui.weak(bidi(s.sort_hint));
    });
    let (mut sort, mut toggle) = (f.sort, None);
    table_ui(ui, "code-frequencies", |ui| {
        let mut head: Vec<Option<Column>> = vec![None];
        head.extend(Column::ALL.map(Some));
        for c in cells(rtl, head) {
            let (text, on) = match c {
                None => (s.code.to_string(), f.sort.is_none()),
                Some(c) => {
                    let mark = if f.sort == Some(c) { " ⏷" } else { "" };
                    (format!("{}{mark}", c.label(s)), f.sort == Some(c))
                }
            };
            let r = ui.selectable_label(on, egui::RichText::new(bidi(&text)).strong());
            if r.clicked() {
                sort = if c == f.sort { None } else { c };
            }
        }
        ui.end_row();
        for &i in order {
            let r = &rows[i];
            let parent = rows
                .get(i + 1)
                .is_some_and(|next| next.path.len() > r.path.len());
            let mut cells_in: Vec<Option<usize>> = vec![None];
            cells_in.extend(Column::ALL.map(|c| Some(c.of(r))));
            for c in cells(rtl, cells_in) {
                match c {
                    Some(n) => {
                        // Through `bidi`: egui draws Persian digits reversed.
                        ui.label(bidi(&loc.num(n)));
                    }
                    None => {
                        let sorted = f.sort.is_some();
                        let folded = f.folded.contains(&r.id);
                        if name_ui(ui, rtl, r, sorted, parent.then_some(folded)) {
                            toggle = Some(r.id);
                        }
                    }
                }
            }
            ui.end_row();
        }
    });
    f.sort = sort;
    if let Some(id) = toggle
        && !f.folded.remove(&id)
    {
        f.folded.insert(id);
    }
    if export {
        let grid = codes_grid(p, rows, &order_all(rows, f.sort), s, lang);
        export_table(state, grid, out);
    }
}

fn hash_of(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The scope as the chooser names it.
fn scope_name(p: &Project, scope: Scope, s: &FreqStrings) -> String {
    match scope {
        Scope::All => s.scope_all.to_string(),
        Scope::Group(g) => p.groups.iter().find(|x| x.id == g).map_or_else(
            || s.scope_all.to_string(),
            |x| format!("{}{}", s.scope_group, x.name),
        ),
        Scope::Code(c) => format!("{}{}", s.scope_code, p.code_path_label(c, " › ")),
    }
}

pub fn words_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let a = crate::app::i18n::analysis::strings(state.lang);
    let (rtl, loc, lang) = (state.lang.rtl(), state.locale(), state.lang);
    let f = &mut state.analysis.freq;
    // A group or code removed since: back to all documents.
    let gone = match f.scope {
        Scope::All => false,
        Scope::Group(g) => !p.groups.iter().any(|x| x.id == g),
        Scope::Code(c) => !p.codes.contains_key(&c),
    };
    if gone {
        f.scope = Scope::All;
    }
    options_ui(ui, p, f, s, rtl, loc);
    f.count_words(p);
    let stop_hash = hash_of(&f.stop_text);
    if f.stop.as_ref().is_none_or(|(h, _)| *h != stop_hash) {
        f.stop = Some((stop_hash, StopWords::parse(&f.stop_text)));
    }
    let shown_key = ShownKey {
        words: f.words_version,
        stop: f.use_stop.then_some(stop_hash),
        opts: f.opts.clone(),
    };
    let Some((_, all)) = &f.words else { return };
    if f.shown.as_ref().is_none_or(|(k, _)| *k != shown_key) {
        let stop = f.stop.as_ref().map(|(_, s)| s).filter(|_| f.use_stop);
        let kept = all
            .words
            .iter()
            .enumerate()
            .filter(|(_, w)| freq::words::keeps(w, &f.opts, stop))
            .map(|(i, _)| i)
            .collect();
        f.shown = Some((shown_key, kept));
    }
    let kept = f.shown.as_ref().map_or(&[][..], |(_, k)| k.as_slice());
    let summary = s
        .summary
        .replace("{words}", &loc.num(all.total))
        .replace("{docs}", &loc.num(all.documents))
        .replace("{rows}", &loc.num(kept.len()));
    let mut export = false;
    row(ui, rtl, |ui| {
        export = ui.button(bidi(a.export_table)).clicked();
        ui.label(bidi(&summary));
    });
    if kept.len() > SHOWN {
        row(ui, rtl, |ui| {
            ui.weak(bidi(&s.shown_first.replace("{n}", &loc.num(SHOWN))))
        });
    }
    // A word clicked: searched for in the Search tab.
    let mut search_for: Option<String> = None;
    if kept.is_empty() {
        row(ui, rtl, |ui| ui.weak(bidi(s.no_words)));
    } else {
        table_ui(ui, "word-frequencies", |ui| {
            for h in cells(rtl, vec![s.word, s.count, s.documents]) {
                ui.label(egui::RichText::new(bidi(h)).strong());
            }
            ui.end_row();
            for &i in kept.iter().take(SHOWN) {
                let w = &all.words[i];
                // The word's cell by its column, not by its text: a number
                // counted as often as it reads («12», 12 times) is no link.
                let texts = vec![
                    (true, bidi(&w.word)),
                    (false, bidi(&loc.num(w.count))),
                    (false, bidi(&loc.num(w.documents))),
                ];
                for (is_word, t) in cells(rtl, texts) {
                    if is_word {
                        if ui.link(t).clicked() {
                            search_for = Some(w.word.clone());
                        }
                    } else {
                        ui.label(t);
                    }
                }
                ui.end_row();
            }
        });
    }
    if let Some(word) = search_for {
        state.analysis.search.query = word;
        state.analysis.tab = super::Tab::Search;
    }
    if export {
        let grid = Grid {
            title: s.title_words.to_string(),
            columns: [s.word, s.count, s.documents].map(String::from).to_vec(),
            rows: kept
                .iter()
                .map(|&i| {
                    let w = &all.words[i];
                    vec![
                        Cell::Text(w.word.clone()),
                        Cell::Count(w.count),
                        Cell::Count(w.documents),
                    ]
                })
                .collect(),
            rtl: lang.rtl(),
        };
        export_table(state, grid, out);
    }
}

/// The scope chooser, the options and the stop-word editor.
fn options_ui(
    ui: &mut egui::Ui,
    p: &Project,
    f: &mut FreqState,
    s: &FreqStrings,
    rtl: bool,
    loc: Locale,
) {
    row(ui, rtl, |ui| {
        let shown = scope_name(p, f.scope, s);
        mirror::combo_ui(ui, rtl, s.scope, &shown, false, |ui| {
            ui.selectable_value(&mut f.scope, Scope::All, bidi(s.scope_all));
            for g in &p.groups {
                let name = format!("{}{}", s.scope_group, g.name);
                ui.selectable_value(&mut f.scope, Scope::Group(g.id), bidi(&name));
            }
            for (id, depth) in p.walk() {
                let Some(c) = p.codes.get(&id) else { continue };
                let name = format!("{}{}", "\u{2003}".repeat(depth), c.name);
                ui.selectable_value(&mut f.scope, Scope::Code(id), bidi(&name));
            }
        });
        ui.checkbox(&mut f.use_stop, bidi(s.use_stop));
        ui.checkbox(&mut f.opts.numbers, bidi(s.numbers));
        ui.label(bidi(s.min_len));
        ui.add(
            egui::DragValue::new(&mut f.opts.min_len)
                .range(1..=30)
                .custom_formatter(move |n, _| bidi(&loc.num(n as usize)))
                .custom_parser(|t| {
                    let digits: Option<String> = t
                        .trim()
                        .chars()
                        .map(|c| crate::text::digit_value(c).and_then(|d| char::from_digit(d, 10)))
                        .collect();
                    digits.and_then(|d| d.parse::<f64>().ok())
                }),
        );
    });
    egui::CollapsingHeader::new(bidi(s.stop_list))
        .id_salt("stop-words")
        .show(ui, |ui| {
            row(ui, rtl, |ui| {
                if ui.button(bidi(s.stop_reset)).clicked() {
                    f.stop_text = freq::stop::builtin_text();
                }
                ui.weak(bidi(s.stop_hint));
            });
            egui::ScrollArea::vertical()
                .id_salt("stop-words-scroll")
                .max_height(160.0)
                .show(ui, |ui| {
                    bidi_edit_ui(ui, &mut f.stop_text, "stop-words-edit", "", "", true);
                });
        });
}
