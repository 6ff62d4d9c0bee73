//! The analysis window's own words (its frame, tabs and exports), in both
//! languages. Each tab's further words are in a table beside this one
//! (`an_*.rs`), so the tables stay short.

use super::Lang;

pub struct AnalysisStrings {
    pub menu: &'static str,
    pub window: &'static str,
    pub search: &'static str,
    pub matrix: &'static str,
    pub cooccur: &'static str,
    pub query: &'static str,
    pub frequencies: &'static str,
    pub words: &'static str,
    pub charts: &'static str,
    pub posts: &'static str,
    pub indices: &'static str,
    pub menu_posts: &'static str,
    pub menu_indices: &'static str,
    pub menu_search: &'static str,
    pub menu_matrix: &'static str,
    pub menu_cooccur: &'static str,
    pub menu_query: &'static str,
    pub menu_frequencies: &'static str,
    pub menu_words: &'static str,
    pub menu_charts: &'static str,
    /// "Export table…" (CSV, XLSX or Markdown).
    pub export_table: &'static str,
    /// "Save figure…" (SVG or PNG).
    pub save_figure: &'static str,
    pub filter_table: &'static str,
    pub filter_figure: &'static str,
    /// A table's file must end in one of these.
    pub table_ending: &'static str,
    pub figure_ending: &'static str,
    /// Nothing was waiting to be saved (the view changed meanwhile).
    pub nothing_to_save: &'static str,
}

pub fn strings(lang: Lang) -> &'static AnalysisStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: AnalysisStrings = AnalysisStrings {
    menu: "Analysis",
    window: "Analysis",
    search: "Search",
    matrix: "Code matrix",
    cooccur: "Co-occurrence",
    query: "Complex retrieval",
    frequencies: "Frequencies",
    words: "Word frequencies",
    charts: "Charts",
    posts: "Posts",
    indices: "Indices",
    menu_posts: "Posts…",
    menu_indices: "Indices and tables…",
    menu_search: "Search and autocode…",
    menu_matrix: "Code matrix…",
    menu_cooccur: "Code co-occurrence…",
    menu_query: "Complex retrieval…",
    menu_frequencies: "Code frequencies…",
    menu_words: "Word frequencies…",
    menu_charts: "Charts…",
    export_table: "Export table…",
    save_figure: "Save figure…",
    filter_table: "Tables (CSV, XLSX, Markdown)",
    filter_figure: "Figures (SVG, PNG)",
    table_ending: "a table is saved as .csv, .xlsx or .md; choose a name with one of these endings",
    figure_ending: "a figure is saved as .svg or .png; choose a name with one of these endings",
    nothing_to_save: "There is nothing to save: open the table or chart again and export it.",
};

pub const FA: AnalysisStrings = AnalysisStrings {
    menu: "تحلیل",
    window: "تحلیل",
    search: "جست‌وجو",
    matrix: "ماتریس کدها",
    cooccur: "هم‌رخدادی",
    query: "بازیابی پیشرفته",
    frequencies: "فراوانی کدها",
    words: "فراوانی واژه‌ها",
    charts: "نمودارها",
    posts: "پست‌ها",
    indices: "شاخص‌ها",
    menu_posts: "پست‌ها…",
    menu_indices: "شاخص‌ها و جدول‌ها…",
    menu_search: "جست‌وجو و کدگذاری خودکار…",
    menu_matrix: "ماتریس کدها…",
    menu_cooccur: "هم‌رخدادی کدها…",
    menu_query: "بازیابی پیشرفته…",
    menu_frequencies: "فراوانی کدها…",
    menu_words: "فراوانی واژه‌ها…",
    menu_charts: "نمودارها…",
    export_table: "برون‌بری جدول…",
    save_figure: "ذخیرهٔ نمودار…",
    filter_table: "جدول‌ها (CSV، XLSX، Markdown)",
    filter_figure: "نمودارها (SVG، PNG)",
    table_ending: "جدول با پسوند ‎.csv‎، ‎.xlsx‎ یا ‎.md‎ ذخیره می‌شود؛ نامی با یکی از این پسوندها برگزینید",
    figure_ending: "نمودار با پسوند ‎.svg‎ یا ‎.png‎ ذخیره می‌شود؛ نامی با یکی از این پسوندها برگزینید",
    nothing_to_save: "چیزی برای ذخیره نیست: جدول یا نمودار را دوباره باز کنید و برون‌بری کنید.",
};
