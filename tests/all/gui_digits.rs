//! The Persian interface writes its numbers in Persian digits (or Latin
//! ones, when chosen in the View menu), and leaves no English behind.

use super::gui::{demo, harness, pick, select_lines, tree_item};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use strata::app::i18n::Digits;
use strata::app::{Lang, Workbench, bidi};
use strata::model::*;

/// A label as the window hands it to egui (Persian digits reordered).
fn shown(text: &str) -> String {
    bidi(text)
}

fn open_view_menu(h: &mut Harness<'static, Workbench>) {
    h.get_by_label("نما").click();
    h.run();
}

#[test]
fn persian_counts_and_citations_use_persian_digits_unless_latin_ones_are_chosen() {
    let mut h = demo(Lang::Fa);
    assert_eq!(h.state().state.digits, Digits::Persian, "the default");
    // Documents pane and status bar.
    h.get_by_label(&shown("P02  (۸)"));
    assert!(h.query_by_label("P02  (8)").is_none());
    let p = &h.state().project;
    let status = format!(
        "{} سند · {} کد · {} کدگذاری",
        h.state().state.num(p.documents.len()),
        h.state().state.num(p.codes.len()),
        h.state().state.num(p.codings.len())
    );
    assert!(status.starts_with("۳۰ سند"), "{status}");
    h.get_by_label(&shown(&status));
    // The selection label in the header cites lines in the same digits.
    select_lines(&mut h, 3, 5);
    h.get_by_label(&shown("انتخاب: P1، سطرهای ۳–۵"));

    // The View menu's checkbox switches to Latin digits, everywhere at once.
    open_view_menu(&mut h);
    h.get_by_label(&shown("ارقام لاتین (0–9)")).click();
    h.run();
    assert_eq!(h.state().state.digits, Digits::Latin);
    h.get_by_label("P02  (8)");
    assert!(h.query_by_label(&shown("P02  (۸)")).is_none());
    h.get_by_label(&shown("انتخاب: P1، سطرهای 3–5"));

    // English always has Latin digits, and no such checkbox.
    h.state_mut().state.lang = Lang::En;
    h.state_mut().state.digits = Digits::Persian;
    h.run();
    h.get_by_label("P02  (8)");
    h.get_by_label("Selection: P1, lines 3–5");
}

#[test]
fn the_code_tree_has_no_latin_badges_or_counts_in_persian() {
    let mut h = demo(Lang::Fa);
    tree_item(&h, "آمارسازی");
    let badges = |h: &Harness<'static, Workbench>, b: &str| h.query_all_by_label(b).count();
    assert_eq!(badges(&h, "L1"), 0, "no English level badge");
    assert!(badges(&h, &shown("۱")) > 0, "a Persian one");
    let p = &h.state().project;
    let ix = p.index();
    let id = p.resolve_path("آمارسازی").expect("code");
    let st = &h.state().state;
    let counts = format!(
        "{} / {}",
        st.num(ix.own_count(id)),
        st.num(ix.total_count(id))
    );
    assert!(!counts.chars().any(|c| c.is_ascii_digit()), "{counts}");
    assert!(badges(&h, &shown(&counts)) > 0, "{counts}");
    // Zoom is said in Persian, not A+ / A-.
    open_view_menu(&mut h);
    // (A menu item's label ends with its shortcut.)
    h.get_by_label_contains(&shown("بزرگ‌تر کردن متن"));
    h.get_by_label_contains(&shown("کوچک‌تر کردن متن"));
    assert!(h.query_by_label_contains("A+").is_none());
    assert!(h.query_by_label_contains("A-").is_none());
    h.state_mut().state.lang = Lang::En;
    h.run();
    assert!(badges(&h, "L1") > 0);
}

/// A project without coders: the first coding asks who is coding.
fn without_coders() -> Project {
    let mut p = Project::new("بی کدگذار");
    p.documents.push(Document::new(
        "P1",
        "مصاحبه‌گر: از کارتان بگویید.\nمدیر: ما در سال ۱۴۰۲ صفحه را راه انداختیم.\n",
    ));
    p
}

#[test]
fn the_first_coding_asks_who_is_coding_in_the_interface_language() {
    for (lang, name) in [(Lang::Fa, "مریم"), (Lang::En, "Maryam")] {
        let s = lang.strings();
        let mut wb = Workbench::new(without_coders(), None);
        wb.state.lang = lang;
        let mut h = harness(wb);
        select_lines(&mut h, 2, 2);
        pick(&mut h, "کد تازه");
        // Nothing is recorded under a made-up coder: the question comes first.
        assert!(h.state().project.coders.is_empty(), "{lang:?}");
        assert_eq!(h.state().project.codings.len(), 0, "{lang:?}");
        h.get_by_label(&bidi(s.who_is_coding));
        h.get_by_label("Coder name").click();
        h.run();
        h.get_by_label("Coder name").type_text(name);
        h.run();
        h.get_by_label(&bidi(s.ok)).click();
        h.run();
        let p = &h.state().project;
        assert_eq!(p.codings.len(), 1, "coded once the coder is named");
        let names: Vec<&str> = p.coders.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, [name]);
        let coding = p.codings.values().next().expect("coding");
        assert_eq!(Some(coding.coder), p.coders.first().map(|c| c.id));
    }
}

