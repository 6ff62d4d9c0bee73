//! Complex retrieval (`analysis::query`, `strata retrieve`) on small
//! studies whose hits are counted by hand.
//!
//! Every line of D1 and D2 is 9 chars, so line n is chars 10(n-1) to
//! 10(n-1)+9. The tree: Cat (category) > Sub (subcategory) > A, B; C and
//! D at the top. Coders Sara and Ali; D1 is in group «Council members»
//! with Role = journalist, D2 in «Others» with Role = teacher.
//!
//! Codings (label: code, document, chars, coder):
//!   a1 A D1 0-9 Sara (line 1)      b1 B D1 5-15 Ali (lines 1-2)
//!   a2 A D1 12-18 Ali (line 2)     b2 B D1 10-19 Sara (line 2)
//!   a3 A D1 40-45 Sara (line 5)    c1 C D1 20-29 Sara (line 3)
//!   d1 D D1 7-14 Sara              c2 C D1 30-35 Ali (line 4)
//!   a4 A D2 0-9 Sara               b3 B D2 0-9 Sara
//!   c3 C D2 20-25 Sara (line 3)

use crate::util::{ok, stderr, strata, tmp};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use strata::analysis::query::{self, Expected, QueryError, QueryErrorKind};
use strata::model::*;

/// A project and its codings by label.
pub(crate) struct Study {
    pub(crate) p: Project,
    pub(crate) labels: BTreeMap<CodingId, &'static str>,
}

