//! The fleet view: one row per region of the profile with its counts and status, the
//! totals on top, in the collections table's style.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Row, Table, TableState};

use super::theme::Theme;
use crate::app::State;
use crate::app::fleet::{Fleet, Region, Status, Totals};
use crate::text::{age, thousands};

const NONE: &str = "—";
const SPACING: u16 = 2;
/// Below this width Users and Oldest give their room to the status, the region shows its
/// code alone and the columns close up, so `denied: rekognition:ListCollections` fits at 80.
const COMPACT_WIDTH: u16 = 100;
/// `ap-southeast-5`: the longest code.
const CODE: u16 = 14;
/// `denied: rekognition:ListCollections`.
const STATUS: u16 = 35;
const COLLECTIONS: u16 = 11;
const FACES: u16 = 11;
const USERS: u16 = 9;
/// `2y 10m`.
const OLDEST: u16 = 6;

fn right(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

fn number(n: u64, known: bool) -> Cell<'static> {
    right(if known { thousands(n) } else { NONE.into() })
}

fn status(region: &Region, theme: &Theme) -> (String, Style) {
    match &region.status {
        Status::Queued => ("queued".into(), theme.dim),
        Status::Listing => ("listing…".into(), theme.dim),
        Status::Describing => (
            format!(
                "describing {}/{}",
                thousands(region.described + region.describe_errors),
                thousands(region.collections)
            ),
            theme.dim,
        ),
        Status::Done => match &region.describe_error {
            // The counts leave out what could not be described: say so, as a failure.
            Some(why) => (
                format!("failed: {why} ({} not counted)", region.describe_errors),
                theme.error,
            ),
            None => ("ok".into(), Style::new()),
        },
        Status::NotEnabled => ("not enabled".into(), theme.dim),
        Status::Denied(action) => (format!("denied: {action}"), theme.error),
        Status::Failed(why) => (format!("failed: {why}"), theme.error),
    }
}

/// The place in a region's name, `Europe (Ireland)` → `Ireland`, so that code and place
/// fit beside the status, whose IAM action must not be cut.
fn short(name: &str) -> &str {
    match (name.find('('), name.rfind(')')) {
        (Some(open), Some(close)) if open < close => &name[open + 1..close],
        _ => name,
    }
}

fn row(region: &Region, state: &State, theme: &Theme, compact: bool) -> Row<'static> {
    // Numbers are shown once the listing answered; a failed region has none.
    let known = matches!(
        region.status,
        Status::Listing | Status::Describing | Status::Done
    ) && (region.collections > 0 || region.status != Status::Listing);
    let name = if compact {
        Line::from(region.code.clone())
    } else {
        Line::from(vec![
            Span::raw(format!("{:<CODE$}", region.code, CODE = usize::from(CODE))),
            Span::styled(format!(" {}", short(region.name.unwrap_or(""))), theme.dim),
        ])
    };
    let (text, style) = status(region, theme);
    let mut cells = vec![
        Cell::from(name),
        number(region.collections, known),
        number(region.faces, known),
    ];
    if !compact {
        cells.push(number(region.users, known));
        cells.push(right(
            region
                .oldest
                .map_or_else(|| NONE.into(), |c| age(c, state.now)),
        ));
    }
    cells.push(Cell::from(Span::styled(text, style)));
    Row::new(cells)
}

fn totals_row(t: &Totals, state: &State, theme: &Theme, compact: bool) -> Row<'static> {
    let mut cells = vec![
        Cell::from(format!("all {}/{}", t.finished, t.regions)),
        right(thousands(t.collections)),
        right(thousands(t.faces)),
    ];
    if !compact {
        cells.push(right(thousands(t.users)));
        cells.push(right(
            t.oldest.map_or_else(|| NONE.into(), |c| age(c, state.now)),
        ));
    }
    let done = if t.finished == t.regions {
        "done".to_owned()
    } else {
        format!("{} to go", t.regions - t.finished)
    };
    cells.push(Cell::from(done));
    Row::new(cells).style(theme.title)
}

fn header(compact: bool, theme: &Theme) -> Row<'static> {
    let mut cells = vec![
        Cell::from("Region"),
        right("Collections".into()),
        right("Faces".into()),
    ];
    if !compact {
        cells.push(right("Users".into()));
        cells.push(right("Oldest".into()));
    }
    cells.push(Cell::from("Status"));
    Row::new(cells).style(theme.column_header)
}

fn title(fleet: &Fleet, t: &Totals, theme: &Theme) -> Line<'static> {
    let profile = match &fleet.profile {
        Some(p) => format!("profile {p}"),
        None => "the default profile".into(),
    };
    Line::from(vec![
        Span::styled(" Fleet ", theme.title),
        Span::styled(
            format!("· {profile} · {}/{} regions done ", t.finished, t.regions),
            theme.dim,
        ),
    ])
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, fleet: &Fleet, theme: &Theme) {
    let totals = fleet.totals();
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(title(fleet, &totals, theme));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let compact = area.width < COMPACT_WIDTH;
    let widths = if compact {
        vec![
            Constraint::Length(CODE),
            Constraint::Length(COLLECTIONS),
            Constraint::Length(FACES),
            Constraint::Fill(1),
        ]
    } else {
        vec![
            Constraint::Fill(1),
            Constraint::Length(COLLECTIONS),
            Constraint::Length(FACES),
            Constraint::Length(USERS),
            Constraint::Length(OLDEST),
            Constraint::Length(STATUS),
        ]
    };
    let spacing = if compact { 1 } else { SPACING };
    // The totals stay on top however far the regions scroll: a table of their own, with
    // the same columns so they line up.
    let [top, rows] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let table = |rows: Vec<Row<'static>>| {
        Table::new(rows, widths.clone())
            .column_spacing(spacing)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always)
    };
    let top_table =
        table(vec![totals_row(&totals, state, theme, compact)]).header(header(compact, theme));
    frame.render_widget(top_table, top);
    let regions = fleet
        .regions
        .iter()
        .map(|r| row(r, state, theme, compact))
        .collect();
    let mut table_state = TableState::new().with_selected(fleet.selected);
    let list = table(regions).row_highlight_style(theme.selected);
    frame.render_stateful_widget(list, rows, &mut table_state);
}
