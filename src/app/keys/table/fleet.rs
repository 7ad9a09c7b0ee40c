//! The fleet view, and the keys of the table that lead to it and back.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::app::Mode;
use crate::app::keys::{Binding, Section};
use crate::app::msg::Msg;
use KeyCode::{Enter, Esc};
use Mode as M;

/// A table entered from the fleet view, which is still open behind it.
fn fleet_behind(state: &State) -> bool {
    state.fleet().is_some()
}

pub(super) const ROWS: &[Binding] = &[
    row(
        &[M::Table],
        &[ch('F', &Msg::FleetOpen)],
        None,
        ("F", "every region (fleet)", Section::Table),
    ),
    // After the table's other Esc rows: a retry to stop or a filter to clear goes first.
    when(
        row(
            &[M::Table],
            &[code(Esc, &Msg::FleetBack)],
            Some(("Esc", "fleet")),
            ("Esc", "back to the fleet", Section::Table),
        ),
        fleet_behind,
    ),
    row(
        &[M::Fleet],
        MOVE,
        Some(("j/k", "move")),
        ("j k ↑ ↓", "move the selection", Section::Fleet),
    ),
    row(
        &[M::Fleet],
        &[code(Enter, &Msg::FleetEnter)],
        Some(("Enter", "open")),
        ("Enter", "open the region", Section::Fleet),
    ),
    row(
        &[M::Fleet],
        &[ch('r', &Msg::FleetReload)],
        Some(("r", "reload")),
        ("r", "count every region", Section::Fleet),
    ),
    row(
        &[M::Fleet],
        &[ch('a', &Msg::FleetWiden)],
        Some(("a", "accounts")),
        ("a", "all accounts on / off", Section::Fleet),
    ),
    row(
        &[M::Fleet],
        &[ch('e', &Msg::FleetExport)],
        Some(("e", "inventory")),
        ("e", "write the inventory", Section::Fleet),
    ),
    row(
        &[M::Fleet],
        PAGE,
        None,
        ("PgUp PgDn", "move by a page", Section::Fleet),
    ),
    row(
        &[M::Fleet],
        ENDS,
        None,
        ("g G Home End", "first / last region", Section::Fleet),
    ),
    row(
        &[M::Fleet],
        &[code(Esc, &Msg::FleetClose), ch('q', &Msg::FleetClose)],
        Some(("Esc/q", "close")),
        ("Esc q", "back to the table", Section::Fleet),
    ),
];
