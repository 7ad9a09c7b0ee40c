//! `--mfa-code`: AssumeRole and GetSessionToken need a device and that code, in process and
//! as `rekog serve`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use aws_credential_types::Credentials;
use rekog::emulator::{ServeConfig, serve};

use crate::sts::{MFA_SERIAL, ROLE, long_term, rekognition, sts, sts_failure, temporary};
use crate::support::failure;

#[tokio::test]
async fn with_an_mfa_code_both_calls_need_it() {
    // Signatures unchecked: issued credentials are verified all the same.
    let handle = serve(ServeConfig {
        mfa_code: Some("246810".into()),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let client = sts(&handle, long_term());
    let assume = |serial: Option<&str>, code: Option<&str>| {
        client
            .assume_role()
            .role_arn(ROLE)
            .role_session_name("mfa-session")
            .set_serial_number(serial.map(str::to_owned))
            .set_token_code(code.map(str::to_owned))
            .send()
    };
    let err = assume(Some(MFA_SERIAL), Some("135790")).await.unwrap_err();
    assert_eq!(
        sts_failure(&err),
        (
            "AccessDenied".to_owned(),
            403,
            "MultiFactorAuthentication failed with invalid MFA one time pass code. ".to_owned()
        )
    );
    for (serial, code, missing) in [
        (None, None, "no SerialNumber and TokenCode"),
        (None, Some("246810"), "no SerialNumber."),
        (Some(MFA_SERIAL), None, "no TokenCode."),
    ] {
        let (code, status, message) = sts_failure(&assume(serial, code).await.unwrap_err());
        assert_eq!((code.as_str(), status), ("AccessDenied", 403));
        assert!(
            message.contains("MultiFactorAuthentication is required"),
            "{message}"
        );
        assert!(message.contains(missing), "{message}");
    }
    let out = assume(Some(MFA_SERIAL), Some("246810")).await.unwrap();
    let creds = temporary(out.credentials().unwrap());
    let rk = rekognition(&handle, &creds);
    assert!(
        rk.list_collections()
            .send()
            .await
            .unwrap()
            .collection_ids()
            .is_empty()
    );
    let wrong = Credentials::new(
        creds.access_key_id(),
        creds.secret_access_key(),
        Some("not-the-token".into()),
        None,
        "t",
    );
    let err = rekognition(&handle, &wrong).list_collections().send().await;
    let (code, status, message) = failure(&err.unwrap_err());
    assert_eq!(
        (code.as_str(), status),
        ("UnrecognizedClientException", 400)
    );
    assert_eq!(
        message,
        "The security token included in the request is invalid."
    );

    // GetSessionToken likewise.
    let session_token = |code: Option<&str>| {
        client
            .get_session_token()
            .serial_number(MFA_SERIAL)
            .set_token_code(code.map(str::to_owned))
            .send()
    };
    let err = session_token(Some("000000")).await.unwrap_err();
    assert_eq!(sts_failure(&err).0, "AccessDenied");
    assert!(
        sts_failure(&err)
            .2
            .starts_with("MultiFactorAuthentication failed")
    );
    let err = session_token(None).await.unwrap_err();
    assert!(sts_failure(&err).2.contains("no TokenCode"), "{err:?}");
    let out = session_token(Some("246810")).await.unwrap();
    let creds = temporary(out.credentials().unwrap());
    assert!(
        rekognition(&handle, &creds)
            .list_collections()
            .send()
            .await
            .is_ok()
    );
    handle.shutdown().await;
}

#[tokio::test]
async fn rekog_serve_takes_an_mfa_code() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rekog"))
        .args(["serve", "--addr", "127.0.0.1:0", "--mfa-code", "024680"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first[first.find("http://").unwrap()..].trim().to_owned();
    let said: Vec<String> = lines.by_ref().take(4).map(Result::unwrap).collect();
    assert!(said.iter().any(|l| l.contains("require MFA")), "{said:?}");
    let client = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(long_term())
            .endpoint_url(&url)
            .build(),
    );
    let err = client.get_session_token().send().await.unwrap_err();
    assert_eq!(sts_failure(&err).0, "AccessDenied");
    let ok = client
        .get_session_token()
        .serial_number(MFA_SERIAL)
        .token_code("024680")
        .send()
        .await;
    assert!(ok.is_ok(), "{ok:?}");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Credentials issued on a code stand for it, as `aws:MultiFactorAuthPresent` does on AWS:
/// a GetSessionToken session assumes a role with no code, and a role session assumed with
/// one assumes the next; a code given anyway is still checked.
#[tokio::test]
async fn a_session_issued_on_a_code_assumes_roles_without_another() {
    let handle = serve(ServeConfig {
        mfa_code: Some("246810".into()),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let user = sts(&handle, long_term());
    let session = user
        .get_session_token()
        .serial_number(MFA_SERIAL)
        .token_code("246810")
        .send()
        .await
        .unwrap();
    let session = sts(&handle, temporary(session.credentials().unwrap()));
    let assume = |client: &aws_sdk_sts::Client, code: Option<&str>| {
        client
            .assume_role()
            .role_arn(ROLE)
            .role_session_name("from-the-device")
            .set_serial_number(code.map(|_| MFA_SERIAL.to_owned()))
            .set_token_code(code.map(str::to_owned))
            .send()
    };
    let role = assume(&session, None).await.unwrap();
    let (code, status, _) = sts_failure(&assume(&session, Some("135790")).await.unwrap_err());
    assert_eq!(
        (code.as_str(), status),
        ("AccessDenied", 403),
        "a wrong code given anyway"
    );
    // The role's session carries the device on: it assumes the next role with no code.
    let chained = sts(&handle, temporary(role.credentials().unwrap()));
    assume(&chained, None).await.unwrap();
    // Long-term keys still need the code every time.
    let (code, _, message) = sts_failure(&assume(&user, None).await.unwrap_err());
    assert_eq!(code, "AccessDenied");
    assert!(
        message.contains("MultiFactorAuthentication is required"),
        "{message}"
    );
}
