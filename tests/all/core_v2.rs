//! Core v2: the version-1 migration on a committed fixture, normalised text
//! on load (CRLF), tampered text, version edge cases, generations, the
//! index, entity history, duplicate codings, coders and the level guard.

use super::util::*;
use std::collections::BTreeMap;
use std::path::Path;
use strata::edit;
use strata::model::*;
use strata::store::{self, StoreError};

/// Today's demo project as version 1 wrote it, committed as it was.
pub(super) const V1: &str = "demo-v1.strata";

pub(super) fn v1_text() -> String {
    std::fs::read_to_string(fixture(V1)).expect("v1 fixture")
}

#[test]
fn a_version_1_file_opens_with_the_same_ids_texts_codings_memos_and_variables() {
    let raw: strata::store::v1::File = ron::from_str(&v1_text()).expect("v1 parses as v1");
    assert_eq!(raw.version, 1);
    let (p, problems) = store::load(&fixture(V1)).expect("load v1");
    assert!(problems.is_empty(), "{problems:?}");
    let v = raw.project;
    assert_eq!(p.id, v.id);
    assert_eq!(p.documents.len(), v.documents.len());
    for d in &v.documents {
        let q = p.document(d.id).expect("same document id");
        assert_eq!(q.name, d.name);
        assert_eq!(q.text(), d.text);
        assert_eq!(q.variables, d.variables);
        assert_eq!(q.source.text_hash, d.source.text_hash);
    }
    assert_eq!(p.codings.len(), v.codings.len());
    assert_eq!(p.codings.len(), 49);
    for c in &v.codings {
        let q = &p.codings[&c.id];
        assert_eq!(
            (q.document, q.range, q.code, q.coder),
            (c.document, c.range, c.code, c.coder)
        );
        assert_eq!(q.stamp.created, Some(c.created));
        assert_eq!(q.origin, Origin::Manual);
    }
    assert_eq!(p.memos.len(), 4);
    for m in &v.memos {
        let q = &p.memos[&m.id];
        assert_eq!((&q.title, &q.body), (&m.title, &m.body));
        assert_eq!(q.stamp.created_by, m.author);
        assert_eq!(q.stamp.modified, Some(m.modified));
    }
    let names: Vec<&str> = p.coders.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["سارا", "Omid"]);
    assert_eq!(p.codes.len(), 7 + 24 + 79);
    assert_eq!(p.level_count, 3);
    // Version 1 did not know when codes were made: unknown, not invented.
    assert!(p.codes.values().all(|c| c.stamp.created.is_none()));
}

/// How the current version is written in a saved file.
pub(super) fn current() -> String {
    format!("\"version\": {},", store::FORMAT_VERSION)
}

/// A version this build does not know.
fn newer() -> String {
    format!("\"version\": {},", store::FORMAT_VERSION + 1)
}

#[test]
fn first_save_writes_the_current_version_and_keeps_the_version_1_file() {
    let dir = tmp();
    let path = dir.path().join("study.strata");
    std::fs::copy(fixture(V1), &path).expect("copy");
    let (p, _) = store::load(&path).expect("load");
    store::save(&p, &path).expect("save");
    let v1_bak = store::older_backup_path(&path, 1);
    assert_eq!(
        std::fs::read_to_string(&v1_bak).expect(".v1.bak"),
        v1_text()
    );
    let text = std::fs::read_to_string(&path).expect("read");
    let head: String = text.chars().take(200).collect();
    assert!(text.contains(&current()), "{head}");
    let (q, problems) = store::load(&path).expect("reload");
    assert!(problems.is_empty());
    assert_eq!(p, q);
    // The second save leaves the version-1 copy alone.
    store::save(&q, &path).expect("save again");
    assert_eq!(
        std::fs::read_to_string(&v1_bak).expect(".v1.bak"),
        v1_text()
    );
}

