//! `a` and `x` with faces marked: AssociateFaces with a user the operator names, and
//! DisassociateFaces from the users they belong to (behind a confirmation), at most
//! [`ASSOCIATE_BATCH`] faces a call. Each face the service refuses is logged with why.

use crate::app::msg::{Change, Command, Mutation, Timestamp};
use std::collections::BTreeSet;

use super::user_edit::allowed;
use crate::app::State;
use crate::app::log::{Call, Entry, Level};
use crate::app::overlay::Overlay;
use crate::app::overlay::confirm::{Action, Confirm};
use crate::app::overlay::user_form::{Purpose, UserForm};
use crate::audit::Operation;
use crate::aws::api::{ASSOCIATE_BATCH, Association, Outcome};
use crate::text::{count, sanitize};

/// The marked faces as `(FaceId, UserId)`, in the order shown; warns when none is marked.
fn marked(state: &mut State, op: &str, now: Timestamp) -> Option<Vec<(String, Option<String>)>> {
    let view = state.detail()?;
    let faces: Vec<_> = view
        .marked_faces()
        .into_iter()
        .map(|f| (f.face_id.clone(), f.user_id.clone()))
        .collect();
    if faces.is_empty() {
        state.warn(
            now,
            format!("{op}: no face is marked; Space marks a face, A marks every face shown"),
        );
        return None;
    }
    Some(faces)
}

/// `a`: the form that names the user.
pub(crate) fn associate_open(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(faces) = marked(state, "AssociateFaces", now) else {
        return Vec::new();
    };
    let what = format!("associate {}", count(faces.len() as u64, "face", "faces"));
    if let Some((id, _)) = allowed(state, "AssociateFaces", &what, "associate them", now) {
        let face_ids = faces.into_iter().map(|(f, _)| f).collect();
        let form = UserForm::new(id, Purpose::Associate { face_ids });
        state.overlay = Some(Overlay::UserForm(form));
    }
    Vec::new()
}

/// The form's Enter: one AssociateFaces per batch, each with its audit intent.
pub(crate) fn associate(
    state: &mut State,
    id: &str,
    user: &str,
    face_ids: &[String],
    _now: Timestamp,
) -> Vec<Command> {
    let intent = state.user_intent(Operation::AssociateFaces, id, user, None);
    let out: Vec<Command> = face_ids
        .chunks(ASSOCIATE_BATCH)
        .map(|ids| {
            let mut intent = intent.clone();
            intent.face_count = Some(ids.len() as u64);
            Command::Change(Mutation {
                change: Change::AssociateFaces {
                    id: id.to_owned(),
                    user: user.to_owned(),
                    face_ids: ids.to_vec(),
                },
                intent: Box::new(intent),
            })
        })
        .collect();
    if let Some(view) = state.detail_mut() {
        view.changing += out.len();
    }
    out
}

/// `x`: the confirmation naming the faces and the users they leave.
pub(crate) fn disassociate_open(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(faces) = marked(state, "DisassociateFaces", now) else {
        return Vec::new();
    };
    let owned: Vec<(String, String)> = faces
        .into_iter()
        .filter_map(|(face, user)| Some((face, user?)))
        .collect();
    if owned.is_empty() {
        state.warn(
            now,
            "DisassociateFaces: none of the marked faces belongs to a user".into(),
        );
        return Vec::new();
    }
    let what = format!(
        "disassociate {}",
        count(owned.len() as u64, "face", "faces")
    );
    let Some((id, arn)) = allowed(state, "DisassociateFaces", &what, "disassociate them", now)
    else {
        return Vec::new();
    };
    let context = state.context_of(arn.as_deref());
    let action = Action::Disassociate { faces: owned };
    state.overlay = Some(Overlay::Confirm(Confirm::new(id, context, action)));
    Vec::new()
}

