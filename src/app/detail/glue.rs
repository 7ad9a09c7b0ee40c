//! The detail view inside the app: each key and answer of the view goes to the model, and
//! what the model returns is applied to the state (log lines, the table's cache, the dialog
//! waiting, the commands). The serial numbers of searches are the state's too, and so are
//! the checks and audit intents of the changes the view asks for (in `changes`).

mod changes;

pub(in crate::app) use self::changes::{ask, confirmed, form_key, quit};

use super::out::{DialogNews, Note, Out, TableNews};
use super::search::Typed;
use super::view::Pane;
use super::{
    DetailView, erase, face_rows, faces, members, search, user_edit, user_like, users, view,
};
use crate::app::State;
use crate::app::collections::Detail;
use crate::app::msg::{Change, Command, DetailAnswer, DetailCall, DialogKey, Move, Timestamp};
use crate::app::overlay::Overlay;
use crate::aws::api::Face;
use crate::erase::search::Search;
use crate::ids::CollectionId;

fn commands(calls: Vec<DetailCall>) -> Vec<Command> {
    calls.into_iter().map(Command::Detail).collect()
}

/// A result for the detail view: its describe, a page of faces or users, a search, or a
/// change to its faces and users.
pub(in crate::app) fn answer(
    state: &mut State,
    answer: DetailAnswer,
    now: Timestamp,
) -> Vec<Command> {
    let rows = face_rows(state.height);
    let view = state.screen.detail_mut();
    let out = match answer {
        DetailAnswer::DetailDescribed { id, outcome } => view::described(view, &id, outcome),
        DetailAnswer::FacesLoaded { id, token, outcome } => {
            faces::loaded(view, &id, token, outcome, rows)
        }
        DetailAnswer::UsersLoaded { id, token, outcome } => {
            users::loaded(view, &id, token, outcome, rows)
        }
        DetailAnswer::SearchProgress {
            id,
            serial,
            progress,
        } => search::progress(view, &id, serial, progress, now),
        DetailAnswer::Found {
            id,
            serial,
            outcome,
        } => search::found(view, &id, serial, outcome, rows, now),
        DetailAnswer::UsersFound {
            id,
            serial,
            outcome,
        } => user_like::found(view, &id, serial, outcome, rows, now),
        DetailAnswer::FacesDeleted {
            id,
            requested,
            outcome,
        } => faces::deleted(view, &id, &requested, outcome, rows, now),
        DetailAnswer::UserCreated { id, user, outcome } => {
            users::created(view, &id, &user, outcome, now)
        }
        DetailAnswer::UserDeleted { id, user, outcome } => {
            users::deleted(view, &id, &user, outcome, rows, now)
        }
        DetailAnswer::Associated {
            id,
            user,
            requested,
            outcome,
        } => members::answered(view, (&id, &user, true), &requested, outcome, now),
        DetailAnswer::Disassociated {
            id,
            user,
            requested,
            outcome,
        } => members::answered(view, (&id, &user, false), &requested, outcome, now),
        DetailAnswer::EraseStep { id, step } => erase::step(&id, *step, now),
        DetailAnswer::Erased { id, result } => {
            erase::ended(view, &id, result.map(|r| *r), rows, now)
        }
    };
    apply(state, out, now)
}

/// A call of the view died: whatever waited on it stops waiting.
pub(in crate::app) fn lost(state: &mut State, call: DetailCall) -> Vec<Command> {
    let out = view::lost(state.screen.detail_mut(), call);
    apply(state, out, state.now)
}

/// A change made from the view died: the view stops counting it, and a dialog waiting for
/// it stops waiting.
pub(in crate::app) fn lost_change(state: &mut State, change: Change) -> Vec<Command> {
    let out = view::lost_change(state.screen.detail_mut(), change);
    apply(state, out, state.now)
}

/// What the model returned, applied: the table first (a log line's hint may name the ARN
/// it just learnt), then the log, the dialog, and the calls to send.
fn apply(state: &mut State, out: Out, now: Timestamp) -> Vec<Command> {
    for news in out.table {
        match news {
            TableNews::Described { id, detail } => {
                let generation = state.table.listing.generation;
                state.table.store(&id, Detail::Loaded(detail), generation);
            }
            TableNews::FacesDeleted { id, n } => state.table.faces_deleted(&id, n),
        }
    }
    for note in out.notes {
        match note {
            Note::Entry(entry) => state.push_log(entry),
            Note::Failed(failed) => state.log_error(failed.call(), &failed.err, now),
        }
    }
    let mut out_cmds = commands(out.calls);
    if let Some(news) = out.dialog {
        out_cmds.extend(dialog(state, news));
    }
    out_cmds
}

/// News for the dialog the view opened, if it is still open; an erasure that ended may
/// quit rekog, as Ctrl-C asked while it ran.
fn dialog(state: &mut State, news: DialogNews) -> Vec<Command> {
    let quits = match news {
        DialogNews::Finding {
            id,
            serial,
            matched,
        } => {
            if let Some(confirm) = state.confirm_mut()
                && !user_edit::counting(confirm, &id, serial, matched)
            {
                erase::finding(confirm, &id, serial, matched);
            }
            false
        }
        DialogNews::Found { id, serial, result } => {
            if !found(state, &id, serial, &result) {
                tracing::debug!("search {serial} of {id}: nobody waits for it any more");
            }
            false
        }
        DialogNews::SearchLost { id, serial } => {
            found(state, &id, serial, &Err(search::lost()));
            false
        }
        DialogNews::UserCreated { id, user, result } => {
            if let Some(Overlay::UserForm(form)) = &mut state.overlay
                && user_edit::created(form, &id, &user, &result)
            {
                state.overlay = None;
            }
            false
        }
        DialogNews::EraseStep { id, step } => {
            if let Some(confirm) = state.confirm_mut() {
                erase::advance(confirm, &id, &step);
            }
            false
        }
        DialogNews::Erased { id, ended, counts } => state
            .confirm_mut()
            .is_some_and(|c| erase::end(c, &id, ended, counts)),
        DialogNews::EraseLost { id } => state.confirm_mut().is_some_and(|c| erase::lose(c, &id)),
    };
    if quits {
        state.quit = true;
        return vec![Command::Quit];
    }
    Vec::new()
}

