//! Undo and redo, built on the inverses that `Command::apply` returns.
//!
//! Each step gets a serial number that it keeps while it moves between the
//! undo and redo stacks. The project's state is named by the serial of the
//! step on top of the undo stack (0 when it is empty), so undoing back to
//! the saved state makes the project clean again, and a state that can no
//! longer be reached (its redo was replaced by a new edit) never is.

use super::{Command, EditError, Step};
use crate::model::Project;

/// The state a project was saved in: `History::state()` at that time.
const NEVER: u64 = u64::MAX;

#[derive(Debug)]
pub struct History {
    /// (label of the user's step, its inverse, its serial)
    undo: Vec<(Step, Command, u64)>,
    redo: Vec<(Step, Command, u64)>,
    next_serial: u64,
    /// The state's name when the undo stack is empty: fresh for each
    /// `clear`, so that a state of the project before is never confused
    /// with one after (a background save finishing after Recover).
    base: u64,
    /// Counts every change (apply, undo, redo).
    revision: u64,
    saved: u64,
}

impl Default for History {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            next_serial: 1,
            base: 0,
            revision: 0,
            // A fresh history is of a project as it was opened.
            saved: 0,
        }
    }
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply a new command; it becomes the step to undo.
    pub fn apply(&mut self, project: &mut Project, cmd: Command) -> Result<(), EditError> {
        super::check::input(&cmd)?;
        let label = cmd.label();
        let inverse = cmd.apply(project)?;
        let serial = self.next_serial;
        self.next_serial += 1;
        self.undo.push((label, inverse, serial));
        self.redo.clear();
        self.revision += 1;
        Ok(())
    }

    /// Undo the last step. Returns its label, or None if there was nothing.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<Step>, EditError> {
        let Some((label, inverse, serial)) = self.undo.pop() else {
            return Ok(None);
        };
        match inverse.clone().apply(project) {
            Ok(redo) => {
                self.redo.push((label.clone(), redo, serial));
                self.revision += 1;
                Ok(Some(label))
            }
            Err(e) => {
                self.undo.push((label, inverse, serial));
                Err(e)
            }
        }
    }

    pub fn redo(&mut self, project: &mut Project) -> Result<Option<Step>, EditError> {
        let Some((label, cmd, serial)) = self.redo.pop() else {
            return Ok(None);
        };
        match cmd.clone().apply(project) {
            Ok(inverse) => {
                self.undo.push((label.clone(), inverse, serial));
                self.revision += 1;
                Ok(Some(label))
            }
            Err(e) => {
                self.redo.push((label, cmd, serial));
                Err(e)
            }
        }
    }

    pub fn undo_label(&self) -> Option<&Step> {
        self.undo.last().map(|(l, _, _)| l)
    }

    pub fn redo_label(&self) -> Option<&Step> {
        self.redo.last().map(|(l, _, _)| l)
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The current state's name (see the module's comment).
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(self.base, |(_, _, s)| *s)
    }

    pub fn is_dirty(&self) -> bool {
        self.saved != self.state()
    }

    /// The project differs from its file (e.g. restored from autosave).
    pub fn mark_unsaved(&mut self) {
        self.saved = NEVER;
    }

    pub fn mark_saved(&mut self) {
        self.saved = self.state();
    }

    /// The project as it was in `state` was saved (a background save:
    /// edits made since then are still unsaved).
    pub fn mark_saved_state(&mut self, state: u64) {
        self.saved = state;
    }

    /// Forget everything (a new project was opened). Serials go on from
    /// where they were, so no earlier state's name is reused.
    pub fn clear(&mut self) {
        let base = self.next_serial;
        *self = Self {
            next_serial: base + 1,
            base,
            saved: base,
            revision: self.revision,
            ..Self::default()
        };
    }
}

// expect() here is on the tests' own fixed inputs: a panic is the test
// failing, with its message; no file or user data reaches it.
#[cfg(test)]
mod tests {
    // `expect` here is on values the test itself made, never on a file's
    // or a user's data: a failure is the test's finding.
    use super::*;
    use crate::model::Code;

    fn add(p: &Project, name: &str) -> Command {
        crate::edit::add_code(p, None, Code::new(name, "#112233"))
    }

    #[test]
    fn undo_back_to_the_saved_state_is_clean_and_redo_past_it_is_not() {
        let mut p = Project::new("t");
        let mut h = History::new();
        let cmd = add(&p, "a");
        h.apply(&mut p, cmd).expect("edit");
        h.mark_saved();
        assert!(!h.is_dirty(), "just saved");
        let cmd = add(&p, "b");
        h.apply(&mut p, cmd).expect("edit");
        assert!(h.is_dirty(), "changed after the save");
        h.undo(&mut p).expect("undo");
        assert!(!h.is_dirty(), "undone back to the saved state");
        h.undo(&mut p).expect("undo");
        assert!(h.is_dirty(), "undone past the saved state");
        h.redo(&mut p).expect("redo");
        assert!(!h.is_dirty(), "redone back to the saved state");
        h.redo(&mut p).expect("redo");
        assert!(h.is_dirty(), "redone past the saved state");
    }

    #[test]
    fn a_background_save_of_an_earlier_state_is_clean_only_there() {
        let mut p = Project::new("t");
        let mut h = History::new();
        let cmd = add(&p, "a");
        h.apply(&mut p, cmd).expect("edit");
        // The save took this state; an edit came in while it was written.
        let saved = h.state();
        let cmd = add(&p, "b");
        h.apply(&mut p, cmd).expect("edit");
        h.mark_saved_state(saved);
        assert!(h.is_dirty(), "the later edit is not in the file");
        h.undo(&mut p).expect("undo");
        assert!(!h.is_dirty(), "back to what the file holds");
    }
}
