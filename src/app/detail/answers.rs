//! How the detail view's call results (and DeleteFaces') change it and the table.

use crate::app::msg::{Change, Command, DetailAnswer, DetailCall, Timestamp};
use std::collections::BTreeSet;

use super::{DetailView, Load, face_rows};
use crate::app::State;
use crate::app::collections::Detail;
use crate::app::log::Call;
use crate::aws::api::{Described, FacePage, Outcome};

/// A result for the detail view: its describe, a page of faces or users, a search, or a
/// change to its faces and users.
pub fn answer(state: &mut State, answer: DetailAnswer, now: Timestamp) -> Vec<Command> {
    match answer {
        DetailAnswer::DetailDescribed { id, outcome } => described(state, id, outcome, now),
        DetailAnswer::FacesLoaded { id, token, outcome } => {
            return faces(state, id, token, outcome, now);
        }
        DetailAnswer::UsersLoaded { id, token, outcome } => {
            return super::users::loaded(state, id, token, outcome, now);
        }
        DetailAnswer::FacesDeleted {
            id,
            requested,
            outcome,
        } => super::faces::deleted(state, id, requested, outcome, now),
        DetailAnswer::SearchProgress {
            id,
            serial,
            progress,
        } => super::search::progress(state, &id, serial, progress, now),
        DetailAnswer::Found {
            id,
            serial,
            outcome,
        } => super::search::found(state, id, serial, outcome, now),
        DetailAnswer::UserCreated { id, user, outcome } => {
            super::user_edit::created(state, id, user, outcome, now);
        }
        DetailAnswer::UserDeleted { id, user, outcome } => {
            super::user_edit::deleted(state, id, user, outcome, now);
        }
        DetailAnswer::Associated {
            id,
            user,
            requested,
            outcome,
        } => super::members::answered(state, (id, user, true), requested, outcome, now),
        DetailAnswer::Disassociated {
            id,
            user,
            requested,
            outcome,
        } => super::members::answered(state, (id, user, false), requested, outcome, now),
        DetailAnswer::EraseStep { id, step } => super::erase::step(state, &id, *step, now),
        DetailAnswer::Erased { id, result } => {
            return super::erase::ended(state, id, result.map(|r| *r), now);
        }
    }
    Vec::new()
}

/// The view waiting for `id`, if it is open.
fn view_of<'a>(state: &'a mut State, id: &str) -> Option<&'a mut DetailView> {
    state.detail_mut().filter(|d| d.id == id)
}

