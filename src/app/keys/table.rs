//! The binding table: its rows by area (`browse`: the table and the log pane; `fleet`: the
//! fleet view; `detail`: the detail view's faces and users; `inputs`: the filter, the
//! search, the dialogs, help and leaving), the key groups they share, and the conditions
//! some rows depend on.

mod browse;
mod detail;
mod fleet;
mod inputs;

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Does, Key, Section};
use crate::app::msg::Msg;
use crate::app::overlay::Overlay;
use crate::app::overlay::confirm::{Action, Phase};
use crate::app::{Mode, State};

use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Mode as M;

pub(super) const fn send(key: Key, msg: &'static Msg) -> (Key, Does) {
    (key, Does::Send(msg))
}

pub(super) const fn code(code: KeyCode, msg: &'static Msg) -> (Key, Does) {
    (Key::Code(code), Does::Send(msg))
}

pub(super) const fn ch(c: char, msg: &'static Msg) -> (Key, Does) {
    (Key::Char(c), Does::Send(msg))
}

pub(super) const MOVE: &[(Key, Does)] = &[
    ch('j', &Msg::Down),
    ch('k', &Msg::Up),
    code(Down, &Msg::Down),
    code(Up, &Msg::Up),
];
pub(super) const PAGE: &[(Key, Does)] =
    &[code(PageUp, &Msg::PageUp), code(PageDown, &Msg::PageDown)];
pub(super) const ENDS: &[(Key, Does)] = &[
    ch('g', &Msg::Top),
    code(Home, &Msg::Top),
    ch('G', &Msg::Bottom),
    code(End, &Msg::Bottom),
];
pub(super) const NEXT_PREV: &[(Key, Does)] = &[
    code(Tab, &Msg::DialogFocusNext),
    code(Right, &Msg::DialogFocusNext),
    code(BackTab, &Msg::DialogFocusPrev),
    code(Left, &Msg::DialogFocusPrev),
];
pub(super) const DIALOG_TEXT: &[(Key, Does)] = &[(Key::Text, Does::Text(Msg::DialogInput))];
pub(super) const DIALOG_BACKSPACE: &[(Key, Does)] = &[code(Backspace, &Msg::DialogBackspace)];
pub(super) const DIALOG_ENTER: &[(Key, Does)] = &[code(Enter, &Msg::DialogSubmit)];
pub(super) const DIALOG_ESC: &[(Key, Does)] = &[code(Esc, &Msg::DialogCancel)];

/// The help lines every input shares.
pub(super) const TYPE: (&str, &str, Section) = ("type", "text into the input", Section::Inputs);
pub(super) const BACKSPACE: (&str, &str, Section) = ("⌫", "delete a character", Section::Inputs);
pub(super) const ENTER: (&str, &str, Section) = ("Enter", "confirm, keep, close", Section::Inputs);
pub(super) const ESC: (&str, &str, Section) = ("Esc", "cancel, clear, close", Section::Inputs);

pub(super) fn listing_retries(state: &State) -> bool {
    state.table.listing.retry.is_some()
}

pub(super) fn filter_set(state: &State) -> bool {
    !state.table.filter.is_empty()
}

/// The pane shown holds a search (running or done) in place of its list.
pub(super) fn searching(state: &State) -> bool {
    use crate::app::detail::Pane;
    state.detail().is_some_and(|d| match d.pane {
        Pane::Faces => d.search.is_some(),
        Pane::Users => d.users.like.is_some(),
    })
}

/// A confirmation whose Esc cancels: not while an erasure runs or after it ended.
pub(super) fn confirm_open(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if matches!(c.phase, Phase::Editing | Phase::Verifying) && c.ticket.is_none())
}

/// The ticket line of a confirmation takes the typing (after Ctrl-T).
pub(super) fn confirm_ticket(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if c.ticket.is_some())
}

/// Ctrl-T can start typing the ticket.
pub(super) fn confirm_editing(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if c.phase == Phase::Editing && c.ticket.is_none())
}

pub(super) fn confirm_running(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if c.phase == Phase::Running)
}

pub(super) fn confirm_finished(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if c.phase == Phase::Finished)
}

pub(super) fn confirm_typing(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if c.typing && c.phase == Phase::Editing && c.ticket.is_none())
}

/// Typing what the confirmation asks for is the collection's ID (not a user's).
pub(super) fn typing_collection(state: &State) -> bool {
    confirm_typing(state) && !typing_user(state)
}

pub(super) fn typing_user(state: &State) -> bool {
    confirm_typing(state)
        && matches!(&state.overlay, Some(Overlay::Confirm(c)) if matches!(c.action, Action::DeleteUser { .. }))
}

pub(super) fn confirm_buttons(state: &State) -> bool {
    matches!(&state.overlay, Some(Overlay::Confirm(c)) if !c.typing && c.phase == Phase::Editing && c.ticket.is_none())
}

pub(super) fn help_scrolls(state: &State) -> bool {
    crate::app::overlay::help::layout(state.width, state.height).max_scroll() > 0
}

pub(super) const fn row(
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

pub(super) const fn when(mut binding: Binding, holds: fn(&State) -> bool) -> Binding {
    binding.when = Some(holds);
    binding
}

pub(super) const ALL_MODES: &[Mode] = &[
    M::TooSmall,
    M::Help,
    M::Confirm,
    M::Create,
    M::UserForm,
    M::Notice,
    M::Filter,
    M::Search,
    M::Table,
    M::Log,
    M::Detail,
    M::Users,
    M::Picker,
    M::Mfa,
    M::Fleet,
];
/// Every binding, by area. In a mode, the footer lists its rows in this order (most used
/// first); when the footer is too narrow, entries go from the end except the last two.
pub const BINDINGS: &[&[Binding]] = &[browse::ROWS, fleet::ROWS, detail::ROWS, inputs::ROWS];
