//! What went wrong while a project loaded (items set aside, a backup not
//! kept, temporary files not removed), kept as data so that the window says
//! it in the language and digits it has when it shows it: the project is
//! opened before the window's settings are applied to it.

use super::errors::{l, p};
use super::i18n::{Lang, Locale, Noun};
use crate::store::{CodingProblem, Problem, ProblemKind, StoreError};
use std::path::PathBuf;
use std::sync::Arc;

/// A load's problems. Cheap to clone (offers and dialogs are redrawn from
/// copies); the OS errors inside cannot be cloned themselves.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    pub problems: Vec<Problem>,
    /// The backup from before the damage could not be kept.
    pub not_kept: Option<Arc<StoreError>>,
    /// Temporary files of interrupted saves that could not be removed.
    pub temps: Arc<Vec<(PathBuf, std::io::Error)>>,
}

impl LoadReport {
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty() && self.not_kept.is_none() && self.temps.is_empty()
    }

    /// One line per problem.
    pub fn say(&self, loc: Locale) -> String {
        let mut lines: Vec<String> = self.problems.iter().map(|x| problem(loc, x)).collect();
        if let Some(e) = &self.not_kept {
            lines.push(super::errors::store(loc, e));
        }
        lines.extend(self.temps.iter().map(|(path, e)| match loc.lang {
            Lang::En => format!(
                "{}: a temporary file left by an interrupted save could not be removed ({e}); remove it by hand",
                path.display()
            ),
            Lang::Fa => format!(
                "{}: پرونده‌ای موقت که از ذخیره‌ای نیمه‌کاره مانده پاک نشد ({})؛ آن را دستی پاک کنید.",
                p(path),
                l(e)
            ),
        }));
        lines.join("\n")
    }
}

/// One problem in the interface's language. English is the library's own
/// text (the CLI's).
pub fn problem(loc: Locale, x: &Problem) -> String {
    if loc.lang == Lang::En {
        return x.what.clone();
    }
    use ProblemKind::*;
    match &x.kind {
        MapMended { map } => format!(
            "نقشهٔ «{map}» پیوندی به گره‌ای نبوده، جایی نامعتبر یا نام نقشه‌ای دیگر داشت؛ درست شد (نگه داشته شد، آن پیوندها برداشته، جاها صفر و نامش شماره‌دار شد)."
        ),
        CoderTwice { name, id } => format!(
            "کدگذار «{name}» دو بار فهرست شده است (شناسهٔ {})؛ یک بار نگه داشته شد، با همهٔ کدگذاری‌هایش.",
            l(id)
        ),
        CodersShareId { first, other, id } => format!(
            "کدگذاران «{first}» و «{other}» شناسهٔ یکسان {} دارند، پس یک کدگذارند: با نام «{first}» یکی شدند و همهٔ کدگذاری‌هایشان را نگه می‌دارند (اگر نام دیگر درست است، نامش را تغییر دهید).",
            l(id)
        ),
        LineEndingsUnchecked { document } => format!(
            "سند «{document}»: پایان سطرهایش (CRLF) یا BOM تغییر کرده و SHA-256 ثبت‌شده‌ای ندارد که متن را تأیید کند؛ بررسی کنید که کدگذاری‌هایش هنوز همان واژه‌ها را نشان می‌دهند."
        ),
        TextChanged { document } => format!(
            "سند «{document}»: متنش با چکیدهٔ SHA-256 که هنگام وارد کردن ثبت شد نمی‌خواند (بیرون از Strata تغییر کرده؟)؛ با کدگذاری‌ها و یادداشت‌هایش کنار گذاشته شد، که در پرونده می‌مانند، تا چیزی روی متن نادرست کدگذاری نشود. اگر پشتیبان پروژه ({}) متن درست را دارد، آن را بازگردانید («بازگرداندن پشتیبان» در پنجره، یا {})؛ وگرنه پرونده را از کنترل نسخه بازگردانید. وارد کردن دوبارهٔ مصاحبه، سند تازه‌ای بی این کدگذاری‌ها می‌سازد.",
            l(".bak"),
            l("strata restore")
        ),
        DuplicateDocument { document } => {
            format!("سند «{document}»: شناسه یا نام تکراری؛ کنار گذاشته شد.")
        }
        BadSpeakerPattern { document, pattern } => format!(
            "سند «{document}»: الگوی گویندهٔ {} عبارت باقاعدهٔ معتبری نیست؛ الگوی پیش‌فرض به کار می‌رود.",
            l(pattern)
        ),
        UnknownGroup { document, group } => {
            format!("سند «{document}»: گروه ناشناختهٔ {}.", l(group))
        }
        Coding { id, why } => format!("کدگذاری {}: {}؛ کنار گذاشته شد.", l(id), coding(loc, why)),
        Memo { title, target } => format!(
            "یادداشت «{title}»: شناسهٔ تکراری یا مقصد ناموجود ({})؛ کنار گذاشته شد.",
            memo_target(*target)
        ),
        DuplicateCode { name, id } => {
            format!("کد «{name}»: شناسهٔ تکراری {}؛ کنار گذاشته شد.", l(id))
        }
        MissingRoot { id } => format!("کد سطح بالای {} وجود ندارد؛ از درخت برداشته شد.", l(id)),
        MissingChild { parent, child } => {
            format!("کد «{parent}»: زیرکد {} وجود ندارد؛ برداشته شد.", l(child))
        }
        ChildTwice { parent, child } => format!(
            "کد «{parent}»: زیرکد {} دو جا آمده یا دور می‌سازد؛ پیوندش برداشته شد.",
            l(child)
        ),
        Unreachable { name } => {
            format!("کد «{name}» از بالای درخت در دسترس نیست (دور؟)؛ به بالای درخت برده شد.")
        }
    }
}

