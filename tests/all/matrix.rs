//! The code matrix and code co-occurrence (`strata matrix`, `strata
//! cooccur`) against a small study counted by hand: three documents (two
//! Persian, one English), a three-level tree, codings by two coders.
//!
//! Names are used as they are: the tree has «فيلترينگ» (Arabic yeh) and
//! «فیلترینگ» (Persian yeh) as two codes, and «هزینه ها» without its ZWNJ.
//!
//! The tree, in order (letters used in the comments below):
//!   C1 «زيرساخت» (category)
//!     S1 «دسترسی» (subcategory): a «اینترنت کند», b «فيلترينگ», e «فیلترینگ»
//!     S2 «هزینه ها» (subcategory): c «گرانی»
//!   C2 Trust (category)
//!     S3 Institutions (subcategory): d «distrust of city hall»
//!
//! Documents: P1 (group تهران, gender زن), P2 (group تهران, no gender),
//! P3 (no group, gender زن); the group کرج has no document.
//!
//! Codings (#, code, coder, where):
//!   P1 L1 «مصاحبه‌کننده: از اينترنت بگوييد.»
//!      L2 «P1: اینترنت خیلی کند است و فيلتر هم هست.»
//!      L3 «P1: هزينه ها خیلی بالاست.»
//!      L4 «P1: به شهرداری اعتماد ندارم.»
//!     #1 a A line 2; #2 b B line 2; #3 c A from «فيلتر» (line 2) to the end
//!     of line 3; #4 d B line 4; #5 a B line 2.
//!   P2 L1 «Interviewer: tell me about trust.» L2 «P2: I do not trust city
//!      hall.» L3 «P2: and the internet is slow.»
//!     #6 d A line 2; #7 a A line 3; #8 d B lines 2–3.
//!   P3 L1 «P3: فیلترینگ همه چیز را گران کرده.» L2 «P3: هزینه‌ها زیاد است.»
//!      L3 «P3: پایان.»
//!     #9 b A the word «فیلترینگ»; #10 c A from «گران» (line 1) to the end
//!     of line 2; #11 S2 itself B line 3 (a subcategory coded directly).

use crate::util::{ok, stderr, strata, tmp};
use serde_json::{Value, json};
use strata::analysis::cooccur::{Unit, cooccurrence};
use strata::analysis::matrix::{By, CountUnit, matrix};
use strata::model::*;

const P1: &str = "مصاحبه‌کننده: از اينترنت بگوييد.\nP1: اینترنت خیلی کند است و فيلتر هم هست.\nP1: هزينه ها خیلی بالاست.\nP1: به شهرداری اعتماد ندارم.";
const P2: &str = "Interviewer: tell me about trust.\nP2: I do not trust city hall.\nP2: and the internet is slow.";
const P3: &str = "P3: فیلترینگ همه چیز را گران کرده.\nP3: هزینه‌ها زیاد است.\nP3: پایان.";

/// Chars of `word` in `d`'s text (it occurs once).
fn word(d: &Document, word: &str) -> CharRange {
    let text = d.text();
    let at = text.find(word).expect("word in text");
    let start = text[..at].chars().count();
    CharRange::new(start, start + word.chars().count())
}

fn line(d: &Document, n: usize) -> CharRange {
    d.line_range(n).expect("line")
}

fn code(p: &mut Project, name: &str, children: Vec<CodeId>) -> CodeId {
    let mut c = Code::new(name, "#888888");
    c.children = children;
    let id = c.id;
    p.codes.insert(id, c);
    id
}

