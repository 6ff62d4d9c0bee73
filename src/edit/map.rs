//! Commands on maps and on the creative-coding canvas's cards. A map is
//! replaced whole (`PutMap`): its inverse is the map as it was, so every
//! gesture on a map (a node moved, a link added or relabelled) is one
//! undo step with an exact inverse.

use super::{Command, EditError};
use crate::model::{CodeId, Map, MapId, Pos, Project};

pub(super) fn put_map(p: &mut Project, map: Map, index: usize) -> Result<Command, EditError> {
    if map.name.trim().is_empty() {
        return Err(EditError::BlankName("map"));
    }
    if p.maps.iter().any(|m| m.id != map.id && m.name == map.name) {
        return Err(EditError::DuplicateMapName(map.name));
    }
    // A link's ends are nodes of its map.
    if map
        .links
        .iter()
        .any(|l| map.node(l.from).is_none() || map.node(l.to).is_none())
    {
        return Err(EditError::BadLink(map.name));
    }
    match p.maps.iter().position(|m| m.id == map.id) {
        Some(i) => Ok(Command::PutMap {
            map: Box::new(std::mem::replace(&mut p.maps[i], map)),
            index: i,
        }),
        None => {
            let id = map.id;
            p.maps.insert(index.min(p.maps.len()), map);
            Ok(Command::RemoveMap { id })
        }
    }
}

pub(super) fn remove_map(p: &mut Project, id: MapId) -> Result<Command, EditError> {
    let index = p
        .maps
        .iter()
        .position(|m| m.id == id)
        .ok_or(EditError::NoMap(id))?;
    Ok(Command::PutMap {
        map: Box::new(p.maps.remove(index)),
        index,
    })
}

/// Put cards where given (None: back to the canvas's own order).
pub(super) fn place_cards(
    p: &mut Project,
    cards: Vec<(CodeId, Option<Pos>)>,
) -> Result<Command, EditError> {
    if let Some((id, _)) = cards.iter().find(|(id, _)| !p.codes.contains_key(id)) {
        return Err(EditError::NoCode(*id));
    }
    let mut old = Vec::with_capacity(cards.len());
    for (id, pos) in cards {
        let was = match pos {
            Some(pos) => p.cards.insert(id, pos),
            None => p.cards.remove(&id),
        };
        old.push((id, was));
    }
    // Undone in reverse, so a card listed twice ends where it began.
    old.reverse();
    Ok(Command::PlaceCards { cards: old })
}

/// The commands that keep maps pointing at `from`'s node when `from` is
/// merged into `into`: the node now shows `into`, or, where the map has
/// `into` already, its links move there and the node goes.
pub(crate) fn follow_merge(p: &Project, from: CodeId, into: CodeId) -> Vec<Command> {
    use crate::model::NodeKind;
    let mut cmds = Vec::new();
    for (index, m) in p.maps.iter().enumerate() {
        let Some(old) = m.node_of_code(from).map(|n| n.id) else {
            continue;
        };
        let mut map = m.clone();
        match m.node_of_code(into).map(|n| n.id) {
            None => {
                for n in map.nodes.iter_mut().filter(|n| n.id == old) {
                    n.kind = NodeKind::Code(into);
                }
            }
            Some(keep) => {
                for l in &mut map.links {
                    if l.from == old {
                        l.from = keep;
                    }
                    if l.to == old {
                        l.to = keep;
                    }
                }
                map.links.retain(|l| l.from != l.to);
                map.nodes.retain(|n| n.id != old);
            }
        }
        cmds.push(Command::PutMap {
            map: Box::new(map),
            index,
        });
    }
    cmds
}
