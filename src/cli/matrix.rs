//! `strata matrix` and `strata cooccur`: the code matrix and code
//! co-occurrence (`analysis::matrix`, `analysis::cooccur`), as aligned text
//! tables or as JSON.

use super::args::{AgreementUnit, MatrixUnit};
use super::{CliError, Cmd, input, load, print_out};
use crate::analysis::cooccur::{self, Unit};
use crate::analysis::matrix::{self, CountUnit};

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::Matrix {
            project,
            by,
            unit,
            json,
        } => {
            let p = load(&project)?;
            let unit = match unit {
                MatrixUnit::Coding => CountUnit::Coding,
                MatrixUnit::Document => CountUnit::Document,
            };
            let m = matrix::matrix(&p, &by, unit).map_err(|e| input(&project, e))?;
            let text = if json {
                to_json(&m).map_err(|e| input(&project, e))?
            } else {
                let mut head = vec!["Code".to_string()];
                head.extend(m.columns.iter().cloned());
                head.push("Total".into());
                let body = m.rows.iter().map(|r| {
                    let mut cells = vec![format!(
                        "{}{}",
                        "  ".repeat(r.path.len().saturating_sub(1)),
                        r.path.last().map_or("", String::as_str)
                    )];
                    cells.extend(r.counts.iter().map(usize::to_string));
                    cells.push(r.total.to_string());
                    cells
                });
                table(head, body.collect(), 1)
            };
            print_out(&text)
        }
        Cmd::Cooccur {
            project,
            unit,
            json,
        } => {
            let p = load(&project)?;
            let unit = match unit {
                AgreementUnit::Line => Unit::Line,
                AgreementUnit::Segment => Unit::Segment,
                AgreementUnit::Document => Unit::Document,
            };
            let c = cooccur::cooccurrence(&p, unit);
            let text = if json {
                to_json(&c).map_err(|e| input(&project, e))?
            } else {
                let head = vec!["Code A".into(), "Code B".into(), "Count".into()];
                let body = c
                    .pairs
                    .iter()
                    .map(|pair| vec![pair.a.join("/"), pair.b.join("/"), pair.count.to_string()])
                    .collect();
                table(head, body, 2)
            };
            print_out(&text)
        }
        _ => Ok(()),
    }
}

pub(super) fn to_json(v: &impl serde::Serialize) -> Result<String, serde_json::Error> {
    Ok(format!("{}\n", serde_json::to_string_pretty(v)?))
}

/// Rows of cells as columns padded to one width: the first `left` columns
/// (names) to the left, the others (numbers) to the right.
pub(super) fn table(head: Vec<String>, body: Vec<Vec<String>>, left: usize) -> String {
    let rows: Vec<&Vec<String>> = std::iter::once(&head).chain(&body).collect();
    let mut widths = vec![0; head.len()];
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, (cell, w)) in r.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - width(cell));
            if i == 0 {
                line += &format!("{cell}{pad}");
            } else if i < left {
                line += &format!("  {cell}{pad}");
            } else {
                line += &format!("  {pad}{cell}");
            }
        }
        out += line.trim_end();
        out.push('\n');
    }
    out
}

/// Columns a name takes in a terminal, roughly: marks that sit on a
/// letter (Arabic diacritics, combining accents) and the invisible joiners
/// and direction marks (ZWNJ among them) take none.
fn width(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            !matches!(*c as u32,
                0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0xFEFF)
        })
        .count()
}
