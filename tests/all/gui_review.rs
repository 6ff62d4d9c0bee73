//! The supervisor's review in the window: a comment on a code, answered,
//! resolved and reopened by undo; a verdict shown on the tree's row; a
//! proposal applied with one click as one undo step.

use super::gui::{demo, tree_item};
use super::util::code_named;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use strata::app::i18n::review::strings;
use strata::app::{Lang, Workbench, bidi};
use strata::model::*;

/// A subcategory of the demo (level 2).
const SUB: &str = "سرکوب منتقدان";

/// Type into a field named `label` (focused first, as a click would).
fn type_in(h: &mut Harness<'static, Workbench>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

fn click(h: &mut Harness<'static, Workbench>, label: &str) {
    h.get_by_label(&bidi(label)).click();
    h.run();
}

/// The demo with a chosen coder (comments are signed), the review window
/// opened from the Review menu on the selected code.
fn review_on(lang: Lang, code: &str) -> Harness<'static, Workbench> {
    let mut h = demo(lang);
    let sara = h.state().project.coders.first().map(|c| c.id);
    h.state_mut().state.coder = sara;
    tree_item(&h, code).click();
    h.run();
    let rs = strings(lang);
    click(&mut h, rs.menu);
    click(&mut h, rs.review_menu_comments);
    h
}

#[test]
fn a_comment_is_added_answered_resolved_and_reopened_by_undo() {
    for lang in [Lang::En, Lang::Fa] {
        let rs = strings(lang);
        let mut h = review_on(lang, SUB);
        let sub = code_named(&h.state().project, SUB);
        type_in(
            &mut h,
            "Comment text",
            "این زیرمقوله با «حذف منتقدان» هم‌پوشانی دارد",
        );
        click(&mut h, rs.add_comment);
        let p = &h.state().project;
        assert_eq!(p.review.threads.len(), 1, "{lang:?}");
        let t = p.review.threads.values().next().expect("thread");
        assert_eq!(t.target, ReviewTarget::Code(sub), "{lang:?}");
        assert_eq!(
            t.comments[0].author,
            h.state().state.coder,
            "{lang:?}: signed"
        );
        assert!(!t.resolved);
        let id = t.id;
        // The tree's row shows the open comment.
        let badge = rs.open_comment.replace("{n}", &h.state().state.num(1));
        h.get_by_label(&badge);
        // An answer.
        type_in(&mut h, "Reply text", "موافقم");
        click(&mut h, rs.reply);
        let t = &h.state().project.review.threads[&id];
        assert_eq!(t.comments.len(), 2, "{lang:?}");
        assert_eq!(t.comments[1].text, "موافقم");
        // Resolved: it leaves the list of open threads and the row's badge.
        click(&mut h, rs.resolve);
        assert!(h.state().project.review.threads[&id].resolved, "{lang:?}");
        assert!(h.query_by_label(&badge).is_none(), "{lang:?}");
        h.get_by_label(&bidi(rs.no_threads));
        // Shown again among the resolved ones.
        click(&mut h, rs.show_resolved);
        h.get_by_label(&bidi(rs.reopen));
        // Undo reopens it.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert!(!h.state().project.review.threads[&id].resolved, "{lang:?}");
        h.get_by_label(&badge);
    }
}

#[test]
fn a_verdict_shows_on_the_trees_row() {
    for lang in [Lang::En, Lang::Fa] {
        let rs = strings(lang);
        let mut h = review_on(lang, SUB);
        let sub = code_named(&h.state().project, SUB);
        click(&mut h, rs.needs_work);
        let v = h.state().project.review.verdicts.get(&sub).copied();
        assert_eq!(v.map(|v| v.verdict), Some(Verdict::NeedsWork), "{lang:?}");
        assert_eq!(v.and_then(|v| v.by), h.state().state.coder);
        // The row's mark is a button named for the verdict (in logical
        // order, for screen readers; the window's button is drawn reordered).
        let marks =
            |h: &Harness<'static, Workbench>, word: &str| h.query_all_by_label(word).count();
        let with_mark = marks(&h, rs.needs_work);
        click(&mut h, rs.accepted);
        assert_eq!(
            marks(&h, rs.needs_work),
            with_mark - 1,
            "{lang:?}: the mark changed"
        );
        let v = h
            .state()
            .project
            .review
            .verdicts
            .get(&sub)
            .map(|v| v.verdict);
        assert_eq!(v, Some(Verdict::Accepted), "{lang:?}");
        click(&mut h, rs.clear_verdict);
        assert!(h.state().project.review.verdicts.is_empty(), "{lang:?}");
    }
}

