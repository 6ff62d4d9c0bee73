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
        },
    );
    assert_eq!(all.tree[0].segment_count, 4);
    assert_eq!(
        some.tree[0].segment_count, 3,
        "the coding of the interviewer's line 1 is left out"
    );
}
