//! The collections table and the log pane.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::app::Mode;
use crate::app::keys::{Binding, Section};
use crate::app::msg::Msg;
use KeyCode::{BackTab, Delete, Enter, Esc, Tab};
use Mode as M;

pub(super) const ROWS: &[Binding] = &[
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
        ("d  Delete", "delete a collection…", Section::Table),
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
        ("y  Y", "copy ID, ARN (OSC 52)", Section::Table),
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
        &[ch('R', &Msg::RegionPickerOpen)],
        None,
        ("R", "switch region…", Section::Table),
    ),
    row(
        &[M::Table],
        &[ch('P', &Msg::ProfilePickerOpen)],
        None,
        ("P", "switch profile…", Section::Table),
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
            ("Esc", "stop retrying a list", Section::Table),
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
];
