//! Code and word frequencies (`strata freq`, `strata words`) against a
//! small study counted by hand.
//!
//! Documents (the speaker labels are not words):
//!   D1 (group «الف»)
//!     L1 «P1: کار می‌شود و كار ميشود و میشود.»  7 words: «می‌شود» (with
//!        its ZWNJ), «ميشود» (Arabic yeh) and «میشود» (no ZWNJ) are one
//!        folded word; «کار» and «كار» (Arabic kaf) another.
//!     L2 «P1: کتاب ۱۴۰۲ خوب است.»  4 words.
//!   D2 (group «ب»)
//!     L1 «P2: Is the book good?»  4 words.
//!     L2 «P2: The book is good, the BOOK.»  6 words.
//!   D3 (group «الف»)
//!     L1 «P3: کتاب‌ها را خواندم.»  3 words.
//!     L2 «P3: کار كتاب»  2 words.
//!
//! Tree: category «دسته» > subcategory «زیر» > codes «یک» and «دو»; and a
//! top-level code «تنها».
//!
//! Codings (code, coder, where):
//!   #1 یک  A  D1 L1            #2 یک  B  D1 «می‌شود و كار» (inside #1)
//!   #3 دو  A  D1 L2            #4 دو  B  D3 the word «کار»
//!   #5 زیر A  D2 «book good?» (the subcategory coded directly)
//!   #6 تنها B D2 L2

use crate::util::{ok, strata, tmp};
use proptest::prelude::*;
use serde_json::{Value, json};
use strata::analysis::freq::{
    self, Scope, StopWords, WordFreq, WordOptions, code_frequencies, word_frequencies,
};
use strata::model::*;

const D1: &str = "P1: کار می‌شود و كار ميشود و میشود.\nP1: کتاب ۱۴۰۲ خوب است.";
const D2: &str = "P2: Is the book good?\nP2: The book is good, the BOOK.";
const D3: &str = "P3: کتاب‌ها را خواندم.\nP3: کار كتاب";

/// Chars of the first `word` in `d`'s text after `from` chars.
fn word(d: &Document, word: &str, from: usize) -> CharRange {
    let text = d.text();
    let skip: usize = text.chars().take(from).map(char::len_utf8).sum();
    let at = skip + text[skip..].find(word).expect("word in text");
    let start = text[..at].chars().count();
    CharRange::new(start, start + word.chars().count())
}

fn line(d: &Document, n: usize) -> CharRange {
    d.line_range(n).expect("line")
}

fn code(p: &mut Project, name: &str, children: Vec<CodeId>) -> CodeId {
    let mut c = Code::new(name, "#888888");
    c.children = children;
    let id = c.id;
    p.codes.insert(id, c);
    id
}

struct Study {
    p: Project,
    g1: GroupId,
    sub: CodeId,
    one: CodeId,
}

fn study() -> Study {
    let mut p = Project::new("freq");
    let coders: Vec<CoderId> = ["A", "B"]
        .iter()
        .map(|n| {
            let c = Coder {
                id: CoderId::new(),
                name: n.to_string(),
                color: "#000000".into(),
            };
            let id = c.id;
            p.coders.push(c);
            id
        })
        .collect();
    let (ca, cb) = (coders[0], coders[1]);
    let groups: Vec<GroupId> = ["الف", "ب"]
        .iter()
        .map(|n| {
            let g = DocGroup {
                id: GroupId::new(),
                name: n.to_string(),
                description: String::new(),
                stamp: Stamp::now(None),
            };
            let id = g.id;
            p.groups.push(g);
            id
        })
        .collect();
    let mut d1 = Document::new("D1", D1);
    d1.group = Some(groups[0]);
    let mut d2 = Document::new("D2", D2);
    d2.group = Some(groups[1]);
    let mut d3 = Document::new("D3", D3);
    d3.group = Some(groups[0]);

    let one = code(&mut p, "یک", vec![]);
    let two = code(&mut p, "دو", vec![]);
    let sub = code(&mut p, "زیر", vec![one, two]);
    let cat = code(&mut p, "دسته", vec![sub]);
    let alone = code(&mut p, "تنها", vec![]);
    p.roots = vec![cat, alone];

    let inside = CharRange::new(word(&d1, "می‌شود", 0).start.0, word(&d1, "كار", 0).end.0);
    let book_good = CharRange::new(word(&d2, "book", 0).start.0, line(&d2, 1).end.0);
    let l2 = line(&d3, 2).start.0;
    let codings = [
        (&d1, line(&d1, 1), one, ca),
        (&d1, inside, one, cb),
        (&d1, line(&d1, 2), two, ca),
        (&d3, word(&d3, "کار", l2), two, cb),
        (&d2, book_good, sub, ca),
        (&d2, line(&d2, 2), alone, cb),
    ];
    for (doc, range, code, coder) in codings {
        let id = CodingId::new();
        p.codings.insert(
            id,
            Coding {
                id,
                document: doc.id,
                range,
                code,
                coder,
                origin: Origin::Manual,
                stamp: Stamp::now(Some(coder)),
            },
        );
    }
    p.documents = vec![d1, d2, d3];
    Study {
        p,
        g1: groups[0],
        sub,
        one,
    }
}

