//! `<CodeBook><Codes>`: the nested codes as Strata's code tree.

use super::build::{Build, key};
use super::report::Kind;
use super::xml::Element;
use crate::edit::{palette_color, valid_color};
use crate::model::*;

/// Every `<Code>` under `codes`, as roots of the tree.
pub fn codes(b: &mut Build, codes: Option<&Element>) {
    let Some(codes) = codes else { return };
    let mut roots = Vec::new();
    for c in codes.all("Code") {
        roots.push(code(b, c, 1));
    }
    b.p.roots.extend(roots);
}

fn code(b: &mut Build, el: &Element, depth: usize) -> CodeId {
    b.r.count_mut(Kind::Code).found += 1;
    b.r.depth = b.r.depth.max(depth);
    let guid = el.attr("guid").unwrap_or("");
    let id = CodeId(b.id("code", Some(guid)));
    b.codes.entry(key(guid)).or_insert(id);
    let name = b.name(el.attr("name"), "Code");
    let color = match el.attr("color").map(|c| c.trim().to_lowercase()) {
        Some(c) if valid_color(&c) => c,
        _ => palette_color(b.p.codes.len()),
    };
    let description = el
        .child_text("Description")
        .map(description)
        .unwrap_or_default();
    let codable = el
        .attr("isCodable")
        .is_none_or(|v| !matches!(v.trim(), "false" | "0"));
    for n in el.all("NoteRef") {
        if let Some(t) = n.attr("targetGUID") {
            b.note_refs
                .entry(key(t))
                .or_default()
                .push(MemoTarget::Code(id));
        }
    }
    let stamp = b.stamp(el);
    let children = el.all("Code").map(|c| code(b, c, depth + 1)).collect();
    b.p.codes.insert(
        id,
        Code {
            id,
            name,
            color,
            description,
            children,
            codable,
            stamp,
        },
    );
    b.r.count_mut(Kind::Code).mapped += 1;
    id
}

/// A REFI description as Strata's parts: the paragraphs Strata's own
/// export writes as "When to use: …" and "Example: …" (see
/// `Description::joined`) go back to their fields; the rest is the
/// definition.
pub fn description(text: &str) -> Description {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut d = Description::default();
    let mut definition = Vec::new();
    for para in text.trim().split("\n\n") {
        if let Some(w) = para.strip_prefix("When to use: ") {
            d.when_to_use = w.trim().to_string();
        } else if let Some(e) = para.strip_prefix("Example: ") {
            d.example = e.trim().to_string();
        } else {
            definition.push(para);
        }
    }
    d.definition = definition.join("\n\n").trim().to_string();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joined_description_splits_back_into_its_parts() {
        let d = Description {
            definition: "Trust in doctors.\n\nNot in vaccines.".into(),
            when_to_use: "a speaker says whom they trust".into(),
            example: "«به دکترم اعتماد دارم»".into(),
        };
        assert_eq!(description(&d.joined()), d);
        let plain = description("Erősen szkeptikus (piros)\nEnyhén szkeptikus");
        assert_eq!(
            plain.definition,
            "Erősen szkeptikus (piros)\nEnyhén szkeptikus"
        );
        assert!(plain.when_to_use.is_empty() && plain.example.is_empty());
    }
}
