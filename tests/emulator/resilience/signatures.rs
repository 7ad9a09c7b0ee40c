//! SigV4 signatures verified with the configured credentials: a client that signs
//! botocore's header set gets through, an unknown key or a wrong secret does not.

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_rekognition::config::{ConfigBag, Intercept, RuntimeComponents};
use rekog::emulator::ServeConfig;

use crate::support::{KEY, SECRET, client_with, failure, start};

/// Removes what botocore does not sign, so the SDK signs botocore's header set:
/// `content-type;host;x-amz-date;x-amz-target`.
#[derive(Debug, Default)]
struct BotocoreHeaders {
    signed: std::sync::Mutex<Vec<String>>,
}

impl Intercept for BotocoreHeaders {
    fn name(&self) -> &'static str {
        "BotocoreHeaders"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        let headers = context.request_mut().headers_mut();
        headers.remove("x-amz-user-agent");
        headers.remove("content-length");
        headers.remove("amz-sdk-invocation-id");
        headers.remove("amz-sdk-request");
        Ok(())
    }

    fn read_before_transmit(
        &self,
        context: &aws_sdk_rekognition::config::interceptors::BeforeTransmitInterceptorContextRef<
            '_,
        >,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        let auth = context
            .request()
            .headers()
            .get("authorization")
            .unwrap_or_default();
        self.signed.lock().unwrap().push(auth.to_owned());
        Ok(())
    }
}

/// Lets the test read what the interceptor saw after handing it to the client.
#[derive(Debug)]
struct SharedHeaders(std::sync::Arc<BotocoreHeaders>);

impl Intercept for SharedHeaders {
    fn name(&self) -> &'static str {
        "SharedHeaders"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        self.0.modify_before_signing(context, rc, cfg)
    }

    fn read_before_transmit(
        &self,
        context: &aws_sdk_rekognition::config::interceptors::BeforeTransmitInterceptorContextRef<
            '_,
        >,
        rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        self.0.read_before_transmit(context, rc, cfg)
    }
}

#[tokio::test]
async fn signatures_are_verified_with_credentials() {
    let (handle, rk) = start(ServeConfig {
        credentials: Some((KEY.into(), SECRET.into())),
        ..ServeConfig::default()
    })
    .await;
    rk.create_collection()
        .collection_id("signed")
        .send()
        .await
        .unwrap();

    let headers = std::sync::Arc::new(BotocoreHeaders::default());
    let botocore_like = Client::from_conf(
        rekog::emulator::sdk_config(&handle.endpoint(), "us-east-1", KEY, SECRET)
            .to_builder()
            .interceptor(aws_sdk_rekognition::config::SharedInterceptor::new(
                SharedHeaders(headers.clone()),
            ))
            .build(),
    );
    let out = botocore_like.list_collections().send().await.unwrap();
    assert_eq!(out.collection_ids(), ["signed"]);
    let auth = headers.signed.lock().unwrap().clone();
    assert_eq!(auth.len(), 1);
    assert!(
        auth[0].contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"),
        "{}",
        auth[0]
    );

    let stranger = client_with(&handle.endpoint(), "us-east-1", "AKIDUNKNOWN", SECRET);
    let err = stranger.list_collections().send().await.unwrap_err();
    let (code_name, status, _) = failure(&err);
    assert_eq!(
        (code_name.as_str(), status),
        ("UnrecognizedClientException", 400)
    );

    let wrong = client_with(&handle.endpoint(), "us-east-1", KEY, "not-the-secret");
    let err = wrong.list_collections().send().await.unwrap_err();
    let (code_name, status, _) = failure(&err);
    assert_eq!(
        (code_name.as_str(), status),
        ("InvalidSignatureException", 400)
    );
    handle.shutdown().await;
}
