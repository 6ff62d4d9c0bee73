//! kill -9 torture: the real `strata` binary is killed at random moments of
//! a load-change-save of a project of a few megabytes. Whenever it dies, the
//! project on disk must still load (as it was, or with the change), its
//! backup too, the stale lock must not stop the next run, and one clean
//! save afterwards must leave no temporary file behind.

#![cfg(unix)]

use super::util::tmp;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};
use strata::edit;
use strata::model::*;
use strata::store;

/// Trials by default; `STRATA_TORTURE_TRIALS` changes it for a longer soak.
const TRIALS: usize = 200;
/// Documents in the project, and the lines of each: about 3.5 MB on disk.
const DOCUMENTS: usize = 6;
const LINES_PER_DOCUMENT: usize = 3_400;
/// Codings on each document.
const CODINGS_PER_DOCUMENT: usize = 250;

/// xorshift64*: deterministic, so that a failing trial can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const EN: &str = "we talked about the clinic and my family network online because trust was hard";
const FA: &str =
    "ما درباره شبکه‌های اجتماعی و خانواده صحبت کردیم اعتماد سخت بود هر هفته درمانگاه می‌رفتم";

/// An interview of `lines` lines: the interviewer in Persian, the
/// participant in English, or in both on one line.
fn transcript(rng: &mut Rng, lines: usize) -> String {
    let en: Vec<&str> = EN.split(' ').collect();
    let fa: Vec<&str> = FA.split(' ').collect();
    let both: Vec<&str> = en.iter().chain(&fa).copied().collect();
    let mut text = String::new();
    for n in 0..lines {
        let (speaker, words) = match n % 3 {
            0 => ("مصاحبه‌کننده", &fa),
            1 => ("P7", &en),
            _ => ("P7", &both),
        };
        text.push_str(speaker);
        text.push(':');
        for _ in 0..8 + rng.below(14) {
            text.push(' ');
            text.push_str(rng.pick(words));
        }
        text.push('\n');
    }
    text
}

fn document_name(i: usize) -> String {
    // One Persian name, so that a non-ASCII --document argument is in play.
    if i == 1 {
        "مصاحبه ۲".to_string()
    } else {
        format!("P{i}")
    }
}

/// The project under torture, saved at `path`.
fn build_project(path: &Path, rng: &mut Rng) {
    let mut p = Project::new("torture");
    for i in 0..DOCUMENTS {
        let doc = Document::new(document_name(i), &transcript(rng, LINES_PER_DOCUMENT));
        p.documents.push(doc);
    }
    let mut coders = Vec::new();
    for name in ["سارا", "Omid"] {
        let (add, id) = edit::ensure_coder(&p, name).expect("a coder name that is not blank");
        if let Some(cmd) = add {
            cmd.apply(&mut p).expect("add coder");
        }
        coders.push(id);
    }
    let mut codes = Vec::new();
    for path in [
        "روابط/خانواده/حمایت",
        "روابط/خانواده/تعارض",
        "Trust/Online/Doubt",
        "Trust/Clinic/Waiting",
        "Access/Cost",
    ] {
        let (cmds, id) = edit::ensure_path(&p, path, true).expect("a code path");
        for cmd in cmds {
            cmd.apply(&mut p).expect("add code");
        }
        codes.push(id);
    }
    let docs: Vec<(DocId, usize)> = p.documents.iter().map(|d| (d.id, d.line_count())).collect();
    let mut codings = Vec::new();
    // The same segment, code and coder twice is refused: draw again.
    let mut seen = std::collections::HashSet::new();
    for (doc, lines) in docs {
        let d = p.document(doc).expect("the document just added");
        let mut made = 0;
        while made < CODINGS_PER_DOCUMENT {
            let a = 1 + rng.below(lines);
            let b = (a + rng.below(4)).min(lines);
            let range = d.lines_range(a, b).expect("lines inside the document");
            let code = codes[rng.below(codes.len())];
            let coder = coders[rng.below(coders.len())];
            if seen.insert((doc, range, code, coder)) {
                codings.push(edit::new_coding(doc, range, code, coder));
                made += 1;
            }
        }
    }
    for cmd in codings {
        cmd.apply(&mut p).expect("add coding");
    }
    store::save(&p, path).expect("save the torture project");
}

/// One run of the CLI that changes the project.
enum Change {
    Memo(String),
    Var { document: String, value: String },
}

