//! Interface strings, one table per language. Persian strings are stored in
//! logical order; widgets show them through `app::bidi`.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    En,
    Fa,
}

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Fa => &FA,
        }
    }

    pub fn rtl(self) -> bool {
        self == Lang::Fa
    }
}

pub struct Strings {
    pub file: &'static str,
    pub edit: &'static str,
    pub view: &'static str,
    pub new_project: &'static str,
    pub open: &'static str,
    pub save: &'static str,
    pub save_as: &'static str,
    pub import: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub documents: &'static str,
    pub codes: &'static str,
    pub retrieved: &'static str,
    pub memo: &'static str,
    pub coder: &'static str,
    pub line: &'static str,
    pub lines: &'static str,
    pub no_document: &'static str,
    pub codings: &'static str,
    pub filter: &'static str,
    pub language: &'static str,
    pub apply_code: &'static str,
    pub new_code: &'static str,
    pub rename: &'static str,
    pub delete: &'static str,
    pub group: &'static str,
    pub ungroup: &'static str,
    pub merge_into: &'static str,
    pub title: &'static str,
    pub cancel: &'static str,
    pub ok: &'static str,
    pub path: &'static str,
    pub selection: &'static str,
    pub saved: &'static str,
    pub remove_coding: &'static str,
    pub command_palette: &'static str,
    pub in_vivo: &'static str,
    pub picker_hint: &'static str,
    pub direction: &'static str,
    pub unsaved_changes: &'static str,
    pub save_and_close: &'static str,
    pub close_without_saving: &'static str,
    pub select_text_first: &'static str,
    pub this_document: &'static str,
    pub all_documents: &'static str,
    pub hide_interviewer: &'static str,
    pub activate_hint: &'static str,
    pub dir_auto: &'static str,
    pub dir_rtl: &'static str,
    pub dir_ltr: &'static str,
    pub search: &'static str,
    pub matches: &'static str,
    pub recent: &'static str,
    pub recover_title: &'static str,
    pub recover_text: &'static str,
    pub recover: &'static str,
    pub discard: &'static str,
    pub new_coder: &'static str,
    pub add: &'static str,
    pub definition: &'static str,
    pub when_to_use: &'static str,
    pub example: &'static str,
    pub colour: &'static str,
    pub change_code: &'static str,
    pub resize_to_selection: &'static str,
    pub coding: &'static str,
    pub delete_confirm: &'static str,
    pub panes: &'static str,
    pub quick_codes: &'static str,
    pub save_description: &'static str,
    pub previous: &'static str,
    pub export: &'static str,
    pub not_saved: &'static str,
    pub codes_word: &'static str,
    pub unsaved: &'static str,
    pub level_names: &'static str,
    pub next_line: &'static str,
    pub prev_line: &'static str,
    pub move_to_group: &'static str,
    pub new_group: &'static str,
    pub only_ungrouped: &'static str,
    /// The list comma: "," or "،".
    pub comma: &'static str,
    pub next: &'static str,
}

pub const EN: Strings = Strings {
    file: "File",
    edit: "Edit",
    view: "View",
    new_project: "New project…",
    open: "Open…",
    save: "Save",
    save_as: "Save as…",
    import: "Import documents…",
    undo: "Undo",
    redo: "Redo",
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    documents: "Documents",
    codes: "Code system",
    retrieved: "Retrieved segments",
    memo: "Memo",
    coder: "Coder",
    line: "line",
    lines: "lines",
    no_document: "Select a document on the left to read it.",
    codings: "codings",
    filter: "Filter codes",
    language: "فارسی",
    apply_code: "Apply code…",
    new_code: "New code",
    rename: "Rename",
    delete: "Delete",
    group: "Group into new subcategory",
    ungroup: "Ungroup",
    merge_into: "Merge into…",
    title: "Title",
    cancel: "Cancel",
    ok: "OK",
    path: "Path",
    selection: "Selection",
    saved: "Saved",
    remove_coding: "Remove coding",
    command_palette: "Command palette",
    in_vivo: "Code in vivo",
    picker_hint: "Type to find a code, Enter to apply (a new name creates a code)",
    direction: "Text direction",
    unsaved_changes: "This project has unsaved changes.",
    save_and_close: "Save and close",
    close_without_saving: "Close without saving",
    select_text_first: "Select some text first",
    this_document: "This document",
    all_documents: "Active documents",
    hide_interviewer: "Hide interviewer",
    activate_hint: "Click a code's colour square to activate it; its segments are listed here.",
    dir_auto: "Auto",
    dir_rtl: "Right to left",
    dir_ltr: "Left to right",
    search: "Search",
    matches: "matches",
    recent: "Recent projects",
    recover_title: "Recover unsaved work?",
    recover_text: "Strata found autosaved changes newer than the project file, from a session that did not close normally.",
    recover: "Recover",
    discard: "Discard",
    new_coder: "New coder",
    add: "Add",
    definition: "Definition",
    when_to_use: "When to use",
    example: "Example",
    colour: "Colour",
    change_code: "Change code…",
    resize_to_selection: "Resize to selection",
    coding: "Coding",
    delete_confirm: "code(s) and {n} coding(s) will be deleted. You can undo this.",
    panes: "Panes",
    quick_codes: "Recent codes (Alt+1…9)",
    save_description: "Save description",
    previous: "Previous",
    export: "Export hierarchy…",
    not_saved: "(demo, not saved)",
    codes_word: "codes",
    unsaved: "unsaved",
    level_names: "Level names",
    next_line: "Select next line",
    prev_line: "Select previous line",
    move_to_group: "Move to group",
    new_group: "Group",
    only_ungrouped: "Only codes without a subcategory",
    comma: ",",
    next: "Next",
};

