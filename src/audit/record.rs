//! One line of the trail, and what callers hand in to have one written.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The mutations that are audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    DeleteCollection,
    CreateCollection,
    DeleteFaces,
    /// One person's faces and users removed: DisassociateFaces, DeleteFaces and DeleteUser
    /// calls under one intent, so the trail says what the erasure was as a whole.
    Erasure,
    CreateUser,
    DeleteUser,
    AssociateFaces,
    DisassociateFaces,
    /// A manifest removed by rekog (`rekog manifests --prune`, `manifest_retention`): no
    /// call, but `rekog audit --verify` then counts it pruned, not missing.
    PruneManifest,
}

impl Operation {
    /// The API operation's name, as the trail records it.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::DeleteCollection => "DeleteCollection",
            Operation::CreateCollection => "CreateCollection",
            Operation::DeleteFaces => "DeleteFaces",
            Operation::Erasure => "Erasure",
            Operation::CreateUser => "CreateUser",
            Operation::DeleteUser => "DeleteUser",
            Operation::AssociateFaces => "AssociateFaces",
            Operation::DisassociateFaces => "DisassociateFaces",
            Operation::PruneManifest => "PruneManifest",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    Intent,
    Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    Success,
    Error,
    /// The call may or may not have taken effect (a timeout, a dropped connection, a
    /// process that died mid-call).
    Unknown,
    /// A signal stopped it between two calls; the record says how far it got.
    Interrupted,
    /// rekog died before it ended; `rekog erase --resume` finished it (`resumed_by`).
    Resumed,
}

/// What is about to be done, and where. Counts are the ones shown to the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    pub operation: Operation,
    pub collection_id: String,
    pub collection_arn: Option<String>,
    pub account: Option<String>,
    pub caller_arn: Option<String>,
    pub region: String,
    pub profile: Option<String>,
    pub endpoint: Option<String>,
    pub face_count: Option<u64>,
    pub user_count: Option<u64>,
    /// The user a user operation acts on (CreateUser, DeleteUser, AssociateFaces,
    /// DisassociateFaces).
    pub user_id: Option<String>,
    /// The manifest exported before a delete, and its sha256 (hex).
    pub manifest: Option<PathBuf>,
    pub manifest_sha256: Option<String>,
    /// The request this change serves (`--ticket`), e.g. DSAR-2026-0042.
    pub ticket: Option<String>,
    /// The unfinished erasure (its intent's id) this one finishes (`rekog erase --resume`).
    pub resumes: Option<String>,
}

impl Intent {
    /// An intent with only the required parts; set the rest by field.
    pub fn new(operation: Operation, collection_id: &str, region: &str) -> Intent {
        Intent {
            operation,
            collection_id: collection_id.to_owned(),
            collection_arn: None,
            account: None,
            caller_arn: None,
            region: region.to_owned(),
            profile: None,
            endpoint: None,
            face_count: None,
            user_count: None,
            user_id: None,
            manifest: None,
            manifest_sha256: None,
            ticket: None,
            resumes: None,
        }
    }
}

/// How a call went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub outcome: OutcomeKind,
    pub status_code: Option<u16>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub request_id: Option<String>,
    /// The call's own duration; when `None` the time since the intent line is used.
    pub duration_ms: Option<u64>,
    /// What an erasure removed and what it could not; `None` for single calls.
    pub erased: Option<Erased>,
    /// The proof of absence of an erasure, or why it could not be made.
    pub absence: Option<Result<Absence, String>>,
    /// After a DeleteCollection: whether DescribeCollection then said it is gone.
    pub verified_absent: Option<bool>,
    /// An erasure's faces and users that are not gone, each with why, for its receipt.
    pub left: Option<Left>,
}

/// What an erasure did not remove. Faces by FaceId (opaque); users by position only, since
/// an erasure keeps no person's UserId in clear on the trail.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Left {
    /// Faces the service kept, with its reasons (`FACE_NOT_FOUND`: already gone).
    pub faces_kept: Vec<KeptFace>,
    /// Faces not reached: a call failed before their turn.
    pub faces_unreached: Vec<String>,
    /// Why each named user that was not deleted was kept.
    pub users_kept: Vec<String>,
    pub users_unreached: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFace {
    pub face_id: String,
    pub reasons: Vec<String>,
}

/// What looking again after an erasure found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Absence {
    /// The searches run again, described.
    pub looked: Vec<String>,
    /// FaceIds still found.
    pub remaining: Vec<String>,
}

/// An erasure's counts, on its outcome line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Erased {
    pub faces: u64,
    pub users: u64,
    /// Refused by the service, or not reached because a call failed.
    pub faces_failed: u64,
    pub users_failed: u64,
}

impl Outcome {
    pub fn success(status_code: u16, request_id: Option<String>) -> Outcome {
        Outcome {
            outcome: OutcomeKind::Success,
            status_code: Some(status_code),
            error_code: None,
            error_message: None,
            request_id,
            duration_ms: None,
            erased: None,
            absence: None,
            verified_absent: None,
            left: None,
        }
    }

    pub fn error(
        status_code: Option<u16>,
        error_code: &str,
        error_message: &str,
        request_id: Option<String>,
    ) -> Outcome {
        Outcome {
            outcome: OutcomeKind::Error,
            status_code,
            error_code: Some(error_code.to_owned()),
            error_message: Some(error_message.to_owned()),
            request_id,
            duration_ms: None,
            erased: None,
            absence: None,
            verified_absent: None,
            left: None,
        }
    }

