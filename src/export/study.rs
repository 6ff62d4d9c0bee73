//! The study report (`strata report`): the project in brief, then each
//! category, subcategory and code with its definition, counts, memos and a
//! few quotes cited `P9, lines 12–14`, for a supervisor to review the study
//! and for the paper. Markdown, or an HTML page that prints well (right to
//! left for a Persian project). Deterministic: tree order, quotes in
//! document order.

use super::review::ReportFormat;
use super::review_page::digits;
use super::{ExportOptions, MemoOut, Node, Segment, hierarchy, study_page};
use crate::model::*;
use std::collections::BTreeSet;

/// Quotes shown under a code, at most.
pub const QUOTES_PER_CODE: usize = 3;
/// A longer quote is cut at a word, with "…".
const QUOTE_CHARS: usize = 400;

/// The report's words in the project's language.
pub(super) struct Words {
    pub(super) title: &'static str,
    pub(super) summary: &'static str,
    pub(super) documents: &'static str,
    pub(super) coders: &'static str,
    pub(super) codings: &'static str,
    pub(super) words: &'static str,
    pub(super) hierarchy: &'static str,
    levels: &'static str,
    pub(super) project_memos: &'static str,
    pub(super) definition: &'static str,
    pub(super) when_to_use: &'static str,
    pub(super) example: &'static str,
    pub(super) memos: &'static str,
    pub(super) notes: &'static str,
    pub(super) sep: &'static str,
    line: &'static str,
    lines: &'static str,
    uncoded: &'static str,
    more: &'static str,
}

const EN: Words = Words {
    title: "Study report",
    summary: "The study in brief",
    documents: "Documents",
    coders: "Coders (codings)",
    codings: "Codings",
    words: "Words in the transcripts",
    hierarchy: "Categories, subcategories and codes",
    levels: "Codes per level",
    project_memos: "Memos on the project",
    definition: "Definition",
    when_to_use: "When to use",
    example: "Example",
    memos: "Memos",
    notes: "Notes",
    sep: ", ",
    line: "line",
    lines: "lines",
    uncoded: "Not coded yet.",
    more: "and {n} more segments",
};

const FA: Words = Words {
    title: "گزارش پژوهش",
    summary: "پژوهش در یک نگاه",
    documents: "سندها",
    coders: "کدگذاران (کدگذاری‌ها)",
    codings: "کدگذاری‌ها",
    words: "واژه‌های متن‌ها",
    hierarchy: "مقوله‌ها، زیرمقوله‌ها و کدها",
    levels: "کدها در هر سطح",
    project_memos: "یادداشت‌های پروژه",
    definition: "تعریف",
    when_to_use: "زمان کاربرد",
    example: "نمونه",
    memos: "یادداشت‌ها",
    notes: "نکته‌ها",
    sep: "، ",
    line: "سطر",
    lines: "سطرهای",
    uncoded: "هنوز کدگذاری نشده است.",
    more: "و {n} بخش دیگر",
};

/// A quote: what was said and where (`P9, lines 12–14`).
pub(super) struct Quote {
    pub(super) text: String,
    pub(super) cite: String,
}

/// One node of the tree as the report shows it.
pub(super) struct Section {
    /// 0 for a root.
    pub(super) depth: usize,
    /// The node's level name (category, subcategory, code).
    pub(super) level: String,
    pub(super) name: String,
    /// `#rrggbb`, or empty when the project's colour is not one.
    pub(super) color: String,
    /// Codings, distinct segments and documents, in a sentence.
    pub(super) counts: String,
    pub(super) description: Description,
    pub(super) memos: Vec<MemoOut>,
    pub(super) quotes: Vec<Quote>,
    /// "and 5 more segments", when not every segment is quoted.
    pub(super) more: String,
}

