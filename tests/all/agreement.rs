//! Intercoder agreement: the statistics against reference implementations
//! (fixtures made by tests/fixtures/agreement/make_fixtures.py), the whole
//! comparison on projects, and `strata agreement` end to end.

use crate::util::{code_args, fixture, ok, stderr, stdout, strata, tmp};
use serde_json::Value;
use strata::analysis::agreement::{self, AgreementOptions, Unit, stats};
use strata::model::*;

struct Case {
    name: String,
    categories: usize,
    matrix: Vec<Vec<Option<usize>>>,
    expected: Value,
}

fn cases() -> Vec<Case> {
    let read = |f: &str| -> Value {
        let text = std::fs::read_to_string(fixture(&format!("agreement/{f}"))).expect("fixture");
        serde_json::from_str(&text).expect("json")
    };
    let (inputs, expected) = (read("inputs.json"), read("expected.json"));
    let inputs = inputs["cases"].as_array().expect("cases").clone();
    let expected = expected["cases"].as_array().expect("cases").clone();
    assert_eq!(inputs.len(), expected.len());
    inputs
        .into_iter()
        .zip(expected)
        .map(|(i, e)| {
            assert_eq!(i["name"], e["name"]);
            Case {
                name: i["name"].as_str().expect("name").to_string(),
                categories: i["categories"].as_u64().expect("categories") as usize,
                matrix: serde_json::from_value(i["matrix"].clone()).expect("matrix"),
                expected: e,
            }
        })
        .collect()
}

fn same(case: &str, what: &str, ours: Option<f64>, reference: &Value) {
    match (ours, reference.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{case}: {what} {a} vs {b}"),
        (None, None) => {}
        (a, _) => panic!("{case}: {what} {a:?} vs {reference}"),
    }
}

#[test]
fn statistics_match_the_reference_implementations() {
    let all = cases();
    assert!(all.len() >= 9);
    for c in &all {
        let m = &c.matrix;
        let units = m[0].len();
        let complete: Vec<Vec<Option<usize>>> = m
            .iter()
            .map(|row| {
                (0..units)
                    .filter(|u| m.iter().all(|r| r[*u].is_some()))
                    .map(|u| row[u])
                    .collect()
            })
            .collect();
        let complete = stats::profiles(&complete, c.categories);
        same(
            &c.name,
            "observed",
            stats::observed(&complete),
            &c.expected["observed"],
        );
        same(
            &c.name,
            "fleiss",
            stats::fleiss(&complete),
            &c.expected["fleiss"],
        );
        let all = stats::profiles(m, c.categories);
        same(
            &c.name,
            "alpha",
            stats::krippendorff_nominal(&all),
            &c.expected["alpha"],
        );
        let cohen = (m.len() == 2).then(|| {
            let mut t = vec![vec![0u64; c.categories]; c.categories];
            for (a, b) in m[0].iter().zip(&m[1]) {
                if let (Some(a), Some(b)) = (a, b) {
                    t[*a][*b] += 1;
                }
            }
            stats::cohen(&t)
        });
        same(&c.name, "cohen", cohen.flatten(), &c.expected["cohen"]);
    }
}

