//! The analysis window driven by label: search every document, autocode
//! the hits with a preview (one undo step, idempotent), and the code
//! matrix and co-occurrence as heat maps whose cells list their segments.

use super::gui::{demo, harness};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use strata::app::i18n::{an_search, analysis};
use strata::app::{Action, AppCommand, Lang, Workbench, bidi};
use strata::model::*;

type H = Harness<'static, Workbench>;

/// Analysis ▸ `item`, by the menu's labels in the interface's language.
fn analysis_menu(h: &mut H, item: &str) {
    let s = analysis::strings(h.state().state.lang);
    h.get_by_label(&bidi(s.menu)).click();
    h.run();
    h.get_all_by_label_contains(&bidi(item))
        .next()
        .expect("the menu item")
        .click();
    h.run();
}

fn code_named(p: &Project, name: &str) -> CodeId {
    p.codes
        .values()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .expect("the demo's code")
}

const CODE: &str = "آمارسازی";

#[test]
fn search_then_autocode_then_undo() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        let s = an_search::strings(lang);
        let a = analysis::strings(lang);
        analysis_menu(&mut h, a.menu_search);
        // Typed with the Arabic kaf and yeh, and no ZWNJ: the demo writes
        // «شبکه‌های» with the Persian letters and a ZWNJ.
        h.get_by_label(s.query_label).type_text("شبكههاي");
        h.run();
        let p = &h.state().project;
        let expected = strata::analysis::search::search(
            p,
            None,
            &[],
            &strata::analysis::search::Query {
                text: "شبکه‌های".into(),
                ..Default::default()
            },
        )
        .expect("search");
        assert!(expected.len() > 3, "{lang:?}: the demo says it often");
        let loc = h.state().state.locale();
        let count = loc.count(expected.len(), strata::app::i18n::Noun::Match);
        h.get_all_by_label_contains(&bidi(&count))
            .next()
            .unwrap_or_else(|| panic!("{lang:?}: the hit count {count}"));
        // Clicking a hit opens its document at the hit.
        let first = expected[0];
        let doc = p
            .document(first.document)
            .expect("doc")
            .cite_label()
            .to_string();
        h.get_all_by_label_contains(&format!("{doc}{}", lang.strings().comma))
            .next()
            .expect("a hit row")
            .click();
        h.run();
        assert_eq!(h.state().state.selection, Some(first.range), "{lang:?}");
        assert_eq!(h.state().state.selected_doc, Some(first.document));
        // Autocode with a level-1 code chosen in the tree.
        let code = code_named(&h.state().project, CODE);
        h.state_mut().state.selected_codes = [code].into();
        h.run();
        let before = h.state().project.codings.len();
        let button = s.autocode_button.replace(
            "{n}",
            &loc.count(expected.len(), strata::app::i18n::Noun::Match),
        );
        h.get_by_label(&bidi(&button)).click();
        h.run_steps(2);
        let p = &h.state().project;
        assert_eq!(p.codings.len(), before + expected.len(), "{lang:?}");
        let made: Vec<&Coding> = p.codings.values().filter(|c| c.code == code).collect();
        assert_eq!(made.len(), expected.len());
        assert!(made.iter().all(|c| c.origin == Origin::Autocode));
        // Run again: nothing new, and the button says so (disabled).
        let zero = s
            .autocode_button
            .replace("{n}", &loc.count(0, strata::app::i18n::Noun::Match));
        let zero = bidi(&zero);
        let again = h.get_by_label(&zero);
        assert!(again.accesskit_node().is_disabled(), "{lang:?}");
        again.click();
        h.run();
        let p = &h.state().project;
        assert_eq!(
            p.codings.len(),
            before + expected.len(),
            "{lang:?}: idempotent"
        );
        // One undo step takes them all back.
        h.state_mut().apply(Action::Run(AppCommand::Undo));
        h.run();
        assert_eq!(h.state().project.codings.len(), before, "{lang:?}");
    }
}

