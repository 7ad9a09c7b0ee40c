//! CreateCollection, DeleteCollection, ListCollections, DescribeCollection.

use axum::response::Response;

use super::{Ctx, DEFAULT_PAGE, finish_page, json, now, page_size, start};
use crate::emulator::error::ApiError;
use crate::emulator::seed::DEFAULT_FACE_MODEL_VERSION;
use crate::emulator::store::collections::NewCollection;
use crate::emulator::token::{self, Binding};
use crate::emulator::validate::Checker;
use crate::emulator::wire::{
    CollectionRequest, CreateCollectionRequest, CreateCollectionResponse,
    DescribeCollectionResponse, ListCollectionsRequest, ListCollectionsResponse, StatusResponse,
};

pub async fn create(ctx: Ctx, req: CreateCollectionRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let tags = req.tags.unwrap_or_default();
    c.tags("tags", &tags);
    c.finish()?;
    let arn = ctx.arn(&id);
    let region = ctx.scope;
    ctx.state
        .store
        .call(move |db| {
            db.create_collection(&NewCollection {
                region: &region,
                id: &id,
                created: crate::time::now_secs(),
                face_model_version: DEFAULT_FACE_MODEL_VERSION,
                tags: &tags,
            })
        })
        .await?;
    json(&CreateCollectionResponse {
        status_code: 200,
        collection_arn: arn,
        face_model_version: DEFAULT_FACE_MODEL_VERSION.to_owned(),
    })
}

pub async fn delete(ctx: Ctx, req: CollectionRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    c.finish()?;
    let region = ctx.scope;
    ctx.state
        .store
        .call(move |db| db.delete_collection(&region, &id))
        .await?;
    json(&StatusResponse { status_code: 200 })
}

pub async fn describe(ctx: Ctx, req: CollectionRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    c.finish()?;
    let region = ctx.scope.clone();
    let row = ctx
        .state
        .store
        .call(move |db| db.collection(&region, &id))
        .await?;
    json(&DescribeCollectionResponse {
        face_count: row.face_count,
        user_count: row.user_count,
        face_model_version: row.face_model_version,
        collection_arn: ctx.arn(&row.id),
        creation_timestamp: row.created,
    })
}

pub async fn list(ctx: Ctx, req: ListCollectionsRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let max = c.max_results(req.max_results, (0, 4096));
    let token = c.next_token(&req.next_token);
    c.finish()?;
    let limit = page_size(max, DEFAULT_PAGE);
    let region = ctx.scope;
    let page = ctx
        .state
        .store
        .call(move |db| {
            let now = now();
            let binding = Binding {
                kind: 'c',
                parts: &[&region],
            };
            let after = start(&db.secret, &binding, token.as_deref(), 0, now)?;
            let mut rows = db.list_collections(&region, after, limit + 1)?;
            let sign = |cursor| token::encode(&db.secret, &binding, cursor, now);
            let next_token = finish_page(&mut rows, limit, |r| r.0, sign, 0);
            let (ids, versions) = rows.into_iter().map(|(_, id, v)| (id, v)).unzip();
            Ok(ListCollectionsResponse {
                collection_ids: ids,
                face_model_versions: versions,
                next_token,
            })
        })
        .await?;
    json(&page)
}
