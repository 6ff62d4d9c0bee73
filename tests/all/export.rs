//! Exports of the three-level hierarchy, compared with golden files.

use super::util::*;
use strata::export::{ExportOptions, Format, export, hierarchy};

fn small() -> strata::model::Project {
    strata::store::load(&fixture("small.strata"))
        .expect("load")
        .0
}

#[test]
fn golden_json() {
    golden(
        "small.json",
        &export(&small(), Format::Json, &ExportOptions::default()).expect("json"),
    );
}

#[test]
fn golden_ron() {
    golden(
        "small.ron",
        &export(&small(), Format::Ron, &ExportOptions::default()).expect("ron"),
    );
}

#[test]
fn golden_csv() {
    golden(
        "small.csv",
        &export(&small(), Format::Csv, &ExportOptions::default()).expect("csv"),
    );
}

#[test]
fn golden_markdown_table_3() {
    golden(
        "small.md",
        &export(&small(), Format::Md, &ExportOptions::default()).expect("md"),
    );
}

#[test]
fn json_and_ron_hold_the_same_content() {
    let p = small();
    let json: serde_json::Value =
        serde_json::from_str(&export(&p, Format::Json, &ExportOptions::default()).expect("json"))
            .expect("parse json");
    let ron_val: serde_json::Value =
        ron::from_str(&export(&p, Format::Ron, &ExportOptions::default()).expect("ron"))
            .expect("parse ron");
    assert_eq!(json, ron_val);
}

#[test]
fn counts_include_descendants_and_quotes_are_exact() {
    let p = small();
    let h = hierarchy(&p, &ExportOptions::default());
    assert_eq!(h.levels, vec!["کد مفهومی", "زیرمقوله", "مقوله"]);
    let cat = &h.tree[0];
    assert_eq!(cat.level, 3);
    assert_eq!(cat.segment_count, 4);
    assert_eq!(cat.document_count, 1);
    let silence = &cat.children[0].children[0];
    assert_eq!(silence.name, "سکوت در بحران");
    assert_eq!(silence.level, 1);
    let seg = &silence.segments[1];
    let doc = p.document_by_name("P3").expect("P3");
    assert_eq!(seg.text, doc.line_text(2));
    assert_eq!((seg.first_line, seg.last_line), (2, 2));
    assert_eq!(seg.speaker.as_deref(), Some("P3"));
    // An ungrouped subcategory is a root with its own level.
    assert_eq!(h.tree[1].level, 2);
}

#[test]
fn interviewer_lines_can_be_left_out() {
    let p = small();
    let all = hierarchy(&p, &ExportOptions::default());
    let some = hierarchy(
        &p,
        &ExportOptions {
            exclude_interviewer: true,
            ..Default::default()
        },
    );
    assert_eq!(all.tree[0].segment_count, 4);
    assert_eq!(
        some.tree[0].segment_count, 3,
        "the coding of the interviewer's line 1 is left out"
    );
}

/// A new project (not the demo) made through the CLI: its level names
/// (`--persian-levels` or not), a codebook of two codes under one
/// subcategory, and a transcript.
fn new_project(dir: &std::path::Path, persian: bool) -> String {
    std::fs::create_dir_all(dir).expect("project folder");
    let proj = dir.join("study.strata");
    let proj_s = proj.to_str().expect("utf8 path").to_string();
    let mut args = vec!["new", proj_s.as_str()];
    if persian {
        args.push("--persian-levels");
    }
    ok(&args);
    let book = dir.join("codes.tsv");
    let rows = if persian {
        "category\tsubcategory\tcode\nمدیریت بحران\tانفعال مدیران\tسکوت در بحران\nمدیریت بحران\tانفعال مدیران\tترس از آینده\n"
    } else {
        "category\tsubcategory\tcode\nCrisis\tPassive managers\tSilence\nCrisis\tPassive managers\tFear of the future\n"
    };
    std::fs::write(&book, rows).expect("write codebook");
    ok(&["codebook", &proj_s, book.to_str().expect("p")]);
    proj_s
}

fn md(proj: &str, extra: &[&str]) -> String {
    let mut args = vec!["export", proj, "--format", "md", "--output", "-"];
    args.extend_from_slice(extra);
    ok(&args)
}

