//! The detail view of one collection, drawn where the table was: four lines of facts, then
//! the faces loaded so far with their marks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::theme::Theme;
use crate::api::Face;
use crate::app::State;
use crate::app::detail::{DetailView, Load};
use crate::app::format::{count, thousands, utc_datetime};

const NONE: &str = "—";
const PENDING: &str = "…";
const UUID: u16 = 36;
const CONFIDENCE: u16 = 10;
/// ExternalImageId keeps at least this much before UserId is cut.
const MIN_EXTERNAL: u16 = 16;
const MIN_USER: u16 = 6;
/// ImageId gets a column from this width on.
const IMAGE_ID_WIDTH: u16 = 120;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(view) = &state.detail else {
        return;
    };
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(" Collection {} ", view.id),
            theme.title,
        ))
        .title_bottom(Line::from(Span::styled(" Esc back ", theme.dim)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let facts = Rect {
        height: inner.height.min(5),
        ..inner
    };
    let list = Rect {
        y: inner.y + facts.height,
        height: inner.height.saturating_sub(facts.height),
        ..inner
    };
    let width = usize::from(inner.width);
    let mut lines = fact_lines(view, theme, width);
    lines.push(faces_title(view, theme));
    frame.render_widget(Paragraph::new(lines), facts);
    draw_faces(frame, list, view, theme);
}

fn label(text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(format!("{text:<7}"), theme.dim)
}

fn loading<T>(load: &Load<T>, theme: &Theme) -> Option<Span<'static>> {
    match load {
        Load::Loading => Some(Span::styled(PENDING, theme.dim)),
        Load::Failed(why) => Some(Span::styled(format!("⚠ {why}"), theme.failed)),
        Load::Loaded(_) => None,
    }
}

/// Cuts `text` to `width` characters, marking the cut.
fn fit(text: String, width: usize) -> String {
    if text.chars().count() <= width {
        return text;
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn fact_lines(view: &DetailView, theme: &Theme, width: usize) -> Vec<Line<'static>> {
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
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ");
            Span::raw(fit(text, room))
        }
        _ => Span::raw(""),
    });
    let users = loading(&view.users, theme).unwrap_or_else(|| match &view.users {
        Load::Loaded(page) if page.users.is_empty() => Span::styled("none", theme.dim),
        Load::Loaded(page) => {
            let mut text = page
                .users
                .iter()
                .map(|u| u.user_id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            if page.next_token.is_some() {
                text = format!("(first {}) {text}", page.users.len());
            }
            Span::raw(fit(text, room))
        }
        _ => Span::raw(""),
    });
    vec![
        Line::from(vec![label("ARN", theme), arn]),
        Line::from(counts),
        Line::from(vec![label("Tags", theme), tags]),
        Line::from(vec![label("Users", theme), users]),
    ]
}

/// `Faces (25)`, or `Faces (100 of 1,284,311 loaded)` while pages remain, and the marks.
fn faces_title(view: &DetailView, theme: &Theme) -> Line<'static> {
    let loaded = view.faces.len() as u64;
    let mut text = match (view.complete(), view.total()) {
        (true, _) => format!("Faces ({})", thousands(loaded)),
        (false, Some(total)) => format!(
            "Faces ({} of {} loaded)",
            thousands(loaded),
            thousands(total)
        ),
        (false, None) => format!("Faces ({} loaded)", thousands(loaded)),
    };
    let mut spans = vec![Span::styled(std::mem::take(&mut text), theme.title)];
    if view.pending.is_some() {
        spans.push(Span::styled(" loading…", theme.dim));
    }
    if let Some(err) = &view.faces_error {
        spans.push(Span::styled(format!(" ⚠ {err}"), theme.failed));
    }
    if !view.marked.is_empty() {
        let marked = count(view.marked.len() as u64, "face", "faces");
        spans.push(Span::styled(format!(" · {marked} marked"), theme.warn));
    }
    if view.deleting > 0 {
        spans.push(Span::styled(" · deleting…", theme.deleting));
    }
    Line::from(spans)
}

/// Characters of the widest `field` among `faces`, and at least the heading's.
fn widest<'a>(
    faces: &[&'a Face],
    heading: &str,
    field: impl Fn(&'a Face) -> Option<&'a str>,
) -> u16 {
    let widest = faces
        .iter()
        .filter_map(|f| field(f))
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0)
        .max(heading.len());
    u16::try_from(widest).unwrap_or(u16::MAX)
}

fn draw_faces(frame: &mut Frame, area: Rect, view: &DetailView, theme: &Theme) {
    let wide = area.width >= IMAGE_ID_WIDTH - 2;
    let shown: Vec<&Face> = view
        .faces
        .iter()
        .skip(view.offset)
        .take(usize::from(area.height))
        .collect();
    // UserId takes the width its values need; ExternalImageId the rest, and it gives way
    // first when the two do not fit.
    let ids = if wide { 2 * UUID } else { UUID };
    let columns = if wide { 6 } else { 5 };
    let rest = area
        .width
        .saturating_sub(1 + ids + CONFIDENCE + columns - 1);
    let external = widest(&shown, "ExternalImageId", |f| {
        f.external_image_id.as_deref()
    });
    let user = widest(&shown, "UserId", |f| f.user_id.as_deref())
        .min(rest.saturating_sub(external.min(MIN_EXTERNAL)))
        .max(MIN_USER);
    let mut header = vec!["", "ExternalImageId", "FaceId"];
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(UUID),
    ];
    if wide {
        header.push("ImageId");
        widths.push(Constraint::Length(UUID));
    }
    header.extend(["UserId", "Confidence"]);
    widths.extend([Constraint::Length(user), Constraint::Length(CONFIDENCE)]);
    let header = Row::new(header.into_iter().map(|h| {
        if h == "Confidence" {
            Cell::from(Line::from(h).right_aligned())
        } else {
            Cell::from(h)
        }
    }))
    .style(theme.column_header);
    let rows = view.faces.iter().map(|f| face_row(f, view, wide, theme));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut table_state = TableState::new()
        .with_offset(view.offset)
        .with_selected((!view.faces.is_empty()).then_some(view.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
    if view.faces.is_empty() && view.complete() {
        let rect = Rect {
            y: area.y.saturating_add(1),
            height: area.height.min(1),
            ..area
        };
        frame.render_widget(Paragraph::new(Span::styled(" no faces", theme.dim)), rect);
    }
}

fn face_row<'a>(face: &'a Face, view: &DetailView, wide: bool, theme: &Theme) -> Row<'a> {
    let marked = view.marked.contains(&face.face_id);
    let text = |v: &'a Option<String>| Cell::from(v.as_deref().unwrap_or(NONE));
    let mut cells = vec![
        Cell::from(if marked { "●" } else { " " }),
        text(&face.external_image_id),
        Cell::from(face.face_id.as_str()),
    ];
    if wide {
        cells.push(text(&face.image_id));
    }
    cells.push(text(&face.user_id));
    let confidence = face
        .confidence
        .map_or_else(|| NONE.to_owned(), |c| format!("{c:.3}"));
    cells.push(Cell::from(Line::from(confidence).right_aligned()));
    let style = if marked { theme.warn } else { Style::new() };
    Row::new(cells).style(style)
}
