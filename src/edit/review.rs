//! Review commands (threads, verdicts, review points) and the builders the
//! window and the CLI use for a supervisor's gestures.

use super::{Command, EditError, Step};
use crate::model::*;
use chrono::Utc;

type R = Result<Command, EditError>;

fn check_review_target(p: &Project, t: ReviewTarget) -> Result<(), EditError> {
    match t {
        ReviewTarget::Project => Ok(()),
        ReviewTarget::Code(id) => p.codes.get(&id).map(|_| ()).ok_or(EditError::NoCode(id)),
        ReviewTarget::Coding(id) => p
            .codings
            .get(&id)
            .map(|_| ())
            .ok_or(EditError::NoCoding(id)),
    }
}

pub(super) fn put_thread(p: &mut Project, thread: Thread) -> R {
    if thread.comments.is_empty() || thread.comments.iter().any(|c| c.text.trim().is_empty()) {
        return Err(EditError::EmptyComment);
    }
    // A new thread needs its code or coding; one already there may outlive
    // it (a thread about a deleted code can still be answered and closed).
    if !p.review.threads.contains_key(&thread.id) {
        check_review_target(p, thread.target)?;
    }
    let id = thread.id;
    Ok(match p.review.threads.insert(id, thread) {
        Some(old) => Command::PutThread { thread: old },
        None => Command::RemoveThread { id },
    })
}

pub(super) fn remove_thread(p: &mut Project, id: ThreadId) -> R {
    let thread = p
        .review
        .threads
        .remove(&id)
        .ok_or(EditError::NoThread(id))?;
    Ok(Command::PutThread { thread })
}

pub(super) fn put_verdict(p: &mut Project, code: CodeId, verdict: Option<CodeVerdict>) -> R {
    if verdict.is_some() && !p.codes.contains_key(&code) {
        return Err(EditError::NoCode(code));
    }
    let old = match verdict {
        Some(v) => p.review.verdicts.insert(code, v),
        None => p.review.verdicts.remove(&code),
    };
    Ok(Command::SetVerdict { code, verdict: old })
}

pub(super) fn add_point(p: &mut Project, point: ReviewPoint, index: usize) -> R {
    if p.review.points.iter().any(|x| x.id == point.id) {
        return Err(EditError::Duplicate(format!("{:?}", point.id)));
    }
    if point.name.trim().is_empty() {
        return Err(EditError::EmptyName);
    }
    let id = point.id;
    let index = index.min(p.review.points.len());
    p.review.points.insert(index, point);
    Ok(Command::RemoveReviewPoint { id })
}

pub(super) fn remove_point(p: &mut Project, id: PointId) -> R {
    let index = p
        .review
        .points
        .iter()
        .position(|x| x.id == id)
        .ok_or(EditError::NoPoint(id))?;
    let point = Box::new(p.review.points.remove(index));
    Ok(Command::AddReviewPoint { point, index })
}

fn new_comment(p: &Project, text: &str) -> Result<Comment, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::EmptyComment);
    }
    Ok(Comment {
        id: CommentId::new(),
        author: p.actor(),
        at: Utc::now(),
        text: text.to_string(),
    })
}

/// Open a thread on `target` with a first comment by the acting coder, and
/// optionally a proposal.
pub fn comment(p: &Project, target: ReviewTarget, text: &str, proposal: Option<Proposal>) -> R {
    check_review_target(p, target)?;
    Ok(Command::PutThread {
        thread: Thread {
            id: ThreadId::new(),
            target,
            comments: vec![new_comment(p, text)?],
            resolved: false,
            proposal,
            conflict: None,
        },
    })
}

fn thread_of(p: &Project, id: ThreadId) -> Result<&Thread, EditError> {
    p.review.threads.get(&id).ok_or(EditError::NoThread(id))
}

/// Answer a thread.
pub fn reply(p: &Project, thread: ThreadId, text: &str) -> R {
    let mut t = thread_of(p, thread)?.clone();
    t.comments.push(new_comment(p, text)?);
    Ok(Command::PutThread { thread: t })
}

/// Resolve (or reopen) a thread.
pub fn set_resolved(p: &Project, thread: ThreadId, resolved: bool) -> R {
    let mut t = thread_of(p, thread)?.clone();
    t.resolved = resolved;
    Ok(Command::PutThread { thread: t })
}

/// Mark a code accepted or needing work (None clears the verdict).
pub fn set_verdict(p: &Project, code: CodeId, verdict: Option<Verdict>) -> R {
    if !p.codes.contains_key(&code) {
        return Err(EditError::NoCode(code));
    }
    Ok(Command::SetVerdict {
        code,
        verdict: verdict.map(|verdict| CodeVerdict {
            verdict,
            by: p.actor(),
            at: Utc::now(),
        }),
    })
}

/// The thread's proposal carried out with the tree's own commands, and the
/// thread resolved, as one undo step.
pub fn apply_proposal(p: &Project, thread: ThreadId) -> R {
    let t = thread_of(p, thread)?;
    let ReviewTarget::Code(code) = t.target else {
        return Err(EditError::NoThread(thread));
    };
    if !p.codes.contains_key(&code) {
        return Err(EditError::NoCode(code));
    }
    let change = match t.proposal.as_ref().ok_or(EditError::NoThread(thread))? {
        Proposal::Rename { to } => Command::RenameCode {
            id: code,
            name: to.clone(),
        },
        Proposal::Merge { into } => super::merge_codes(p, code, *into)?,
        Proposal::Move { under } => {
            if let Some(u) = under
                && !p.codes.contains_key(u)
            {
                return Err(EditError::NoCode(*u));
            }
            Command::MoveCode {
                id: code,
                parent: *under,
                index: p.siblings(*under).len(),
            }
        }
    };
    Ok(Command::Batch {
        label: Step::ApplyProposal,
        commands: vec![change, set_resolved(p, thread, true)?],
    })
}

/// Record the project as it is now as a review point named `name`.
pub fn mark_review_point(p: &Project, name: &str) -> R {
    let name = name.trim();
    if name.is_empty() {
        return Err(EditError::EmptyName);
    }
    Ok(Command::AddReviewPoint {
        point: Box::new(ReviewPoint {
            id: PointId::new(),
            name: name.to_string(),
            by: p.actor(),
            at: Utc::now(),
            snapshot: Snapshot::of(p),
        }),
        index: p.review.points.len(),
    })
}