#[test]
fn code_frequencies_add_up_subtrees_and_count_overlapping_words_once() {
    let s = study();
    let rows: Vec<(String, usize, [usize; 4])> = code_frequencies(&s.p)
        .into_iter()
        .map(|r| {
            (
                r.path.join("/"),
                r.level,
                [r.codings, r.documents, r.coders, r.words],
            )
        })
        .collect();
    let want = |path: &str, level, counts| (path.to_string(), level, counts);
    assert_eq!(
        rows,
        [
            // The subtree: codings 2 + 2 + 1 (its own); D1 11 words, D2
            // «book good» 2, D3 «کار» 1.
            want("دسته", 3, [5, 3, 2, 14]),
            want("دسته/زیر", 2, [5, 3, 2, 14]),
            // #2 is inside #1: line 1's 7 words, not 7 + 3.
            want("دسته/زیر/یک", 1, [2, 1, 2, 7]),
            want("دسته/زیر/دو", 1, [2, 2, 2, 5]),
            want("تنها", 1, [1, 1, 1, 6]),
        ]
    );
}

/// (word, count, documents) of the rows.
fn rows(f: &WordFreq) -> Vec<(&str, usize, usize)> {
    f.words
        .iter()
        .map(|w| (w.word.as_str(), w.count, w.documents))
        .collect()
}

fn count_of<'a>(f: &'a WordFreq, folded_like: &str) -> Option<(&'a str, usize, usize)> {
    let key = strata::text::fold(folded_like);
    f.words
        .iter()
        .find(|w| w.folded == key)
        .map(|w| (w.word.as_str(), w.count, w.documents))
}

#[test]
fn word_frequencies_fold_spellings_and_show_the_commonest() {
    let s = study();
    let all = word_frequencies(&s.p, Scope::All, &WordOptions::default(), None);
    assert_eq!((all.total, all.documents), (26, 3));
    assert_eq!(all.words.iter().map(|w| w.count).sum::<usize>(), 26);
    // Most frequent first, then by folded form (Latin before Arabic
    // script, and «م» before «ک»).
    assert_eq!(
        rows(&all)[..8],
        [
            ("book", 3, 1),
            ("the", 3, 1),
            // Three spellings once each: the one met first.
            ("می‌شود", 3, 1),
            // «کار» twice, «كار» once.
            ("کار", 3, 2),
            ("good", 2, 1),
            ("Is", 2, 1),
            ("و", 2, 1),
            // Once each: «کتاب» in D1 is met before «كتاب» in D3.
            ("کتاب", 2, 2),
        ]
    );
    assert_eq!(count_of(&all, "كتاب‌ها"), Some(("کتاب‌ها", 1, 1)));
    assert_eq!(count_of(&all, "1402"), Some(("۱۴۰۲", 1, 1)));
    // Speaker labels are not words.
    assert_eq!(count_of(&all, "P1"), None);

    let no_numbers = WordOptions {
        numbers: false,
        ..WordOptions::default()
    };
    let f = word_frequencies(&s.p, Scope::All, &no_numbers, None);
    assert_eq!(count_of(&f, "1402"), None);
    assert_eq!(f.total, 26, "the total is before anything is left out");
    let long = WordOptions {
        min_len: 4,
        ..WordOptions::default()
    };
    let f = word_frequencies(&s.p, Scope::All, &long, None);
    assert_eq!(count_of(&f, "the"), None);
    assert_eq!(count_of(&f, "کار"), None);
    assert_eq!(count_of(&f, "book"), Some(("book", 3, 1)));
    assert_eq!(count_of(&f, "میشود"), Some(("می‌شود", 3, 1)));
}

#[test]
fn stop_words_are_left_out_in_any_spelling() {
    let s = study();
    let builtin = StopWords::builtin();
    let f = word_frequencies(&s.p, Scope::All, &WordOptions::default(), Some(&builtin));
    for w in ["the", "is", "و", "است", "را", "میشود"] {
        assert_eq!(count_of(&f, w), None, "{w}");
    }
    assert_eq!(
        rows(&f),
        [
            ("book", 3, 1),
            ("کار", 3, 2),
            ("good", 2, 1),
            ("کتاب", 2, 2),
            ("۱۴۰۲", 1, 1),
            ("خواندم", 1, 1),
            ("خوب", 1, 1),
            ("کتاب‌ها", 1, 1),
        ]
    );
    // An edited list: one spelling drops the others.
    let mine = StopWords::parse("# mine\nBOOK\nكار  # Arabic kaf\n");
    let f = word_frequencies(&s.p, Scope::All, &WordOptions::default(), Some(&mine));
    assert_eq!(count_of(&f, "book"), None);
    assert_eq!(count_of(&f, "کار"), None);
    assert_eq!(count_of(&f, "the"), Some(("the", 3, 1)));
}

