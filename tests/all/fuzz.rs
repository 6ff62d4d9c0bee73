//! Fuzzing of everything that reads bytes from outside: project files
//! (JSON version 3, RON versions 1 and 2), text imports and Word/OpenDocument
//! files. Any input must give Ok or Err: never a panic, never minutes of work.
//!
//! Inputs are arbitrary bytes and mutations of valid files (bytes flipped,
//! cut, chunks duplicated or inserted; JSON nodes replaced, removed,
//! duplicated or given another node's id). A few seconds per target by
//! default; `STRATA_FUZZ_CASES=1000000` runs that many cases per target.
//! A panicking input is also saved under `target/tmp/fuzz-failures/`.

use super::util::fixture;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use strata::import::{decode, docx_text, odt_text};
use strata::store;

/// Longest one case may take (a debug build, several tests at once): far
/// above any honest input's time, far below a runaway's.
const SLOW: Duration = Duration::from_secs(10);

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("STRATA_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Run `f` on `input`; a panic saves the input (for a reproducer) and is
/// passed on, and so is a case that took too long.
fn guarded(target: &str, input: &[u8], f: impl FnOnce()) {
    let start = Instant::now();
    if let Err(panic) = catch_unwind(AssertUnwindSafe(f)) {
        // Shrinking runs failing inputs again and again: the last saved is
        // the smallest found.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
        let file = dir.join(format!("{target}.bin"));
        if std::fs::create_dir_all(&dir).is_ok() && std::fs::write(&file, input).is_ok() {
            eprintln!("fuzz: {target}: input saved as {}", file.display());
        }
        resume_unwind(panic);
    }
    let took = start.elapsed();
    assert!(took < SLOW, "{target}: one input took {took:?}");
}

// ---------------------------------------------------------------- mutations

/// Text that parsers treat specially, to be spliced in anywhere.
#[rustfmt::skip]
const TOKENS: [&str; 24] = [
    "{", "}", "[", "]", "(", ")", "\"", "\\", "\\u", "\\ud800", ",", ":", "Some(", "None",
    "\u{FEFF}", "\r\n", "\0", "\"version\": 4,", "version: 0,", "18446744073709551616", "-1",
    "1e999", "<w:p>", "&#x110000;",
];

/// One change of the bytes; each `Index` is a place in them.
#[derive(Clone, Debug)]
enum Mutation {
    /// A byte XORed with a mask.
    Flip(Index, u8),
    Truncate(Index),
    /// Up to this many bytes removed.
    Delete(Index, usize),
    /// A chunk of the input (from, length) copied to another place.
    Duplicate(Index, usize, Index),
    Insert(Index, Vec<u8>),
    /// One of `TOKENS` inserted.
    Token(Index, usize),
    /// Deep nesting: one of `[{(` repeated.
    Nest(Index, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<Index>();
    prop_oneof![
        3 => (at.clone(), 1u8..=255).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        1 => at.clone().prop_map(Mutation::Truncate),
        2 => (at.clone(), 1usize..64).prop_map(|(at, len)| Mutation::Delete(at, len)),
        2 => (at.clone(), 1usize..256, at.clone())
            .prop_map(|(from, len, to)| Mutation::Duplicate(from, len, to)),
        2 => (at.clone(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        3 => (at.clone(), 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Token(at, token)),
        1 => (at, 0usize..3, 1usize..2_000)
            .prop_map(|(at, open, depth)| Mutation::Nest(at, open, depth)),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(mutation(), 1..6)
}

/// A position in `0..=len` (an insertion point).
fn point(at: &Index, len: usize) -> usize {
    at.index(len + 1)
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Flip(at, mask) if len > 0 => bytes[at.index(len)] ^= mask,
        Mutation::Flip(..) => {}
        Mutation::Truncate(at) => bytes.truncate(point(at, len)),
        Mutation::Delete(at, n) => {
            let a = point(at, len);
            bytes.drain(a..(a + n).min(len));
        }
        Mutation::Duplicate(from, n, to) => {
            let a = point(from, len);
            let chunk = bytes[a..(a + n).min(len)].to_vec();
            let to = point(to, len);
            bytes.splice(to..to, chunk);
        }
        Mutation::Insert(at, b) => {
            let a = point(at, len);
            bytes.splice(a..a, b.iter().copied());
        }
        Mutation::Token(at, token) => {
            let a = point(at, len);
            bytes.splice(a..a, TOKENS[*token].bytes());
        }
        Mutation::Nest(at, open, depth) => {
            let a = point(at, len);
            let open = [b'[', b'{', b'('][*open];
            bytes.splice(a..a, std::iter::repeat_n(open, *depth));
        }
    }
}

fn mutated(seed: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for m in ms {
        mutate(&mut bytes, m);
    }
    bytes
}

// ------------------------------------------------------- JSON-aware changes

/// A step of a path into a JSON value.
#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    At(usize),
}

/// Paths to every node of `v`, root first.
fn nodes(v: &Value) -> Vec<Vec<Seg>> {
    fn walk(v: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(path.clone());
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    path.push(Seg::Key(k.clone()));
                    walk(child, path, out);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    path.push(Seg::At(i));
                    walk(child, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

fn at<'a>(v: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::At(i) => v.get(*i),
    })
}

fn at_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::At(i) => v.get_mut(*i),
    })
}

