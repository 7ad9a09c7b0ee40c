//! The overlays that ask or tell: the typed-ID confirmation (a collection or faces) and
//! the notices, with the popup every dialog is drawn in. A popup keeps its input, its
//! messages and its buttons on screen at any allowed size; the explanation above them
//! condenses (spacers, then details, then the tail of the text) when the screen is short.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::theme::Theme;
use crate::app::State;
use crate::app::format::{count, wrap};
use crate::app::overlay::Notice;
use crate::app::overlay::confirm::{Action, Button, Confirm, Match, Phase, Why};

/// How readily a line goes when the popup is taller than the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Blank lines between parts: the first to go.
    Spacer,
    /// Helpful but not needed to decide (the profile, the manifest's progress bar).
    Detail,
    /// The facts and the warning: cut from the end only as a last resort, marked `…`.
    Essential,
    /// Input, messages and buttons: always shown.
    Fixed,
}

/// A popup's lines, each with how readily it goes.
#[derive(Default)]
pub(super) struct Lines(Vec<(Keep, Line<'static>)>);

impl Lines {
    pub fn push(&mut self, keep: Keep, line: Line<'static>) {
        self.0.push((keep, line));
    }

    pub fn extend(&mut self, keep: Keep, lines: Vec<Line<'static>>) {
        self.0.extend(lines.into_iter().map(|l| (keep, l)));
    }

    pub fn spacer(&mut self) {
        self.push(Keep::Spacer, Line::raw(""));
    }

    /// The lines that fit in `room`, dropping what goes first.
    fn fit(mut self, room: usize, theme: &Theme) -> Vec<Line<'static>> {
        for level in [Keep::Spacer, Keep::Detail] {
            while self.0.len() > room {
                match self.0.iter().rposition(|(k, _)| *k == level) {
                    Some(at) => drop(self.0.remove(at)),
                    None => break,
                }
            }
        }
        let mut cut = None;
        while self.0.len() > room {
            match self.0.iter().rposition(|(k, _)| *k == Keep::Essential) {
                Some(at) => {
                    self.0.remove(at);
                    cut = Some(at);
                }
                None => break,
            }
        }
        if let Some(at) = cut {
            // The mark replaces one more line, so the total still fits.
            let at = at.saturating_sub(1).min(self.0.len().saturating_sub(1));
            if let Some(line) = self.0.get_mut(at).filter(|(k, _)| *k == Keep::Essential) {
                line.1 = Line::styled("… (enlarge the terminal for the rest)", theme.dim);
            }
        }
        self.0.into_iter().map(|(_, l)| l).collect()
    }
}

/// Every dialog's width: the area less a margin, at most 72 columns.
pub(super) fn popup_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(72)
}

