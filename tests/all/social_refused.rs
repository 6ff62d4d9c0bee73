//! The social-media import refused, and what it accepts at the edges:
//! every bad cell named by file, row and column, the project unchanged;
//! Excel's CRLF and BOM, Persian digits, a header naming a column twice,
//! an account imported again, a network spelled two ways.

use super::social::{files, imported};
use crate::util::{fixture, ok, stderr, strata, tmp};
use std::path::Path;

/// Import with one file's text replaced; the error text, and whether the
/// project file stayed byte for byte what it was.
fn refused(dir: &Path, file: &str, text: &str) -> String {
    let proj = dir.join("study.strata");
    let p = proj.to_str().unwrap().to_string();
    if !proj.exists() {
        ok(&["new", &p]);
    }
    let (a, po, c) = files(dir);
    let target = dir.join(file);
    std::fs::write(&target, text).expect("write");
    let before = std::fs::read(&proj).expect("read project");
    let o = strata(&[
        "social",
        "import",
        &p,
        "--accounts",
        a.to_str().unwrap(),
        "--posts",
        po.to_str().unwrap(),
        "--comments",
        c.to_str().unwrap(),
    ]);
    assert!(!o.status.success(), "{file} was accepted:\n{text}");
    assert_eq!(
        std::fs::read(&proj).expect("read project"),
        before,
        "the project changed"
    );
    stderr(&o)
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture("social").join(name)).expect("fixture")
}

#[test]
fn a_bad_row_is_refused_by_file_row_and_column_and_the_project_is_unchanged() {
    let dir = tmp();
    let posts = fixture_text("posts.csv");
    let accounts = fixture_text("accounts.csv");
    let comments = fixture_text("comments.csv");
    // (file, text, what the message must say). Rows count the header as 1;
    // p2's text holds a line break, so the posts after it are one further.
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "posts.csv",
            posts.replace("10,2,0,100", "1O,2,0,100"),
            vec!["posts.csv, row 2, column likes", "'1O' is not a whole number"],
        ),
        (
            "posts.csv",
            posts.replace("40,4,2,400", "40,4,-2,400"),
            vec!["row 5, column shares", "'-2'"],
        ),
        (
            "posts.csv",
            posts.replace("X,x_exec,p8", "X,x_nobody,p8"),
            vec!["row 10, column account", "no account 'x_nobody' on 'X'"],
        ),
        (
            "posts.csv",
            posts.replace("2024-06-30,\"Report", "2024-07-01,\"Report"),
            vec!["row 10, column posted_at", "outside the account's period, 2024-04-01 to 2024-06-30"],
        ),
        (
            "posts.csv",
            posts.replace("x_council,p5,", "x_council,p4,"),
            vec!["row 7, column post_id", "listed twice"],
        ),
        (
            "posts.csv",
            posts.replace("2024-01-05", "05/01/2024"),
            vec!["row 2, column posted_at", "'05/01/2024' is not a date"],
        ),
        (
            "posts.csv",
            posts.replace("likes,comments", "likes,replies"),
            vec!["posts.csv", "lacks the column(s) comments"],
        ),
        (
            "accounts.csv",
            accounts.replace(",1000,", ",0,"),
            vec!["accounts.csv, row 2, column followers", "at least one follower"],
        ),
        (
            "accounts.csv",
            accounts.replace("2024-06-30", "2024-03-30"),
            vec!["row 5, column period_end", "ends before it starts"],
        ),
        (
            "accounts.csv",
            format!("{accounts}x,X_IDLE,council,1,2024-01-01,2024-01-02\nx,x_idle,council,1,2024-01-01,2024-01-02\n"),
            vec!["row 8, column account", "listed twice"],
        ),
        (
            "comments.csv",
            comments.replace("X,p4,c4", "X,p9,c4"),
            vec!["comments.csv, row 6, column post_id", "no post with this post_id"],
        ),
        (
            "comments.csv",
            comments.replace("X,p4,c4", "Instagram,p4,c4"),
            vec!["row 6, column network", "the post is on 'x'"],
        ),
        (
            "comments.csv",
            comments.replace(",c7,", ",c6,"),
            vec!["row 9, column comment_id", "listed twice"],
        ),
        (
            "comments.csv",
            comments.replace("shop", "x").replace("us: enough.\",false", "us: enough.\",maybe"),
            vec!["row 7, column reply_by_manager", "'maybe' is neither true nor false"],
        ),
        (
            "posts.csv",
            "network,account,post_id,posted_at,text,likes,comments,shares,views\nX,x_exec,q1,2024-04-02,\"unclosed,1,1,1,1\n".into(),
            // An unclosed quote runs to the end of the file: the row is short.
            vec!["posts.csv, row 2, column likes: empty; a value is needed"],
        ),
    ];
    for (file, text, says) in cases {
        let msg = refused(dir.path(), file, &text);
        for s in says {
            assert!(msg.contains(s), "{file}: expected «{s}» in:\n{msg}");
        }
        assert!(
            msg.contains("nothing was imported") || msg.contains("Nothing was imported"),
            "{msg}"
        );
    }
    // Several problems are all listed at once.
    let msg = refused(
        dir.path(),
        "posts.csv",
        &posts
            .replace("10,2,0,100", "x,2,0,y")
            .replace("x_council,p5,", "x_council,p4,"),
    );
    assert!(msg.starts_with("error: 3 problems found"), "{msg}");
    // A post whose post_id is already a document of the project.
    let p = dir.path().join("study.strata");
    let ps = p.to_str().unwrap();
    let (a, po, c) = files(dir.path());
    ok(&[
        "social",
        "import",
        ps,
        "--accounts",
        a.to_str().unwrap(),
        "--posts",
        po.to_str().unwrap(),
        "--comments",
        c.to_str().unwrap(),
    ]);
    let again = strata(&[
        "social",
        "import",
        ps,
        "--accounts",
        a.to_str().unwrap(),
        "--posts",
        po.to_str().unwrap(),
    ]);
    assert!(
        stderr(&again).contains(
            "row 2, column post_id: the project already has a document named by this post_id"
        ),
        "{}",
        stderr(&again)
    );
    // An empty or missing file is named.
    let o = strata(&[
        "social",
        "import",
        ps,
        "--accounts",
        "/nonexistent/a.csv",
        "--posts",
        po.to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("/nonexistent/a.csv"), "{}", stderr(&o));
}

