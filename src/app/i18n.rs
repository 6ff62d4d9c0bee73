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

pub use super::numbers::{Digits, Locale, Noun};

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
    /// The side pane (retrieved segments and memo) on its tab.
    pub side_pane: &'static str,
    pub show_pane: &'static str,
    pub close_pane: &'static str,
    pub quit: &'static str,
    pub help: &'static str,
    pub open_demo: &'static str,
    /// The window title of a project never saved.
    pub untitled: &'static str,
    pub who_is_coding: &'static str,
    pub who_is_coding_why: &'static str,
    pub memo: &'static str,
    pub coder: &'static str,
    pub line: &'static str,
    pub lines: &'static str,
    pub no_document: &'static str,
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
    pub save_and_continue: &'static str,
    pub saving: &'static str,
    pub autosave_failed: &'static str,
    pub save_failed: &'static str,
    pub save_as_other: &'static str,
    pub save_as_kept: &'static str,
    pub export_ending: &'static str,
    pub continue_without_saving: &'static str,
    pub select_text_first: &'static str,
    pub this_document: &'static str,
    pub all_documents: &'static str,
    pub hide_interviewer: &'static str,
    pub activate_hint: &'static str,
    pub dir_auto: &'static str,
    pub project_direction: &'static str,
    pub dir_rtl: &'static str,
    pub dir_ltr: &'static str,
    pub search: &'static str,
    pub recent: &'static str,
    pub restore_title: &'static str,
    pub restore_text: &'static str,
    pub restore: &'static str,
    pub damaged_kept: &'static str,
    pub recover_first: &'static str,
    pub unlock_title: &'static str,
    pub unlock_text: &'static str,
    pub unlock: &'static str,
    pub lock_still_held: &'static str,
    pub recover_title: &'static str,
    pub recover_text: &'static str,
    pub recover: &'static str,
    pub discard: &'static str,
    pub discard_sure: &'static str,
    pub discard_for_good: &'static str,
    pub back: &'static str,
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
    pub parent_guard: &'static str,
    pub parent_guard_move: &'static str,
    pub parent_guard_keep: &'static str,
    pub off_level: &'static str,
    pub panes: &'static str,
    pub quick_codes: &'static str,
    pub quick_code: &'static str,
    pub save_description: &'static str,
    pub previous: &'static str,
    pub export: &'static str,
    pub not_saved: &'static str,
    pub unsaved: &'static str,
    pub level_names: &'static str,
    pub next_line: &'static str,
    pub prev_line: &'static str,
    pub move_to_group: &'static str,
    pub new_group: &'static str,
    /// The menu item that makes a new group (its name is `new_group N`).
    pub new_group_item: &'static str,
    pub only_ungrouped: &'static str,
    /// The list comma: "," or "،".
    pub comma: &'static str,
    pub next: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    /// The View menu's choice of digits (shown in the Persian interface).
    pub latin_digits: &'static str,
    pub already_exists: &'static str,
    pub save_stopped: &'static str,
    /// File-type names in the system's file dialog.
    pub filter_project: &'static str,
    pub filter_transcripts: &'static str,
    pub filter_hierarchy: &'static str,
    /// Status line: "{documents} imported" ({documents}: "2 documents").
    pub imported: &'static str,
    /// Status line, before the exported file's name.
    pub exported: &'static str,
    /// Status line after autosaved work was recovered.
    pub recovered: &'static str,
    /// A node's level in the picker: {n} its number, {level} its name.
    pub level_badge: &'static str,
    /// The picker's button that codes onto a non-leaf node ({level}).
    pub code_onto: &'static str,
    /// Enter on a non-leaf node in the picker: {name}, {a_level}, {button}.
    pub not_a_leaf: &'static str,
    /// Alt+{key} on a recent code that is now a non-leaf node.
    pub quick_not_a_leaf: &'static str,
    /// The in-app file browser (`file_browser`): its labels, buttons and errors.
    pub fb_location: &'static str,
    pub fb_up: &'static str,
    pub fb_home: &'static str,
    pub fb_recent_folders: &'static str,
    pub fb_project_folder: &'static str,
    pub fb_name: &'static str,
    pub fb_size: &'static str,
    pub fb_modified: &'static str,
    pub fb_show_hidden: &'static str,
    pub fb_all_files: &'static str,
    pub fb_file_name: &'static str,
    pub fb_open: &'static str,
    pub fb_import: &'static str,
    pub fb_import_one: &'static str,
    pub fb_import_many: &'static str,
    pub fb_create: &'static str,
    pub fb_export: &'static str,
    pub fb_bytes: &'static str,
    pub fb_kb: &'static str,
    pub fb_mb: &'static str,
    pub fb_gb: &'static str,
    pub fb_missing: &'static str,
    pub fb_denied: &'static str,
    pub fb_unreadable: &'static str,
    pub fb_not_found: &'static str,
    pub fb_empty: &'static str,
    pub fb_replace: &'static str,
    pub fb_replace_button: &'static str,
    pub fb_export_hint: &'static str,
    /// "Who is coding?" at the first start (no coding waiting).
    pub who_are_you_why: &'static str,
    /// View menu: whose codings are shown.
    pub codings_of: &'static str,
    pub all_coders: &'static str,
    /// Top bar while one coder's codings are shown ({name}).
    pub showing_coder: &'static str,
    /// Top bar while coders' stripes are side by side ({first}: the lanes
    /// next to the line numbers; {others}: those beyond).
    pub comparing_coders: &'static str,
    /// File ▸ Merge coders' copies… (the open project is their base).
    pub merge_copies: &'static str,
    /// The file browser's button: merge {n} copies.
    pub fb_merge: &'static str,
    /// Status line after a merge: {copies}, {conflicts}, {file}.
    pub merged: &'static str,
    /// The file browser's title for the merge's base, and its button.
    pub merge_base: &'static str,
    pub fb_merge_base: &'static str,
    pub import_other: &'static str,
    pub filter_refi: &'static str,
    pub study_report: &'static str,
    pub filter_report: &'static str,
    pub fb_report_hint: &'static str,
    pub report_ending: &'static str,
    pub import_report: &'static str,
    pub close: &'static str,
    pub imported_other: &'static str,
    pub codebook_added: &'static str,
    pub not_codable: &'static str,
    pub groups_only: &'static str,
    pub code_set: &'static str,
    pub all_codes: &'static str,
    pub codebook_nothing_new: &'static str,
}