/// Values that a field should not hold: wrong types, extremes, texts that
/// look like something else.
fn odd_values() -> Vec<Value> {
    use serde_json::json;
    let nil = uuid::Uuid::nil().to_string();
    #[rustfmt::skip]
    let values = vec![
        Value::Null, json!(true), json!(0), json!(3), json!(100_000), json!(-1),
        json!(u32::MAX), json!(u64::MAX), json!(i64::MIN), json!(1e300), json!(0.5),
        json!(""), json!("not-a-uuid"), json!(nil), json!("#zzzzzz"), json!("\u{FEFF}\r\n\r"),
        json!("((((((((((((a*)*)*)*)*)*)*)*)*)*)*)*)"), json!("متن ".repeat(2_000)),
        json!([]), json!({}), json!({"start": 0, "end": u64::MAX}), json!({"Document": nil}),
    ];
    values
}

/// One change of a JSON project; each `Index` picks a node.
#[derive(Clone, Debug)]
enum JsonChange {
    /// Any odd value: mostly a type error, refused by the parser.
    Replace(Index, usize),
    /// An odd value of the node's own type: past the parser, into the
    /// checks of ranges, references and trees.
    SameType(Index, usize),
    /// The node gone from its object or array.
    Remove(Index),
    /// An array element twice: two items with one id.
    Duplicate(Index),
    /// A string copied over another (an id over an id, a text over a text).
    Copy(Index, Index),
}

fn json_change() -> impl Strategy<Value = JsonChange> {
    let node = any::<Index>();
    let value = 0usize..64;
    prop_oneof![
        1 => (node.clone(), value.clone()).prop_map(|(n, v)| JsonChange::Replace(n, v)),
        3 => (node.clone(), value).prop_map(|(n, v)| JsonChange::SameType(n, v)),
        1 => node.clone().prop_map(JsonChange::Remove),
        3 => node.clone().prop_map(JsonChange::Duplicate),
        3 => (node.clone(), node).prop_map(|(from, to)| JsonChange::Copy(from, to)),
    ]
}