#[test]
fn cancelling_who_is_coding_codes_nothing() {
    let s = Lang::Fa.strings();
    let mut wb = Workbench::new(without_coders(), None);
    wb.state.lang = Lang::Fa;
    let mut h = harness(wb);
    select_lines(&mut h, 2, 2);
    pick(&mut h, "کد تازه");
    h.get_by_label(&bidi(s.cancel)).click();
    h.run();
    let p = &h.state().project;
    assert!(p.coders.is_empty() && p.codings.is_empty());
    assert!(h.query_by_label(&bidi(s.who_is_coding)).is_none());
}

#[test]
fn load_problems_are_said_in_persian_in_the_persian_window() {
    let dir = super::util::tmp();
    let path = super::util::small_project(dir.path());
    let (p, _) = strata::store::load(&path).expect("load");
    let c = p.codings.values().next().expect("coding").clone();
    // A coding whose end lies far past its document's text: set aside.
    let broken = super::util::edit_saved(&strata::store::to_string(&p).expect("ser"), |v| {
        super::util::entry(v, "codings", &c.id.to_string())["range"]["end"] =
            serde_json::json!(999_999);
    });
    std::fs::write(&path, broken).expect("write");
    let mut wb = Workbench::open(path).expect("opens");
    wb.state.lang = Lang::Fa;
    let mut h = harness(wb);
    h.run();
    h.get_by_label_contains("بیرون از سند");
    h.get_by_label_contains("تا ۹۹۹۹۹۹ بیرون از سند");
    assert!(h.query_by_label_contains("lies outside").is_none());
    // The same report in English, when the interface is switched.
    h.state_mut().state.lang = Lang::En;
    h.run();
    h.get_by_label_contains("lies outside document");
}

#[test]
fn the_first_start_asks_who_is_coding_and_the_first_coding_uses_that_name() {
    use strata::app::StrataApp;
    for (lang, name) in [(Lang::Fa, "مریم"), (Lang::En, "Maryam")] {
        let s = lang.strings();
        let mut wb = Workbench::new(without_coders(), None);
        wb.state.lang = lang;
        // No settings yet: the first start.
        let wb = StrataApp::new(wb, None, false).into_workbench();
        let mut h = harness(wb);
        h.get_by_label(&bidi(s.who_is_coding));
        h.get_by_label("Coder name").click();
        h.run();
        h.get_by_label("Coder name").type_text(name);
        h.run();
        h.key_press(Key::Enter);
        h.run();
        assert!(
            h.query_by_label(&bidi(s.who_is_coding)).is_none(),
            "{lang:?}: answered"
        );
        assert_eq!(h.state().state.me.as_deref(), Some(name));
        // Remembered, not yet a change to the project.
        assert!(h.state().project.coders.is_empty(), "{lang:?}");
        assert!(!h.state().is_dirty(), "{lang:?}");
        // The first coding is made under that name without asking again,
        // and one undo takes back the coding and the coder.
        select_lines(&mut h, 2, 2);
        pick(&mut h, "کد تازه");
        assert!(
            h.query_by_label(&bidi(s.who_is_coding)).is_none(),
            "{lang:?}"
        );
        let p = &h.state().project;
        assert_eq!(p.codings.len(), 1, "{lang:?}");
        let names: Vec<&str> = p.coders.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, [name], "{lang:?}");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        let p = &h.state().project;
        assert!(p.codings.is_empty() && p.coders.is_empty(), "{lang:?}");
    }
}

#[test]
fn a_coder_the_project_does_not_know_is_added_at_their_first_coding_not_recorded_as_another() {
    // Reza logged in on this computer; the copy handed out lists Sara and Omid.
    let mut wb = Workbench::demo().expect("demo");
    wb.choose_coder(Some("Reza"));
    assert_eq!(wb.state.coder, None, "not Sara, the project's first coder");
    let mut h = harness(wb);
    select_lines(&mut h, 3, 3);
    pick(&mut h, "آمارسازی");
    let p = &h.state().project;
    let reza = p.coder_by_name("Reza").expect("added").id;
    let newest = p.codings.values().filter(|c| c.coder == reza).count();
    assert_eq!(newest, 1, "the coding is Reza's");
    // A name typed in another case is the same person.
    let mut wb = Workbench::demo().expect("demo");
    wb.choose_coder(Some("omid"));
    assert_eq!(
        wb.state.coder,
        wb.project.coder_by_name("Omid").map(|c| c.id)
    );
}

#[test]
fn cancelling_the_first_start_question_leaves_nobody_chosen_and_the_first_coding_asks() {
    use strata::app::StrataApp;
    let s = Lang::Fa.strings();
    // The demo has coders (Sara, Omid): none of them is taken for the user.
    let mut wb = Workbench::demo().expect("demo");
    wb.state.lang = Lang::Fa;
    let wb = StrataApp::new(wb, None, false).into_workbench();
    assert_eq!(wb.state.coder, None, "nobody while asked");
    let mut h = harness(wb);
    h.get_by_label(&bidi(s.cancel)).click();
    h.run();
    assert_eq!(h.state().state.coder, None, "nobody after Cancel");
    let before = h.state().project.codings.len();
    select_lines(&mut h, 3, 3);
    pick(&mut h, "آمارسازی");
    assert_eq!(h.state().project.codings.len(), before, "not coded as Sara");
    h.get_by_label(&bidi(s.who_is_coding));
}