pub const FA: Strings = Strings {
    file: "پرونده",
    edit: "ویرایش",
    view: "نما",
    new_project: "پروژهٔ تازه…",
    open: "باز کردن…",
    save: "ذخیره",
    save_as: "ذخیره با نام…",
    import: "وارد کردن سند…",
    undo: "واگرد",
    redo: "از نو",
    nothing_to_undo: "چیزی برای واگرد نیست",
    nothing_to_redo: "چیزی برای از نو نیست",
    documents: "اسناد",
    codes: "نظام کدها",
    retrieved: "بخش‌های بازیابی‌شده",
    memo: "یادداشت",
    coder: "کدگذار",
    line: "سطر",
    lines: "سطرهای",
    no_document: "برای خواندن، سندی را از فهرست انتخاب کنید.",
    codings: "کدگذاری",
    filter: "جستجوی کد",
    language: "English",
    apply_code: "اعمال کد…",
    new_code: "کد تازه",
    rename: "تغییر نام",
    delete: "حذف",
    group: "گروه‌بندی در زیرمقولهٔ تازه",
    ungroup: "لغو گروه",
    merge_into: "ادغام در…",
    title: "عنوان",
    cancel: "انصراف",
    ok: "تأیید",
    path: "مسیر",
    selection: "انتخاب",
    saved: "ذخیره شد",
    remove_coding: "حذف کدگذاری",
    command_palette: "فهرست فرمان‌ها",
    in_vivo: "کدگذاری زنده",
    picker_hint: "نام کد را بنویسید و Enter بزنید (نام تازه، کد تازه می‌سازد)",
    direction: "جهت متن",
    unsaved_changes: "این پروژه تغییرات ذخیره‌نشده دارد.",
    save_and_close: "ذخیره و بستن",
    close_without_saving: "بستن بدون ذخیره",
    select_text_first: "اول بخشی از متن را انتخاب کنید",
    this_document: "همین سند",
    all_documents: "اسناد فعال",
    hide_interviewer: "بدون مصاحبه‌کننده",
    activate_hint: "برای فعال کردن کد، روی مربع رنگی آن کلیک کنید؛ بخش‌های کدگذاری‌شدهٔ آن اینجا فهرست می‌شوند.",
    dir_auto: "خودکار",
    dir_rtl: "راست به چپ",
    dir_ltr: "چپ به راست",
    search: "جستجو",
    matches: "مورد",
    recent: "پروژه‌های اخیر",
    recover_title: "بازیابی کار ذخیره‌نشده؟",
    recover_text: "Strata تغییراتی خودکارذخیره‌شده یافت که از پروندهٔ پروژه تازه‌ترند؛ از جلسه‌ای که درست بسته نشد.",
    recover: "بازیابی",
    discard: "دور انداختن",
    new_coder: "کدگذار تازه",
    add: "افزودن",
    definition: "تعریف",
    when_to_use: "زمان استفاده",
    example: "نمونه",
    colour: "رنگ",
    change_code: "تغییر کد…",
    resize_to_selection: "هم‌اندازه با انتخاب",
    coding: "کدگذاری",
    delete_confirm: "کد و {n} کدگذاری حذف می‌شود. می‌توانید آن را واگردانید.",
    panes: "پنل‌ها",
    quick_codes: "کدهای اخیر (Alt+1…9)",
    save_description: "ذخیرهٔ توصیف",
    previous: "قبلی",
    export: "خروجی سلسله‌مراتب…",
    not_saved: "(نمونه، ذخیره‌نشده)",
    codes_word: "کد",
    unsaved: "ذخیره‌نشده",
    level_names: "نام سطح‌ها",
    next_line: "انتخاب سطر بعد",
    prev_line: "انتخاب سطر قبل",
    move_to_group: "انتقال به گروه",
    new_group: "گروه",
    only_ungrouped: "فقط کدهای بدون زیرمقوله",
    comma: "،",
    next: "بعدی",
};

