//! Complex retrieval at its edges: code names holding a `/`, what a
//! trailing `where` does to `not`, and queries too deep or too long to
//! evaluate (they must be refused, not crash the program). The study is
//! `retrieve::study()`.

use super::retrieve::{add, code, error, r, run, study};
use crate::util::{stderr, strata, tmp};
use strata::analysis::query::{self, MAX_DEPTH, MAX_ITEMS, QueryErrorKind};

#[test]
fn a_name_holding_a_slash_is_found_before_a_path() {
    let mut s = study();
    let cat = s.p.resolve_path("Cat").expect("the study's category");
    let x = code(&mut s.p, "Trust/Distrust", vec![]);
    if let Some(c) = s.p.codes.get_mut(&cat) {
        c.children.push(x);
    }
    s.p.reindex();
    let (sara, d1) = (s.p.coders[0].id, s.p.documents[0].id);
    add(&mut s, "x1", d1, (20, 29), x, sara);
    let x1 = vec![r("D1", 20, 29, &["x1"])];
    // Its whole name, quoted, and its path with the name as one part.
    assert_eq!(run(&s, r#""Trust/Distrust""#), x1);
    assert_eq!(run(&s, r#""Cat/Trust/Distrust""#), x1);
    assert_eq!(run(&s, "«Trust/Distrust» & \"C\"").len(), 1);

    // A code Trust with a child Distrust: the text is now also a path, to
    // another code. Neither is chosen silently.
    let distrust = code(&mut s.p, "Distrust", vec![]);
    let trust = code(&mut s.p, "Trust", vec![distrust]);
    s.p.roots.push(trust);
    add(&mut s, "y1", d1, (40, 45), distrust, sara);
    // The index was built by the queries above: built again.
    s.p.touch();
    let e = error(&s, r#""A" not "Trust/Distrust""#);
    assert_eq!(
        (e.at, e.kind.clone()),
        (
            8,
            QueryErrorKind::AmbiguousCode {
                name: "Trust/Distrust".into(),
                paths: vec!["Cat/Trust/Distrust".into(), "Trust/Distrust".into()],
            }
        )
    );
    assert_eq!(
        e.to_string(),
        "at column 9: 'Trust/Distrust' could be more than one code \
         ('Cat/Trust/Distrust'; 'Trust/Distrust'); write the path of the one you mean"
    );
    // The longer path still names the first; a lone name, the second.
    assert_eq!(run(&s, r#""Cat/Trust/Distrust""#), x1);
    assert_eq!(run(&s, r#""Distrust""#), vec![r("D1", 40, 45, &["y1"])]);
    assert_eq!(run(&s, r#""Trust""#), vec![r("D1", 40, 45, &["y1"])]);
}

#[cfg(feature = "gui")]
#[test]
fn an_ambiguous_name_lists_its_paths_in_both_languages() {
    use strata::app::Lang;
    use strata::app::i18n::an_query::error_text;
    use strata::app::i18n::{Digits, Locale};
    let mut s = study();
    let other = code(&mut s.p, "A", vec![]);
    s.p.roots.push(other);
    s.p.reindex();
    let e = error(&s, r#""B" & "A""#);
    let fa = Locale::new(Lang::Fa, Digits::Persian);
    assert_eq!(
        error_text(fa, &e),
        "در ستون ۷: «A» ممکن است بیش از یک کد باشد («A»؛ «Cat/Sub/A»)؛ مسیر کدی را که می‌خواهید بنویسید"
    );
    assert_eq!(
        error_text(Locale::EN, &e),
        "At column 7: 'A' could be more than one code ('A'; 'Cat/Sub/A'); write the path of the one you mean"
    );
}

#[test]
fn a_trailing_where_restricts_the_right_side_of_not_too() {
    let s = study();
    // Sara's A codings (a1, a3, a4) that overlap none of Sara's B codings
    // (b2, b3): Ali's b1 over a1 does not count.
    assert_eq!(
        run(&s, r#""A" not "B" where coder = "Sara""#),
        vec![r("D1", 0, 9, &["a1"]), r("D1", 40, 45, &["a3"])]
    );
    // Anyone's B counts when only A is restricted.
    assert_eq!(
        run(&s, r#""A"[coder = "Sara"] not "B""#),
        vec![r("D1", 40, 45, &["a3"])]
    );
}

/// `n` nested `open` … `)` around `"A"`.
fn nested(open: &str, n: usize) -> String {
    format!("{}\"A\"{}", open.repeat(n), ")".repeat(n))
}

#[test]
fn too_deep_or_too_long_queries_are_refused_not_crashed_on() {
    let s = study();
    // Within the limits, a deep query runs.
    assert_eq!(run(&s, &nested("(", MAX_DEPTH)).len(), 4);
    assert_eq!(run(&s, &nested("any(", MAX_DEPTH)).len(), 4);
    let chain = format!("{}\"A\"", "\"A\" & ".repeat(MAX_ITEMS / 2 - 1));
    assert_eq!(run(&s, &chain).len(), 4);
    // Past them, an error at the place: the first group too many, or the
    // first code or operator too many.
    for open in ["(", "any(", "همه("] {
        let e = error(&s, &nested(open, 10_000));
        let at = open.chars().count() * MAX_DEPTH;
        assert_eq!((e.at, e.kind), (at, QueryErrorKind::TooDeep), "{open}");
    }
    let e = error(&s, &nested("(", MAX_DEPTH + 1));
    assert_eq!(e.kind, QueryErrorKind::TooDeep);
    let long = format!("{}\"A\"", "\"A\" & ".repeat(10_000));
    let e = error(&s, &long);
    assert_eq!((e.at, e.kind), (MAX_ITEMS / 2 * 6, QueryErrorKind::TooLong));
    let e = error(&s, &format!("{}\"A\"", "\"A\" & ".repeat(MAX_ITEMS / 2)));
    assert_eq!(e.kind, QueryErrorKind::TooLong);
    // Long lists inside any(…) count too.
    let list = format!("any({})", vec!["\"A\""; 10_000].join(", "));
    assert_eq!(error(&s, &list).kind, QueryErrorKind::TooLong);
    assert!(query::parse(&long).is_err());
}

#[test]
fn cli_refuses_a_too_deep_query_as_bad_input() {
    let dir = tmp();
    let f = dir.path().join("deep.strata");
    strata::store::save(&study().p, &f).expect("save the test's project");
    let f = f.to_string_lossy().into_owned();
    for q in [
        nested("(", 10_000),
        format!("{}\"A\"", "\"A\" & ".repeat(10_000)),
    ] {
        let o = strata(&["retrieve", &f, "--query", &q]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("deep.strata: query at column"), "{err}");
        assert!(
            err.contains("too deeply nested") || err.contains("too long"),
            "{err}"
        );
    }
}

#[test]
fn group_means_a_variable_called_group_when_no_document_group_has_the_name() {
    // The demo keeps its interviewees' groups as a document variable,
    // `group`; its only document groups are the posts' networks.
    let p = strata::demo::demo_project().expect("demo");
    assert!(p.groups.iter().all(|g| g.name != "executive"));
    let cat = "«بهره‌گیری ابزاری و منفعت‌طلبانه از شبکه‌های اجتماعی»";
    let run = |q: &str| query::run(&p, q);
    let by_word = run(&format!("{cat} where group = \"executive\"")).expect("query");
    let quoted = run(&format!("{cat} where \"group\" = \"executive\"")).expect("query");
    assert_eq!(by_word, quoted);
    assert_eq!(by_word.len(), 8, "counted with strata retrieve on the demo");
    let executive: Vec<_> = p
        .documents
        .iter()
        .filter(|d| d.variables.get("group").map(String::as_str) == Some("executive"))
        .map(|d| d.id)
        .collect();
    assert!(by_word.iter().all(|h| executive.contains(&h.document)));
    // A value neither a group nor the variable has is still an error.
    let e = run(&format!("{cat} where group = \"nope\"")).expect_err("no such group");
    assert_eq!(e.kind, QueryErrorKind::NoGroup("nope".into()));
}
