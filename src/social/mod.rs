//! The social-media strand: managers' posts and their comments imported as
//! documents (coded like any transcript), the monitored accounts, the
//! starter code system for post types and comment categories, and the
//! Bonsón et al. (2017) indices with the paper's Tables 1 and 2.

mod csv_table;
pub mod import;
pub mod indices;
pub mod starter;
pub mod tables;

pub use import::{Files, Plan, plan};
pub use indices::{By, Figures, Group, Indices, indices};

use crate::import::ImportError;
use chrono::NaiveDate;
use std::path::PathBuf;

/// What is wrong with one cell.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("empty; a value is needed")]
    Empty,
    #[error("'{0}' is not a whole number of 0 or more (digits only)")]
    NotACount(String),
    #[error("'{0}' is not a date of the form YYYY-MM-DD")]
    NotADate(String),
    #[error("'{0}' is neither true nor false")]
    NotAFlag(String),
    #[error("an account needs at least one follower")]
    NoFollowers,
    #[error("the period ends before it starts")]
    EndBeforeStart,
    #[error("this network and account are listed twice")]
    DuplicateAccount,
    #[error("no account '{account}' on '{network}' in the accounts file or the project")]
    UnknownAccount { network: String, account: String },
    #[error("the date is outside the account's period, {start} to {end}")]
    OutsidePeriod { start: NaiveDate, end: NaiveDate },
    #[error("this post_id is listed twice")]
    DuplicatePost,
    #[error(
        "the project already has a document named by this post_id; leave out the posts imported before (they are kept as they are)"
    )]
    PostInProject,
    #[error("this comment_id is listed twice")]
    DuplicateComment,
    #[error(
        "no post with this post_id in the posts file (a post's comments are imported with it, in the same import)"
    )]
    UnknownPost,
    #[error("the post is on '{post_network}'")]
    OtherNetwork { post_network: String },
    #[error(
        "the project has this account with the role '{0}'; its posts keep it, so an import cannot change it"
    )]
    RoleChanged(String),
    #[error(
        "the project has this account with the period {start} to {end}; its posts are counted over it, so an import cannot change it"
    )]
    PeriodChanged { start: NaiveDate, end: NaiveDate },
    #[error("a line break or control character in a name")]
    ControlChar,
    #[error("too many distinct commenters on one post to tell them apart ({0})")]
    TooManyAuthors(usize),
}

/// A bad cell: file, row (its line in the file; the header is row 1),
/// column and problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    pub file: PathBuf,
    pub row: u64,
    pub column: &'static str,
    pub problem: Problem,
}

impl std::fmt::Display for RowIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, row {}, column {}: {}",
            self.file.display(),
            self.row,
            self.column,
            self.problem
        )
    }
}

/// Problems listed in an error's text; the count says how many in all.
pub const SHOWN_ISSUES: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum SocialError {
    #[error(transparent)]
    Read(#[from] ImportError),
    #[error("{}, line {line}: not readable as CSV ({msg}); nothing was imported", .file.display())]
    Malformed {
        file: PathBuf,
        line: u64,
        msg: String,
    },
    #[error("{}: the header lacks the column(s) {}; it needs {}. Nothing was imported", .file.display(), .missing.join(", "), .expected.join(","))]
    Columns {
        file: PathBuf,
        missing: Vec<&'static str>,
        expected: Vec<&'static str>,
    },
    #[error("{}: the header names the column {column} twice; keep one. Nothing was imported", .file.display())]
    ColumnTwice { file: PathBuf, column: &'static str },
    #[error("{}", issues_text(.0))]
    Rows(Vec<RowIssue>),
    /// Indices asked of a project whose posts' variables were edited into
    /// something that is not a count.
    #[error("document '{document}': its variable '{variable}' is '{value}', not a count")]
    BadVariable {
        document: String,
        variable: &'static str,
        value: String,
    },
}

fn issues_text(issues: &[RowIssue]) -> String {
    let n = issues.len();
    let mut t = format!(
        "{n} problem{} found; nothing was imported",
        if n == 1 { "" } else { "s" }
    );
    for i in issues.iter().take(SHOWN_ISSUES) {
        t += &format!("\n  {i}");
    }
    if n > SHOWN_ISSUES {
        t += &format!("\n  … and {} more", n - SHOWN_ISSUES);
    }
    t
}
