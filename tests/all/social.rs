//! The social-media strand (`strata social import`, `strata social
//! indices`) on `tests/fixtures/social/`, its figures computed by hand.
//!
//! Accounts (followers; period, 91 days each):
//!   Instagram ig_council (council, 1000), ig_exec (executive, 2000)
//!   X x_council (council, 500), x_exec (executive, 4000, Apr–Jun),
//!     x_idle (council, 300, no posts)
//! Posts (likes, comments, shares, views):
//!   ig_council p1 (10,2,0,100) p2 (0,0,0,50)
//!   ig_exec    p3 (40,4,2,400)                  a single post
//!   x_council  p4 (5,1,1,0) p5 (3,0,0,0) p6 (0,3,5,0)
//!   x_exec     p7 (8,0,0,80) p8 (12,2,0,120)

use crate::util::{fixture, ok, stderr, strata, tmp};
use serde_json::Value;
use std::path::{Path, PathBuf};
use strata::edit::History;
use strata::model::Project;
use strata::social::{self, By, Files};

pub(super) fn files(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let f = |n: &str| {
        let to = dir.join(n);
        std::fs::copy(fixture("social").join(n), &to).expect("copy fixture");
        to
    };
    (f("accounts.csv"), f("posts.csv"), f("comments.csv"))
}

/// A new project with the fixture imported (and the English starter codes).
pub(super) fn imported(dir: &Path) -> String {
    let proj = dir.join("study.strata");
    let p = proj.to_str().expect("utf-8 path").to_string();
    ok(&["new", &p]);
    let (a, po, c) = files(dir);
    let args = [
        "social",
        "import",
        &p,
        "--accounts",
        a.to_str().unwrap(),
        "--posts",
        po.to_str().unwrap(),
        "--comments",
        c.to_str().unwrap(),
        "--starter-codes",
        "en",
    ];
    ok(&args);
    p
}

fn close(v: &Value, want: f64, what: &str) {
    let got = v
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {v} is not a number"));
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

fn group<'a>(ix: &'a Value, key: &str) -> &'a Value {
    ix["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["key"] == key)
        .unwrap_or_else(|| panic!("no group {key} in {ix}"))
}

const MONTHS: f64 = 91.0 / 30.4375;

#[test]
fn indices_by_network_are_the_hand_computed_means_of_the_accounts() {
    let dir = tmp();
    let p = imported(dir.path());
    let ix: Value =
        serde_json::from_str(&ok(&["social", "indices", &p, "--by", "network", "--json"]))
            .expect("json");
    assert_eq!(ix["by"], "network");
    let keys: Vec<&str> = ix["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["Instagram", "X"],
        "one group per network, any case in posts.csv"
    );

    // ig_council: P 50, 5, 5; C 50, 1, 1; V 0, 0, 0; E 6; views 100, 75, 75.
    // ig_exec (one post): P 100, 40, 20; C 100, 4, 2; V 100, 2, 1; E 23;
    // views 100, 400, 200.
    let ig = group(&ix, "Instagram");
    assert_eq!(ig["accounts"], 2);
    assert_eq!(ig["posts"], 3);
    close(&ig["mean_followers"], 1500.0, "followers");
    close(&ig["mean_posts"], 1.5, "posts");
    close(
        &ig["mean_posts_per_month"],
        (2.0 + 1.0) / 2.0 / MONTHS,
        "per month",
    );
    for (k, want) in [
        ("P1", 75.0),
        ("P2", 22.5),
        ("P3", 12.5),
        ("C1", 75.0),
        ("C2", 2.5),
        ("C3", 1.5),
        ("V1", 50.0),
        ("V2", 1.0),
        ("V3", 0.5),
        ("E", 14.5),
        ("V1_views", 100.0),
        ("V2_views", 237.5),
        ("V3_views", 137.5),
    ] {
        close(&ig[k], want, k);
    }

    // x_council: likes 5,3,0: P 200/3, 8/3, 16/3; comments 1,0,3: C 200/3,
    // 4/3, 8/3; shares 1,0,5: V 200/3, 2, 4; E 12; no views: 0, 0, 0.
    // x_exec: P 100, 10, 2.5; C 50, 1, 0.25; V 0, 0, 0; E 2.75.
    // x_idle has no posts: counted in accounts and followers, not in rates.
    let x = group(&ix, "X");
    assert_eq!(x["accounts"], 3);
    assert_eq!(x["posts"], 5);
    close(&x["mean_followers"], 1600.0, "followers");
    close(&x["mean_posts"], 5.0 / 3.0, "posts");
    close(
        &x["mean_posts_per_month"],
        (3.0 + 2.0 + 0.0) / 3.0 / MONTHS,
        "per month",
    );
    for (k, want) in [
        ("P1", (200.0 / 3.0 + 100.0) / 2.0),
        ("P2", (8.0 / 3.0 + 10.0) / 2.0),
        ("P3", (16.0 / 3.0 + 2.5) / 2.0),
        ("C1", (200.0 / 3.0 + 50.0) / 2.0),
        ("C3", (8.0 / 3.0 + 0.25) / 2.0),
        ("V1", 100.0 / 3.0),
        ("V3", 2.0),
        ("E", (12.0 + 2.75) / 2.0),
        ("V1_views", 50.0),
    ] {
        close(&x[k], want, k);
    }
}

