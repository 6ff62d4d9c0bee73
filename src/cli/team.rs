//! Teamwork on the command line: merging coders' copies, git's merge
//! driver, and what changed between two versions of a project.

use super::{CliError, input, load, load_reporting, print_out, say};
use crate::merge::{self, MergeReport};
use crate::model::Project;
use crate::store::{self, Lock};
use std::path::Path;

fn note(args: std::fmt::Arguments) {
    say(args);
}

/// A short name for each input in the report: its file name, or its whole
/// path where two inputs share a file name.
fn labels(paths: &[&Path]) -> Vec<String> {
    let name = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    paths
        .iter()
        .map(|p| {
            let n = name(p);
            if paths.iter().filter(|q| name(q) == n).count() > 1 {
                p.display().to_string()
            } else {
                n
            }
        })
        .collect()
}

fn report_json(report: &MergeReport, at: &Path) -> Result<String, CliError> {
    let text = serde_json::to_string_pretty(report).map_err(|e| input(at, e))?;
    Ok(format!("{text}\n"))
}

/// `strata merge BASE COPY… --output MERGED`.
pub(super) fn merge(
    base_path: &Path,
    copies: &[std::path::PathBuf],
    output: &Path,
    json: bool,
    report_path: Option<&Path>,
    force: bool,
    honour_deletions: bool,
) -> Result<(), CliError> {
    let inputs: Vec<&Path> = std::iter::once(base_path)
        .chain(copies.iter().map(|p| p.as_path()))
        .collect();
    // Never over an input, even with --force: the merge would destroy
    // one of the versions it was made from.
    if let Some(i) = inputs
        .iter()
        .find(|i| **i == output || store::same_file(i, output))
    {
        return Err(input(
            output,
            format!(
                "is an input of this merge ({}); write the merged project to a new file",
                i.display()
            ),
        ));
    }
    if output.exists() && !force {
        return Err(input(
            output,
            "already exists; choose a new file for the merged project, or add --force to replace it (the old file is kept as .bak)",
        ));
    }
    // The report's file is checked before anything is written: never over
    // a project (an input, or the merge itself).
    if let Some(r) = report_path {
        for i in inputs.iter().copied().chain(std::iter::once(output)) {
            if r == i || store::same_file(r, i) {
                return Err(input(
                    r,
                    "is a project of this merge; write the report to a new file",
                ));
            }
        }
        store::check_export_target(r, Some(base_path))?;
    }
    let base = load(base_path)?;
    let mut sides: Vec<Project> = Vec::with_capacity(copies.len());
    for c in copies {
        sides.push(load_reporting(c)?.0);
    }
    let names = labels(&inputs);
    let pairs: Vec<(&str, &Project)> = names[1..]
        .iter()
        .map(|s| s.as_str())
        .zip(sides.iter())
        .collect();
    let opts = merge::MergeOptions { honour_deletions };
    let (merged, report) =
        merge::merge_with(&base, &pairs, opts).map_err(|e| input(base_path, e))?;
    let output = &store::resolve(output)?;
    let lock = match Lock::acquire(output, false) {
        Err(store::LockError::Stale { .. }) => Lock::acquire(output, true)?,
        other => other?,
    };
    store::save(&merged, output)?;
    drop(lock);
    if let Some(r) = report_path {
        store::check_export_target(r, Some(output))?;
        store::write_atomic_from(r, report_json(&report, r)?.as_bytes(), false, Some(output))?;
    }
    if json {
        print_out(&report_json(&report, output)?)?;
    } else {
        print_out(&report.text())?;
    }
    note(format_args!(
        "merged {} copies into {}: {} conflict(s), each kept and listed",
        copies.len(),
        output.display(),
        report.conflicts.len()
    ));
    Ok(())
}

/// `strata merge-driver %O %A %B [%P]`: git's convention. The result goes
/// into OURS; exit 0 when merged (conflicts are settled safely and listed
/// on stderr), non-zero when the copies cannot be merged (git then marks
/// the file as conflicted and leaves OURS as it was).
pub(super) fn merge_driver(
    base_path: &Path,
    ours_path: &Path,
    theirs_path: &Path,
    name: Option<&str>,
    honour_deletions: bool,
) -> Result<(), CliError> {
    let ours = load(ours_path)?;
    let theirs = load(theirs_path)?;
    // Added on both branches, git gives an empty base: merge the two as
    // copies of an empty project of their ID.
    let empty = std::fs::metadata(base_path)
        .map(|m| m.len() == 0)
        .unwrap_or(false);
    let base = if empty {
        let mut p = Project::new("");
        p.id = ours.id;
        p.level_names.clear();
        p.interviewer_labels.clear();
        p
    } else {
        load(base_path)?
    };
    let label = |side: &str| match name {
        Some(n) => format!("{side} ({n})"),
        None => side.to_string(),
    };
    let (ours_label, theirs_label) = (label("ours"), label("theirs"));
    let at = name.map_or(ours_path, Path::new);
    let (merged, report) = merge::merge_with(
        &base,
        &[
            (ours_label.as_str(), &ours),
            (theirs_label.as_str(), &theirs),
        ],
        merge::MergeOptions { honour_deletions },
    )
    .map_err(|e| input(at, e))?;
    let text = store::to_string(&merged)?;
    // Git's own temporary file: no backup beside it.
    store::write_atomic(ours_path, text.as_bytes(), false)?;
    for line in report.text().lines() {
        note(format_args!("strata: {}: {line}", at.display()));
    }
    Ok(())
}

/// `strata diff OLD NEW`.
pub(super) fn diff(old: &Path, new: &Path, json: bool) -> Result<(), CliError> {
    let (a, b) = (load(old)?, load(new)?);
    let d = merge::diff(&a, &b);
    if json {
        let text = serde_json::to_string_pretty(&d).map_err(|e| input(new, e))?;
        print_out(&format!("{text}\n"))
    } else {
        if d.is_empty() {
            note(format_args!("no changes"));
        }
        print_out(&d.text())
    }
}
