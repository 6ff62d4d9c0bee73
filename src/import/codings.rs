//! Many codings in one step (`strata import-codings`): rows of a CSV or
//! JSONL file, each a document, a range (chars or lines), a code path and a
//! coder, become one batch command: one undo step, all or nothing.
//!
//! Every row is checked before anything is built, and every problem is
//! collected with its line in the file, so one run names them all. Names
//! are matched as `strata code` matches them (`edit::PathMaker` for code
//! paths, `Project::coder_by_name` for coders), and a document's name also
//! with its file's extension (`P01.txt` names `P01`). A coding the project
//! already has, or that the file gives twice (same document, range, code
//! and coder), is skipped and counted, not refused: an import run twice
//! adds nothing the second time.

use super::{DEFAULT_MAX_MIB, ImportError, MIB, decode, read_capped};
use crate::edit::{self, Command, PathMaker, Step};
use crate::model::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The most problems an error message lists; the rest are counted.
pub const SHOWN_PROBLEMS: usize = 20;

/// Which kind of file the rows come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowFormat {
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl RowFormat {
    /// From the file's ending: `.jsonl`/`.ndjson`/`.json` are JSONL, the rest CSV.
    pub fn of(path: &Path) -> Self {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("jsonl" | "ndjson" | "json") => RowFormat::Jsonl,
            _ => RowFormat::Csv,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct BulkOptions {
    /// Make codes missing from the tree.
    pub create: bool,
    /// With `create`: also below the project's levels.
    pub deeper: bool,
    /// The coder of rows that name none.
    pub coder: Option<String>,
}

/// Where a coding lies, as a row gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// Chars `start..end` of the normalised text (0-based, half-open).
    Chars(usize, usize),
    /// Lines `a..=b` (1-based, inclusive), as `strata code --lines` takes them.
    Lines(usize, usize),
}

impl Span {
    /// The char range in `doc`, or why there is none.
    pub fn range(self, doc: &Document) -> Result<CharRange, String> {
        match self {
            Span::Lines(a, b) => doc
                .lines_range(a, b)
                .filter(|r| !r.is_empty())
                .ok_or_else(|| {
                    format!(
                        "lines {a}-{b} are not in '{}' (it has {} lines) or are empty",
                        doc.name,
                        doc.line_count()
                    )
                }),
            Span::Chars(a, b) => {
                let r = CharRange::new(a, b);
                if r.fits(doc.char_count()) {
                    Ok(r)
                } else {
                    Err(format!(
                        "chars {a}-{b} are not a range in '{}' (it has {} chars; start must be below end)",
                        doc.name,
                        doc.char_count()
                    ))
                }
            }
        }
    }
}

/// A number in Latin, Persian or Arabic-Indic digits.
pub fn parse_number(s: &str) -> Option<usize> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0usize, |n, c| {
        let d = crate::text::digit_value(c)?;
        n.checked_mul(10)?.checked_add(d as usize)
    })
}

/// `A-B` (also `A–B` or `A:B`), or `A` alone for `A-A`.
pub fn parse_span(s: &str) -> Option<(usize, usize)> {
    match s.trim().split_once(['-', '–', ':']) {
        Some((a, b)) => Some((parse_number(a)?, parse_number(b)?)),
        None => parse_number(s).map(|n| (n, n)),
    }
}

/// One row as read from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Its line in the file (1-based), for messages.
    pub line: u64,
    pub document: String,
    pub span: Span,
    pub code: String,
    pub coder: Option<String>,
    pub memo: Option<String>,
}

/// A problem with one row (line 1 is the header of a CSV).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub msg: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    #[error(transparent)]
    Read(#[from] ImportError),
    #[error("{}", problems_text(path, errors))]
    Rows {
        path: PathBuf,
        errors: Vec<RowError>,
    },
}

