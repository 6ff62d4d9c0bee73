//! Core v2, edits: generations, the index, entity history, duplicate
//! codings, coders, the level guard, upgrade and the saved state.

use super::core_v2::{V1, current, v1_text};
use super::util::*;
use std::path::Path;
use strata::edit::{self, Command, EditError, History};
use strata::model::*;
use strata::store;

#[test]
fn generations_only_grow_across_new_load_and_edits() {
    let a = Project::new("a");
    let (b, _) = store::load(&fixture(V1)).expect("load");
    let (c, _) = store::load(&fixture(V1)).expect("load again");
    assert!(a.generation() < b.generation() && b.generation() < c.generation());
    let mut p = c;
    let before = p.generation();
    let id = *p.codes.keys().next().expect("a code");
    let mut h = History::new();
    h.apply(
        &mut p,
        Command::RenameCode {
            id,
            name: "x".into(),
        },
    )
    .expect("rename");
    let after_edit = p.generation();
    assert!(after_edit > before);
    h.undo(&mut p).expect("undo");
    assert!(
        p.generation() > after_edit,
        "undo is a change too: no value comes back"
    );
}

#[test]
fn the_index_follows_every_change() {
    let (mut p, _) = store::load(&fixture(V1)).expect("load");
    let doc = p.documents[0].id;
    let n = p.index().codings_of_document(doc).len();
    let code = p
        .codes
        .values()
        .find(|c| c.children.is_empty())
        .expect("leaf")
        .id;
    let coder = p.coders[0].id;
    let range = p.documents[0].line_range(1).expect("line 1");
    let cmd = edit::new_coding(doc, range, code, coder);
    let mut h = History::new();
    h.apply(&mut p, cmd).expect("code");
    let ix = p.index();
    assert_eq!(ix.codings_of_document(doc).len(), n + 1);
    assert!(
        ix.codings_of_code(code)
            .iter()
            .any(|c| p.codings[c].range == range)
    );
    assert_eq!(ix.total_count(code), ix.own_count(code));
    let parent = p.parent_of(code).expect("grouped");
    assert!(p.index().total_count(parent) >= p.index().own_count(code));
    // Sorted by position within the document.
    let starts: Vec<CharPos> = p
        .index()
        .codings_of_document(doc)
        .iter()
        .map(|c| p.codings[c].range.start)
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn an_identical_coding_is_refused() {
    let (mut p, _) = store::load(&fixture(V1)).expect("load");
    let c = p.codings.values().next().expect("a coding").clone();
    let again = edit::new_coding(c.document, c.range, c.code, c.coder);
    let before = p.clone();
    assert_eq!(again.clone().apply(&mut p), Err(EditError::DuplicateCoding));
    assert_eq!(p, before);
    // By another coder, it is a coding of its own.
    let other = p
        .coders
        .iter()
        .find(|k| k.id != c.coder)
        .expect("two coders")
        .id;
    edit::new_coding(c.document, c.range, c.code, other)
        .apply(&mut p)
        .expect("another coder's coding");
    // The CLI says so and changes nothing.
    let dir = tmp();
    let path = small_project(dir.path());
    let args = [
        "code",
        path.to_str().expect("utf-8"),
        "--document",
        "P7",
        "--lines",
        "2",
        "--code",
        "Trust",
        "--coder",
        "Sara",
        "--create",
    ];
    ok(&args);
    let bytes = std::fs::read(&path).expect("read");
    let o = strata(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already coded"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn coders_are_entities_found_by_name_never_blank_or_twice() {
    let dir = tmp();
    let path = small_project(dir.path());
    let f = path.to_str().expect("utf-8");
    let before = store::load(&path).expect("load").0.coders.len();
    ok(&code_args(f, "P7", "1", "Trust", "Nika"));
    ok(&code_args(f, "P7", "2", "Trust", " Nika "));
    // The same person typed differently: case, spaces, Arabic ي for ی.
    let code = |lines: &str, coder: &str| {
        ok(&code_args(f, "P7", lines, "Trust", coder));
    };
    code("3", "nika");
    code("1", "علی");
    code("2", "علي");
    let (p, _) = store::load(&path).expect("load");
    assert_eq!(
        p.coders.len(),
        before + 2,
        "Nika and علی, each found by name after"
    );
    let nika = p.coder_by_name("Nika").expect("Nika").id;
    assert_eq!(p.index().codings_of_coder(nika).len(), 3);
    let o = strata(&code_args(f, "P7", "3", "Trust", "  "));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("coder needs a name"));
    // A duplicate name is refused by the command itself.
    let mut q = p.clone();
    let dup = Command::AddCoder {
        coder: Coder {
            id: CoderId::new(),
            name: "Nika".into(),
            color: "#123456".into(),
        },
        index: 0,
    };
    assert_eq!(
        dup.apply(&mut q),
        Err(EditError::DuplicateCoder("Nika".into()))
    );
    assert!(matches!(
        edit::ensure_coder(&p, ""),
        Err(EditError::EmptyCoderName)
    ));
}

#[test]
fn edits_record_who_and_when_and_undo_restores_it() {
    let (mut p, _) = store::load(&fixture(V1)).expect("load");
    let omid = p.coder_by_name("Omid").expect("Omid").id;
    p.set_actor(Some(omid));
    let id = *p.codes.keys().next().expect("code");
    let old = p.codes[&id].stamp;
    let mut h = History::new();
    h.apply(
        &mut p,
        Command::RenameCode {
            id,
            name: "renamed".into(),
        },
    )
    .expect("rename");
    let new = p.codes[&id].stamp;
    assert_eq!(new.modified_by, Some(omid));
    assert!(new.modified.is_some());
    assert_eq!(new.created, old.created);
    h.undo(&mut p).expect("undo");
    assert_eq!(p.codes[&id].stamp, old);
    h.redo(&mut p).expect("redo");
    assert_eq!(p.codes[&id].stamp, new);
    // A coding made by the CLI records its coder and origin; memos their author.
    let dir = tmp();
    let path = small_project(dir.path());
    let f = path.to_str().expect("utf-8");
    ok(&code_args(f, "P7", "1", "New/Sub/Leaf", "Nika"));
    ok(&[
        "memo", f, "--code", "Leaf", "--title", "t", "--body", "b", "--author", "Nika",
    ]);
    let (q, _) = store::load(&path).expect("load");
    let nika = q.coder_by_name("Nika").expect("Nika").id;
    let leaf = q.resolve_path("New/Sub/Leaf").expect("leaf");
    assert_eq!(q.codes[&leaf].stamp.created_by, Some(nika));
    let coding = q.codings.values().find(|c| c.code == leaf).expect("coding");
    assert_eq!(coding.stamp.created_by, Some(nika));
    let memo = q.memos_on(MemoTarget::Code(leaf)).next().expect("memo");
    assert_eq!(memo.stamp.created_by, Some(nika));
}

#[test]
fn commands_are_data() {
    let (p, _) = store::load(&fixture(V1)).expect("load");
    let c = p.codings.values().next().expect("coding");
    let cmd = Command::Batch {
        label: edit::Step::CodeSegmentWith {
            code: "people's voice".into(),
        },
        commands: vec![Command::RemoveCoding { id: c.id }],
    };
    let json = serde_json::to_string(&cmd).expect("serialise");
    let back: Command = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, cmd);
}

