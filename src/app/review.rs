//! The supervisor's review window: comment threads on codes, codings and
//! the project (open/resolved), verdicts, and proposals applied with one
//! click (the Comments tab is `review_comments`), and the review's marks on
//! the tree. Every gesture is a command built by `edit::comment`, `reply`,
//! `set_resolved`, `set_verdict`, `apply_proposal`, so it undoes like any
//! other edit, and a merge or a script changes a review the same way.

use super::i18n::review::strings;
use super::shaping::iso;
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
                    Tab::Comments => super::review_comments::comments_ui(ui, p, state, out),
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

pub(super) fn push(
    state: &mut UiState,
    out: &mut Vec<Action>,
    cmd: Result<edit::Command, edit::EditError>,
) {
    match cmd {
        Ok(cmd) => out.push(Action::Edit(cmd)),
        Err(e) => state.error = Some(super::errors::edit(state.locale(), &e)),
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
