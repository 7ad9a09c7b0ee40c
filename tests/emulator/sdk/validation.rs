//! Input the server refuses through the SDK: every modelled constraint, and a
//! ClientRequestToken reused by another operation.

use rekog::emulator::ServeConfig;

use super::SEED;
use crate::support::{code, failure, start, start_seeded};

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
