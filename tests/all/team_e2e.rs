//! The team's whole round through the CLI: a base built from the demo,
//! two scripted coders coding their copies with `strata code`, `strata
//! merge`, then `strata agreement` checked against reference figures
//! (scikit-learn, krippendorff: tests/fixtures/team/make_expected.py), and
//! the review report.

use super::util::*;
use std::path::Path;
use strata::model::*;

fn fixture_json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture(&format!("team/{name}"))).expect("fixture");
    serde_json::from_str(&text).expect("json")
}

fn s(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_string()
}

fn close(what: &str, got: &serde_json::Value, want: &serde_json::Value) {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: {g} but {w}"),
        _ => assert_eq!(got, want, "{what}"),
    }
}

#[test]
fn two_scripted_coders_merge_and_their_agreement_matches_the_references() {
    let dir = tmp();
    let script = fixture_json("scripted.json");
    let expected = fixture_json("expected.json");
    // The base: the demo without its codings (its coders stay).
    let base = dir.path().join("base.strata");
    let mut p = strata::demo::demo_project().expect("demo");
    p.codings.clear();
    p.touch();
    strata::store::save(&p, &base).expect("save base");
    let copies = [
        ("سارا", dir.path().join("sara.strata")),
        ("Omid", dir.path().join("omid.strata")),
    ];
    for (_, c) in &copies {
        std::fs::copy(&base, c).expect("hand out a copy");
    }
    let codes = &script["codes"];
    for c in script["codings"].as_array().expect("codings") {
        let [doc, lines, code, coder] = [0, 1, 2, 3].map(|i| c[i].as_str().expect("text"));
        let copy = &copies
            .iter()
            .find(|(name, _)| *name == coder)
            .expect("coder")
            .1;
        let path = codes[code].as_str().expect("code");
        ok(&[
            "code",
            &s(copy),
            "--document",
            doc,
            "--lines",
            lines,
            "--code",
            path,
            "--coder",
            coder,
        ]);
    }
    // Each coder also renames one code of the tree, differently: a
    // conflict the merge must report and keep both names of.
    let renamed = p.resolve_path("آمارسازی").expect("code");
    for ((_, c), name) in copies.iter().zip(["آمار ساختگی", "آمارسازی رسمی"])
    {
        let (mut q, _) = strata::store::load(c).expect("copy");
        strata::edit::Command::RenameCode {
            id: renamed,
            name: name.into(),
        }
        .apply(&mut q)
        .expect("rename");
        strata::store::save(&q, c).expect("save");
    }
    let merged = dir.path().join("merged.strata");
    let report = ok(&[
        "merge",
        &s(&base),
        &s(&copies[0].1),
        &s(&copies[1].1),
        "--output",
        &s(&merged),
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&report).expect("report");
    let renames = report["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter(|c| c["kind"] == "renamed")
        .count();
    assert_eq!(renames, 1, "{report}");
    // Nothing lost: every coding of both copies is in the merge.
    let (m, problems) = strata::store::load(&merged).expect("merged");
    assert!(problems.is_empty(), "{problems:?}");
    for (_, c) in &copies {
        let (side, _) = strata::store::load(c).expect("copy");
        for id in side.codings.keys() {
            assert!(
                m.codings.contains_key(id),
                "coding lost from {}",
                c.display()
            );
        }
    }
    assert_eq!(m.codings.len(), 14);
    // The other name is kept, and the conflict is an open comment.
    let name = &m.codes[&renamed].name;
    let other = if name == "آمار ساختگی" {
        "آمارسازی رسمی"
    } else {
        "آمار ساختگی"
    };
    assert!(
        m.memos_on(MemoTarget::Code(renamed))
            .any(|x| x.body.contains(other) && x.title == "ادغام: نام‌های دیگر این کد"),
        "in a memo titled in the project's language"
    );
    assert!(
        m.review
            .open_threads()
            .iter()
            .any(|t| t.target == ReviewTarget::Code(renamed) && t.conflict.is_some())
    );
    // Agreement on line units, per code and pooled, as the references say.
    let json = ok(&["agreement", &s(&merged), "--coders", "سارا,Omid", "--json"]);
    let got: serde_json::Value = serde_json::from_str(&json).expect("json");
    let overall = &got["overall"];
    for k in ["units", "observed", "cohen", "alpha"] {
        close(
            &format!("overall {k}"),
            &overall[k],
            &expected["overall"][k],
        );
    }
    let rows = got["per_code"].as_array().expect("per_code");
    assert_eq!(rows.len(), 3);
    for row in rows {
        // By the code's ID: its name in the base (one was renamed since).
        let id = row["code"].as_str().expect("code id");
        let name = p
            .codes
            .values()
            .find(|c| c.id.to_string() == id)
            .map(|c| c.name.as_str())
            .expect("a code of the base");
        let want = &expected["per_code"][name];
        for k in ["units", "observed", "cohen", "alpha"] {
            close(&format!("{name} {k}"), &row[k], &want[k]);
        }
    }
    // The review report carries the same figures, right to left.
    let report = dir.path().join("report.html");
    ok(&["review", &s(&merged), "--output", &s(&report)]);
    let html = std::fs::read_to_string(&report).expect("report");
    assert!(html.contains("<html dir=\"rtl\" lang=\"fa\">"));
    let kappa = format!(
        "{:.3}",
        expected["overall"]["cohen"].as_f64().expect("kappa")
    );
    // In Persian digits, as the Persian interface writes figures.
    let kappa: String = kappa
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0x06F0).expect("digit"),
            '.' => '\u{066B}',
            c => c,
        })
        .collect();
    assert!(html.contains(&kappa), "κ {kappa} in the report");
    assert!(html.contains("توافق میان کدگذاران"));
    // Never over the project.
    let over = strata(&["review", &s(&merged), "--output", &s(&merged)]);
    assert!(!over.status.success());
    let (again, _) = strata::store::load(&merged).expect("still a project");
    assert_eq!(again.codings.len(), 14);
}