#[test]
fn a_matrix_cell_lists_its_segments() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = demo(lang);
        let a = analysis::strings(lang);
        let s = an_search::strings(lang);
        analysis_menu(&mut h, a.menu_matrix);
        let p = &h.state().project;
        let code = "تطمیع و تهدید خبرنگاران و فعالان شهری";
        let id = code_named(p, code);
        let p01 = p.document_by_name("P01").expect("P01");
        let n = p
            .codings
            .values()
            .filter(|c| c.code == id && c.document == p01.id)
            .count();
        assert_eq!(n, 3, "hand-counted in the demo");
        let loc = h.state().state.locale();
        let title = s
            .cell_title
            .replace("{code}", code)
            .replace("{column}", "P01")
            .replace("{n}", &loc.num(n));
        h.get_by_label(&title).click();
        h.run();
        let cell = h
            .state()
            .state
            .analysis
            .matrix
            .cell
            .as_ref()
            .expect("a cell");
        assert_eq!(cell.title(), format!("{code} × P01"));
        let codings = cell.codings().to_vec();
        assert_eq!(codings.len(), n, "{lang:?}");
        // Each segment is listed; a click opens it in the document.
        let needle = format!("· {code} ·");
        let rows: Vec<_> = h
            .get_all(By::new().role(Role::Button).label_contains(&needle))
            .collect();
        assert_eq!(rows.len(), n, "{lang:?}");
        rows[0].click();
        h.run();
        let first = h.state().project.codings[&codings[0]].clone();
        assert_eq!(h.state().state.selection, Some(first.range));
        assert_eq!(h.state().state.selected_coding, Some(first.id));
        // A coding deleted leaves the list; undone, it is back.
        let del = strata::edit::Command::RemoveCoding { id: first.id };
        h.state_mut().apply(Action::Edit(del));
        h.run();
        let cell = h
            .state()
            .state
            .analysis
            .matrix
            .cell
            .as_ref()
            .expect("still shown");
        assert_eq!(cell.codings().len(), n - 1, "{lang:?}");
        assert!(!cell.codings().contains(&first.id));
        h.state_mut().apply(Action::Run(AppCommand::Undo));
        h.run();
        let cell = h
            .state()
            .state
            .analysis
            .matrix
            .cell
            .as_ref()
            .expect("still shown");
        assert_eq!(cell.codings().len(), n, "{lang:?}");
        // The co-occurrence tab has a cell of its own (none chosen yet).
        assert!(h.state().state.analysis.matrix.co_cell.is_none());
    }
}

#[test]
fn a_category_row_folds_and_the_table_exports() {
    let dir = super::util::tmp();
    let mut h = demo(Lang::Fa);
    let a = analysis::strings(Lang::Fa);
    analysis_menu(&mut h, a.menu_matrix);
    let category = "مدیریت اخبار در شبکه‌های اجتماعی";
    let child = "تطمیع و تهدید خبرنگاران و فعالان شهری";
    assert!(h.get_all_by_label_contains(child).next().is_some());
    h.get_by_label(&format!("− {category}")).click();
    h.run();
    assert!(
        h.query_all_by_label_contains(&format!("{child} ×"))
            .next()
            .is_none(),
        "a folded category hides its codes"
    );
    h.get_by_label(&format!("+ {category}")).click();
    h.run();
    assert!(
        h.get_all_by_label_contains(&format!("{child} ×"))
            .next()
            .is_some()
    );
    // Export table…, then a name ending in .csv: Persian headers, the
    // category's subtree total.
    h.get_by_label(&bidi(a.export_table)).click();
    h.run();
    let out = dir.path().join("matrix.csv");
    h.state_mut().apply(Action::SaveAnalysis(out.clone()));
    let csv = std::fs::read_to_string(&out).expect("the table");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("\u{FEFF}سطح,کد,P01"), "{}", lines[0]);
    let row = lines
        .iter()
        .find(|l| l.contains(&format!(",{category},")))
        .expect("the category's row");
    // P01–P07, then the 23 posts (none coded with an interview category).
    let want = format!(",7,0,0,0,0,0,1,{}8", "0,".repeat(23));
    assert!(row.ends_with(&want), "{row}");
    // Never over the project.
    let project = dir.path().join("study.strata");
    strata::store::save(&h.state().project, &project).expect("save");
    let mut wb = Workbench::open(project.clone()).expect("open");
    wb.state.analysis.out = h.state_mut().state.analysis.out.take();
    let mut h2 = harness(wb);
    let before = std::fs::read(&project).expect("read");
    h2.state_mut()
        .apply(Action::SaveAnalysis(project.with_extension("csv")));
    h2.state_mut().apply(Action::SaveAnalysis(project.clone()));
    assert!(h2.state().state.error.is_some(), "refused");
    assert_eq!(std::fs::read(&project).expect("read"), before);
}

#[test]
fn a_cooccurrence_cell_lists_both_codes_segments() {
    let mut h = demo(Lang::En);
    let a = analysis::strings(Lang::En);
    analysis_menu(&mut h, a.menu_cooccur);
    let p = &h.state().project;
    let co = strata::analysis::cooccur::cooccurrence(p, strata::analysis::cooccur::Unit::Line);
    let pair = co.pairs.first().expect("the demo has a pair");
    let (x, y) = (
        pair.a.last().expect("a").clone(),
        pair.b.last().expect("b").clone(),
    );
    let title = format!("{x} × {y}: {}", pair.count);
    h.get_by_label(&title).click();
    h.run();
    let codings = h
        .state()
        .state
        .analysis
        .matrix
        .co_cell
        .as_ref()
        .expect("a cell")
        .codings()
        .to_vec();
    let p = &h.state().project;
    let names: std::collections::BTreeSet<&str> = codings
        .iter()
        .map(|c| p.codes[&p.codings[c].code].name.as_str())
        .collect();
    assert_eq!(names, [x.as_str(), y.as_str()].into_iter().collect());
}

