//! The one implementation of [`Rekognition`]: aws-sdk-rekognition, with SDK errors folded
//! into the small domain error the UI understands.

use std::error::Error as StdError;
use std::future::Future;
use std::time::Instant;

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_rekognition::operation::RequestId;

use crate::api::{
    ApiError, Collection, CollectionDetail, Created, Described, ErrorKind, FaceDeletion, FacePage,
    Outcome, Page, Rekognition, Tags, UserPage,
};

mod manage;

/// Rekognition through the AWS SDK (real AWS, an endpoint override, or the emulator).
#[derive(Clone, Debug)]
pub struct SdkBackend {
    client: Client,
}

impl SdkBackend {
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// Runs one call, timing it and keeping the request id whichever way it ends.
async fn timed<O, E, T>(
    call: impl Future<Output = Result<O, SdkError<E>>>,
    convert: impl FnOnce(O) -> T,
) -> Outcome<T>
where
    O: RequestId,
    E: ProvideErrorMetadata + RequestId + StdError + Send + Sync + 'static,
{
    let started = Instant::now();
    let result = call.await;
    let elapsed = started.elapsed();
    match result {
        Ok(output) => Outcome {
            request_id: output.request_id().map(str::to_owned),
            result: Ok(convert(output)),
            elapsed,
        },
        Err(err) => Outcome {
            request_id: err.request_id().map(str::to_owned),
            result: Err(map_error(&err)),
            elapsed,
        },
    }
}

impl Rekognition for SdkBackend {
    async fn list_page(&self, token: Option<String>) -> Outcome<Page> {
        let call = self.client.list_collections().set_next_token(token).send();
        timed(call, |out| {
            let models = out.face_model_versions.unwrap_or_default();
            let collections = out
                .collection_ids
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, id)| Collection {
                    id,
                    face_model_version: models.get(i).cloned(),
                })
                .collect();
            Page {
                collections,
                next_token: out.next_token,
            }
        })
        .await
    }

    async fn describe(&self, id: &str) -> Outcome<CollectionDetail> {
        describe_call(&self.client, id).await
    }

    async fn delete(&self, id: &str) -> Outcome<i32> {
        let call = self.client.delete_collection().collection_id(id).send();
        timed(call, |out| out.status_code.unwrap_or(200)).await
    }

    // Managing a collection
    async fn list_faces_page(
        &self,
        id: &str,
        token: Option<String>,
        max: i32,
    ) -> Outcome<FacePage> {
        manage::list_faces(&self.client, id, token, max).await
    }

    async fn list_users_page(
        &self,
        id: &str,
        token: Option<String>,
        max: i32,
    ) -> Outcome<UserPage> {
        manage::list_users(&self.client, id, token, max).await
    }

    async fn describe_with_tags(&self, id: &str) -> Outcome<Described> {
        manage::describe_with_tags(&self.client, id).await
    }

    async fn delete_faces(&self, id: &str, face_ids: Vec<String>) -> Outcome<FaceDeletion> {
        manage::delete_faces(&self.client, id, face_ids).await
    }

    async fn create_collection(&self, id: &str, tags: Tags) -> Outcome<Created> {
        manage::create_collection(&self.client, id, tags).await
    }
}

async fn describe_call(client: &Client, id: &str) -> Outcome<CollectionDetail> {
    let call = client.describe_collection().collection_id(id).send();
    timed(call, |out| CollectionDetail {
        face_count: out.face_count.and_then(|n| u64::try_from(n).ok()),
        user_count: out.user_count.and_then(|n| u64::try_from(n).ok()),
        face_model_version: out.face_model_version,
        arn: out.collection_arn,
        created: out.creation_timestamp.map(|t| t.secs()),
        created_nanos: out.creation_timestamp.map_or(0, |t| t.subsec_nanos()),
    })
    .await
}

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
/// layers that add nothing (their text repeats inside the next one) are skipped.
pub fn error_chain(err: &(dyn StdError + 'static)) -> String {
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
