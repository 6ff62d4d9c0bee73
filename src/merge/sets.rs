//! Code sets merged by ID, the same whatever the order of the copies: a
//! set deleted on a side and changed on none is gone; otherwise its name
//! and description are the latest change's (by time, then by content),
//! and its members are merged one by one: a member a side removed is
//! removed, one any side added is added (in the latest version's order,
//! the others' after it by ID). A set only one side changed is that
//! side's version, its order too. Members that the
//! merge no longer has are dropped.

use crate::model::{Account, Cards, Code, CodeId, CodeSet, Map, MapId, Pos, Project, SetId};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn merge_code_sets(
    base: &Project,
    sides: &[Project],
    codes: &BTreeMap<CodeId, Code>,
) -> Vec<CodeSet> {
    let find = |p: &Project, id: SetId| p.code_sets.iter().find(|s| s.id == id).cloned();
    let mut out = Vec::new();
    for b in &base.code_sets {
        let versions: Vec<Option<CodeSet>> = sides.iter().map(|s| find(s, b.id)).collect();
        let changed: Vec<&CodeSet> = versions.iter().flatten().filter(|v| *v != b).collect();
        if changed.is_empty() {
            if versions.iter().all(Option::is_some) {
                out.push(b.clone());
            }
            continue;
        }
        out.push(combine(Some(b), &changed, b));
    }
    // New on the sides: by ID, each side's version combined.
    let mut new: BTreeMap<SetId, Vec<&CodeSet>> = BTreeMap::new();
    for side in sides {
        for s in &side.code_sets {
            if !base.code_sets.iter().any(|b| b.id == s.id) {
                new.entry(s.id).or_default().push(s);
            }
        }
    }
    for v in new.values() {
        if let Some(first) = v.first() {
            out.push(combine(None, v, first));
        }
    }
    for set in &mut out {
        set.codes.retain(|c| codes.contains_key(c));
    }
    out
}

/// One set from its base (if any) and the versions that changed it.
fn combine(base: Option<&CodeSet>, changed: &[&CodeSet], fallback: &CodeSet) -> CodeSet {
    // One version changed it (or made it): that version, its order too.
    if let [only] = changed {
        return (*only).clone();
    }
    let latest = changed
        .iter()
        .max_by(|a, b| {
            // By time, then by content, so that equal times do not leave
            // the choice to the copies' order.
            a.stamp
                .modified
                .cmp(&b.stamp.modified)
                .then_with(|| b.name.cmp(&a.name))
                .then_with(|| b.description.cmp(&a.description))
                .then_with(|| b.codes.cmp(&a.codes))
        })
        .copied();
    // `changed` is never empty (see the callers); the base else.
    let latest = latest.or(base).unwrap_or(fallback);
    let before: BTreeSet<CodeId> = base
        .map(|b| b.codes.iter().copied().collect())
        .unwrap_or_default();
    let removed: BTreeSet<CodeId> = changed
        .iter()
        .flat_map(|v| {
            before
                .iter()
                .filter(|c| !v.codes.contains(c))
                .copied()
                .collect::<Vec<_>>()
        })
        .collect();
    let added: BTreeSet<CodeId> = changed
        .iter()
        .flat_map(|v| v.codes.iter().filter(|c| !before.contains(c)).copied())
        .collect();
    // The latest version's order, less what another side removed, then
    // what the others added, by ID.
    let mut codes: Vec<CodeId> = latest
        .codes
        .iter()
        .filter(|c| !removed.contains(c))
        .copied()
        .collect();
    codes.extend(added.into_iter().filter(|c| !latest.codes.contains(c)));
    CodeSet {
        codes,
        ..latest.clone()
    }
}

