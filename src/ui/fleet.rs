//! The fleet view: one row per region of the profile with its counts and status, the
//! totals on top, in the collections table's style; with several accounts, the regions
//! grouped under a line per account (its ID, name and profiles, or why it was not reached).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Row, Table, TableState};

use super::theme::Theme;
use crate::app::State;
use crate::app::fleet::{Account, Fleet, MFA_NEEDED, Region, Scope, Status, Totals};
use crate::text::{age, count, thousands};

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
    let what = match &fleet.scope {
        Scope::Profile => match &fleet.profile {
            Some(p) => format!("profile {p}"),
            None => "the default profile".into(),
        },
        Scope::Profiles(names) => count(names.len() as u64, "profile", "profiles"),
        Scope::Org(_) => "organization".into(),
    };
    let progress = if fleet.wide() {
        let reached = fleet
            .accounts
            .iter()
            .filter(|a| a.unreached.is_none())
            .count();
        let reached = count(reached as u64, "account", "accounts");
        format!("{reached} · {}/{} done", t.finished, t.regions)
    } else {
        format!("{}/{} regions done", t.finished, t.regions)
    };
    Line::from(vec![
        Span::styled(" Fleet ", theme.title),
        Span::styled(format!("· {what} · {progress} "), theme.dim),
    ])
}

/// An account's line above its regions: its ID and name, the profiles that reach it, and
/// why it was not reached.
fn account_row(account: &Account, theme: &Theme, compact: bool, room: usize) -> Row<'static> {
    let mut label = match (&account.id, &account.name) {
        (Some(id), Some(name)) => format!("{id} {name}"),
        (Some(id), None) => id.clone(),
        (None, _) => String::new(),
    };
    if !account.profiles.is_empty() && account.via.role.is_none() {
        if !label.is_empty() {
            label.push_str(" · ");
        }
        label.push_str(&account.profiles.join(", "));
    }
    let (text, style) = match &account.unreached {
        // The command to run goes in the status column, where it has the room.
        Some(why) => match why.split_once(": aws ") {
            Some((what, command)) => {
                label.push_str(&format!(" · {what}"));
                (format!("aws {command}"), theme.error)
            }
            // The code is typed in rekog: say where.
            None if why == MFA_NEEDED => (format!("{why}: Enter to type it"), theme.error),
            None => (why.clone(), theme.error),
        },
        None => (String::new(), Style::new()),
    };
    let empty = if compact { 2 } else { 4 };
    if compact || label.chars().count() > room {
        // The first column fits the ID alone; the rest goes where the status has room.
        let (id, rest) = match label.split_once(' ') {
            Some((id, rest)) if account.id.is_some() => (id.to_owned(), rest.to_owned()),
            _ => (String::new(), label),
        };
        let rest = Span::styled(rest, theme.title);
        let tail = Line::from(vec![rest, Span::raw(" "), Span::styled(text, style)]);
        let cells = std::iter::once(Cell::from(id))
            .chain(std::iter::repeat_n(Cell::from(""), empty))
            .chain(std::iter::once(Cell::from(tail)));
        return Row::new(cells).style(theme.title);
    }
    let cells = std::iter::once(Cell::from(label))
        .chain(std::iter::repeat_n(Cell::from(""), empty))
        .chain(std::iter::once(Cell::from(Span::styled(text, style))));
    Row::new(cells).style(theme.title)
}

/// The width of the first column of a table `width` wide (inside its border), where an
/// account's line goes whole when it fits.
fn first_column(width: u16) -> usize {
    let others = COLLECTIONS + FACES + USERS + OLDEST + STATUS + 5 * SPACING;
    usize::from(width.saturating_sub(2 + others))
}

/// The rows of a fleet of several accounts, and the index of the selected region's row.
fn grouped(
    fleet: &Fleet,
    state: &State,
    theme: &Theme,
    compact: bool,
    room: usize,
) -> (Vec<Row<'static>>, Option<usize>) {
    let mut rows = Vec::new();
    let mut selected = None;
    if fleet.reaching {
        rows.push(Row::new(vec![Cell::from(Span::styled(
            "finding the accounts…",
            theme.dim,
        ))]));
    }
    // The lines of accounts not reached follow every region's in the selection's order.
    let mut unreached = fleet.selected.checked_sub(fleet.regions.len());
    for (i, account) in fleet.accounts.iter().enumerate() {
        if account.unreached.is_some() {
            if unreached == Some(0) {
                selected = Some(rows.len());
            }
            unreached = unreached.and_then(|n| n.checked_sub(1));
        }
        rows.push(account_row(account, theme, compact, room));
        for (j, region) in fleet.regions.iter().enumerate() {
            if region.account == i {
                if j == fleet.selected {
                    selected = Some(rows.len());
                }
                rows.push(row(region, state, theme, compact));
            }
        }
    }
    (rows, selected)
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
    let (regions, selected) = if fleet.wide() {
        grouped(fleet, state, theme, compact, first_column(inner.width))
    } else {
        let rows = fleet
            .regions
            .iter()
            .map(|r| row(r, state, theme, compact))
            .collect();
        (rows, Some(fleet.selected))
    };
    let mut table_state = TableState::new().with_selected(selected);
    let list = table(regions).row_highlight_style(theme.selected);
    frame.render_stateful_widget(list, rows, &mut table_state);
}
