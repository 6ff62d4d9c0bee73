//! The Posts tab: the posts of the selected accounts with their counts and
//! dates, sortable; a click opens the post and its comments as a document,
//! coded like any transcript.

use super::super::bidi_label::paint_line_at_start_ui;
use super::super::i18n::an_posts::{PostsStrings, strings};
use super::super::i18n::{Lang, Locale};
use super::super::{Action, UiState, bidi, row};
use crate::model::*;
use crate::social::indices::posts_of;
use egui::{Rect, Sense, vec2};
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// A column of the table, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Post,
    Account,
    Network,
    Date,
    Likes,
    Comments,
    Shares,
    Views,
    Types,
}

impl Column {
    const ALL: [Column; 9] = [
        Column::Post,
        Column::Account,
        Column::Network,
        Column::Date,
        Column::Likes,
        Column::Comments,
        Column::Shares,
        Column::Views,
        Column::Types,
    ];

    fn label(self, s: &PostsStrings) -> &'static str {
        match self {
            Column::Post => s.post,
            Column::Account => s.account,
            Column::Network => s.network,
            Column::Date => s.date,
            Column::Likes => s.likes,
            Column::Comments => s.comments,
            Column::Shares => s.shares,
            Column::Views => s.views,
            Column::Types => s.post_type,
        }
    }

    /// The count this column shows (likes, comments, shares, views).
    fn count(self) -> Option<usize> {
        match self {
            Column::Likes => Some(0),
            Column::Comments => Some(1),
            Column::Shares => Some(2),
            Column::Views => Some(3),
            _ => None,
        }
    }

    /// Its width; the post types take what is left.
    fn width(self) -> f32 {
        match self {
            Column::Post => 90.0,
            Column::Account => 130.0,
            Column::Network => 80.0,
            Column::Date => 96.0,
            Column::Types => 0.0,
            // "Comments" and its sort mark.
            _ => 84.0,
        }
    }
}

/// One post as the table shows it.
#[derive(Clone, Debug)]
pub struct PostRow {
    pub doc: DocId,
    pub post: String,
    pub account: String,
    pub network: String,
    pub date: String,
    /// Likes, comments, shares and views; None where the variable was
    /// edited into something that is not a count (shown as it is).
    pub counts: [Option<u64>; 4],
    raw: [String; 4],
    /// The codes on the post's line, joined.
    pub types: String,
    /// The post's line, selected when it is opened.
    line: CharRange,
}

impl PostRow {
    fn text(&self, c: Column) -> &str {
        match c {
            Column::Post => &self.post,
            Column::Account => &self.account,
            Column::Network => &self.network,
            Column::Date => &self.date,
            Column::Types => &self.types,
            _ => c.count().map_or("", |i| &self.raw[i]),
        }
    }

    fn cmp_by(&self, other: &PostRow, c: Column) -> Ordering {
        match c.count() {
            Some(i) => self.counts[i].cmp(&other.counts[i]),
            None if c == Column::Post => {
                super::super::file_list::natural_cmp(&self.post, &other.post)
            }
            None => self
                .text(c)
                .to_lowercase()
                .cmp(&other.text(c).to_lowercase()),
        }
    }
}

/// An account by network (without regard to case) and name.
type AccountKey = (String, String);

fn account_key(a: &Account) -> AccountKey {
    (a.network.trim().to_lowercase(), a.account.clone())
}

/// What the listed rows were built from.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    generation: u64,
    hidden: BTreeSet<AccountKey>,
    sort: Column,
    descending: bool,
    lang: Lang,
}

pub struct PostsState {
    /// Accounts unticked (a new account is shown).
    hidden: BTreeSet<AccountKey>,
    sort: Column,
    descending: bool,
    /// The rows listed, in order, and the accounts they are of.
    rows: Option<(RowsKey, Vec<PostRow>, usize)>,
}

impl PostsState {
    /// A project was loaded: its rows (and the accounts unticked in the
    /// one before) go.
    pub fn forget_caches(&mut self) {
        self.rows = None;
        self.hidden.clear();
    }
}

impl Default for PostsState {
    fn default() -> Self {
        Self {
            hidden: BTreeSet::new(),
            sort: Column::Date,
            descending: false,
            rows: None,
        }
    }
}

impl PostsState {
    /// The posts listed, in the order shown.
    pub fn rows(&self) -> &[PostRow] {
        self.rows.as_ref().map_or(&[][..], |(_, r, _)| r.as_slice())
    }

