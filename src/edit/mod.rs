//! Commands and undo. Every change to a project is a `Command`; applying one
//! returns its inverse, and `History` keeps those for undo and redo.

mod apply;
mod bulk;
pub mod check;
mod compose;
mod history;
mod map;
mod paths;
mod review;
mod social;
mod step;

pub use compose::*;
pub use history::History;
pub use paths::{PathMaker, PathProblem};
pub use review::{apply_proposal, comment, mark_review_point, reply, set_resolved, set_verdict};
pub use step::Step;

use crate::model::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    #[error("no code with id {0}")]
    NoCode(CodeId),
    #[error("no document with id {0}")]
    NoDocument(DocId),
    #[error("no coding with id {0}")]
    NoCoding(CodingId),
    #[error("no memo with id {0}")]
    NoMemo(MemoId),
    #[error("no coder with id {0}")]
    NoCoder(CoderId),
    #[error("an item with id {0} already exists")]
    Duplicate(String),
    #[error("range {range} is outside the document ({len} chars) or empty")]
    BadRange { range: CharRange, len: usize },
    #[error("cannot move a code into itself or its own subtree")]
    Cycle,
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("a document named '{0}' already exists")]
    DuplicateName(String),
    #[error("'{0}' is not a colour of the form #rrggbb")]
    BadColor(String),
    #[error("coder '{0}' still has codings or memos, or edits recorded in the project's history")]
    CoderInUse(String),
    #[error("no document group with id {0}")]
    NoGroup(GroupId),
    #[error("nothing to group")]
    NothingToGroup,
    /// Every code of a group was chosen to make a group of the same level:
    /// that group exists already, and would be left empty.
    #[error("these are all the codes of '{0}': it is already their group (rename it instead)")]
    AlreadyTheirGroup(String),
    #[error("this segment is already coded with this code by this coder")]
    DuplicateCoding,
    #[error("'{0}' only groups other codes and cannot be applied to text; choose one of its codes")]
    NotCodable(String),
    #[error("a coder needs a name")]
    EmptyCoderName,
    #[error("a {0} needs a name that is not blank")]
    BlankName(&'static str),
    #[error("a {what} name cannot contain {why}; without it the name would be '{name}'")]
    BadName {
        what: &'static str,
        name: String,
        why: &'static str,
    },
    #[error("a {what} name can have at most {max} characters; this one has {len}. Put longer text in its description or a memo", max = check::MAX_NAME_CHARS)]
    LongName { what: &'static str, len: usize },
    #[error("a coder named '{0}' already exists")]
    DuplicateCoder(String),
    #[error("no review thread with id {0}")]
    NoThread(ThreadId),
    #[error("no review point with id {0}")]
    NoPoint(PointId),
    #[error("a comment cannot be empty")]
    EmptyComment,
    #[error("no {0} account named '{1}'")]
    NoAccount(String, String),
    #[error("account '{0}': {1}")]
    BadAccount(String, &'static str),
    #[error("no map with id {0}")]
    NoMap(MapId),
    #[error("a map named '{0}' already exists")]
    DuplicateMapName(String),
    #[error("map '{0}': a link joins a node the map does not have")]
    BadLink(String),
    #[error("'{0}' would be placed at no point of the canvas (not a finite number)")]
    BadPlace(String),
    #[error(
        "part of a failed step could not be undone ({0}); the project may be partly changed: undo, or reopen it without saving"
    )]
    RollbackFailed(Box<EditError>),
}

