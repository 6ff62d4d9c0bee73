//! REFI-QDA export: every `.qde` and `.qdc` validates against the published
//! schemas (checked by `xmllint`, as another tool's importer would), the
//! `.qdpx` holds the texts byte for byte, positions select the coded text
//! in code points, memos land where they are attached, and the same
//! project always gives the same bytes.

use super::refi_xml::*;
use super::util::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use strata::export::refi::{REPLACEMENT, qdc_xml, qde_xml, qdpx_bytes, selection_guid};
use strata::model::*;

// ---- projects ---------------------------------------------------------------

fn demo() -> Project {
    strata::demo::demo_project().expect("demo")
}

fn coder(name: &str) -> Coder {
    Coder {
        id: CoderId::new(),
        name: name.into(),
        color: "#112233".into(),
    }
}

fn code(p: &mut Project, parent: Option<CodeId>, name: &str) -> CodeId {
    let c = Code::new(name, "#a1b2c3");
    let id = c.id;
    p.codes.insert(id, c);
    match parent {
        Some(parent) => p.codes.get_mut(&parent).expect("parent").children.push(id),
        None => p.roots.push(id),
    }
    id
}

fn coding(
    p: &mut Project,
    doc: DocId,
    code: CodeId,
    coder: CoderId,
    a: usize,
    b: usize,
) -> CodingId {
    let c = Coding {
        id: CodingId::new(),
        document: doc,
        range: CharRange::new(a, b),
        code,
        coder,
        origin: Origin::Manual,
        stamp: Stamp::now(Some(coder)),
    };
    let id = c.id;
    p.codings.insert(id, c);
    id
}

fn memo(p: &mut Project, target: MemoTarget, title: &str, body: &str) -> MemoId {
    let m = Memo {
        id: MemoId::new(),
        target,
        title: title.into(),
        body: body.into(),
        stamp: Stamp::now(None),
    };
    let id = m.id;
    p.memos.insert(id, m);
    id
}

/// Persian with ZWNJ, emoji (astral, ZWJ sequence), markup characters,
/// groups, code sets, variables, a code that only groups others, a coder
/// missing from the list, and memos on everything.
fn awkward() -> Project {
    let mut p = Project::new("مطالعهٔ «شهر» & <test> \"quoted\" 'single'");
    let sara = coder("سارا & <Sara>");
    p.coders.push(sara.clone());
    let ghost = CoderId::new(); // codes, but is not in the list
    let mut d1 = Document::new(
        "مصاحبه‌ی ۱ <P1> & \"x\"",
        "P1: من می‌خواهم 😟 بگویم که «شهر» & <خوب> است.\nI: 👨‍👩‍👧 family? \"yes\" 'no'\n\tتب و فاصله  ",
    );
    d1.variables.insert("سن".into(), "۳۴".into());
    d1.variables
        .insert("role & <type>".into(), "manager \"A\"".into());
    let group = DocGroup {
        id: GroupId::new(),
        name: "گروه «الف» & <B>".into(),
        description: "توضیح\nخط دوم".into(),
        stamp: Stamp::now(None),
    };
    d1.group = Some(group.id);
    p.groups.push(group);
    p.groups.push(DocGroup {
        id: GroupId::new(),
        name: "empty group".into(),
        description: String::new(),
        stamp: Stamp::now(None),
    });
    let d2 = Document::new("English & <two>", "Plain English text.");
    let (id1, id2) = (d1.id, d2.id);
    p.documents.push(d1);
    p.documents.push(d2);
    let cat = code(&mut p, None, "مقوله‌ی «اصلی» & <cat>");
    p.codes.get_mut(&cat).expect("cat").codable = false;
    let sub = code(&mut p, Some(cat), "زیرمقوله 😟");
    let leaf = code(&mut p, Some(sub), "کد \"quoted\" 'x' <y> & z");
    p.codes.get_mut(&leaf).expect("leaf").description = Description {
        definition: "تعریف & <def>".into(),
        when_to_use: "وقتی که…".into(),
        example: "«مثال»".into(),
    };
    let plain = code(&mut p, None, "no description");
    p.code_sets.push(CodeSet {
        id: SetId::new(),
        name: "مجموعه & <set>".into(),
        description: "کدهای مهم".into(),
        codes: vec![plain, leaf, CodeId::new()], // the last one is gone
        stamp: Stamp::now(None),
    });
    let c1 = coding(&mut p, id1, leaf, sara.id, 4, 20);
    coding(&mut p, id1, plain, ghost, 0, 2);
    coding(&mut p, id2, plain, sara.id, 0, 5);
    memo(
        &mut p,
        MemoTarget::Project,
        "پروژه & <p>",
        "یادداشت\r\nپروژه",
    );
    memo(&mut p, MemoTarget::Code(leaf), "code memo", "«کد» & <b>");
    memo(&mut p, MemoTarget::Document(id1), "doc memo", "");
    memo(
        &mut p,
        MemoTarget::Coding(c1),
        "coding memo",
        "  spaces kept  ",
    );
    p
}

