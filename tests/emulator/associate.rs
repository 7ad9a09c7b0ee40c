//! AssociateFaces through the real aws-sdk-rekognition client, and the seed and helpers
//! that the DisassociateFaces tests share.

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::types::{
    Face, UnsuccessfulFaceAssociationReason as AssocReason, UserStatus,
};
use rekog::emulator::{Seed, ServeConfig};

use crate::support::{code, failure, start, start_seeded};

/// Faces 1, 4, 7 and 10 (in collection order) belong to user-000001 and user-000002 in turn.
pub const SEED: &str = r#"{"collections":[{"id":"lobby","faces":12,"users":2}]}"#;
pub const C: &str = "lobby";
pub const MISSING: &str = "00000000-0000-4000-8000-000000000000";

pub async fn faces(rk: &Client, user: Option<&str>) -> Vec<Face> {
    rk.list_faces()
        .collection_id(C)
        .set_user_id(user.map(str::to_owned))
        .send()
        .await
        .unwrap()
        .faces()
        .to_vec()
}

fn ids(faces: &[Face]) -> Vec<String> {
    faces
        .iter()
        .map(|f| f.face_id().unwrap().to_owned())
        .collect()
}

pub async fn status(rk: &Client, user: &str) -> UserStatus {
    let users = rk.list_users().collection_id(C).send().await.unwrap();
    let found = users.users().iter().find(|u| u.user_id() == Some(user));
    found.unwrap().user_status().unwrap().clone()
}

/// (free face ids, (face id, owner) of the associated ones)
pub async fn layout(rk: &Client) -> (Vec<String>, Vec<(String, String)>) {
    let all = faces(rk, None).await;
    let free = all.iter().filter(|f| f.user_id().is_none()).cloned();
    let owned = all.iter().filter_map(|f| {
        let user = f.user_id()?.to_owned();
        Some((f.face_id().unwrap().to_owned(), user))
    });
    (ids(&free.collect::<Vec<_>>()), owned.collect())
}

#[tokio::test]
async fn associate_shows_in_list_faces_and_list_users() {
    let (handle, rk) = start_seeded(SEED).await;
    let (free, owned) = layout(&rk).await;
    rk.create_user()
        .collection_id(C)
        .user_id("visitor:1")
        .send()
        .await
        .unwrap();
    assert_eq!(status(&rk, "visitor:1").await, UserStatus::Created);

    let out = rk
        .associate_faces()
        .collection_id(C)
        .user_id("visitor:1")
        .face_ids(&free[0])
        .face_ids(&free[1])
        .send()
        .await
        .unwrap();
    let associated: Vec<_> = out
        .associated_faces()
        .iter()
        .map(|f| f.face_id().unwrap())
        .collect();
    assert_eq!(associated, [&free[0], &free[1]]);
    assert!(out.unsuccessful_face_associations().is_empty());
    assert_eq!(out.user_status(), Some(&UserStatus::Active));
    let listed = faces(&rk, Some("visitor:1")).await;
    assert_eq!(ids(&listed), [free[0].clone(), free[1].clone()]);
    assert!(listed.iter().all(|f| f.user_id() == Some("visitor:1")));
    assert_eq!(status(&rk, "visitor:1").await, UserStatus::Active);

    // A face the user has already is left out of both lists; another user's face, and one
    // the collection does not hold, are unsuccessful with the model's reasons.
    let (theirs, owner) = &owned[0];
    let out = rk
        .associate_faces()
        .collection_id(C)
        .user_id("visitor:1")
        .face_ids(&free[0])
        .face_ids(theirs)
        .face_ids(MISSING)
        .send()
        .await
        .unwrap();
    assert!(out.associated_faces().is_empty());
    let failed = out.unsuccessful_face_associations();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].face_id(), Some(theirs.as_str()));
    assert_eq!(failed[0].user_id(), Some(owner.as_str()));
    assert_eq!(
        failed[0].reasons(),
        [AssocReason::AssociatedToADifferentUser]
    );
    assert_eq!(failed[1].face_id(), Some(MISSING));
    assert_eq!(failed[1].reasons(), [AssocReason::FaceNotFound]);
    assert_eq!(out.user_status(), Some(&UserStatus::Active));
    let still = faces(&rk, Some(owner)).await;
    assert!(still.iter().any(|f| f.face_id() == Some(theirs.as_str())));
    handle.shutdown().await;
}

