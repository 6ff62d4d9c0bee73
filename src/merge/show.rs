//! A project as stable, readable text: for `git diff` (as a textconv) and
//! `git log -p`, where a change of one coding shows as one changed line.

use crate::model::*;
use std::collections::BTreeMap;

/// Documents, coders, the code tree with counts per coder, every coding on
/// a line of its own (document order, then position) and every memo.
pub fn show(p: &Project) -> String {
    let mut t = format!("project: {}\n", p.name);
    t += "\ndocuments:\n";
    for d in &p.documents {
        let hash = if d.source.text_hash.is_empty() {
            text_hash(d.text())
        } else {
            d.source.text_hash.clone()
        };
        t += &format!(
            "  {} ({} lines, text {})\n",
            d.name,
            d.line_count(),
            &hash[..hash.len().min(12)]
        );
        for (k, v) in &d.variables {
            t += &format!("    {k} = {v}\n");
        }
    }
    t += "\ncoders:\n";
    for c in &p.coders {
        t += &format!("  {} {}\n", c.name, c.color);
    }
    let mut per: BTreeMap<(CodeId, CoderId), usize> = BTreeMap::new();
    for c in p.codings.values() {
        *per.entry((c.code, c.coder)).or_default() += 1;
    }
    t += "\ncodes:\n";
    let ix = p.index();
    for (id, depth) in p.walk() {
        let Some(code) = p.codes.get(&id) else {
            continue;
        };
        let coders: Vec<String> = p
            .coders
            .iter()
            .filter_map(|c| per.get(&(id, c.id)).map(|n| format!("{} {n}", c.name)))
            .collect();
        t += &format!(
            "  {}{} {} [{} own, {} total{}]\n",
            "  ".repeat(depth),
            code.name,
            code.color,
            ix.own_count(id),
            ix.total_count(id),
            if coders.is_empty() {
                String::new()
            } else {
                format!("; {}", coders.join(", "))
            }
        );
    }
    t += "\ncodings:\n";
    for d in &p.documents {
        // Position, then code and coder: the order never depends on IDs.
        let mut rows: Vec<(usize, usize, String, &str)> = p
            .codings_in(d.id)
            .into_iter()
            .map(|c| {
                (
                    c.range.start.0,
                    c.range.end.0,
                    p.code_path_label(c.code, " › "),
                    p.coder_name(c.coder),
                )
            })
            .collect();
        rows.sort();
        let lines = rows.into_iter().map(|(a, b, path, coder)| {
            let (first, last) = d.lines_of(CharRange::new(a, b));
            format!(
                "  {} {first}-{last} (chars {a}-{b}): {path} — {coder}\n",
                d.name
            )
        });
        t.extend(lines);
    }
    t += "\nmemos:\n";
    let mut memos: Vec<(String, &Memo)> = p
        .memos
        .values()
        .map(|m| {
            let on = match m.target {
                MemoTarget::Project => "project".to_string(),
                MemoTarget::Document(d) => format!(
                    "document {}",
                    p.document(d).map_or("?", |d| d.name.as_str())
                ),
                MemoTarget::Code(c) => format!("code {}", p.code_path_label(c, " › ")),
                MemoTarget::Coding(c) => match p.codings.get(&c) {
                    Some(c) => format!(
                        "coding {} chars {}-{}",
                        p.document(c.document).map_or("?", |d| d.name.as_str()),
                        c.range.start.0,
                        c.range.end.0
                    ),
                    None => "coding ?".to_string(),
                },
            };
            (on, m)
        })
        .collect();
    memos.sort_by(|a, b| (&a.0, &a.1.title, &a.1.body).cmp(&(&b.0, &b.1.title, &b.1.body)));
    for (on, m) in memos {
        t += &format!("  [{on}] {}\n", m.title);
        for l in m.body.lines() {
            t += &format!("    {l}\n");
        }
    }
    t += &review(p);
    t
}

/// What a review target is, in words.
pub(super) fn about(p: &Project, t: ReviewTarget) -> String {
    match t {
        ReviewTarget::Project => "project".to_string(),
        ReviewTarget::Code(c) if p.codes.contains_key(&c) => {
            format!("code {}", p.code_path_label(c, " › "))
        }
        ReviewTarget::Code(_) => "a deleted code".to_string(),
        ReviewTarget::Coding(c) => match p.codings.get(&c) {
            Some(c) => {
                let doc = p.document(c.document);
                let (a, b) = doc.map_or((0, 0), |d| d.lines_of(c.range));
                format!(
                    "coding {} {a}-{b}: {} — {}",
                    doc.map_or("?", |d| d.name.as_str()),
                    p.code_path_label(c.code, " › "),
                    p.coder_name(c.coder)
                )
            }
            None => "a deleted coding".to_string(),
        },
    }
}

/// The supervisor's review: threads (open first, each comment a line),
/// verdicts and review points, so that a commit of comments shows in
/// `git log -p` too.
fn review(p: &Project) -> String {
    let r = &p.review;
    if r.is_empty() {
        return String::new();
    }
    let mut t = "\nreview:\n".to_string();
    let mut threads: Vec<(bool, String, &Thread)> = r
        .threads
        .values()
        .map(|x| (x.resolved, about(p, x.target), x))
        .collect();
    threads.sort_by(|a, b| (a.0, &a.1, a.2.opened()).cmp(&(b.0, &b.1, b.2.opened())));
    for (resolved, on, x) in threads {
        let state = if resolved { "resolved" } else { "open" };
        t += &format!("  [{state}] {on}\n");
        for c in &x.comments {
            let by = c.author.map_or("Strata", |a| p.coder_name(a));
            let text = c.text.replace('\n', " ");
            t += &format!("    {} {by}: {text}\n", c.at.format("%Y-%m-%d %H:%M"));
        }
    }
    for (code, v) in &r.verdicts {
        let what = match v.verdict {
            Verdict::Accepted => "accepted",
            Verdict::NeedsWork => "needs work",
        };
        t += &format!(
            "  verdict: {} — {what}\n",
            about(p, ReviewTarget::Code(*code))
        );
    }
    for x in &r.points {
        t += &format!(
            "  review point: {} ({})\n",
            x.name,
            x.at.format("%Y-%m-%d %H:%M")
        );
    }
    t
}
