//! What panels ask for (`Action`), applied after the frame by
//! `actions::apply`, and what waits on the unsaved-changes question.

use super::{AppCommand, i18n, review};
use crate::edit::Command;
use crate::model::*;
use std::path::PathBuf;

/// What panels ask for; applied after the frame.
#[derive(Clone, Debug)]
pub enum Action {
    Edit(Command),
    /// An edit the user already confirmed (no further questions).
    EditConfirmed(Command),
    Run(AppCommand),
    SelectDoc(DocId),
    SelectCode {
        id: CodeId,
        add: bool,
    },
    ToggleActive(CodeId),
    /// Select a code or document alone, so its memo is in the memo pane.
    ShowMemo(MemoTarget),
    SelectCoding(CodingId),
    JumpTo(DocId, CharRange),
    OpenPicker,
    InVivo,
    ApplyCode(CodeId),
    CreateAndApply(String),
    SetCoder(CoderId),
    SetNewCoderText(String),
    TogglePane(&'static str),
    /// The Persian interface's digits (View menu).
    SetDigits(i18n::Digits),
    AddCoder(String),
    /// The name given at the first start: remembered, chosen where the
    /// project has that coder, added at the first coding where not.
    Login(String),
    OpenRecodePicker(CodingId),
    Recode {
        coding: CodingId,
        code: CodeId,
    },
    CreateAndRecode {
        coding: CodingId,
        name: String,
    },
    OpenPath(PathBuf),
    /// Remove the lock of a project another Strata seemed to hold, and open it.
    Unlock(PathBuf),
    /// Put a damaged project's backup in its place (keeping the damaged
    /// file), and open it.
    RestoreBackup(PathBuf),
    /// Answer to the recovery offer: load the autosaved file, or delete it.
    Recover(bool),
    SaveTo(PathBuf),
    ImportPaths(Vec<PathBuf>),
    ExportTo(PathBuf),
    NewAt(PathBuf),
    /// Show one coder's codings only (None: everyone's).
    ShowCoder(Option<CoderId>),
    /// Show these coders' codings only, each coder's stripes in lanes of
    /// their own, side by side (empty: stop comparing).
    CompareCoders(Vec<CoderId>),
    /// Merge coders' copies of the open project (their base) into a new
    /// project beside it, and open that.
    MergeCopies(Vec<PathBuf>),
    /// The copies chosen: merge them from this base (the file they were
    /// handed out from), with the open project as one more side.
    MergeFrom(PathBuf),
    /// Ask for a file of this kind (the system's dialog or the in-app browser).
    Ask(super::files::PromptKind),
    /// Import another tool's project (.qdpx: a new project beside it) or
    /// codebook (.qdc: into this project, one undo step), with its report.
    ImportOther(PathBuf),
    /// Write the study report (HTML or Markdown, by the extension).
    ReportTo(PathBuf),
    /// Open the review window on a tab.
    OpenReview(review::Tab),
    /// Open the analysis window on a tab.
    OpenAnalysis(super::analysis::Tab),
    /// Social media ▸ Import posts and comments: the dialog opens.
    OpenSocialImport,
    /// Write the table or figure an analysis view kept to this file.
    SaveAnalysis(PathBuf),
    /// The answer to "unsaved changes": save first (or not), then go on.
    Continue {
        pending: Pending,
        save: bool,
    },
    /// A file chosen for the posts import dialog's field of this kind.
    SocialFile(super::files::PromptKind, PathBuf),
    /// Open the creative-coding canvas.
    OpenCards,
    /// The Maps menu and window: show a map.
    Maps(super::maps::MapsAction),
}

/// Open or New, waiting for the user's word on unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Open(PathBuf),
    New(PathBuf),
    /// Help ▸ Open demo project.
    Demo,
    /// Another tool's project, to import and open.
    ImportOther(PathBuf),
}
