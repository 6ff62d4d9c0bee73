//! A small XML writer for the REFI-QDA files: indented elements, every
//! attribute and text escaped, and text XML 1.0 cannot hold replaced.
//!
//! Hand-written rather than quick-xml's writer because attribute values
//! need their tabs and line breaks escaped as character references (a
//! parser turns a raw one into a space), which quick-xml does not do.

/// What stands in for a character XML 1.0 cannot carry (most C0 controls,
/// U+FFFE, U+FFFF): visible, so the change is noticed, and one character
/// for one, so nothing else moves. Document texts are not affected: they
/// go to their own `.txt` files, byte for byte.
pub const REPLACEMENT: char = '\u{FFFD}';

/// May `c` appear in an XML 1.0 document (the `Char` production)?
pub fn xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// `s` escaped for element content (`in_attr`: for a double-quoted
/// attribute value). Line breaks and tabs in attributes, and every CR,
/// become character references so that a parser gives them back as they
/// were instead of normalising them.
fn escape_into(out: &mut String, s: &str, in_attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attr => out.push_str("&quot;"),
            '\'' if in_attr => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if in_attr => out.push_str("&#10;"),
            '\t' if in_attr => out.push_str("&#9;"),
            c if !xml_char(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
}

/// Attributes of one element, in the order written.
#[derive(Default)]
pub struct Attrs(Vec<(&'static str, String)>);

impl Attrs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    /// The attribute when there is a value (optional attributes).
    pub fn opt(self, name: &'static str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(v) => self.add(name, v),
            None => self,
        }
    }
}

/// The document being written, two spaces per level.
pub struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            depth: 0,
        }
    }

    fn start(&mut self, name: &str, attrs: &Attrs) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in &attrs.0 {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v, true);
            self.out.push('"');
        }
    }

    /// `<name …>` on its own line; its children follow, one level deeper.
    pub fn open(&mut self, name: &str, attrs: Attrs) {
        self.start(name, &attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name …/>`.
    pub fn empty(&mut self, name: &str, attrs: Attrs) {
        self.start(name, &attrs);
        self.out.push_str("/>\n");
    }

    /// `<name …>text</name>`, the text exactly as given (no indentation
    /// inside: whitespace in text is content).
    pub fn text(&mut self, name: &str, attrs: Attrs, text: &str) {
        self.start(name, &attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

// expect() here is on the tests' own fixed inputs: a panic is the test
// failing, with its message; no file or user data reaches it.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_keeps_breaks_in_attributes() {
        let mut x = Xml::new();
        x.text(
            "A",
            Attrs::new().add("n", "a&b<c>\"d'\te\nf\r"),
            "x & <y>\r\n'\"",
        );
        let s = x.finish();
        assert!(s.contains(r#"n="a&amp;b&lt;c&gt;&quot;d&apos;&#9;e&#10;f&#13;""#));
        assert!(s.contains(">x &amp; &lt;y&gt;&#13;\n'\"</A>"));
    }

    #[test]
    fn replaces_what_xml_cannot_hold() {
        let mut x = Xml::new();
        x.text(
            "A",
            Attrs::new().add("n", "a\u{0}b\u{1B}"),
            "\u{B}\u{FFFE}ok\u{1F600}",
        );
        let s = x.finish();
        assert!(s.contains("n=\"a\u{FFFD}b\u{FFFD}\""));
        assert!(s.contains(">\u{FFFD}\u{FFFD}ok\u{1F600}<"));
    }
}
