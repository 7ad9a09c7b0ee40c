//! The bottom line: the keys that work in the current mode, from the binding table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::State;
use crate::app::keys;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut keys = keys::footer(state);
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
