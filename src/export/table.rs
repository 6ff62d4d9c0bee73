//! Tabular exports for the paper: CSV per level-1 code, and the study's
//! Table 3 layout in Markdown.

use super::ExportOptions;
use crate::model::*;
use std::collections::BTreeSet;

/// `category,subcategory,code,segments,documents,coders`, one row per leaf
/// code in tree order. Deeper trees put the outer ancestors, joined with
/// " › ", in the category column.
pub fn to_csv(p: &Project, opts: &ExportOptions) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "category",
        "subcategory",
        "code",
        "segments",
        "documents",
        "coders",
    ])
    .map_err(|e| e.to_string())?;
    for (id, _) in p.walk() {
        let Some(code) = p.codes.get(&id) else {
            continue;
        };
        if !code.children.is_empty() {
            continue;
        }
        let path = p.code_path(id);
        let names: Vec<&str> = path
            .iter()
            .filter_map(|c| p.codes.get(c).map(|c| c.name.as_str()))
            .collect();
        let n = names.len();
        let sub = if n >= 2 { names[n - 2] } else { "" };
        let cat = if n >= 3 {
            names[..n - 2].join(" › ")
        } else {
            String::new()
        };
        let mut docs = BTreeSet::new();
        let mut coders = BTreeSet::new();
        let mut segments = 0;
        let ix = p.index();
        for c in ix
            .codings_of_code(id)
            .iter()
            .filter_map(|c| p.codings.get(c))
        {
            if opts.exclude_interviewer
                && let Some(d) = p.document(c.document)
                && p.is_interviewer(d.speaker_of_line(d.line_of(c.range.start)))
            {
                continue;
            }
            segments += 1;
            docs.insert(c.document);
            coders.insert(p.coder_name(c.coder).to_string());
        }
        let coders: Vec<String> = coders.into_iter().collect();
        w.write_record([
            cat.as_str(),
            sub,
            names[n - 1],
            &segments.to_string(),
            &docs.len().to_string(),
            &coders.join("; "),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

fn escape_md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Is the project's Table 3 right to left? A text direction set for the
/// whole project decides; left on automatic, it follows the project's
/// language: Persian level names, or code names mostly in Persian, make it
/// right to left.
pub fn table_rtl(p: &Project) -> bool {
    // A direction set for the whole project (View menu) is the user's word.
    match p.direction {
        Direction::Rtl => return true,
        Direction::Ltr => return false,
        Direction::Auto => {}
    }
    let levels: Vec<&str> = p.level_names.iter().map(String::as_str).collect();
    if crate::text::mostly_rtl(&levels.join(" ")) {
        return true;
    }
    // Counted by name, not by letter: a few long English names must not
    // outweigh many short Persian ones. Names without letters say nothing.
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in p.codes.values() {
        if crate::text::mostly_rtl(&c.name) {
            rtl += 1;
        } else if crate::text::first_strong(&c.name).is_some() {
            ltr += 1;
        }
    }
    rtl > ltr
}

/// The study's Table 3: category | subcategory | its codes. A right-to-left
/// table (`rtl`, see `table_rtl`) joins codes with "؛ " and is wrapped in
/// an RTL block so that the first column sits on the right, as in the
/// paper; a left-to-right one joins them with "; ".
pub fn to_markdown(p: &Project, rtl: bool) -> String {
    let sep = if rtl { "؛ " } else { "; " };
    let mut out = String::new();
    if rtl {
        out.push_str("<div dir=\"rtl\">\n\n");
    }
    out.push_str(&format!(
        "| {} | {} | {} |\n|---|---|---|\n",
        escape_md(&p.level_name(3)),
        escape_md(&p.level_name(2)),
        escape_md(&p.level_name(1))
    ));
    for (id, _) in p.walk() {
        let Some(code) = p.codes.get(&id) else {
            continue;
        };
        // Rows are the parents of level-1 codes (subcategories).
        let leaves: Vec<&str> = code
            .children
            .iter()
            .filter_map(|k| p.codes.get(k))
            .filter(|k| k.children.is_empty())
            .map(|k| k.name.as_str())
            .collect();
        if leaves.is_empty() {
            continue;
        }
        let path = p.code_path(id);
        let cat = if path.len() >= 2 {
            path[..path.len() - 1]
                .iter()
                .filter_map(|c| p.codes.get(c).map(|c| c.name.as_str()))
                .collect::<Vec<_>>()
                .join(" › ")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            escape_md(&cat),
            escape_md(&code.name),
            escape_md(&leaves.join(sep))
        ));
    }
    // Level-1 codes that are in no subcategory yet.
    let loose: Vec<&str> = p
        .ungrouped_codes()
        .iter()
        .filter_map(|c| p.codes.get(c).map(|c| c.name.as_str()))
        .collect();
    if !loose.is_empty() {
        out.push_str(&format!("|  |  | {} |\n", escape_md(&loose.join(sep))));
    }
    if rtl {
        out.push_str("\n</div>\n");
    }
    let notes = crate::analysis::level_notes(p);
    if !notes.is_empty() {
        out.push_str("\nNotes:\n\n");
        for n in notes {
            out.push_str(&format!("- {}\n", escape_md(&n)));
        }
    }
    out
}
