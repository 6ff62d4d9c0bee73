//! The study as a spreadsheet (`strata export --format xlsx`): the
//! codebook, one row per coding, and the documents' variables, on three
//! sheets. A Persian project's sheets read right to left, with headers and
//! sheet names in Persian; every cell whose text starts in Persian is set
//! to read right to left, whatever the sheet (Excel's `readingOrder`).

use super::{ExportError, ExportOptions, Node, hierarchy, table_rtl};
use crate::model::*;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, RowNum, Workbook,
    Worksheet, XlsxError,
};
use std::collections::BTreeSet;

/// The spreadsheet's words in the project's language.
struct Words {
    codebook: &'static str,
    segments: &'static str,
    variables: &'static str,
    level: &'static str,
    definition: &'static str,
    when_to_use: &'static str,
    example: &'static str,
    memo: &'static str,
    codings: &'static str,
    segment_count: &'static str,
    documents: &'static str,
    document: &'static str,
    from_line: &'static str,
    to_line: &'static str,
    code_path: &'static str,
    coder: &'static str,
    speaker: &'static str,
    text: &'static str,
    group: &'static str,
}

const EN: Words = Words {
    codebook: "Codebook",
    segments: "Segments",
    variables: "Variables",
    level: "Level",
    definition: "Definition",
    when_to_use: "When to use",
    example: "Example",
    memo: "Memo",
    codings: "Codings",
    segment_count: "Segments",
    documents: "Documents",
    document: "Document",
    from_line: "From line",
    to_line: "To line",
    code_path: "Code path",
    coder: "Coder",
    speaker: "Speaker",
    text: "Text",
    group: "Group",
};

const FA: Words = Words {
    codebook: "کدنامه",
    segments: "بخش‌های کدگذاری‌شده",
    variables: "متغیرها",
    level: "سطح",
    definition: "تعریف",
    when_to_use: "زمان کاربرد",
    example: "نمونه",
    memo: "یادداشت",
    codings: "کدگذاری‌ها",
    segment_count: "بخش‌ها",
    documents: "سندها",
    document: "سند",
    from_line: "از سطر",
    to_line: "تا سطر",
    code_path: "مسیر کد",
    coder: "کدگذار",
    speaker: "گوینده",
    text: "متن",
    group: "گروه",
};

/// Most UTF-16 units a cell may hold (Excel's limit), less room for "…".
const CELL_MAX: usize = 32_000;

/// The cell formats of the workbook.
pub(super) struct Formats {
    header: Format,
    number: Format,
    /// Text by reading order: context (no strong letter), left to right,
    /// right to left.
    text: [Format; 3],
}

impl Formats {
    pub(super) fn new() -> Self {
        let text = |order: u8| {
            Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_reading_direction(order)
        };
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xE8E8E8)
                .set_border_bottom(FormatBorder::Thin),
            // Centred: a count or line number does not run into the text
            // of the cell beside it.
            number: Format::new()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Center),
            text: [text(0), text(1), text(2)],
        }
    }
}

/// One sheet being written: its rows so far and the widths of its columns.
pub(super) struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: RowNum,
    columns: ColNum,
    widths: Vec<f64>,
    /// Lines the current row's tallest cell needs.
    lines: usize,
}

/// A row's height per line of text, in points (Calibri 11, the default).
const LINE_HEIGHT: f64 = 15.0;
/// Excel's tallest row, in points.
const ROW_MAX: f64 = 409.0;

impl<'a> Sheet<'a> {
    /// A sheet with its header row, frozen, and its columns' widths.
    pub(super) fn new(
        ws: &'a mut Worksheet,
        f: &'a Formats,
        name: &str,
        rtl: bool,
        columns: &[(String, f64)],
    ) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        ws.set_right_to_left(rtl);
        for (i, (title, width)) in columns.iter().enumerate() {
            let col = i as ColNum;
            ws.write_string_with_format(0, col, title, &f.header)?;
            ws.set_column_width(col, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        // Printed (or made a PDF): across, as wide as one page, the
        // header on every page.
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0)?;
        Ok(Self {
            ws,
            f,
            row: 0,
            columns: columns.len() as ColNum,
            widths: columns.iter().map(|c| c.1).collect(),
            lines: 1,
        })
    }

