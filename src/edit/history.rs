//! Undo and redo, built on the inverses that `Command::apply` returns.

use super::{Command, EditError, Step};
use crate::model::Project;

#[derive(Debug, Default)]
pub struct History {
    /// (label of the user's step, its inverse)
    undo: Vec<(Step, Command)>,
    redo: Vec<(Step, Command)>,
    /// Counts every change, for caches and the dirty marker.
    revision: u64,
    saved_revision: u64,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply a new command; it becomes the step to undo.
    pub fn apply(&mut self, project: &mut Project, cmd: Command) -> Result<(), EditError> {
        let label = cmd.label();
        let inverse = cmd.apply(project)?;
        self.undo.push((label, inverse));
        self.redo.clear();
        self.revision += 1;
        Ok(())
    }

    /// Undo the last step. Returns its label, or None if there was nothing.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<Step>, EditError> {
        let Some((label, inverse)) = self.undo.pop() else {
            return Ok(None);
        };
        match inverse.clone().apply(project) {
            Ok(redo) => {
                self.redo.push((label.clone(), redo));
                self.revision += 1;
                Ok(Some(label))
            }
            Err(e) => {
                self.undo.push((label, inverse));
                Err(e)
            }
        }
    }

    pub fn redo(&mut self, project: &mut Project) -> Result<Option<Step>, EditError> {
        let Some((label, cmd)) = self.redo.pop() else {
            return Ok(None);
        };
        match cmd.clone().apply(project) {
            Ok(inverse) => {
                self.undo.push((label.clone(), inverse));
                self.revision += 1;
                Ok(Some(label))
            }
            Err(e) => {
                self.redo.push((label, cmd));
                Err(e)
            }
        }
    }

    pub fn undo_label(&self) -> Option<&Step> {
        self.undo.last().map(|(l, _)| l)
    }

    pub fn redo_label(&self) -> Option<&Step> {
        self.redo.last().map(|(l, _)| l)
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// The project differs from its file (e.g. restored from autosave).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
    }

    /// The state at `revision` was saved (a background save: edits made
    /// since then are still unsaved).
    pub fn mark_saved_at(&mut self, revision: u64) {
        self.saved_revision = revision;
    }

    /// Forget everything (a new project was opened).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}
