//! STS GetCallerIdentity against the emulator, through aws-sdk-sts as rekog builds it.

use rekog::emulator::{ServeConfig, serve};

fn shared(endpoint: &str, key: &str) -> aws_config::SdkConfig {
    let credentials = aws_credential_types::Credentials::new(key, "s3cret", None, None, "test");
    aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("eu-west-1"))
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(credentials),
        )
        .endpoint_url(endpoint)
        .build()
}

#[tokio::test]
async fn the_emulator_answers_get_caller_identity_with_a_verified_signature() {
    let handle = serve(ServeConfig {
        account: Some("210987654321".into()),
        credentials: Some(("AKIDSTSTEST".into(), "s3cret".into())),
        ..ServeConfig::default()
    })
    .await
    .expect("emulator");
    let endpoint = handle.endpoint();
    let sts = rekog::aws::identity::client(&shared(&endpoint, "AKIDSTSTEST"), Some(&endpoint));
    let who = rekog::aws::identity::caller(&sts).await.expect("identity");
    assert_eq!(who.account.as_deref(), Some("210987654321"));
    assert_eq!(
        who.arn.as_deref(),
        Some("arn:aws:iam::210987654321:user/AKIDSTSTEST")
    );
    // The raw call carries the request id, as real STS does.
    let out = sts.get_caller_identity().send().await.expect("raw call");
    use aws_sdk_sts::operation::RequestId;
    assert_eq!(out.request_id().map(str::len), Some(36));

    // A wrong key is refused like any other call.
    let stranger = rekog::aws::identity::client(&shared(&endpoint, "AKIDOTHER"), Some(&endpoint));
    let err = rekog::aws::identity::caller(&stranger).await.unwrap_err();
    assert!(
        err.contains("UnrecognizedClient") || err.contains("security token"),
        "{err}"
    );
}
