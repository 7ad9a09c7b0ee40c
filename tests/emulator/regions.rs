//! Regions as an account sees them: opt-in regions it has not enabled, and a deny that
//! holds in one region only, as the fleet view meets them.

use aws_sdk_rekognition::error::ProvideErrorMetadata;
use rekog::emulator::ServeConfig;

use crate::support::{client, start};

#[tokio::test]
async fn a_disabled_region_does_not_know_the_key_and_the_others_answer() {
    let (handle, us) = start(ServeConfig {
        disabled_regions: vec!["ap-east-1".into()],
        ..ServeConfig::default()
    })
    .await;
    us.list_collections()
        .send()
        .await
        .expect("us-east-1 answers");
    let hk = client(&handle, "ap-east-1");
    let err = hk.list_collections().send().await.unwrap_err();
    assert_eq!(err.code(), Some("UnrecognizedClientException"));
    assert_eq!(
        err.message(),
        Some("The security token included in the request is invalid.")
    );
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(400));
    handle.shutdown().await;
}

#[tokio::test]
async fn a_deny_can_hold_in_one_region_only() {
    let (handle, us) = start(ServeConfig {
        deny: vec!["ListCollections@eu-west-1".into()],
        ..ServeConfig::default()
    })
    .await;
    us.list_collections()
        .send()
        .await
        .expect("allowed in us-east-1");
    let eu = client(&handle, "eu-west-1");
    let err = eu.list_collections().send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert!(
        err.message()
            .unwrap_or_default()
            .contains("not authorized to perform: rekognition:ListCollections"),
        "{err:?}"
    );
    handle.shutdown().await;
}

/// `rekog serve --demo` serves what `rekog --demo` shows: its opt-in regions are not
/// enabled either.
#[tokio::test]
async fn serve_demo_leaves_the_demo_s_opt_in_regions_disabled() {
    let server = crate::serve::Server::start(&["--demo"]);
    let endpoint = server.endpoint.clone();
    let client = |region| crate::support::client_with(&endpoint, region, "AKIDANY", "secret");
    let listed = client("us-east-1").list_collections().send().await;
    let spain = client("eu-south-2").list_collections().send().await;
    drop(server);
    assert!(
        !listed
            .expect("us-east-1 answers")
            .collection_ids()
            .is_empty()
    );
    assert_eq!(
        spain.unwrap_err().code(),
        Some("UnrecognizedClientException")
    );
}

#[test]
fn serve_rejects_a_deny_whose_region_is_not_a_region() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rekog"))
        .args(["serve", "--deny", "ListCollections@nowhere"])
        .output()
        .expect("rekog runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a region code"), "{stderr}");
}
