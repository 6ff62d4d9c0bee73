//! A small element tree of a REFI-QDA XML file, by local name. Tools
//! write the elements under `urn:QDA-XML:project:1.0`, the codebook
//! namespaces (`1.0`, `1:0`, `0:4`) or none; elements of any other
//! namespace are kept under a name no lookup matches, so a tool's own
//! extensions are ignored, not mistaken for REFI elements.
//!
//! Hostile input is refused rather than parsed: a DTD (the door to
//! external and exponential entities), nesting deeper than `MAX_DEPTH`,
//! bytes that are not UTF-8, and malformed XML.

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

/// Deeper nesting is refused: REFI projects nest codes a few levels deep
/// (NVivo 15: 7); hundreds are a stack-exhausting attack.
pub const MAX_DEPTH: usize = 200;

/// Why an XML file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlProblem {
    #[error("it is not UTF-8 text (byte {offset})")]
    NotUtf8 { offset: usize },
    #[error(
        "it declares a DTD (<!DOCTYPE …>), which REFI-QDA files never need and which can pull in external files or expand entities without end; refused"
    )]
    Doctype,
    #[error("its elements nest more than {MAX_DEPTH} levels deep; refused")]
    TooDeep,
    #[error("it is not well-formed XML at byte {pos}: {msg}")]
    Malformed { pos: u64, msg: String },
    #[error("it has no root element")]
    Empty,
}

/// One element: local name, attributes by local name, children and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// Text directly inside (CDATA and references resolved).
    pub text: String,
}

impl Element {
    /// An attribute by local name (`guid`, `name`…), first if repeated.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child of this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child of this local name, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child of this name (`Description`…).
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// Elements outside the REFI namespaces get this prefix: no lookup by a
/// REFI local name can match them.
const FOREIGN: &str = "{foreign}";

fn is_refi(ns: &ResolveResult) -> bool {
    match ns {
        ResolveResult::Unbound => true,
        ResolveResult::Bound(n) => n.as_ref().starts_with("urn:QDA-XML:"),
        ResolveResult::Unknown(_) => false,
    }
}

fn malformed(reader: &NsReader<&[u8]>, e: impl std::fmt::Display) -> XmlProblem {
    XmlProblem::Malformed {
        pos: reader.buffer_position(),
        msg: e.to_string(),
    }
}

/// Parse a whole file into its root element.
pub fn parse(bytes: &[u8]) -> Result<Element, XmlProblem> {
    let text = simdutf8::compat::from_utf8(bytes).map_err(|e| XmlProblem::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = NsReader::from_reader(text.as_bytes());
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let (ns, ev) = match reader.read_resolved_event() {
            Ok((ns, ev)) => (is_refi(&ns), ev),
            Err(e) => return Err(malformed(&reader, e)),
        };
        match ev {
            Event::DocType(_) => return Err(XmlProblem::Doctype),
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err(malformed(&reader, "a second root element"));
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(XmlProblem::TooDeep);
                }
                let local = e.local_name().as_ref().to_string();
                let mut el = Element {
                    name: if ns {
                        local
                    } else {
                        format!("{FOREIGN}{local}")
                    },
                    ..Element::default()
                };
                for a in e.attributes() {
                    let a = a.map_err(|x| malformed(&reader, x))?;
                    if a.key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let key = a.key.local_name().as_ref().to_string();
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|x| malformed(&reader, x))?;
                    el.attrs.push((key, value.into_owned()));
                }
                if matches!(ev, Event::Empty(_)) {
                    close(&mut stack, &mut root, el);
                } else {
                    stack.push(el);
                }
            }
            Event::End(_) => match stack.pop() {
                Some(el) => close(&mut stack, &mut root, el),
                None => return Err(malformed(&reader, "an end tag with no start")),
            },
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    if top.name == "PlainTextContent" {
                        // A source's text as its tool had it, CRLF and all:
                        // the tool counted its positions on that text, and
                        // `text::offsets` maps them as it does a
                        // `sources/` file's.
                        top.text.push_str(&t.into_inner());
                    } else {
                        top.text.push_str(&t.xml10_content());
                    }
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let ch = match &*r.xml10_content() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    other => match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => {
                            return Err(malformed(&reader, format!("unknown entity &{other};")));
                        }
                    },
                };
                if let (Some(top), Some(c)) = (stack.last_mut(), ch) {
                    top.text.push(c);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(malformed(&reader, "the file ends inside an element"));
    }
    root.ok_or(XmlProblem::Empty)
}

fn close(stack: &mut [Element], root: &mut Option<Element>, el: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None => *root = Some(el),
    }
}

#[cfg(test)]
mod tests {
    // `expect` here is on values the test itself made, never on a file's
    // or a user's data: a failure is the test's finding.
    use super::*;

    #[test]
    fn elements_are_matched_by_local_name_in_any_refi_namespace() {
        for ns in ["urn:QDA-XML:codebook:0:4", "urn:QDA-XML:project:1.0", ""] {
            let xml = format!(
                r#"<q:CodeBook xmlns:q="{ns}" xmlns:x="urn:other"><q:Codes><q:Code guid="a" x:extra="1" name="A &amp; B"/><x:Code name="no"/></q:Codes></q:CodeBook>"#
            );
            let xml = if ns.is_empty() {
                xml.replace("q:", "").replace(" xmlns:q=\"\"", "")
            } else {
                xml
            };
            let root = parse(xml.as_bytes()).expect("parses");
            assert_eq!(root.name, "CodeBook");
            let codes = root.child("Codes").expect("codes");
            assert_eq!(codes.all("Code").count(), 1, "{ns}");
            assert_eq!(codes.children[0].attr("name"), Some("A & B"));
            assert_eq!(codes.children[0].attr("extra"), Some("1"));
        }
    }

    #[test]
    fn a_doctype_deep_nesting_and_bad_bytes_are_refused() {
        let dtd = br#"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY e SYSTEM "file:///etc/passwd">]><p>&e;</p>"#;
        assert_eq!(parse(dtd), Err(XmlProblem::Doctype));
        let deep = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
        assert_eq!(parse(deep.as_bytes()), Err(XmlProblem::TooDeep));
        assert!(matches!(
            parse(b"<a>\xff</a>"),
            Err(XmlProblem::NotUtf8 { .. })
        ));
        assert!(matches!(
            parse(b"<a><b></a>"),
            Err(XmlProblem::Malformed { .. })
        ));
        assert!(matches!(
            parse(b"<a>&nope;</a>"),
            Err(XmlProblem::Malformed { .. })
        ));
        assert_eq!(parse(b"  "), Err(XmlProblem::Empty));
    }
}
