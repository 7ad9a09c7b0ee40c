//! The region and profile pickers: the filter typed so far, then the entries that match,
//! the current one marked `●` and the selected one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::body;
use super::dialog::{Keep, Lines, field, popup, popup_width};
use super::theme::Theme;
use crate::app::State;
use crate::app::overlay::picker::{Kind, Picker};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, picker: &Picker, theme: &Theme) {
    let width = popup_width(area);
    let title = match picker.kind {
        Kind::Region => " Switch region ",
        Kind::Profile => " Switch profile ",
    };
    // Drawn between the header and the footer; borders, the context, the input and two
    // spacers stay, and the list gets the rest.
    let body = body(area);
    let room = usize::from(body.height.saturating_sub(6)).max(1);
    let lines = lines(state, picker, theme, room);
    popup(
        frame,
        body,
        width,
        (title, theme.title, theme.border_focused),
        lines,
        theme,
    );
}

fn lines(state: &State, picker: &Picker, theme: &Theme, room: usize) -> Lines {
    let mut lines = Lines::default();
    let now = state.session.context().describe();
    lines.push(Keep::Detail, field("Now on", now, theme));
    lines.spacer();
    lines.push(
        Keep::Fixed,
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(theme.data(&picker.filter).into_owned(), theme.input_full),
            Span::styled("▏", theme.key),
        ]),
    );
    lines.spacer();
    let shown = picker.shown();
    if shown.is_empty() {
        lines.push(Keep::Fixed, Line::styled("nothing matches", theme.dim));
        return lines;
    }
    // A list longer than the room gives up one row to say how many more there are.
    let room = if shown.len() > room {
        room.saturating_sub(1).max(1)
    } else {
        room
    };
    // The window of entries keeps the selection in view.
    let first = picker.selected.saturating_sub(room.saturating_sub(1));
    let width = shown
        .iter()
        .map(|i| theme.data(&i.value).chars().count())
        .max()
        .unwrap_or(0);
    for (at, item) in shown.iter().enumerate().skip(first).take(room) {
        let mark = if item.current { "● " } else { "  " };
        let value = theme.data(&item.value);
        let text = format!("{mark}{value:<width$}  {}", theme.data(&item.label));
        let style = if at == picker.selected {
            theme.selected
        } else {
            theme.title
        };
        lines.push(Keep::Fixed, Line::styled(text, style));
    }
    if first + room < shown.len() {
        let more = shown.len() - first - room;
        lines.push(
            Keep::Fixed,
            Line::styled(format!("… {more} more"), theme.dim),
        );
    }
    lines
}