/// Monitored accounts merged by network and name, the same whatever the
/// order of the copies: one removed on a side and changed on none is gone;
/// one changed (or added) on several sides differently takes the version
/// that sorts last (most followers, then latest period), so no copy's
/// order decides.
pub(super) fn merge_accounts(base: &Project, sides: &[Project]) -> Vec<Account> {
    let key = |a: &Account| (a.network.trim().to_lowercase(), a.account.clone());
    let rank = |a: &Account| {
        (
            a.followers,
            a.period_end,
            a.period_start,
            a.role.clone(),
            a.network.clone(),
        )
    };
    let mut keys: BTreeSet<(String, String)> = base.accounts.iter().map(key).collect();
    for s in sides {
        keys.extend(s.accounts.iter().map(key));
    }
    let mut out = Vec::new();
    for k in keys {
        let find = |p: &Project| p.accounts.iter().find(|a| key(a) == k).cloned();
        let old = find(base);
        let versions: Vec<Option<Account>> = sides.iter().map(find).collect();
        let changed: Vec<&Account> = versions
            .iter()
            .flatten()
            .filter(|v| old.as_ref() != Some(*v))
            .collect();
        let kept = match changed.into_iter().max_by_key(|a| rank(a)) {
            Some(a) => Some(a.clone()),
            // Unchanged everywhere it is: gone if a side removed it.
            None => old.filter(|_| versions.iter().all(Option::is_some)),
        };
        out.extend(kept);
    }
    out
}

/// Maps merged by ID as whole figures, the same whatever the order of the
/// copies: one removed on a side and changed on none is gone; one changed
/// on several sides differently takes the version whose text sorts last
/// (a figure is redrawn, not merged node by node). In the base's order,
/// then the new ones by ID.
fn find_map(p: &Project, id: MapId) -> Option<&Map> {
    p.maps.iter().find(|m| m.id == id)
}

pub(super) fn merge_maps(base: &Project, sides: &[Project]) -> Vec<Map> {
    let find = find_map;
    let text = |m: &Map| serde_json::to_string(m).unwrap_or_default();
    let pick = |old: Option<&Map>, versions: &[Option<&Map>]| -> Option<Map> {
        let changed = versions
            .iter()
            .flatten()
            .filter(|v| old != Some(**v))
            .max_by_key(|m| text(m));
        match changed {
            Some(m) => Some((*m).clone()),
            None => old
                .filter(|_| versions.iter().all(Option::is_some))
                .cloned(),
        }
    };
    let mut out = Vec::new();
    for b in &base.maps {
        let versions: Vec<Option<&Map>> = sides.iter().map(|s| find(s, b.id)).collect();
        out.extend(pick(Some(b), &versions));
    }
    let mut new: BTreeMap<MapId, ()> = BTreeMap::new();
    for s in sides {
        for m in &s.maps {
            if find(base, m.id).is_none() {
                new.insert(m.id, ());
            }
        }
    }
    for id in new.keys() {
        let versions: Vec<Option<&Map>> = sides.iter().map(|s| find(s, *id)).collect();
        out.extend(
            pick(None, &versions)
                .or_else(|| versions.iter().flatten().next().map(|m| (*m).clone())),
        );
    }
    // Two copies may each have made a "Map 1": the later (by ID) is
    // numbered on, so every map keeps a name of its own.
    let mut names = BTreeSet::new();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].id);
    for i in order {
        if !names.insert(out[i].name.clone()) {
            let base = out[i].name.clone();
            if let Some(n) = (2..)
                .map(|k| format!("{base} ({k})"))
                .find(|n| !names.contains(n))
            {
                out[i].name = n.clone();
                names.insert(n);
            }
        }
    }
    out
}

/// Card positions merged per code: a side's move wins over the base; two
/// sides' different moves take the one further right, then down (any
/// fixed rule, so the order of the copies does not matter).
pub(super) fn merge_cards(base: &Project, sides: &[Project]) -> Cards {
    let mut codes: BTreeSet<CodeId> = base.cards.keys().copied().collect();
    for s in sides {
        codes.extend(s.cards.keys().copied());
    }
    let mut out = Cards::new();
    for id in codes {
        let old = base.cards.get(&id).copied();
        let versions: Vec<Option<Pos>> = sides.iter().map(|s| s.cards.get(&id).copied()).collect();
        let changed = versions
            .iter()
            .flatten()
            .filter(|v| old != Some(**v))
            .max_by(|a, b| {
                (a.x, a.y)
                    .partial_cmp(&(b.x, b.y))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        let kept = match changed {
            Some(p) => Some(*p),
            None => old.filter(|_| versions.iter().all(Option::is_some)),
        };
        if let Some(p) = kept {
            out.insert(id, p);
        }
    }
    out
}
