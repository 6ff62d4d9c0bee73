//! The supervisor's review in the core: threads, verdicts and review
//! points are saved (format 5) and read back whole; a version-4 file is
//! kept for the Strata that wrote it; a thread outlives its code; a
//! proposal is carried out with the tree's own commands, undone in one step.

use super::util::*;
use strata::edit::{self, Command, History};
use strata::model::*;
use strata::store;

fn demo() -> Project {
    let mut p = strata::demo::demo_project().expect("demo");
    let sara = p.coders.first().map(|c| c.id);
    p.set_actor(sara);
    p
}

/// Build a command from the project as it is, and apply it.
fn step(
    h: &mut History,
    p: &mut Project,
    f: impl FnOnce(&Project) -> Result<Command, edit::EditError>,
) {
    let cmd = f(p).expect("command");
    h.apply(p, cmd).expect("apply");
}

#[test]
fn threads_verdicts_and_points_are_saved_and_read_back() {
    let dir = tmp();
    let path = dir.path().join("review.strata");
    let mut p = demo();
    let mut h = History::new();
    let code = code_named(&p, "سرکوب منتقدان");
    let coding = *p.codings.keys().next().expect("a coding");
    step(&mut h, &mut p, |p| {
        edit::comment(p, ReviewTarget::Code(code), "تعریف روشن نیست", None)
    });
    step(&mut h, &mut p, |p| {
        edit::comment(p, ReviewTarget::Coding(coding), "Too wide?", None)
    });
    step(&mut h, &mut p, |p| {
        edit::set_verdict(p, code, Some(Verdict::NeedsWork))
    });
    step(&mut h, &mut p, |p| edit::mark_review_point(p, "جلسهٔ اول"));
    store::save(&p, &path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    // The review came in format 5 and is in every later one.
    const { assert!(store::FORMAT_VERSION >= 5) };
    assert!(
        text.contains(&format!("\"version\": {},", store::FORMAT_VERSION)),
        "this build's format"
    );
    let (q, problems) = store::load(&path).expect("load");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(q.review, p.review);
    assert_eq!(q.review.threads.len(), 2);
    assert_eq!(q.review.points[0].snapshot.codings.len(), p.codings.len());
    // Saved again unchanged: byte for byte (deterministic).
    let again = dir.path().join("again.strata");
    store::save(&q, &again).expect("save");
    assert_eq!(std::fs::read_to_string(&again).expect("read"), text);
}

#[test]
fn a_project_without_review_writes_no_review_and_a_version_4_file_is_kept() {
    let dir = tmp();
    let path = dir.path().join("study.strata");
    let (p, _) = store::load(&fixture("small.strata")).expect("fixture");
    let now = store::to_string(&p).expect("ser");
    let v: serde_json::Value = serde_json::from_str(&now).expect("json");
    assert!(
        v["project"].get("review").is_none(),
        "no empty review section"
    );
    let v4 = now.replacen(
        &format!("\"version\": {},", store::FORMAT_VERSION),
        "\"version\": 4,",
        1,
    );
    assert_ne!(v4, now);
    std::fs::write(&path, &v4).expect("write");
    let (q, problems) = store::load(&path).expect("load v4");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(q.review.is_empty());
    store::save(&q, &path).expect("save");
    let kept = store::older_backup_path(&path, 4);
    assert_eq!(std::fs::read_to_string(&kept).expect(".v4.bak"), v4);
}

#[test]
fn a_thread_outlives_its_deleted_code_and_can_still_be_resolved() {
    let mut p = demo();
    let mut h = History::new();
    let code = code_named(&p, "آمارسازی");
    step(&mut h, &mut p, |p| {
        edit::comment(p, ReviewTarget::Code(code), "حذف شود؟", None)
    });
    let thread = *p.review.threads.keys().next().expect("thread");
    h.apply(&mut p, Command::RemoveCode { id: code }).unwrap();
    assert!(
        p.review.threads.contains_key(&thread),
        "the discussion is kept"
    );
    step(&mut h, &mut p, |p| edit::set_resolved(p, thread, true));
    assert!(p.review.threads[&thread].resolved);
    // A new thread needs its code.
    assert_eq!(
        edit::comment(&p, ReviewTarget::Code(code), "x", None),
        Err(edit::EditError::NoCode(code))
    );
    assert_eq!(
        edit::comment(&p, ReviewTarget::Project, "   ", None),
        Err(edit::EditError::EmptyComment)
    );
}

#[test]
fn proposals_run_the_trees_commands_as_one_undo_step() {
    let mut p = demo();
    let mut h = History::new();
    let from = code_named(&p, "کنترل رسانه‌ها باهدف انتشار صرف اقدام‌های مثبت");
    let into = code_named(&p, "تطمیع و تهدید خبرنگاران و فعالان شهری");
    let from_codings = p.index().codings_of_code(from).len();
    assert!(from_codings > 0);
    let into_codings = p.index().total_count(into);
    // Merge.
    let ask = edit::comment(
        &p,
        ReviewTarget::Code(from),
        "یکی کنید",
        Some(Proposal::Merge { into }),
    )
    .unwrap();
    h.apply(&mut p, ask).unwrap();
    let thread = *p.review.threads.keys().next().expect("thread");
    let before = p.clone();
    step(&mut h, &mut p, |p| edit::apply_proposal(p, thread));
    assert!(!p.codes.contains_key(&from), "merged away");
    assert_eq!(p.index().total_count(into), into_codings + from_codings);
    assert!(p.review.threads[&thread].resolved);
    h.undo(&mut p).unwrap();
    assert_eq!(p.codes, before.codes, "one step undoes the merge");
    assert_eq!(p.codings, before.codings);
    assert!(!p.review.threads[&thread].resolved);
    // Move to the top level.
    let ask = edit::comment(
        &p,
        ReviewTarget::Code(from),
        "بالا ببرید",
        Some(Proposal::Move { under: None }),
    )
    .unwrap();
    h.apply(&mut p, ask).unwrap();
    let moved = p
        .review
        .threads
        .values()
        .find(|t| t.comments[0].text == "بالا ببرید")
        .map(|t| t.id)
        .expect("thread");
    step(&mut h, &mut p, |p| edit::apply_proposal(p, moved));
    assert_eq!(p.parent_of(from), None);
    assert_eq!(p.roots.last(), Some(&from));
}

#[test]
fn a_review_point_records_the_tree_codings_and_memos_of_its_moment() {
    let mut p = demo();
    let mut h = History::new();
    step(&mut h, &mut p, |p| {
        edit::mark_review_point(p, "پیش از ادغام")
    });
    let point = &p.review.points[0];
    assert_eq!(point.by, p.coders.first().map(|c| c.id));
    assert_eq!(point.snapshot.codes.len(), p.codes.len());
    assert_eq!(point.snapshot.roots, p.roots);
    assert_eq!(point.snapshot.memos.len(), p.memos.len());
    assert_eq!(point.snapshot.documents.len(), p.documents.len());
    assert_eq!(
        edit::mark_review_point(&p, " "),
        Err(edit::EditError::EmptyName)
    );
    // Undo removes it.
    h.undo(&mut p).unwrap();
    assert!(p.review.points.is_empty());
}

#[test]
fn a_merge_unions_comments_takes_verdicts_and_opens_a_thread_per_conflict() {
    let mut base = demo();
    let mut h = History::new();
    let code = code_named(&base, "آمارسازی");
    step(&mut h, &mut base, |p| {
        edit::comment(p, ReviewTarget::Code(code), "تعریفش چیست؟", None)
    });
    let thread = *base.review.threads.keys().next().expect("thread");
    let (mut a_h, mut b_h) = (History::new(), History::new());
    // Two copies handed out after the question was asked.
    let (mut a, mut b) = (base.clone(), base.clone());
    // Both answer the supervisor's question; one resolves it; the other
    // marks a verdict; each renames the code differently (a conflict).
    step(&mut a_h, &mut a, |p| edit::reply(p, thread, "آمار ساختگی"));
    step(&mut b_h, &mut b, |p| {
        edit::reply(p, thread, "Made-up figures")
    });
    step(&mut a_h, &mut a, |p| edit::set_resolved(p, thread, true));
    step(&mut b_h, &mut b, |p| {
        edit::set_verdict(p, code, Some(Verdict::Accepted))
    });
    step(&mut a_h, &mut a, |_| {
        Ok(Command::RenameCode {
            id: code,
            name: "آمار ساختگی".into(),
        })
    });
    step(&mut b_h, &mut b, |_| {
        Ok(Command::RenameCode {
            id: code,
            name: "آمارسازی رسمی".into(),
        })
    });
    let (m, report) = strata::merge::merge(&base, &[("a", &a), ("b", &b)]).expect("merge");
    let t = &m.review.threads[&thread];
    let texts: Vec<&str> = t.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts.contains(&"آمار ساختگی") && texts.contains(&"Made-up figures"));
    // Resolved on one copy while the other answered: open, so that the
    // answer is read.
    assert!(
        !t.resolved,
        "an answer the resolving side did not see reopens it"
    );
    // Resolved on one copy, untouched on the other: resolved.
    let mut c = base.clone();
    step(&mut History::new(), &mut c, |p| {
        edit::set_resolved(p, thread, true)
    });
    let (only, _) = strata::merge::merge(&base, &[("b", &b), ("c", &c)]).expect("merge");
    assert!(
        !only.review.threads[&thread].resolved,
        "b answered: still open"
    );
    let (only, _) = strata::merge::merge(&base, &[("c", &c), ("base", &base)]).expect("merge");
    assert!(only.review.threads[&thread].resolved);
    assert_eq!(
        m.review.verdicts.get(&code).map(|v| v.verdict),
        Some(Verdict::Accepted)
    );
    // The rename conflict is an open thread on the code.
    assert!(!report.conflicts.is_empty());
    let conflict = m
        .review
        .threads
        .values()
        .find(|t| t.comments[0].text.starts_with("Merge conflict"))
        .expect("a thread for the conflict");
    assert_eq!(conflict.target, ReviewTarget::Code(code));
    assert!(!conflict.resolved);
    // Either order: the same file; merging the result again adds nothing.
    let (m2, _) = strata::merge::merge(&base, &[("b", &b), ("a", &a)]).expect("merge");
    assert_eq!(
        store::to_string(&m).expect("ser"),
        store::to_string(&m2).expect("ser")
    );
    let (again, _) =
        strata::merge::merge(&base, &[("a", &a), ("b", &b), ("m", &m)]).expect("merge");
    assert_eq!(again.review.threads.len(), m.review.threads.len());
}

