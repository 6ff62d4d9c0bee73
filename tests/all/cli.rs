//! The CLI end to end: a researcher's session from new project to export.

use super::util::*;

#[test]
fn new_import_code_export_session() {
    let dir = tmp();
    let proj = dir.path().join("study.strata");
    let proj_s = proj.to_str().expect("utf8 path");
    ok(&["new", proj_s, "--name", "Study", "--persian-levels"]);
    let f1 = fixture("enc/persian-1256.txt");
    let f2 = fixture("interview-P4.docx");
    ok(&[
        "import",
        proj_s,
        f1.to_str().expect("p"),
        f2.to_str().expect("p"),
    ]);
    ok(&[
        "code",
        proj_s,
        "--document",
        "persian-1256",
        "--lines",
        "2-4",
        "--code",
        "مقوله/زیرمقوله/کد",
        "--coder",
        "سارا",
        "--create",
    ]);
    ok(&[
        "code",
        proj_s,
        "--document",
        "interview-P4",
        "--chars",
        "0-12",
        "--code",
        "کد",
        "--coder",
        "Omid",
    ]);
    let tree = ok(&["codes", proj_s]);
    assert!(tree.contains("مقوله [L3"), "{tree}");
    assert!(
        tree.contains("کد [L1 کد مفهومی] (2 own, 2 total)"),
        "{tree}"
    );
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&["stats", proj_s, "--json"])).expect("json");
    assert_eq!(stats["documents"], 2);
    assert_eq!(stats["codings"], 2);
    assert_eq!(stats["coders"], 2);
    assert_eq!(stats["codes_per_level"]["3"], 1);
    let json = ok(&["export", proj_s, "--format", "json", "--output", "-"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("export json");
    let seg = &v["tree"][0]["children"][0]["children"][0]["segments"][0];
    assert_eq!(seg["first_line"], 2);
    assert_eq!(seg["last_line"], 4);
    assert_eq!(seg["coder"], "سارا");
    let out = dir.path().join("table.md");
    ok(&[
        "export",
        proj_s,
        "--format",
        "md",
        "--output",
        out.to_str().expect("p"),
    ]);
    assert!(
        std::fs::read_to_string(&out)
            .expect("md")
            .contains("| مقوله | زیرمقوله | کد |")
    );
    assert!(ok(&["check", proj_s]).contains("no problems"));
}

#[test]
fn bad_input_exits_1_and_leaves_the_project_unchanged() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let proj_s = proj.to_str().expect("p");
    let before = std::fs::read(&proj).expect("read");
    let junk = fixture("enc/junk.bin.txt");
    let good = fixture("enc/persian-utf16le.txt");
    let o = strata(&[
        "import",
        proj_s,
        good.to_str().expect("p"),
        junk.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("junk.bin.txt"), "{}", stderr(&o));
    let o = strata(&[
        "code",
        proj_s,
        "--document",
        "P3",
        "--lines",
        "40-41",
        "--code",
        "سکوت در بحران",
        "--coder",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("lines 40-41"), "{}", stderr(&o));
    let o = strata(&[
        "code",
        proj_s,
        "--document",
        "P3",
        "--lines",
        "1",
        "--code",
        "No/Such",
        "--coder",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--create"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&proj).expect("read"),
        before,
        "project unchanged"
    );
    assert!(!strata::store::lock_path(&proj).exists(), "lock released");
}

#[test]
fn usage_errors_exit_2() {
    let o = strata(&["code", "x.strata", "--document", "d"]);
    assert_eq!(o.status.code(), Some(2));
    let o = strata(&["export", "x.strata", "--format", "pdf", "--output", "-"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_lists_problems_and_exits_1() {
    let dir = tmp();
    let proj = dir.path().join("broken.strata");
    let text = std::fs::read_to_string(fixture("small.strata")).expect("read");
    let (p, _) = strata::store::load(&fixture("small.strata")).expect("load");
    let doc = p.documents[0].id;
    std::fs::write(
        &proj,
        text.replace(
            &format!("document: \"{doc}\""),
            "document: \"11111111-1111-4111-8111-111111111111\"",
        ),
    )
    .expect("write");
    let o = strata(&["check", proj.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("missing document"), "{}", stdout(&o));
}

#[test]
fn newer_project_is_refused_by_every_command() {
    let dir = tmp();
    let proj = dir.path().join("newer.strata");
    let text = std::fs::read_to_string(fixture("small.strata"))
        .expect("read")
        .replacen("version: 1,", "version: 999,", 1);
    std::fs::write(&proj, &text).expect("write");
    let p = proj.to_str().expect("p");
    for args in [
        vec!["codes", p],
        vec![
            "code",
            p,
            "--document",
            "P3",
            "--lines",
            "1",
            "--code",
            "x",
            "--coder",
            "y",
            "--create",
        ],
    ] {
        let o = strata(&args);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("newer Strata"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read_to_string(&proj).expect("read"), text);
}

#[test]
fn variables_from_csv() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let csv = dir.path().join("vars.csv");
    std::fs::write(
        &csv,
        "document,participant,group,minutes\nP7,P7,journalist/activist,33\n",
    )
    .expect("csv");
    ok(&[
        "vars",
        proj.to_str().expect("p"),
        "--csv",
        csv.to_str().expect("p"),
    ]);
    let (p, _) = strata::store::load(&proj).expect("load");
    let d = p.document_by_name("P7").expect("P7");
    assert_eq!(d.variables.get("minutes").map(String::as_str), Some("33"));
    std::fs::write(&csv, "document,participant\nP99,x\n").expect("csv");
    let o = strata(&[
        "vars",
        proj.to_str().expect("p"),
        "--csv",
        csv.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("line 2") && stderr(&o).contains("P99"),
        "{}",
        stderr(&o)
    );
}
