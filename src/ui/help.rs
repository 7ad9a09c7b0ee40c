//! The `?` overlay: every key, by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::theme::Theme;

const KEYS: &[(&str, &str)] = &[
    ("", "Table"),
    ("j k ↑ ↓", "move the selection"),
    ("PgUp PgDn", "move by a page"),
    ("g G Home End", "first / last row"),
    ("/", "filter by ID (Enter keeps, Esc clears)"),
    ("s  S", "next sort column / reverse the order"),
    ("r", "refresh the list"),
    ("d  Delete", "delete the selected collection…"),
    ("Tab", "switch focus between table and log"),
    ("q", "quit"),
    ("", "Log pane (after Tab)"),
    ("j k PgUp PgDn", "scroll back and forth"),
    ("g G", "oldest / newest"),
    ("", "Delete dialog"),
    ("type the ID", "required when the collection has faces"),
    ("Tab ← →", "choose a button"),
    ("Enter", "activate / confirm"),
    ("Esc", "cancel"),
    ("", "Anywhere"),
    ("?", "this help"),
    ("Ctrl-C", "quit"),
];

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(key, what)| {
            if key.is_empty() {
                Line::from(Span::styled(*what, theme.title))
            } else {
                Line::from(vec![
                    Span::styled(format!("  {key:<14}"), theme.key),
                    Span::raw(*what),
                ])
            }
        })
        .collect();
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered(area, 60, height);
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::from(Span::styled(" ? or Esc closes ", theme.dim)).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
