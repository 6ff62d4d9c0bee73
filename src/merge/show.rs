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
    t
}
