//! What a collection holds: ListFaces, DeleteFaces, ListUsers, CreateUser, DeleteUser.

use axum::response::Response;
use uuid::Uuid;

use super::{Ctx, DEFAULT_PAGE, DEFAULT_USER_PAGE, finish_page, json, now, page_size, start};
use crate::emulator::error::ApiError;
use crate::emulator::store::{Db, FaceFilter};
use crate::emulator::token::{self, Binding};
use crate::emulator::validate::Checker;
use crate::emulator::wire::{
    DeleteFacesRequest, DeleteFacesResponse, Empty, Face, ListFacesRequest, ListFacesResponse,
    ListUsersRequest, ListUsersResponse, UnsuccessfulFaceDeletion, User, UserRequest,
};

/// FaceIds per ListFaces or DeleteFaces call.
const MAX_FACE_IDS: usize = 4096;

pub(super) fn uuids(ids: &[String]) -> Result<Vec<Uuid>, ApiError> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let uuid = Uuid::parse_str(id)
            .map_err(|_| ApiError::invalid(format!("FaceId {id} is not a valid face id")))?;
        if seen.insert(uuid) {
            out.push(uuid);
        }
    }
    Ok(out)
}

pub async fn list_faces(ctx: Ctx, req: ListFacesRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let max = c.max_results(req.max_results, (0, 4096));
    let token = c.next_token(&req.next_token);
    let user_id = req.user_id.as_deref().map(|u| c.user_id(Some(u)));
    let face_ids = req
        .face_ids
        .as_deref()
        .map(|ids| c.face_ids(Some(ids), true, MAX_FACE_IDS));
    c.finish()?;
    let filter = FaceFilter {
        user_id: user_id.clone(),
        face_ids: face_ids.as_deref().map(uuids).transpose()?,
    };
    let limit = page_size(max, DEFAULT_PAGE);
    let region = ctx.scope.clone();
    let user_part = user_id.map_or_else(String::new, |u| format!("u:{u}"));
    let ids_part = face_ids.map_or_else(String::new, |ids| format!("f:{}", ids.join(",")));
    let page = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let now = now();
            let coll = db.collection(&region, &id)?;
            let binding = Binding {
                kind: 'f',
                parts: &[&region, &id, &user_part, &ids_part],
            };
            let after = start(&db.secret, &binding, token.as_deref(), coll.pk, now)?;
            let mut rows = db.list_faces(coll.pk, after, limit + 1, &filter)?;
            let sign = |cursor| token::encode(&db.secret, &binding, cursor, now);
            let next_token = finish_page(&mut rows, limit, |f| f.seq, sign, coll.pk);
            let version = coll.face_model_version;
            let faces = rows
                .into_iter()
                .map(|f| Face {
                    face_id: f.face_id.to_string(),
                    bounding_box: f.bounding_box,
                    image_id: f.image_id.to_string(),
                    external_image_id: f.external_image_id,
                    confidence: f.confidence,
                    index_faces_model_version: version.clone(),
                    user_id: f.user_id,
                })
                .collect();
            Ok(ListFacesResponse {
                faces,
                face_model_version: version,
                next_token,
            })
        })
        .await?;
    json(&page)
}

pub async fn delete_faces(ctx: Ctx, req: DeleteFacesRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let face_ids = c.face_ids(req.face_ids.as_deref(), true, MAX_FACE_IDS);
    c.finish()?;
    let face_ids = uuids(&face_ids)?;
    let region = ctx.scope.clone();
    let (deleted, failed) = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            db.delete_faces(coll.pk, &face_ids)
        })
        .await?;
    json(&DeleteFacesResponse {
        deleted_faces: deleted.iter().map(Uuid::to_string).collect(),
        unsuccessful_face_deletions: failed
            .into_iter()
            .map(|(face_id, user_id, reason)| UnsuccessfulFaceDeletion {
                face_id: face_id.to_string(),
                user_id,
                reasons: vec![reason],
            })
            .collect(),
    })
}

pub async fn list_users(ctx: Ctx, req: ListUsersRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let max = c.max_results(req.max_results, (1, 500));
    let token = c.next_token(&req.next_token);
    c.finish()?;
    let limit = page_size(max, DEFAULT_USER_PAGE);
    let region = ctx.scope.clone();
    let page = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let now = now();
            let coll = db.collection(&region, &id)?;
            let binding = Binding {
                kind: 'u',
                parts: &[&region, &id],
            };
            let after = start(&db.secret, &binding, token.as_deref(), coll.pk, now)?;
            let mut rows = db.list_users(coll.pk, after, limit + 1)?;
            let sign = |cursor| token::encode(&db.secret, &binding, cursor, now);
            let next_token = finish_page(&mut rows, limit, |u| u.seq, sign, coll.pk);
            let users = rows
                .into_iter()
                .map(|u| User {
                    user_id: u.user_id,
                    user_status: if u.active { "ACTIVE" } else { "CREATED" },
                })
                .collect();
            Ok(ListUsersResponse { users, next_token })
        })
        .await?;
    json(&page)
}

fn user_members(req: &UserRequest) -> Result<(String, String, Option<String>), ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let user_id = c.user_id(req.user_id.as_deref());
    let token = c.client_request_token(&req.client_request_token);
    c.finish()?;
    Ok((id, user_id, token))
}

pub async fn create_user(ctx: Ctx, req: UserRequest) -> Result<Response, ApiError> {
    user_call(ctx, req, Db::create_user).await
}

pub async fn delete_user(ctx: Ctx, req: UserRequest) -> Result<Response, ApiError> {
    user_call(ctx, req, Db::delete_user).await
}

/// A store call on one user: (collection pk, collection id, user id, client request token).
type UserOp = fn(&mut Db, i64, &str, &str, Option<&str>) -> Result<(), ApiError>;

/// CreateUser and DeleteUser: validate, find the collection, run `op`, answer `{}`.
async fn user_call(ctx: Ctx, req: UserRequest, op: UserOp) -> Result<Response, ApiError> {
    let (id, user_id, token) = user_members(&req)?;
    let region = ctx.scope.clone();
    ctx.state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            op(db, coll.pk, &id, &user_id, token.as_deref())
        })
        .await?;
    json(&Empty {})
}
