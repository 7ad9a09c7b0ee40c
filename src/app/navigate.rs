//! What the terminal does to the state: a resize, the help toggled, and the movement keys,
//! which move whatever has them.

use super::detail;
use super::layout::{log_cols, log_rows, table_rows};
use super::msg::{Command, Move};
use super::overlay::Overlay;
use super::overlay::help::Help;
use super::{Mode, State};

impl State {
    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.log.clamp(log_cols(width), log_rows(height));
        if let Some(Overlay::Help(help)) = &mut self.overlay {
            help.clamp(width, height);
        }
    }

    pub(super) fn toggle_help(&mut self) {
        match &self.overlay {
            Some(Overlay::Help(_)) => self.overlay = None,
            None => self.overlay = Some(Overlay::Help(Help::default())),
            // Keys cannot ask for help over another overlay.
            Some(_) => {}
        }
    }

    /// Movement keys move whatever has them: the help, the faces, the log or the table.
    pub(super) fn navigate(&mut self, mv: Move) -> Vec<Command> {
        let (width, height) = (self.width, self.height);
        match self.mode() {
            Mode::Help => {
                if let Some(Overlay::Help(help)) = &mut self.overlay {
                    let page = isize::try_from(height).unwrap_or(isize::MAX);
                    help.scroll_by(step(mv, 1, page), width, height);
                }
                Vec::new()
            }
            Mode::Detail | Mode::Users => detail::navigate(self, mv),
            Mode::Fleet => {
                super::fleet::view::navigate(self, mv);
                Vec::new()
            }
            Mode::Picker => {
                if let Some(Overlay::Picker(picker)) = &mut self.overlay {
                    picker.move_by(step(mv, 1, 10));
                }
                Vec::new()
            }
            Mode::Log => {
                let (cols, rows) = (log_cols(width), log_rows(height));
                let page = isize::try_from(rows).unwrap_or(isize::MAX);
                match mv {
                    Move::Top => self.log.to_oldest(cols, rows),
                    Move::Bottom => self.log.to_newest(),
                    // Up scrolls back, towards older entries.
                    Move::Up | Move::Down | Move::PageUp | Move::PageDown => {
                        self.log.scroll_by(-step(mv, 1, page), cols, rows);
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
                self.table.move_by(step(mv, 1, page));
                Vec::new()
            }
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