/// A search that ended (or died), for the dialog counting or finding a user's faces.
/// Returns whether one waited for it.
fn found(state: &mut State, id: &str, serial: u64, result: &Result<Vec<Face>, String>) -> bool {
    state.confirm_mut().is_some_and(|c| {
        user_edit::counted(c, id, serial, result) || erase::found(c, id, serial, result)
    })
}

/// Enter on a row: the view opens at once and its calls go out together.
pub(in crate::app) fn open(state: &mut State) -> Vec<Command> {
    let Some(id) = state.table.selected().map(|c| c.id.clone()) else {
        return Vec::new();
    };
    reload(state, id)
}

/// (Re)starts the view of `id` from nothing: `r` in the view does the same.
pub(in crate::app) fn reload(state: &mut State, id: CollectionId) -> Vec<Command> {
    let (view, calls) = DetailView::open(id, state.detail());
    state.screen.to_detail(view);
    commands(calls)
}

/// Leaves the view, stopping its search if one runs.
pub(in crate::app) fn close(state: &mut State) -> Option<Command> {
    state.screen.to_table()?.stop().map(Command::Detail)
}

pub(in crate::app) fn navigate(state: &mut State, mv: Move) -> Vec<Command> {
    let rows = face_rows(state.height);
    let calls = state.detail_mut().map(|v| v.navigate(mv, rows));
    commands(calls.unwrap_or_default())
}

/// Space: marks or unmarks the selected face and moves to the next one.
pub(in crate::app) fn mark(state: &mut State) -> Vec<Command> {
    let rows = face_rows(state.height);
    let calls = state.detail_mut().map(|v| v.mark(rows));
    commands(calls.unwrap_or_default())
}

/// `A`: marks every face the list shows.
pub(in crate::app) fn mark_all(state: &mut State) -> Vec<Command> {
    if let Some(view) = state.detail_mut() {
        view.mark_all();
    }
    Vec::new()
}

/// `u`: the lower pane switches between faces and users.
pub(in crate::app) fn toggle_pane(state: &mut State) -> Vec<Command> {
    if let Some(view) = state.detail_mut() {
        view.toggle_pane();
    }
    Vec::new()
}

/// `/`: the search input opens.
pub(in crate::app) fn search_open(state: &mut State) -> Vec<Command> {
    state.overlay = Some(Overlay::Search(search::SearchInput::default()));
    Vec::new()
}

/// Keys in the search input.
pub(in crate::app) fn search_key(
    state: &mut State,
    key: DialogKey,
    now: Timestamp,
) -> Vec<Command> {
    let Some(Overlay::Search(input)) = &mut state.overlay else {
        return Vec::new();
    };
    match input.key(key) {
        Typed::Stay => Vec::new(),
        Typed::Close => {
            state.overlay = None;
            Vec::new()
        }
        Typed::Search(text) => {
            state.overlay = None;
            start_search(state, &text, now)
        }
    }
}

/// Starts the search `text` in the open view, under the next serial number.
fn start_search(state: &mut State, text: &str, now: Timestamp) -> Vec<Command> {
    let search = match Search::parse(text) {
        Ok(search) => search,
        Err(why) => {
            state.warn(now, format!("search {text:?}: {why}"));
            return Vec::new();
        }
    };
    state.serial += 1;
    let serial = state.serial;
    let calls = state.detail_mut().map(|v| v.search(serial, search, now));
    commands(calls.unwrap_or_default())
}

/// Esc while a search runs or its results are shown: back to the full list (of users,
/// in the users pane).
pub(in crate::app) fn search_close(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    if view.pane == Pane::Users {
        view.close_users_like();
        return Vec::new();
    }
    let out = view.close_search(now);
    apply(state, out, now)
}

/// `s`: the faces like the selected face, or the users like the selected user, under the
/// next serial number.
pub(in crate::app) fn like(state: &mut State, now: Timestamp) -> Vec<Command> {
    state.serial += 1;
    let serial = state.serial;
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    let calls = match view.pane {
        Pane::Faces => view.like(serial, now),
        Pane::Users => view.users_like(serial),
    };
    match calls {
        Ok(calls) => commands(calls),
        Err(why) => {
            state.warn(now, format!("s: {why}"));
            Vec::new()
        }
    }
}

/// `+` / `-` while faces or users found by likeness are shown: the same search at a
/// threshold 5 higher or lower.
pub(in crate::app) fn restep(state: &mut State, up: bool, now: Timestamp) -> Vec<Command> {
    state.serial += 1;
    let serial = state.serial;
    let calls = state.detail_mut().map(|v| match v.pane {
        Pane::Faces => v.restep(up, serial, now),
        Pane::Users => v.users_restep(up, serial),
    });
    commands(calls.unwrap_or_default())
}

/// Enter in the users list: the selected user's faces, as the search `user:ID` finds them.
pub(in crate::app) fn user_faces(state: &mut State, now: Timestamp) -> Vec<Command> {
    match state.detail_mut().and_then(DetailView::user_faces) {
        Some(text) => start_search(state, &text, now),
        None => Vec::new(),
    }
}
