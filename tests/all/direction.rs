//! The project's text direction: the one setting a Persian study makes
//! once, below each document's own, saved with the project (format 4).

use super::util::*;
use strata::edit::{Command, History};
use strata::model::*;
use strata::store;

fn mixed() -> Document {
    Document::new(
        "mixed",
        "Interviewer: how did it go?\nP9: ما هر روز به Instagram سر می‌زنیم.\n1402",
    )
}

#[test]
fn the_project_direction_applies_to_documents_left_on_auto() {
    let d = mixed();
    // Auto everywhere: each line by its first strong letter.
    assert!(!d.line_is_rtl_in(1, Direction::Auto));
    assert!(d.line_is_rtl_in(2, Direction::Auto));
    // The project says right to left: every line of an Auto document.
    assert!(d.line_is_rtl_in(1, Direction::Rtl));
    assert!(d.line_is_rtl_in(3, Direction::Rtl));
    assert!(d.is_rtl_in(Direction::Rtl));
    // The document's own choice wins over its project's.
    let mut d = d;
    d.direction = Direction::Ltr;
    assert!(!d.line_is_rtl_in(2, Direction::Rtl));
    assert!(!d.is_rtl_in(Direction::Rtl));
}

#[test]
fn setting_it_is_one_undoable_step_saved_with_the_project() {
    let dir = tmp();
    let path = dir.path().join("study.strata");
    let mut p = Project::new("مطالعه");
    p.documents.push(mixed());
    let mut h = History::new();
    h.apply(
        &mut p,
        Command::SetProjectDirection {
            direction: Direction::Rtl,
        },
    )
    .expect("set");
    assert_eq!(p.direction, Direction::Rtl);
    store::save(&p, &path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("\"direction\": \"Rtl\""), "saved");
    let (q, problems) = store::load(&path).expect("load");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(q.direction, Direction::Rtl);
    h.undo(&mut p).expect("undo");
    assert_eq!(p.direction, Direction::Auto);
    // Auto is not written at all: such a file reads the same in any
    // version-4 Strata.
    store::save(&p, &path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(v["project"].get("direction").is_none(), "{}", v["project"]);
}

/// The small fixture written as a version-3 file, and how the current
/// version is written.
fn small_as_version_3() -> (String, String) {
    let (p, _) = store::load(&fixture("small.strata")).expect("fixture");
    let current = format!("\"version\": {},", store::FORMAT_VERSION);
    let now = store::to_string(&p).expect("ser");
    let v3 = now.replacen(&current, "\"version\": 3,", 1);
    assert_ne!(v3, now);
    (v3, current)
}

#[test]
fn a_version_3_file_loads_as_auto_and_is_kept_on_its_first_save() {
    let dir = tmp();
    let path = dir.path().join("study.strata");
    let (v3, current) = small_as_version_3();
    std::fs::write(&path, &v3).expect("write");
    let (q, problems) = store::load(&path).expect("load v3");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(q.direction, Direction::Auto);
    store::save(&q, &path).expect("save");
    // A Strata that reads only version 3 can still open the old copy.
    let kept = store::older_backup_path(&path, 3);
    assert_eq!(std::fs::read_to_string(&kept).expect(".v3.bak"), v3);
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains(&current)
    );
}

#[test]
fn a_version_3_file_rewritten_by_a_tool_is_kept_too() {
    let dir = tmp();
    let path = dir.path().join("study.strata");
    let (v3, _) = small_as_version_3();
    // Keys sorted (`version` after `project`) and all on one line, as `jq -cS`.
    let value: serde_json::Value = serde_json::from_str(&v3).expect("json");
    let rewritten = serde_json::to_string(&value).expect("json");
    assert!(rewritten.find("\"version\"") > rewritten.find("\"project\""));
    std::fs::write(&path, &rewritten).expect("write");
    let (q, _) = store::load(&path).expect("load");
    store::save(&q, &path).expect("save");
    let kept = store::older_backup_path(&path, 3);
    assert_eq!(std::fs::read_to_string(&kept).expect(".v3.bak"), rewritten);
}

/// A manager's reply under a post opens with the handle it answers, or a
/// hashtag: the words after them give the line its direction, so a
/// Persian reply reads right to left and an English one left to right.
#[test]
fn a_reply_opening_with_a_handle_takes_the_direction_of_its_words() {
    use strata::text::paragraph_rtl;
    let line = "L_Arjmandi: @reza.k1990 سهم شهرداری را انکار نمی‌کنم.";
    let label_end = "L_Arjmandi:".len();
    assert!(paragraph_rtl(line, label_end, None, false));
    assert!(paragraph_rtl("#تهران #metro خط ۷ باز شد", 0, None, false));
    assert!(!paragraph_rtl(
        "@sara_m thanks, we are on it",
        0,
        None,
        true
    ));
    // Only a handle: its own letters.
    assert!(!paragraph_rtl("@reza", 0, None, true));
    // A forced direction still wins.
    assert!(!paragraph_rtl(line, label_end, Some(false), true));
}
