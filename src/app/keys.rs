//! The one binding table: for every mode, which key sends which message, with its footer
//! label and its line in the help. The key map, the footer, the help overlay and the
//! manual's key tables (docs/keys.md) are all produced from it, so they cannot disagree.
//!
//! In the filter, the search and dialogs, printable keys are text (so `q` types a q);
//! Ctrl-C quits from anywhere.

mod table;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use self::table::BINDINGS;
use super::msg::Msg;
use super::{Mode, State};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character, without Ctrl or Alt (Shift is part of the character).
    Char(char),
    /// A named key, whatever the modifiers.
    Code(KeyCode),
    /// Ctrl and this letter.
    Ctrl(char),
    /// Any printable character: text for an input.
    Text,
}

impl Key {
    /// How the help and the manual write the key.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Text => "type".into(),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Backspace => "⌫".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Delete => "Delete".into(),
                // Shift-Tab goes back where Tab goes forth.
                KeyCode::Tab | KeyCode::BackTab => "Tab".into(),
                other => other.to_string(),
            },
        }
    }
}

/// What a key sends.
#[derive(Debug, Clone, Copy)]
pub enum Does {
    Send(&'static Msg),
    /// The character typed, wrapped in this message.
    Text(fn(char) -> Msg),
}

impl Does {
    fn msg(self, c: Option<char>) -> Option<Msg> {
        match self {
            Does::Send(msg) => Some(msg.clone()),
            Does::Text(wrap) => c.map(wrap),
        }
    }

    /// Whether `msg` is what this sends (for text, whatever the character).
    fn sends(self, msg: &Msg) -> bool {
        let theirs = std::mem::discriminant(msg);
        match self {
            Does::Send(own) => std::mem::discriminant(own) == theirs,
            Does::Text(wrap) => std::mem::discriminant(&wrap(' ')) == theirs,
        }
    }
}

/// Where a binding is listed in the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Table,
    Log,
    Fleet,
    Detail,
    Users,
    /// The filter input and every dialog.
    Inputs,
    Anywhere,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Table,
        Section::Log,
        Section::Fleet,
        Section::Detail,
        Section::Users,
        Section::Inputs,
        Section::Anywhere,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Table => "Table",
            Section::Log => "Log pane (after Tab)",
            Section::Fleet => "Fleet view (F)",
            Section::Detail => "Detail view (Enter)",
            Section::Users => "Users list (u)",
            Section::Inputs => "The filter and dialogs",
            Section::Anywhere => "Anywhere",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [(Key, Does)],
    /// Only while this holds (e.g. a filter is set, the dialog wants the ID typed).
    pub when: Option<fn(&State) -> bool>,
    /// In the footer: the keys as written there and what they do; `None`: not listed.
    pub footer: Option<(&'static str, &'static str)>,
    /// In the help: the keys as written there, what they do, and under which heading.
    /// Rows with the same three are listed once.
    pub help: (&'static str, &'static str, Section),
}

/// Whether `key` is `wanted`, given the character it types (if any).
fn hits(wanted: Key, key: &KeyEvent, text: Option<char>, ctrl: bool) -> bool {
    match wanted {
        Key::Char(c) => text == Some(c),
        Key::Code(code) => key.code == code,
        Key::Ctrl(c) => ctrl && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c)),
        Key::Text => text.is_some(),
    }
}

/// Every binding, in table order.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().flat_map(|group| group.iter())
}

/// The bindings that apply right now.
pub fn active(state: &State) -> impl Iterator<Item = &'static Binding> + '_ {
    let mode = state.mode();
    bindings().filter(move |b| b.modes.contains(&mode) && b.when.is_none_or(|holds| holds(state)))
}

/// The message a key sends in the current mode, if any.
pub fn map(state: &State, key: KeyEvent) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // Other control and alt chords are not text and mean nothing here.
    let text = match key.code {
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => Some(c),
        _ => None,
    };
    active(state)
        .flat_map(|b| b.keys.iter())
        .find(|(wanted, _)| hits(*wanted, &key, text, ctrl))
        .and_then(|(_, does)| does.msg(text))
}

/// Whether some key sends `msg` in any mode: such a message is the operator's, the rest
/// are results and events.
pub fn from_a_key(msg: &Msg) -> bool {
    bindings()
        .flat_map(|b| b.keys.iter())
        .any(|(_, does)| does.sends(msg))
}

/// Whether some key sends `msg` in the current mode: `update` acts on a key's message only
/// where a key could have sent it.
pub fn accepts(state: &State, msg: &Msg) -> bool {
    active(state)
        .flat_map(|b| b.keys.iter())
        .any(|(_, does)| does.sends(msg))
}

/// The footer's entries in the current mode.
pub fn footer(state: &State) -> Vec<(&'static str, &'static str)> {
    active(state).filter_map(|b| b.footer).collect()
}

/// A line of the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLine {
    Section(&'static str),
    Key(&'static str, &'static str),
}

/// Every binding's help line, by section, each listed once.
pub fn help_lines() -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for section in Section::ALL {
        let mut rows: Vec<(&str, &str)> = Vec::new();
        for b in bindings().filter(|b| b.help.2 == section) {
            let row = (b.help.0, b.help.1);
            if !rows.contains(&row) {
                rows.push(row);
            }
        }
        if !rows.is_empty() {
            lines.push(HelpLine::Section(section.title()));
            lines.extend(rows.into_iter().map(|(k, w)| HelpLine::Key(k, w)));
        }
    }
    lines
}

/// The manual's key tables (docs/keys.md), one per section.
pub fn markdown() -> String {
    let mut out = String::new();
    for line in help_lines() {
        match line {
            HelpLine::Section(title) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&format!("**{title}**\n\n| key | action |\n| --- | --- |\n"));
            }
            HelpLine::Key(keys, what) => {
                let keys = keys
                    .split_whitespace()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!("| {keys} | {what} |\n"));
            }
        }
    }
    out
}
