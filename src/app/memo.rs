//! The memo pane: every memo of whatever is selected, one of them in the
//! editor, and a code's codebook entry. The editors follow the project:
//! after undo or redo they show the restored text, unless the user has
//! typed something there that is not saved yet.

use super::{Action, UiState, bidi};
use crate::edit;
use crate::model::*;
use egui::RichText;

/// The memo being edited in the memo pane, and the project's text it was
/// loaded from (to tell the user's unsaved typing from a change by undo).
#[derive(Clone, Debug)]
pub struct MemoEdit {
    pub target: MemoTarget,
    /// The memo in the editor; None: a new one.
    pub memo: Option<MemoId>,
    pub title: String,
    pub body: String,
    base: (String, String),
    /// The selected code's codebook entry, when the memo is a code's.
    pub description: Option<Description>,
    base_description: Option<Description>,
    /// The user asked for a new memo (`+`); otherwise an empty editor takes
    /// up the item's first memo when one appears (e.g. by redo).
    chose_new: bool,
}

impl MemoEdit {
    fn load(p: &Project, target: MemoTarget, memo: Option<&Memo>) -> Self {
        let (title, body) = memo.map_or((String::new(), String::new()), |m| {
            (m.title.clone(), m.body.clone())
        });
        let description = match target {
            MemoTarget::Code(c) => p.codes.get(&c).map(|c| c.description.clone()),
            _ => None,
        };
        Self {
            target,
            memo: memo.map(|m| m.id),
            title: title.clone(),
            body: body.clone(),
            base: (title, body),
            description: description.clone(),
            base_description: description,
            chose_new: false,
        }
    }

    /// Has the user typed over what the project holds?
    fn typed(&self) -> bool {
        (self.title.as_str(), self.body.as_str()) != (self.base.0.as_str(), self.base.1.as_str())
    }

    /// Take in changes the project made under the editor (undo, redo),
    /// field by field, where the user has not typed over them.
    fn follow(&mut self, memo: Option<&Memo>, description: Option<&Description>) {
        let now = memo.map_or((String::new(), String::new()), |m| {
            (m.title.clone(), m.body.clone())
        });
        if now != self.base {
            if self.title == self.base.0 {
                self.title = now.0.clone();
            }
            if self.body == self.base.1 {
                self.body = now.1.clone();
            }
            self.base = now;
        }
        let now = description.cloned();
        if now != self.base_description {
            if self.description == self.base_description {
                self.description = now.clone();
            }
            self.base_description = now;
        }
    }
}

fn memo_target(p: &Project, state: &UiState) -> (MemoTarget, String) {
    if let Some(c) = state.selected_coding.filter(|c| p.codings.contains_key(c)) {
        return (MemoTarget::Coding(c), state.lang.strings().coding.into());
    }
    if let Some(code) = state
        .selected_codes
        .iter()
        .next()
        .and_then(|c| p.codes.get(c))
    {
        return (MemoTarget::Code(code.id), code.name.clone());
    }
    if let Some(d) = state.selected_doc.and_then(|d| p.document(d)) {
        return (MemoTarget::Document(d.id), d.name.clone());
    }
    (MemoTarget::Project, p.name.clone())
}

