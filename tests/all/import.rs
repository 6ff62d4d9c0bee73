//! Transcript import: encodings, Word and OpenDocument files, and files
//! that must be refused without changing the project.

use super::util::*;
use std::path::PathBuf;
use strata::import::{ImportOptions, import_files, read_document};
use strata::model::Project;

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("expected text")
}

#[test]
fn persian_in_windows_1256_is_detected_and_decoded() {
    let d =
        read_document(&fixture("enc/persian-1256.txt"), &ImportOptions::default()).expect("import");
    assert_eq!(d.text(), expected("enc/persian-1256.expected.txt"));
    assert_eq!(d.source.encoding, "windows-1256");
    assert_eq!(d.line_count(), 4, "CRLF normalised, final newline dropped");
}

#[test]
fn persian_in_utf16_and_utf8_bom() {
    for (file, enc) in [
        ("enc/persian-utf16le.txt", "UTF-16LE"),
        ("enc/persian-utf16be.txt", "UTF-16BE"),
        ("enc/persian-utf8bom.txt", "UTF-8 (BOM)"),
    ] {
        let d = read_document(&fixture(file), &ImportOptions::default()).expect(file);
        assert_eq!(d.text(), expected("enc/persian.expected.txt"), "{file}");
        assert_eq!(d.source.encoding, enc, "{file}");
        assert!(!d.text().contains('\u{FEFF}') && !d.text().contains('\r'));
    }
}

#[test]
fn encoding_can_be_forced() {
    let opts = ImportOptions {
        encoding: Some("windows-1256".into()),
        ..Default::default()
    };
    let d = read_document(&fixture("enc/persian-1256.txt"), &opts).expect("import");
    assert_eq!(d.text(), expected("enc/persian-1256.expected.txt"));
    let bad = ImportOptions {
        encoding: Some("klingon-8".into()),
        ..Default::default()
    };
    let err = read_document(&fixture("enc/persian-1256.txt"), &bad).expect_err("unknown label");
    assert!(err.to_string().contains("klingon-8"));
}

#[test]
fn speakers_are_recognised_in_both_scripts() {
    let d = read_document(
        &fixture("enc/persian-utf16le.txt"),
        &ImportOptions::default(),
    )
    .expect("import");
    assert_eq!(d.speaker_of_line(1), Some("مصاحبه‌کننده"));
    assert_eq!(d.speaker_of_line(2), Some("P9"));
}

#[test]
fn docx_paragraphs_and_tables_become_lines() {
    let d = read_document(&fixture("interview-P4.docx"), &ImportOptions::default()).expect("docx");
    let lines: Vec<&str> = d.text().split('\n').collect();
    assert_eq!(
        lines,
        vec![
            "مصاحبه‌کننده: از تجربهٔ خود بگویید.",
            "P4: ما یک گروه محلی در Telegram ساختیم & حدود ۳٬۵۰۰ عضو دارد.",
            "",
            "P4:\tعکس چاله‌ها را می‌فرستیم.",
            "P4 | پاسخ در جدول ادامهٔ پاسخ",
            "مصاحبه‌کننده | سؤال بعدی؟",
            "پایان مصاحبه.",
        ]
    );
    assert_eq!(d.name, "interview-P4");
    assert_eq!(d.source.file_name, "interview-P4.docx");
}

#[test]
fn odt_is_imported() {
    let d = read_document(&fixture("interview-P2.odt"), &ImportOptions::default()).expect("odt");
    assert_eq!(d.text(), "عنوان\nP2: شورا ساختار ندارد.\nInterviewer: why?");
}

#[test]
fn a_bad_file_in_a_batch_imports_nothing() {
    let p = Project::new("t");
    let files: Vec<PathBuf> = vec![
        fixture("enc/persian-utf16le.txt"),
        fixture("truncated.docx"),
    ];
    let err = import_files(&p, &files, &ImportOptions::default()).expect_err("truncated docx");
    let msg = err.to_string();
    assert!(
        msg.contains("truncated.docx") && msg.contains("not a valid Word"),
        "{msg}"
    );
}

