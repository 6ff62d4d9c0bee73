//! What a person may give as a name: checked when a command is first
//! applied (`History::apply`), not on undo or redo, so that a name made
//! before these rules (in an older file) can still be restored by undo.

use super::{Command, EditError};

/// Longer names are refused: a name is a label, not a text (a pasted
/// paragraph belongs in the description or a memo).
pub const MAX_NAME_CHARS: usize = 500;

/// Why `c` may not be in a name, if it may not: line breaks and other
/// control characters split a name over lines in lists, tables and CSV;
/// bidi embeddings, overrides and isolates reorder whatever is shown after
/// the name (a name could make "exe.txt" read "txt.exe").
fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => Some("a line break"),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some("a bidi control character (embedding, override or isolate)")
        }
        c if c.is_control() => Some("a control character"),
        _ => None,
    }
}

/// Is the name empty to a reader: nothing but spaces and invisible marks?
fn blank(name: &str) -> bool {
    name.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}' | '\u{034F}'
            )
    })
}

/// Check one name; `what` says whose ("document", "code", …).
pub fn name(what: &'static str, name: &str) -> Result<(), EditError> {
    if blank(name) {
        return Err(EditError::BlankName(what));
    }
    if let Some(why) = name.chars().find_map(forbidden) {
        return Err(EditError::BadName {
            what,
            name: name.chars().filter(|c| forbidden(*c).is_none()).collect(),
            why,
        });
    }
    let len = name.chars().count();
    if len > MAX_NAME_CHARS {
        return Err(EditError::LongName { what, len });
    }
    Ok(())
}

/// A name taken from outside (a file's name): what `name` forbids is
/// removed rather than refused, and runs of spaces it leaves are closed up.
pub fn clean_name(raw: &str) -> String {
    let kept: String = raw
        .chars()
        .map(|c| if forbidden(c).is_some() { ' ' } else { c })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Check the names a new command brings in.
pub fn input(cmd: &Command) -> Result<(), EditError> {
    use Command::*;
    match cmd {
        RenameProject { name: n } => name("project", n),
        SetLevelNames { names } => names.iter().try_for_each(|n| name("level", n)),
        AddGroup { group, .. } => name("group", &group.name),
        RenameDocument { name: n, .. } => name("document", n),
        InsertDocument { document, .. } => name("document", &document.name),
        RenameCode { name: n, .. } => name("code", n),
        InsertCodes { codes, .. } => codes.iter().try_for_each(|c| name("code", &c.name)),
        SetVariable { name: n, .. } => name("variable", n),
        AddCoder { coder, .. } => name("coder", &coder.name),
        Batch { commands, .. } => commands.iter().try_for_each(input),
        Stamped { command, .. } => input(command),
        _ => Ok(()),
    }
}
