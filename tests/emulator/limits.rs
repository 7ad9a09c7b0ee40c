//! Authentication failures and TPS quotas as clients see them: the real SDK's error codes and
//! statuses, and the error classes rekog's own adapter makes of them.

use aws_sdk_sts::operation::RequestId;
use rekog::api::{ErrorKind, Rekognition};
use rekog::emulator::{ServeConfig, serve};
use rekog::sdk::SdkBackend;

use crate::support::{KEY, SECRET, client_with, failure};

#[tokio::test]
async fn bad_keys_and_signatures_are_400_and_credentials_errors() {
    let handle = serve(ServeConfig {
        credentials: Some((KEY.into(), SECRET.into())),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let cases = [
        ("AKIDUNKNOWN", SECRET, "UnrecognizedClientException"),
        (KEY, "not-the-secret", "InvalidSignatureException"),
    ];
    for (key, secret, expected) in cases {
        let rk = client_with(&handle.endpoint(), "us-east-1", key, secret);
        let err = rk.list_collections().send().await.unwrap_err();
        let (code, status, _) = failure(&err);
        assert_eq!((code.as_str(), status), (expected, 400));

        let outcome = SdkBackend::new(rk).describe("anything").await;
        let err = outcome.result.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Credentials, "{err:?}");
        assert_eq!(err.code.as_deref(), Some(expected));
        assert_eq!(err.status, Some(400));
    }

    // STS is a query-protocol service: it refuses a bad key with 403, as AWS's STS does.
    let credentials =
        aws_credential_types::Credentials::new("AKIDUNKNOWN", SECRET, None, None, "test");
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(credentials)
            .endpoint_url(handle.endpoint())
            .retry_config(aws_sdk_sts::config::retry::RetryConfig::disabled())
            .build(),
    );
    let err = sts.get_caller_identity().send().await.unwrap_err();
    assert_eq!(err.request_id().map(str::len), Some(36));
    let aws_sdk_sts::error::SdkError::ServiceError(service) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(service.raw().status().as_u16(), 403);
    handle.shutdown().await;
}