fn problems_text(path: &Path, errors: &[RowError]) -> String {
    let n = errors.len();
    let mut t = format!(
        "{}: {n} problem{} found; nothing was imported",
        path.display(),
        if n == 1 { "" } else { "s" }
    );
    for e in errors.iter().take(SHOWN_PROBLEMS) {
        t += &format!("\n  {}, line {}: {}", path.display(), e.line, e.msg);
    }
    if n > SHOWN_PROBLEMS {
        t += &format!("\n  … and {} more", n - SHOWN_PROBLEMS);
    }
    t
}

/// What an import does, and the one command that does it.
#[derive(Clone, Debug)]
pub struct Plan {
    pub command: Command,
    pub added: usize,
    /// Codings added per coder, in the order coders were first named.
    pub by_coder: Vec<(String, usize)>,
    /// Rows skipped because the project has that coding already.
    pub already_there: usize,
    /// Rows skipped because an earlier row gave the same coding.
    pub repeated: usize,
    /// Paths of the codes made (`create`).
    pub codes_made: Vec<String>,
    pub coders_made: Vec<String>,
    /// Columns (CSV) or keys (JSONL) that Strata does not read.
    pub ignored: Vec<String>,
}

/// Read `path` and plan the import into `p`.
pub fn plan_file(p: &Project, path: &Path, opts: &BulkOptions) -> Result<Plan, BulkError> {
    let bytes = read_capped(path, DEFAULT_MAX_MIB * MIB, 1)?;
    let text = decode(&bytes, None).map_err(|source| ImportError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    plan_text(p, &text.text, RowFormat::of(path), opts).map_err(|errors| BulkError::Rows {
        path: path.to_path_buf(),
        errors,
    })
}

/// Plan the import of `text` into `p`; on any problem, all of them by line.
pub fn plan_text(
    p: &Project,
    text: &str,
    format: RowFormat,
    opts: &BulkOptions,
) -> Result<Plan, Vec<RowError>> {
    let read = read_rows(text, format)?;
    let mut errors = read.errors;
    let mut plan = match plan_rows(p, &read.rows, opts) {
        Ok(plan) => plan,
        Err(more) => {
            errors.extend(more);
            errors.sort_by_key(|e| e.line);
            return Err(errors);
        }
    };
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    plan.ignored = read.ignored;
    Ok(plan)
}

/// The rows of `text`; Err for a header that cannot be read.
pub fn read_rows(text: &str, format: RowFormat) -> Result<ReadRows, Vec<RowError>> {
    match format {
        RowFormat::Csv => super::rows::csv_rows(text),
        RowFormat::Jsonl => super::rows::jsonl_rows(text),
    }
}

/// Rows as read: the good ones, the problems of the others, and what was not read.
#[derive(Debug, Default)]
pub struct ReadRows {
    pub rows: Vec<Row>,
    pub errors: Vec<RowError>,
    pub ignored: Vec<String>,
}

/// Names already looked up, so that 20,000 rows over 200 documents and 300
/// codes cost 500 lookups.
struct Names<'a> {
    p: &'a Project,
    docs: HashMap<String, Result<&'a Document, String>>,
    codes: HashMap<String, Result<CodeId, String>>,
    coders: HashMap<String, Result<CoderId, String>>,
    /// Coders to add: folded name -> id.
    new_coders: HashMap<String, CoderId>,
    add_coders: Vec<Command>,
    coders_made: Vec<String>,
    maker: PathMaker<'a>,
}

