//! The one binding table: for every mode, which key sends which message, with its footer
//! label and its line in the help. The key map, the footer, the help overlay and the
//! README's key tables are all produced from it, so they cannot disagree.
//!
//! In the filter and in dialogs, printable keys are text (so `q` types a q); Ctrl-C quits
//! from anywhere.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::msg::Msg;
use super::overlay::Overlay;
use super::overlay::confirm::Phase;
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
    /// How the help and the README write the key.
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
        let own = match self {
            Does::Send(own) => own.clone(),
            Does::Text(wrap) => wrap(' '),
        };
        std::mem::discriminant(&own) == std::mem::discriminant(msg)
    }
}

/// Where a binding is listed in the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Table,
    Log,
    Detail,
    /// The filter input and every dialog.
    Inputs,
    Anywhere,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Table,
        Section::Log,
        Section::Detail,
        Section::Inputs,
        Section::Anywhere,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Table => "Table",
            Section::Log => "Log pane (after Tab)",
            Section::Detail => "Detail view (Enter)",
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

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Mode as M;

const fn send(key: Key, msg: &'static Msg) -> (Key, Does) {
    (key, Does::Send(msg))
}

const fn code(code: KeyCode, msg: &'static Msg) -> (Key, Does) {
    (Key::Code(code), Does::Send(msg))
}

const fn ch(c: char, msg: &'static Msg) -> (Key, Does) {
    (Key::Char(c), Does::Send(msg))
}

const MOVE: &[(Key, Does)] = &[
    ch('j', &Msg::Down),
    ch('k', &Msg::Up),
    code(Down, &Msg::Down),
    code(Up, &Msg::Up),
];
const PAGE: &[(Key, Does)] = &[code(PageUp, &Msg::PageUp), code(PageDown, &Msg::PageDown)];
const ENDS: &[(Key, Does)] = &[
    ch('g', &Msg::Top),
    code(Home, &Msg::Top),
    ch('G', &Msg::Bottom),
    code(End, &Msg::Bottom),
];
const NEXT_PREV: &[(Key, Does)] = &[
    code(Tab, &Msg::DialogFocusNext),
    code(Right, &Msg::DialogFocusNext),
    code(BackTab, &Msg::DialogFocusPrev),
    code(Left, &Msg::DialogFocusPrev),
];
const DIALOG_TEXT: &[(Key, Does)] = &[(Key::Text, Does::Text(Msg::DialogInput))];
const DIALOG_BACKSPACE: &[(Key, Does)] = &[code(Backspace, &Msg::DialogBackspace)];
const DIALOG_ENTER: &[(Key, Does)] = &[code(Enter, &Msg::DialogSubmit)];
const DIALOG_ESC: &[(Key, Does)] = &[code(Esc, &Msg::DialogCancel)];

/// The help lines every input shares.
const TYPE: (&str, &str, Section) = ("type", "text into the input", Section::Inputs);
const BACKSPACE: (&str, &str, Section) = ("⌫", "delete a character", Section::Inputs);
const ENTER: (&str, &str, Section) = ("Enter", "confirm / keep / close", Section::Inputs);
const ESC: (&str, &str, Section) = ("Esc", "cancel / clear / close", Section::Inputs);

fn listing_retries(state: &State) -> bool {
    state.table.listing.retry.is_some()
}

fn filter_set(state: &State) -> bool {
    !state.table.filter.is_empty()
}

fn confirm_typing(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if c.typing && c.phase == Phase::Editing)
}

fn confirm_buttons(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if !c.typing && c.phase == Phase::Editing)
}

fn help_scrolls(state: &State) -> bool {
    super::overlay::help::layout(state.width, state.height).max_scroll() > 0
}

const fn row(
    modes: &'static [Mode],
    keys: &'static [(Key, Does)],
    footer: Option<(&'static str, &'static str)>,
    help: (&'static str, &'static str, Section),
) -> Binding {
    Binding {
        modes,
        keys,
        when: None,
        footer,
        help,
    }
}

const fn when(mut binding: Binding, holds: fn(&State) -> bool) -> Binding {
    binding.when = Some(holds);
    binding
}

const ALL_MODES: &[Mode] = &[
    M::TooSmall,
    M::Help,
    M::Confirm,
    M::Create,
    M::Notice,
    M::Filter,
    M::Table,
    M::Log,
    M::Detail,
];

