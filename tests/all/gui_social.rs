//! Social media from the window, by label: posts and comments imported
//! through the dialog (one undo step, starter codes in the interface's
//! language), a bad file refused with its file, row and column named and
//! nothing imported, and the Posts tab listing, sorting, filtering and
//! opening the posts of `tests/fixtures/social/`.

use super::gui::harness;
use super::util::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::{Path, PathBuf};
use strata::app::analysis::Tab;
use strata::app::i18n::{an_posts, an_social};
use strata::app::{Action, Lang, Workbench, bidi};
use strata::model::*;
use strata::social::{self, Files, starter};

type H = Harness<'static, Workbench>;

/// The fixture's three files, copied into `dir`.
fn files(dir: &Path) -> [PathBuf; 3] {
    ["accounts.csv", "posts.csv", "comments.csv"].map(|n| {
        let to = dir.join(n);
        std::fs::copy(fixture("social").join(n), &to).expect("copy fixture");
        to
    })
}

fn empty(lang: Lang) -> H {
    let mut wb = Workbench::new(Project::new("study"), None);
    wb.state.lang = lang;
    harness(wb)
}

/// Social media ▸ Import posts and comments…
fn open_dialog(h: &mut H) {
    let s = an_social::strings(h.state().state.lang);
    h.get_by_label(&bidi(s.menu)).click();
    h.run();
    h.get_all_by_label_contains(&bidi(s.menu_import))
        .next()
        .expect("the menu item")
        .click();
    h.run();
}

fn type_path(h: &mut H, label: &str, path: &Path) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(path.to_str().expect("utf-8 path"));
    h.run();
}

fn fill_in(h: &mut H, [accounts, posts, comments]: &[PathBuf; 3]) {
    let s = an_posts::strings(h.state().state.lang);
    type_path(h, s.accounts_file, accounts);
    type_path(h, s.posts_file, posts);
    type_path(h, s.comments_file, comments);
}

fn press_import(h: &mut H) {
    let s = an_posts::strings(h.state().state.lang);
    h.get_by_role_and_label(Role::Button, &bidi(s.import))
        .click();
    h.run_steps(2);
}

#[test]
fn posts_import_through_the_dialog_and_one_undo_takes_it_all_back() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = tmp();
        let paths = files(dir.path());
        let mut h = empty(lang);
        open_dialog(&mut h);
        assert!(h.state().state.social_import.open, "{lang:?}");
        let s = an_posts::strings(lang);
        type_path(&mut h, s.accounts_file, &paths[0]);
        type_path(&mut h, s.posts_file, &paths[1]);
        // The comments file through its "Choose…" and the file browser
        // (no native dialog in tests): typed as the location, then Enter.
        h.get_all_by_label(&bidi(s.choose))
            .nth(2)
            .expect("the comments file's Choose…")
            .click();
        h.run();
        assert!(h.state().state.file_browser.is_some(), "{lang:?}");
        let location = lang.strings().fb_location;
        h.get_by_role_and_label(Role::TextInput, location).focus();
        h.run();
        h.get_by_role_and_label(Role::TextInput, location)
            .type_text(paths[2].to_str().expect("utf-8 path"));
        h.run();
        h.key_press(Key::Enter);
        h.run();
        let chosen = &h.state().state.social_import;
        assert!(chosen.open, "{lang:?}: the dialog is still there");
        assert_eq!(chosen.comments, paths[2].display().to_string());
        press_import(&mut h);
        let wb = h.state();
        assert!(!wb.state.social_import.open, "{lang:?}: closed on success");
        assert_eq!(wb.project.documents.len(), 8, "{lang:?}");
        assert_eq!(wb.project.accounts.len(), 5, "{lang:?}");
        // The starter codes, named in the interface's language.
        let persian = lang == Lang::Fa;
        assert!(starter::present(&wb.project), "{lang:?}");
        for name in starter::post_types(persian) {
            assert!(
                wb.project.codes.values().any(|c| c.name == name),
                "{lang:?}: {name}"
            );
        }
        // The status line counts it; the Posts tab is open on the posts.
        let loc = wb.state.locale();
        let status = wb.state.status.text(loc);
        assert!(
            status.contains(&loc.num(8)) && status.contains(&loc.num(7)),
            "{lang:?}: 8 posts, 7 comments: {status}"
        );
        assert!(wb.state.analysis.open && wb.state.analysis.tab == Tab::Posts);
        h.run();
        h.get_by_role_and_label(Role::Button, "p1");
        // One undo: no posts, no accounts, no codes.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        let p = &h.state().project;
        assert!(p.documents.is_empty(), "{lang:?}");
        assert!(p.accounts.is_empty(), "{lang:?}");
        assert!(p.codes.is_empty(), "{lang:?}");
    }
}

#[test]
fn a_bad_count_is_named_by_file_row_and_column_and_nothing_is_imported() {
    for lang in [Lang::En, Lang::Fa] {
        let dir = tmp();
        let paths = files(dir.path());
        // p2 (row 3; the header is row 1) says "lots" for its likes.
        let posts = std::fs::read_to_string(&paths[1]).expect("posts");
        let bad = posts.replace(
            "2024-02-10,\"Happy Nowruz\nto all citizens\",0,",
            "2024-02-10,\"Happy Nowruz\nto all citizens\",lots,",
        );
        assert_ne!(bad, posts, "the fixture changed");
        std::fs::write(&paths[1], bad).expect("write");
        let mut h = empty(lang);
        open_dialog(&mut h);
        fill_in(&mut h, &paths);
        press_import(&mut h);
        let wb = h.state();
        assert!(wb.state.social_import.open, "{lang:?}: the dialog stays");
        assert!(wb.project.documents.is_empty() && wb.project.accounts.is_empty());
        assert!(
            wb.project.codes.is_empty(),
            "{lang:?}: no starter codes either"
        );
        let loc = wb.state.locale();
        let said: Vec<String> = h
            .get_all_by_label_contains("posts.csv")
            .filter_map(|n| {
                let a = n.accesskit_node();
                a.label().or_else(|| a.value())
            })
            .collect();
        let said = said
            .first()
            .unwrap_or_else(|| panic!("{lang:?}: no error shown"));
        assert!(said.contains("likes") && said.contains("lots"), "{said}");
        assert!(said.contains(&loc.num(3)), "{lang:?}: the row: {said}");
        if lang == Lang::Fa {
            assert!(said.contains("سطر ۳") && said.contains("ستون"), "{said}");
            assert!(said.contains("چیزی وارد نشد"), "{said}");
        } else {
            assert!(said.contains("row 3, column likes"), "{said}");
        }
    }
}

