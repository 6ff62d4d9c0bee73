//! Errors said in the interface's language. The library's messages are
//! English (the CLI's); the window says the same things in Persian when
//! the interface is Persian. Paths are isolated (LRI … PDI) so that their
//! slashes keep their order inside a right-to-left sentence.

use super::i18n::{Lang, Locale};
use crate::edit::EditError;
use crate::import::{DecodeError, ImportError, OfficeError};
use crate::store::{Guarded, LockError, Restore, StoreError};
use std::path::Path;

/// A path, kept left to right inside Persian text.
pub(super) fn p(path: &Path) -> String {
    l(path.display())
}

/// Latin text (a file name, an OS message, a date), kept left to right:
/// isolated (LRI … PDI), and held between left-to-right marks for
/// renderers that do not know isolates, so that a leading "/" or "--", or
/// a date's dashes, stay where they are.
pub(super) fn l(text: impl std::fmt::Display) -> String {
    format!("\u{2066}\u{200E}{text}\u{200E}\u{2069}")
}

fn restore(r: &Restore) -> String {
    match (&r.backup, r.is_backup) {
        (_, true) => "این پرونده پشتیبانی است که Strata نگه داشته؛ خودِ پروندهٔ پروژه بی «\u{2066}.bak\u{2069}» کنار آن است. نسخه‌های قدیمی‌تر را فقط از کنترل نسخه یا رونوشت‌های خودتان می‌توان گرفت.".into(),
        (Some(bak), _) => format!(
            "پشتیبانِ پیش از آخرین ذخیره {} است: «بازگرداندن پشتیبان» آن را به جای این پرونده می‌نشاند و این پرونده را با پسوند \u{2066}.damaged\u{2069} نگه می‌دارد.",
            p(bak)
        ),
        (None, _) => "پشتیبانی (\u{2066}.bak\u{2069}) کنار آن پیدا نشد؛ آن را از کنترل نسخه یا رونوشت خودتان بازگردانید.".into(),
    }
}

fn guarded(g: Guarded) -> &'static str {
    match g {
        Guarded::Project => "خودِ پروندهٔ پروژه‌ای است که از آن خروجی می‌گیرید",
        Guarded::Backup => "پشتیبانِ پروژه است",
        Guarded::Lock => "پروندهٔ قفل پروژه است",
        Guarded::OlderCopy => "رونوشتی از پروژه است که برای Strata قدیمی‌تر نگه داشته شده",
        Guarded::OtherProject => "یک پروندهٔ پروژهٔ Strata است",
        Guarded::OtherLock => {
            "نامی است که Strata برای پرونده‌های خودِ یک پروژه (قفل، پشتیبان، بازیابی) نگه می‌دارد"
        }
    }
}

