//! The `?` overlay: every key, by where it works.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::theme::Theme;

/// Two columns, so that every key fits on an 80x24 terminal.
const LEFT: &[(&str, &str)] = &[
    ("", "Table"),
    ("j k ↑ ↓", "move the selection"),
    ("PgUp PgDn", "move by a page"),
    ("g G Home End", "first / last row"),
    ("/", "filter by ID"),
    ("s  S", "sort column / reverse"),
    ("r", "refresh the list"),
    ("Enter", "open the detail view"),
    ("c", "create a collection…"),
    ("d  Delete", "delete the collection…"),
    ("y  Y", "copy ID / ARN (OSC 52)"),
    ("Tab", "focus the log pane"),
    ("q", "quit"),
    ("", "Log pane (after Tab)"),
    ("j k PgUp PgDn", "scroll back and forth"),
    ("g G", "oldest / newest"),
];

const RIGHT: &[(&str, &str)] = &[
    ("", "Detail view (Enter)"),
    ("j k PgUp PgDn", "move in the faces"),
    ("g G", "first / last face"),
    ("Space", "mark / unmark a face"),
    ("d  Delete", "delete marked faces…"),
    ("y  Y", "copy ID / ARN"),
    ("r", "reload"),
    ("Esc ← h q", "back to the table"),
    ("", "Dialogs"),
    ("type", "the ID when asked"),
    ("Tab ← →", "next button / field"),
    ("Enter", "activate / confirm"),
    ("Esc", "cancel"),
    ("", "Anywhere"),
    ("?", "this help"),
    ("Ctrl-C", "quit"),
];

fn line(&(key, what): &(&str, &str), theme: &Theme) -> Line<'static> {
    if key.is_empty() {
        Line::from(Span::styled(what.to_owned(), theme.title))
    } else {
        Line::from(vec![
            Span::styled(format!("  {key:<14}"), theme.key),
            Span::raw(what.to_owned()),
        ])
    }
}

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows = LEFT.len().max(RIGHT.len());
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let popup = centered(area, 78, height);
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::from(Span::styled(" ? or Esc closes ", theme.dim)).right_aligned());
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
    let column = |keys: &[(&str, &str)]| {
        Paragraph::new(keys.iter().map(|k| line(k, theme)).collect::<Vec<_>>())
    };
    frame.render_widget(column(LEFT), left);
    frame.render_widget(column(RIGHT), right);
}