// ---- tests ------------------------------------------------------------------

#[test]
fn demo_qde_and_qdc_validate_against_the_refi_schemas() {
    let p = demo();
    assert_valid_qde(&qde_xml(&p));
    assert_valid_qdc(&qdc_xml(&p));
}

#[test]
fn awkward_projects_validate() {
    let mut cases = vec![("awkward", awkward()), ("empty", Project::new(""))];
    // Codes without descriptions, no coders at all (codings by coders the
    // project does not list), no memos, no groups.
    let mut bare = Project::new("bare");
    let d = Document::new("d", "one two");
    let did = d.id;
    bare.documents.push(d);
    let c = code(&mut bare, None, "c");
    coding(&mut bare, did, c, CoderId::new(), 0, 3);
    cases.push(("bare", bare));
    // A code set only, no groups; a group only, no code sets.
    let mut sets_only = Project::new("sets");
    let c = code(&mut sets_only, None, "c");
    sets_only.code_sets.push(CodeSet {
        id: SetId::new(),
        name: "s".into(),
        description: String::new(),
        codes: vec![],
        stamp: Stamp::now(None),
    });
    sets_only.code_sets.push(CodeSet {
        id: SetId::new(),
        name: "t".into(),
        description: String::new(),
        codes: vec![c],
        stamp: Stamp::now(None),
    });
    cases.push(("code sets only", sets_only));
    let mut group_only = Project::new("groups");
    group_only.groups.push(DocGroup {
        id: GroupId::new(),
        name: "g".into(),
        description: String::new(),
        stamp: Stamp::now(None),
    });
    cases.push(("group only", group_only));
    for (what, p) in &cases {
        let qde = qde_xml(p);
        if let Err(e) = xmllint(&qde, Some("Project-mrt2019.xsd")) {
            panic!("{what}: project.qde does not validate:\n{e}\n{qde}");
        }
        let qdc = qdc_xml(p);
        if p.codes.is_empty() {
            // The schema needs a Code: well-formed, and the byte export
            // (CLI, GUI) refuses it with a reason.
            xmllint(&qdc, None).expect("well-formed");
            let err = strata::export::refi::qdc_bytes(p).expect_err("refused");
            assert!(err.to_string().contains("no codes"), "{err}");
        } else if let Err(e) = xmllint(&qdc, Some("Codebook-mrt2019.xsd")) {
            panic!("{what}: codebook does not validate:\n{e}\n{qdc}");
        }
    }
}

