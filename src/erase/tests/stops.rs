//! Erasures that do not go all the way: the service keeps something, a call fails, the
//! record cannot be written.

use std::path::Path;

use super::fake::{Fake, face, face_id};
use super::*;

#[tokio::test]
async fn a_named_user_that_keeps_other_faces_is_not_deleted() {
    let fake = Fake::new(people());
    let b = bench(&fake);
    // Only one of Alice's faces on her user is named.
    let e = erasure(vec![face(1, "alice-1.jpg", Some("u-alice"))], &["u-alice"]);
    let report = run(&fake, &b, &e).await.0.unwrap();
    assert_eq!(report.faces_erased, [face_id(1)]);
    assert!(report.users_erased.is_empty());
    assert_eq!(report.users_refused.len(), 1);
    let kept = &report.users_refused[0];
    assert_eq!(kept.user_id, "u-alice");
    assert_eq!(kept.error.kind, ErrorKind::Refused);
    assert!(
        kept.error.message.contains(&face_id(3)),
        "{}",
        kept.error.message
    );
    assert!(!report.is_complete());
    assert!(fake.state().users.contains("u-alice"));
    assert!(calls(&fake).iter().all(|c| c.0 != Op::DeleteUser));
    let outcome = &trail(&b.trail)[1];
    assert_eq!(outcome["outcome"], "error");
    assert_eq!(outcome["error_code"], "Refused");
    assert_eq!(
        (
            outcome["faces_erased"].as_u64(),
            outcome["users_failed"].as_u64()
        ),
        (Some(1), Some(1))
    );
}

#[tokio::test]
async fn faces_the_service_keeps_are_reported_each_with_every_reason() {
    let fake = Fake::new(people());
    let b = bench(&fake);
    // Face 1 moved to Bob since the search; face 9 was never there (or is gone).
    fake.state().faces[0].user_id = Some("u-bob".parse().unwrap());
    let mut faces = alices(&people());
    faces.push(face(9, "alice-9.jpg", None));
    let report = run(&fake, &b, &erasure(faces, &[])).await.0.unwrap();
    assert_eq!(report.faces_erased, [face_id(3), face_id(4), face_id(5)]);
    let refused: Vec<(String, Option<String>, Vec<String>)> = (report.faces_refused.iter())
        .map(|r| (r.face_id.clone(), r.user_id.clone(), r.reasons.clone()))
        .collect();
    assert_eq!(
        refused,
        [
            (
                face_id(1),
                Some("u-bob".into()),
                vec![
                    "ASSOCIATED_TO_A_DIFFERENT_USER".to_owned(),
                    "ASSOCIATED_TO_AN_EXISTING_USER".to_owned()
                ]
            ),
            (face_id(9), None, vec!["FACE_NOT_FOUND".to_owned()]),
        ]
    );
    assert!(report.stopped.is_none() && !report.is_complete());
    let outcome = &trail(&b.trail)[1];
    assert_eq!(
        (
            outcome["faces_erased"].as_u64(),
            outcome["faces_failed"].as_u64()
        ),
        (Some(3), Some(2))
    );
}

#[tokio::test]
async fn an_audit_trail_that_cannot_be_written_stops_everything() {
    let fake = Fake::new(people());
    let mut b = bench(&fake);
    // /dev/full opens for writing and fails every write with ENOSPC, even for root.
    b.gate = Gate::new(
        Some(std::sync::Arc::new(
            Audit::open(Path::new("/dev/full")).unwrap(),
        )),
        false,
        crate::protect::Protect::default(),
    );
    let (result, _) = run(&fake, &b, &erasure(alices(&people()), &["u-alice"])).await;
    let why = result.unwrap_err();
    assert!(
        why.contains("/dev/full") && why.contains("nothing was erased"),
        "{why}"
    );
    assert_eq!(calls(&fake), [(Op::DescribeCollection, None, 0)]);
    assert_eq!(fake.state().faces.len(), 6);
    // The manifest of an erasure that never began is not left behind.
    let left: Vec<_> = walk(&b.dir);
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn a_failed_call_stops_the_erasure_where_it_is_and_the_outcome_says_how_far() {
    let faces: Vec<Face> = (0..5000).map(|n| face(n, "p.jpg", Some("u"))).collect();
    let fake = Fake::new(faces.clone());
    let b = bench(&fake);
    fake.state().fail = Some((Op::DeleteFaces, 1, ErrorKind::AccessDenied));
    let report = run(&fake, &b, &erasure(faces, &["u"])).await.0.unwrap();
    assert_eq!(report.faces_erased.len(), 4096);
    assert_eq!(report.faces_not_reached.len(), 904);
    assert_eq!(report.users_not_reached, ["u"]);
    let stopped = report.stopped.as_ref().unwrap();
    assert_eq!(stopped.op, Op::DeleteFaces);
    assert_eq!(stopped.request_id.as_deref(), Some("req-fake"));
    // No user deleted; the only ListFaces calls are the proof of absence's, after the stop.
    let made = calls(&fake);
    assert!(made.iter().all(|c| c.0 != Op::DeleteUser));
    let stop = made.iter().rposition(|c| c.0 == Op::DeleteFaces).unwrap();
    assert!(
        made[..stop].iter().all(|c| c.0 != Op::ListFaces),
        "{made:?}"
    );
    assert_eq!(fake.state().faces.len(), 904);
    assert_eq!(report.remaining().map(<[String]>::len), Some(904));
    let outcome = &trail(&b.trail)[1];
    assert_eq!(outcome["outcome"], "error");
    assert_eq!(outcome["error_code"], "InjectedException");
    assert_eq!(outcome["faces_erased"], 4096);
    assert_eq!(outcome["faces_failed"], 904);
    assert_eq!(outcome["users_failed"], 1);
    assert_eq!(outcome["remaining"], 904);
}

#[tokio::test]
async fn a_call_that_may_have_taken_effect_leaves_an_unknown_outcome() {
    let fake = Fake::new(people());
    let b = bench(&fake);
    fake.state().fail = Some((Op::DisassociateFaces, 0, ErrorKind::Timeout));
    let report = run(&fake, &b, &erasure(alices(&people()), &[]))
        .await
        .0
        .unwrap();
    assert!(report.faces_erased.is_empty());
    assert_eq!(report.faces_not_reached.len(), 4);
    assert!(calls(&fake).iter().all(|c| c.0 != Op::DeleteFaces));
    assert_eq!(trail(&b.trail)[1]["outcome"], "unknown");
}

#[tokio::test]
async fn nothing_is_written_or_changed_when_the_collection_cannot_be_described() {
    let fake = Fake::new(people());
    let b = bench(&fake);
    fake.state().fail = Some((Op::DescribeCollection, 0, ErrorKind::AccessDenied));
    let why = run(&fake, &b, &erasure(alices(&people()), &[]))
        .await
        .0
        .unwrap_err();
    assert!(
        why.starts_with("DescribeCollection lobby: InjectedException"),
        "{why}"
    );
    assert!(walk(&b.dir).is_empty());
    assert!(trail(&b.trail).is_empty());

    let empty = run(&fake, &b, &erasure(Vec::new(), &[]))
        .await
        .0
        .unwrap_err();
    assert!(empty.contains("nothing to erase"), "{empty}");
    assert_eq!(calls(&fake).len(), 1, "no call for an empty erasure");
}
