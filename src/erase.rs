//! Erasing one person (GDPR art. 17): finding their faces, then removing exactly those faces
//! and the users the erasure names, with a record of it.
//!
//! [`erase`] goes in this order, and each step happens only once the one before it is done:
//! DescribeCollection; the erasure manifest (the faces and users, fsynced with its sha256);
//! the audit intent (fsynced: no record, no erasure); DisassociateFaces per user, at most
//! [`ASSOCIATE_BATCH`](crate::aws::api::ASSOCIATE_BATCH) faces a call, since the service keeps a
//! face that belongs to a user; DeleteFaces, at most
//! [`DELETE_FACES_BATCH`](crate::aws::api::DELETE_FACES_BATCH) a call; DeleteUser for each named
//! user left without faces; the audit outcome with the counts. A call that fails stops the
//! erasure where it is; the outcome line and the [`Report`] say how far it got.

pub mod cli;
pub mod photo;
mod plan;
mod record;
mod run;
pub mod search;
mod tally;

use std::path::PathBuf;
use std::time::Duration;

use crate::aws::api::Op;
use crate::aws::api::{ApiError, Face, FaceRefusal};
use crate::ids::UserId;

/// The proof of absence: the same criteria run again once the changes are done.
pub use crate::audit::Absence;
pub use record::base_intent;
pub use run::erase;

/// What an erasure removes, fixed when the operator confirmed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Erasure {
    /// Collection id, account, region, profile, endpoint.
    pub target: crate::manifest::Target,
    /// [`search::Search::describe`] of what found them, or "marked in the detail view", or
    /// "user U".
    pub search: String,
    /// Exactly these faces.
    pub faces: Vec<Face>,
    /// Users the erasure names: deleted when left without faces.
    pub users: Vec<UserId>,
    /// Who erases, as STS GetCallerIdentity said, for the audit trail.
    pub caller_arn: Option<String>,
    /// The search that found the faces, when the proof of absence runs it again (an
    /// ExternalImageId scan); the erased FaceIds and the named users are always looked up.
    pub recheck: Option<search::Search>,
    /// Keep ExternalImageIds and UserIds in the manifest in clear text (`--keep-names`),
    /// instead of as HMAC-SHA256 under the installation's key.
    pub keep_names: bool,
    /// When the faces were found by likeness (`--like`, `--image`): what was searched, the
    /// threshold and each face's similarity, for the listing and the manifest.
    pub likeness: Option<crate::manifest::Likeness>,
    /// The photo `--image` searched with, to search with it again for the proof of
    /// absence; never written anywhere.
    pub photo: Option<PhotoBytes>,
}

/// A photo's bytes, which debug output never shows: they are a picture of a person.
#[derive(Clone, PartialEq, Eq)]
pub struct PhotoBytes(pub std::sync::Arc<[u8]>);

impl std::fmt::Debug for PhotoBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhotoBytes({} bytes)", self.0.len())
    }
}

/// The parts of an erasure, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Describe,
    Manifest,
    Intent,
    Disassociate,
    DeleteFaces,
    DeleteUsers,
    /// Looking again for what was erased: the proof of absence.
    Recheck,
    Outcome,
}

/// What [`erase`] reports as it goes, for a log pane or a terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A stage starts; `calls` is how many API calls it is planned to take (for
    /// DeleteUsers, two per user: the ListFaces check and DeleteUser).
    Stage { stage: Stage, calls: usize },
    /// One API call, as it went.
    Call(Call),
    /// The manifest is on disk, fsynced, with its digest beside it.
    Manifest {
        path: PathBuf,
        sha256: String,
        faces: u64,
        users: u64,
    },
    /// The audit intent is on disk; the changes start.
    Intent { id: String, trail: PathBuf },
    /// A named user still has a face this erasure does not name, so is kept.
    UserKept { user_id: String, face_id: String },
    /// The proof of absence was looked for: what was found, or why it could not be.
    Rechecked {
        absence: Result<Absence, String>,
        elapsed: Duration,
    },
    /// The outcome line is written, or why it could not be.
    Recorded(Result<(), String>),
}

/// One API call of an erasure.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub op: Op,
    /// The user a DisassociateFaces, ListFaces or DeleteUser call is about.
    pub user_id: Option<String>,
    /// Face ids sent (DisassociateFaces, DeleteFaces).
    pub sent: usize,
    /// Faces disassociated or deleted, faces found (ListFaces), users deleted (DeleteUser).
    pub done: usize,
    /// Faces the service did not act on, each with its reasons.
    pub refused: Vec<FaceRefusal>,
    pub request_id: Option<String>,
    pub elapsed: Duration,
    pub error: Option<ApiError>,
}

/// A named user that was not deleted, and why: the service's error, or (kind `Refused`)
/// faces that the erasure does not name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRefusal {
    pub user_id: String,
    pub error: ApiError,
}

/// The call error that stopped an erasure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub op: Op,
    pub error: ApiError,
    pub request_id: Option<String>,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub faces_erased: Vec<String>,
    pub users_erased: Vec<String>,
    /// Faces the service would not disassociate or delete, with every reason it gave.
    pub faces_refused: Vec<FaceRefusal>,
    pub users_refused: Vec<UserRefusal>,
    /// Left alone because the erasure stopped before their turn.
    pub faces_not_reached: Vec<String>,
    pub users_not_reached: Vec<String>,
    pub manifest: PathBuf,
    pub manifest_sha256: String,
    /// The call error that stopped the erasure, if one did.
    pub stopped: Option<Stopped>,
    /// Why the outcome line could not be written, if it could not (the intent is on disk).
    pub unrecorded: Option<String>,
    /// What looking again found, or why it could not look.
    pub absence: Option<Result<Absence, String>>,
}

impl Report {
    /// A signal stopped the erasure between two calls.
    pub fn interrupted(&self) -> bool {
        self.stopped
            .as_ref()
            .is_some_and(|s| s.error.code.as_deref() == Some(run::INTERRUPTED))
    }

    /// Faces still found by the proof of absence; `None` when it could not look.
    pub fn remaining(&self) -> Option<&[String]> {
        match &self.absence {
            Some(Ok(absence)) => Some(&absence.remaining),
            Some(Err(_)) | None => None,
        }
    }

    /// Whether everything the erasure named is gone, and looking again found none of it.
    pub fn is_complete(&self) -> bool {
        self.calls_complete() && self.proven()
    }

    /// Every call went through and the service removed everything named.
    pub fn calls_complete(&self) -> bool {
        self.stopped.is_none()
            && self.faces_refused.is_empty()
            && self.users_refused.is_empty()
            && self.faces_not_reached.is_empty()
            && self.users_not_reached.is_empty()
    }

    /// Looking again found nothing; `true` also for a report made without looking (tests).
    pub fn proven(&self) -> bool {
        match &self.absence {
            Some(Ok(absence)) => absence.remaining.is_empty(),
            Some(Err(_)) => false,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests;
