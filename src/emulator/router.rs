//! The HTTP face of the emulator: one handler for every request, dispatching on
//! `X-Amz-Target` after the checks AWS makes first (size, signature, IAM, throttling).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use super::auth::{self, Keys};
use super::error::{ApiError, ErrorKind};
use super::faults::{Faults, IMAGE_OPERATIONS, OPERATIONS};
use super::ops::{self, Ctx, unknown_operation};
use super::organizations;
use super::quota::Limiter;
use super::sigv4::{self, Signed};
use super::store::Store;
use super::sts::{self, Sessions};
use super::wire::CollectionRequest;

/// The largest request body accepted. The largest valid request of these operations (200
/// tags of maximum size, or 4096 FaceIds) is well under it.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The largest body of an operation that carries an image: 5 MB of image is about 7 MB of
/// base64, and an image somewhat over 5 MB still reaches ImageTooLargeException.
pub const MAX_IMAGE_BODY_BYTES: usize = 12 * 1024 * 1024;
const TARGET_PREFIX: &str = "RekognitionService.";

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct EmulatorState {
    pub(crate) store: Store,
    shared: Arc<Shared>,
}

struct Shared {
    keys: Keys,
    faults: Arc<Faults>,
    quotas: Limiter,
    /// With stable request ids: how many times each request was seen.
    seen: Option<Mutex<HashMap<[u8; 32], u64>>>,
    stopping: watch::Receiver<bool>,
}

impl EmulatorState {
    pub(crate) fn new(
        store: Store,
        keys: Keys,
        faults: Arc<Faults>,
        quotas: Limiter,
        seen: Option<Mutex<HashMap<[u8; 32], u64>>>,
        stopping: watch::Receiver<bool>,
    ) -> Self {
        EmulatorState {
            store,
            shared: Arc::new(Shared {
                keys,
                faults,
                quotas,
                seen,
                stopping,
            }),
        }
    }

    /// The account of access keys no seeded account lists.
    pub fn account(&self) -> &str {
        &self.shared.keys.accounts.default
    }

    /// The temporary credentials issued so far, and the clock they expire by.
    pub(crate) fn sessions(&self) -> Arc<Sessions> {
        Arc::clone(&self.shared.keys.sessions)
    }

    /// The injected faults, to release them once they are held.
    pub(crate) fn faults(&self) -> Arc<Faults> {
        Arc::clone(&self.shared.faults)
    }

    /// Where `account`'s data in `region` lives in the store.
    pub(crate) fn scope(&self, account: &str, region: &str) -> String {
        self.shared.keys.accounts.scope(account, region)
    }
}

/// The emulator as an axum app; every path and method reaches the one handler.
pub fn router(state: EmulatorState) -> Router {
    Router::new().fallback(handle).with_state(state)
}

async fn handle(
    State(state): State<EmulatorState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let body = read_body(&headers, body).await;
    let request_id = match (&state.shared.seen, &body) {
        (Some(seen), Ok(bytes)) => stable_id(seen, &headers, bytes),
        _ => request_id(),
    };
    let decision = state.shared.faults.decide();
    if let Some(delay) = decision.delay {
        let mut stopping = state.shared.stopping.clone();
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            _ = stopping.wait_for(|stop| *stop) => {}
        }
    }
    let result = answer(
        &state,
        &method,
        &uri,
        &headers,
        body,
        decision.failure,
        &request_id,
    )
    .await;
    let mut response = match result {
        Ok(response) => response,
        // STS clients read errors in the query protocol's XML, not Rekognition's JSON.
        Err(err) if sts::is_sts(&headers) => sts::error_of(&err, &request_id),
        Err(err) => err.into_response(),
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amzn-requestid", value);
    }
    response
}