pub mod an_charts;
pub mod an_freq;
pub mod an_posts;
pub mod an_query;
pub mod an_search;
pub mod an_social;
pub mod analysis;
pub mod cards;
mod en;
mod fa;
pub mod maps;
pub mod review;
pub use en::EN;
pub use fa::FA;

/// The name of an undo step in the interface language. Steps are data
/// (`edit::Step`), so names with quotes or apostrophes come out whole.
pub fn step_label(loc: Locale, step: &crate::edit::Step) -> String {
    if loc.lang == Lang::En {
        return step.english();
    }
    use crate::edit::Step::*;
    match step {
        RenameProject => "تغییر نام پروژه".into(),
        RenameLevels => "تغییر نام سطح‌ها".into(),
        AddCoder => "افزودن کدگذار".into(),
        RemoveCoder => "حذف کدگذار".into(),
        AddCode => "افزودن کد".into(),
        RestoreCode => "بازگرداندن کد".into(),
        DeleteCode => "حذف کد".into(),
        RenameCode => "تغییر نام کد".into(),
        RecolourCode => "تغییر رنگ کد".into(),
        EditCodeDescription => "ویرایش توصیف کد".into(),
        MoveCode => "جابه‌جایی کد".into(),
        CodeSegment => "کدگذاری بخش".into(),
        CodeSegmentWith { code } => format!("کدگذاری بخش با «{code}»"),
        CodeWithNewCode { code } => format!("کدگذاری با کد تازهٔ «{code}»"),
        ChangeCodeOfSegment => "تغییر کد بخش".into(),
        ChangeCodeToNewCode { code } => format!("تغییر کد به کد تازهٔ «{code}»"),
        RemoveCoding => "حذف کدگذاری".into(),
        ResizeCoding => "تغییر اندازهٔ کدگذاری".into(),
        EditMemo => "ویرایش یادداشت".into(),
        DeleteMemo => "حذف یادداشت".into(),
        AddDocument => "افزودن سند".into(),
        RemoveDocument => "حذف سند".into(),
        RenameDocument => "تغییر نام سند".into(),
        MoveDocumentToGroup => "انتقال سند به گروه".into(),
        MoveDocumentToNewGroup => "انتقال سند به گروه تازه".into(),
        SetTextDirection => "تعیین جهت متن".into(),
        SetVariable => "تعیین متغیر".into(),
        SetVariablesFromCsv => "تعیین متغیرها از CSV".into(),
        AddDocumentGroup => "افزودن گروه سند".into(),
        RemoveDocumentGroup => "حذف گروه سند".into(),
        RestoreDocumentGroup => "بازگرداندن گروه سند".into(),
        MergeCodes { from, into } => format!("ادغام «{from}» در «{into}»"),
        GroupCodes { count, name } => {
            format!("گروه‌بندی {} در «{name}»", loc.count(*count, Noun::Code))
        }
        Ungroup { name } => format!("لغو گروه «{name}»"),
        Import { documents } => format!("وارد کردن {}", loc.count(*documents, Noun::Document)),
        LoadCodebook => "بارگذاری کدنامه".into(),
        Comment => "نظر بازبینی".into(),
        SetVerdict => "داوری بازبینی".into(),
        ReviewPoint => "نقطهٔ بازبینی".into(),
        ApplyProposal => "اعمال پیشنهاد".into(),
        Several => "چند تغییر".into(),
        ImportCodings { codings } => {
            format!("وارد کردن {}", loc.count(*codings, Noun::Coding))
        }
        Autocode { codings } => {
            format!("کدگذاری خودکار {}", loc.count(*codings, Noun::Coding))
        }
        EditAccount => "ویرایش حساب شبکهٔ اجتماعی".into(),
        ImportPosts { posts } => format!("وارد کردن {} پست", loc.num(posts)),
        AddSocialCodes => "افزودن کدهای پست و نظر".into(),
        EditMap => "ویرایش نقشه".into(),
        MoveCards => "جابه‌جایی کارت‌ها".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Locale, step_label};
    use crate::app::numbers::tests::{FA, FA_LATIN};
    use crate::edit::Step;

    #[test]
    fn undo_steps_are_named_in_persian() {
        assert_eq!(step_label(FA, &Step::RenameCode), "تغییر نام کد");
        let merge = Step::MergeCodes {
            from: "الف".into(),
            into: "ب".into(),
        };
        assert_eq!(step_label(FA, &merge), "ادغام «الف» در «ب»");
        let group = Step::GroupCodes {
            count: 2,
            name: "زیرمقوله 3".into(),
        };
        // The count is the interface's; the digit in the name is the user's.
        assert_eq!(step_label(FA, &group), "گروه‌بندی ۲ کد در «زیرمقوله 3»");
        assert_eq!(
            step_label(FA_LATIN, &group),
            "گروه‌بندی 2 کد در «زیرمقوله 3»"
        );
        let import = Step::Import { documents: 12 };
        assert_eq!(step_label(FA, &import), "وارد کردن ۱۲ سند");
        // A name with an apostrophe broke the old parsing of English labels.
        let with = Step::CodeSegmentWith {
            code: "people's voice".into(),
        };
        assert_eq!(step_label(FA, &with), "کدگذاری بخش با «people's voice»");
        assert_eq!(step_label(Locale::EN, &Step::RenameCode), "Rename code");
    }
}
