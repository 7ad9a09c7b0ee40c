//! The guarded DeleteCollection: open the dialog, confirm, check the collection again, send,
//! and apply the result by collection id wherever its row is now (or whether it is shown).

use super::State;
use super::dialog::{Button, Confirm, DeleteDialog, Dialog, Match, Notice, Phase};
use super::log::{Call, Entry, Level};
use super::msg::{Command, Msg, Timestamp};
use super::results::counts;
use super::table::Detail;
use crate::api::{CollectionDetail, ErrorKind, Outcome};
use crate::audit::Operation;

pub(super) fn open(state: &mut State, now: Timestamp) {
    if state.dialog.is_some() || state.help || state.filtering {
        return;
    }
    let Some(id) = state.table.selected_id().map(str::to_owned) else {
        return;
    };
    if state.session.read_only {
        state.dialog = Some(Dialog::ReadOnly { id });
    } else if let Some(rule) = state.records.protected_by(&id) {
        let rule = rule.to_owned();
        state.dialog = Some(Dialog::Protected { id, rule });
    } else if state.table.deleting.contains(&id) {
        state.push_log(Entry {
            at: now,
            level: Level::Warn,
            text: format!("DeleteCollection {id}: already running; wait for its result"),
            hint: None,
        });
    } else {
        let detail = state.table.loaded(&id);
        let dialog = DeleteDialog::new(id.clone(), detail, state.account());
        state.dialog = Some(Dialog::Delete(dialog));
    }
}

/// Keys inside a dialog. Only Enter on an enabled Delete (after typing the id where needed)
/// goes further, and then only to the check that precedes the call.
pub(super) fn on_key(state: &mut State, msg: Msg) -> Vec<Command> {
    let dialog = match &mut state.dialog {
        None => return Vec::new(),
        Some(Dialog::ReadOnly { .. } | Dialog::Protected { .. }) => {
            return match msg {
                Msg::DialogSubmit | Msg::DialogCancel => state.close_dialog(),
                _ => Vec::new(),
            };
        }
        Some(Dialog::Delete(dialog)) => dialog,
    };
    if msg == Msg::DialogCancel {
        return state.close_dialog();
    }
    if dialog.phase == Phase::Verifying {
        return Vec::new();
    }
    match msg {
        Msg::DialogInput(c) if dialog.confirm == Confirm::TypeId => {
            dialog.input.push(c);
            dialog.notice = None;
            dialog.refocus();
        }
        Msg::DialogBackspace if dialog.confirm == Confirm::TypeId => {
            dialog.input.pop();
            dialog.notice = None;
            dialog.refocus();
        }
        Msg::DialogFocusNext | Msg::DialogFocusPrev => dialog.toggle_focus(),
        Msg::DialogSubmit => {
            let typed = dialog.matching();
            if dialog.confirm == Confirm::TypeId
                && matches!(typed, Match::Partial | Match::Mismatch)
            {
                dialog.notice = Some(Notice::Mismatch);
            } else if dialog.focus == Button::Delete && dialog.delete_enabled() {
                dialog.phase = Phase::Verifying;
                dialog.notice = None;
                return vec![Command::Verify {
                    id: dialog.id.clone(),
                }];
            } else if dialog.focus == Button::Delete
                && dialog.export.as_ref().is_some_and(|e| !e.ready())
            {
                // Delete waits for the manifest, which the dialog shows; Enter must not
                // turn into Cancel meanwhile.
            } else {
                return state.close_dialog();
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The check right before the call. The delete is sent only if the dialog still waits for
/// this very collection, the face count is what the operator was warned about, and rekog
/// may write at all.
pub(super) fn verified(
    state: &mut State,
    id: String,
    outcome: Outcome<CollectionDetail>,
    now: Timestamp,
) -> Vec<Command> {
    let call = Call {
        op: "DescribeCollection",
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    let waiting = matches!(&state.dialog,
        Some(Dialog::Delete(d)) if d.id == id && d.phase == Phase::Verifying);
    let detail = match outcome.result {
        Err(err) if err.kind == ErrorKind::NotFound && waiting => {
            let text = format!("already gone ({}); nothing to delete", err.message);
            let entry = call.entry(now, Level::Warn, &text, None);
            state.push_log(entry);
            state.table.remove(&id);
            return state.close_dialog();
        }
        Err(err) => {
            state.log_error(call, &err, now);
            if let (true, Some(Dialog::Delete(dialog))) = (waiting, &mut state.dialog) {
                dialog.phase = Phase::Editing;
                dialog.notice = Some(Notice::CheckFailed(super::log::describe_error(&err)));
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
    let generation = state.listing.generation;
    state
        .table
        .store(&id, Detail::Loaded(detail.clone()), generation);
    let Some(Dialog::Delete(dialog)) = &mut state.dialog else {
        return Vec::new();
    };
    if !waiting {
        return Vec::new();
    }
    if let Some(was) = dialog.faces.filter(|&was| Some(was) != detail.face_count) {
        dialog.set_counts(detail.face_count, detail.user_count);
        dialog.phase = Phase::Editing;
        dialog.input.clear();
        dialog.focus = Button::Cancel;
        dialog.notice = Some(Notice::Changed {
            was,
            now: detail.face_count,
        });
        return Vec::new();
    }
    if let Some(why) = dialog
        .export
        .as_ref()
        .and_then(|e| e.stale(detail.face_count))
    {
        dialog.phase = Phase::Editing;
        dialog.notice = Some(Notice::CheckFailed(why));
        return Vec::new();
    }
    // Protection is checked again: rules cannot change today, but a delete must never slip by.
    if state.session.read_only || state.records.protected_by(&id).is_some() {
        return state.close_dialog();
    }
    state.table.deleting.insert(id.clone());
    let intent = Box::new(state.intent(Operation::DeleteCollection, &id, Some(&detail)));
    let mut out = state.close_dialog();
    out.push(Command::Delete { id, intent });
    out
}

pub(super) fn deleted(state: &mut State, id: String, outcome: Outcome<i32>, now: Timestamp) {
    state.table.deleting.remove(&id);
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
            let text = format!("already gone ({})", super::log::describe_error(&err));
            let entry = call.entry(now, Level::Warn, &text, None);
            state.push_log(entry);
            state.table.remove(&id);
        }
        Err(err) => state.log_error(call, &err, now),
    }
}
