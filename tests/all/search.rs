//! `strata search` and `strata autocode`: Persian-aware matching with exact
//! char offsets into the original text, regex on the raw text, whole
//! words, and autocode as one idempotent undo step.

use crate::util::*;
use std::path::{Path, PathBuf};
use strata::analysis::search::{Autocode, Extend, Query, plan_autocode};
use strata::edit::{self, History, Step};
use strata::model::*;
use strata::store;

/// A saved project with these documents (name, text), a code "Theme/Net"
/// and a coder "Sara".
fn project(dir: &Path, docs: &[(&str, &str)]) -> PathBuf {
    let mut p = Project::new("search");
    for (name, text) in docs {
        p.documents.push(Document::new(*name, text));
    }
    let (cmds, _) = edit::ensure_path(&p, "Theme/Net", true).expect("path");
    for c in cmds {
        c.apply(&mut p).expect("code");
    }
    let (add, _) = edit::ensure_coder(&p, "Sara").expect("coder");
    add.expect("a new coder").apply(&mut p).expect("add coder");
    let path = dir.join("search.strata");
    store::save(&p, &path).expect("save");
    path
}

fn load(path: &Path) -> Project {
    store::load(path).expect("load").0
}

/// The JSON hits of `strata search`, as (start, end); each hit's `text`
/// is checked to be exactly the document's chars in its range.
fn search(path: &Path, query: &str, extra: &[&str]) -> Vec<(usize, usize)> {
    let p = load(path);
    let mut args = vec!["search", path.to_str().expect("path"), query, "--json"];
    args.extend_from_slice(extra);
    let out = ok(&args);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let list = v.as_array().expect("a list");
    list.iter()
        .map(|h| {
            let (s, e) = (
                h["start"].as_u64().expect("start") as usize,
                h["end"].as_u64().expect("end") as usize,
            );
            let d = p
                .document_by_name(h["document"].as_str().expect("document"))
                .expect("doc");
            let original: String = d.text().chars().skip(s).take(e - s).collect();
            assert_eq!(
                h["text"].as_str(),
                Some(original.as_str()),
                "text is the original slice"
            );
            (s, e)
        })
        .collect()
}

fn one(text: &str, query: &str, extra: &[&str]) -> Vec<(usize, usize)> {
    let dir = tmp();
    search(&project(dir.path(), &[("D", text)]), query, extra)
}

#[test]
fn arabic_yeh_and_alef_maksura_find_persian_yeh() {
    let text = "علي و على و علی";
    assert_eq!(one(text, "علی", &[]), vec![(0, 3), (6, 9), (12, 15)]);
    assert_eq!(one(text, "علي", &[]), vec![(0, 3), (6, 9), (12, 15)]);
}

#[test]
fn arabic_kaf_finds_persian_kaf() {
    assert_eq!(one("كتاب کتاب", "کتاب", &[]), vec![(0, 4), (5, 9)]);
    assert_eq!(one("كتاب کتاب", "كتاب", &[]), vec![(0, 4), (5, 9)]);
}

#[test]
fn zwnj_missing_or_extra_matches_and_is_kept_in_the_hit() {
    let text = "می‌روم و میروم";
    assert_eq!(one(text, "میروم", &[]), vec![(0, 6), (9, 14)]);
    assert_eq!(one(text, "می‌روم", &[]), vec![(0, 6), (9, 14)]);
    assert_eq!(one(text, "میر\u{200C}وم", &[]), vec![(0, 6), (9, 14)]);
}

#[test]
fn tatweel_is_ignored_and_kept_in_the_hit() {
    assert_eq!(one("شبـــکه و شبکه", "شبکه", &[]), vec![(0, 7), (10, 14)]);
    assert_eq!(one("شبکه", "شبــکه", &[]), vec![(0, 4)]);
}

#[test]
fn harakat_are_ignored_and_never_cut_from_their_letter() {
    assert_eq!(one("مُدیریَّت خوب", "مدیریت", &[]), vec![(0, 9)]);
    assert_eq!(one("مدیریت", "مُدیریَت", &[]), vec![(0, 6)]);
    // A hit ending on a letter takes the marks written on it.
    assert_eq!(one("مُدیر", "م", &[]), vec![(0, 2)]);
}

#[test]
fn persian_and_arabic_indic_digits_equal_ascii() {
    let text = "سال ۱۴۰۲ و ١٤٠٢ و 1402";
    let all = vec![(4, 8), (11, 15), (18, 22)];
    assert_eq!(one(text, "1402", &[]), all);
    assert_eq!(one(text, "۱۴۰۲", &[]), all);
    assert_eq!(one(text, "١٤٠٢", &[]), all);
}