#[test]
fn a_proposed_rename_is_applied_with_one_click_and_undone_in_one_step() {
    for lang in [Lang::En, Lang::Fa] {
        let rs = strings(lang);
        let mut h = review_on(lang, SUB);
        let sub = code_named(&h.state().project, SUB);
        type_in(&mut h, "Comment text", "نام دقیق‌تر");
        click(&mut h, rs.no_proposal); // the Propose list
        click(&mut h, rs.rename_to);
        // The field starts with the code's name: replace it.
        h.get_by_label("New name").focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.run();
        type_in(&mut h, "New name", "سرکوب و حذف منتقدان");
        click(&mut h, rs.add_comment);
        let id = *h
            .state()
            .project
            .review
            .threads
            .keys()
            .next()
            .expect("thread");
        assert_eq!(
            h.state().project.review.threads[&id].proposal,
            Some(Proposal::Rename {
                to: "سرکوب و حذف منتقدان".into()
            }),
            "{lang:?}"
        );
        assert_eq!(h.state().project.codes[&sub].name, SUB, "not yet applied");
        click(&mut h, rs.apply);
        let p = &h.state().project;
        assert_eq!(p.codes[&sub].name, "سرکوب و حذف منتقدان", "{lang:?}");
        assert!(
            p.review.threads[&id].resolved,
            "{lang:?}: applying resolves it"
        );
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        let p = &h.state().project;
        assert_eq!(p.codes[&sub].name, SUB, "{lang:?}: one undo step");
        assert!(!p.review.threads[&id].resolved, "{lang:?}");
    }
}

#[test]
fn one_coders_codings_are_shown_alone_from_the_view_menu() {
    for lang in [Lang::En, Lang::Fa] {
        let s = lang.strings();
        let mut h = demo(lang);
        let p = &h.state().project;
        let omid = p.coder_by_name("Omid").expect("Omid").id;
        let p02 = p.document_by_name("P02").expect("P02").id;
        let omid_in_p02 = p
            .codings
            .values()
            .filter(|c| c.document == p02 && c.coder == omid)
            .count();
        let all_in_p02 = p.codings.values().filter(|c| c.document == p02).count();
        assert_ne!(omid_in_p02, all_in_p02, "the demo's P02 has both coders");
        let code = "تطمیع و تهدید خبرنگاران و فعالان شهری";
        // Retrieval from every document of a code both coders used.
        h.get_by_label(&format!("Activate {code}")).click();
        h.run();
        h.state_mut().state.retrieve_all_docs = true;
        h.run();
        let segments =
            |h: &Harness<'static, Workbench>| h.query_all_by_label_contains("Segment ").count();
        assert_eq!(segments(&h), 4, "{lang:?}: both coders' segments");
        let docs_row = |h: &Harness<'static, Workbench>, n: usize| {
            let label = bidi(&format!("P02  ({})", h.state().state.num(n)));
            h.query_by_label(&label).is_some()
        };
        assert!(docs_row(&h, all_in_p02), "{lang:?}");
        click(&mut h, s.view);
        h.get_by_label(&bidi(s.codings_of)).hover();
        h.run();
        click(&mut h, "Omid");
        assert_eq!(h.state().state.show_coder, Some(omid), "{lang:?}");
        assert_eq!(segments(&h), 2, "{lang:?}: Omid's segments alone");
        assert!(
            docs_row(&h, omid_in_p02),
            "{lang:?}: the documents list counts Omid's"
        );
        let banner = s.showing_coder.replace("{name}", "Omid");
        h.get_by_label(&bidi(&banner));
        // Back to everyone's from the top bar.
        h.get_by_label("×").click();
        h.run();
        assert_eq!(h.state().state.show_coder, None, "{lang:?}");
        assert_eq!(segments(&h), 4, "{lang:?}");
    }
}