/// A project file's error, for the window.
pub fn store(loc: Locale, e: &StoreError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    match e {
        StoreError::Io { path, source } => {
            format!(
                "{}: خواندن یا نوشتن پرونده ممکن نشد ({}). بررسی کنید که پرونده و پوشه‌اش هست، دیسک پر نیست و اجازهٔ دسترسی به آن‌ها را دارید.",
                p(path),
                l(source)
            )
        }
        StoreError::Parse {
            path,
            line,
            col,
            msg,
            restore: r,
        } => format!(
            "{}: سطر {}، ستون {}: {}. پرونده آسیب دیده یا دستی ویرایش شده است. {}",
            p(path),
            loc.num(line),
            loc.num(col),
            l(msg),
            restore(r)
        ),
        StoreError::NotText { path } => {
            format!("{}: پروندهٔ پروژهٔ Strata نیست (متن UTF-8 نیست).", p(path))
        }
        StoreError::BadByte {
            path,
            offset,
            line,
            restore: r,
        } => format!(
            "{}: بایت {} (سطر {}) متن UTF-8 نیست، پس پرونده آسیب دیده است (خطای دیسک یا کپی، یا ویرایش با برنامه‌ای دیگر). {}",
            p(path),
            loc.num(offset),
            loc.num(line),
            restore(r)
        ),
        StoreError::NotStrata { path, found } => format!(
            "{}: پروندهٔ پروژهٔ Strata نیست (قالب «{}»).",
            p(path),
            l(found)
        ),
        StoreError::Newer {
            path,
            found,
            supported,
        } => format!(
            "{}: این پرونده را نسخهٔ تازه‌تری از Strata نوشته است (نسخهٔ قالب {}؛ این برنامه تا نسخهٔ {} را می‌خواند). برای باز کردن آن Strata را به‌روز کنید؛ پرونده تغییری نکرد.",
            p(path),
            l(found),
            loc.num(supported)
        ),
        StoreError::BadVersion { path, found } => format!(
            "{}: نسخهٔ قالب {} وجود ندارد (نسخه‌ها از {} آغاز می‌شوند)؛ پرونده آسیب دیده است.",
            p(path),
            loc.num(found),
            loc.num(1)
        ),
        StoreError::JsonOld {
            path,
            found,
            restore: r,
        } => format!(
            "{}: متن JSON می‌گوید نسخهٔ قالب {} است، اما نسخه‌های {} و {} متن RON هستند؛ پرونده آسیب دیده یا ساختهٔ برنامهٔ دیگری است. {}",
            p(path),
            loc.num(found),
            loc.num(1),
            loc.num(2),
            restore(r)
        ),
        StoreError::BadLink {
            path,
            target,
            source,
        } => format!(
            "{}: پیوندی است به {} که در دسترس نیست: {}",
            p(path),
            p(target),
            l(source)
        ),
        StoreError::NotRegular { path } => format!(
            "{}: پروندهٔ معمولی نیست (پوشه، دستگاه یا لوله)؛ Strata فقط در پرونده‌های معمولی می‌نویسد. نام دیگری برگزینید.",
            p(path)
        ),
        StoreError::ReadOnly { path } => format!(
            "{}: پرونده فقط‌خواندنی است، پس Strata آن را جایگزین نمی‌کند. اگر باید تغییر کند آن را نوشتنی کنید، یا با نام دیگری ذخیره کنید.",
            p(path)
        ),
        StoreError::NotDamaged { path } => format!(
            "{}: پروژه کامل باز می‌شود، پس آسیب ندیده است؛ پشتیبانش کار قدیمی‌تری دارد و به جای آن نشانده نشد.",
            p(path)
        ),
        StoreError::NoBackup { path } => format!(
            "{}: پشتیبانی (\u{2066}.bak\u{2069}) کنار آن نیست که بازگردانده شود؛ آن را از کنترل نسخه یا رونوشت خودتان بازگردانید.",
            p(path)
        ),
        StoreError::ExportOverProject { path, what } => format!(
            "{}: {}؛ خروجی هرگز روی آن نوشته نمی‌شود. پروندهٔ خروجی دیگری برگزینید.",
            p(path),
            guarded(*what)
        ),
        StoreError::Serialise(msg) => {
            format!("پروژه به متن پرونده تبدیل نشد: {}", l(msg))
        }
    }
}

/// When a lock was made, in Persian: «، از ۲۰۲۶-۱۱-۳۰ ۱۰:۰۲، ۳ ساعت پیش».
fn since_fa(loc: Locale, made: Option<std::time::SystemTime>) -> String {
    use crate::store::Ago;
    let Some((at, ago)) = crate::store::age(made) else {
        return String::new();
    };
    let ago = match ago {
        Ago::Seconds(n) => format!("{} ثانیه", loc.num(n)),
        Ago::Minutes(n) => format!("{} دقیقه", loc.num(n)),
        Ago::Hours(n) => format!("{} ساعت", loc.num(n)),
        Ago::Days(n) => format!("{} روز", loc.num(n)),
    };
    format!("، از {}، {ago} پیش", l(loc.num(at)))
}

