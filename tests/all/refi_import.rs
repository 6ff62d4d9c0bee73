//! REFI-QDA import: the real files of six tools (tests/fixtures/refi,
//! see its README), their offsets, the report in both languages (hostile
//! archives in refi_hostile.rs), and the CLI.

use crate::util::{fixture, ok, stderr, strata, tmp};
use std::io::Write;
use std::path::{Path, PathBuf};
use strata::import::refi::{self, Issue, Kind, RefiImport};
use strata::model::*;

pub fn sample(rel: &str) -> PathBuf {
    fixture("refi").join(rel)
}

fn import(rel: &str) -> RefiImport {
    let path = sample(rel);
    let r = if rel.ends_with(".qdc") {
        refi::import_qdc(&path)
    } else {
        refi::import_qdpx(&path)
    };
    r.unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The deepest code, in levels.
fn depth(p: &Project) -> usize {
    p.walk().iter().map(|(_, d)| d + 1).max().unwrap_or(0)
}

/// A project that saves and loads back with no problem found: the import
/// made nothing the store would set aside.
fn round_trips(p: &Project) {
    let text = strata::store::to_string(p).expect("saves");
    let (q, problems) =
        strata::store::from_str(&text, Path::new("imported.strata")).expect("loads");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(q.codings.len(), p.codings.len());
    assert_eq!(q.codes.len(), p.codes.len());
}

struct Expect {
    file: &'static str,
    codes: usize,
    depth: usize,
    sources: usize,
    selections: usize,
    codings: usize,
    users: usize,
}

const SAMPLES: [Expect; 7] = [
    Expect {
        file: "atlasti-23.2-win/blank-atlas-project.qdpx",
        codes: 0,
        depth: 0,
        sources: 0,
        selections: 0,
        codings: 0,
        users: 2,
    },
    Expect {
        file: "atlasti-23.2-win/target-atlas-project.qdpx",
        codes: 3,
        depth: 2,
        sources: 0,
        selections: 0,
        codings: 0,
        users: 2,
    },
    Expect {
        file: "nvivo-12.6-win/oltas0517.qdpx",
        codes: 152,
        depth: 4,
        sources: 2,
        selections: 303,
        codings: 303,
        users: 2,
    },
    Expect {
        file: "nvivo-15.0-mac/nvivo_project.qdpx",
        codes: 262,
        depth: 7,
        sources: 2,
        selections: 0,
        codings: 0,
        users: 2,
    },
    Expect {
        file: "qc-1.3.2/demo.qdpx",
        codes: 262,
        depth: 7,
        sources: 2,
        selections: 158,
        codings: 205,
        users: 1,
    },
    Expect {
        file: "qc-1.7.8-rtl/rtl-qc.qdpx",
        codes: 8,
        depth: 2,
        sources: 1,
        selections: 5,
        codings: 7,
        users: 1,
    },
    Expect {
        file: "taguette-1.5.2/taguette-1.5.2-codebook.qdc",
        codes: 5,
        depth: 1,
        sources: 0,
        selections: 0,
        codings: 0,
        users: 0,
    },
];

#[test]
fn refi_every_sample_imports_with_the_counts_of_its_file() {
    for e in &SAMPLES {
        let RefiImport { project: p, report } = import(e.file);
        let f = e.file;
        assert_eq!(p.codes.len(), e.codes, "{f}: codes");
        assert_eq!(depth(&p), e.depth, "{f}: depth");
        assert_eq!(report.depth, e.depth, "{f}: reported depth");
        assert_eq!(p.documents.len(), e.sources, "{f}: documents");
        assert_eq!(p.codings.len(), e.codings, "{f}: codings");
        assert_eq!(p.coders.len(), e.users, "{f}: coders");
        let sel = report.count(Kind::Selection);
        assert_eq!(
            (sel.found, sel.mapped),
            (e.selections, e.selections),
            "{f}: selections"
        );
        let c = report.count(Kind::Coding);
        assert_eq!(
            (c.found, c.mapped),
            (e.codings, e.codings),
            "{f}: codings reported"
        );
        assert!(p.codings.values().all(|c| c.origin == Origin::Import));
        round_trips(&p);
    }
}

/// The text of the coding with this GUID.
fn coded<'a>(p: &'a Project, guid: &str) -> &'a str {
    let id = CodingId(guid.parse().expect("a UUID"));
    let c = p
        .codings
        .get(&id)
        .unwrap_or_else(|| panic!("no coding {guid}"));
    p.document(c.document).expect("its document").slice(c.range)
}

