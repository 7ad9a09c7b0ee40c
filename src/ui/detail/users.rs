//! The users pane: the users loaded so far with their status, paged as the operator
//! scrolls.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::NONE;
use crate::app::detail::DetailView;
use crate::text::thousands;
use crate::ui::theme::Theme;

/// `Users (12)`, or `Users (100 loaded)` while pages remain.
pub(super) fn title(view: &DetailView, theme: &Theme) -> Line<'static> {
    let list = &view.users;
    let loaded = thousands(list.users.len() as u64);
    let text = if list.complete() {
        format!("Users ({loaded})")
    } else {
        format!("Users ({loaded} loaded)")
    };
    let mut spans = vec![Span::styled(text, theme.title)];
    if list.pending.is_some() {
        spans.push(Span::styled(" loading…", theme.dim));
    }
    if let Some(err) = &list.error {
        spans.push(Span::styled(format!(" ⚠ {err}"), theme.failed));
    }
    if view.changing > 0 {
        spans.push(Span::styled(" · changing users…", theme.deleting));
    }
    Line::from(spans)
}

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &DetailView, theme: &Theme) {
    let list = &view.users;
    let header = Row::new(["UserId", "Status"]).style(theme.column_header);
    let rows = list.users.iter().map(|u| {
        Row::new([
            Cell::from(u.user_id.as_str()),
            Cell::from(u.status.as_deref().unwrap_or(NONE)),
        ])
    });
    let widths = [Constraint::Fill(1), Constraint::Length(10)];
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut table_state = TableState::new()
        .with_offset(list.cursor.offset)
        .with_selected((!list.users.is_empty()).then_some(list.cursor.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
    if list.users.is_empty() && list.complete() {
        let rect = Rect {
            y: area.y.saturating_add(1),
            height: area.height.min(1),
            ..area
        };
        let text = " no users; c creates one";
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), rect);
    }
}