impl Change {
    fn command(&self, project: &Path) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_strata"));
        match self {
            Change::Memo(title) => cmd.arg("memo").arg(project).args([
                "--title",
                title,
                "--body",
                "نوشته‌ای کوتاه / a short note",
            ]),
            Change::Var { document, value } => cmd
                .arg("vars")
                .arg(project)
                .args(["--document", document, "--set"])
                .arg(format!("trial={value}")),
        };
        cmd.stdin(Stdio::null());
        cmd
    }

    /// Is this change in the loaded project?
    fn is_in(&self, p: &Project) -> bool {
        match self {
            Change::Memo(title) => p.memos.values().any(|m| &m.title == title),
            Change::Var { document, value } => p
                .document_by_name(document)
                .is_some_and(|d| d.variables.get("trial") == Some(value)),
        }
    }
}

/// What every state of the file must keep, whatever the kill.
#[derive(Debug, PartialEq)]
struct Shape {
    documents: usize,
    codes: usize,
    codings: usize,
    hashes: Vec<String>,
}

fn shape(p: &Project) -> Shape {
    Shape {
        documents: p.documents.len(),
        codes: p.codes.len(),
        codings: p.codings.len(),
        hashes: p
            .documents
            .iter()
            .map(|d| d.source.text_hash.clone())
            .collect(),
    }
}

fn load_clean(path: &Path, what: &str) -> Project {
    let (p, problems) = store::load(path)
        .unwrap_or_else(|e| panic!("{what}: {} does not load: {e}", path.display()));
    assert!(
        problems.is_empty(),
        "{what}: problems on load: {problems:?}"
    );
    p
}

