//! The UserId form: to create a user, or to associate the marked faces with one. The ID
//! is checked as it is typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialog::{Keep, Lines, button, buttons, field, para, popup, popup_width, text_width};
use super::theme::Theme;
use crate::app::State;
use crate::app::overlay::user_form::{Purpose, UserForm};
use crate::ids::USER_ID;
use crate::text::count;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, form: &UserForm, theme: &Theme) {
    let width = popup_width(area);
    let lines = lines(state, form, theme, text_width(width));
    let title = match form.purpose {
        Purpose::Create => " Create user ",
        Purpose::Associate { .. } => " Associate faces ",
    };
    popup(
        frame,
        area,
        width,
        (title, theme.title, theme.border_focused),
        lines,
        theme,
    );
}

fn lines(state: &State, form: &UserForm, theme: &Theme, w: usize) -> Lines {
    let mut lines = Lines::default();
    lines.field(Keep::Essential, "Collection", form.id.to_string(), theme, w);
    lines.push(
        Keep::Essential,
        field("Region", state.session.region.clone(), theme),
    );
    let action = match &form.purpose {
        Purpose::Create => "Create",
        Purpose::Associate { face_ids } => {
            let n = count(face_ids.len() as u64, "face", "faces");
            lines.spacer();
            let text = format!(
                "{n} will be associated with the user named below, which must exist. A face \
                 that already belongs to another user is refused, and the log says so."
            );
            lines.extend(Keep::Essential, para(&text, theme.title, w));
            "Associate"
        }
    };
    lines.spacer();
    lines.push(Keep::Fixed, Line::styled("UserId", theme.title));
    let problem = form.problem();
    let room = w.saturating_sub(3);
    let len = form.input.chars().count();
    let shown: String = form.input.chars().skip(len.saturating_sub(room)).collect();
    let style = match (&problem, form.input.is_empty()) {
        (_, true) => theme.dim,
        (None, false) => theme.input_full,
        (Some(_), false) => theme.input_mismatch,
    };
    lines.push(
        Keep::Fixed,
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(shown, style),
            Span::styled("▏", theme.key),
        ]),
    );
    match &problem {
        Some(rule) => lines.extend(Keep::Fixed, para(rule, theme.error, w)),
        None => lines.push(
            Keep::Fixed,
            Line::styled(
                format!("✓ {len} characters of {}", USER_ID.summary()),
                theme.input_full,
            ),
        ),
    }
    if form.sending {
        lines.push(Keep::Fixed, Line::styled("Creating…", theme.dim));
    } else if let Some(err) = &form.error {
        let why = para(&format!("Not created: {err}"), theme.error, w);
        lines.extend(Keep::Fixed, why);
    }
    lines.spacer();
    let ready = form.ready().is_some();
    lines.push(
        Keep::Fixed,
        buttons(vec![
            button("Esc Cancel", false, true, theme),
            button(&format!("Enter {action}"), ready, ready, theme),
        ]),
    );
    lines
}
