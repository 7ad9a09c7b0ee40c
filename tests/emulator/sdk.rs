//! The emulator through the real aws-sdk-rekognition client over loopback: operations,
//! modelled errors, validation, tags and users.

use std::collections::HashMap;

use aws_sdk_rekognition::types::{UnsuccessfulFaceDeletionReason, UserStatus};
use rekog::emulator::ServeConfig;

use crate::support::{client, code, failure, start, start_seeded};

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

const SEED: &str = r#"{"collections":[
  {"id":"hq-badge-photos","created":"2025-03-01T10:00:00Z","face_model_version":"6.0",
   "tags":{"team":"security"},"faces":30,"users":3},
  {"id":"empty","region":"eu-west-1"}]}"#;

#[tokio::test]
async fn seeded_faces_and_their_filters() {
    let (handle, rk) = start_seeded(SEED).await;
    let d = rk
        .describe_collection()
        .collection_id("hq-badge-photos")
        .send()
        .await
        .unwrap();
    assert_eq!((d.face_count(), d.user_count()), (Some(30), Some(3)));
    assert_eq!(d.face_model_version(), Some("6.0"));
    assert_eq!(d.creation_timestamp().unwrap().secs(), 1_740_823_200);

    let all = rk
        .list_faces()
        .collection_id("hq-badge-photos")
        .send()
        .await
        .unwrap();
    assert_eq!(all.faces().len(), 30);
    assert_eq!(all.face_model_version(), Some("6.0"));
    let first = &all.faces()[0];
    assert_eq!(first.external_image_id(), Some("img-000001.jpg"));
    assert_eq!(first.index_faces_model_version(), Some("6.0"));
    let b = first.bounding_box().unwrap();
    assert!(b.width().unwrap() > 0.0 && b.left().unwrap() >= 0.0);
    assert!(first.confidence().unwrap() >= 99.0);
    let by_user: HashMap<_, _> = all
        .faces()
        .iter()
        .filter_map(|f| f.user_id().map(|u| (f.face_id().unwrap(), u)))
        .collect();
    assert_eq!(by_user.len(), 10, "every third face belongs to a user");

    let of_user = rk
        .list_faces()
        .collection_id("hq-badge-photos")
        .user_id("user-000002")
        .send()
        .await
        .unwrap();
    assert!(!of_user.faces().is_empty());
    assert!(
        of_user
            .faces()
            .iter()
            .all(|f| f.user_id() == Some("user-000002"))
    );

    let wanted = [
        all.faces()[4].face_id().unwrap(),
        all.faces()[1].face_id().unwrap(),
    ];
    let picked = rk
        .list_faces()
        .collection_id("hq-badge-photos")
        .set_face_ids(Some(wanted.iter().map(|s| s.to_string()).collect()))
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = picked
        .faces()
        .iter()
        .map(|f| f.face_id().unwrap())
        .collect();
    assert_eq!(ids, [wanted[1], wanted[0]], "in collection order");

    // Same seed, same records: the synthetic data is deterministic.
    let (again, rk2) = start_seeded(SEED).await;
    let other = rk2
        .list_faces()
        .collection_id("hq-badge-photos")
        .send()
        .await
        .unwrap();
    assert_eq!(all.faces(), other.faces());
    again.shutdown().await;
    handle.shutdown().await;
}

#[tokio::test]
async fn delete_faces_reports_what_it_could_not_delete() {
    let (handle, rk) = start_seeded(SEED).await;
    let faces = rk
        .list_faces()
        .collection_id("hq-badge-photos")
        .send()
        .await
        .unwrap()
        .faces()
        .to_vec();
    let owned = faces.iter().find(|f| f.user_id().is_some()).unwrap();
    let free = faces.iter().find(|f| f.user_id().is_none()).unwrap();
    let missing = "00000000-0000-4000-8000-000000000000";
    let out = rk
        .delete_faces()
        .collection_id("hq-badge-photos")
        .face_ids(owned.face_id().unwrap())
        .face_ids(free.face_id().unwrap())
        .face_ids(missing)
        .send()
        .await
        .unwrap();
    assert_eq!(out.deleted_faces(), [free.face_id().unwrap()]);
    let failed = out.unsuccessful_face_deletions();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].face_id(), owned.face_id());
    assert_eq!(failed[0].user_id(), owned.user_id());
    assert_eq!(
        failed[0].reasons(),
        [UnsuccessfulFaceDeletionReason::AssociatedToAnExistingUser]
    );
    assert_eq!(failed[1].face_id(), Some(missing));
    assert_eq!(
        failed[1].reasons(),
        [UnsuccessfulFaceDeletionReason::FaceNotFound]
    );
    let d = rk
        .describe_collection()
        .collection_id("hq-badge-photos")
        .send()
        .await
        .unwrap();
    assert_eq!(d.face_count(), Some(29));
    let err = rk
        .delete_faces()
        .collection_id("nope")
        .face_ids(missing)
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    handle.shutdown().await;
}