/// Run to the end, not killed; it must succeed (stale lock or not).
fn run_clean(change: &Change, project: &Path) -> Duration {
    let start = Instant::now();
    let out = change.command(project).output().expect("run strata");
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "a clean run failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Start the command, kill it with SIGKILL after `delay`; the exit status
/// (None: it was killed before it finished).
fn run_killed(change: &Change, project: &Path, delay: Duration) -> Option<ExitStatus> {
    let mut child = change
        .command(project)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn strata");
    std::thread::sleep(delay);
    if child.try_wait().expect("poll strata").is_none() {
        // It may finish between the poll and the kill: the status tells.
        child.kill().expect("SIGKILL strata");
    }
    let out = child.wait_with_output().expect("reap strata");
    const SIGKILL: i32 = 9;
    match out.status.signal() {
        Some(SIGKILL) => None,
        _ => {
            // It finished by itself: a lock left by an earlier kill must
            // not have stopped it.
            assert!(
                out.status.success(),
                "a run that was not killed failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(out.status)
        }
    }
}

/// The pid in a save's temp file's name (`.NAME.tmp-PID`, `.NAME.bak-PID`;
/// a lock's temp file has a uuid instead, and gives none).
fn pid_of(file: &str) -> Option<u32> {
    let tail = file
        .rsplit(['-', '.'])
        .find(|part| part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty())?;
    tail.parse().ok()
}

/// Temporary files of saves and locks, which must not outlive a clean save.
fn leftovers(dir: &Path, name: &str) -> Vec<String> {
    let tmp = format!(".{name}.tmp-");
    let bak = format!(".{name}.bak-");
    let lock = format!("{name}.lock.");
    std::fs::read_dir(dir)
        .expect("list the project's folder")
        .map(|e| {
            e.expect("folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|f| {
            f.starts_with(&tmp)
                || f.starts_with(&bak)
                || (f.starts_with(&lock) && f.ends_with(".tmp"))
        })
        .collect()
}

#[test]
fn kill_9_at_any_moment_of_a_save_loses_nothing() {
    let trials = std::env::var("STRATA_TORTURE_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(TRIALS);
    let dir = tmp();
    let name = "torture.strata";
    let project: PathBuf = dir.path().join(name);
    let mut rng = Rng(0x5EED_0F57_2A7A);
    let built = Instant::now();
    build_project(&project, &mut rng);
    let size = std::fs::metadata(&project).expect("project size").len();
    eprintln!(
        "torture: project of {:.1} MB built in {:.1?}",
        size as f64 / 1e6,
        built.elapsed()
    );

    // The typical run time, from a few clean runs (the first may be cold).
    let mut times: Vec<Duration> = (0..3)
        .map(|i| run_clean(&Change::Memo(format!("warm-up {i}")), &project))
        .collect();
    times.sort();
    let typical = times[1];
    let spread = typical.mul_f64(1.2);

    let mut before = load_clean(&project, "after the warm-up");
    let mut bytes_before = std::fs::read(&project).expect("read project");
    let mut killed = 0;
    let started = Instant::now();
    for trial in 0..trials {
        let change = if rng.below(2) == 0 {
            Change::Memo(format!("trial {trial}"))
        } else {
            Change::Var {
                document: document_name(rng.below(DOCUMENTS)),
                value: trial.to_string(),
            }
        };
        let delay = spread.mul_f64(rng.below(1_000) as f64 / 1_000.0);
        let status = run_killed(&change, &project, delay);
        if status.is_none() {
            killed += 1;
        }

        let how = if status.is_none() {
            "killed"
        } else {
            "finished"
        };
        let what = format!("trial {trial} ({how}; kill due after {delay:?})");
        let after = load_clean(&project, &what);
        let bytes_after = std::fs::read(&project).expect("read project");
        if bytes_after != bytes_before {
            // The new state, complete: the change and everything before it.
            assert!(
                change.is_in(&after),
                "{what}: a changed file without the change"
            );
        } else {
            assert!(
                status.is_none(),
                "{what}: finished, but the file is unchanged"
            );
        }
        assert_eq!(shape(&after), shape(&before), "{what}: content lost");
        let memos = (before.memos.len(), after.memos.len());
        assert!(
            memos.1 == memos.0 || memos.1 == memos.0 + 1,
            "{what}: memos before and after: {memos:?}"
        );
        let bak = store::backup_path(&project);
        if bak.exists() {
            let kept = load_clean(&bak, &format!("{what}, backup"));
            assert_eq!(shape(&kept), shape(&before), "{what}: backup lost content");
        }
        before = after;
        bytes_before = bytes_after;
    }
    eprintln!(
        "torture: {trials} trials ({killed} killed) in {:.1?}; one clean run takes {typical:?}; \
         {} temporary files left by the kills",
        started.elapsed(),
        leftovers(dir.path(), name).len()
    );

    // One clean save after all the kills.
    let last = Change::Memo("after the torture".into());
    run_clean(&last, &project);
    let p = load_clean(&project, "after the clean save");
    assert!(last.is_in(&p));
    assert_eq!(shape(&p), shape(&before));
    assert!(
        !store::lock_path(&project).exists(),
        "a clean run leaves its lock file behind"
    );
    // A temp file whose pid belongs to a live process is kept on purpose
    // when that process may be its writer (Strata compares the process's
    // start with the file's time). On a busy machine (pids wrap at 32768) a
    // killed save's pid is sometimes taken again within that second, by a
    // process that may be gone by now. So: whatever is left whose pid is
    // gone must be swept by the next clean run, and only a file whose pid
    // is alive may stay.
    let alive =
        |f: &String| pid_of(f).is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
    // Those whose pid is gone now must be swept by one more clean save. (A
    // file whose process ends during that save may stay: it was alive when
    // the save looked. Checking "gone" after the save failed now and then.)
    // A lock file being made holds its maker's pid on its first line, and
    // is swept by that pid; one killed before it wrote the pid is kept for
    // a minute (it may be another Strata's lock being made), so it may stay.
    let lock_pid = |f: &String| {
        std::fs::read_to_string(dir.path().join(f))
            .ok()
            .and_then(|t| t.lines().next().and_then(|l| l.trim().parse::<u32>().ok()))
    };
    let is_lock_temp = |f: &String| f.starts_with(&format!("{name}.lock."));
    let dead: Vec<String> = leftovers(dir.path(), name)
        .into_iter()
        .filter(|f| {
            if is_lock_temp(f) {
                lock_pid(f).is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists())
            } else {
                !alive(f)
            }
        })
        .collect();
    if !dead.is_empty() {
        run_clean(&Change::Memo("one more clean save".into()), &project);
    }
    let left: Vec<String> = leftovers(dir.path(), name)
        .into_iter()
        .filter(|f| dead.contains(f))
        .collect();
    assert!(
        left.is_empty(),
        "temporary files of killed saves are still there after a clean save: {left:?}"
    );
}
