//! The application core: plain state, a pure `update`, and the key map. No I/O, no clock:
//! time arrives as a value and side effects leave as [`Command`]s.

pub mod dialog;
pub mod export;
pub mod format;
pub mod keymap;
pub mod layout;
pub mod log;
pub mod msg;
pub mod records;
pub mod session;
pub mod table;
// Managing a collection
pub mod create;
pub mod detail;
pub mod faces;
mod manage;

mod delete;

mod results;
#[cfg(test)]
mod tests;

use std::time::Duration;

use self::dialog::Dialog;
use self::layout::{log_cols, log_rows, table_rows, too_small};
use self::log::{Entry, Log};
use self::msg::{Command, Msg, Timestamp};
use self::records::Records;
use self::session::Session;
use self::table::{Sort, Table};

/// DescribeCollection calls in flight at most; more are issued as results come back.
pub const MAX_DESCRIBES: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Table,
    Log,
}

/// What the keys mean right now; also what the footer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    TooSmall,
    Help,
    Dialog,
    Filter,
    Table,
    Log,
    // Managing a collection
    /// The detail view of one collection (its faces list has the keys).
    Detail,
}

/// The ListCollections pass in progress or last finished.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Bumped by every refresh; pages of older generations are dropped.
    pub generation: u64,
    pub loading: bool,
    pub pages: u32,
    /// Whether this generation's first page arrived (it replaces the old rows).
    pub received: bool,
    pub elapsed: Duration,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub session: Session,
    pub table: Table,
    pub log: Log,
    pub dialog: Option<Dialog>,
    pub focus: Focus,
    /// The filter input has the keys.
    pub filtering: bool,
    pub help: bool,
    pub width: u16,
    pub height: u16,
    pub listing: Listing,
    /// `r` pressed while a dialog was open: refresh when it closes.
    pub refresh_deferred: bool,
    /// Identity, protection, manifests: see `records`.
    pub records: Records,
    quit: bool,
    // Managing a collection
    /// The detail view, when open (it hides the table, whose selection stays).
    pub detail: Option<detail::DetailView>,
    /// The create-collection dialog, when open.
    pub create: Option<create::CreateDialog>,
}

impl State {
    pub fn new(session: Session) -> State {
        State {
            session,
            table: Table::default(),
            log: Log::default(),
            dialog: None,
            focus: Focus::Table,
            filtering: false,
            help: false,
            // Until the first Msg::Resize, assume the classic terminal.
            width: 80,
            height: 24,
            listing: Listing::default(),
            refresh_deferred: false,
            records: Records::default(),
            quit: false,
            detail: None,
            create: None,
        }
    }

