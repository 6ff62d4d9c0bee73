//! The supervisor's review report (`strata review`): the hierarchy with
//! counts per coder and verdicts, agreement tables, open comments and
//! unresolved conflicts, as Markdown or as an HTML page that prints well
//! (right to left for a Persian project, names isolated from the text
//! around them). Deterministic: tree order, coders in project order,
//! threads by when they were opened.

use super::review_page::{self, Page};
use crate::model::*;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
}

impl ReportFormat {
    /// From an output file's extension: `.html`/`.htm` or `.md`.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }
}

/// A table of the report: a heading, column names and rows of cells.
#[derive(Clone)]
pub struct Table {
    pub heading: String,
    /// A sentence above the table (what it compares).
    pub lead: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A sentence under the table (how figures were computed).
    pub note: String,
}

/// The report's words in the project's language.
pub(super) struct Words {
    pub(super) title: &'static str,
    pub(super) coders: &'static str,
    pub(super) hierarchy: &'static str,
    pub(super) code: &'static str,
    pub(super) level: &'static str,
    pub(super) total: &'static str,
    pub(super) verdict: &'static str,
    pub(super) open_comments: &'static str,
    pub(super) accepted: &'static str,
    pub(super) needs_work: &'static str,
    pub(super) agreement: &'static str,
    pub(super) none_open: &'static str,
    pub(super) about: &'static str,
    pub(super) proposal: &'static str,
    pub(super) review_points: &'static str,
    pub(super) project: &'static str,
    pub(super) deleted: &'static str,
    pub(super) unknown: &'static str,
    pub(super) only: &'static str,
    pub(super) merge_author: &'static str,
    pub(super) overall: &'static str,
    pub(super) unit_line: &'static str,
    pub(super) unit_segment: &'static str,
    pub(super) unit_document: &'static str,
    pub(super) agreement_note: &'static str,
    pub(super) coverage: &'static str,
}

const EN: Words = Words {
    title: "Review report",
    coders: "Coders",
    hierarchy: "Code hierarchy with codings per coder",
    code: "Code",
    level: "Level",
    total: "Total",
    verdict: "Verdict",
    open_comments: "Open comments and conflicts",
    accepted: "accepted",
    needs_work: "needs work",
    agreement: "Intercoder agreement",
    none_open: "None.",
    about: "About",
    proposal: "Proposed",
    review_points: "Review points",
    project: "the project",
    deleted: "deleted",
    unknown: "unknown",
    only: "only",
    merge_author: "Strata (merge)",
    overall: "Overall (pooled)",
    unit_line: "units: lines",
    unit_segment: "units: segments",
    unit_document: "units: documents",
    coverage: "Compared: {complete} documents every coder here coded. Left out (coded by only some of them): {left}.",
    agreement_note: "N: units; +: units where the coders agree; only: units only that coder coded; %: observed agreement. Overall figures pool every unit × code decision (the sum of the per-code counts); κ and α are undefined (—) where chance agreement is 1. Methods: docs/agreement.md.",
};

const FA: Words = Words {
    title: "گزارش بازبینی",
    coders: "کدگذاران",
    hierarchy: "سلسله‌مراتب کدها با کدگذاری‌های هر کدگذار",
    code: "کد",
    level: "سطح",
    total: "جمع",
    verdict: "داوری",
    open_comments: "نظرها و تعارض‌های باز",
    accepted: "پذیرفته",
    needs_work: "نیازمند کار",
    agreement: "توافق میان کدگذاران",
    none_open: "هیچ.",
    about: "دربارهٔ",
    proposal: "پیشنهاد",
    review_points: "نقطه‌های بازبینی",
    project: "پروژه",
    deleted: "حذف‌شده",
    unknown: "ناشناس",
    only: "فقط",
    merge_author: "Strata (ادغام)",
    overall: "کل (همه روی هم)",
    unit_line: "واحد: سطر",
    unit_segment: "واحد: بخش",
    unit_document: "واحد: سند",
    coverage: "مقایسه‌شده: {complete} سند که همهٔ این کدگذاران کدگذاری کرده‌اند. کنار گذاشته (تنها برخی کدگذاری کرده‌اند): {left}.",
    agreement_note: "N: شمار واحدها؛ +: واحدهایی که کدگذاران در آن‌ها توافق دارند؛ فقط: واحدهایی که تنها آن کدگذار کدگذاری کرده؛ %: توافق مشاهده‌شده. رقم‌های کل همهٔ تصمیم‌های واحد × کد را روی هم می‌گذارند (جمع شمارش‌های هر کد)؛ آنجا که توافق تصادفی ۱ است، κ و α تعریف‌نشده‌اند (—). روش‌ها: docs/agreement.md.",
};