fn study() -> Project {
    let mut p = Project::new("matrix");
    let coders: Vec<CoderId> = ["A", "B"]
        .iter()
        .map(|n| {
            let c = Coder {
                id: CoderId::new(),
                name: n.to_string(),
                color: "#000000".into(),
            };
            let id = c.id;
            p.coders.push(c);
            id
        })
        .collect();
    let (ca, cb) = (coders[0], coders[1]);
    let groups: Vec<GroupId> = ["تهران", "کرج"]
        .iter()
        .map(|n| {
            let g = DocGroup {
                id: GroupId::new(),
                name: n.to_string(),
                description: String::new(),
                stamp: Stamp::now(None),
            };
            let id = g.id;
            p.groups.push(g);
            id
        })
        .collect();
    let mut d1 = Document::new("P1", P1);
    d1.group = Some(groups[0]);
    d1.variables.insert("gender".into(), "زن".into());
    let mut d2 = Document::new("P2", P2);
    d2.group = Some(groups[0]);
    let mut d3 = Document::new("P3", P3);
    d3.variables.insert("gender".into(), "زن".into());

    let a = code(&mut p, "اینترنت کند", vec![]);
    let b = code(&mut p, "فيلترينگ", vec![]);
    let e = code(&mut p, "فیلترینگ", vec![]);
    let c = code(&mut p, "گرانی", vec![]);
    let d = code(&mut p, "distrust of city hall", vec![]);
    let s1 = code(&mut p, "دسترسی", vec![a, b, e]);
    let s2 = code(&mut p, "هزینه ها", vec![c]);
    let s3 = code(&mut p, "Institutions", vec![d]);
    let c1 = code(&mut p, "زيرساخت", vec![s1, s2]);
    let c2 = code(&mut p, "Trust", vec![s3]);
    p.roots = vec![c1, c2];

    let from_to = |doc: &Document, w: &str, l: usize| {
        CharRange::new(word(doc, w).start.0, line(doc, l).end.0)
    };
    let codings = [
        (&d1, line(&d1, 2), a, ca),
        (&d1, line(&d1, 2), b, cb),
        (&d1, from_to(&d1, "فيلتر", 3), c, ca),
        (&d1, line(&d1, 4), d, cb),
        (&d1, line(&d1, 2), a, cb),
        (&d2, line(&d2, 2), d, ca),
        (&d2, line(&d2, 3), a, ca),
        (
            &d2,
            CharRange::new(line(&d2, 2).start.0, line(&d2, 3).end.0),
            d,
            cb,
        ),
        (&d3, word(&d3, "فیلترینگ"), b, ca),
        (&d3, from_to(&d3, "گران", 2), c, ca),
        (&d3, line(&d3, 3), s2, cb),
    ];
    for (doc, range, code, coder) in codings {
        let id = CodingId::new();
        p.codings.insert(
            id,
            Coding {
                id,
                document: doc.id,
                range,
                code,
                coder,
                origin: Origin::Manual,
                stamp: Stamp::now(Some(coder)),
            },
        );
    }
    p.documents = vec![d1, d2, d3];
    p
}

/// Rows as (indented name, level, counts, total), for short assertions.
fn rows(m: &strata::analysis::matrix::Matrix) -> Vec<(String, usize, Vec<usize>, usize)> {
    m.rows
        .iter()
        .map(|r| (r.path.join("/"), r.level, r.counts.clone(), r.total))
        .collect()
}

const PATHS: [(&str, usize); 10] = [
    ("زيرساخت", 3),
    ("زيرساخت/دسترسی", 2),
    ("زيرساخت/دسترسی/اینترنت کند", 1),
    ("زيرساخت/دسترسی/فيلترينگ", 1),
    ("زيرساخت/دسترسی/فیلترینگ", 1),
    ("زيرساخت/هزینه ها", 2),
    ("زيرساخت/هزینه ها/گرانی", 1),
    ("Trust", 3),
    ("Trust/Institutions", 2),
    ("Trust/Institutions/distrust of city hall", 1),
];

/// The expected rows: PATHS with these counts, totals their sums.
fn expect(counts: [&[usize]; 10]) -> Vec<(String, usize, Vec<usize>, usize)> {
    PATHS
        .iter()
        .zip(counts)
        .map(|((path, level), c)| (path.to_string(), *level, c.to_vec(), c.iter().sum()))
        .collect()
}