/// A binary matrix as a project: unit u is document u (or line u of one
/// document); 1 = the coder coded X there, 0 = coded Y there (so they
/// judged it), missing = coded nothing there.
fn as_project(m: &[Vec<Option<usize>>], unit: Unit) -> (Project, Vec<CoderId>, CodeId) {
    let mut p = Project::new("fixture");
    let coders: Vec<CoderId> = (0..m.len())
        .map(|i| {
            let c = Coder {
                id: CoderId::new(),
                name: format!("C{i}"),
                color: "#000000".into(),
            };
            p.coders.push(c.clone());
            c.id
        })
        .collect();
    let (x, y) = (Code::new("X", "#111111"), Code::new("Y", "#222222"));
    let (xi, yi) = (x.id, y.id);
    p.roots.extend([xi, yi]);
    p.codes.insert(xi, x);
    p.codes.insert(yi, y);
    let units = m[0].len();
    if unit == Unit::Document {
        for u in 0..units {
            p.documents
                .push(Document::new(format!("d{u}"), "a line\nanother"));
        }
    } else {
        let text: Vec<String> = (0..units).map(|u| format!("line {u}")).collect();
        p.documents.push(Document::new("one", &text.join("\n")));
    }
    for (ci, row) in m.iter().enumerate() {
        for (u, v) in row.iter().enumerate() {
            let (doc, line) = match unit {
                Unit::Document => (u, 1),
                _ => (0, u + 1),
            };
            let Some(v) = v else { continue };
            let d = &p.documents[doc];
            let c = Coding {
                id: CodingId::new(),
                document: d.id,
                range: d.line_range(line).expect("line"),
                code: if *v == 1 { xi } else { yi },
                coder: coders[ci],
                origin: Origin::Manual,
                stamp: Stamp::now(None),
            };
            p.codings.insert(c.id, c);
        }
    }
    p.touch();
    (p, coders, xi)
}

#[test]
fn whole_comparisons_on_projects_match_the_references() {
    let all = cases();
    let pick = |name: &str| all.iter().find(|c| c.name == name).expect(name);
    for (name, unit) in [
        ("two coders, binary", Unit::Line),
        ("two coders, binary, rare code", Unit::Line),
        ("two coders, binary", Unit::Document),
        // Missing values: coders who did not code a document at all.
        ("three coders, binary, missing", Unit::Document),
    ] {
        let c = pick(name);
        let (p, coders, x) = as_project(&c.matrix, unit);
        let opts = AgreementOptions {
            unit,
            codes: Some(vec![x]),
            ..AgreementOptions::new(coders)
        };
        let a = agreement::agreement(&p, &opts).expect("agreement");
        let f = &a.per_code[0].figures;
        let e = &c.expected;
        same(name, "observed", f.observed, &e["observed"]);
        same(name, "cohen", f.cohen, &e["cohen"]);
        same(name, "fleiss", f.fleiss, &e["fleiss"]);
        same(name, "alpha", f.alpha, &e["alpha"]);
        // One code: the pooled figures are that code's.
        assert_eq!(&a.overall, f, "{name}");
    }
}

/// Two coders code a Persian interview through the CLI.
fn coded_project(dir: &std::path::Path) -> String {
    let project = dir.join("study.strata");
    let p = project.to_str().expect("utf-8 path").to_string();
    let transcript = dir.join("interview.txt");
    let lines = [
        "مصاحبه‌کننده: از روز اول بگویید.",
        "P1: همه‌چیز در تلگرام دست‌به‌دست شد.",
        "P1: شورا پاسخ نداد.",
        "P1: مردم به شهرداری اعتماد نداشتند.",
        "",
        "P1: بعد خبرنگارها آمدند.",
    ];
    std::fs::write(&transcript, lines.join("\n")).expect("write");
    ok(&["new", &p]);
    ok(&["import", &p, transcript.to_str().expect("utf-8")]);
    let code = |lines: &str, code: &str, coder: &str| {
        ok(&code_args(&p, "interview", lines, code, coder));
    };
    // رسانه: علی 2–3, سارا 2 and 4. اعتماد: both on 4.
    code("2-3", "رسانه", "علی");
    code("2", "رسانه", "سارا");
    code("4", "رسانه", "سارا");
    code("4", "اعتماد", "علی");
    code("4", "اعتماد", "سارا");
    p
}

