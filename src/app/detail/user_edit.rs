//! `c` and `d` in the users pane: CreateUser from a form that checks the UserId as it is
//! typed, and DeleteUser behind a confirmation that names the user and how many faces it
//! holds (counted with ListFaces' UserId filter; unknown until counted).

use super::{Pane, face_rows};
use crate::app::State;
use crate::app::log::{Call, Level};
use crate::app::msg::{Change, Command, DetailCall, DialogKey, Mutation, Timestamp};
use crate::app::overlay::confirm::{Action, Confirm, Count};
use crate::app::overlay::user_form::{Purpose, UserForm};
use crate::app::overlay::{Notice, Overlay};
use crate::audit::Operation;
use crate::aws::api::Outcome;
use crate::erase::search::{Found, Progress, Search};

/// A mutation of the open view's collection may be asked for: not read-only (which says
/// so), not protected (which shows why). Returns the collection and its ARN.
pub(crate) fn allowed(
    state: &mut State,
    op: &str,
    what: &str,
    verb: &str,
    now: Timestamp,
) -> Option<(String, Option<String>)> {
    let view = state.detail()?;
    let (id, arn) = (view.id.clone(), view.arn().map(str::to_owned));
    let what = format!("{what} in {id}");
    if state.refuse_read_only(&format!("{op} {id}"), &what, verb, now) {
        return None;
    }
    if let Some(rule) = state.settings.protected_by(&id) {
        let rule = rule.to_owned();
        state.overlay = Some(Overlay::Notice(Notice::Protected { id, rule }));
        return None;
    }
    Some((id, arn))
}

/// `c` in the users pane.
pub(crate) fn create_open(state: &mut State, now: Timestamp) -> Vec<Command> {
    if let Some((id, _)) = allowed(state, "CreateUser", "create a user", "create one", now) {
        state.overlay = Some(Overlay::UserForm(UserForm::new(id, Purpose::Create)));
    }
    Vec::new()
}

/// Keys in the UserId form. Enter sends only an ID with nothing wrong in it.
pub(crate) fn form_key(state: &mut State, key: DialogKey, now: Timestamp) -> Vec<Command> {
    let Some(Overlay::UserForm(form)) = &mut state.overlay else {
        return Vec::new();
    };
    match key {
        DialogKey::Cancel => state.overlay = None,
        DialogKey::Input(c) => form.type_char(c),
        DialogKey::Backspace => form.backspace(),
        DialogKey::Submit => return submit(state, now),
        // The form has one field.
        DialogKey::FocusNext | DialogKey::FocusPrev => {}
    }
    Vec::new()
}

fn submit(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(Overlay::UserForm(form)) = &state.overlay else {
        return Vec::new();
    };
    let Some(user) = form.ready() else {
        return Vec::new();
    };
    let (id, purpose) = (form.id.clone(), form.purpose.clone());
    let open = state.detail().is_some_and(|v| v.id == id);
    if state.session.read_only || state.settings.protected_by(&id).is_some() || !open {
        return Vec::new();
    }
    match purpose {
        Purpose::Create => {
            let intent = state.user_intent(Operation::CreateUser, &id, &user, None);
            if let Some(Overlay::UserForm(form)) = &mut state.overlay {
                form.sending = true;
            }
            if let Some(view) = state.detail_mut() {
                view.changing += 1;
            }
            vec![Command::Change(Mutation {
                change: Change::CreateUser { id, user },
                intent: Box::new(intent),
            })]
        }
        Purpose::Associate { face_ids } => {
            state.overlay = None;
            super::members::associate(state, &id, &user, &face_ids, now)
        }
    }
}

/// CreateUser answered: the form closes and the user joins the list, or the form says why.
pub(crate) fn created(
    state: &mut State,
    id: String,
    user: String,
    outcome: Outcome<()>,
    now: Timestamp,
) {
    let failed = logged(state, "CreateUser", &id, &user, &outcome, now);
    let waiting = matches!(&state.overlay, Some(Overlay::UserForm(f))
        if f.sending && f.id == id && f.input == user);
    match failed {
        Some(why) if waiting => {
            if let Some(Overlay::UserForm(form)) = &mut state.overlay {
                form.sending = false;
                form.error = Some(why);
            }
        }
        Some(_) => {}
        None => {
            if waiting {
                state.overlay = None;
            }
            if let Some(view) = view_of(state, &id) {
                view.users.created(&user);
                if let super::Load::Loaded(d) = &mut view.info {
                    d.user_count = d.user_count.map(|n| n + 1);
                }
            }
        }
    }
}

/// The CreateUser task died: the form may be sent again.
pub(crate) fn lost(state: &mut State, id: &str, user: &str) {
    if let Some(Overlay::UserForm(form)) = &mut state.overlay
        && form.sending
        && form.id == id
        && form.input == user
    {
        form.sending = false;
        form.error = Some("the call did not complete".into());
    }
}

