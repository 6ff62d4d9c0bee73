//! `strata review`: the supervisor's report as HTML or Markdown.

use super::args::AgreementUnit;
use super::{CliError, Cmd, input, load};
use crate::analysis::agreement::{self, AgreementOptions, Unit};
use crate::export::{self, ReportFormat};
use crate::model::CoderId;
use crate::store;

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    let Cmd::Review {
        project,
        output,
        coders,
        unit,
    } = cmd
    else {
        return Ok(());
    };
    let format = ReportFormat::from_path(&output).ok_or_else(|| {
        input(
            &output,
            "the report's file name must end in .html or .md (its format follows the extension)",
        )
    })?;
    // Before the work of loading: a refusal costs nothing.
    store::check_export_target(&output, Some(&project))?;
    let p = load(&project)?;
    let explicit = !coders.is_empty();
    let coders = if coders.is_empty() {
        // Coders with codings: one who has none would leave every
        // document out of the comparison.
        let ix = p.index();
        p.coders
            .iter()
            .filter(|c| !ix.codings_of_coder(c.id).is_empty())
            .map(|c| c.id)
            .collect()
    } else {
        coders
            .iter()
            .filter(|c| !c.trim().is_empty())
            .map(|c| agreement::find_coder(&p, c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| input(&project, e))?
    };
    let unit = match unit {
        AgreementUnit::Line => Unit::Line,
        AgreementUnit::Segment => Unit::Segment,
        AgreementUnit::Document => Unit::Document,
    };
    let mut tables = Vec::new();
    if explicit && coders.len() == 1 {
        return Err(input(
            &project,
            "agreement needs two or more coders: give --coders A,B (or none, for every coder who has codings)",
        ));
    }
    // The coders asked for, compared together; by default each pair of
    // coders who have codings (a team of four rarely all code one
    // document, and a table of zeros would say nothing), as the window's
    // Agreement tab compares two.
    let groups: Vec<Vec<CoderId>> = if explicit || coders.len() <= 2 {
        vec![coders].into_iter().filter(|g| g.len() >= 2).collect()
    } else {
        let mut pairs = Vec::new();
        for (i, a) in coders.iter().enumerate() {
            for b in &coders[i + 1..] {
                pairs.push(vec![*a, *b]);
            }
        }
        pairs
    };
    for coders in groups {
        let opts = AgreementOptions {
            unit,
            ..AgreementOptions::new(coders)
        };
        let a = agreement::agreement(&p, &opts).map_err(|e| input(&project, e))?;
        tables.push(export::agreement_table(&p, &a));
    }
    let text = export::review_report(&p, format, &tables);
    store::check_export_target(&output, Some(&project))?;
    store::write_atomic_from(&output, text.as_bytes(), false, Some(&project))?;
    super::say(format_args!("wrote {}", output.display()));
    Ok(())
}