/// One reversible change. Inverses are themselves commands. Commands are
/// data (serde), so they can be logged, sent or replayed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    RenameProject {
        name: String,
    },
    SetLevelNames {
        names: Vec<String>,
    },
    AddCoder {
        coder: Coder,
        index: usize,
    },
    RemoveCoder {
        id: CoderId,
    },
    /// Insert a code subtree (first code is the subtree root) with its codings
    /// and memos under `parent` at `index`. Adding a new code is the simple case.
    InsertCodes {
        parent: Option<CodeId>,
        index: usize,
        codes: Vec<Code>,
        codings: Vec<Coding>,
        memos: Vec<Memo>,
    },
    /// Remove a code with its subtree, codings and memos.
    RemoveCode {
        id: CodeId,
    },
    RenameCode {
        id: CodeId,
        name: String,
    },
    SetCodeColor {
        id: CodeId,
        color: String,
    },
    SetCodeDescription {
        id: CodeId,
        description: Description,
    },
    MoveCode {
        id: CodeId,
        parent: Option<CodeId>,
        index: usize,
    },
    InsertCoding {
        coding: Coding,
        memos: Vec<Memo>,
    },
    RemoveCoding {
        id: CodingId,
    },
    ResizeCoding {
        id: CodingId,
        range: CharRange,
    },
    RecodeCoding {
        id: CodingId,
        code: CodeId,
    },
    /// Insert or replace a memo.
    PutMemo {
        memo: Memo,
    },
    RemoveMemo {
        id: MemoId,
    },
    InsertDocument {
        index: usize,
        document: Box<Document>,
        codings: Vec<Coding>,
        memos: Vec<Memo>,
    },
    RemoveDocument {
        id: DocId,
    },
    RenameDocument {
        id: DocId,
        name: String,
    },
    SetDocumentGroup {
        id: DocId,
        group: Option<GroupId>,
    },
    SetDirection {
        id: DocId,
        direction: Direction,
    },
    /// The direction of every document left on Auto.
    SetProjectDirection {
        direction: Direction,
    },
    /// Set (Some) or clear (None) a document variable.
    SetVariable {
        id: DocId,
        name: String,
        value: Option<String>,
    },
    AddGroup {
        group: DocGroup,
        index: usize,
    },
    RemoveGroup {
        id: GroupId,
    },
    /// Insert or replace a review thread (a comment added, resolved or
    /// reopened, a proposal made).
    PutThread {
        thread: Thread,
    },
    RemoveThread {
        id: ThreadId,
    },
    /// A supervisor's verdict on a code (None: no verdict).
    SetVerdict {
        code: CodeId,
        verdict: Option<CodeVerdict>,
    },
    /// Mark a review point at `index` in the list.
    AddReviewPoint {
        point: Box<ReviewPoint>,
        index: usize,
    },
    RemoveReviewPoint {
        id: PointId,
    },
    /// Add a monitored social-media account, or replace the one of the
    /// same network and name.
    PutAccount {
        account: Account,
    },
    RemoveAccount {
        network: String,
        account: String,
    },
    /// Add a map at `index`, or replace the map of the same ID (where it is).
    PutMap {
        map: Box<Map>,
        index: usize,
    },
    RemoveMap {
        id: MapId,
    },
    /// Place the creative-coding canvas's cards (None: unplaced).
    PlaceCards {
        cards: Vec<(CodeId, Option<Pos>)>,
    },
    /// Several commands as one undo step. All or nothing.
    Batch {
        label: Step,
        commands: Vec<Command>,
    },
    /// `command`, then the changed item's history set to `stamp` exactly.
    /// Inverses are of this form, so that undo restores who changed an item
    /// last and when, not only its content.
    Stamped {
        command: Box<Command>,
        stamp: Stamp,
    },
}

/// The item whose history a command changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Changed {
    Code(CodeId),
    Coding(CodingId),
    Document(DocId),
}

impl Command {
    /// What the Edit menu says: "Undo Rename code".
    pub fn label(&self) -> Step {
        use Command::*;
        match self {
            RenameProject { .. } => Step::RenameProject,
            SetLevelNames { .. } => Step::RenameLevels,
            AddCoder { .. } => Step::AddCoder,
            RemoveCoder { .. } => Step::RemoveCoder,
            InsertCodes { codes, codings, .. } if codings.is_empty() && codes.len() == 1 => {
                Step::AddCode
            }
            InsertCodes { .. } => Step::RestoreCode,
            RemoveCode { .. } => Step::DeleteCode,
            RenameCode { .. } => Step::RenameCode,
            SetCodeColor { .. } => Step::RecolourCode,
            SetCodeDescription { .. } => Step::EditCodeDescription,
            MoveCode { .. } => Step::MoveCode,
            InsertCoding { .. } => Step::CodeSegment,
            RemoveCoding { .. } => Step::RemoveCoding,
            ResizeCoding { .. } => Step::ResizeCoding,
            RecodeCoding { .. } => Step::ChangeCodeOfSegment,
            PutMemo { .. } => Step::EditMemo,
            RemoveMemo { .. } => Step::DeleteMemo,
            InsertDocument { .. } => Step::AddDocument,
            RemoveDocument { .. } => Step::RemoveDocument,
            RenameDocument { .. } => Step::RenameDocument,
            SetDocumentGroup { .. } => Step::MoveDocumentToGroup,
            SetDirection { .. } | SetProjectDirection { .. } => Step::SetTextDirection,
            SetVariable { .. } => Step::SetVariable,
            AddGroup { .. } => Step::AddDocumentGroup,
            RemoveGroup { .. } => Step::RemoveDocumentGroup,
            PutThread { .. } | RemoveThread { .. } => Step::Comment,
            SetVerdict { .. } => Step::SetVerdict,
            AddReviewPoint { .. } | RemoveReviewPoint { .. } => Step::ReviewPoint,
            PutAccount { .. } | RemoveAccount { .. } => Step::EditAccount,
            PutMap { .. } | RemoveMap { .. } => Step::EditMap,
            PlaceCards { .. } => Step::MoveCards,
            Batch { label, .. } => label.clone(),
            Stamped { command, .. } => command.label(),
        }
    }

