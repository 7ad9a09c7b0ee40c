//! The bottom line: the keys that work in the current mode.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::dialog::{Confirm, Dialog, Phase};
use crate::app::{Mode, State};

fn keys(state: &State) -> &'static [(&'static str, &'static str)] {
    match state.mode() {
        Mode::TooSmall => &[("q", "quit")],
        Mode::Help => &[("?/Esc", "close help")],
        Mode::Filter => &[
            ("type", "filter"),
            ("Enter", "keep"),
            ("Esc", "clear"),
            ("↑/↓", "move"),
        ],
        Mode::Log => &[
            ("j/k", "scroll"),
            ("PgUp/PgDn", "page"),
            ("g/G", "oldest/newest"),
            ("Tab", "table"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Table => &[
            ("j/k", "move"),
            ("/", "filter"),
            ("s/S", "sort"),
            ("r", "refresh"),
            ("d", "delete"),
            ("Tab", "log"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Dialog => match &state.dialog {
            Some(Dialog::Delete(d)) if d.phase == Phase::Verifying => &[("Esc", "cancel")],
            Some(Dialog::Delete(d)) if d.confirm == Confirm::TypeId => &[
                ("type", "the collection ID"),
                ("Enter", "confirm"),
                ("Esc", "cancel"),
            ],
            Some(Dialog::Delete(_)) => &[
                ("Tab/←/→", "choose"),
                ("Enter", "activate"),
                ("Esc", "cancel"),
            ],
            _ => &[("Enter/Esc", "close")],
        },
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in keys(state) {
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
