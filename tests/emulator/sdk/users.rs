//! Users through the SDK: create, delete, and the idempotency of both.

use aws_sdk_rekognition::types::UserStatus;

use super::SEED;
use crate::support::{code, failure, start_seeded};

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