#[tokio::test]
async fn invalid_members_and_missing_resources() {
    let (handle, rk) = start_seeded(SEED).await;
    let (free, _) = layout(&rk).await;
    let many: Vec<String> = (0..101)
        .map(|i| format!("00000000-0000-4000-8000-{i:012}"))
        .collect();
    let err = rk
        .associate_faces()
        .collection_id(C)
        .user_id("user-000001")
        .set_face_ids(Some(many.clone()))
        .send()
        .await
        .unwrap_err();
    let (code_, status, message) = failure(&err);
    assert_eq!((code_.as_str(), status), ("InvalidParameterException", 400));
    assert!(
        message.contains("'faceIds'") && message.contains("between 1 and 100"),
        "{message}"
    );
    assert!(err.into_service_error().is_invalid_parameter_exception());
    let err = rk
        .disassociate_faces()
        .collection_id(C)
        .user_id("user-000001")
        .set_face_ids(Some(many))
        .send()
        .await;
    assert_eq!(code(err), "InvalidParameterException");

    let err = rk
        .associate_faces()
        .collection_id(C)
        .user_id("user 1")
        .face_ids("NOT-A-UUID")
        .user_match_threshold(100.5)
        .client_request_token("a.b")
        .send()
        .await
        .unwrap_err();
    let message = failure(&err).2;
    assert!(
        message.starts_with("4 validation errors detected"),
        "{message}"
    );
    for member in [
        "'userId'",
        "'faceIds.1.member'",
        "'userMatchThreshold'",
        "'clientRequestToken'",
    ] {
        assert!(message.contains(member), "{member}: {message}");
    }
    let err = rk
        .associate_faces()
        .collection_id(C)
        .user_id("user-000001")
        .send()
        .await;
    assert_eq!(
        code(err),
        "InvalidParameterException",
        "FaceIds is required"
    );

    let err = rk
        .associate_faces()
        .collection_id(C)
        .user_id("nobody")
        .face_ids(&free[0])
        .send()
        .await
        .unwrap_err();
    let (code_, _, message) = failure(&err);
    assert_eq!(code_, "ResourceNotFoundException");
    assert!(message.contains("nobody"), "{message}");
    assert!(err.into_service_error().is_resource_not_found_exception());
    let err = rk
        .disassociate_faces()
        .collection_id(C)
        .user_id("nobody")
        .face_ids(&free[0])
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    let err = rk
        .associate_faces()
        .collection_id("nope")
        .user_id("a")
        .face_ids(MISSING)
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    handle.shutdown().await;
}

#[tokio::test]
async fn a_deny_names_the_iam_action() {
    let seed = Seed::parse("test", SEED).unwrap();
    let (handle, rk) = start(ServeConfig {
        seed: Some(seed),
        deny: vec!["AssociateFaces".to_owned()],
        ..ServeConfig::default()
    })
    .await;
    let err = rk
        .associate_faces()
        .collection_id(C)
        .user_id("user-000001")
        .face_ids(MISSING)
        .send()
        .await
        .unwrap_err();
    let (code_, _, message) = failure(&err);
    assert_eq!(code_, "AccessDeniedException");
    assert!(message.contains("rekognition:AssociateFaces"), "{message}");
    assert!(message.contains(":collection/lobby"), "{message}");
    let out = rk
        .disassociate_faces()
        .collection_id(C)
        .user_id("user-000001")
        .face_ids(MISSING)
        .send()
        .await
        .unwrap();
    assert_eq!(out.unsuccessful_face_disassociations().len(), 1);
    handle.shutdown().await;
}
