//! The errors the emulator answers with, shaped as AWS JSON 1.1 errors so that the Rust SDK,
//! botocore and aws-cli turn them into their typed exceptions.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One error answer: the kind decides `__type` and the HTTP status, the text is `Message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
}

/// Every error type the emulator can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    AccessDenied,
    InternalServerError,
    InvalidParameter,
    ProvisionedThroughputExceeded,
    ResourceNotFound,
    Throttling,
    ResourceAlreadyExists,
    ServiceQuotaExceeded,
    InvalidPaginationToken,
    Conflict,
    IdempotentParameterMismatch,
    Serialization,
    UnknownOperation,
    UnrecognizedClient,
    ExpiredToken,
    InvalidSignature,
    IncompleteSignature,
    MissingAuthenticationToken,
    RequestEntityTooLarge,
    InvalidImageFormat,
    ImageTooLarge,
    InvalidS3Object,
}

impl ErrorKind {
    /// The `__type` clients match on.
    pub fn type_name(self) -> &'static str {
        match self {
            Self::AccessDenied => "AccessDeniedException",
            Self::InternalServerError => "InternalServerError",
            Self::InvalidParameter => "InvalidParameterException",
            Self::ProvisionedThroughputExceeded => "ProvisionedThroughputExceededException",
            Self::ResourceNotFound => "ResourceNotFoundException",
            Self::Throttling => "ThrottlingException",
            Self::ResourceAlreadyExists => "ResourceAlreadyExistsException",
            Self::ServiceQuotaExceeded => "ServiceQuotaExceededException",
            Self::InvalidPaginationToken => "InvalidPaginationTokenException",
            Self::Conflict => "ConflictException",
            Self::IdempotentParameterMismatch => "IdempotentParameterMismatchException",
            Self::Serialization => "SerializationException",
            Self::UnknownOperation => "UnknownOperationException",
            Self::UnrecognizedClient => "UnrecognizedClientException",
            Self::ExpiredToken => "ExpiredTokenException",
            Self::InvalidSignature => "InvalidSignatureException",
            Self::IncompleteSignature => "IncompleteSignatureException",
            Self::MissingAuthenticationToken => "MissingAuthenticationTokenException",
            Self::RequestEntityTooLarge => "RequestEntityTooLargeException",
            Self::InvalidImageFormat => "InvalidImageFormatException",
            Self::ImageTooLarge => "ImageTooLargeException",
            Self::InvalidS3Object => "InvalidS3ObjectException",
        }
    }

    /// Status codes as the Rekognition API reference gives them (Throttling and internal
    /// errors are 5xx so that SDKs retry them). Authentication errors are 400, as on every
    /// JSON 1.1 service; 403 is S3's convention, not this protocol's.
    pub fn status(self) -> StatusCode {
        match self {
            Self::InternalServerError | Self::Throttling => StatusCode::INTERNAL_SERVER_ERROR,
            Self::RequestEntityTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidParameter, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InternalServerError, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceNotFound, message)
    }

    pub fn collection_not_found(id: &str) -> Self {
        Self::not_found(format!("The collection id: {id} does not exist"))
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.type_name(), self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "__type": self.kind.type_name(),
            "Message": self.message,
        });
        let mut response = (self.kind.status(), body.to_string()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-amz-json-1.1"),
        );
        response
    }
}
