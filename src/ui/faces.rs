//! The DeleteFaces confirmation: how many faces, from which collection, where; typing the
//! collection ID when more than ten are marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialog::{button, buttons, field, para, popup, popup_width};
use super::theme::Theme;
use crate::app::State;
use crate::app::dialog::{Button, Match};
use crate::app::faces::FacesConfirm;
use crate::app::format::count;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(confirm) = state.detail.as_ref().and_then(|d| d.confirm.as_ref()) else {
        return;
    };
    let width = popup_width(area);
    let lines = lines(state, confirm, theme, usize::from(width.saturating_sub(4)));
    popup(
        frame,
        area,
        width,
        (" Delete faces ", theme.dialog_title, theme.dialog_border),
        lines,
    );
}

fn lines(state: &State, c: &FacesConfirm, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let session = &state.session;
    let n = count(c.face_ids.len() as u64, "face", "faces");
    let mut lines = vec![
        field("Collection", c.id.clone(), theme),
        field(
            "Account",
            state.account().unwrap_or_else(|| "unknown".into()),
            theme,
        ),
        field("Region", session.region.clone(), theme),
        Line::raw(""),
    ];
    let warning = format!(
        "{n} will be permanently deleted from {}. A deleted face can only come back by \
         indexing its image again. This cannot be undone.",
        c.id
    );
    lines.extend(para(&warning, theme.warning, w));
    lines.push(Line::raw(""));
    if c.type_id() {
        lines.push(Line::raw(
            "More than 10 faces: type the collection ID to confirm:",
        ));
        let style = match c.matching() {
            Match::Empty => theme.dim,
            Match::Partial => theme.input_partial,
            Match::Mismatch => theme.input_mismatch,
            Match::Full => theme.input_full,
        };
        lines.push(Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(c.input.clone(), style),
            Span::styled("▏", theme.key),
        ]));
        if c.matching() == Match::Full {
            lines.push(Line::styled("✓ matches: Enter deletes", style));
        }
    }
    if c.mismatch {
        let text = format!(
            "That does not match. Type {} exactly, or press Esc to cancel.",
            c.id
        );
        lines.extend(para(&text, theme.error, w));
    }
    lines.push(Line::raw(""));
    let enabled = c.delete_enabled();
    lines.push(buttons(vec![
        button("Cancel", c.focus == Button::Cancel, true, theme),
        button(
            &format!("Delete {n}"),
            c.focus == Button::Delete && enabled,
            enabled,
            theme,
        ),
    ]));
    lines
}
