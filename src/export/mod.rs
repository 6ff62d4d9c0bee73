//! Export of the code hierarchy with its quotes: JSON and RON (one
//! structure), CSV (one row per level-1 code) and Markdown (Table 3 layout).
//! Output is deterministic: tree order, then document order and position.
//! REFI-QDA (`.qdpx`, `.qdc`) for other QDA tools is in `refi`.

pub mod refi;

/// Append formatted text to a String (no Result to ignore, unlike `write!`).
macro_rules! put {
    ($o:expr, $($t:tt)*) => {
        $o.push_str(&format!($($t)*))
    };
}

mod chart_svg;
pub(crate) mod figure;
mod grid;
mod review;
mod review_page;
mod study;
mod study_page;
mod table;
mod xlsx;

pub use chart_svg::{Words, bars_svg, codeline_svg, measure_bars_svg, portrait_svg};
pub use figure::{FONT_FAMILY, HEBREW_TTF, PNG_SCALE, VAZIRMATN_TTF, figure_png};
pub use grid::{Cell, Grid, grid_bytes, grid_csv, grid_markdown, grid_xlsx};
pub use review::{ReportFormat, Table, agreement_table, conflict_text, review_report};
pub use study::study_report;
pub use table::{table_rtl, to_csv, to_markdown};
pub use xlsx::xlsx_bytes;

use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const HIERARCHY_FORMAT: &str = "strata.hierarchy";
pub const HIERARCHY_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Ron,
    Csv,
    Md,
    /// REFI-QDA project exchange (a zip; see `export_bytes`).
    Qdpx,
    /// REFI-QDA codebook.
    Qdc,
    /// A workbook (a zip; see `export_bytes`).
    Xlsx,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Self::Json),
            "ron" => Ok(Self::Ron),
            "csv" => Ok(Self::Csv),
            "md" | "markdown" => Ok(Self::Md),
            "qdpx" => Ok(Self::Qdpx),
            "qdc" => Ok(Self::Qdc),
            "xlsx" => Ok(Self::Xlsx),
            _ => Err(format!(
                "unknown format '{s}' (json, ron, csv, md, xlsx, qdpx or qdc)"
            )),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Leave out segments spoken by the interviewer.
    pub exclude_interviewer: bool,
    /// The Markdown table's direction: right to left (`Some(true)`), left
    /// to right, or (None) the project's language (see `table_rtl`).
    pub rtl: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct Hierarchy {
    pub format: String,
    pub version: u32,
    pub project: String,
    pub levels: Vec<String>,
    pub tree: Vec<Node>,
    /// Memos on the project as a whole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub project_memos: Vec<MemoOut>,
    /// Memos on documents, in document order (documents without one are
    /// left out).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub document_memos: Vec<DocumentMemos>,
    /// Where the tree leaves the project's levels (see
    /// `analysis::level_notes`); absent when there is nothing to say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Node {
    /// The code itself, for the reports (the JSON has `id`).
    #[serde(skip)]
    pub code: CodeId,
    pub id: String,
    pub name: String,
    pub level: usize,
    pub color: String,
    pub description: String,
    /// The bodies of the code's memos, joined by a blank line (as version 1
    /// readers expect); `memos` has each with its title.
    pub memo: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub memos: Vec<MemoOut>,
    pub children: Vec<Node>,
    pub segments: Vec<Segment>,
    pub segment_count: usize,
    pub document_count: usize,
}

/// A memo as exported: its title and text.
#[derive(Debug, Serialize)]
pub struct MemoOut {
    pub title: String,
    pub body: String,
}

impl MemoOut {
    fn of(m: &Memo) -> Self {
        Self {
            title: m.title.clone(),
            body: m.body.clone(),
        }
    }
}

/// The memos written on one document.
#[derive(Debug, Serialize)]
pub struct DocumentMemos {
    pub document: String,
    pub document_id: String,
    pub memos: Vec<MemoOut>,
}

#[derive(Debug, Serialize)]
pub struct Segment {
    pub document: String,
    pub document_id: String,
    pub start: usize,
    pub end: usize,
    pub first_line: usize,
    pub last_line: usize,
    pub speaker: Option<String>,
    pub coder: String,
    pub text: String,
    /// The document's short label for citing (`Document::cite_label`):
    /// the reports cite `P9, lines 12–14`.
    #[serde(skip)]
    pub cite: String,
    /// What was said: the text without the speaker labels of its lines,
    /// each line trimmed (the reports' quotes).
    #[serde(skip)]
    pub said: String,
}

/// Build the hierarchy with segments.
pub fn hierarchy(p: &Project, opts: &ExportOptions) -> Hierarchy {
    let ix = p.index();
    let mut by_code: BTreeMap<CodeId, Vec<&Coding>> = BTreeMap::new();
    for c in p.codings.values() {
        let Some(doc) = p.document(c.document) else {
            continue;
        };
        if opts.exclude_interviewer {
            let line = doc.line_of(c.range.start);
            if p.is_interviewer(doc.speaker_of_line(line)) {
                continue;
            }
        }
        by_code.entry(c.code).or_default().push(c);
    }
    for v in by_code.values_mut() {
        v.sort_by_key(|c| {
            (
                ix.document_position(c.document),
                c.range.start,
                c.range.end,
                c.id,
            )
        });
    }
    // One pass over the memos, not one per code and document.
    let mut memos: BTreeMap<MemoTarget, Vec<&Memo>> = BTreeMap::new();
    for m in p.memos.values() {
        memos.entry(m.target).or_default().push(m);
    }
    let ctx = Ctx { p, by_code, memos };
    let levels = (1..=max_level(p).max(p.level_names.len()))
        .map(|l| p.level_name(l))
        .collect();
    Hierarchy {
        format: HIERARCHY_FORMAT.into(),
        version: HIERARCHY_VERSION,
        project: p.name.clone(),
        levels,
        tree: p
            .roots
            .iter()
            .filter_map(|r| ctx.node(*r, 0).map(|(n, _)| n))
            .collect(),
        project_memos: ctx.memos(MemoTarget::Project),
        document_memos: p
            .documents
            .iter()
            .filter_map(|d| {
                let memos = ctx.memos(MemoTarget::Document(d.id));
                (!memos.is_empty()).then(|| DocumentMemos {
                    document: d.name.clone(),
                    document_id: d.id.to_string(),
                    memos,
                })
            })
            .collect(),
        notes: crate::analysis::level_notes(p),
    }
}