#[tokio::test]
async fn users_create_delete_and_idempotency() {
    let (handle, rk) = start_seeded(SEED).await;
    let c = "hq-badge-photos";
    let users = rk.list_users().collection_id(c).send().await.unwrap();
    let statuses: Vec<_> = users
        .users()
        .iter()
        .map(|u| (u.user_id().unwrap(), u.user_status().unwrap().clone()))
        .collect();
    assert_eq!(statuses.len(), 3);
    assert!(statuses.iter().all(|(_, s)| *s == UserStatus::Active));

    rk.create_user()
        .collection_id(c)
        .user_id("visitor:7")
        .client_request_token("token-1")
        .send()
        .await
        .unwrap();
    // A retry with the same token succeeds again; a new token conflicts.
    rk.create_user()
        .collection_id(c)
        .user_id("visitor:7")
        .client_request_token("token-1")
        .send()
        .await
        .unwrap();
    let err = rk
        .create_user()
        .collection_id(c)
        .user_id("visitor:7")
        .send()
        .await
        .unwrap_err();
    assert_eq!(failure(&err).0, "ConflictException");
    let err = rk
        .create_user()
        .collection_id(c)
        .user_id("visitor:8")
        .client_request_token("token-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(failure(&err).0, "IdempotentParameterMismatchException");
    let users = rk.list_users().collection_id(c).send().await.unwrap();
    let last = users.users().last().unwrap();
    assert_eq!(last.user_id(), Some("visitor:7"));
    assert_eq!(last.user_status(), Some(&UserStatus::Created));

    // Deleting a user with faces disassociates them first.
    rk.delete_user()
        .collection_id(c)
        .user_id("user-000001")
        .send()
        .await
        .unwrap();
    let faces = rk
        .list_faces()
        .collection_id(c)
        .user_id("user-000001")
        .send()
        .await
        .unwrap();
    assert!(faces.faces().is_empty());
    let d = rk
        .describe_collection()
        .collection_id(c)
        .send()
        .await
        .unwrap();
    assert_eq!((d.face_count(), d.user_count()), (Some(30), Some(3)));
    let err = rk
        .delete_user()
        .collection_id(c)
        .user_id("user-000001")
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    let err = rk
        .create_user()
        .collection_id("nope")
        .user_id("a")
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    handle.shutdown().await;
}

#[tokio::test]
async fn tags_on_collection_arns() {
    let (handle, rk) = start_seeded(SEED).await;
    let arn = "arn:aws:rekognition:us-east-1:123456789012:collection/hq-badge-photos";
    let tags = rk
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        tags.tags().unwrap().get("team").map(String::as_str),
        Some("security")
    );
    rk.tag_resource()
        .resource_arn(arn)
        .tags("env", "prod")
        .tags("team", "facilities")
        .send()
        .await
        .unwrap();
    rk.untag_resource()
        .resource_arn(arn)
        .tag_keys("env")
        .send()
        .await
        .unwrap();
    let tags = rk
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .unwrap();
    let expected = HashMap::from([("team".to_owned(), "facilities".to_owned())]);
    assert_eq!(tags.tags(), Some(&expected));

    let create = rk
        .create_collection()
        .collection_id("tagged")
        .tags("owner", "ops team")
        .send()
        .await
        .unwrap();
    let tags = rk
        .list_tags_for_resource()
        .resource_arn(create.collection_arn().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags().unwrap().len(), 1);

    let many: HashMap<String, String> = (0..150).map(|i| (format!("k{i}"), "v".into())).collect();
    let more: HashMap<String, String> = (0..60).map(|i| (format!("m{i}"), "v".into())).collect();
    rk.tag_resource()
        .resource_arn(arn)
        .set_tags(Some(many))
        .send()
        .await
        .unwrap();
    let err = rk
        .tag_resource()
        .resource_arn(arn)
        .set_tags(Some(more))
        .send()
        .await;
    assert_eq!(code(err), "ServiceQuotaExceededException");

    let elsewhere = "arn:aws:rekognition:eu-west-1:123456789012:collection/hq-badge-photos";
    let err = rk
        .list_tags_for_resource()
        .resource_arn(elsewhere)
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    let err = rk
        .list_tags_for_resource()
        .resource_arn("arn:aws:s3:::a-bucket-name-here")
        .send()
        .await;
    assert_eq!(code(err), "InvalidParameterException");
    handle.shutdown().await;
}

