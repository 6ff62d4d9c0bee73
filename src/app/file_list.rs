//! The file browser's listing without egui: reading a folder, the order
//! and filters of its entries, what a typed path means, the selection of
//! rows and the recent folders. `file_browser` draws it.

use crate::text::digit_value;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The file name as shown (lossy where the system's name is not UTF-8).
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// Which entries the listing shows.
#[derive(Clone, Copy, Debug)]
pub struct Filter<'a> {
    pub show_hidden: bool,
    /// Files of every kind, not only `extensions`.
    pub all_files: bool,
    /// Lower-case, without the dot.
    pub extensions: &'a [&'a str],
}

/// Read a folder's entries, sorted (`sort`). Entries that vanish while
/// being read are left out; a link that points nowhere is listed as a file.
pub fn read_folder(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir)? {
        let Ok(item) = item else { continue };
        let path = item.path();
        // A link to a folder is a folder to the user.
        let meta = std::fs::metadata(&path).or_else(|_| item.metadata());
        let (is_dir, size, modified) = match meta {
            Ok(m) => (m.is_dir(), m.len(), m.modified().ok()),
            Err(_) => (false, 0, None),
        };
        out.push(Entry {
            name: item.file_name().to_string_lossy().into_owned(),
            path,
            is_dir,
            size,
            modified,
        });
    }
    sort(&mut out);
    Ok(out)
}

/// Folders first, then files; each by name, ignoring case, with numbers
/// in names compared as numbers (P2 before P10, in Persian digits too).
/// Names equal but for case keep a fixed order.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| natural_cmp(&a.name, &b.name))
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// Compare names case-insensitively, runs of digits by their value.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if digit_value(x).is_some() && digit_value(y).is_some() => {
                let run = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = Vec::new();
                    while let Some(d) = it.peek().and_then(|c| digit_value(*c)) {
                        digits.push(d);
                        it.next();
                    }
                    // Without leading zeros: longer is larger, else digit by digit.
                    let first = digits.iter().position(|d| *d != 0).unwrap_or(digits.len());
                    digits.split_off(first)
                };
                let (da, db) = (run(&mut a), run(&mut b));
                let o = da.len().cmp(&db.len()).then_with(|| da.cmp(&db));
                if o != Ordering::Equal {
                    return o;
                }
            }
            (Some(x), Some(y)) => {
                let o = x.to_lowercase().cmp(y.to_lowercase());
                if o != Ordering::Equal {
                    return o;
                }
                a.next();
                b.next();
            }
        }
    }
}

/// A dot file (hidden on Unix-like systems and in file managers).
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Does the name end in one of `extensions` (ignoring case)?
pub fn has_extension(name: &str, extensions: &[&str]) -> bool {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| extensions.contains(&e.as_str()))
}

/// The entries the listing shows, in order.
pub fn shown(entries: &[Entry], filter: &Filter) -> Vec<Entry> {
    entries
        .iter()
        .filter(|e| filter.show_hidden || !is_hidden(&e.name))
        .filter(|e| e.is_dir || filter.all_files || has_extension(&e.name, filter.extensions))
        .cloned()
        .collect()
}

/// What a typed path names: `~` is the home folder, an absolute path is
/// itself, anything else is relative to the folder shown. `.` and `..`
/// are worked out on the path's text, as the user sees it.
pub fn resolve(folder: &Path, typed: &str, home: Option<&Path>) -> PathBuf {
    let typed = typed.trim();
    let joined = match (typed.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with(['/', std::path::MAIN_SEPARATOR]) => {
            h.join(rest.trim_start_matches(['/', std::path::MAIN_SEPARATOR]))
        }
        _ => folder.join(typed),
    };
    normalise(&joined)
}

/// `a/./b/../c` as `a/c`; `..` at the root stays at the root.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The user's home folder, if the system says.
pub fn home() -> Option<PathBuf> {
    std::env::home_dir().filter(|h| !h.as_os_str().is_empty())
}

/// How many recent folders are kept.
pub const RECENT_FOLDERS: usize = 8;

/// Put `folder` first in the recent folders (once, at most `RECENT_FOLDERS`).
pub fn remember_folder(recent: &mut Vec<PathBuf>, folder: PathBuf) {
    recent.retain(|f| *f != folder);
    recent.insert(0, folder);
    recent.truncate(RECENT_FOLDERS);
}

