//! The create-collection dialog: the ID with the rule it breaks shown as it is typed, and
//! optional tags.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialog::{Keep, Lines, button, buttons, para, popup, popup_width, text_width};
use super::theme::Theme;
use crate::app::State;
use crate::app::overlay::create::{CreateForm, Field, id_problem, parse_tags};
use crate::ids::COLLECTION_ID;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, form: &CreateForm, theme: &Theme) {
    let width = popup_width(area);
    let lines = lines(state, form, theme, text_width(width));
    let look = (" Create collection ", theme.title, theme.border_focused);
    popup(frame, area, width, look, lines, theme);
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

fn lines(state: &State, d: &CreateForm, theme: &Theme, w: usize) -> Lines {
    let mut lines = Lines::default();
    // Where the new collection will hold faces: the account and the role chain as the
    // delete dialog shows them, since creating it in the wrong account is its own mistake.
    let place = state.context_of(None);
    let account = place.account.unwrap_or_else(|| "unknown".into());
    lines.field(Keep::Essential, "Account", account, theme, w);
    lines.field(Keep::Essential, "Region", place.region, theme, w);
    let profile = super::dialog::profile_shown(place.profile.as_deref(), state.session.demo);
    lines.field(Keep::Detail, "Profile", profile, theme, w);
    lines.spacer();
    lines.push(Keep::Fixed, Line::styled("Collection ID", theme.title));
    let id_rule = id_problem(&d.id);
    lines.push(
        Keep::Fixed,
        input(&d.id, d.field == Field::Id, id_rule.is_none(), theme, w),
    );
    match &id_rule {
        Some(rule) => lines.extend(Keep::Fixed, para(rule, theme.error, w)),
        None => lines.push(
            Keep::Fixed,
            Line::styled(
                format!(
                    "✓ {} characters of {}",
                    d.id.chars().count(),
                    COLLECTION_ID.summary()
                ),
                theme.input_full,
            ),
        ),
    }
    lines.spacer();
    lines.push(
        Keep::Fixed,
        Line::from(vec![
            Span::styled("Tags", theme.title),
            Span::styled(" (optional) key=value,key=value", theme.dim),
        ]),
    );
    let tags = parse_tags(&d.tags);
    lines.push(
        Keep::Fixed,
        input(&d.tags, d.field == Field::Tags, tags.is_ok(), theme, w),
    );
    match &tags {
        Err(rule) => lines.extend(Keep::Fixed, para(rule, theme.error, w)),
        Ok(tags) if !tags.is_empty() => {
            lines.push(
                Keep::Fixed,
                Line::styled(format!("✓ {} tags", tags.len()), theme.input_full),
            );
        }
        Ok(_) => {}
    }
    if d.sending {
        lines.push(Keep::Fixed, Line::styled("Creating…", theme.dim));
    } else if let Some(err) = &d.error {
        let why = para(&format!("Not created: {err}"), theme.error, w);
        lines.extend(Keep::Fixed, why);
    }
    lines.spacer();
    let ready = d.ready().is_some();
    lines.push(
        Keep::Fixed,
        buttons(vec![
            button("Esc Cancel", false, true, theme),
            button("Enter Create", ready, ready, theme),
        ]),
    );
    lines
}