/// A merge conflict a thread keeps, in a sentence of either language (the
/// window and the report say it in theirs).
pub fn conflict_text(note: &ConflictNote, persian: bool) -> String {
    if !persian {
        return format!(
            "Merge conflict ({}): {}. Kept: {}. Also: {}.",
            note.kind.replace('_', " "),
            note.item,
            note.kept,
            note.others.join("; ")
        );
    }
    let kind = match note.kind.as_str() {
        "renamed" => "نام‌گذاری به دو شکل",
        "moved" => "جابه‌جایی به دو جا",
        "move_cycle" => "جابه‌جایی‌هایی که کد را درون خودش می‌برد",
        "recoloured" => "رنگ به دو شکل",
        "description_edited" => "توصیف به دو شکل",
        "deleted_but_changed" => "حذف در یک نسخه و تغییر در دیگری",
        "deleted_but_used" => "حذف در یک نسخه و به‌کاررفته در دیگری",
        "coding_changed" => "کدگذاری به دو شکل تغییر کرد",
        "deleted_on_one_side" => "حذف تنها در یک نسخه",
        "memo_edited" => "یادداشت به دو شکل ویرایش شد",
        "document_changed" => "سند به دو شکل تغییر کرد",
        "group_renamed" => "گروه سند به دو نام",
        "coder_changed" => "کدگذار به دو شکل تغییر کرد",
        "project_setting" => "تنظیم پروژه به دو شکل",
        "order_changed" => "ترتیب به دو شکل",
        other => other,
    };
    format!(
        "تعارض ادغام ({kind}): {}. نگه‌داشته: {}. دیگر: {}.",
        note.item,
        note.kept,
        note.others.join("؛ ")
    )
}

/// A table of agreement figures for the report: the pooled row first,
/// then a row per code; statistics to three places, "—" where undefined.
pub fn agreement_table(p: &Project, a: &crate::analysis::agreement::Agreement) -> Table {
    use crate::analysis::agreement::{Figures, Unit};
    let fa = super::table_rtl(p);
    let w = if fa { &FA } else { &EN };
    let segments = a.unit == Unit::Segment;
    let two = a.coders.len() == 2;
    let mut columns: Vec<String> = vec![w.code.into(), "N".into(), "+".into()];
    columns.extend(a.coders.iter().map(|c| format!("{} ({})", c.name, w.only)));
    columns.push("%".into());
    if segments {
        columns.push("κ Brennan–Prediger".into());
    } else {
        columns.push(if two { "κ Cohen" } else { "κ Fleiss" }.into());
        columns.push("α Krippendorff".into());
    }
    let stat = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.3}"));
    let cells = |name: String, f: &Figures| {
        let mut v = vec![name, f.units.to_string(), f.agreements.to_string()];
        v.extend(f.only.iter().map(|n| n.to_string()));
        v.push(
            f.observed
                .map_or("—".into(), |o| format!("{:.1}", o * 100.0)),
        );
        if segments {
            v.push(stat(f.brennan_prediger));
        } else {
            v.push(stat(if two { f.cohen } else { f.fleiss }));
            v.push(stat(f.alpha));
        }
        v
    };
    let mut rows = vec![cells(w.overall.to_string(), &a.overall)];
    rows.extend(
        a.per_code
            .iter()
            .map(|r| cells(r.path.join(" › "), &r.figures)),
    );
    let unit = match a.unit {
        Unit::Line => w.unit_line,
        Unit::Segment => w.unit_segment,
        Unit::Document => w.unit_document,
    };
    let names: Vec<&str> = a.coders.iter().map(|c| c.name.as_str()).collect();
    let coverage = w
        .coverage
        .replace("{complete}", &a.documents_complete.to_string())
        .replace(
            "{left}",
            &if a.documents_left_out.is_empty() {
                if fa { "هیچ" } else { "none" }.to_string()
            } else {
                a.documents_left_out.join(if fa { "، " } else { ", " })
            },
        );
    Table {
        heading: format!("{} — {} ({unit})", w.agreement, names.join(" / ")),
        lead: coverage,
        columns,
        rows,
        note: w.agreement_note.to_string(),
    }
}