/// The recent folders to offer: those remembered, then the folders of
/// recent projects; each once, at most `RECENT_FOLDERS`, those that still
/// exist (`exists`).
pub fn recent_places(
    folders: &[PathBuf],
    projects: &[PathBuf],
    exists: impl Fn(&Path) -> bool,
) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let parents = projects.iter().filter_map(|p| p.parent());
    for f in folders.iter().map(PathBuf::as_path).chain(parents) {
        if out.len() == RECENT_FOLDERS {
            break;
        }
        if !f.as_os_str().is_empty() && !out.iter().any(|o| o == f) && exists(f) {
            out.push(f.to_path_buf());
        }
    }
    out
}

/// The rows chosen in a listing of `len` rows, by index. Several files can
/// be chosen only when `multi` (Import); a folder is only ever chosen alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub chosen: BTreeSet<usize>,
    /// The row the keyboard is on.
    pub focus: Option<usize>,
    /// Where a Shift range starts.
    pub anchor: Option<usize>,
}

impl Selection {
    /// A click on row `i` (`is_file` says which rows are files); Ctrl
    /// (`toggle`) adds or removes a file, Shift (`range`) chooses the files
    /// from the last clicked one to this one.
    pub fn click(
        &mut self,
        i: usize,
        toggle: bool,
        range: bool,
        multi: bool,
        is_file: impl Fn(usize) -> bool,
    ) {
        let files_only = multi && is_file(i) && self.chosen.iter().all(|j| is_file(*j));
        if files_only && toggle {
            if !self.chosen.remove(&i) {
                self.chosen.insert(i);
            }
            self.anchor = Some(i);
        } else if files_only && range {
            let a = self.anchor.filter(|a| is_file(*a)).unwrap_or(i);
            self.chosen = (a.min(i)..=a.max(i)).filter(|j| is_file(*j)).collect();
        } else {
            self.chosen = BTreeSet::from([i]);
            self.anchor = Some(i);
        }
        self.focus = Some(i);
    }

    /// The keyboard moves `by` rows (Shift extends a multiple choice).
    pub fn step(
        &mut self,
        by: isize,
        len: usize,
        extend: bool,
        multi: bool,
        is_file: impl Fn(usize) -> bool,
    ) {
        if len == 0 {
            return;
        }
        let i = match self.focus {
            None => 0,
            Some(f) => f.saturating_add_signed(by).min(len - 1),
        };
        self.click(i, false, extend, multi, is_file);
    }

    /// Ctrl+A: every file.
    pub fn all_files(&mut self, len: usize, is_file: impl Fn(usize) -> bool) {
        self.chosen = (0..len).filter(|i| is_file(*i)).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, is_dir: bool) -> Entry {
        Entry {
            name: name.into(),
            path: PathBuf::from("/x").join(name),
            is_dir,
            size: 0,
            modified: None,
        }
    }

