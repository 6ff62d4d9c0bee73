//! Command-line arguments (clap). `strata [PROJECT]` opens the GUI.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "strata",
    version,
    about = "Qualitative coding of interview transcripts"
)]
pub struct Cli {
    /// Project to open in the window (the bundled demo when omitted).
    pub project: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Create an empty project file.
    New {
        path: PathBuf,
        /// Project name (default: the file name).
        #[arg(long)]
        name: Option<String>,
        /// Use the Persian level names (کد مفهومی، زیرمقوله، مقوله).
        #[arg(long)]
        persian_levels: bool,
    },
    /// Import transcripts (.txt, .md, .docx, .odt). All or nothing.
    Import {
        project: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Encoding of text files (e.g. windows-1256), instead of detection.
        #[arg(long)]
        encoding: Option<String>,
        /// Most text a transcript may have, in MiB (default 64).
        #[arg(long, value_name = "MIB")]
        max_size: Option<u64>,
        /// Regex for speaker labels at the start of a line; group 1 is the label.
        #[arg(long)]
        speaker_pattern: Option<String>,
        /// Force right-to-left (or left-to-right) display.
        #[arg(long, conflicts_with = "ltr")]
        rtl: bool,
        #[arg(long)]
        ltr: bool,
    },
    /// Set document variables from a CSV (document,participant,group,…) or one by one.
    Vars {
        project: PathBuf,
        /// CSV file whose first column names the document.
        #[arg(long, conflicts_with_all = ["document", "set"])]
        csv: Option<PathBuf>,
        #[arg(long, requires = "set")]
        document: Option<String>,
        /// NAME=VALUE (an empty VALUE clears the variable).
        #[arg(long, requires = "document")]
        set: Vec<String>,
    },
    /// Load a codebook table (TSV/CSV with category, subcategory, code columns).
    Codebook { project: PathBuf, file: PathBuf },
    /// Import a REFI-QDA project (.qdpx) or codebook (.qdc), as NVivo,
    /// ATLAS.ti, MAXQDA, QualCoder, qc or Taguette export them; prints
    /// what was found, what it became and what was left out.
    ImportQdpx {
        /// The .qdpx or .qdc file.
        file: PathBuf,
        /// The new project (never over an existing file).
        #[arg(long, short, conflicts_with = "into")]
        output: Option<PathBuf>,
        /// A .qdc only: add its codes to this existing project in one step
        /// (codes already there, by ID or path, are not added again).
        #[arg(long)]
        into: Option<PathBuf>,
        /// Print the report in Persian.
        #[arg(long)]
        persian: bool,
    },
    /// Code a segment.
    Code {
        project: PathBuf,
        #[arg(long)]
        document: String,
        #[command(flatten)]
        span: Span,
        /// Code path: Category/Subcategory/Code (a unique name alone also works).
        #[arg(long)]
        code: String,
        #[arg(long)]
        coder: String,
        /// Create missing codes on the path.
        #[arg(long)]
        create: bool,
        /// With --create: allow a path deeper than the project's levels
        /// (three by default: category/subcategory/code).
        #[arg(long, requires = "create")]
        deeper: bool,
    },
    /// Add many codings from a CSV or JSONL file, as one step: all or nothing.
    ///
    /// Columns (CSV header) or keys (JSONL): document, start and end (chars,
    /// 0-based, end excluded) or lines (`12-14`, 1-based) or line_start and
    /// line_end, code (Category/Subcategory/Code or a unique name), coder
    /// (optional), memo (optional). Codings the project already has, or
    /// that the file repeats, are skipped and counted.
    ImportCodings {
        project: PathBuf,
        /// `.csv` (or `.tsv`), or `.jsonl` (one object per line).
        file: PathBuf,
        /// Create missing codes on the paths.
        #[arg(long)]
        create: bool,
        /// With --create: allow paths deeper than the project's levels.
        #[arg(long, requires = "create")]
        deeper: bool,
        /// The coder of rows that name none (default: the project's only
        /// coder). A coder the project does not have is added.
        #[arg(long)]
        coder: Option<String>,
    },
    /// Write a memo on the project, a document or a code.
    Memo {
        project: PathBuf,
        #[arg(long, conflicts_with = "document")]
        code: Option<String>,
        #[arg(long)]
        document: Option<String>,
        #[arg(long)]
        title: String,
        #[arg(long)]
        body: String,
        #[arg(long)]
        author: Option<String>,
    },
    /// Print the code tree with levels and counts.
    Codes { project: PathBuf },
    /// Export the code hierarchy with its segments, or the whole project
    /// for other QDA tools (REFI-QDA: qdpx, or the codebook alone: qdc).
    Export {
        project: PathBuf,
        /// json, ron, csv, md, xlsx (workbook), qdpx (REFI-QDA project)
        /// or qdc (REFI-QDA codebook)
        #[arg(long)]
        format: crate::export::Format,
        /// Output file, or - for standard output.
        #[arg(long, short)]
        output: PathBuf,
        /// Leave out the interviewer's lines.
        #[arg(long)]
        no_interviewer: bool,
        /// Direction of the Markdown table (rtl: «؛» between codes, in a
        /// dir="rtl" block). Default: the project's language (Persian level
        /// names or mostly Persian code names: rtl).
        #[arg(long, value_enum)]
        dir: Option<TableDir>,
    },
    /// Remove a project's lock left by a Strata that is gone (after a crash
    /// or a reboot). Refused while a running Strata holds it.
    Unlock {
        project: PathBuf,
        /// Remove it even though the system says a Strata holds it (a
        /// network folder can keep a dead machine's lock).
        #[arg(long)]
        force: bool,
    },
    /// Put a damaged project's backup (NAME.strata.bak) in its place; the
    /// damaged file is kept as NAME.strata.damaged.
    Restore {
        project: PathBuf,
        /// Restore even though the project loads (its last save is then
        /// kept only in NAME.strata.damaged).
        #[arg(long)]
        force: bool,
    },
    /// Check a project file and list its problems.
    Check { project: PathBuf },
    /// Rewrite a project in this Strata's file format (an older file is
    /// kept beside it, e.g. NAME.strata.v1.bak).
    Upgrade { project: PathBuf },
    /// Find text in the documents: Persian-aware (ي/ی, ك/ک, ZWNJ, tatweel,
    /// harakat and bidi marks ignored, Persian digits as ASCII, any case),
    /// or a regular expression on the raw text.
    Search {
        project: PathBuf,
        query: String,
        #[command(flatten)]
        how: SearchHow,
        /// Print the hits as JSON: [{document, line, start, end, text}],
        /// start and end in chars, half-open.
        #[arg(long)]
        json: bool,
    },
    /// Code every hit of a search with one code, in one undo step. A hit
    /// already coded with that code by that coder is skipped.
    Autocode {
        project: PathBuf,
        query: String,
        #[command(flatten)]
        how: SearchHow,
        /// The code path (Category/Subcategory/Code, or a code's name).
        #[arg(long)]
        code: String,
        /// The coder the codings are by (added if the project has none so named).
        #[arg(long)]
        coder: String,
        /// Make the code path if it is missing.
        #[arg(long)]
        create: bool,
        /// Code the hit itself, its sentence, or its whole line.
        #[arg(long, value_enum, default_value_t = ExtendArg::Match)]
        extend: ExtendArg,
    },
    /// Counts of documents, codes per level, codings, coders and memos.
    Stats {
        project: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Intercoder agreement: per code, pooled over codes, and where the
    /// coders differ (see docs/agreement.md).
    Agreement {
        project: PathBuf,
        /// Coders to compare, by name or ID, comma-separated (two or more;
        /// exactly two for segments).
        #[arg(long, value_delimiter = ',', required = true)]
        coders: Vec<String>,
        #[arg(long, value_enum, default_value = "line")]
        unit: AgreementUnit,
        /// Segments: least overlap of two segments, as a share of their
        /// union (0.9 = 90%).
        #[arg(long, default_value_t = crate::analysis::agreement::DEFAULT_OVERLAP)]
        overlap: f64,
        /// Codes to compare, by path, comma-separated (default: every code
        /// the coders used).
        #[arg(long, value_delimiter = ',')]
        codes: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Merge coders' copies that all started from BASE into a new project
    /// (by stable IDs; conflicts are kept and listed, nothing is lost).
    Merge {
        base: PathBuf,
        /// The coders' copies.
        #[arg(required = true)]
        copies: Vec<PathBuf>,
        /// The merged project (a new file; see --force).
        #[arg(long, short)]
        output: PathBuf,
        /// Print the merge report as JSON.
        #[arg(long)]
        json: bool,
        /// Also write the merge report (JSON) to this file.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// Replace OUTPUT if it exists (the old one is kept as OUTPUT.bak).
        /// Never one of the inputs.
        #[arg(long)]
        force: bool,
        /// Remove a coding deleted on one copy and left as it was on
        /// another (git's rule). By default codings are unioned: it is
        /// kept, and listed.
        #[arg(long)]
        honour_deletions: bool,
    },
    /// Git's merge driver: merge THEIRS into OURS from their common BASE,
    /// writing the result into OURS (`strata merge-driver %O %A %B %P`).
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The project's path in the repository (git's %P), for messages.
        path: Option<String>,
        /// As for `merge`: remove codings one branch deleted.
        #[arg(long)]
        honour_deletions: bool,
    },
    /// What changed from OLD to NEW: codes, codings per coder, memos,
    /// documents, coders.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The supervisor's review report: the hierarchy with counts per coder
    /// and verdicts, agreement tables, open comments and merge conflicts,
    /// and review points. HTML prints well, Persian included.
    Review {
        project: PathBuf,
        /// report.html or report.md (the format follows the extension).
        #[arg(long, short)]
        output: PathBuf,
        /// Coders whose agreement is reported (default: every coder, when
        /// there are two or more).
        #[arg(long, value_delimiter = ',')]
        coders: Vec<String>,
        #[arg(long, value_enum, default_value = "line")]
        unit: AgreementUnit,
    },
    /// The study report: each category, subcategory and code with its
    /// definition, counts and example quotes (cited `P9, lines 12–14`), as
    /// one HTML file that prints well or as Markdown for the paper.
    Report {
        project: PathBuf,
        /// report.html or report.md.
        #[arg(long, short)]
        output: PathBuf,
        /// html or md (default: from the output's extension).
        #[arg(long, value_enum)]
        format: Option<ReportKind>,
    },
    /// A project as readable text, one coding per line (for git's textconv).
    Show { project: PathBuf },
    /// The code matrix: every code (its subtree for a subcategory or
    /// category) by document, document group or variable value.
    Matrix {
        project: PathBuf,
        /// Columns: `document`, `group` or `variable:NAME`.
        #[arg(long, default_value = "document", value_parser = parse_matrix_by)]
        by: crate::analysis::matrix::By,
        /// Count codings, or coded documents.
        #[arg(long, value_enum, default_value = "coding")]
        unit: MatrixUnit,
        #[arg(long)]
        json: bool,
    },
    /// Complex retrieval: segments found by conditions on codes, e.g.
    /// `"A" overlaps "B"`, `"A" within "B"`, `"A" not "B"`,
    /// `"A" followed by "B" within 3 lines`, `any("A", "B")`, `all(…)`,
    /// `"A"[coder = "Sara"]`, `… where group = "Council"` (see the README).
    Retrieve {
        project: PathBuf,
        #[arg(long)]
        query: String,
        /// Print the hits as JSON: [{document, lines: [from, to], start,
        /// end, text, codes}], lines 1-based, start and end in chars,
        /// half-open.
        #[arg(long)]
        json: bool,
    },
    /// How often two level-1 codes are present in the same line, the same
    /// overlap of two codings, or the same document (any coder).
    Cooccur {
        project: PathBuf,
        #[arg(long, value_enum)]
        unit: AgreementUnit,
        #[arg(long)]
        json: bool,
    },
    /// Code frequencies: per code, subcategory and category (its subtree),
    /// codings, documents, coders and words coded (overlapping codings'
    /// words counted once).
    Freq {
        project: PathBuf,
        /// Print JSON: [{path, level, codings, documents, coders, words}],
        /// in tree order.
        #[arg(long)]
        json: bool,
    },
    /// The social-media strand: posts and comments imported as documents
    /// (`social import`), and the Bonsón et al. indices (`social indices`).
    Social {
        #[command(subcommand)]
        cmd: SocialCmd,
    },
    /// Word frequencies, counted by folded form (ي/ی, ك/ک, ZWNJ, harakat
    /// and case ignored), over all documents, one group, or one code's
    /// coded text. The built-in Persian and English stop words are left out.
    Words {
        project: PathBuf,
        /// Only the documents of this group.
        #[arg(long, value_name = "NAME", conflicts_with = "code")]
        group: Option<String>,
        /// Only the text coded with this code or its subtree
        /// (Category/Subcategory/Code, or a code's name).
        #[arg(long, value_name = "PATH")]
        code: Option<String>,
        /// Only the N most frequent words.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Stop words from this file instead (one a line; `#` comments).
        #[arg(long, value_name = "FILE", conflicts_with = "no_stop_words")]
        stop_words: Option<PathBuf>,
        /// Leave no word out.
        #[arg(long)]
        no_stop_words: bool,
        /// Leave out words shorter than this (in letters).
        #[arg(long, value_name = "N", default_value_t = 1)]
        min_length: usize,
        /// Leave out words of digits only (1402, ۱۴۰۲).
        #[arg(long)]
        no_numbers: bool,
        /// Print JSON: {total, documents, words: [{word, folded, count,
        /// documents}]}, most frequent first.
        #[arg(long)]
        json: bool,
    },
    /// Maps as figures for the paper: a category's starter layout (it,
    /// its subcategories in a row, their codes under them), or a saved map,
    /// drawn as SVG or PNG (300 dpi) with the names exact and counts in
    /// the figure's digits.
    Map {
        project: PathBuf,
        /// Draw the starter layout of this category or subcategory
        /// (Category/Subcategory, or a code's name).
        #[arg(long, value_name = "NAME", conflicts_with_all = ["name", "list"])]
        category: Option<String>,
        /// Draw the saved map of this name.
        #[arg(long, value_name = "MAP", conflicts_with = "list")]
        name: Option<String>,
        /// The figure: fig.svg or fig.png (the format follows the extension).
        #[arg(long, short, conflicts_with = "list")]
        output: Option<PathBuf>,
        /// Leave out each code's count of codings.
        #[arg(long)]
        no_counts: bool,
        /// The figure's language: fa (Persian digits, first column on the
        /// right) or en. Default: the project's language.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// List the saved maps.
        #[arg(long)]
        list: bool,
        /// With --category: also add the layout to the project as a saved
        /// map (one undo step), named as the category.
        #[arg(long, requires = "category")]
        save: bool,
    },
}