#[test]
fn refi_nvivo_positions_are_utf16_units_and_land_on_the_coded_words() {
    let RefiImport { project: p, report } = import("nvivo-12.6-win/oltas0517.qdpx");
    assert_eq!(
        report.counting,
        Some(strata::text::offsets::Counting::Utf16)
    );
    // The texts Python's UTF-16 slicing of the raw .txt gives (BOM not
    // counted, CRLF as two, then CRLF read as LF).
    assert_eq!(
        coded(&p, "da50c6de-cd58-40da-a7e3-be4b82d7f00c"),
        "Senkit nem lehet kötelezni oltásra, ilyet csak ostoba korlátolt agyi kapacitással rendelkező emberhulladék hozhat aki nem szaporodhat és nem élhet."
    );
    assert_eq!(
        coded(&p, "a8f5ed5e-0d07-4818-89c3-19c4d1fed821"),
        "tudatos hal äl reklám, hatalmas árulás"
    );
    // After 892 astral emoji: still exact, emoji and VS16 whole.
    assert_eq!(
        coded(&p, "965d74ad-1ce6-4318-b25b-cd90e2f6db68"),
        "@@szilagyitamas2823 És milyen igazad lett!\u{261d}\u{fe0f}\u{1f44c}\u{1f44d}\u{1f44d}\u{1f44d}\n"
    );
    let (on_words, all) = report.on_words;
    assert_eq!(all, 303);
    assert!(on_words >= 281, "{on_words} of 303 on word boundaries");
    // One aggregate node (isCodable="false"), kept so.
    assert_eq!(p.codes.values().filter(|c| !c.codable).count(), 1);
    assert!(
        p.codes
            .values()
            .any(|c| c.description.definition == "COVID vay nem COVID")
    );
    let text = report.text(false);
    assert!(
        text.contains("UTF-16") && text.contains("origin=\"NVivo for Windows 12.6\""),
        "{text}"
    );
}

#[test]
fn refi_qc_rtl_codings_are_exactly_the_coded_lines() {
    let RefiImport { project: p, report } = import("qc-1.7.8-rtl/rtl-qc.qdpx");
    let lines =
        std::fs::read_to_string(sample("qc-1.7.8-rtl/input-rtl_interview.txt")).expect("input");
    let codes =
        std::fs::read_to_string(sample("qc-1.7.8-rtl/input-codes-per-line.txt")).expect("codes");
    let doc = &p.documents[0];
    assert_eq!(doc.text(), normalise_text(&lines));
    let mut got: Vec<(String, String)> = p
        .codings
        .values()
        .map(|c| {
            let text = doc.slice(c.range).trim_end_matches('\n').to_string();
            (text, p.codes[&c.code].name.clone())
        })
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = Vec::new();
    for (line, names) in lines.lines().zip(codes.lines()) {
        for n in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            want.push((line.to_string(), n.to_string()));
        }
    }
    want.sort();
    assert_eq!(got, want);
    // The last line's selection counted its newline: ended at the text's end.
    assert!(
        report
            .issues
            .iter()
            .any(|i| matches!(i, Issue::Clamped { count: 1, .. }))
    );
    assert_eq!(p.coders[0].name, "sara");
}

#[test]
fn refi_qc_sources_named_by_path_and_taguette_codebook_import() {
    let RefiImport { project: p, .. } = import("qc-1.3.2/demo.qdpx");
    let mut names: Vec<&str> = p
        .documents
        .iter()
        .map(|d| d.source.file_name.as_str())
        .collect();
    names.sort();
    assert_eq!(names, ["sources/admin-1.txt", "sources/board_2017.txt"]);
    // Whole lines: every segment starts a line.
    for c in p.codings.values() {
        let d = p.document(c.document).expect("doc");
        assert!(
            c.range.start.0 == 0
                || d.slice(CharRange {
                    start: CharPos(c.range.start.0 - 1),
                    end: c.range.start
                }) == "\n"
        );
    }
    let RefiImport { project: t, .. } = import("taguette-1.5.2/taguette-1.5.2-codebook.qdc");
    let mut names: Vec<&str> = t.codes.values().map(|c| c.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "interesting",
            "interesting.places",
            "people",
            "Ärger & <Wut>",
            "مكان"
        ]
    );
    assert!(t.codes.values().all(|c| c.color.len() == 7));
}

