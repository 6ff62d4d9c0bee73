//! The supervisor's review window: comment threads on codes, codings and
//! the project (open/resolved), verdicts, and proposals applied with one
//! click. Every gesture is a command built by `edit::comment`, `reply`,
//! `set_resolved`, `set_verdict`, `apply_proposal`, so it undoes like any
//! other edit, and a merge or a script changes a review the same way.

use super::i18n::review::{ReviewStrings, strings};
use super::{Action, UiState, bidi, mirror, row};
use crate::edit;
use crate::model::*;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Comments,
    Changes,
    Compare,
    Agreement,
}

/// The proposal being written with a new comment.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Draft {
    #[default]
    None,
    Rename(String),
    Merge(Option<CodeId>),
    Move(Option<CodeId>),
}

#[derive(Default)]
pub struct ReviewState {
    pub open: bool,
    pub tab: Tab,
    pub show_resolved: bool,
    /// The new comment's text and what it is about (None: the code or
    /// coding selected in the workbench, else the project).
    pub draft: String,
    pub target: Option<ReviewTarget>,
    pub proposal: Draft,
    pub replies: BTreeMap<ThreadId, String>,
    /// The review point the Changes tab compares with.
    pub since: Option<PointId>,
    pub point_name: String,
    /// The Compare tab's choice.
    pub compare: super::review_compare::CompareState,
    pub agreement: super::review_agreement::AgreementState,
    /// The tree's marks and the generation they were built for.
    marks: Option<(u64, Marks)>,
}

impl ReviewState {
    pub fn open_on(&mut self, tab: Tab, target: Option<ReviewTarget>) {
        self.open = true;
        self.tab = tab;
        if target.is_some() {
            self.target = target;
        }
    }
}

/// What a new comment is about: the target chosen from a menu, else the
/// coding or code selected, else the project.
pub fn current_target(p: &Project, state: &UiState) -> ReviewTarget {
    let valid = |t: ReviewTarget| match t {
        ReviewTarget::Project => true,
        ReviewTarget::Code(id) => p.codes.contains_key(&id),
        ReviewTarget::Coding(id) => p.codings.contains_key(&id),
    };
    if let Some(t) = state.review.target.filter(|t| valid(*t)) {
        return t;
    }
    if let Some(c) = state.selected_coding.filter(|c| p.codings.contains_key(c)) {
        return ReviewTarget::Coding(c);
    }
    match state.selected_codes.iter().next() {
        Some(c) if p.codes.contains_key(c) => ReviewTarget::Code(*c),
        _ => ReviewTarget::Project,
    }
}

/// A name inside a sentence, isolated (FSI…PDI): a Persian name in an
/// English sentence, or the reverse, keeps its order and the quotes
/// around it their sides.
pub fn iso(name: &str) -> String {
    format!("\u{2068}{name}\u{2069}")
}

/// "Code «name»", "P3, lines 4–6 · «code» · Sara", "the project".
pub fn target_label(p: &Project, state: &UiState, t: ReviewTarget) -> String {
    let rs = strings(state.lang);
    match t {
        ReviewTarget::Project => rs.the_project.to_string(),
        ReviewTarget::Code(id) => match p.codes.get(&id) {
            Some(c) => format!("{} «{}»", p.level_name(p.level_of(id)), iso(&c.name)),
            None => format!("«?» ({})", rs.deleted),
        },
        ReviewTarget::Coding(id) => {
            let Some(c) = p.codings.get(&id) else {
                return format!("{} ({})", rs.coding, rs.deleted);
            };
            let doc = p.document(c.document);
            let lines = doc.map(|d| d.lines_of(c.range)).unwrap_or((0, 0));
            let code = p.codes.get(&c.code).map_or("?", |x| x.name.as_str());
            let comma = if state.lang.rtl() { "،" } else { "," };
            format!(
                "{}{comma} {} · «{}» · {}",
                iso(doc.map_or("?", |d| d.name.as_str())),
                super::header::cite_lines(state.locale(), lines.0 + 1, lines.1 + 1),
                iso(code),
                iso(p.coder_name(c.coder))
            )
        }
    }
}

/// When a comment was written, in the computer's time zone.
fn when(state: &UiState, at: chrono::DateTime<chrono::Utc>) -> String {
    state.num(at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))
}

