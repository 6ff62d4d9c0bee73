//! `strata import-qdpx`: a REFI-QDA project (.qdpx) or codebook (.qdc)
//! as a new project, or a codebook added to an existing project.

use super::{CliError, input, modify, print_out};
use crate::import::refi;
use crate::store::{self, Lock};
use std::path::Path;

fn is_codebook(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdc"))
}

pub fn run(
    file: &Path,
    output: Option<&Path>,
    into: Option<&Path>,
    persian: bool,
) -> Result<(), CliError> {
    let codebook = is_codebook(file);
    match (output, into) {
        (Some(out), None) => {
            if out.exists() {
                return Err(input(
                    out,
                    "already exists; choose another name (nothing was imported)",
                ));
            }
            let r = if codebook {
                refi::import_qdc(file)?
            } else {
                refi::import_qdpx(file)?
            };
            print_out(&r.report.text(persian))?;
            // Locked while written, as every save is.
            let lock = Lock::acquire(out, false)?;
            store::save(&r.project, out)?;
            drop(lock);
            super::say(format_args!("created {}", out.display()));
        }
        (None, Some(project)) => {
            if !codebook {
                return Err(CliError::Usage(format!(
                    "{}: --into adds a codebook (.qdc) to a project; a .qdpx is a whole project: import it with --output NEW.strata",
                    file.display()
                )));
            }
            let r = refi::import_qdc(file)?;
            print_out(&r.report.text(persian))?;
            let mut said = String::new();
            modify(project, None, |p| {
                let plan = refi::codebook_plan(p, &r.project);
                said = plan.text(persian);
                Ok(if plan.added == 0 {
                    Vec::new()
                } else {
                    vec![plan.command]
                })
            })?;
            print_out(&said)?;
        }
        _ => {
            return Err(CliError::Usage(
                "give --output NEW.strata (a new project) or, for a .qdc, --into EXISTING.strata"
                    .into(),
            ));
        }
    }
    Ok(())
}
