//! Faces of a user: AssociateFaces and DisassociateFaces. Both are idempotent on
//! ClientRequestToken as the service documents it: the same token and request answer the
//! same response again, even after later changes; the token with another request of the same
//! operation is IdempotentParameterMismatchException. A user is ACTIVE while it has faces.

use rusqlite::{OptionalExtension, Transaction, params};
use sha2::Digest;
use uuid::Uuid;

use super::users::{exists, no_such_user, token_mismatch};
use super::{Db, db_error};
use crate::emulator::error::{ApiError, ErrorKind};
use crate::emulator::wire::{
    AssociateFacesResponse, DisassociateFacesResponse, FaceRef, UnsuccessfulFaceAssociation,
    UnsuccessfulFaceDisassociation,
};

/// The service's limit of faces associated with one user.
pub const MAX_FACES_PER_USER: u64 = 100;

/// One AssociateFaces or DisassociateFaces call, its members validated.
#[derive(Debug, Clone)]
pub struct FaceChange {
    pub user_id: String,
    /// Without duplicates, in request order.
    pub face_ids: Vec<Uuid>,
    /// AssociateFaces' UserMatchThreshold (75 when absent).
    pub threshold: f32,
    pub token: Option<String>,
    /// The members as the client sent them: a token replays only this same request.
    pub fingerprint: String,
}

/// The confidence that a face matches a user. Not the faces' similarity (`likeness`), so
/// that associating works whatever the images (seeded faces of no `people` are like no
/// other face): a stable value in [90, 100) per (face, user), which the default threshold
/// of 75 always passes and a high one lets clients meet LOW_MATCH_CONFIDENCE, run after run.
pub fn match_confidence(face: &Uuid, user_id: &str) -> f32 {
    let hash = sha2::Sha256::new()
        .chain_update(face.as_bytes())
        .chain_update(user_id.as_bytes())
        .finalize();
    let n = u16::from_be_bytes([hash[0], hash[1]]) % 10_000;
    90.0 + f32::from(n) / 1000.0
}

fn owner(tx: &Transaction<'_>, coll: i64, face: &Uuid) -> Result<Option<Option<String>>, ApiError> {
    tx.prepare_cached("SELECT user_id FROM faces WHERE coll = ?1 AND face_id = ?2")
        .and_then(|mut s| {
            s.query_row(params![coll, face.as_bytes()], |r| r.get(0))
                .optional()
        })
        .map_err(db_error)
}

fn set_owner(
    tx: &Transaction<'_>,
    coll: i64,
    face: &Uuid,
    user_id: Option<&str>,
) -> Result<(), ApiError> {
    tx.prepare_cached("UPDATE faces SET user_id = ?3 WHERE coll = ?1 AND face_id = ?2")
        .and_then(|mut s| s.execute(params![coll, face.as_bytes(), user_id]))
        .map(drop)
        .map_err(db_error)
}

/// How many faces `user_id` has, through the user index.
fn face_count(tx: &Transaction<'_>, coll: i64, user_id: &str) -> Result<u64, ApiError> {
    tx.prepare_cached(
        "SELECT count(*) FROM faces INDEXED BY faces_by_user WHERE coll = ?1 AND user_id = ?2",
    )
    .and_then(|mut s| s.query_row(params![coll, user_id], |r| r.get::<_, i64>(0)))
    .map(|n| n.max(0) as u64)
    .map_err(db_error)
}

fn status(faces: u64) -> &'static str {
    if faces > 0 { "ACTIVE" } else { "CREATED" }
}

