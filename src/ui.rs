//! Draws `&State` and nothing else: one file per widget, every style in `theme`.

pub mod ascii;
pub mod confirm;
pub mod create;
pub mod detail;
pub mod dialog;
pub mod fleet;
pub mod footer;
pub mod header;
pub mod help;
pub mod log_pane;
pub mod mask;
pub mod mfa;
pub mod picker;
pub mod progress;
pub mod table;
pub mod theme;
pub mod user_form;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use self::theme::Theme;
use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, split, too_small};
use crate::app::overlay::Overlay;
use crate::app::{Screen, State};

/// Draws the whole screen from the state and the frame's size alone.
pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    let theme = Theme::for_session(&state.session);
    if too_small(area.width, area.height) {
        draw_too_small(frame, area, &theme);
        if theme.ascii {
            ascii::fold(frame.buffer_mut(), area);
        }
        return;
    }
    let parts = split(area.height);
    let [header, table, log, footer] = Layout::vertical([
        Constraint::Length(parts.header),
        Constraint::Length(parts.table),
        Constraint::Length(parts.log),
        Constraint::Length(parts.footer),
    ])
    .areas(area);
    header::draw(frame, header, state, &theme);
    match &state.screen {
        Screen::Detail { view, .. } => detail::draw(frame, table, state, view, &theme),
        Screen::Fleet(shown) => fleet::draw(frame, table, state, shown, &theme),
        Screen::Table { .. } => table::draw(frame, table, state, &theme),
    }
    log_pane::draw(frame, log, state, &theme);
    footer::draw(frame, footer, state, &theme);
    match &state.overlay {
        Some(Overlay::Confirm(c)) => confirm::draw(frame, area, state, c, &theme),
        Some(Overlay::Create(form)) => create::draw(frame, area, state, form, &theme),
        Some(Overlay::UserForm(form)) => user_form::draw(frame, area, state, form, &theme),
        Some(Overlay::Notice(notice)) => dialog::draw_notice(frame, area, notice, &theme),
        Some(Overlay::Help(help)) => help::draw(frame, area, help, &theme),
        Some(Overlay::Mfa(prompt)) => mfa::draw(frame, area, prompt, &theme),
        Some(Overlay::Picker(picker)) => picker::draw(frame, area, state, picker, &theme),
        // The search input is drawn on the faces pane's title line.
        Some(Overlay::Filter | Overlay::Search(_)) | None => {}
    }
    if state.settings.mask {
        mask::accounts(frame.buffer_mut(), area);
    }
    if theme.ascii {
        ascii::fold(frame.buffer_mut(), area);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::from(Span::styled("Terminal too small", theme.title)),
        Line::from(format!(
            "{}x{} here, rekog needs {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from(Span::styled("q quits", theme.dim)),
    ];
    let y = area.y + area.height.saturating_sub(3) / 2;
    let rect = Rect {
        y,
        height: area.height.min(3),
        ..area
    };
    let text = Paragraph::new(lines).alignment(Alignment::Center);
    frame.render_widget(text, rect);
}

/// The part of `area` between the header and the footer, for overlays that leave them in
/// view.
fn body(area: Rect) -> Rect {
    let (first, rows) = crate::app::layout::body(area.height);
    Rect {
        y: area.y + first,
        height: rows,
        ..area
    }
}

/// A `width` x `height` rectangle in the middle of `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