/// Run the import of the fixture with `file` replaced by `text`; stderr
/// and success.
fn import_with(dir: &Path, p: &str, file: &str, text: &str) -> (bool, String) {
    let (a, po, c) = files(dir);
    std::fs::write(dir.join(file), text).expect("write");
    let o = strata(&[
        "social",
        "import",
        p,
        "--accounts",
        a.to_str().unwrap(),
        "--posts",
        po.to_str().unwrap(),
        "--comments",
        c.to_str().unwrap(),
    ]);
    (o.status.success(), stderr(&o))
}

#[test]
fn excel_files_with_bom_and_crlf_name_the_right_rows_and_persian_digits_are_read() {
    let dir = tmp();
    let p = dir.path().join("s.strata");
    let ps = p.to_str().unwrap();
    ok(&["new", ps]);
    // Excel: BOM, CRLF; the bad cell is on row 4 (the header is row 1).
    let posts = fixture_text("posts.csv").replace("Nowruz\nto", "Nowruz to");
    let excel = format!(
        "\u{FEFF}{}",
        posts
            .replace("40,4,2,400", "40,x,2,400")
            .replace('\n', "\r\n")
    );
    let (okay, msg) = import_with(dir.path(), ps, "posts.csv", &excel);
    assert!(!okay);
    assert!(msg.contains("posts.csv, row 4, column comments"), "{msg}");
    // Persian digits and direction marks around cells, as a Persian
    // spreadsheet writes them, are read as the numbers and dates they are.
    let persian = posts
        .replace("10,2,0,100", "۱۰,۲,0,\u{200F}۱۰۰\u{200F}")
        .replace("2024-01-05", "۲۰۲۴-۰۱-۰۵");
    let (okay, msg) = import_with(dir.path(), ps, "posts.csv", &persian);
    assert!(okay, "{msg}");
    let project = strata::store::load(&p).expect("load").0;
    let p1 = project.document_by_name("p1").expect("p1");
    assert_eq!(p1.variables["likes"], "10");
    assert_eq!(p1.variables["views"], "100");
}

