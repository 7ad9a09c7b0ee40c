//! The application core: plain state, one pure `update`, and the binding table. No I/O, no
//! clock: time arrives as a value and side effects leave as [`Command`]s.
//!
//! The state is organised by what the operator sees: the collections table (with listing,
//! delete and create), the detail view of one collection (with its faces), at most one
//! overlay on top, and the log pane. Each part owns its data; `update` is one exhaustive
//! match that hands each message to the part it concerns.

pub mod collections;
pub mod detail;
pub mod fleet;
pub mod format;
pub mod keys;
pub mod layout;
pub mod log;
mod lost;
pub mod msg;
pub mod overlay;
pub mod records;
pub mod session;

#[cfg(test)]
mod tests;

use self::collections::Table;
use self::detail::DetailView;
use self::layout::{log_cols, log_rows, table_rows, too_small};
use self::log::{Entry, Level, Log};
use self::msg::{Command, Msg, Timestamp};
use self::overlay::Overlay;
use self::overlay::help::Help;
use self::records::Records;
use self::session::Session;

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
    /// A typed-ID confirmation (delete a collection, delete faces).
    Confirm,
    Create,
    Notice,
    Filter,
    Table,
    Log,
    /// The detail view of one collection (its faces list has the keys).
    Detail,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub session: Session,
    /// Identity, protection, manifests, masking.
    pub records: Records,
    /// The collections table: rows, describes, listing, deletes in flight.
    pub table: Table,
    /// The detail view, when open (it hides the table, whose selection stays).
    pub detail: Option<DetailView>,
    pub overlay: Option<Overlay>,
    pub log: Log,
    pub focus: Focus,
    pub width: u16,
    pub height: u16,
    /// The time of the latest message: ages on screen are counted from it.
    pub now: Timestamp,
    quit: bool,
}

impl State {
    pub fn new(session: Session) -> State {
        State {
            session,
            records: Records::default(),
            table: Table::default(),
            detail: None,
            overlay: None,
            log: Log::default(),
            focus: Focus::Table,
            // Until the first Msg::Resize, assume the classic terminal.
            width: 80,
            height: 24,
            now: 0,
            quit: false,
        }
    }

    /// Commands to run at start (the first ListPage).
    pub fn start(&mut self) -> Vec<Command> {
        self.table.refresh()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn mode(&self) -> Mode {
        if too_small(self.width, self.height) {
            return Mode::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Create(_)) => Mode::Create,
            Some(Overlay::Notice(_)) => Mode::Notice,
            Some(Overlay::Filter) => Mode::Filter,
            None if self.detail.is_some() => Mode::Detail,
            None if self.focus == Focus::Log => Mode::Log,
            None => Mode::Table,
        }
    }

