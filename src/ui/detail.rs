//! The detail view of one collection, drawn where the table was: up to four lines of facts
//! (fewer on a short terminal, `app::detail::fact_lines`), then the lower pane: the faces
//! (or a search's results) with their marks, or the users.

mod faces;
mod users;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::State;
use crate::app::detail::{DetailView, Load, Pane};
use crate::text::thousands;
use crate::time::utc_datetime;

const NONE: &str = "—";
const PENDING: &str = "…";

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &DetailView, theme: &Theme) {
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(" Collection {} ", view.id),
            theme.title,
        ))
        .title_bottom(Line::from(Span::styled(" Esc back ", theme.dim)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let shown = crate::app::detail::fact_lines(area.height);
    let facts = Rect {
        height: inner.height.min(shown + 1),
        ..inner
    };
    let list = Rect {
        y: inner.y + facts.height,
        height: inner.height.saturating_sub(facts.height),
        ..inner
    };
    let width = usize::from(inner.width);
    let mut lines = fact_text(view, theme, width, usize::from(shown));
    lines.push(match view.pane {
        Pane::Faces => faces::title(state, view, theme, width),
        Pane::Users => users::title(view, theme),
    });
    frame.render_widget(Paragraph::new(lines), facts);
    match view.pane {
        Pane::Faces => faces::draw(frame, list, view, theme),
        Pane::Users => users::draw(frame, list, view, theme),
    }
}

fn label(text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(format!("{text:<7}"), theme.dim)
}

pub(super) fn loading<T>(load: &Load<T>, theme: &Theme) -> Option<Span<'static>> {
    match load {
        Load::Loading => Some(Span::styled(PENDING, theme.dim)),
        Load::Failed(why) => Some(Span::styled(format!("⚠ {why}"), theme.failed)),
        Load::Loaded(_) => None,
    }
}

/// Cuts `text` to `width` characters, marking the cut, before a run of digits rather than
/// inside one (`text::head`).
pub(crate) fn fit(text: String, width: usize) -> String {
    if text.chars().count() <= width {
        return text;
    }
    format!("{}…", crate::text::head(&text, width.saturating_sub(1)))
}

/// The first `shown` facts by what they are worth on a short terminal: the counts, the
/// ARN, the tags, the users; drawn in their usual order.
fn fact_text(view: &DetailView, theme: &Theme, width: usize, shown: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(7);
    let (arn, counts) = match &view.info {
        Load::Loaded(d) => {
            let number = |n: Option<u64>| n.map_or_else(|| NONE.to_owned(), thousands);
            let counts = vec![
                label("Faces", theme),
                Span::styled(number(d.face_count), theme.title),
                Span::styled("   Users ", theme.dim),
                Span::styled(number(d.user_count), theme.title),
                Span::styled("   Model ", theme.dim),
                Span::raw(d.face_model_version.clone().unwrap_or_else(|| NONE.into())),
                Span::styled("   Created ", theme.dim),
                Span::raw(d.created.map_or_else(|| NONE.into(), utc_datetime)),
                Span::styled(" UTC", theme.dim),
            ];
            let arn = d.arn.clone().unwrap_or_else(|| NONE.into());
            (Span::raw(fit(arn, room)), counts)
        }
        other => {
            let span = loading(other, theme).unwrap_or_default();
            (span.clone(), vec![label("Faces", theme), span])
        }
    };
    let tags = loading(&view.tags, theme).unwrap_or_else(|| match &view.tags {
        Load::Loaded(tags) if tags.is_empty() => Span::styled("none", theme.dim),
        Load::Loaded(tags) => {
            let text = tags
                .iter()
                .map(|(k, v)| format!("{}={}", theme.data(k), theme.data(v)))
                .collect::<Vec<_>>()
                .join(", ");
            Span::raw(fit(text, room))
        }
        _ => Span::raw(""),
    });
    let list = &view.users;
    let users = match (&list.error, list.started()) {
        (Some(why), _) if list.users.is_empty() => Span::styled(format!("⚠ {why}"), theme.failed),
        (_, false) => Span::styled(PENDING, theme.dim),
        _ if list.users.is_empty() => Span::styled("none", theme.dim),
        _ => {
            let mut text = list
                .users
                .iter()
                .map(|u| u.user_id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            if !list.complete() {
                text = format!("(first {}) {text}", list.users.len());
            }
            Span::raw(fit(text, room))
        }
    };
    let lines = [
        Line::from(vec![label("ARN", theme), arn]),
        Line::from(counts),
        Line::from(vec![label("Tags", theme), tags]),
        Line::from(vec![label("Users", theme), users]),
    ];
    // Each line's rank in what is worth keeping, in the order drawn.
    const RANK: [usize; 4] = [1, 0, 2, 3];
    lines
        .into_iter()
        .zip(RANK)
        .filter(|(_, rank)| *rank < shown)
        .map(|(line, _)| line)
        .collect()
}