fn max_level(p: &Project) -> usize {
    p.roots.iter().map(|r| p.level_of(*r)).max().unwrap_or(0)
}

struct Ctx<'a> {
    p: &'a Project,
    by_code: BTreeMap<CodeId, Vec<&'a Coding>>,
    memos: BTreeMap<MemoTarget, Vec<&'a Memo>>,
}

impl Ctx<'_> {
    /// The memos on `target`, in the project's memo order.
    fn memos(&self, target: MemoTarget) -> Vec<MemoOut> {
        self.memos
            .get(&target)
            .map(|v| v.iter().map(|m| MemoOut::of(m)).collect())
            .unwrap_or_default()
    }

    /// The node and the set of documents in its subtree.
    fn node(&self, id: CodeId, depth: usize) -> Option<(Node, BTreeSet<DocId>)> {
        let code = self.p.codes.get(&id)?;
        if depth > self.p.codes.len() {
            return None;
        }
        let mut docs = BTreeSet::new();
        let mut count = 0;
        let mut children = Vec::new();
        for k in &code.children {
            if let Some((n, d)) = self.node(*k, depth + 1) {
                count += n.segment_count;
                docs.extend(d);
                children.push(n);
            }
        }
        let own = self.by_code.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let segments: Vec<Segment> = own.iter().filter_map(|c| self.segment(c)).collect();
        count += segments.len();
        docs.extend(own.iter().map(|c| c.document));
        let level = 1 + children.iter().map(|n| n.level).max().unwrap_or(0);
        let memos = self.memos(MemoTarget::Code(id));
        let memo = memos
            .iter()
            .map(|m| m.body.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        Some((
            Node {
                code: id,
                id: id.to_string(),
                name: code.name.clone(),
                level,
                color: code.color.clone(),
                description: code.description.joined(),
                memo,
                memos,
                children,
                segments,
                segment_count: count,
                document_count: docs.len(),
            },
            docs,
        ))
    }

    fn segment(&self, c: &Coding) -> Option<Segment> {
        let doc = self.p.document(c.document)?;
        let (first_line, last_line) = doc.lines_of(c.range);
        Some(Segment {
            document: doc.name.clone(),
            document_id: doc.id.to_string(),
            start: c.range.start.0,
            end: c.range.end.0,
            first_line,
            last_line,
            speaker: doc.speaker_of_line(first_line).map(str::to_string),
            coder: self.p.coder_name(c.coder).to_string(),
            text: doc.slice(c.range).to_string(),
            cite: doc.cite_label().to_string(),
            said: doc
                .text_without_labels(c.range)
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n"),
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("could not write {0}: {1}")]
pub struct ExportError(pub &'static str, pub String);

/// The export as the file's bytes, in any format (`.qdpx` and `.xlsx`
/// are zips).
pub fn export_bytes(
    p: &Project,
    format: Format,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Qdpx => refi::qdpx_bytes(p),
        Format::Qdc => refi::qdc_bytes(p),
        Format::Xlsx => xlsx_bytes(p),
        _ => export(p, format, opts).map(String::into_bytes),
    }
}

/// The export as text in the chosen format; the zips (`.qdpx`, `.xlsx`)
/// are refused here (`export_bytes` writes every format).
pub fn export(p: &Project, format: Format, opts: &ExportOptions) -> Result<String, ExportError> {
    if matches!(format, Format::Json | Format::Ron) {
        // Every coded segment is quoted with its lines.
        p.index_lines();
    }
    match format {
        Format::Json => {
            let h = hierarchy(p, opts);
            serde_json::to_string_pretty(&h)
                .map(|s| s + "\n")
                .map_err(|e| ExportError("JSON", e.to_string()))
        }
        Format::Ron => {
            let h = hierarchy(p, opts);
            let cfg = ron::ser::PrettyConfig::new()
                .struct_names(false)
                .indentor("  ".to_string())
                .escape_strings(false);
            ron::ser::to_string_pretty(&h, cfg)
                .map(|s| s + "\n")
                .map_err(|e| ExportError("RON", e.to_string()))
        }
        Format::Csv => to_csv(p, opts).map_err(|e| ExportError("CSV", e)),
        Format::Md => Ok(to_markdown(p, opts.rtl.unwrap_or_else(|| table_rtl(p)))),
        Format::Qdc => refi::qdc_checked(p),
        Format::Qdpx => Err(ExportError(
            "REFI-QDA project",
            "a .qdpx is a zip, not text; use export_bytes".into(),
        )),
        Format::Xlsx => Err(ExportError(
            "XLSX",
            "a workbook is a zip, not text; use export_bytes".into(),
        )),
    }
}
