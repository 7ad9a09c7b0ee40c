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

/// `rekog serve --demo` indexes its people's photos through its own HTTP face before it
/// says where it listens; what the operator asked it to inject starts after that. Before,
/// an injected throttle on one of those calls stopped the server (about one start in
/// three at `--fault-rate 0.2`), and `--deny IndexFaces` stopped every start.
#[tokio::test]
async fn serve_demo_starts_whatever_faults_it_is_given_then_injects_them() {
    let server = crate::serve::Server::start(&[
        "--demo",
        "--fault-rate",
        "1",
        "--deny",
        "IndexFaces",
        "--latency",
        "1ms..2ms",
    ]);
    let client = crate::support::client_with(&server.endpoint, "us-east-1", "AKIDANY", "secret");
    let listed = client.list_collections().send().await;
    let faces = client
        .list_faces()
        .collection_id("parking-garage-entry")
        .send()
        .await;
    let denied = client
        .index_faces()
        .collection_id("parking-garage-entry")
        .image(
            aws_sdk_rekognition::types::Image::builder()
                .bytes(aws_sdk_rekognition::primitives::Blob::new(vec![0xff, 0xd8]))
                .build(),
        )
        .send()
        .await;
    drop(server);
    let injected = [
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "InternalServerError",
    ];
    for (what, code) in [
        (
            "ListCollections",
            listed.map(drop).unwrap_err().code().map(str::to_owned),
        ),
        (
            "ListFaces",
            faces.map(drop).unwrap_err().code().map(str::to_owned),
        ),
    ] {
        let code = code.unwrap_or_default();
        assert!(injected.contains(&code.as_str()), "{what}: {code}");
    }
    assert_eq!(denied.unwrap_err().code(), Some("AccessDeniedException"));
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