fn associate(
    tx: &Transaction<'_>,
    coll: i64,
    collection_id: &str,
    change: &FaceChange,
) -> Result<AssociateFacesResponse, ApiError> {
    let user = change.user_id.as_str();
    if !exists(tx, coll, user)? {
        return Err(no_such_user(user, collection_id));
    }
    let before = face_count(tx, coll, user)?;
    let mut count = before;
    let (mut associated, mut failed) = (Vec::new(), Vec::new());
    let mut fail = |face: &Uuid,
                    user_id: Option<String>,
                    confidence: Option<f32>,
                    reasons: Vec<&'static str>| {
        failed.push(UnsuccessfulFaceAssociation {
            face_id: face.to_string(),
            user_id,
            confidence,
            reasons,
        })
    };
    for face in &change.face_ids {
        match owner(tx, coll, face)? {
            None => fail(face, None, None, vec!["FACE_NOT_FOUND"]),
            // Already this user's: left out of both lists, as the service documents.
            Some(Some(current)) if current == user => {}
            Some(Some(other)) => fail(
                face,
                Some(other),
                None,
                vec!["ASSOCIATED_TO_A_DIFFERENT_USER"],
            ),
            Some(None) => {
                let confidence = match_confidence(face, user);
                // The threshold guards a user that already has a representation to match.
                if before > 0 && confidence < change.threshold {
                    let reasons = vec!["LOW_MATCH_CONFIDENCE"];
                    fail(face, Some(user.to_owned()), Some(confidence), reasons);
                } else if before >= MAX_FACES_PER_USER {
                    return Err(ApiError::new(
                        ErrorKind::ServiceQuotaExceeded,
                        format!(
                            "The user id: {user} already has {MAX_FACES_PER_USER} faces \
                             associated, the most a user can have"
                        ),
                    ));
                } else if count >= MAX_FACES_PER_USER {
                    // Listed as unsuccessful, as documented; the model has no reason for it.
                    fail(face, Some(user.to_owned()), None, Vec::new());
                } else {
                    set_owner(tx, coll, face, Some(user))?;
                    count += 1;
                    associated.push(FaceRef {
                        face_id: face.to_string(),
                    });
                }
            }
        }
    }
    Ok(AssociateFacesResponse {
        associated_faces: associated,
        unsuccessful_face_associations: failed,
        user_status: status(count),
    })
}

fn disassociate(
    tx: &Transaction<'_>,
    coll: i64,
    collection_id: &str,
    change: &FaceChange,
) -> Result<DisassociateFacesResponse, ApiError> {
    let user = change.user_id.as_str();
    if !exists(tx, coll, user)? {
        return Err(no_such_user(user, collection_id));
    }
    let (mut done, mut failed) = (Vec::new(), Vec::new());
    for face in &change.face_ids {
        let reason = match owner(tx, coll, face)? {
            None => (None, "FACE_NOT_FOUND"),
            // Not associated with anyone: left out of both lists, as the service documents.
            Some(None) => continue,
            Some(Some(current)) if current == user => {
                set_owner(tx, coll, face, None)?;
                done.push(FaceRef {
                    face_id: face.to_string(),
                });
                continue;
            }
            Some(Some(other)) => (Some(other), "ASSOCIATED_TO_A_DIFFERENT_USER"),
        };
        failed.push(UnsuccessfulFaceDisassociation {
            face_id: face.to_string(),
            user_id: reason.0,
            reasons: vec![reason.1],
        });
    }
    Ok(DisassociateFacesResponse {
        disassociated_faces: done,
        unsuccessful_face_disassociations: failed,
        user_status: status(face_count(tx, coll, user)?),
    })
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value)
        .map_err(|e| ApiError::internal(format!("Cannot encode the response: {e}")))
}

impl Db {
    /// AssociateFaces; the answer is the response body.
    pub fn associate_faces(
        &mut self,
        coll: i64,
        collection_id: &str,
        change: &FaceChange,
    ) -> Result<String, ApiError> {
        self.idempotent(coll, "associate", change, |tx| {
            encode(&associate(tx, coll, collection_id, change)?)
        })
    }

    /// DisassociateFaces; the answer is the response body.
    pub fn disassociate_faces(
        &mut self,
        coll: i64,
        collection_id: &str,
        change: &FaceChange,
    ) -> Result<String, ApiError> {
        self.idempotent(coll, "disassociate", change, |tx| {
            encode(&disassociate(tx, coll, collection_id, change)?)
        })
    }

    /// Runs `work` in one transaction, unless the change's token already answered this
    /// request; with a token, the answer is kept in the same transaction as the change.
    fn idempotent(
        &mut self,
        coll: i64,
        op: &str,
        change: &FaceChange,
        work: impl FnOnce(&Transaction<'_>) -> Result<String, ApiError>,
    ) -> Result<String, ApiError> {
        self.materialise(coll)?;
        let tx = self.conn.transaction().map_err(db_error)?;
        let token = change.token.as_deref();
        if let Some(token) = token {
            let seen: Option<(String, String)> = tx
                .query_row(
                    "SELECT request, response FROM face_requests
                     WHERE coll = ?1 AND op = ?2 AND token = ?3",
                    params![coll, op, token],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(db_error)?;
            match seen {
                Some((request, response)) if request == change.fingerprint => return Ok(response),
                Some(_) => return Err(token_mismatch(token)),
                None => {}
            }
        }
        let response = work(&tx)?;
        if let Some(token) = token {
            tx.execute(
                "INSERT INTO face_requests(coll, op, token, request, response)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![coll, op, token, change.fingerprint, response],
            )
            .map_err(db_error)?;
        }
        tx.commit().map_err(db_error)?;
        Ok(response)
    }
}

#[cfg(test)]
mod tests;
