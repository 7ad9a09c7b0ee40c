//! The application core: plain state, a pure `update`, and the key map.

pub mod msg;
pub mod session;

use msg::{Command, Msg, Timestamp};
use session::Session;

/// Placeholder until the app core lands.
pub struct State {
    quit: bool,
}

impl State {
    pub fn new(_session: Session) -> State {
        State { quit: false }
    }

    pub fn start(&mut self) -> Vec<Command> {
        Vec::new()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }
}

pub fn update(state: &mut State, msg: Msg, _now: Timestamp) -> Vec<Command> {
    if msg == Msg::Quit {
        state.quit = true;
    }
    Vec::new()
}

pub mod keymap {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};

    use super::State;
    use super::msg::Msg;

    pub fn map(_state: &State, key: KeyEvent) -> Option<Msg> {
        (key.code == KeyCode::Char('q')).then_some(Msg::Quit)
    }
}
