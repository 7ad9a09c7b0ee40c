//! The guarded DeleteCollection: open the confirmation (or a notice saying why not),
//! confirm, check the collection again, send, and apply the result by collection id
//! wherever its row is now (or whether it is shown).

use super::Detail;
use super::listing::counts;
use crate::app::State;
use crate::app::log::{Call, Level};
use crate::app::msg::{Change, Command, Mutation, TableCall, Timestamp};
use crate::app::overlay::confirm::{Action, Confirm, Phase, Why};
use crate::app::overlay::{Notice, Overlay};
use crate::audit::Operation;
use crate::aws::api::{CollectionDetail, ErrorKind, Outcome};
use crate::ids::CollectionId;

/// `d` on the selected row.
pub(crate) fn open(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(id) = state.table.selected().map(|c| c.id.clone()) else {
        return Vec::new();
    };
    if state.refuse_read_only(
        &format!("DeleteCollection {id}"),
        &format!("delete {id}"),
        "delete",
        now,
    ) {
        return Vec::new();
    }
    if let Some(rule) = state.settings.protected_by(&id) {
        let rule = rule.to_owned();
        state.overlay = Some(Overlay::Notice(Notice::Protected { id, rule }));
        return Vec::new();
    }
    if state.table.deleting.contains(&id) {
        state.warn(
            now,
            format!("DeleteCollection {id}: already running; wait for its result"),
        );
        return Vec::new();
    }
    let detail = state.table.loaded(&id);
    let context = state.context_of(detail.and_then(|d| d.arn.as_deref()));
    let action = Action::DeleteCollection {
        faces: detail.and_then(|d| d.face_count),
        users: detail.and_then(|d| d.user_count),
        export: None,
    };
    let mut confirm = Confirm::new(id, context, action);
    let out = super::export::start(state, &mut confirm, now);
    state.overlay = Some(Overlay::Confirm(confirm));
    out
}

/// Enter on a confirmed DeleteCollection: the check that precedes the call.
pub(crate) fn confirmed(confirm: &mut Confirm) -> Vec<Command> {
    confirm.phase = Phase::Verifying;
    confirm.notice = None;
    vec![Command::Table(TableCall::Verify {
        id: confirm.id.clone(),
    })]
}

/// The check right before the call. The delete is sent only if the dialog still waits for
/// this very collection, the face count is what the operator was warned about, the
/// manifest holds every face, and rekog may write at all.
pub(crate) fn verified(
    state: &mut State,
    id: CollectionId,
    outcome: Outcome<CollectionDetail>,
    now: Timestamp,
) -> Vec<Command> {
    let call = Call {
        op: "DescribeCollection",
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    let waiting = state
        .confirm()
        .is_some_and(|c| c.id == id && c.phase == Phase::Verifying);
    let detail = match outcome.result {
        Err(err) if err.kind == ErrorKind::NotFound && waiting => {
            let text = format!("already gone ({}); nothing to delete", err.message);
            let entry = call.entry(now, Level::Warn, &text, None);
            state.push_log(entry);
            state.table.remove(&id);
            return state.close_overlay();
        }
        Err(err) => {
            state.log_error(call, &err, now);
            if let Some(confirm) = state.confirm_mut().filter(|_| waiting) {
                confirm.stop(Why::CheckFailed(crate::app::log::describe_error(&err)));
            }
            return Vec::new();
        }
        Ok(detail) => detail,
    };
    let mut text = format!("{} (checked before deleting)", counts(&detail));
    if !waiting {
        text.push_str("; the dialog was closed, nothing deleted");
    }
    let entry = call.entry(now, Level::Info, &text, None);
    state.push_log(entry);
    let generation = state.table.listing.generation;
    state
        .table
        .store(&id, Detail::Loaded(detail.clone()), generation);
    let Some(confirm) = state.confirm_mut().filter(|_| waiting) else {
        return Vec::new();
    };
    if let Some(was) = confirm
        .faces()
        .filter(|&was| Some(was) != detail.face_count)
    {
        confirm.set_counts(detail.face_count, detail.user_count);
        confirm.input.clear();
        confirm.focus = crate::app::overlay::confirm::Button::Cancel;
        confirm.stop(Why::Changed {
            was,
            now: detail.face_count,
        });
        return Vec::new();
    }
    if let Some(why) = confirm.export().and_then(|e| e.stale(detail.face_count)) {
        confirm.stop(Why::CheckFailed(why));
        return Vec::new();
    }
    let context = confirm.context.clone();
    // Read-only and protection are checked again: neither can change today, but a delete
    // must never slip by.
    if state.session.read_only || state.settings.protected_by(&id).is_some() {
        return state.close_overlay();
    }
    let intent = state.intent(Operation::DeleteCollection, &id, Some(&detail), &context);
    let intent = Box::new(intent);
    state.table.delete_started(&id);
    if let Some(confirm) = state.confirm_mut() {
        super::export::keep(confirm);
    }
    let mut out = state.close_overlay();
    out.push(Command::Change(Mutation {
        change: Change::DeleteCollection { id },
        intent,
    }));
    out
}

pub(crate) fn deleted(state: &mut State, id: CollectionId, outcome: Outcome<i32>, now: Timestamp) {
    state.table.delete_finished(&id);
    let call = Call {
        op: "DeleteCollection",
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    match outcome.result {
        Ok(status) => {
            let entry = call.entry(now, Level::Info, &format!("StatusCode {status}"), None);
            state.push_log(entry);
            state.table.remove(&id);
        }
        Err(err) if err.kind == ErrorKind::NotFound => {
            let text = format!("already gone ({})", crate::app::log::describe_error(&err));
            let entry = call.entry(now, Level::Warn, &text, None);
            state.push_log(entry);
            state.table.remove(&id);
        }
        Err(err) => state.log_error(call, &err, now),
    }
}