pub const SYNTHETIC: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Synthetic" origin="Handmade 1.0" creatingUserGUID="{AAAAAAAA-0000-4000-8000-000000000001}">
 <Users><User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Sara"/></Users>
 <CodeBook><Codes>
  <Code guid="{C0000000-0000-4000-8000-000000000001}" name="Trust" isCodable="false" color="#FF0000">
   <Description>Trust in people.

When to use: a speaker says whom they trust

Example: I trust my doctor</Description>
   <NoteRef targetGUID="n1"/>
   <Code guid="c0000000-0000-4000-8000-000000000002" name="Doctors" isCodable="true" someTool:extra="x" xmlns:someTool="urn:other"/>
  </Code>
 </Codes></CodeBook>
 <Variables><Variable guid="v1" name="Age" typeOfVariable="Integer"/></Variables>
 <Sources>
  <TextSource guid="{D0000000-0000-4000-8000-000000000001}" name="P1" plainTextPath="internal://d0000000-0000-4000-8000-000000000001.txt">
   <VariableValue><VariableRef targetGUID="V1"/><IntegerValue>34</IntegerValue></VariableValue>
   <NoteRef targetGUID="note-2"/>
   <PlainTextSelection guid="s1" startPosition="4" endPosition="9" creatingUser="{aaaaaaaa-0000-4000-8000-000000000001}">
    <Coding guid="E0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="{C0000000-0000-4000-8000-000000000002}"/></Coding>
    <NoteRef targetGUID="note-3"/>
   </PlainTextSelection>
   <PlainTextSelection guid="s2" startPosition="50" endPosition="400"><Coding guid="e2"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000002"/></Coding></PlainTextSelection>
   <PlainTextSelection guid="s3" startPosition="9" endPosition="4"><Coding guid="e3"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000002"/></Coding></PlainTextSelection>
   <PlainTextSelection guid="s4" startPosition="5" endPosition="5"><Coding guid="e4"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000002"/></Coding></PlainTextSelection>
  </TextSource>
  <TextSource guid="d2" name="P1"><PlainTextContent>سلام دنیا</PlainTextContent></TextSource>
  <PDFSource guid="p1" name="Scan"/>
 </Sources>
 <Notes>
  <Note guid="n1" name="On trust"><PlainTextContent>Why trust matters</PlainTextContent></Note>
  <Note guid="note-2" name="On P1"><PlainTextContent>First interview</PlainTextContent></Note>
  <Note guid="note-3" name="On a segment"><PlainTextContent>Good quote</PlainTextContent></Note>
  <Note guid="note-4" name="Loose"><PlainTextContent>Project note</PlainTextContent></Note>
 </Notes>
 <Cases><Case guid="k1" name="Sara"><VariableValue><VariableRef targetGUID="v1"/><IntegerValue>35</IntegerValue></VariableValue><SourceRef targetGUID="d0000000-0000-4000-8000-000000000001"/><SourceRef targetGUID="D2"/></Case></Cases>
 <Sets>
  <Set guid="g1" name="Wave 1"><Description>First wave</Description><MemberCode targetGUID="C0000000-0000-4000-8000-000000000001"/><MemberSource targetGUID="{D0000000-0000-4000-8000-000000000001}"/></Set>
  <Set guid="g2" name="Wave 2"><MemberSource targetGUID="d0000000-0000-4000-8000-000000000001"/><MemberSource targetGUID="d2"/></Set>
 </Sets>
 <Links><Link guid="l1"/></Links>
</Project>"##;

/// A .qdpx of these entries.
pub fn qdpx(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).expect("entry");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("zip").into_inner()
}

fn synthetic() -> Vec<u8> {
    qdpx(&[
        ("project.qde", SYNTHETIC.as_bytes()),
        (
            "Sources/D0000000-0000-4000-8000-000000000001.txt",
            "P1: trust my doctor.\r\nP2: ok\r\n".as_bytes(),
        ),
    ])
}

