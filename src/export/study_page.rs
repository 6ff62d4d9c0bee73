//! The study report's page (`study::Study`) written as Markdown, for the
//! paper, or as one HTML file that prints well: the review report's page
//! start and style, and names and quotes isolated from the text around
//! them (`<bdi>`), so that an English name in a Persian report, or the
//! reverse, keeps its own direction.

use super::MemoOut;
use super::review_page::{esc, head};
use super::study::{Section, Study};

/// Markdown text: characters that would start markup are escaped, and
/// `<` so that nothing becomes HTML inside the `dir="rtl"` block.
fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '|' => {
                o.push('\\');
                o.push(c);
            }
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\r' => {}
            _ => o.push(c),
        }
    }
    o
}

/// One paragraph of Markdown: a line break inside stays one (two spaces).
fn md_para(s: &str) -> String {
    s.lines().map(md).collect::<Vec<_>>().join("  \n")
}

fn md_description(o: &mut String, w: &super::study::Words, s: &Section) {
    let d = &s.description;
    for (label, text) in [
        (w.definition, &d.definition),
        (w.when_to_use, &d.when_to_use),
        (w.example, &d.example),
    ] {
        if !text.trim().is_empty() {
            put!(o, "**{label}:** {}\n\n", md_para(text.trim()));
        }
    }
}

fn md_memos(o: &mut String, memos: &[MemoOut]) {
    for m in memos {
        let title = if m.title.trim().is_empty() {
            String::new()
        } else {
            format!("**{}:** ", md(m.title.trim()))
        };
        put!(
            o,
            "- {title}{}\n",
            md_para(m.body.trim()).replace('\n', "\n  ")
        );
    }
    if !memos.is_empty() {
        o.push('\n');
    }
}

pub(super) fn markdown(study: &Study) -> String {
    let Study {
        w,
        rtl,
        name,
        summary,
        project_memos,
        sections,
        notes,
    } = study;
    let mut o = String::new();
    if *rtl {
        o.push_str("<div dir=\"rtl\">\n\n");
    }
    put!(o, "# {} — {}\n\n", w.title, md(name));
    put!(o, "## {}\n\n", w.summary);
    for (label, value) in summary {
        put!(o, "- {}: {}\n", md(label), md(value));
    }
    o.push('\n');
    if !project_memos.is_empty() {
        put!(o, "## {}\n\n", w.project_memos);
        md_memos(&mut o, project_memos);
    }
    put!(o, "## {}\n\n", w.hierarchy);
    for s in sections {
        let hashes = "#".repeat(3 + s.depth.min(3));
        put!(o, "{hashes} {}\n\n", md(&s.name));
        put!(o, "*{}* · {}\n\n", md(&s.level), md(&s.counts));
        md_description(&mut o, w, s);
        if !s.memos.is_empty() {
            put!(o, "**{}:**\n\n", w.memos);
            md_memos(&mut o, &s.memos);
        }
        for q in &s.quotes {
            for line in q.text.lines() {
                put!(o, "> {}\n", md(line));
            }
            put!(o, ">\n> — {}\n\n", md(&q.cite));
        }
        if !s.more.is_empty() {
            put!(o, "({})\n\n", s.more);
        }
    }
    if !notes.is_empty() {
        put!(o, "## {}\n\n", w.notes);
        for n in notes {
            put!(o, "- {}\n", md(n));
        }
        o.push('\n');
    }
    if *rtl {
        o.push_str("</div>\n");
    }
    o
}

/// The study report's own style, after the review report's.
const CSS: &str = "h1{font-size:1.6em;margin-bottom:0.2em}\
table.summary th{text-align:start;background:none;font-weight:normal}\
.node{margin:0.4em 0 0.9em;padding-inline-start:0.8em;border-inline-start:3px solid #ccc}\
.node h3,.node h4,.node h5{margin:0.2em 0}.node h3{font-size:1.3em}.node h4{font-size:1.15em}.node h5{font-size:1.05em}\
.sw{display:inline-block;width:0.8em;height:0.8em;border-radius:2px;margin-inline-end:0.4em;vertical-align:baseline}\
.meta{color:#555;margin:0.1em 0 0.4em;font-size:0.92em}\
.lvl{font-weight:bold}\
dl{margin:0.3em 0}dt{font-weight:bold;display:inline}dd{display:inline;margin:0}dd::after{content:'';display:block;margin-bottom:0.2em}\
blockquote{margin:0.4em 0;padding:0.3em 0.8em;background:#f6f6f6;border-inline-start:3px solid #999}\
blockquote p{margin:0;white-space:pre-line}blockquote footer{color:#555;font-size:0.9em;margin-top:0.2em}\
.memo{margin:0.3em 0;padding:0.2em 0.6em;background:#fff8d8}\
.more{color:#555;font-size:0.9em}\
@media print{.node{break-inside:auto}blockquote,.memo,dl{break-inside:avoid}h2,h3,h4,h5,.meta{break-after:avoid}blockquote{background:none;border-inline-start-color:#666}.sw{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";