    /// Build the rows again if the project, the choice or the order changed.
    fn refresh(&mut self, p: &Project, lang: Lang) {
        let key = RowsKey {
            generation: p.generation(),
            hidden: self.hidden.clone(),
            sort: self.sort,
            descending: self.descending,
            lang,
        };
        if self.rows.as_ref().is_some_and(|(k, _, _)| *k == key) {
            return;
        }
        let sep = strings(lang).list_sep;
        let mut rows = Vec::new();
        let mut accounts = 0;
        for a in p
            .accounts
            .iter()
            .filter(|a| !self.hidden.contains(&account_key(a)))
        {
            accounts += 1;
            rows.extend(posts_of(p, a).map(|d| post_row(p, d, sep)));
        }
        // Stable: equal rows keep the accounts' and the file's order.
        rows.sort_by(|a, b| {
            let o = a.cmp_by(b, key.sort);
            if key.descending { o.reverse() } else { o }
        });
        self.rows = Some((key, rows, accounts));
    }

    /// A click on a column's name: sort by it (counts most first, the
    /// others from A), or reverse the order it is sorted by.
    fn click(&mut self, c: Column) {
        if self.sort == c {
            self.descending = !self.descending;
        } else {
            self.sort = c;
            self.descending = c.count().is_some();
        }
    }
}

fn post_row(p: &Project, d: &Document, sep: &str) -> PostRow {
    let var = |k: &str| d.variables.get(k).map_or("", |v| v.trim()).to_string();
    let raw = crate::social::import::COUNTS.map(var);
    let line = d.line_range(1).unwrap_or(CharRange::new(0, 0));
    // The codes on the post's line, each once, in the order they start.
    let mut names: Vec<&str> = Vec::new();
    for c in p.codings_in(d.id) {
        // In position order: the first that starts past the line ends it.
        if c.range.start.0 >= line.end.0.max(line.start.0 + 1) {
            break;
        }
        if let Some(code) = p.codes.get(&c.code)
            && !names.contains(&code.name.as_str())
        {
            names.push(&code.name);
        }
    }
    PostRow {
        doc: d.id,
        post: d.name.clone(),
        account: var("account"),
        network: var("network"),
        date: var("posted_at").replace('T', " "),
        counts: raw.clone().map(|v| v.parse().ok()),
        raw,
        types: names.join(sep),
        line,
    }
}

/// Each column's logical x (from the reading start) and width, for a
/// table `width` wide.
fn layout(width: f32) -> [(f32, f32); 9] {
    let fixed: f32 = Column::ALL.iter().map(|c| c.width()).sum();
    let mut x = 0.0;
    Column::ALL.map(|c| {
        let w = if c == Column::Types {
            (width - fixed).max(100.0)
        } else {
            c.width()
        };
        let at = (x, w);
        x += w;
        at
    })
}

/// A cell's screen rect in a row: mirrored in the Persian interface.
fn cell(row: Rect, rtl: bool, (x, w): (f32, f32)) -> Rect {
    let left = if rtl {
        row.right() - x - w
    } else {
        row.left() + x
    };
    Rect::from_x_y_ranges(left + 4.0..=left + w - 4.0, row.y_range())
}

pub fn posts_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = strings(state.lang);
    let (rtl, loc, lang) = (state.lang.rtl(), state.locale(), state.lang);
    let st = &mut state.analysis.posts;
    accounts_ui(ui, p, st, s, rtl);
    st.refresh(p, lang);
    let Some((_, rows, accounts)) = &st.rows else {
        return;
    };
    let footer = s
        .footer
        .replace("{posts}", &s.count(loc, rows.len(), s.post_nouns))
        .replace("{accounts}", &s.count(loc, *accounts, s.account_nouns));
    if *accounts == 0 || rows.is_empty() {
        let why = if *accounts == 0 {
            s.none_ticked
        } else {
            s.no_posts
        };
        row(ui, rtl, |ui| ui.weak(bidi(why)));
        return;
    }
    row(ui, rtl, |ui| ui.weak(bidi(s.sort_hint)));
    let width = ui.available_width();
    let cols = layout(width);
    let row_h = ui.spacing().interact_size.y + 4.0;
    let mut clicked_head = None;
    let (head, _) = ui.allocate_exact_size(vec2(width, row_h), Sense::hover());
    for (c, at) in Column::ALL.into_iter().zip(cols) {
        let layout = if rtl {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        };
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(cell(head, rtl, at))
                .layout(layout),
        );
        let on = st.sort == c;
        let text = egui::RichText::new(bidi(c.label(s))).strong();
        if child.add(egui::Button::selectable(on, text)).clicked() {
            clicked_head = Some(c);
        }
        if on {
            // egui's own icon font has these arrows; the Latin font has no ▲.
            child.label(if st.descending { "⏷" } else { "⏶" });
        }
    }
    let footer_h = ui.text_style_height(&egui::TextStyle::Body) + 12.0;
    let font = egui::TextStyle::Body.resolve(ui.style());
    egui::ScrollArea::vertical()
        .id_salt("posts-table")
        .auto_shrink([false, false])
        .max_height((ui.available_height() - footer_h).max(row_h * 3.0))
        .show_rows(ui, row_h, rows.len(), |ui, range| {
            for i in range {
                let Some(r) = rows.get(i) else { break };
                if post_ui(ui, r, i, &cols, rtl, loc, &font, s).clicked() {
                    out.push(Action::JumpTo(r.doc, r.line));
                }
            }
        });
    row(ui, rtl, |ui| ui.label(bidi(&footer)));
    if let Some(c) = clicked_head {
        st.click(c);
    }
}

