//! The top line: what rekog is pointed at and how it may act.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::State;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let session = &state.session;
    let mut spans = vec![Span::styled(
        concat!(" rekog ", env!("CARGO_PKG_VERSION"), " "),
        theme.app_name,
    )];
    let mut badge = |text: &'static str, style| {
        spans.push(Span::styled(" ", theme.header));
        spans.push(Span::styled(text, style));
    };
    if session.demo {
        badge(" DEMO ", theme.badge_demo);
    }
    if session.read_only {
        badge(" READ-ONLY ", theme.badge_read_only);
    }
    let mut field = |label: &'static str, value: String| {
        spans.push(Span::styled(format!("  {label} "), theme.label));
        spans.push(Span::styled(value, theme.header));
    };
    if let Some(profile) = session.profile.as_ref().filter(|_| !session.demo) {
        field("profile", profile.clone());
    }
    if let Some(role) = &session.role {
        // The chain: the profile's (or the demo's) credentials, then this role.
        field("via", format!("→ {role}"));
    }
    field("region", session.region.clone());
    // DEMO says where the demo's calls go.
    if let Some(endpoint) = session.endpoint.as_ref().filter(|_| !session.demo) {
        field("endpoint", endpoint.clone());
    }
    if let Some(identity) = &state.identity {
        if let Some(account) = &identity.account {
            field("account", account.clone());
        }
        if let Some(arn) = &identity.arn {
            field("caller", arn.clone());
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), area);
}