    /// The item whose history (`modified`, `modified_by`) this command
    /// changes, if it edits an existing one.
    fn changes(&self) -> Option<Changed> {
        use Command::*;
        match self {
            RenameCode { id, .. }
            | SetCodeColor { id, .. }
            | SetCodeDescription { id, .. }
            | MoveCode { id, .. } => Some(Changed::Code(*id)),
            ResizeCoding { id, .. } | RecodeCoding { id, .. } => Some(Changed::Coding(*id)),
            RenameDocument { id, .. }
            | SetDocumentGroup { id, .. }
            | SetDirection { id, .. }
            | SetVariable { id, .. } => Some(Changed::Document(*id)),
            _ => None,
        }
    }

    /// Apply to `project`; on success the project changed and the inverse is
    /// returned. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Command, EditError> {
        let coding_change = coding_change(&self, project);
        let is_batch = matches!(self, Command::Batch { .. });
        // A `Stamped` command sets the history exactly (undo); any other
        // records the change as the acting coder's, now.
        let (cmd, exact) = match self {
            Command::Stamped { command, stamp } => (*command, Some(stamp)),
            cmd => (cmd, None),
        };
        let changed = cmd.changes();
        let old = changed.and_then(|c| stamp_of(project, c));
        let inverse = apply::apply(project, cmd)?;
        if let Some(c) = changed {
            let by = project.actor();
            set_stamp(project, c, |s| match exact {
                Some(stamp) => *s = stamp,
                None => s.touch(by),
            });
        }
        let inverse = wrap(inverse, old);
        match coding_change {
            Some(change) => project.touch_coding(change),
            // Each command of a batch already kept the index right.
            None if is_batch => project.touch_keep_index(),
            None => project.touch(),
        }
        Ok(inverse)
    }
}

/// What `cmd` will do to the codings alone, when that is all it does (so
/// the index can follow without a rebuild).
fn coding_change(cmd: &Command, p: &Project) -> Option<CodingChange> {
    match cmd {
        Command::InsertCoding { coding, memos } => Some(CodingChange::Added(
            coding.id,
            memos.iter().map(|m| m.id).collect(),
        )),
        Command::RemoveCoding { id } => p.codings.get(id).cloned().map(CodingChange::Removed),
        Command::ResizeCoding { id, .. } | Command::RecodeCoding { id, .. } => {
            p.codings.get(id).cloned().map(CodingChange::Changed)
        }
        Command::Stamped { command, .. } => coding_change(command, p),
        _ => None,
    }
}

fn wrap(inverse: Command, old: Option<Stamp>) -> Command {
    match old {
        Some(stamp) => Command::Stamped {
            command: Box::new(inverse),
            stamp,
        },
        None => inverse,
    }
}

fn stamp_of(p: &Project, c: Changed) -> Option<Stamp> {
    match c {
        Changed::Code(id) => p.codes.get(&id).map(|x| x.stamp),
        Changed::Coding(id) => p.codings.get(&id).map(|x| x.stamp),
        Changed::Document(id) => p.document(id).map(|x| x.stamp),
    }
}

fn set_stamp(p: &mut Project, c: Changed, f: impl FnOnce(&mut Stamp)) {
    let stamp = match c {
        Changed::Code(id) => p.codes.get_mut(&id).map(|x| &mut x.stamp),
        Changed::Coding(id) => p.codings.get_mut(&id).map(|x| &mut x.stamp),
        Changed::Document(id) => {
            let i = p.document_index(id);
            i.and_then(|i| p.documents.get_mut(i)).map(|x| &mut x.stamp)
        }
    };
    if let Some(s) = stamp {
        f(s);
    }
}

/// Check a `#rrggbb` colour.
pub fn valid_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit())
}