impl<'a> Names<'a> {
    fn document(&mut self, name: &str) -> Result<&'a Document, String> {
        let p = self.p;
        self.docs
            .entry(name.to_string())
            .or_insert_with(|| find_document(p, name))
            .clone()
    }

    /// `author`: who made the codes this path makes (the row's coder).
    fn code(&mut self, path: &str, author: Option<CoderId>) -> Result<CodeId, String> {
        if let Some(hit) = self.codes.get(path) {
            return hit.clone();
        }
        self.maker.set_author(author);
        let made = self.maker.made_count();
        let found = self.maker.resolve(path).map_err(|e| e.to_string());
        let found = found.and_then(|id| {
            if self.maker.made_count() > made {
                // New names obey the rules every new code's name does.
                for part in crate::model::path_parts(path) {
                    edit::check::name("code", part).map_err(|e| e.to_string())?;
                }
            }
            match self.p.codes.get(&id) {
                Some(c) if !c.codable => Err(format!(
                    "'{}' only groups other codes; it cannot be applied to text",
                    c.name
                )),
                _ => Ok(id),
            }
        });
        self.codes.insert(path.to_string(), found.clone());
        found
    }

    fn coder(&mut self, name: &str) -> Result<CoderId, String> {
        if let Some(hit) = self.coders.get(name) {
            return hit.clone();
        }
        let found = self.find_coder(name);
        self.coders.insert(name.to_string(), found.clone());
        found
    }

    fn find_coder(&mut self, name: &str) -> Result<CoderId, String> {
        edit::check::name("coder", name.trim()).map_err(|e| e.to_string())?;
        let key = crate::text::fold(name);
        if let Some(id) = self.new_coders.get(&key) {
            return Ok(*id);
        }
        let (add, id) = edit::ensure_coder(self.p, name).map_err(|e| e.to_string())?;
        if let Some(Command::AddCoder { mut coder, .. }) = add {
            // After the project's coders and the ones this import adds.
            let index = self.p.coders.len() + self.add_coders.len();
            coder.color = edit::palette_color(index + 3);
            self.coders_made.push(coder.name.clone());
            self.add_coders.push(Command::AddCoder { coder, index });
            self.new_coders.insert(key, id);
        }
        Ok(id)
    }
}

/// The document named `name`: exactly, then as a Persian reader would
/// compare names, then without a file's extension.
fn find_document<'a>(p: &'a Project, name: &str) -> Result<&'a Document, String> {
    let name = name.trim();
    if let Some(d) = p.document_by_name(name) {
        return Ok(d);
    }
    let folded = |n: &str| {
        let key = crate::text::fold(n);
        let mut hits = p
            .documents
            .iter()
            .filter(|d| crate::text::fold(&d.name) == key);
        match (hits.next(), hits.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    };
    if let Some(d) = folded(name) {
        return Ok(d);
    }
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let known_ext = Path::new(name).extension().is_some_and(|e| {
        ["txt", "md", "docx", "odt"].contains(&e.to_string_lossy().to_lowercase().as_str())
    });
    if let Some(stem) = stem.filter(|_| known_ext)
        && let Some(d) = p.document_by_name(&stem).or_else(|| folded(&stem))
    {
        return Ok(d);
    }
    let some: Vec<&str> = p
        .documents
        .iter()
        .take(5)
        .map(|d| d.name.as_str())
        .collect();
    Err(match p.documents.len() {
        0 => format!("no document named '{name}': the project has no documents yet"),
        n if n <= 5 => format!("no document named '{name}'. Documents: {}", some.join(", ")),
        n => format!(
            "no document named '{name}' (the project has {n}, such as {})",
            some.join(", ")
        ),
    })
}