/// What a memo was written on, in Persian, with its ID.
fn memo_target(t: crate::model::MemoTarget) -> String {
    use crate::model::MemoTarget;
    match t {
        MemoTarget::Project => "پروژه".into(),
        MemoTarget::Document(id) => format!("سند {}", l(id)),
        MemoTarget::Code(id) => format!("کد {}", l(id)),
        MemoTarget::Coding(id) => format!("کدگذاری {}", l(id)),
    }
}

fn coding(loc: Locale, why: &CodingProblem) -> String {
    match why {
        CodingProblem::DuplicateId => "شناسهٔ تکراری".into(),
        CodingProblem::SameAsAnother => "همان بخش، کد و کدگذارِ کدگذاری دیگری".into(),
        CodingProblem::MissingCode(c) => format!("به کد ناموجود {} اشاره می‌کند", l(c)),
        CodingProblem::MissingCoder(c) => format!("به کدگذار ناموجود {} اشاره می‌کند", l(c)),
        CodingProblem::Outside {
            range,
            document,
            chars,
        } => format!(
            "نویسه‌های {} تا {} بیرون از سند «{document}» است ({})",
            loc.num(range.start.0),
            loc.num(range.end.0),
            loc.count(*chars, Noun::Character)
        ),
        CodingProblem::MissingDocument(d) => format!("به سند ناموجود {} اشاره می‌کند", l(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Digits;
    use crate::model::{CharRange, CodingId};

    fn report(kinds: Vec<ProblemKind>) -> LoadReport {
        let problems = kinds
            .into_iter()
            .map(|kind| Problem {
                what: kind.to_string(),
                kind,
            })
            .collect();
        LoadReport {
            problems,
            ..Default::default()
        }
    }

    #[test]
    fn load_problems_are_said_in_persian_with_the_chosen_digits() {
        let outside = ProblemKind::Coding {
            id: CodingId::new(),
            why: CodingProblem::Outside {
                range: CharRange::new(2, 99),
                document: "P1".into(),
                chars: 5,
            },
        };
        let unreachable = ProblemKind::Unreachable {
            name: "کد ۷".into(),
        };
        let r = report(vec![outside, unreachable]);
        let fa = r.say(Locale::new(Lang::Fa, Digits::Persian));
        assert!(
            fa.contains("نویسه‌های ۲ تا ۹۹ بیرون از سند «P1» است (۵ نویسه)"),
            "{fa}"
        );
        assert!(fa.contains("کد «کد ۷» از بالای درخت در دسترس نیست"), "{fa}");
        assert!(!fa.contains("outside") && !fa.contains("reachable"), "{fa}");
        let latin = r.say(Locale::new(Lang::Fa, Digits::Latin));
        assert!(
            latin.contains("نویسه‌های 2 تا 99 بیرون از سند «P1» است (5 نویسه)"),
            "{latin}"
        );
        // English is the CLI's text, unchanged.
        let en = r.say(Locale::EN);
        assert!(
            en.contains(": range 2..99 lies outside document 'P1' (5 chars); set aside"),
            "{en}"
        );
        assert!(en.contains("code 'کد ۷' is not reachable"), "{en}");
    }
}