pub fn review_ui(ctx: &egui::Context, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    if !state.review.open {
        return;
    }
    let rs = strings(state.lang);
    let rtl = state.lang.rtl();
    let mut open = true;
    // At first over the retrieved segments and memo (right in English,
    // left in Persian), not over the code tree the supervisor works in.
    let screen = ctx.content_rect();
    let x = if rtl {
        screen.left() + 12.0
    } else {
        (screen.right() - 732.0).max(screen.left())
    };
    egui::Window::new(bidi(rs.window))
        .id(egui::Id::unique("review-window"))
        .default_pos([x, screen.top() + 40.0])
        .open(&mut open)
        .default_size([720.0, 560.0])
        .resizable(true)
        // Opened from a menu, it must show (a folded window looked shut).
        .collapsible(false)
        .show(ctx, |ui| {
            mirror::body_ui(ui, rtl, |ui| {
                row(ui, rtl, |ui| {
                    for (tab, label) in [
                        (Tab::Comments, rs.comments),
                        (Tab::Changes, rs.changes),
                        (Tab::Compare, rs.compare),
                        (Tab::Agreement, rs.agreement),
                    ] {
                        if ui
                            .selectable_label(state.review.tab == tab, bidi(label))
                            .clicked()
                        {
                            state.review.tab = tab;
                        }
                    }
                });
                ui.separator();
                match state.review.tab {
                    Tab::Comments => comments_ui(ui, p, state, out),
                    Tab::Changes => super::review_compare::changes_ui(ui, p, state, out),
                    Tab::Compare => super::review_compare::compare_ui(ui, p, state),
                    Tab::Agreement => super::review_agreement::agreement_ui(ui, p, state, out),
                }
            });
        });
    if !open {
        state.review.open = false;
    }
}

fn push(state: &mut UiState, out: &mut Vec<Action>, cmd: Result<edit::Command, edit::EditError>) {
    match cmd {
        Ok(cmd) => out.push(Action::Edit(cmd)),
        Err(e) => state.error = Some(super::errors::edit(state.locale(), &e)),
    }
}

fn comments_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let rs = strings(state.lang);
    let rtl = state.lang.rtl();
    let target = current_target(p, state);
    // The target isolated (FSI…PDI): a Persian name in an English sentence
    // keeps its own order and its quotes.
    let label = format!(
        "{}: \u{2068}{}\u{2069}",
        rs.new_comment_on,
        target_label(p, state, target)
    );
    super::bidi_line_ui(
        ui,
        &label,
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().strong_text_color(),
    );
    let mut draft = std::mem::take(&mut state.review.draft);
    super::bidi_edit_ui(
        ui,
        &mut draft,
        "review-draft",
        "Comment text",
        rs.comment_hint,
        true,
    );
    state.review.draft = draft;
    if let ReviewTarget::Code(code) = target {
        proposal_ui(ui, p, state, code, rs);
    }
    row(ui, rtl, |ui| {
        let ready = !state.review.draft.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(bidi(rs.add_comment)))
            .clicked()
        {
            let proposal = match (&state.review.proposal, target) {
                (Draft::Rename(n), ReviewTarget::Code(_)) if !n.trim().is_empty() => {
                    Some(Proposal::Rename {
                        to: n.trim().to_string(),
                    })
                }
                (Draft::Merge(Some(into)), ReviewTarget::Code(_)) => {
                    Some(Proposal::Merge { into: *into })
                }
                (Draft::Move(under), ReviewTarget::Code(_)) => {
                    Some(Proposal::Move { under: *under })
                }
                _ => None,
            };
            let cmd = edit::comment(p, target, &state.review.draft, proposal);
            if cmd.is_ok() {
                state.review.draft.clear();
                state.review.proposal = Draft::None;
            }
            push(state, out, cmd);
        }
        if let ReviewTarget::Code(code) = target {
            verdict_buttons_ui(ui, p, state, code, out);
        }
    });
    ui.separator();
    row(ui, rtl, |ui| {
        ui.checkbox(&mut state.review.show_resolved, bidi(rs.show_resolved));
    });
    let mut threads: Vec<&Thread> = p
        .review
        .threads
        .values()
        .filter(|t| state.review.show_resolved || !t.resolved)
        .collect();
    // Open first, then oldest first: what still needs an answer on top.
    threads.sort_by_key(|t| (t.resolved, t.opened(), t.id));
    if threads.is_empty() {
        row(ui, rtl, |ui| ui.weak(bidi(rs.no_threads)));
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for t in threads {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    thread_ui(ui, p, state, t, out);
                });
            }
        });
}