/// Resolve every row and build the batch.
pub fn plan_rows(p: &Project, rows: &[Row], opts: &BulkOptions) -> Result<Plan, Vec<RowError>> {
    let mut names = Names {
        p,
        docs: HashMap::new(),
        codes: HashMap::new(),
        coders: HashMap::new(),
        new_coders: HashMap::new(),
        add_coders: Vec::new(),
        coders_made: Vec::new(),
        maker: PathMaker::new(p, opts.create, opts.deeper, None),
    };
    let default_coder = default_coder(p, opts);
    let mut errors = Vec::new();
    let seen: HashSet<(DocId, CharRange, CodeId, CoderId)> = p
        .codings
        .values()
        .map(|c| (c.document, c.range, c.code, c.coder))
        .collect();
    let stamp_time = Stamp::now(None);
    let mut codings = Vec::with_capacity(rows.len());
    let (mut already_there, mut repeated) = (0, 0);
    let mut in_file: HashSet<(DocId, CharRange, CodeId, CoderId)> = HashSet::new();
    let mut by_coder: Vec<(CoderId, usize)> = Vec::new();
    for row in rows {
        let mut fail = |msg: String| {
            errors.push(RowError {
                line: row.line,
                msg,
            })
        };
        let coder = match row.coder.as_deref().filter(|c| !c.trim().is_empty()) {
            Some(name) => names.coder(name),
            None => default_coder.clone().and_then(|n| names.coder(&n)),
        };
        let doc = names.document(&row.document);
        let range = doc.clone().and_then(|d| row.span.range(d));
        let code = names.code(&row.code, coder.clone().ok());
        let (doc, range, code, coder) = match (doc, range, code, coder) {
            (Ok(d), Ok(r), Ok(c), Ok(k)) => (d, r, c, k),
            (d, r, c, k) => {
                // Every problem of the row, document first.
                let doc_failed = d.is_err();
                for e in [d.err(), r.err().filter(|_| !doc_failed), c.err(), k.err()]
                    .into_iter()
                    .flatten()
                {
                    fail(e);
                }
                continue;
            }
        };
        let key = (doc.id, range, code, coder);
        if !in_file.insert(key) {
            repeated += 1;
            continue;
        }
        if seen.contains(&key) {
            already_there += 1;
            continue;
        }
        match by_coder.iter_mut().find(|(k, _)| *k == coder) {
            Some((_, n)) => *n += 1,
            None => by_coder.push((coder, 1)),
        }
        let mut stamp = stamp_time;
        stamp.created_by = Some(coder);
        stamp.modified_by = Some(coder);
        let coding = Coding {
            id: CodingId::new(),
            document: doc.id,
            range,
            code,
            coder,
            origin: Origin::Import,
            stamp,
        };
        let memos = row
            .memo
            .as_deref()
            .filter(|m| !m.trim().is_empty())
            .map(|body| Memo {
                id: MemoId::new(),
                target: MemoTarget::Coding(coding.id),
                title: String::new(),
                body: body.to_string(),
                stamp,
            })
            .into_iter()
            .collect();
        codings.push(Command::InsertCoding { coding, memos });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let added = codings.len();
    let (code_cmds, codes_made) = names.maker.finish();
    let coder_name = |id: CoderId| {
        names
            .add_coders
            .iter()
            .find_map(|c| match c {
                Command::AddCoder { coder, .. } if coder.id == id => Some(coder.name.clone()),
                _ => None,
            })
            .unwrap_or_else(|| p.coder_name(id).to_string())
    };
    let by_coder = by_coder
        .into_iter()
        .map(|(k, n)| (coder_name(k), n))
        .collect();
    let mut commands = names.add_coders;
    commands.extend(code_cmds);
    commands.extend(codings);
    Ok(Plan {
        command: Command::Batch {
            label: Step::ImportCodings { codings: added },
            commands,
        },
        added,
        by_coder,
        already_there,
        repeated,
        codes_made,
        coders_made: names.coders_made,
        ignored: Vec::new(),
    })
}

/// Whose codings rows without a coder are: `--coder`, else the project's
/// only coder; with none or several, a row must say.
fn default_coder(p: &Project, opts: &BulkOptions) -> Result<String, String> {
    if let Some(c) = opts.coder.as_ref().filter(|c| !c.trim().is_empty()) {
        return Ok(c.clone());
    }
    match p.coders.as_slice() {
        [one] => Ok(one.name.clone()),
        [] => Err("no coder: the project has none; add a coder column or --coder NAME".into()),
        many => Err(format!(
            "no coder: the project has {} ({}); add a coder column or --coder NAME",
            many.len(),
            many.iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