#[test]
fn the_cli_keeps_the_code_tree_to_its_levels_unless_told() {
    let dir = tmp();
    let path = small_project(dir.path());
    let f = path.to_str().expect("utf-8");
    let bytes = std::fs::read(&path).expect("read");
    let deep = code_args(f, "P7", "1", "A/B/C/D", "Sara");
    let o = strata(&deep);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("4 levels deep") && stderr(&o).contains("--deeper"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "nothing changed"
    );
    let mut with = deep.to_vec();
    with.push("--deeper");
    ok(&with);
    let out = ok(&["check", f]);
    assert!(out.contains("note: code 'A/B/C/D' is at depth 4"), "{out}");
    let json = ok(&["export", f, "--format", "json", "--output", "-"]);
    assert!(
        json.contains("\"notes\"") && json.contains("A/B/C/D"),
        "{json}"
    );
}

#[test]
fn upgrade_rewrites_a_version_1_project_and_keeps_the_old_file() {
    let dir = tmp();
    let path = dir.path().join("old.strata");
    std::fs::copy(fixture(V1), &path).expect("copy");
    let f = path.to_str().expect("utf-8");
    let o = strata(&["upgrade", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("old.strata.v1.bak"), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains(&current())
    );
    assert_eq!(
        std::fs::read_to_string(store::older_backup_path(&path, 1)).expect("kept"),
        v1_text()
    );
    let (before, _) = store::load(&fixture(V1)).expect("v1");
    let (after, _) = store::load(&path).expect("v3");
    assert_eq!(after, before, "the same project, in the new format");
    let again = strata(&["upgrade", f]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains(&format!(
            "already in format version {}",
            store::FORMAT_VERSION
        )),
        "{}",
        stderr(&again)
    );
    // `check` on an old file says how to bring it up to date.
    let old = dir.path().join("older.strata");
    std::fs::copy(fixture(V1), &old).expect("copy");
    let out = ok(&["check", old.to_str().expect("utf-8")]);
    assert!(
        out.contains("older Strata (format version 1)") && out.contains("strata upgrade"),
        "{out}"
    );
}

#[test]
fn no_command_and_no_file_makes_two_identical_codings() {
    let (mut p, _) = store::load(&fixture(V1)).expect("load");
    let a = p.codings.values().next().expect("a coding").clone();
    // Another coding by the same coder in the same document, elsewhere.
    let doc = p.document(a.document).expect("doc");
    let other = (1..=doc.line_count())
        .filter_map(|l| doc.line_range(l))
        .find(|r| !r.is_empty() && *r != a.range)
        .expect("another line");
    let code2 = p
        .codes
        .values()
        .find(|c| c.id != a.code && c.children.is_empty())
        .expect("another leaf")
        .id;
    let mut h = History::new();
    h.apply(&mut p, edit::new_coding(a.document, other, code2, a.coder))
        .expect("code");
    let b = p
        .codings
        .values()
        .find(|c| c.range == other && c.code == code2)
        .expect("b")
        .clone();
    // Resized onto a's range with a's code, or recoded to a's code at a's
    // range: refused either way.
    h.apply(
        &mut p,
        Command::RecodeCoding {
            id: b.id,
            code: a.code,
        },
    )
    .expect("recode elsewhere is fine");
    assert_eq!(
        h.apply(
            &mut p,
            Command::ResizeCoding {
                id: b.id,
                range: a.range
            }
        ),
        Err(EditError::DuplicateCoding)
    );
    // A file holding twins loads with the second set aside, and says so.
    let text = store::to_string(&p).expect("ser");
    let twins = edit_saved(&text, |v| {
        entry(v, "codings", &b.id.to_string())["range"] =
            serde_json::json!({"start": a.range.start.0, "end": a.range.end.0});
    });
    let (q, problems) = store::from_str(&twins, Path::new("twins.strata")).expect("load");
    let all = problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("the same segment, code and coder"), "{all}");
    assert_eq!(q.set_aside.codings.len(), 1);
    assert_eq!(q.codings.len() + 1, p.codings.len());
}

