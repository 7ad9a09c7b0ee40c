//! The collections table: one row per collection, numbers right-aligned with thousands
//! separators, placeholders while a describe runs, and the selection kept on screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::theme::Theme;
use crate::app::collections::{Column, Detail};
use crate::app::layout::ARN_WIDTH;
use crate::app::overlay::Overlay;
use crate::app::{Focus, State};
use crate::aws::api::Collection;
use crate::text::{age, thousands};
use crate::time::utc_datetime;

const PENDING: &str = "…";
const NONE: &str = "—";
const NUMBER: u16 = 10;
const MODEL: u16 = 5;
const CREATED: u16 = 16;
const AGE: u16 = 7;
const SPACING: u16 = 2;
/// Below this width Model and Created give their room to the ID.
const NARROW_WIDTH: u16 = 80;
/// Below this width Created shows the age instead of the date, so the ID keeps its room.
const COMPACT_WIDTH: u16 = 100;

fn header(state: &State, theme: &Theme, fit: Fit) -> Row<'static> {
    let sort = state.table.sort;
    let title = |column: Column, text: &str, right: bool| {
        let mark = match (sort.column == column, sort.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        let line = Line::from(format!("{text}{mark}"));
        Cell::from(if right { line.right_aligned() } else { line })
    };
    let mut cells = vec![
        title(Column::Id, "Collection ID", false),
        title(Column::Faces, "Faces", true),
        title(Column::Users, "Users", true),
        title(Column::Model, "Model", false),
    ];
    if fit.compact {
        cells.push(title(Column::Age, "Age", false));
    } else {
        cells.push(title(Column::Created, "Created (UTC)", false));
        cells.push(title(Column::Age, "Age", true));
    }
    if fit.arn.is_some() {
        cells.push(Cell::from("ARN"));
    }
    if fit.narrow {
        cells.truncate(3);
    }
    Row::new(cells).style(theme.column_header)
}

fn number(n: Option<u64>) -> Cell<'static> {
    let text = n.map_or_else(|| NONE.to_owned(), thousands);
    Cell::from(Line::from(text).right_aligned())
}

/// The end of an ARN, which names the collection, when the whole does not fit.
fn tail(arn: &str, width: usize) -> String {
    let len = arn.chars().count();
    if len <= width {
        return arn.to_owned();
    }
    let keep = width.saturating_sub(1);
    let tail: String = arn.chars().skip(len - keep).collect();
    format!("…{tail}")
}

/// Which columns fit: `arn` is the ARN column's width when it is shown; `narrow` drops
/// Model and Created so the ID keeps room below 80 columns; `compact` shows the age in
/// Created's place below 100.
#[derive(Clone, Copy)]
struct Fit {
    arn: Option<usize>,
    narrow: bool,
    compact: bool,
}

/// Marks a protected collection's ID.
const LOCK: &str = "🔒 ";

fn row<'a>(state: &'a State, c: &'a Collection, theme: &Theme, fit: Fit) -> Row<'a> {
    let arn = fit.arn;
    let model = Cell::from(state.table.model(c).unwrap_or(NONE));
    let deleting = state.table.deleting.contains(&c.id);
    let pending = |style: Style| Cell::from(Line::from(PENDING).right_aligned().style(style));
    let mut cells = vec![match state.settings.protected_by(&c.id) {
        Some(_) => Cell::from(Line::from(vec![
            Span::styled(LOCK, theme.dim),
            Span::raw(c.id.as_str()),
        ])),
        None => Cell::from(c.id.as_str()),
    }];
    let mut style = Style::new();
    match state.table.cache.get(&c.id).map(|cached| &cached.detail) {
        Some(Detail::Loaded(d)) => {
            cells.push(number(d.face_count));
            cells.push(number(d.user_count));
            cells.push(model);
            let age = d.created.map_or_else(|| NONE.into(), |c| age(c, state.now));
            if fit.compact {
                cells.push(Cell::from(age));
            } else {
                cells.push(Cell::from(
                    d.created.map_or_else(|| NONE.into(), utc_datetime),
                ));
                cells.push(Cell::from(Line::from(age).right_aligned()));
            }
            if let Some(width) = arn {
                cells.push(Cell::from(
                    d.arn
                        .as_deref()
                        .map_or(NONE.into(), |a| tail(&state.mask(a), width)),
                ));
            }
        }
        Some(Detail::Failed(reason)) => {
            let failed = Cell::from(Line::from(NONE).right_aligned().style(theme.failed));
            cells.push(failed.clone());
            cells.push(failed);
            cells.push(model);
            cells.push(Cell::from(Span::styled(
                format!("⚠ {reason}"),
                theme.failed,
            )));
            if !fit.compact {
                cells.push(Cell::from(Line::from(NONE).right_aligned()));
            }
            if arn.is_some() {
                cells.push(Cell::from(NONE));
            }
        }
        None => {
            // Under a throttle, a row being described waits its turn, and says so.
            let waiting = state.table.paced && state.table.describing.contains_key(&c.id);
            let created = if waiting { "waiting…" } else { PENDING };
            cells.push(pending(theme.dim));
            cells.push(pending(theme.dim));
            cells.push(model);
            cells.push(Cell::from(Span::styled(created, theme.dim)));
            if !fit.compact {
                cells.push(pending(theme.dim));
            }
            if arn.is_some() {
                cells.push(Cell::from(Span::styled(PENDING, theme.dim)));
            }
        }
    }
    // A row's state goes in Created, or in Users when Created is not shown.
    let status = |text: String, style: Style| {
        let line = Line::styled(text, style);
        Cell::from(if fit.narrow {
            line.right_aligned()
        } else {
            line
        })
    };
    let slot = if fit.narrow { 2 } else { 4 };
    if deleting {
        cells[slot] = status("deleting…".into(), theme.deleting);
        style = theme.deleting;
    } else if let (true, Some(Detail::Failed(_))) = (
        fit.narrow,
        state.table.cache.get(&c.id).map(|cached| &cached.detail),
    ) {
        // The reason would not fit; the log pane has it.
        cells[slot] = status("⚠ failed".into(), theme.failed);
    }
    if fit.narrow {
        cells.truncate(3);
    }
    Row::new(cells).style(style)
}

