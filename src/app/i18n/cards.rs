//! The creative-coding canvas's own words, in both languages. Rename,
//! colour, ungroup and "Group into a new …" are the tree's (`Strings`,
//! `levels::group_label`), so the two say the same.

use super::Lang;

pub struct CardsStrings {
    pub window: &'static str,
    /// The menu item that opens the canvas.
    pub menu_item: &'static str,
    /// Before the list of scopes.
    pub show: &'static str,
    pub whole_project: &'static str,
    /// The band of level-1 codes in no subcategory, with their count.
    pub not_grouped: &'static str,
    /// The mode in which dragging on empty space draws a lasso.
    pub select_mode: &'static str,
    pub reset_view: &'static str,
    pub hint: &'static str,
    /// "{n} selected".
    pub selected: &'static str,
    pub move_into: &'static str,
    /// "Move into" ▸ the top of the tree.
    pub top_level: &'static str,
    pub segments: &'static str,
    pub no_segments: &'static str,
    pub close: &'static str,
    /// A card's hover text when its code has no definition.
    pub no_definition: &'static str,
}

pub fn strings(lang: Lang) -> &'static CardsStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: CardsStrings = CardsStrings {
    window: "Creative coding",
    menu_item: "Creative coding…",
    show: "Show",
    whole_project: "Whole project",
    not_grouped: "Not yet grouped",
    select_mode: "Select",
    reset_view: "Reset view",
    hint: "Drag empty space to pan · Ctrl+wheel to zoom · Shift+drag to select · drop a card on another to group them",
    selected: "{n} selected",
    move_into: "Move into",
    top_level: "Top level",
    segments: "Segments",
    no_segments: "No segments coded with this code.",
    close: "Close",
    no_definition: "No definition yet",
};

pub const FA: CardsStrings = CardsStrings {
    window: "کدگذاری خلاق",
    menu_item: "کدگذاری خلاق…",
    show: "نمایش",
    whole_project: "کل پروژه",
    not_grouped: "هنوز گروه‌بندی‌نشده",
    select_mode: "انتخاب",
    reset_view: "نمای آغازین",
    hint: "برای جابه‌جا کردن نما فضای خالی را بکشید؛ Ctrl و چرخ ماوس برای بزرگ‌نمایی؛ Shift و کشیدن برای انتخاب؛ کارتی را روی کارت دیگری رها کنید تا با هم گروه‌بندی شوند",
    selected: "{n} انتخاب‌شده",
    move_into: "انتقال به",
    top_level: "بالاترین سطح",
    segments: "بخش‌ها",
    no_segments: "هیچ بخشی با این کد کدگذاری نشده است.",
    close: "بستن",
    no_definition: "هنوز تعریفی ندارد",
};
