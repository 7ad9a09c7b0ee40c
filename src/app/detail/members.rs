//! Which user the faces belong to: AssociateFaces of the marked faces with a user the
//! operator names, and DisassociateFaces from the users they belong to, at most
//! [`ASSOCIATE_BATCH`] faces a call. Each face the service refuses is logged with why.

use std::collections::BTreeSet;

use super::out::{Note, Out};
use super::view::DetailView;
use crate::app::log::{Call, Entry, Level};
use crate::app::msg::{Change, Mutation, Timestamp};
use crate::audit::Intent;
use crate::aws::api::{ASSOCIATE_BATCH, Association, Outcome};
use crate::ids::{CollectionId, UserId};
use crate::text::{count, sanitize};

/// AssociateFaces of `face_ids` with `user` in `id`, a call per batch, each with `intent`
/// counting its faces.
pub fn associations(
    id: &CollectionId,
    user: &UserId,
    face_ids: &[String],
    intent: &Intent,
) -> Vec<Mutation> {
    face_ids
        .chunks(ASSOCIATE_BATCH)
        .map(|ids| {
            let mut intent = intent.clone();
            intent.face_count = Some(ids.len() as u64);
            Mutation::new(
                intent,
                Change::AssociateFaces {
                    id: id.clone(),
                    user: user.clone(),
                    face_ids: ids.to_vec(),
                },
            )
        })
        .collect()
}

/// DisassociateFaces of these `(FaceId, UserId)` pairs in `id`: per user (in the order
/// they first appear), batches of at most 100 faces, each with the user's intent counting
/// its faces.
pub fn disassociations(
    id: &CollectionId,
    faces: &[(String, UserId)],
    intent_of: impl Fn(&UserId) -> Intent,
) -> Vec<Mutation> {
    let mut users: Vec<&UserId> = Vec::new();
    for (_, user) in faces {
        if !users.contains(&user) {
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
        let intent = intent_of(user);
        for batch in ids.chunks(ASSOCIATE_BATCH) {
            let mut intent = intent.clone();
            intent.face_count = Some(batch.len() as u64);
            out.push(Mutation::new(
                intent,
                Change::DisassociateFaces {
                    id: id.clone(),
                    user: user.clone(),
                    face_ids: batch.to_vec(),
                },
            ));
        }
    }
    out
}

/// An AssociateFaces (`associated`) or DisassociateFaces batch of `user` in `id` answered:
/// a summary line, a line per face refused, and the faces' users updated where the view
/// shows them.
pub fn answered(
    mut view: Option<&mut DetailView>,
    (id, user, associated): (&str, &UserId, bool),
    requested: &[String],
    outcome: Outcome<Association>,
    now: Timestamp,
) -> Out {
    let op = if associated {
        "AssociateFaces"
    } else {
        "DisassociateFaces"
    };
    if let Some(view) = view.as_deref_mut().filter(|v| v.id == id) {
        view.changing = view.changing.saturating_sub(1);
    }
    let mut out = Out::default();
    let result = match &outcome.result {
        Ok(result) => result,
        Err(err) => {
            out.note(Note::failed(op, id, &outcome, err.clone()));
            return out;
        }
    };
    let call = Call {
        op,
        target: Some(id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
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
    out.entry(call.entry(now, level, &text, None));
    for face in &result.unsuccessful {
        let text = crate::app::log::face_refused(op, id, "refused", face);
        out.entry(Entry {
            at: now,
            level: Level::Warn,
            text: sanitize(&text),
            hint: None,
        });
    }
    if let Some(view) = view.filter(|v| v.id == id) {
        let done: BTreeSet<&str> = result.faces.iter().map(String::as_str).collect();
        let owner = associated.then(|| user.clone());
        let search = view.search.as_mut().map(|s| &mut s.faces);
        for face in view.faces.iter_mut().chain(search.into_iter().flatten()) {
            if done.contains(face.face_id.as_str()) {
                face.user_id = owner.clone();
            }
        }
        if let Some(listed) = view.users.users.iter_mut().find(|u| u.user_id == *user)
            && result.user_status.is_some()
        {
            listed.status = result.user_status.clone();
        }
    }
    out
}
