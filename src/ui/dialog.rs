//! The popup every dialog is drawn in, its parts (fields, buttons, wrapped text), and the
//! notices. A popup keeps its input, its messages and its buttons on screen at any allowed
//! size; the explanation above them condenses (spacers, then details, then the tail of the
//! text) when the screen is short.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::theme::Theme;
use crate::app::overlay::Notice;
use crate::text::wrap;

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

/// A popup's lines, each with how readily it goes and the group it belongs to: the lines of
/// one wrapped field go together, so that a short screen never shows half a value.
#[derive(Default)]
pub(super) struct Lines(Vec<(Keep, usize, Line<'static>)>);

/// The width of a field's label column.
const LABEL: usize = 12;

impl Lines {
    fn next_group(&self) -> usize {
        self.0.last().map_or(0, |(_, g, _)| g + 1)
    }

    pub fn push(&mut self, keep: Keep, line: Line<'static>) {
        let group = self.next_group();
        self.0.push((keep, group, line));
    }

    pub fn extend(&mut self, keep: Keep, lines: Vec<Line<'static>>) {
        for line in lines {
            self.push(keep, line);
        }
    }

    /// `label` and `value`; a value wider than the `w` columns of text goes on under the
    /// label's indent instead of being cut off, since it is what the operator confirms.
    pub fn field(&mut self, keep: Keep, label: &str, value: String, theme: &Theme, w: usize) {
        let room = w.saturating_sub(LABEL).max(1);
        if crate::text::width(&value) <= room {
            self.push(keep, field(label, value, theme));
            return;
        }
        let group = self.next_group();
        for (i, part) in wrap(&value, room).into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            self.0.push((keep, group, field(label, part, theme)));
        }
    }

    pub fn spacer(&mut self) {
        self.push(Keep::Spacer, Line::raw(""));
    }

    /// Removes the last group of `level`; where it was, or `None` when there is none.
    fn drop_last(&mut self, level: Keep) -> Option<usize> {
        let at = self.0.iter().rposition(|(k, _, _)| *k == level)?;
        let group = self.0[at].1;
        let first = self
            .0
            .iter()
            .position(|(_, g, _)| *g == group)
            .unwrap_or(at);
        self.0.retain(|(_, g, _)| *g != group);
        Some(first)
    }

    /// The lines that fit in `room`, dropping what goes first.
    fn fit(mut self, room: usize, theme: &Theme) -> Vec<Line<'static>> {
        for level in [Keep::Spacer, Keep::Detail] {
            while self.0.len() > room {
                if self.drop_last(level).is_none() {
                    break;
                }
            }
        }
        let mut cut = None;
        while self.0.len() > room {
            match self.drop_last(Keep::Essential) {
                Some(at) => cut = Some(at),
                None => break,
            }
        }
        if let Some(at) = cut {
            // The mark replaces one more line, so the total still fits; a wrapped field's
            // line taken by it takes its whole field with it.
            let at = at.saturating_sub(1).min(self.0.len().saturating_sub(1));
            if let Some(&(Keep::Essential, group, _)) = self.0.get(at) {
                let first = self
                    .0
                    .iter()
                    .position(|(_, g, _)| *g == group)
                    .unwrap_or(at);
                self.0.retain(|(_, g, _)| *g != group);
                let mark = Line::styled("… (enlarge the terminal for the rest)", theme.dim);
                self.0.insert(first, (Keep::Essential, group, mark));
            }
        }
        self.0.into_iter().map(|(_, _, l)| l).collect()
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
        Span::styled(format!("{label:<LABEL$}"), theme.dim),
        Span::styled(value, theme.title),
    ])
}

/// How a dialog names the credentials it acts with: DEMO for the embedded emulator, else the
/// profile or the default chain; then the role a fleet row reached through them, if any.
pub(super) fn profile_shown(chain: Option<&str>, demo: bool) -> String {
    match (chain, demo) {
        (Some(chain), true) => match chain.split_once(" → ") {
            Some((_, role)) => format!("DEMO (embedded emulator) → {role}"),
            None => "DEMO (embedded emulator)".to_owned(),
        },
        (None, true) => "DEMO (embedded emulator)".to_owned(),
        (Some(p), false) => p.to_owned(),
        (None, false) => "default credentials chain".to_owned(),
    }
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
        Notice::Busy { what, to } => (
            " Not now ",
            format!(
                "rekog will not switch to {to} while {what} is in flight: its result \
                 belongs to the current context. Switch once it has finished."
            ),
        ),
        Notice::Protected { id, rule } => (
            " Protected ",
            format!(
                "{id} is protected: it matches the rule {rule:?} (from --protect or `protect` \
                 in config.toml), so rekog will not delete it or change its faces \
                 or users. Remove the rule to change them."
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line<'static>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn dialog(theme: &Theme) -> Lines {
        let mut lines = Lines::default();
        let w = 30;
        lines.field(Keep::Essential, "Collection", "faces".into(), theme, w);
        let role = "ops → arn:aws:iam::345678901234:role/OrganizationAccountAccessRole";
        lines.field(Keep::Detail, "Profile", role.into(), theme, w);
        lines.spacer();
        lines.push(Keep::Fixed, Line::raw("[ Cancel ]"));
        lines
    }

    #[test]
    fn a_long_value_wraps_under_its_label_and_goes_whole_or_not_at_all() {
        let theme = Theme::mono();
        let all = text(&dialog(&theme).fit(20, &theme));
        let joined: String = all.iter().map(|l| l.trim()).collect();
        assert!(
            joined.contains("arn:aws:iam::345678901234:role/OrganizationAccountAccessRole"),
            "{all:#?}"
        );
        assert!(all[1].starts_with("Profile     ops →"), "{all:#?}");
        assert!(all[2].starts_with("            arn:"), "{all:#?}");
        // No room for the profile's lines: all of them go, not its tail.
        let short = text(&dialog(&theme).fit(3, &theme));
        assert_eq!(short.len(), 2, "{short:#?}");
        assert!(
            short
                .iter()
                .all(|l| !l.contains("Profile") && !l.contains("arn:"))
        );
    }
}