#[test]
fn comments_and_verdicts_follow_codes_a_merge_joins() {
    let base = demo();
    let parent = code_named(&base, "سرکوب منتقدان");
    // Both copies make «اعتماد» under one subcategory, each its own code.
    let (mut a, mut b) = (base.clone(), base.clone());
    for p in [&mut a, &mut b] {
        let code = Code::new("اعتماد", "#006eec");
        let cmd = edit::add_code(p, Some(parent), code);
        cmd.apply(p).expect("add");
    }
    let theirs = code_named(&b, "اعتماد");
    let mut h = History::new();
    step(&mut h, &mut b, |p| {
        edit::comment(p, ReviewTarget::Code(theirs), "تعریف؟", None)
    });
    step(&mut h, &mut b, |p| {
        edit::set_verdict(p, theirs, Some(Verdict::NeedsWork))
    });
    let (m, report) = strata::merge::merge(&base, &[("a", &a), ("b", &b)]).expect("merge");
    assert!(!report.joined.is_empty(), "the two codes are one");
    let kept = code_named(&m, "اعتماد");
    let t = m
        .review
        .threads
        .values()
        .find(|t| t.comments[0].text == "تعریف؟")
        .expect("thread");
    assert_eq!(t.target, ReviewTarget::Code(kept), "about the code kept");
    assert_eq!(
        m.review.verdicts.get(&kept).map(|v| v.verdict),
        Some(Verdict::NeedsWork)
    );
    assert!(m.review.verdicts.keys().all(|c| m.codes.contains_key(c)));
}