/// A project with the fixture imported (English starter codes), the
/// Posts tab open.
fn imported(lang: Lang) -> H {
    let dir = tmp();
    let [accounts, posts, comments] = files(dir.path());
    let mut wb = Workbench::new(Project::new("study"), None);
    wb.state.lang = lang;
    wb.apply(Action::AddCoder("Sara".into()));
    let plan = social::plan(
        &wb.project,
        Files {
            accounts: &accounts,
            posts: &posts,
            comments: Some(&comments),
        },
    )
    .expect("plan");
    assert!(wb.edit(plan.command));
    if let Some(codes) = starter::command(&wb.project, false) {
        assert!(wb.edit(codes));
    }
    wb.apply(Action::OpenAnalysis(Tab::Posts));
    harness(wb)
}

fn shown(h: &H) -> Vec<String> {
    h.state()
        .state
        .analysis
        .posts
        .rows()
        .iter()
        .map(|r| r.post.clone())
        .collect()
}

/// The posts' rows as the screen shows them, top to bottom.
fn on_screen(h: &H, posts: &[&str]) -> Vec<String> {
    let mut at: Vec<(f32, String)> = posts
        .iter()
        .filter_map(|p| {
            h.query_by_role_and_label(Role::Button, p)
                .map(|n| (n.rect().top(), p.to_string()))
        })
        .collect();
    at.sort_by(|a, b| a.0.total_cmp(&b.0));
    at.into_iter().map(|(_, p)| p).collect()
}

const ALL: [&str; 8] = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];

#[test]
fn the_posts_tab_sorts_filters_and_opens_posts() {
    for lang in [Lang::En, Lang::Fa] {
        let mut h = imported(lang);
        let s = an_posts::strings(lang);
        // By date at first.
        let by_date = ["p4", "p1", "p6", "p2", "p3", "p5", "p7", "p8"];
        assert_eq!(shown(&h), by_date, "{lang:?}");
        assert_eq!(on_screen(&h, &ALL), by_date, "{lang:?}");
        // The table reads from the right in Persian.
        let x = |h: &H, label: &str| h.get_by_label(&bidi(label)).rect().center().x;
        let post_first = x(&h, s.post) < x(&h, s.likes);
        assert_eq!(post_first, lang == Lang::En, "{lang:?}: mirrored");
        // Likes: most first, then (clicked again) fewest first.
        h.get_by_label(&bidi(s.likes)).click();
        h.run();
        let most = ["p3", "p8", "p1", "p7", "p4", "p5", "p2", "p6"];
        assert_eq!(shown(&h), most, "{lang:?}");
        assert_eq!(on_screen(&h, &ALL), most, "{lang:?}");
        h.get_by_label(&bidi(s.likes)).click();
        h.run();
        let fewest = ["p2", "p6", "p5", "p4", "p7", "p1", "p8", "p3"];
        assert_eq!(on_screen(&h, &ALL), fewest, "{lang:?}");
        // Unticked, an account's posts go; the footer counts what is left.
        h.get_by_label("x_council").click();
        h.run();
        assert_eq!(
            on_screen(&h, &ALL),
            ["p2", "p7", "p1", "p8", "p3"],
            "{lang:?}"
        );
        let loc = h.state().state.locale();
        let footer = s
            .footer
            .replace("{posts}", &s.count(loc, 5, s.post_nouns))
            .replace("{accounts}", &s.count(loc, 4, s.account_nouns));
        h.get_by_label(&bidi(&footer));
        // None, then All.
        h.get_by_label(&bidi(s.none)).click();
        h.run();
        assert!(shown(&h).is_empty(), "{lang:?}");
        h.get_by_label(&bidi(s.none_ticked));
        h.get_by_label(&bidi(s.all)).click();
        h.run();
        assert_eq!(shown(&h).len(), 8, "{lang:?}");
        // A click on a post opens it with its line selected.
        h.get_by_role_and_label(Role::Button, "p3").click();
        h.run();
        let wb = h.state();
        let p3 = wb.project.document_by_name("p3").expect("p3");
        assert_eq!(wb.state.selected_doc, Some(p3.id), "{lang:?}");
        assert_eq!(wb.state.selection, p3.line_range(1), "{lang:?}");
        // Coded with a post type, the post's row names it.
        let occasion = starter::post_types(false)[0];
        let code = wb
            .project
            .codes
            .values()
            .find(|c| c.name == occasion)
            .map(|c| c.id)
            .expect("the starter code");
        h.state_mut().apply(Action::ApplyCode(code));
        h.run();
        let row = |h: &H| {
            let rows = h.state().state.analysis.posts.rows();
            rows.iter()
                .find(|r| r.post == "p3")
                .map(|r| r.types.clone())
        };
        assert_eq!(row(&h).as_deref(), Some(occasion), "{lang:?}");
    }
}
