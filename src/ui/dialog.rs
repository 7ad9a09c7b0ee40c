//! The delete confirmation and the read-only notice.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::theme::Theme;
use crate::app::State;
use crate::app::dialog::{Button, Confirm, DeleteDialog, Dialog, Match, Notice, Phase};
use crate::app::format::{count, wrap};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(dialog) = &state.dialog else {
        return;
    };
    let width = popup_width(area);
    let text_width = usize::from(width.saturating_sub(4));
    let (title, lines) = match dialog {
        Dialog::Delete(d) => (
            " Delete collection ",
            delete_lines(state, d, theme, text_width),
        ),
        Dialog::ReadOnly { id } => (" Read-only ", read_only_lines(id, theme, text_width)),
        Dialog::Protected { id, rule } => {
            (" Protected ", protected_lines(id, rule, theme, text_width))
        }
    };
    popup(
        frame,
        area,
        width,
        (title, theme.dialog_title, theme.dialog_border),
        lines,
    );
}

/// Every dialog's width: the area less a margin, at most 72 columns.
pub(super) fn popup_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(72)
}

/// Draws `lines` in a bordered box of `width`, centred in `area`, tall enough for them; `look`
/// is the title, its style and the border's style.
pub(super) fn popup(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    look: (&str, Style, Style),
    lines: Vec<Line<'static>>,
) {
    let (title, title_style, border) = look;
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered(area, width, height);
    let block = Block::bordered()
        .border_style(border)
        .title(Span::styled(title.to_owned(), title_style));
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let padded = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), padded);
}

pub(super) fn para(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

pub(super) fn field(label: &str, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), theme.dim),
        Span::styled(value, theme.title),
    ])
}

pub(super) fn button(text: &str, focused: bool, enabled: bool, theme: &Theme) -> Span<'static> {
    let style = match (enabled, focused) {
        (false, _) => theme.button_disabled,
        (true, true) => theme.button_focused,
        (true, false) => theme.button,
    };
    Span::styled(format!("[ {text} ]"), style)
}

pub(super) fn buttons(spans: Vec<Span<'static>>) -> Line<'static> {
    let mut out = Vec::new();
    for span in spans {
        if !out.is_empty() {
            out.push(Span::raw("   "));
        }
        out.push(span);
    }
    Line::from(out).centered()
}

fn warning(d: &DeleteDialog) -> String {
    let faces = d.faces.map(|n| count(n, "face", "faces"));
    let users = d.users.map(|n| count(n, "user", "users"));
    match (faces, users) {
        (Some(f), Some(u)) if d.faces == Some(0) && d.users == Some(0) => {
            format!("The collection is empty ({f}, {u}). Deleting it cannot be undone.")
        }
        (Some(f), Some(u)) => format!(
            "All {f} and {u} in this collection will be permanently removed. \
             This cannot be undone."
        ),
        (Some(f), None) => format!(
            "All {f} and every user (how many is not known) in this collection will be \
             permanently removed. This cannot be undone."
        ),
        (None, Some(u)) => format!(
            "All faces (how many is not known) and {u} in this collection will be \
             permanently removed. This cannot be undone."
        ),
        (None, None) => "How many faces and users it holds is not known yet. All of them \
                         will be permanently removed. This cannot be undone."
            .to_owned(),
    }
}

fn delete_lines(state: &State, d: &DeleteDialog, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let session = &state.session;
    let profile = match (&session.profile, session.demo) {
        (_, true) => "DEMO (embedded emulator)".to_owned(),
        (Some(p), false) => p.clone(),
        (None, false) => "default credentials chain".to_owned(),
    };
    let mut lines = vec![
        field("Collection", d.id.clone(), theme),
        field(
            "Account",
            d.account.clone().unwrap_or_else(|| "unknown".into()),
            theme,
        ),
        field("Region", session.region.clone(), theme),
        field("Profile", profile, theme),
        Line::raw(""),
    ];
    lines.extend(para(&warning(d), theme.warning, w));
    lines.push(Line::raw(""));
    lines.extend(super::progress::lines(state, d, theme, w));
    lines.push(Line::raw(""));
    let verifying = d.phase == Phase::Verifying;
    if d.confirm == Confirm::TypeId {
        lines.push(Line::raw("Type the collection ID to confirm:"));
        let (style, status) = match d.matching() {
            Match::Empty => (theme.dim, "".to_owned()),
            Match::Partial => (
                theme.input_partial,
                format!(
                    "matches so far ({} of {} characters)",
                    d.input.chars().count(),
                    d.id.chars().count()
                ),
            ),
            Match::Mismatch => (theme.input_mismatch, "does not match".to_owned()),
            Match::Full => (theme.input_full, "✓ matches: Enter deletes".to_owned()),
        };
        lines.push(Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(d.input.clone(), style),
            Span::styled("▏", theme.key),
        ]));
        if !status.is_empty() {
            lines.push(Line::styled(status, style));
        }
    }
    let notice = match &d.notice {
        _ if verifying => Some("Checking the collection once more before deleting…".to_owned()),
        None => None,
        Some(Notice::Mismatch) => Some(format!(
            "That does not match. Type {} exactly, or press Esc to cancel.",
            d.id
        )),
        Some(Notice::Changed { was, now }) => Some(format!(
            "Not deleted: it had {} when this dialog opened and now has {}. \
             Review the new count and confirm again.",
            count(*was, "face", "faces"),
            now.map_or_else(|| "an unknown number".into(), |n| count(n, "face", "faces")),
        )),
        Some(Notice::CheckFailed(why)) => Some(format!(
            "Not deleted: the check before deleting failed ({why}). Enter retries."
        )),
    };
    if let Some(notice) = notice {
        let style = if verifying { theme.dim } else { theme.error };
        lines.extend(para(&notice, style, w));
    }
    lines.push(Line::raw(""));
    let enabled = d.delete_enabled();
    lines.push(buttons(vec![
        button("Cancel", d.focus == Button::Cancel, true, theme),
        button(
            "Delete",
            d.focus == Button::Delete && enabled,
            enabled,
            theme,
        ),
    ]));
    lines
}

fn read_only_lines(id: &str, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let text = format!(
        "rekog was started read-only (--read-only or REKOG_READ_ONLY=1), so it will not \
         delete {id} or change anything else. Restart it without read-only to delete."
    );
    let mut lines = para(&text, theme.title, w);
    lines.push(Line::raw(""));
    lines.push(buttons(vec![button("Close", true, true, theme)]));
    lines
}

fn protected_lines(id: &str, rule: &str, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let text = format!(
        "{id} is protected: it matches the rule {rule:?} (from --protect or `protect` in \
         config.toml), so rekog will not delete it. Remove the rule to delete it."
    );
    let mut lines = para(&text, theme.title, w);
    lines.push(Line::raw(""));
    lines.push(buttons(vec![button("Close", true, true, theme)]));
    lines
}