#[test]
fn word_frequencies_of_a_group_and_of_a_code() {
    let s = study();
    let opts = WordOptions::default();
    let g = word_frequencies(&s.p, Scope::Group(s.g1), &opts, None);
    assert_eq!((g.total, g.documents), (16, 2));
    assert_eq!(count_of(&g, "book"), None);
    assert_eq!(count_of(&g, "کار"), Some(("کار", 3, 2)));
    assert_eq!(count_of(&g, "کتاب"), Some(("کتاب", 2, 2)));

    // The subcategory: all of D1, «book good» in D2, «کار» in D3.
    let sub = word_frequencies(&s.p, Scope::Code(s.sub), &opts, None);
    assert_eq!((sub.total, sub.documents), (14, 3));
    assert_eq!(count_of(&sub, "book"), Some(("book", 1, 1)));
    assert_eq!(count_of(&sub, "the"), None);
    assert_eq!(count_of(&sub, "کار"), Some(("کار", 3, 2)));
    // A code whose two codings overlap: line 1 once.
    let one = word_frequencies(&s.p, Scope::Code(s.one), &opts, None);
    assert_eq!(rows(&one), [("می‌شود", 3, 1), ("و", 2, 1), ("کار", 2, 1)]);
    assert_eq!(one.total, 7);
    assert_eq!(freq::words::words_in_scope(&s.p, Scope::Code(s.one)), 7);
}

fn saved(dir: &std::path::Path) -> String {
    let f = dir.join("f.strata");
    strata::store::save(&study().p, &f).expect("save");
    f.to_string_lossy().into_owned()
}

