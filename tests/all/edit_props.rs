//! Invariants of editing: undo after any command sequence restores the
//! project exactly, redo replays it, and offsets stay valid.

use proptest::prelude::*;
use strata::edit::{self, Command, History};
use strata::model::*;

fn demo() -> Project {
    strata::demo::demo_project().expect("demo")
}

/// One random user step, built from indices into the current project.
#[derive(Clone, Debug)]
pub(super) enum Step {
    Code {
        doc: usize,
        a: usize,
        len: usize,
        code: usize,
    },
    CodeLines {
        doc: usize,
        line: usize,
        code: usize,
    },
    RemoveCoding(usize),
    Resize {
        coding: usize,
        a: usize,
        len: usize,
    },
    Recode {
        coding: usize,
        code: usize,
    },
    Rename {
        code: usize,
        name: String,
    },
    Move {
        code: usize,
        parent: Option<usize>,
        index: usize,
    },
    Delete(usize),
    Merge {
        from: usize,
        into: usize,
    },
    Group {
        a: usize,
        b: usize,
    },
    Ungroup(usize),
    Memo {
        code: usize,
        body: String,
    },
    SetVar {
        doc: usize,
        value: String,
    },
    RemoveDoc(usize),
    Color {
        code: usize,
        color: usize,
    },
    Describe {
        code: usize,
        text: String,
    },
    Direction {
        doc: usize,
        which: usize,
    },
    GroupDoc {
        doc: usize,
        new: bool,
    },
    RenameDoc {
        doc: usize,
        name: String,
    },
    AddCoder(String),
    RemoveCoder(usize),
    Levels(Vec<String>),
    RenameProject(String),
    RemoveMemo(usize),
    /// Act as another coder from now on (not a command; changes who is
    /// recorded as `modified_by`).
    Actor(usize),
}

pub(super) fn step() -> impl Strategy<Value = Step> {
    let n = 0usize..1000;
    prop_oneof![
        (n.clone(), n.clone(), 1usize..80, n.clone()).prop_map(|(doc, a, len, code)| Step::Code {
            doc,
            a,
            len,
            code
        }),
        (n.clone(), n.clone(), n.clone()).prop_map(|(doc, line, code)| Step::CodeLines {
            doc,
            line,
            code
        }),
        n.clone().prop_map(Step::RemoveCoding),
        (n.clone(), n.clone(), 1usize..50).prop_map(|(coding, a, len)| Step::Resize {
            coding,
            a,
            len
        }),
        (n.clone(), n.clone()).prop_map(|(coding, code)| Step::Recode { coding, code }),
        (n.clone(), "[a-zآ-ی ]{1,12}").prop_map(|(code, name)| Step::Rename { code, name }),
        (n.clone(), proptest::option::of(n.clone()), 0usize..10).prop_map(
            |(code, parent, index)| Step::Move {
                code,
                parent,
                index
            }
        ),
        n.clone().prop_map(Step::Delete),
        (n.clone(), n.clone()).prop_map(|(from, into)| Step::Merge { from, into }),
        (n.clone(), n.clone()).prop_map(|(a, b)| Step::Group { a, b }),
        n.clone().prop_map(Step::Ungroup),
        (n.clone(), ".{0,20}").prop_map(|(code, body)| Step::Memo { code, body }),
        (n.clone(), "[0-9]{1,3}").prop_map(|(doc, value)| Step::SetVar { doc, value }),
        n.clone().prop_map(Step::RemoveDoc),
        (n.clone(), 0usize..12).prop_map(|(code, color)| Step::Color { code, color }),
        (n.clone(), ".{0,20}").prop_map(|(code, text)| Step::Describe { code, text }),
        (n.clone(), 0usize..3).prop_map(|(doc, which)| Step::Direction { doc, which }),
        (n.clone(), proptest::bool::ANY).prop_map(|(doc, new)| Step::GroupDoc { doc, new }),
        (n.clone(), "[a-zآ-ی]{1,8}").prop_map(|(doc, name)| Step::RenameDoc { doc, name }),
        "[a-zآ-ی ]{0,8}".prop_map(Step::AddCoder),
        n.clone().prop_map(Step::RemoveCoder),
        proptest::collection::vec("[a-zآ-ی]{1,8}", 0..4).prop_map(Step::Levels),
        "[a-zآ-ی ]{0,8}".prop_map(Step::RenameProject),
        n.clone().prop_map(Step::RemoveMemo),
        n.prop_map(Step::Actor),
    ]
}