/// A lock's error, for the window.
pub fn lock(loc: Locale, e: &LockError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    match e {
        LockError::Held {
            path,
            pid,
            host,
            made,
        } => format!(
            "{}: این پروژه در Strata دیگری باز است (فرایند {} روی {}{})؛ سیستم هم این را تأیید می‌کند. نخست آن‌جا ببندیدش.",
            p(path),
            loc.num(pid),
            l(host),
            since_fa(loc, *made)
        ),
        LockError::Unconfirmed {
            path,
            pid,
            host,
            made,
        } => format!(
            "{}: قفل، فرایند {} روی {} را نام می‌برد{}، که شاید هنوز در حال اجرا باشد؛ اما سیستم نمی‌تواند بگوید که آن Strata است (قفل را نسخهٔ قدیمی‌تری از Strata نوشته، یا این پوشه قفل سیستمی ندارد).",
            p(path),
            loc.num(pid),
            l(host),
            since_fa(loc, *made)
        ),
        LockError::Stale { path, pid } => format!(
            "{}: قفلی از Strata‌ای که دیگر در حال اجرا نیست (فرایند {}) پیدا شد؛ می‌توان آن را برداشت.",
            p(path),
            loc.num(pid)
        ),
        LockError::NoFolder { path, folder } => format!(
            "{}: پوشهٔ {} وجود ندارد؛ پوشه‌ای موجود برگزینید.",
            p(path),
            p(folder)
        ),
        LockError::NoLock { path } => {
            format!("{}: پروندهٔ قفلی نیست؛ چیزی برای برداشتن نیست.", p(path))
        }
        LockError::Io { path, source } => format!(
            "{}: پروندهٔ قفل ساخته نشد ({}). بررسی کنید که اجازهٔ نوشتن در پوشهٔ پروژه را دارید.",
            p(path),
            l(source)
        ),
    }
}

fn decode(loc: Locale, e: &DecodeError) -> String {
    match e {
        DecodeError::Binary(at) => {
            format!(
                "پرونده‌ای دودویی به نظر می‌رسد، نه متن (بایت NUL در جایگاه {}).",
                loc.num(at)
            )
        }
        DecodeError::Controls { offset, count } => format!(
            "پرونده‌ای دودویی به نظر می‌رسد، نه متن ({} بایت کنترلی، نخستین در بایت {}).",
            loc.num(count),
            loc.num(offset)
        ),
        DecodeError::UnknownEncoding(label) => {
            format!("«{}» نام رمزگذاری شناخته‌شده‌ای نیست.", l(label))
        }
        DecodeError::Malformed(enc, n) => {
            format!(
                "متن {} معتبری نیست: {} بایت رمزگشایی نشد.",
                l(enc),
                loc.num(n)
            )
        }
        DecodeError::AlmostUtf8 {
            offset,
            line,
            count,
        } => format!(
            "متن UTF-8 است جز {} بایت که نیست، نخستین در بایت {} (سطر {})؛ پرونده آسیب دیده یا از پرونده‌هایی با رمزگذاری‌های گوناگون سر هم شده است. آن سطر را درست کنید، یا از خط فرمان با {} واردش کنید تا بایت‌های خراب به شکل \u{FFFD} نشان داده شوند.",
            loc.num(count),
            loc.num(offset),
            loc.num(line),
            l("--encoding utf-8")
        ),
        DecodeError::Surrogates { offset, line } => format!(
            "در بایت {} (سطر {}) نیم‌جفت‌های UTF-16 به شکل UTF-8 نوشته شده‌اند (CESU-8)؛ این UTF-8 معتبر نیست. پرونده را به UTF-8 تبدیل کنید.",
            loc.num(offset),
            loc.num(line)
        ),
    }
}

