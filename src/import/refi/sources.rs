//! `<Sources>`: text sources as documents, their selections' codings as
//! codings. Positions are converted by `text::offsets::Foreign` in the
//! convention of the tool that wrote the file, then checked: within the
//! text, not empty, not inside a character cluster; how many land on
//! word boundaries is counted (a wrong convention misses most of them).

use super::RefiError;
use super::build::{Build, key};
use super::report::{Issue, Kind};
use super::xml::Element;
use crate::model::*;
use crate::text::offsets::{Counting, Foreign};
use std::collections::HashSet;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// The convention a tool counts positions in, from its `origin`.
pub fn counting_of(origin: &str) -> Counting {
    let o = origin.to_lowercase();
    if o.contains("nvivo") {
        Counting::Utf16
    } else if o.contains("atlas.ti") || o.contains("atlasti") {
        Counting::CrlfAsOne
    } else {
        Counting::CodePoints
    }
}

/// Char positions where a word or a character cluster starts or ends.
struct Boundaries {
    words: Vec<usize>,
    clusters: Vec<usize>,
}

impl Boundaries {
    fn new(text: &str) -> Self {
        // Byte offsets to char positions, in one pass over each list.
        let total = text.chars().count();
        let to_chars = |bytes: Vec<usize>| {
            let mut out = Vec::with_capacity(bytes.len());
            let mut chars = text.char_indices().enumerate().peekable();
            for b in bytes {
                while chars.peek().is_some_and(|(_, (cb, _))| *cb < b) {
                    chars.next();
                }
                out.push(chars.peek().map_or(total, |(i, _)| *i));
            }
            out
        };
        let mut w: Vec<usize> = text.split_word_bound_indices().map(|(b, _)| b).collect();
        w.push(text.len());
        let mut g: Vec<usize> = text.grapheme_indices(true).map(|(b, _)| b).collect();
        g.push(text.len());
        Self {
            words: to_chars(w),
            clusters: to_chars(g),
        }
    }

    fn is_word(&self, pos: usize) -> bool {
        self.words.binary_search(&pos).is_ok()
    }

    /// The cluster boundary at or before `pos`, and at or after it.
    fn widen(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.clusters.partition_point(|b| *b <= start);
        let e = self.clusters.partition_point(|b| *b < end);
        let start = s
            .checked_sub(1)
            .and_then(|i| self.clusters.get(i))
            .copied()
            .unwrap_or(0);
        let end = self.clusters.get(e).copied().unwrap_or(end);
        (start, end)
    }
}

/// Every source under `<Sources>`.
pub fn sources(
    b: &mut Build,
    sources: Option<&Element>,
    creator: Option<&str>,
) -> Result<(), RefiError> {
    let Some(sources) = sources else {
        return Ok(());
    };
    for s in &sources.children {
        if s.name == "TextSource" {
            text_source(b, s, creator)?;
        } else if s.name.ends_with("Source") && !s.name.starts_with('{') {
            b.r.issues.push(Issue::NotText {
                kind: s.name.clone(),
                name: s.attr("name").unwrap_or("").to_string(),
            });
        }
    }
    Ok(())
}

/// The archive entry a `plainTextPath` names: `internal://x.txt` is
/// `sources/x.txt`; a bare or relative path is tried under `sources/`
/// and then as it is (qc 1.3.2 writes `board_2017.txt`).
fn find_text(b: &Build, path: &str) -> Option<usize> {
    let archive = b.archive.as_deref()?;
    let rest = path.trim();
    let rest = rest.strip_prefix("internal://").unwrap_or(rest);
    let rest = rest.trim_start_matches("./").trim_start_matches('/');
    archive
        .find(&format!("sources/{rest}"))
        .or_else(|| archive.find(rest))
}