fn change_json(v: &mut Value, c: &JsonChange) {
    let all = nodes(v);
    let pick = |i: &Index| all[i.index(all.len())].clone();
    match c {
        JsonChange::Replace(node, value) => {
            if let Some(n) = at_mut(v, &pick(node)) {
                let odd = odd_values();
                *n = odd[value % odd.len()].clone();
            }
        }
        JsonChange::SameType(node, value) => {
            if let Some(n) = at_mut(v, &pick(node)) {
                // An id stays an id (of nothing, or the nil one).
                let same: Vec<Value> = if n.as_str().is_some_and(is_id) {
                    let fresh = uuid::Uuid::from_u128(*value as u128 + 1).to_string();
                    vec![
                        Value::String(fresh),
                        Value::String(uuid::Uuid::nil().to_string()),
                    ]
                } else {
                    let kind = std::mem::discriminant(&*n);
                    odd_values()
                        .into_iter()
                        .filter(|o| std::mem::discriminant(o) == kind)
                        .collect()
                };
                if !same.is_empty() {
                    *n = same[value % same.len()].clone();
                }
            }
        }
        JsonChange::Remove(node) | JsonChange::Duplicate(node) => {
            let path = pick(node);
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match (at_mut(v, parent), last) {
                (Some(Value::Object(m)), Seg::Key(k)) => {
                    m.remove(k);
                }
                (Some(Value::Array(a)), Seg::At(i)) => {
                    if matches!(c, JsonChange::Remove(_)) {
                        a.remove(*i);
                    } else {
                        let copy = a[*i].clone();
                        a.insert(*i + 1, copy);
                    }
                }
                _ => {}
            }
        }
        JsonChange::Copy(from, to) => {
            // An id over an id makes a dangling or doubled reference.
            let strings: Vec<(&Vec<Seg>, bool)> = all
                .iter()
                .filter_map(|p| Some((p, is_id(at(v, p)?.as_str()?))))
                .collect();
            if strings.is_empty() {
                return;
            }
            let (source, id) = strings[from.index(strings.len())];
            let targets: Vec<&Vec<Seg>> = strings
                .iter()
                .filter(|(_, i)| *i == id)
                .map(|(p, _)| *p)
                .collect();
            let target = targets[to.index(targets.len())].clone();
            let value = at(v, source).cloned();
            if let (Some(value), Some(n)) = (value, at_mut(v, &target)) {
                *n = value;
            }
        }
    }
}

fn is_id(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok()
}

// ------------------------------------------------------------ project files

/// Project files: JSON version 3 and RON versions 1 and 2.
static PROJECTS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let read = |p: PathBuf| std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/demo.strata");
    // The small fixture is version 1; its version-3 form is made here.
    let (small, _) = store::load(&fixture("small.strata")).expect("the small fixture loads");
    let small_v3 = store::to_string(&small).expect("serialise the small fixture");
    vec![
        small_v3.into_bytes(),
        read(fixture("small.strata")),
        read(fixture("demo-v2.strata")),
        read(fixture("demo-v1.strata")),
        read(demo),
        // An empty file is an input too.
        Vec::new(),
    ]
});

/// The JSON ones, parsed, for structured changes.
static JSON: LazyLock<Vec<Value>> = LazyLock::new(|| {
    let json = PROJECTS
        .iter()
        .filter_map(|f| serde_json::from_slice(f).ok());
    json.collect()
});

/// Items of every kind, set aside or not: what a save must not lose.
fn items(p: &strata::model::Project) -> [usize; 4] {
    let a = &p.set_aside;
    [
        p.documents.len() + a.documents.len(),
        p.codes.len() + a.codes.len(),
        p.codings.len() + a.codings.len(),
        p.memos.len() + a.memos.len(),
    ]
}