#[test]
fn names_descriptions_and_memos_come_back_exactly() {
    let p = awkward();
    let root = parse(&qde_xml(&p));
    assert_eq!(root.attr("name"), p.name);
    assert!(root.attr("origin").starts_with("Strata "));
    for c in p.codes.values() {
        let e = root.by_guid("Code", c.id);
        assert_eq!(e.attr("name"), c.name);
        assert_eq!(e.attr("color"), c.color);
        assert_eq!(
            e.attr("isCodable"),
            if c.codable { "true" } else { "false" }
        );
        let desc = e.kids("Description");
        assert_eq!(
            desc.first().map_or("", |d| d.text.as_str()),
            c.description.joined()
        );
    }
    // Tree order: each code's children in the user's order.
    for c in p.codes.values() {
        let kids: Vec<String> = root
            .by_guid("Code", c.id)
            .kids("Code")
            .iter()
            .map(|k| k.attr("guid").to_string())
            .collect();
        let want: Vec<String> = c.children.iter().map(ToString::to_string).collect();
        assert_eq!(kids, want);
    }
    for d in &p.documents {
        let e = root.by_guid("TextSource", d.id);
        assert_eq!(e.attr("name"), d.name);
        assert_eq!(e.attr("plainTextPath"), format!("internal://{}.txt", d.id));
        let vars: BTreeMap<String, String> = e
            .kids("VariableValue")
            .iter()
            .map(|v| {
                let target = v.kids("VariableRef")[0].attr("targetGUID").to_string();
                let var = root.by_guid("Variable", &target);
                assert_eq!(var.attr("typeOfVariable"), "Text");
                (
                    var.attr("name").to_string(),
                    v.kids("TextValue")[0].text.clone(),
                )
            })
            .collect();
        assert_eq!(vars, d.variables);
    }
    for m in p.memos.values() {
        let n = root.by_guid("Note", m.id);
        assert_eq!(n.attr("name"), m.title);
        assert_eq!(n.kids("PlainTextContent")[0].text, m.body);
    }
    // Groups as sets of sources, with their description; code sets as sets
    // of codes, in the set's order, without the code that is gone.
    let g = &p.groups[0];
    let set = root.by_guid("Set", g.id);
    assert_eq!(set.attr("name"), g.name);
    assert_eq!(set.kids("Description")[0].text, g.description);
    assert_eq!(
        set.kids("MemberSource")[0].attr("targetGUID"),
        p.documents[0].id.to_string()
    );
    let cs = &p.code_sets[0];
    let set = root.by_guid("Set", cs.id);
    let members: Vec<&str> = set
        .kids("MemberCode")
        .iter()
        .map(|m| m.attr("targetGUID"))
        .collect();
    assert_eq!(members, [cs.codes[0].to_string(), cs.codes[1].to_string()]);
    // Users: the coders, and a User for the coder the list lacks.
    let users: Vec<String> = root
        .find("User")
        .iter()
        .map(|u| u.attr("guid").to_string())
        .collect();
    for c in p.codings.values() {
        assert!(
            users.contains(&c.coder.to_string()),
            "no User for {}",
            c.coder
        );
        let e = root.by_guid("Coding", c.id);
        assert_eq!(e.attr("creatingUser"), c.coder.to_string());
        let when = chrono::DateTime::parse_from_rfc3339(e.attr("creationDateTime")).expect("date");
        assert_eq!(
            Some(when.to_utc()),
            c.stamp.created,
            "the time comes back exactly"
        );
    }
    assert_eq!(
        root.by_guid("User", p.coders[0].id).attr("name"),
        p.coders[0].name
    );
    // The codebook: the same tree and the code set (members by guid).
    let qdc = parse(&qdc_xml(&p));
    for c in p.codes.values() {
        assert_eq!(qdc.by_guid("Code", c.id).attr("name"), c.name);
    }
    let set = qdc.by_guid("Set", cs.id);
    assert_eq!(set.kids("MemberCode").len(), 2);
    assert_eq!(
        set.kids("MemberCode")[0].attr("guid"),
        cs.codes[0].to_string()
    );
}

#[test]
fn qdpx_holds_the_project_and_each_text_byte_for_byte() {
    for p in [demo(), awkward()] {
        let files = unzip(&qdpx_bytes(&p).expect("qdpx"));
        let mut want: Vec<String> = p
            .documents
            .iter()
            .map(|d| format!("sources/{}.txt", d.id))
            .collect();
        want.push("project.qde".into());
        want.sort();
        assert_eq!(files.keys().cloned().collect::<Vec<_>>(), want);
        for d in &p.documents {
            assert_eq!(files[&format!("sources/{}.txt", d.id)], d.text().as_bytes());
        }
        let qde = String::from_utf8(files["project.qde"].clone()).expect("UTF-8");
        assert_eq!(qde, qde_xml(&p));
        assert_valid_qde(&qde);
    }
}