/// Draws `lines` in a bordered box of `width`, centred in `area`, as tall as they need or
/// as the screen allows; `look` is the title, its style and the border's style.
pub(super) fn popup(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    look: (&str, Style, Style),
    lines: Lines,
    theme: &Theme,
) {
    let (title, title_style, border) = look;
    let lines = lines.fit(usize::from(area.height.saturating_sub(2)), theme);
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

/// The text width inside a popup of `width`.
pub(super) fn text_width(width: u16) -> usize {
    usize::from(width.saturating_sub(4))
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

pub fn draw_confirm(frame: &mut Frame, area: Rect, state: &State, c: &Confirm, theme: &Theme) {
    let width = popup_width(area);
    let w = text_width(width);
    let title = match c.action {
        Action::DeleteCollection { .. } => " Delete collection ",
        Action::DeleteFaces { .. } => " Delete faces ",
    };
    let lines = confirm_lines(state, c, theme, w);
    let look = (title, theme.dialog_title, theme.dialog_border);
    popup(frame, area, width, look, lines, theme);
}

fn collection_warning(faces: Option<u64>, users: Option<u64>) -> String {
    let f = faces.map(|n| count(n, "face", "faces"));
    let u = users.map(|n| count(n, "user", "users"));
    match (f, u) {
        (Some(f), Some(u)) if faces == Some(0) && users == Some(0) => {
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

fn confirm_lines(state: &State, c: &Confirm, theme: &Theme, w: usize) -> Lines {
    let session = &state.session;
    let mut lines = Lines::default();
    let account = c.context.account.clone();
    lines.push(Keep::Essential, field("Collection", c.id.clone(), theme));
    lines.push(
        Keep::Essential,
        field(
            "Account",
            account.unwrap_or_else(|| "unknown".into()),
            theme,
        ),
    );
    lines.push(
        Keep::Essential,
        field("Region", c.context.region.clone(), theme),
    );
    let faces_label = match &c.action {
        Action::DeleteCollection { faces, users, .. } => {
            let profile = match (&c.context.profile, session.demo) {
                (_, true) => "DEMO (embedded emulator)".to_owned(),
                (Some(p), false) => p.clone(),
                (None, false) => "default credentials chain".to_owned(),
            };
            lines.push(Keep::Detail, field("Profile", profile, theme));
            lines.spacer();
            lines.extend(
                Keep::Essential,
                para(&collection_warning(*faces, *users), theme.warning, w),
            );
            lines.spacer();
            for (keep, line) in super::progress::lines(state, c, theme, w) {
                lines.push(keep, line);
            }
            None
        }
        Action::DeleteFaces { face_ids } => {
            let n = count(face_ids.len() as u64, "face", "faces");
            lines.spacer();
            let warning = format!(
                "{n} will be permanently deleted from {}. A deleted face can only come back by \
                 indexing its image again. This cannot be undone.",
                c.id
            );
            lines.extend(Keep::Essential, para(&warning, theme.warning, w));
            Some(n)
        }
    };
    lines.spacer();
    if c.typing {
        typed_id(&mut lines, c, faces_label.is_some(), theme, w);
    }
    let notice = match &c.notice {
        _ if c.phase == Phase::Verifying => {
            Some("Checking the collection once more before deleting…".to_owned())
        }
        None => None,
        Some(Why::Mismatch) => Some(format!(
            "That does not match. Type {} exactly, or press Esc to cancel.",
            c.id
        )),
        Some(Why::Changed { was, now }) => Some(format!(
            "Not deleted: it had {} when this dialog opened and now has {}. \
             Review the new count and confirm again.",
            count(*was, "face", "faces"),
            now.map_or_else(|| "an unknown number".into(), |n| count(n, "face", "faces")),
        )),
        Some(Why::CheckFailed(why)) => Some(format!(
            "Not deleted: the check before deleting failed ({why}). Enter retries."
        )),
    };
    if let Some(notice) = notice {
        let style = if c.phase == Phase::Verifying {
            theme.dim
        } else {
            theme.error
        };
        lines.extend(Keep::Fixed, para(&notice, style, w));
    }
    lines.spacer();
    let enabled = c.delete_enabled();
    let delete = match faces_label {
        Some(n) => format!("Delete {n}"),
        None => "Delete".to_owned(),
    };
    lines.push(
        Keep::Fixed,
        buttons(vec![
            button("Cancel", c.focus == Button::Cancel, true, theme),
            button(
                &delete,
                c.focus == Button::Delete && enabled,
                enabled,
                theme,
            ),
        ]),
    );
    lines
}

/// The prompt, the input showing how it matches, and what the match means.
fn typed_id(lines: &mut Lines, c: &Confirm, faces: bool, theme: &Theme, w: usize) {
    let prompt = if faces {
        "More than 10 faces: type the collection ID to confirm:"
    } else {
        "Type the collection ID to confirm:"
    };
    lines.extend(Keep::Fixed, para(prompt, ratatui::style::Style::new(), w));
    let (style, status) = match c.matching() {
        Match::Empty => (theme.dim, String::new()),
        Match::Partial if !faces => (
            theme.input_partial,
            format!(
                "matches so far ({} of {} characters)",
                c.input.chars().count(),
                c.id.chars().count()
            ),
        ),
        Match::Partial => (theme.input_partial, String::new()),
        Match::Mismatch if !faces => (theme.input_mismatch, "does not match".to_owned()),
        Match::Mismatch => (theme.input_mismatch, String::new()),
        Match::Full => (theme.input_full, "✓ matches: Enter deletes".to_owned()),
    };
    lines.push(
        Keep::Fixed,
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(c.input.clone(), style),
            Span::styled("▏", theme.key),
        ]),
    );
    if !status.is_empty() {
        lines.push(Keep::Fixed, Line::styled(status, style));
    }
}

pub fn draw_notice(frame: &mut Frame, area: Rect, notice: &Notice, theme: &Theme) {
    let width = popup_width(area);
    let w = text_width(width);
    let (title, text) = match notice {
        Notice::ReadOnly { what, verb } => (
            " Read-only ",
            format!(
                "rekog was started read-only (--read-only or REKOG_READ_ONLY=1), so it will \
                 not {what} or change anything else. Restart it without read-only to {verb}."
            ),
        ),
        Notice::Protected { id, rule } => (
            " Protected ",
            format!(
                "{id} is protected: it matches the rule {rule:?} (from --protect or `protect` \
                 in config.toml), so rekog will not delete it or any of its faces. Remove the rule to \
                 delete them."
            ),
        ),
    };
    let mut lines = Lines::default();
    lines.extend(Keep::Essential, para(&text, theme.title, w));
    lines.spacer();
    lines.push(
        Keep::Fixed,
        buttons(vec![button("Close", true, true, theme)]),
    );
    let look = (title, theme.dialog_title, theme.dialog_border);
    popup(frame, area, width, look, lines, theme);
}