    /// Commands to run at start (the first ListPage).
    pub fn start(&mut self) -> Vec<Command> {
        self.refresh()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn mode(&self) -> Mode {
        if too_small(self.width, self.height) {
            Mode::TooSmall
        } else if self.help {
            Mode::Help
        } else if self.dialog.is_some() || self.create.is_some() || self.confirming_faces() {
            Mode::Dialog
        } else if self.filtering {
            Mode::Filter
        } else if self.detail.is_some() {
            Mode::Detail
        } else if self.focus == Focus::Log {
            Mode::Log
        } else {
            Mode::Table
        }
    }

    /// The DeleteFaces confirmation is open.
    pub fn confirming_faces(&self) -> bool {
        self.detail.as_ref().is_some_and(|d| d.confirm.is_some())
    }

    fn refresh(&mut self) -> Vec<Command> {
        let generation = self.listing.generation + 1;
        self.listing = Listing {
            generation,
            loading: true,
            ..Listing::default()
        };
        self.table.reselect = self.table.selected_id().map(str::to_owned);
        self.table.gone.clear();
        vec![Command::ListPage {
            generation,
            token: None,
        }]
    }

    /// Appends to the log pane, wrapped at the current width.
    fn push_log(&mut self, entry: Entry) {
        self.log.push(entry, log_cols(self.width));
    }

    /// Closes any dialog, running the refresh it held back.
    fn close_dialog(&mut self) -> Vec<Command> {
        self.dialog = None;
        if std::mem::take(&mut self.refresh_deferred) {
            self.refresh()
        } else {
            Vec::new()
        }
    }

    /// Describes for the rows on screen, within the in-flight cap.
    fn describes(&mut self) -> Vec<Command> {
        let room = MAX_DESCRIBES.saturating_sub(self.table.describing.len());
        // Until a refresh's first page lands, the rows on screen are the previous listing's.
        let generation = if self.listing.received {
            self.listing.generation
        } else {
            self.listing.generation.saturating_sub(1)
        };
        let ids = self
            .table
            .to_describe(generation, table_rows(self.height), room);
        ids.into_iter()
            .map(|id| {
                self.table.describing.insert(id.clone(), generation);
                Command::Describe { id }
            })
            .collect()
    }

    fn navigate(&mut self, msg: &Msg) {
        let page = table_rows(self.height).max(1);
        if self.focus == Focus::Log {
            let (cols, rows) = (log_cols(self.width), log_rows(self.height));
            let by = |n: usize| isize::try_from(n).unwrap_or(isize::MAX);
            match msg {
                Msg::Up => self.log.scroll_by(1, cols, rows),
                Msg::Down => self.log.scroll_by(-1, cols, rows),
                Msg::PageUp => self.log.scroll_by(by(rows), cols, rows),
                Msg::PageDown => self.log.scroll_by(-by(rows), cols, rows),
                Msg::Top => self.log.to_oldest(cols, rows),
                _ => self.log.to_newest(),
            }
            return;
        }
        let page = isize::try_from(page).unwrap_or(isize::MAX);
        match msg {
            Msg::Up => self.table.move_by(-1),
            Msg::Down => self.table.move_by(1),
            Msg::PageUp => self.table.move_by(-page),
            Msg::PageDown => self.table.move_by(page),
            Msg::Top => self.table.move_by(isize::MIN),
            _ => self.table.move_by(isize::MAX),
        }
    }
}

/// Pure: all time comes in as `now` (ms since epoch, used for log timestamps).
pub fn update(state: &mut State, msg: Msg, now: Timestamp) -> Vec<Command> {
    let mut out = Vec::new();
    // Managing a collection: its messages, and the keys while its views are up.
    let msg = match manage::update(state, msg, now) {
        manage::Routed::Handled(commands) => return settle(state, commands),
        manage::Routed::Passed(msg) => msg,
    };
    match msg {
        Msg::Quit => {
            state.quit = true;
            out.push(Command::Quit);
        }
        Msg::Resize { width, height } => {
            state.width = width;
            state.height = height;
            state.log.clamp(log_cols(width), log_rows(height));
        }
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom => {
            state.navigate(&msg);
        }
        Msg::FocusNext if state.dialog.is_none() => {
            state.focus = match state.focus {
                Focus::Table => Focus::Log,
                Focus::Log => Focus::Table,
            };
        }
        Msg::FilterOpen if state.dialog.is_none() => {
            state.filtering = true;
            state.focus = Focus::Table;
        }
        Msg::FilterInput(c) if state.filtering => {
            state.table.filter.push(c);
            state.table.refilter();
        }
        Msg::FilterBackspace if state.filtering => {
            state.table.filter.pop();
            state.table.refilter();
        }
        Msg::FilterAccept => state.filtering = false,
        Msg::FilterClear => {
            state.filtering = false;
            state.table.filter.clear();
            state.table.refilter();
        }
        Msg::SortNext => state.table.set_sort(Sort {
            column: state.table.sort.column.next(),
            descending: false,
        }),
        Msg::SortReverse => state.table.set_sort(Sort {
            descending: !state.table.sort.descending,
            ..state.table.sort
        }),
        Msg::Refresh if state.dialog.is_some() => state.refresh_deferred = true,
        Msg::Refresh => out.extend(state.refresh()),
        Msg::DeleteOpen => {
            delete::open(state, now);
            out.extend(export::start(state, now));
        }
        Msg::ToggleHelp => state.help = !state.help,
        Msg::DialogInput(_)
        | Msg::DialogBackspace
        | Msg::DialogSubmit
        | Msg::DialogCancel
        | Msg::DialogFocusNext
        | Msg::DialogFocusPrev => {
            let running = export::running(state);
            out.extend(delete::on_key(state, msg));
            out.extend(export::cancel_if_closed(state, running));
        }
        Msg::PageLoaded {
            generation,
            outcome,
        } => out.extend(results::page(state, generation, outcome, now)),
        Msg::Described { id, outcome } => results::described(state, id, outcome, now),
        Msg::Verified { id, outcome } => out.extend(delete::verified(state, id, outcome, now)),
        Msg::Deleted { id, outcome } => delete::deleted(state, id, outcome, now),
        Msg::TaskFailed { what } => results::task_failed(state, &what, now),
        Msg::AuditNotice { text, error } => records::audit_notice(state, text, error, now),
        Msg::ExportProgress { id, faces, total } => export::progress(state, &id, faces, total, now),
        Msg::Exported { id, result } => export::finished(state, &id, result, now),
        Msg::IdentityLoaded { result } => records::identity_loaded(state, result, now),
        // Table-only intents that arrive while a dialog is open change nothing.
        Msg::FocusNext | Msg::FilterOpen | Msg::FilterInput(_) | Msg::FilterBackspace => {}
        // Managing a collection: handled by `manage::update` above.
        Msg::DetailOpen
        | Msg::DetailClose
        | Msg::FaceMark
        | Msg::FacesDeleteOpen
        | Msg::CreateOpen
        | Msg::CopyId
        | Msg::CopyArn
        | Msg::DetailDescribed { .. }
        | Msg::FacesLoaded { .. }
        | Msg::UsersLoaded { .. }
        | Msg::FacesDeleted { .. }
        | Msg::CollectionCreated { .. }
        | Msg::Copied { .. } => {}
    }
    settle(state, out)
}

/// What every message ends with: the selection on screen and the rows in view described.
fn settle(state: &mut State, mut out: Vec<Command>) -> Vec<Command> {
    state.table.scroll_into_view(table_rows(state.height));
    out.extend(state.describes());
    out
}