#[test]
fn agreement_names_the_documents_only_some_coders_coded() {
    use strata::analysis::agreement::{AgreementOptions, agreement};
    let p = demo();
    let coders: Vec<CoderId> = p.coders.iter().map(|c| c.id).collect();
    let a = agreement(&p, &AgreementOptions::new(coders.clone())).expect("agreement");
    // By hand: documents one coder coded and the other did not.
    let only_one: Vec<String> = p
        .documents
        .iter()
        .filter(|d| {
            let by: std::collections::BTreeSet<CoderId> = p
                .codings
                .values()
                .filter(|c| c.document == d.id)
                .map(|c| c.coder)
                .collect();
            by.len() == 1
        })
        .map(|d| d.name.clone())
        .collect();
    assert!(!only_one.is_empty(), "the demo has such documents");
    assert_eq!(a.documents_left_out, only_one);
    assert!(a.documents_complete + only_one.len() <= p.documents.len());
}

#[test]
fn diff_and_show_tell_review_changes_for_git() {
    let dir = tmp();
    let (old_path, new_path) = (dir.path().join("old.strata"), dir.path().join("new.strata"));
    let mut p = demo();
    store::save(&p, &old_path).expect("save");
    let mut h = History::new();
    let code = code_named(&p, "آمارسازی");
    step(&mut h, &mut p, |p| {
        edit::comment(p, ReviewTarget::Code(code), "تعریف روشن نیست", None)
    });
    step(&mut h, &mut p, |p| {
        edit::set_verdict(p, code, Some(Verdict::Accepted))
    });
    store::save(&p, &new_path).expect("save");
    let s = |p: &std::path::Path| p.to_str().expect("utf-8").to_string();
    let diff = ok(&["diff", &s(&old_path), &s(&new_path)]);
    let path = p.code_path_label(code, " › ");
    assert!(
        diff.contains(&format!("comment thread opened: code {path}")),
        "{diff}"
    );
    assert!(
        diff.contains(&format!("verdict accepted: code {path}")),
        "{diff}"
    );
    let show = ok(&["show", &s(&new_path)]);
    assert!(show.contains(&format!("  [open] code {path}")), "{show}");
    assert!(show.contains("تعریف روشن نیست"), "{show}");
    let before = ok(&["show", &s(&old_path)]);
    assert!(!before.contains("review:"), "no review yet: nothing said");
}

/// A comment on a coding is cited with the lines the coding is on, as the
/// browser numbers them (the report once said one line too far).
#[test]
fn the_review_report_cites_a_commented_coding_on_its_own_lines() {
    let mut p = demo();
    let mut h = History::new();
    let c = p
        .codings
        .values()
        .find(|c| {
            let d = p.document(c.document).expect("doc");
            d.lines_of(c.range).0 > 1
        })
        .cloned()
        .expect("a coding below the first line");
    step(&mut h, &mut p, |p| {
        edit::comment(p, ReviewTarget::Coding(c.id), "مرز این بخش؟", None)
    });
    let doc = p.document(c.document).expect("doc");
    let (a, b) = doc.lines_of(c.range);
    let report = strata::export::review_report(&p, strata::export::ReportFormat::Markdown, &[]);
    let cited = format!("{} {a}–{b} ·", doc.name);
    assert!(report.contains(&cited), "{cited} in:\n{report}");
}
