//! Teamwork: coders' copies merged by stable IDs (through the CLI, and as
//! git's merge driver in a real repository), the merge's order independence,
//! its refusal of changed texts, and the difference between two versions.

use super::edit_props::{step, to_command};
use super::util::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use strata::edit::{self, Command, History};
use strata::merge::{diff, merge};
use strata::model::*;

const RENAMED: &str = "آمارسازی";
const MOVED: &str = "مداخله در پرسش‌های رسانه‌ای";

fn code_id(p: &Project, name: &str) -> CodeId {
    p.resolve_path(name).expect("code of the demo")
}

/// Change a saved project through the library, as the window would.
fn edit_file(path: &Path, f: impl FnOnce(&Project) -> Vec<Command>) {
    let (mut p, problems) = strata::store::load(path).expect("load");
    assert!(problems.is_empty(), "{problems:?}");
    let mut h = History::new();
    for c in f(&p) {
        h.apply(&mut p, c).expect("command applies");
    }
    strata::store::save(&p, path).expect("save");
}

/// The one code at `path`, names compared as a Persian reader would.
fn by_folded_path(p: &Project, path: &str) -> CodeId {
    let want = strata::text::fold(&path.replace('/', " › "));
    let hits: Vec<CodeId> = p
        .codes
        .keys()
        .copied()
        .filter(|id| strata::text::fold(&p.code_path_label(*id, " › ")) == want)
        .collect();
    assert_eq!(hits.len(), 1, "codes at {path}");
    hits[0]
}

fn load(path: &Path) -> Project {
    let (p, problems) = strata::store::load(path).expect("load");
    assert!(problems.is_empty(), "{}: {problems:?}", path.display());
    p
}

fn code(project: &Path, doc: &str, lines: &str, code: &str, coder: &str) {
    let f = project.to_str().expect("utf8");
    ok(&code_args(f, doc, lines, code, coder));
}

/// A coding as a reader sees it: document, range, coder.
fn segment(p: &Project, c: &Coding) -> (String, CharRange, String) {
    (
        p.document(c.document).expect("doc").name.clone(),
        c.range,
        p.coder_name(c.coder).to_string(),
    )
}

/// The demo as a base, and two coders' copies, each coded through the
/// CLI; the same new code path on both, one code renamed differently on
/// each and one moved to different parents.
fn two_coders(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let base = dir.join("base.strata");
    std::fs::write(&base, strata::demo::DEMO_STRATA).expect("write base");
    let (a, b) = (dir.join("sara.strata"), dir.join("omid.strata"));
    std::fs::copy(&base, &a).expect("copy");
    std::fs::copy(&base, &b).expect("copy");
    code(&a, "P01", "2", RENAMED, "سارا");
    code(&a, "P02", "3-4", "اعتماد/اعتماد نهادی/تکیه بر شورا", "سارا");
    code(&a, "P03", "5", MOVED, "سارا");
    code(
        &b,
        "P01",
        "2",
        "سرکوب منتقدان ازطریق رصد شبکه‌های اجتماعی",
        "Omid",
    );
    // The same path as Sara's, typed with Arabic ي and without the ZWNJ.
    code(&b, "P04", "2", "اعتماد/اعتماد نهادي/تکيه بر شورا", "Omid");
    code(&b, "P05", "3", RENAMED, "Omid");
    let base_p = load(&base);
    let (r, m) = (code_id(&base_p, RENAMED), code_id(&base_p, MOVED));
    let under = |name: &str| Some(code_id(&base_p, name));
    let (pa, pb) = (
        under("سرکوب منتقدان"),
        under("بهره‌گیری سیاسی از شبکه‌های اجتماعی"),
    );
    edit_file(&a, |_| {
        vec![
            Command::RenameCode {
                id: r,
                name: "آمارسازی رسمی".into(),
            },
            Command::MoveCode {
                id: m,
                parent: pa,
                index: 0,
            },
        ]
    });
    edit_file(&b, |_| {
        vec![
            Command::RenameCode {
                id: r,
                name: "ساختن آمار".into(),
            },
            Command::MoveCode {
                id: m,
                parent: pb,
                index: 0,
            },
        ]
    });
    (base, a, b)
}