#[test]
fn binary_junk_is_refused_with_the_reason() {
    let err =
        read_document(&fixture("enc/junk.bin.txt"), &ImportOptions::default()).expect_err("junk");
    let msg = err.to_string();
    assert!(
        msg.contains("junk.bin.txt") && msg.contains("binary"),
        "{msg}"
    );
}

#[test]
fn unsupported_and_missing_files_are_named() {
    let err =
        read_document(&fixture("small.strata"), &ImportOptions::default()).expect_err("strata");
    assert!(err.to_string().contains("unsupported file type"), "{err}");
    let err = read_document(&fixture("nope.txt"), &ImportOptions::default()).expect_err("missing");
    assert!(err.to_string().contains("nope.txt"), "{err}");
}

#[test]
fn line_direction_skips_the_speaker_label() {
    use strata::model::{Direction, Document};
    let mut d = Document::new(
        "mixed",
        "Interviewer: How did it go?\nP9: ما هر روز به Instagram سر می‌زنیم.\nP9: Sometimes in English.",
    );
    assert!(!d.line_is_rtl(1));
    assert!(
        d.line_is_rtl(2),
        "a Latin label does not make a Persian line LTR"
    );
    assert!(!d.line_is_rtl(3));
    d.direction = Direction::Rtl;
    assert!(d.line_is_rtl(1) && d.line_is_rtl(3), "the override wins");
}

#[test]
fn a_time_is_not_a_speaker_and_labels_are_learned_per_document() {
    use strata::model::Document;
    let d = Document::new(
        "labels",
        "ساعت 12:30 جلسه شروع شد\n\
         مدیر: ما در Instagram هستیم.\n\
         خبرنگار: چرا؟\n\
         مدیر: چون مردم آنجا هستند.\n\
         نتیجه: همه راضی بودند.\n\
         P12: بله!\n\
         مصاحبه‌گر: ممنون.\n\
         At 9:15 we met.\n\
         at 12: it started.",
    );
    assert_eq!(d.speaker_of_line(1), None, "a time is not a speaker");
    assert!(d.line_is_rtl(1));
    assert_eq!(d.speaker_of_line(2), Some("مدیر"), "starts two lines");
    assert_eq!(d.speaker_of_line(4), Some("مدیر"));
    assert_eq!(d.speaker_of_line(3), None, "once, and not a known label");
    assert_eq!(d.speaker_of_line(5), None);
    assert_eq!(d.speaker_of_line(6), Some("P12"), "a participant ID");
    assert_eq!(
        d.speaker_of_line(7),
        Some("مصاحبه‌گر"),
        "a known interviewer label"
    );
    assert_eq!(d.speaker_of_line(8), None);
    assert_eq!(d.speaker_of_line(9), None, "`at 12` is no participant ID");
}

#[test]
fn one_direction_rule_for_every_view() {
    use strata::text::{first_strong, paragraph_rtl};
    // The example: RTL by its first strong letter, everywhere.
    assert!(paragraph_rtl(
        "سال ۱۳۹۸ (P12) و Instagram 2",
        0,
        None,
        false
    ));
    assert!(!paragraph_rtl("Instagram و تلگرام", 0, None, true));
    // After a speaker label (its end in bytes).
    let line = "P12: بله! ما در Instagram فعال بودیم.";
    assert!(!paragraph_rtl(line, 0, None, false));
    assert!(paragraph_rtl(line, "P12:".len(), None, false));
    // No strong letter: the fallback; an override wins over everything.
    assert!(paragraph_rtl("۱۴۰۲", 0, None, true));
    assert!(!paragraph_rtl("۱۴۰۲", 0, None, false));
    assert!(!paragraph_rtl("سلام", 0, Some(false), true));
    // Isolated runs are skipped (UAX #9 P2).
    assert_eq!(
        first_strong("\u{2066}Strata\u{2069} را باز کنید"),
        Some(true)
    );
}