#[test]
fn the_agreement_view_shows_the_cores_figures_and_opens_a_disagreement_side_by_side() {
    use strata::analysis::agreement::{AgreementOptions, Unit, agreement};
    for lang in [Lang::En, Lang::Fa] {
        let rs = strings(lang);
        let mut h = demo(lang);
        click(&mut h, rs.menu);
        click(&mut h, rs.review_menu_agreement);
        let p = &h.state().project;
        let coders: Vec<CoderId> = p.coders.iter().take(2).map(|c| c.id).collect();
        let want = agreement(p, &AgreementOptions::new(coders.clone())).expect("agreement");
        let kappa = want.overall.cohen.expect("defined on the demo");
        let shown = h.state().state.num(format!("{kappa:.3}"));
        // The pooled row's Cohen's kappa, as the CLI computes it.
        assert!(
            h.query_all_by_label(&bidi(&shown)).count() >= 1,
            "{lang:?}: {shown}"
        );
        // Its column has a header, placed; the code's column comes first
        // in reading order (on the right in Persian).
        let header = |h: &Harness<'static, Workbench>, text: &str| {
            let r = h
                .query_all_by_label(&bidi(text))
                .map(|n| n.rect())
                .find(|r| r.min.x.is_finite() && r.min.y > 150.0)
                .unwrap_or_else(|| panic!("{lang:?}: header {text} placed"));
            r.center().x
        };
        let (code, units) = match lang {
            Lang::En => ("Code", "Units"),
            Lang::Fa => ("کد", "واحدها"),
        };
        header(
            &h,
            if lang == Lang::En {
                "κ (Cohen)"
            } else {
                "کاپای کوهن"
            },
        );
        let before = header(&h, code) < header(&h, units);
        assert_eq!(
            before,
            lang == Lang::En,
            "{lang:?}: the code's column first"
        );
        // Document units give other figures.
        let docs = if lang == Lang::En {
            "Documents"
        } else {
            "سندها"
        };
        h.get_by_role_and_label(egui::accesskit::Role::Button, &bidi(docs))
            .click();
        h.run();
        let by_doc = agreement(
            &h.state().project,
            &AgreementOptions {
                unit: Unit::Document,
                ..AgreementOptions::new(coders.clone())
            },
        )
        .expect("agreement");
        let observed = by_doc.overall.observed.expect("observed");
        let sign = if lang == Lang::En { "%" } else { "٪" };
        let shown = format!(
            "{}{sign}",
            h.state().state.num(format!("{:.1}", observed * 100.0))
        );
        assert!(
            h.query_all_by_label(&bidi(&shown)).count() >= 1,
            "{lang:?}: {shown}"
        );
        // Back to lines: a disagreement opens its document, the two coders'
        // stripes side by side.
        let lines = if lang == Lang::En {
            "Lines"
        } else {
            "سطرها"
        };
        h.get_by_role_and_label(egui::accesskit::Role::Button, &bidi(lines))
            .click();
        h.run();
        let list = format!(
            "{} ({})",
            if lang == Lang::En {
                "Disagreements"
            } else {
                "ناهمخوانی‌ها"
            },
            h.state().state.num(want.disagreements.len())
        );
        click(&mut h, &list);
        let first = &want.disagreements[0];
        let code = &h.state().project.codes[&first.code].name;
        let prefix = format!("\u{2068}{}\u{2069} ", first.doc_name);
        let link = h
            .query_all_by_role(egui::accesskit::Role::Link)
            .find(|n| {
                let l = n.accesskit_node().label().unwrap_or_default();
                l.starts_with(&prefix) && l.contains(code.as_str())
            })
            .expect("the first disagreement's row");
        link.click();
        h.run();
        assert_eq!(
            h.state().state.selected_doc,
            Some(first.document),
            "{lang:?}"
        );
        assert_eq!(h.state().state.compare_coders, coders, "{lang:?}");
    }
}

