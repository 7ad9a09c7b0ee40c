//! What the terminal does to the state: a resize, the help toggled, and the movement keys,
//! which move whatever has them.

use super::detail;
use super::layout::{log_cols, log_rows, table_rows};
use super::msg::{Command, Msg};
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
    pub(super) fn navigate(&mut self, msg: &Msg) -> Vec<Command> {
        let (width, height) = (self.width, self.height);
        match self.mode() {
            Mode::Help => {
                if let Some(Overlay::Help(help)) = &mut self.overlay {
                    let page = isize::try_from(height).unwrap_or(isize::MAX);
                    help.scroll_by(step(msg, 1, page), width, height);
                }
                Vec::new()
            }
            Mode::Detail | Mode::Users => detail::navigate(self, msg),
            Mode::Fleet => {
                super::fleet::view::navigate(self, msg);
                Vec::new()
            }
            Mode::Picker => {
                if let Some(Overlay::Picker(picker)) = &mut self.overlay {
                    picker.move_by(step(msg, 1, 10));
                }
                Vec::new()
            }
            Mode::Log => {
                let (cols, rows) = (log_cols(width), log_rows(height));
                let page = isize::try_from(rows).unwrap_or(isize::MAX);
                match msg {
                    Msg::Top => self.log.to_oldest(cols, rows),
                    Msg::Bottom => self.log.to_newest(),
                    // Up scrolls back, towards older entries.
                    _ => self.log.scroll_by(-step(msg, 1, page), cols, rows),
                }
                Vec::new()
            }
            _ => {
                let page = isize::try_from(table_rows(height).max(1)).unwrap_or(isize::MAX);
                self.table.move_by(step(msg, 1, page));
                Vec::new()
            }
        }
    }
}

/// How far a movement message moves: `line` per Up/Down, `page` per PgUp/PgDn, and to an
/// end for Top/Bottom.
pub fn step(msg: &Msg, line: isize, page: isize) -> isize {
    match msg {
        Msg::Up => -line,
        Msg::Down => line,
        Msg::PageUp => -page,
        Msg::PageDown => page,
        Msg::Top => isize::MIN,
        _ => isize::MAX,
    }
}
