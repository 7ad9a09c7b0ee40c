//! The detail view: its faces pane (with the search) and its users pane.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::app::detail::Pane;
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
    row(&[M::Detail], LIKE, Some(("s", "similar")), LIKE_HELP),
    when(
        row(
            &[M::Detail],
            THRESHOLD,
            Some(("+/-", "threshold")),
            THRESHOLD_HELP,
        ),
        likeness_shown,
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
        ("u", "users / faces list", Section::Detail),
    ),
    // The users pane.
    row(
        &[M::Users],
        MOVE,
        Some(("j/k", "move")),
        ("j k ↑ ↓", "move in the users", Section::Users),
    ),
    when(
        row(
            &[M::Users],
            &[code(Esc, &Msg::SearchClose)],
            Some(("Esc", "all users")),
            ("Esc", "end the search", Section::Detail),
        ),
        searching,
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
    row(&[M::Users], LIKE, Some(("s", "similar")), LIKE_HELP),
    when(
        row(
            &[M::Users],
            THRESHOLD,
            Some(("+/-", "threshold")),
            THRESHOLD_HELP,
        ),
        likeness_shown,
    ),
    row(
        &[M::Users],
        &[ch('u', &Msg::PaneToggle)],
        Some(("u", "faces")),
        ("u", "users / faces list", Section::Detail),
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

// The faces pane and the users pane share these help lines.
const LIKE: &[(Key, Does)] = &[ch('s', &Msg::SearchLike)];
const LIKE_HELP: (&str, &str, Section) = ("s", "faces / users like it", Section::Detail);
const THRESHOLD_HELP: (&str, &str, Section) = ("+ = -", "threshold +5 / -5", Section::Detail);
const THRESHOLD: &[(Key, Does)] = &[
    ch('+', &Msg::ThresholdUp),
    ch('=', &Msg::ThresholdUp),
    ch('-', &Msg::ThresholdDown),
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

/// A search by likeness of faces or users is in the pane (running or done): `+` and `-`
/// search again, a running one giving way.
fn likeness_shown(state: &State) -> bool {
    state.detail().is_some_and(|d| match d.pane {
        Pane::Faces => (d.search.as_ref()).is_some_and(|s| s.search.threshold().is_some()),
        Pane::Users => d.users.like.is_some(),
    })
}

fn search_shown(state: &State) -> bool {
    searching(state) && !search_running(state)
}

fn not_searching(state: &State) -> bool {
    !searching(state)
}