fn title(state: &State, theme: &Theme) -> Line<'static> {
    let (shown, total) = (state.table.view.len(), state.table.rows.len());
    let (shown, total) = (thousands(shown as u64), thousands(total as u64));
    let count = if state.table.filter.is_empty() {
        format!(" Collections ({total}) ")
    } else {
        format!(" Collections ({shown}/{total}) ")
    };
    let mut spans = vec![Span::styled(count, theme.title)];
    let listing = &state.table.listing;
    if let (Some((attempt, after)), Some(err)) = (listing.retry, &listing.error) {
        spans.push(Span::styled(format!("listing failed: {err} "), theme.error));
        spans.push(Span::styled(
            format!("· retry {attempt} in {} s (Esc stops) ", after.as_secs()),
            theme.dim,
        ));
    } else if listing.loading {
        spans.push(Span::styled(
            format!("loading page {}… ", thousands(u64::from(listing.pages) + 1)),
            theme.dim,
        ));
    } else if let Some(err) = &listing.error {
        spans.push(Span::styled(format!("listing failed: {err} "), theme.error));
    }
    Line::from(spans)
}

fn filter_line(state: &State, theme: &Theme) -> Option<Line<'static>> {
    let filter = &state.table.filter;
    if state.overlay == Some(Overlay::Filter) {
        Some(Line::from(vec![
            Span::styled(" / ", theme.key),
            Span::styled(format!("{filter}▏ "), theme.title),
        ]))
    } else if !filter.is_empty() {
        Some(Line::from(vec![
            Span::styled(" filter ", theme.dim),
            Span::styled(format!("{filter} "), theme.title),
        ]))
    } else {
        None
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let focused = state.screen.focus() == Some(Focus::Table);
    let mut block = Block::bordered()
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(title(state, theme));
    if let Some(filter) = filter_line(state, theme) {
        block = block.title_top(filter.right_aligned());
    }
    let inner = block.inner(area);
    if state.table.view.is_empty() {
        let listing = &state.table.listing;
        let text = if listing.retry.is_some() {
            format!(
                "Could not list the collections in {} yet; retrying (Esc stops).",
                state.session.region
            )
        } else if listing.loading && !listing.received {
            "Loading collections…".to_owned()
        } else if !state.table.filter.is_empty() {
            format!("No collection ID contains “{}”.", state.table.filter)
        } else if listing.error.is_some() {
            // An empty table after a failed listing says nothing about the account.
            format!(
                "Could not list the collections in {}: the log says why; r retries.",
                state.session.region
            )
        } else {
            format!("No collections in {}.", state.session.region)
        };
        let y = inner.y + inner.height / 2;
        let line = Rect {
            y,
            height: 1,
            ..inner
        };
        frame.render_widget(block, area);
        let message = Paragraph::new(Span::styled(text, theme.dim));
        frame.render_widget(message.alignment(Alignment::Center), line);
        return;
    }
    // Only the rows that can be on screen are built, so 10,000 collections cost no more.
    let height = usize::from(inner.height.saturating_sub(1));
    let first = state.table.offset.min(state.table.selected);
    let first = first.max((state.table.selected + 1).saturating_sub(height));
    let shown: Vec<&Collection> = state
        .table
        .view
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take(height)
        .filter_map(|&i| state.table.rows.get(i))
        .collect();
    let mut widths = vec![
        Constraint::Fill(1),
        Constraint::Length(NUMBER),
        Constraint::Length(NUMBER),
        Constraint::Length(MODEL),
        Constraint::Length(CREATED),
        Constraint::Length(AGE),
    ];
    let narrow = area.width < NARROW_WIDTH;
    let compact = area.width < COMPACT_WIDTH;
    if narrow {
        widths.truncate(3);
    } else if compact {
        widths.truncate(5);
    }
    let arn = (area.width >= ARN_WIDTH).then(|| {
        // Highlight symbol, six gaps, the fixed columns; the ID gets what it needs up to
        // half of the rest, the ARN the remainder.
        let fixed = 2 + 6 * SPACING + 2 * NUMBER + MODEL + CREATED + AGE;
        let rest = usize::from(inner.width.saturating_sub(fixed));
        let longest = shown
            .iter()
            .map(|c| c.id.chars().count())
            .max()
            .unwrap_or(0);
        let id = longest.max(16).min(rest / 2);
        widths[0] = Constraint::Length(u16::try_from(id).unwrap_or(u16::MAX));
        let arn = rest - id;
        widths.push(Constraint::Length(u16::try_from(arn).unwrap_or(u16::MAX)));
        arn
    });
    let fit = Fit {
        arn,
        narrow,
        compact,
    };
    let rows = shown.into_iter().map(|c| row(state, c, theme, fit));
    let table = Table::new(rows, widths)
        .header(header(state, theme, fit))
        .block(block)
        .column_spacing(SPACING)
        .row_highlight_style(if focused {
            theme.selected
        } else {
            theme.selected_idle
        })
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state =
        TableState::new().with_selected(state.table.selected.saturating_sub(first));
    frame.render_stateful_widget(table, area, &mut table_state);
}
