//! The movement keys, which move whatever has them: the help, the faces or users, the
//! fleet, a picker, the log pane or the table.

use super::detail;
use super::layout::{log_cols, log_rows, table_rows};
use super::msg::{Command, Move};
use super::overlay::Overlay;
use super::{Mode, State};

/// Movement keys move whatever has them: the help, the faces, the log or the table.
pub(super) fn navigate(state: &mut State, mv: Move) -> Vec<Command> {
    let (width, height) = (state.width, state.height);
    match state.mode() {
        Mode::Help => {
            if let Some(Overlay::Help(help)) = &mut state.overlay {
                let page = isize::try_from(height).unwrap_or(isize::MAX);
                help.scroll_by(step(mv, 1, page), width, height);
            }
            Vec::new()
        }
        Mode::Detail | Mode::Users => detail::navigate(state, mv),
        Mode::Fleet => {
            super::fleet::view::navigate(state, mv);
            Vec::new()
        }
        Mode::Picker => {
            if let Some(Overlay::Picker(picker)) = &mut state.overlay {
                picker.move_by(step(mv, 1, 10));
            }
            Vec::new()
        }
        Mode::Log => {
            let (cols, rows) = (log_cols(width), log_rows(height));
            let page = isize::try_from(rows).unwrap_or(isize::MAX);
            match mv {
                Move::Top => state.log.to_oldest(cols, rows),
                Move::Bottom => state.log.to_newest(),
                // Up scrolls back, towards older entries.
                Move::Up | Move::Down | Move::PageUp | Move::PageDown => {
                    state.log.scroll_by(-step(mv, 1, page), cols, rows);
                }
            }
            Vec::new()
        }
        Mode::Table
        | Mode::TooSmall
        | Mode::Confirm
        | Mode::Create
        | Mode::UserForm
        | Mode::Notice
        | Mode::Filter
        | Mode::Search
        | Mode::Mfa => {
            let page = isize::try_from(table_rows(height).max(1)).unwrap_or(isize::MAX);
            state.table.move_by(step(mv, 1, page));
            Vec::new()
        }
    }
}

/// How far a movement message moves: `line` per Up/Down, `page` per PgUp/PgDn, and to an
/// end for Top/Bottom.
pub fn step(mv: Move, line: isize, page: isize) -> isize {
    match mv {
        Move::Up => -line,
        Move::Down => line,
        Move::PageUp => -page,
        Move::PageDown => page,
        Move::Top => isize::MIN,
        Move::Bottom => isize::MAX,
    }
}
