//! The application core: plain state, one pure `update`, and the binding table. No I/O, no
//! clock: time arrives as a value and side effects leave as [`Command`]s.
//!
//! The state is organised by what the operator sees: the collections table (with listing,
//! delete and create), the detail view of one collection (with its faces), at most one
//! overlay on top, and the log pane. Each part owns its data; `update` is one exhaustive
//! match that hands each message to the part it concerns.

use crate::app::msg::{Change, DialogKey, Move};
pub mod collections;
pub mod detail;
pub mod fleet;
pub mod keys;
pub mod layout;
pub mod log;
pub mod msg;
mod navigate;
pub mod overlay;
pub mod screen;
pub mod session;
pub mod settings;
mod state;
pub mod switch;

#[cfg(test)]
mod tests;

use self::detail::Dialog;
use self::layout::table_rows;
use self::log::{Entry, Level};
use self::msg::{Command, Msg, Timestamp};
use self::overlay::Overlay;
use crate::text::sanitize;

pub use self::navigate::step;
pub use self::screen::{Focus, Screen};
pub use self::state::{Mode, State};

/// The one place every message is handled. A key's message is acted on only in a mode
/// where some key sends it (the binding table decides), so no handler needs to ask whether
/// a dialog is open. Answers go to the slice that owns them, each slice matching every
/// answer of its own; so does the news of a task that died, by the command it ran.
pub fn update(state: &mut State, msg: Msg, now: Timestamp) -> Vec<Command> {
    state.now = now;
    let out = match msg {
        Msg::For { context, msg } => {
            if context != state.session.context() {
                // Made for a context left since: its rows, dialogs and views are gone.
                return Vec::new();
            }
            return update(state, *msg, now);
        }
        Msg::Table(answer) => {
            let changes = answer.changes_counts();
            let mut out = collections::answer(state, answer, now);
            if changes {
                out.extend(fleet::view::changed(state));
            }
            out
        }
        Msg::Detail(answer) => {
            let changes = answer.changes_counts();
            let mut out = detail::answer(state, answer, now);
            if changes {
                out.extend(fleet::view::changed(state));
            }
            out
        }
        Msg::Fleet(answer) => fleet::view::answer(state, answer, now),
        Msg::Session(answer) => session::answer(state, answer, now),
        Msg::TaskFailed { command, why } => lost(state, *command, &why, now),
        msg if keys::from_a_key(&msg) && !keys::accepts(state, &msg) => {
            // The one intent a confirmation holds back instead of dropping.
            if msg == Msg::Refresh && state.confirm().is_some() {
                state.table.refresh_deferred = true;
            }
            Vec::new()
        }
        Msg::Resize { width, height } => {
            state.resize(width, height);
            Vec::new()
        }
        Msg::Quit => detail::quit(state, now),
        Msg::ToggleHelp => {
            state.toggle_help();
            Vec::new()
        }
        Msg::Up => navigate::navigate(state, Move::Up),
        Msg::Down => navigate::navigate(state, Move::Down),
        Msg::PageUp => navigate::navigate(state, Move::PageUp),
        Msg::PageDown => navigate::navigate(state, Move::PageDown),
        Msg::Top => navigate::navigate(state, Move::Top),
        Msg::Bottom => navigate::navigate(state, Move::Bottom),
        Msg::FocusNext => {
            if let Screen::Table { focus, .. } = &mut state.screen {
                *focus = match focus {
                    Focus::Table => Focus::Log,
                    Focus::Log => Focus::Table,
                };
            }
            Vec::new()
        }
        Msg::DialogInput(c) => overlay::key(state, DialogKey::Input(c), now),
        Msg::DialogBackspace => overlay::key(state, DialogKey::Backspace, now),
        Msg::DialogSubmit => overlay::key(state, DialogKey::Submit, now),
        Msg::DialogCancel => overlay::key(state, DialogKey::Cancel, now),
        Msg::DialogFocusNext => overlay::key(state, DialogKey::FocusNext, now),
        Msg::DialogFocusPrev => overlay::key(state, DialogKey::FocusPrev, now),
        Msg::DialogTicket => {
            overlay::edit_ticket(state);
            Vec::new()
        }
        Msg::EraseKeepNames => detail::erase::keep_names(state),
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
        Msg::DeleteOpen => collections::delete::open(state, now),
        Msg::CreateOpen => collections::create::open(state, now),
        Msg::CopyId => collections::copy(state, false, now),
        Msg::CopyArn => collections::copy(state, true, now),
        Msg::Refresh => match state.detail() {
            Some(view) => {
                let id = view.id.clone();
                detail::reload(state, id)
            }
            None => state.table.refresh(),
        },
        Msg::RegionPickerOpen => {
            switch::open_regions(state);
            Vec::new()
        }
        Msg::ProfilePickerOpen => {
            switch::open_profiles(state);
            Vec::new()
        }
        Msg::FleetOpen => fleet::view::open(state),
        Msg::FleetReload => fleet::view::reload(state),
        Msg::FleetEnter => fleet::view::enter(state, now),
        Msg::FleetClose => {
            fleet::view::close(state);
            Vec::new()
        }
        Msg::FleetBack => {
            fleet::view::back(state);
            Vec::new()
        }
        Msg::FleetWiden => fleet::view::widen(state, now),
        Msg::FleetExport => fleet::view::export(state),
        Msg::DetailOpen => detail::open(state),
        Msg::DetailClose => detail::close(state).into_iter().collect(),
        Msg::FaceMark => detail::mark(state),
        Msg::MarkAll => detail::mark_all(state),
        Msg::SearchLike => detail::like(state, now),
        Msg::ThresholdUp => detail::restep(state, true, now),
        Msg::ThresholdDown => detail::restep(state, false, now),
        Msg::PaneToggle => detail::toggle_pane(state),
        Msg::FacesDeleteOpen => detail::ask(state, Dialog::DeleteFaces, now),
        Msg::SearchOpen => detail::search_open(state),
        Msg::SearchClose => detail::search_close(state, now),
        Msg::UserFaces => detail::user_faces(state, now),
        Msg::UserCreateOpen => detail::ask(state, Dialog::CreateUser, now),
        Msg::UserDeleteOpen => detail::ask(state, Dialog::DeleteUser, now),
        Msg::AssociateOpen => detail::ask(state, Dialog::Associate, now),
        Msg::DisassociateOpen => detail::ask(state, Dialog::Disassociate, now),
        Msg::EraseOpen => detail::ask(state, Dialog::Erase, now),
    };
    settle(state, out)
}