#[test]
fn the_review_report_lists_open_comments_and_conflicts_and_prints_in_markdown() {
    let dir = tmp();
    let path = dir.path().join("study.strata");
    let mut p = strata::demo::demo_project().expect("demo");
    let sara = p.coders.first().map(|c| c.id);
    p.set_actor(sara);
    let code = p.resolve_path("آمارسازی").expect("code");
    let mut h = strata::edit::History::new();
    let cmd = strata::edit::comment(&p, ReviewTarget::Code(code), "تعریف | مبهم است", None)
        .expect("comment");
    h.apply(&mut p, cmd).expect("apply");
    let cmd = strata::edit::set_verdict(&p, code, Some(Verdict::NeedsWork)).expect("verdict");
    h.apply(&mut p, cmd).expect("apply");
    strata::store::save(&p, &path).expect("save");
    let md = dir.path().join("report.md");
    ok(&["review", &s(&path), "--output", &s(&md)]);
    let text = std::fs::read_to_string(&md).expect("report");
    assert!(text.starts_with("<div dir=\"rtl\">"), "{text}");
    assert!(text.contains("تعریف | مبهم است"), "the comment, whole");
    assert!(text.contains("نیازمند کار"), "the verdict in the hierarchy");
    assert!(text.contains("سارا"), "its author");
    // Every table row has as many cells as the header.
    for table in text.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells: Vec<usize> = table
            .lines()
            .map(|l| l.replace("\\|", "").matches('|').count())
            .collect();
        assert!(cells.windows(2).all(|w| w[0] == w[1]), "{table}");
    }
    let bad = strata(&[
        "review",
        &s(&path),
        "--output",
        &s(&dir.path().join("r.pdf")),
    ]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains(".html or .md"), "{}", stderr(&bad));
}

#[test]
fn the_review_report_compares_each_pair_of_coders_by_default() {
    let dir = tmp();
    let path = dir.path().join("study.strata");
    let mut p = strata::demo::demo_project().expect("demo");
    // A third coder, who coded one line of P01 only.
    let (add, reza) = strata::edit::ensure_coder(&p, "رضا").expect("coder");
    let mut h = strata::edit::History::new();
    h.apply(&mut p, add.expect("new coder")).expect("apply");
    let doc = p.document_by_name("P01").expect("P01").id;
    let code = p.resolve_path("آمارسازی").expect("code");
    h.apply(
        &mut p,
        strata::edit::new_coding(doc, CharRange::new(0, 8), code, reza),
    )
    .expect("code");
    strata::store::save(&p, &path).expect("save");
    let out = dir.path().join("report.md");
    ok(&["review", &s(&path), "--output", &s(&out)]);
    let md = std::fs::read_to_string(&out).expect("report");
    let tables = md.matches("## توافق میان کدگذاران").count();
    assert_eq!(tables, 3, "سارا/Omid, سارا/رضا, Omid/رضا:\n{md}");
    // Each says what it compared, above its figures.
    assert_eq!(md.matches("مقایسه‌شده:").count(), 3);
}