fn office(loc: Locale, e: &OfficeError) -> String {
    match e {
        OfficeError::Zip { kind, msg } => format!(
            "پروندهٔ {} معتبری نیست (بایگانی zip خوانا نیست: {}).",
            l(kind),
            l(msg)
        ),
        OfficeError::MissingPart { kind, part } => {
            format!("پروندهٔ {} معتبری نیست ({} در آن نیست).", l(kind), l(part))
        }
        OfficeError::TooLarge {
            part,
            cap_mib,
            text_mib,
        } => format!(
            "{} به بیش از {} مگابایت باز می‌شود، چهار برابرِ {} مگابایت متنی که یک مصاحبه می‌تواند داشته باشد: پرونده آسیب دیده یا برای پر کردن حافظه ساخته شده است (بمب zip). چیزی وارد نشد. اگر سندی واقعی و چنین بلند است، از خط فرمان با {} حد را بالا ببرید.",
            l(part),
            loc.num(cap_mib),
            loc.num(text_mib),
            l("--max-size")
        ),
        OfficeError::SizeLie { part, declared } => format!(
            "{} به بیش از {} بایتی باز می‌شود که بایگانی‌اش اعلام کرده است: پرونده آسیب دیده یا برای پر کردن حافظه ساخته شده است (بمب zip). چیزی وارد نشد.",
            l(part),
            loc.num(declared)
        ),
        OfficeError::NotUtf8 { part, offset } => format!(
            "{} متن UTF-8 نیست (بایت {})، آن‌گونه که Word و LibreOffice می‌نویسند: پرونده آسیب دیده یا ساختهٔ برنامهٔ دیگری است. آن را در Word یا LibreOffice باز کنید و دوباره ذخیره کنید.",
            l(part),
            loc.num(offset)
        ),
        OfficeError::Xml { part, pos, msg } => {
            format!(
                "{} در بایت {} آسیب دیده است: {}",
                l(part),
                loc.num(pos),
                l(msg)
            )
        }
    }
}

/// An import's error, for the window.
pub fn import(loc: Locale, e: &ImportError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    match e {
        ImportError::Io { path, source } => format!(
            "{}: پرونده خوانده نشد ({}). بررسی کنید که پرونده هنوز آن‌جاست و اجازهٔ خواندنش را دارید.",
            p(path),
            l(source)
        ),
        ImportError::Decode { path, source } => format!("{}: {}", p(path), decode(loc, source)),
        ImportError::Office { path, source } => format!("{}: {}", p(path), office(loc, source)),
        ImportError::Unsupported { path, ext } => format!(
            "{}: نوع پرونده «.{}» پشتیبانی نمی‌شود (Strata پرونده‌های .txt، .md، .docx و .odt را وارد می‌کند).",
            p(path),
            l(ext)
        ),
        ImportError::Empty { path } => format!("{}: پرونده خالی است (متنی ندارد).", p(path)),
        ImportError::NotRegular { path } => format!(
            "{}: پروندهٔ معمولی نیست (پوشه، دستگاه یا لوله)؛ Strata فقط پرونده وارد می‌کند.",
            p(path)
        ),
        ImportError::TooLarge {
            path,
            size_mib,
            cap_mib,
            suggest,
        } => format!(
            "{}: {} مگابایت است، بیش از {} مگابایت متنی که یک مصاحبه می‌تواند داشته باشد. آن را چند بخش کنید، یا از خط فرمان با {} حد را بالا ببرید.",
            p(path),
            loc.num(size_mib),
            loc.num(cap_mib),
            l(format!("--max-size {suggest}"))
        ),
        ImportError::ArchiveTooLarge {
            path,
            size_mib,
            cap_mib,
            suggest,
            ..
        } => format!(
            "{}: {} مگابایت است، بیش از {} مگابایتی که یک پروندهٔ .docx یا .odt می‌تواند باشد (چهار برابرِ حد متن). اگر تصویرهایش آن را چنین بزرگ کرده‌اند، از خط فرمان با {} حد را بالا ببرید.",
            p(path),
            loc.num(size_mib),
            loc.num(cap_mib),
            l(format!("--max-size {suggest}"))
        ),
        ImportError::NameTaken { path, name } => format!(
            "{}: سندی به نام «{name}» از پیش در پروژه هست (نام پرونده یا سند را تغییر دهید).",
            p(path)
        ),
        ImportError::BadPattern { pattern, msg } => format!(
            "الگوی گویندهٔ {} عبارت باقاعدهٔ معتبری نیست ({}). الگو را درست کنید؛ چیزی وارد نشد.",
            l(pattern),
            l(msg)
        ),
        ImportError::Csv { path, line, msg } => format!(
            "{}، سطر {}: جدول CSV خوانده نشد ({}). آن سطر را درست کنید؛ چیزی تغییر نکرد.",
            p(path),
            loc.num(line),
            l(msg)
        ),
    }
}

