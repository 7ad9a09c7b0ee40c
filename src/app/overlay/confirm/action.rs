//! What a confirmation asks about, and what each kind needs before it may go ahead.

use crate::app::collections::export::Export;
use crate::app::detail::erase::Erasing;
use crate::app::msg::{Command, DetailCall};
use crate::ids::UserId;

/// What the operator is asked to confirm.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// DeleteCollection, with the counts the warning names and the pre-delete manifest
    /// (`None` when manifests are off).
    DeleteCollection {
        faces: Option<u64>,
        users: Option<u64>,
        export: Option<Box<Export>>,
    },
    /// DeleteFaces of these ids, in the order the operator saw them.
    DeleteFaces { face_ids: Vec<String> },
    /// DeleteUser of `user`; its faces stay in the collection, no longer associated.
    DeleteUser { user: UserId, faces: Count },
    /// DisassociateFaces of these `(FaceId, UserId)` pairs, in the order shown.
    Disassociate { faces: Vec<(String, UserId)> },
    /// An erasure of faces and users, which runs inside the dialog.
    Erase(Box<Erasing>),
}

/// A count the dialog names that a search is still making.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    /// The search with this serial is counting; `so_far` found yet.
    Counting {
        serial: u64,
        so_far: u64,
    },
    Known(u64),
    /// The count failed, with why.
    Unknown(String),
}

/// More marked faces than this and the collection ID must be typed.
pub const TYPE_ID_ABOVE_FACES: usize = 10;

/// Only a collection known to hold no face and no user skips typing its ID.
pub(super) fn typing_for(faces: Option<u64>, users: Option<u64>) -> bool {
    !(faces == Some(0) && users == Some(0))
}

impl Action {
    /// Whether the ID must be typed from the start.
    pub(super) fn typing(&self) -> bool {
        match self {
            Action::DeleteCollection { faces, users, .. } => typing_for(*faces, *users),
            Action::DeleteFaces { face_ids } => face_ids.len() > TYPE_ID_ABOVE_FACES,
            Action::Disassociate { faces } => faces.len() > TYPE_ID_ABOVE_FACES,
            // A user is named and erasures are final: always typed.
            Action::DeleteUser { .. } | Action::Erase(_) => true,
        }
    }

    /// The face count the dialog names.
    pub fn faces(&self) -> Option<u64> {
        let n = |len: usize| u64::try_from(len).ok();
        match self {
            Action::DeleteCollection { faces, .. } => *faces,
            Action::DeleteFaces { face_ids } => n(face_ids.len()),
            Action::DeleteUser { faces, .. } => match faces {
                Count::Known(n) => Some(*n),
                _ => None,
            },
            Action::Disassociate { faces } => n(faces.len()),
            Action::Erase(erasing) => erasing.faces().and_then(|f| n(f.len())),
        }
    }

    /// Whatever has to be known before the action may go ahead is known.
    pub(super) fn ready(&self) -> bool {
        match self {
            Action::DeleteCollection { export, .. } => export.as_deref().is_none_or(Export::ready),
            Action::Erase(erasing) => erasing.ready(),
            // Their counts are the faces marked or the user named: known when opened.
            Action::DeleteFaces { .. }
            | Action::DeleteUser { .. }
            | Action::Disassociate { .. } => true,
        }
    }

    /// The search this dialog waits for, stopped when it closes.
    pub fn cancel_find(&self) -> Option<Command> {
        let serial = match self {
            Action::DeleteUser {
                faces: Count::Counting { serial, .. },
                ..
            } => *serial,
            Action::Erase(erasing) => erasing.finding()?,
            // Nothing searched for them.
            Action::DeleteUser { .. }
            | Action::DeleteCollection { .. }
            | Action::DeleteFaces { .. }
            | Action::Disassociate { .. } => return None,
        };
        Some(Command::Detail(DetailCall::CancelFind { serial }))
    }
}