/// Load `bytes` as a project both ways; whatever loads must save and load
/// again with nothing lost.
fn check_project(bytes: &[u8]) {
    let path = Path::new("fuzz.strata");
    let text = String::from_utf8_lossy(bytes);
    if let Ok((p, _)) = store::from_str(&text, path) {
        let saved = store::to_string(&p).expect("a loaded project serialises");
        let (q, _) = store::from_str(&saved, path)
            .unwrap_or_else(|e| panic!("a loaded project, saved, does not load again: {e}"));
        assert_eq!(items(&q), items(&p), "items lost by a save and load");
    }
    // From a file, as the CLI and the GUI read it (not UTF-8 included).
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("fuzz.strata");
    std::fs::write(&file, bytes).expect("write input");
    // Ok and Err are both answers: only a panic (or a hang) is a finding.
    let _ = store::load(&file);
    let _ = store::file_version(&file);
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn project_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_048)) {
        guarded("project_bytes", &bytes, || check_project(&bytes));
    }

    #[test]
    fn project_text_never_panics(text in "\\PC{0,400}", json in any::<bool>()) {
        // Text past the sniffing of format and version, into the parsers.
        let head = if json {
            "{\"format\": \"strata.project\", \"version\": 3, \"project\": "
        } else {
            "(format: \"strata.project\", version: 2, project: "
        };
        let bytes = format!("{head}{text}").into_bytes();
        guarded("project_text", &bytes, || check_project(&bytes));
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn mutated_projects_never_panic(seed in any::<Index>(), ms in mutations()) {
        let seeds = &*PROJECTS;
        let bytes = mutated(&seeds[seed.index(seeds.len())], &ms);
        guarded("project_mutated", &bytes, || check_project(&bytes));
    }

    #[test]
    fn changed_json_projects_never_panic(
        seed in any::<Index>(),
        changes in proptest::collection::vec(json_change(), 1..4),
        ms in proptest::collection::vec(mutation(), 0..2),
    ) {
        let mut v = JSON[seed.index(JSON.len())].clone();
        for c in &changes {
            change_json(&mut v, c);
        }
        let text = serde_json::to_string_pretty(&v).expect("serialise JSON");
        let bytes = mutated(text.as_bytes(), &ms);
        guarded("project_json", &bytes, || check_project(&bytes));
    }
}

// ------------------------------------------------------------ text imports

static TEXTS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    [
        "enc/persian-1256.txt",
        "enc/persian-utf16le.txt",
        "enc/persian-utf16be.txt",
        "enc/persian-utf8bom.txt",
        "enc/junk.bin.txt",
        "small/P3.txt",
    ]
    .iter()
    .map(|f| std::fs::read(fixture(f)).expect("a text fixture"))
    .collect()
});

fn check_text(bytes: &[u8]) {
    let _ = decode(bytes, None);
    for label in ["utf-8", "windows-1256", "utf-16le", "utf-16be", "klingon-8"] {
        let _ = decode(bytes, Some(label));
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn text_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4_096)) {
        guarded("import_txt_bytes", &bytes, || check_text(&bytes));
    }

    #[test]
    fn mutated_texts_never_panic(seed in any::<Index>(), ms in mutations()) {
        let bytes = mutated(&TEXTS[seed.index(TEXTS.len())], &ms);
        guarded("import_txt", &bytes, || check_text(&bytes));
    }
}

