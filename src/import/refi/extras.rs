//! Variables, cases, notes and sets: document variables, memos, document
//! groups and code sets.

use super::RefiError;
use super::build::{Build, derived, key};
use super::report::{Issue, Kind};
use super::xml::Element;
use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// `<Variables>`: their names by GUID, for the values that refer to them.
pub fn variables(b: &mut Build, vars: Option<&Element>) {
    let Some(vars) = vars else { return };
    for v in vars.all("Variable") {
        b.r.count_mut(Kind::Variable).found += 1;
        let name = b.name(v.attr("name"), "Variable");
        b.variables.insert(key(v.attr("guid").unwrap_or("")), name);
        b.r.count_mut(Kind::Variable).mapped += 1;
    }
}

/// The `(name, value)` of a `<VariableValue>`: the value is whichever
/// typed child it has (`TextValue`, `IntegerValue`, `BooleanValue`…).
fn value(b: &Build, vv: &Element) -> Option<(String, String)> {
    let var = vv.child("VariableRef")?.attr("targetGUID")?;
    let name = b.variables.get(&key(var))?.clone();
    let value = vv
        .children
        .iter()
        .find(|c| c.name != "VariableRef" && c.name.ends_with("Value"))
        .map(|c| c.text.trim().to_string())?;
    Some((name, value))
}

/// Put `(name, value)` into a document's variables, the first value
/// winning (a second one is reported).
fn put(b: &mut Build, vars: &mut BTreeMap<String, String>, doc: &str, name: String, value: String) {
    match vars.get(&name) {
        Some(kept) if *kept != value => b.r.issues.push(Issue::VariableConflict {
            document: doc.to_string(),
            variable: name,
            kept: kept.clone(),
            dropped: value,
        }),
        Some(_) => {}
        None => {
            vars.insert(name, value);
        }
    }
}

/// The `<VariableValue>`s of a source into its document's variables.
pub fn values_into(b: &mut Build, el: &Element, vars: &mut BTreeMap<String, String>, doc: &str) {
    for vv in el.all("VariableValue") {
        b.r.count_mut(Kind::VariableValue).found += 1;
        if let Some((name, value)) = value(b, vv) {
            put(b, vars, doc, name, value);
            b.r.count_mut(Kind::VariableValue).mapped += 1;
        }
    }
}

/// `<Cases>`: each member document gets the variable `Case` (the case's
/// name) and the case's values.
pub fn cases(b: &mut Build, cases: Option<&Element>) {
    let Some(cases) = cases else { return };
    let at = positions(&b.p);
    for c in cases.all("Case") {
        b.r.count_mut(Kind::Case).found += 1;
        let name = b.name(c.attr("name"), "Case");
        b.r.count_mut(Kind::VariableValue).found += c.all("VariableValue").count();
        let values: Vec<(String, String)> = c
            .all("VariableValue")
            .filter_map(|vv| value(b, vv))
            .collect();
        b.r.count_mut(Kind::VariableValue).mapped += values.len();
        for s in c.all("SourceRef") {
            let Some(id) = member(s).and_then(|t| b.docs.get(&key(t))).copied() else {
                continue;
            };
            let Some(&i) = at.get(&id) else {
                continue;
            };
            let mut vars = std::mem::take(&mut b.p.documents[i].variables);
            let doc = b.p.documents[i].name.clone();
            put(b, &mut vars, &doc, "Case".into(), name.clone());
            for (n, v) in &values {
                put(b, &mut vars, &doc, n.clone(), v.clone());
            }
            b.p.documents[i].variables = vars;
        }
        b.r.count_mut(Kind::Case).mapped += 1;
    }
}

