//! `strata agreement`: intercoder agreement as a table per code, the pooled
//! figures, the notes on method, and the list of disagreements; or all of
//! it as JSON.

use super::args::AgreementUnit;
use super::{CliError, Cmd, input, load, print_out};
use crate::analysis::agreement::{self, Agreement, AgreementOptions, Figures, Unit};
use crate::model::*;

/// Longest piece of a disagreement's text shown per line in the table.
const QUOTE_CHARS: usize = 100;

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    let Cmd::Agreement {
        project,
        coders,
        unit,
        overlap,
        codes,
        json,
    } = cmd
    else {
        return Ok(());
    };
    let p = load(&project)?;
    let coders = coders
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| agreement::find_coder(&p, c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| input(&project, e))?;
    let codes = if codes.is_empty() {
        None
    } else {
        Some(
            codes
                .iter()
                .map(|c| p.resolve_path(c).map_err(|e| input(&project, e)))
                .collect::<Result<Vec<_>, _>>()?,
        )
    };
    let opts = AgreementOptions {
        coders,
        unit: match unit {
            AgreementUnit::Line => Unit::Line,
            AgreementUnit::Segment => Unit::Segment,
            AgreementUnit::Document => Unit::Document,
        },
        overlap,
        codes,
    };
    let a = agreement::agreement(&p, &opts).map_err(|e| input(&project, e))?;
    let text = if json {
        let text = serde_json::to_string_pretty(&a).map_err(|e| input(&project, e))?;
        format!("{text}\n")
    } else {
        report(&p, &a)
    };
    print_out(&text)
}

/// The report as text: numbers first so that the columns line up whatever
/// the script of the code names, which come last.
pub fn report(p: &Project, a: &Agreement) -> String {
    let names: Vec<&str> = a.coders.iter().map(|c| c.name.as_str()).collect();
    let unit = match a.unit {
        Unit::Line => "lines".to_string(),
        Unit::Document => "documents".to_string(),
        Unit::Segment => format!(
            "segments, overlap {:.0}%",
            a.overlap.unwrap_or(agreement::DEFAULT_OVERLAP) * 100.0
        ),
    };
    let mut out = format!(
        "Intercoder agreement ({unit}) between {}: {} document(s) compared",
        names.join(", "),
        a.documents_complete
    );
    if a.documents_partial > 0 {
        out += &format!(", {} coded by only some", a.documents_partial);
    }
    out += "\n\n";
    let segments = a.unit == Unit::Segment;
    let mut head: Vec<String> = vec![
        if segments { "Segments" } else { "Units" }.into(),
        "Agree".into(),
        if segments { "Matched" } else { "All coded" }.into(),
    ];
    head.extend(names.iter().map(|n| format!("Only {n}")));
    head.extend(["Observed", "Cohen", "Fleiss", "Alpha", "B–P"].map(String::from));
    let mut rows: Vec<(Vec<String>, String)> = a
        .per_code
        .iter()
        .map(|r| (cells(&r.figures), r.path.join(" / ")))
        .collect();
    rows.push((cells(&a.overall), "Overall (pooled)".into()));
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            rows.iter()
                .map(|(c, _)| c[i].chars().count())
                .chain([head[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String], last: &str| {
        let mut s: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{}{c}", " ".repeat(w - c.chars().count())))
            .collect();
        s.push(last.to_string());
        format!("{}\n", s.join("  "))
    };
    out += &line(&head, "Code");
    for (c, name) in &rows {
        out += &line(c, name);
    }
    out += "\n(– : undefined; see the notes)\nNotes:\n";
    for n in &a.notes {
        out += &format!("- {n}\n");
    }
    out += &format!("\nDisagreements: {}\n", a.disagreements.len());
    for d in &a.disagreements {
        let lines = if d.lines.0 == d.lines.1 {
            format!("line {}", d.lines.0)
        } else {
            format!("lines {}-{}", d.lines.0, d.lines.1)
        };
        out += &format!(
            "\n{}, {lines}: {}\n",
            d.doc_name,
            p.code_path_label(d.code, " / ")
        );
        for (name, side) in names.iter().zip(&d.coders) {
            let codes: Vec<String> = side
                .codes
                .iter()
                .map(|c| p.codes.get(c).map_or("?".into(), |c| c.name.clone()))
                .collect();
            let codes = if codes.is_empty() {
                "(nothing)".to_string()
            } else {
                codes.join("; ")
            };
            let mark = if side.coded { "+" } else { "-" };
            out += &format!("  {mark} {name}: {codes}\n");
        }
        for t in d.text.lines() {
            let short: String = t.chars().take(QUOTE_CHARS).collect();
            let more = if t.chars().count() > QUOTE_CHARS {
                "…"
            } else {
                ""
            };
            out += &format!("    | {short}{more}\n");
        }
    }
    out
}

fn cells(f: &Figures) -> Vec<String> {
    let num = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.3}"));
    let mut c = vec![
        f.units.to_string(),
        f.agreements.to_string(),
        f.coded_by_all.to_string(),
    ];
    c.extend(f.only.iter().map(u64::to_string));
    c.extend([
        num(f.observed),
        num(f.cohen),
        num(f.fleiss),
        num(f.alpha),
        num(f.brennan_prediger),
    ]);
    c
}