/// A task died instead of answering. The command it ran names the slice that waited on
/// it, which stops waiting; its outcome is unknown, and the log says so.
fn lost(state: &mut State, command: Command, why: &str, now: Timestamp) -> Vec<Command> {
    let what = command.describe();
    let out = match command {
        Command::Table(call) => collections::lost(state, call, now),
        Command::Detail(call) => detail::lost(state, call),
        Command::Session(call) => session::lost(state, call, why, now),
        Command::Change(mutation) => match mutation.change {
            Change::DeleteCollection { id } => {
                state.table.delete_finished(&id);
                Vec::new()
            }
            Change::CreateCollection { id, .. } => {
                collections::create::lost(state, &id);
                Vec::new()
            }
            change @ (Change::DeleteFaces { .. }
            | Change::CreateUser { .. }
            | Change::DeleteUser { .. }
            | Change::AssociateFaces { .. }
            | Change::DisassociateFaces { .. }
            | Change::Erase { .. }) => detail::lost_change(state, change),
        },
        // The effects answer a fleet call that died with its failure, as any other.
        Command::Fleet(_) | Command::Quit => Vec::new(),
    };
    state.push_log(Entry {
        at: now,
        level: Level::Error,
        text: sanitize(&format!("internal error: {what}: {why}")),
        hint: Some("the call's outcome is unknown; press r to refresh".into()),
    });
    out
}

/// What every message ends with: the selection on screen and the rows in view described.
fn settle(state: &mut State, mut out: Vec<Command>) -> Vec<Command> {
    // Every change carries the session's ticket, whichever dialog or key made it.
    if let Some(ticket) = &state.settings.ticket {
        for command in &mut out {
            if let Command::Change(mutation) = command {
                mutation.intent.ticket.get_or_insert_with(|| ticket.clone());
            }
        }
    }
    let rows = table_rows(state.height);
    state.table.scroll_into_view(rows);
    out.extend(state.table.describes(rows));
    out
}