#[tokio::test]
async fn every_constraint_is_enforced_on_the_server() {
    let (handle, rk) = start_seeded(SEED).await;
    let c = "hq-badge-photos";
    let long = "a".repeat(256);
    let checks: Vec<(&str, String)> = vec![
        (
            "id pattern",
            code(
                rk.create_collection()
                    .collection_id("has space")
                    .send()
                    .await,
            ),
        ),
        (
            "id length",
            code(rk.create_collection().collection_id(&long).send().await),
        ),
        (
            "id empty",
            code(rk.describe_collection().collection_id("").send().await),
        ),
        (
            "max 4097",
            code(rk.list_collections().max_results(4097).send().await),
        ),
        (
            "max -1",
            code(rk.list_collections().max_results(-1).send().await),
        ),
        (
            "faces max",
            code(
                rk.list_faces()
                    .collection_id(c)
                    .max_results(5000)
                    .send()
                    .await,
            ),
        ),
        (
            "users max 0",
            code(rk.list_users().collection_id(c).max_results(0).send().await),
        ),
        (
            "users max 501",
            code(
                rk.list_users()
                    .collection_id(c)
                    .max_results(501)
                    .send()
                    .await,
            ),
        ),
        (
            "token length",
            code(
                rk.list_collections()
                    .next_token("x".repeat(256))
                    .send()
                    .await,
            ),
        ),
        (
            "face id",
            code(
                rk.delete_faces()
                    .collection_id(c)
                    .face_ids("not-a-uuid")
                    .send()
                    .await,
            ),
        ),
        (
            "no face ids",
            code(
                rk.delete_faces()
                    .collection_id(c)
                    .set_face_ids(Some(vec![]))
                    .send()
                    .await,
            ),
        ),
        (
            "user pattern",
            code(
                rk.create_user()
                    .collection_id(c)
                    .user_id("a b")
                    .send()
                    .await,
            ),
        ),
        (
            "user length",
            code(
                rk.create_user()
                    .collection_id(c)
                    .user_id("u".repeat(129))
                    .send()
                    .await,
            ),
        ),
        (
            "token pattern",
            code(
                rk.create_user()
                    .collection_id(c)
                    .user_id("u")
                    .client_request_token("a.b")
                    .send()
                    .await,
            ),
        ),
        (
            "filter user",
            code(rk.list_faces().collection_id(c).user_id("a/b").send().await),
        ),
        (
            "aws: key",
            code(
                rk.create_collection()
                    .collection_id("t")
                    .tags("aws:x", "v")
                    .send()
                    .await,
            ),
        ),
        (
            "key length",
            code(
                rk.create_collection()
                    .collection_id("t")
                    .tags("k".repeat(129), "v")
                    .send()
                    .await,
            ),
        ),
        (
            "value length",
            code(
                rk.create_collection()
                    .collection_id("t")
                    .tags("k", "v".repeat(257))
                    .send()
                    .await,
            ),
        ),
        (
            "value pattern",
            code(
                rk.create_collection()
                    .collection_id("t")
                    .tags("k", "a\u{7}")
                    .send()
                    .await,
            ),
        ),
        (
            "arn length",
            code(
                rk.list_tags_for_resource()
                    .resource_arn("arn:short")
                    .send()
                    .await,
            ),
        ),
    ];
    for (what, code) in checks {
        assert_eq!(code, "InvalidParameterException", "{what}");
    }
    let err = rk
        .list_faces()
        .collection_id(c)
        .max_results(9999)
        .user_id("bad user")
        .send()
        .await
        .unwrap_err();
    let (_, status, message) = failure(&err);
    assert_eq!(status, 400);
    assert!(
        message.starts_with("2 validation errors detected"),
        "{message}"
    );
    assert!(
        message.contains("'maxResults'") && message.contains("'userId'"),
        "{message}"
    );
    // Nothing invalid was created.
    let listed = rk.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids(), [c]);
    handle.shutdown().await;
}

#[tokio::test]
async fn a_client_request_token_belongs_to_its_operation() {
    let (handle, rk) = start(ServeConfig::default()).await;
    rk.create_collection()
        .collection_id("c")
        .send()
        .await
        .unwrap();
    let create = |user: &'static str| {
        rk.create_user()
            .collection_id("c")
            .user_id(user)
            .client_request_token("shared-token")
            .send()
    };
    let delete = |user: &'static str| {
        rk.delete_user()
            .collection_id("c")
            .user_id(user)
            .client_request_token("shared-token")
            .send()
    };
    create("alice").await.unwrap();
    // The same token on DeleteUser is a new request, not a mismatch: alice goes.
    delete("alice").await.unwrap();
    let users = rk.list_users().collection_id("c").send().await.unwrap();
    assert!(users.users().is_empty());
    // Retries of either replay their first answer.
    create("alice").await.unwrap();
    delete("alice").await.unwrap();
    let users = rk.list_users().collection_id("c").send().await.unwrap();
    assert!(users.users().is_empty(), "a replayed create made nothing");
    // Within one operation, the token still refuses another user.
    assert_eq!(
        code(create("bob").await),
        "IdempotentParameterMismatchException"
    );
    assert_eq!(
        code(delete("bob").await),
        "IdempotentParameterMismatchException"
    );
    handle.shutdown().await;
}
