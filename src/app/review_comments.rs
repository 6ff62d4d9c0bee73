//! The review window's Comments tab: a new comment (with a proposal, on a
//! code) and the threads, answered, resolved and reopened, proposals
//! applied, verdicts given.

use super::i18n::review::{ReviewStrings, strings};
use super::review::{Draft, current_target, push, target_label};
use super::shaping::iso;
use super::{Action, UiState, bidi, mirror, row};
use crate::edit;
use crate::model::*;

/// When a comment was written, in the computer's time zone.
fn when(state: &UiState, at: chrono::DateTime<chrono::Utc>) -> String {
    state.num(at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))
}

pub(super) fn comments_ui(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut UiState,
    out: &mut Vec<Action>,
) {
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