#[test]
fn a_review_point_then_the_changes_since_it_and_the_trees_side_by_side() {
    for lang in [Lang::En, Lang::Fa] {
        let rs = strings(lang);
        let mut h = review_on(lang, SUB);
        click(&mut h, rs.changes);
        type_in(&mut h, "Review point name", "دور نخست");
        let mark = if lang == Lang::En {
            "Mark review point"
        } else {
            "ثبت نقطهٔ بازبینی"
        };
        click(&mut h, mark);
        assert_eq!(h.state().project.review.points.len(), 1, "{lang:?}");
        assert_eq!(h.state().project.review.points[0].name, "دور نخست");
        // After it: a rename and a new coding.
        let sub = code_named(&h.state().project, SUB);
        h.state_mut().edit(strata::edit::Command::RenameCode {
            id: sub,
            name: "سرکوب و حذف منتقدان".into(),
        });
        let wb = h.state_mut();
        let doc = wb.project.documents[0].id;
        let leaf = code_named(&wb.project, "آمارسازی");
        let coder = wb.state.coder.expect("coder");
        wb.edit(strata::edit::new_coding(
            doc,
            CharRange::new(0, 5),
            leaf,
            coder,
        ));
        h.run();
        // The code by its own name (its path on hover), isolated.
        let now = "\u{2068}سرکوب و حذف منتقدان\u{2069}";
        let renamed = if lang == Lang::En {
            format!("{now}: Renamed from «\u{2068}{SUB}\u{2069}»")
        } else {
            format!("{now}: تغییر نام از «\u{2068}{SUB}\u{2069}»")
        };
        h.get_by_label(&renamed);
        let name = format!("\u{2068}{}\u{2069}", h.state().project.coder_name(coder));
        let one = h.state().state.num(1);
        let zero = h.state().state.num(0);
        let codings = if lang == Lang::En {
            format!("Codings by {name}: {one} added, {zero} removed, {zero} changed")
        } else {
            format!("کدگذاری‌های {name}: {one} افزوده، {zero} حذف‌شده، {zero} تغییریافته")
        };
        h.get_by_label(&codings);
        // The point's tree and now's, side by side, the renamed code marked.
        click(&mut h, rs.compare);
        let now = if lang == Lang::En {
            "now"
        } else {
            "اکنون"
        };
        click(&mut h, &format!("دور نخست | {now}"));
        assert!(
            h.query_all_by_label_contains(SUB).count() >= 1,
            "{lang:?}: the old name on the left"
        );
        let tag = if lang == Lang::En {
            "[renamed]"
        } else {
            "[تغییر نام]"
        };
        assert!(
            h.query_all_by_label_contains(tag).count() >= 1,
            "{lang:?}: marked as renamed"
        );
    }
}

#[test]
fn a_coding_is_commented_on_from_its_stripe() {
    for lang in [Lang::En, Lang::Fa] {
        let rs = strings(lang);
        let mut h = demo(lang);
        h.query_all_by_label_contains("Coding: ")
            .next()
            .expect("a stripe in P01")
            .click_secondary();
        h.run();
        click(&mut h, rs.comment_on_coding);
        let coding = h
            .state()
            .state
            .selected_coding
            .expect("the stripe's coding");
        type_in(&mut h, "Comment text", "این بخش بیش از اندازه بلند است");
        click(&mut h, rs.add_comment);
        let p = &h.state().project;
        let t = p.review.threads.values().next().expect("thread");
        assert_eq!(t.target, ReviewTarget::Coding(coding), "{lang:?}");
    }
}

#[test]
fn a_supervisor_who_does_not_code_signs_comments_by_name() {
    for lang in [Lang::En, Lang::Fa] {
        let rs = strings(lang);
        let mut wb = Workbench::demo().expect("demo");
        wb.state.lang = lang;
        // Logged in as the supervisor, who is not a coder of this copy.
        wb.choose_coder(Some("مریم"));
        let mut h = super::gui::harness(wb);
        tree_item(&h, SUB).click();
        h.run();
        click(&mut h, rs.menu);
        click(&mut h, rs.review_menu_comments);
        type_in(&mut h, "Comment text", "این دو زیرمقوله یکی‌اند؟");
        click(&mut h, rs.add_comment);
        let p = &h.state().project;
        let maryam = p.coder_by_name("مریم").expect("made a coder").id;
        let t = p.review.threads.values().next().expect("thread");
        assert_eq!(t.comments[0].author, Some(maryam), "{lang:?}: signed");
        // One undo takes back the comment and the coder it made.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        let p = &h.state().project;
        assert!(p.review.threads.is_empty() && p.coder_by_name("مریم").is_none());
    }
}

#[test]
fn a_proposed_move_under_a_coded_code_asks_first() {
    let rs = strings(Lang::En);
    let mut h = review_on(Lang::En, SUB);
    let p = &h.state().project;
    let leaf = code_named(p, "کنترل رسانه‌ها باهدف انتشار صرف اقدام‌های مثبت");
    assert!(
        p.index().own_count(leaf) > 0,
        "a code with codings of its own"
    );
    let moved = code_named(p, "آمارسازی");
    let cmd = strata::edit::comment(
        p,
        ReviewTarget::Code(moved),
        "زیر این کد؟",
        Some(Proposal::Move { under: Some(leaf) }),
    )
    .expect("comment");
    h.state_mut().edit(cmd);
    h.run();
    click(&mut h, rs.apply);
    assert!(h.state().state.parent_guard.is_some(), "asked first");
    assert_ne!(
        h.state().project.parent_of(moved),
        Some(leaf),
        "not yet moved"
    );
}