#[test]
fn indices_by_role_account_and_both() {
    let dir = tmp();
    let p = imported(dir.path());
    let get = |by: &str| -> Value {
        serde_json::from_str(&ok(&["social", "indices", &p, "--by", by, "--json"])).expect("json")
    };
    let role = get("role");
    let council = group(&role, "council");
    assert_eq!(council["accounts"], 3);
    close(&council["P3"], (5.0 + 16.0 / 3.0) / 2.0, "council P3");
    close(&council["E"], (6.0 + 12.0) / 2.0, "council E");
    close(
        &group(&role, "executive")["E"],
        (23.0 + 2.75) / 2.0,
        "executive E",
    );

    let both = get("network,role");
    close(&group(&both, "X, executive")["C2"], 1.0, "x_exec C2");
    assert_eq!(both["groups"].as_array().unwrap().len(), 4);

    let acc = get("account");
    let idle = group(&acc, "x_idle (X)");
    assert_eq!(idle["posts"], 0);
    assert!(idle["P1"].is_null(), "no posts, no rate: {idle}");
    close(
        &group(&acc, "ig_exec (Instagram)")["P1"],
        100.0,
        "single post P1",
    );
    close(
        &group(&acc, "ig_council (Instagram)")["V1"],
        0.0,
        "no shares V1",
    );
    close(
        &group(&acc, "x_exec (X)")["C1"],
        50.0,
        "one post of two commented",
    );

    let o = strata(&["social", "indices", &p, "--by", "city"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("network, account, role or network,role"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn each_post_is_a_document_with_its_comments_as_lines_and_replies_as_the_managers() {
    let dir = tmp();
    let p = imported(dir.path());
    let project = strata::store::load(Path::new(&p)).expect("load").0;
    assert_eq!(project.accounts.len(), 5);
    let names: Vec<&str> = project.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]);
    let p1 = project.document_by_name("p1").unwrap();
    assert_eq!(
        p1.text(),
        "بازدید از پروژهٔ بوستان محله، امروز صبح.\nmaryam_t: دستتان درد نکند، خیلی خوب شد.\nig_council: ممنون از همراهی شما."
    );
    assert_eq!(p1.speaker_of_line(1), None, "the post has no speaker");
    assert_eq!(
        p1.speaker_of_line(2),
        Some("maryam_t"),
        "a one-time author is a speaker"
    );
    assert_eq!(
        p1.speaker_of_line(3),
        Some("ig_council"),
        "the reply is the manager's line"
    );
    let v = |k: &str| p1.variables.get(k).map(String::as_str);
    assert_eq!(
        [
            v("network"),
            v("account"),
            v("role"),
            v("posted_at"),
            v("likes"),
            v("comments"),
            v("shares"),
            v("views")
        ],
        [
            Some("Instagram"),
            Some("ig_council"),
            Some("council"),
            Some("2024-01-05"),
            Some("10"),
            Some("2"),
            Some("0"),
            Some("100")
        ]
    );
    // Line breaks inside a post or comment become spaces: one line each.
    assert_eq!(
        project.document_by_name("p2").unwrap().text(),
        "Happy Nowruz to all citizens"
    );
    let p3 = project.document_by_name("p3").unwrap();
    assert_eq!(p3.line_count(), 2);
    assert!(
        p3.text()
            .ends_with("reza.k: چرا جلسه را زودتر اعلام نکردید؟")
    );
    // The network is the accounts file's spelling; posts are grouped by it.
    let p4 = project.document_by_name("p4").unwrap();
    assert_eq!(p4.variables.get("network").map(String::as_str), Some("X"));
    let group = |d: &strata::model::Document| {
        project
            .groups
            .iter()
            .find(|g| Some(g.id) == d.group)
            .map(|g| g.name.as_str())
    };
    assert_eq!(group(p4), Some("X"));
    assert_eq!(group(p1), Some("Instagram"));
    // "@anon: Stop taxing us: enough." — the speaker is the author, not
    // "Stop taxing us".
    let p6 = project.document_by_name("p6").unwrap();
    assert_eq!(p6.speaker_of_line(2), Some("@anon"));
    assert_eq!(p6.speaker_of_line(3), Some("x_council"));
}

#[test]
fn the_import_is_one_undo_step() {
    let dir = tmp();
    let (a, po, c) = files(dir.path());
    let mut p = Project::new("s");
    let before = p.clone();
    let plan = social::plan(
        &p,
        Files {
            accounts: &a,
            posts: &po,
            comments: Some(&c),
        },
    )
    .expect("plan");
    assert_eq!(
        (plan.accounts, plan.posts, plan.comments, plan.replies),
        (5, 8, 7, 2)
    );
    let mut h = History::new();
    h.apply(&mut p, plan.command).expect("apply");
    assert_eq!(p.documents.len(), 8);
    assert_eq!(
        h.undo_label().map(|s| s.english()),
        Some("Import 8 posts".to_string())
    );
    h.undo(&mut p).expect("undo");
    assert!(p.documents.is_empty() && p.accounts.is_empty() && p.groups.is_empty());
    assert_eq!(p.name, before.name);
    h.redo(&mut p).expect("redo");
    assert_eq!(p.accounts.len(), 5);
    let ix = social::indices(&p, By::Network).expect("indices");
    assert_eq!(ix.groups.iter().map(|g| g.posts).sum::<usize>(), 8);
}

#[test]
fn coded_post_types_and_comments_count_by_network_in_the_matrix() {
    let dir = tmp();
    let p = imported(dir.path());
    let code = |doc: &str, line: &str, code: &str| {
        ok(&[
            "code",
            &p,
            "--document",
            doc,
            "--lines",
            line,
            "--code",
            code,
            "--coder",
            "Sara",
        ]);
    };
    code("p1", "1", "Reporting actions taken");
    code("p2", "1", "Occasion posts");
    code("p3", "1", "Reports of public meetings");
    code("p4", "1", "Political and social views");
    code("p5", "1", "Calls for citizens' ideas");
    code("p6", "1", "Political and social views");
    code("p7", "1", "Reporting actions taken");
    code("p8", "1", "Reporting actions taken");
    code("p1", "2", "Support and thanks");
    code("p1", "3", "Replying to citizens' comments");
    code("p3", "2", "Question");
    code("p4", "2", "Suggestion");
    code("p6", "2", "Criticism");
    code("p6", "3", "Debate in the comments");
    code("p6", "4", "Disrespect");
    let m: Value = serde_json::from_str(&ok(&[
        "matrix",
        &p,
        "--by",
        "variable:network",
        "--unit",
        "document",
        "--json",
    ]))
    .expect("json");
    assert_eq!(m["columns"], serde_json::json!(["Instagram", "X"]));
    let row = |name: &str| -> Vec<u64> {
        m["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"].as_array().unwrap().last().unwrap() == name)
            .unwrap_or_else(|| panic!("no row {name}"))["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect()
    };
    // Documents (posts) per network: Instagram p1–p3, X p4–p8.
    assert_eq!(row("Post types"), [3, 5]);
    assert_eq!(row("Reporting actions taken"), [1, 2]);
    assert_eq!(row("Political and social views"), [0, 2]);
    assert_eq!(row("Occasion posts"), [1, 0]);
    assert_eq!(row("Related to the post"), [2, 2]);
    assert_eq!(row("Unrelated to the post"), [0, 1]);
    assert_eq!(row("Citizens' comments"), [2, 2]);
    assert_eq!(row("Managers' responses"), [1, 1]);
    assert_eq!(row("Neutral"), [0, 0]);
}

#[test]
fn tables_1_and_2_export_in_the_papers_layout() {
    let dir = tmp();
    let p = imported(dir.path());
    let md = ok(&["social", "indices", &p, "--table", "2"]);
    assert!(md.contains("Table 2"), "{md}");
    assert!(
        md.contains("| Network | Popularity P1 (% posts liked) |"),
        "{md}"
    );
    assert!(md.contains("| Instagram | 75.00 | 22.50 | 12.50 | 75.00 | 2.50 | 1.50 | 50.00 | 1.00 | 0.50 | 14.50 |"), "{md}");
    let md1 = ok(&["social", "indices", &p, "--table", "1", "--lang", "fa"]);
    assert!(md1.contains("میانگین تعداد دنبال‌کنندگان"), "{md1}");
    assert!(md1.contains("| X | 3 | 1600.00 | 1.67 |"), "{md1}");
    for ext in ["csv", "md", "xlsx"] {
        let out = dir.path().join(format!("table2.{ext}"));
        ok(&[
            "social",
            "indices",
            &p,
            "--table",
            "2",
            "--output",
            out.to_str().unwrap(),
        ]);
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.len() > 50, "{ext}");
        if ext == "csv" {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert!(text.contains("Instagram,75.00,22.50,12.50"), "{text}");
        }
    }
    // Never over the project.
    let o = strata(&["social", "indices", &p, "--table", "1", "--output", &p]);
    assert!(!o.status.success());
    let o = strata(&[
        "social",
        "indices",
        &p,
        "--table",
        "1",
        "--output",
        dir.path().join("t.txt").to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains(".csv, .md or .xlsx"), "{}", stderr(&o));
}

#[test]
fn speaker_aware_retrieval_shows_or_hides_the_managers_replies() {
    let dir = tmp();
    let p = imported(dir.path());
    let code = |doc: &str, line: &str, code: &str| {
        ok(&[
            "code",
            &p,
            "--document",
            doc,
            "--lines",
            line,
            "--code",
            code,
            "--coder",
            "Sara",
        ]);
    };
    // Comments and replies coded alike with one code.
    code("p1", "2", "Support and thanks");
    code("p1", "3", "Support and thanks");
    code("p6", "2", "Criticism");
    code("p6", "3", "Criticism");
    code("p6", "4", "Criticism");
    let hits = |q: &str| -> Vec<(String, u64)> {
        let v: Value =
            serde_json::from_str(&ok(&["retrieve", &p, "--query", q, "--json"])).expect("json");
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["document"].as_str().unwrap().to_string(),
                    h["lines"][0].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let all = hits("any(\"Support and thanks\", \"Criticism\")");
    assert_eq!(all.len(), 5);
    // Without the managers' replies (p1 line 3 by ig_council, p6 line 3 by
    // x_council).
    let citizens = hits(
        "any(\"Support and thanks\", \"Criticism\") where speaker != \"ig_council\" or \"x_council\"",
    );
    assert_eq!(
        citizens,
        [("p1".into(), 2), ("p6".into(), 2), ("p6".into(), 4)]
    );
    // Only the replies; `≠` and the Persian key too.
    let replies = hits("\"Criticism\"[گوینده = \"x_council\"]");
    assert_eq!(replies, [("p6".into(), 3)]);
    assert_eq!(
        hits("\"Criticism\" where speaker ≠ \"@anon\""),
        [("p6".into(), 3)]
    );
    // A speaker no line has is a slip, said as such.
    let o = strata(&[
        "retrieve",
        &p,
        "--query",
        "\"Criticism\" where speaker != \"x_councl\"",
    ]);
    assert!(
        stderr(&o).contains("no line of any document has the speaker 'x_councl'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn accounts_merge_the_same_whatever_the_order_of_the_copies() {
    use strata::model::Account;
    let dir = tmp();
    let p = imported(dir.path());
    let base = strata::store::load(Path::new(&p)).expect("load").0;
    let with = |f: &dyn Fn(&mut Vec<Account>)| {
        let mut side = base.clone();
        f(&mut side.accounts);
        side
    };
    // Sara brings ig_council up to 1200 followers, Omid to 1100; Omid
    // removes x_idle, which Sara left as it was.
    let sara = with(&|a| a[0].followers = 1200);
    let omid = with(&|a| {
        a[0].followers = 1100;
        a.retain(|x| x.account != "x_idle");
    });
    let one = strata::merge::merge(&base, &[("sara", &sara), ("omid", &omid)])
        .expect("merge")
        .0;
    let two = strata::merge::merge(&base, &[("omid", &omid), ("sara", &sara)])
        .expect("merge")
        .0;
    assert_eq!(one.accounts, two.accounts);
    assert_eq!(
        one.account("Instagram", "ig_council").unwrap().followers,
        1200
    );
    assert!(one.account("X", "x_idle").is_none());
    assert_eq!(one.accounts.len(), 4);
}

#[test]
fn a_negated_variable_asks_for_documents_that_have_it() {
    let dir = tmp();
    let p = imported(dir.path());
    ok(&[
        "import",
        &p,
        fixture("small").join("P3.txt").to_str().unwrap(),
    ]);
    let doc = "P3";
    ok(&[
        "code",
        &p,
        "--document",
        doc,
        "--lines",
        "1",
        "--code",
        "Criticism",
        "--coder",
        "Sara",
    ]);
    ok(&[
        "code",
        &p,
        "--document",
        "p6",
        "--lines",
        "2",
        "--code",
        "Criticism",
        "--coder",
        "Sara",
    ]);
    let v: Value = serde_json::from_str(&ok(&[
        "retrieve",
        &p,
        "--query",
        "\"Criticism\" where role != \"executive\"",
        "--json",
    ]))
    .expect("json");
    let docs: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["document"].as_str().unwrap())
        .collect();
    // p6 is a council member's post; the interview has no role at all.
    assert_eq!(docs, ["p6"]);
}