/// What the report shows, in the order it shows it.
pub(super) struct Study {
    pub(super) w: &'static Words,
    pub(super) rtl: bool,
    pub(super) name: String,
    /// Label, value.
    pub(super) summary: Vec<(String, String)>,
    pub(super) project_memos: Vec<MemoOut>,
    pub(super) sections: Vec<Section>,
    pub(super) notes: Vec<String>,
}

/// The report as Markdown or as one self-contained HTML page.
pub fn study_report(p: &Project, format: ReportFormat) -> String {
    let study = build(p);
    match format {
        ReportFormat::Markdown => study_page::markdown(&study),
        ReportFormat::Html => study_page::html(&study),
    }
}

fn build(p: &Project) -> Study {
    let rtl = super::table_rtl(p);
    let w = if rtl { &FA } else { &EN };
    let num = |n: usize| digits(&n.to_string(), rtl);
    let h = hierarchy(p, &ExportOptions::default());
    let stats = crate::analysis::stats(p);
    let ix = p.index();
    let mut summary = vec![(w.documents.to_string(), num(stats.documents))];
    let coders: Vec<String> = p
        .coders
        .iter()
        // Each name isolated (FSI…PDI): a Persian name in an English list
        // keeps its count on the right side.
        .map(|c| {
            format!(
                "\u{2068}{}\u{2069} ({})",
                c.name,
                num(ix.codings_of_coder(c.id).len())
            )
        })
        .collect();
    if !coders.is_empty() {
        summary.push((w.coders.to_string(), coders.join(w.sep)));
    }
    summary.push((w.codings.to_string(), num(stats.codings)));
    // Outer levels first, as the tree reads: `7 مقوله، 24 زیرمقوله` (a
    // counted Persian noun stays singular), `Category: 7, Subcategory: 24`
    // (a level's name cannot be made plural).
    let levels: Vec<String> = stats
        .codes_per_level
        .iter()
        .rev()
        .map(|(level, n)| {
            if rtl {
                format!("{} {}", num(*n), p.level_name(*level))
            } else {
                format!("{}: {n}", p.level_name(*level))
            }
        })
        .collect();
    if !levels.is_empty() {
        summary.push((w.levels.to_string(), levels.join(w.sep)));
    }
    summary.push((w.words.to_string(), num(stats.words)));
    let mut sections = Vec::new();
    for n in &h.tree {
        sections_of(p, w, rtl, n, 0, &mut sections);
    }
    Study {
        w,
        rtl,
        name: p.name.clone(),
        summary,
        project_memos: h.project_memos,
        sections,
        notes: h.notes,
    }
}

fn sections_of(p: &Project, w: &Words, rtl: bool, n: &Node, depth: usize, out: &mut Vec<Section>) {
    let mut distinct = BTreeSet::new();
    distinct_of(n, &mut distinct);
    let own = unique(&n.segments);
    let quotes = pick(&own);
    let more = own.len() - quotes.len();
    let color = n.color.clone();
    let valid = color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|c| c.is_ascii_hexdigit());
    out.push(Section {
        depth,
        level: p.level_name(n.level),
        name: n.name.clone(),
        color: if valid { color } else { String::new() },
        counts: counts(w, rtl, n.segment_count, distinct.len(), n.document_count),
        description: p
            .codes
            .get(&n.code)
            .map(|c| c.description.clone())
            .unwrap_or_default(),
        memos: n
            .memos
            .iter()
            .map(|m| MemoOut {
                title: m.title.clone(),
                body: m.body.clone(),
            })
            .collect(),
        quotes: quotes
            .iter()
            .map(|s| Quote {
                text: cut(&s.said),
                cite: cite(w, rtl, s),
            })
            .collect(),
        more: if more > 0 {
            w.more.replace("{n}", &digits(&more.to_string(), rtl))
        } else {
            String::new()
        },
    });
    for k in &n.children {
        sections_of(p, w, rtl, k, depth + 1, out);
    }
}

