//! The faces pane: the faces loaded so far (or a search's results) with their marks, the
//! search input on its title line while it is open, and a running search's progress.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::{NONE, fit};
use crate::app::State;
use crate::app::detail::DetailView;
use crate::app::detail::search::{Phase, SearchInput, Searched};
use crate::app::overlay::Overlay;
use crate::aws::api::Face;
use crate::erase::search::Search;
use crate::text::{count, thousands};
use crate::ui::progress::bar;
use crate::ui::theme::Theme;

const UUID: u16 = 36;
const CONFIDENCE: u16 = 10;
/// ExternalImageId keeps at least this much before UserId is cut.
const MIN_EXTERNAL: u16 = 16;
const MIN_USER: u16 = 6;
/// ImageId gets a column from this width on.
const IMAGE_ID_WIDTH: u16 = 120;
/// Below this width the detection's confidence (nearly always 99 and more) gives its room
/// to ExternalImageId, which says which photo a face came from. A search by likeness keeps
/// its similarity: that is what its list is sorted by.
const CONFIDENCE_WIDTH: u16 = 80;

/// The pane's title line: the search input while it is open; else what the list holds,
/// the marks and what is in flight.
pub(super) fn title(
    state: &State,
    view: &DetailView,
    theme: &Theme,
    width: usize,
) -> Line<'static> {
    if let Some(Overlay::Search(input)) = &state.overlay {
        return input_line(input, theme, width);
    }
    let (mut spans, what) = match &view.search {
        None => (list_title(view, theme), None),
        Some(search) => search_title(search, theme),
    };
    if !view.marked.is_empty() {
        let marked = count(view.marked.len() as u64, "face", "faces");
        spans.push(Span::styled(format!(" · {marked} marked"), theme.warn));
    }
    // What the search looks for comes last: on a narrow screen it is what gets cut.
    spans.extend(what);
    if view.deleting > 0 {
        spans.push(Span::styled(" · deleting…", theme.deleting));
    }
    if view.changing > 0 {
        spans.push(Span::styled(" · changing users…", theme.deleting));
    }
    Line::from(spans)
}

/// `Faces (25)`, or `Faces (100 of 1,284,311 loaded)` while pages remain.
fn list_title(view: &DetailView, theme: &Theme) -> Vec<Span<'static>> {
    let loaded = view.faces.len() as u64;
    let text = match (view.complete(), view.total()) {
        (true, _) => format!("Faces ({})", thousands(loaded)),
        (false, Some(total)) => format!(
            "Faces ({} of {} loaded)",
            thousands(loaded),
            thousands(total)
        ),
        (false, None) => format!("Faces ({} loaded)", thousands(loaded)),
    };
    let mut spans = vec![Span::styled(text, theme.title)];
    if view.pending.is_some() {
        spans.push(Span::styled(" loading…", theme.dim));
    }
    if let Some(err) = &view.faces_error {
        spans.push(Span::styled(format!(" ⚠ {err}"), theme.failed));
    }
    spans
}

/// `Search: 4 matches of 18,902 faces scanned`, and apart, what it looks for; for a search
/// by likeness `Similar: 4 faces at similarity 90 or more`, then the face or the photo.
fn search_title(search: &Searched, theme: &Theme) -> (Vec<Span<'static>>, Option<Span<'static>>) {
    let what = match &search.search {
        Search::Like { face, .. } => format!("like FaceId {face}"),
        Search::Photo { path, .. } => format!("like image:{path}"),
        other => other.describe(),
    };
    let head = match search.search.threshold() {
        Some(_) => "Similar",
        None => "Search",
    };
    match &search.phase {
        Phase::Running => (
            vec![Span::styled("Searching", theme.title)],
            Some(Span::styled(format!(" {what}…"), theme.dim)),
        ),
        Phase::Done => (
            vec![Span::styled(
                format!("{head}: {}", search.summary()),
                theme.title,
            )],
            Some(Span::styled(format!(" · {what}"), theme.dim)),
        ),
        Phase::Failed(why) => (
            vec![
                Span::styled("Search failed", theme.failed),
                Span::styled(format!(" ⚠ {why}"), theme.failed),
            ],
            None,
        ),
    }
}

/// `/ lobby-0▏  → ExternalImageId containing lobby-0`, or the rule the text breaks.
fn input_line(input: &SearchInput, theme: &Theme, width: usize) -> Line<'static> {
    let mut spans = vec![
        Span::styled("/ ", theme.key),
        Span::styled(input.text.clone(), theme.title),
        Span::styled("▏ ", theme.key),
    ];
    let used = input.text.chars().count() + 4;
    let room = width.saturating_sub(used);
    let (text, style) = match (&input.error, Search::parse(&input.text)) {
        (Some(why), _) => (format!("⚠ {why}"), theme.error),
        (None, _) if input.text.trim().is_empty() => (
            "a FaceId, user:ID, image:PATH, or part of an ExternalImageId (* ? match)".to_owned(),
            theme.dim,
        ),
        (None, Ok(search)) => (format!("→ {}", search.describe()), theme.dim),
        (None, Err(_)) => (String::new(), theme.dim),
    };
    spans.push(Span::styled(fit(text, room), style));
    Line::from(spans)
}