pub fn memo_ui(ui: &mut egui::Ui, p: &Project, state: &mut UiState, out: &mut Vec<Action>) {
    let s = state.lang.strings();
    let loc = state.locale();
    let (target, what) = memo_target(p, state);
    // One line, cut at its logical end (egui would wrap the reordered text
    // and put the code's name above «یادداشت —»).
    let heading = egui::TextStyle::Heading.resolve(ui.style());
    let title = format!("{} — {what}", s.memo);
    super::quote_line_ui(
        ui,
        &title,
        heading,
        ui.visuals().strong_text_color(),
        Some(state.lang.rtl()),
    );
    let mut memos: Vec<&Memo> = p.memos_on(target).collect();
    memos.sort_by_key(|m| (m.stamp.created, m.id));
    if let Some(edit) = state.memo_edit.as_mut()
        && edit.target == target
        && edit.memo.is_some_and(|id| !p.memos.contains_key(&id))
        && edit.typed()
    {
        // Its memo went (undo) while the user was typing in it: the typing
        // stays, as a new memo to save.
        edit.memo = None;
        edit.chose_new = true;
        edit.base = (String::new(), String::new());
    }
    let stale = state
        .memo_edit
        .as_ref()
        .is_none_or(|m| m.target != target || m.memo.is_some_and(|id| !p.memos.contains_key(&id)));
    if stale {
        if let Some(old) = state.memo_edit.as_ref() {
            keep_typing(p, old, state.coder, out);
        }
        state.memo_edit = Some(MemoEdit::load(p, target, memos.first().copied()));
    }
    let Some(edit) = state.memo_edit.as_mut() else {
        return;
    };
    if edit.memo.is_none()
        && !edit.chose_new
        && edit.title.is_empty()
        && edit.body.is_empty()
        && let Some(first) = memos.first()
    {
        // A memo appeared under an empty editor (redo, another window's
        // save): show it.
        *edit = MemoEdit::load(p, target, Some(first));
    }
    if edit.memo.is_none() {
        // A new memo that was just saved stays in the editor: it is the
        // one with exactly the editor's text.
        let (t, b) = (edit.title.clone(), edit.body.clone());
        if let Some(m) = memos.iter().rev().find(|m| m.title == t && m.body == b) {
            edit.memo = Some(m.id);
            edit.base = (t, b);
        }
    }
    let current = edit.memo.and_then(|id| p.memos.get(&id));
    let description = match target {
        MemoTarget::Code(c) => p.codes.get(&c).map(|c| &c.description),
        _ => None,
    };
    edit.follow(current, description);
    // Several memos on one item (the CLI can add more): one tab each.
    if memos.len() > 1 || (edit.memo.is_none() && !memos.is_empty()) {
        let mut switch = None;
        super::row(ui, state.lang.rtl(), |ui| {
            for (i, m) in memos.iter().enumerate() {
                let name = if m.title.trim().is_empty() {
                    format!("{} {}", s.memo, loc.num(i + 1))
                } else {
                    m.title.clone()
                };
                if ui
                    .selectable_label(edit.memo == Some(m.id), bidi(&name))
                    .clicked()
                {
                    switch = Some(Some(m.id));
                }
            }
            if ui.selectable_label(edit.memo.is_none(), "+").clicked() {
                switch = Some(None);
            }
        });
        if let Some(id) = switch
            && id != edit.memo
        {
            keep_typing(p, edit, state.coder, out);
            let memo = id.and_then(|id| p.memos.get(&id));
            *edit = MemoEdit::load(p, target, memo);
            edit.chose_new = id.is_none();
        }
    } else if !memos.is_empty() && ui.small_button("+").clicked() {
        keep_typing(p, edit, state.coder, out);
        *edit = MemoEdit::load(p, target, None);
        edit.chose_new = true;
    }
    let current = edit.memo.and_then(|id| p.memos.get(&id));
    let key = (target, edit.memo);
    // Our own editor: Persian reads in order while typing (egui's has no bidi).
    super::bidi_edit_ui(
        ui,
        &mut edit.title,
        ("memo-title", key),
        "Memo title",
        s.title,
        false,
    );
    super::bidi_edit_ui(
        ui,
        &mut edit.body,
        ("memo-body", key),
        "Memo text",
        "",
        true,
    );
    let changed = current.is_none_or(|m| m.title != edit.title || m.body != edit.body);
    if let (MemoTarget::Code(code), Some(desc)) = (target, edit.description.as_mut()) {
        description_ui(ui, p, code, desc, state.lang, out);
    }
    let has_text = !edit.title.is_empty() || !edit.body.is_empty();
    if ui
        .add_enabled(changed && has_text, egui::Button::new(bidi(s.save)))
        .clicked()
    {
        out.push(Action::Edit(edit::put_memo(
            current,
            target,
            &edit.title,
            &edit.body,
            state.coder,
        )));
    }
}

/// The editor is about to show another memo: what was typed in it and not
/// saved is saved now, as MAXQDA does, rather than lost.
fn keep_typing(p: &Project, edit: &MemoEdit, coder: Option<CoderId>, out: &mut Vec<Action>) {
    if let Some(cmd) = typed_command(p, edit, coder) {
        out.push(Action::Edit(cmd));
    }
}

/// What was typed in the editor and not saved, as the one memo command
/// that saves it.
fn typed_command(p: &Project, edit: &MemoEdit, coder: Option<CoderId>) -> Option<edit::Command> {
    let has_text = !edit.title.trim().is_empty() || !edit.body.trim().is_empty();
    (edit.typed() && has_text).then(|| {
        let current = edit.memo.and_then(|id| p.memos.get(&id));
        edit::put_memo(current, edit.target, &edit.title, &edit.body, coder)
    })
}

