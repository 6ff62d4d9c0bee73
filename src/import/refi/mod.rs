//! REFI-QDA import: whole projects (.qdpx: a zip of `project.qde` and the
//! sources' texts) and codebooks (.qdc). All or nothing: the project is
//! built in memory, and any error comes before anything is written.
//! What was found, what it became, how positions were read and what was
//! left out is in the `RefiReport`.
//!
//! Files in the wild differ from the standard in their details: elements
//! are matched by local name in any `urn:QDA-XML:*` namespace or none,
//! GUIDs without regard to case or braces, the sources folder without
//! regard to case; positions are read as the writing tool counts them
//! (see `sources::counting_of`).

mod archive;
mod build;
mod codes;
mod extras;
mod report;
mod sources;
mod xml;

pub use archive::{Hostile, MAX_ENTRY, MAX_RATIO, MAX_TOTAL};
pub use codes::description;
pub use report::{Count, Issue, Kind, RefiReport};
pub use xml::{MAX_DEPTH, XmlProblem};

use crate::edit::{Command, Step};
use crate::model::*;
use archive::{Archive, ArchiveError};
use build::Build;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum RefiError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: not a REFI-QDA project: a .qdpx is a zip archive, and this file is not one or is cut short ({msg}). Export it again from the program that made it (NVivo, MAXQDA and ATLAS.ti call it a REFI-QDA project export)"
    )]
    NotZip { path: PathBuf, msg: String },
    #[error("{path}: refused, nothing was imported: entry '{entry}': {why}")]
    Hostile {
        path: PathBuf,
        entry: String,
        why: Hostile,
    },
    #[error("{path}: entry '{entry}' is damaged ({msg}); nothing was imported")]
    Damaged {
        path: PathBuf,
        entry: String,
        msg: String,
    },
    #[error("{path}: there is no project.qde inside, so it is not a REFI-QDA project (.qdpx)")]
    NoProject { path: PathBuf },
    #[error("{path}: {}{problem}; nothing was imported", within(path, part))]
    Xml {
        path: PathBuf,
        part: String,
        problem: XmlProblem,
    },
    #[error(
        "{path}: {}its root element is <{found}>, not <{expected}>: it is not a REFI-QDA {what}",
        within(path, part)
    )]
    WrongRoot {
        path: PathBuf,
        part: String,
        found: String,
        expected: &'static str,
        what: &'static str,
    },
    #[error(
        "{path}: the text of source '{entry}' is not UTF-8 (byte {offset}), as REFI-QDA requires; nothing was imported"
    )]
    SourceNotUtf8 {
        path: PathBuf,
        entry: String,
        offset: usize,
    },
    #[error("{path}: larger than {limit_mib} MiB; refused")]
    TooLarge { path: PathBuf, limit_mib: u64 },
}

/// A project read from a REFI-QDA file, and what became of its contents.
pub struct RefiImport {
    pub project: Project,
    pub report: RefiReport,
}

pub(crate) fn archive_error(path: &Path, e: ArchiveError) -> RefiError {
    let path = path.to_path_buf();
    match e {
        ArchiveError::NotZip(msg) => RefiError::NotZip { path, msg },
        ArchiveError::Hostile { entry, why } => RefiError::Hostile { path, entry, why },
        ArchiveError::Damaged { entry, msg } => RefiError::Damaged { path, entry, msg },
    }
}

/// Read a whole file, refusing one larger than `limit`.
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, RefiError> {
    let io = |source| RefiError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(RefiError::TooLarge {
            path: path.to_path_buf(),
            limit_mib: limit / (1024 * 1024),
        });
    }
    Ok(bytes)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "Project".into(), |n| n.to_string_lossy().into_owned())
}

/// Import a whole project (.qdpx).
pub fn import_qdpx(path: &Path) -> Result<RefiImport, RefiError> {
    qdpx_from_bytes(read_capped(path, MAX_TOTAL)?, path)
}