fn pick<T: Copy>(v: &[T], i: usize) -> Option<T> {
    (!v.is_empty()).then(|| v[i % v.len()])
}

pub(super) fn to_command(p: &Project, s: &Step) -> Option<Command> {
    let codes: Vec<CodeId> = p.codes.keys().copied().collect();
    let codings: Vec<CodingId> = p.codings.keys().copied().collect();
    let coder = p.coders.first()?.id;
    Some(match s {
        Step::Code { doc, a, len, code } => {
            let d = &p.documents[doc % p.documents.len().max(1)];
            let n = d.char_count();
            let start = a % n.max(1);
            edit::new_coding(
                d.id,
                CharRange::new(start, (start + len).min(n)),
                pick(&codes, *code)?,
                coder,
            )
        }
        Step::CodeLines { doc, line, code } => {
            let d = p.documents.get(doc % p.documents.len().max(1))?;
            let l = 1 + line % d.line_count();
            edit::new_coding(d.id, d.line_range(l)?, pick(&codes, *code)?, coder)
        }
        Step::RemoveCoding(i) => Command::RemoveCoding {
            id: pick(&codings, *i)?,
        },
        Step::Resize { coding, a, len } => {
            let id = pick(&codings, *coding)?;
            let n = p.document(p.codings[&id].document)?.char_count();
            let start = a % n.max(1);
            Command::ResizeCoding {
                id,
                range: CharRange::new(start, (start + len).min(n)),
            }
        }
        Step::Recode { coding, code } => Command::RecodeCoding {
            id: pick(&codings, *coding)?,
            code: pick(&codes, *code)?,
        },
        Step::Rename { code, name } => Command::RenameCode {
            id: pick(&codes, *code)?,
            name: name.clone(),
        },
        Step::Move {
            code,
            parent,
            index,
        } => Command::MoveCode {
            id: pick(&codes, *code)?,
            parent: parent.and_then(|i| pick(&codes, i)),
            index: *index,
        },
        Step::Delete(i) => Command::RemoveCode {
            id: pick(&codes, *i)?,
        },
        Step::Merge { from, into } => {
            edit::merge_codes(p, pick(&codes, *from)?, pick(&codes, *into)?).ok()?
        }
        Step::Group { a, b } => {
            edit::group_codes(p, &[pick(&codes, *a)?, pick(&codes, *b)?], "گروه")
                .ok()?
                .0
        }
        Step::Ungroup(i) => edit::ungroup(p, pick(&codes, *i)?).ok()?,
        Step::Memo { code, body } => {
            let id = pick(&codes, *code)?;
            edit::put_memo(
                p.memos_on(MemoTarget::Code(id)).next(),
                MemoTarget::Code(id),
                "m",
                body,
                Some(coder),
            )
        }
        Step::SetVar { doc, value } => Command::SetVariable {
            id: p.documents.get(doc % p.documents.len().max(1))?.id,
            name: "minutes".into(),
            value: Some(value.clone()),
        },
        Step::RemoveDoc(i) => Command::RemoveDocument {
            id: p.documents.get(i % p.documents.len().max(1))?.id,
        },
        Step::Color { code, color } => Command::SetCodeColor {
            id: pick(&codes, *code)?,
            color: edit::palette_color(*color),
        },
        Step::Describe { code, text } => Command::SetCodeDescription {
            id: pick(&codes, *code)?,
            description: Description {
                definition: text.clone(),
                ..Description::default()
            },
        },
        Step::Direction { doc, which } => Command::SetDirection {
            id: p.documents.get(doc % p.documents.len().max(1))?.id,
            direction: [Direction::Auto, Direction::Rtl, Direction::Ltr][*which],
        },
        Step::GroupDoc { doc, new } => {
            let id = p.documents.get(doc % p.documents.len().max(1))?.id;
            if *new || p.groups.is_empty() {
                let group = DocGroup {
                    id: GroupId::new(),
                    name: "g".into(),
                    description: String::new(),
                    stamp: Stamp::now(None),
                };
                let gid = group.id;
                Command::Batch {
                    label: strata::edit::Step::MoveDocumentToNewGroup,
                    commands: vec![
                        Command::AddGroup {
                            group,
                            index: p.groups.len(),
                        },
                        Command::SetDocumentGroup {
                            id,
                            group: Some(gid),
                        },
                    ],
                }
            } else {
                Command::RemoveGroup {
                    id: p.groups[doc % p.groups.len()].id,
                }
            }
        }
        Step::RenameDoc { doc, name } => Command::RenameDocument {
            id: p.documents.get(doc % p.documents.len().max(1))?.id,
            name: name.clone(),
        },
        Step::AddCoder(name) => Command::AddCoder {
            coder: Coder {
                id: CoderId::new(),
                name: name.clone(),
                color: edit::palette_color(name.len()),
            },
            index: name.len(),
        },
        Step::RemoveCoder(i) => Command::RemoveCoder {
            id: p.coders.get(i % p.coders.len().max(1))?.id,
        },
        Step::Levels(names) => Command::SetLevelNames {
            names: names.clone(),
        },
        Step::RenameProject(name) => Command::RenameProject { name: name.clone() },
        Step::RemoveMemo(i) => {
            let memos: Vec<MemoId> = p.memos.keys().copied().collect();
            Command::RemoveMemo {
                id: pick(&memos, *i)?,
            }
        }
        Step::Actor(_) => return None,
    })
}

