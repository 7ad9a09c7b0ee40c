//! The filter input, the dialogs, the help overlay, and leaving.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::app::Mode;
use crate::app::keys::{Binding, Key, Section};
use crate::app::msg::Msg;
use KeyCode::{Backspace, Enter, Esc};
use Mode as M;

const TICKET_NAMES: (&str, &str, Section) =
    ("Ctrl-T Ctrl-N", "ticket / clear names", Section::Inputs);

pub(super) const ROWS: &[Binding] = &[
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
        ("↑ ↓", "move (filter, picker)", Section::Inputs),
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
        typing_collection,
    ),
    when(
        row(
            &[M::Confirm],
            DIALOG_TEXT,
            Some(("type", "the user ID")),
            TYPE,
        ),
        typing_user,
    ),
    // Control keys, since typed text is the ID; before Enter and Esc, so a narrow footer
    // drops these first. One help line for both keeps the help within 120x40.
    when(
        row(
            &[M::Confirm],
            &[send(Key::Ctrl('t'), &Msg::DialogTicket)],
            Some(("Ctrl-T", "ticket")),
            TICKET_NAMES,
        ),
        confirm_editing,
    ),
    // In an erase dialog: the manifest keeps names in clear text, or as HMACs.
    when(
        row(
            &[M::Confirm],
            &[send(Key::Ctrl('n'), &Msg::EraseKeepNames)],
            Some(("Ctrl-N", "names")),
            TICKET_NAMES,
        ),
        erase_editing,
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
    when(
        row(&[M::Confirm], DIALOG_ESC, Some(("Esc", "cancel")), ESC),
        confirm_open,
    ),
    // The ticket line, after Ctrl-T.
    when(
        row(
            &[M::Confirm],
            DIALOG_TEXT,
            Some(("type", "the ticket")),
            TYPE,
        ),
        confirm_ticket,
    ),
    when(
        row(
            &[M::Confirm],
            DIALOG_ENTER,
            Some(("Enter", "keep it")),
            ENTER,
        ),
        confirm_ticket,
    ),
    when(
        row(&[M::Confirm], DIALOG_ESC, Some(("Esc", "undo")), ESC),
        confirm_ticket,
    ),
    when(
        row(&[M::Confirm], DIALOG_BACKSPACE, None, BACKSPACE),
        confirm_ticket,
    ),
    // A finished erasure's dialog only closes.
    when(
        row(
            &[M::Confirm],
            DIALOG_ENTER,
            Some(("Enter/Esc", "close")),
            ENTER,
        ),
        confirm_finished,
    ),
    when(row(&[M::Confirm], DIALOG_ESC, None, ESC), confirm_finished),
    // The detail view's search input.
    row(
        &[M::Search],
        DIALOG_TEXT,
        Some(("type", "what to find")),
        TYPE,
    ),
    row(&[M::Search], DIALOG_ENTER, Some(("Enter", "search")), ENTER),
    row(&[M::Search], DIALOG_ESC, Some(("Esc", "cancel")), ESC),
    row(&[M::Search], DIALOG_BACKSPACE, None, BACKSPACE),
    // The UserId form.
    row(
        &[M::UserForm],
        DIALOG_TEXT,
        Some(("type", "the UserId")),
        TYPE,
    ),
    row(&[M::UserForm], DIALOG_ENTER, Some(("Enter", "send")), ENTER),
    row(&[M::UserForm], DIALOG_ESC, Some(("Esc", "cancel")), ESC),
    row(&[M::UserForm], DIALOG_BACKSPACE, None, BACKSPACE),
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
    // The region and profile pickers.
    row(&[M::Picker], DIALOG_TEXT, Some(("type", "filter")), TYPE),
    row(
        &[M::Picker],
        &[code(Up, &Msg::Up), code(Down, &Msg::Down)],
        Some(("↑/↓", "move")),
        ("↑ ↓", "move (filter, picker)", Section::Inputs),
    ),
    row(&[M::Picker], DIALOG_ENTER, Some(("Enter", "switch")), ENTER),
    row(&[M::Picker], DIALOG_ESC, Some(("Esc", "cancel")), ESC),
    row(&[M::Picker], DIALOG_BACKSPACE, None, BACKSPACE),
    // The MFA code for a switch.
    row(&[M::Mfa], DIALOG_TEXT, Some(("type", "the MFA code")), TYPE),
    row(&[M::Mfa], DIALOG_ENTER, Some(("Enter", "send")), ENTER),
    row(&[M::Mfa], DIALOG_ESC, Some(("Esc", "cancel")), ESC),
    row(&[M::Mfa], DIALOG_BACKSPACE, None, BACKSPACE),
    // A notice.
    row(
        &[M::Notice],
        &[code(Enter, &Msg::DialogSubmit)],
        Some(("Enter/Esc", "close")),
        ENTER,
    ),
    row(&[M::Notice], &[code(Esc, &Msg::DialogCancel)], None, ESC),
    row(
        &[M::Table, M::Log, M::Detail, M::Users, M::Fleet],
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
    // While an erasure runs nothing but Ctrl-C works, and the footer says what it does.
    when(
        row(
            &[M::Confirm],
            &[send(Key::Ctrl('c'), &Msg::Quit)],
            Some(("Ctrl-C", "quit once the erasure ends")),
            ("Ctrl-C", "quit", Section::Anywhere),
        ),
        confirm_running,
    ),
    row(
        ALL_MODES,
        &[send(Key::Ctrl('c'), &Msg::Quit)],
        None,
        ("Ctrl-C", "quit", Section::Anywhere),
    ),
];

/// An erase dialog not yet confirmed.
fn erase_editing(state: &State) -> bool {
    // Not while the ticket line is being typed: Ctrl-N there is not for the names.
    if !confirm_editing(state) {
        return false;
    }
    use crate::app::overlay::Overlay;
    use crate::app::overlay::confirm::{Action, Phase};
    matches!(&state.overlay, Some(Overlay::Confirm(c))
        if c.phase == Phase::Editing && matches!(c.action, Action::Erase(_)))
}
