//! What STS refuses: malformed members, as ValidationErrors in STS's words; temporary
//! credentials once they expire; roles of other accounts, and role chains over an hour.

use std::time::Duration;

use rekog::emulator::{ServeConfig, serve};

use crate::sts::{
    ACCOUNT, MFA_SERIAL, ROLE, long_term, rekognition, sts, sts_failure, temporary, verified,
};
use crate::support::{KEY, SECRET, failure};

#[tokio::test]
async fn malformed_members_are_validation_errors() {
    let handle = serve(ServeConfig::default()).await.unwrap();
    let client = sts(&handle, long_term());
    let err = client
        .get_session_token()
        .serial_number(MFA_SERIAL)
        .token_code("12345")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        sts_failure(&err),
        (
            "ValidationError".to_owned(),
            400,
            "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy \
             constraint: Member must have length greater than or equal to 6"
                .to_owned()
        )
    );
    let err = client
        .assume_role()
        .role_arn(ROLE)
        .role_session_name("has space")
        .duration_seconds(600)
        .send()
        .await
        .unwrap_err();
    let (code, status, message) = sts_failure(&err);
    assert_eq!((code.as_str(), status), ("ValidationError", 400));
    assert_eq!(
        message,
        "2 validation errors detected: Value 'has space' at 'roleSessionName' failed to \
         satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; \
         Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have \
         value greater than or equal to 900"
    );
    let err = client
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:user/not-a-role")
        .role_session_name("alice")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        sts_failure(&err).2,
        "arn:aws:iam::123456789012:user/not-a-role is invalid"
    );
    handle.shutdown().await;
}

#[tokio::test]
async fn expired_credentials_are_refused() {
    let handle = serve(ServeConfig {
        credentials: Some((KEY.into(), SECRET.into())),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let client = sts(&handle, long_term());
    let role = client
        .assume_role()
        .role_arn(ROLE)
        .role_session_name("brief")
        .duration_seconds(900)
        .send()
        .await
        .unwrap();
    let session = client.get_session_token().send().await.unwrap();
    let role = temporary(role.credentials().unwrap());
    let session = temporary(session.credentials().unwrap());
    assert!(
        rekognition(&handle, &role)
            .list_collections()
            .send()
            .await
            .is_ok()
    );

    // A quarter of an hour later the role's credentials are over; the twelve-hour ones not.
    handle.skip_ahead(Duration::from_secs(901));
    let err = rekognition(&handle, &role).list_collections().send().await;
    let (code, status, message) = failure(&err.unwrap_err());
    assert_eq!((code.as_str(), status), ("ExpiredTokenException", 400));
    assert_eq!(
        message,
        "The security token included in the request is expired"
    );
    let err = sts(&handle, role).get_caller_identity().send().await;
    let (code, status, _) = sts_failure(&err.unwrap_err());
    assert_eq!((code.as_str(), status), ("ExpiredToken", 403));
    assert!(
        rekognition(&handle, &session)
            .list_collections()
            .send()
            .await
            .is_ok()
    );

    handle.skip_ahead(Duration::from_secs(12 * 3600));
    let err = rekognition(&handle, &session)
        .list_collections()
        .send()
        .await;
    assert_eq!(failure(&err.unwrap_err()).0, "ExpiredTokenException");
    // The long-term key does not expire.
    let rk = crate::support::client_with(&handle.endpoint(), "us-east-1", KEY, SECRET);
    assert!(rk.list_collections().send().await.is_ok());
    handle.shutdown().await;
}

#[tokio::test]
async fn roles_outside_the_account_and_chains_over_an_hour_are_refused() {
    let handle = verified(None).await;
    let client = sts(&handle, long_term());
    let err = client
        .assume_role()
        .role_arn("arn:aws:iam::210987654321:role/elsewhere")
        .role_session_name("alice")
        .send()
        .await
        .unwrap_err();
    let (code, status, message) = sts_failure(&err);
    assert_eq!((code.as_str(), status), ("AccessDenied", 403));
    assert_eq!(
        message,
        format!(
            "User: arn:aws:iam::{ACCOUNT}:user/{KEY} is not authorized to perform: \
             sts:AssumeRole on resource: arn:aws:iam::210987654321:role/elsewhere"
        )
    );

    let first = client
        .assume_role()
        .role_arn(ROLE)
        .role_session_name("first")
        .send()
        .await
        .unwrap();
    let chained = sts(&handle, temporary(first.credentials().unwrap()));
    let err = chained
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/next")
        .role_session_name("second")
        .duration_seconds(3601)
        .send()
        .await
        .unwrap_err();
    let (code, _, message) = sts_failure(&err);
    assert_eq!(code, "ValidationError");
    assert!(message.contains("role chaining"), "{message}");
    let second = chained
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/next")
        .role_session_name("second")
        .send()
        .await
        .unwrap();
    assert_eq!(
        second.assumed_role_user().unwrap().arn(),
        format!("arn:aws:sts::{ACCOUNT}:assumed-role/next/second")
    );
    handle.shutdown().await;
}
