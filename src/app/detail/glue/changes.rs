//! The changes the detail view's keys and dialogs ask for, inside the app: the checks every
//! change passes (read-only mode, protection, the view still open), the serial number of a
//! dialog's search, the audit intents, and the in-flight counts of the view.

use super::commands;
use crate::app::State;
use crate::app::detail::dialogs::Dialog;
use crate::app::detail::{erase, faces, members, users};
use crate::app::msg::{Command, DialogKey, Mutation, Timestamp};
use crate::app::overlay::confirm::Action;
use crate::app::overlay::user_form::Purpose;
use crate::app::overlay::{Notice, Overlay};
use crate::audit::Operation;
use crate::ids::UserId;

/// A key that opens a dialog: refused in read-only mode (which says so) and on a protected
/// collection (which shows why); a dialog about a user's faces starts finding them.
pub(in crate::app) fn ask(state: &mut State, dialog: Dialog, now: Timestamp) -> Vec<Command> {
    let ask = match state.detail().map(|v| v.ask(dialog)) {
        Some(Ok(Some(ask))) => ask,
        Some(Ok(None)) | None => return Vec::new(),
        Some(Err(why)) => {
            state.warn(now, why);
            return Vec::new();
        }
    };
    if state.refuse_read_only(&ask.op, &ask.what, ask.verb, now) {
        return Vec::new();
    }
    // A protected collection keeps its faces and users too: emptying it is as final.
    if let Some(rule) = state.settings.protected_by(&ask.id) {
        let (id, rule) = (ask.id, rule.to_owned());
        state.overlay = Some(Overlay::Notice(Notice::Protected { id, rule }));
        return Vec::new();
    }
    if ask.searches() {
        state.serial += 1;
    }
    let context = state.context_of(ask.arn.as_deref());
    let (overlay, call) = ask.open(context, state.serial);
    state.overlay = Some(overlay);
    commands(call.into_iter().collect())
}

/// A change may still go out to `id`: its view is open, rekog is not read-only, and no rule
/// protects it (all checked again, as they may have changed while the dialog was open).
fn may_change(state: &State, id: &str) -> bool {
    let open = state.detail().is_some_and(|v| v.id == id);
    open && !state.session.read_only && state.settings.protected_by(id).is_none()
}

/// The changes go out, each counted by the view as in flight.
fn send(state: &mut State, changes: Vec<Mutation>) -> Vec<Command> {
    if let Some(view) = state.detail_mut() {
        for mutation in &changes {
            view.sent(&mutation.change);
        }
    }
    changes.into_iter().map(Command::Change).collect()
}

/// Enter on an enabled button of a confirmation the view opened: the changes confirmed,
/// each with its audit intent.
pub(in crate::app) fn confirmed(state: &mut State, now: Timestamp) -> Vec<Command> {
    if state
        .confirm()
        .is_some_and(|c| matches!(c.action, Action::Erase(_)))
    {
        return erase_confirmed(state, now);
    }
    let Some(Overlay::Confirm(confirm)) = state.overlay.take() else {
        return Vec::new();
    };
    let (id, context) = (&confirm.id, &confirm.context);
    if !may_change(state, id) {
        return Vec::new();
    }
    let (cancel, changes) = match &confirm.action {
        Action::DeleteFaces { face_ids } => {
            let intent = state.intent(Operation::DeleteFaces, id, None, context);
            (None, faces::deletions(id, face_ids, &intent))
        }
        Action::DeleteUser { user, faces } => {
            let intent = state.user_intent(Operation::DeleteUser, id, user, Some(context));
            let change = users::deletion(id.clone(), user.clone(), faces, intent);
            (confirm.action.cancel_find(), vec![change])
        }
        Action::Disassociate { faces } => {
            let op = Operation::DisassociateFaces;
            let intent_of = |user: &UserId| state.user_intent(op, id, user, Some(context));
            (None, members::disassociations(id, faces, intent_of))
        }
        // The table's, and the erasure (above).
        Action::DeleteCollection { .. } | Action::Erase(_) => (None, Vec::new()),
    };
    let mut out: Vec<Command> = cancel.into_iter().collect();
    out.extend(send(state, changes));
    out
}

/// Enter on an enabled Erase: the erasure starts, and the dialog shows it until it ends.
fn erase_confirmed(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(id) = state.confirm().map(|c| c.id.clone()) else {
        return Vec::new();
    };
    if state.session.read_only || state.settings.protected_by(&id).is_some() {
        return Vec::new();
    }
    let endpoint = state.session.endpoint.clone();
    let caller_arn = state.identity.as_ref().and_then(|i| i.arn.clone());
    let Some(confirm) = state.confirm_mut() else {
        return Vec::new();
    };
    let erasure = erase::start(confirm, endpoint, caller_arn, now);
    erasure.map(Command::Change).into_iter().collect()
}

/// Keys in the UserId form. Enter sends only an ID with nothing wrong in it.
pub(in crate::app) fn form_key(state: &mut State, key: DialogKey) -> Vec<Command> {
    let Some(Overlay::UserForm(form)) = &mut state.overlay else {
        return Vec::new();
    };
    match key {
        DialogKey::Cancel => state.overlay = None,
        DialogKey::Input(c) => form.type_char(c),
        DialogKey::Backspace => form.backspace(),
        DialogKey::Submit => return form_submit(state),
        // The form has one field.
        DialogKey::FocusNext | DialogKey::FocusPrev => {}
    }
    Vec::new()
}

/// The form's Enter: CreateUser (the form waits for it), or AssociateFaces of the faces it
/// captured, a call per batch (the form closes).
fn form_submit(state: &mut State) -> Vec<Command> {
    let Some(Overlay::UserForm(form)) = &mut state.overlay else {
        return Vec::new();
    };
    let Some(user) = form.ready() else {
        return Vec::new();
    };
    let (id, purpose) = (form.id.clone(), form.purpose.clone());
    if !may_change(state, &id) {
        return Vec::new();
    }
    let changes = match purpose {
        Purpose::Create => {
            let intent = state.user_intent(Operation::CreateUser, &id, &user, None);
            if let Some(Overlay::UserForm(form)) = &mut state.overlay {
                form.sending = true;
            }
            vec![users::creation(id, user, intent)]
        }
        Purpose::Associate { face_ids } => {
            state.overlay = None;
            let intent = state.user_intent(Operation::AssociateFaces, &id, &user, None);
            members::associations(&id, &user, &face_ids, &intent)
        }
    };
    send(state, changes)
}

/// Ctrl-C (or `q`): while an erasure runs the first one waits for its end and says so; a
/// second one quits at once, leaving an audit intent without its outcome.
pub(in crate::app) fn quit(state: &mut State, now: Timestamp) -> Vec<Command> {
    let held = state
        .confirm_mut()
        .and_then(|c| Some((erase::hold_quit(c)?, c.id.clone())));
    if let Some((true, id)) = held {
        state.push_log(erase::quitting(&id, now));
        return Vec::new();
    }
    state.quit = true;
    vec![Command::Quit]
}
