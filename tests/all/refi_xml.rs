//! Helpers for REFI-QDA tests: `xmllint` against the published schemas
//! (`tests/fixtures/refi-qda/`), the XML read back as a small tree, and a
//! `.qdpx` unzipped.

use super::util::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

// ---- xmllint -------------------------------------------------------------

pub fn schema(name: &str) -> PathBuf {
    fixture("refi-qda").join(name)
}

/// Run xmllint on `xml` (with the schema, or only for well-formedness);
/// Err with its complaint.
pub fn xmllint(xml: &str, xsd: Option<&str>) -> Result<(), String> {
    let dir = tmp();
    let file = dir.path().join("file.xml");
    std::fs::write(&file, xml).expect("write xml");
    let mut cmd = std::process::Command::new("xmllint");
    cmd.arg("--noout");
    if let Some(xsd) = xsd {
        cmd.arg("--schema").arg(schema(xsd));
    }
    let out = cmd.arg(&file).output().unwrap_or_else(|e| {
        panic!(
            "cannot run xmllint ({e}): install libxml2-utils (apt-get install libxml2-utils; .ci/run does)"
        )
    });
    if out.status.success() {
        Ok(())
    } else {
        Err(stderr(&out))
    }
}

pub fn assert_valid_qde(xml: &str) {
    if let Err(e) = xmllint(xml, Some("Project-mrt2019.xsd")) {
        panic!("project.qde does not validate:\n{e}\n{xml}");
    }
}

pub fn assert_valid_qdc(xml: &str) {
    if let Err(e) = xmllint(xml, Some("Codebook-mrt2019.xsd")) {
        panic!("codebook does not validate:\n{e}\n{xml}");
    }
}

// ---- reading the XML back -------------------------------------------------

/// An element as read back: local name, attributes, text and children.
#[derive(Debug, Default)]
pub struct El {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub text: String,
    pub kids: Vec<El>,
}

impl El {
    pub fn attr(&self, k: &str) -> &str {
        self.attrs.get(k).map_or("", String::as_str)
    }

    /// Every descendant named `name`, in document order.
    pub fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for k in &self.kids {
            if k.name == name {
                out.push(k);
            }
            k.all(name, out);
        }
    }

    pub fn find(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }

    pub fn kids(&self, name: &str) -> Vec<&El> {
        self.kids.iter().filter(|k| k.name == name).collect()
    }

    pub fn by_guid(&self, name: &str, guid: impl ToString) -> &El {
        let g = guid.to_string();
        self.find(name)
            .into_iter()
            .find(|e| e.attr("guid") == g)
            .unwrap_or_else(|| panic!("no {name} with guid {g}"))
    }

    pub fn note_refs(&self) -> Vec<String> {
        self.kids("NoteRef")
            .iter()
            .map(|r| r.attr("targetGUID").to_string())
            .collect()
    }
}

pub fn parse(xml: &str) -> El {
    use quick_xml::XmlVersion;
    use quick_xml::events::{BytesStart, Event};
    fn el(e: &BytesStart) -> El {
        let name = AsRef::<str>::as_ref(&e.local_name()).to_string();
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    AsRef::<str>::as_ref(&a.key.local_name()).to_string(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect();
        El {
            name,
            attrs,
            ..El::default()
        }
    }
    let mut r = quick_xml::Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        let top = stack.len() - 1;
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(el(&e)),
            Event::Empty(e) => stack[top].kids.push(el(&e)),
            Event::End(_) => {
                let done = stack.pop().expect("open element");
                stack.last_mut().expect("parent").kids.push(done);
            }
            Event::Text(t) => stack[top]
                .text
                .push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Event::GeneralRef(g) => {
                if let Some(c) = g.resolve_char_ref().expect("char ref") {
                    stack[top].text.push(c);
                } else {
                    let name: &str = AsRef::<str>::as_ref(&g);
                    let v = quick_xml::escape::resolve_predefined_entity(name)
                        .expect("predefined entity");
                    stack[top].text.push_str(v);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack
        .pop()
        .expect("root")
        .kids
        .pop()
        .expect("document element")
}

pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let mut b = Vec::new();
        f.read_to_end(&mut b).expect("read entry");
        out.insert(f.name().expect("entry name").into_owned(), b);
    }
    out
}