/// The distinct coded stretches of text in a subtree.
fn distinct_of<'a>(n: &'a Node, out: &mut BTreeSet<(&'a str, usize, usize)>) {
    for s in &n.segments {
        out.insert((s.document_id.as_str(), s.start, s.end));
    }
    for k in &n.children {
        distinct_of(k, out);
    }
}

/// A node's segments, each stretch of text once (two coders may have
/// coded the same words), in document order.
fn unique(segments: &[Segment]) -> Vec<&Segment> {
    let mut seen = BTreeSet::new();
    segments
        .iter()
        .filter(|s| seen.insert((s.document_id.as_str(), s.start, s.end)))
        .collect()
}

/// The quotes to show: from as many documents as there are, up to
/// `QUOTES_PER_CODE`, the first of each document first; in document order.
fn pick<'a>(own: &[&'a Segment]) -> Vec<&'a Segment> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut docs = BTreeSet::new();
    for (i, s) in own.iter().enumerate() {
        if chosen.len() < QUOTES_PER_CODE && docs.insert(s.document_id.as_str()) {
            chosen.push(i);
        }
    }
    for i in 0..own.len() {
        if chosen.len() >= QUOTES_PER_CODE {
            break;
        }
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|i| own[i]).collect()
}

/// `12 codings in 5 documents`, with the distinct segments when two
/// codings share one.
fn counts(w: &Words, rtl: bool, codings: usize, segments: usize, documents: usize) -> String {
    if codings == 0 {
        return w.uncoded.to_string();
    }
    let n = |x: usize| digits(&x.to_string(), rtl);
    if rtl {
        // A counted Persian noun stays singular.
        let distinct = if segments == codings {
            String::new()
        } else {
            format!(" ({} بخش متمایز)", n(segments))
        };
        return format!("{} کدگذاری{distinct} در {} سند", n(codings), n(documents));
    }
    let plural =
        |x: usize, one: &str, many: &str| format!("{x} {}", if x == 1 { one } else { many });
    let distinct = if segments == codings {
        String::new()
    } else {
        format!(
            " ({})",
            plural(segments, "distinct segment", "distinct segments")
        )
    };
    format!(
        "{}{distinct} in {}",
        plural(codings, "coding", "codings"),
        plural(documents, "document", "documents")
    )
}

/// `P9, lines 12–14` (`P9، سطرهای ۱۲–۱۴`): the document's citation label
/// and the 1-based lines the segment touches.
fn cite(w: &Words, rtl: bool, s: &Segment) -> String {
    let n = |x: usize| digits(&x.to_string(), rtl);
    let lines = if s.first_line == s.last_line {
        format!("{} {}", w.line, n(s.first_line))
    } else {
        format!("{} {}–{}", w.lines, n(s.first_line), n(s.last_line))
    };
    format!("{}{}{lines}", s.cite, w.sep)
}

/// A quote cut to `QUOTE_CHARS`, at a space where there is one.
fn cut(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(QUOTE_CHARS).collect();
    let at = head.rfind(char::is_whitespace).unwrap_or(head.len());
    format!("{}…", head[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally_in_both_languages() {
        assert_eq!(counts(&EN, false, 1, 1, 1), "1 coding in 1 document");
        assert_eq!(
            counts(&EN, false, 3, 2, 2),
            "3 codings (2 distinct segments) in 2 documents"
        );
        assert_eq!(counts(&FA, true, 12, 12, 5), "۱۲ کدگذاری در ۵ سند");
        assert_eq!(counts(&FA, true, 0, 0, 0), "هنوز کدگذاری نشده است.");
    }

    #[test]
    fn a_long_quote_is_cut_at_a_word() {
        let long = "word ".repeat(200);
        let c = cut(&long);
        assert!(c.ends_with("word…"), "{c}");
        assert!(c.chars().count() <= QUOTE_CHARS + 1);
        assert_eq!(cut("short"), "short");
    }
}
