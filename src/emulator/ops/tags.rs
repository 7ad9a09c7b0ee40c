//! TagResource, UntagResource, ListTagsForResource on collection ARNs.

use axum::response::Response;

use super::{Ctx, json};
use crate::emulator::error::ApiError;
use crate::emulator::validate::Checker;
use crate::emulator::wire::{
    Empty, ListTagsRequest, ListTagsResponse, TagResourceRequest, UntagResourceRequest,
};

/// The collection id an ARN names, if it is a collection of this account in this region.
fn collection_of(ctx: &Ctx, arn: &str) -> Result<String, ApiError> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ["arn", _partition, "rekognition", region, account, resource] = parts[..] else {
        return Err(ApiError::invalid(format!(
            "ResourceArn {arn} is not a Rekognition ARN \
             (arn:aws:rekognition:REGION:ACCOUNT:collection/ID)"
        )));
    };
    let Some(id) = resource.strip_prefix("collection/") else {
        return Err(ApiError::invalid(format!(
            "ResourceArn {arn} does not name a collection"
        )));
    };
    if region != ctx.region || account != ctx.account {
        return Err(ApiError::not_found(format!(
            "The resource {arn} does not exist in account {} region {}",
            ctx.account, ctx.region
        )));
    }
    Ok(id.to_owned())
}

pub async fn tag(ctx: Ctx, req: TagResourceRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let arn = c.resource_arn(&req.resource_arn);
    if req.tags.is_none() {
        c.string("tags", None, (0, 0), None);
    }
    let tags = req.tags.unwrap_or_default();
    c.tags("tags", &tags);
    c.finish()?;
    let id = collection_of(&ctx, &arn)?;
    let region = ctx.scope;
    ctx.state
        .store
        .call(move |db| db.tag(&region, &id, &tags))
        .await?;
    json(&Empty {})
}

pub async fn untag(ctx: Ctx, req: UntagResourceRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let arn = c.resource_arn(&req.resource_arn);
    let keys = c.tag_keys(req.tag_keys.as_deref());
    c.finish()?;
    let id = collection_of(&ctx, &arn)?;
    let region = ctx.scope;
    ctx.state
        .store
        .call(move |db| db.untag(&region, &id, &keys))
        .await?;
    json(&Empty {})
}

pub async fn list(ctx: Ctx, req: ListTagsRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let arn = c.resource_arn(&req.resource_arn);
    c.finish()?;
    let id = collection_of(&ctx, &arn)?;
    let region = ctx.scope;
    let tags = ctx
        .state
        .store
        .call(move |db| db.tags(&region, &id))
        .await?;
    json(&ListTagsResponse { tags })
}
