//! REFI-QDA import of hostile, truncated and mutated archives: refused
//! with an error naming the file and the problem, never a panic.

use super::refi_import::{SYNTHETIC, qdpx, sample};
use std::path::Path;
use strata::import::refi::{self, RefiError};

fn refused(bytes: Vec<u8>) -> RefiError {
    match refi::qdpx_from_bytes(bytes, Path::new("hostile.qdpx")) {
        Ok(_) => panic!("a hostile archive was imported"),
        Err(e) => e,
    }
}

#[test]
fn refi_hostile_archives_are_refused_naming_the_file_and_the_problem() {
    let qde = SYNTHETIC.as_bytes();
    let e = refused(qdpx(&[("project.qde", qde), ("../../evil.txt", b"x")]));
    assert!(
        matches!(&e, RefiError::Hostile { why: refi::Hostile::ZipSlip, entry, .. } if entry == "../../evil.txt"),
        "{e}"
    );
    assert!(
        e.to_string().contains("hostile.qdpx") && e.to_string().contains("zip-slip"),
        "{e}"
    );
    let e = refused(qdpx(&[("project.qde", qde), ("/etc/passwd", b"x")]));
    assert!(
        matches!(
            e,
            RefiError::Hostile {
                why: refi::Hostile::ZipSlip,
                ..
            }
        ),
        "{e}"
    );
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let e = refused(qdpx(&[("project.qde", qde), ("sources/bomb.txt", &zeros)]));
    assert!(
        matches!(
            e,
            RefiError::Hostile {
                why: refi::Hostile::Ratio { .. },
                ..
            }
        ),
        "{e}"
    );
    let dtd = br#"<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project>&x;</Project>"#;
    let e = refused(qdpx(&[("project.qde", dtd)]));
    assert!(
        matches!(
            e,
            RefiError::Xml {
                problem: refi::XmlProblem::Doctype,
                ..
            }
        ),
        "{e}"
    );
    let deep = format!(
        "<Project>{}{}</Project>",
        "<Code>".repeat(10_000),
        "</Code>".repeat(10_000)
    );
    let e = refused(qdpx(&[("project.qde", deep.as_bytes())]));
    assert!(
        matches!(
            e,
            RefiError::Xml {
                problem: refi::XmlProblem::TooDeep,
                ..
            }
        ),
        "{e}"
    );
    let e = refused(b"PK not really a zip".to_vec());
    assert!(matches!(e, RefiError::NotZip { .. }), "{e}");
    let e = refused(qdpx(&[("sources/a.txt", b"x")]));
    assert!(matches!(e, RefiError::NoProject { .. }), "{e}");
    let e = refused(qdpx(&[("project.qde", b"<Project name=\"\xff\"/>")]));
    assert!(
        matches!(
            e,
            RefiError::Xml {
                problem: refi::XmlProblem::NotUtf8 { .. },
                ..
            }
        ),
        "{e}"
    );
    let e = refused(qdpx(&[("project.qde", b"<CodeBook/>")]));
    assert!(matches!(e, RefiError::WrongRoot { .. }), "{e}");
    let e = refused(qdpx(&[
        ("project.qde", qde),
        (
            "sources/d0000000-0000-4000-8000-000000000001.txt",
            b"caf\xe9",
        ),
    ]));
    assert!(
        matches!(&e, RefiError::SourceNotUtf8 { offset: 3, .. }),
        "{e}"
    );
    let e = refi::qdc_from_bytes(dtd, Path::new("book.qdc"))
        .err()
        .expect("refused");
    assert!(
        e.to_string().contains("book.qdc") && e.to_string().contains("DTD"),
        "{e}"
    );
}

#[test]
fn refi_truncated_archives_are_errors_never_panics() {
    for rel in [
        "qc-1.7.8-rtl/rtl-qc.qdpx",
        "atlasti-23.2-win/target-atlas-project.qdpx",
    ] {
        let bytes = std::fs::read(sample(rel)).expect("sample");
        for cut in (0..bytes.len()).step_by(7) {
            // Ok (a cut past the central directory's end is rare) or Err.
            let _ = refi::qdpx_from_bytes(bytes[..cut].to_vec(), Path::new(rel)); // Ignored on purpose: only a panic fails
        }
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn qde_of(rel: &str) -> String {
        let bytes = std::fs::read(sample(rel)).expect("sample");
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut f = z.by_name("project.qde").expect("qde");
        let mut s = String::new();
        std::io::Read::read_to_string(&mut f, &mut s).expect("text");
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn refi_mutated_bytes_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
            let mut bytes = std::fs::read(sample("qc-1.7.8-rtl/rtl-qc.qdpx")).expect("sample");
            for (i, b) in flips {
                let at = i.index(bytes.len());
                bytes[at] = b;
            }
            let _ = refi::qdpx_from_bytes(bytes, Path::new("m.qdpx")); // Ignored on purpose: only a panic fails
        }

        #[test]
        fn refi_mutated_xml_never_panics(
            cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40, "[<>&\"/= a-zA-Z0-9\u{0600}-\u{06FF}-]{0,12}"), 1..6)
        ) {
            let mut qde = qde_of("qc-1.7.8-rtl/rtl-qc.qdpx");
            for (i, len, insert) in cuts {
                let mut at = i.index(qde.len());
                while !qde.is_char_boundary(at) { at -= 1; }
                let mut end = (at + len).min(qde.len());
                while !qde.is_char_boundary(end) { end -= 1; }
                qde.replace_range(at..end.max(at), &insert);
            }
            let text = "مقابلة\nP1: a b c\n".repeat(4);
            let bytes = qdpx(&[
                ("project.qde", qde.as_bytes()),
                ("sources/38386334-3164-3139-3133-303764633864.txt", text.as_bytes()),
            ]);
            if let Ok(r) = refi::qdpx_from_bytes(bytes, Path::new("m.qdpx")) {
                // Whatever was imported is a valid project.
                for c in r.project.codings.values() {
                    let d = r.project.document(c.document).expect("its document");
                    prop_assert!(c.range.start < c.range.end && c.range.end.0 <= d.char_count());
                }
                let _ = r.report.text(true);
            }
        }
    }
}