/// `<Notes>`: memos on what refers to each note (a code, a document, each
/// coding of a selection), or on the project when nothing does.
pub fn notes(b: &mut Build, notes: Option<&Element>) -> Result<(), RefiError> {
    let Some(notes) = notes else { return Ok(()) };
    for n in notes.all("Note") {
        b.r.count_mut(Kind::Note).found += 1;
        let guid = key(n.attr("guid").unwrap_or(""));
        let title = b.name(n.attr("name"), "Note");
        let body = match super::sources::raw_text(b, n)? {
            Some((t, _)) => crate::model::normalise_text(&t),
            None => String::new(),
        };
        let stamp = b.stamp(n);
        let mut targets = b.note_refs.get(&guid).cloned().unwrap_or_default();
        let mut once = HashSet::new();
        targets.retain(|t| once.insert(*t));
        if targets.is_empty() {
            targets.push(MemoTarget::Project);
        }
        for (i, target) in targets.into_iter().enumerate() {
            let id = if i == 0 {
                MemoId(b.id("note", Some(&guid)))
            } else {
                MemoId(derived("note", &format!("{guid}#{i}")))
            };
            let memo = Memo {
                id,
                target,
                title: title.clone(),
                body: body.clone(),
                stamp,
            };
            b.p.memos.insert(id, memo);
        }
        b.r.count_mut(Kind::Note).mapped += 1;
    }
    Ok(())
}

/// `<Sets>`: sets of sources become document groups (a document keeps its
/// first), sets of codes code sets; a set of both, both.
pub fn sets(b: &mut Build, sets: Option<&Element>) {
    let Some(sets) = sets else { return };
    let at = positions(&b.p);
    for s in sets.all("Set") {
        b.r.count_mut(Kind::Set).found += 1;
        let name = b.name(s.attr("name"), "Set");
        let description = s.child_text("Description").unwrap_or("").trim().to_string();
        let stamp = b.stamp(s);
        let guid = s.attr("guid");
        let codes: Vec<CodeId> = s
            .all("MemberCode")
            .filter_map(member)
            .filter_map(|t| b.codes.get(&key(t)).copied())
            .collect();
        let docs: Vec<DocId> = s
            .all("MemberSource")
            .filter_map(member)
            .filter_map(|t| b.docs.get(&key(t)).copied())
            .collect();
        let only_notes =
            codes.is_empty() && docs.is_empty() && s.all("MemberNote").next().is_some();
        if only_notes {
            b.r.issues.push(Issue::NotImported {
                element: format!("Set {name} (of notes)"),
                count: 1,
            });
            continue;
        }
        let mut made = false;
        if !codes.is_empty() {
            made = true;
            // A set of sources and codes is a group and a code set: two
            // items, so two IDs (an export writes each as a Set).
            let id = if docs.is_empty() {
                SetId(b.id("set", guid))
            } else {
                // Through `b.id`, so that a reused GUID or name still
                // gets an ID of its own.
                let of = format!("{}#code set", guid.unwrap_or(&name));
                SetId(b.id("set", Some(&of)))
            };
            b.p.code_sets.push(CodeSet {
                id,
                name: name.clone(),
                description: description.clone(),
                codes,
                stamp,
            });
        }
        // A group for sources found, or for a set with no members at all
        // (a grouping made empty); not for members that all failed.
        let no_members =
            s.all("MemberCode").next().is_none() && s.all("MemberSource").next().is_none();
        if !docs.is_empty() || no_members {
            made = true;
            let id = GroupId(b.id("group", guid));
            b.p.groups.push(DocGroup {
                id,
                name: name.clone(),
                description,
                stamp,
            });
            for d in docs {
                let Some(doc) = at.get(&d).and_then(|&i| b.p.documents.get_mut(i)) else {
                    continue;
                };
                match doc.group {
                    None => doc.group = Some(id),
                    Some(g) if g == id => {}
                    Some(g) => {
                        let kept =
                            b.p.groups
                                .iter()
                                .find(|x| x.id == g)
                                .map(|x| x.name.clone());
                        let document = doc.name.clone();
                        b.r.issues.push(Issue::MembershipNotKept {
                            document,
                            kept: kept.unwrap_or_default(),
                            set: name.clone(),
                        });
                    }
                }
            }
        }
        if made {
            b.r.count_mut(Kind::Set).mapped += 1;
        } else {
            b.r.issues.push(Issue::EmptySet { set: name.clone() });
        }
    }
}

/// Each document's position by its ID, once, not a scan per member (a
/// project may have thousands of sources).
fn positions(p: &Project) -> HashMap<DocId, usize> {
    p.documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect()
}

/// A member's target: `targetGUID` in projects, `guid` in codebooks (the
/// Codebook schema's `MemberCode`).
fn member(m: &Element) -> Option<&str> {
    m.attr("targetGUID").or_else(|| m.attr("guid"))
}