pub(crate) fn described(
    state: &mut State,
    id: String,
    outcome: Outcome<Described>,
    now: Timestamp,
) {
    let call = Call {
        op: "DescribeCollection",
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    match outcome.result {
        Ok(Described { detail, tags }) => {
            let generation = state.table.listing.generation;
            state
                .table
                .store(&id, Detail::Loaded(detail.clone()), generation);
            let tags = match tags {
                Ok(tags) => Load::Loaded(tags),
                Err(err) => {
                    let call = Call {
                        op: "ListTagsForResource",
                        ..call
                    };
                    state.log_error(call, &err, now);
                    Load::Failed(crate::app::log::describe_error(&err))
                }
            };
            if let Some(view) = view_of(state, &id) {
                view.info = Load::Loaded(detail);
                view.tags = tags;
            }
        }
        Err(err) => {
            state.log_error(call, &err, now);
            if let Some(view) = view_of(state, &id) {
                let why = crate::app::log::describe_error(&err);
                view.info = Load::Failed(why.clone());
                view.tags = Load::Failed(why);
            }
        }
    }
}

pub(crate) fn faces(
    state: &mut State,
    id: String,
    token: Option<String>,
    outcome: Outcome<FacePage>,
    now: Timestamp,
) -> Vec<Command> {
    let rows = face_rows(state.height);
    let waiting = state
        .detail()
        .is_some_and(|d| d.id == id && d.pending.as_ref() == Some(&token));
    if !waiting {
        return Vec::new();
    }
    match outcome.result {
        Ok(page) => {
            let Some(view) = view_of(state, &id) else {
                return Vec::new();
            };
            view.pending = None;
            view.faces_error = None;
            view.faces.extend(page.faces);
            view.next = page.next_token;
            view.fit_faces(rows);
            view.more(rows).into_iter().collect()
        }
        Err(err) => {
            let call = Call {
                op: "ListFaces",
                target: Some(&id),
                request_id: outcome.request_id.as_deref(),
                elapsed: outcome.elapsed,
            };
            state.log_error(call, &err, now);
            if let Some(view) = view_of(state, &id) {
                view.pending = None;
                view.next = token;
                view.faces_error = Some(crate::app::log::describe_error(&err));
            }
            Vec::new()
        }
    }
}

/// After a DeleteFaces: the deleted faces leave the list and the counts, here and in the
/// table.
pub(crate) fn forget_faces(state: &mut State, id: &str, deleted: &[String]) {
    let rows = face_rows(state.height);
    let n = u64::try_from(deleted.len()).unwrap_or(u64::MAX);
    let less = |count: Option<u64>| count.map(|c| c.saturating_sub(n));
    state.table.faces_deleted(id, n);
    let Some(view) = view_of(state, id) else {
        return;
    };
    let gone: BTreeSet<&str> = deleted.iter().map(String::as_str).collect();
    view.faces.retain(|f| !gone.contains(f.face_id.as_str()));
    if let Some(search) = &mut view.search {
        search.faces.retain(|f| !gone.contains(f.face_id.as_str()));
    }
    view.marked.retain(|f| !gone.contains(f.as_str()));
    if let Load::Loaded(detail) = &mut view.info {
        detail.face_count = less(detail.face_count);
    }
    view.fit_faces(rows);
}

/// A call of the view died: whatever of the view waited on it stops waiting.
pub fn lost(state: &mut State, call: DetailCall) -> Vec<Command> {
    let lost = || "the call did not complete".to_owned();
    let id = match &call {
        DetailCall::DescribeDetail { id }
        | DetailCall::ListFaces { id, .. }
        | DetailCall::ListUsers { id, .. }
        | DetailCall::FindFaces { id, .. } => id.clone(),
        // Nothing waits on a cancellation.
        DetailCall::CancelFind { .. } => return Vec::new(),
    };
    if let DetailCall::FindFaces { serial, .. } = call {
        super::search::lost(state, &id, serial);
        let why = Err(crate::aws::api::ApiError {
            kind: crate::aws::api::ErrorKind::Other,
            code: None,
            message: "the search did not complete".into(),
            status: None,
        });
        let outcome = Outcome {
            result: why,
            request_id: None,
            elapsed: std::time::Duration::ZERO,
        };
        // A dialog counting or finding faces stops waiting too.
        if !super::user_edit::counted(state, &id, serial, &outcome) {
            super::erase::found(state, &id, serial, &outcome);
        }
        return Vec::new();
    }
    let Some(view) = view_of(state, &id) else {
        return Vec::new();
    };
    match call {
        DetailCall::ListFaces { token, .. } => {
            if view.pending.as_ref() == Some(&token) {
                view.pending = None;
                view.next = token;
                view.faces_error = Some(lost());
            }
        }
        DetailCall::ListUsers { token, .. } => super::users::lost(&mut view.users, &token),
        DetailCall::DescribeDetail { .. } => {
            if view.info == Load::Loading {
                view.info = Load::Failed(lost());
                view.tags = Load::Failed(lost());
            }
        }
        // Handled above.
        DetailCall::FindFaces { .. } | DetailCall::CancelFind { .. } => {}
    }
    Vec::new()
}

/// A change made from the view died: the view stops counting it as in flight, and a
/// dialog waiting for it stops waiting.
pub fn lost_change(state: &mut State, change: Change) -> Vec<Command> {
    let id = change.id().to_owned();
    match change {
        Change::Erase { .. } => return super::erase::lost(state, &id),
        Change::CreateUser { user, .. } => {
            super::user_edit::lost(state, &id, &user);
            if let Some(view) = view_of(state, &id) {
                view.changing = view.changing.saturating_sub(1);
            }
        }
        Change::DeleteUser { .. }
        | Change::AssociateFaces { .. }
        | Change::DisassociateFaces { .. } => {
            if let Some(view) = view_of(state, &id) {
                view.changing = view.changing.saturating_sub(1);
            }
        }
        Change::DeleteFaces { .. } => {
            if let Some(view) = view_of(state, &id) {
                view.deleting = view.deleting.saturating_sub(1);
            }
        }
        // Changes of the table, which it handles.
        Change::DeleteCollection { .. } | Change::CreateCollection { .. } => {}
    }
    Vec::new()
}