/// Enter on an enabled Disassociate: per user, batches of at most 100 faces.
pub(crate) fn disassociate_confirmed(state: &mut State) -> Vec<Command> {
    let Some(Overlay::Confirm(confirm)) = state.overlay.take() else {
        return Vec::new();
    };
    let Action::Disassociate { faces } = &confirm.action else {
        return Vec::new();
    };
    let id = confirm.id.clone();
    let open = state.detail().is_some_and(|v| v.id == id);
    if state.session.read_only || state.settings.protected_by(&id).is_some() || !open {
        return Vec::new();
    }
    let mut users: Vec<&str> = Vec::new();
    for (_, user) in faces {
        if !users.contains(&user.as_str()) {
            users.push(user);
        }
    }
    let mut out = Vec::new();
    for user in users {
        let ids: Vec<String> = faces
            .iter()
            .filter(|(_, u)| u == user)
            .map(|(f, _)| f.clone())
            .collect();
        let intent = state.user_intent(
            Operation::DisassociateFaces,
            &id,
            user,
            Some(&confirm.context),
        );
        for batch in ids.chunks(ASSOCIATE_BATCH) {
            let mut intent = intent.clone();
            intent.face_count = Some(batch.len() as u64);
            out.push(Command::Change(Mutation {
                change: Change::DisassociateFaces {
                    id: id.clone(),
                    user: user.to_owned(),
                    face_ids: batch.to_vec(),
                },
                intent: Box::new(intent),
            }));
        }
    }
    if let Some(view) = state.detail_mut() {
        view.changing += out.len();
    }
    out
}

/// An AssociateFaces (`associated`) or DisassociateFaces batch answered: a summary line,
/// a line per face refused, and the faces' users updated where they are shown.
pub(crate) fn answered(
    state: &mut State,
    (id, user, associated): (String, String, bool),
    requested: Vec<String>,
    outcome: Outcome<Association>,
    now: Timestamp,
) {
    let op = if associated {
        "AssociateFaces"
    } else {
        "DisassociateFaces"
    };
    if let Some(view) = state.detail_mut().filter(|v| v.id == id) {
        view.changing = view.changing.saturating_sub(1);
    }
    let call = Call {
        op,
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    let result = match outcome.result {
        Ok(result) => result,
        Err(err) => {
            state.log_error(call, &err, now);
            return;
        }
    };
    let level = if result.unsuccessful.is_empty() {
        Level::Info
    } else {
        Level::Warn
    };
    let verb = if associated {
        "associated with"
    } else {
        "disassociated from"
    };
    let mut text = format!(
        "{} of {} {verb} user {user}",
        count(result.faces.len() as u64, "face", "faces"),
        requested.len()
    );
    if !result.unsuccessful.is_empty() {
        text.push_str(&format!("; {} refused", result.unsuccessful.len()));
    }
    if let Some(status) = &result.user_status {
        text.push_str(&format!(" (user {status})"));
    }
    state.push_log(call.entry(now, level, &text, None));
    for face in &result.unsuccessful {
        let mut text = format!("{op} {id}: face {} refused: ", face.face_id);
        text.push_str(&if face.reasons.is_empty() {
            "no reason given".to_owned()
        } else {
            face.reasons.join(", ")
        });
        if let Some(other) = &face.user_id {
            text.push_str(&format!(" (user {other})"));
        }
        state.push_log(Entry {
            at: now,
            level: Level::Warn,
            text: sanitize(&text),
            hint: None,
        });
    }
    let Some(view) = state.detail_mut().filter(|v| v.id == id) else {
        return;
    };
    let done: BTreeSet<&str> = result.faces.iter().map(String::as_str).collect();
    let owner = associated.then(|| user.clone());
    let search = view.search.as_mut().map(|s| &mut s.faces);
    for face in view.faces.iter_mut().chain(search.into_iter().flatten()) {
        if done.contains(face.face_id.as_str()) {
            face.user_id = owner.clone();
        }
    }
    if let Some(listed) = view.users.users.iter_mut().find(|u| u.user_id == user)
        && result.user_status.is_some()
    {
        listed.status = result.user_status;
    }
}