    /// The open typed-ID confirmation, if any.
    pub fn confirm(&self) -> Option<&overlay::confirm::Confirm> {
        match &self.overlay {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    pub fn confirm_mut(&mut self) -> Option<&mut overlay::confirm::Confirm> {
        match &mut self.overlay {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// Appends to the log pane, wrapped at the current width.
    pub(crate) fn push_log(&mut self, entry: Entry) {
        self.log.push(entry, log_cols(self.width));
    }

    fn warn(&mut self, at: Timestamp, text: String) {
        self.push_log(Entry {
            at,
            level: Level::Warn,
            text,
            hint: None,
        });
    }

    /// Closes the overlay. Closing a confirmation also stops its manifest export and runs
    /// the refresh it held back.
    fn close_overlay(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        if let Some(Overlay::Confirm(confirm)) = self.overlay.take() {
            out.extend(collections::export::cancel(&confirm));
            if std::mem::take(&mut self.table.refresh_deferred) {
                out.extend(self.table.refresh());
            }
        }
        out
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.log.clamp(log_cols(width), log_rows(height));
        if let Some(Overlay::Help(help)) = &mut self.overlay {
            help.clamp(width, height);
        }
    }

    fn toggle_help(&mut self) {
        match &self.overlay {
            Some(Overlay::Help(_)) => self.overlay = None,
            None => self.overlay = Some(Overlay::Help(Help::default())),
            // Keys cannot ask for help over another overlay.
            Some(_) => {}
        }
    }

    /// Movement keys move whatever has them: the help, the faces, the log or the table.
    fn navigate(&mut self, msg: &Msg) -> Vec<Command> {
        let (width, height) = (self.width, self.height);
        match self.mode() {
            Mode::Help => {
                if let Some(Overlay::Help(help)) = &mut self.overlay {
                    let page = isize::try_from(height).unwrap_or(isize::MAX);
                    help.scroll_by(step(msg, 1, page), width, height);
                }
                Vec::new()
            }
            Mode::Detail => detail::navigate(self, msg),
            Mode::Log => {
                let (cols, rows) = (log_cols(width), log_rows(height));
                let page = isize::try_from(rows).unwrap_or(isize::MAX);
                match msg {
                    Msg::Top => self.log.to_oldest(cols, rows),
                    Msg::Bottom => self.log.to_newest(),
                    // Up scrolls back, towards older entries.
                    _ => self.log.scroll_by(-step(msg, 1, page), cols, rows),
                }
                Vec::new()
            }
            _ => {
                let page = isize::try_from(table_rows(height).max(1)).unwrap_or(isize::MAX);
                self.table.move_by(step(msg, 1, page));
                Vec::new()
            }
        }
    }
}

/// How far a movement message moves: `line` per Up/Down, `page` per PgUp/PgDn, and to an
/// end for Top/Bottom.
pub fn step(msg: &Msg, line: isize, page: isize) -> isize {
    match msg {
        Msg::Up => -line,
        Msg::Down => line,
        Msg::PageUp => -page,
        Msg::PageDown => page,
        Msg::Top => isize::MIN,
        _ => isize::MAX,
    }
}

/// The one place every message is handled. A key's message is acted on only in a mode
/// where some key sends it (the binding table decides), so no handler needs to ask whether
/// a dialog is open.
pub fn update(state: &mut State, msg: Msg, now: Timestamp) -> Vec<Command> {
    state.now = now;
    let out = match msg {
        msg if keys::from_a_key(&msg) && !keys::accepts(state, &msg) => {
            // The one intent a confirmation holds back instead of dropping.
            if msg == Msg::Refresh && state.confirm().is_some() {
                state.table.refresh_deferred = true;
            }
            Vec::new()
        }
        Msg::Quit => {
            state.quit = true;
            vec![Command::Quit]
        }
        Msg::Resize { width, height } => {
            state.resize(width, height);
            Vec::new()
        }
        Msg::ToggleHelp => {
            state.toggle_help();
            Vec::new()
        }
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom => {
            state.navigate(&msg)
        }
        Msg::FocusNext => {
            state.focus = match state.focus {
                Focus::Table => Focus::Log,
                Focus::Log => Focus::Table,
            };
            Vec::new()
        }
        Msg::FilterOpen => {
            state.overlay = Some(Overlay::Filter);
            Vec::new()
        }
        Msg::FilterInput(c) => {
            state.table.filter_push(c);
            Vec::new()
        }
        Msg::FilterBackspace => {
            state.table.filter_pop();
            Vec::new()
        }
        Msg::FilterAccept => {
            state.overlay = None;
            Vec::new()
        }
        Msg::FilterClear => {
            state.overlay = None;
            state.table.filter_clear();
            Vec::new()
        }
        Msg::ListingStop => {
            state.table.stop_listing();
            Vec::new()
        }
        Msg::SortNext => {
            state.table.sort_next();
            Vec::new()
        }
        Msg::SortReverse => {
            state.table.sort_reverse();
            Vec::new()
        }
        Msg::Refresh => match &state.detail {
            Some(view) => {
                let id = view.id.clone();
                detail::reload(state, id)
            }
            None => state.table.refresh(),
        },
        Msg::DeleteOpen => collections::delete::open(state, now),
        Msg::CreateOpen => collections::create::open(state, now),
        Msg::CopyId => collections::copy(state, false, now),
        Msg::CopyArn => collections::copy(state, true, now),
        Msg::DetailOpen => detail::open(state),
        Msg::DetailClose => {
            state.detail = None;
            Vec::new()
        }
        Msg::FaceMark => detail::mark(state),
        Msg::FacesDeleteOpen => detail::faces::open(state, now),
        Msg::DialogInput(_)
        | Msg::DialogBackspace
        | Msg::DialogSubmit
        | Msg::DialogCancel
        | Msg::DialogFocusNext
        | Msg::DialogFocusPrev => overlay_key(state, msg, now),
        Msg::PageLoaded {
            generation,
            outcome,
        } => collections::listing::page(state, generation, outcome, now),
        Msg::Described { id, outcome } => {
            collections::listing::described(state, id, outcome, now);
            Vec::new()
        }
        Msg::Verified { id, outcome } => collections::delete::verified(state, id, outcome, now),
        Msg::Deleted { id, outcome } => {
            collections::delete::deleted(state, id, outcome, now);
            Vec::new()
        }
        Msg::CollectionCreated { id, outcome } => {
            collections::create::created(state, id, outcome, now);
            Vec::new()
        }
        Msg::ExportProgress { id, faces, total } => {
            collections::export::progress(state, &id, faces, total, now);
            Vec::new()
        }
        Msg::Exported { id, result } => {
            collections::export::finished(state, &id, result, now);
            Vec::new()
        }
        Msg::DetailDescribed { id, outcome } => {
            detail::results::described(state, id, outcome, now);
            Vec::new()
        }
        Msg::FacesLoaded { id, token, outcome } => {
            detail::results::faces(state, id, token, outcome, now)
        }
        Msg::UsersLoaded { id, outcome } => {
            detail::results::users(state, id, outcome, now);
            Vec::new()
        }
        Msg::FacesDeleted {
            id,
            requested,
            outcome,
        } => {
            detail::faces::deleted(state, id, requested, outcome, now);
            Vec::new()
        }
        Msg::Copied { what, result } => {
            collections::copied(state, &what, result, now);
            Vec::new()
        }
        Msg::Throttled { op, rate } => {
            records::throttled(state, &op, rate, now);
            Vec::new()
        }
        Msg::AuditNotice { text, error } => {
            records::audit_notice(state, text, error, now);
            Vec::new()
        }
        Msg::IdentityLoaded { result } => {
            records::identity_loaded(state, result, now);
            Vec::new()
        }
        Msg::TaskFailed { command, why } => lost::task_failed(state, *command, &why, now),
    };
    settle(state, out)
}

/// A key in a dialog goes to the overlay that is open.
fn overlay_key(state: &mut State, msg: Msg, now: Timestamp) -> Vec<Command> {
    match &state.overlay {
        Some(Overlay::Confirm(_)) => overlay::confirm_key(state, msg, now),
        Some(Overlay::Create(_)) => collections::create::key(state, msg),
        Some(Overlay::Notice(_)) => match msg {
            Msg::DialogSubmit | Msg::DialogCancel => state.close_overlay(),
            _ => Vec::new(),
        },
        Some(Overlay::Help(_) | Overlay::Filter) | None => Vec::new(),
    }
}

/// What every message ends with: the selection on screen and the rows in view described.
fn settle(state: &mut State, mut out: Vec<Command>) -> Vec<Command> {
    let rows = table_rows(state.height);
    state.table.scroll_into_view(rows);
    out.extend(state.table.describes(rows));
    out
}
