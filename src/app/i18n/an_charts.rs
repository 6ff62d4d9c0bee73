//! The Charts tab's words, in both languages.

use super::Lang;

pub struct ChartStrings {
    /// The three charts.
    pub bars: &'static str,
    pub portrait: &'static str,
    pub codeline: &'static str,
    /// "Columns": document groups or a variable's values.
    pub columns: &'static str,
    pub groups: &'static str,
    /// Before a variable's name in the columns' list.
    pub variable: &'static str,
    pub count: &'static str,
    pub codings: &'static str,
    pub coded_documents: &'static str,
    pub codes: &'static str,
    /// The default codes: the categories (top level of abstraction).
    pub categories: &'static str,
    /// The codes selected in the code tree.
    pub selected_codes: &'static str,
    pub document: &'static str,
    /// Bars' title: "{codes} per {columns}".
    pub bars_title: &'static str,
    /// Portrait's title: "Portrait of {document}".
    pub portrait_title: &'static str,
    /// Codeline's title: "Where {codes} are coded".
    pub codeline_title: &'static str,
    /// The codeline's x axis.
    pub position: &'static str,
    /// Under a portrait: "Each tile: {n} characters of the text".
    pub tile_note: &'static str,
    pub no_codes: &'static str,
    pub no_documents: &'static str,
    /// The tree's selection is empty (the categories are shown).
    pub none_selected: &'static str,
}

pub fn strings(lang: Lang) -> &'static ChartStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: ChartStrings = ChartStrings {
    bars: "Codes per group",
    portrait: "Document portrait",
    codeline: "Codeline",
    columns: "Columns",
    groups: "Document groups",
    variable: "Variable",
    count: "Count",
    codings: "Codings",
    coded_documents: "Coded documents",
    codes: "Codes",
    categories: "Categories",
    selected_codes: "Codes selected in the tree",
    document: "Document",
    bars_title: "{codes} per {columns}",
    portrait_title: "Portrait of {document}",
    codeline_title: "Where {codes} are coded",
    position: "Position in the interview",
    tile_note: "Each tile: {n} characters of the text",
    no_codes: "There is nothing to chart yet: the project has no codes.",
    no_documents: "There is nothing to chart yet: the project has no documents.",
    none_selected: "No code is selected in the tree; the categories are shown.",
};

pub const FA: ChartStrings = ChartStrings {
    bars: "کدها در هر گروه",
    portrait: "تصویر سند",
    codeline: "خط کد",
    columns: "ستون‌ها",
    groups: "گروه‌های سند",
    variable: "متغیر",
    count: "شمارش",
    codings: "کدگذاری‌ها",
    coded_documents: "سندهای کدگذاری‌شده",
    codes: "کدها",
    categories: "مقوله‌ها",
    selected_codes: "کدهای برگزیده در درخت",
    document: "سند",
    bars_title: "{codes} بر پایهٔ {columns}",
    portrait_title: "تصویر سند {document}",
    codeline_title: "جای کدگذاری {codes} در مصاحبه‌ها",
    position: "جایگاه در مصاحبه",
    tile_note: "هر خانه: {n} نویسه از متن",
    no_codes: "هنوز چیزی برای نمودار نیست: پروژه کدی ندارد.",
    no_documents: "هنوز چیزی برای نمودار نیست: پروژه سندی ندارد.",
    none_selected: "در درخت کدی برگزیده نیست؛ مقوله‌ها نشان داده می‌شوند.",
};
