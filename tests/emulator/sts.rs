//! STS AssumeRole and GetSessionToken through aws-sdk-sts over loopback, and the temporary
//! credentials they hand out, used by the real Rekognition and STS clients.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::operation::RequestId;
use rekog::emulator::{Handle, ServeConfig, serve};

use crate::support::{KEY, SECRET, client_with, failure};

pub const ACCOUNT: &str = "123456789012";
pub const ROLE: &str = "arn:aws:iam::123456789012:role/ops/auditor";
pub const MFA_SERIAL: &str = "arn:aws:iam::123456789012:mfa/operator";

/// An STS client signing with `credentials`, retries off.
pub fn sts(handle: &Handle, credentials: Credentials) -> aws_sdk_sts::Client {
    aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(credentials)
            .endpoint_url(handle.endpoint())
            .retry_config(aws_sdk_sts::config::retry::RetryConfig::disabled())
            .build(),
    )
}

pub fn long_term() -> Credentials {
    Credentials::new(KEY, SECRET, None, None, "test")
}

/// Credentials as the SDK's own providers make them from an STS answer.
pub fn temporary(out: &aws_sdk_sts::types::Credentials) -> Credentials {
    let expiry = UNIX_EPOCH + Duration::from_secs(out.expiration().secs().try_into().unwrap());
    Credentials::new(
        out.access_key_id(),
        out.secret_access_key(),
        Some(out.session_token().to_owned()),
        Some(expiry),
        "test",
    )
}

/// A Rekognition client in us-east-1 signing with `credentials`.
pub fn rekognition(handle: &Handle, c: &Credentials) -> aws_sdk_rekognition::Client {
    let config = rekog::emulator::sdk_config(&handle.endpoint(), "us-east-1", "unused", "unused")
        .to_builder()
        .credentials_provider(c.clone())
        .retry_config(aws_sdk_rekognition::config::retry::RetryConfig::disabled())
        .build();
    aws_sdk_rekognition::Client::from_conf(config)
}

/// The code, HTTP status and message of a failed STS call; checks the request id.
pub fn sts_failure<E: ProvideErrorMetadata + std::fmt::Debug>(
    err: &SdkError<E>,
) -> (String, u16, String) {
    let SdkError::ServiceError(service) = err else {
        panic!("not a service error: {err:?}");
    };
    assert_eq!(err.request_id().map(str::len), Some(36), "{err:?}");
    (
        err.code().unwrap_or_default().to_owned(),
        service.raw().status().as_u16(),
        err.message().unwrap_or_default().to_owned(),
    )
}

fn now() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(since.as_secs()).unwrap()
}