/// A running (or failed) search where the list goes: what it looks for, a bar, the counts.
fn search_lines(search: &Searched, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let p = &search.progress;
    let what = search.search.describe();
    if let Phase::Failed(why) = &search.phase {
        return vec![
            Line::raw(""),
            Line::styled(
                fit(format!(" The search for {what} failed:"), width),
                theme.error,
            ),
            Line::styled(fit(format!(" {why}"), width), theme.error),
            Line::styled(" Esc: back to every face", theme.dim),
        ];
    }
    if search.search.threshold().is_some() {
        return vec![
            Line::raw(""),
            Line::styled(fit(format!(" Searching for {what}…"), width), theme.title),
            Line::styled(" Esc cancels", theme.dim),
        ];
    }
    let scanned = match p.total {
        Some(total) => format!(
            "{} scanned",
            crate::text::count_of(p.scanned, total, "face", "faces")
        ),
        None => format!("{} scanned", count(p.scanned, "face", "faces")),
    };
    let mut counts = format!(
        " {} · {scanned} · {}",
        count(p.pages, "page", "pages"),
        count(p.matched, "match", "matches")
    );
    if let Some(left) = search.time_left() {
        counts.push_str(&format!(" · {left}"));
    }
    let mut bar_line = vec![Span::raw(" ")];
    bar_line.extend(bar(
        p.scanned,
        p.total.unwrap_or(0),
        width.saturating_sub(2).min(50),
        theme,
    ));
    vec![
        Line::raw(""),
        Line::styled(
            fit(format!(" Searching every face for {what}…"), width),
            theme.title,
        ),
        Line::from(bar_line),
        Line::styled(fit(counts, width), theme.dim),
        Line::styled(" Esc cancels", theme.dim),
    ]
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

/// The faces list, or a search's results; while a search runs, its progress instead.
pub(super) fn draw(frame: &mut Frame, area: Rect, view: &DetailView, theme: &Theme) {
    if let Some(search) = view.search.as_ref().filter(|s| s.phase != Phase::Done) {
        let lines = search_lines(search, theme, usize::from(area.width));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let faces = view.shown();
    let cursor = view.shown_cursor();
    let wide = area.width >= IMAGE_ID_WIDTH - 2;
    // A search by likeness shows how like each face is where the confidence of its
    // detection was: that is what its list is sorted by.
    let score = match (view.search.as_ref()).filter(|s| s.search.threshold().is_some()) {
        Some(search) => Score::Similarity(&search.similarity),
        None if area.width >= CONFIDENCE_WIDTH - 2 => Score::Confidence,
        None => Score::Hidden,
    };
    let scored = score != Score::Hidden;
    let shown: Vec<&Face> = faces
        .iter()
        .skip(cursor.offset)
        .take(usize::from(area.height))
        .collect();
    // UserId takes the width its values need; ExternalImageId the rest, and it gives way
    // first when the two do not fit.
    let ids = if wide { 2 * UUID } else { UUID };
    let score_width = if scored { CONFIDENCE } else { 0 };
    let columns = 4 + u16::from(wide) + u16::from(scored);
    let rest = area
        .width
        .saturating_sub(1 + ids + score_width + columns - 1);
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
    header.push("UserId");
    widths.push(Constraint::Length(user));
    if let Some(heading) = score.heading() {
        header.push(heading);
        widths.push(Constraint::Length(CONFIDENCE));
    }
    let header = Row::new(header.into_iter().map(|h| {
        if h == "Confidence" || h == "Similarity" {
            Cell::from(Line::from(h).right_aligned())
        } else {
            Cell::from(h)
        }
    }))
    .style(theme.column_header);
    let rows = faces.iter().map(|f| face_row(f, view, wide, score, theme));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut table_state = TableState::new()
        .with_offset(cursor.offset)
        .with_selected((!faces.is_empty()).then_some(cursor.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
    let empty = match &view.search {
        Some(_) => " no face matches",
        None => " no faces",
    };
    if faces.is_empty() && (view.complete() || view.search.is_some()) {
        let rect = Rect {
            y: area.y.saturating_add(1),
            height: area.height.min(1),
            ..area
        };
        frame.render_widget(Paragraph::new(Span::styled(empty, theme.dim)), rect);
    }
}

/// What the last column of the faces shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Score<'a> {
    /// Nothing: the terminal is too narrow for it.
    Hidden,
    /// How sure the detection was.
    Confidence,
    /// How like the searched face each face is.
    Similarity(&'a BTreeMap<String, f32>),
}

impl Score<'_> {
    fn heading(self) -> Option<&'static str> {
        match self {
            Score::Hidden => None,
            Score::Confidence => Some("Confidence"),
            Score::Similarity(_) => Some("Similarity"),
        }
    }
}

fn face_row<'a>(
    face: &'a Face,
    view: &DetailView,
    wide: bool,
    score: Score<'_>,
    theme: &Theme,
) -> Row<'a> {
    let marked = view.marked.contains(&face.face_id);
    let text = |v: Option<&'a str>| Cell::from(v.unwrap_or(NONE));
    let mut cells = vec![
        Cell::from(if marked { "●" } else { " " }),
        text(face.external_image_id.as_deref()),
        Cell::from(face.face_id.as_str()),
    ];
    if wide {
        cells.push(text(face.image_id.as_deref()));
    }
    cells.push(text(face.user_id.as_deref()));
    let value = match score {
        Score::Hidden => None,
        Score::Confidence => Some(face.confidence),
        Score::Similarity(of) => Some(of.get(&face.face_id).copied()),
    };
    if let Some(value) = value {
        let shown = value.map_or_else(|| NONE.to_owned(), |c| format!("{c:.3}"));
        cells.push(Cell::from(Line::from(shown).right_aligned()));
    }
    let style = if marked { theme.warn } else { Style::new() };
    Row::new(cells).style(style)
}