/// A request id as AWS's look: a random (v4) UUID. Drawn from a generator seeded once per
/// thread rather than from the OS per request: an id must be unique, not secret, and a
/// `getrandom` call for each showed in the profile of the fleet bench (32,000 requests).
fn request_id() -> String {
    thread_local! {
        static STATE: std::cell::Cell<u64> = std::cell::Cell::new({
            let (high, low) = uuid::Uuid::new_v4().as_u64_pair();
            high ^ low
        });
    }
    // SplitMix64: every state gives a distinct output, and the state walks all 2^64 values.
    fn next(state: &std::cell::Cell<u64>) -> u64 {
        let s = state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        state.set(s);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    let (high, low) = STATE.with(|state| (next(state), next(state)));
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&high.to_be_bytes());
    bytes[8..].copy_from_slice(&low.to_be_bytes());
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// A request id from the operation, the body and how many times the same request came:
/// the same requests get the same ids, in whatever order concurrent requests arrive.
fn stable_id(seen: &Mutex<HashMap<[u8; 32], u64>>, headers: &HeaderMap, body: &[u8]) -> String {
    use sha2::Digest;
    let mut hash = sha2::Sha256::new();
    let target = headers.get("x-amz-target").map(HeaderValue::as_bytes);
    hash.update(target.unwrap_or_default());
    hash.update(body);
    let key: [u8; 32] = hash.finalize().into();
    // The map holds plain counters: one left half-updated by a panic is still a counter.
    let mut seen = seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let n = seen.entry(key).or_insert(0);
    *n += 1;
    let mut nth = sha2::Sha256::new();
    nth.update(key);
    nth.update(n.to_be_bytes());
    let digest = nth.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The body, within the size limit of its operation.
async fn read_body(headers: &HeaderMap, body: Body) -> Result<axum::body::Bytes, ApiError> {
    let carries_image = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .and_then(|t| t.strip_prefix(TARGET_PREFIX))
        .is_some_and(|op| IMAGE_OPERATIONS.contains(&op));
    let limit = if carries_image {
        MAX_IMAGE_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    };
    let declared = headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let too_large = |size: String| {
        ApiError::new(
            ErrorKind::RequestEntityTooLarge,
            format!("Request body of {size} bytes is over the limit of {limit} bytes"),
        )
    };
    if let Some(size) = declared.filter(|&n| n > limit as u64) {
        return Err(too_large(size.to_string()));
    }
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large(format!("more than {limit}")))
}

async fn answer(
    state: &EmulatorState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Result<axum::body::Bytes, ApiError>,
    injected: Option<ApiError>,
    request_id: &str,
) -> Result<Response, ApiError> {
    let body = body?;

    let auth = sigv4::parse(headers)?;
    let is_sts = sts::is_sts(headers);
    let signed = Signed {
        method,
        path: uri.path(),
        query: uri.query().unwrap_or(""),
        headers,
        body: &body,
    };
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let organizations = target.strip_prefix(organizations::TARGET_PREFIX);
    let service = match (is_sts, organizations) {
        (true, _) => "sts",
        (false, Some(_)) => "organizations",
        (false, None) => "rekognition",
    };
    let keys = &state.shared.keys;
    let caller = auth::authenticate(keys, &auth, &signed, service)?;
    if is_sts {
        return Ok(sts::answer(keys, &caller, &body, request_id));
    }
    if let Some(operation) = organizations {
        return Ok(organizations::answer(
            &keys.accounts,
            &caller.account,
            operation,
            &body,
        ));
    }

    let operation = target
        .strip_prefix(TARGET_PREFIX)
        .filter(|op| OPERATIONS.contains(op));
    let (Some(operation), &Method::POST, "/") = (operation, method, uri.path()) else {
        let shown = if target.is_empty() {
            "(no X-Amz-Target)"
        } else {
            target
        };
        return Err(unknown_operation(&format!(
            "{method} {} {shown}",
            uri.path()
        )));
    };

    if state.shared.faults.disabled(&auth.region) {
        // What an opt-in region the account has not enabled answers: it knows no keys.
        return Err(ApiError::new(
            ErrorKind::UnrecognizedClient,
            "The security token included in the request is invalid.",
        ));
    }
    if state.shared.faults.denies(operation, &auth.region)
        || keys.accounts.denies(&caller.account, operation)
    {
        let id = serde_json::from_slice::<CollectionRequest>(&body)
            .ok()
            .and_then(|r| r.collection_id)
            .unwrap_or_else(|| "*".to_owned());
        return Err(ApiError::new(
            ErrorKind::AccessDenied,
            format!(
                "User: {} is not authorized to perform: \
                 rekognition:{operation} on resource: {} with an explicit deny",
                caller.principal.arn(&caller.account),
                ops::arn(&auth.region, &caller.account, &id)
            ),
        ));
    }
    let scope = state.scope(&caller.account, &auth.region);
    // Quotas are per account and region, as on AWS; held with the faults.
    if !state.shared.faults.is_held() {
        state.shared.quotas.admit(&scope, operation)?;
    }
    if let Some(failure) = injected {
        return Err(failure);
    }
    let ctx = Ctx {
        state: state.clone(),
        region: auth.region,
        account: caller.account,
        scope,
    };
    ops::dispatch(ctx, operation, &body).await
}

#[cfg(test)]
mod tests;