    fn names(v: &[Entry]) -> Vec<&str> {
        v.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn folders_come_first_then_names_ignoring_case_and_by_number() {
        let mut v = vec![
            entry("b.txt", false),
            entry("P10.txt", false),
            entry("zeta", true),
            entry("A.txt", false),
            entry("p2.txt", false),
            entry("Alpha", true),
            entry("مصاحبه-۱۰.txt", false),
            entry("مصاحبه-۲.txt", false),
            entry("a.txt", false),
        ];
        sort(&mut v);
        assert_eq!(
            names(&v),
            [
                "Alpha",
                "zeta",
                "A.txt",
                "a.txt",
                "b.txt",
                "p2.txt",
                "P10.txt",
                "مصاحبه-۲.txt",
                "مصاحبه-۱۰.txt"
            ]
        );
        // The same order whatever order they came in.
        let mut w = v.clone();
        w.reverse();
        sort(&mut w);
        assert_eq!(v, w);
    }

    #[test]
    fn numbers_with_leading_zeros_compare_by_value() {
        assert_eq!(natural_cmp("P007", "P7"), Ordering::Equal);
        assert_eq!(natural_cmp("P09", "P10"), Ordering::Less);
        assert_eq!(natural_cmp("x", "x1"), Ordering::Less);
    }

    #[test]
    fn the_filter_keeps_folders_and_files_of_the_kind() {
        let v = vec![
            entry("notes", true),
            entry(".git", true),
            entry("P01.TXT", false),
            entry("P02.docx", false),
            entry("photo.jpg", false),
            entry(".hidden.txt", false),
            entry("README", false),
        ];
        let exts = ["txt", "md", "docx", "odt"];
        let mut f = Filter {
            show_hidden: false,
            all_files: false,
            extensions: &exts,
        };
        assert_eq!(names(&shown(&v, &f)), ["notes", "P01.TXT", "P02.docx"]);
        f.all_files = true;
        assert_eq!(
            names(&shown(&v, &f)),
            ["notes", "P01.TXT", "P02.docx", "photo.jpg", "README"]
        );
        f.show_hidden = true;
        f.all_files = false;
        assert_eq!(
            names(&shown(&v, &f)),
            ["notes", ".git", "P01.TXT", "P02.docx", ".hidden.txt"]
        );
    }

    #[test]
    fn typed_paths_resolve_against_the_folder_shown() {
        let dir = Path::new("/data/study");
        let home = Some(Path::new("/home/sara"));
        assert_eq!(
            resolve(dir, "P01.txt", home),
            Path::new("/data/study/P01.txt")
        );
        assert_eq!(
            resolve(dir, " sub/مصاحبه.txt ", home),
            Path::new("/data/study/sub/مصاحبه.txt")
        );
        assert_eq!(resolve(dir, "../other", home), Path::new("/data/other"));
        assert_eq!(resolve(dir, "./a/./b/..", home), Path::new("/data/study/a"));
        assert_eq!(resolve(dir, "/etc/x", home), Path::new("/etc/x"));
        assert_eq!(resolve(dir, "~", home), Path::new("/home/sara"));
        assert_eq!(
            resolve(dir, "~/p.strata", home),
            Path::new("/home/sara/p.strata")
        );
        // A name that only begins with ~ is a name.
        assert_eq!(
            resolve(dir, "~draft", home),
            Path::new("/data/study/~draft")
        );
        // No home known: ~ is just a name.
        assert_eq!(resolve(dir, "~", None), Path::new("/data/study/~"));
        assert_eq!(resolve(Path::new("/"), "../..", home), Path::new("/"));
    }

    #[test]
    fn recent_folders_are_kept_once_most_recent_first() {
        let mut r = Vec::new();
        for i in 0..10 {
            remember_folder(&mut r, PathBuf::from(format!("/f{i}")));
        }
        remember_folder(&mut r, PathBuf::from("/f5"));
        assert_eq!(r.len(), RECENT_FOLDERS);
        assert_eq!(r[0], Path::new("/f5"));
        assert_eq!(r[1], Path::new("/f9"));
        assert_eq!(
            r.iter().filter(|f| f.as_path() == Path::new("/f5")).count(),
            1
        );
        let places = recent_places(
            &[PathBuf::from("/a"), PathBuf::from("/gone")],
            &[PathBuf::from("/a/p.strata"), PathBuf::from("/b/q.strata")],
            |p| p != Path::new("/gone"),
        );
        assert_eq!(places, [PathBuf::from("/a"), PathBuf::from("/b")]);
    }

    #[test]
    fn ctrl_and_shift_choose_files_and_a_folder_is_chosen_alone() {
        // Rows 0 and 1 are folders, 2..6 files.
        let file = |i: usize| i >= 2;
        let mut s = Selection::default();
        s.click(2, false, false, true, file);
        s.click(4, true, false, true, file);
        assert_eq!(s.chosen, BTreeSet::from([2, 4]));
        s.click(2, true, false, true, file);
        assert_eq!(s.chosen, BTreeSet::from([4]));
        // Shift: from the last file clicked (with Ctrl or not) to this one.
        s.click(5, false, false, true, file);
        s.click(3, false, true, true, file);
        assert_eq!(s.chosen, BTreeSet::from([3, 4, 5]));
        // After a folder, Shift chooses the clicked file alone.
        s.click(0, false, false, true, file);
        s.click(3, false, true, true, file);
        assert_eq!(s.chosen, BTreeSet::from([3]));
        // Ctrl on a folder chooses it alone.
        s.click(2, false, false, true, file);
        s.click(1, true, false, true, file);
        assert_eq!(s.chosen, BTreeSet::from([1]));
        s.all_files(7, file);
        assert_eq!(s.chosen, BTreeSet::from([2, 3, 4, 5, 6]));
        // One at a time when not importing.
        s.click(2, false, false, false, file);
        s.click(3, true, false, false, file);
        assert_eq!(s.chosen, BTreeSet::from([3]));
        // The keyboard stays inside the listing.
        s.step(10, 7, false, false, file);
        assert_eq!((s.focus, &s.chosen), (Some(6), &BTreeSet::from([6])));
        s.step(-10, 7, false, false, file);
        assert_eq!(s.focus, Some(0));
    }
}
