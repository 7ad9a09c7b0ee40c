//! Drawing (placeholder until the widgets land).

use crate::app::State;

pub fn draw(_frame: &mut ratatui::Frame, _state: &State) {}