fn quotes(p: &Project) -> BTreeMap<CodingId, String> {
    p.codings
        .values()
        .map(|c| {
            (
                c.id,
                p.document(c.document)
                    .expect("doc")
                    .slice(c.range)
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn a_crlf_copy_of_a_project_gives_the_same_quotes() {
    let (lf, _) = store::load(&fixture(V1)).expect("load");
    let dir = tmp();
    for (name, text) in [
        ("crlf.strata", v1_text().replace('\n', "\r\n")),
        (
            "bom-crlf.strata",
            format!("\u{FEFF}{}", v1_text().replace('\n', "\r\n")),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).expect("write");
        let (p, problems) = store::load(&path).expect("a CRLF copy loads");
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert_eq!(quotes(&p), quotes(&lf), "{name}: every quote in place");
        assert_eq!(p.memos, lf.memos, "{name}: memos without stray CRs");
        assert_eq!(p.codes, lf.codes, "{name}: codebook entries too");
        let check = strata(&["check", path.to_str().expect("utf-8")]);
        assert!(check.status.success(), "{}", stderr(&check));
        assert!(stdout(&check).contains("no problems found"));
    }
    // And a version-2 file saved with LF, then converted, too.
    // With a memo of two lines, whose line end must come back as LF.
    let mut lf = lf;
    edit::put_memo(
        None,
        MemoTarget::Project,
        "two lines",
        "line one\nline two",
        None,
    )
    .apply(&mut lf)
    .expect("memo");
    let v2 = dir.path().join("v2.strata");
    store::save(&lf, &v2).expect("save");
    let crlf = std::fs::read_to_string(&v2)
        .expect("read")
        .replace('\n', "\r\n");
    let (p, problems) = store::from_str(&crlf, &v2).expect("load");
    assert!(problems.is_empty());
    assert_eq!(quotes(&p), quotes(&lf));
    assert_eq!(p.memos, lf.memos);
}

#[test]
fn a_document_whose_text_was_changed_outside_strata_is_reported_and_not_coded() {
    let text = v1_text();
    // P01's text, one word changed (same length, so offsets "fit").
    let tampered = text.replacen("دوازده سال", "یازده  سال", 1);
    assert_ne!(tampered, text);
    let dir = tmp();
    let path = dir.path().join("tampered.strata");
    std::fs::write(&path, &tampered).expect("write");
    let (p, problems) = store::load(&path).expect("loads");
    let all = problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all.contains("document 'P01'") && all.contains("SHA-256"),
        "{all}"
    );
    assert!(p.document_by_name("P01").is_none(), "P01 takes no part");
    assert_eq!(p.set_aside.documents.len(), 1);
    let p01 = &p.set_aside.documents[0];
    assert!(p.codings.values().all(|c| c.document != p01.id));
    assert!(p.set_aside.codings.iter().any(|c| c.document == p01.id));
    let check = strata(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("P01"), "{}", stdout(&check));
    // Nothing is lost: saved and reloaded, the set-aside items are still there.
    store::save(&p, &path).expect("save");
    let (q, _) = store::load(&path).expect("reload");
    assert_eq!(q.set_aside.documents.len(), 1);
    assert_eq!(q.set_aside.codings.len(), p.set_aside.codings.len());
}

#[test]
fn version_0_is_refused_and_a_huge_version_is_called_newer() {
    let text = v1_text();
    let zero = text.replacen("version: 1,", "version: 0,", 1);
    match store::from_str(&zero, Path::new("zero.strata")) {
        Err(StoreError::BadVersion { found: 0, .. }) => {}
        other => panic!("expected BadVersion, got {:?}", other.map(|_| ())),
    }
    let huge = text.replacen("version: 1,", "version: 99999999999999999999,", 1);
    match store::from_str(&huge, Path::new("huge.strata")) {
        Err(e @ StoreError::Newer { .. }) => {
            assert!(e.to_string().contains("newer Strata"), "{e}")
        }
        other => panic!("expected Newer, got {:?}", other.map(|_| ())),
    }
    let next = format!("version: {},", store::FORMAT_VERSION + 1);
    let four = text.replacen("version: 1,", &next, 1);
    assert!(matches!(
        store::from_str(&four, Path::new("v4.strata")),
        Err(StoreError::Newer { .. })
    ));
    // The same in a JSON file, even one this build could not parse.
    let (p, _) = store::from_str(&text, Path::new("v1.strata")).expect("v1");
    let json = store::to_string(&p).expect("ser");
    let four = json.replacen(&current(), &newer(), 1) + "}garbage";
    assert!(matches!(
        store::from_str(&four, Path::new("v4.strata")),
        Err(StoreError::Newer { .. })
    ));
    let zero = json.replacen(&current(), "\"version\": 0,", 1);
    assert!(matches!(
        store::from_str(&zero, Path::new("zero.strata")),
        Err(StoreError::BadVersion { found: 0, .. })
    ));
}

#[test]
fn a_newer_json_file_is_refused_wherever_its_version_sits() {
    let (p, _) = store::load(&fixture(V1)).expect("v1");
    let json = store::to_string(&p).expect("ser");
    let dir = tmp();
    // Keys sorted by a tool (`version` after `project`), and all on one line.
    let sorted = edit_saved(&json, |v| {
        v["version"] = serde_json::json!(store::FORMAT_VERSION + 1)
    });
    let minified =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&sorted).expect("json"))
            .expect("json");
    for (name, text) in [("sorted", sorted), ("minified", minified)] {
        assert!(
            matches!(
                store::from_str(&text, Path::new("v4.strata")),
                Err(StoreError::Newer { .. })
            ),
            "{name}"
        );
        let path = dir.path().join(format!("{name}.strata"));
        std::fs::write(&path, &text).expect("write");
        assert!(
            matches!(store::save(&p, &path), Err(StoreError::Newer { .. })),
            "{name}: never overwritten"
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }
    // JSON that claims an old (RON) version is damaged, not an old file.
    let old = json.replacen(&current(), "\"version\": 1,", 1);
    match store::from_str(&old, Path::new("old.strata")) {
        Err(e @ StoreError::JsonOld { found: 1, .. }) => {
            assert!(e.to_string().contains("old.strata"), "{e}")
        }
        other => panic!("expected JsonOld, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_version_2_file_opens_and_its_first_save_keeps_it() {
    let dir = tmp();
    let path = dir.path().join("demo.strata");
    std::fs::copy(fixture("demo-v2.strata"), &path).expect("copy");
    let v2_text = std::fs::read_to_string(&path).expect("read");
    assert!(v2_text.contains("version: 2,"), "a RON file of version 2");
    let (p, problems) = store::load(&path).expect("load v2");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(p.codings.len(), 49);
    store::save(&p, &path).expect("save");
    assert_eq!(
        std::fs::read_to_string(store::older_backup_path(&path, 2)).expect(".v2.bak"),
        v2_text
    );
    let (q, problems) = store::load(&path).expect("reload v3");
    assert!(problems.is_empty());
    assert_eq!(p, q, "nothing changed by the new encoding");
    assert_eq!(quotes(&p), quotes(&q));
}

#[test]
fn line_endings_changed_in_a_version_3_file_leave_every_quote_in_place() {
    let (p, _) = store::load(&fixture("demo-v2.strata")).expect("load");
    let text = store::to_string(&p).expect("ser");
    // Git or an editor turns every line end into CRLF; inside the file's
    // strings a line break is `\n`, so the texts are untouched.
    let (q, problems) =
        store::from_str(&text.replace('\n', "\r\n"), Path::new("crlf.strata")).expect("load");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(quotes(&p), quotes(&q));
}