/// The unit of `agreement --unit`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreementUnit {
    Line,
    Segment,
    Document,
}

/// The format of `report --format`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    Html,
    #[value(alias = "markdown")]
    Md,
}

/// A table's direction, for `export --dir`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableDir {
    Rtl,
    Ltr,
}

#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct Span {
    /// Lines A-B (1-based, inclusive), or a single line A.
    #[arg(long)]
    pub lines: Option<String>,
    /// Chars A-B (0-based, half-open).
    #[arg(long)]
    pub chars: Option<String>,
}

/// How `search` and `autocode` match.
#[derive(Args, Debug, Clone)]
pub struct SearchHow {
    /// QUERY is a regular expression, matched on the raw text.
    #[arg(long)]
    pub regex: bool,
    /// Only hits that begin and end at word boundaries.
    #[arg(long)]
    pub whole_word: bool,
    /// Search only this document (repeatable).
    #[arg(long = "document", value_name = "NAME")]
    pub documents: Vec<String>,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtendArg {
    Match,
    Sentence,
    Line,
}

/// What `matrix --unit` counts.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatrixUnit {
    Coding,
    Document,
}

/// `matrix --by`: `document`, `group` or `variable:NAME`.
fn parse_matrix_by(s: &str) -> Result<crate::analysis::matrix::By, String> {
    use crate::analysis::matrix::By;
    match s {
        "document" => Ok(By::Document),
        "group" => Ok(By::Group),
        _ => match s.strip_prefix("variable:").map(str::trim) {
            Some(name) if !name.is_empty() => Ok(By::Variable(name.to_string())),
            _ => Err("takes document, group or variable:NAME".to_string()),
        },
    }
}