#[test]
fn matrix_by_document_counts_codings_and_coded_documents() {
    let p = study();
    let m = matrix(&p, &By::Document, CountUnit::Coding).expect("matrix");
    assert_eq!(m.columns, ["P1", "P2", "P3"]);
    assert_eq!(
        rows(&m),
        expect([
            // C1 = S1 + S2: 3+1, 1+0, 1+2.
            &[4, 1, 3],
            // S1 = a + b + e.
            &[3, 1, 1],
            // a: #1 and #5 (two coders, same line: two codings), #7.
            &[2, 1, 0],
            // b: #2, #9.
            &[1, 0, 1],
            // e: the Persian-yeh name is another code, never coded.
            &[0, 0, 0],
            // S2 = c + its own #11.
            &[1, 0, 2],
            // c: #3, #10.
            &[1, 0, 1],
            // C2 = S3 = d: #4; #6, #8.
            &[1, 2, 0],
            &[1, 2, 0],
            &[1, 2, 0],
        ])
    );
    // All 11 codings are under the two categories.
    assert_eq!(m.rows[0].total + m.rows[7].total, 11);

    let m = matrix(&p, &By::Document, CountUnit::Document).expect("matrix");
    assert_eq!(
        rows(&m),
        expect([
            &[1, 1, 1],
            &[1, 1, 1],
            &[1, 1, 0],
            &[1, 0, 1],
            &[0, 0, 0],
            // S2: P3 once, though c (#10) and S2 (#11) both coded it.
            &[1, 0, 1],
            &[1, 0, 1],
            // d: P2 once, though coded twice (#6, #8).
            &[1, 1, 0],
            &[1, 1, 0],
            &[1, 1, 0],
        ])
    );
}

#[test]
fn matrix_by_group_has_empty_groups_and_a_no_group_column() {
    let p = study();
    let m = matrix(&p, &By::Group, CountUnit::Coding).expect("matrix");
    // Project order; کرج has no document; P3 has no group.
    assert_eq!(m.columns, ["تهران", "کرج", "(no group)"]);
    assert_eq!(
        rows(&m),
        expect([
            // تهران = P1 + P2 of the by-document matrix.
            &[5, 0, 3],
            &[4, 0, 1],
            &[3, 0, 0],
            &[1, 0, 1],
            &[0, 0, 0],
            &[1, 0, 2],
            &[1, 0, 1],
            &[3, 0, 0],
            &[3, 0, 0],
            &[3, 0, 0],
        ])
    );
    let m = matrix(&p, &By::Group, CountUnit::Document).expect("matrix");
    assert_eq!(
        rows(&m),
        expect([
            &[2, 0, 1],
            &[2, 0, 1],
            &[2, 0, 0],
            &[1, 0, 1],
            &[0, 0, 0],
            &[1, 0, 1],
            &[1, 0, 1],
            &[2, 0, 0],
            &[2, 0, 0],
            &[2, 0, 0],
        ])
    );
}

#[test]
fn matrix_by_variable_has_a_no_value_column() {
    let p = study();
    let by = By::Variable("gender".into());
    let m = matrix(&p, &by, CountUnit::Coding).expect("matrix");
    // زن: P1 and P3; P2 has no gender.
    assert_eq!(m.columns, ["زن", "(no value)"]);
    assert_eq!(
        rows(&m),
        expect([
            &[7, 1],
            &[4, 1],
            &[2, 1],
            &[2, 0],
            &[0, 0],
            &[3, 0],
            &[2, 0],
            &[1, 2],
            &[1, 2],
            &[1, 2],
        ])
    );
    let m = matrix(&p, &by, CountUnit::Document).expect("matrix");
    assert_eq!(
        rows(&m),
        expect([
            &[2, 1],
            &[2, 1],
            &[1, 1],
            &[2, 0],
            &[0, 0],
            &[2, 0],
            &[2, 0],
            &[1, 1],
            &[1, 1],
            &[1, 1],
        ])
    );
    let e = matrix(&p, &By::Variable("age".into()), CountUnit::Coding).expect_err("no age");
    assert_eq!(
        e.to_string(),
        "no document has a variable named 'age'. Variables: gender"
    );
}

/// Pairs as (a, b, count) with paths joined by "/".
fn pairs(p: &Project, unit: Unit) -> Vec<(String, String, u64)> {
    let c = cooccurrence(p, unit);
    assert_eq!(c.unit, unit);
    c.pairs
        .iter()
        .map(|x| (x.a.join("/"), x.b.join("/"), x.count))
        .collect()
}