    pub fn unknown(why: &str) -> Outcome {
        Outcome {
            outcome: OutcomeKind::Unknown,
            status_code: None,
            error_code: None,
            error_message: Some(why.to_owned()),
            request_id: None,
            duration_ms: None,
            erased: None,
            absence: None,
            verified_absent: None,
            left: None,
        }
    }
}

/// One line of the trail, with the fields in the order they are written. Every field is
/// always present (null when unknown), so every line has the same shape for `jq` and co.
/// Lines from other versions may lack fields: only `time`, `event` and `id` are required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The record's place in the chain: 1, 2, ... (absent on lines from before the chain).
    pub seq: Option<u64>,
    /// Hex SHA-256 of the previous record's line (see `chain`).
    pub prev: Option<String>,
    /// RFC 3339, UTC.
    pub time: String,
    pub event: Event,
    pub id: String,
    pub operation: Option<String>,
    pub collection_id: Option<String>,
    pub collection_arn: Option<String>,
    pub account: Option<String>,
    pub caller_arn: Option<String>,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint: Option<String>,
    pub os_user: Option<String>,
    pub ssh_connection: Option<String>,
    pub face_count: Option<u64>,
    pub user_count: Option<u64>,
    pub user_id: Option<String>,
    pub manifest: Option<String>,
    pub manifest_sha256: Option<String>,
    pub outcome: Option<OutcomeKind>,
    pub status_code: Option<u16>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub request_id: Option<String>,
    pub duration_ms: Option<u64>,
    /// An erasure's outcome: what it removed and what it could not.
    pub faces_erased: Option<u64>,
    pub users_erased: Option<u64>,
    pub faces_failed: Option<u64>,
    pub users_failed: Option<u64>,
    /// The proof of absence of an erasure: faces still found (0 when none), their ids, the
    /// searches run again, or why looking again failed.
    pub remaining: Option<u64>,
    pub remaining_face_ids: Option<Vec<String>>,
    pub rechecked: Option<Vec<String>>,
    pub recheck_error: Option<String>,
    /// After a DeleteCollection: DescribeCollection answered ResourceNotFoundException.
    pub verified_absent: Option<bool>,
    /// An erasure's outcome: what it did not remove, and why.
    pub left: Option<Left>,
    pub ticket: Option<String>,
    /// The unfinished erasure this one finishes, and on that one's outcome, the erasure
    /// that finished it.
    pub resumes: Option<String>,
    pub resumed_by: Option<String>,
    /// The machine rekog ran on.
    pub host: Option<String>,
    pub version: Option<String>,
}

impl Record {
    pub(super) fn intent(
        intent: &Intent,
        id: String,
        time: String,
        os_user: Option<String>,
        ssh_connection: Option<String>,
        host: Option<String>,
    ) -> Record {
        Record {
            seq: None,
            prev: None,
            time,
            event: Event::Intent,
            id,
            operation: Some(intent.operation.as_str().to_owned()),
            collection_id: Some(intent.collection_id.clone()),
            collection_arn: intent.collection_arn.clone(),
            account: intent.account.clone(),
            caller_arn: intent.caller_arn.clone(),
            region: Some(intent.region.clone()),
            profile: intent.profile.clone(),
            endpoint: intent.endpoint.clone(),
            os_user,
            ssh_connection,
            face_count: intent.face_count,
            user_count: intent.user_count,
            user_id: intent.user_id.clone(),
            manifest: intent
                .manifest
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned()),
            manifest_sha256: intent.manifest_sha256.clone(),
            outcome: None,
            status_code: None,
            error_code: None,
            error_message: None,
            request_id: None,
            duration_ms: None,
            faces_erased: None,
            users_erased: None,
            faces_failed: None,
            users_failed: None,
            remaining: None,
            remaining_face_ids: None,
            rechecked: None,
            recheck_error: None,
            verified_absent: None,
            left: None,
            ticket: intent.ticket.clone(),
            resumes: intent.resumes.clone(),
            resumed_by: None,
            host,
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }
    }

    /// The outcome line for this intent: the intent's context, then how it went. The
    /// version is this build's, which may differ from the intent's.
    pub(super) fn outcome(&self, outcome: &Outcome, time: String, elapsed_ms: u64) -> Record {
        Record {
            seq: None,
            prev: None,
            time,
            event: Event::Outcome,
            outcome: Some(outcome.outcome),
            status_code: outcome.status_code,
            error_code: outcome.error_code.clone(),
            error_message: outcome.error_message.clone(),
            request_id: outcome.request_id.clone(),
            duration_ms: Some(outcome.duration_ms.unwrap_or(elapsed_ms)),
            faces_erased: outcome.erased.map(|e| e.faces),
            users_erased: outcome.erased.map(|e| e.users),
            faces_failed: outcome.erased.map(|e| e.faces_failed),
            users_failed: outcome.erased.map(|e| e.users_failed),
            remaining: match &outcome.absence {
                Some(Ok(a)) => Some(a.remaining.len() as u64),
                Some(Err(_)) | None => None,
            },
            remaining_face_ids: match &outcome.absence {
                Some(Ok(a)) => Some(a.remaining.clone()),
                Some(Err(_)) | None => None,
            },
            rechecked: match &outcome.absence {
                Some(Ok(a)) => Some(a.looked.clone()),
                Some(Err(_)) | None => None,
            },
            recheck_error: match &outcome.absence {
                Some(Err(why)) => Some(why.clone()),
                Some(Ok(_)) | None => None,
            },
            verified_absent: outcome.verified_absent,
            left: outcome.left.clone(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            ..self.clone()
        }
    }
}