#[test]
fn case_is_ignored() {
    let text = "Network NETWORK network";
    assert_eq!(one(text, "NetWork", &[]), vec![(0, 7), (8, 15), (16, 23)]);
}

#[test]
fn bidi_marks_are_ignored() {
    assert_eq!(one("\u{200F}سل\u{200E}ام", "سلام", &[]), vec![(1, 6)]);
}

#[test]
fn a_regex_matches_the_raw_text() {
    // Raw: the Arabic kaf is not the Persian one.
    assert_eq!(one("كتاب کتاب", "ک", &["--regex"]), vec![(5, 6)]);
    assert_eq!(
        one("سال ۱۴۰۲ and 2023", "[0-9]+", &["--regex"]),
        vec![(13, 17)]
    );
    assert_eq!(one("می‌روم و میروم", "می.روم", &["--regex"]), vec![(0, 6)]);
    let dir = tmp();
    let path = project(dir.path(), &[("D", "x")]);
    let o = strata(&["search", path.to_str().expect("path"), "(", "--regex"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("regular expression"), "{}", stderr(&o));
}

#[test]
fn whole_words_begin_and_end_at_word_boundaries() {
    let text = "کتاب کتابخانه کتاب‌ها کتاب.";
    assert_eq!(one(text, "کتاب", &["--whole-word"]), vec![(0, 4), (22, 26)]);
    // Without it: inside words too (the ZWNJ after a letter goes with it).
    assert_eq!(
        one(text, "کتاب", &[]),
        vec![(0, 4), (5, 9), (14, 19), (22, 26)]
    );
    assert_eq!(
        one("cat concat cat", "cat", &["--whole-word"]),
        vec![(0, 3), (11, 14)]
    );
}

#[test]
fn the_document_filter_and_the_json_shape() {
    let dir = tmp();
    let path = project(dir.path(), &[("A", "شبکه"), ("B", "اول\nدوم شبكه")]);
    let p = path.to_str().expect("path");
    assert_eq!(search(&path, "شبکه", &[]).len(), 2);
    assert_eq!(search(&path, "شبکه", &["--document", "B"]), vec![(8, 12)]);
    assert_eq!(
        search(&path, "شبکه", &["--document", "B", "--document", "A"]).len(),
        2
    );
    let v: serde_json::Value =
        serde_json::from_str(&ok(&["search", p, "شبکه", "--document", "B", "--json"]))
            .expect("json");
    assert_eq!(
        v,
        serde_json::json!([{"document": "B", "line": 2, "start": 8, "end": 12, "text": "شبكه"}])
    );
    let o = strata(&["search", p, "شبکه", "--document", "C"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no document named 'C'"),
        "{}",
        stderr(&o)
    );
    // Plain output: one line per hit.
    assert_eq!(
        ok(&["search", p, "شبکه", "--document", "B"]),
        "B:2: 8-12: شبكه\n"
    );
}

fn autocode(path: &Path, query: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "autocode",
        path.to_str().expect("path"),
        query,
        "--code",
        "Theme/Net",
        "--coder",
        "Sara",
    ];
    args.extend_from_slice(extra);
    strata(&args)
}

/// The coded texts of the project at `path`, in document order.
fn coded(path: &Path) -> Vec<String> {
    let p = load(path);
    let mut v: Vec<(usize, usize, String)> = p
        .codings
        .values()
        .map(|c| {
            let d = p.document(c.document).expect("doc");
            let at = p.documents.iter().position(|x| x.id == d.id).expect("doc");
            (at, c.range.start.0, d.slice(c.range).to_string())
        })
        .collect();
    v.sort();
    v.into_iter().map(|x| x.2).collect()
}

#[test]
fn autocode_twice_adds_nothing_the_second_time() {
    let dir = tmp();
    let path = project(dir.path(), &[("A", "شبکه و شبكه"), ("B", "شبـکه")]);
    let o = autocode(&path, "شبکه", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("added 3 codings"), "{}", stderr(&o));
    assert_eq!(coded(&path), vec!["شبکه", "شبكه", "شبـکه"]);
    let p = load(&path);
    assert!(p.codings.values().all(|c| c.origin == Origin::Autocode));
    let before = std::fs::read(&path).expect("read");
    let o = autocode(&path, "شبکه", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("added 0 codings"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is unchanged byte for byte"
    );
}

#[test]
fn autocode_is_one_undo_step() {
    let dir = tmp();
    let mut p = load(&project(
        dir.path(),
        &[("A", "شبکه و شبكه"), ("B", "شبـکه")],
    ));
    let original = p.clone();
    let q = Query {
        text: "شبکه".into(),
        ..Default::default()
    };
    let a = Autocode {
        code: "New/Code".into(),
        coder: "Reza".into(),
        create: true,
        extend: Extend::Match,
    };
    let planned = plan_autocode(&p, &q, &[], &a).expect("plan");
    assert_eq!((planned.hits, planned.plan.added), (3, 3));
    let mut h = History::new();
    h.apply(&mut p, planned.plan.command).expect("apply");
    assert_eq!(p.codings.len(), 3);
    assert_eq!(h.undo_label(), Some(&Step::Autocode { codings: 3 }));
    h.undo(&mut p).expect("undo");
    assert_eq!(
        p, original,
        "one undo takes back the codings, the codes and the coder"
    );
    assert_eq!(h.undo_label(), None, "it was one step");
}

#[test]
fn autocode_extends_to_the_sentence_or_the_line() {
    let text = "اول جمله است. دوم شبکه است؟ سوم.\nخط دوم شبکه";
    let dir = tmp();
    let path = project(dir.path(), &[("A", text)]);
    let o = autocode(&path, "شبکه", &["--extend", "sentence"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(coded(&path), vec!["دوم شبکه است؟", "خط دوم شبکه"]);
    let dir = tmp();
    let path = project(dir.path(), &[("A", text)]);
    let o = autocode(&path, "شبکه", &["--extend", "line"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        coded(&path),
        vec!["اول جمله است. دوم شبکه است؟ سوم.", "خط دوم شبکه"]
    );
    // Two hits in one line give one coding of it.
    let dir = tmp();
    let path = project(dir.path(), &[("A", "شبکه و شبکه")]);
    let o = autocode(&path, "شبکه", &["--extend", "line"]);
    assert!(stderr(&o).contains("added 1 coding "), "{}", stderr(&o));
}

#[test]
fn autocode_makes_the_code_path_only_with_create() {
    let dir = tmp();
    let path = project(dir.path(), &[("A", "شبکه")]);
    let p = path.to_str().expect("path");
    let args = [
        "autocode",
        p,
        "شبکه",
        "--code",
        "روابط/شبکه‌ها",
        "--coder",
        "Sara",
    ];
    let o = strata(&args);
    assert!(!o.status.success());
    assert!(coded(&path).is_empty(), "nothing is coded");
    let mut with = args.to_vec();
    with.push("--create");
    let o = strata(&with);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("روابط/شبکه‌ها"), "{}", stderr(&o));
    let project = load(&path);
    let id = code_named(&project, "شبکه‌ها");
    assert_eq!(project.code_path_label(id, "/"), "روابط/شبکه‌ها");
    assert_eq!(project.codings.values().filter(|c| c.code == id).count(), 1);
}

#[test]
fn the_window_preview_gives_each_hit_its_fate() {
    use strata::analysis::autocode::{Fate, preview};
    let dir = tmp();
    let path = project(dir.path(), &[("P1", "شبکه‌ها و شبکه‌ها.\nشبكه دیگر.\nهیچ.")]);
    let mut p = load(&path);
    let code = p.resolve_path("Theme/Net").expect("code");
    let sara = p.coder_by_name("Sara").expect("Sara").id;
    let q = Query {
        text: "شبکه".into(),
        ..Default::default()
    };
    let hits = strata::analysis::search::search(&p, None, &[], &q).expect("search");
    assert_eq!(hits.len(), 3);
    // By paragraph: the first line's two hits are one range, coded once.
    let pv = preview(&p, &hits, code, sara, None, Extend::Line);
    assert_eq!(pv.fates, [Fate::New, Fate::Repeated, Fate::New]);
    assert_eq!((pv.new.len(), pv.repeated, pv.already_there), (2, 1, 0));
    // Done, then previewed again: every hit is already there.
    pv.command.expect("a command").apply(&mut p).expect("apply");
    let again = preview(&p, &hits, code, sara, None, Extend::Line);
    assert_eq!(
        again.fates,
        [Fate::AlreadyThere, Fate::Repeated, Fate::AlreadyThere]
    );
    assert!(again.command.is_none());
    // Another coder's preview is not stopped by Sara's codings.
    let (add, omid) = edit::ensure_coder(&p, "Omid").expect("coder");
    let other = preview(&p, &hits, code, omid, add, Extend::Line);
    assert_eq!(other.new.len(), 2);
}