/// Accept / needs work / no verdict, for the code the comment is about.
fn verdict_buttons_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    code: CodeId,
    out: &mut Vec<Action>,
) {
    let rs = strings(state.lang);
    let now = p.review.verdicts.get(&code).map(|v| v.verdict);
    for (v, label) in [
        (Some(Verdict::Accepted), rs.accepted),
        (Some(Verdict::NeedsWork), rs.needs_work),
        (None, rs.clear_verdict),
    ] {
        if ui.selectable_label(now == v, bidi(label)).clicked() && now != v {
            push(state, out, edit::set_verdict(p, code, v));
        }
    }
}

fn proposal_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    code: CodeId,
    rs: &ReviewStrings,
) {
    let rtl = state.lang.rtl();
    let kind = match &state.review.proposal {
        Draft::None => rs.no_proposal,
        Draft::Rename(_) => rs.rename_to,
        Draft::Merge(_) => rs.merge_into,
        Draft::Move(_) => rs.move_under,
    };
    row(ui, rtl, |ui| {
        mirror::combo_ui(ui, rtl, rs.propose, kind, false, |ui| {
            let name = p
                .codes
                .get(&code)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            for (label, d) in [
                (rs.no_proposal, Draft::None),
                (rs.rename_to, Draft::Rename(name)),
                (rs.merge_into, Draft::Merge(None)),
                (rs.move_under, Draft::Move(None)),
            ] {
                if ui.button(bidi(label)).clicked() {
                    state.review.proposal = d;
                }
            }
        });
        match &mut state.review.proposal {
            Draft::None => {}
            Draft::Rename(name) => {
                super::bidi_edit::sized_ui(ui, 220.0, |ui| {
                    super::bidi_edit_ui(ui, name, "review-rename", "New name", "", false)
                });
            }
            Draft::Merge(into) => {
                let chosen = code_choice_ui(ui, p, state.lang, code, *into, false, rs);
                if let Some(c) = chosen {
                    state.review.proposal = Draft::Merge(c);
                }
            }
            Draft::Move(under) => {
                let chosen = code_choice_ui(ui, p, state.lang, code, *under, true, rs);
                if let Some(c) = chosen {
                    state.review.proposal = Draft::Move(c);
                }
            }
        }
    });
}

/// A list of the tree's nodes other than `code` and its subtree; `top`
/// offers the top level too. Returns the choice made this frame.
fn code_choice_ui(
    ui: &mut egui::Ui,
    p: &Project,
    lang: super::Lang,
    code: CodeId,
    now: Option<CodeId>,
    top: bool,
    rs: &ReviewStrings,
) -> Option<Option<CodeId>> {
    let rtl = lang.rtl();
    let current = match now.and_then(|c| p.codes.get(&c)) {
        Some(c) => c.name.clone(),
        None if top => rs.top_level.to_string(),
        None => rs.choose_code.to_string(),
    };
    let mut chosen = None;
    let below = p.subtree(code);
    mirror::combo_ui(ui, rtl, "", &current, false, |ui| {
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .show(ui, |ui| {
                if top && ui.button(bidi(rs.top_level)).clicked() {
                    chosen = Some(None);
                }
                for (other, depth) in p.walk() {
                    if other == code || below.contains(&other) {
                        continue;
                    }
                    let Some(o) = p.codes.get(&other) else {
                        continue;
                    };
                    let label = format!("{}{}", "  ".repeat(depth), o.name);
                    if ui.button(bidi(&label)).clicked() {
                        chosen = Some(Some(other));
                    }
                }
            });
    });
    chosen
}

