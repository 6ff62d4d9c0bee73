//! The window under the no-silent-loss rules (kittest): an export never
//! replaces a project, and a project held by another Strata is offered
//! for unlocking with its owner and age, in both languages.

use super::gui::{demo, harness};
use super::util::*;
use egui_kittest::kittest::Queryable as _;
use std::fs;
use strata::app::{Action, Lang, Workbench};

fn host() -> String {
    fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "this machine".into())
}

#[test]
fn an_export_in_the_window_never_replaces_a_project() {
    let dir = tmp();
    let small = small_project(dir.path());
    // A project saved under a name an export could choose.
    let proj = dir.path().join("study.json");
    fs::copy(&small, &proj).expect("copy");
    let other = dir.path().join("old-export.csv");
    fs::copy(&small, &other).expect("copy");
    for lang in [Lang::En, Lang::Fa] {
        let mut wb = Workbench::open(proj.clone()).expect("open");
        wb.state.lang = lang;
        let mut h = harness(wb);
        for (target, en, fa) in [
            (
                &proj,
                "the project file being exported",
                "خودِ پروندهٔ پروژه‌ای است که از آن خروجی می‌گیرید",
            ),
            (
                &other,
                "a Strata project file",
                "یک پروندهٔ پروژهٔ Strata است",
            ),
        ] {
            let before = fs::read(target).expect("read");
            h.state_mut().apply(Action::ExportTo(target.clone()));
            h.run();
            let shown = h.state().state.error.clone().expect("an error is shown");
            let expect = if lang == Lang::En { en } else { fa };
            assert!(shown.contains(expect), "{shown}");
            h.get_by_label(&shown);
            assert_eq!(
                fs::read(target).expect("read"),
                before,
                "{target:?} unchanged"
            );
            h.state_mut().state.error = None;
            h.run();
        }
        // Any other file is the export's to write.
        let out = dir.path().join("tree.csv");
        h.state_mut().apply(Action::ExportTo(out.clone()));
        h.run();
        assert!(
            h.state().state.error.is_none(),
            "{:?}",
            h.state().state.error
        );
        assert!(
            fs::read_to_string(&out)
                .expect("csv")
                .starts_with("category")
        );
    }
}

#[test]
fn a_project_held_elsewhere_is_offered_for_unlocking_with_owner_and_age() {
    let dir = tmp();
    let proj = small_project(dir.path());
    // Held by a running Strata (this process): the offer shows who and
    // since when, and removing is refused while the system says it is held.
    let held = strata::store::Lock::acquire(&proj, false).expect("lock");
    let mut h = demo(Lang::En);
    h.state_mut().apply(Action::OpenPath(proj.clone()));
    h.run();
    let pid = std::process::id();
    h.get_by_label_contains(&format!("open in another Strata (pid {pid} on {}", host()));
    h.get_by_label_contains("since 2");
    h.get_by_label("Remove the lock and open").click();
    h.run();
    assert_eq!(h.state().path, None, "not opened");
    let err = h.state().state.error.clone().expect("why not");
    assert!(
        err.contains("A running Strata still holds this project"),
        "{err}"
    );
    assert!(held.path().exists(), "the live lock stays");
    drop(held);

    // Left by an older Strata whose pid (1) now belongs to another
    // program: removed on request, and the project opens.
    fs::write(strata::store::lock_path(&proj), format!("1\n{}\n", host())).expect("lock");
    let mut h = demo(Lang::Fa);
    h.state_mut().apply(Action::OpenPath(proj.clone()));
    h.run();
    h.get_by_label_contains("این پروژه در Strata دیگری باز است (فرایند 1 روی");
    h.get_by_label_contains("پیش).");
    assert_eq!(h.state().path, None);
    let offer = h.state().state.offer.clone().expect("offered");
    assert_eq!(offer.path, proj);
    assert!(!offer.restore);
    h.state_mut().apply(Action::Unlock(proj.clone()));
    h.run();
    assert_eq!(h.state().path.as_deref(), Some(proj.as_path()), "opened");
    assert!(h.state().state.offer.is_none());
    assert!(strata::store::lock_path(&proj).exists(), "locked by us now");
}

#[test]
fn a_damaged_project_is_offered_its_backup_and_the_damaged_file_is_kept() {
    let dir = tmp();
    let proj = small_project(dir.path());
    ok(&[
        "memo",
        proj.to_str().expect("p"),
        "--title",
        "t",
        "--body",
        "b",
    ]);
    let mut bytes = fs::read(&proj).expect("read");
    let n = bytes.len();
    bytes.truncate(n - 40);
    fs::write(&proj, &bytes).expect("damage");
    let mut h = demo(Lang::En);
    h.state_mut().apply(Action::OpenPath(proj.clone()));
    h.run();
    h.get_by_label("Restore the backup?");
    h.get_by_label_contains("The file is damaged or was edited by hand");
    h.get_by_label("Restore the backup").click();
    h.run();
    h.run();
    assert_eq!(h.state().path.as_deref(), Some(proj.as_path()), "opened");
    assert!(
        h.state().state.status.contains("small.strata.damaged"),
        "{}",
        h.state().state.status
    );
    let kept = dir.path().join("small.strata.damaged");
    assert_eq!(fs::read(&kept).expect("kept"), bytes);
}
