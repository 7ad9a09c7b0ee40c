//! DisassociateFaces through the real aws-sdk-rekognition client, and ClientRequestToken
//! replays of both operations.

use aws_sdk_rekognition::types::{
    UnsuccessfulFaceDeletionReason as DeleteReason,
    UnsuccessfulFaceDisassociationReason as DisassocReason, UserStatus,
};

use crate::associate::{C, MISSING, SEED, faces, layout, status};
use crate::support::{failure, start_seeded};

#[tokio::test]
async fn disassociate_then_delete_faces() {
    let (handle, rk) = start_seeded(SEED).await;
    let (free, owned) = layout(&rk).await;
    let mine: Vec<_> = owned.iter().filter(|(_, u)| u == "user-000001").collect();
    let (theirs, other) = owned.iter().find(|(_, u)| u != "user-000001").unwrap();
    assert_eq!(mine.len(), 2);

    let refused = rk
        .delete_faces()
        .collection_id(C)
        .face_ids(&mine[0].0)
        .send()
        .await
        .unwrap();
    assert!(refused.deleted_faces().is_empty());
    let reasons = refused.unsuccessful_face_deletions()[0].reasons();
    assert_eq!(reasons, [DeleteReason::AssociatedToAnExistingUser]);

    let out = rk
        .disassociate_faces()
        .collection_id(C)
        .user_id("user-000001")
        .face_ids(&mine[0].0)
        .face_ids(theirs)
        .face_ids(MISSING)
        .face_ids(&free[0])
        .send()
        .await
        .unwrap();
    let done: Vec<_> = out
        .disassociated_faces()
        .iter()
        .map(|f| f.face_id().unwrap())
        .collect();
    assert_eq!(done, [mine[0].0.as_str()]);
    let failed = out.unsuccessful_face_disassociations();
    assert_eq!(failed.len(), 2, "a face of no user is left out: {failed:?}");
    assert_eq!(failed[0].face_id(), Some(theirs.as_str()));
    assert_eq!(failed[0].user_id(), Some(other.as_str()));
    assert_eq!(
        failed[0].reasons(),
        [DisassocReason::AssociatedToADifferentUser]
    );
    assert_eq!(failed[1].face_id(), Some(MISSING));
    assert_eq!(failed[1].reasons(), [DisassocReason::FaceNotFound]);
    assert_eq!(
        out.user_status(),
        Some(&UserStatus::Active),
        "one face left"
    );

    let deleted = rk
        .delete_faces()
        .collection_id(C)
        .face_ids(&mine[0].0)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.deleted_faces(), [mine[0].0.as_str()]);

    let out = rk
        .disassociate_faces()
        .collection_id(C)
        .user_id("user-000001")
        .face_ids(&mine[1].0)
        .send()
        .await
        .unwrap();
    assert_eq!(out.user_status(), Some(&UserStatus::Created));
    assert_eq!(status(&rk, "user-000001").await, UserStatus::Created);
    assert!(faces(&rk, Some("user-000001")).await.is_empty());
    handle.shutdown().await;
}

#[tokio::test]
async fn client_request_tokens_replay_the_first_answer() {
    let (handle, rk) = start_seeded(SEED).await;
    let (free, _) = layout(&rk).await;
    rk.create_user()
        .collection_id(C)
        .user_id("v")
        .send()
        .await
        .unwrap();
    let call = |face: &str| {
        rk.associate_faces()
            .collection_id(C)
            .user_id("v")
            .face_ids(face)
            .client_request_token("assoc-1")
    };
    let first = call(&free[0]).send().await.unwrap();
    assert_eq!(first.associated_faces().len(), 1);
    // Run again, the call would associate nothing; the retry answers as the first did.
    let again = call(&free[0]).send().await.unwrap();
    assert_eq!(again.associated_faces(), first.associated_faces());
    assert_eq!(again.user_status(), first.user_status());
    let err = call(&free[1]).send().await.unwrap_err();
    let (code_, _, message) = failure(&err);
    assert_eq!(code_, "IdempotentParameterMismatchException");
    assert!(message.contains("assoc-1"), "{message}");
    assert!(
        err.into_service_error()
            .is_idempotent_parameter_mismatch_exception()
    );

    // The same token is DisassociateFaces' own to use once.
    let undo = || {
        rk.disassociate_faces()
            .collection_id(C)
            .user_id("v")
            .face_ids(&free[0])
            .client_request_token("assoc-1")
    };
    let first = undo().send().await.unwrap();
    assert_eq!(first.disassociated_faces().len(), 1);
    assert_eq!(first.user_status(), Some(&UserStatus::Created));
    let again = undo().send().await.unwrap();
    assert_eq!(again.disassociated_faces(), first.disassociated_faces());
    assert_eq!(again.user_status(), first.user_status());
    assert_eq!(status(&rk, "v").await, UserStatus::Created);
    handle.shutdown().await;
}
