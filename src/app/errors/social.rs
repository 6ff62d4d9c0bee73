//! Social-media import errors (`social::SocialError`) in Persian: each bad
//! cell named by its file, row and column. Column names stay Latin: they
//! are the CSV files' own headers.

use super::{l, p};
use crate::app::i18n::{Lang, Locale};
use crate::app::shaping::iso;
use crate::social::{Problem, RowIssue, SHOWN_ISSUES, SocialError};

/// A value from a file, quoted and isolated: a Latin value keeps its
/// punctuation in a Persian sentence, a Persian one its letters' order.
fn quoted(v: &str) -> String {
    format!("«{}»", iso(v))
}

fn problem(loc: Locale, pr: &Problem) -> String {
    match pr {
        Problem::Empty => "خالی است؛ مقداری لازم است".into(),
        Problem::NotACount(v) => format!("{} عدد درستِ صفر یا بیشتر نیست (فقط رقم)", quoted(v)),
        Problem::NotADate(v) => format!("{} تاریخی به شکل {} نیست", quoted(v), l("YYYY-MM-DD")),
        Problem::NotAFlag(v) => format!("{} نه {} است نه {}", quoted(v), l("true"), l("false")),
        Problem::NoFollowers => "حساب دست‌کم یک دنبال‌کننده لازم دارد".into(),
        Problem::EndBeforeStart => "پایان دوره پیش از آغاز آن است".into(),
        Problem::DuplicateAccount => "این شبکه و حساب دو بار آمده‌اند".into(),
        Problem::UnknownAccount { network, account } => format!(
            "حساب {} در {} نه در پروندهٔ حساب‌ها هست نه در پروژه",
            quoted(account),
            quoted(network)
        ),
        Problem::OutsidePeriod { start, end } => format!(
            "تاریخ بیرون از دورهٔ پایش حساب است، از {} تا {}",
            l(loc.num(start)),
            l(loc.num(end))
        ),
        Problem::DuplicatePost => format!("این {} دو بار آمده است", l("post_id")),
        Problem::PostInProject => {
            format!(
                "پروژه از پیش سندی به نام این {} دارد؛ پست‌هایی را که پیش‌تر وارد شده‌اند کنار بگذارید (همان‌گونه که هستند می‌مانند)",
                l("post_id")
            )
        }
        Problem::DuplicateComment => format!("این {} دو بار آمده است", l("comment_id")),
        Problem::UnknownPost => format!(
            "پستی با این {} در پروندهٔ پست‌ها نیست (نظرهای هر پست با خودِ آن، در همان بار وارد می‌شوند)",
            l("post_id")
        ),
        Problem::OtherNetwork { post_network } => {
            format!("این پست در شبکهٔ {} است", quoted(post_network))
        }
        Problem::RoleChanged(role) => format!(
            "پروژه این حساب را با نقش {} دارد و پست‌هایش همین نقش را دارند؛ وارد کردن آن را تغییر نمی‌دهد",
            quoted(role)
        ),
        Problem::PeriodChanged { start, end } => format!(
            "پروژه این حساب را با دورهٔ {} تا {} دارد و پست‌هایش در همین دوره شمرده می‌شوند؛ وارد کردن آن را تغییر نمی‌دهد",
            l(loc.num(start)),
            l(loc.num(end))
        ),
        Problem::ControlChar => "شکست خط یا نویسهٔ کنترلی در یک نام".into(),
        Problem::TooManyAuthors(n) => format!(
            "نویسندگان نظرهای یک پست بیش از آن‌اند که از هم بازشناخته شوند ({})",
            loc.num(n)
        ),
    }
}

/// One bad cell: «FILE، سطر N، ستون C: …».
pub fn row_issue(loc: Locale, i: &RowIssue) -> String {
    if loc.lang == Lang::En {
        return i.to_string();
    }
    format!(
        "{}، سطر {}، ستون {}: {}",
        p(&i.file),
        loc.num(i.row),
        l(i.column),
        problem(loc, &i.problem)
    )
}

/// An import's (or the indices') error, for the window.
pub fn social(loc: Locale, e: &SocialError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    match e {
        SocialError::Read(e) => super::import(loc, e),
        SocialError::Malformed { file, line, msg } => format!(
            "{}، سطر {}: به شکل CSV خوانده نشد ({})؛ چیزی وارد نشد.",
            p(file),
            loc.num(line),
            l(msg)
        ),
        SocialError::Columns {
            file,
            missing,
            expected,
        } => format!(
            "{}: سطر سرستون‌ها ستون {} را ندارد؛ این ستون‌ها لازم‌اند: {}. چیزی وارد نشد.",
            p(file),
            l(missing.join(", ")),
            l(expected.join(","))
        ),
        SocialError::ColumnTwice { file, column } => format!(
            "{}: سطر سرستون‌ها ستون {} را دو بار نام برده است؛ یکی را نگه دارید. چیزی وارد نشد.",
            p(file),
            l(column)
        ),
        SocialError::Rows(issues) => {
            let n = issues.len();
            let mut t = format!("{} مشکل پیدا شد؛ چیزی وارد نشد.", loc.num(n));
            for i in issues.iter().take(SHOWN_ISSUES) {
                t += &format!("\n{}", row_issue(loc, i));
            }
            if n > SHOWN_ISSUES {
                t += &format!("\n… و {} مورد دیگر", loc.num(n - SHOWN_ISSUES));
            }
            t
        }
        SocialError::BadVariable {
            document,
            variable,
            value,
        } => format!(
            "سند {}: متغیر {} آن {} است، نه یک شمار.",
            quoted(document),
            l(variable),
            quoted(value)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Digits;

    #[test]
    fn a_bad_cell_in_persian_names_the_file_the_row_and_the_column() {
        let fa = Locale {
            lang: Lang::Fa,
            digits: Digits::Persian,
        };
        let e = SocialError::Rows(vec![RowIssue {
            file: "/tmp/posts.csv".into(),
            row: 4,
            column: "likes",
            problem: Problem::NotACount("many".into()),
        }]);
        let m = social(fa, &e);
        assert!(
            m.contains(&p(std::path::Path::new("/tmp/posts.csv"))),
            "{m}"
        );
        assert!(m.contains("سطر ۴") && m.contains(&l("likes")), "{m}");
        assert!(m.contains("many") && m.contains("چیزی وارد نشد"), "{m}");
        assert_eq!(social(Locale::EN, &e), e.to_string());
    }
}