fn html_memos(o: &mut String, memos: &[MemoOut]) {
    for m in memos {
        o.push_str("<div class=\"memo\">");
        if !m.title.trim().is_empty() {
            put!(o, "<b><bdi>{}</bdi>:</b> ", esc(m.title.trim()));
        }
        put!(
            o,
            "<bdi>{}</bdi></div>\n",
            esc(m.body.trim()).replace('\n', "<br>")
        );
    }
}

pub(super) fn html(study: &Study) -> String {
    let Study {
        w,
        rtl,
        name,
        summary,
        project_memos,
        sections,
        notes,
    } = study;
    let mut o = head(&format!("{} — {name}", w.title), *rtl, CSS);
    let dir = if *rtl { "rtl" } else { "ltr" };
    put!(o, "<h1>{} — <bdi>{}</bdi></h1>\n", esc(w.title), esc(name));
    put!(
        o,
        "<h2>{}</h2>\n<table class=\"summary\">\n",
        esc(w.summary)
    );
    for (label, value) in summary {
        put!(
            o,
            "<tr><th><bdi>{}</bdi></th><td><bdi>{}</bdi></td></tr>\n",
            esc(label),
            esc(value)
        );
    }
    o.push_str("</table>\n");
    if !project_memos.is_empty() {
        put!(o, "<h2>{}</h2>\n", esc(w.project_memos));
        html_memos(&mut o, project_memos);
    }
    put!(o, "<h2>{}</h2>\n", esc(w.hierarchy));
    // Sections nest as the tree does: each closes before the next one at
    // its depth or above.
    let mut open = 0;
    for s in sections {
        while open > s.depth {
            o.push_str("</section>\n");
            open -= 1;
        }
        let h = 3 + s.depth.min(2);
        o.push_str("<section class=\"node\">\n");
        open += 1;
        let swatch = if s.color.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"sw\" style=\"background:{}\"></span>",
                s.color
            )
        };
        put!(o, "<h{h}>{swatch}<bdi>{}</bdi></h{h}>\n", esc(&s.name));
        put!(
            o,
            "<p class=\"meta\"><span class=\"lvl\">{}</span> · {}</p>\n",
            esc(&s.level),
            esc(&s.counts)
        );
        let d = &s.description;
        let parts: Vec<(&str, &str)> = [
            (w.definition, d.definition.trim()),
            (w.when_to_use, d.when_to_use.trim()),
            (w.example, d.example.trim()),
        ]
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .collect();
        if !parts.is_empty() {
            o.push_str("<dl>\n");
            for (label, text) in parts {
                put!(
                    o,
                    "<dt>{}:</dt> <dd><bdi>{}</bdi></dd>\n",
                    esc(label),
                    esc(text).replace('\n', "<br>")
                );
            }
            o.push_str("</dl>\n");
        }
        html_memos(&mut o, &s.memos);
        for q in &s.quotes {
            // The quote takes its own direction (an English answer in a
            // Persian study reads left to right); the citation is in the
            // report's language, so it takes the report's, even though it
            // starts with a label such as `P9`.
            put!(
                o,
                "<blockquote><p dir=\"auto\">{}</p><footer>— <span dir=\"{dir}\">{}</span></footer></blockquote>\n",
                esc(&q.text),
                esc(&q.cite)
            );
        }
        if !s.more.is_empty() {
            put!(o, "<p class=\"more\">({})</p>\n", esc(&s.more));
        }
    }
    for _ in 0..open {
        o.push_str("</section>\n");
    }
    if !notes.is_empty() {
        put!(o, "<h2>{}</h2>\n<ul>\n", esc(w.notes));
        for n in notes {
            put!(o, "<li><bdi>{}</bdi></li>\n", esc(n));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}