/// Import a .qdpx already in memory; `path` names it in errors and the report.
pub fn qdpx_from_bytes(bytes: Vec<u8>, path: &Path) -> Result<RefiImport, RefiError> {
    let mut archive = Archive::open(bytes).map_err(|e| archive_error(path, e))?;
    let qde = archive
        .find("project.qde")
        .ok_or_else(|| RefiError::NoProject {
            path: path.to_path_buf(),
        })?;
    let part = archive.name(qde).to_string();
    let xml = archive.read(qde).map_err(|e| archive_error(path, e))?;
    let root = parse(path, &part, &xml, "Project", "project")?;
    let origin = root.attr("origin").unwrap_or("").trim().to_string();
    let report = RefiReport {
        file: file_name(path),
        origin: origin.clone(),
        ..RefiReport::default()
    };
    let name = root
        .attr("name")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| stem(path), str::to_string);
    let mut b = Build::new(path, String::new(), report, Some(&mut archive));
    b.p.name = b.name(Some(&name), &stem(path));
    b.counting = sources::counting_of(&origin);
    b.users(root.child("Users"));
    let book = root.child("CodeBook");
    codes::codes(&mut b, book.and_then(|c| c.child("Codes")));
    extras::variables(&mut b, root.child("Variables"));
    let creator = root.attr("creatingUserGUID").map(str::to_string);
    sources::sources(&mut b, root.child("Sources"), creator.as_deref())?;
    if root.child("Sources").is_some() {
        b.r.counting = Some(b.counting);
    }
    extras::cases(&mut b, root.child("Cases"));
    extras::notes(&mut b, root.child("Notes"))?;
    extras::sets(
        &mut b,
        root.child("Sets").or(book.and_then(|c| c.child("Sets"))),
    );
    for (outer, inner) in [("Links", "Link"), ("Graphs", "Graph")] {
        let count = root.child(outer).map_or(0, |l| l.all(inner).count());
        if count > 0 {
            b.r.issues.push(Issue::NotImported {
                element: inner.into(),
                count,
            });
        }
    }
    if let Some(d) = root
        .child_text("Description")
        .filter(|d| !d.trim().is_empty())
    {
        let memo = Memo {
            id: MemoId(build::derived("project-description", &name)),
            target: MemoTarget::Project,
            title: "Description".into(),
            body: d.trim().to_string(),
            stamp: b.stamp(&root),
        };
        b.p.memos.insert(memo.id, memo);
    }
    Ok(finish(b))
}