/// Leaving the project (closing the window, opening or starting another)
/// or writing it (save, export): what was typed in the memo editor is
/// saved into the project first, as one undo step, so that it is neither
/// lost nor left out, and the unsaved-changes question knows of it.
pub fn commit_typing(wb: &mut super::Workbench) {
    let Some(edit) = wb.state.memo_edit.as_ref() else {
        return;
    };
    let Some(cmd) = typed_command(&wb.project, edit, wb.state.coder) else {
        return;
    };
    let id = match &cmd {
        edit::Command::PutMemo { memo } => memo.id,
        _ => return,
    };
    if wb.edit(cmd)
        && let Some(edit) = wb.state.memo_edit.as_mut()
    {
        // The editor now shows that memo, saved.
        edit.memo = Some(id);
        edit.base = (edit.title.clone(), edit.body.clone());
    }
}

/// A small memo icon, as in MAXQDA's trees: on hover the memo's title (or
/// its first line); a click shows the memo in the memo pane.
pub fn memo_icon_ui(ui: &mut egui::Ui, memo: &Memo, lang: super::Lang) -> egui::Response {
    let first_line = memo.body.lines().map(str::trim).find(|l| !l.is_empty());
    let title = match memo.title.trim() {
        "" => first_line.unwrap_or_default(),
        t => t,
    };
    let hover = crate::text::in_vivo_name(title, 80);
    // A yellow note with a folded corner and two lines of writing, as
    // MAXQDA draws it: the emoji font's note was a grey smudge at row size.
    let h = ui.spacing().interact_size.y.min(18.0);
    let (rect, r) = ui.allocate_exact_size(egui::vec2(h * 0.8, h), egui::Sense::click());
    if ui.is_rect_visible(rect) {
        let note = egui::Rect::from_center_size(rect.center(), egui::vec2(h * 0.62, h * 0.78));
        let fold = note.width() * 0.35;
        let paper = if r.hovered() {
            egui::Color32::from_rgb(0xff, 0xe0, 0x66)
        } else {
            egui::Color32::from_rgb(0xf2, 0xc9, 0x4c)
        };
        let ink = egui::Color32::from_rgb(0x5a, 0x46, 0x10);
        let corner = note.right_top();
        let body = vec![
            note.left_top(),
            corner - egui::vec2(fold, 0.0),
            corner + egui::vec2(0.0, fold),
            note.right_bottom(),
            note.left_bottom(),
        ];
        let painter = ui.painter();
        painter.add(egui::Shape::convex_polygon(body, paper, egui::Stroke::NONE));
        painter.add(egui::Shape::convex_polygon(
            vec![
                corner - egui::vec2(fold, 0.0),
                corner - egui::vec2(fold, -fold),
                corner + egui::vec2(0.0, fold),
            ],
            paper.gamma_multiply(0.7),
            egui::Stroke::NONE,
        ));
        for k in [0.45, 0.68] {
            let y = note.top() + note.height() * k;
            painter.line_segment(
                [
                    egui::pos2(note.left() + 2.0, y),
                    egui::pos2(note.right() - 2.0, y),
                ],
                egui::Stroke::new(1.0, ink),
            );
        }
    }
    let r = r.on_hover_text(bidi(&hover));
    let label = format!("{}: {hover}", lang.strings().memo);
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    r
}

fn description_ui(
    ui: &mut egui::Ui,
    p: &Project,
    code: CodeId,
    desc: &mut Description,
    lang: super::Lang,
    out: &mut Vec<Action>,
) {
    let s = lang.strings();
    let title = format!("{} / {} / {}", s.definition, s.when_to_use, s.example);
    let id = ui.make_persistent_id(("description", code));
    super::mirror::collapsing_ui(ui, lang.rtl(), id, &title, !desc.is_empty(), |ui| {
        for (label, field) in [
            (s.definition, &mut desc.definition),
            (s.when_to_use, &mut desc.when_to_use),
            (s.example, &mut desc.example),
        ] {
            ui.label(RichText::new(bidi(label)).small());
            super::bidi_edit_ui(ui, field, ("description", code, label), label, "", true);
        }
        let current = p.codes.get(&code).map(|c| &c.description);
        if ui
            .add_enabled(
                current != Some(desc),
                egui::Button::new(bidi(s.save_description)),
            )
            .clicked()
        {
            out.push(Action::Edit(crate::edit::Command::SetCodeDescription {
                id: code,
                description: desc.clone(),
            }));
        }
    });
}
