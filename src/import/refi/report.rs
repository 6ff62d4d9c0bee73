//! What an import found, what it became, how positions were read, and
//! what was changed or left out and why: in English or Persian.

use crate::text::offsets::Counting;

/// A kind of REFI-QDA element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    User,
    Code,
    TextSource,
    Selection,
    Coding,
    Note,
    Set,
    Case,
    Variable,
    VariableValue,
}

impl Kind {
    fn en(self) -> (&'static str, &'static str) {
        match self {
            Kind::User => ("users", "coders"),
            Kind::Code => ("codes", "codes"),
            Kind::TextSource => ("text sources", "documents"),
            Kind::Selection => ("text selections", "coded segments"),
            Kind::Coding => ("codings", "codings"),
            Kind::Note => ("notes", "memos"),
            Kind::Set => ("sets", "document groups and code sets"),
            Kind::Case => ("cases", "the variable 'Case' of their documents"),
            Kind::Variable => ("variables", "document variables"),
            Kind::VariableValue => ("variable values", "values of document variables"),
        }
    }

    fn fa(self) -> (&'static str, &'static str) {
        match self {
            Kind::User => ("کاربر", "کدگذار"),
            Kind::Code => ("کد", "کد"),
            Kind::TextSource => ("منبع متنی", "سند"),
            Kind::Selection => ("بخش انتخاب‌شدهٔ متن", "بخش کدگذاری‌شده"),
            Kind::Coding => ("کدگذاری", "کدگذاری"),
            Kind::Note => ("یادداشت", "یادداشت"),
            Kind::Set => ("مجموعه", "گروه سند و مجموعهٔ کد"),
            Kind::Case => ("مورد", "متغیر «Case» سندهایش"),
            Kind::Variable => ("متغیر", "متغیر سند"),
            Kind::VariableValue => ("مقدار متغیر", "مقدار متغیر سند"),
        }
    }
}

/// How many elements of a kind were found and how many were imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub kind: Kind,
    pub found: usize,
    pub mapped: usize,
}

/// One thing changed on the way in, or left out, with the names and
/// positions involved (positions as the file gives them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Issue {
    /// A selection past the end of its source's text: left out.
    Outside {
        source: String,
        start: String,
        end: String,
        len: usize,
    },
    /// A selection that is empty or ends before it starts: left out.
    Empty {
        source: String,
        start: String,
        end: String,
    },
    /// A position that is not a number, or falls inside a character
    /// written as two UTF-16 units: left out.
    BadPosition {
        source: String,
        start: String,
        end: String,
    },
    /// A selection that began or ended inside a character cluster (an
    /// emoji sequence, a letter with its marks): widened to whole clusters.
    Widened {
        source: String,
        start: String,
        end: String,
    },
    /// Selections that ran past the trimmed last line (qc counts the final
    /// newline): ended at the end of the text.
    Clamped { source: String, count: usize },
    /// A coding of a code the codebook does not have: left out.
    UnknownCode { source: String, code: String },
    /// The same segment, code and coder twice: kept once.
    DuplicateCoding { source: String, code: String },
    /// A source that is not text (PDF, picture, audio, video): left out.
    NotText { kind: String, name: String },
    /// A source whose text is not in the archive: left out with its codings.
    MissingText { source: String, file: String },
    /// A document in several sets: Strata keeps one group per document.
    MembershipNotKept {
        document: String,
        kept: String,
        set: String,
    },
    /// A document given two values of one variable: the first is kept.
    VariableConflict {
        document: String,
        variable: String,
        kept: String,
        dropped: String,
    },
    /// A name that was empty, not allowed (line breaks, controls) or taken.
    Renamed { from: String, to: String },
    /// A GUID used twice: the second item got a new ID.
    NewId { guid: String },
    /// A user referred to but not listed: made a coder of this name.
    UnknownUser { guid: String, name: String },
    /// Elements Strata has no place for.
    NotImported { element: String, count: usize },
    /// A set none of whose members are in the file: left out.
    EmptySet { set: String },
    /// A code marked as not codable that has codings in the file: made
    /// codable, so its codings can be undone and redone like any other.
    MadeCodable { code: String, count: usize },
}