/// Every coding lies inside its document, the tree places each code once,
/// no two codings are identical, and coders have distinct, non-blank names.
fn assert_valid(p: &Project) {
    let mut seen = std::collections::BTreeSet::new();
    for c in p.codings.values() {
        assert!(
            seen.insert((c.document, c.range, c.code, c.coder)),
            "duplicate coding"
        );
    }
    let names: std::collections::BTreeSet<&str> =
        p.coders.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), p.coders.len(), "coder names are distinct");
    assert!(p.coders.iter().all(|c| !c.name.trim().is_empty()));
    for c in p.codings.values() {
        let d = p.document(c.document).expect("coding's document exists");
        assert!(
            c.range.fits(d.char_count()),
            "range {} in {} chars",
            c.range,
            d.char_count()
        );
        assert!(p.codes.contains_key(&c.code));
    }
    assert_eq!(
        p.walk().len(),
        p.codes.len(),
        "every code placed exactly once"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn undo_restores_and_redo_replays(steps in proptest::collection::vec(step(), 1..25)) {
        let original = demo();
        let mut p = original.clone();
        let mut h = History::new();
        let mut applied = 0;
        for s in &steps {
            if let Step::Actor(i) = s {
                let coder = p.coders.get(i % p.coders.len().max(1)).map(|c| c.id);
                p.set_actor(coder);
            }
            if let Some(cmd) = to_command(&p, s) {
                let before = p.clone();
                // Built before the step, so that a coding command updates
                // it in place; it must equal a fresh build after.
                let _ = p.index();
                match h.apply(&mut p, cmd) {
                    Ok(()) => applied += 1,
                    Err(_) => prop_assert_eq!(&p, &before, "a failed command changed the project"),
                }
                prop_assert_eq!(p.index(), &ProjectIndex::build(&p), "the index follows the step");
                assert_valid(&p);
            }
        }
        let after = p.clone();
        for _ in 0..applied {
            let _ = p.index();
            prop_assert!(h.undo(&mut p).expect("undo").is_some());
            prop_assert_eq!(p.index(), &ProjectIndex::build(&p), "the index follows undo");
        }
        prop_assert_eq!(&p, &original);
        for _ in 0..applied {
            prop_assert!(h.redo(&mut p).expect("redo").is_some());
        }
        prop_assert_eq!(&p, &after);
    }
}

#[test]
fn deleting_a_code_with_codings_is_undone_with_its_codings() {
    let mut p = demo();
    let (id, _) = p
        .own_counts()
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .expect("a coded code");
    let parent_cat = p.code_path(id)[0];
    let before = p.clone();
    let mut h = History::new();
    h.apply(&mut p, Command::RemoveCode { id: parent_cat })
        .expect("delete category");
    assert!(p.codings.values().all(|c| c.code != id));
    assert_eq!(
        h.undo_label().map(|s| s.english()).as_deref(),
        Some("Delete code")
    );
    h.undo(&mut p).expect("undo");
    assert_eq!(p, before);
}