/// The name of an undo step in the interface language. Steps are named in
/// English by the core (the CLI and tests read them); the Persian interface
/// translates the fixed ones and the patterns with a quoted name.
pub fn step_label(lang: Lang, label: &str) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    const FIXED: [(&str, &str); 28] = [
        ("Add code", "افزودن کد"),
        ("Add coder", "افزودن کدگذار"),
        ("Add document group", "افزودن گروه سند"),
        ("Add document", "افزودن سند"),
        ("Change code of segment", "تغییر کد بخش"),
        ("Code segment", "کدگذاری بخش"),
        ("Delete code", "حذف کد"),
        ("Delete memo", "حذف یادداشت"),
        ("Edit code description", "ویرایش توصیف کد"),
        ("Edit memo", "ویرایش یادداشت"),
        ("Load codebook", "بارگذاری کدنامه"),
        ("Move code", "جابه‌جایی کد"),
        ("Move document to a new group", "انتقال سند به گروه تازه"),
        ("Move document to group", "انتقال سند به گروه"),
        ("Recolour code", "تغییر رنگ کد"),
        ("Remove coder", "حذف کدگذار"),
        ("Remove coding", "حذف کدگذاری"),
        ("Remove document group", "حذف گروه سند"),
        ("Remove document", "حذف سند"),
        ("Rename code", "تغییر نام کد"),
        ("Rename document", "تغییر نام سند"),
        ("Rename levels", "تغییر نام سطح‌ها"),
        ("Rename project", "تغییر نام پروژه"),
        ("Resize coding", "تغییر اندازهٔ کدگذاری"),
        ("Restore code", "بازگرداندن کد"),
        ("Restore document group", "بازگرداندن گروه سند"),
        ("Set text direction", "تعیین جهت متن"),
        ("Set variable", "تعیین متغیر"),
    ];
    if let Some((_, fa)) = FIXED.iter().find(|(en, _)| *en == label) {
        return fa.to_string();
    }
    // Patterns with one quoted name: «…».
    let quoted = |s: &str| s.split('\'').nth(1).unwrap_or("").to_string();
    const PATTERNS: [(&str, &str); 5] = [
        ("Code segment with '", "کدگذاری بخش با"),
        ("Code with new code '", "کدگذاری با کد تازهٔ"),
        ("Change code to new code '", "تغییر کد به کد تازهٔ"),
        ("Ungroup '", "لغو گروه"),
        ("Group ", "گروه‌بندی در"),
    ];
    for (prefix, fa) in PATTERNS {
        if label.starts_with(prefix) {
            let name = if prefix == "Group " {
                label.rsplit('\'').nth(1).unwrap_or("").to_string()
            } else {
                quoted(label)
            };
            return format!("{fa} «{name}»");
        }
    }
    if label.starts_with("Merge '") {
        let parts: Vec<&str> = label.split('\'').collect();
        if parts.len() >= 4 {
            return format!("ادغام «{}» در «{}»", parts[1], parts[3]);
        }
    }
    if label.starts_with("Import ") {
        return "وارد کردن اسناد".to_string();
    }
    label.to_string()
}

#[cfg(test)]
mod tests {
    use super::{Lang, step_label};

    #[test]
    fn undo_steps_are_named_in_persian() {
        assert_eq!(step_label(Lang::Fa, "Rename code"), "تغییر نام کد");
        assert_eq!(
            step_label(Lang::Fa, "Merge 'الف' into 'ب'"),
            "ادغام «الف» در «ب»"
        );
        assert_eq!(
            step_label(Lang::Fa, "Group 2 codes into 'زیرمقوله 3'"),
            "گروه‌بندی در «زیرمقوله 3»"
        );
        assert_eq!(
            step_label(Lang::Fa, "Code segment with 'آمارسازی'"),
            "کدگذاری بخش با «آمارسازی»"
        );
        assert_eq!(step_label(Lang::En, "Rename code"), "Rename code");
    }
}
