//! The command-line interface: each subcommand loads a project, applies
//! commands from `crate::edit` (as the GUI does) and saves.

mod agreement;
mod args;
mod codebook;
mod codings;
mod freq;
mod map;
mod matrix;
mod refi;
mod report;
mod retrieve;
mod review;
mod search;
mod social;
mod team;

pub use args::{Cli, Cmd, LangArg, SocialCmd, Span};

use crate::edit::{self, Command, History};
use crate::export::{self, ExportOptions};
use crate::model::*;
use crate::store::{self, Lock};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Lock(#[from] store::LockError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Bulk(#[from] crate::import::codings::BulkError),
    #[error(transparent)]
    Refi(#[from] crate::import::refi::RefiError),
    #[error(transparent)]
    Social(#[from] crate::social::SocialError),
    #[error("{path}: {msg}")]
    Input { path: PathBuf, msg: String },
    #[error("{0}")]
    Usage(String),
    /// Standard output was closed by its reader (`| head`): the command
    /// stops quietly, as Unix tools do.
    #[error("standard output was closed")]
    ClosedPipe,
}

/// One line to stderr, for messages. If stderr itself cannot be written
/// (closed, or a full disk behind `2>file`), there is nowhere left to
/// tell: the command's work and exit code stand, and it must not panic as
/// `eprintln!` would.
pub fn say(args: std::fmt::Arguments) {
    let mut err = std::io::stderr().lock();
    // Ignored on purpose: nowhere is left to report a failure to report.
    let _ = writeln!(err, "{args}"); // see the comment above
}

macro_rules! say {
    ($($t:tt)*) => {
        $crate::cli::say(format_args!($($t)*))
    };
}

fn input(path: &Path, msg: impl std::fmt::Display) -> CliError {
    CliError::Input {
        path: path.to_path_buf(),
        msg: msg.to_string(),
    }
}

/// Write a command's answer to stdout; a failure (a full disk behind a
/// redirect, say) is an error like any other.
fn print_out(text: &str) -> Result<(), CliError> {
    print_bytes(text.as_bytes())
}

/// `print_out` for any bytes (a zip, when exported to standard output).
fn print_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                CliError::ClosedPipe
            } else {
                input(
                    Path::new("standard output"),
                    format!("cannot write: {e}. Nothing more was written"),
                )
            }
        })
}

fn load(path: &Path) -> Result<Project, CliError> {
    Ok(load_reporting(path)?.0)
}

/// Load, saying the problems found; also whether there were any.
fn load_reporting(path: &Path) -> Result<(Project, bool), CliError> {
    let (p, problems) = store::load(path)?;
    for pr in &problems {
        say!("warning: {}: {pr}", path.display());
    }
    Ok((p, !problems.is_empty()))
}

/// Lock, load, change, save. `f` returns the commands to apply (as one step).
/// `actor` is the coder on whose behalf (made if the project has no coder of
/// that name), recorded in the history of what changes.
fn modify(
    path: &Path,
    actor: Option<&str>,
    f: impl FnOnce(&Project) -> Result<Vec<Command>, CliError>,
) -> Result<Project, CliError> {
    // A symlinked project is locked and saved at its target.
    let path = &store::resolve(path)?;
    let lock = match Lock::acquire(path, false) {
        Err(store::LockError::Stale { .. }) => {
            let lock = Lock::acquire(path, true)?;
            say!("note: took over a stale lock on {}", path.display());
            lock
        }
        other => other?,
    };
    report_sweep(&store::sweep_temps(path));
    let (mut p, had_problems) = load_reporting(path)?;
    let mut history = History::new();
    if let Some(name) = actor {
        let (add, id) = edit::ensure_coder(&p, name).map_err(|e| input(path, e))?;
        if let Some(cmd) = add {
            history.apply(&mut p, cmd).map_err(|e| input(path, e))?;
        }
        p.set_actor(Some(id));
    }
    let cmds = f(&p)?;
    for c in cmds {
        history.apply(&mut p, c).map_err(|e| input(path, e))?;
    }
    if had_problems && let Some(kept) = store::keep_before_damage(path)? {
        // Saves rotate the backup: the one from before the damage keeps a
        // name of its own, for `strata restore`.
        say!(
            "note: the backup from before these problems is kept as {}",
            kept.display()
        );
    }
    // Nothing changed (a codebook whose codes are all there, a bulk file
    // of repeats) in a file of this build's format: left as it was, not
    // rewritten. (An older file is written anew: that is `upgrade`.)
    if history.undo_label().is_none()
        && !had_problems
        && store::file_version(path)? == Some(store::FORMAT_VERSION)
    {
        return Ok(p);
    }
    store::save(&p, path)?;
    drop(lock);
    Ok(p)
}

