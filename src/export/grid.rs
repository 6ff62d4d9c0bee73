//! A table of figures as the analysis views show it (a code matrix, word
//! counts, retrieved segments), written as CSV, XLSX or Markdown. One
//! shape for every table, so each view exports the same way.

use super::ExportError;
use super::xlsx::{Formats, Sheet};
use rust_xlsxwriter::{ColNum, Workbook, XlsxError};

/// One cell: text, or a figure (kept a number in a spreadsheet).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Count(usize),
    Real(f64),
}

impl Cell {
    /// The cell as written in CSV and Markdown (reals to two places).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Real(x) => format!("{x:.2}"),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Count(n)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name (XLSX) and the Markdown heading.
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The sheet reads right to left (a Persian interface).
    pub rtl: bool,
}

/// The grid as the file `ext` names (`csv`, `xlsx`, `md`), else None.
pub fn grid_bytes(g: &Grid, ext: &str) -> Option<Result<Vec<u8>, ExportError>> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "csv" => grid_csv(g).map(String::into_bytes),
        "xlsx" => grid_xlsx(g),
        "md" | "markdown" => Ok(grid_markdown(g).into_bytes()),
        _ => return None,
    })
}

/// CSV with a header row (UTF-8, with a BOM so Excel reads Persian right).
/// Text that a spreadsheet would take for a formula (a transcript line
/// "- yes", "=", "+", "@") is written after a `'`, so it opens as text.
pub fn grid_csv(g: &Grid) -> Result<String, ExportError> {
    let err = |e: csv::Error| ExportError("CSV", e.to_string());
    let as_text = |t: &str| {
        if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{t}")
        } else {
            t.to_string()
        }
    };
    let guard = |c: &Cell| match c {
        Cell::Text(t) => as_text(t),
        _ => c.text(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    // Headers too: they are document, group and code names.
    w.write_record(g.columns.iter().map(|c| as_text(c)))
        .map_err(err)?;
    for r in &g.rows {
        w.write_record(r.iter().map(guard)).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError("CSV", e.to_string()))?;
    let body = String::from_utf8(bytes).map_err(|e| ExportError("CSV", e.to_string()))?;
    Ok(format!("\u{FEFF}{body}"))
}

/// A Markdown table under a heading; `|` in a cell is escaped.
pub fn grid_markdown(g: &Grid) -> String {
    let cell = |s: String| s.replace('|', "\\|").replace('\n', " ");
    let mut o = String::new();
    if !g.title.is_empty() {
        put!(o, "## {}\n\n", g.title);
    }
    let head: Vec<String> = g.columns.iter().map(|c| cell(c.clone())).collect();
    put!(o, "| {} |\n", head.join(" | "));
    put!(o, "|{}\n", "---|".repeat(g.columns.len().max(1)));
    for r in &g.rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c.text())).collect();
        put!(o, "| {} |\n", cells.join(" | "));
    }
    o
}

/// A workbook of one sheet: counts stay numbers, text keeps its reading
/// order.
pub fn grid_xlsx(g: &Grid) -> Result<Vec<u8>, ExportError> {
    write(g).map_err(|e| ExportError("XLSX", e.to_string()))
}

fn write(g: &Grid) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    // Excel's sheet names: at most 31 chars, none of []:*?/\.
    let name: String = g
        .title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let name = if name.trim().is_empty() {
        "Sheet1".to_string()
    } else {
        name
    };
    let widths: Vec<(String, f64)> = g
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let longest = g
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.text().chars().count())
                .chain([c.chars().count()])
                .max()
                .unwrap_or(8);
            (c.clone(), (longest as f64 + 2.0).clamp(8.0, 60.0))
        })
        .collect();
    let mut sheet = Sheet::new(book.add_worksheet(), &f, &name, g.rtl, &widths)?;
    for r in &g.rows {
        sheet.next()?;
        for (i, c) in r.iter().enumerate() {
            let col = i as ColNum;
            match c {
                Cell::Text(s) => sheet.text(col, s)?,
                Cell::Count(n) => sheet.number(col, *n)?,
                Cell::Real(x) => sheet.real(col, *x)?,
            }
        }
    }
    sheet.finish()?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        Grid {
            title: "ماتریس".into(),
            columns: vec!["کد".into(), "P1".into()],
            rows: vec![vec!["شفافیت | باز".into(), Cell::Count(3)]],
            rtl: true,
        }
    }

    #[test]
    fn csv_keeps_persian_and_counts() {
        let s = grid_csv(&grid()).unwrap_or_default();
        assert_eq!(s, "\u{FEFF}کد,P1\nشفافیت | باز,3\n");
    }

    #[test]
    fn csv_text_never_opens_as_a_formula() {
        let g = Grid {
            columns: vec!["text".into(), "=n".into()],
            rows: vec![vec!["- بله، =SUM(A1)".into(), Cell::Count(2)]],
            ..grid()
        };
        let s = grid_csv(&g).unwrap_or_default();
        assert!(s.ends_with("'- بله، =SUM(A1),2\n"), "{s}");
        assert!(s.starts_with("\u{FEFF}text,'=n\n"), "{s}");
    }

    #[test]
    fn markdown_escapes_bars() {
        let s = grid_markdown(&grid());
        assert!(s.contains("| شفافیت \\| باز | 3 |"), "{s}");
    }

    #[test]
    fn xlsx_is_a_zip_and_unknown_endings_are_none() {
        let b = grid_bytes(&grid(), "XLSX")
            .and_then(Result::ok)
            .unwrap_or_default();
        assert!(b.starts_with(b"PK"));
        assert!(grid_bytes(&grid(), "pdf").is_none());
    }
}
