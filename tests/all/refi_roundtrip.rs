//! Strata → .qdpx → Strata gives the same project: ids, the code tree,
//! documents and their variables, codings with coder and date, memos,
//! coders, groups and code sets. Persian with ZWNJ, emoji, and sources that
//! had CRLF line ends (other tools' exports) included.

use super::util::*;
use strata::import::refi::import_qdpx;
use strata::model::*;

/// Export to a .qdpx file and import it again; the import's report too.
fn through_qdpx(p: &Project) -> (Project, String) {
    let dir = tmp();
    let path = dir.path().join("study.qdpx");
    let bytes = strata::export::refi::qdpx_bytes(p).expect("export");
    std::fs::write(&path, bytes).expect("write");
    let got = import_qdpx(&path).expect("import");
    (got.project, got.report.text(false))
}

type DocRow = (
    DocId,
    String,
    String,
    Vec<(String, String)>,
    Option<GroupId>,
);
type CodeRow = (CodeId, String, String, Description, Vec<CodeId>, bool);
type CodingRow = (CodingId, DocId, CharRange, CodeId, CoderId, Option<i64>);

fn docs(p: &Project) -> Vec<DocRow> {
    p.documents
        .iter()
        .map(|d| {
            let vars = d.variables.iter().map(|(k, v)| (k.clone(), v.clone()));
            (
                d.id,
                d.name.clone(),
                d.text().to_string(),
                vars.collect(),
                d.group,
            )
        })
        .collect()
}

fn codes(p: &Project) -> Vec<CodeRow> {
    p.codes
        .values()
        .map(|c| {
            let colour = c.color.to_lowercase();
            let desc = c.description.clone();
            (
                c.id,
                c.name.clone(),
                colour,
                desc,
                c.children.clone(),
                c.codable,
            )
        })
        .collect()
}

fn codings(p: &Project) -> Vec<CodingRow> {
    p.codings
        .values()
        .map(|c| {
            // Dates travel as xsd:dateTime: to the second.
            let at = c.stamp.created.map(|t| t.timestamp());
            (c.id, c.document, c.range, c.code, c.coder, at)
        })
        .collect()
}

fn memos(p: &Project) -> Vec<(MemoId, MemoTarget, String, String)> {
    p.memos
        .values()
        .map(|m| (m.id, m.target, m.title.clone(), m.body.clone()))
        .collect()
}

fn assert_same(a: &Project, b: &Project) {
    assert_eq!(docs(a), docs(b), "documents");
    assert_eq!(a.roots, b.roots, "top-level codes in order");
    assert_eq!(codes(a), codes(b), "codes");
    assert_eq!(codings(a), codings(b), "codings");
    assert_eq!(memos(a), memos(b), "memos");
    let coders = |p: &Project| -> Vec<(CoderId, String)> {
        p.coders.iter().map(|c| (c.id, c.name.clone())).collect()
    };
    assert_eq!(coders(a), coders(b), "coders");
    let groups = |p: &Project| -> Vec<(GroupId, String, String)> {
        p.groups
            .iter()
            .map(|g| (g.id, g.name.clone(), g.description.clone()))
            .collect()
    };
    assert_eq!(groups(a), groups(b), "document groups");
    let sets = |p: &Project| -> Vec<(SetId, String, String, Vec<CodeId>)> {
        p.code_sets
            .iter()
            .map(|s| (s.id, s.name.clone(), s.description.clone(), s.codes.clone()))
            .collect()
    };
    assert_eq!(sets(a), sets(b), "code sets");
}

#[test]
fn the_demo_project_comes_back_the_same() {
    let p = strata::demo::demo_project().expect("demo");
    assert!(!p.codings.is_empty() && !p.memos.is_empty());
    let (q, report) = through_qdpx(&p);
    assert_same(&p, &q);
    // The quotes are the same text, so every citation stays true.
    for c in p.codings.values() {
        let (a, b) = (p.document(c.document), q.document(c.document));
        let (a, b) = (a.expect("doc"), b.expect("doc"));
        assert_eq!(a.slice(c.range), b.slice(c.range));
    }
    assert!(!report.trim().is_empty(), "an import always reports");
}

