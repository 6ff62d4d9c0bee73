//! One table of app commands: the menus, the shortcuts and the command
//! palette all read it.

use super::i18n::{Lang, Locale};
use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppCommand {
    New,
    Open,
    Save,
    SaveAs,
    Import,
    Export,
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
    Find,
    /// Select the next / previous whole line (line-by-line coding).
    NextLine,
    PrevLine,
    /// Apply the n-th most recently used code (1-based).
    QuickCode(u8),
    /// Close the window (through the unsaved-changes question).
    Quit,
    /// Help ▸ Open demo project.
    OpenDemo,
}

pub const ALL: [AppCommand; 30] = [
    AppCommand::New,
    AppCommand::Open,
    AppCommand::Save,
    AppCommand::SaveAs,
    AppCommand::Import,
    AppCommand::Export,
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
    AppCommand::Find,
    AppCommand::NextLine,
    AppCommand::PrevLine,
    AppCommand::QuickCode(1),
    AppCommand::QuickCode(2),
    AppCommand::QuickCode(3),
    AppCommand::QuickCode(4),
    AppCommand::QuickCode(5),
    AppCommand::QuickCode(6),
    AppCommand::QuickCode(7),
    AppCommand::QuickCode(8),
    AppCommand::QuickCode(9),
    AppCommand::Quit,
    AppCommand::OpenDemo,
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
            Export => KeyboardShortcut::new(c, Key::E),
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
            Find => KeyboardShortcut::new(c, Key::F),
            Quit => KeyboardShortcut::new(c, Key::Q),
            OpenDemo => return None,
            NextLine => KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown),
            PrevLine => KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp),
            QuickCode(n) => {
                let key = [
                    Key::Num1,
                    Key::Num2,
                    Key::Num3,
                    Key::Num4,
                    Key::Num5,
                    Key::Num6,
                    Key::Num7,
                    Key::Num8,
                    Key::Num9,
                ]
                .get(usize::from(n).saturating_sub(1))
                .copied()?;
                KeyboardShortcut::new(Modifiers::ALT, key)
            }
        })
    }

    pub fn label(self, loc: Locale) -> String {
        match self {
            AppCommand::QuickCode(n) => format!("{} {}", loc.strings().quick_code, loc.num(n)),
            other => other.static_label(loc.lang).to_string(),
        }
    }

    fn static_label(self, lang: Lang) -> &'static str {
        use AppCommand::*;
        let s = lang.strings();
        match self {
            New => s.new_project,
            Open => s.open,
            Save => s.save,
            SaveAs => s.save_as,
            Import => s.import,
            Export => s.export,
            Undo => s.undo,
            Redo | RedoAlt => s.redo,
            ApplyCode => s.apply_code,
            InVivo => s.in_vivo,
            RemoveCoding => s.remove_coding,
            Palette => s.command_palette,
            ToggleLanguage => s.language,
            ZoomIn => s.zoom_in,
            ZoomOut => s.zoom_out,
            Find => s.search,
            NextLine => s.next_line,
            PrevLine => s.prev_line,
            QuickCode(_) => s.quick_codes,
            Quit => s.quit,
            OpenDemo => s.open_demo,
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