#[test]
fn refi_notes_sets_cases_and_variables_map_to_memos_groups_sets_and_variables() {
    let RefiImport { project: p, report } =
        refi::qdpx_from_bytes(synthetic(), Path::new("synthetic.qdpx")).expect("imports");
    let trust = p.codes.values().find(|c| c.name == "Trust").expect("Trust");
    assert!(!trust.codable);
    assert_eq!(trust.color, "#ff0000");
    assert_eq!(trust.description.definition, "Trust in people.");
    assert_eq!(
        trust.description.when_to_use,
        "a speaker says whom they trust"
    );
    assert_eq!(trust.description.example, "I trust my doctor");
    assert_eq!(
        trust.id.0.to_string(),
        "c0000000-0000-4000-8000-000000000001"
    );
    let names: Vec<&str> = p.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["P1", "P1 (2)"]);
    let (p1, p2) = (&p.documents[0], &p.documents[1]);
    assert_eq!(p2.text(), "سلام دنیا");
    let coding = p.codings.values().next().expect("one coding");
    assert_eq!(p.codings.len(), 1);
    assert_eq!(p1.slice(coding.range), "trust");
    assert_eq!(p.coder_name(coding.coder), "Sara");
    // Memos on the code, the document, the coding and the project.
    let title_on = |t: MemoTarget| p.memos_on(t).map(|m| m.title.clone()).collect::<Vec<_>>();
    assert_eq!(title_on(MemoTarget::Code(trust.id)), ["On trust"]);
    assert_eq!(title_on(MemoTarget::Document(p1.id)), ["On P1"]);
    assert_eq!(title_on(MemoTarget::Coding(coding.id)), ["On a segment"]);
    assert_eq!(title_on(MemoTarget::Project), ["Loose"]);
    // Variables: the source's own value first, the case's name.
    assert_eq!(p1.variables.get("Age").map(String::as_str), Some("34"));
    assert_eq!(p1.variables.get("Case").map(String::as_str), Some("Sara"));
    assert_eq!(p2.variables.get("Age").map(String::as_str), Some("35"));
    // Sets: groups of documents (the first kept), a code set.
    let group = |d: &Document| {
        p.groups
            .iter()
            .find(|g| Some(g.id) == d.group)
            .map(|g| g.name.as_str())
    };
    assert_eq!(group(p1), Some("Wave 1"));
    assert_eq!(group(p2), Some("Wave 2"));
    assert_eq!(p.groups[0].description, "First wave");
    assert_eq!(p.code_sets.len(), 1);
    assert_eq!(p.code_sets[0].codes, [trust.id]);
    // Reported: the bad selections with their positions, the PDF, the
    // link, the second group, the second Age.
    let has = |f: &dyn Fn(&Issue) -> bool| report.issues.iter().any(f);
    assert!(has(
        &|i| matches!(i, Issue::Outside { source, start, end, .. } if source == "P1" && start == "50" && end == "400")
    ));
    assert!(has(
        &|i| matches!(i, Issue::Empty { start, end, .. } if start == "9" && end == "4")
    ));
    assert!(has(
        &|i| matches!(i, Issue::Empty { start, end, .. } if start == "5" && end == "5")
    ));
    assert!(has(
        &|i| matches!(i, Issue::NotText { name, .. } if name == "Scan")
    ));
    assert!(has(
        &|i| matches!(i, Issue::NotImported { element, count: 1 } if element == "Link")
    ));
    assert!(has(
        &|i| matches!(i, Issue::MembershipNotKept { set, .. } if set == "Wave 2")
    ));
    assert!(has(
        &|i| matches!(i, Issue::VariableConflict { kept, dropped, .. } if kept == "34" && dropped == "35")
    ));
    let en = report.text(false);
    assert!(
        en.contains("'P1': selection 50–400 lies past the end of the text"),
        "{en}"
    );
    let fa = report.text(true);
    assert!(fa.contains("۵۰") && fa.contains("واردنشده‌ها"), "{fa}");
    round_trips(&p);
}

