//! The create-collection dialog: the ID with the rule it breaks shown as it is typed, and
//! optional tags.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialog::{button, buttons, field, para, popup, popup_width};
use super::theme::Theme;
use crate::app::State;
use crate::app::create::{CreateDialog, Field, id_problem, parse_tags};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(dialog) = &state.create else {
        return;
    };
    let width = popup_width(area);
    let lines = lines(state, dialog, theme, usize::from(width.saturating_sub(4)));
    popup(
        frame,
        area,
        width,
        (" Create collection ", theme.title, theme.border_focused),
        lines,
    );
}

/// The input line, showing the end of a value too long for the box.
fn input(text: &str, focused: bool, ok: bool, theme: &Theme, w: usize) -> Line<'static> {
    let room = w.saturating_sub(3);
    let len = text.chars().count();
    let shown: String = text.chars().skip(len.saturating_sub(room)).collect();
    let style = match (ok, text.is_empty()) {
        (_, true) => theme.dim,
        (true, false) => theme.input_full,
        (false, false) => theme.input_mismatch,
    };
    let mut spans = vec![
        Span::styled(if focused { "> " } else { "  " }, theme.key),
        Span::styled(shown, style),
    ];
    if focused {
        spans.push(Span::styled("▏", theme.key));
    }
    Line::from(spans)
}

fn lines(state: &State, d: &CreateDialog, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut lines = vec![
        field("Region", state.session.region.clone(), theme),
        Line::raw(""),
        Line::styled("Collection ID", theme.title),
    ];
    let id_rule = id_problem(&d.id);
    lines.push(input(
        &d.id,
        d.field == Field::Id,
        id_rule.is_none(),
        theme,
        w,
    ));
    match &id_rule {
        Some(rule) => lines.extend(para(rule, theme.error, w)),
        None => lines.push(Line::styled(
            format!("✓ {} characters of a-z A-Z 0-9 _ . -", d.id.chars().count()),
            theme.input_full,
        )),
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Tags", theme.title),
        Span::styled(" (optional) key=value,key=value", theme.dim),
    ]));
    let tags = parse_tags(&d.tags);
    lines.push(input(
        &d.tags,
        d.field == Field::Tags,
        tags.is_ok(),
        theme,
        w,
    ));
    match &tags {
        Err(rule) => lines.extend(para(rule, theme.error, w)),
        Ok(tags) if !tags.is_empty() => {
            lines.push(Line::styled(
                format!("✓ {} tags", tags.len()),
                theme.input_full,
            ));
        }
        Ok(_) => {}
    }
    if d.sending {
        lines.push(Line::styled("Creating…", theme.dim));
    } else if let Some(err) = &d.error {
        lines.extend(para(&format!("Not created: {err}"), theme.error, w));
    }
    lines.push(Line::raw(""));
    let ready = d.problem().is_none() && !d.sending;
    lines.push(buttons(vec![
        button("Esc Cancel", false, true, theme),
        button("Enter Create", ready, ready, theme),
    ]));
    lines
}