/// One post's row; its accessible name is the post's.
#[allow(clippy::too_many_arguments)]
fn post_ui(
    ui: &mut egui::Ui,
    r: &PostRow,
    i: usize,
    cols: &[(f32, f32); 9],
    rtl: bool,
    loc: Locale,
    font: &egui::FontId,
    s: &PostsStrings,
) -> egui::Response {
    let row_h = ui.spacing().interact_size.y + 4.0;
    let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::click());
    let v = ui.visuals();
    let fill = if resp.hovered() {
        v.widgets.hovered.weak_bg_fill
    } else if i % 2 == 1 {
        v.faint_bg_color
    } else {
        egui::Color32::TRANSPARENT
    };
    ui.painter().rect_filled(rect, 3.0, fill);
    let color = v.text_color();
    for (c, at) in Column::ALL.into_iter().zip(*cols) {
        let place = cell(rect, rtl, at);
        match c.count() {
            Some(k) => {
                let text = match r.counts[k] {
                    Some(n) => loc.num(n),
                    None => r.raw[k].clone(),
                };
                // Through `bidi`: egui draws a run of Persian digits reversed.
                let (x, align) = if rtl {
                    (place.right(), egui::Align2::RIGHT_CENTER)
                } else {
                    (place.left(), egui::Align2::LEFT_CENTER)
                };
                ui.painter_at(place).text(
                    egui::pos2(x, place.center().y),
                    align,
                    bidi(&text),
                    font.clone(),
                    color,
                );
            }
            None if c == Column::Date => {
                let (x, align) = if rtl {
                    (place.right(), egui::Align2::RIGHT_CENTER)
                } else {
                    (place.left(), egui::Align2::LEFT_CENTER)
                };
                ui.painter_at(place).text(
                    egui::pos2(x, place.center().y),
                    align,
                    // The day; the time, if any, still orders the rows.
                    bidi(&loc.num(r.date.split(' ').next().unwrap_or(""))),
                    font.clone(),
                    color,
                );
            }
            None => paint_line_at_start_ui(ui, place, r.text(c), font.clone(), color),
        }
    }
    let label = r.post.clone();
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    resp.on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(bidi(s.open_hint))
}

/// The accounts to list, ticked, one row per network; All and None.
fn accounts_ui(ui: &mut egui::Ui, p: &Project, st: &mut PostsState, s: &PostsStrings, rtl: bool) {
    let mut networks: Vec<(&str, Vec<&Account>)> = Vec::new();
    for a in &p.accounts {
        match networks
            .iter_mut()
            .find(|(n, _)| same_network(n, &a.network))
        {
            Some((_, list)) => list.push(a),
            None => networks.push((a.network.trim(), vec![a])),
        }
    }
    row(ui, rtl, |ui| {
        ui.label(egui::RichText::new(bidi(s.accounts)).strong());
        if ui.small_button(bidi(s.all)).clicked() {
            st.hidden.clear();
        }
        if ui.small_button(bidi(s.none)).clicked() {
            st.hidden = p.accounts.iter().map(account_key).collect();
        }
    });
    for (network, list) in networks {
        row(ui, rtl, |ui| {
            ui.label(egui::RichText::new(bidi(network)).weak());
            for a in list {
                let key = account_key(a);
                let mut on = !st.hidden.contains(&key);
                let r = ui.checkbox(&mut on, bidi(&a.account));
                if r.changed() {
                    if on {
                        st.hidden.remove(&key);
                    } else {
                        st.hidden.insert(key);
                    }
                }
            }
        });
    }
    ui.separator();
}
