//! The log pane: newest at the bottom, wrapped, scrolled back when the operator asks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::log::{Level, LineKind, STAMP};
use crate::app::{Focus, State};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let focused = state.screen.focus() == Some(Focus::Log);
    let mut title = vec![Span::styled(" Log ", theme.title)];
    if state.log.scroll > 0 {
        title.push(Span::styled(
            format!("· {} newer lines below, G follows ", state.log.scroll),
            theme.dim,
        ));
    }
    let block = Block::bordered()
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Line::from(title));
    let inner = block.inner(area);
    let (width, rows) = (usize::from(inner.width), usize::from(inner.height));
    // Walk back from the newest entry only as far as the pane can show.
    let want = rows + state.log.scroll;
    let mut lines: Vec<Line> = Vec::with_capacity(want);
    for entry in state.log.entries.iter().rev() {
        let style = match entry.level {
            Level::Info => theme.info,
            Level::Warn => theme.warn,
            Level::Error => theme.error,
        };
        let mut wrapped: Vec<Line> = entry
            .lines(width)
            .into_iter()
            .map(|(kind, text)| match kind {
                LineKind::First => {
                    let split = text
                        .char_indices()
                        .nth(STAMP)
                        .map_or(text.len(), |(i, _)| i);
                    let (stamp, rest) = text.split_at(split);
                    Line::from(vec![
                        Span::styled(stamp.to_owned(), theme.stamp),
                        Span::styled(rest.to_owned(), style),
                    ])
                }
                LineKind::Continued => Line::styled(text, style),
                LineKind::Hint => Line::styled(text, theme.hint),
            })
            .collect();
        wrapped.reverse();
        lines.extend(wrapped);
        if lines.len() >= want {
            break;
        }
    }
    lines.reverse();
    // `lines` ends `scroll` lines below the pane's bottom; drop those, keep the last `rows`.
    let end = lines.len().saturating_sub(state.log.scroll);
    let start = end.saturating_sub(rows);
    let shown: Vec<Line> = lines.drain(start..end).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
