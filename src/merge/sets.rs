//! Code sets merged by ID: a set changed on one side takes that side's
//! version (the first side's when several changed it); a set deleted on a
//! side and changed on none is gone; new sets from every side are added.
//! Members that the merge no longer has are dropped.

use crate::model::{Code, CodeId, CodeSet, Project, SetId};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn merge_code_sets(
    base: &Project,
    sides: &[Project],
    codes: &BTreeMap<CodeId, Code>,
) -> Vec<CodeSet> {
    let find = |p: &Project, id: SetId| p.code_sets.iter().find(|s| s.id == id).cloned();
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for b in &base.code_sets {
        seen.insert(b.id);
        let versions: Vec<Option<CodeSet>> = sides.iter().map(|s| find(s, b.id)).collect();
        let changed = versions.iter().flatten().find(|v| *v != b).cloned();
        let deleted = versions.iter().any(Option::is_none);
        match changed {
            Some(v) => out.push(v),
            None if deleted => {}
            None => out.push(b.clone()),
        }
    }
    for side in sides {
        for s in &side.code_sets {
            if seen.insert(s.id) {
                out.push(s.clone());
            }
        }
    }
    for set in &mut out {
        set.codes.retain(|c| codes.contains_key(c));
    }
    out
}
