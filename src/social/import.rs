//! Posts and comments read from CSV files into documents, with the accounts
//! they belong to: all or nothing. Each post is a document named by its
//! `post_id`; line 1 is the post, each further line one comment in file
//! order (`author: text`), a manager's reply written as the manager's line.

use super::csv_table::{Table, parse_count, parse_date, parse_day, parse_flag};
use super::{Problem, RowIssue, SocialError};
use crate::edit::{Command, Step};
use crate::model::{Account, DocGroup, Document, GroupId, Project, Stamp, same_network};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The files of one import (comments are optional).
#[derive(Clone, Copy, Debug)]
pub struct Files<'a> {
    pub accounts: &'a Path,
    pub posts: &'a Path,
    pub comments: Option<&'a Path>,
}

/// What an import will do, and the one command (one undo step) that does it.
#[derive(Clone, Debug)]
pub struct Plan {
    pub command: Command,
    pub accounts: usize,
    pub posts: usize,
    pub comments: usize,
    pub replies: usize,
}

struct Post {
    network: String,
    account: String,
    id: String,
    posted_at: String,
    text: String,
    counts: [u64; 4],
    lines: Vec<String>,
    authors: BTreeSet<String>,
    /// Its row in the posts file.
    row: u64,
}

/// The columns the file's header must name.
pub const ACCOUNT_COLUMNS: [&str; 6] = [
    "network",
    "account",
    "role",
    "followers",
    "period_start",
    "period_end",
];
/// The columns the file's header must name.
pub const POST_COLUMNS: [&str; 9] = [
    "network",
    "account",
    "post_id",
    "posted_at",
    "text",
    "likes",
    "comments",
    "shares",
    "views",
];
/// The columns the file's header must name.
pub const COMMENT_COLUMNS: [&str; 7] = [
    "network",
    "post_id",
    "comment_id",
    "posted_at",
    "author",
    "text",
    "reply_by_manager",
];
/// The counts, in the order of `Post::counts` and of the variables.
pub const COUNTS: [&str; 4] = ["likes", "comments", "shares", "views"];

