//! The window's Persian error messages.

use super::*;

const FA: Locale = Locale {
    lang: Lang::Fa,
    digits: crate::app::i18n::Digits::Persian,
};

#[test]
fn persian_messages_keep_the_path_and_the_advice() {
    let e = StoreError::ExportOverProject {
        path: "/tmp/study.strata".into(),
        what: Guarded::Project,
    };
    let fa = store(FA, &e);
    assert!(fa.contains(&l("/tmp/study.strata")), "{fa}");
    assert!(fa.contains("پروندهٔ خروجی دیگری برگزینید"), "{fa}");
    assert_eq!(store(Locale::EN, &e), e.to_string());
}

/// A Persian message's text outside its isolated runs (paths, IDs,
/// the system's own detail).
fn outside_isolates(msg: &str) -> String {
    let mut depth = 0usize;
    msg.chars()
        .filter(|c| match c {
            '\u{2066}'..='\u{2068}' => {
                depth += 1;
                false
            }
            '\u{2069}' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

fn assert_persian(msg: &str) {
    // Names such as Strata, CSV or JSON may stand in a Persian sentence;
    // an English word may not.
    let rest = outside_isolates(msg).replace("Strata", "");
    assert!(
        !rest.chars().any(|c| c.is_ascii_lowercase()),
        "English outside the isolated details: {rest:?}"
    );
}

#[test]
fn every_edit_import_and_export_error_has_a_persian_sentence() {
    use crate::model::*;
    let io = || std::io::Error::from(std::io::ErrorKind::NotFound);
    let path = std::path::PathBuf::from("/tmp/x.txt");
    let edits = [
        EditError::NoCode(CodeId::new()),
        EditError::NoDocument(DocId::new()),
        EditError::NoCoding(CodingId::new()),
        EditError::NoMemo(MemoId::new()),
        EditError::NoCoder(CoderId::new()),
        EditError::NoGroup(GroupId::new()),
        EditError::Duplicate("abc".into()),
        EditError::BadRange {
            range: CharRange::new(3, 900),
            len: 10,
        },
        EditError::Cycle,
        EditError::EmptyName,
        EditError::DuplicateName("مصاحبهٔ ۱".into()),
        EditError::BadColor("red".into()),
        EditError::CoderInUse("سارا".into()),
        EditError::NothingToGroup,
        EditError::AlreadyTheirGroup("زیرمقوله ۱".into()),
        EditError::DuplicateCoding,
        EditError::EmptyCoderName,
        EditError::BlankName("code"),
        EditError::LongName {
            what: "code",
            len: 600,
        },
        EditError::DuplicateCoder("سارا".into()),
        EditError::RollbackFailed(Box::new(EditError::Cycle)),
    ];
    for e in &edits {
        assert_persian(&edit(FA, e));
    }
    let imports = [
        ImportError::Io {
            path: path.clone(),
            source: io(),
        },
        ImportError::BadPattern {
            pattern: "(".into(),
            msg: "unclosed group".into(),
        },
        ImportError::Csv {
            path: path.clone(),
            line: 3,
            msg: "no document named 'P9' in the project".into(),
        },
        ImportError::Empty { path: path.clone() },
    ];
    for e in &imports {
        let fa = import(FA, e);
        assert_persian(&fa);
        if let ImportError::Io { .. } = e {
            assert!(fa.contains(&p(&path)), "{fa}");
        }
    }
    let export_error = crate::export::ExportError("JSON", "key must be a string".into());
    assert_persian(&export(FA, &export_error));
    assert_persian(&store(
        FA,
        &StoreError::Io {
            path: path.clone(),
            source: io(),
        },
    ));
    assert_persian(&file(FA, &path, &io()));
    assert_eq!(
        file(Locale::EN, &path, &io()),
        format!("/tmp/x.txt: {}", io())
    );
}

#[test]
fn a_refused_name_is_explained_in_persian() {
    let e = crate::edit::check::name("document", "P1\u{202E}txt").expect_err("refused");
    assert_eq!(
        edit(FA, &e),
        "نام سند نمی‌تواند نویسهٔ کنترل جهت (embedding، override یا isolate) داشته باشد؛ بی آن، نام «P1txt» می‌شود."
    );
    let long = crate::edit::check::name("code", &"x".repeat(501)).expect_err("long");
    assert!(edit(FA, &long).contains("این یکی ۵۰۱ نویسه دارد"));
    let latin = Locale::new(Lang::Fa, crate::app::i18n::Digits::Latin);
    assert!(edit(latin, &long).contains("حداکثر 500 نویسه"));
}