#[test]
fn cli_reports_the_hand_computed_figures() {
    let dir = tmp();
    let p = coded_project(dir.path());
    // Arabic yeh in the name finds «علی».
    let out = ok(&["agreement", &p, "--coders", "علي,سارا"]);
    // 5 non-blank lines. رسانه: both on 2, علی only 3, سارا only 4:
    // p_o = 3/5, p_e = 0.4·0.4 + 0.6·0.6 = 0.52, κ = 0.08/0.48 = 0.167.
    let row = out
        .lines()
        .find(|l| l.ends_with("رسانه"))
        .expect("a row for رسانه");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells[..10],
        [
            "5", "3", "1", "1", "1", "0.600", "0.167", "0.167", "0.250", "0.200"
        ],
        "{row}"
    );
    // Pooled: 10 items, 2 both, 1 + 1 only, 6 neither: p_o = 0.8,
    // p_e = 0.3² + 0.7² = 0.58, κ = 0.22/0.42 = 0.524.
    let overall = out
        .lines()
        .find(|l| l.ends_with("Overall (pooled)"))
        .expect("overall");
    assert!(overall.contains("0.800  0.524"), "{overall}");
    assert!(out.contains("Disagreements: 2"), "{out}");
    assert!(out.contains("interview, line 3: رسانه"), "{out}");
    assert!(out.contains("| P1: شورا پاسخ نداد."), "{out}");
    assert!(out.contains("+ علی: رسانه"), "{out}");
    assert!(out.contains("- سارا: (nothing)"), "{out}");
}

#[test]
fn cli_json_shape() {
    let dir = tmp();
    let p = coded_project(dir.path());
    let out = ok(&[
        "agreement",
        &p,
        "--coders",
        "علی,سارا",
        "--json",
        "--codes",
        "رسانه",
    ]);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["unit"], "line");
    assert_eq!(v["coders"][1]["name"], "سارا");
    assert_eq!(v["per_code"].as_array().map(Vec::len), Some(1));
    let row = &v["per_code"][0];
    assert_eq!(row["path"][0], "رسانه");
    assert_eq!(row["units"], 5);
    assert_eq!(row["only"], serde_json::json!([1, 1]));
    assert!((row["cohen"].as_f64().expect("cohen") - 0.08 / 0.48).abs() < 1e-9);
    let d = &v["disagreements"][0];
    assert_eq!(d["lines"], serde_json::json!([3, 3]));
    assert_eq!(d["coders"][0]["coded"], true);
    assert_eq!(d["text"], "P1: شورا پاسخ نداد.");
    assert!(v["notes"].as_array().is_some_and(|n| !n.is_empty()));
    // Segments: whole-line codings match exactly except the unmatched ones.
    let seg = ok(&[
        "agreement",
        &p,
        "--coders",
        "علی,سارا",
        "--unit",
        "segment",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&seg).expect("json");
    assert_eq!(v["overlap"], 0.9);
    // رسانه: علی 2–3 vs سارا 2 and 4: no segment matches (2/3 < 90%).
    assert_eq!(v["per_code"][0]["agreements"], 0);
    assert_eq!(v["per_code"][1]["agreements"], 2);
}

#[test]
fn cli_refuses_unknown_coders_and_segments_of_three() {
    let dir = tmp();
    let p = coded_project(dir.path());
    let o = strata(&["agreement", &p, "--coders", "علی,Reza"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("'Reza'") && err.contains("سارا"), "{err}");
    assert!(stdout(&o).is_empty());
    let o = strata(&["agreement", &p, "--coders", "علی"]);
    assert!(stderr(&o).contains("at least two coders"), "{}", stderr(&o));
    ok(&[
        "code",
        &p,
        "--document",
        "interview",
        "--lines",
        "2",
        "--code",
        "رسانه",
        "--coder",
        "Reza",
    ]);
    let o = strata(&[
        "agreement",
        &p,
        "--coders",
        "علی,سارا,Reza",
        "--unit",
        "segment",
    ]);
    assert!(stderr(&o).contains("exactly two coders"), "{}", stderr(&o));
    // Three coders on lines are fine: no Cohen, Fleiss and alpha given.
    let out = ok(&["agreement", &p, "--coders", "علی,سارا,Reza", "--json"]);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert!(v["overall"]["cohen"].is_null());
    assert!(v["overall"]["fleiss"].is_number());
    let o = strata(&[
        "agreement",
        &p,
        "--coders",
        "علی,سارا",
        "--codes",
        "nothing-here",
    ]);
    assert!(!o.status.success());
}
