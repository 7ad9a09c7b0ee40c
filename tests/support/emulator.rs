//! Shared by the emulator's integration tests: start one in-process, build SDK clients.

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::config::retry::RetryConfig;
use aws_sdk_rekognition::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_rekognition::operation::RequestId;
use aws_sdk_rekognition::types::Face;
use rekog::emulator::{Handle, Seed, ServeConfig, sdk_config, serve};

pub const KEY: &str = "AKIDEMULATORTEST";
pub const SECRET: &str = "emulator/test+secret";

/// A client for `region` with retries off, so each injected fault is seen once.
pub fn client(handle: &Handle, region: &str) -> Client {
    client_with(&handle.endpoint(), region, KEY, SECRET)
}

pub fn client_with(endpoint: &str, region: &str, key: &str, secret: &str) -> Client {
    let config = sdk_config(endpoint, region, key, secret)
        .to_builder()
        .retry_config(RetryConfig::disabled())
        .build();
    Client::from_conf(config)
}

pub async fn start(config: ServeConfig) -> (Handle, Client) {
    let handle = serve(config).await.expect("emulator starts");
    let client = client(&handle, "us-east-1");
    (handle, client)
}

pub async fn start_seeded(json: &str) -> (Handle, Client) {
    let seed = Seed::parse("test seed", json).expect("seed parses");
    start(ServeConfig {
        seed: Some(seed),
        ..ServeConfig::default()
    })
    .await
}

/// Every face of `id`, through ListFaces `page` at a time.
pub async fn all_faces(client: &Client, id: &str, page: i32) -> Vec<Face> {
    let mut faces = Vec::new();
    let mut token = None;
    loop {
        let out = client
            .list_faces()
            .collection_id(id)
            .max_results(page)
            .set_next_token(token)
            .send()
            .await
            .expect("ListFaces");
        faces.extend(out.faces.unwrap_or_default());
        token = out.next_token;
        if token.is_none() {
            return faces;
        }
    }
}

/// The error code, HTTP status and message of a failed call; checks the request id.
pub fn failure<E>(err: &SdkError<E>) -> (String, u16, String)
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let SdkError::ServiceError(service) = err else {
        panic!("not a service error: {err:?}");
    };
    let status = service.raw().status().as_u16();
    let id = err.request_id().unwrap_or_default();
    assert_eq!(id.len(), 36, "request id missing from {err:?}");
    (
        err.code().unwrap_or_default().to_owned(),
        status,
        err.message().unwrap_or_default().to_owned(),
    )
}

/// The code of a call that must fail.
pub fn code<T, E>(result: Result<T, SdkError<E>>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match result {
        Ok(_) => panic!("the call succeeded"),
        Err(err) => failure(&err).0,
    }
}
