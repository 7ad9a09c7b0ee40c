//! The `?` overlay: every binding of the binding table, by section, in three or two columns
//! where they fit, between the header and the footer, scrolled with the movement keys where
//! even that is too tall.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::Theme;
use super::{body, centered};
use crate::app::keys::{HelpLine, help_lines};
use crate::app::overlay::help::{Help, layout};

fn line(help: HelpLine, theme: &Theme) -> Line<'static> {
    match help {
        HelpLine::Section(title) => Line::from(Span::styled(title, theme.title)),
        HelpLine::Key(keys, what) => Line::from(vec![
            Span::styled(format!("  {keys:<14}"), theme.key),
            Span::raw(what),
        ]),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, help: &Help, theme: &Theme) {
    let lines = help_lines();
    let layout = layout(area.width, area.height);
    let popup = centered(body(area), layout.width, layout.height);
    let more = layout.max_scroll() > 0;
    let closes = if more {
        " j/k scroll · ? or Esc closes "
    } else {
        " ? or Esc closes "
    };
    let mut block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::from(Span::styled(closes, theme.dim)).right_aligned());
    if more {
        let shown = (help.scroll + layout.rows).min(layout.total);
        let position = format!(" {shown}/{} ", layout.total);
        block = block.title_bottom(Line::from(Span::styled(position, theme.dim)));
    }
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let constraints = vec![Constraint::Fill(1); layout.columns.len()];
    let areas = Layout::horizontal(constraints).split(inner);
    for (range, column) in layout.columns.iter().zip(areas.iter()) {
        let text: Vec<Line> = lines[range.clone()]
            .iter()
            .skip(help.scroll)
            .take(layout.rows)
            .map(|l| line(*l, theme))
            .collect();
        frame.render_widget(Paragraph::new(text), *column);
    }
}