const A: &str = "زيرساخت/دسترسی/اینترنت کند";
const B: &str = "زيرساخت/دسترسی/فيلترينگ";
const C: &str = "زيرساخت/هزینه ها/گرانی";
const D: &str = "Trust/Institutions/distrust of city hall";

fn want(list: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    list.iter()
        .map(|(a, b, n)| (a.to_string(), b.to_string(), *n))
        .collect()
}

#[test]
fn cooccurrence_by_line_overlap_and_document() {
    let p = study();
    // Lines: P1 L2 has a (#1, #5), b (#2) and c (#3 starts there);
    // P2 L3 has a (#7) and d (#8); P3 L1 has b (#9) and c (#10), which do
    // not overlap but touch the same line. S2's own #11 is not level 1.
    assert_eq!(
        pairs(&p, Unit::Line),
        want(&[(A, B, 1), (A, C, 1), (A, D, 1), (B, C, 2)])
    );
    // Overlaps of two codings of different codes: P1 #1–#2 and #5–#2
    // (a, b), #1–#3 and #5–#3 (a, c), #2–#3 (b, c); P2 #7–#8 (a, d).
    // #4 (line 4) only meets #3 (to the end of line 3) at the line break.
    assert_eq!(
        pairs(&p, Unit::Segment),
        want(&[(A, B, 2), (A, C, 2), (A, D, 1), (B, C, 1)])
    );
    // Documents: P1 has a, b, c, d (all six pairs); P2 a, d; P3 b, c.
    assert_eq!(
        pairs(&p, Unit::Document),
        want(&[
            (A, B, 1),
            (A, C, 1),
            (A, D, 2),
            (B, C, 2),
            (B, D, 1),
            (C, D, 1)
        ])
    );
}

fn saved(dir: &std::path::Path) -> String {
    let f = dir.join("m.strata");
    strata::store::save(&study(), &f).expect("save");
    f.to_string_lossy().into_owned()
}

#[test]
fn cli_matrix_json_and_table() {
    let dir = tmp();
    let f = saved(dir.path());
    let v: Value = serde_json::from_str(&ok(&[
        "matrix", &f, "--by", "group", "--unit", "document", "--json",
    ]))
    .expect("json");
    assert_eq!(v["columns"], json!(["تهران", "کرج", "(no group)"]));
    assert_eq!(v["rows"].as_array().expect("rows").len(), 10);
    assert_eq!(
        v["rows"][1],
        json!({"path": ["زيرساخت", "دسترسی"], "level": 2, "counts": [2, 0, 1], "total": 3})
    );
    assert_eq!(
        v.as_object().expect("object").keys().collect::<Vec<_>>(),
        ["columns", "rows"]
    );
    // The defaults: by document, codings.
    let v: Value = serde_json::from_str(&ok(&["matrix", &f, "--json"])).expect("json");
    assert_eq!(v["columns"], json!(["P1", "P2", "P3"]));
    assert_eq!(v["rows"][0]["counts"], json!([4, 1, 3]));
    let v: Value = serde_json::from_str(&ok(&["matrix", &f, "--by", "variable:gender", "--json"]))
        .expect("json");
    assert_eq!(v["columns"], json!(["زن", "(no value)"]));
    assert_eq!(v["rows"][0]["counts"], json!([7, 1]));

    let text = ok(&["matrix", &f]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 11, "{text}");
    assert_eq!(
        lines[0], "Code                       P1  P2  P3  Total",
        "{text}"
    );
    assert_eq!(lines[1], "زيرساخت                     4   1   3      8");
    assert_eq!(lines[6], "  هزینه ها                  1   0   2      3");
    assert_eq!(lines[10], "    distrust of city hall   1   2   0      3");
}

