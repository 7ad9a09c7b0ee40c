//! The MFA code dialog of a switch: the profile and role it is for, the code as •, and what
//! was wrong with the last one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialog::{Keep, Lines, field, para, popup, popup_width, text_width};
use super::theme::Theme;
use crate::app::overlay::mfa::MfaPrompt;

pub fn draw(frame: &mut Frame, area: Rect, prompt: &MfaPrompt, theme: &Theme) {
    let width = popup_width(area);
    let w = text_width(width);
    let mut lines = Lines::default();
    let profile = prompt.context.profile.clone().unwrap_or_default();
    lines.field(Keep::Essential, "Profile", profile, theme, w);
    lines.push(
        Keep::Essential,
        field("Region", prompt.context.region.clone(), theme),
    );
    lines.spacer();
    let text = "Its role needs a code from the MFA device (6 digits).";
    lines.extend(Keep::Essential, para(text, theme.title, w));
    lines.push(
        Keep::Fixed,
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(prompt.hidden(), theme.input_full),
            Span::styled("▏", theme.key),
        ]),
    );
    if let Some(why) = &prompt.why {
        lines.extend(Keep::Fixed, para(why, theme.error, w));
    }
    let look = (" MFA code ", theme.title, theme.border_focused);
    popup(frame, area, width, look, lines, theme);
}
