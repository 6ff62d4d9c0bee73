//! REFI-QDA import errors (`import::refi::RefiError`) in Persian.

use super::{l, p};
use crate::app::i18n::{Lang, Locale};
use crate::import::refi::{Hostile, RefiError, XmlProblem};

fn hostile(loc: Locale, h: &Hostile) -> String {
    match h {
        Hostile::ZipSlip => {
            "مسیرش از پوشهٔ بایگانی بیرون می‌رود (\u{2066}..\u{2069} یا مسیری مطلق)، همان کاری که حملهٔ zip-slip می‌کند".into()
        }
        Hostile::EntryTooLarge => format!(
            "به بیش از {} مگابایت باز می‌شود",
            loc.num(crate::import::refi::MAX_ENTRY / (1024 * 1024))
        ),
        Hostile::TotalTooLarge => format!(
            "کل بایگانی به بیش از {} مگابایت باز می‌شود",
            loc.num(crate::import::refi::MAX_TOTAL / (1024 * 1024))
        ),
        Hostile::Ratio { ratio } => format!(
            "{} برابرِ اندازهٔ فشرده‌اش باز می‌شود، چنان که بمب zip می‌کند (متن دست‌بالا حدود ده برابر فشرده می‌شود)",
            loc.num(ratio)
        ),
        Hostile::TooManyEntries => "بایگانی بیش از اندازه پرونده در خود دارد".into(),
        Hostile::SizeLie { declared } => format!(
            "به بیش از {} بایتی باز می‌شود که بایگانی اعلام کرده است: پرونده آسیب دیده است؛ آن را دوباره از نرم‌افزاری که ساخته است خروجی بگیرید",
            loc.num(declared)
        ),
    }
}

fn xml(loc: Locale, x: &XmlProblem) -> String {
    match x {
        XmlProblem::NotUtf8 { offset } => format!("متن UTF-8 نیست (بایت {})", loc.num(offset)),
        XmlProblem::Doctype => "یک DTD (\u{2066}<!DOCTYPE …>\u{2069}) دارد که پرونده‌های REFI-QDA هرگز لازم ندارند و می‌تواند پرونده‌های بیرونی را بخواند یا موجودیت‌ها را بی‌پایان بگستراند؛ پذیرفته نشد".into(),
        XmlProblem::TooDeep => format!(
            "عنصرهایش بیش از {} سطح تودرتو هستند؛ پذیرفته نشد",
            loc.num(crate::import::refi::MAX_DEPTH)
        ),
        XmlProblem::Malformed { pos, msg } => format!(
            "در بایت {} XML درستی نیست: {}",
            loc.num(pos),
            l(msg)
        ),
        XmlProblem::Empty => "هیچ عنصری ندارد".into(),
    }
}

/// The part inside the archive, isolated, or nothing for the file itself.
fn part_of(path: &std::path::Path, part: &str) -> String {
    if crate::import::refi::within(path, part).is_empty() {
        String::new()
    } else {
        format!("{}: ", l(part))
    }
}

/// A REFI-QDA import error, for the window.
pub fn refi(loc: Locale, e: &RefiError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    match e {
        RefiError::Io { path, source } => format!(
            "{}: پرونده خوانده نشد ({}). بررسی کنید که پرونده هنوز آن‌جاست و اجازهٔ خواندنش را دارید.",
            p(path),
            l(source)
        ),
        // The zip library's own words (English) are left out here.
        RefiError::NotZip { path, .. } => format!(
            "{}: پروژهٔ REFI-QDA نیست: پروندهٔ \u{2066}.qdpx\u{2069} یک بایگانی zip است و این پرونده zip نیست یا ناقص است. آن را دوباره از نرم‌افزاری که ساخته است خروجی بگیرید (در NVivo، MAXQDA یا ATLAS.ti: خروجی پروژهٔ REFI-QDA).",
            p(path)
        ),
        RefiError::Hostile { path, entry, why } => format!(
            "{}: پذیرفته نشد و چیزی وارد نشد: پروندهٔ {} درون بایگانی {}.",
            p(path),
            l(entry),
            hostile(loc, why)
        ),
        RefiError::Damaged { path, entry, msg } => format!(
            "{}: پروندهٔ {} درون بایگانی آسیب دیده است ({})؛ چیزی وارد نشد.",
            p(path),
            l(entry),
            l(msg)
        ),
        RefiError::NoProject { path } => format!(
            "{}: پروندهٔ {} در آن نیست، پس پروژهٔ REFI-QDA (\u{2066}.qdpx\u{2069}) نیست.",
            p(path),
            l("project.qde")
        ),
        RefiError::Xml {
            path,
            part,
            problem,
        } => format!(
            "{}: {}{}؛ چیزی وارد نشد.",
            p(path),
            part_of(path, part),
            xml(loc, problem)
        ),
        RefiError::WrongRoot {
            path,
            part,
            found,
            expected,
            ..
        } => format!(
            "{}: {}عنصر ریشه‌اش {} است، نه {}: پروندهٔ REFI-QDA از این گونه نیست.",
            p(path),
            part_of(path, part),
            l(format!("<{found}>")),
            l(format!("<{expected}>"))
        ),
        RefiError::SourceNotUtf8 {
            path,
            entry,
            offset,
        } => format!(
            "{}: متن منبع {} UTF-8 نیست (بایت {})، در حالی که REFI-QDA آن را می‌خواهد؛ چیزی وارد نشد.",
            p(path),
            l(entry),
            loc.num(offset)
        ),
        RefiError::TooLarge { path, limit_mib } => format!(
            "{}: بزرگ‌تر از {} مگابایت است؛ پذیرفته نشد.",
            p(path),
            loc.num(limit_mib)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Digits;

    #[test]
    fn refi_errors_in_persian_name_the_file_and_the_entry() {
        let fa = Locale {
            lang: Lang::Fa,
            digits: Digits::Persian,
        };
        let e = RefiError::Hostile {
            path: "/tmp/a.qdpx".into(),
            entry: "../evil".into(),
            why: Hostile::Ratio { ratio: 1024 },
        };
        let m = refi(fa, &e);
        assert!(
            m.contains(&l("/tmp/a.qdpx")) && m.contains(&l("../evil")),
            "{m}"
        );
        assert!(m.contains("۱۰۲۴") && m.contains("بمب zip"), "{m}");
        assert_eq!(refi(Locale::EN, &e), e.to_string());
        assert!(e.to_string().contains("/tmp/a.qdpx") && e.to_string().contains("../evil"));
    }
}
