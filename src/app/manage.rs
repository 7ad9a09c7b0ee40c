//! Where `update` hands the messages of "managing a collection": the detail view, DeleteFaces,
//! create, and copying to the clipboard.

use super::format::sanitize;
use super::log::{Entry, Level};
use super::msg::{Command, Msg, Timestamp};
use super::{State, create, detail, faces};

/// Whether this feature took a message.
pub(super) enum Routed {
    Handled(Vec<Command>),
    /// Not this feature's: the message goes on to the rest of `update`.
    Passed(Msg),
}

/// Handles the messages this feature owns and gives back the ones it does not.
pub(super) fn update(state: &mut State, msg: Msg, now: Timestamp) -> Routed {
    let out = match msg {
        Msg::DetailOpen => detail::open(state),
        Msg::DetailClose => {
            detail::close(state);
            Vec::new()
        }
        Msg::FaceMark => detail::mark(state),
        Msg::FacesDeleteOpen => {
            faces::open(state, now);
            Vec::new()
        }
        Msg::CreateOpen => {
            create::open(state, now);
            Vec::new()
        }
        Msg::CopyId | Msg::CopyArn => copy(state, msg == Msg::CopyArn, now),
        Msg::DetailDescribed { id, outcome } => {
            detail::described(state, id, outcome, now);
            Vec::new()
        }
        Msg::FacesLoaded { id, token, outcome } => detail::faces(state, id, token, outcome, now),
        Msg::UsersLoaded { id, outcome } => {
            detail::users(state, id, outcome, now);
            Vec::new()
        }
        Msg::FacesDeleted {
            id,
            requested,
            outcome,
        } => {
            faces::deleted(state, id, requested, outcome, now);
            Vec::new()
        }
        Msg::CollectionCreated { id, outcome } => {
            create::created(state, id, outcome, now);
            Vec::new()
        }
        Msg::Copied { what, result } => {
            let entry = match result {
                Ok(()) => Entry {
                    at: now,
                    level: Level::Info,
                    text: sanitize(&format!("Copied {what} to the clipboard (OSC 52)")),
                    hint: None,
                },
                Err(why) => Entry {
                    at: now,
                    level: Level::Error,
                    text: sanitize(&format!("Could not copy {what}: {why}")),
                    hint: None,
                },
            };
            state.push_log(entry);
            Vec::new()
        }
        // Keys and navigation while the detail view or a dialog of this feature is up.
        Msg::DeleteOpen | Msg::FilterOpen | Msg::FocusNext | Msg::SortNext | Msg::SortReverse
            if state.detail.is_some() || state.create.is_some() =>
        {
            Vec::new()
        }
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom
            if state.detail.is_some() =>
        {
            detail::navigate(state, &msg)
        }
        Msg::Refresh if state.detail.is_some() => {
            let id = state
                .detail
                .as_ref()
                .map(|d| d.id.clone())
                .unwrap_or_default();
            detail::reload(state, id)
        }
        Msg::DialogInput(_)
        | Msg::DialogBackspace
        | Msg::DialogSubmit
        | Msg::DialogCancel
        | Msg::DialogFocusNext
        | Msg::DialogFocusPrev
            if state.create.is_some() =>
        {
            create::on_key(state, msg)
        }
        Msg::DialogInput(_)
        | Msg::DialogBackspace
        | Msg::DialogSubmit
        | Msg::DialogCancel
        | Msg::DialogFocusNext
        | Msg::DialogFocusPrev
            if state.detail.as_ref().is_some_and(|d| d.confirm.is_some()) =>
        {
            faces::on_key(state, msg)
        }
        // A dead task: whatever of this feature waited on it stops waiting; the log entry is
        // written by the rest of `update`.
        Msg::TaskFailed { what } => {
            task_failed(state, &what);
            return Routed::Passed(Msg::TaskFailed { what });
        }
        other => return Routed::Passed(other),
    };
    Routed::Handled(out)
}

/// `what` is `Op id: cause`, as the effects layer names its tasks.
fn task_failed(state: &mut State, what: &str) {
    let mut words = what.split([' ', ':']);
    let (Some(op), Some(id)) = (words.next(), words.next()) else {
        return;
    };
    let lost = || "the call did not complete".to_owned();
    if op == "CreateCollection" {
        if let Some(dialog) = state.create.as_mut().filter(|d| d.id == id) {
            dialog.sending = false;
            dialog.error = Some(lost());
        }
        return;
    }
    let Some(view) = state.detail.as_mut().filter(|d| d.id == id) else {
        return;
    };
    match op {
        "ListFaces" => {
            view.pending = None;
            view.faces_error = Some(lost());
        }
        "ListUsers" => view.users = detail::Load::Failed(lost()),
        "DescribeCollection" if view.info == detail::Load::Loading => {
            view.info = detail::Load::Failed(lost());
            view.tags = detail::Load::Failed(lost());
        }
        "DeleteFaces" => view.deleting = view.deleting.saturating_sub(1),
        _ => {}
    }
}

/// `y` / `Y`: the collection in the detail view, else the selected row.
fn copy(state: &mut State, arn: bool, now: Timestamp) -> Vec<Command> {
    let id = match &state.detail {
        Some(view) => Some(view.id.clone()),
        None => state.table.selected_id().map(str::to_owned),
    };
    let Some(id) = id else {
        return Vec::new();
    };
    if !arn {
        return vec![Command::Copy {
            what: format!("collection ID {id}"),
            text: id,
        }];
    }
    match state.table.loaded(&id).and_then(|d| d.arn.clone()) {
        Some(arn) => vec![Command::Copy {
            what: format!("ARN {arn}"),
            text: arn,
        }],
        None => {
            state.push_log(Entry {
                at: now,
                level: Level::Warn,
                text: format!(
                    "The ARN of {id} is not known yet (DescribeCollection has not answered); \
                     nothing copied"
                ),
                hint: None,
            });
            Vec::new()
        }
    }
}
