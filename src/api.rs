//! The AWS layer's domain types: what the app knows about collections and calls, with no
//! SDK type leaking past this module. `sdk.rs` implements [`Rekognition`] on the real client.

use std::future::Future;
use std::time::Duration;

/// A collection as ListCollections reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub id: String,
    pub face_model_version: Option<String>,
}

/// What DescribeCollection reports. Every field is optional because the service may omit any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CollectionDetail {
    pub face_count: Option<u64>,
    pub user_count: Option<u64>,
    pub face_model_version: Option<String>,
    pub arn: Option<String>,
    /// Epoch seconds.
    pub created: Option<i64>,
}

/// One page of ListCollections.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub collections: Vec<Collection>,
    pub next_token: Option<String>,
}

/// The small set of failure classes the UI reacts to differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    AccessDenied,
    Throttled,
    InvalidParameter,
    Service,
    Network,
    Timeout,
    Credentials,
    /// The app refused to send the call (read-only mode).
    Refused,
    Other,
}

/// An API failure, keeping what the operator needs to act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// The service's error code, e.g. `AccessDeniedException`.
    pub code: Option<String>,
    pub message: String,
    pub status: Option<u16>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{code}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The result of one API call with the facts the log pane shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<T> {
    pub result: Result<T, ApiError>,
    pub request_id: Option<String>,
    pub elapsed: Duration,
}

/// The operations rekog performs. One implementation talks to AWS (or the emulator) through
/// aws-sdk-rekognition; the trait keeps the app testable and the SDK at arm's length.
pub trait Rekognition: Send + Sync + 'static {
    fn list_page(&self, token: Option<String>) -> impl Future<Output = Outcome<Page>> + Send;
    fn describe(&self, id: &str) -> impl Future<Output = Outcome<CollectionDetail>> + Send;
    /// Returns the StatusCode the service reported.
    fn delete(&self, id: &str) -> impl Future<Output = Outcome<i32>> + Send;
}
