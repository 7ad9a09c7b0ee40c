//! Faces through the SDK: seeded faces and the filters of ListFaces, and what DeleteFaces
//! reports it could not delete.

use std::collections::HashMap;

use aws_sdk_rekognition::types::UnsuccessfulFaceDeletionReason;

use super::SEED;
use crate::support::{code, start_seeded};

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