#[test]
fn undoing_back_to_the_saved_state_is_clean_again() {
    let (mut p, _) = store::load(&fixture(V1)).expect("load");
    let ids: Vec<CodeId> = p.codes.keys().copied().take(2).collect();
    let rename = |id, name: &str| Command::RenameCode {
        id,
        name: name.into(),
    };
    let mut h = History::new();
    assert!(!h.is_dirty(), "as opened");
    h.apply(&mut p, rename(ids[0], "a")).expect("edit");
    assert!(h.is_dirty());
    h.undo(&mut p).expect("undo");
    assert!(!h.is_dirty(), "back where it was opened");
    h.redo(&mut p).expect("redo");
    h.mark_saved();
    h.apply(&mut p, rename(ids[1], "b")).expect("edit");
    h.undo(&mut p).expect("undo");
    assert!(!h.is_dirty(), "back to the saved state");
    h.undo(&mut p).expect("undo");
    assert!(h.is_dirty());
    // A new edit replaces the redo that led to the saved state: that state
    // is gone, so the project stays unsaved whatever is undone.
    h.apply(&mut p, rename(ids[1], "c")).expect("edit");
    h.undo(&mut p).expect("undo");
    assert!(h.is_dirty());
}

#[test]
fn a_changed_text_with_changed_line_endings_is_set_aside_as_it_was_stored() {
    let tampered = v1_text()
        .replacen("دوازده سال", "یازده  سال", 1)
        .replace('\n', "\r\n");
    let (p, problems) = store::from_str(&tampered, Path::new("t.strata")).expect("loads");
    assert!(problems.iter().any(|p| p.to_string().contains("'P01'")));
    let p01 = &p.set_aside.documents[0];
    assert!(p01.text().contains("\r\n"), "kept exactly as found");
    assert!(p01.char_count() > 0, "with its line index");
}

