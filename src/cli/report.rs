//! `strata report`: the study report as HTML or Markdown.

use super::args::ReportKind;
use super::{CliError, Cmd, input, load};
use crate::export::{self, ReportFormat};
use crate::store;

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    let Cmd::Report {
        project,
        output,
        format,
    } = cmd
    else {
        return Ok(());
    };
    let format = match format {
        Some(ReportKind::Html) => ReportFormat::Html,
        Some(ReportKind::Md) => ReportFormat::Markdown,
        None => ReportFormat::from_path(&output).ok_or_else(|| {
            input(
                &output,
                "the report's file name must end in .html or .md, or give --format html|md",
            )
        })?,
    };
    // Before the work of loading: a refusal costs nothing.
    store::check_export_target(&output, Some(&project))?;
    let p = load(&project)?;
    let text = export::study_report(&p, format);
    store::check_export_target(&output, Some(&project))?;
    store::write_atomic_from(&output, text.as_bytes(), false, Some(&project))?;
    super::say(format_args!("wrote {}", output.display()));
    Ok(())
}