/// The raw text of a source (or note): inline `PlainTextContent`, else
/// the file `plainTextPath` names, else `sources/GUID.txt`. `Ok(None)`:
/// not in the archive (reported by the caller).
pub fn raw_text(b: &mut Build, el: &Element) -> Result<Option<(String, String)>, RefiError> {
    if let Some(t) = el.child_text("PlainTextContent") {
        return Ok(Some((t.to_string(), String::new())));
    }
    let guid = el.attr("guid").unwrap_or("");
    let named = el.attr("plainTextPath");
    let index = match named {
        Some(p) => find_text(b, p),
        None => find_text(b, &format!("{}.txt", key(guid))),
    };
    let (Some(index), Some(archive)) = (index, b.archive.as_deref_mut()) else {
        return Ok(None);
    };
    let entry = archive.name(index).to_string();
    let bytes = archive
        .read(index)
        .map_err(|e| super::archive_error(&b.path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| RefiError::SourceNotUtf8 {
        path: b.path.clone(),
        entry: entry.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(Some((text, entry)))
}

fn text_source(b: &mut Build, s: &Element, creator: Option<&str>) -> Result<(), RefiError> {
    b.r.count_mut(Kind::TextSource).found += 1;
    let selections: Vec<&Element> = s.all("PlainTextSelection").collect();
    b.r.count_mut(Kind::Selection).found += selections.len();
    let codings_found: usize = selections
        .iter()
        .map(|x| x.all("Coding").count())
        .sum::<usize>()
        + s.all("Coding").count();
    b.r.count_mut(Kind::Coding).found += codings_found;
    let display = s.attr("name").unwrap_or("").to_string();
    let Some((raw, entry)) = raw_text(b, s)? else {
        b.r.issues.push(Issue::MissingText {
            source: display,
            file: s
                .attr("plainTextPath")
                .unwrap_or("(no plainTextPath)")
                .to_string(),
        });
        return Ok(());
    };
    let guid = s.attr("guid").unwrap_or("");
    let id = DocId(b.id("source", Some(guid)));
    let fallback = Path::new(&entry).file_stem().map_or_else(
        || "Source".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let name = b.doc_name(s.attr("name"), &fallback);
    let foreign = Foreign::new(&raw, b.counting);
    let mut doc = Document::new(name.clone(), foreign.text());
    doc.id = id;
    doc.stamp = b.stamp(s);
    doc.source.file_name = entry;
    doc.source.encoding = "UTF-8".into();
    b.docs.entry(key(guid)).or_insert(id);
    for n in s.all("NoteRef") {
        if let Some(t) = n.attr("targetGUID") {
            b.note_refs
                .entry(key(t))
                .or_default()
                .push(MemoTarget::Document(id));
        }
    }
    if let Some(d) = s.child_text("Description").filter(|d| !d.trim().is_empty()) {
        let memo = Memo {
            id: MemoId(super::build::derived("source-description", &key(guid))),
            target: MemoTarget::Document(id),
            title: "Description".into(),
            body: d.trim().to_string(),
            stamp: doc.stamp,
        };
        b.p.memos.insert(memo.id, memo);
    }
    super::extras::values_into(b, s, &mut doc.variables, &name);
    b.p.documents.push(doc);
    b.r.count_mut(Kind::TextSource).mapped += 1;

    let bounds = Boundaries::new(foreign.text());
    let mut seen: HashSet<(CharRange, CodeId, CoderId)> = HashSet::new();
    let mut clamped = 0;
    let whole = CharRange {
        start: CharPos(0),
        end: CharPos(foreign.chars()),
    };
    for sel in selections {
        let (st, en) = (
            sel.attr("startPosition").unwrap_or("").trim(),
            sel.attr("endPosition").unwrap_or("").trim(),
        );
        let pos = |t: &str| {
            t.parse::<usize>()
                .ok()
                .map(|p| (p, foreign.to_normalised(p)))
        };
        let issue_src = name.clone();
        let (start, end) = match (pos(st), pos(en)) {
            (Some((a, _)), Some((z, _))) if z <= a => {
                b.r.issues.push(Issue::Empty {
                    source: issue_src,
                    start: st.into(),
                    end: en.into(),
                });
                continue;
            }
            (Some((_, Ok(s0))), Some((z, Ok(e0)))) => {
                if e0.0 == foreign.chars() && z > foreign.from_normalised(e0) {
                    clamped += 1;
                }
                (s0.0, e0.0)
            }
            (Some((a, _)), Some((z, _))) if a.max(z) > foreign.len() => {
                b.r.issues.push(Issue::Outside {
                    source: issue_src,
                    start: st.into(),
                    end: en.into(),
                    len: foreign.len(),
                });
                continue;
            }
            _ => {
                b.r.issues.push(Issue::BadPosition {
                    source: issue_src,
                    start: st.into(),
                    end: en.into(),
                });
                continue;
            }
        };
        if end <= start {
            // Only the trimmed trailing newlines were selected.
            b.r.issues.push(Issue::Empty {
                source: issue_src,
                start: st.into(),
                end: en.into(),
            });
            continue;
        }
        let (ws, we) = bounds.widen(start, end);
        if (ws, we) != (start, end) {
            b.r.issues.push(Issue::Widened {
                source: issue_src.clone(),
                start: st.into(),
                end: en.into(),
            });
        }
        let range = CharRange {
            start: CharPos(ws),
            end: CharPos(we),
        };
        let ids = codings(b, sel, range, id, &name, creator, &mut seen);
        if !ids.is_empty() || sel.all("Coding").next().is_none() {
            b.r.count_mut(Kind::Selection).mapped += 1;
            b.r.on_words.1 += 1;
            if bounds.is_word(ws) && bounds.is_word(we) {
                b.r.on_words.0 += 1;
            } else if b.r.off_words.len() < OFF_WORDS_SHOWN {
                // Shown, so the researcher can judge: the tool's own
                // positions, or a convention misread.
                let seg = excerpt(foreign.text(), ws, we);
                b.r.off_words.push((name.clone(), ws, we, seg));
            }
        }
        for n in sel.all("NoteRef") {
            if let Some(t) = n.attr("targetGUID") {
                let targets = b.note_refs.entry(key(t)).or_default();
                targets.extend(ids.iter().map(|c| MemoTarget::Coding(*c)));
            }
        }
        if let Some(g) = sel.attr("guid") {
            b.selections.entry(key(g)).or_default().extend(ids);
        }
    }
    // Codings of the whole source (an empty text has nothing to code).
    if foreign.chars() > 0 {
        codings(b, s, whole, id, &name, creator, &mut seen);
    }
    if clamped > 0 {
        b.r.issues.push(Issue::Clamped {
            source: name,
            count: clamped,
        });
    }
    Ok(())
}

/// The `<Coding>` children of `el` as codings of `range`.
fn codings(
    b: &mut Build,
    el: &Element,
    range: CharRange,
    doc: DocId,
    source: &str,
    creator: Option<&str>,
    seen: &mut HashSet<(CharRange, CodeId, CoderId)>,
) -> Vec<CodingId> {
    let mut made = Vec::new();
    for c in el.all("Coding") {
        let target = c
            .child("CodeRef")
            .and_then(|r| r.attr("targetGUID"))
            .unwrap_or("");
        let Some(&code) = b.codes.get(&key(target)) else {
            b.r.issues.push(Issue::UnknownCode {
                source: source.into(),
                code: target.into(),
            });
            continue;
        };
        let coder = match c.attr("creatingUser").or(el.attr("creatingUser")) {
            Some(u) => b.coder(u),
            None => b.default_coder(creator),
        };
        if !seen.insert((range, code, coder)) {
            let name =
                b.p.codes
                    .get(&code)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
            b.r.issues.push(Issue::DuplicateCoding {
                source: source.into(),
                code: name,
            });
            continue;
        }
        let fallback = format!(
            "{}:{}",
            el.attr("guid").map(key).unwrap_or_default(),
            key(target)
        );
        let guid = c.attr("guid").map(str::to_string).unwrap_or(fallback);
        let id = CodingId(b.id("coding", Some(&guid)));
        let mut stamp = b.stamp(c);
        if stamp.created.is_none() {
            stamp = b.stamp(el);
        }
        stamp.created_by = Some(coder);
        stamp.modified_by = stamp.modified_by.or(Some(coder));
        b.p.codings.insert(
            id,
            Coding {
                id,
                document: doc,
                range,
                code,
                coder,
                origin: Origin::Import,
                stamp,
            },
        );
        b.r.count_mut(Kind::Coding).mapped += 1;
        made.push(id);
    }
    made
}

/// Segments not on word boundaries listed in the report, at most.
const OFF_WORDS_SHOWN: usize = 10;

/// A segment in its context: a few chars before and after, the segment
/// itself in [brackets] (cut after 40 chars), on one line.
fn excerpt(text: &str, start: usize, end: usize) -> String {
    let before: String = text
        .chars()
        .skip(start.saturating_sub(12))
        .take(start.min(12))
        .collect();
    let inside: String = text.chars().skip(start).take(end - start).collect();
    let inside = if inside.chars().count() > 40 {
        format!("{}…", inside.chars().take(40).collect::<String>())
    } else {
        inside
    };
    let after: String = text.chars().skip(end).take(12).collect();
    format!("…{before}[{inside}]{after}…").replace(['\n', '\r', '\t'], " ")
}