/// Whose name, in Persian ("document" → «سند»).
fn whose(what: &str) -> &'static str {
    match what {
        "document" => "سند",
        "code" => "کد",
        "coder" => "کدگذار",
        "variable" => "متغیر",
        "project" => "پروژه",
        "level" => "سطح",
        "group" => "گروه",
        _ => "این مورد",
    }
}

/// Why the check forbids a character, in Persian.
fn why_fa(why: &str) -> &'static str {
    match why {
        "a line break" => "شکست سطر",
        "a control character" => "نویسهٔ کنترلی",
        _ => "نویسهٔ کنترل جهت (embedding، override یا isolate)",
    }
}

/// An edit refused, for the window. Errors that only a program's bug can
/// cause (an unknown ID) keep the ID, for the bug report.
pub fn edit(loc: Locale, e: &EditError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    match e {
        EditError::EmptyName => "نام نمی‌تواند خالی باشد.".into(),
        EditError::EmptyCoderName => "کدگذار به نام نیاز دارد.".into(),
        EditError::BlankName(what) => {
            format!("{} به نامی نیاز دارد که خالی نباشد.", whose(what))
        }
        EditError::BadName { what, name, why } => format!(
            "نام {} نمی‌تواند {} داشته باشد؛ بی آن، نام «{name}» می‌شود.",
            whose(what),
            why_fa(why)
        ),
        EditError::LongName { what, len } => format!(
            "نام {} حداکثر {} نویسه می‌تواند داشته باشد؛ این یکی {} نویسه دارد. متن بلندتر را در توضیح یا یادداشت بگذارید.",
            whose(what),
            loc.num(crate::edit::check::MAX_NAME_CHARS),
            loc.num(len)
        ),
        EditError::DuplicateName(name) => format!("سندی به نام «{name}» از پیش هست."),
        EditError::DuplicateCoder(name) => format!("کدگذاری به نام «{name}» از پیش هست."),
        EditError::CoderInUse(name) => format!(
            "کدگذار «{name}» هنوز کدگذاری یا یادداشت دارد، یا ویرایش‌هایش در تاریخچهٔ پروژه ثبت است."
        ),
        EditError::Cycle => "کد را نمی‌توان به درون خودش یا زیرشاخه‌هایش برد.".into(),
        EditError::DuplicateCoding => {
            "این بخش را همین کدگذار با همین کد پیش‌تر کدگذاری کرده است.".into()
        }
        EditError::NotCodable(name) => format!(
            "«{name}» تنها کدهای دیگر را گروه می‌کند و نمی‌توان آن را به متن زد؛ یکی از کدهای زیر آن را برگزینید."
        ),
        EditError::NothingToGroup => "چیزی برای گروه‌بندی نیست.".into(),
        EditError::AlreadyTheirGroup(name) => format!(
            "این‌ها همهٔ کدهای «{name}» هستند و «{name}» خود گروهشان است؛ اگر نام دیگری می‌خواهید، نامش را تغییر دهید."
        ),
        EditError::BadColor(c) => format!("«{}» رنگی به شکل {} نیست.", l(c), l("#rrggbb")),
        EditError::NoCode(id) => missing("کد", id),
        EditError::NoDocument(id) => missing("سند", id),
        EditError::NoCoding(id) => missing("کدگذاری", id),
        EditError::NoMemo(id) => missing("یادداشت", id),
        EditError::NoCoder(id) => missing("کدگذار", id),
        EditError::NoGroup(id) => missing("گروه سند", id),
        EditError::NoThread(id) => missing("رشتهٔ نظر", id),
        EditError::NoPoint(id) => missing("نقطهٔ بازبینی", id),
        EditError::EmptyComment => "نظر نمی‌تواند خالی باشد.".into(),
        EditError::NoMap(id) => missing("نقشه", id),
        EditError::BadPlace(name) => {
            format!("«{name}» در هیچ نقطه‌ای از بوم جای نمی‌گیرد (عددی متناهی نیست).")
        }
        EditError::DuplicateMapName(name) => format!("نقشه‌ای به نام «{name}» از پیش هست."),
        EditError::BadLink(name) => {
            format!("نقشهٔ «{name}»: پیوندی به گره‌ای می‌رسد که در نقشه نیست.")
        }
        EditError::NoAccount(network, account) => {
            format!("حسابی به نام «{}» در {} نیست.", l(account), l(network))
        }
        EditError::BadAccount(account, why) => format!(
            "حساب «{}»: {}",
            l(account),
            match *why {
                "needs a network and a name" => "شبکه و نام لازم دارد.",
                "has spaces around its network or name" =>
                    "شبکه یا نامش فاصلهٔ اضافه در دو سو دارد.",
                "needs at least one follower" => "دست‌کم یک دنبال‌کننده لازم دارد.",
                "its period ends before it starts" => "دورهٔ پایش پیش از آغازش تمام می‌شود.",
                other => other,
            }
        ),
        EditError::Duplicate(id) => format!(
            "موردی با شناسهٔ {} از پیش در پروژه هست، پس دوباره افزوده نشد.",
            l(id)
        ),
        EditError::BadRange { range, len } => format!(
            "بخش {} تا {} خالی است یا بیرون از سند ({}) است؛ بخشی از متن سند را انتخاب کنید.",
            loc.num(range.start.0),
            loc.num(range.end.0),
            loc.count(*len, super::i18n::Noun::Character)
        ),
        EditError::RollbackFailed(inner) => format!(
            "بخشی از گامی که انجام نشد برنمی‌گردد ({})؛ شاید پروژه نیمه‌کاره تغییر کرده باشد: واگرد کنید، یا آن را بی ذخیره ببندید و دوباره باز کنید.",
            edit(loc, inner)
        ),
    }
}