#[test]
fn ctrl_f_in_a_document_finds_what_the_search_tab_finds() {
    let mut h = demo(Lang::Fa);
    let p01 = h.state().project.document_by_name("P01").expect("P01").id;
    h.state_mut().apply(Action::SelectDoc(p01));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    // With the Arabic yeh, as a keyboard without Persian gives it.
    h.get_by_label("Search text").type_text("مديران");
    h.run();
    let p = &h.state().project;
    let tab: Vec<CharRange> = strata::analysis::search::search(
        p,
        None,
        &[p01],
        &strata::analysis::search::Query {
            text: "مدیران".into(),
            ..Default::default()
        },
    )
    .expect("search")
    .into_iter()
    .map(|hit| hit.range)
    .collect();
    assert_eq!(tab.len(), 3, "P01 says it three times");
    let found = &h.state().state.search.as_ref().expect("Ctrl+F").matches;
    assert_eq!(found, &tab);
}

#[test]
fn autocode_with_nobody_coding_asks_who_first() {
    let mut wb = Workbench::demo().expect("demo");
    wb.state.coder = None;
    wb.state.me = None;
    wb.state.lang = Lang::En;
    let mut h = harness(wb);
    let s = an_search::strings(Lang::En);
    h.state_mut()
        .apply(Action::OpenAnalysis(strata::app::analysis::Tab::Search));
    h.run();
    h.get_by_label(s.query_label).type_text("مدیران");
    h.run();
    let code = code_named(&h.state().project, CODE);
    h.state_mut().state.selected_codes = [code].into();
    h.run();
    let before = h.state().project.codings.len();
    h.get_by_label("Autocode 6 matches").click();
    h.run();
    assert!(
        h.state().state.coder_prompt.is_some(),
        "asked who is coding"
    );
    assert_eq!(h.state().project.codings.len(), before, "nothing coded yet");
    // Named, the same button codes them, and the coder is added with them.
    h.state_mut().state.coder_prompt = None;
    h.state_mut().state.me = Some("Parisa".into());
    h.run();
    h.get_by_label("Autocode 6 matches").click();
    h.run();
    let p = &h.state().project;
    assert_eq!(p.codings.len(), before + 6);
    assert!(p.coder_by_name("Parisa").is_some());
}

#[test]
fn the_interviewers_questions_can_be_left_out_of_the_hits() {
    let mut h = demo(Lang::En);
    let s = an_search::strings(Lang::En);
    analysis_menu(&mut h, analysis::strings(Lang::En).menu_search);
    h.get_by_label(s.query_label).type_text("مدیران");
    h.run();
    h.get_by_label("6 matches in 4 documents");
    h.get_by_label(s.skip_interviewer).click();
    h.run();
    // Three of the six are the interviewer's questions (P01 lines 3 and
    // 10, P04 line 9).
    h.get_by_label("3 matches in 3 documents");
    let before = h.state().project.codings.len();
    let code = code_named(&h.state().project, CODE);
    h.state_mut().state.selected_codes = [code].into();
    h.run();
    h.get_by_label("Autocode 3 matches").click();
    h.run();
    let p = &h.state().project;
    assert_eq!(p.codings.len(), before + 3);
    for c in p.codings.values().filter(|c| c.code == code) {
        let d = p.document(c.document).expect("doc");
        let line = d.line_of(c.range.start);
        assert!(
            !p.is_interviewer(d.speaker_of_line(line)),
            "{}",
            d.line_text(line)
        );
    }
}

#[test]
fn two_groups_of_one_name_keep_their_own_cells() {
    let mut wb = Workbench::demo().expect("demo");
    wb.state.lang = Lang::En;
    // As an import may give them: two groups both named "Council".
    let p = &mut wb.project;
    let groups: Vec<GroupId> = (0..2)
        .map(|_| {
            let g = DocGroup {
                id: GroupId::new(),
                name: "Council".into(),
                description: String::new(),
                stamp: Stamp::now(None),
            };
            let id = g.id;
            p.groups.push(g);
            id
        })
        .collect();
    for (i, d) in p.documents.iter_mut().enumerate() {
        d.group = Some(groups[usize::from(i > 0)]);
    }
    p.touch();
    let mut h = harness(wb);
    h.state_mut()
        .apply(Action::OpenAnalysis(strata::app::analysis::Tab::Matrix));
    h.state_mut().state.analysis.matrix.by = strata::analysis::matrix::By::Group;
    h.run();
    let code = "مدیریت اخبار در شبکه‌های اجتماعی";
    // P01 alone is in the first; its 7 codings. The rest are in the second.
    h.get_by_label(&format!("{code} × Council: 7")).click();
    h.run();
    let first = h
        .state()
        .state
        .analysis
        .matrix
        .cell
        .as_ref()
        .expect("cell")
        .codings()
        .len();
    h.get_by_label(&format!("{code} × Council: 1")).click();
    h.run();
    let cell = h.state().state.analysis.matrix.cell.as_ref().expect("cell");
    let p = &h.state().project;
    assert_eq!((first, cell.codings().len()), (7, 1));
    let doc = p.codings[&cell.codings()[0]].document;
    assert_eq!(p.document(doc).map(|d| d.name.as_str()), Some("P07-en"));
}
