//! What a review of the REFI-QDA work found, each kept from coming back:
//! code sets in a codebook, a source's inline text with CRLF, codes that
//! only group others, a Persian study's level names, a set of both sources
//! and codes, and code sets merged the same whatever the copies' order.

use super::util::*;
use strata::import::refi::{import_qdc, import_qdpx};
use strata::model::*;

fn demo() -> Project {
    strata::demo::demo_project().expect("demo")
}

/// A project with one code set of two codes.
fn with_set() -> (Project, CodeSet) {
    let mut p = demo();
    let members: Vec<CodeId> = p.codes.keys().take(2).copied().collect();
    let set = CodeSet {
        id: SetId::new(),
        name: "برای مقاله".into(),
        description: "codes in the paper".into(),
        codes: members,
        stamp: Stamp::now(None),
    };
    p.code_sets.push(set.clone());
    (p, set)
}

#[test]
fn code_sets_come_back_from_a_codebook() {
    let dir = tmp();
    let (p, set) = with_set();
    let path = dir.path().join("book.qdc");
    std::fs::write(&path, strata::export::refi::qdc_xml(&p)).expect("write");
    let back = import_qdc(&path).expect("import");
    assert_eq!(
        back.project.code_sets.len(),
        1,
        "{}",
        back.report.text(false)
    );
    assert_eq!(back.project.code_sets[0].codes, set.codes);
    assert_eq!(back.project.code_sets[0].name, set.name);
}

/// A set whose members are all missing is said, not counted as imported.
#[test]
fn a_set_of_nothing_is_reported_not_counted() {
    let dir = tmp();
    let path = dir.path().join("book.qdc");
    std::fs::write(
        &path,
        r#"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0b6a6fd5-0d5a-4d0a-9d56-0f0000000001" name="A" isCodable="true"/></Codes>
<Sets><Set guid="0b6a6fd5-0d5a-4d0a-9d56-0f0000000002" name="Ghost"><MemberCode guid="0b6a6fd5-0d5a-4d0a-9d56-0f0000000009"/></Set></Sets></CodeBook>"#,
    )
    .expect("write");
    let back = import_qdc(&path).expect("import");
    let text = back.report.text(false);
    assert!(back.project.code_sets.is_empty());
    assert!(text.contains("Ghost"), "{text}");
    assert!(!text.contains("nothing was left out"), "{text}");
}

/// A .qdpx from a tool that keeps the source's text inline, CRLF and all,
/// with positions counted on that text.
fn inline_qdpx(
    dir: &std::path::Path,
    origin: &str,
    text: &str,
    (start, end): (usize, usize),
    extra: &str,
) -> std::path::PathBuf {
    use std::io::Write as _;
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="inline" origin="{origin}">
<Users><User guid="0b6a6fd5-0d5a-4d0a-9d56-0f00000000a1" name="Sara"/></Users>
<CodeBook><Codes><Code guid="0b6a6fd5-0d5a-4d0a-9d56-0f00000000c1" name="Folder" isCodable="false"><Code guid="0b6a6fd5-0d5a-4d0a-9d56-0f00000000c2" name="Leaf" isCodable="true"/></Code></Codes></CodeBook>
<Sources><TextSource guid="0b6a6fd5-0d5a-4d0a-9d56-0f00000000d1" name="P1"><PlainTextContent>{text}</PlainTextContent>
<PlainTextSelection guid="0b6a6fd5-0d5a-4d0a-9d56-0f00000000e1" startPosition="{start}" endPosition="{end}"><Coding guid="0b6a6fd5-0d5a-4d0a-9d56-0f00000000f1" creatingUser="0b6a6fd5-0d5a-4d0a-9d56-0f00000000a1"><CodeRef targetGUID="0b6a6fd5-0d5a-4d0a-9d56-0f00000000c2"/></Coding></PlainTextSelection>
</TextSource></Sources>{extra}</Project>"#
    );
    let path = dir.join("inline.qdpx");
    let file = std::fs::File::create(&path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file("project.qde", zip::write::SimpleFileOptions::default())
        .expect("entry");
    zip.write_all(qde.as_bytes()).expect("write");
    zip.finish().expect("finish");
    path
}