/// An emulator that verifies signatures, made with the long-term key or issued ones.
pub async fn verified(mfa_code: Option<&str>) -> Handle {
    serve(ServeConfig {
        credentials: Some((KEY.into(), SECRET.into())),
        mfa_code: mfa_code.map(str::to_owned),
        ..ServeConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn assume_role_hands_out_credentials_that_sign_rekognition_and_sts_calls() {
    let handle = verified(None).await;
    let out = sts(&handle, long_term())
        .assume_role()
        .role_arn(ROLE)
        .role_session_name("alice")
        .send()
        .await
        .unwrap();
    let user = out.assumed_role_user().unwrap();
    let assumed = format!("arn:aws:sts::{ACCOUNT}:assumed-role/auditor/alice");
    assert_eq!(user.arn(), assumed);
    let role_id = user.assumed_role_id().strip_suffix(":alice").unwrap();
    assert!(
        role_id.starts_with("AROA") && role_id.len() == 21,
        "{role_id}"
    );
    let issued = out.credentials().unwrap();
    assert!(issued.access_key_id().starts_with("ASIA"));
    assert_eq!(issued.access_key_id().len(), 20);
    assert_eq!(issued.secret_access_key().len(), 40);
    assert!(issued.session_token().len() > 100);
    let lifetime = issued.expiration().secs() - now();
    assert!((3590..=3600).contains(&lifetime), "{lifetime}");

    let creds = temporary(issued);
    let rk = rekognition(&handle, &creds);
    rk.create_collection()
        .collection_id("assumed")
        .send()
        .await
        .unwrap();
    let listed = rk.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids(), ["assumed"]);
    let who = sts(&handle, creds.clone())
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(who.arn(), Some(assumed.as_str()));
    assert_eq!(who.account(), Some(ACCOUNT));
    assert_eq!(who.user_id(), Some(user.assumed_role_id()));

    // The key needs its own token and secret, for Rekognition and for STS alike.
    let key = issued.access_key_id();
    let secret = issued.secret_access_key();
    let token = |t: Option<&str>| Credentials::new(key, secret, t.map(str::to_owned), None, "t");
    for wrong in [token(Some("not-the-token")), token(None)] {
        let err = rekognition(&handle, &wrong)
            .list_collections()
            .send()
            .await
            .unwrap_err();
        let (code, status, message) = failure(&err);
        assert_eq!(
            (code.as_str(), status),
            ("UnrecognizedClientException", 400)
        );
        assert_eq!(
            message,
            "The security token included in the request is invalid."
        );
        let err = sts(&handle, wrong).get_caller_identity().send().await;
        let (code, status, _) = sts_failure(&err.unwrap_err());
        assert_eq!((code.as_str(), status), ("InvalidClientTokenId", 403));
    }
    let forged = Credentials::new(key, SECRET, Some(issued.session_token().into()), None, "t");
    let err = rekognition(&handle, &forged)
        .list_collections()
        .send()
        .await
        .unwrap_err();
    assert_eq!(failure(&err).0, "InvalidSignatureException");
    let err = sts(&handle, forged).get_caller_identity().send().await;
    assert_eq!(sts_failure(&err.unwrap_err()).0, "SignatureDoesNotMatch");

    // The long-term key keeps working, and carries no session token.
    let rk = client_with(&handle.endpoint(), "us-east-1", KEY, SECRET);
    assert_eq!(
        rk.list_collections()
            .send()
            .await
            .unwrap()
            .collection_ids()
            .len(),
        1
    );
    let with_token = Credentials::new(KEY, SECRET, Some("stray".into()), None, "t");
    let err = rekognition(&handle, &with_token)
        .list_collections()
        .send()
        .await;
    assert_eq!(failure(&err.unwrap_err()).0, "UnrecognizedClientException");
    handle.shutdown().await;
}

#[tokio::test]
async fn get_session_token_acts_as_the_user_for_twelve_hours_by_default() {
    let handle = verified(None).await;
    let client = sts(&handle, long_term());
    // Without --mfa-code, any well-formed code passes.
    let out = client
        .get_session_token()
        .serial_number(MFA_SERIAL)
        .token_code("000000")
        .send()
        .await
        .unwrap();
    let issued = out.credentials().unwrap();
    let lifetime = issued.expiration().secs() - now();
    assert!((43_190..=43_200).contains(&lifetime), "{lifetime}");
    let creds = temporary(issued);
    let who = sts(&handle, creds.clone())
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(
        who.arn(),
        Some(format!("arn:aws:iam::{ACCOUNT}:user/{KEY}").as_str())
    );
    let rk = rekognition(&handle, &creds);
    rk.create_collection()
        .collection_id("by-session")
        .send()
        .await
        .unwrap();

    let short = client
        .get_session_token()
        .duration_seconds(900)
        .send()
        .await
        .unwrap();
    let lifetime = short.credentials().unwrap().expiration().secs() - now();
    assert!((890..=900).contains(&lifetime), "{lifetime}");

    // Session credentials cannot make more of themselves.
    let err = sts(&handle, creds)
        .get_session_token()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        sts_failure(&err),
        (
            "AccessDenied".to_owned(),
            403,
            "Cannot call GetSessionToken with session credentials".to_owned()
        )
    );
    handle.shutdown().await;
}
