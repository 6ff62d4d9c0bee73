//! Bad input gets a clear error and leaves the project unchanged:
//! mis-encoded text, special files, oversized files and zip bombs, damaged
//! project files, names that break lines or reorder text, and output that
//! cannot be written.

use super::util::*;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A persian transcript of a few lines, as UTF-8 bytes.
fn persian() -> Vec<u8> {
    "مصاحبه‌گر: از تجربه‌تان در شهرداری بگویید.\nمدیر: ما در سال ۱۴۰۲ صفحهٔ اینستاگرام را راه انداختیم.\nمصاحبه‌گر: واکنش مردم چه بود؟\nمدیر: بیشتر انتقاد بود، اما پیشنهاد هم داشتیم.\n"
        .repeat(3)
        .into_bytes()
}

/// Import `file` into a fresh copy of the small project; the project must
/// be unchanged when it fails.
fn import(dir: &Path, file: &Path, extra: &[&str]) -> std::process::Output {
    let proj = dir.join("small.strata");
    if !proj.exists() {
        small_project(dir);
    }
    let before = fs::read(&proj).expect("read");
    let mut args = vec!["import", s(&proj), s(file)];
    args.extend_from_slice(extra);
    let o = strata(&args);
    if !o.status.success() {
        assert_eq!(fs::read(&proj).expect("read"), before, "project unchanged");
    }
    o
}

#[test]
fn utf8_with_stray_bytes_is_refused_naming_line_and_byte_never_mojibake() {
    let dir = tmp();
    let mut bytes = persian();
    // Before a space (so between characters) on line 2, and on line 4.
    let space_on = |bytes: &[u8], line: usize| {
        let start = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)
            .expect("line");
        start
            + bytes[start..]
                .iter()
                .position(|b| *b == b' ')
                .expect("space")
    };
    let later = space_on(&bytes, 4);
    bytes.insert(later, 0xC0);
    let at = space_on(&bytes, 2);
    bytes.insert(at, 0xFF);
    let file = dir.path().join("stray.txt");
    fs::write(&file, &bytes).expect("write");
    let o = import(dir.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("byte {at} (line 2)")), "{err}");
    assert!(err.contains("2 byte(s)"), "{err}");
    assert!(err.contains("--encoding utf-8"), "{err}");
    // Asked for by name, it comes in with U+FFFD, and the lines are named.
    let o = import(dir.path(), &file, &["--encoding", "utf-8"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("line(s) 2, 4"), "{err}");
    assert!(err.contains("warning"), "{err}");
    let (p, _) = strata::store::load(&dir.path().join("small.strata")).expect("load");
    let d = p.document_by_name("stray").expect("imported");
    assert_eq!(d.text().matches('\u{FFFD}').count(), 2);
    assert!(
        d.text().contains("صفحهٔ اینستاگرام"),
        "the Persian is intact"
    );
}

#[test]
fn random_binary_and_surrogate_bytes_are_refused() {
    let dir = tmp();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let junk: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 7;
            x ^= x >> 9;
            (x % 255) as u8 + 1
        })
        .collect();
    let file = dir.path().join("junk.txt");
    fs::write(&file, &junk).expect("write");
    let o = import(dir.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary file"), "{}", stderr(&o));

    // "😀" as CESU-8: two surrogates, three bytes each.
    let mut cesu = b"Interviewer: hello ".to_vec();
    cesu.extend_from_slice(&[0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]);
    cesu.extend_from_slice(b"\nP1: hi\n");
    let file = dir.path().join("cesu.txt");
    fs::write(&file, &cesu).expect("write");
    let o = import(dir.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("surrogates") && err.contains("line 1"),
        "{err}"
    );
}

