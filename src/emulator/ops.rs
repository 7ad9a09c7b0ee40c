//! The operations: each parses its members, validates them, runs one job on the store and
//! shapes the answer.

mod associations;
mod collections;
mod matching;
mod members;
mod tags;
mod user_search;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, ErrorKind};
use super::router::EmulatorState;
use super::token::{self, Binding, Cursor};

/// Page size when MaxResults is absent or 0 (ListCollections, ListFaces).
pub const DEFAULT_PAGE: u32 = 1000;
/// Page size when MaxResults is absent (ListUsers).
pub const DEFAULT_USER_PAGE: u32 = 100;

/// What every operation knows about its request.
pub struct Ctx {
    pub state: EmulatorState,
    pub region: String,
    /// The caller's account.
    pub account: String,
    /// Where the account's collections in the region live in the store.
    pub scope: String,
}

impl Ctx {
    /// The ARN of collection `id` of the caller's account in the request's region.
    pub fn arn(&self, id: &str) -> String {
        arn(&self.region, &self.account, id)
    }
}

pub fn arn(region: &str, account: &str, id: &str) -> String {
    format!("arn:aws:rekognition:{region}:{account}:collection/{id}")
}

pub async fn dispatch(ctx: Ctx, operation: &str, body: &[u8]) -> Result<Response, ApiError> {
    match operation {
        "CreateCollection" => collections::create(ctx, parse(body)?).await,
        "DeleteCollection" => collections::delete(ctx, parse(body)?).await,
        "ListCollections" => collections::list(ctx, parse(body)?).await,
        "DescribeCollection" => collections::describe(ctx, parse(body)?).await,
        "ListFaces" => members::list_faces(ctx, parse(body)?).await,
        "DeleteFaces" => members::delete_faces(ctx, parse(body)?).await,
        "ListUsers" => members::list_users(ctx, parse(body)?).await,
        "CreateUser" => members::create_user(ctx, parse(body)?).await,
        "DeleteUser" => members::delete_user(ctx, parse(body)?).await,
        "AssociateFaces" => associations::associate(ctx, parse(body)?).await,
        "DisassociateFaces" => associations::disassociate(ctx, parse(body)?).await,
        "TagResource" => tags::tag(ctx, parse(body)?).await,
        "UntagResource" => tags::untag(ctx, parse(body)?).await,
        "ListTagsForResource" => tags::list(ctx, parse(body)?).await,
        "IndexFaces" => matching::index_faces(ctx, parse(body)?).await,
        "SearchFaces" => matching::search_faces(ctx, parse(body)?).await,
        "SearchFacesByImage" => matching::search_faces_by_image(ctx, parse(body)?).await,
        "SearchUsers" => user_search::search_users(ctx, parse(body)?).await,
        "SearchUsersByImage" => user_search::search_users_by_image(ctx, parse(body)?).await,
        other => Err(unknown_operation(other)),
    }
}

pub fn unknown_operation(target: &str) -> ApiError {
    ApiError::new(
        ErrorKind::UnknownOperation,
        format!("Operation {target} is not supported by this endpoint"),
    )
}

/// JSON 1.1 body to request members; an empty body is an empty object.
fn parse<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            ErrorKind::Serialization,
            format!("The request body is not a valid request for this operation: {e}"),
        )
    })
}

fn json<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    let body = serde_json::to_string(value)
        .map_err(|e| ApiError::internal(format!("Cannot encode the response: {e}")))?;
    json_body(body)
}

/// A response body already encoded (a replayed answer is kept as it was sent).
fn json_body(body: String) -> Result<Response, ApiError> {
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    Ok(response)
}

/// Where a page starts: after the token's key, or at the beginning. A token for another
/// incarnation of the collection (deleted and created again) is stale.
fn start(
    secret: &[u8],
    binding: &Binding<'_>,
    token: Option<&str>,
    scope: i64,
    now: i64,
) -> Result<i64, ApiError> {
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Ok(0);
    };
    let cursor = token::decode(secret, binding, token, now)?;
    if cursor.scope != scope {
        return Err(token::stale());
    }
    Ok(cursor.last)
}

/// Cuts the extra row fetched to learn whether more follow, and signs the next token.
fn finish_page<T>(
    rows: &mut Vec<T>,
    limit: u32,
    key: impl Fn(&T) -> i64,
    next: impl FnOnce(Cursor) -> String,
    scope: i64,
) -> Option<String> {
    if rows.len() <= limit as usize {
        return None;
    }
    rows.truncate(limit as usize);
    rows.last().map(|row| {
        next(Cursor {
            scope,
            last: key(row),
        })
    })
}

fn now() -> i64 {
    crate::time::now_secs() as i64
}

fn page_size(max: Option<u32>, default: u32) -> u32 {
    match max {
        None | Some(0) => default,
        Some(n) => n,
    }
}
