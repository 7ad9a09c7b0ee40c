//! Collections through the SDK: the lifecycle of one, and regions kept apart.

use rekog::emulator::ServeConfig;

use crate::support::{client, code, failure, start};

#[tokio::test]
async fn collection_lifecycle() {
    let (handle, rk) = start(ServeConfig::default()).await;
    let created = rk
        .create_collection()
        .collection_id("lobby-cam")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status_code(), Some(200));
    assert_eq!(
        created.collection_arn(),
        Some("arn:aws:rekognition:us-east-1:123456789012:collection/lobby-cam")
    );
    assert_eq!(created.face_model_version(), Some("7.0"));

    let err = rk
        .create_collection()
        .collection_id("lobby-cam")
        .send()
        .await
        .unwrap_err();
    let (code, status, message) = failure(&err);
    assert_eq!(
        (code.as_str(), status),
        ("ResourceAlreadyExistsException", 400)
    );
    assert!(message.contains("lobby-cam"), "{message}");
    assert!(
        err.into_service_error()
            .is_resource_already_exists_exception()
    );

    let described = rk
        .describe_collection()
        .collection_id("lobby-cam")
        .send()
        .await
        .unwrap();
    assert_eq!(described.face_count(), Some(0));
    assert_eq!(described.user_count(), Some(0));
    let created_at = described.creation_timestamp().unwrap().secs();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((now - created_at).abs() < 60, "{created_at} vs {now}");
    assert!(
        described
            .collection_arn()
            .unwrap()
            .ends_with(":collection/lobby-cam")
    );

    let listed = rk.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids(), ["lobby-cam"]);
    assert_eq!(listed.face_model_versions(), ["7.0"]);
    assert_eq!(listed.next_token(), None);

    let deleted = rk
        .delete_collection()
        .collection_id("lobby-cam")
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status_code(), Some(200));
    for _ in 0..2 {
        let err = rk
            .describe_collection()
            .collection_id("lobby-cam")
            .send()
            .await
            .unwrap_err();
        assert_eq!(failure(&err).0, "ResourceNotFoundException");
        let err = rk
            .delete_collection()
            .collection_id("lobby-cam")
            .send()
            .await
            .unwrap_err();
        let (code, status, message) = failure(&err);
        assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 400));
        assert!(message.contains("lobby-cam"), "{message}");
        assert!(err.into_service_error().is_resource_not_found_exception());
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn regions_are_separate() {
    let (handle, east) = start(ServeConfig::default()).await;
    let west = client(&handle, "eu-west-1");
    east.create_collection()
        .collection_id("shared-id")
        .send()
        .await
        .unwrap();
    west.create_collection()
        .collection_id("shared-id")
        .send()
        .await
        .unwrap();
    west.create_collection()
        .collection_id("west-only")
        .send()
        .await
        .unwrap();
    let listed = east.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids(), ["shared-id"]);
    let listed = west.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids(), ["shared-id", "west-only"]);
    let arn = west
        .describe_collection()
        .collection_id("west-only")
        .send()
        .await
        .unwrap();
    assert!(arn.collection_arn().unwrap().contains(":eu-west-1:"));
    let err = east
        .describe_collection()
        .collection_id("west-only")
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    handle.shutdown().await;
}