#[test]
fn positions_select_the_coded_text_in_code_points() {
    let p = awkward();
    let files = unzip(&qdpx_bytes(&p).expect("qdpx"));
    let root = parse(std::str::from_utf8(&files["project.qde"]).expect("UTF-8"));
    let doc = &p.documents[0];
    assert!(doc.text().contains('😟') && doc.text().contains('\u{200C}'));
    let mut checked = 0;
    for c in p.codings.values() {
        let sel = root.by_guid("PlainTextSelection", selection_guid(c.id));
        let source = root
            .find("TextSource")
            .into_iter()
            .find(|s| {
                s.find("PlainTextSelection")
                    .iter()
                    .any(|x| std::ptr::eq(*x, sel))
            })
            .expect("selection inside a source");
        let path = source
            .attr("plainTextPath")
            .replace("internal://", "sources/");
        let text = std::str::from_utf8(&files[&path]).expect("UTF-8 source");
        let start: usize = sel.attr("startPosition").parse().expect("start");
        let end: usize = sel.attr("endPosition").parse().expect("end");
        let chosen: String = text.chars().skip(start).take(end - start).collect();
        let d = p.document(c.document).expect("doc");
        assert_eq!(chosen, d.slice(c.range), "coding {}", c.id);
        // One selection per coding, carrying it under its own ID.
        let codings = sel.kids("Coding");
        assert_eq!(codings.len(), 1);
        assert_eq!(codings[0].attr("guid"), c.id.to_string());
        assert_eq!(
            codings[0].kids("CodeRef")[0].attr("targetGUID"),
            c.code.to_string()
        );
        checked += 1;
    }
    assert_eq!(checked, 3);
    // The Persian coding really crosses the emoji: code points, not UTF-16.
    let persian = p
        .codings
        .values()
        .find(|c| c.range.start.0 == 4)
        .expect("coding");
    assert!(doc.slice(persian.range).contains('😟'));
}

#[test]
fn memos_are_notes_referenced_where_they_are_attached() {
    for p in [demo(), awkward()] {
        let root = parse(&qde_xml(&p));
        let notes = root.kids("Notes");
        assert_eq!(notes[0].kids("Note").len(), p.memos.len());
        // Every NoteRef in the file, by the element holding it.
        let mut refs: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        fn collect(e: &El, refs: &mut BTreeMap<String, Vec<(String, String)>>) {
            for r in e.note_refs() {
                refs.entry(r)
                    .or_default()
                    .push((e.name.clone(), e.attr("guid").to_string()));
            }
            for k in &e.kids {
                collect(k, refs);
            }
        }
        collect(&root, &mut refs);
        for m in p.memos.values() {
            let want = match m.target {
                MemoTarget::Project => None,
                MemoTarget::Code(c) => Some(("Code".to_string(), c.to_string())),
                MemoTarget::Document(d) => Some(("TextSource".to_string(), d.to_string())),
                MemoTarget::Coding(c) => Some((
                    "PlainTextSelection".to_string(),
                    selection_guid(c).to_string(),
                )),
            };
            let got = refs.get(&m.id.to_string()).cloned().unwrap_or_default();
            assert_eq!(
                got,
                want.into_iter().collect::<Vec<_>>(),
                "memo {:?}",
                m.target
            );
        }
    }
}

#[test]
fn the_same_project_gives_the_same_bytes() {
    for p in [demo(), awkward()] {
        let a = qdpx_bytes(&p).expect("qdpx");
        let b = qdpx_bytes(&p.clone()).expect("qdpx");
        assert_eq!(a, b);
        assert_eq!(qdc_xml(&p), qdc_xml(&p.clone()));
    }
    // A round trip through the project file changes nothing either.
    let dir = tmp();
    let path = dir.path().join("demo.strata");
    let p = demo();
    strata::store::save(&p, &path).expect("save");
    let again = strata::store::load(&path).expect("load").0;
    assert_eq!(
        qdpx_bytes(&p).expect("qdpx"),
        qdpx_bytes(&again).expect("qdpx")
    );
}

fn cli_export(project: &Path, format: &str, out: &Path) -> std::process::Output {
    strata(&[
        "export",
        &project.to_string_lossy(),
        "--format",
        format,
        "--output",
        &out.to_string_lossy(),
    ])
}