#[test]
fn refi_reports_read_in_english_and_in_persian_digits() {
    let r = import("nvivo-12.6-win/oltas0517.qdpx").report;
    let en = r.text(false);
    assert!(
        en.contains("152 codes became 152 codes (deepest: 4 levels)"),
        "{en}"
    );
    assert!(
        en.contains("303 text selections became 303 coded segments"),
        "{en}"
    );
    let fa = r.text(true);
    assert!(fa.contains("۱۵۲ کد: ۱۵۲ کد"), "{fa}");
    assert!(fa.contains("۳۰۳ کدگذاری"), "{fa}");
    // No Latin digit outside the isolated Latin runs (origin, file name).
    let mut depth = 0;
    for c in fa.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth -= 1,
            c if depth == 0 => assert!(!c.is_ascii_digit(), "Latin digit in {fa}"),
            _ => {}
        }
    }
}

#[test]
fn refi_a_codebook_goes_into_a_project_once_as_one_step() {
    let mut p = import("qc-1.7.8-rtl/rtl-qc.qdpx").project;
    let book = import("taguette-1.5.2/taguette-1.5.2-codebook.qdc").project;
    let before = p.codes.len();
    let mut h = strata::edit::History::new();
    let cmd = refi::codebook_into(&p, &book).expect("plan");
    h.apply(&mut p, cmd).expect("applies");
    assert_eq!(p.codes.len(), before + 5);
    // Again: everything is there (by ID), nothing is added.
    let plan = refi::codebook_plan(&p, &book);
    assert_eq!(plan.added, 0);
    assert_eq!(plan.skipped.len(), 5);
    assert!(
        plan.text(true).contains("۵ کد از پیش"),
        "{}",
        plan.text(true)
    );
    h.apply(&mut p, plan.command).expect("applies");
    assert_eq!(p.codes.len(), before + 5);
    // One undo step takes the five away.
    h.undo(&mut p).expect("undo");
    h.undo(&mut p).expect("undo");
    assert_eq!(p.codes.len(), before);
    // By path: the same names under new IDs are not added either.
    let mut renamed = book.clone();
    renamed.codes = book
        .codes
        .values()
        .map(|c| {
            let mut c = c.clone();
            c.id = CodeId::new();
            (c.id, c)
        })
        .collect();
    renamed.roots = renamed.codes.keys().copied().collect();
    let cmd = refi::codebook_into(&p, &book).expect("plan");
    h.apply(&mut p, cmd).expect("applies");
    assert_eq!(refi::codebook_plan(&p, &renamed).added, 0);
}

#[test]
fn refi_cli_imports_a_project_that_stats_reads_and_never_overwrites() {
    let dir = tmp();
    let out = dir.path().join("rtl.strata");
    let (file, out_s) = (
        sample("qc-1.7.8-rtl/rtl-qc.qdpx"),
        out.to_string_lossy().into_owned(),
    );
    let report = ok(&["import-qdpx", &file.to_string_lossy(), "--output", &out_s]);
    assert!(report.contains("7 codings became 7 codings"), "{report}");
    let stats = ok(&["stats", &out_s, "--json"]);
    assert!(stats.contains('7'), "{stats}");
    let again = strata(&["import-qdpx", &file.to_string_lossy(), "--output", &out_s]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    // A codebook: a new project, then into an existing one.
    let book = sample("taguette-1.5.2/taguette-1.5.2-codebook.qdc");
    let fa = ok(&[
        "import-qdpx",
        &book.to_string_lossy(),
        "--into",
        &out_s,
        "--persian",
    ]);
    assert!(fa.contains("۵ کد افزوده می‌شود"), "{fa}");
    let codes = ok(&["codes", &out_s]);
    assert!(
        codes.contains("مكان") && codes.contains("Ärger & <Wut>"),
        "{codes}"
    );
    // A hostile archive: an error naming it, and no project written.
    let bad = dir.path().join("bad.qdpx");
    std::fs::write(
        &bad,
        qdpx(&[("project.qde", SYNTHETIC.as_bytes()), ("../x", b"x")]),
    )
    .expect("write");
    let target = dir.path().join("bad.strata");
    let o = strata(&[
        "import-qdpx",
        &bad.to_string_lossy(),
        "--output",
        &target.to_string_lossy(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("bad.qdpx"), "{}", stderr(&o));
    assert!(!target.exists());
}
