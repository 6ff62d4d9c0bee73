//! Commands on maps and on the creative-coding canvas's cards. A map is
//! replaced whole (`PutMap`): its inverse is the map as it was, so every
//! gesture on a map (a node moved, a link added or relabelled) is one
//! undo step with an exact inverse.

use super::{Command, EditError};
use crate::model::{CodeId, Map, MapId, Pos, Project};

pub(super) fn put_map(p: &mut Project, map: Map, index: usize) -> Result<Command, EditError> {
    // Only what this change brings is checked: a name given or changed, a
    // link or place added. What the map had already (and an inverse puts
    // back) always applies.
    let old = p.maps.iter().find(|m| m.id == map.id);
    if old.is_none_or(|o| o.name != map.name) {
        if map.name.trim().is_empty() {
            return Err(EditError::BlankName("map"));
        }
        if p.maps.iter().any(|m| m.id != map.id && m.name == map.name) {
            return Err(EditError::DuplicateMapName(map.name));
        }
    }
    let had_link = |l: &crate::model::Link| old.is_some_and(|o| o.links.contains(l));
    if map
        .links
        .iter()
        .any(|l| !had_link(l) && (map.node(l.from).is_none() || map.node(l.to).is_none()))
    {
        return Err(EditError::BadLink(map.name));
    }
    let had_node = |n: &crate::model::Node| old.is_some_and(|o| o.nodes.contains(n));
    if map
        .nodes
        .iter()
        .any(|n| !(had_node(n) || n.pos.x.is_finite() && n.pos.y.is_finite()))
    {
        return Err(EditError::BadPlace(map.name));
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
    // A place off every screen (NaN, ∞) could not be saved as JSON.
    if let Some((id, _)) = cards
        .iter()
        .find(|(_, pos)| pos.is_some_and(|q| !(q.x.is_finite() && q.y.is_finite())))
    {
        let name = p.codes.get(id).map_or(String::new(), |c| c.name.clone());
        return Err(EditError::BadPlace(name));
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
        let olds: Vec<_> = m
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Code(from))
            .map(|n| n.id)
            .collect();
        if olds.is_empty() {
            continue;
        }
        let mut map = m.clone();
        // Every node of `from` becomes the one node of `into`: the map's
        // own, or the first of `from`'s, shown as `into` from now on.
        let keep = m.node_of_code(into).map_or(olds[0], |n| n.id);
        for n in map.nodes.iter_mut().filter(|n| n.id == keep) {
            n.kind = NodeKind::Code(into);
        }
        for l in &mut map.links {
            if olds.contains(&l.from) {
                l.from = keep;
            }
            if olds.contains(&l.to) {
                l.to = keep;
            }
        }
        map.nodes.retain(|n| n.id == keep || !olds.contains(&n.id));
        // No link from a node to itself, none twice (the first's label kept).
        let mut seen = std::collections::BTreeSet::new();
        map.links
            .retain(|l| l.from != l.to && seen.insert((l.from.0, l.to.0)));
        cmds.push(Command::PutMap {
            map: Box::new(map),
            index,
        });
    }
    cmds
}
