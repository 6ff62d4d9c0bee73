//! The complex-retrieval tab's words, and its query errors, in both
//! languages (the errors themselves are `analysis::query::QueryErrorKind`).

use super::Lang;
use crate::analysis::query::{Expected, MAX_DEPTH, MAX_ITEMS, QueryError, QueryErrorKind};
use crate::app::numbers::Locale;

pub struct QueryStrings {
    /// The query field's name (for screen readers and tests).
    pub field: &'static str,
    pub hint: &'static str,
    pub run: &'static str,
    /// One line of syntax under the field.
    pub help: &'static str,
    /// Before the column number of an error.
    pub at_column: &'static str,
    pub no_hits: &'static str,
    pub show_in_pane: &'static str,
    /// The retrieved-segments pane shows a query's hits: before the query.
    pub pane_query: &'static str,
    pub back: &'static str,
    pub title_query: &'static str,
    pub title_retrieved: &'static str,
    pub col_document: &'static str,
    pub col_from: &'static str,
    pub col_to: &'static str,
    pub col_codes: &'static str,
    pub col_coders: &'static str,
    pub col_text: &'static str,
    /// Joins names in one cell or line («؛» in Persian).
    pub list_sep: &'static str,
    /// Before a hit's document and lines, for screen readers.
    pub hit: &'static str,
}

pub fn strings(lang: Lang) -> &'static QueryStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: QueryStrings = QueryStrings {
    field: "Query",
    hint: "\"A\" overlaps \"B\"",
    run: "Run",
    help: "Codes in quotes. \"A\" overlaps \"B\" · \"A\" within \"B\" · \"A\" not \"B\" · \"A\" followed by \"B\" within 3 lines · any(\"A\", \"B\") · all(\"A\", \"B\") · \"A\"[coder = \"Sara\"] · … where group = \"…\" and Role = \"…\"",
    at_column: "At column",
    no_hits: "No segment meets the query.",
    show_in_pane: "Show in retrieved segments",
    pane_query: "Query:",
    back: "Back to the activated codes",
    title_query: "Complex retrieval",
    title_retrieved: "Retrieved segments",
    col_document: "Document",
    col_from: "From line",
    col_to: "To line",
    col_codes: "Codes",
    col_coders: "Coders",
    col_text: "Text",
    list_sep: "; ",
    hit: "Hit",
};

pub const FA: QueryStrings = QueryStrings {
    field: "پرسش",
    hint: "«الف» هم‌پوشانی «ب»",
    run: "اجرا",
    help: "نام کدها در گیومه. «الف» هم‌پوشانی «ب» · «الف» درون «ب» · «الف» بدون «ب» · «الف» سپس «ب» تا ۳ سطر · هر(«الف»، «ب») · همه(«الف»، «ب») · «الف»[کدگذار = «سارا»] · … فقط گروه = «…» و نقش = «…»",
    at_column: "در ستون",
    no_hits: "هیچ بخشی با این پرسش جور نیست.",
    show_in_pane: "نمایش در بخش‌های بازیابی‌شده",
    pane_query: "پرسش:",
    back: "بازگشت به کدهای فعال",
    title_query: "بازیابی پیشرفته",
    title_retrieved: "بخش‌های بازیابی‌شده",
    col_document: "سند",
    col_from: "از سطر",
    col_to: "تا سطر",
    col_codes: "کدها",
    col_coders: "کدگذاران",
    col_text: "متن",
    list_sep: "؛ ",
    hit: "یافته",
};

/// A hit's name for screen readers: its document and lines, in the
/// interface's language and digits.
pub fn hit_label(loc: Locale, document: &str, first: usize, last: usize) -> String {
    format!(
        "{} {document}{} {}",
        strings(loc.lang).hit,
        loc.strings().comma,
        crate::app::header::cite_lines(loc, first, last)
    )
}

/// A query error in the interface's language, its column in its digits.
pub fn error_text(loc: Locale, e: &QueryError) -> String {
    let s = strings(loc.lang);
    let what = match loc.lang {
        Lang::En => e.kind.to_string(),
        Lang::Fa => kind_fa(loc, &e.kind),
    };
    format!("{} {}: {what}", s.at_column, loc.num(e.at + 1))
}

fn kind_fa(loc: Locale, k: &QueryErrorKind) -> String {
    match k {
        QueryErrorKind::Empty => "پرسش خالی است".into(),
        QueryErrorKind::Expected { expected, found } => {
            let found = match found {
                Some(f) => format!("«{f}» آمده است"),
                None => "پرسش تمام شده است".into(),
            };
            format!("اینجا {} لازم است، ولی {found}", expected_fa(*expected))
        }
        QueryErrorKind::UnclosedQuote => "گیومه‌ای باز شده و بسته نشده است".into(),
        QueryErrorKind::Stray(c) => format!("«{c}» در پرسش معنایی ندارد"),
        QueryErrorKind::NoCode(n) => format!("کدی با نام «{n}» نیست"),
        QueryErrorKind::AmbiguousCode { name, paths } => {
            let paths: Vec<String> = paths.iter().map(|p| format!("«{p}»")).collect();
            format!(
                "«{name}» ممکن است بیش از یک کد باشد ({})؛ مسیر کدی را که می‌خواهید بنویسید",
                paths.join("؛ ")
            )
        }
        QueryErrorKind::NoCoder(n) => format!("کدگذاری با نام «{n}» نیست"),
        QueryErrorKind::NoGroup(n) => format!("گروه سندی با نام «{n}» نیست"),
        QueryErrorKind::NoDocument(n) => format!("سندی با نام «{n}» نیست"),
        QueryErrorKind::NoVariable(n) => format!("هیچ سندی متغیری با نام «{n}» ندارد"),
        QueryErrorKind::NoSpeaker(n) => format!("هیچ سطری از هیچ سندی گوینده‌ای با نام «{n}» ندارد"),
        QueryErrorKind::TooDeep => format!(
            "پرسش بیش از اندازه تودرتو است (دست‌بالا {} سطح)",
            loc.num(MAX_DEPTH)
        ),
        QueryErrorKind::TooLong => format!(
            "پرسش بیش از اندازه بلند است (دست‌بالا {} کد و عملگر)",
            loc.num(MAX_ITEMS)
        ),
    }
}

fn expected_fa(e: Expected) -> &'static str {
    match e {
        Expected::Code => "نام یک کد در گیومه، هر(…)، همه(…) یا «(»",
        Expected::Operator => "هم‌پوشانی، درون، بدون، سپس، فقط یا پایان پرسش",
        Expected::By => "«by» (در followed by)",
        Expected::Distance => "«تا N سطر» پس از «سپس»",
        Expected::Number => "شمار سطرها",
        Expected::Key => "کدگذار، گروه، سند، گوینده یا نام یک متغیر",
        Expected::Equals => "«=» یا «!=»",
        Expected::Value => "مقداری در گیومه",
        Expected::CloseParen => "«)»",
        Expected::CloseBracket => "«]»",
        Expected::OpenParen => "«(»",
    }
}