    pub(super) fn text(&mut self, col: ColNum, s: &str) -> Result<(), XlsxError> {
        if s.is_empty() {
            return Ok(());
        }
        let order = match crate::text::first_strong(s) {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        };
        let s = fit(s);
        // Wrapped text needs a taller row; LibreOffice does not size rows
        // itself when it opens a workbook, so the height is set here from
        // the column's width (about one char per unit).
        let per_line = self
            .widths
            .get(col as usize)
            .copied()
            .unwrap_or(10.0)
            .max(4.0) as usize;
        let lines: usize = s
            .lines()
            .map(|l| l.chars().count().div_ceil(per_line).max(1))
            .sum();
        self.lines = self.lines.max(lines);
        self.ws
            .write_string_with_format(self.row, col, s, &self.f.text[order])?;
        Ok(())
    }

    pub(super) fn number(&mut self, col: ColNum, n: usize) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(self.row, col, n as f64, &self.f.number)?;
        Ok(())
    }

    /// A figure that need not be whole (a share, a coefficient).
    pub(super) fn real(&mut self, col: ColNum, x: f64) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(self.row, col, x, &self.f.number)?;
        Ok(())
    }

    /// Start the next row.
    pub(super) fn next(&mut self) -> Result<(), XlsxError> {
        self.height()?;
        self.row += 1;
        Ok(())
    }

    /// The current row's height, when its text wraps.
    fn height(&mut self) -> Result<(), XlsxError> {
        if self.lines > 1 {
            let h = (self.lines as f64 * LINE_HEIGHT).min(ROW_MAX);
            self.ws.set_row_height(self.row, h)?;
        }
        self.lines = 1;
        Ok(())
    }

    /// The filter buttons over every column, header to last row.
    pub(super) fn finish(mut self) -> Result<(), XlsxError> {
        self.height()?;
        self.ws
            .autofilter(0, 0, self.row.max(1), self.columns.saturating_sub(1))?;
        Ok(())
    }
}

/// A cell's text cut to what Excel accepts, at a char boundary.
fn fit(s: &str) -> String {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > CELL_MAX {
            return format!("{}…", &s[..i]);
        }
    }
    s.to_string()
}

/// The workbook's bytes.
pub fn xlsx_bytes(p: &Project) -> Result<Vec<u8>, ExportError> {
    write(p).map_err(|e| ExportError("XLSX", e.to_string()))
}

fn write(p: &Project) -> Result<Vec<u8>, XlsxError> {
    let rtl = table_rtl(p);
    let w = if rtl { &FA } else { &EN };
    let h = hierarchy(p, &ExportOptions::default());
    let f = Formats::new();
    let mut book = Workbook::new();
    // A fixed date: the same project gives the same bytes (a study's
    // supplement kept in git does not change when nothing did).
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&p.name)
            .set_creation_datetime(&epoch),
    );
    codebook(p, w, rtl, &h.tree, &f, book.add_worksheet())?;
    segments(p, w, rtl, &h.tree, &f, book.add_worksheet())?;
    variables(p, w, rtl, &f, book.add_worksheet())?;
    book.save_to_buffer()
}

/// A node with the names above it: category (outer levels joined by " › "),
/// subcategory and code columns, by each name's level.
struct Row<'a> {
    node: &'a Node,
    columns: [String; 3],
}