#[test]
fn cli_writes_qdpx_and_qdc_and_never_over_the_project() {
    let dir = tmp();
    let project = small_project(dir.path());
    let p = strata::store::load(&project).expect("load").0;
    let out = dir.path().join("small.qdpx");
    let o = cli_export(&project, "qdpx", &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).expect("written");
    assert_eq!(bytes, qdpx_bytes(&p).expect("qdpx"));
    let files = unzip(&bytes);
    assert_valid_qde(std::str::from_utf8(&files["project.qde"]).expect("UTF-8"));
    let qdc = dir.path().join("small.qdc");
    let o = cli_export(&project, "qdc", &qdc);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_valid_qdc(&std::fs::read_to_string(&qdc).expect("written"));
    // Over the project itself: refused, and the project is untouched.
    let before = std::fs::read(&project).expect("read");
    for format in ["qdpx", "qdc"] {
        let o = cli_export(&project, format, &project);
        assert!(!o.status.success(), "{format} over the project was written");
        assert!(
            stderr(&o).contains("never writes over it"),
            "{}",
            stderr(&o)
        );
        assert_eq!(std::fs::read(&project).expect("read"), before);
    }
    // No temporary file is left beside the output.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("small."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Text XML 1.0 cannot hold, as the exporter writes it.
fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if strata::export::refi::xml_char(c) {
                c
            } else {
                REPLACEMENT
            }
        })
        .collect()
}

fn any_text() -> impl Strategy<Value = String> {
    // Control characters, markup, Persian, ZWNJ, emoji, noncharacters.
    proptest::collection::vec(
        prop_oneof![
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            prop::sample::select(vec![
                '&', '<', '>', '"', '\'', ']', '\u{200C}', 'ی', 'ك', '😟', '\u{FFFE}', '\u{FFFF}',
                '\u{7F}', '\u{85}', '\u{2028}', ' ', 'a',
            ]),
            any::<char>(),
        ],
        0..24,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any names and texts, control characters included, give valid files;
    /// what XML cannot hold comes back as U+FFFD, all else exactly.
    #[test]
    fn any_text_gives_valid_xml(
        name in any_text(),
        body in any_text(),
        text in any_text(),
        value in any_text(),
    ) {
        let mut p = Project::new(name.clone());
        p.coders.push(coder(&name));
        let mut d = Document::new(name.clone(), &format!("x{text}"));
        d.variables.insert(name.clone(), value.clone());
        let did = d.id;
        p.documents.push(d);
        let c = code(&mut p, None, &name);
        p.codes.get_mut(&c).expect("code").description.definition = body.clone();
        let coder_id = p.coders[0].id;
        let len = p.documents[0].char_count();
        let k = coding(&mut p, did, c, coder_id, 0, len);
        let m = memo(&mut p, MemoTarget::Coding(k), &name, &body);
        p.code_sets.push(CodeSet {
            id: SetId::new(),
            name: name.clone(),
            description: body.clone(),
            codes: vec![c],
            stamp: Stamp::now(None),
        });
        let qde = qde_xml(&p);
        prop_assert!(xmllint(&qde, Some("Project-mrt2019.xsd")).is_ok(), "{qde}");
        let qdc = qdc_xml(&p);
        prop_assert!(xmllint(&qdc, Some("Codebook-mrt2019.xsd")).is_ok(), "{qdc}");
        let root = parse(&qde);
        prop_assert_eq!(root.attr("name"), xml_safe(&name));
        prop_assert_eq!(root.by_guid("Code", c).attr("name"), xml_safe(&name));
        let note = root.by_guid("Note", m);
        prop_assert_eq!(&note.kids("PlainTextContent")[0].text, &xml_safe(&body));
        let value_back = &root.find("TextValue")[0].text;
        prop_assert_eq!(value_back, &xml_safe(&value));
        // The document's text is in its own file, untouched.
        let files = unzip(&qdpx_bytes(&p).expect("qdpx"));
        prop_assert_eq!(&files[&format!("sources/{did}.txt")], &p.documents[0].text().as_bytes().to_vec());
    }
}