#[test]
fn a_header_naming_a_column_twice_is_refused() {
    let dir = tmp();
    let p = dir.path().join("s.strata");
    let ps = p.to_str().unwrap();
    ok(&["new", ps]);
    let posts = fixture_text("posts.csv").replacen("views", "likes", 1);
    let (okay, msg) = import_with(dir.path(), ps, "posts.csv", &posts);
    assert!(!okay);
    assert!(msg.contains("names the column likes twice"), "{msg}");
}

#[test]
fn an_account_imported_again_updates_its_followers_but_not_its_role_or_period() {
    let dir = tmp();
    let p = imported(dir.path());
    let accounts = fixture_text("accounts.csv");
    let none = "network,account,post_id,posted_at,text,likes,comments,shares,views\n";
    let no_comments = "network,post_id,comment_id,posted_at,author,text,reply_by_manager\n";
    let run = |acc: &str| {
        let d = dir.path();
        std::fs::write(d.join("a2.csv"), acc).unwrap();
        std::fs::write(d.join("p2.csv"), none).unwrap();
        std::fs::write(d.join("c2.csv"), no_comments).unwrap();
        let o = strata(&[
            "social",
            "import",
            &p,
            "--accounts",
            d.join("a2.csv").to_str().unwrap(),
            "--posts",
            d.join("p2.csv").to_str().unwrap(),
            "--comments",
            d.join("c2.csv").to_str().unwrap(),
        ]);
        (o.status.success(), stderr(&o))
    };
    let (okay, msg) = run(&accounts.replace(",council,1000,", ",executive,1000,"));
    assert!(!okay);
    assert!(
        msg.contains("row 2, column role: the project has this account with the role 'council'"),
        "{msg}"
    );
    let (okay, msg) = run(&accounts.replace("4000,2024-04-01", "4000,2024-04-02"));
    assert!(!okay);
    assert!(msg.contains("row 5, column period_start"), "{msg}");
    // A network spelled otherwise is the project's network.
    let (okay, msg) = run(&accounts
        .replace(",1000,", ",1500,")
        .replace("Instagram,ig_exec", "instagram,ig_new"));
    assert!(okay, "{msg}");
    let project = strata::store::load(Path::new(&p)).expect("load").0;
    assert_eq!(
        project
            .account("Instagram", "ig_council")
            .unwrap()
            .followers,
        1500
    );
    assert_eq!(
        project.account("instagram", "ig_new").unwrap().network,
        "Instagram"
    );
    assert_eq!(
        project
            .groups
            .iter()
            .filter(|g| g.name.eq_ignore_ascii_case("instagram"))
            .count(),
        1
    );
}

#[test]
fn a_custom_interview_speaker_pattern_still_learns_its_speakers() {
    // Only a post's own list of authors (`(?P<author>…)`) names speakers
    // exactly; an interview's custom pattern keeps the rule of two lines.
    let mut d =
        strata::model::Document::new("I1", "Note: recorded in the office\nAli: yes\nAli: no");
    d.set_speaker_pattern(r"^([^:]{1,40}):".into());
    assert_eq!(d.speaker_of_line(1), None);
    assert_eq!(d.speaker_of_line(2), Some("Ali"));
    let mut post = strata::model::Document::new("p", "post\nsara: once");
    post.set_speaker_pattern(r"^(?P<author>sara)\s*:".into());
    assert_eq!(post.speaker_of_line(2), Some("sara"));
}