#[test]
fn a_cleared_history_never_reuses_a_state() {
    let (mut p, _) = store::load(&fixture(V1)).expect("load");
    let id = *p.codes.keys().next().expect("code");
    let mut h = History::new();
    let opened = h.state();
    h.apply(
        &mut p,
        Command::RenameCode {
            id,
            name: "x".into(),
        },
    )
    .expect("edit");
    let edited = h.state();
    h.clear();
    assert!(!h.is_dirty());
    assert_ne!(h.state(), opened);
    assert_ne!(h.state(), edited);
    // A save of the state before (finishing late) does not make it clean.
    h.mark_unsaved();
    h.mark_saved_state(opened);
    assert!(h.is_dirty());
}

/// Grouping never puts a node inside one of its own level: subcategories
/// inside a category are grouped into a new category beside it, codes
/// inside a subcategory into a new subcategory beside it. The tree keeps its
/// three levels and undo puts everything back.
#[test]
fn grouping_places_the_new_node_at_its_level() {
    let mut p = strata::demo::demo_project().expect("demo");
    let mut h = History::new();
    let tallest = |p: &Project| p.walk().iter().map(|(c, _)| p.level_of(*c)).max();
    let before = p.clone();
    // A subcategory inside a category.
    let (sub, cat) = p
        .walk()
        .into_iter()
        .map(|(c, _)| c)
        .find_map(|c| {
            let up = p.parent_of(c)?;
            (p.level_of(c) == 2 && p.level_of(up) == 3).then_some((c, up))
        })
        .expect("a subcategory in a category");
    let (cmd, new_cat) = edit::group_codes(&p, &[sub], "مقوله ۱").expect("group");
    h.apply(&mut p, cmd).expect("apply");
    assert_eq!(p.parent_of(sub), Some(new_cat));
    assert_eq!(p.parent_of(new_cat), None, "a category is at the top");
    assert_eq!(p.level_of(new_cat), 3);
    assert_eq!(tallest(&p), Some(3));
    let roots = p.siblings(None);
    let i = roots.iter().position(|c| *c == cat).expect("old category");
    assert_eq!(
        roots.get(i + 1),
        Some(&new_cat),
        "right after the one it came from"
    );
    // Two codes inside a subcategory.
    let leaves: Vec<CodeId> = p
        .walk()
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| {
            // (Not all of a subcategory's codes: that is refused, see below.)
            p.level_of(*c) == 1
                && p.parent_of(*c)
                    .is_some_and(|s| p.level_of(s) == 2 && p.siblings(Some(s)).len() >= 3)
        })
        .collect();
    let first = leaves[0];
    let sub = p.parent_of(first).expect("subcategory");
    let second = *p
        .siblings(Some(sub))
        .iter()
        .find(|c| **c != first)
        .expect("a sibling");
    let (cmd, new_sub) = edit::group_codes(&p, &[first, second], "زیرمقوله ۱").expect("group");
    h.apply(&mut p, cmd).expect("apply");
    assert_eq!(p.level_of(new_sub), 2);
    assert_eq!(
        p.parent_of(new_sub),
        p.parent_of(sub),
        "beside the subcategory"
    );
    assert_eq!(tallest(&p), Some(3));
    h.undo(&mut p).expect("undo");
    h.undo(&mut p).expect("undo");
    assert_eq!(p.walk(), before.walk(), "the tree as it was");
}

/// All the codes of a subcategory grouped into a new subcategory: that is
/// the subcategory itself. Refused, naming it, and nothing changes (before,
/// it was left empty beside the new one).
#[test]
fn grouping_every_code_of_a_group_is_refused() {
    let p = strata::demo::demo_project().expect("demo");
    let sub = p
        .walk()
        .into_iter()
        .map(|(c, _)| c)
        .find(|c| p.level_of(*c) == 2 && p.siblings(Some(*c)).len() >= 2)
        .expect("a subcategory with codes");
    let all = p.siblings(Some(sub)).to_vec();
    let name = p.codes[&sub].name.clone();
    match edit::group_codes(&p, &all, "زیرمقوله ۱") {
        Err(EditError::AlreadyTheirGroup(n)) => assert_eq!(n, name),
        other => panic!("{:?}", other.map(|(_, id)| id)),
    }
    // Some of them: grouped beside it, as before.
    assert!(edit::group_codes(&p, &all[..1], "زیرمقوله ۱").is_ok());
}
