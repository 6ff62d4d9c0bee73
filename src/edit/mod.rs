//! Commands and undo. Every change to a project is a `Command`; applying one
//! returns its inverse, and `History` keeps those for undo and redo.

mod apply;
mod compose;
mod history;

pub use compose::*;
pub use history::History;

use crate::model::*;

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
    #[error("coder '{0}' still has codings or memos")]
    CoderInUse(String),
    #[error("no document group with id {0}")]
    NoGroup(GroupId),
    #[error("nothing to group")]
    NothingToGroup,
}

/// One reversible change. Inverses are themselves commands.
#[derive(Clone, Debug, PartialEq)]
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
    /// Several commands as one undo step. All or nothing.
    Batch {
        label: String,
        commands: Vec<Command>,
    },
}

impl Command {
    /// What the Edit menu says: "Undo Rename code".
    pub fn label(&self) -> String {
        use Command::*;
        match self {
            RenameProject { .. } => "Rename project".into(),
            SetLevelNames { .. } => "Rename levels".into(),
            AddCoder { .. } => "Add coder".into(),
            RemoveCoder { .. } => "Remove coder".into(),
            InsertCodes { codes, codings, .. } if codings.is_empty() && codes.len() == 1 => {
                "Add code".into()
            }
            InsertCodes { .. } => "Restore code".into(),
            RemoveCode { .. } => "Delete code".into(),
            RenameCode { .. } => "Rename code".into(),
            SetCodeColor { .. } => "Recolour code".into(),
            SetCodeDescription { .. } => "Edit code description".into(),
            MoveCode { .. } => "Move code".into(),
            InsertCoding { .. } => "Code segment".into(),
            RemoveCoding { .. } => "Remove coding".into(),
            ResizeCoding { .. } => "Resize coding".into(),
            RecodeCoding { .. } => "Change code of segment".into(),
            PutMemo { .. } => "Edit memo".into(),
            RemoveMemo { .. } => "Delete memo".into(),
            InsertDocument { .. } => "Add document".into(),
            RemoveDocument { .. } => "Remove document".into(),
            RenameDocument { .. } => "Rename document".into(),
            SetDocumentGroup { .. } => "Move document to group".into(),
            SetDirection { .. } => "Set text direction".into(),
            SetVariable { .. } => "Set variable".into(),
            AddGroup { .. } => "Add document group".into(),
            RemoveGroup { .. } => "Remove document group".into(),
            Batch { label, .. } => label.clone(),
        }
    }

    /// Apply to `project`; on success the project changed and the inverse is
    /// returned. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Command, EditError> {
        apply::apply(project, self)
    }
}

/// Check a `#rrggbb` colour.
pub fn valid_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit())
}
