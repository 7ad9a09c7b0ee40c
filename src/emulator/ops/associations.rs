//! AssociateFaces and DisassociateFaces: the faces of a user.

use axum::response::Response;
use serde_json::json;

use super::{Ctx, json_body};
use crate::emulator::error::ApiError;
use crate::emulator::store::Db;
use crate::emulator::store::associations::FaceChange;
use crate::emulator::validate::Checker;
use crate::emulator::wire::{AssociateFacesRequest, DisassociateFacesRequest};

/// FaceIds per call, for both operations.
const MAX_FACE_IDS: usize = 100;
const DEFAULT_THRESHOLD: f32 = 75.0;

/// A store call that changes a user's faces: (collection pk, collection id, change).
type ChangeOp = fn(&mut Db, i64, &str, &FaceChange) -> Result<String, ApiError>;

pub async fn associate(ctx: Ctx, req: AssociateFacesRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let user_id = c.user_id(req.user_id.as_deref());
    let face_ids = c.face_ids(req.face_ids.as_deref(), true, MAX_FACE_IDS);
    let threshold = c.float("userMatchThreshold", req.user_match_threshold, (0.0, 100.0));
    let token = c.client_request_token(&req.client_request_token);
    c.finish()?;
    let fingerprint = json!({
        "UserId": user_id,
        "FaceIds": face_ids,
        "UserMatchThreshold": req.user_match_threshold,
    })
    .to_string();
    let change = FaceChange {
        user_id,
        face_ids: super::members::uuids(&face_ids)?,
        threshold: threshold.unwrap_or(DEFAULT_THRESHOLD),
        token,
        fingerprint,
    };
    run(ctx, id, change, Db::associate_faces).await
}

pub async fn disassociate(ctx: Ctx, req: DisassociateFacesRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let user_id = c.user_id(req.user_id.as_deref());
    let face_ids = c.face_ids(req.face_ids.as_deref(), true, MAX_FACE_IDS);
    let token = c.client_request_token(&req.client_request_token);
    c.finish()?;
    let fingerprint = json!({ "UserId": user_id, "FaceIds": face_ids }).to_string();
    let change = FaceChange {
        user_id,
        face_ids: super::members::uuids(&face_ids)?,
        threshold: DEFAULT_THRESHOLD,
        token,
        fingerprint,
    };
    run(ctx, id, change, Db::disassociate_faces).await
}

async fn run(ctx: Ctx, id: String, change: FaceChange, op: ChangeOp) -> Result<Response, ApiError> {
    let region = ctx.scope.clone();
    let body = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            op(db, coll.pk, &id, &change)
        })
        .await?;
    json_body(body)
}
