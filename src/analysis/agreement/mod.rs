//! Intercoder agreement: how far coders who coded the same documents
//! independently agree, per code and overall, and where they differ.
//!
//! Three units (see `docs/agreement.md` for the formulas and conventions):
//! - `Unit::Line`: each (document, non-blank line) is a unit; a coder gave
//!   code C to it if any of their codings of C touches the line.
//! - `Unit::Document`: each document is a unit; C present or absent.
//! - `Unit::Segment`: MAXQDA's method for two coders: a coder's segment of
//!   C agrees when the other coded C on a range overlapping it by at least
//!   `overlap` (intersection over union of the char ranges).
//!
//! Missing data: a coder who has no coding at all in a document has not
//! judged it. Chance-corrected figures that need every coder (observed,
//! Cohen, Fleiss, Brennan–Prediger) use only the documents every chosen
//! coder coded; Krippendorff's alpha also uses the others, with the absent
//! coders' values missing. Documents no chosen coder coded are left out.

mod lines;
mod segments;
pub mod stats;

use crate::model::*;
use serde::{Deserialize, Serialize};

/// What is compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Line,
    Segment,
    Document,
}

/// The overlap a segment needs by default (MAXQDA's default is 90%).
pub const DEFAULT_OVERLAP: f64 = 0.9;

/// Most coders compared at once (a coder is a bit of a mask).
pub const MAX_CODERS: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub struct AgreementOptions {
    /// Two or more distinct coders (exactly two for segments), in the
    /// order the report lists them.
    pub coders: Vec<CoderId>,
    pub unit: Unit,
    /// Segments only: least intersection over union of two ranges that
    /// counts as the same segment, in (0, 1].
    pub overlap: f64,
    /// The codes compared. `None`: every code that any of the chosen coders
    /// applied (their own codings, not a child's), in the tree's order. A
    /// code given here that nobody used still gets a row (all "absent").
    /// A code's codings are its own: a category's row does not include
    /// its children's codings.
    pub codes: Option<Vec<CodeId>>,
}

impl AgreementOptions {
    /// Line units, the default overlap, every code used.
    pub fn new(coders: Vec<CoderId>) -> Self {
        Self {
            coders,
            unit: Unit::Line,
            overlap: DEFAULT_OVERLAP,
            codes: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AgreementError {
    #[error("agreement needs at least two coders; {0} given")]
    TooFewCoders(usize),
    #[error("at most {MAX_CODERS} coders can be compared at once; {0} given")]
    TooManyCoders(usize),
    #[error("coder '{0}' is given twice")]
    DuplicateCoder(String),
    #[error("this project has no coder {0}")]
    UnknownCoder(CoderId),
    #[error("this project has no coder named '{name}'; its coders are: {known}")]
    UnknownCoderName { name: String, known: String },
    #[error("this project has no code {0}")]
    UnknownCode(CodeId),
    #[error(
        "segment agreement compares exactly two coders (MAXQDA's method); {0} given. Use line or document units for more"
    )]
    SegmentsNeedTwoCoders(usize),
    #[error("the overlap must be more than 0 and at most 1 (0.9 is 90%); got {0}")]
    BadOverlap(f64),
}

/// A coder as the report names them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoderRef {
    pub id: CoderId,
    pub name: String,
}

/// Counts and statistics of one code, or of all codes pooled.
///
/// Line and document units: `units` are the units every coder judged;
/// `agreements` those on which all made the same decision (present or
/// absent); `coded_by_all` those all coded; `only[i]` those only coder i
/// coded. Segments: `units` are both coders' segments; `agreements` the
/// matched ones, `only[i]` coder i's unmatched ones.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    pub units: u64,
    pub agreements: u64,
    pub disagreements: u64,
    pub coded_by_all: u64,
    /// Per coder, in `Agreement::coders` order.
    pub only: Vec<u64>,
    /// Units Krippendorff's alpha pairs: judged by at least two coders
    /// (incomplete documents included). 0 for segments.
    pub pairable_units: u64,
    /// Mean share of agreeing coder pairs per unit (for two coders: the
    /// share of agreeing units); segments: agreements / units.
    pub observed: Option<f64>,
    /// Two coders only.
    pub cohen: Option<f64>,
    pub fleiss: Option<f64>,
    pub alpha: Option<f64>,
    pub brennan_prediger: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeRow {
    pub code: CodeId,
    /// Names from the top of the tree down to the code.
    pub path: Vec<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One coder's side of a disagreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoderSide {
    /// Did they code the disagreement's code on these lines (segments: on
    /// an overlapping range at all)?
    pub coded: bool,
    /// Every code they applied on these lines (documents: on the lines
    /// of `Disagreement::range`), any code, in order of first appearance.
    pub codes: Vec<CodeId>,
}