/// An ID that no longer names anything: the window changed under a
/// command (or a bug). `what` is the Persian noun.
fn missing(what: &str, id: impl std::fmt::Display) -> String {
    format!(
        "{what} با شناسهٔ {} در پروژه نیست (شاید هم‌اکنون حذف شده باشد)؛ چیزی تغییر نکرد.",
        l(id)
    )
}

/// An export that could not be made, for the window.
pub fn export(loc: Locale, e: &crate::export::ExportError) -> String {
    if loc.lang == Lang::En {
        return e.to_string();
    }
    format!(
        "خروجی {} ساخته نشد ({})؛ پرونده‌ای نوشته نشد. قالب دیگری را بیازمایید و این خطا را گزارش کنید.",
        l(e.0),
        l(&e.1)
    )
}

/// A file of the window's own (a recovery file, its folder) that could not
/// be read, written or removed.
pub fn file(loc: Locale, path: &Path, e: &std::io::Error) -> String {
    match loc.lang {
        Lang::En => format!("{}: {e}", path.display()),
        Lang::Fa => format!(
            "{}: این پرونده خوانده، نوشته یا پاک نشد ({}). بررسی کنید که اجازهٔ دسترسی به آن را دارید، یا آن را دستی پاک کنید.",
            p(path),
            l(e)
        ),
    }
}

/// Why a project could not be opened in the window.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{}", self.message(Locale::EN))]
    Missing(std::path::PathBuf),
    #[error("{}", self.message(Locale::EN))]
    Lock(LockError),
    #[error("{}", self.message(Locale::EN))]
    Store(StoreError),
}

impl OpenError {
    /// Said in the interface's language.
    pub fn message(&self, loc: Locale) -> String {
        match self {
            OpenError::Missing(path) if loc.lang == Lang::Fa => format!(
                "{}: چنین پروندهٔ پروژه‌ای نیست. پوشه و نام را بررسی کنید.",
                p(path)
            ),
            OpenError::Missing(path) => format!(
                "{}: no such project file. Check the folder and the name",
                path.display()
            ),
            OpenError::Lock(e) => lock(loc, e),
            OpenError::Store(e) => store(loc, e),
        }
    }
}

mod refi;
pub use refi::refi;
mod social;
pub use social::social;

#[cfg(test)]
mod tests;