/// `f` on 4 KiB and on 32 KiB made of `unit` (every 50th byte damaged if
/// `damaged`): what is wrong, if 8 times the bytes take over 24 times as
/// long (8 and room for noise; work that grows with the square takes 64).
fn superlinear(what: &str, unit: &[u8], damaged: bool, f: &dyn Fn(&[u8])) -> Option<String> {
    // The best of `runs` runs on `n` bytes.
    let time = |n: usize, runs: usize| {
        let mut bytes: Vec<u8> = unit.iter().copied().cycle().take(n).collect();
        if damaged {
            bytes.iter_mut().step_by(50).for_each(|b| *b = 0xFF);
        }
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f(&bytes);
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let (small, large) = (time(4 << 10, 3), time(32 << 10, 1));
    (large > small * 24 + Duration::from_millis(20))
        .then(|| format!("{what}: {small:?} for 4 KiB, {large:?} for 32 KiB"))
}

/// Work that grows faster than its input is a hang waiting for a big
/// enough file, which a few KiB of fuzz input never shows.
#[test]
fn text_decoding_time_is_linear() {
    let read = |f: &str| std::fs::read(fixture(f)).expect("a text fixture");
    let legacy = read("enc/persian-1256.txt");
    let utf8 = read("enc/persian.expected.txt");
    let forced = |b: &[u8]| drop(decode(b, Some("utf-8")));
    let detected = |b: &[u8]| drop(decode(b, None));
    let slow: Vec<String> = [
        superlinear(
            "Windows-1256 read as UTF-8 by name",
            &legacy,
            false,
            &forced,
        ),
        superlinear("Windows-1256, detected", &legacy, false, &detected),
        superlinear("UTF-8, damaged, detected", &utf8, true, &detected),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(
        slow.is_empty(),
        "time grows faster than the input: {slow:#?}"
    );
}

// ------------------------------------------------------ Word and OpenDocument

const DOCX_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>مصاحبه‌کننده: از تجربهٔ خود بگویید.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">P4: we met &amp; talked</w:t><w:tab/><w:t>&#1605;&#x0645;</w:t><w:br/></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>P4</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t><![CDATA[raw <text>]]></w:t></w:r></w:p>
</w:body></w:document>"#;

const ODT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
<text:h>مصاحبه ۲</text:h>
<text:p>P2: one<text:s/>two<text:tab/>three<text:line-break/>four &lt;five&gt;</text:p>
<text:p/>
<table:table><table:table-row><table:table-cell><text:p>cell</text:p></table:table-cell><table:table-cell><text:p>سلول</text:p><text:p>more</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"#;

/// A zip holding `part` with `xml`, stored or deflated.
fn zipped(part: &str, xml: &[u8], deflate: bool) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(method);
    w.start_file("mimetype", opts).expect("zip entry");
    w.write_all(b"application/vnd.oasis.opendocument.text")
        .expect("zip write");
    w.start_file(part, opts).expect("zip entry");
    w.write_all(xml).expect("zip write");
    w.finish().expect("zip finish").into_inner()
}

/// Office files: the fixtures and the ones built here, as zip bytes.
static OFFICE: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut files: Vec<Vec<u8>> = ["interview-P4.docx", "interview-P2.odt", "truncated.docx"]
        .iter()
        .map(|f| std::fs::read(fixture(f)).expect("an office fixture"))
        .collect();
    for deflate in [false, true] {
        files.push(zipped("word/document.xml", DOCX_XML.as_bytes(), deflate));
        files.push(zipped("content.xml", ODT_XML.as_bytes(), deflate));
    }
    files
});

fn check_office(bytes: &[u8]) {
    let _ = docx_text(bytes);
    let _ = odt_text(bytes);
}

#[test]
fn office_seeds_are_read() {
    // The mutations start from files that are read correctly.
    for (i, f) in OFFICE.iter().enumerate().skip(3) {
        let (text, expected) = if i % 2 == 1 {
            let text = docx_text(f).expect("the docx built here");
            (text, "P4: we met & talked\tمم ")
        } else {
            let text = odt_text(f).expect("the odt built here");
            (text, "P2: one two\tthree four <five>")
        };
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn office_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_048)) {
        guarded("import_office_bytes", &bytes, || check_office(&bytes));
    }

    #[test]
    fn mutated_office_files_never_panic(seed in any::<Index>(), ms in mutations()) {
        let bytes = mutated(&OFFICE[seed.index(OFFICE.len())], &ms);
        guarded("import_office_zip", &bytes, || check_office(&bytes));
    }

    /// The XML inside changed, in a well-formed zip: the XML reader's turn.
    #[test]
    fn mutated_office_xml_never_panics(
        odt in any::<bool>(),
        deflate in any::<bool>(),
        ms in mutations(),
    ) {
        let (part, xml) = if odt {
            ("content.xml", ODT_XML)
        } else {
            ("word/document.xml", DOCX_XML)
        };
        let bytes = zipped(part, &mutated(xml.as_bytes(), &ms), deflate);
        guarded("import_office_xml", &bytes, || check_office(&bytes));
    }
}