/// `d` in the users pane: the confirmation opens at once, and the user's faces are counted.
pub(crate) fn delete_open(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(user) = state.detail().and_then(|v| {
        (v.pane == Pane::Users)
            .then(|| v.users.selected().map(|u| u.user_id.clone()))
            .flatten()
    }) else {
        return Vec::new();
    };
    let what = format!("delete user {user}");
    let Some((id, arn)) = allowed(state, "DeleteUser", &what, "delete it", now) else {
        return Vec::new();
    };
    state.serial += 1;
    let serial = state.serial;
    let context = state.context_of(arn.as_deref());
    let faces = Count::Counting { serial, so_far: 0 };
    let search = Search::User(user.clone());
    let action = Action::DeleteUser { user, faces };
    state.overlay = Some(Overlay::Confirm(Confirm::new(id.clone(), context, action)));
    vec![Command::Detail(DetailCall::FindFaces {
        id,
        serial,
        search,
        total: None,
    })]
}

/// The DeleteUser dialog's count, while that search runs.
fn count_of<'a>(state: &'a mut State, id: &str, serial: u64) -> Option<&'a mut Count> {
    let confirm = state.confirm_mut().filter(|c| c.id == id)?;
    match &mut confirm.action {
        Action::DeleteUser { faces, .. } => {
            let counting = matches!(faces, Count::Counting { serial: s, .. } if *s == serial);
            counting.then_some(faces)
        }
        _ => None,
    }
}

/// Progress of a count (or of the faces of a user to erase).
pub(crate) fn counting(state: &mut State, id: &str, serial: u64, p: Progress) {
    if let Some(Count::Counting { so_far, .. }) = count_of(state, id, serial) {
        *so_far = p.matched;
    } else {
        super::erase::finding(state, id, serial, p.matched);
    }
}

/// A count finished. Returns whether a dialog waited for it.
pub(crate) fn counted(state: &mut State, id: &str, serial: u64, outcome: &Outcome<Found>) -> bool {
    let Some(count) = count_of(state, id, serial) else {
        return false;
    };
    *count = match &outcome.result {
        Ok(found) => Count::Known(found.faces.len() as u64),
        Err(err) => Count::Unknown(crate::app::log::describe_error(err)),
    };
    true
}

/// Enter on an enabled Delete in the DeleteUser dialog.
pub(crate) fn delete_confirmed(state: &mut State) -> Vec<Command> {
    let Some(Overlay::Confirm(confirm)) = state.overlay.take() else {
        return Vec::new();
    };
    let Action::DeleteUser { user, faces } = &confirm.action else {
        return Vec::new();
    };
    let id = confirm.id.clone();
    let open = state.detail().is_some_and(|v| v.id == id);
    if state.session.read_only || state.settings.protected_by(&id).is_some() || !open {
        return Vec::new();
    }
    let mut intent = state.user_intent(Operation::DeleteUser, &id, user, Some(&confirm.context));
    if let Count::Known(n) = faces {
        intent.face_count = Some(*n);
    }
    if let Some(view) = state.detail_mut() {
        view.changing += 1;
    }
    let mut out: Vec<Command> = confirm.action.cancel_find().into_iter().collect();
    out.push(Command::Change(Mutation {
        change: Change::DeleteUser {
            id,
            user: user.clone(),
        },
        intent: Box::new(intent),
    }));
    out
}

/// DeleteUser answered: the user leaves the list, and its faces belong to no one.
pub(crate) fn deleted(
    state: &mut State,
    id: String,
    user: String,
    outcome: Outcome<()>,
    now: Timestamp,
) {
    if logged(state, "DeleteUser", &id, &user, &outcome, now).is_some() {
        return;
    }
    let rows = face_rows(state.height);
    let Some(view) = view_of(state, &id) else {
        return;
    };
    view.users.remove(&user, rows);
    let owned = |f: &crate::aws::api::Face| f.user_id.as_deref() == Some(user.as_str());
    for face in view.faces.iter_mut().filter(|f| owned(f)) {
        face.user_id = None;
    }
    if let Some(search) = &mut view.search {
        for face in search.faces.iter_mut().filter(|f| owned(f)) {
            face.user_id = None;
        }
    }
    if let super::Load::Loaded(d) = &mut view.info {
        d.user_count = d.user_count.map(|n| n.saturating_sub(1));
    }
}

/// The open view of `id`, one call fewer in flight.
fn view_of<'a>(state: &'a mut State, id: &str) -> Option<&'a mut super::DetailView> {
    state.detail_mut().filter(|v| v.id == id)
}

/// Logs a CreateUser or DeleteUser result; returns why it failed, if it did.
fn logged(
    state: &mut State,
    op: &'static str,
    id: &str,
    user: &str,
    outcome: &Outcome<()>,
    now: Timestamp,
) -> Option<String> {
    if let Some(view) = view_of(state, id) {
        view.changing = view.changing.saturating_sub(1);
    }
    let call = Call {
        op,
        target: Some(id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    match &outcome.result {
        Ok(()) => {
            let done = if op == "CreateUser" {
                "created"
            } else {
                "deleted"
            };
            let text = format!("user {user} {done}");
            state.push_log(call.entry(now, Level::Info, &text, None));
            None
        }
        Err(err) => {
            state.log_error(call, err, now);
            Some(crate::app::log::describe_error(err))
        }
    }
}