#[test]
fn cli_cooccur_json_and_table() {
    let dir = tmp();
    let f = saved(dir.path());
    let v: Value =
        serde_json::from_str(&ok(&["cooccur", &f, "--unit", "segment", "--json"])).expect("json");
    assert_eq!(v["unit"], "segment");
    assert_eq!(
        v["pairs"][0],
        json!({"a": ["زيرساخت", "دسترسی", "اینترنت کند"], "b": ["زيرساخت", "دسترسی", "فيلترينگ"], "count": 2})
    );
    assert_eq!(v["pairs"].as_array().expect("pairs").len(), 4);
    let text = ok(&["cooccur", &f, "--unit", "document"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert!(lines[0].starts_with("Code A"), "{text}");
    assert!(
        lines[3].starts_with(A) && lines[3].contains(D) && lines[3].ends_with(" 2"),
        "{text}"
    );
    // The unit is required.
    assert!(!strata(&["cooccur", &f]).status.success());
}

#[test]
fn cli_matrix_refuses_a_variable_no_document_has() {
    let dir = tmp();
    let f = saved(dir.path());
    let o = strata(&["matrix", &f, "--by", "variable:age"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("no document has a variable named 'age'") && err.contains("Variables: gender"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
    let o = strata(&["matrix", &f, "--by", "colour"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("document, group or variable:NAME"),
        "{}",
        stderr(&o)
    );
}

/// A coding as the comments above name it: code, document, coder, first line.
/// Sorted: codings on the same range come in no set order.
fn named(p: &Project, ids: &[CodingId]) -> Vec<String> {
    let mut v: Vec<String> = ids
        .iter()
        .map(|id| {
            let c = &p.codings[id];
            let d = p.document(c.document).expect("doc");
            format!(
                "{} {} {} L{}",
                p.codes[&c.code].name,
                d.name,
                p.coder_name(c.coder),
                d.lines_of(c.range).0
            )
        })
        .collect();
    v.sort();
    v
}

fn id_of(p: &Project, name: &str) -> CodeId {
    p.codes
        .values()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .expect("code")
}

#[test]
fn a_cell_lists_the_codings_it_counted() {
    use strata::analysis::cells::{matrix_cell, pair_codings};
    let p = study();
    // S1 «دسترسی» × P1: #1 (a, A), #2 (b, B), #5 (a, B), all on line 2.
    let s1 = matrix_cell(&p, &By::Document, id_of(&p, "دسترسی"), Some(0)).expect("cell");
    assert_eq!(
        named(&p, &s1),
        [
            "اینترنت کند P1 A L2",
            "اینترنت کند P1 B L2",
            "فيلترينگ P1 B L2"
        ]
    );
    // C2 Trust × group تهران (P1, P2): #4, #6, #8.
    let c2 = matrix_cell(&p, &By::Group, id_of(&p, "Trust"), Some(0)).expect("cell");
    assert_eq!(c2.len(), 3);
    // The matrix counted as many.
    let m = matrix(&p, &By::Group, CountUnit::Coding).expect("matrix");
    let row = m.rows.iter().find(|r| r.path == ["Trust"]).expect("row");
    assert_eq!(row.counts[0], c2.len());
    // The row's total: every document (#4 in P1, #6 and #8 in P2).
    let all = matrix_cell(&p, &By::Group, id_of(&p, "Trust"), None).expect("total");
    assert_eq!((all.len(), row.total), (3, 3));
    // a and b on a line: P1 line 2 (#1, #2, #5); P3's b has no a.
    let (a, b) = (id_of(&p, "اینترنت کند"), id_of(&p, "فيلترينگ"));
    assert_eq!(pair_codings(&p, Unit::Line, a, b).len(), 3);
    // a and d overlapping: P2 #7 (line 3) and #8 (lines 2–3), not #6.
    let d = id_of(&p, "distrust of city hall");
    assert_eq!(
        named(&p, &pair_codings(&p, Unit::Segment, a, d)),
        ["distrust of city hall P2 B L2", "اینترنت کند P2 A L3"]
    );
    // c and d in one document: P1's #3 and #4 only.
    let c = id_of(&p, "گرانی");
    assert_eq!(
        named(&p, &pair_codings(&p, Unit::Document, c, d)),
        ["distrust of city hall P1 B L4", "گرانی P1 A L2"]
    );
}