/// Every binding. In a mode, the footer lists its rows in this order (most used first);
/// when the footer is too narrow, entries go from the end except the last two.
pub const BINDINGS: &[Binding] = &[
    // The collections table.
    row(
        &[M::Table],
        MOVE,
        Some(("j/k", "move")),
        ("j k ↑ ↓", "move the selection", Section::Table),
    ),
    row(
        &[M::Table],
        &[code(Enter, &Msg::DetailOpen)],
        Some(("Enter", "open")),
        ("Enter", "open the detail view", Section::Table),
    ),
    row(
        &[M::Table],
        &[ch('/', &Msg::FilterOpen)],
        Some(("/", "filter")),
        ("/", "filter by ID", Section::Table),
    ),
    row(
        &[M::Table],
        &[ch('d', &Msg::DeleteOpen), code(Delete, &Msg::DeleteOpen)],
        Some(("d", "delete")),
        ("d  Delete", "delete the collection…", Section::Table),
    ),
    row(
        &[M::Table],
        &[ch('c', &Msg::CreateOpen)],
        Some(("c", "create")),
        ("c", "create a collection…", Section::Table),
    ),
    row(
        &[M::Table],
        &[ch('y', &Msg::CopyId), ch('Y', &Msg::CopyArn)],
        Some(("y/Y", "copy")),
        ("y  Y", "copy ID / ARN (OSC 52)", Section::Table),
    ),
    row(
        &[M::Table],
        &[ch('s', &Msg::SortNext), ch('S', &Msg::SortReverse)],
        Some(("s/S", "sort")),
        ("s  S", "sort column / reverse", Section::Table),
    ),
    row(
        &[M::Table],
        &[ch('r', &Msg::Refresh)],
        Some(("r", "refresh")),
        ("r", "refresh the list", Section::Table),
    ),
    row(
        &[M::Table],
        PAGE,
        None,
        ("PgUp PgDn", "move by a page", Section::Table),
    ),
    row(
        &[M::Table],
        ENDS,
        None,
        ("g G Home End", "first / last row", Section::Table),
    ),
    when(
        row(
            &[M::Table],
            &[code(Esc, &Msg::ListingStop)],
            Some(("Esc", "stop retrying")),
            ("Esc", "stop retrying the list", Section::Table),
        ),
        listing_retries,
    ),
    when(
        row(
            &[M::Table],
            &[code(Esc, &Msg::FilterClear)],
            None,
            ("Esc", "clear a kept filter", Section::Table),
        ),
        filter_set,
    ),
    row(
        &[M::Table],
        &[code(Tab, &Msg::FocusNext), code(BackTab, &Msg::FocusNext)],
        Some(("Tab", "log")),
        ("Tab", "focus the log pane", Section::Table),
    ),
    // The log pane.
    row(
        &[M::Log],
        MOVE,
        Some(("j/k", "scroll")),
        ("j k ↑ ↓", "scroll back and forth", Section::Log),
    ),
    row(
        &[M::Log],
        PAGE,
        Some(("PgUp/PgDn", "page")),
        ("PgUp PgDn", "scroll by a page", Section::Log),
    ),
    row(
        &[M::Log],
        ENDS,
        Some(("g/G", "oldest/newest")),
        ("g G Home End", "oldest / newest", Section::Log),
    ),
    row(
        &[M::Log],
        &[code(Tab, &Msg::FocusNext), code(BackTab, &Msg::FocusNext)],
        Some(("Tab", "table")),
        ("Tab", "back to the table", Section::Log),
    ),
    // The detail view.
    row(
        &[M::Detail],
        MOVE,
        Some(("j/k", "move")),
        ("j k ↑ ↓", "move in the faces", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[ch(' ', &Msg::FaceMark)],
        Some(("Space", "mark")),
        ("Space", "mark / unmark a face", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[
            ch('d', &Msg::FacesDeleteOpen),
            code(Delete, &Msg::FacesDeleteOpen),
        ],
        Some(("d", "delete marked")),
        ("d  Delete", "delete marked faces…", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[ch('y', &Msg::CopyId), ch('Y', &Msg::CopyArn)],
        Some(("y/Y", "copy")),
        ("y  Y", "copy ID / ARN", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[ch('r', &Msg::Refresh)],
        Some(("r", "reload")),
        ("r", "reload", Section::Detail),
    ),
    row(
        &[M::Detail],
        PAGE,
        None,
        ("PgUp PgDn", "move by a page", Section::Detail),
    ),
    row(
        &[M::Detail],
        ENDS,
        None,
        ("g G Home End", "first / last face", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[
            code(Esc, &Msg::DetailClose),
            code(Backspace, &Msg::DetailClose),
            code(Left, &Msg::DetailClose),
            ch('h', &Msg::DetailClose),
            ch('q', &Msg::DetailClose),
        ],
        Some(("Esc", "back")),
        ("Esc ⌫ ← h q", "back to the table", Section::Detail),
    ),
    // The filter input.
    row(
        &[M::Filter],
        &[(Key::Text, Does::Text(Msg::FilterInput))],
        Some(("type", "filter")),
        TYPE,
    ),
    row(
        &[M::Filter],
        &[code(Enter, &Msg::FilterAccept)],
        Some(("Enter", "keep")),
        ENTER,
    ),
    row(
        &[M::Filter],
        &[code(Esc, &Msg::FilterClear)],
        Some(("Esc", "clear")),
        ESC,
    ),
    row(
        &[M::Filter],
        &[code(Up, &Msg::Up), code(Down, &Msg::Down)],
        Some(("↑/↓", "move")),
        ("↑ ↓", "move while filtering", Section::Inputs),
    ),
    row(
        &[M::Filter],
        &[code(Backspace, &Msg::FilterBackspace)],
        None,
        BACKSPACE,
    ),
    // A typed-ID confirmation.
    when(
        row(
            &[M::Confirm],
            DIALOG_TEXT,
            Some(("type", "the collection ID")),
            TYPE,
        ),
        confirm_typing,
    ),
    when(
        row(
            &[M::Confirm],
            DIALOG_ENTER,
            Some(("Enter", "confirm")),
            ENTER,
        ),
        confirm_typing,
    ),
    when(
        row(&[M::Confirm], DIALOG_BACKSPACE, None, BACKSPACE),
        confirm_typing,
    ),
    when(
        row(
            &[M::Confirm],
            NEXT_PREV,
            Some(("Tab/←/→", "choose")),
            ("Tab ← →", "next button / field", Section::Inputs),
        ),
        confirm_buttons,
    ),
    when(
        row(
            &[M::Confirm],
            DIALOG_ENTER,
            Some(("Enter", "activate")),
            ENTER,
        ),
        confirm_buttons,
    ),
    when(
        row(
            &[M::Confirm],
            NEXT_PREV,
            None,
            ("Tab ← →", "next button / field", Section::Inputs),
        ),
        confirm_typing,
    ),
    // Text where no ID is asked for is taken and ignored, so a stray letter does nothing.
    when(row(&[M::Confirm], DIALOG_TEXT, None, TYPE), confirm_buttons),
    row(&[M::Confirm], DIALOG_ESC, Some(("Esc", "cancel")), ESC),
    // The create form.
    row(&[M::Create], DIALOG_TEXT, Some(("type", "ID / tags")), TYPE),
    row(
        &[M::Create],
        NEXT_PREV,
        Some(("Tab", "next field")),
        ("Tab ← →", "next button / field", Section::Inputs),
    ),
    row(&[M::Create], DIALOG_ENTER, Some(("Enter", "create")), ENTER),
    row(&[M::Create], DIALOG_ESC, Some(("Esc", "cancel")), ESC),
    row(&[M::Create], DIALOG_BACKSPACE, None, BACKSPACE),
    // A notice.
    row(
        &[M::Notice],
        &[code(Enter, &Msg::DialogSubmit)],
        Some(("Enter/Esc", "close")),
        ENTER,
    ),
    row(&[M::Notice], &[code(Esc, &Msg::DialogCancel)], None, ESC),
    // Help, and leaving.
    row(
        &[M::Table, M::Log, M::Detail],
        &[ch('?', &Msg::ToggleHelp)],
        Some(("?", "help")),
        ("?", "this help", Section::Anywhere),
    ),
    row(
        &[M::Table, M::Log, M::TooSmall],
        &[ch('q', &Msg::Quit)],
        Some(("q", "quit")),
        ("q", "quit", Section::Table),
    ),
    row(
        &[M::Help],
        &[
            ch('?', &Msg::ToggleHelp),
            code(Esc, &Msg::ToggleHelp),
            code(Enter, &Msg::ToggleHelp),
            ch('q', &Msg::ToggleHelp),
        ],
        Some(("?/Esc", "close help")),
        ("? Esc Enter q", "close this help", Section::Anywhere),
    ),
    when(
        row(
            &[M::Help],
            MOVE,
            Some(("j/k", "scroll")),
            ("j k ↑ ↓", "scroll this help", Section::Anywhere),
        ),
        help_scrolls,
    ),
    when(
        row(
            &[M::Help],
            PAGE,
            None,
            ("PgUp PgDn", "… by a page", Section::Anywhere),
        ),
        help_scrolls,
    ),
    row(
        ALL_MODES,
        &[send(Key::Ctrl('c'), &Msg::Quit)],
        None,
        ("Ctrl-C", "quit", Section::Anywhere),
    ),
];

/// Whether `key` is `wanted`, given the character it types (if any).
fn hits(wanted: Key, key: &KeyEvent, text: Option<char>, ctrl: bool) -> bool {
    match wanted {
        Key::Char(c) => text == Some(c),
        Key::Code(code) => key.code == code,
        Key::Ctrl(c) => ctrl && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c)),
        Key::Text => text.is_some(),
    }
}

/// The bindings that apply right now.
pub fn active(state: &State) -> impl Iterator<Item = &'static Binding> + '_ {
    let mode = state.mode();
    BINDINGS
        .iter()
        .filter(move |b| b.modes.contains(&mode) && b.when.is_none_or(|holds| holds(state)))
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
        for b in BINDINGS.iter().filter(|b| b.help.2 == section) {
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

/// The README's key tables, one per section.
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