/// The import report (see `text`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefiReport {
    /// The file's name.
    pub file: String,
    /// The tool that wrote it (its `origin`), if it says.
    pub origin: String,
    pub counts: Vec<Count>,
    /// The deepest code, in levels.
    pub depth: usize,
    /// How positions were read (projects with sources).
    pub counting: Option<Counting>,
    /// Segments that begin and end at word boundaries, of those imported.
    pub on_words: (usize, usize),
    /// The first segments that do not (document, start and end in chars,
    /// the segment in its context).
    pub off_words: Vec<(String, usize, usize, String)>,
    pub issues: Vec<Issue>,
}

/// At most this many issues of one kind are listed; the rest are counted.
const LIST: usize = 12;

/// ASCII digits as Persian digits.
pub(crate) fn fa_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Latin text inside Persian, isolated so that it keeps its order.
fn iso(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

impl RefiReport {
    pub fn count_mut(&mut self, kind: Kind) -> &mut Count {
        let i = match self.counts.iter().position(|c| c.kind == kind) {
            Some(i) => i,
            None => {
                self.counts.push(Count {
                    kind,
                    found: 0,
                    mapped: 0,
                });
                self.counts.len() - 1
            }
        };
        &mut self.counts[i]
    }

    pub fn count(&self, kind: Kind) -> Count {
        self.counts
            .iter()
            .copied()
            .find(|c| c.kind == kind)
            .unwrap_or(Count {
                kind,
                found: 0,
                mapped: 0,
            })
    }

    /// The report as plain text, in English or Persian (Persian digits).
    pub fn text(&self, persian: bool) -> String {
        let mut out = String::new();
        let n = |x: usize| {
            if persian {
                fa_digits(&x.to_string())
            } else {
                x.to_string()
            }
        };
        let origin = if self.origin.is_empty() {
            if persian {
                "ابزاری نامعلوم".to_string()
            } else {
                "an unnamed tool".to_string()
            }
        } else if persian {
            iso(&self.origin)
        } else {
            self.origin.clone()
        };
        if persian {
            out += &format!(
                "{} (ساختهٔ {origin}) وارد شد.\n\nآنچه در پرونده بود و آنچه از آن ساخته شد:\n",
                iso(&self.file)
            );
        } else {
            out += &format!(
                "Imported {}, written by {origin}.\n\nWhat the file held, and what it became:\n",
                self.file
            );
        }
        let mut counts = self.counts.clone();
        counts.sort_by_key(|c| c.kind);
        for c in counts
            .iter()
            .filter(|c| c.found > 0 || c.kind == Kind::Code)
        {
            let extra = if c.kind == Kind::Code && self.depth > 0 {
                if persian {
                    format!(" (ژرف‌ترین: {} سطح)", n(self.depth))
                } else {
                    format!(
                        " (deepest: {} {})",
                        n(self.depth),
                        one("levels", self.depth)
                    )
                }
            } else {
                String::new()
            };
            if persian {
                let (a, b) = c.kind.fa();
                // No arrows: the interface's fonts have none.
                out += &format!("  {} {a}: {} {b}{extra}\n", n(c.found), n(c.mapped));
            } else {
                let (a, b) = c.kind.en();
                let (a, b) = (one(a, c.found), one(b, c.mapped));
                out += &format!("  {} {a} became {} {b}{extra}\n", n(c.found), n(c.mapped));
            }
        }
        if let Some(counting) = self.counting {
            out.push('\n');
            out += &self.counting_text(counting, persian, &n);
        }
        let (changed, dropped): (Vec<&Issue>, Vec<&Issue>) =
            self.issues.iter().partition(|i| i.is_change());
        for (title, list) in [
            (
                if persian {
                    "تغییرها در ورود:"
                } else {
                    "Changed on the way in:"
                },
                changed,
            ),
            (
                if persian {
                    "واردنشده‌ها:"
                } else {
                    "Not imported:"
                },
                dropped,
            ),
        ] {
            if list.is_empty() {
                continue;
            }
            out += &format!("\n{title}\n");
            let mut shown: std::collections::HashMap<std::mem::Discriminant<Issue>, usize> =
                Default::default();
            let mut hidden = 0;
            for i in list {
                let k = shown.entry(std::mem::discriminant(i)).or_default();
                *k += 1;
                if *k > LIST {
                    hidden += 1;
                    continue;
                }
                let line = if persian { i.fa(&n) } else { i.en() };
                out += &format!("  - {line}\n");
            }
            if hidden > 0 {
                out += &if persian {
                    format!("  - و {} مورد دیگر از همین گونه‌ها.\n", n(hidden))
                } else {
                    format!("  - and {} more of these kinds.\n", n(hidden))
                };
            }
        }
        if self.issues.is_empty() {
            out += if persian {
                "\nهمه چیز وارد شد؛ چیزی کنار گذاشته نشد.\n"
            } else {
                "\nEverything was imported; nothing was left out.\n"
            };
        }
        out
    }

    fn counting_text(&self, c: Counting, persian: bool, n: &dyn Fn(usize) -> String) -> String {
        let why_en = if self.origin.is_empty() {
            "the file does not say which tool wrote it".to_string()
        } else {
            format!("the file says origin=\"{}\"", self.origin)
        };
        let why_fa = if self.origin.is_empty() {
            "پرونده نمی‌گوید ساختهٔ کدام ابزار است".to_string()
        } else {
            format!(
                "پرونده می‌گوید {}",
                iso(&format!("origin=\"{}\"", self.origin))
            )
        };
        let (how_en, how_fa) = match c {
            Counting::Utf16 => (
                "UTF-16 code units of the text, CRLF as two, no BOM, as NVivo counts them",
                "واحدهای \u{2068}UTF-16\u{2069} متن، هر CRLF دو واحد و بی BOM، آن‌گونه که NVivo می‌شمارد",
            ),
            Counting::CrlfAsOne => (
                "characters (code points) of the text, CRLF as one, as ATLAS.ti counts them",
                "نویسه‌های متن (نقطه‌کدها)، هر CRLF یک نویسه، آن‌گونه که ATLAS.ti می‌شمارد",
            ),
            Counting::CodePoints => (
                "characters (code points) of the text, as the REFI-QDA standard says",
                "نویسه‌های متن (نقطه‌کدها)، آن‌گونه که استاندارد REFI-QDA می‌گوید",
            ),
        };
        let (w, all) = self.on_words;
        // Under half on word boundaries: the file may count otherwise than
        // its origin says (re-saved by another tool); said, not guessed.
        let few = all > 0 && w * 2 < all;
        if persian {
            let mut out = format!("جای‌ها به این شکل خوانده شد: {how_fa}؛ چون {why_fa}.");
            if all > 0 {
                out += &format!(
                    " از {} بخش واردشده، {} بخش در مرز واژه‌ها آغاز می‌شود و پایان می‌یابد.",
                    n(all),
                    n(w)
                );
            }
            if few {
                out += " این کم است: شاید پرونده جای‌ها را جور دیگری شمرده باشد؛ چند کدگذاری را با متن بسنجید.";
            }
            out += "\n";
            if !self.off_words.is_empty() {
                out += "آن‌هایی که نه (مرزها در [ ]):\n";
            }
            for (doc, a, z, seg) in &self.off_words {
                out += &format!(
                    "  - {}، نویسه‌های {}–{}: {}\n",
                    iso(doc),
                    n(*a),
                    n(*z),
                    iso(seg)
                );
            }
            out
        } else {
            let mut out = format!("Positions were read as {how_en}, because {why_en}.");
            if all > 0 {
                out += &format!(
                    " {} of {} imported segments begin and end at word boundaries.",
                    n(w),
                    n(all)
                );
            }
            if few {
                out += " That is few: the file may count positions otherwise; check a few codings against the text.";
            }
            out += "\n";
            if !self.off_words.is_empty() {
                out += "Those that do not (their ends in [ ]):\n";
            }
            for (doc, a, z, seg) in &self.off_words {
                out += &format!("  - {doc}, chars {a}–{z}: {seg}\n");
            }
            out
        }
    }
}

/// An English count's noun: "1 code", "2 codes" (the nouns are plural).
fn one(noun: &'static str, count: usize) -> &'static str {
    if count != 1 {
        return noun;
    }
    match noun {
        "document groups and code sets" => "document group or code set",
        "the variable 'Case' of their documents" => "the variable 'Case' of its documents",
        "values of document variables" => "value of a document variable",
        n => n.strip_suffix('s').unwrap_or(n),
    }
}

impl Issue {
    /// A change (the item is in the project, altered) rather than a drop.
    fn is_change(&self) -> bool {
        matches!(
            self,
            Issue::Widened { .. }
                | Issue::Clamped { .. }
                | Issue::DuplicateCoding { .. }
                | Issue::MembershipNotKept { .. }
                | Issue::VariableConflict { .. }
                | Issue::Renamed { .. }
                | Issue::NewId { .. }
                | Issue::UnknownUser { .. }
                | Issue::MadeCodable { .. }
        )
    }

    fn en(&self) -> String {
        use Issue::*;
        match self {
            Outside {
                source,
                start,
                end,
                len,
            } => format!(
                "'{source}': selection {start}–{end} lies past the end of the text ({len} positions)"
            ),
            Empty { source, start, end } => {
                format!("'{source}': selection {start}–{end} is empty or ends before it starts")
            }
            BadPosition { source, start, end } => format!(
                "'{source}': selection {start}–{end} has a position that is not a number or falls inside a character"
            ),
            Widened { source, start, end } => format!(
                "'{source}': selection {start}–{end} began or ended inside a character (an emoji sequence or a letter with its marks); widened to the whole character"
            ),
            Clamped { source, count } => format!(
                "'{source}': {count} selection(s) included the newline after the last line; they end at the end of the text"
            ),
            UnknownCode { source, code } => {
                format!(
                    "'{source}': a coding refers to code {code}, which the codebook does not have"
                )
            }
            DuplicateCoding { source, code } => format!(
                "'{source}': the same segment was coded with '{code}' twice by one coder; kept once"
            ),
            NotText { kind, name } => {
                format!("{kind} '{name}': Strata codes text only")
            }
            MissingText { source, file } => format!(
                "'{source}': its text ({file}) is not in the archive; left out with its codings"
            ),
            MembershipNotKept {
                document,
                kept,
                set,
            } => format!(
                "'{document}' is in set '{kept}' and in set '{set}'; a document is in one group in Strata, so it stays in '{kept}'"
            ),
            VariableConflict {
                document,
                variable,
                kept,
                dropped,
            } => format!(
                "'{document}': variable '{variable}' is '{kept}' and also '{dropped}'; '{kept}' is kept"
            ),
            Renamed { from, to } => {
                format!("'{from}' is named '{to}' (the name was empty, not allowed or taken)")
            }
            NewId { guid } => format!("GUID {guid} is used twice; the second item has a new ID"),
            UnknownUser { guid, name } => {
                format!("user {guid} is not in the list of users; made coder '{name}'")
            }
            NotImported { element, count } => {
                format!("{count} <{element}>: Strata has no place for them")
            }
            EmptySet { set } => {
                format!("set '{set}': none of its members is in the file; left out")
            }
            MadeCodable { code, count } => format!(
                "code '{code}' is marked as not codable but has {count} {} in the file: it was made codable",
                one("codings", *count)
            ),
        }
    }

    fn fa(&self, n: &dyn Fn(usize) -> String) -> String {
        use Issue::*;
        let d = |s: &str| iso(&fa_digits(s));
        match self {
            Outside {
                source,
                start,
                end,
                len,
            } => format!(
                "«{source}»: بخش {}–{} از پایان متن ({} جای) بیرون است",
                d(start),
                d(end),
                n(*len)
            ),
            Empty { source, start, end } => format!(
                "«{source}»: بخش {}–{} خالی است یا پیش از آغازش پایان می‌یابد",
                d(start),
                d(end)
            ),
            BadPosition { source, start, end } => format!(
                "«{source}»: یکی از جای‌های بخش {}–{} عدد نیست یا درون یک نویسه می‌افتد",
                d(start),
                d(end)
            ),
            Widened { source, start, end } => format!(
                "«{source}»: بخش {}–{} درون یک نویسه (دنبالهٔ شکلک یا حرفی با اعرابش) آغاز یا تمام می‌شد؛ تا کل آن نویسه گسترده شد",
                d(start),
                d(end)
            ),
            Clamped { source, count } => format!(
                "«{source}»: {} بخش سطرشکنِ پس از سطر آخر را هم در بر داشت؛ این بخش‌ها در پایان متن تمام می‌شوند",
                n(*count)
            ),
            UnknownCode { source, code } => format!(
                "«{source}»: کدگذاری‌ای به کد {} اشاره می‌کند که در کتاب کد نیست",
                iso(code)
            ),
            DuplicateCoding { source, code } => format!(
                "«{source}»: یک کدگذار یک بخش را دو بار با «{code}» کدگذاری کرده بود؛ یک بار نگه داشته شد"
            ),
            NotText { kind, name } => {
                format!("{} «{name}»: Strata فقط متن را کدگذاری می‌کند", iso(kind))
            }
            MissingText { source, file } => format!(
                "«{source}»: متنش ({}) در بایگانی نیست؛ با کدگذاری‌هایش کنار گذاشته شد",
                iso(file)
            ),
            MembershipNotKept {
                document,
                kept,
                set,
            } => format!(
                "«{document}» هم در مجموعهٔ «{kept}» است و هم در «{set}»؛ در Strata هر سند در یک گروه است، پس در «{kept}» ماند"
            ),
            VariableConflict {
                document,
                variable,
                kept,
                dropped,
            } => format!(
                "«{document}»: متغیر «{variable}» هم «{kept}» است و هم «{dropped}»؛ «{kept}» نگه داشته شد"
            ),
            Renamed { from, to } => {
                format!("«{from}» «{to}» نام گرفت (نامش خالی، نامجاز یا تکراری بود)")
            }
            NewId { guid } => format!(
                "شناسهٔ {} دو بار به کار رفته است؛ مورد دوم شناسهٔ تازه گرفت",
                iso(guid)
            ),
            UnknownUser { guid, name } => format!(
                "کاربر {} در فهرست کاربران نیست؛ کدگذار «{name}» ساخته شد",
                iso(guid)
            ),
            NotImported { element, count } => format!(
                "{} عنصر {}: Strata جایی برای آن‌ها ندارد",
                n(*count),
                iso(&format!("<{element}>"))
            ),
            EmptySet { set } => {
                format!("مجموعهٔ «{set}»: هیچ‌یک از اعضایش در پرونده نیست؛ کنار گذاشته شد")
            }
            MadeCodable { code, count } => format!(
                "کد «{code}» نشانِ «کدگذاری‌نشدنی» داشت اما در پرونده {} کدگذاری دارد؛ کدگذاری‌شدنی شد",
                n(*count)
            ),
        }
    }
}