#[test]
fn a_new_persian_project_gets_a_right_to_left_table_3() {
    let dir = tmp();
    let proj = new_project(dir.path(), true);
    let table = md(&proj, &[]);
    assert!(table.starts_with("<div dir=\"rtl\">"), "{table}");
    assert!(
        table.contains("| مدیریت بحران | انفعال مدیران | سکوت در بحران؛ ترس از آینده |"),
        "{table}"
    );
    assert!(table.contains("</div>"), "{table}");
}

#[test]
fn an_english_project_gets_a_left_to_right_table_3() {
    let dir = tmp();
    let proj = new_project(dir.path(), false);
    let table = md(&proj, &[]);
    assert!(!table.contains("dir="), "{table}");
    assert!(
        table.contains("| Crisis | Passive managers | Silence; Fear of the future |"),
        "{table}"
    );
}

#[test]
fn dir_on_the_command_line_overrides_the_project_language() {
    let dir = tmp();
    let fa = new_project(&dir.path().join("fa"), true);
    let ltr = md(&fa, &["--dir", "ltr"]);
    assert!(!ltr.contains("dir="), "{ltr}");
    assert!(ltr.contains("سکوت در بحران; ترس از آینده"), "{ltr}");
    let en = new_project(&dir.path().join("en"), false);
    let rtl = md(&en, &["--dir", "rtl"]);
    assert!(rtl.starts_with("<div dir=\"rtl\">"), "{rtl}");
    assert!(rtl.contains("Silence؛ Fear of the future"), "{rtl}");
}

#[test]
fn table_3_follows_level_names_or_most_code_names() {
    use strata::export::table_rtl;
    use strata::model::{Code, LEVEL_NAMES_FA, Project};
    let named = |names: &[&str]| {
        let mut p = Project::new("t");
        for n in names {
            let c = Code::new(*n, "#000000");
            p.roots.push(c.id);
            p.codes.insert(c.id, c);
        }
        p
    };
    // English level names, but most codes in Persian (one English term).
    assert!(table_rtl(&named(&["سکوت", "ترس", "PTSD"])));
    // Most codes in English, however long the one Persian name.
    assert!(!table_rtl(&named(&[
        "Silence",
        "Fear",
        "ترس از آیندهٔ شهر و خانواده"
    ])));
    // Persian level names, whatever the codes.
    let mut p = named(&["Silence"]);
    p.level_names = LEVEL_NAMES_FA.iter().map(|s| s.to_string()).collect();
    assert!(table_rtl(&p));
    // A direction set for the whole project is the user's word.
    p.direction = strata::model::Direction::Ltr;
    assert!(!table_rtl(&p));
    let mut p = named(&["Silence", "Fear"]);
    p.direction = strata::model::Direction::Rtl;
    assert!(table_rtl(&p));
}

#[test]
fn memo_titles_are_exported_for_codes_and_documents() {
    let dir = tmp();
    let proj = new_project(dir.path(), true);
    let doc = fixture("enc/persian-utf8bom.txt");
    ok(&["import", &proj, doc.to_str().expect("p")]);
    ok(&[
        "memo",
        &proj,
        "--code",
        "سکوت در بحران",
        "--title",
        "عنوان کد",
        "--body",
        "متن کد",
    ]);
    ok(&[
        "memo",
        &proj,
        "--document",
        "persian-utf8bom",
        "--title",
        "Doc title",
        "--body",
        "Doc body",
    ]);
    let json = ok(&["export", &proj, "--format", "json", "--output", "-"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let code = &v["tree"][0]["children"][0]["children"][0];
    assert_eq!(code["name"], "سکوت در بحران");
    assert_eq!(code["memos"][0]["title"], "عنوان کد");
    assert_eq!(code["memos"][0]["body"], "متن کد");
    assert_eq!(code["memo"], "متن کد", "the version 1 field stays");
    let docs = &v["document_memos"][0];
    assert_eq!(docs["document"], "persian-utf8bom");
    assert_eq!(docs["memos"][0]["title"], "Doc title");
    assert_eq!(docs["memos"][0]["body"], "Doc body");
    // RON holds the same.
    let ron_text = ok(&["export", &proj, "--format", "ron", "--output", "-"]);
    let r: serde_json::Value = ron::from_str(&ron_text).expect("ron");
    assert_eq!(r, v);
}