/// The report. `agreement`: tables made by the caller (the CLI computes
/// them for the coders asked for), each printed under its heading.
pub fn review_report(p: &Project, format: ReportFormat, agreement: &[Table]) -> String {
    let rtl = super::table_rtl(p);
    let w = if rtl { &FA } else { &EN };
    let mut tables = vec![hierarchy_table(p, w)];
    tables.extend(agreement.iter().cloned());
    let threads = thread_blocks(p, w, rtl);
    let points: Vec<String> = p
        .review
        .points
        .iter()
        .map(|x| {
            let by = x.by.and_then(|c| p.coder(c)).map_or(w.unknown, |c| &c.name);
            format!("{} — {} — {}", x.name, x.at.format("%Y-%m-%d %H:%M"), by)
        })
        .collect();
    let page = Page {
        name: &p.name,
        w,
        rtl,
        coders: p.coders.iter().map(|c| c.name.as_str()).collect(),
        tables,
        threads,
        points,
    };
    match format {
        ReportFormat::Markdown => review_page::markdown(&page),
        ReportFormat::Html => review_page::html(&page),
    }
}

fn hierarchy_table(p: &Project, w: &Words) -> Table {
    let ix = p.index();
    // Each coder's codings per code, with the subtree's.
    let per_coder: Vec<BTreeMap<CodeId, usize>> = p
        .coders
        .iter()
        .map(|c| crate::analysis::code_counts(p, crate::analysis::codings_of(p, c.id)).1)
        .collect();
    let mut columns = vec![w.code.to_string(), w.level.to_string()];
    columns.extend(p.coders.iter().map(|c| c.name.clone()));
    columns.extend([w.total.to_string(), w.verdict.to_string()]);
    let rows = p
        .walk()
        .into_iter()
        .filter_map(|(id, depth)| {
            let code = p.codes.get(&id)?;
            let mut row = vec![
                format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth), code.name),
                p.level_name(ix.level(id)),
            ];
            row.extend(
                per_coder
                    .iter()
                    .map(|t| t.get(&id).copied().unwrap_or(0).to_string()),
            );
            row.push(ix.total_count(id).to_string());
            row.push(match p.review.verdicts.get(&id).map(|v| v.verdict) {
                Some(Verdict::Accepted) => w.accepted.to_string(),
                Some(Verdict::NeedsWork) => w.needs_work.to_string(),
                None => String::new(),
            });
            Some(row)
        })
        .collect();
    Table {
        heading: w.hierarchy.to_string(),
        lead: String::new(),
        columns,
        rows,
        note: String::new(),
    }
}

/// An open thread: what it is about, its proposal, and its comments.
pub(super) struct Block {
    pub(super) about: String,
    pub(super) proposal: Option<String>,
    /// Author, when, text.
    pub(super) comments: Vec<(String, String, String)>,
}

fn thread_blocks(p: &Project, w: &Words, persian: bool) -> Vec<Block> {
    p.review
        .open_threads()
        .into_iter()
        .map(|t| {
            let about = match t.target {
                ReviewTarget::Project => w.project.to_string(),
                ReviewTarget::Code(id) => match p.codes.get(&id) {
                    Some(_) => p.code_path_label(id, " › "),
                    None => format!("? ({})", w.deleted),
                },
                ReviewTarget::Coding(id) => match p.codings.get(&id) {
                    Some(c) => {
                        let doc = p.document(c.document);
                        // `lines_of` is 1-based already.
                        let (a, b) = doc.map_or((0, 0), |d| d.lines_of(c.range));
                        format!(
                            "{} {}–{} · {} · {}",
                            doc.map_or("?", |d| d.name.as_str()),
                            a,
                            b,
                            p.codes.get(&c.code).map_or("?", |x| x.name.as_str()),
                            p.coder_name(c.coder)
                        )
                    }
                    None => format!("? ({})", w.deleted),
                },
            };
            let name = |id: &CodeId| p.codes.get(id).map_or("?".to_string(), |c| c.name.clone());
            let proposal = t.proposal.as_ref().map(|x| match x {
                Proposal::Rename { to } => format!("→ «{to}»"),
                Proposal::Merge { into } => format!("⇒ «{}»", name(into)),
                Proposal::Move { under } => {
                    format!("↳ «{}»", under.as_ref().map_or(w.project.to_string(), name))
                }
            });
            let comments = t
                .comments
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let text = match (&t.conflict, i) {
                        (Some(note), 0) => conflict_text(note, persian),
                        _ => c.text.clone(),
                    };
                    let by = match (&t.conflict, c.author) {
                        (Some(_), None) => w.merge_author,
                        (_, a) => a.and_then(|a| p.coder(a)).map_or(w.unknown, |x| &x.name),
                    };
                    (
                        by.to_string(),
                        c.at.format("%Y-%m-%d %H:%M UTC").to_string(),
                        text,
                    )
                })
                .collect();
            Block {
                about,
                proposal,
                comments,
            }
        })
        .collect()
}
