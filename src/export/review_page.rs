//! The review report's page: its parts (`Page`, put together by
//! `review::review_report`) written as Markdown or as HTML that prints well.

use super::review::{Block, Table, Words};

/// What the report shows, in the order it shows it.
pub(super) struct Page<'a> {
    pub name: &'a str,
    pub w: &'static Words,
    pub rtl: bool,
    pub coders: Vec<&'a str>,
    pub tables: Vec<Table>,
    pub threads: Vec<Block>,
    pub points: Vec<String>,
}

/// A Markdown cell: no line breaks or pipes inside.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub(super) fn markdown(page: &Page) -> String {
    let Page {
        name,
        w,
        rtl,
        coders,
        tables,
        threads,
        points,
    } = page;
    let rtl = *rtl;
    let mut o = String::new();
    if rtl {
        o.push_str("<div dir=\"rtl\">\n\n");
    }
    put!(o, "# {} — {}\n\n", w.title, name);
    put!(o, "{}: {}\n\n", w.coders, coders.join("، "));
    for t in tables {
        put!(o, "## {}\n\n", t.heading);
        if !t.lead.is_empty() {
            put!(o, "{}\n\n", t.lead);
        }
        put!(
            o,
            "| {} |\n",
            t.columns
                .iter()
                .map(|c| md_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        put!(o, "|{}\n", "---|".repeat(t.columns.len()));
        for r in &t.rows {
            put!(
                o,
                "| {} |\n",
                r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
            );
        }
        if !t.note.is_empty() {
            put!(o, "\n{}\n", t.note);
        }
        o.push('\n');
    }
    put!(o, "## {}\n\n", w.open_comments);
    if threads.is_empty() {
        put!(o, "{}\n\n", w.none_open);
    }
    for b in threads {
        put!(o, "### {} {}\n\n", w.about, b.about);
        if let Some(x) = &b.proposal {
            put!(o, "**{}:** {x}\n\n", w.proposal);
        }
        for (by, at, text) in &b.comments {
            put!(o, "- **{by}** ({at}): {}\n", text.replace('\n', " "));
        }
        o.push('\n');
    }
    if !points.is_empty() {
        put!(o, "## {}\n\n", w.review_points);
        for x in points {
            put!(o, "- {x}\n");
        }
        o.push('\n');
    }
    if rtl {
        o.push_str("</div>\n");
    }
    o
}

/// Figures in the report's digits: Persian ones (and the Persian decimal
/// separator) in a Persian report, as the interface writes them.
pub(super) fn digits(s: &str, persian: bool) -> String {
    if !persian {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap_or(c),
            '.' => '\u{066B}',
            '%' => '٪',
            _ => c,
        })
        .collect()
}

pub(super) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

pub(super) const CSS: &str = "body{font-family:'Vazirmatn','Noto Naskh Arabic','Noto Sans',Tahoma,sans-serif;margin:2em;line-height:1.5}\
table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.92em}th,td{border:1px solid #999;padding:0.2em 0.6em;text-align:start;vertical-align:top}\
td.n{text-align:end;font-variant-numeric:tabular-nums}th{background:#eee}\
.thread{border:1px solid #ccc;padding:0.4em 0.8em;margin:0.6em 0}\
@media print{body{margin:0}table{font-size:0.8em}thead{display:table-header-group}tr,.thread{break-inside:avoid}h2{break-after:avoid}}";

/// An HTML page's start, up to `<body>`: its direction and language,
/// title and style (the shared CSS, then `css`); nothing loaded from
/// elsewhere, so that the one file is the whole report.
pub(super) fn head(title: &str, rtl: bool, css: &str) -> String {
    let (dir, lang) = if rtl { ("rtl", "fa") } else { ("ltr", "en") };
    format!(
        "<!DOCTYPE html>\n<html dir=\"{dir}\" lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}{css}</style>\n</head>\n<body>\n",
        esc(title)
    )
}

pub(super) fn html(page: &Page) -> String {
    let Page {
        name,
        w,
        rtl,
        coders,
        tables,
        threads,
        points,
    } = page;
    let rtl = *rtl;
    let mut o = head(&format!("{} — {name}", w.title), rtl, "");
    put!(o, "<h1>{} — <bdi>{}</bdi></h1>\n", esc(w.title), esc(name));
    let names: Vec<String> = coders
        .iter()
        .map(|c| format!("<bdi>{}</bdi>", esc(c)))
        .collect();
    put!(
        o,
        "<p>{}: {}</p>\n",
        esc(w.coders),
        names.join(if rtl { "، " } else { ", " })
    );
    for t in tables {
        put!(o, "<h2>{}</h2>\n", esc(&t.heading));
        if !t.lead.is_empty() {
            put!(o, "<p>{}</p>\n", esc(&digits(&t.lead, rtl)));
        }
        o.push_str("<table>\n<thead><tr>\n");
        for c in &t.columns {
            put!(o, "<th><bdi>{}</bdi></th>", esc(c));
        }
        o.push_str("</tr></thead>\n<tbody>\n");
        for r in &t.rows {
            o.push_str("<tr>");
            for c in r {
                let numeric =
                    !c.is_empty() && c.chars().all(|x| x.is_ascii_digit() || ".-–%".contains(x));
                // The tree's nesting as an indent (spaces do not show it).
                let depth = c.chars().take_while(|x| *x == '\u{a0}').count() / 3;
                let cell = c.trim_start_matches('\u{a0}');
                let (class, style) = match (numeric, depth) {
                    (true, _) => (" class=\"n\"", String::new()),
                    (false, 0) => ("", String::new()),
                    (false, d) => (
                        "",
                        format!(" style=\"padding-inline-start:{}em\"", d as f32 * 1.4 + 0.6),
                    ),
                };
                let text = if numeric {
                    digits(cell, rtl)
                } else {
                    cell.to_string()
                };
                put!(o, "<td{class}{style}><bdi>{}</bdi></td>", esc(&text));
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody>\n</table>\n");
        if !t.note.is_empty() {
            put!(o, "<p>{}</p>\n", esc(&digits(&t.note, rtl)));
        }
    }
    put!(o, "<h2>{}</h2>\n", esc(w.open_comments));
    if threads.is_empty() {
        put!(o, "<p>{}</p>\n", esc(w.none_open));
    }
    for b in threads {
        put!(
            o,
            "<div class=\"thread\">\n<h3>{} <bdi>{}</bdi></h3>\n",
            esc(w.about),
            esc(&b.about)
        );
        if let Some(x) = &b.proposal {
            put!(
                o,
                "<p><b>{}:</b> <bdi>{}</bdi></p>\n",
                esc(w.proposal),
                esc(x)
            );
        }
        o.push_str("<ul>\n");
        for (by, at, text) in &b.comments {
            put!(
                o,
                "<li><b><bdi>{}</bdi></b> (<span dir=\"ltr\">{}</span>): <bdi>{}</bdi></li>\n",
                esc(by),
                esc(&digits(at, rtl)),
                esc(text).replace('\n', "<br>")
            );
        }
        o.push_str("</ul>\n</div>\n");
    }
    if !points.is_empty() {
        put!(o, "<h2>{}</h2>\n<ul>\n", esc(w.review_points));
        for x in points {
            put!(o, "<li><bdi>{}</bdi></li>\n", esc(x));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}
