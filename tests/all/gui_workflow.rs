//! The workbench driven headlessly, continued: recovery, document groups,
//! line-by-line coding, export and retrieval.

use super::gui::{demo, doc, harness, pick, select_lines};
use super::util::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use strata::app::{Lang, Workbench};

#[test]
fn autosaved_work_newer_than_the_file_is_offered_back() {
    let dir = tmp();
    let path = small_project(dir.path());
    let recovery = renamed_recovery_beside(&path, "Edited before the crash");
    let mut wb = Workbench::open(path.clone()).expect("open");
    wb.state.lang = Lang::En;
    assert_eq!(wb.state.recovery.as_deref(), Some(recovery.as_path()));
    let mut h = harness(wb);
    h.get_by_label("Recover").click();
    h.run();
    assert_eq!(h.state().project.name, "Edited before the crash");
    assert!(h.state().is_dirty(), "recovered work still needs saving");
    // The file itself was not touched.
    assert_eq!(
        strata::store::load(&path).expect("load").0.name,
        "Small fixture"
    );
}

#[test]
fn documents_can_be_grouped_and_renamed_from_their_menu() {
    let mut h = demo(Lang::En);
    h.get_by_label("P02  (8)").click_secondary();
    h.run();
    h.get_by_label("Move to group").hover();
    h.run();
    h.get_by_label("New group").click();
    h.run();
    let p = &h.state().project;
    // The demo's posts are grouped by network (Instagram, X): one more.
    assert_eq!(p.groups.len(), 3);
    assert_eq!(
        p.document_by_name("P02").expect("P02").group,
        Some(p.groups[2].id)
    );
    h.get_by_label("P02  (8)").click_secondary();
    h.run();
    h.get_by_label("Rename").click();
    h.run();
    h.get_by_label("Document name").type_text("P02-council");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().project.document_by_name("P02-council").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().project.document_by_name("P02").is_some());
}

#[test]
fn line_by_line_coding_from_the_keyboard() {
    let mut h = demo(Lang::En);
    select_lines(&mut h, 2, 2);
    pick(&mut h, "آمارسازی");
    // Alt+Down selects the next line, Alt+1 codes it with the last code.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
        h.run();
        h.key_press_modifiers(Modifiers::ALT, Key::Num1);
        h.run();
    }
    let p = &h.state().project;
    let d = doc(h.state(), "P01");
    let code = p.resolve_path("آمارسازی").expect("code");
    let lines: Vec<usize> = p
        .codings_in(d.id)
        .into_iter()
        .filter(|c| c.code == code)
        .map(|c| d.lines_of(c.range).0)
        .collect();
    assert_eq!(lines, vec![2, 3, 4]);
}

#[test]
fn export_the_hierarchy_from_the_file_menu() {
    let dir = tmp();
    let out = dir.path().join("table3.md");
    let mut h = demo(Lang::En);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    super::gui_files::name_file(&mut h, out.to_str().expect("p"));
    let md = std::fs::read_to_string(&out).expect("exported");
    assert!(md.starts_with("<div dir=\"rtl\">"), "{md}");
    assert!(
        md.contains("| مدیریت اخبار در شبکه‌های اجتماعی | سرکوب منتقدان |"),
        "{md}"
    );
    // The same export as the CLI's.
    let cli = strata::export::export(
        &h.state().project,
        strata::export::Format::Md,
        &Default::default(),
    )
    .expect("md");
    assert_eq!(md, cli);
}

#[test]
fn retrieval_from_activated_documents() {
    let mut h = demo(Lang::En);
    h.get_by_label("Activate document P05").click();
    h.run();
    // Category 2, whose codes P05 and P03 both use.
    let cat = "بهره‌گیری ابزاری و منفعت‌طلبانه از شبکه‌های اجتماعی";
    h.get_by_label(&format!("Activate {cat}")).click();
    h.run();
    h.get_by_label("Active documents").click();
    h.run();
    assert!(h.query_all_by_label_contains("Segment P05").count() >= 2);
    assert!(
        h.query_by_label_contains("Segment P03").is_none(),
        "P03 is not activated"
    );
    assert!(h.query_by_label_contains("Segment P01").is_none());
}