fn thread_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    t: &Thread,
    out: &mut Vec<Action>,
) {
    let rs = strings(state.lang);
    let rtl = state.lang.rtl();
    let font = egui::TextStyle::Body.resolve(ui.style());
    row(ui, rtl, |ui| {
        let status = if t.resolved { rs.resolved } else { rs.open };
        let color = if t.resolved {
            ui.visuals().weak_text_color()
        } else {
            egui::Color32::from_rgb(0xd0, 0x80, 0x00)
        };
        ui.label(egui::RichText::new(bidi(status)).color(color).small());
        let label = target_label(p, state, t.target);
        let r = super::selectable_line_ui(ui, &label, ui.available_width().min(420.0), false);
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
        if r.clicked() {
            match t.target {
                ReviewTarget::Code(id) if p.codes.contains_key(&id) => {
                    out.push(Action::SelectCode { id, add: false })
                }
                ReviewTarget::Coding(id) => {
                    if let Some(c) = p.codings.get(&id) {
                        out.push(Action::JumpTo(c.document, c.range));
                        out.push(Action::SelectCoding(id));
                    }
                }
                _ => {}
            }
        }
    });
    for (i, c) in t.comments.iter().enumerate() {
        // A merge's note on a conflict is said in the interface's language.
        let (author, text) = match (&t.conflict, i) {
            (Some(note), 0) => (
                rs.merge_author,
                crate::export::conflict_text(note, state.lang == super::Lang::Fa),
            ),
            _ => (
                c.author
                    .and_then(|a| p.coder(a))
                    .map_or(rs.unknown_author, |x| x.name.as_str()),
                c.text.clone(),
            ),
        };
        row(ui, rtl, |ui| {
            ui.label(egui::RichText::new(bidi(author)).strong());
            ui.weak(bidi(&when(state, c.at)));
        });
        super::bidi_label_ui(ui, &text, font.clone(), ui.visuals().text_color());
    }
    if let Some(prop) = &t.proposal {
        let name = |id: &CodeId| p.codes.get(id).map_or("?", |c| c.name.as_str());
        let text = match prop {
            Proposal::Rename { to } => rs.proposal_rename.replace("{name}", &iso(to)),
            Proposal::Merge { into } => rs.proposal_merge.replace("{name}", &iso(name(into))),
            Proposal::Move { under: Some(u) } => rs.proposal_move.replace("{name}", &iso(name(u))),
            Proposal::Move { under: None } => rs.proposal_move.replace("{name}", rs.top_level),
        };
        row(ui, rtl, |ui| {
            super::bidi_line_ui(ui, &text, font.clone(), ui.visuals().strong_text_color());
            if !t.resolved && ui.button(bidi(rs.apply)).clicked() {
                push(state, out, edit::apply_proposal(p, t.id));
            }
        });
    }
    let mut reply = state.review.replies.remove(&t.id).unwrap_or_default();
    super::bidi_edit_ui(
        ui,
        &mut reply,
        ("review-reply", t.id),
        "Reply text",
        rs.reply_hint,
        false,
    );
    row(ui, rtl, |ui| {
        let ready = !reply.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(bidi(rs.reply)))
            .clicked()
        {
            let cmd = edit::reply(p, t.id, &reply);
            if cmd.is_ok() {
                reply.clear();
            }
            push(state, out, cmd);
        }
        let (label, to) = if t.resolved {
            (rs.reopen, false)
        } else {
            (rs.resolve, true)
        };
        if ui.button(bidi(label)).clicked() {
            push(state, out, edit::set_resolved(p, t.id, to));
        }
    });
    if !reply.is_empty() {
        state.review.replies.insert(t.id, reply);
    }
}

/// Is `cmd` a review gesture that would go unsigned: nobody chosen as
/// coder, but the person at the keyboard known by name?
pub fn unsigned(wb: &super::Workbench, cmd: &edit::Command) -> bool {
    use edit::Command::*;
    let review = match cmd {
        PutThread { .. } | SetVerdict { .. } | AddReviewPoint { .. } => true,
        Batch { commands, .. } => commands
            .iter()
            .any(|c| matches!(c, PutThread { .. } | SetVerdict { .. })),
        _ => false,
    };
    let coder = wb.state.coder.filter(|c| wb.project.coder(*c).is_some());
    review && coder.is_none() && wb.state.me.is_some()
}

/// `cmd` signed by the person at the keyboard, who becomes a coder of the
/// project in the same undo step (a supervisor who comments but does not
/// code is still named on every comment).
pub fn signed(wb: &mut super::Workbench, cmd: edit::Command) -> edit::Command {
    let name = wb.state.me.clone().unwrap_or_default();
    let Ok((add, id)) = edit::ensure_coder(&wb.project, &name) else {
        return cmd;
    };
    wb.state.coder = Some(id);
    // Only what this gesture writes: comments already in the project keep
    // their author (a merge's note has none, and is nobody's).
    let written: std::collections::BTreeSet<CommentId> = wb
        .project
        .review
        .threads
        .values()
        .flat_map(|t| t.comments.iter().map(|c| c.id))
        .collect();
    fn sign(cmd: &mut edit::Command, id: CoderId, written: &std::collections::BTreeSet<CommentId>) {
        match cmd {
            edit::Command::PutThread { thread } => {
                for c in &mut thread.comments {
                    if !written.contains(&c.id) {
                        c.author.get_or_insert(id);
                    }
                }
            }
            edit::Command::SetVerdict {
                verdict: Some(v), ..
            } => {
                v.by.get_or_insert(id);
            }
            edit::Command::AddReviewPoint { point, .. } => {
                point.by.get_or_insert(id);
            }
            edit::Command::Batch { commands, .. } => {
                for c in commands {
                    sign(c, id, written);
                }
            }
            _ => {}
        }
    }
    let mut cmd = cmd;
    sign(&mut cmd, id, &written);
    match add {
        Some(add) => edit::Command::Batch {
            label: cmd.label(),
            commands: vec![add, cmd],
        },
        None => cmd,
    }
}

