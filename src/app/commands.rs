//! One table of app commands: the menus, the shortcuts and the command
//! palette all read it.

use super::i18n::Lang;
use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppCommand {
    New,
    Open,
    Save,
    SaveAs,
    Import,
    Undo,
    Redo,
    RedoAlt,
    ApplyCode,
    InVivo,
    RemoveCoding,
    Palette,
    ToggleLanguage,
    ZoomIn,
    ZoomOut,
}

pub const ALL: [AppCommand; 15] = [
    AppCommand::New,
    AppCommand::Open,
    AppCommand::Save,
    AppCommand::SaveAs,
    AppCommand::Import,
    AppCommand::Undo,
    AppCommand::Redo,
    AppCommand::RedoAlt,
    AppCommand::ApplyCode,
    AppCommand::InVivo,
    AppCommand::RemoveCoding,
    AppCommand::Palette,
    AppCommand::ToggleLanguage,
    AppCommand::ZoomIn,
    AppCommand::ZoomOut,
];

impl AppCommand {
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        use AppCommand::*;
        let c = Modifiers::COMMAND;
        let cs = Modifiers::COMMAND | Modifiers::SHIFT;
        Some(match self {
            New => KeyboardShortcut::new(c, Key::N),
            Open => KeyboardShortcut::new(c, Key::O),
            Save => KeyboardShortcut::new(c, Key::S),
            SaveAs => KeyboardShortcut::new(cs, Key::S),
            Import => KeyboardShortcut::new(c, Key::I),
            // Shift variants first: egui's consume_shortcut ignores extra Shift.
            Redo => KeyboardShortcut::new(cs, Key::Z),
            Undo => KeyboardShortcut::new(c, Key::Z),
            RedoAlt => KeyboardShortcut::new(c, Key::Y),
            ApplyCode => KeyboardShortcut::new(c, Key::K),
            InVivo => KeyboardShortcut::new(c, Key::J),
            RemoveCoding => KeyboardShortcut::new(Modifiers::NONE, Key::Delete),
            Palette => KeyboardShortcut::new(cs, Key::P),
            ToggleLanguage => KeyboardShortcut::new(cs, Key::L),
            ZoomIn => KeyboardShortcut::new(c, Key::Plus),
            ZoomOut => KeyboardShortcut::new(c, Key::Minus),
        })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        use AppCommand::*;
        let s = lang.strings();
        match self {
            New => s.new_project,
            Open => s.open,
            Save => s.save,
            SaveAs => s.save_as,
            Import => s.import,
            Undo => s.undo,
            Redo | RedoAlt => s.redo,
            ApplyCode => s.apply_code,
            InVivo => s.in_vivo,
            RemoveCoding => s.remove_coding,
            Palette => s.command_palette,
            ToggleLanguage => s.language,
            ZoomIn => "+",
            ZoomOut => "−",
        }
    }

    /// Shortcuts checked in this order (longer modifier sets first).
    pub fn by_shortcut_priority() -> impl Iterator<Item = AppCommand> {
        let mut v = ALL.to_vec();
        v.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                s.modifiers.shift as u8 + s.modifiers.command as u8 + s.modifiers.alt as u8
            }))
        });
        v.into_iter()
    }
}