#[test]
fn an_inline_text_with_crlf_keeps_its_positions() {
    let dir = tmp();
    // "ab\r\ncd\r\nefgh": the tool counted the CRs; "efgh" is 8..12.
    let path = inline_qdpx(dir.path(), "MAXQDA 2022", "ab\r\ncd\r\nefgh", (8, 12), "");
    let got = import_qdpx(&path).expect("import");
    let c = got.project.codings.values().next().expect("the coding");
    let doc = got.project.document(c.document).expect("doc");
    assert_eq!(doc.slice(c.range), "efgh", "{}", got.report.text(false));
}

#[test]
fn a_code_that_only_groups_others_is_refused_everywhere_a_coding_is_made() {
    let dir = tmp();
    let path = inline_qdpx(dir.path(), "qc", "ab\ncd\nefgh", (6, 10), "");
    let got = import_qdpx(&path).expect("import").project;
    let folder = got
        .codes
        .values()
        .find(|c| c.name == "Folder")
        .expect("folder");
    assert!(!folder.codable);
    let project = dir.path().join("p.strata");
    strata::store::save(&got, &project).expect("save");
    let before = std::fs::read(&project).expect("read");
    let p = project.to_str().expect("utf-8");
    let o = strata(&[
        "code",
        p,
        "--document",
        "P1",
        "--chars",
        "0-2",
        "--code",
        "Folder",
        "--coder",
        "Sara",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("only groups other codes"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&project).expect("read"), before, "unchanged");
    // Its child takes codings as any code.
    ok(&[
        "code",
        p,
        "--document",
        "P1",
        "--chars",
        "0-2",
        "--code",
        "Leaf",
        "--coder",
        "Sara",
    ]);
}

#[test]
fn a_code_marked_not_codable_with_codings_in_the_file_is_made_codable() {
    let dir = tmp();
    // The coding refers to the folder itself.
    let path = inline_qdpx(dir.path(), "qc", "ab\ncd\nefgh", (6, 10), "");
    let text = {
        let f = std::fs::File::open(&path).expect("open");
        let mut z = zip::ZipArchive::new(f).expect("zip");
        let mut e = z.by_name("project.qde").expect("qde");
        let mut s = String::new();
        std::io::Read::read_to_string(&mut e, &mut s).expect("read");
        s
    };
    let edited = text.replace(
        r#"<CodeRef targetGUID="0b6a6fd5-0d5a-4d0a-9d56-0f00000000c2"/>"#,
        r#"<CodeRef targetGUID="0b6a6fd5-0d5a-4d0a-9d56-0f00000000c1"/>"#,
    );
    assert_ne!(edited, text);
    let path = {
        use std::io::Write as _;
        let path = dir.path().join("folder-coded.qdpx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
        zip.start_file("project.qde", zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(edited.as_bytes()).expect("write");
        zip.finish().expect("finish");
        path
    };
    let got = import_qdpx(&path).expect("import");
    let folder = got
        .project
        .codes
        .values()
        .find(|c| c.name == "Folder")
        .expect("folder");
    assert!(folder.codable, "made codable");
    assert!(got.report.text(false).contains("made codable"));
    // So removing its coding and undoing that works.
    let mut p = got.project;
    let mut h = strata::edit::History::new();
    let id = *p.codings.keys().next().expect("coding");
    h.apply(&mut p, strata::edit::Command::RemoveCoding { id })
        .expect("remove");
    h.undo(&mut p).expect("undo");
    assert!(p.codings.contains_key(&id));
}

#[test]
fn a_persian_study_keeps_persian_level_names_through_a_qdpx() {
    let dir = tmp();
    let p = demo();
    let path = dir.path().join("demo.qdpx");
    std::fs::write(&path, strata::export::refi::qdpx_bytes(&p).expect("export")).expect("write");
    let back = import_qdpx(&path).expect("import").project;
    assert_eq!(back.level_names, p.level_names);
    assert_eq!(back.level_names[0], "کد مفهومی");
    // Arabic, Hebrew and Persian texts under English code names: English.
    let rtl = import_qdpx(&fixture("refi/qc-1.7.8-rtl/rtl-qc.qdpx")).expect("import");
    assert_eq!(rtl.project.level_names[0], "Code");
}

#[test]
fn a_set_of_sources_and_codes_becomes_a_group_and_a_set_with_their_own_ids() {
    let dir = tmp();
    let sets = r#"<Sets><Set guid="0b6a6fd5-0d5a-4d0a-9d56-0f00000000b1" name="Both"><MemberCode targetGUID="0b6a6fd5-0d5a-4d0a-9d56-0f00000000c2"/><MemberSource targetGUID="0b6a6fd5-0d5a-4d0a-9d56-0f00000000d1"/></Set></Sets>"#;
    let path = inline_qdpx(dir.path(), "qc", "ab\ncd\nefgh", (6, 10), sets);
    let p = import_qdpx(&path).expect("import").project;
    assert_eq!((p.groups.len(), p.code_sets.len()), (1, 1));
    assert_ne!(p.groups[0].id.0, p.code_sets[0].id.0, "two items, two IDs");
    assert_eq!(p.documents[0].group, Some(p.groups[0].id));
    // Exported, they are two sets with two GUIDs, and come back as they are.
    let again = dir.path().join("again.qdpx");
    std::fs::write(
        &again,
        strata::export::refi::qdpx_bytes(&p).expect("export"),
    )
    .expect("write");
    let q = import_qdpx(&again).expect("import").project;
    assert_eq!(
        (q.groups[0].id, q.code_sets[0].id),
        (p.groups[0].id, p.code_sets[0].id)
    );
}

#[test]
fn code_sets_merge_the_same_whatever_the_order_of_the_copies() {
    let (base, set) = with_set();
    let extra: Vec<CodeId> = base.codes.keys().skip(5).take(2).copied().collect();
    let mut sara = base.clone();
    sara.code_sets[0].codes.push(extra[0]);
    sara.code_sets[0].name = "Sara's name".into();
    sara.code_sets[0].stamp.modified = Some(chrono::Utc::now());
    let mut omid = base.clone();
    omid.code_sets[0].codes.push(extra[1]);
    omid.code_sets[0].codes.retain(|c| *c != set.codes[0]);
    let one = strata::merge::merge(&base, &[("sara", &sara), ("omid", &omid)])
        .expect("merge")
        .0;
    let two = strata::merge::merge(&base, &[("omid", &omid), ("sara", &sara)])
        .expect("merge")
        .0;
    assert_eq!(one.code_sets, two.code_sets);
    let merged = &one.code_sets[0];
    // The latest version's members (Sara's) less the one Omid removed,
    // then Omid's addition.
    assert_eq!(merged.codes, vec![set.codes[1], extra[0], extra[1]]);
    // Changed on one side only: that side's version, its order too.
    let mut turned = base.clone();
    turned.code_sets[0].codes.reverse();
    let only = strata::merge::merge(&base, &[("sara", &turned), ("omid", &base)])
        .expect("merge")
        .0;
    assert_eq!(only.code_sets[0].codes, turned.code_sets[0].codes);
    assert_eq!(merged.name, "Sara's name", "the latest change's name");
}

/// The segments that do not begin and end at word boundaries are shown,
/// in their context, so a researcher can judge them (NVivo's own
/// positions cut a few words).
#[test]
fn segments_off_word_boundaries_are_listed_in_their_context() {
    let got = import_qdpx(&fixture("refi/nvivo-12.6-win/oltas0517.qdpx")).expect("import");
    let r = &got.report;
    let (on, all) = r.on_words;
    assert_eq!(r.off_words.len(), (all - on).min(10));
    let text = r.text(false);
    assert!(text.contains("Those that do not"), "{text}");
    for (doc, a, z, seg) in &r.off_words {
        assert!(
            text.contains(&format!("{doc}, chars {a}–{z}: {seg}")),
            "{text}"
        );
        let d = got.project.document_by_name(doc).expect("doc");
        let inside = d.slice(CharRange::new(*a, *z));
        let shown = seg
            .split('[')
            .nth(1)
            .and_then(|s| s.split(']').next())
            .expect("[ ]");
        let shown = shown.trim_end_matches('…');
        assert!(
            inside.replace(['\n', '\r', '\t'], " ").starts_with(shown),
            "{shown:?} is the start of {inside:?}"
        );
    }
    assert!(r.text(true).contains("آن‌هایی که نه"));
}