/// Read the files and plan the import into `p`. Any bad row refuses the
/// whole import; every problem found is reported, by file, row and column.
pub fn plan(p: &Project, files: Files<'_>) -> Result<Plan, SocialError> {
    let accounts_t = Table::read(files.accounts, &ACCOUNT_COLUMNS)?;
    let posts_t = Table::read(files.posts, &POST_COLUMNS)?;
    let comments_t = match files.comments {
        Some(path) => Some(Table::read(path, &COMMENT_COLUMNS)?),
        None => None,
    };
    let mut issues = Vec::new();
    let accounts = read_accounts(p, &accounts_t, &mut issues);
    // Accounts of this import, then those the project has already.
    let find = |network: &str, name: &str| -> Option<Account> {
        accounts
            .iter()
            .find(|a| a.is(network, name))
            .or_else(|| p.account(network, name))
            .cloned()
    };
    let mut posts = read_posts(p, &posts_t, &find, &mut issues);
    // Comments on a post refused above are not reported a second time.
    let listed: BTreeSet<&str> = posts_t
        .rows
        .iter()
        .map(|r| r.get(&posts_t, "post_id"))
        .collect();
    let (comments, replies) = match &comments_t {
        Some(t) => read_comments(t, &mut posts, &listed, &mut issues),
        None => (0, 0),
    };
    // Each post's speakers are its commenters, found by one pattern: one
    // too large to compile is refused here, not set aside at the next load.
    for post in posts.values().filter(|p| !p.authors.is_empty()) {
        if regex::Regex::new(&speaker_pattern(&post.authors)).is_err() {
            issues.push(RowIssue {
                file: files.posts.to_path_buf(),
                row: post.row,
                column: "post_id",
                problem: Problem::TooManyAuthors(post.authors.len()),
            });
        }
    }
    if !issues.is_empty() {
        return Err(SocialError::Rows(issues));
    }
    let mut cmds: Vec<Command> = accounts
        .iter()
        .cloned()
        .map(|account| Command::PutAccount { account })
        .collect();
    let mut groups: BTreeMap<String, GroupId> = BTreeMap::new();
    for post in posts.values() {
        let account = find(&post.network, &post.account);
        let network = account
            .as_ref()
            .map_or(post.network.clone(), |a| a.network.clone());
        let role = account.map(|a| a.role).unwrap_or_default();
        // One document group per network, so that the documents pane keeps
        // each network's posts together (an existing group of that name is
        // used).
        let group = match p.groups.iter().find(|g| g.name == network) {
            Some(g) => g.id,
            None => *groups.entry(network.clone()).or_insert_with(|| {
                let group = DocGroup {
                    id: GroupId::new(),
                    name: network.clone(),
                    description: String::new(),
                    stamp: Stamp::now(None),
                };
                let id = group.id;
                cmds.push(Command::AddGroup {
                    group,
                    index: usize::MAX,
                });
                id
            }),
        };
        let mut doc = Document::new(post.id.clone(), &document_text(post));
        doc.group = Some(group);
        doc.source.file_name = file_name(files.posts);
        doc.source.encoding = "UTF-8".into();
        if !post.authors.is_empty() {
            doc.set_speaker_pattern(speaker_pattern(&post.authors));
        }
        let vars = [
            ("network", network),
            ("account", post.account.clone()),
            ("role", role),
            ("posted_at", post.posted_at.clone()),
        ];
        for (name, value) in vars {
            doc.variables.insert(name.into(), value);
        }
        for (name, n) in COUNTS.iter().zip(post.counts) {
            doc.variables.insert((*name).into(), n.to_string());
        }
        cmds.push(Command::InsertDocument {
            index: usize::MAX,
            document: Box::new(doc),
            codings: vec![],
            memos: vec![],
        });
    }
    Ok(Plan {
        command: Command::Batch {
            label: Step::ImportPosts { posts: posts.len() },
            commands: cmds,
        },
        accounts: accounts.len(),
        posts: posts.len(),
        comments,
        replies,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One line per post or comment: a line break inside one becomes a space.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn document_text(post: &Post) -> String {
    let mut lines = vec![post.text.clone()];
    lines.extend(post.lines.iter().cloned());
    lines.join("\n")
}

/// Exactly this post's authors are its speakers: a comment that happens
/// to start with "word:" is not taken for one, and an author who wrote
/// once (most do) still is.
fn speaker_pattern(authors: &BTreeSet<String>) -> String {
    let alts: Vec<String> = authors.iter().map(|a| regex::escape(a)).collect();
    format!(r"^(?P<author>{})\s*:", alts.join("|"))
}

fn read_accounts(p: &Project, t: &Table, issues: &mut Vec<RowIssue>) -> Vec<Account> {
    let mut out: Vec<Account> = Vec::new();
    for row in &t.rows {
        let at = |col: &'static str, problem| t.issue(row, col, problem);
        let network = row.get(t, "network");
        let name = row.get(t, "account");
        let mut bad = false;
        for (col, v) in [("network", network), ("account", name)] {
            if v.is_empty() {
                issues.push(at(col, Problem::Empty));
                bad = true;
            } else if v.chars().any(char::is_control) {
                issues.push(at(col, Problem::ControlChar));
                bad = true;
            }
        }
        let followers = match parse_count(row.get(t, "followers")) {
            Ok(0) => {
                issues.push(at("followers", Problem::NoFollowers));
                None
            }
            Ok(n) => Some(n),
            Err(pr) => {
                issues.push(at("followers", pr));
                None
            }
        };
        let mut day = |col: &'static str| match parse_day(row.get(t, col)) {
            Ok(d) => Some(d),
            Err(pr) => {
                issues.push(at(col, pr));
                None
            }
        };
        let (start, end) = (day("period_start"), day("period_end"));
        let (Some(followers), Some(start), Some(end), false) = (followers, start, end, bad) else {
            continue;
        };
        if end < start {
            issues.push(at("period_end", Problem::EndBeforeStart));
            continue;
        }
        if out.iter().any(|a| a.is(network, name)) {
            issues.push(at("account", Problem::DuplicateAccount));
            continue;
        }
        let role = row.get(t, "role");
        // An account the project has: its followers may be brought up to
        // date, but its role and period are its posts' too (their
        // variables, the posts counted), so they are not changed here.
        if let Some(old) = p.account(network, name) {
            if old.role != role {
                issues.push(at("role", Problem::RoleChanged(old.role.clone())));
                continue;
            }
            if (old.period_start, old.period_end) != (start, end) {
                let (start, end) = (old.period_start, old.period_end);
                issues.push(at("period_start", Problem::PeriodChanged { start, end }));
                continue;
            }
        }
        // One spelling per network (the project's, else this file's
        // first): `instagram` beside `Instagram` is one group and one
        // column of the matrix.
        let network = p
            .accounts
            .iter()
            .chain(&out)
            .find(|a| same_network(&a.network, network))
            .map_or(network, |a| a.network.as_str())
            .to_string();
        out.push(Account {
            network,
            account: name.to_string(),
            role: role.to_string(),
            followers,
            period_start: start,
            period_end: end,
        });
    }
    out
}

fn read_posts(
    p: &Project,
    t: &Table,
    find: &dyn Fn(&str, &str) -> Option<Account>,
    issues: &mut Vec<RowIssue>,
) -> BTreeMap<String, Post> {
    let mut posts: BTreeMap<String, Post> = BTreeMap::new();
    // In file order, for the documents: a BTreeMap would sort them.
    let mut order: Vec<String> = Vec::new();
    for row in &t.rows {
        let at = |col: &'static str, problem| t.issue(row, col, problem);
        let before = issues.len();
        let (network, name, id) = (
            row.get(t, "network"),
            row.get(t, "account"),
            row.get(t, "post_id"),
        );
        if id.is_empty() {
            issues.push(at("post_id", Problem::Empty));
        } else if id.chars().any(char::is_control) {
            // A document's name is one line.
            issues.push(at("post_id", Problem::ControlChar));
        } else if posts.contains_key(id) {
            issues.push(at("post_id", Problem::DuplicatePost));
        } else if p.document_by_name(id).is_some() {
            issues.push(at("post_id", Problem::PostInProject));
        }
        let account = find(network, name);
        if account.is_none() {
            issues.push(at(
                "account",
                Problem::UnknownAccount {
                    network: network.to_string(),
                    account: name.to_string(),
                },
            ));
        }
        let posted_at = row.get(t, "posted_at");
        match (parse_date(posted_at), &account) {
            (Err(pr), _) => issues.push(at("posted_at", pr)),
            (Ok(day), Some(a)) if !a.covers(day) => issues.push(at(
                "posted_at",
                Problem::OutsidePeriod {
                    start: a.period_start,
                    end: a.period_end,
                },
            )),
            _ => {}
        }
        let mut counts = [0; 4];
        for (i, col) in COUNTS.iter().enumerate() {
            match parse_count(row.get(t, col)) {
                Ok(n) => counts[i] = n,
                Err(pr) => issues.push(at(col, pr)),
            }
        }
        if issues.len() > before {
            continue;
        }
        order.push(id.to_string());
        posts.insert(
            id.to_string(),
            Post {
                network: network.to_string(),
                account: name.to_string(),
                id: id.to_string(),
                posted_at: posted_at.to_string(),
                text: one_line(row.get(t, "text")),
                counts,
                lines: Vec::new(),
                authors: BTreeSet::new(),
                row: row.line,
            },
        );
    }
    // Keyed by file position so that documents come in the file's order.
    order
        .into_iter()
        .enumerate()
        .filter_map(|(i, id)| posts.remove(&id).map(|post| (format!("{i:09}"), post)))
        .collect()
}

fn read_comments(
    t: &Table,
    posts: &mut BTreeMap<String, Post>,
    listed: &BTreeSet<&str>,
    issues: &mut Vec<RowIssue>,
) -> (usize, usize) {
    let by_id: BTreeMap<String, String> = posts
        .iter()
        .map(|(k, post)| (post.id.clone(), k.clone()))
        .collect();
    let mut seen = BTreeSet::new();
    let (mut comments, mut replies) = (0, 0);
    for row in &t.rows {
        let at = |col: &'static str, problem| t.issue(row, col, problem);
        let before = issues.len();
        let id = row.get(t, "comment_id");
        if id.is_empty() {
            issues.push(at("comment_id", Problem::Empty));
        } else if !seen.insert(id.to_string()) {
            issues.push(at("comment_id", Problem::DuplicateComment));
        }
        let post_id = row.get(t, "post_id");
        let key = by_id.get(post_id).cloned();
        match key.as_ref().and_then(|k| posts.get(k)) {
            // Its post was refused (and said so): its own cells are still
            // checked, so that one round of fixes is enough.
            None if listed.contains(post_id) => {}
            None => issues.push(at("post_id", Problem::UnknownPost)),
            Some(post) if !same_network(&post.network, row.get(t, "network")) => issues.push(at(
                "network",
                Problem::OtherNetwork {
                    post_network: post.network.clone(),
                },
            )),
            Some(_) => {}
        }
        if let Err(pr) = parse_date(row.get(t, "posted_at")) {
            issues.push(at("posted_at", pr));
        }
        let reply = match parse_flag(row.get(t, "reply_by_manager")) {
            Ok(b) => b,
            Err(pr) => {
                issues.push(at("reply_by_manager", pr));
                false
            }
        };
        let (Some(post), true) = (key.and_then(|k| posts.get_mut(&k)), issues.len() == before)
        else {
            continue;
        };
        // A reply is the manager's line, under the account's own name
        // whatever the export wrote as its author.
        let author = if reply {
            post.account.clone()
        } else {
            // One line, no colon: the label must end where the text starts.
            one_line(row.get(t, "author"))
                .chars()
                .filter(|c| *c != ':' && !c.is_control())
                .collect()
        };
        let text = one_line(row.get(t, "text"));
        let line = if author.is_empty() {
            text
        } else {
            post.authors.insert(author.clone());
            format!("{author}: {text}")
        };
        post.lines.push(line);
        comments += 1;
        replies += usize::from(reply);
    }
    (comments, replies)
}