/// Say what was cleaned up after interrupted saves, and what could not be.
fn report_sweep(swept: &store::Swept) {
    if !swept.removed.is_empty() {
        say!(
            "note: removed {} temporary file(s) left by interrupted saves",
            swept.removed.len()
        );
    }
    for (path, e) in &swept.failed {
        say!(
            "warning: {}: a temporary file left by an interrupted save could not be removed ({e}); remove it by hand",
            path.display()
        );
    }
}

fn find_doc<'a>(p: &'a Project, path: &Path, name: &str) -> Result<&'a Document, CliError> {
    p.document_by_name(name).ok_or_else(|| {
        let names: Vec<&str> = p.documents.iter().map(|d| d.name.as_str()).collect();
        input(
            path,
            format!(
                "no document named '{name}'. Documents: {}",
                names.join(", ")
            ),
        )
    })
}

/// Run one subcommand. Data goes to stdout, messages to stderr.
pub fn run(cmd: Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::New {
            path,
            name,
            persian_levels,
        } => {
            if path.exists() {
                return Err(input(&path, "already exists; choose another name"));
            }
            let name = name.unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Project".into())
            });
            let mut p = Project::new(name);
            if persian_levels {
                p.level_names = LEVEL_NAMES_FA.iter().map(|s| s.to_string()).collect();
            }
            store::save(&p, &path)?;
            say!("created {}", path.display());
        }
        Cmd::Import {
            project,
            files,
            encoding,
            max_size,
            speaker_pattern,
            rtl,
            ltr,
        } => {
            let opts = crate::import::ImportOptions {
                encoding,
                max_mib: max_size,
                speaker_pattern,
                direction: match (rtl, ltr) {
                    (true, _) => Direction::Rtl,
                    (_, true) => Direction::Ltr,
                    _ => Direction::Auto,
                },
            };
            let p = modify(&project, None, |p| {
                Ok(vec![crate::import::import_files(p, &files, &opts)?])
            })?;
            for f in &files {
                let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned());
                let stem = stem.map(|s| crate::edit::check::clean_name(&s));
                if let Some(d) = stem.and_then(|s| p.document_by_name(&s)) {
                    say!(
                        "imported {} ({}, {} lines)",
                        f.display(),
                        d.source.encoding,
                        d.line_count()
                    );
                    if d.source.encoding.contains('\u{FFFD}') {
                        say!(
                            "warning: {}: some bytes were not UTF-8 and show as \u{FFFD}; check the lines named above",
                            f.display()
                        );
                    }
                }
            }
        }
        Cmd::Vars {
            project,
            csv,
            document,
            set,
        } => {
            modify(&project, None, |p| {
                if let Some(csv) = &csv {
                    return Ok(vec![crate::import::variables_from_csv(p, csv)?]);
                }
                let name = document.as_deref().unwrap_or("");
                let doc = find_doc(p, &project, name)?;
                set.iter()
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').ok_or_else(|| {
                            CliError::Usage(format!("--set takes NAME=VALUE, got '{kv}'"))
                        })?;
                        Ok(Command::SetVariable {
                            id: doc.id,
                            name: k.trim().to_string(),
                            value: (!v.trim().is_empty()).then(|| v.trim().to_string()),
                        })
                    })
                    .collect()
            })?;
        }
        Cmd::Codebook { project, file } => {
            let p = modify(&project, None, |p| codebook::commands(p, &file))?;
            say!("the code tree now has {} codes", p.codes.len());
        }
        Cmd::ImportQdpx {
            file,
            output,
            into,
            persian,
        } => refi::run(&file, output.as_deref(), into.as_deref(), persian)?,
        Cmd::Code {
            project,
            document,
            span,
            code,
            coder,
            create,
            deeper,
        } => {
            modify(&project, Some(&coder), |p| {
                use crate::import::codings::{Span as At, parse_span};
                let doc = find_doc(p, &project, &document)?;
                let at = if let Some(l) = &span.lines {
                    let (a, b) = parse_span(l)
                        .ok_or_else(|| CliError::Usage(format!("--lines takes A-B, got '{l}'")))?;
                    At::Lines(a, b)
                } else {
                    let c = span.chars.as_deref().unwrap_or("");
                    let (a, b) = parse_span(c)
                        .ok_or_else(|| CliError::Usage(format!("--chars takes A-B, got '{c}'")))?;
                    At::Chars(a, b)
                };
                let range = at.range(doc).map_err(|e| input(&project, e))?;
                // `modify` made the coder if it was new.
                let coder_id = p.actor().ok_or_else(|| input(&project, "no coder"))?;
                let mut maker = edit::PathMaker::new(p, create, deeper, Some(coder_id));
                let code_id = maker
                    .resolve(&code)
                    .map_err(|e| input(&project, format!("{e}; nothing was changed")))?;
                let mut cmds = maker.finish().0;
                cmds.push(edit::new_coding(doc.id, range, code_id, coder_id));
                Ok(vec![Command::Batch {
                    label: edit::Step::CodeSegment,
                    commands: cmds,
                }])
            })?;
            say!("coded {document} with '{code}' as {}", coder.trim());
        }
        cmd @ Cmd::ImportCodings { .. } => codings::run(cmd)?,
        Cmd::Memo {
            project,
            code,
            document,
            title,
            body,
            author,
        } => {
            modify(&project, author.as_deref(), |p| {
                let target = match (&code, &document) {
                    (Some(c), _) => {
                        MemoTarget::Code(p.resolve_path(c).map_err(|e| input(&project, e))?)
                    }
                    (_, Some(d)) => MemoTarget::Document(find_doc(p, &project, d)?.id),
                    _ => MemoTarget::Project,
                };
                // `modify` made the author a coder if they were new.
                Ok(vec![edit::put_memo(None, target, &title, &body, p.actor())])
            })?;
            say!("memo '{title}' written");
        }
        Cmd::Codes { project } => {
            let p = load(&project)?;
            print_out(&tree_text(&p))?;
        }
        Cmd::Restore { project, force } => {
            let lock = match Lock::acquire(&project, false) {
                Err(store::LockError::Stale { .. }) => Lock::acquire(&project, true)?,
                other => other?,
            };
            let kept = store::restore_backup(&project, force)?;
            drop(lock);
            say!(
                "restored {} from {}; the damaged file is kept as {}",
                project.display(),
                store::backup_path(&project).display(),
                kept.display()
            );
        }
        Cmd::Unlock { project, force } => match store::unlock(&project, force) {
            Ok(u) => say!(
                "removed {} (pid {} on {}{})",
                u.path.display(),
                u.pid,
                u.host,
                store::since(u.made)
            ),
            Err(store::LockError::Held {
                path,
                pid,
                host,
                made,
            }) => {
                return Err(input(
                    &path,
                    format!(
                        "a running Strata holds this lock, as the system confirms (pid {pid} on {host}{}); close the project there. Only if that machine is gone (a lock on a network folder), add --force",
                        store::since(made)
                    ),
                ));
            }
            Err(e) => return Err(e.into()),
        },
        Cmd::Export {
            project,
            format,
            output,
            no_interviewer,
            dir,
        } => {
            if output.as_os_str() != "-" {
                // Before the work of loading: a refusal costs nothing.
                store::check_export_target(&output, Some(&project))?;
            }
            let p = load(&project)?;
            let opts = ExportOptions {
                exclude_interviewer: no_interviewer,
                rtl: dir.map(|d| d == args::TableDir::Rtl),
            };
            let to_stdout = output.as_os_str() == "-";
            let zip = matches!(format, export::Format::Qdpx | export::Format::Xlsx);
            if to_stdout && zip && std::io::stdout().is_terminal() {
                return Err(CliError::Usage(
                    "a .qdpx or .xlsx is a zip file: give --output FILE (or redirect standard output)"
                        .into(),
                ));
            }
            let bytes = export::export_bytes(&p, format, &opts).map_err(|e| input(&project, e))?;
            if to_stdout {
                print_bytes(&bytes)?;
            } else {
                store::check_export_target(&output, Some(&project))?;
                store::write_atomic_from(&output, &bytes, false, Some(&project))?;
                say!("wrote {}", output.display());
            }
        }
        Cmd::Upgrade { project } => {
            let old = store::file_version(&project)?;
            if old == Some(store::FORMAT_VERSION) {
                say!(
                    "{}: already in format version {}; nothing to do",
                    project.display(),
                    store::FORMAT_VERSION
                );
                return Ok(());
            }
            modify(&project, None, |_| Ok(vec![]))?;
            let kept = old.map(|v| (v, store::older_backup_path(&project, v)));
            if let Some((v, kept)) = kept.filter(|(_, k)| k.exists()) {
                say!(
                    "{}: written in format version {}; the version-{v} file is kept as {}",
                    project.display(),
                    store::FORMAT_VERSION,
                    kept.display()
                );
            } else {
                say!(
                    "{}: written in format version {}",
                    project.display(),
                    store::FORMAT_VERSION
                );
            }
        }
        Cmd::Check { project } => {
            let (p, problems) = store::load(&project)?;
            let at = project.display();
            let mut lines: Vec<String> = problems.iter().map(|pr| format!("{at}: {pr}")).collect();
            lines.extend(
                crate::analysis::level_notes(&p)
                    .into_iter()
                    .map(|note| format!("{at}: note: {note}")),
            );
            if let Some(v) = store::file_version(&project)?
                && v < store::FORMAT_VERSION
            {
                lines.push(format!(
                    "{at}: note: written by an older Strata (format version {v}); the next save, or `strata upgrade`, writes version {} and keeps this file as {}",
                    store::FORMAT_VERSION,
                    store::older_backup_path(&project, v).display()
                ));
            }
            if problems.is_empty() && p.set_aside.is_empty() {
                lines.push(format!("{at}: no problems found"));
            } else if problems.is_empty() {
                lines.push(format!(
                    "{at}: no new problems; {} items are set aside from an earlier load",
                    p.set_aside.len()
                ));
            }
            print_out(&lines.iter().map(|l| format!("{l}\n")).collect::<String>())?;
            if !problems.is_empty() {
                return Err(input(
                    &project,
                    format!(
                        "{} problem(s) found; the project opens with those items set aside",
                        problems.len()
                    ),
                ));
            }
        }
        cmd @ Cmd::Agreement { .. } => agreement::run(cmd)?,
        Cmd::Stats { project, json } => {
            let p = load(&project)?;
            let s = crate::analysis::stats(&p);
            let text = if json {
                let text = serde_json::to_string_pretty(&s).map_err(|e| input(&project, e))?;
                format!("{text}\n")
            } else {
                let mut t = format!("documents: {}\n", s.documents);
                for (level, n) in &s.codes_per_level {
                    t += &format!("{} (level {level}): {n}\n", p.level_name(*level));
                }
                t += &format!(
                    "codings: {}\ncoders: {}\nmemos: {}\n",
                    s.codings, s.coders, s.memos
                );
                t
            };
            print_out(&text)?;
        }
        Cmd::Merge {
            base,
            copies,
            output,
            json,
            report,
            force,
            honour_deletions,
        } => team::merge(
            &base,
            &copies,
            &output,
            json,
            report.as_deref(),
            force,
            honour_deletions,
        )?,
        Cmd::MergeDriver {
            base,
            ours,
            theirs,
            path,
            honour_deletions,
        } => team::merge_driver(&base, &ours, &theirs, path.as_deref(), honour_deletions)?,
        Cmd::Diff { old, new, json } => team::diff(&old, &new, json)?,
        cmd @ Cmd::Review { .. } => review::run(cmd)?,
        cmd @ Cmd::Report { .. } => report::run(cmd)?,
        cmd @ (Cmd::Search { .. } | Cmd::Autocode { .. }) => search::run(cmd)?,
        Cmd::Show { project } => print_out(&crate::merge::show(&load(&project)?))?,
        cmd @ (Cmd::Matrix { .. } | Cmd::Cooccur { .. }) => matrix::run(cmd)?,
        cmd @ (Cmd::Freq { .. } | Cmd::Words { .. }) => freq::run(cmd)?,
        Cmd::Social { cmd } => social::run(cmd)?,
        cmd @ Cmd::Map { .. } => map::run(cmd)?,
        Cmd::Retrieve {
            project,
            query,
            json,
        } => retrieve::run(&project, &query, json)?,
    }
    Ok(())
}

fn tree_text(p: &Project) -> String {
    let ix = p.index();
    let (own, total) = (ix.own_counts(), ix.total_counts());
    let mut out = String::new();
    for (id, depth) in p.walk() {
        let Some(code) = p.codes.get(&id) else {
            continue;
        };
        let level = ix.level(id);
        out.push_str(&format!(
            "{}{} [L{level} {}] ({} own, {} total)\n",
            "  ".repeat(depth),
            code.name,
            p.level_name(level),
            own.get(&id).copied().unwrap_or(0),
            total.get(&id).copied().unwrap_or(0),
        ));
    }
    out
}