/// Run with a deadline: a FIFO must be refused, not waited on.
fn run_within(args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            child.kill().expect("kill");
            panic!("strata {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn special_files_are_refused_at_once() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let o = run_within(&["import", s(&proj), s(&fifo)], Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    assert!(
        !strata::store::lock_path(&proj).exists(),
        "the lock is let go"
    );
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let o = run_within(&["import", s(&proj), s(&zero)], Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    // A folder as a project.
    let o = strata(&["check", s(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

#[test]
fn a_transcript_over_the_size_cap_is_refused_and_the_cap_can_be_raised() {
    let dir = tmp();
    let big = dir.path().join("big.txt");
    let line = "P1: a long answer about the municipality and its pages.\n";
    fs::write(&big, line.repeat((2 << 20) / line.len() + 1)).expect("write");
    let o = import(dir.path(), &big, &["--max-size", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("3 MiB, more than the 1 MiB"), "{err}");
    assert!(err.contains("--max-size 3"), "{err}");
    let o = import(dir.path(), &big, &["--max-size", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A .docx whose `word/document.xml` is `xml`.
fn docx(path: &Path, xml: &[u8]) {
    let f = fs::File::create(path).expect("create");
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", opts).expect("start");
    z.write_all(xml).expect("xml");
    z.finish().expect("finish");
}

/// A document.xml of 5 MiB that deflates to a few KiB.
fn bomb_xml() -> Vec<u8> {
    let mut xml = b"<w:document><w:body><w:p><w:r><w:t>".to_vec();
    xml.extend(std::iter::repeat_n(b'a', 5 << 20));
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    xml
}

#[test]
fn a_zip_bomb_is_refused_early_and_named() {
    let dir = tmp();
    let bomb = dir.path().join("bomb.docx");
    // 5 MiB of markup that inflates from a few KiB; the cap is 1 MiB of
    // text, so 4 MiB of XML.
    docx(&bomb, &bomb_xml());
    assert!(fs::metadata(&bomb).expect("m").len() < 100_000);
    let o = import(dir.path(), &bomb, &["--max-size", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("zip bomb"), "{err}");
    assert!(err.contains("inflates to more than 4 MiB"), "{err}");
    assert!(!err.contains("empty"), "{err}");
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_is_stopped_at_the_cap() {
    let dir = tmp();
    let bomb = dir.path().join("liar.docx");
    docx(&bomb, &bomb_xml());
    // Both headers claim 1000 bytes inflated.
    let mut z = fs::read(&bomb).expect("read");
    let mut patch = |sig: &[u8], at: usize| {
        let i = z.windows(4).position(|w| w == sig).expect("header");
        z[i + at..i + at + 4].copy_from_slice(&1000u32.to_le_bytes());
    };
    patch(b"PK\x03\x04", 22);
    patch(b"PK\x01\x02", 24);
    fs::write(&bomb, &z).expect("write");
    let o = import(dir.path(), &bomb, &["--max-size", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("more than the 1000 bytes its archive declares"),
        "{err}"
    );
    assert!(err.contains("zip bomb"), "{err}");
}

#[test]
fn a_docx_whose_xml_is_not_utf8_says_so() {
    let dir = tmp();
    let file = dir.path().join("latin1.docx");
    docx(
        &file,
        b"<w:document><w:body><w:p><w:r><w:t>caf\xe9</w:t></w:r></w:p></w:body></w:document>",
    );
    let o = import(dir.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("word/document.xml is not UTF-8 text (byte 38)"),
        "{err}"
    );
    assert!(!err.contains("zip archive"), "{err}");
}

#[test]
fn one_bad_byte_in_a_project_names_its_place_and_the_backup() {
    let dir = tmp();
    let proj = small_project(dir.path());
    ok(&["memo", s(&proj), "--title", "t", "--body", "b"]);
    let mut bytes = fs::read(&proj).expect("read");
    let at = bytes.len() / 2;
    bytes[at] = 0xFF;
    fs::write(&proj, &bytes).expect("write");
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let o = strata(&["check", s(&proj)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("byte {at} (line {line})")), "{err}");
    assert!(err.contains("small.strata.bak: `strata restore`"), "{err}");
    assert!(!err.contains("not a Strata project"), "{err}");
    // Restoring puts the backup in place and keeps the damaged file.
    let o = strata(&["restore", s(&proj)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("kept as"), "{}", stderr(&o));
    strata::store::load(&proj).expect("the restored project loads");
    let kept = dir.path().join("small.strata.damaged");
    assert_eq!(
        fs::read(&kept).expect("kept"),
        bytes,
        "damaged bytes kept as they were"
    );
    ok(&["check", s(&proj)]);
    // The backup, damaged too, does not send the user to a .bak.bak.
    let bak = strata::store::backup_path(&proj);
    let mut b = fs::read(&bak).expect("bak");
    let n = b.len();
    b.truncate(n / 2);
    fs::write(&bak, &b).expect("write");
    let err = stderr(&strata(&["check", s(&bak)]));
    assert!(err.contains("This is a backup that Strata kept"), "{err}");
    assert!(!err.contains(".bak.bak"), "{err}");
}

#[test]
fn names_that_break_lines_or_reorder_text_are_refused_or_cleaned() {
    let dir = tmp();
    let proj = small_project(dir.path());
    // A file name with a right-to-left override: the document's name
    // leaves it out.
    let file = dir.path().join("P9\u{202E}txt.exe.txt");
    fs::write(&file, persian()).expect("write");
    let o = import(dir.path(), &file, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (p, _) = strata::store::load(&proj).expect("load");
    assert!(p.document_by_name("P9 txt.exe").is_some());
    let before = fs::read(&proj).expect("read");
    let refused: [(&[&str], &str); 4] = [
        (
            &["vars", s(&proj), "--document", "P7", "--set", " =x"],
            "a variable needs a name that is not blank",
        ),
        (
            &[
                "memo",
                s(&proj),
                "--title",
                "t",
                "--body",
                "b",
                "--author",
                " \u{200c} ",
            ],
            "a coder needs a name",
        ),
        (
            &[
                "code",
                s(&proj),
                "--document",
                "P7",
                "--lines",
                "1",
                "--code",
                &"x".repeat(501),
                "--coder",
                "Sara",
                "--create",
            ],
            "at most 500 characters; this one has 501",
        ),
        (
            &[
                "code",
                s(&proj),
                "--document",
                "P7",
                "--lines",
                "1",
                "--code",
                "a\u{2066}b",
                "--coder",
                "Sara",
                "--create",
            ],
            "cannot contain a bidi control character",
        ),
    ];
    for (args, msg) in refused {
        let o = strata(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(msg), "{args:?}: {}", stderr(&o));
        assert_eq!(fs::read(&proj).expect("read"), before, "{args:?}");
    }
    // The window's rename goes through the same check.
    let (mut p, _) = strata::store::load(&proj).expect("load");
    let id = p.documents[0].id;
    let mut h = strata::edit::History::new();
    let e = h
        .apply(
            &mut p,
            strata::edit::Command::RenameDocument {
                id,
                name: "two\nlines".into(),
            },
        )
        .expect_err("refused");
    assert!(e.to_string().contains("a line break"), "{e}");
}

/// Run with stdout sent to `out`.
fn run_to(args: &[&str], out: Stdio) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .stdout(out)
        .stderr(Stdio::piped())
        .output()
        .expect("run")
}

#[test]
fn output_that_cannot_be_written_fails_and_a_closed_pipe_is_quiet() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let p = s(&proj);
    let commands: [&[&str]; 5] = [
        &["stats", p],
        &["stats", p, "--json"],
        &["codes", p],
        &["check", p],
        &["export", p, "--format", "md", "--output", "-"],
    ];
    for args in commands {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let o = run_to(args, Stdio::from(full));
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("standard output: cannot write"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        // A reader that is gone: quiet, and no panic.
        let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(141), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}: quiet");
    }
    // A full stderr does not make a command that did its work panic.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let o = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["memo", p, "--title", "t", "--body", "b"])
        .stderr(Stdio::from(full))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0));
}
