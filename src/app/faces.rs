//! DeleteFaces of the faces marked in the detail view: a confirmation bound to the
//! collection and the face ids captured when it opened, batches of at most 4096 ids, and
//! each face the service would not delete reported in the log.

use super::State;
use super::dialog::{Button, Match};
use super::format::count;
use super::log::{Call, Entry, Level};
use super::msg::{Command, Msg, Timestamp};
use crate::api::{DELETE_FACES_BATCH, FaceDeletion, Outcome};
use crate::audit::Operation;

/// More marked faces than this and the collection ID must be typed to confirm.
pub const TYPE_ID_ABOVE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacesConfirm {
    pub id: String,
    pub face_ids: Vec<String>,
    pub input: String,
    pub focus: Button,
    /// Enter was pressed on a typed ID that does not match.
    pub mismatch: bool,
}

impl FacesConfirm {
    pub fn type_id(&self) -> bool {
        self.face_ids.len() > TYPE_ID_ABOVE
    }

    pub fn matching(&self) -> Match {
        Match::of(&self.input, &self.id)
    }

    pub fn delete_enabled(&self) -> bool {
        !self.type_id() || self.matching() == Match::Full
    }
}

/// `d` in the detail view.
pub(super) fn open(state: &mut State, now: Timestamp) {
    let read_only = state.session.read_only;
    let Some(view) = &mut state.detail else {
        return;
    };
    let warn = |text: String| Entry {
        at: now,
        level: Level::Warn,
        text,
        hint: None,
    };
    let entry = if view.marked.is_empty() {
        warn("DeleteFaces: no face is marked; Space marks the selected face".into())
    } else if read_only {
        warn(format!(
            "DeleteFaces {}: refused, rekog is read-only (--read-only or REKOG_READ_ONLY=1)",
            view.id
        ))
    } else if view.deleting > 0 {
        warn(format!(
            "DeleteFaces {}: already running; wait for its result",
            view.id
        ))
    } else {
        // In list order, so the batches follow what the operator saw.
        let face_ids = view
            .faces
            .iter()
            .filter(|f| view.marked.contains(&f.face_id))
            .map(|f| f.face_id.clone())
            .collect();
        view.confirm = Some(FacesConfirm {
            id: view.id.clone(),
            face_ids,
            input: String::new(),
            focus: Button::Cancel,
            mismatch: false,
        });
        return;
    };
    state.push_log(entry);
}

/// Keys in the confirmation. Only Enter on an enabled Delete sends anything.
pub(super) fn on_key(state: &mut State, msg: Msg) -> Vec<Command> {
    let read_only = state.session.read_only;
    // Built before the view is borrowed: the audit intent needs the whole state.
    let Some(intent) = state
        .detail
        .as_ref()
        .map(|v| state.intent(Operation::DeleteFaces, &v.id, None))
    else {
        return Vec::new();
    };
    let Some(view) = &mut state.detail else {
        return Vec::new();
    };
    let Some(confirm) = &mut view.confirm else {
        return Vec::new();
    };
    match msg {
        Msg::DialogCancel => view.confirm = None,
        Msg::DialogInput(c) if confirm.type_id() => {
            confirm.input.push(c);
            confirm.mismatch = false;
            confirm.focus = focus_for(confirm);
        }
        Msg::DialogBackspace if confirm.type_id() => {
            confirm.input.pop();
            confirm.mismatch = false;
            confirm.focus = focus_for(confirm);
        }
        Msg::DialogFocusNext | Msg::DialogFocusPrev => {
            confirm.focus = match confirm.focus {
                Button::Cancel if confirm.delete_enabled() => Button::Delete,
                _ => Button::Cancel,
            };
        }
        Msg::DialogSubmit if confirm.type_id() && confirm.matching() != Match::Full => {
            confirm.mismatch = true;
        }
        Msg::DialogSubmit if confirm.focus == Button::Delete && !read_only => {
            let id = confirm.id.clone();
            let batches: Vec<Command> = confirm
                .face_ids
                .chunks(DELETE_FACES_BATCH)
                .map(|ids| {
                    let mut intent = intent.clone();
                    intent.face_count = Some(ids.len() as u64);
                    Command::DeleteFaces {
                        id: id.clone(),
                        face_ids: ids.to_vec(),
                        intent: Box::new(intent),
                    }
                })
                .collect();
            view.deleting += batches.len();
            view.confirm = None;
            return batches;
        }
        Msg::DialogSubmit => view.confirm = None,
        _ => {}
    }
    Vec::new()
}

/// Typing the full ID puts the focus on Delete; anything else back on Cancel.
fn focus_for(confirm: &FacesConfirm) -> Button {
    if confirm.matching() == Match::Full {
        Button::Delete
    } else {
        Button::Cancel
    }
}

/// One batch's result: a summary line, then a line per face the service kept, with why.
pub(super) fn deleted(
    state: &mut State,
    id: String,
    requested: Vec<String>,
    outcome: Outcome<FaceDeletion>,
    now: Timestamp,
) {
    if let Some(view) = state.detail.as_mut().filter(|d| d.id == id) {
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
            text: super::format::sanitize(&text),
            hint: None,
        });
    }
    super::detail::forget_faces(state, &id, &result.deleted);
}
