//! The status line's message, kept as what happened (with its numbers and
//! names), not as text: it is said in the language and digits the window
//! has when it is drawn, so switching the language mid-message changes it.

use super::i18n::{Locale, Noun};
use crate::edit::Step;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    #[default]
    None,
    Saving,
    /// Saved to `file` (its name only: a path's slashes scatter in a
    /// right-to-left line). Said only while the project is as it was saved,
    /// at history `revision`: the next change ends it.
    Saved {
        file: String,
        revision: u64,
    },
    SaveFailed,
    Exported {
        file: String,
    },
    Imported {
        documents: usize,
    },
    /// Autosaved work was taken back.
    Recovered,
    /// The backup was restored; the damaged file is kept as `kept`.
    BackupRestored {
        kept: String,
    },
    /// Coders' copies merged into `file` (its name).
    Merged {
        copies: usize,
        conflicts: usize,
        file: String,
    },
    /// Another tool's project, written as a Strata project and opened.
    ImportedOther {
        file: String,
        into: String,
        documents: usize,
        codings: usize,
    },
    /// Another tool's codebook whose codes the project has already.
    CodebookNothingNew {
        file: String,
    },
    /// Another tool's codebook, added to the open project.
    CodebookAdded {
        file: String,
        codes: usize,
    },
    SelectTextFirst,
    Undone(Step),
    Redone(Step),
    /// Alt+N with no N-th recent code.
    NoQuickCode(u8),
    /// Alt+N on a recent code that has become a node of `level` (its
    /// name in the project's level names).
    QuickNotALeaf {
        n: u8,
        name: String,
        level: String,
    },
    /// Social media ▸ Import posts and comments.
    PostsImported {
        posts: usize,
        comments: usize,
        replies: usize,
        accounts: usize,
    },
}

impl Status {
    /// The message in `loc`'s language and digits (empty for none).
    pub fn text(&self, loc: Locale) -> String {
        let s = loc.strings();
        match self {
            Status::None => String::new(),
            Status::Saving => s.saving.into(),
            Status::Saved { file, .. } => format!("{}: {file}", s.saved),
            Status::SaveFailed => s.save_failed.into(),
            Status::Exported { file } => format!("{}: {file}", s.exported),
            Status::Imported { documents } => s
                .imported
                .replace("{documents}", &loc.count(*documents, Noun::Document)),
            Status::Recovered => s.recovered.into(),
            Status::BackupRestored { kept } => format!("{}: {kept}", s.damaged_kept),
            Status::Merged {
                copies,
                conflicts,
                file,
            } => s
                .merged
                .replace("{copies}", &loc.num(copies))
                .replace("{conflicts}", &loc.num(conflicts))
                .replace("{file}", file),
            Status::ImportedOther {
                file,
                into,
                documents,
                codings,
            } => s
                .imported_other
                // Isolated: a name in Latin letters neither turns a
                // Persian sentence around nor takes its full stop.
                .replace("{file}", &super::shaping::iso(file))
                .replace("{into}", &super::shaping::iso(into))
                .replace("{documents}", &loc.count(*documents, Noun::Document))
                .replace("{codings}", &loc.num(codings)),
            Status::CodebookNothingNew { file } => s
                .codebook_nothing_new
                .replace("{file}", &super::shaping::iso(file)),
            Status::CodebookAdded { file, codes } => s
                .codebook_added
                .replace("{file}", &super::shaping::iso(file))
                .replace("{codes}", &loc.num(codes)),
            Status::SelectTextFirst => s.select_text_first.into(),
            Status::Undone(step) => {
                format!("{}: {}", s.undo, super::i18n::step_label(loc, step))
            }
            Status::Redone(step) => {
                format!("{}: {}", s.redo, super::i18n::step_label(loc, step))
            }
            Status::NoQuickCode(n) => format!("{} {}: —", s.quick_code, loc.num(n)),
            Status::QuickNotALeaf { n, name, level } => s
                .quick_not_a_leaf
                .replace("{n}", &loc.num(n))
                .replace("{key}", &n.to_string())
                .replace("{name}", name)
                .replace("{a_level}", &super::levels::a_level(loc.lang, level)),
            Status::PostsImported {
                posts,
                comments,
                replies,
                accounts,
            } => {
                let t = super::i18n::an_posts::strings(loc.lang);
                t.imported
                    .replace("{posts}", &t.count(loc, *posts, t.post_nouns))
                    .replace("{comments}", &t.count(loc, *comments, t.comment_nouns))
                    .replace("{replies}", &t.count(loc, *replies, t.reply_nouns))
                    .replace("{accounts}", &t.count(loc, *accounts, t.account_nouns))
            }
        }
    }

    /// Is the message still true at history `revision`? "Saved" is not,
    /// once the project changed again (it would stand beside "unsaved").
    pub fn current(&self, revision: u64) -> bool {
        match self {
            Status::Saved { revision: at, .. } => *at == revision,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::numbers::tests::FA;

    #[test]
    fn an_import_is_counted_in_the_interface_language() {
        let one = Status::Imported { documents: 1 };
        assert_eq!(one.text(Locale::EN), "1 document imported");
        assert_eq!(
            Status::Imported { documents: 2 }.text(Locale::EN),
            "2 documents imported"
        );
        assert_eq!(one.text(FA), "۱ سند وارد شد");
        assert_eq!(
            Status::Imported { documents: 12 }.text(FA),
            "۱۲ سند وارد شد"
        );
    }

    #[test]
    fn an_import_of_posts_is_counted_in_the_interface_language() {
        let st = Status::PostsImported {
            posts: 8,
            comments: 7,
            replies: 1,
            accounts: 5,
        };
        assert_eq!(
            st.text(Locale::EN),
            "Imported 8 posts with 7 comments (1 manager's reply) of 5 accounts"
        );
        assert_eq!(
            st.text(FA),
            "۸ پست با ۷ نظر (۱ پاسخ مدیر) از ۵ حساب وارد شد"
        );
    }

    #[test]
    fn saved_ends_with_the_next_change() {
        let saved = Status::Saved {
            file: "study.strata".into(),
            revision: 4,
        };
        assert_eq!(saved.text(FA), "ذخیره شد: study.strata");
        assert!(saved.current(4));
        assert!(!saved.current(5));
        assert!(Status::SaveFailed.current(5));
    }
}
