//! Users like a face, a user or an image: SearchUsers and SearchUsersByImage. A user is as
//! like the searched face as the best of its own faces.

use axum::response::Response;
use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::matching::{
    DEFAULT_THRESHOLD, QUALITY_FILTERS, detect, face_detail, image_bytes, no_face,
};
use super::{Ctx, json};
use crate::emulator::error::ApiError;
use crate::emulator::likeness;
use crate::emulator::store::users::no_such_user;
use crate::emulator::store::{Db, db_error};
use crate::emulator::validate::Checker;
use crate::emulator::wire::{
    FaceRef, SearchUsersByImageRequest, SearchUsersByImageResponse, SearchUsersRequest,
    SearchUsersResponse, SearchedFaceDetails, SearchedUser, User, UserMatch,
};

/// MaxUsers' range; the most is also the default.
const MAX_USERS: i64 = 500;

fn user_matches(found: Vec<(String, f32)>) -> Vec<UserMatch> {
    found
        .into_iter()
        .map(|(user_id, similarity)| UserMatch {
            similarity,
            // A user found through its faces has faces: ACTIVE.
            user: User {
                user_id,
                user_status: "ACTIVE",
            },
        })
        .collect()
}

fn user_exists(db: &Db, coll: i64, user_id: &str) -> Result<bool, ApiError> {
    db.conn
        .prepare_cached("SELECT 1 FROM users WHERE coll = ?1 AND user_id = ?2")
        .and_then(|mut s| {
            s.query_row(rusqlite::params![coll, user_id], |_| Ok(()))
                .optional()
        })
        .map(|found| found.is_some())
        .map_err(db_error)
}

/// Whom SearchUsers searches with.
enum Searched {
    Face(String, Uuid),
    User(String),
}

pub async fn search_users(ctx: Ctx, req: SearchUsersRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let user_id = req.user_id.as_deref().map(|u| c.user_id(Some(u)));
    let face_id = c.face_id(req.face_id.as_deref(), false);
    let threshold = c.float("userMatchThreshold", req.user_match_threshold, (0.0, 100.0));
    let max = c.integer("maxUsers", req.max_users, (1, MAX_USERS));
    c.finish()?;
    let searched = match (user_id, face_id) {
        (Some(user), None) => Searched::User(user),
        (None, Some(face)) => {
            let uuid = Uuid::parse_str(&face)
                .map_err(|_| ApiError::invalid(format!("FaceId {face} is not a valid face id")))?;
            Searched::Face(face, uuid)
        }
        _ => {
            return Err(ApiError::invalid(
                "Request has invalid parameters: give exactly one of UserId and FaceId",
            ));
        }
    };
    let limit = max.map_or(MAX_USERS as usize, |m| m as usize);
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    let region = ctx.scope.clone();
    let answer = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            let version = coll.face_model_version;
            let mut answer = SearchUsersResponse {
                user_matches: Vec::new(),
                face_model_version: version,
                searched_face: None,
                searched_user: None,
            };
            let found = match searched {
                Searched::Face(face_id, uuid) => {
                    let Some((seq, vector)) = db.face_vector(coll.pk, &uuid)? else {
                        return Err(ApiError::invalid("faceId was not found in the collection."));
                    };
                    answer.searched_face = Some(FaceRef { face_id });
                    db.search_users(coll.pk, &vector, threshold, limit, Some(seq), None)?
                }
                Searched::User(user_id) => {
                    if !user_exists(db, coll.pk, &user_id)? {
                        return Err(no_such_user(&user_id, &id));
                    }
                    // A user is searched for as the mean of its faces.
                    let faces = db.user_vectors(coll.pk, &user_id)?;
                    let found = match likeness::centroid(&faces) {
                        Some(centroid) => db.search_users(
                            coll.pk,
                            &centroid,
                            threshold,
                            limit,
                            None,
                            Some(&user_id),
                        )?,
                        None => Vec::new(),
                    };
                    answer.searched_user = Some(SearchedUser { user_id });
                    found
                }
            };
            answer.user_matches = user_matches(found);
            Ok(answer)
        })
        .await?;
    json(&answer)
}

pub async fn search_users_by_image(
    ctx: Ctx,
    req: SearchUsersByImageRequest,
) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let image = c.present("image", req.image);
    let threshold = c.float("userMatchThreshold", req.user_match_threshold, (0.0, 100.0));
    let max = c.integer("maxUsers", req.max_users, (1, MAX_USERS));
    c.one_of(
        "qualityFilter",
        req.quality_filter.as_deref(),
        &QUALITY_FILTERS,
    );
    c.finish()?;
    let detected = detect(image_bytes(image)?).await?;
    let limit = max.map_or(MAX_USERS as usize, |m| m as usize);
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    let region = ctx.scope.clone();
    let answer = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            let d = detected.ok_or_else(no_face)?;
            let found = db.search_users(coll.pk, &d.vector, threshold, limit, None, None)?;
            Ok(SearchUsersByImageResponse {
                user_matches: user_matches(found),
                face_model_version: coll.face_model_version,
                searched_face: SearchedFaceDetails {
                    face_detail: face_detail(&d),
                },
                unsearched_faces: Vec::new(),
            })
        })
        .await?;
    json(&answer)
}