/// The review items of a code's context menu.
pub fn code_menu_ui(
    ui: &mut egui::Ui,
    p: &Project,
    code: CodeId,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
    let rs = strings(state.lang);
    let rtl = state.lang.rtl();
    mirror::submenu_ui(ui, rtl, rs.menu, |ui| {
        if ui.button(bidi(rs.comment_on_code)).clicked() {
            state
                .review
                .open_on(Tab::Comments, Some(ReviewTarget::Code(code)));
            ui.close();
        }
        let now = p.review.verdicts.get(&code).map(|v| v.verdict);
        for (v, label) in [
            (Some(Verdict::Accepted), rs.accepted),
            (Some(Verdict::NeedsWork), rs.needs_work),
            (None, rs.clear_verdict),
        ] {
            if ui
                .add_enabled(now != v, egui::Button::new(bidi(label)))
                .clicked()
            {
                push(state, out, edit::set_verdict(p, code, v));
                ui.close();
            }
        }
    });
}

/// Each code's verdict and open threads, for the tree's rows.
pub type Marks = std::sync::Arc<BTreeMap<CodeId, (Option<Verdict>, usize)>>;

/// The tree's marks, built once per generation (not a scan of every
/// thread for every row, every frame).
pub fn marks(p: &Project, state: &mut UiState) -> Marks {
    if let Some((g, m)) = &state.review.marks
        && *g == p.generation()
    {
        return m.clone();
    }
    let mut m: BTreeMap<CodeId, (Option<Verdict>, usize)> = BTreeMap::new();
    for (c, v) in &p.review.verdicts {
        m.entry(*c).or_default().0 = Some(v.verdict);
    }
    for t in p.review.threads.values().filter(|t| !t.resolved) {
        if let ReviewTarget::Code(c) = t.target {
            m.entry(c).or_default().1 += 1;
        }
    }
    let m = std::sync::Arc::new(m);
    state.review.marks = Some((p.generation(), m.clone()));
    m
}

/// Width `row_marks_ui` takes for this code (0 when it has no marks).
pub fn marks_width(marks: &Marks, code: CodeId) -> f32 {
    let (verdict, open) = marks.get(&code).copied().unwrap_or_default();
    f32::from(u8::from(verdict.is_some())) * 18.0 + f32::from(u8::from(open > 0)) * 30.0
}

/// A code's verdict (✔ accepted, ! needs work) and its open comments, on
/// its tree row; a click opens the review window on it.
pub fn row_marks_ui(ui: &mut egui::Ui, marks: &Marks, code: CodeId, state: &mut UiState) {
    let rs = strings(state.lang);
    let (verdict, n) = marks.get(&code).copied().unwrap_or_default();
    if let Some(v) = verdict {
        let (mark, color, word) = match v {
            Verdict::Accepted => ("✔", egui::Color32::from_rgb(0x2e, 0x9e, 0x44), rs.accepted),
            Verdict::NeedsWork => (
                "!",
                egui::Color32::from_rgb(0xd0, 0x70, 0x00),
                rs.needs_work,
            ),
        };
        let r = ui
            .add_sized(
                [14.0, 16.0],
                egui::Label::new(egui::RichText::new(mark).color(color).strong())
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(bidi(word));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, word));
        if r.clicked() {
            state
                .review
                .open_on(Tab::Comments, Some(ReviewTarget::Code(code)));
        }
    }
    if n > 0 {
        let words = if n == 1 {
            rs.open_comment
        } else {
            rs.open_comments
        };
        let word = words.replace("{n}", &state.num(n));
        let r = ui
            .add_sized(
                [26.0, 16.0],
                egui::Label::new(egui::RichText::new(format!("💬{}", state.num(n))).small())
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(bidi(&word));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &word));
        if r.clicked() {
            state
                .review
                .open_on(Tab::Comments, Some(ReviewTarget::Code(code)));
        }
    }
}
