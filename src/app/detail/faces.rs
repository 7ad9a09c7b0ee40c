//! DeleteFaces of the faces marked in the detail view: a confirmation bound to the
//! collection and the face ids captured when it opened, batches of at most 4096 ids, and
//! each face the service would not delete reported in the log.

use crate::app::State;
use crate::app::log::{Call, Entry, Level};
use crate::app::msg::{Change, Command, Mutation, Timestamp};
use crate::app::overlay::confirm::{Action, Confirm};
use crate::app::overlay::{Notice, Overlay};
use crate::audit::Operation;
use crate::aws::api::{DELETE_FACES_BATCH, FaceDeletion, Outcome};
use crate::text::{count, sanitize};

/// `d` in the detail view.
pub(crate) fn open(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(view) = state.detail() else {
        return Vec::new();
    };
    let id = view.id.clone();
    if view.marked.is_empty() {
        state.warn(
            now,
            "DeleteFaces: no face is marked; Space marks the selected face".into(),
        );
        return Vec::new();
    }
    if view.deleting > 0 {
        state.warn(
            now,
            format!("DeleteFaces {id}: already running; wait for its result"),
        );
        return Vec::new();
    }
    // In list order, so the batches follow what the operator saw.
    let face_ids: Vec<String> = view
        .marked_faces()
        .into_iter()
        .map(|f| f.face_id.clone())
        .collect();
    let arn = view.arn().map(str::to_owned);
    let what = format!(
        "delete {} from {id}",
        count(face_ids.len() as u64, "face", "faces")
    );
    if state.refuse_read_only(&format!("DeleteFaces {id}"), &what, "delete them", now) {
        return Vec::new();
    }
    // A protected collection keeps its faces too: deleting them all empties it as surely.
    if let Some(rule) = state.settings.protected_by(&id) {
        let rule = rule.to_owned();
        state.overlay = Some(Overlay::Notice(Notice::Protected { id, rule }));
        return Vec::new();
    }
    let context = state.context_of(arn.as_deref());
    let confirm = Confirm::new(id, context, Action::DeleteFaces { face_ids });
    state.overlay = Some(Overlay::Confirm(confirm));
    Vec::new()
}

/// The operator confirmed: one DeleteFaces call per batch, each with its audit intent.
pub(crate) fn confirmed(state: &mut State, _now: Timestamp) -> Vec<Command> {
    let Some(Overlay::Confirm(confirm)) = state.overlay.take() else {
        return Vec::new();
    };
    let Action::DeleteFaces { face_ids } = &confirm.action else {
        return Vec::new();
    };
    let id = confirm.id.clone();
    let open = state.detail().is_some_and(|v| v.id == id);
    if state.session.read_only || state.settings.protected_by(&id).is_some() || !open {
        return Vec::new();
    }
    let intent = state.intent(Operation::DeleteFaces, &id, None, &confirm.context);
    let batches: Vec<Command> = face_ids
        .chunks(DELETE_FACES_BATCH)
        .map(|ids| {
            let mut intent = intent.clone();
            intent.face_count = Some(ids.len() as u64);
            Command::Change(Mutation {
                change: Change::DeleteFaces {
                    id: id.clone(),
                    face_ids: ids.to_vec(),
                },
                intent: Box::new(intent),
            })
        })
        .collect();
    if let Some(view) = state.detail_mut() {
        view.deleting += batches.len();
    }
    batches
}

/// One batch's result: a summary line, then a line per face the service kept, with why.
pub(crate) fn deleted(
    state: &mut State,
    id: String,
    requested: Vec<String>,
    outcome: Outcome<FaceDeletion>,
    now: Timestamp,
) {
    if let Some(view) = state.detail_mut().filter(|d| d.id == id) {
        view.deleting = view.deleting.saturating_sub(1);
    }
    let call = Call {
        op: "DeleteFaces",
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
    let mut text = format!(
        "{} of {} deleted",
        count(result.deleted.len() as u64, "face", "faces"),
        requested.len()
    );
    if !result.unsuccessful.is_empty() {
        text.push_str(&format!("; {} not deleted", result.unsuccessful.len()));
    }
    state.push_log(call.entry(now, level, &text, None));
    for face in &result.unsuccessful {
        let mut text = format!("DeleteFaces {id}: face {} not deleted: ", face.face_id);
        text.push_str(&if face.reasons.is_empty() {
            "no reason given".to_owned()
        } else {
            face.reasons.join(", ")
        });
        if let Some(user) = &face.user_id {
            text.push_str(&format!(" (user {user})"));
        }
        state.push_log(Entry {
            at: now,
            level: Level::Warn,
            text: sanitize(&text),
            hint: None,
        });
    }
    super::answers::forget_faces(state, &id, &result.deleted);
}