#[derive(Subcommand, Debug)]
pub enum SocialCmd {
    /// Import managers' posts and their comments: each post becomes a
    /// document named by its post_id (line 1 the post, then one line per
    /// comment, `author: text`). All or nothing: a bad row is refused,
    /// naming the file, row and column.
    Import {
        project: PathBuf,
        /// network,account,role,followers,period_start,period_end
        #[arg(long, value_name = "CSV")]
        accounts: PathBuf,
        /// network,account,post_id,posted_at,text,likes,comments,shares,views
        #[arg(long, value_name = "CSV")]
        posts: PathBuf,
        /// network,post_id,comment_id,posted_at,author,text,reply_by_manager
        #[arg(long, value_name = "CSV")]
        comments: Option<PathBuf>,
        /// Also add the starter codes for post types, comment categories
        /// and managers' responses, named in Persian (fa) or English (en).
        #[arg(long, value_enum, value_name = "LANG")]
        starter_codes: Option<LangArg>,
    },
    /// The popularity, commitment and virality indices (Bonsón et al.
    /// 2017) per account, averaged by network, account, role or
    /// network,role.
    Indices {
        project: PathBuf,
        #[arg(
            long,
            default_value = "network",
            value_name = "network|account|role|network,role"
        )]
        by: String,
        /// Print JSON: {by, groups: [{key, accounts, posts, mean_followers,
        /// mean_posts, mean_posts_per_month, P1, …, E, V1_views, …}]}.
        #[arg(long, conflicts_with_all = ["table", "output"])]
        json: bool,
        /// Only the paper's Table 1 (activity) or Table 2 (engagement).
        #[arg(long, value_name = "1|2", value_parser = clap::value_parser!(u8).range(1..=2))]
        table: Option<u8>,
        /// Write the table (.csv, .md or .xlsx) instead of printing it.
        #[arg(long, value_name = "FILE", requires = "table")]
        output: Option<PathBuf>,
        /// Headings in Persian (fa) or English (en).
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
}

/// A language for names and headings.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    Fa,
    En,
}