/// The tree's nodes in tree order with their columns.
fn rows<'a>(nodes: &'a [Node], above: &[(&'a str, usize)], out: &mut Vec<Row<'a>>) {
    for n in nodes {
        let mut path = above.to_vec();
        path.push((n.name.as_str(), n.level));
        let mut columns: [Vec<&str>; 3] = Default::default();
        for (name, level) in &path {
            columns[3 - (*level).clamp(1, 3)].push(name);
        }
        out.push(Row {
            node: n,
            columns: columns.map(|c| c.join(" › ")),
        });
        rows(&n.children, &path, out);
    }
}

/// The distinct coded stretches of text in a node's subtree (two coders,
/// or two codes, on the same words count once).
fn distinct_segments(n: &Node, out: &mut BTreeSet<(String, usize, usize)>) {
    for s in &n.segments {
        out.insert((s.document_id.clone(), s.start, s.end));
    }
    for k in &n.children {
        distinct_segments(k, out);
    }
}

fn codebook(
    p: &Project,
    w: &Words,
    rtl: bool,
    tree: &[Node],
    f: &Formats,
    ws: &mut Worksheet,
) -> Result<(), XlsxError> {
    let columns = [
        (p.level_name(3), 24.0),
        (p.level_name(2), 24.0),
        (p.level_name(1), 30.0),
        (w.level.to_string(), 12.0),
        (w.definition.to_string(), 40.0),
        (w.when_to_use.to_string(), 24.0),
        (w.example.to_string(), 24.0),
        (w.memo.to_string(), 30.0),
        (w.codings.to_string(), 11.0),
        (w.segment_count.to_string(), 11.0),
        (w.documents.to_string(), 11.0),
    ];
    let mut sheet = Sheet::new(ws, f, w.codebook, rtl, &columns)?;
    let mut all = Vec::new();
    rows(tree, &[], &mut all);
    for Row { node, columns } in &all {
        sheet.next()?;
        for (i, c) in columns.iter().enumerate() {
            sheet.text(i as ColNum, c)?;
        }
        sheet.text(3, &p.level_name(node.level))?;
        let d = p.codes.get(&node.code).map(|c| &c.description);
        sheet.text(4, d.map_or("", |d| &d.definition))?;
        sheet.text(5, d.map_or("", |d| &d.when_to_use))?;
        sheet.text(6, d.map_or("", |d| &d.example))?;
        sheet.text(7, &node.memo)?;
        let mut distinct = BTreeSet::new();
        distinct_segments(node, &mut distinct);
        sheet.number(8, node.segment_count)?;
        sheet.number(9, distinct.len())?;
        sheet.number(10, node.document_count)?;
    }
    sheet.finish()
}

fn segments(
    p: &Project,
    w: &Words,
    rtl: bool,
    tree: &[Node],
    f: &Formats,
    ws: &mut Worksheet,
) -> Result<(), XlsxError> {
    let columns = [
        (w.document.to_string(), 14.0),
        (w.from_line.to_string(), 9.0),
        (w.to_line.to_string(), 9.0),
        (w.code_path.to_string(), 45.0),
        (w.coder.to_string(), 14.0),
        (w.speaker.to_string(), 12.0),
        (w.text.to_string(), 80.0),
    ];
    let mut sheet = Sheet::new(ws, f, w.segments, rtl, &columns)?;
    let mut all = Vec::new();
    rows(tree, &[], &mut all);
    for Row { node, .. } in &all {
        let path = p.code_path_label(node.code, " › ");
        for s in &node.segments {
            sheet.next()?;
            sheet.text(0, &s.document)?;
            sheet.number(1, s.first_line)?;
            sheet.number(2, s.last_line)?;
            sheet.text(3, &path)?;
            sheet.text(4, &s.coder)?;
            sheet.text(5, s.speaker.as_deref().unwrap_or(""))?;
            sheet.text(6, &s.said)?;
        }
    }
    sheet.finish()
}

fn variables(
    p: &Project,
    w: &Words,
    rtl: bool,
    f: &Formats,
    ws: &mut Worksheet,
) -> Result<(), XlsxError> {
    let names: BTreeSet<&str> = p
        .documents
        .iter()
        .flat_map(|d| d.variables.keys().map(String::as_str))
        .collect();
    let mut columns = vec![(w.document.to_string(), 16.0), (w.group.to_string(), 18.0)];
    columns.extend(names.iter().map(|n| (n.to_string(), 16.0)));
    columns.push((w.codings.to_string(), 11.0));
    let mut sheet = Sheet::new(ws, f, w.variables, rtl, &columns)?;
    let ix = p.index();
    for d in &p.documents {
        sheet.next()?;
        sheet.text(0, &d.name)?;
        let group = d.group.and_then(|g| p.groups.iter().find(|x| x.id == g));
        sheet.text(1, group.map_or("", |g| g.name.as_str()))?;
        for (i, n) in names.iter().enumerate() {
            sheet.text(
                2 + i as ColNum,
                d.variables.get(*n).map_or("", String::as_str),
            )?;
        }
        sheet.number(
            2 + names.len() as ColNum,
            ix.codings_of_document(d.id).len(),
        )?;
    }
    sheet.finish()
}