/// Persian by its code names (their letters mostly right to left, with
/// letters only Persian has: پ چ ژ گ ک ی), or by its texts when the names
/// have no letters; an Arabic or Hebrew study is not Persian.
fn persian_study(p: &Project) -> bool {
    let persian = |s: &str| {
        crate::text::mostly_rtl(s)
            && s.chars()
                .any(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی'))
    };
    let names: String = p
        .codes
        .values()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if names
        .chars()
        .any(|c| crate::text::strong_direction(c).is_some())
    {
        return persian(&names);
    }
    let texts = p
        .documents
        .iter()
        .map(|d| d.text())
        .collect::<Vec<_>>()
        .join("\n");
    persian(&texts)
}

fn finish(b: Build) -> RefiImport {
    let Build { mut p, mut r, .. } = b;
    for (code, count) in p.codable_where_coded() {
        r.issues.push(report::Issue::MadeCodable { code, count });
    }
    // A Persian study gets the Persian level names (کد مفهومی، زیرمقوله،
    // مقوله), as `strata new --persian-levels` gives: REFI-QDA has no
    // place for them.
    if persian_study(&p) {
        p.level_names = LEVEL_NAMES_FA.iter().map(|s| s.to_string()).collect();
    }
    p.reindex();
    p.touch();
    RefiImport {
        project: p,
        report: r,
    }
}

/// "project.qde: " for a part inside an archive; nothing for the file
/// itself (a .qdc), which the message names already.
pub(crate) fn within(path: &Path, part: &str) -> String {
    if path
        .file_name()
        .is_some_and(|n| n.to_string_lossy() == part)
    {
        String::new()
    } else {
        format!("{part}: ")
    }
}

fn parse(
    path: &Path,
    part: &str,
    bytes: &[u8],
    expected: &'static str,
    what: &'static str,
) -> Result<xml::Element, RefiError> {
    let root = xml::parse(bytes).map_err(|problem| RefiError::Xml {
        path: path.to_path_buf(),
        part: part.to_string(),
        problem,
    })?;
    if root.name != expected {
        return Err(RefiError::WrongRoot {
            path: path.to_path_buf(),
            part: part.to_string(),
            found: root.name.clone(),
            expected,
            what,
        });
    }
    Ok(root)
}

/// Import a codebook (.qdc) as a project of codes and code sets only.
pub fn import_qdc(path: &Path) -> Result<RefiImport, RefiError> {
    qdc_from_bytes(&read_capped(path, MAX_ENTRY)?, path)
}

/// Import a .qdc already in memory.
pub fn qdc_from_bytes(bytes: &[u8], path: &Path) -> Result<RefiImport, RefiError> {
    let part = file_name(path);
    let root = parse(path, &part, bytes, "CodeBook", "codebook (.qdc)")?;
    let origin = root.attr("origin").unwrap_or("").trim().to_string();
    let report = RefiReport {
        file: part,
        origin,
        ..RefiReport::default()
    };
    let mut b = Build::new(path, stem(path), report, None);
    codes::codes(&mut b, root.child("Codes"));
    extras::sets(&mut b, root.child("Sets"));
    Ok(finish(b))
}

/// What adding a codebook to a project does: the command, and the
/// codebook's codes that are already there (by ID, or by path of names)
/// and so are not added again.
pub struct CodebookPlan {
    /// One `Batch` (one undo step); empty when every code is there.
    pub command: Command,
    /// Codes added.
    pub added: usize,
    /// Paths ("A / B") of the codes already in the project.
    pub skipped: Vec<String>,
    /// Code sets of the codebook, which are not added (sets are kept in
    /// codebook-only projects made by `import_qdc`).
    pub sets_not_added: usize,
}

/// The codebook's codes added to `p` as one command (one undo step).
/// A code whose ID is in `p`, or whose path of names is (names compared
/// as `Project::child_named` does), is not added again; its children are
/// added under the code `p` has. See `codebook_plan` for what was skipped.
pub fn codebook_into(p: &Project, codebook: &Project) -> Result<Command, RefiError> {
    Ok(codebook_plan(p, codebook).command)
}

/// `codebook_into`, with what was skipped.
pub fn codebook_plan(p: &Project, codebook: &Project) -> CodebookPlan {
    let mut commands = Vec::new();
    let mut skipped = Vec::new();
    // Names of codes added in this batch, under each parent.
    let mut added: std::collections::HashMap<(Option<CodeId>, String), CodeId> = Default::default();
    let mut n = p.codes.len();
    // (codebook code, parent in p)
    let mut stack: Vec<(CodeId, Option<CodeId>)> =
        codebook.roots.iter().rev().map(|r| (*r, None)).collect();
    while let Some((id, parent)) = stack.pop() {
        let Some(code) = codebook.codes.get(&id) else {
            continue;
        };
        let existing = if p.codes.contains_key(&id) {
            Some(id)
        } else {
            p.child_named(parent, &code.name)
                .or_else(|| added.get(&(parent, crate::text::fold(&code.name))).copied())
        };
        let here = match existing {
            Some(e) if p.codes.contains_key(&e) => {
                skipped.push(codebook.code_path_label(id, " / "));
                e
            }
            Some(e) => e,
            None => {
                let mut c = code.clone();
                c.children.clear();
                if c.color.is_empty() {
                    c.color = crate::edit::palette_color(n);
                }
                n += 1;
                added.insert((parent, crate::text::fold(&c.name)), c.id);
                commands.push(Command::InsertCodes {
                    parent,
                    index: usize::MAX,
                    codes: vec![c],
                    codings: vec![],
                    memos: vec![],
                });
                id
            }
        };
        for child in code.children.iter().rev() {
            stack.push((*child, Some(here)));
        }
    }
    CodebookPlan {
        added: commands.len(),
        command: Command::Batch {
            label: Step::LoadCodebook,
            commands,
        },
        skipped,
        sets_not_added: codebook.code_sets.len(),
    }
}

impl CodebookPlan {
    /// What the plan does, in English or Persian.
    pub fn text(&self, persian: bool) -> String {
        let n = |x: usize| {
            if persian {
                report::fa_digits(&x.to_string())
            } else {
                x.to_string()
            }
        };
        let mut out = if persian {
            format!(
                "{} کد افزوده می‌شود؛ {} کد از پیش در پروژه بود و دوباره افزوده نمی‌شود.\n",
                n(self.added),
                n(self.skipped.len())
            )
        } else {
            format!(
                "{} {} added; {} {} in the project already and {} not added again.\n",
                n(self.added),
                if self.added == 1 {
                    "code is"
                } else {
                    "codes are"
                },
                n(self.skipped.len()),
                if self.skipped.len() == 1 {
                    "was"
                } else {
                    "were"
                },
                if self.skipped.len() == 1 { "is" } else { "are" },
            )
        };
        for s in &self.skipped {
            out += &format!("  - {s}\n");
        }
        if self.sets_not_added > 0 {
            out += &if persian {
                format!(
                    "{} مجموعهٔ کد کتاب کد به پروژهٔ موجود افزوده نمی‌شود.\n",
                    n(self.sets_not_added)
                )
            } else {
                format!(
                    "{} {} of the codebook {} not added to an existing project.\n",
                    n(self.sets_not_added),
                    if self.sets_not_added == 1 {
                        "code set"
                    } else {
                        "code sets"
                    },
                    if self.sets_not_added == 1 {
                        "is"
                    } else {
                        "are"
                    },
                )
            };
        }
        out
    }
}
