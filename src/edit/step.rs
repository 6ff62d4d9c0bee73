//! Names of undo steps, structured: the interface puts them into words in
//! either language, so no label is ever parsed back out of English text.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    RenameProject,
    RenameLevels,
    AddCoder,
    RemoveCoder,
    AddCode,
    RestoreCode,
    DeleteCode,
    RenameCode,
    RecolourCode,
    EditCodeDescription,
    MoveCode,
    CodeSegment,
    /// Coded with an existing code, named.
    CodeSegmentWith {
        code: String,
    },
    /// Coded with a code made for it.
    CodeWithNewCode {
        code: String,
    },
    ChangeCodeOfSegment,
    ChangeCodeToNewCode {
        code: String,
    },
    RemoveCoding,
    ResizeCoding,
    EditMemo,
    DeleteMemo,
    AddDocument,
    RemoveDocument,
    RenameDocument,
    MoveDocumentToGroup,
    MoveDocumentToNewGroup,
    SetTextDirection,
    SetVariable,
    SetVariablesFromCsv,
    AddDocumentGroup,
    RemoveDocumentGroup,
    RestoreDocumentGroup,
    /// Codings and children of `from` moved into `into`.
    MergeCodes {
        from: String,
        into: String,
    },
    /// `count` codes grouped under a new code `name`.
    GroupCodes {
        count: usize,
        name: String,
    },
    Ungroup {
        name: String,
    },
    Import {
        documents: usize,
    },
    LoadCodebook,
    /// A review comment added, resolved or reopened.
    Comment,
    /// A code marked accepted or needing work.
    SetVerdict,
    /// A review point marked or removed.
    ReviewPoint,
    /// A supervisor's proposal applied (rename, merge or move).
    ApplyProposal,
    /// A step made of several others (scripts, tests).
    Several,
    /// Codings read from a CSV or JSONL file (`strata import-codings`),
    /// with the codes and coders they brought.
    ImportCodings {
        codings: usize,
    },
    /// Every hit of a search coded with one code (`strata autocode`).
    Autocode {
        codings: usize,
    },
    /// A monitored social-media account added, changed or removed.
    EditAccount,
    /// Posts (with their comments) and accounts read from CSV files.
    ImportPosts {
        posts: usize,
    },
    /// The starter code system for posts and comments.
    AddSocialCodes,
    /// A map made, changed (a node moved, a link added…) or deleted.
    EditMap,
    /// Cards moved on the creative-coding canvas.
    MoveCards,
}

impl Step {
    /// The English name ("Undo Rename code"); the CLI and tests read it.
    pub fn english(&self) -> String {
        use Step::*;
        match self {
            RenameProject => "Rename project".into(),
            RenameLevels => "Rename levels".into(),
            AddCoder => "Add coder".into(),
            RemoveCoder => "Remove coder".into(),
            AddCode => "Add code".into(),
            RestoreCode => "Restore code".into(),
            DeleteCode => "Delete code".into(),
            RenameCode => "Rename code".into(),
            RecolourCode => "Recolour code".into(),
            EditCodeDescription => "Edit code description".into(),
            MoveCode => "Move code".into(),
            CodeSegment => "Code segment".into(),
            CodeSegmentWith { code } => format!("Code segment with '{code}'"),
            CodeWithNewCode { code } => format!("Code with new code '{code}'"),
            ChangeCodeOfSegment => "Change code of segment".into(),
            ChangeCodeToNewCode { code } => format!("Change code to new code '{code}'"),
            RemoveCoding => "Remove coding".into(),
            ResizeCoding => "Resize coding".into(),
            EditMemo => "Edit memo".into(),
            DeleteMemo => "Delete memo".into(),
            AddDocument => "Add document".into(),
            RemoveDocument => "Remove document".into(),
            RenameDocument => "Rename document".into(),
            MoveDocumentToGroup => "Move document to group".into(),
            MoveDocumentToNewGroup => "Move document to a new group".into(),
            SetTextDirection => "Set text direction".into(),
            SetVariable => "Set variable".into(),
            SetVariablesFromCsv => "Set variables from CSV".into(),
            AddDocumentGroup => "Add document group".into(),
            RemoveDocumentGroup => "Remove document group".into(),
            RestoreDocumentGroup => "Restore document group".into(),
            MergeCodes { from, into } => format!("Merge '{from}' into '{into}'"),
            GroupCodes { count: 1, name } => format!("Group 1 code into '{name}'"),
            GroupCodes { count, name } => format!("Group {count} codes into '{name}'"),
            Ungroup { name } => format!("Ungroup '{name}'"),
            Import { documents: 1 } => "Import 1 document".into(),
            Import { documents } => format!("Import {documents} documents"),
            LoadCodebook => "Load codebook".into(),
            Comment => "Review comment".into(),
            SetVerdict => "Review verdict".into(),
            ReviewPoint => "Review point".into(),
            ApplyProposal => "Apply proposal".into(),
            Several => "Several changes".into(),
            ImportCodings { codings: 1 } => "Import 1 coding".into(),
            ImportCodings { codings } => format!("Import {codings} codings"),
            Autocode { codings: 1 } => "Autocode 1 coding".into(),
            Autocode { codings } => format!("Autocode {codings} codings"),
            EditAccount => "Edit social-media account".into(),
            ImportPosts { posts: 1 } => "Import 1 post".into(),
            ImportPosts { posts } => format!("Import {posts} posts"),
            AddSocialCodes => "Add codes for posts and comments".into(),
            EditMap => "Edit map".into(),
            MoveCards => "Move cards".into(),
        }
    }
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}
