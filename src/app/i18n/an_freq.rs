//! The words of the analysis window's Frequencies and Word frequencies
//! tabs, in both languages.

use super::Lang;

pub struct FreqStrings {
    pub code: &'static str,
    pub level: &'static str,
    pub codings: &'static str,
    pub documents: &'static str,
    pub coders: &'static str,
    pub words_coded: &'static str,
    /// Under the code table: how its headers sort.
    pub sort_hint: &'static str,
    pub no_codes: &'static str,
    /// The scope chooser's label, and its choices (a group's or a code's
    /// name follows the last two).
    pub scope: &'static str,
    pub scope_all: &'static str,
    pub scope_group: &'static str,
    pub scope_code: &'static str,
    pub use_stop: &'static str,
    pub stop_list: &'static str,
    pub stop_hint: &'static str,
    pub stop_reset: &'static str,
    pub min_len: &'static str,
    pub numbers: &'static str,
    pub word: &'static str,
    pub count: &'static str,
    /// `{words}` words in `{docs}` documents, `{rows}` different words listed.
    pub summary: &'static str,
    /// Only the first `{n}` rows are drawn.
    pub shown_first: &'static str,
    pub no_words: &'static str,
    /// Sheet names of the exported tables.
    pub title_codes: &'static str,
    pub title_words: &'static str,
}

pub fn strings(lang: Lang) -> &'static FreqStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: FreqStrings = FreqStrings {
    code: "Code",
    level: "Level",
    codings: "Codings",
    documents: "Documents",
    coders: "Coders",
    words_coded: "Words coded",
    sort_hint: "Click a column's header to sort by it; click it again for the tree's order. Overlapping codings' words are counted once.",
    no_codes: "The project has no codes yet.",
    scope: "Text:",
    scope_all: "All documents",
    scope_group: "Group: ",
    scope_code: "Code: ",
    use_stop: "Leave out stop words",
    stop_list: "Stop words",
    stop_hint: "One word a line; # starts a comment. Spellings are matched as search matches them.",
    stop_reset: "Reset to the built-in list",
    min_len: "Shortest word:",
    numbers: "Count numbers",
    word: "Word",
    count: "Count",
    summary: "{words} words in {docs} documents; {rows} different words listed.",
    shown_first: "The {n} most frequent are shown; Export table… gives all of them.",
    no_words: "No words to list.",
    title_codes: "Code frequencies",
    title_words: "Word frequencies",
};

pub const FA: FreqStrings = FreqStrings {
    code: "کد",
    level: "سطح",
    codings: "کدگذاری‌ها",
    documents: "سندها",
    coders: "کدگذاران",
    words_coded: "واژه‌های کدگذاری‌شده",
    sort_hint: "برای مرتب‌کردن، روی سرِ ستون بزنید؛ بار دوم، ترتیب درخت برمی‌گردد. واژه‌های کدگذاری‌های هم‌پوشان یک بار شمرده می‌شوند.",
    no_codes: "پروژه هنوز کدی ندارد.",
    scope: "متن:",
    scope_all: "همهٔ سندها",
    scope_group: "گروه: ",
    scope_code: "کد: ",
    use_stop: "کنار گذاشتن ایست‌واژه‌ها",
    stop_list: "ایست‌واژه‌ها",
    stop_hint: "هر سطر یک واژه؛ # آغاز توضیح است. املاهای گوناگون یک واژه، مانند جست‌وجو، یکی شمرده می‌شوند.",
    stop_reset: "بازگشت به فهرست پیش‌فرض",
    min_len: "کمترین طول واژه:",
    numbers: "شمردن عددها",
    word: "واژه",
    count: "فراوانی",
    summary: "{words} واژه در {docs} سند؛ {rows} واژهٔ متفاوت فهرست شده است.",
    shown_first: "{n} واژهٔ پرتکرارتر نشان داده شده است؛ «برون‌بری جدول…» همه را می‌دهد.",
    no_words: "واژه‌ای برای فهرست نیست.",
    title_codes: "فراوانی کدها",
    title_words: "فراوانی واژه‌ها",
};