/// A study with everything a researcher puts in one: Persian with ZWNJ,
/// an emoji ZWJ sequence, a transcript that came with CRLF line ends, a
/// code that only groups others, a described code set and group, memos on
/// every kind of thing, variables and two coders.
fn awkward_project(dir: &std::path::Path) -> Project {
    let mut p = Project::new("شهر & «مدیران» <test>");
    let sara = Coder {
        id: CoderId::new(),
        name: "سارا".into(),
        color: "#aa3355".into(),
    };
    let ali = Coder {
        id: CoderId::new(),
        name: "Ali O'Brien".into(),
        color: "#3355aa".into(),
    };
    let crlf = dir.join("P1.txt");
    let raw =
        "P1: می‌خواهم شهر را 👨\u{200d}👩\u{200d}👧 ببینم\r\nQ: & < > \" '\r\nP1: پایان 😟\r\n";
    std::fs::write(&crlf, raw).expect("write");
    let mut d1 = strata::import::read_document(&crlf, &Default::default()).expect("read");
    let group = DocGroup {
        id: GroupId::new(),
        name: "مدیران".into(),
        description: "Interviews with city managers".into(),
        stamp: Stamp::now(Some(sara.id)),
    };
    d1.group = Some(group.id);
    d1.variables.insert("participant".into(), "P1".into());
    d1.variables.insert("سمت".into(), "شهردار".into());
    let d2 = Document::new("خبرنگار ۲", "سطر اول\nسطر دوم با ZWNJ: نمی‌دانم");
    let mut cat = Code::new("مقوله", "#112233");
    let mut leaf = Code::new("کد «یک»", "#445566");
    leaf.description = Description {
        definition: "تعریف".into(),
        when_to_use: "وقتی که…".into(),
        example: "مثال".into(),
    };
    let other = Code::new("Other & <more>", "#778899");
    cat.children = vec![leaf.id, other.id];
    cat.codable = false;
    let text = d1.text().to_string();
    let family = text
        .find('👨')
        .map(|b| text[..b].chars().count())
        .expect("emoji");
    let c1 = Coding {
        id: CodingId::new(),
        document: d1.id,
        // The emoji family (5 chars: three people, two ZWJ).
        range: CharRange::new(family, family + 5),
        code: leaf.id,
        coder: sara.id,
        origin: Origin::Manual,
        stamp: Stamp::now(Some(sara.id)),
    };
    let c2 = Coding {
        id: CodingId::new(),
        document: d2.id,
        range: CharRange::new(0, d2.char_count()),
        code: other.id,
        coder: ali.id,
        origin: Origin::Manual,
        stamp: Stamp::now(Some(ali.id)),
    };
    let memo = |target, title: &str, body: &str| Memo {
        id: MemoId::new(),
        target,
        title: title.into(),
        body: body.into(),
        stamp: Stamp::now(Some(sara.id)),
    };
    for m in [
        memo(MemoTarget::Project, "یادداشت پروژه", "خط ۱\nخط ۲ & <b>"),
        memo(MemoTarget::Document(d1.id), "on P1", "about P1"),
        memo(MemoTarget::Code(leaf.id), "کد", "چرا این کد"),
        memo(
            MemoTarget::Coding(c1.id),
            "segment",
            "emoji 👨\u{200d}👩\u{200d}👧",
        ),
    ] {
        p.memos.insert(m.id, m);
    }
    p.code_sets.push(CodeSet {
        id: SetId::new(),
        name: "برای مقاله".into(),
        description: "codes in the paper".into(),
        codes: vec![other.id, leaf.id],
        stamp: Stamp::now(Some(sara.id)),
    });
    p.roots = vec![cat.id];
    for c in [cat, leaf, other] {
        p.codes.insert(c.id, c);
    }
    for c in [c1, c2] {
        p.codings.insert(c.id, c);
    }
    p.groups.push(group);
    p.documents = vec![d1, d2];
    p.coders = vec![sara, ali];
    p
}

#[test]
fn persian_emoji_crlf_and_every_kind_of_item_come_back_the_same() {
    let dir = tmp();
    let p = awkward_project(dir.path());
    let (q, _) = through_qdpx(&p);
    assert_same(&p, &q);
    let c = p
        .codings
        .values()
        .find(|c| c.range.len() == 5)
        .expect("emoji coding");
    let doc = q.document(c.document).expect("doc");
    assert_eq!(doc.slice(c.range), "👨\u{200d}👩\u{200d}👧");
    // Exported again: the same bytes (ids and order are stable).
    let once = strata::export::refi::qdpx_bytes(&p).expect("export");
    let again = strata::export::refi::qdpx_bytes(&q).expect("export");
    assert_eq!(
        strata::export::refi::qde_xml(&p),
        strata::export::refi::qde_xml(&q)
    );
    assert_eq!(once.len(), again.len());
}

/// Other tools' projects (NVivo's CRLF sources with a BOM and UTF-16
/// positions, qc's Arabic, Hebrew and Persian with emoji) come back from
/// Strata's own .qdpx as Strata first read them.
#[test]
fn other_tools_projects_come_back_the_same_from_stratas_qdpx() {
    for sample in [
        "nvivo-12.6-win/oltas0517.qdpx",
        "qc-1.7.8-rtl/rtl-qc.qdpx",
        "qc-1.3.2/demo.qdpx",
    ] {
        let first = import_qdpx(&fixture(&format!("refi/{sample}")))
            .expect("sample")
            .project;
        assert!(!first.codings.is_empty(), "{sample}");
        let (again, report) = through_qdpx(&first);
        assert_same(&first, &again);
        // Strata's own file counts code points; nothing is reported left out.
        assert!(report.contains("code points"), "{sample}: {report}");
        assert!(
            report.contains("nothing was left out"),
            "{sample}: {report}"
        );
        for c in first.codings.values() {
            let a = first.document(c.document).expect("doc").slice(c.range);
            let b = again.document(c.document).expect("doc").slice(c.range);
            assert_eq!(a, b, "{sample}");
        }
    }
}
