//! `strata import-codings`: many codings from CSV or JSONL in one step,
//! all or nothing, and the batch path that applies long runs of codings.

use crate::util::*;
use std::path::{Path, PathBuf};
use strata::edit::{self, Command, History, Step};
use strata::import::codings::{BulkOptions, RowFormat, plan_text};
use strata::model::*;
use strata::store;

const ENGLISH: &str = "Interviewer: How did it start?\nP1: With the rent.\nP1: Then the bus fares.\nInterviewer: And now?\nP1: Now I walk.";
/// ZWNJ in «می‌رفتم» and «مصاحبه‌ی»; Persian ی and ک throughout.
const PERSIAN: &str =
    "مصاحبه‌کننده: از کجا شروع شد؟\nP2: از کرایهٔ خانه.\nP2: بعد هر روز پیاده می‌رفتم.";

/// A project with two documents, a three-level path and one coder, saved.
fn project(dir: &Path) -> PathBuf {
    let mut p = Project::new("bulk");
    p.documents.push(Document::new("P1", ENGLISH));
    p.documents.push(Document::new("مصاحبه‌ی دوم", PERSIAN));
    for path in ["Costs/Housing/Rent", "هزینه‌ها/مسکن/کرایه"] {
        let (cmds, _) = edit::ensure_path(&p, path, true).expect("path");
        for c in cmds {
            c.apply(&mut p).expect("code");
        }
    }
    let (add, _) = edit::ensure_coder(&p, "Sara").expect("coder");
    add.expect("a new coder").apply(&mut p).expect("add coder");
    let path = dir.join("bulk.strata");
    store::save(&p, &path).expect("save");
    path
}

fn load(path: &Path) -> Project {
    store::load(path).expect("load").0
}