#[test]
fn cli_freq_and_words_json_and_tables() {
    let dir = tmp();
    let f = saved(dir.path());
    let v: Value = serde_json::from_str(&ok(&["freq", &f, "--json"])).expect("json");
    assert_eq!(v.as_array().expect("rows").len(), 5);
    assert_eq!(
        v[2],
        json!({"path": ["دسته", "زیر", "یک"], "level": 1, "codings": 2, "documents": 1, "coders": 2, "words": 7})
    );
    let text = ok(&["freq", &f]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "Code    Codings  Documents  Coders  Words coded",
        "{text}"
    );
    assert_eq!(
        lines[3], "    یک        2          1       2            7",
        "{text}"
    );

    let v: Value = serde_json::from_str(&ok(&["words", &f, "--json", "--top", "2"])).expect("json");
    assert_eq!(
        v,
        json!({"total": 26, "documents": 3, "words": [
            {"word": "book", "folded": "book", "count": 3, "documents": 1},
            {"word": "کار", "folded": "کار", "count": 3, "documents": 2},
        ]})
    );
    let v: Value = serde_json::from_str(&ok(&[
        "words",
        &f,
        "--json",
        "--no-stop-words",
        "--group",
        "الف",
        "--top",
        "1",
    ]))
    .expect("json");
    assert_eq!(
        v["words"],
        json!([{"word": "می‌شود", "folded": "میشود", "count": 3, "documents": 1}])
    );
    let v: Value = serde_json::from_str(&ok(&[
        "words",
        &f,
        "--json",
        "--code",
        "دسته/زیر/یک",
        "--no-stop-words",
    ]))
    .expect("json");
    assert_eq!(v["total"], json!(7));
    let stop = dir.path().join("stop.txt");
    std::fs::write(&stop, "# mine\nbook\n").expect("write");
    let stop = stop.to_string_lossy().into_owned();
    let v: Value = serde_json::from_str(&ok(&[
        "words",
        &f,
        "--json",
        "--stop-words",
        &stop,
        "--top",
        "1",
    ]))
    .expect("json");
    assert_eq!(v["words"][0]["word"], json!("the"));
    let text = ok(&["words", &f, "--top", "2"]);
    assert_eq!(
        text,
        "Word  Count  Documents\nbook      3          1\nکار       3          2\n"
    );

    let o = strata(&["words", &f, "--group", "ج"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Groups: الف, ب"));
    assert!(!strata(&["words", &f, "--code", "نیست"]).status.success());
    assert!(
        !strata(&["words", &f, "--group", "الف", "--code", "یک"])
            .status
            .success()
    );
}

/// Words the generated texts are made of: Persian with and without ZWNJ,
/// Arabic spellings, digits, English, punctuation between.
const VOCAB: &[&str] = &[
    "می‌شود",
    "ميشود",
    "کتاب",
    "كتاب‌ها",
    "و",
    "۱۴۰۲",
    "1402",
    "The",
    "book's",
    "نمی‌خواهم",
    "a",
];
const SEPS: &[&str] = &[" ", "، ", ". ", "\n", " - ", "؛ ", "! "];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// With nothing left out, the counts add up to the words in scope, and
    /// the words of a code's text are the words its codings cover.
    #[test]
    fn counts_add_up_to_the_words_in_scope(
        docs in prop::collection::vec(
            prop::collection::vec((0..VOCAB.len(), 0..SEPS.len()), 0..30), 1..4),
        spans in prop::collection::vec((0usize..3, 0usize..200, 0usize..40), 0..6),
    ) {
        let mut p = Project::new("prop");
        let coder = CoderId::new();
        p.coders.push(Coder { id: coder, name: "A".into(), color: "#000000".into() });
        let texts: Vec<String> = docs
            .iter()
            .map(|ws| ws.iter().map(|(w, s)| format!("{}{}", VOCAB[*w], SEPS[*s])).collect())
            .collect();
        for (i, t) in texts.iter().enumerate() {
            p.documents.push(Document::new(format!("d{i}"), t));
        }
        let leaf = code(&mut p, "leaf", vec![]);
        let top = code(&mut p, "top", vec![leaf]);
        p.roots = vec![top];
        for (d, start, len) in spans {
            let Some(doc) = p.documents.get(d % texts.len()) else { continue };
            let n = doc.char_count();
            let start = start.min(n);
            let id = CodingId::new();
            let (document, range) = (doc.id, CharRange::new(start, (start + len).min(n)));
            p.codings.insert(id, Coding {
                id, document, range, code: leaf, coder,
                origin: Origin::Manual, stamp: Stamp::now(Some(coder)),
            });
        }
        let opts = WordOptions::default();
        let all = word_frequencies(&p, Scope::All, &opts, None);
        let words: usize = texts.iter().map(|t| freq::count_words(t)).sum();
        prop_assert_eq!(all.words.iter().map(|w| w.count).sum::<usize>(), words);
        prop_assert_eq!(all.total, words);
        let coded = word_frequencies(&p, Scope::Code(top), &opts, None);
        let rows = code_frequencies(&p);
        prop_assert_eq!(coded.words.iter().map(|w| w.count).sum::<usize>(), rows[0].words);
        prop_assert_eq!(rows[0].words, rows[1].words);
        prop_assert_eq!(rows[0].codings, rows[1].codings);
        prop_assert!(rows[0].words <= words);
    }
}

#[test]
fn kept_tokens_survive_an_edit_to_codings_and_the_counts_follow_it() {
    let mut s = study();
    let mut cache = freq::TokenCache::default();
    assert!(cache.update(&s.p), "tokenised at first");
    let (keys, tokens) = (cache.keys().to_vec(), cache.tokens().to_vec());
    assert_eq!(tokens, freq::all_tokens(&s.p));
    let alone = s.p.roots[1];
    let row = |rows: &[freq::CodeFreq]| {
        let r = rows.iter().find(|r| r.id == alone).expect("row");
        [r.codings, r.documents, r.words]
    };
    assert_eq!(
        row(&freq::code_frequencies_with(&s.p, cache.tokens())),
        [1, 1, 6]
    );
    // «تنها» on D3's first line (3 words), as the window codes it.
    let (d3, coder) = (&s.p.documents[2], s.p.coders[0].id);
    let coding = Coding {
        id: CodingId::new(),
        document: d3.id,
        range: line(d3, 1),
        code: alone,
        coder,
        origin: Origin::Manual,
        stamp: Stamp::now(Some(coder)),
    };
    let generation = s.p.generation();
    strata::edit::Command::InsertCoding {
        coding,
        memos: vec![],
    }
    .apply(&mut s.p)
    .expect("coded");
    assert_ne!(s.p.generation(), generation, "a new generation");
    assert!(
        !cache.update(&s.p),
        "the texts are the same: none tokenised again"
    );
    assert_eq!((cache.keys(), cache.tokens()), (&keys[..], &tokens[..]));
    let rows = freq::code_frequencies_with(&s.p, cache.tokens());
    assert_eq!(row(&rows), [2, 2, 9], "the new coding is counted");
    assert_eq!(rows, code_frequencies(&s.p));
    // A document added is tokenised; the others are kept.
    s.p.documents.push(Document::new("D4", D3));
    assert!(cache.update(&s.p));
    assert_eq!(cache.keys()[..3], keys[..]);
    assert_eq!(cache.tokens(), freq::all_tokens(&s.p));
}