fn lines() -> String {
    (1..=5)
        .map(|i| format!("L{i}-xxxxxx"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn code(p: &mut Project, name: &str, children: Vec<CodeId>) -> CodeId {
    let mut c = Code::new(name, "#888888");
    c.children = children;
    let id = c.id;
    p.codes.insert(id, c);
    id
}

fn coder(p: &mut Project, name: &str) -> CoderId {
    let c = Coder {
        id: CoderId::new(),
        name: name.into(),
        color: "#000000".into(),
    };
    let id = c.id;
    p.coders.push(c);
    id
}

fn group(p: &mut Project, name: &str) -> GroupId {
    let g = DocGroup {
        id: GroupId::new(),
        name: name.into(),
        description: String::new(),
        stamp: Stamp::now(None),
    };
    let id = g.id;
    p.groups.push(g);
    id
}

pub(crate) fn add(
    s: &mut Study,
    label: &'static str,
    doc: DocId,
    range: (usize, usize),
    code: CodeId,
    coder: CoderId,
) {
    let id = CodingId::new();
    s.p.codings.insert(
        id,
        Coding {
            id,
            document: doc,
            range: CharRange::new(range.0, range.1),
            code,
            coder,
            origin: Origin::Manual,
            stamp: Stamp::now(Some(coder)),
        },
    );
    s.labels.insert(id, label);
}

pub(crate) fn study() -> Study {
    let mut p = Project::new("retrieve");
    let (sara, ali) = (coder(&mut p, "Sara"), coder(&mut p, "Ali"));
    let (council, others) = (group(&mut p, "Council members"), group(&mut p, "Others"));
    let a = code(&mut p, "A", vec![]);
    let b = code(&mut p, "B", vec![]);
    let sub = code(&mut p, "Sub", vec![a, b]);
    let cat = code(&mut p, "Cat", vec![sub]);
    let c = code(&mut p, "C", vec![]);
    let d = code(&mut p, "D", vec![]);
    p.roots = vec![cat, c, d];
    let mut d1 = Document::new("D1", &lines());
    d1.group = Some(council);
    d1.variables.insert("Role".into(), "journalist".into());
    let mut d2 = Document::new("D2", &lines());
    d2.group = Some(others);
    d2.variables.insert("Role".into(), "teacher".into());
    let (i1, i2) = (d1.id, d2.id);
    p.documents = vec![d1, d2];
    let mut s = Study {
        p,
        labels: BTreeMap::new(),
    };
    add(&mut s, "a1", i1, (0, 9), a, sara);
    add(&mut s, "a2", i1, (12, 18), a, ali);
    add(&mut s, "a3", i1, (40, 45), a, sara);
    add(&mut s, "b1", i1, (5, 15), b, ali);
    add(&mut s, "b2", i1, (10, 19), b, sara);
    add(&mut s, "c1", i1, (20, 29), c, sara);
    add(&mut s, "c2", i1, (30, 35), c, ali);
    add(&mut s, "d1", i1, (7, 14), d, sara);
    add(&mut s, "a4", i2, (0, 9), a, sara);
    add(&mut s, "b3", i2, (0, 9), b, sara);
    add(&mut s, "c3", i2, (20, 25), c, sara);
    s
}

pub(crate) type Row = (&'static str, usize, usize, Vec<&'static str>);

/// Hits as (document, start, end, coding labels sorted); a document not
/// named D1 shows as D2 (the Persian study has one document).
pub(crate) fn run(s: &Study, q: &str) -> Vec<Row> {
    let hits = query::run(&s.p, q).unwrap_or_else(|e| panic!("{q}: {e}"));
    hits.iter()
        .map(|h| {
            let doc = if s.p.document(h.document).map(|d| d.name.as_str()) == Some("D1") {
                "D1"
            } else {
                "D2"
            };
            let mut l: Vec<&str> = h.codings.iter().map(|c| s.labels[c]).collect();
            l.sort_unstable();
            (doc, h.range.start.0, h.range.end.0, l)
        })
        .collect()
}

pub(crate) fn r(doc: &'static str, a: usize, b: usize, l: &[&'static str]) -> Row {
    (doc, a, b, l.to_vec())
}

#[test]
fn overlaps_gives_the_shared_text() {
    let s = study();
    let want = vec![
        r("D1", 5, 9, &["a1", "b1"]),
        r("D1", 12, 15, &["a2", "b1"]),
        r("D1", 12, 18, &["a2", "b2"]),
        r("D2", 0, 9, &["a4", "b3"]),
    ];
    assert_eq!(run(&s, r#""A" overlaps "B""#), want);
    assert_eq!(run(&s, r#""A" & "B""#), want);
    // Bare names and paths name the same codes.
    assert_eq!(run(&s, "A overlaps Cat/Sub/B"), want);
}

#[test]
fn within_not_and_followed_by() {
    let s = study();
    assert_eq!(
        run(&s, r#""A" within "B""#),
        vec![r("D1", 12, 18, &["a2", "b2"]), r("D2", 0, 9, &["a4", "b3"])]
    );
    assert_eq!(run(&s, r#""A" not "B""#), vec![r("D1", 40, 45, &["a3"])]);
    // Within one line: only a2 (line 2) then c1 (line 3).
    assert_eq!(
        run(&s, r#""A" followed by "C" within 1 lines"#),
        vec![r("D1", 12, 29, &["a2", "c1"])]
    );
    assert_eq!(
        run(&s, r#""A" followed by "C" within 2 lines"#),
        vec![
            r("D1", 0, 29, &["a1", "c1"]),
            r("D1", 12, 29, &["a2", "c1"]),
            r("D1", 12, 35, &["a2", "c2"]),
            r("D2", 0, 25, &["a4", "c3"]),
        ]
    );
    // B starting before A does not follow it, on the same line or not.
    assert_eq!(run(&s, r#""C" followed by "A" within 0 lines"#), vec![]);
    assert_eq!(
        run(&s, r#""C" followed by "A" within 1 line"#),
        vec![r("D1", 30, 45, &["a3", "c2"])]
    );
}

#[test]
fn any_all_and_subtrees() {
    let s = study();
    assert_eq!(
        run(&s, r#"any("A", "C")"#),
        vec![
            r("D1", 0, 9, &["a1"]),
            r("D1", 12, 18, &["a2"]),
            r("D1", 20, 29, &["c1"]),
            r("D1", 30, 35, &["c2"]),
            r("D1", 40, 45, &["a3"]),
            r("D2", 0, 9, &["a4"]),
            r("D2", 20, 25, &["c3"]),
        ]
    );
    // Equal ranges are one hit with both codings.
    assert_eq!(
        run(&s, r#"all("A", "B", "D")"#),
        vec![
            r("D1", 7, 9, &["a1", "b1", "d1"]),
            r("D1", 12, 14, &["a2", "b1", "b2", "d1"]),
        ]
    );
    // A subcategory is any code below it.
    assert_eq!(
        run(&s, r#""Sub" not "C""#),
        vec![
            r("D1", 0, 9, &["a1"]),
            r("D1", 5, 15, &["b1"]),
            r("D1", 10, 19, &["b2"]),
            r("D1", 12, 18, &["a2"]),
            r("D1", 40, 45, &["a3"]),
            r("D2", 0, 9, &["a4", "b3"]),
        ]
    );
    assert_eq!(run(&s, r#""Cat""#).len(), 6);
    // Parentheses group; operators bind left to right.
    assert_eq!(
        run(&s, r#""A" overlaps "B" not "D""#),
        vec![r("D2", 0, 9, &["a4", "b3"])]
    );
    assert_eq!(
        run(&s, r#""A" overlaps ("B" not "D")"#),
        vec![r("D2", 0, 9, &["a4", "b3"])]
    );
    assert_eq!(
        run(&s, r#""A" not ("B" within "B"[coder = "Ali"])"#),
        vec![r("D1", 40, 45, &["a3"]), r("D2", 0, 9, &["a4"])]
    );
}

#[test]
fn restrictions_by_coder_group_variable_and_document() {
    let s = study();
    assert_eq!(
        run(&s, r#""A"[coder = "Sara"] overlaps "B""#),
        vec![r("D1", 5, 9, &["a1", "b1"]), r("D2", 0, 9, &["a4", "b3"])]
    );
    // `where` restricts every code of the query.
    assert_eq!(
        run(&s, r#""A" overlaps "B" where coder = "Sara""#),
        vec![r("D2", 0, 9, &["a4", "b3"])]
    );
    assert_eq!(
        run(&s, r#""A" overlaps "B" where group = "Council members""#).len(),
        3
    );
    assert_eq!(
        run(&s, r#""A"[Role = "teacher"] overlaps "B""#),
        vec![r("D2", 0, 9, &["a4", "b3"])]
    );
    assert_eq!(run(&s, r#""A" not "B" where document = "D2""#), vec![]);
    // Alternatives of one restriction; different ones must all hold.
    assert_eq!(run(&s, r#""A" where coder = "Sara" or "Ali""#).len(), 4);
    assert_eq!(
        run(
            &s,
            r#""A" where coder = "Sara" | "Ali" and Role = journalist"#
        )
        .len(),
        3
    );
    assert_eq!(run(&s, r#""A"[coder = "Ali", group = "Others"]"#), vec![]);
}

pub(crate) fn error(s: &Study, q: &str) -> QueryError {
    match query::run(&s.p, q) {
        Ok(h) => panic!("{q} gave {} hits", h.len()),
        Err(e) => e,
    }
}

#[test]
fn errors_say_where_and_what_was_expected() {
    let s = study();
    let e = error(&s, r#""A" overlaps"#);
    assert_eq!(
        e,
        QueryError {
            at: 12,
            kind: QueryErrorKind::Expected {
                expected: Expected::Code,
                found: None
            }
        }
    );
    assert_eq!(
        e.to_string(),
        "at column 13: expected a code name in quotes, any(…), all(…) or '(', found the end"
    );
    let e = error(&s, r#""A" sideways "B""#);
    assert_eq!(
        (e.at, e.kind.clone()),
        (
            4,
            QueryErrorKind::Expected {
                expected: Expected::Operator,
                found: Some("sideways".into())
            }
        )
    );
    assert_eq!(
        error(&s, r#""A" followed by "C""#).kind,
        QueryErrorKind::Expected {
            expected: Expected::Distance,
            found: None
        }
    );
    assert_eq!(error(&s, r#""A" followed "C""#).at, 13);
    assert_eq!(
        error(&s, r#""A" overlaps "B"#).kind,
        QueryErrorKind::UnclosedQuote
    );
    assert_eq!(
        error(&s, r#""A"[coder "Sara"]"#).kind,
        QueryErrorKind::Expected {
            expected: Expected::Equals,
            found: Some("\"Sara\"".into())
        }
    );
    assert_eq!(
        error(&s, r#"any("A", "B""#).kind,
        QueryErrorKind::Expected {
            expected: Expected::CloseParen,
            found: None
        }
    );
    assert_eq!(error(&s, "  ").kind, QueryErrorKind::Empty);
    assert_eq!(error(&s, r#""A" ; "B""#).kind, QueryErrorKind::Stray(';'));
    // Names the project does not have, at the name.
    let e = error(&s, r#""A" overlaps "Zed""#);
    assert_eq!((e.at, e.kind), (13, QueryErrorKind::NoCode("Zed".into())));
    let e = error(&s, r#""A"[coder = "Sara" or "Nobody"]"#);
    assert_eq!(
        (e.at, e.kind),
        (22, QueryErrorKind::NoCoder("Nobody".into()))
    );
    assert_eq!(
        error(&s, r#""A" where group = "x""#).kind,
        QueryErrorKind::NoGroup("x".into())
    );
    assert_eq!(
        error(&s, r#""A" where Age = "30""#).kind,
        QueryErrorKind::NoVariable("Age".into())
    );
    assert_eq!(
        error(&s, r#""A" where document = "D9""#).kind,
        QueryErrorKind::NoDocument("D9".into())
    );
}

#[test]
fn ambiguous_names_ask_for_a_path() {
    let mut s = study();
    let other = code(&mut s.p, "A", vec![]);
    s.p.roots.push(other);
    s.p.reindex();
    let e = error(&s, r#""B" not "A""#);
    assert_eq!(
        (e.at, e.kind),
        (
            8,
            QueryErrorKind::AmbiguousCode {
                name: "A".into(),
                paths: vec!["A".into(), "Cat/Sub/A".into()]
            }
        )
    );
    assert_eq!(
        run(&s, r#""Cat/Sub/A" not "B""#),
        vec![r("D1", 40, 45, &["a3"])]
    );
}

const FA_TEXT: &str = "مصاحبه‌کننده: از شورا بگویید.\nP1: به شورای شهر اعتماد ندارم.\nP1: روزنامه‌ها هم همین را می‌گویند.\nP1: پایان.";

/// Chars of `word` in `d`'s text (it occurs once).
fn word(d: &Document, word: &str) -> (usize, usize) {
    let text = d.text();
    let at = text.find(word).expect("word in the text the test wrote");
    let start = text[..at].chars().count();
    (start, start + word.chars().count())
}

/// A Persian study: «بی‌اعتمادی» on line 2, «رسانه» on the word
/// «روزنامه‌ها» (line 3) and on line 2's «شورای شهر».
#[test]
fn persian_queries_with_persian_keywords() {
    let mut p = Project::new("فارسی");
    let sara = coder(&mut p, "سارا");
    let council = group(&mut p, "اعضای شورا");
    let trust = code(&mut p, "بی‌اعتمادی", vec![]);
    let media = code(&mut p, "رسانه", vec![]);
    p.roots = vec![trust, media];
    let mut d = Document::new("مصاحبه ۱", FA_TEXT);
    d.group = Some(council);
    d.variables.insert("نقش".into(), "روزنامه‌نگار".into());
    let line2 = d.line_range(2).expect("line 2");
    let paper = word(&d, "روزنامه‌ها");
    let city = word(&d, "شورای شهر");
    let id = d.id;
    p.documents = vec![d];
    let mut s = Study {
        p,
        labels: BTreeMap::new(),
    };
    add(&mut s, "t", id, (line2.start.0, line2.end.0), trust, sara);
    add(&mut s, "m1", id, paper, media, sara);
    add(&mut s, "m2", id, city, media, sara);
    let want = vec![("D2", city.0, city.1, vec!["m2", "t"])];
    assert_eq!(run(&s, "«بی‌اعتمادی» هم‌پوشانی «رسانه»"), want);
    // Without the ZWNJ, and with Arabic yeh, the keyword is the same.
    assert_eq!(
        run(
            &s,
            "«بی‌اعتمادی» همپوشاني «رسانه» فقط گروه = «اعضای شورا» و کدگذار = «سارا»"
        ),
        want
    );
    assert_eq!(
        run(&s, r#""بی‌اعتمادی" & "رسانه" where نقش = "روزنامه‌نگار""#),
        want
    );
    // Persian digits for the distance. «شورای شهر» starts after the
    // coding of line 2 starts, so it follows it too.
    assert_eq!(
        run(&s, "«بی‌اعتمادی» سپس «رسانه» تا ۱ سطر"),
        vec![
            ("D2", line2.start.0, line2.end.0, vec!["m2", "t"]),
            ("D2", line2.start.0, paper.1, vec!["m1", "t"])
        ]
    );
    assert_eq!(run(&s, "«بی‌اعتمادی» سپس «رسانه» تا ۰ سطر").len(), 1);
    assert_eq!(
        run(&s, "«رسانه» بدون «بی‌اعتمادی»"),
        vec![("D2", paper.0, paper.1, vec!["m1"])]
    );
    assert_eq!(run(&s, "همه(«رسانه»، «بی‌اعتمادی»)").len(), 1);
    assert_eq!(run(&s, "هر(«رسانه»، «بی‌اعتمادی»)").len(), 3);
    let e = error(&s, "«بی‌اعتمادی» درون");
    assert_eq!(e.at, "«بی‌اعتمادی» درون".chars().count());
}

#[test]
fn cli_retrieve_json_plain_and_errors() {
    let dir = tmp();
    let f = dir.path().join("q.strata");
    strata::store::save(&study().p, &f).expect("save the test's project");
    let f = f.to_string_lossy().into_owned();
    let v: Value = serde_json::from_str(&ok(&[
        "retrieve",
        &f,
        "--query",
        r#""A" followed by "C" within 1 lines"#,
        "--json",
    ]))
    .expect("json");
    assert_eq!(
        v,
        json!([{"document": "D1", "lines": [2, 3], "start": 12, "end": 29,
                "text": "-xxxxxx\nL3-xxxxxx", "codes": ["C", "Cat/Sub/A"]}])
    );
    let plain = ok(&["retrieve", &f, "--query", r#""A" within "B""#]);
    assert_eq!(
        plain,
        "D1:2: -xxxxx [Cat/Sub/A, Cat/Sub/B]\nD2:1: L1-xxxxxx [Cat/Sub/A, Cat/Sub/B]\n"
    );
    // A query that does not parse is bad input (exit 1, the project named),
    // not a usage error (2).
    let o = strata(&["retrieve", &f, "--query", r#""A" sideways "B""#]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("q.strata: query at column 5: expected overlaps"),
        "{err}"
    );
    assert!(err.contains("\n      ^"), "{err}");
    // So is a name the project lacks.
    for q in [
        r#""Zed""#,
        r#""A"[coder = "Nobody"]"#,
        r#""A" where Age = "3""#,
    ] {
        let o = strata(&["retrieve", &f, "--query", q]);
        assert_eq!(o.status.code(), Some(1), "{q}: {}", stderr(&o));
    }
}

/// Ranges on a 5-line document of 9-char lines.
fn ranges() -> impl Strategy<Value = Vec<(usize, usize)>> {
    proptest::collection::vec((0usize..49, 1usize..15), 0..12)
        .prop_map(|v| v.into_iter().map(|(a, n)| (a, (a + n).min(49))).collect())
}

proptest! {
    /// `A not B` and the A codings that overlap a B coding are all of A's
    /// codings, once each; and `A overlaps B` covers the text `B overlaps A`
    /// does.
    #[test]
    fn not_and_overlap_split_a(a in ranges(), b in ranges()) {
        let mut p = Project::new("p");
        let who = coder(&mut p, "x");
        let ca = code(&mut p, "A", vec![]);
        let cb = code(&mut p, "B", vec![]);
        p.roots = vec![ca, cb];
        let d = Document::new("d", &lines());
        let doc = d.id;
        p.documents = vec![d];
        let mut s = Study { p, labels: BTreeMap::new() };
        for r in &a {
            add(&mut s, "a", doc, *r, ca, who);
        }
        for r in &b {
            add(&mut s, "b", doc, *r, cb, who);
        }
        let of_a: std::collections::BTreeSet<CodingId> = s.p.codings.values().filter(|c| c.code == ca).map(|c| c.id).collect();
        let not: Vec<CodingId> = query::run(&s.p, "A not B").expect("query").into_iter().flat_map(|h| h.codings).collect();
        let touched: std::collections::BTreeSet<CodingId> = query::run(&s.p, "A overlaps B").expect("query")
            .into_iter().flat_map(|h| h.codings).filter(|c| of_a.contains(c)).collect();
        let mut all: Vec<CodingId> = not.clone();
        all.extend(touched.iter().copied());
        all.sort();
        prop_assert_eq!(all, of_a.iter().copied().collect::<Vec<_>>());
        let ab: Vec<CharRange> = query::run(&s.p, "A overlaps B").expect("query").iter().map(|h| h.range).collect();
        let ba: Vec<CharRange> = query::run(&s.p, "B & A").expect("query").iter().map(|h| h.range).collect();
        prop_assert_eq!(ab, ba);
    }
}
