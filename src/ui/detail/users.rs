//! The users pane: the users loaded so far with their status, paged as the operator
//! scrolls, or the users like one (`s`) with their similarity.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::{NONE, fit};
use crate::app::detail::DetailView;
use crate::app::detail::search::Phase;
use crate::app::detail::user_like::UsersLike;
use crate::text::thousands;
use crate::ui::theme::Theme;

/// `Users (12)`, or `Users (100 loaded)` while pages remain; `Similar: 2 users at
/// similarity 90 or more · like U` for the users like one.
pub(super) fn title(view: &DetailView, theme: &Theme) -> Line<'static> {
    let list = &view.users;
    if let Some(like) = &list.like {
        let mut spans = match &like.phase {
            Phase::Running => vec![Span::styled("Searching", theme.title)],
            Phase::Done => vec![Span::styled(
                format!("Similar: {}", like.summary()),
                theme.title,
            )],
            Phase::Failed(why) => vec![
                Span::styled("Search failed", theme.failed),
                Span::styled(format!(" ⚠ {why}"), theme.failed),
            ],
        };
        spans.push(Span::styled(
            format!(" · like user {}", like.user),
            theme.dim,
        ));
        return Line::from(spans);
    }
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
    if let Some(like) = &view.users.like {
        return draw_like(frame, area, like, theme);
    }
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

/// The users like one, most similar first; while the search runs, or once it failed, a
/// line saying so.
fn draw_like(frame: &mut Frame, area: Rect, like: &UsersLike, theme: &Theme) {
    let note = match &like.phase {
        Phase::Running => Some((
            format!(
                " Searching for users like {} at similarity {} or more… (Esc: every user)",
                like.user, like.threshold
            ),
            theme.dim,
        )),
        Phase::Failed(why) => Some((format!(" {why} (Esc: every user)"), theme.error)),
        Phase::Done if like.matches.is_empty() => Some((
            format!(
                " no other user at similarity {} or more; - lowers the threshold",
                like.threshold
            ),
            theme.dim,
        )),
        Phase::Done => None,
    };
    if let Some((text, style)) = note {
        let rect = Rect {
            y: area.y.saturating_add(1),
            height: area.height.min(1),
            ..area
        };
        let text = fit(text, usize::from(area.width));
        frame.render_widget(Paragraph::new(Span::styled(text, style)), rect);
        return;
    }
    let header = Row::new([
        Cell::from("UserId"),
        Cell::from("Status"),
        Cell::from(Line::from("Similarity").right_aligned()),
    ])
    .style(theme.column_header);
    let rows = like.matches.iter().map(|m| {
        Row::new([
            Cell::from(m.user.user_id.as_str()),
            Cell::from(m.user.status.as_deref().unwrap_or(NONE)),
            Cell::from(Line::from(format!("{:.3}", m.similarity)).right_aligned()),
        ])
    });
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(10),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut table_state = TableState::new()
        .with_offset(like.cursor.offset)
        .with_selected(Some(like.cursor.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}
