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
fn a_project_held_elsewhere_is_named_and_a_doubtful_lock_offered_for_unlocking() {
    let dir = tmp();
    let proj = small_project(dir.path());
    // Held by a running Strata (this process), as the system confirms:
    // said so, with who and since when, and no offer to remove it.
    let held = strata::store::Lock::acquire(&proj, false).expect("lock");
    let mut h = demo(Lang::En);
    h.state_mut().apply(Action::OpenPath(proj.clone()));
    h.run();
    let pid = std::process::id();
    let err = h.state().state.error.clone().expect("why not");
    assert!(
        err.contains(&format!(
            "open in another Strata (pid {pid} on {}, since 2",
            host()
        )),
        "{err}"
    );
    assert!(err.contains("the system confirms it"), "{err}");
    h.get_by_label(&err);
    assert!(h.state().state.offer.is_none(), "nothing to offer");
    assert!(h.query_by_label("Remove the lock and open").is_none());
    assert_eq!(h.state().path, None, "not opened");
    // Removing it anyway (an offer from before it was taken) is refused.
    h.state_mut().state.error = None;
    h.state_mut().apply(Action::Unlock(proj.clone()));
    h.run();
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
    h.get_by_label_contains("قفل، فرایند ۱ روی");
    h.get_by_label_contains("پیش، که شاید هنوز در حال اجرا باشد");
    h.get_by_label_contains("سیستم نمی‌تواند بگوید که آن Strata است");
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
    let status = h.state().state.status.text(h.state().state.locale());
    assert!(status.contains("small.strata.damaged"), "{status}");
    let kept = dir.path().join("small.strata.damaged");
    assert_eq!(fs::read(&kept).expect("kept"), bytes);
}

#[test]
fn a_transcript_changed_outside_strata_is_offered_its_backup_which_saves_keep() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let p = proj.to_str().expect("p");
    ok(&["memo", p, "--title", "one", "--body", "b"]);
    ok(&["memo", p, "--title", "two", "--body", "b"]);
    let good = fs::read(strata::store::backup_path(&proj)).expect("bak");
    // One word of P7 changed by another program.
    let text = fs::read_to_string(&proj).expect("read");
    let (loaded, _) = strata::store::load(&proj).expect("load");
    let p7 = loaded
        .document_by_name("P7")
        .expect("P7")
        .text()
        .to_string();
    let word = p7.split_whitespace().nth(3).expect("a word").to_string();
    let json_p7 = serde_json::to_string(&p7).expect("json");
    let changed = json_p7.replacen(&word, "CHANGED", 1);
    fs::write(&proj, text.replacen(&json_p7, &changed, 1)).expect("tamper");
    let mut wb = Workbench::open(proj.clone()).expect("opens, with P7 set aside");
    wb.state.lang = Lang::En;
    assert!(wb.project.document_by_name("P7").is_none());
    let mut h = harness(wb);
    h.get_by_label("Restore the backup?");
    h.get_by_label_contains("document 'P7': its text does not match");
    // The backup from before the change keeps a name of its own, so that
    // saves (which rotate the backup) do not take it away.
    let before = strata::store::before_damage_path(&proj);
    assert_eq!(fs::read(&before).expect("kept"), good);
    h.get_by_label("Cancel").click();
    h.run();
    for round in 0..2 {
        let id = *h.state().project.codes.keys().next().expect("a code");
        h.state_mut().edit(strata::edit::Command::RenameCode {
            id,
            name: format!("renamed {round}"),
        });
        h.state_mut().apply(Action::SaveTo(proj.clone()));
        h.run();
        h.state_mut().wait_for_saves();
    }
    drop(h);
    // Saved twice more, from the CLI too: the copy stays, and the backup
    // can still be put in place.
    ok(&["memo", p, "--title", "three", "--body", "b"]);
    ok(&["memo", p, "--title", "four", "--body", "b"]);
    assert_eq!(fs::read(&before).expect("kept"), good);
    ok(&["restore", p]);
    let (back, problems) = strata::store::load(&proj).expect("load");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(back.set_aside.is_empty());
    assert!(back.document_by_name("P7").is_some(), "P7 is back");
    assert!(!before.exists(), "used");
}

#[test]
fn save_as_does_not_write_over_the_names_kept_beside_a_project() {
    let dir = tmp();
    let _proj = small_project(dir.path());
    let mut h = demo(Lang::En);
    for name in [
        "small.strata.lock",
        "small.strata.BAK",
        "small.strata.recovery",
    ] {
        h.state_mut().apply(Action::SaveTo(dir.path().join(name)));
        h.run();
        let err = h.state_mut().state.error.take().expect("refused");
        assert!(err.contains("a name Strata keeps"), "{err}");
        assert!(!dir.path().join(name).exists(), "{name}");
    }
}

#[test]
fn save_as_does_not_replace_another_project() {
    let dir = tmp();
    let other = small_project(dir.path());
    let before = fs::read(&other).expect("read");
    let mut h = demo(Lang::En);
    h.state_mut().apply(Action::SaveTo(other.clone()));
    h.run();
    let err = h.state().state.error.clone().expect("refused");
    assert!(err.contains("is another project"), "{err}");
    assert_eq!(fs::read(&other).expect("read"), before);
    assert_eq!(h.state().path, None);
}

#[test]
fn a_project_opened_through_a_symlink_is_worked_on_at_its_target() {
    let dir = tmp();
    let real = small_project(dir.path());
    let link = dir.path().join("via-link.strata");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let wb = Workbench::open(link).expect("open");
    let target = real.canonicalize().expect("canonical");
    // Its recovery file, lock and saves all sit beside the real file.
    assert_eq!(wb.path.as_deref(), Some(target.as_path()));
    assert!(strata::store::lock_path(&target).exists());
    // Saving as the link's name is saving the project, not a conflict.
    let mut h = harness(wb);
    h.state_mut()
        .apply(Action::SaveTo(dir.path().join("via-link.strata")));
    h.run();
    h.state_mut().wait_for_saves();
    assert!(
        h.state().state.error.is_none(),
        "{:?}",
        h.state().state.error
    );
    let link = dir.path().join("via-link.strata");
    assert!(
        fs::symlink_metadata(&link)
            .expect("m")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn discarding_autosaved_work_is_asked_twice() {
    let dir = tmp();
    let proj = small_project(dir.path());
    let recovery = dir.path().join("small.strata.recovery");
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::copy(&proj, &recovery).expect("an autosave newer than the project");
    let mut wb = Workbench::open(proj).expect("open");
    wb.state.lang = Lang::En;
    let mut h = harness(wb);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Discard").click();
    h.run();
    h.get_by_label("Discard the autosaved work? It is deleted, and cannot be brought back.");
    assert!(recovery.exists(), "not yet");
    h.get_by_label("Back").click();
    h.run();
    h.get_by_label("Recover");
    h.get_by_label("Discard").click();
    h.run();
    h.get_by_label("Discard for good").click();
    h.run();
    assert!(!recovery.exists(), "deleted only now");
    assert!(h.state().state.recovery.is_none());
}
