//! SDK errors folded into the domain error: the service's code and message kept, the
//! failure classed so the UI can react (and hint) by kind.

use std::error::Error as StdError;

use aws_sdk_rekognition::error::{ProvideErrorMetadata, SdkError};

use crate::aws::api::{ApiError, ErrorKind};

/// Folds an SDK error into the domain error, keeping the service's code and message.
pub fn map_error<E>(err: &SdkError<E>) -> ApiError
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
{
    match err {
        SdkError::ServiceError(service) => {
            let inner = service.err();
            let code = inner.code().map(str::to_owned);
            let status = Some(service.raw().status().as_u16());
            ApiError {
                kind: kind_of_code(code.as_deref(), status),
                message: inner
                    .message()
                    .map(str::to_owned)
                    .unwrap_or_else(|| "the service gave no message".into()),
                code,
                status,
            }
        }
        SdkError::TimeoutError(_) => ApiError {
            kind: ErrorKind::Timeout,
            code: None,
            message: "the call timed out (see --timeout)".into(),
            status: None,
        },
        SdkError::DispatchFailure(_) if is_credentials_error(err) => credentials_error(err),
        SdkError::DispatchFailure(failure) => {
            let timeout = failure.is_timeout();
            ApiError {
                kind: if timeout {
                    ErrorKind::Timeout
                } else {
                    ErrorKind::Network
                },
                code: None,
                message: format!("could not reach the endpoint: {}", chain_text(err)),
                status: None,
            }
        }
        SdkError::ResponseError(response) => ApiError {
            kind: ErrorKind::Network,
            code: None,
            message: format!("unreadable response: {}", chain_text(err)),
            status: Some(response.raw().status().as_u16()),
        },
        _ if is_credentials_error(err) => credentials_error(err),
        _ => ApiError {
            kind: ErrorKind::Other,
            code: None,
            message: chain_text(err),
            status: None,
        },
    }
}

fn credentials_error<E>(err: &SdkError<E>) -> ApiError
where
    E: StdError + Send + Sync + 'static,
{
    ApiError {
        kind: ErrorKind::Credentials,
        code: None,
        message: format!(
            "no usable AWS credentials ({}); set a profile with --profile or AWS_PROFILE, \
             run `aws sso login` if the session expired, or try --demo",
            chain_text(err)
        ),
        status: None,
    }
}

/// Error codes the UI treats alike, from the Rekognition service model.
fn kind_of_code(code: Option<&str>, status: Option<u16>) -> ErrorKind {
    match code {
        Some("ResourceNotFoundException") => ErrorKind::NotFound,
        Some("AccessDeniedException") => ErrorKind::AccessDenied,
        Some("ThrottlingException")
        | Some("ProvisionedThroughputExceededException")
        | Some("LimitExceededException") => ErrorKind::Throttled,
        Some("InvalidParameterException") | Some("InvalidPaginationTokenException") => {
            ErrorKind::InvalidParameter
        }
        Some("UnrecognizedClientException")
        | Some("InvalidSignatureException")
        | Some("ExpiredTokenException")
        | Some("InvalidClientTokenId") => ErrorKind::Credentials,
        Some("InternalServerError") | Some("ServiceUnavailableException") => ErrorKind::Service,
        _ if status.is_some_and(|s| s >= 500) => ErrorKind::Service,
        _ => ErrorKind::Other,
    }
}

/// Whether any error in the chain is the credentials provider's.
fn is_credentials_error<E>(err: &SdkError<E>) -> bool
where
    E: StdError + Send + Sync + 'static,
{
    let mut source: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = source {
        if e.is::<aws_credential_types::provider::error::CredentialsError>() {
            return true;
        }
        source = e.source();
    }
    false
}

/// The error's causes on one line, outermost first, without the SDK's debug dumps. Wrapper
/// layers that add nothing (their text repeats inside the next one) are skipped. A
/// certificate the client does not trust ends with what to do about it.
/// What an error of any AWS service says: `CODE: message` when the service answered with
/// one (not the Debug form the SDK's chain would print), else the chain of causes.
pub fn service_text<E>(err: &SdkError<E>) -> String
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match (err.code(), err.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        _ => error_chain(err),
    }
}

pub fn error_chain(err: &(dyn StdError + 'static)) -> String {
    let text = causes(err);
    match crate::aws::trust::hint(&text) {
        Some(hint) => format!("{text}; {hint}"),
        None => text,
    }
}

fn causes(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = Some(err);
    while let Some(e) = source {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    parts.join(": ")
}

fn chain_text<E>(err: &SdkError<E>) -> String
where
    E: StdError + Send + Sync + 'static,
{
    error_chain(err)
}

#[cfg(test)]
mod tests {
    use aws_sdk_sts::config::http::HttpResponse;
    use aws_sdk_sts::error::ErrorMetadata;
    use aws_sdk_sts::operation::assume_role::AssumeRoleError;

    use super::*;

    /// The service's own words, not `unhandled error (ValidationError): Error { code: ... }`.
    #[test]
    fn a_service_error_reads_as_its_code_and_message() {
        let meta = ErrorMetadata::builder()
            .code("ValidationError")
            .message("arn:aws:iam::1:role/ is invalid")
            .build();
        let raw = axum::http::Response::builder()
            .status(400)
            .body(aws_smithy_types::body::SdkBody::empty())
            .unwrap();
        let raw = HttpResponse::try_from(raw).unwrap();
        let err = SdkError::service_error(AssumeRoleError::generic(meta), raw);
        assert_eq!(
            service_text(&err),
            "ValidationError: arn:aws:iam::1:role/ is invalid"
        );
        let err: SdkError<AssumeRoleError, HttpResponse> = SdkError::timeout_error("too slow");
        assert_eq!(service_text(&err), error_chain(&err));
    }
}