#[test]
fn merge_keeps_every_coding_of_both_coders_and_reports_conflicts() {
    let dir = tmp();
    let (base, a, b) = two_coders(dir.path());
    let out = dir.path().join("merged.strata");
    let s = |p: &Path| p.to_str().expect("utf8").to_string();
    let json = ok(&[
        "merge",
        &s(&base),
        &s(&a),
        &s(&b),
        "--output",
        &s(&out),
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("report json");
    let kinds: Vec<&str> = report["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"renamed"), "{json}");
    assert!(kinds.contains(&"moved"), "{json}");
    let joined: Vec<&str> = report["joined"]
        .as_array()
        .expect("joined")
        .iter()
        .filter_map(|j| j["kind"].as_str())
        .collect();
    assert_eq!(
        joined.iter().filter(|k| **k == "codes").count(),
        3,
        "{json}"
    );

    let merged = load(&out);
    let (pa, pb) = (load(&a), load(&b));
    let have: BTreeSet<_> = merged
        .codings
        .values()
        .map(|c| segment(&merged, c))
        .collect();
    for side in [&pa, &pb] {
        for c in side.codings.values() {
            assert!(
                merged.codings.contains_key(&c.id),
                "coding {:?} lost",
                segment(side, c)
            );
            assert!(have.contains(&segment(side, c)));
        }
    }
    // Both new codes at one path are one code, holding both coders' codings.
    let trust = by_folded_path(&merged, "اعتماد/اعتماد نهادی/تکیه بر شورا");
    assert_eq!(merged.index().own_count(trust), 2);
    // One name kept, the other in the code's memo; the move kept one place.
    let r = code_id(&load(&base), RENAMED);
    let name = &merged.codes[&r].name;
    let other = if name == "ساختن آمار" {
        "آمارسازی رسمی"
    } else {
        "ساختن آمار"
    };
    assert!(
        merged
            .memos_on(MemoTarget::Code(r))
            .any(|m| m.body.contains(other)),
        "{other} kept in a memo"
    );
    let m = code_id(&load(&base), MOVED);
    let parent = merged.parent_of(m).map(|p| merged.codes[&p].name.clone());
    assert!(matches!(
        parent.as_deref(),
        Some("سرکوب منتقدان") | Some("بهره‌گیری سیاسی از شبکه‌های اجتماعی")
    ));
    assert!(ok(&["check", &s(&out)]).contains("no problems"));
    // Never over an input, nor over an existing file without --force.
    let again = strata(&[
        "merge",
        &s(&base),
        &s(&a),
        &s(&b),
        "--output",
        &s(&a),
        "--force",
    ]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("is an input"), "{}", stderr(&again));
    let again = strata(&["merge", &s(&base), &s(&a), &s(&b), "--output", &s(&out)]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn merging_in_either_order_writes_the_same_file() {
    let dir = tmp();
    let (base, a, b) = two_coders(dir.path());
    let s = |p: &Path| p.to_str().expect("utf8").to_string();
    let (m1, m2) = (dir.path().join("m1.strata"), dir.path().join("m2.strata"));
    ok(&["merge", &s(&base), &s(&a), &s(&b), "-o", &s(&m1)]);
    ok(&["merge", &s(&base), &s(&b), &s(&a), "-o", &s(&m2)]);
    let (t1, t2) = (
        std::fs::read(&m1).expect("m1"),
        std::fs::read(&m2).expect("m2"),
    );
    assert!(t1 == t2, "the merged files differ");
}

#[test]
fn a_changed_document_text_is_refused_naming_it() {
    let dir = tmp();
    let (base, a, b) = two_coders(dir.path());
    let text = std::fs::read_to_string(&b).expect("read");
    let changed = edit_saved(&text, |v| {
        let doc = &mut v["project"]["documents"][1];
        let new = format!("{} (edited)", doc["text"].as_str().expect("text"));
        doc["source"]["text_hash"] = serde_json::Value::String(text_hash(&new));
        doc["text"] = serde_json::Value::String(new);
    });
    std::fs::write(&b, changed).expect("write");
    let out = dir.path().join("merged.strata");
    let s = |p: &Path| p.to_str().expect("utf8").to_string();
    let o = strata(&["merge", &s(&base), &s(&a), &s(&b), "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("'P02'"), "{}", stderr(&o));
    assert!(stderr(&o).contains("different text"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing written");
}

fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .expect("run git")
}

fn git_ok(repo: &Path, args: &[&str]) -> String {
    let o = git(repo, args);
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn git_merges_two_branches_through_the_merge_driver() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = tmp();
    let repo = dir.path();
    git_ok(repo, &["init", "-q"]);
    git_ok(repo, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    for (k, v) in [
        ("user.name", "Test"),
        ("user.email", "test@example.org"),
        ("commit.gpgsign", "false"),
    ] {
        git_ok(repo, &["config", k, v]);
    }
    let bin = env!("CARGO_BIN_EXE_strata");
    git_ok(
        repo,
        &[
            "config",
            "merge.strata.driver",
            &format!("'{bin}' merge-driver %O %A %B %P"),
        ],
    );
    git_ok(
        repo,
        &["config", "diff.strata.textconv", &format!("'{bin}' show")],
    );
    std::fs::write(
        repo.join(".gitattributes"),
        "*.strata merge=strata diff=strata\n",
    )
    .expect("attrs");
    // Strata's backups and locks beside the project are not the study's history.
    std::fs::write(
        repo.join(".gitignore"),
        "*.strata.bak\n*.strata.v*.bak\n*.strata.lock*\n",
    )
    .expect("ignore");
    let project = repo.join("study.strata");
    std::fs::write(&project, strata::demo::DEMO_STRATA).expect("project");
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-qm", "base"]);
    git_ok(repo, &["checkout", "-qb", "sara"]);
    code(&project, "P01", "2", RENAMED, "سارا");
    code(&project, "P02", "3", "اعتماد/اعتماد نهادی", "سارا");
    git_ok(repo, &["commit", "-qam", "sara codes"]);
    let sara = load(&project);
    git_ok(repo, &["checkout", "-q", "main"]);
    git_ok(repo, &["checkout", "-qb", "omid"]);
    code(&project, "P03", "4", RENAMED, "Omid");
    code(&project, "P02", "3", "اعتماد/اعتماد نهادي", "Omid");
    git_ok(repo, &["commit", "-qam", "omid codes"]);
    let omid = load(&project);
    // The textconv recipe: a coding is one readable line of the diff.
    let log = git_ok(repo, &["log", "-p", "-1"]);
    assert!(log.contains("+  P03 4-4"), "{log}");
    git_ok(repo, &["checkout", "-q", "sara"]);
    let o = git(repo, &["merge", "--no-edit", "omid"]);
    assert!(
        o.status.success(),
        "git merge: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&project).expect("merged");
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "conflict markers"
    );
    let merged = load(&project);
    for side in [&sara, &omid] {
        for c in side.codings.values() {
            assert!(
                merged.codings.contains_key(&c.id),
                "coding {:?} lost",
                segment(side, c)
            );
        }
    }
    let trust = by_folded_path(&merged, "اعتماد/اعتماد نهادی");
    assert_eq!(merged.index().own_count(trust), 2);
    let status = git_ok(repo, &["status", "--porcelain"]);
    assert!(status.trim().is_empty(), "{status}");
}

#[test]
fn diff_names_renames_moves_merges_additions_and_removals() {
    let old = strata::demo::demo_project().expect("demo");
    let mut new = old.clone();
    let mut h = History::new();
    let r = code_id(&old, RENAMED);
    let m = code_id(&old, MOVED);
    let from = code_id(&old, "تطمیع و تهدید خبرنگاران و فعالان شهری");
    let into = code_id(&old, "محروم کردن رسانه‌ها و سازمان‌های مردم‌نهاد منتقد");
    let gone = code_id(&old, "عدم تخصص مدیران شهری");
    let to = Some(code_id(&old, "سرکوب منتقدان"));
    h.apply(
        &mut new,
        Command::RenameCode {
            id: r,
            name: "آمار".into(),
        },
    )
    .expect("rename");
    h.apply(
        &mut new,
        Command::MoveCode {
            id: m,
            parent: to,
            index: 0,
        },
    )
    .expect("move");
    let merge_cmd = edit::merge_codes(&new, from, into).expect("merge");
    h.apply(&mut new, merge_cmd).expect("merge");
    h.apply(&mut new, Command::RemoveCode { id: gone })
        .expect("remove");
    let (cmds, added) = edit::ensure_path(&new, "تازه", true).expect("path");
    for c in cmds {
        h.apply(&mut new, c).expect("add");
    }
    let d = diff(&old, &new);
    let text = d.text();
    use strata::merge::CodeChange::*;
    let has = |f: &dyn Fn(&strata::merge::CodeChange) -> bool| d.codes.iter().any(f);
    assert!(
        has(&|c| matches!(c, Renamed { id, to, .. } if *id == r && to == "آمار")),
        "{text}"
    );
    assert!(
        has(
            &|c| matches!(c, Moved { id, to, .. } if *id == m && to == "مدیریت اخبار در شبکه‌های اجتماعی › سرکوب منتقدان")
        ),
        "{text}"
    );
    assert!(
        has(&|c| matches!(c, Merged { id, into: i, .. } if *id == from && *i == into)),
        "{text}"
    );
    assert!(
        has(&|c| matches!(c, Removed { id, .. } if *id == gone)),
        "{text}"
    );
    assert!(
        has(&|c| matches!(c, Added { id, .. } if *id == added)),
        "{text}"
    );
    assert!(
        text.contains("code renamed:") && text.contains("code merged:"),
        "{text}"
    );
    assert!(diff(&old, &old).is_empty());
    // The CLI says the same.
    let dir = tmp();
    let (a, b) = (dir.path().join("old.strata"), dir.path().join("new.strata"));
    strata::store::save(&old, &a).expect("save");
    strata::store::save(&new, &b).expect("save");
    let out = ok(&["diff", a.to_str().expect("p"), b.to_str().expect("p")]);
    assert_eq!(out, text);
}

/// Apply random steps to a copy of `base`, as one coder would.
fn coded(base: &Project, steps: &[super::edit_props::Step]) -> Project {
    let mut p = base.clone();
    let mut h = History::new();
    for s in steps {
        if let Some(cmd) = to_command(&p, s) {
            let _ = h.apply(&mut p, cmd); // Ignored on purpose: a random step may be refused, as the window refuses it
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever two coders do, merging A,B and B,A gives the same file, a
    /// project that loads clean, and no coding either side added or changed
    /// is lost; a base coding no side touched stays.
    #[test]
    fn merge_is_order_free_and_loses_no_coding(
        a in proptest::collection::vec(step(), 0..14),
        b in proptest::collection::vec(step(), 0..14),
    ) {
        let base = strata::demo::demo_project().expect("demo");
        let (pa, pb) = (coded(&base, &a), coded(&base, &b));
        let r1 = merge(&base, &[("a", &pa), ("b", &pb)]);
        let r2 = merge(&base, &[("b", &pb), ("a", &pa)]);
        let (m1, m2) = match (r1, r2) {
            (Ok((m1, _)), Ok((m2, _))) => (m1, m2),
            (Err(e1), Err(e2)) => {
                prop_assert_eq!(e1.to_string(), e2.to_string());
                return Ok(());
            }
            (r1, r2) => panic!("one order merged, the other not: {:?} / {:?}", r1.err(), r2.err()),
        };
        let (t1, t2) = (strata::store::to_string(&m1).expect("t1"), strata::store::to_string(&m2).expect("t2"));
        prop_assert!(t1 == t2, "merges in two orders differ");
        for side in [&pa, &pb] {
            for c in side.codings.values() {
                let touched = base.codings.get(&c.id) != Some(c);
                if !touched {
                    continue;
                }
                let kept = m1.codings.values().any(|r| {
                    r.document == c.document
                        && r.range == c.range
                        && (r.code == c.code || !m1.codes.contains_key(&c.code))
                        && (r.coder == c.coder || m1.coder(c.coder).is_none())
                });
                prop_assert!(kept, "coding {:?} lost", c);
            }
        }
        for (id, c) in &base.codings {
            if pa.codings.get(id) == Some(c) && pb.codings.get(id) == Some(c) {
                prop_assert!(m1.codings.contains_key(id));
            }
        }
    }
}

#[test]
fn a_coding_deleted_on_one_copy_only_is_kept_and_listed_unless_deletions_are_honoured() {
    use strata::merge::{ConflictKind, MergeOptions, merge_with};
    let mut base = strata::demo::demo_project().expect("demo");
    let gone = *base.codings.keys().next().expect("a coding");
    // The coding has a memo, which its removal takes along on that copy.
    let memo = Memo {
        id: MemoId::new(),
        target: MemoTarget::Coding(gone),
        title: "چرا این بخش".into(),
        body: "نقل‌قول کلیدی".into(),
        stamp: Stamp::now(None),
    };
    Command::PutMemo { memo: memo.clone() }
        .apply(&mut base)
        .expect("memo");
    let mut a = base.clone();
    Command::RemoveCoding { id: gone }
        .apply(&mut a)
        .expect("remove");
    let b = base.clone();
    let (m, report) = merge(&base, &[("a", &a), ("b", &b)]).expect("merge");
    assert!(m.codings.contains_key(&gone), "unioned: b still has it");
    assert_eq!(m.memos.get(&memo.id), Some(&memo), "with its memo");
    assert!(
        report
            .conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::DeletedOnOneSide && c.id == gone.to_string()),
        "and listed"
    );
    let opts = MergeOptions {
        honour_deletions: true,
    };
    let (m, _) = merge_with(&base, &[("a", &a), ("b", &b)], opts).expect("merge");
    assert!(
        !m.codings.contains_key(&gone),
        "git's rule: a's deletion stands"
    );
}
