//! Maps and cards in the core: commands undo exactly, merges do not depend
//! on the order of the copies, a merge of codes moves every node along,
//! and a hand-edited file's impossible map is mended on load, not refused.

use strata::edit::{Command, History, merge_codes};
use strata::model::*;

fn project() -> (Project, CodeId, CodeId, CodeId) {
    let mut p = Project::new("m");
    let mut ids = Vec::new();
    for name in ["الف", "ب", "ج"] {
        let c = Code::new(name, "#336699");
        ids.push(c.id);
        History::new()
            .apply(
                &mut p,
                Command::InsertCodes {
                    parent: None,
                    index: usize::MAX,
                    codes: vec![c],
                    codings: vec![],
                    memos: vec![],
                },
            )
            .expect("code");
    }
    (p, ids[0], ids[1], ids[2])
}

fn node(kind: NodeKind, x: f32) -> Node {
    Node {
        id: NodeId::new(),
        kind,
        pos: Pos::new(x, 0.0),
    }
}

#[test]
fn map_and_card_commands_undo_and_redo_exactly() {
    let (mut p, a, b, _) = project();
    let before = p.clone();
    let mut h = History::new();
    let mut map = Map::new("نقشه ۱");
    let (na, nb) = (node(NodeKind::Code(a), 0.0), node(NodeKind::Code(b), 100.0));
    map.links.push(Link {
        from: na.id,
        to: nb.id,
        label: "منجر به".into(),
    });
    map.nodes = vec![na, nb];
    h.apply(
        &mut p,
        Command::PutMap {
            map: Box::new(map.clone()),
            index: 0,
        },
    )
    .expect("put");
    let mut moved = map.clone();
    moved.nodes[0].pos = Pos::new(-50.0, 20.0);
    h.apply(
        &mut p,
        Command::PutMap {
            map: Box::new(moved.clone()),
            index: 0,
        },
    )
    .expect("move");
    // A card listed twice ends where it began when undone.
    h.apply(
        &mut p,
        Command::PlaceCards {
            cards: vec![(a, Some(Pos::new(1.0, 1.0))), (a, Some(Pos::new(2.0, 2.0)))],
        },
    )
    .expect("cards");
    assert_eq!(p.cards.get(&a), Some(&Pos::new(2.0, 2.0)));
    h.apply(&mut p, Command::RemoveMap { id: map.id })
        .expect("remove");
    let after = p.clone();
    for _ in 0..4 {
        h.undo(&mut p).expect("undo");
    }
    assert_eq!(p.maps, before.maps);
    assert_eq!(p.cards, before.cards);
    for _ in 0..4 {
        h.redo(&mut p).expect("redo");
    }
    assert_eq!((p.maps.clone(), p.cards.clone()), (after.maps, after.cards));
    // A place no canvas has is refused.
    let mut bad = moved.clone();
    bad.nodes[1].pos = Pos::new(f32::NAN, 0.0);
    h.undo(&mut p).expect("undo remove");
    assert!(
        h.apply(
            &mut p,
            Command::PutMap {
                map: Box::new(bad),
                index: 0
            }
        )
        .is_err()
    );
}

#[test]
fn merging_codes_moves_every_node_and_keeps_one_link_each_way() {
    let (mut p, a, b, c) = project();
    let mut map = Map::new("m");
    let (na1, na2, nb, nc) = (
        node(NodeKind::Code(a), 0.0),
        node(NodeKind::Code(a), 50.0),
        node(NodeKind::Code(b), 100.0),
        node(NodeKind::Code(c), 150.0),
    );
    map.links = vec![
        Link {
            from: na1.id,
            to: nc.id,
            label: "x".into(),
        },
        Link {
            from: nb.id,
            to: nc.id,
            label: "y".into(),
        },
        Link {
            from: na2.id,
            to: nb.id,
            label: "z".into(),
        },
    ];
    map.nodes = vec![na1, na2, nb.clone(), nc.clone()];
    let mut h = History::new();
    h.apply(
        &mut p,
        Command::PutMap {
            map: Box::new(map),
            index: 0,
        },
    )
    .expect("put");
    let merge = merge_codes(&p, a, b).expect("merge");
    h.apply(&mut p, merge).expect("apply");
    let m = &p.maps[0];
    assert_eq!(
        m.nodes.iter().map(|n| n.id).collect::<Vec<_>>(),
        [nb.id, nc.id]
    );
    // a→c and b→c become one b→c (the first's label); a→b becomes b→b, gone.
    assert_eq!(
        m.links,
        [Link {
            from: nb.id,
            to: nc.id,
            label: "x".into()
        }]
    );
    h.undo(&mut p).expect("undo");
    assert_eq!(p.maps[0].nodes.len(), 4);
}

#[test]
fn maps_merge_the_same_whatever_the_order_and_names_stay_apart() {
    let (base, a, _, _) = project();
    let mut sara = base.clone();
    let mut omid = base.clone();
    let mut m1 = Map::new("Map 1");
    m1.nodes.push(node(NodeKind::Code(a), 0.0));
    let mut m2 = Map::new("Map 1");
    m2.nodes.push(node(NodeKind::Text("شرایط".into()), 0.0));
    sara.maps.push(m1);
    omid.maps.push(m2);
    sara.cards.insert(a, Pos::new(5.0, 5.0));
    omid.cards.insert(a, Pos::new(9.0, 1.0));
    let one = strata::merge::merge(&base, &[("s", &sara), ("o", &omid)])
        .expect("merge")
        .0;
    let two = strata::merge::merge(&base, &[("o", &omid), ("s", &sara)])
        .expect("merge")
        .0;
    assert_eq!(one.maps, two.maps);
    assert_eq!(one.cards, two.cards);
    let mut names: Vec<&str> = one.maps.iter().map(|m| m.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Map 1", "Map 1 (2)"]);
    // Deleted on one side, changed on the other: the change is kept.
    let mut base2 = base.clone();
    base2.maps.push(Map::new("shared"));
    let mut changed = base2.clone();
    changed.maps[0].nodes.push(node(NodeKind::Code(a), 3.0));
    let mut deleted = base2.clone();
    deleted.maps.clear();
    let m = strata::merge::merge(&base2, &[("c", &changed), ("d", &deleted)])
        .expect("merge")
        .0;
    assert_eq!(m.maps.len(), 1);
    assert_eq!(m.maps[0].nodes.len(), 1);
}

#[test]
fn a_hand_edited_map_is_mended_on_load_and_saves_again() {
    let (mut p, a, _, _) = project();
    let mut m = Map::new("dup");
    let n = node(NodeKind::Code(a), 0.0);
    m.links.push(Link {
        from: n.id,
        to: NodeId::new(),
        label: String::new(),
    });
    m.nodes.push(n);
    p.maps.push(m);
    p.maps.push(Map::new("dup"));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.strata");
    strata::store::save(&p, &path).expect("save");
    // A place too large for any number, as a hand edit may write it.
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text.replacen("\"x\": 0.0", "\"x\": 1e39", 1);
    assert!(text.contains("1e39"), "the edit took");
    std::fs::write(&path, text).expect("write");
    let (loaded, problems) = strata::store::load(&path).expect("loads, not refused");
    assert!(!problems.is_empty());
    assert!(loaded.maps[0].links.is_empty(), "the dangling link went");
    assert!(loaded.maps[0].nodes[0].pos.x.is_finite());
    assert_eq!(loaded.maps[1].name, "dup (2)");
    strata::store::save(&loaded, &path).expect("saves again");
    strata::store::load(&path).expect("and loads again");
}
