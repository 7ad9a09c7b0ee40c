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
        // Most used first: what does not fit is dropped from the end, but for help and quit.
        Mode::Table => &[
            ("j/k", "move"),
            ("Enter", "open"),
            ("/", "filter"),
            ("d", "delete"),
            ("c", "create"),
            ("y/Y", "copy"),
            ("s/S", "sort"),
            ("r", "refresh"),
            ("Tab", "log"),
            ("?", "help"),
            ("q", "quit"),
        ],
        // Managing a collection
        Mode::Detail => &[
            ("j/k", "move"),
            ("Space", "mark"),
            ("d", "delete marked"),
            ("y/Y", "copy"),
            ("r", "reload"),
            ("Esc", "back"),
            ("?", "help"),
        ],
        Mode::Dialog if state.create.is_some() => &[
            ("type", "ID / tags"),
            ("Tab", "next field"),
            ("Enter", "create"),
            ("Esc", "cancel"),
        ],
        Mode::Dialog if state.confirming_faces() => match &state.detail {
            Some(d) if d.confirm.as_ref().is_some_and(|c| c.type_id()) => &[
                ("type", "the collection ID"),
                ("Enter", "confirm"),
                ("Esc", "cancel"),
            ],
            _ => &[
                ("Tab/←/→", "choose"),
                ("Enter", "activate"),
                ("Esc", "cancel"),
            ],
        },
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
    let mut keys = keys(state).to_vec();
    let width = |keys: &[(&str, &str)]| -> usize {
        1 + keys
            .iter()
            .map(|(k, w)| k.chars().count() + w.chars().count() + 3)
            .sum::<usize>()
    };
    // The last two (help, quit) always stay; entries before them go until the rest fits.
    while width(&keys) > usize::from(area.width) && keys.len() > 2 {
        keys.remove(keys.len() - 3);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in keys {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