/// A place where the coders differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    pub document: DocId,
    pub doc_name: String,
    /// First and last line, 1-based.
    pub lines: (usize, usize),
    /// The chars in question (lines: the lines' whole text; segments: the
    /// unmatched segment; documents: the first coding of the code).
    pub range: CharRange,
    pub code: CodeId,
    /// Per coder, in `Agreement::coders` order.
    pub coders: Vec<CoderSide>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub unit: Unit,
    /// Segments only.
    pub overlap: Option<f64>,
    pub coders: Vec<CoderRef>,
    /// Documents every coder coded (the complete units come from these).
    pub documents_complete: usize,
    /// Documents only some of the coders coded (alpha only; with two
    /// coders, none of them counts).
    pub documents_partial: usize,
    /// Documents some chosen coders coded and others not at all, by name,
    /// in the project's order: no complete units come from them (with two
    /// coders, none at all), so a reader must know which they are.
    #[serde(default)]
    pub documents_left_out: Vec<String>,
    pub per_code: Vec<CodeRow>,
    pub overall: Figures,
    /// By document (in the project's order), then code, then line.
    pub disagreements: Vec<Disagreement>,
    /// How the figures were made: units, pooling, chance model, missing
    /// data, and any statistic that is undefined here and why.
    pub notes: Vec<String>,
}

/// The coder named `key` (compared as `Project::coder_by_name` does) or
/// whose ID it is.
pub fn find_coder(p: &Project, key: &str) -> Result<CoderId, AgreementError> {
    let key = key.trim();
    if let Some(c) = p.coder_by_name(key) {
        return Ok(c.id);
    }
    if let Ok(uuid) = uuid::Uuid::parse_str(key)
        && p.coder(CoderId(uuid)).is_some()
    {
        return Ok(CoderId(uuid));
    }
    Err(AgreementError::UnknownCoderName {
        name: key.to_string(),
        known: p
            .coders
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Agreement among `opts.coders` on `p`.
pub fn agreement(p: &Project, opts: &AgreementOptions) -> Result<Agreement, AgreementError> {
    let coders = check(p, opts)?;
    let codes = chosen_codes(p, opts)?;
    let mut a = match opts.unit {
        Unit::Segment => segments::compare(p, &coders, &codes, opts.overlap),
        unit => lines::compare(p, &coders, &codes, unit),
    };
    a.coders = coders
        .iter()
        .map(|id| CoderRef {
            id: *id,
            name: p.coder_name(*id).to_string(),
        })
        .collect();
    let ix = p.index();
    a.documents_left_out = p
        .documents
        .iter()
        .filter(|d| {
            let by = |c: &CoderId| {
                ix.codings_of_document(d.id)
                    .iter()
                    .filter_map(|id| p.codings.get(id))
                    .any(|x| x.coder == *c)
            };
            let n = coders.iter().filter(|c| by(c)).count();
            n > 0 && n < coders.len()
        })
        .map(|d| d.name.clone())
        .collect();
    Ok(a)
}

fn check(p: &Project, opts: &AgreementOptions) -> Result<Vec<CoderId>, AgreementError> {
    let n = opts.coders.len();
    if n < 2 {
        return Err(AgreementError::TooFewCoders(n));
    }
    if n > MAX_CODERS {
        return Err(AgreementError::TooManyCoders(n));
    }
    for (i, id) in opts.coders.iter().enumerate() {
        if p.coder(*id).is_none() {
            return Err(AgreementError::UnknownCoder(*id));
        }
        if opts.coders[..i].contains(id) {
            return Err(AgreementError::DuplicateCoder(p.coder_name(*id).into()));
        }
    }
    if opts.unit == Unit::Segment {
        if n != 2 {
            return Err(AgreementError::SegmentsNeedTwoCoders(n));
        }
        if !(opts.overlap > 0.0 && opts.overlap <= 1.0) {
            return Err(AgreementError::BadOverlap(opts.overlap));
        }
    }
    Ok(opts.coders.clone())
}

/// The codes compared, in the tree's order (codes outside the tree last).
fn chosen_codes(p: &Project, opts: &AgreementOptions) -> Result<Vec<CodeId>, AgreementError> {
    let wanted: std::collections::HashSet<CodeId> = match &opts.codes {
        Some(list) => {
            if let Some(bad) = list.iter().find(|c| !p.codes.contains_key(c)) {
                return Err(AgreementError::UnknownCode(*bad));
            }
            list.iter().copied().collect()
        }
        None => {
            let ix = p.index();
            opts.coders
                .iter()
                .flat_map(|c| ix.codings_of_coder(*c))
                .filter_map(|id| p.codings.get(id).map(|c| c.code))
                .filter(|c| p.codes.contains_key(c))
                .collect()
        }
    };
    let mut out: Vec<CodeId> = p
        .walk()
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| wanted.contains(id))
        .collect();
    let placed: std::collections::HashSet<CodeId> = out.iter().copied().collect();
    let mut rest: Vec<CodeId> = wanted.difference(&placed).copied().collect();
    rest.sort();
    out.extend(rest);
    Ok(out)
}

/// A code's path as names.
fn path_names(p: &Project, id: CodeId) -> Vec<String> {
    p.code_path(id)
        .iter()
        .filter_map(|c| p.codes.get(c))
        .map(|c| c.name.clone())
        .collect()
}

/// Every code each coder applied on lines `a..=b`, from a document's
/// items (sorted by first line).
fn sides(
    items: &[lines::Item],
    coders: usize,
    a: u32,
    b: u32,
    code_of: &[CodeId],
) -> Vec<CoderSide> {
    let mut out: Vec<CoderSide> = (0..coders)
        .map(|_| CoderSide {
            coded: false,
            codes: Vec::new(),
        })
        .collect();
    for it in items.iter().take_while(|it| it.first <= b) {
        if it.last < a {
            continue;
        }
        if let Some(side) = out.get_mut(it.coder as usize) {
            let code = code_of[it.code_slot as usize];
            if !side.codes.contains(&code) {
                side.codes.push(code);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
