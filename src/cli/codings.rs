//! `strata import-codings`: many codings from a CSV or JSONL file in one
//! load, one step and one save (`import::codings` does the work).

use super::{CliError, Cmd, modify};

macro_rules! say {
    ($($t:tt)*) => {
        super::say(format_args!($($t)*))
    };
}
use crate::import::codings::{BulkOptions, Plan, plan_file};

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    let Cmd::ImportCodings {
        project,
        file,
        create,
        deeper,
        coder,
    } = cmd
    else {
        return Ok(());
    };
    let opts = BulkOptions {
        create,
        deeper,
        coder,
    };
    let mut planned: Option<Plan> = None;
    modify(&project, None, |p| {
        let plan = plan_file(p, &file, &opts)?;
        let cmd = plan.command.clone();
        let empty = plan.added == 0 && plan.codes_made.is_empty() && plan.coders_made.is_empty();
        planned = Some(plan);
        Ok(if empty { vec![] } else { vec![cmd] })
    })?;
    if let Some(plan) = planned {
        report(&plan, &file);
    }
    Ok(())
}

/// The summary, on stderr as every message.
fn report(plan: &Plan, file: &std::path::Path) {
    let by: Vec<String> = plan
        .by_coder
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    say!(
        "imported {} coding{} from {}{}",
        plan.added,
        if plan.added == 1 { "" } else { "s" },
        file.display(),
        if by.is_empty() {
            String::new()
        } else {
            format!(" ({})", by.join(", "))
        }
    );
    if plan.already_there + plan.repeated > 0 {
        say!(
            "skipped {} the project already had and {} repeated in the file (same document, range, code and coder)",
            plan.already_there,
            plan.repeated
        );
    }
    if !plan.codes_made.is_empty() {
        let shown: Vec<&str> = plan
            .codes_made
            .iter()
            .take(10)
            .map(String::as_str)
            .collect();
        let more = plan.codes_made.len().saturating_sub(shown.len());
        say!(
            "made {} code path{}: {}{}",
            plan.codes_made.len(),
            if plan.codes_made.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    if !plan.coders_made.is_empty() {
        say!("added coder(s): {}", plan.coders_made.join(", "));
    }
    if !plan.ignored.is_empty() {
        say!(
            "note: not read (Strata does not use them): {}",
            plan.ignored.join(", ")
        );
    }
}
