//! The detail view: its faces pane (with the search) and its users pane.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::app::keys::{Binding, Does, Key, Section};
use crate::app::msg::Msg;
use crate::app::{Mode, State};
use KeyCode::{Backspace, Delete, Enter, Esc, Left};
use Mode as M;

const PANES: &[Mode] = &[M::Detail, M::Users];

pub(super) const ROWS: &[Binding] = &[
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
        &[ch('A', &Msg::MarkAll)],
        Some(("A", "mark all")),
        ("A", "mark every face shown", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[ch('/', &Msg::SearchOpen)],
        Some(("/", "search")),
        ("/", "search the faces…", Section::Detail),
    ),
    when(
        row(
            &[M::Detail],
            &[code(Esc, &Msg::SearchClose)],
            Some(("Esc", "cancel")),
            ("Esc", "end the search", Section::Detail),
        ),
        search_running,
    ),
    when(
        row(
            &[M::Detail],
            &[code(Esc, &Msg::SearchClose)],
            Some(("Esc", "all faces")),
            ("Esc", "end the search", Section::Detail),
        ),
        search_shown,
    ),
    row(
        &[M::Detail],
        &[ch('E', &Msg::EraseOpen)],
        Some(("E", "erase")),
        ("E", "erase marked faces…", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[
            ch('d', &Msg::FacesDeleteOpen),
            code(Delete, &Msg::FacesDeleteOpen),
        ],
        Some(("d", "delete")),
        ("d  Delete", "delete marked faces…", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[ch('a', &Msg::AssociateOpen)],
        Some(("a", "associate")),
        ("a", "add marked to a user…", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[ch('x', &Msg::DisassociateOpen)],
        Some(("x", "disassociate")),
        ("x", "take marked off user…", Section::Detail),
    ),
    row(
        &[M::Detail],
        &[ch('u', &Msg::PaneToggle)],
        Some(("u", "users")),
        ("u", "the users list", Section::Detail),
    ),
    // The users pane.
    row(
        &[M::Users],
        MOVE,
        Some(("j/k", "move")),
        ("j k ↑ ↓", "move in the users", Section::Users),
    ),
    row(
        &[M::Users],
        &[code(Enter, &Msg::UserFaces)],
        Some(("Enter", "faces")),
        ("Enter", "the user's faces", Section::Users),
    ),
    row(
        &[M::Users],
        &[ch('c', &Msg::UserCreateOpen)],
        Some(("c", "create")),
        ("c", "create a user…", Section::Users),
    ),
    row(
        &[M::Users],
        &[
            ch('d', &Msg::UserDeleteOpen),
            code(Delete, &Msg::UserDeleteOpen),
        ],
        Some(("d", "delete")),
        ("d  Delete", "delete the user…", Section::Users),
    ),
    row(
        &[M::Users],
        &[ch('E', &Msg::EraseOpen)],
        Some(("E", "erase")),
        ("E", "erase user and faces…", Section::Users),
    ),
    row(
        &[M::Users],
        &[ch('u', &Msg::PaneToggle)],
        Some(("u", "faces")),
        ("u", "back to the faces", Section::Users),
    ),
    // Both panes.
    row(
        PANES,
        &[ch('y', &Msg::CopyId), ch('Y', &Msg::CopyArn)],
        Some(("y/Y", "copy")),
        ("y  Y", "copy ID / ARN", Section::Detail),
    ),
    row(
        PANES,
        &[ch('r', &Msg::Refresh)],
        Some(("r", "reload")),
        ("r", "reload", Section::Detail),
    ),
    row(
        PANES,
        PAGE,
        None,
        ("PgUp PgDn", "move by a page", Section::Detail),
    ),
    row(
        PANES,
        ENDS,
        None,
        ("g G Home End", "first / last row", Section::Detail),
    ),
    // While a search is shown its Esc comes first, so the footer leaves "back" out.
    when(
        row(
            PANES,
            BACK,
            Some(("Esc", "back")),
            ("Esc ⌫ ← h q", "back to the table", Section::Detail),
        ),
        not_searching,
    ),
    when(
        row(
            PANES,
            BACK,
            None,
            ("Esc ⌫ ← h q", "back to the table", Section::Detail),
        ),
        searching,
    ),
];

const BACK: &[(Key, Does)] = &[
    code(Esc, &Msg::DetailClose),
    code(Backspace, &Msg::DetailClose),
    code(Left, &Msg::DetailClose),
    ch('h', &Msg::DetailClose),
    ch('q', &Msg::DetailClose),
];

fn search_running(state: &State) -> bool {
    state
        .detail()
        .is_some_and(|d| d.search.as_ref().is_some_and(|s| s.running()))
}

fn search_shown(state: &State) -> bool {
    searching(state) && !search_running(state)
}

fn not_searching(state: &State) -> bool {
    !searching(state)
}