/// Each coding as (document, coded text, code name, coder), sorted.
fn coded(p: &Project) -> Vec<(String, String, String, String)> {
    let mut v: Vec<_> = p
        .codings
        .values()
        .map(|c| {
            let d = p.document(c.document).expect("document");
            (
                d.name.clone(),
                d.slice(c.range).to_string(),
                p.codes[&c.code].name.clone(),
                p.coder_name(c.coder).to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn import(project: &Path, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "import-codings",
        project.to_str().expect("utf-8"),
        file.to_str().expect("utf-8"),
    ];
    args.extend(extra);
    strata(&args)
}

fn tuple(d: &str, t: &str, c: &str, k: &str) -> (String, String, String, String) {
    (d.into(), t.into(), c.into(), k.into())
}

#[test]
fn csv_rows_become_codings_with_their_exact_text_by_chars_or_lines() {
    let dir = tmp();
    let path = project(dir.path());
    let csv = dir.path().join("rows.csv");
    // Chars 34..47 are "With the rent"; line 3 is the bus fares; lines
    // given as a range and as line_start/line_end; an extra column is
    // ignored (and said so).
    std::fs::write(
        &csv,
        "document,start,end,lines,line_start,line_end,code,coder,text\n\
         P1,35,48,,,,Costs/Housing/Rent,Sara,x\n\
         P1,,,3,,,Rent,Omid,x\n\
         P1,,,,4,5,Costs/Housing/Rent,,x\n",
    )
    .expect("write");
    let o = import(&path, &csv, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("imported 3 codings"), "{err}");
    assert!(err.contains("added coder(s): Omid"), "{err}");
    assert!(err.contains("not read") && err.contains("text"), "{err}");
    let p = load(&path);
    assert_eq!(
        coded(&p),
        vec![
            tuple(
                "P1",
                "Interviewer: And now?\nP1: Now I walk.",
                "Rent",
                "Sara"
            ),
            tuple("P1", "P1: Then the bus fares.", "Rent", "Omid"),
            tuple("P1", "With the rent", "Rent", "Sara"),
        ]
    );
    assert!(p.codings.values().all(|c| c.origin == Origin::Import));
}

#[test]
fn jsonl_rows_take_numbers_arrays_and_the_peers_key_names() {
    let dir = tmp();
    let path = project(dir.path());
    let file = dir.path().join("rows.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"doc": "P1.txt", "start_char": 35, "end_char": 48, "code": ["Costs", "Housing", "Rent"], "coder": "Sara", "id": 7}"#,
            "\n\n",
            r#"{"document": "P1", "lines": "2-3", "code": "Rent", "memo": "fares too"}"#,
            "\n",
            r#"{"document": "P1", "lines": [5, 5], "code": "Rent"}"#,
            "\n",
        ),
    )
    .expect("write");
    let o = import(&path, &file, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = load(&path);
    assert_eq!(
        coded(&p),
        vec![
            tuple("P1", "P1: Now I walk.", "Rent", "Sara"),
            tuple(
                "P1",
                "P1: With the rent.\nP1: Then the bus fares.",
                "Rent",
                "Sara"
            ),
            tuple("P1", "With the rent", "Rent", "Sara"),
        ]
    );
    let memo = p.memos.values().next().expect("the row's memo");
    assert_eq!(memo.body, "fares too");
    assert!(matches!(memo.target, MemoTarget::Coding(c) if p.codings.contains_key(&c)));
}

#[test]
fn persian_names_match_without_zwnj_and_with_arabic_letters() {
    let dir = tmp();
    let path = project(dir.path());
    let csv = dir.path().join("fa.csv");
    // «مصاحبهی دوم» without ZWNJ; «كرايه» and «هزينهها» with Arabic ك/ي
    // and no ZWNJ; line numbers in Persian digits. Line 2 is «P2: از کرایهٔ خانه.».
    std::fs::write(
        &csv,
        "document,lines,code,coder\n\
         مصاحبهی دوم,۲,هزينهها/مسكن/كرايه,Sara\n\
         مصاحبه‌ی دوم,3,كرايه,sara\n",
    )
    .expect("write");
    let o = import(&path, &csv, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = load(&path);
    assert_eq!(p.codes.len(), 6, "no look-alike codes were made");
    assert_eq!(p.coders.len(), 1, "sara is Sara");
    assert_eq!(
        coded(&p),
        vec![
            tuple("مصاحبه‌ی دوم", "P2: از کرایهٔ خانه.", "کرایه", "Sara"),
            tuple(
                "مصاحبه‌ی دوم",
                "P2: بعد هر روز پیاده می‌رفتم.",
                "کرایه",
                "Sara"
            ),
        ]
    );
}

#[test]
fn one_bad_row_changes_nothing_and_every_problem_is_named_by_line() {
    let dir = tmp();
    let path = project(dir.path());
    let before = std::fs::read(&path).expect("read");
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "document,start,end,code\n\
         P1,35,48,Rent\n\
         P9,0,4,Rent\n\
         P1,40,4000,Rent\n\
         P1,0,x,Rent\n\
         P1,0,4,Nowhere/Else\n\
         P1,0,4,Rent\n",
    )
    .expect("write");
    let o = import(&path, &csv, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for want in [
        "4 problems found; nothing was imported",
        "bad.csv, line 3: no document named 'P9'",
        "bad.csv, line 4: chars 40-4000",
        "bad.csv, line 5: end 'x' is not a whole number",
        "bad.csv, line 6: no code named 'Nowhere'",
    ] {
        assert!(err.contains(want), "missing «{want}» in:\n{err}");
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "file unchanged"
    );
    assert!(!store::backup_path(&path).exists(), "not even saved");
}

#[test]
fn more_than_twenty_problems_show_twenty_and_the_count() {
    let dir = tmp();
    let path = project(dir.path());
    let mut csv = String::from("document,start,end,code\n");
    for _ in 0..25 {
        csv += "Nobody,0,1,Rent\n";
    }
    let file = dir.path().join("many.csv");
    std::fs::write(&file, csv).expect("write");
    let err = stderr(&import(&path, &file, &[]));
    assert!(err.contains("25 problems found"), "{err}");
    assert!(
        err.contains("line 21:") && !err.contains("line 22:"),
        "{err}"
    );
    assert!(err.contains("… and 5 more"), "{err}");
}

#[test]
fn an_import_is_one_undo_step_that_removes_it_all() {
    let dir = tmp();
    let mut p = load(&project(dir.path()));
    let original = p.clone();
    let text = "document,lines,code,coder\nP1,1,New/Sub/Code,Reza\nP1,2,New/Sub/Other,Reza\nP1,3,Rent,Sara\n";
    let opts = BulkOptions {
        create: true,
        ..Default::default()
    };
    let plan = plan_text(&p, text, RowFormat::Csv, &opts).expect("plan");
    assert_eq!(plan.added, 3);
    assert_eq!(plan.coders_made, vec!["Reza".to_string()]);
    assert_eq!(plan.codes_made, vec!["New/Sub/Code", "New/Sub/Other"]);
    let mut h = History::new();
    h.apply(&mut p, plan.command).expect("apply");
    assert_eq!(p.codings.len(), 3);
    assert_eq!(p.codes.len(), original.codes.len() + 4, "New and Sub once");
    assert_eq!(h.undo_label(), Some(&Step::ImportCodings { codings: 3 }));
    h.undo(&mut p).expect("undo");
    assert_eq!(p, original, "one undo takes back codings, codes and coder");
    assert_eq!(h.undo_label(), None, "it was one step");
    h.redo(&mut p).expect("redo");
    assert_eq!(p.codings.len(), 3);
}

#[test]
fn duplicates_in_the_project_or_the_file_are_skipped_and_counted() {
    let dir = tmp();
    let path = project(dir.path());
    let csv = dir.path().join("rows.csv");
    std::fs::write(
        &csv,
        "document,start,end,code\nP1,35,48,Rent\nP1,35,48,Rent\nP1,0,5,Rent\n",
    )
    .expect("write");
    let first = stderr(&import(&path, &csv, &[]));
    assert!(first.contains("imported 2 codings"), "{first}");
    assert!(
        first.contains("0 the project already had and 1 repeated"),
        "{first}"
    );
    let second = import(&path, &csv, &[]);
    assert!(second.status.success(), "{}", stderr(&second));
    let second = stderr(&second);
    assert!(second.contains("imported 0 codings"), "{second}");
    assert!(
        second.contains("2 the project already had and 1 repeated"),
        "{second}"
    );
    assert_eq!(load(&path).codings.len(), 2);
}

#[test]
fn a_csv_with_a_bom_and_crlf_lines_reads_as_any_other() {
    let dir = tmp();
    let path = project(dir.path());
    let csv = dir.path().join("excel.csv");
    let text = "\u{FEFF}Document,Start,End,Code,Coder\r\nP1,35,48,Rent,Sara\r\n\"P1\",0,11,\"Costs/Housing/Rent\",Sara\r\n";
    std::fs::write(&csv, text).expect("write");
    let o = import(&path, &csv, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        coded(&load(&path)),
        vec![
            tuple("P1", "Interviewer", "Rent", "Sara"),
            tuple("P1", "With the rent", "Rent", "Sara"),
        ]
    );
}

#[test]
fn rows_without_a_coder_need_one_when_the_project_has_several() {
    let dir = tmp();
    let path = project(dir.path());
    let mut p = load(&path);
    let (add, _) = edit::ensure_coder(&p, "Omid").expect("coder");
    add.expect("new").apply(&mut p).expect("add");
    let text = "document,start,end,code\nP1,0,5,Rent\n";
    let errors = plan_text(&p, text, RowFormat::Csv, &BulkOptions::default()).expect_err("whose?");
    assert!(errors[0].msg.contains("Sara, Omid"), "{errors:?}");
    let opts = BulkOptions {
        coder: Some("omid".into()),
        ..Default::default()
    };
    let plan = plan_text(&p, text, RowFormat::Csv, &opts).expect("--coder says");
    assert_eq!(plan.by_coder, vec![("Omid".to_string(), 1)]);
    // A name two codes share is refused, not guessed.
    let text = "document,start,end,code\nP1,0,5,Housing\n";
    let mut q = p.clone();
    let (cmds, _) = edit::ensure_path(&q, "Other/Housing", true).expect("path");
    for c in cmds {
        c.apply(&mut q).expect("code");
    }
    let errors = plan_text(&q, text, RowFormat::Csv, &opts).expect_err("ambiguous");
    assert!(errors[0].msg.contains("more than one code"), "{errors:?}");
}

#[test]
fn twenty_thousand_rows_import_in_one_step() {
    let dir = tmp();
    let mut p = Project::new("big");
    let text: String = (0..100)
        .map(|i| format!("P{i}: line {i} of many words\n"))
        .collect();
    for d in 0..20 {
        p.documents.push(Document::new(format!("D{d}"), &text));
    }
    let path = dir.path().join("big.strata");
    store::save(&p, &path).expect("save");
    let mut rows = String::from("document,lines,code,coder\n");
    for i in 0..20_000 {
        let (d, l) = (i % 20, 1 + (i / 20) % 100);
        let code = format!("Cat {}/Sub {}/Code {}", i % 3, i % 7, (i / 2000) % 10);
        rows += &format!("D{d},{l},{code},Coder {}\n", i % 2);
    }
    let file = dir.path().join("big.csv");
    std::fs::write(&file, rows).expect("write");
    let o = import(&path, &file, &["--create"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let q = load(&path);
    assert_eq!(q.codings.len(), 20_000);
    assert_eq!(q.coders.len(), 2);
    assert_eq!(q.codes.len(), 3 + 3 * 7 + 3 * 7 * 10);
}

/// Long runs go together (`edit::bulk`); the result must be that of the
/// commands applied one by one: same project, index, inverse and errors.
#[test]
fn a_long_run_of_codings_applies_as_the_same_commands_one_by_one() {
    let dir = tmp();
    let mut p = load(&project(dir.path()));
    let coder = p.coders[0].id;
    let code = p.resolve_path("Costs/Housing/Rent").expect("code");
    let doc = p.documents[0].id;
    let cmds: Vec<Command> = (0..100)
        .map(|i| edit::new_coding(doc, CharRange::new(i, i + 5), code, coder))
        .collect();
    // A memo on one coding, to travel with it through undo.
    let mut cmds = cmds;
    if let Command::InsertCoding { coding, memos } = &mut cmds[10] {
        memos.push(Memo {
            id: MemoId::new(),
            target: MemoTarget::Coding(coding.id),
            title: String::new(),
            body: "note".into(),
            stamp: Stamp::now(Some(coder)),
        });
    }
    // Built, so that it must follow.
    p.index();
    let mut one_by_one = p.clone();
    let original = p.clone();
    for c in cmds.clone() {
        c.apply(&mut one_by_one).expect("one");
    }
    let batch = Command::Batch {
        label: Step::Several,
        commands: cmds.clone(),
    };
    let inverse = batch.apply(&mut p).expect("batch");
    assert_eq!(p, one_by_one);
    assert_eq!(*p.index(), ProjectIndex::build(&p));
    assert_eq!(*p.index(), *one_by_one.index());
    inverse.apply(&mut p).expect("undo");
    assert_eq!(p, original);
    assert_eq!(*p.index(), ProjectIndex::build(&p));
    // A twin at row 60: nothing is left of the 59 before it, and the error
    // is the one that command alone gives.
    let mut bad = cmds;
    if let Command::InsertCoding { coding, .. } = &mut bad[60] {
        coding.range = CharRange::new(0, 5);
    }
    let err = Command::Batch {
        label: Step::Several,
        commands: bad,
    }
    .apply(&mut p)
    .expect_err("a twin");
    assert_eq!(err, edit::EditError::DuplicateCoding);
    assert_eq!(p, original);
    assert_eq!(*p.index(), ProjectIndex::build(&p));
}
